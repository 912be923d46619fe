"""Network setup: the meeting series that generate dated sessions, the quorum of each tumour
group, and the hospitals of the network.

This is set up once and changed a few times a year, so the screen favours clarity over speed:
one tab per kind of thing, a form beside each table, and the Dutch public holidays of the range
shown before sessions are generated, so nobody is surprised by an MDO on Easter Monday.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTime, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.services import network_service as ns
from solver import contract
from ui.workspaces._support import (
    Column,
    RowTableModel,
    display_text,
    from_qdate,
    long_date,
    make_table,
    to_qdate,
)
from ui.workspaces.base import Workspace
from ui.workspaces.cases import level_label
from ui.workspaces.words import mode_word, series_name_text

if TYPE_CHECKING:
    from ui.tasks import TaskFailure

ECHELONS = contract.ECHELONS
MODES = contract.SESSION_MODES


@dataclass(frozen=True)
class _Setup:
    """Everything the three own tabs show: read in one worker task."""

    series: list[Any]
    groups: list[Any]
    hospitals: list[Any]
    disciplines: list[tuple[str, str]]
    networks: list[Any]


def _read_setup(db: Any) -> _Setup:
    return _Setup(
        ns.list_series(db),
        ns.list_tumour_groups(db),
        ns.list_hospitals(db),
        ns.list_disciplines(db),
        ns.list_networks(db),
    )


class NetworkWorkspace(Workspace):
    """Hospitals, networks, tumour groups with their core disciplines, meeting series."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx,
            title=QCoreApplication.translate("NetworkWorkspace", "Network setup"),
            name="networkWorkspace",
            watches=("network", "sessions"),
            parent=parent,
        )
        self._series_id: int | None = None
        self._reselecting = False
        self._disciplines: list[tuple[str, str]] = []
        # the tumour group row to choose again once the next reload arrives
        self._select_group_row: int | None = None
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_series_tab(), self.tr("Meeting series"))
        self.tabs.addTab(self._build_groups_tab(), self.tr("Tumour groups"))
        self.tabs.addTab(self._build_hospitals_tab(), self.tr("Hospitals and networks"))
        # oncology care networks beyond the hospital walls (issue 15)
        from ui.workspaces.care_networks import CareNetworksPanel, ReferralsPanel

        self.care_panel = CareNetworksPanel(ctx, self)
        self.referrals_panel = ReferralsPanel(ctx, self)
        self.tabs.addTab(self.care_panel, self.tr("Care networks"))
        self.tabs.addTab(self.referrals_panel, self.tr("Referrals"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        if ctx.has_db:
            self.reload()

    # ------------------------------------------------------------------ series tab
    def _weekday_names(self) -> list[str]:
        return [
            self.tr("Monday"),
            self.tr("Tuesday"),
            self.tr("Wednesday"),
            self.tr("Thursday"),
            self.tr("Friday"),
            self.tr("Saturday"),
            self.tr("Sunday"),
        ]

    def _build_series_tab(self) -> QWidget:
        days = self._weekday_names()
        self.series_model = RowTableModel(
            [
                Column(self.tr("Name"), lambda r: series_name_text(r.name), sort=lambda r: r.name),
                Column(self.tr("Tumour group"), lambda r: r.tumour_group),
                Column(
                    self.tr("Echelon"), lambda r: level_label(r.echelon), sort=lambda r: r.echelon
                ),
                Column(self.tr("Host"), lambda r: r.hospital),
                Column(self.tr("Weekday"), lambda r: days[r.weekday - 1], sort=lambda r: r.weekday),
                Column(self.tr("Start"), lambda r: r.start_time),
                Column(self.tr("Minutes"), lambda r: r.duration_min, align_right=True),
                Column(self.tr("Every (weeks)"), lambda r: r.frequency_weeks, align_right=True),
                Column(self.tr("Mode"), lambda r: mode_word(r.mode), sort=lambda r: r.mode),
                Column(self.tr("Skips holidays"), lambda r: r.skip_holidays),
            ],
            self,
        )
        self.series_view = make_table(self.series_model, "seriesTable")
        self.series_view.setAccessibleName(self.tr("Meeting series"))
        self.series_view.selectionModel().currentRowChanged.connect(self._series_selected)
        header = self.series_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 300)

        form_box = QGroupBox(self.tr("Series"))
        form = QFormLayout(form_box)
        self.f_name = QLineEdit()
        self.f_group = QComboBox()
        self.f_echelon = QComboBox()
        for e in ECHELONS:
            self.f_echelon.addItem(level_label(e), e)
        self.f_hospital = QComboBox()
        self.f_weekday = QComboBox()
        for i, name in enumerate(days, start=1):
            self.f_weekday.addItem(name, i)
        self.f_start = QTimeEdit(QTime(16, 0))
        self.f_start.setDisplayFormat("HH:mm")
        self.f_duration = QSpinBox()
        self.f_duration.setRange(5, 600)
        self.f_duration.setSingleStep(15)
        self.f_duration.setValue(60)
        self.f_duration.setSuffix(self.tr(" min"))
        self.f_frequency = QSpinBox()
        self.f_frequency.setRange(1, 8)
        self.f_frequency.setPrefix(self.tr("every "))
        self.f_frequency.setSuffix(self.tr(" wk"))
        self.f_mode = QComboBox()
        for mode in MODES:
            self.f_mode.addItem(mode_word(mode), mode)
        self.f_video = QLineEdit()
        self.f_video.setPlaceholderText("https://")
        self.f_from = QDateEdit(to_qdate(dt.date.today()))
        self.f_from.setCalendarPopup(True)
        self.f_skip = QCheckBox(self.tr("Skip Dutch public holidays"))
        self.f_skip.setChecked(True)
        for label, w in (
            (self.tr("&Name"), self.f_name),
            (self.tr("&Tumour group"), self.f_group),
            (self.tr("&Echelon"), self.f_echelon),
            (self.tr("&Host"), self.f_hospital),
            (self.tr("&Weekday"), self.f_weekday),
            (self.tr("&Start"), self.f_start),
            (self.tr("&Duration"), self.f_duration),
            (self.tr("&Frequency"), self.f_frequency),
            (self.tr("&Mode"), self.f_mode),
            (self.tr("&Video link"), self.f_video),
            (self.tr("&Valid from"), self.f_from),
            ("", self.f_skip),
        ):
            form.addRow(label, w)
            if label:
                w.setAccessibleName(label.replace("&", ""))
        buttons = QHBoxLayout()
        self.new_series_button = QPushButton(self.tr("New"))
        self.save_series_button = QPushButton(self.tr("&Save series"))
        self.delete_series_button = QPushButton(self.tr("Delete"))
        self.new_series_button.clicked.connect(self._new_series)
        self.save_series_button.clicked.connect(self._save_series)
        self.delete_series_button.clicked.connect(self._delete_series)
        for b in (self.new_series_button, self.save_series_button, self.delete_series_button):
            buttons.addWidget(b)
        form.addRow(buttons)

        gen_box = QGroupBox(self.tr("Generate sessions"))
        gen = QVBoxLayout(gen_box)
        row = QHBoxLayout()
        today = dt.date.today()
        self.g_from = QDateEdit(to_qdate(today))
        self.g_to = QDateEdit(to_qdate(today + dt.timedelta(weeks=8)))
        for w, name in (
            (self.g_from, self.tr("Generate from")),
            (self.g_to, self.tr("Generate to")),
        ):
            w.setCalendarPopup(True)
            w.setAccessibleName(name)
            w.dateChanged.connect(self._show_holidays)
        row.addWidget(QLabel(self.tr("From")))
        row.addWidget(self.g_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.g_to)
        gen.addLayout(row)
        self.g_skip = QCheckBox(self.tr("Skip public holidays (overrides each series)"))
        self.g_skip.setTristate(True)
        self.g_skip.setCheckState(Qt.CheckState.PartiallyChecked)
        self.g_skip.setToolTip(self.tr("Partially checked: follow each series' own setting"))
        gen.addWidget(self.g_skip)
        self.generate_button = QPushButton(self.tr("&Generate sessions"))
        self.generate_button.clicked.connect(self._generate)
        gen.addWidget(self.generate_button)
        gen.addWidget(QLabel(self.tr("Public holidays in this range:")))
        self.holiday_list = QListWidget()
        self.holiday_list.setAccessibleName(self.tr("Public holidays"))
        gen.addWidget(self.holiday_list, 1)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(form_box)
        rl.addWidget(gen_box, 1)
        # the panel scrolls in a short window (1280×720 is a 1920×1080 laptop at 150 %)
        # instead of holding the whole window taller than the screen
        panel = QScrollArea()
        panel.setObjectName("seriesPanelScroll")
        panel.setWidgetResizable(True)
        panel.setFrameShape(QFrame.Shape.NoFrame)
        panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.setWidget(right)
        split = QSplitter()
        split.addWidget(self.series_view)
        split.addWidget(panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 500])
        return split

    # ------------------------------------------------------------------ groups tab
    def _build_groups_tab(self) -> QWidget:
        self.group_model = RowTableModel(
            [
                Column(self.tr("Code"), lambda r: r.code),
                Column(self.tr("Tumour group"), lambda r: r.name),
                Column(self.tr("Expert centre only"), lambda r: r.expert_centre_only),
                Column(
                    self.tr("Core disciplines (quorum)"), lambda r: ", ".join(r.core_disciplines)
                ),
            ],
            self,
        )
        self.group_view = make_table(self.group_model, "tumourGroupTable")
        self.group_view.setAccessibleName(self.tr("Tumour groups"))
        self.group_view.selectionModel().currentRowChanged.connect(self._group_selected)
        box = QGroupBox(self.tr("Core disciplines"))
        bl = QVBoxLayout(box)
        bl.addWidget(QLabel(self.tr("Every session with cases needs one expert of each:")))
        self.discipline_list = QListWidget()
        self.discipline_list.setAccessibleName(self.tr("Core disciplines"))
        bl.addWidget(self.discipline_list, 1)
        self.expert_only = QCheckBox(self.tr("Discussed at an expert centre only"))
        bl.addWidget(self.expert_only)
        self.save_group_button = QPushButton(self.tr("Save &quorum"))
        self.save_group_button.clicked.connect(self._save_group)
        bl.addWidget(self.save_group_button)
        add_box = QGroupBox(self.tr("Add"))
        af = QFormLayout(add_box)
        self.t_code = QLineEdit()
        self.t_name = QLineEdit()
        self.add_group_button = QPushButton(
            self.tr("Add &tumour group with the checked disciplines")
        )
        self.add_group_button.clicked.connect(self._add_group)
        af.addRow(self.tr("Tumour group code"), self.t_code)
        af.addRow(self.tr("Tumour group name"), self.t_name)
        af.addRow(self.add_group_button)
        self.d_code = QLineEdit()
        self.d_name = QLineEdit()
        self.add_discipline_button = QPushButton(self.tr("Add &discipline"))
        self.add_discipline_button.clicked.connect(self._add_discipline)
        af.addRow(self.tr("Discipline code"), self.d_code)
        af.addRow(self.tr("Discipline name"), self.d_name)
        af.addRow(self.add_discipline_button)
        for w, n in (
            (self.t_code, "Tumour group code"),
            (self.t_name, "Tumour group name"),
            (self.d_code, "Discipline code"),
            (self.d_name, "Discipline name"),
        ):
            w.setAccessibleName(self.tr(n))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(box, 1)
        rl.addWidget(add_box)
        split = QSplitter()
        split.addWidget(self.group_view)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        return split

    # ------------------------------------------------------------------ hospitals tab
    def _build_hospitals_tab(self) -> QWidget:
        self.hospital_model = RowTableModel(
            [
                Column(self.tr("Code"), lambda r: r.code),
                Column(self.tr("Hospital"), lambda r: r.name),
                Column(self.tr("Network"), lambda r: f"{r.network_name} ({r.network_code})"),
                Column(self.tr("Expert centre"), lambda r: r.expert_centre),
            ],
            self,
        )
        self.hospital_view = make_table(self.hospital_model, "hospitalTable")
        self.hospital_view.setAccessibleName(self.tr("Hospitals"))
        box = QGroupBox(self.tr("Add"))
        form = QFormLayout(box)
        self.n_code = QLineEdit()
        self.n_name = QLineEdit()
        self.add_network_button = QPushButton(self.tr("Add &network"))
        self.add_network_button.clicked.connect(self._add_network)
        form.addRow(self.tr("Network code"), self.n_code)
        form.addRow(self.tr("Network name"), self.n_name)
        form.addRow(self.add_network_button)
        self.h_code = QLineEdit()
        self.h_name = QLineEdit()
        self.h_network = QComboBox()
        self.h_expert = QCheckBox(self.tr("Expert centre"))
        self.add_hospital_button = QPushButton(self.tr("Add &hospital"))
        self.add_hospital_button.clicked.connect(self._add_hospital)
        form.addRow(self.tr("Hospital code"), self.h_code)
        form.addRow(self.tr("Hospital name"), self.h_name)
        form.addRow(self.tr("Network"), self.h_network)
        form.addRow("", self.h_expert)
        form.addRow(self.add_hospital_button)
        for w, n in (
            (self.n_code, "Network code"),
            (self.n_name, "Network name"),
            (self.h_code, "Hospital code"),
            (self.h_name, "Hospital name"),
            (self.h_network, "Network"),
        ):
            w.setAccessibleName(self.tr(n))
        split = QSplitter()
        split.addWidget(self.hospital_view)
        split.addWidget(box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        return split

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if not self.ctx.has_db:
            return
        self.query(_read_setup, then=self._loaded, key="setup")
        self.care_panel.refresh()
        if self.tabs.currentWidget() is self.referrals_panel:
            self.referrals_panel.refresh()  # patient data: read (and audited) when shown

    def _loaded(self, setup: _Setup) -> None:
        self.series_model.set_rows(setup.series)
        self._reselect_series()
        self.group_model.set_rows(setup.groups)
        self.hospital_model.set_rows(setup.hospitals)
        self._disciplines = setup.disciplines
        if not self.group_view.currentIndex().isValid():
            self._fill_disciplines(())
        for combo, items in (
            (self.f_group, [(f"{g.code} — {g.name}", g.code) for g in setup.groups]),
            (self.f_hospital, [(f"{h.code} — {h.name}", h.code) for h in setup.hospitals]),
            (self.h_network, [(f"{n.code} — {n.name}", n.code) for n in setup.networks]),
        ):
            current = combo.currentData()
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            if current is not None:
                combo.setCurrentIndex(max(0, combo.findData(current)))
        self._show_holidays()
        if self._select_group_row is not None:
            self.group_view.selectRow(self._select_group_row)
            self._select_group_row = None

    @Slot(int)
    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.referrals_panel:
            self.referrals_panel.refresh()

    @Slot()
    def _show_holidays(self) -> None:
        lang = (
            "nl"
            if self.ctx.settings.value("ui/language", "") == "nl"
            or self.locale().language().name == "Dutch"
            else "en_US"
        )
        self.holiday_list.clear()
        for day, name in ns.dutch_holidays(
            from_qdate(self.g_from.date()), from_qdate(self.g_to.date()), lang
        ).items():
            self.holiday_list.addItem(f"{long_date(day)} — {name}")

    def _reselect_series(self) -> None:
        """After a reload, select the series the form shows again (without refilling the
        form: it may hold what the secretary is typing)."""
        row = next((i for i, r in enumerate(self.series_model.rows) if r.id == self._series_id), -1)
        if row < 0:
            return
        self._reselecting = True
        try:
            self.series_view.selectRow(row)
        finally:
            self._reselecting = False

    # ------------------------------------------------------------------ series actions
    @Slot(QModelIndex, QModelIndex)
    def _series_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._reselecting:
            return
        r = self.series_model.row_at(current.row())
        self._series_id = r.id
        self.f_name.setText(r.name)
        self.f_group.setCurrentIndex(self.f_group.findData(r.tumour_group))
        self.f_echelon.setCurrentIndex(self.f_echelon.findData(r.echelon))
        self.f_hospital.setCurrentIndex(self.f_hospital.findData(r.hospital))
        self.f_weekday.setCurrentIndex(r.weekday - 1)
        self.f_start.setTime(QTime(r.start_time.hour, r.start_time.minute))
        self.f_duration.setValue(r.duration_min)
        self.f_frequency.setValue(r.frequency_weeks)
        self.f_mode.setCurrentIndex(self.f_mode.findData(r.mode))
        self.f_video.setText(r.video_link or "")
        self.f_from.setDate(to_qdate(r.valid_from))
        self.f_skip.setChecked(r.skip_holidays)

    @Slot()
    def _new_series(self) -> None:
        self._series_id = None
        self.series_view.clearSelection()
        self.f_name.clear()
        self.f_video.clear()
        self.f_name.setFocus()

    def _series_input(self) -> ns.SeriesInput:
        t = self.f_start.time()
        return ns.SeriesInput(
            name=self.f_name.text(),
            tumour_group=self.f_group.currentData() or "",
            echelon=self.f_echelon.currentData(),
            hospital=self.f_hospital.currentData() or "",
            weekday=int(self.f_weekday.currentData()),
            start_time=dt.time(t.hour(), t.minute()),
            duration_min=self.f_duration.value(),
            frequency_weeks=self.f_frequency.value(),
            mode=self.f_mode.currentData(),
            video_link=self.f_video.text(),
            valid_from=from_qdate(self.f_from.date()),
            skip_holidays=self.f_skip.isChecked(),
        )

    @Slot()
    def _save_series(self) -> None:
        self.mutate(
            ns.save_series,
            self._series_input(),
            self._series_id,
            then=self._series_saved,
            user=self.ctx.user,
        )

    def _series_saved(self, sid: int) -> None:
        self._series_id = sid
        self.message.show_message(self.tr("Series saved."))
        self.ctx.notify("network")

    @Slot()
    def _delete_series(self) -> None:
        if self._series_id is None:
            return
        self.mutate(
            ns.delete_series, self._series_id, then=self._series_deleted, user=self.ctx.user
        )

    def _series_deleted(self, _result: object) -> None:
        self._new_series()
        self.message.show_message(self.tr("Series deleted; its sessions were kept."))
        self.ctx.notify("network")

    @Slot()
    def _generate(self) -> None:
        """Generate on the database-writer thread: a quarter of a national network's series
        is thousands of sessions."""
        state = self.g_skip.checkState()
        skip = None if state == Qt.CheckState.PartiallyChecked else state == Qt.CheckState.Checked
        self.generate_button.setEnabled(False)
        self.message.show_message(self.tr("Generating sessions…"))
        self.mutate(
            ns.generate_sessions,
            from_qdate(self.g_from.date()),
            from_qdate(self.g_to.date()),
            None,
            skip,
            then=self._generated,
            failed=self._generate_failed,
            description=self.tr("Generating sessions…"),
            user=self.ctx.user,
        )

    def _generate_failed(self, failure: TaskFailure) -> None:
        self.generate_button.setEnabled(True)
        self.message.show_message(str(failure), "error")

    def _generated(self, summary: ns.GenerateSummary) -> None:
        self.generate_button.setEnabled(True)
        text = self.tr("Sessions created: {count}").format(count=summary.created)
        if summary.existing:
            text += "; " + self.tr("already there: {count}").format(count=summary.existing)
        if summary.skipped_holidays:
            days = ", ".join(
                f"{display_text(d)} ({name})" for _s, d, name in summary.skipped_holidays[:5]
            )
            text += "; " + self.tr("skipped on public holidays: {days}").format(days=days)
        self.message.show_message(text + ".")
        self.ctx.notify("sessions")

    # ------------------------------------------------------------------ groups / hospitals
    @Slot(QModelIndex, QModelIndex)
    def _group_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        g = self.group_model.row_at(current.row())
        self._fill_disciplines(g.core_disciplines)
        self.expert_only.setChecked(g.expert_centre_only)

    def _fill_disciplines(self, chosen: tuple[str, ...]) -> None:
        self.discipline_list.clear()
        for code, name in self._disciplines:
            item = QListWidgetItem(f"{code} — {name}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.discipline_list.addItem(item)

    def _checked_disciplines(self) -> list[str]:
        return [
            self.discipline_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.discipline_list.count())
            if self.discipline_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    @Slot()
    def _save_group(self) -> None:
        index = self.group_view.currentIndex()
        if not index.isValid():
            self.message.show_message(self.tr("Choose a tumour group first."), "warning")
            return
        g = self.group_model.row_at(index.row())
        chosen = self._checked_disciplines()
        row = index.row()

        def saved(_result: object) -> None:
            self.message.show_message(self.tr("Quorum of {group} saved.").format(group=g.name))
            self._select_group_row = row  # chosen again when the reload arrives
            self.ctx.notify("network")
            self.group_view.selectRow(row)

        self.mutate(
            ns.set_core_disciplines,
            g.code,
            chosen,
            self.expert_only.isChecked(),
            then=saved,
            user=self.ctx.user,
        )

    @Slot()
    def _add_group(self) -> None:
        code = self.t_code.text()

        def added(_result: object) -> None:
            self.t_code.clear()
            self.t_name.clear()
            self.message.show_message(
                self.tr("Tumour group {code} added.").format(code=code.strip().upper())
            )
            self.ctx.notify("network")

        self.mutate(
            ns.add_tumour_group,
            code,
            self.t_name.text(),
            self._checked_disciplines(),
            self.expert_only.isChecked(),
            then=added,
            user=self.ctx.user,
        )

    @Slot()
    def _add_discipline(self) -> None:
        self.mutate(
            ns.add_discipline,
            self.d_code.text(),
            self.d_name.text(),
            then=lambda _r: self._added((self.d_code, self.d_name), self.tr("Discipline added.")),
            user=self.ctx.user,
        )

    def _added(self, fields: tuple[QLineEdit, ...], text: str) -> None:
        """An addition was accepted: empty its form, say so, and let every view reload."""
        for field in fields:
            field.clear()
        self.message.show_message(text)
        self.ctx.notify("network")

    @Slot()
    def _add_network(self) -> None:
        self.mutate(
            ns.add_network,
            self.n_code.text(),
            self.n_name.text(),
            then=lambda _r: self._added((self.n_code, self.n_name), self.tr("Network added.")),
            user=self.ctx.user,
        )

    @Slot()
    def _add_hospital(self) -> None:
        self.mutate(
            ns.add_hospital,
            self.h_code.text(),
            self.h_name.text(),
            self.h_network.currentData() or "",
            self.h_expert.isChecked(),
            then=lambda _r: self._added((self.h_code, self.h_name), self.tr("Hospital added.")),
            user=self.ctx.user,
        )
