"""Dashboard: the state of the network at a glance, for the Monday-morning check.

Four questions a secretariat asks (workflows.md): what is waiting and at which level, are
deadlines met, how full are the meetings per echelon, and which specialists does the plan put
over their weekly limit. Each is a chart with its numbers also written out (tiles, labels and a
table), so that nothing depends on reading a colour.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSpinBox,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.services import dashboard_service as ds
from ui.context import ENTITIES
from ui.workspaces._support import (
    Column,
    RowTableModel,
    display_text,
    from_qdate,
    std_icon,
    to_qdate,
)
from ui.workspaces.base import Workspace
from ui.workspaces.quality_panel import QualityPanel

LEVEL_COLORS = {
    "untriaged": "#8c8c8c",
    "hold": "#b07aa1",
    "protocol": "#76b7b2",
    "local": "#4e79a7",
    "regional": "#f28e2b",
    "supraregional": "#e15759",
}


def nice_axis(largest: float, most_ticks: int = 7) -> tuple[float, int]:
    """(top, tick count) of a count axis from 0 whose ticks fall on 1, 2 or 5 × 10ⁿ and that
    leaves room above the largest bar for its figure: 0–60 by 10 for 47, not 0–56.4."""
    import math

    wanted = max(largest * 1.15, 1.0)
    step = 1.0
    for _ in range(12):
        if wanted / step <= most_ticks - 1:
            break
        magnitude = 10 ** math.floor(math.log10(step))
        digit = round(step / magnitude)
        step = (2 if digit == 1 else 5 if digit == 2 else 10) * magnitude
    top = math.ceil(wanted / step) * step
    return float(top), round(top / step) + 1


class Tile(QFrame):
    """A key figure with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.value = QLabel("–")
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 2.0)
        f.setBold(True)
        self.value.setFont(f)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleDescription(text)


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(240)
    return chart, view


class DashboardWorkspace(Workspace):
    """Cases waiting by level, deadlines met, load per echelon, experts over their limit."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        # every change can move a figure: the dashboard watches all entities
        super().__init__(ctx, title="", name="dashboardWorkspace", watches=ENTITIES, parent=parent)
        self.title = self.tr("Dashboard")
        self.board: ds.Dashboard | None = None

        top = QHBoxLayout()
        self.period_label = QLabel()
        f = self.period_label.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.period_label.setFont(f)
        top.addWidget(self.period_label, 1)
        top.addWidget(QLabel(self.tr("Around")))
        self.reference = QDateEdit()
        self.reference.setCalendarPopup(True)
        self.reference.setAccessibleName(self.tr("Reference date"))
        top.addWidget(self.reference)
        top.addWidget(QLabel(self.tr("Weeks")))
        self.weeks = QSpinBox()
        self.weeks.setRange(2, 26)
        self.weeks.setValue(8)
        self.weeks.setAccessibleName(self.tr("Number of weeks"))
        top.addWidget(self.weeks)
        self.reference.dateChanged.connect(self._reference_chosen)
        #: the user picked a date since the database's reference date was asked for
        self._date_chosen = False
        self.weeks.valueChanged.connect(self.reload)

        tiles = QHBoxLayout()
        self.tile_waiting = Tile(self.tr("cases waiting"))
        self.tile_ontime = Tile(self.tr("discussed by the due date"))
        self.tile_load = Tile(self.tr("of meeting time used"))
        self.tile_over = Tile(self.tr("expert-weeks over the limit"))
        for t in (self.tile_waiting, self.tile_ontime, self.tile_load, self.tile_over):
            tiles.addWidget(t)

        self.waiting_chart, self.waiting_view = _chart(self.tr("Cases waiting by level"))
        self.deadline_chart, self.deadline_view = _chart(
            self.tr("% discussed by the due date, per week due")
        )
        self.load_chart, self.load_view = _chart(
            self.tr("Meeting time used per echelon, % (number of sessions)")
        )
        for v, name in (
            (self.waiting_view, "waitingChart"),
            (self.deadline_view, "deadlineChart"),
            (self.load_view, "loadChart"),
        ):
            v.setObjectName(name)
            v.setAccessibleName(v.chart().title())

        warn = std_icon(self, QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.over_model = RowTableModel(
            [
                Column(self.tr("Expert"), lambda r: r.expert, icon=lambda r: warn),
                Column(self.tr("Discipline"), lambda r: r.discipline),
                Column(self.tr("Week of"), lambda r: r.monday),
                Column(self.tr("Sessions"), lambda r: r.sessions, align_right=True),
                Column(self.tr("Limit"), lambda r: r.limit, align_right=True),
            ],
            self,
        )
        self.over_view = QTableView()
        self.over_view.setObjectName("overLimitTable")
        self.over_view.setAccessibleName(self.tr("Experts over their weekly limit"))
        self.over_view.setModel(self.over_model)
        self.over_view.verticalHeader().hide()
        self.over_view.setAlternatingRowColors(True)
        self.over_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.over_view.horizontalHeader().setStretchLastSection(True)
        over_box = QWidget()
        ob = QVBoxLayout(over_box)
        ob.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Experts over their weekly limit"))
        heading.setFont(self.period_label.font())
        ob.addWidget(heading)
        ob.addWidget(self.over_view, 1)

        grid = QGridLayout()
        grid.addWidget(self.waiting_view, 0, 0)
        grid.addWidget(self.deadline_view, 0, 1)
        grid.addWidget(self.load_view, 1, 0)
        grid.addWidget(over_box, 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        # the held meetings' quality and specialist time: a section of its own
        self.quality = QualityPanel(ctx, self)
        grid.addWidget(self.quality, 2, 0, 1, 2)
        grid.setRowStretch(2, 1)

        # the figures scroll below the date choice when the window is short (1280×720 is a
        # 1920×1080 laptop at 150 %): squeezed below their minimum the charts ran into
        # each other, and the dashboard held the whole window taller than such a screen
        figures = QWidget()
        fl = QVBoxLayout(figures)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addLayout(tiles)
        fl.addLayout(grid, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("dashboardScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(figures)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        if ctx.has_db:
            self.database_switched()

    # ------------------------------------------------------------------ loading
    def database_switched(self) -> None:
        """Start around the database's own reference date, then load."""
        self._date_chosen = False
        self.query(ds.reference_date, then=self._reference_read, key="reference")

    @Slot()
    def _reference_chosen(self) -> None:
        self._date_chosen = True
        self.reload()

    def _reference_read(self, reference: dt.date) -> None:
        if self._date_chosen:
            return  # a date the user picked while the read was on its way stays
        self.reference.blockSignals(True)
        self.reference.setDate(to_qdate(reference))
        self.reference.blockSignals(False)
        self.reload()

    @Slot()
    def refresh(self) -> None:
        self.reload()

    @Slot()
    def reload(self) -> None:
        if not self.ctx.has_db:
            return
        self.query(
            ds.dashboard,
            from_qdate(self.reference.date()),
            self.weeks.value(),
            then=self._board_read,
            key="board",
        )

    def _board_read(self, board: ds.Dashboard) -> None:
        self.board = board
        self._show(self.board)
        # quality counts what was held: the part of the window up to today
        held_to = min(self.board.date_to, max(dt.date.today(), self.board.date_from))
        self.quality.load(self.board.date_from, held_to)

    def _axis_text_color(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def _style(self, chart: QChart) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundBrush(self.palette().color(QPalette.ColorRole.Base))
        chart.setTitleBrush(self._axis_text_color())
        chart.legend().setLabelColor(self._axis_text_color())

    def _show(self, b: ds.Dashboard) -> None:
        self.period_label.setText(
            self.tr("{start} – {end}").format(
                start=display_text(b.date_from), end=display_text(b.date_to)
            )
        )
        total_waiting = sum(b.waiting_by_level.values())
        self.tile_waiting.set_value(display_text(total_waiting))
        due = sum(w.due for w in b.deadlines)
        on_time = sum(w.on_time for w in b.deadlines)
        self.tile_ontime.set_value("–" if due == 0 else f"{100.0 * on_time / due:.0f} %")
        used = sum(x.used_minutes for x in b.load)
        capacity = sum(x.capacity_minutes for x in b.load)
        self.tile_load.set_value("–" if capacity == 0 else f"{100.0 * used / capacity:.0f} %")
        self.tile_over.set_value(display_text(len(b.over_limit)))
        self._waiting(b)
        self._deadlines(b)
        self._load(b)
        self.over_model.set_rows(b.over_limit)

    def _reset(self, chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self._style(chart)

    def _bars(
        self,
        chart: QChart,
        labels: list[str],
        values: list[float],
        colors: list[str] | None,
        maximum: float | None,
        fmt: str,
    ) -> QBarSeries:
        self._reset(chart)
        series = QBarSeries()
        bar = QBarSet(chart.title())
        for v in values:
            bar.append(v)
        if colors:
            bar.setColor(QColor(colors[0]))
        series.append(bar)
        # every bar carries its figure, in the text colour (readable in dark mode too), above
        # the bar; on a percentage chart whose bars reach the top, inside it
        bar.setLabelColor(self._axis_text_color())
        series.setLabelsVisible(True)
        series.setLabelsFormat(fmt)
        near_top = maximum is not None and max([0.0, *values]) > 0.85 * maximum
        series.setLabelsPosition(
            QBarSeries.LabelsPosition.LabelsInsideEnd
            if near_top
            else QBarSeries.LabelsPosition.LabelsOutsideEnd
        )
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(labels)
        x.setLabelsColor(self._axis_text_color())
        y = QValueAxis()
        top, ticks = nice_axis(max([0.0, *values])) if maximum is None else (maximum, 6)
        y.setRange(0, top)
        y.setTickCount(ticks)
        y.setLabelFormat("%d")
        y.setLabelsColor(self._axis_text_color())
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        return series

    def _waiting(self, b: ds.Dashboard) -> None:
        levels = list(b.waiting_by_level)
        names = {
            "untriaged": self.tr("new"),
            "hold": self.tr("hold"),
            "protocol": self.tr("protocol"),
            "local": self.tr("local"),
            "regional": self.tr("regional"),
            "supraregional": self.tr("supra"),
        }
        series = self._bars(
            self.waiting_chart,
            [names.get(lv, lv) for lv in levels],
            [float(b.waiting_by_level[lv]) for lv in levels],
            [LEVEL_COLORS["local"]],
            None,
            "@value",
        )
        series.setBarWidth(0.6)

    def _deadlines(self, b: ds.Dashboard) -> None:
        chart = self.deadline_chart
        self._reset(chart)
        line = QLineSeries()
        line.setName(self.tr("% on time"))
        line.setPointsVisible(True)
        line.setPointLabelsVisible(True)
        line.setPointLabelsFormat("@yPoint %")
        line.setPointLabelsColor(self._axis_text_color())
        labels = []
        for i, w in enumerate(b.deadlines):
            labels.append(self.tr("wk {week}").format(week=w.monday.isocalendar().week))
            if w.percent is not None:
                line.append(float(i), round(w.percent))
        chart.addSeries(line)
        x = QBarCategoryAxis()
        x.append(labels)
        x.setLabelsColor(self._axis_text_color())
        y = QValueAxis()
        y.setRange(0, 100)  # a percentage ends at 100, ticks every 20
        y.setTickCount(6)
        y.setLabelFormat("%d")
        y.setLabelsColor(self._axis_text_color())
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(x)
        line.attachAxis(y)

    def _load(self, b: ds.Dashboard) -> None:
        short = {
            "local": self.tr("local"),
            "regional": self.tr("regional"),
            "supraregional": self.tr("supra"),
            ds.CONSULTATION: self.tr("consultations"),
        }
        labels = [
            self.tr("{echelon} ({sessions})").format(
                echelon=short.get(x.echelon, x.echelon), sessions=x.sessions
            )
            for x in b.load
        ]
        self._bars(
            self.load_chart,
            labels,
            [round(x.percent, 1) for x in b.load],
            [LEVEL_COLORS["regional"]],
            100.0,
            "@value %",
        )

    # ------------------------------------------------------------------ for tests / a11y
    def chart_values(self, chart: QChart) -> list[float]:
        out: list[float] = []
        for series in chart.series():
            if isinstance(series, QBarSeries):
                for bar in series.barSets():
                    out.extend(bar.at(i) for i in range(bar.count()))
            elif isinstance(series, QLineSeries):
                out.extend(p.y() for p in series.points())
        return out
