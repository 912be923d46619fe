"""The meeting workspace's widgets: the day and session choice, the agenda, the current case's
form, the attendance and the buttons, and the labels of the meeting's fixed vocabulary.

Built here once, without behaviour; ``ui.workspaces.meeting.MeetingWorkspace`` connects them
to what they do. The texts are translated in the ``MeetingWorkspace`` context (the context
``tr`` takes from the widget's class), like the rest of the workspace.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mdo_planner.contract_io.meeting_record import ECHELONS, INTENTS
from ui.workspaces._support import (
    Column,
    MessageBar,
    RowTableModel,
    make_table,
)
from ui.workspaces.words import label

#: Seconds of quiet typing after which the draft is written.
AUTOSAVE_MS = 600
OUTCOMES = ("discussed", "deferred", "not_discussed", "noted")


class MeetingLayout(QWidget):
    """The widgets of :class:`~ui.workspaces.meeting.MeetingWorkspace`, without their wiring."""

    def _build(self) -> None:
        self.message = MessageBar(self)

        # -- which session
        self.prev_day = QToolButton()
        self.prev_day.setArrowType(Qt.ArrowType.LeftArrow)
        self.prev_day.setAccessibleName(self.tr("Previous day"))
        self.next_day = QToolButton()
        self.next_day.setArrowType(Qt.ArrowType.RightArrow)
        self.next_day.setAccessibleName(self.tr("Next day"))
        self.day_edit = QDateEdit()
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setAccessibleName(self.tr("Meeting day"))
        self.session_box = QComboBox()
        self.session_box.setAccessibleName(self.tr("Session"))
        self.session_box.setMinimumContentsLength(48)
        self.session_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        top = QHBoxLayout()
        top.addWidget(self.prev_day)
        top.addWidget(self.day_edit)
        top.addWidget(self.next_day)
        top.addWidget(self.session_box, 1)

        self.title_label = QLabel()
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("meetingClock")
        clock_font = self.clock_label.font()
        clock_font.setPointSizeF(clock_font.pointSizeF() * 1.15)
        self.clock_label.setFont(clock_font)

        # -- agenda
        self.model = RowTableModel(
            [
                Column(self.tr("#"), lambda r: r[0]),
                Column(self.tr("Time"), lambda r: r[1]),
                Column(self.tr("Case"), lambda r: r[2].code + (" ⚑" if r[2].urgent else "")),
                Column(self.tr("Patient"), lambda r: r[2].patient),
                Column(self.tr("Outcome"), lambda r: r[3]),
                Column(self.tr("Question"), lambda r: r[2].question),
            ],
            self,
        )
        self.table = make_table(self.model, "meetingAgenda")
        self.table.setAccessibleName(self.tr("Agenda"))

        # -- the current case
        case_box = QGroupBox(self.tr("Case"))
        cl = QVBoxLayout(case_box)
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.case_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cl.addWidget(self.case_label)
        buttons = QHBoxLayout()
        self.outcome_group = QButtonGroup(self)
        self.outcome_group.setExclusive(True)
        self.outcome_buttons: dict[str, QPushButton] = {}
        for i, code in enumerate(OUTCOMES):
            b = QPushButton(label(code))
            b.setCheckable(True)
            b.setObjectName(f"outcome_{code}")
            self.outcome_group.addButton(b, i)
            self.outcome_buttons[code] = b
            buttons.addWidget(b)
        cl.addLayout(buttons)
        form = QFormLayout()
        self.recommendation = QPlainTextEdit()
        self.recommendation.setObjectName("recommendation")
        self.recommendation.setAccessibleName(self.tr("Recommendation"))
        self.recommendation.setPlaceholderText(self.tr("The MDO's recommendation, as agreed"))
        form.addRow(self.tr("Recommendation:"), self.recommendation)
        self.consensus = QCheckBox(self.tr("Consensus"))
        self.intent = QComboBox()
        self.intent.setAccessibleName(self.tr("Intent"))
        for code in INTENTS:
            self.intent.addItem(label(code), code)
        row = QHBoxLayout()
        row.addWidget(self.consensus)
        self.intent_label = QLabel(self.tr("Intent:"))
        row.addWidget(self.intent_label)
        row.addWidget(self.intent)
        row.addStretch(1)
        form.addRow("", row)
        self.follow_up = QCheckBox(self.tr("Re-discuss from"))
        self.follow_date = QDateEdit()
        self.follow_date.setCalendarPopup(True)
        self.follow_date.setAccessibleName(self.tr("Re-discussion date"))
        self.follow_level = QComboBox()
        self.follow_level.setAccessibleName(self.tr("Re-discussion echelon"))
        for code in ECHELONS:
            self.follow_level.addItem(label(code), code)
        fu = QHBoxLayout()
        fu.addWidget(self.follow_up)
        fu.addWidget(self.follow_date)
        fu.addWidget(self.follow_level)
        fu.addStretch(1)
        form.addRow(self.tr("Follow-up:"), fu)
        self.follow_question = QLineEdit()
        self.follow_question.setPlaceholderText(
            self.tr("Question of the re-discussion (empty: the same question)")
        )
        form.addRow("", self.follow_question)
        self.referral = QLineEdit()
        self.referral.setPlaceholderText(self.tr("e.g. expert centre, oncology network"))
        form.addRow(self.tr("Referral:"), self.referral)
        self.reason = QComboBox()
        self.reason.setAccessibleName(self.tr("Reason"))
        form.addRow(self.tr("Reason:"), self.reason)
        self.note = QLineEdit()
        form.addRow(self.tr("Note:"), self.note)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 240)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes of discussion"))
        form.addRow(self.tr("Discussion took:"), self.minutes)
        cl.addLayout(form)
        self.withdraw_button = QPushButton(self.tr("Withdraw case…"))
        self.withdraw_button.setToolTip(
            self.tr(
                "Patient died, moved or no longer needs the MDO: take the case out of every plan"
            )
        )
        cl.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignRight)

        # -- attendance
        people_box = QGroupBox(self.tr("Present"))
        pl = QVBoxLayout(people_box)
        self.people = QListWidget()
        self.people.setObjectName("attendance")
        self.people.setAccessibleName(self.tr("Attendance"))
        pl.addWidget(self.people, 1)
        add = QHBoxLayout()
        self.add_box = QComboBox()
        self.add_box.setAccessibleName(self.tr("Add an attendee"))
        self.add_box.setEditable(True)
        self.add_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_button = QPushButton(self.tr("Add attendee"))
        add.addWidget(self.add_box, 1)
        add.addWidget(self.add_button)
        pl.addLayout(add)
        chair = QHBoxLayout()
        chair.addWidget(QLabel(self.tr("Chair:")))
        self.chair_box = QComboBox()
        self.chair_box.setAccessibleName(self.tr("Chair"))
        chair.addWidget(self.chair_box, 1)
        pl.addLayout(chair)
        self.close_button = QPushButton(self.tr("Close meeting…"))
        self.close_button.setObjectName("closeMeeting")
        self.close_button.setToolTip(
            self.tr(
                "The chair signs off: the outcomes become final "
                "and the cases leave or return to the pool"
            )
        )
        self.amend_button = QPushButton(self.tr("Amend…"))
        pl.addWidget(self.close_button)
        pl.addWidget(self.amend_button)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(case_box, 3)
        rl.addWidget(people_box, 2)
        # the panel scrolls in a short window (1280×720 is a 1920×1080 laptop at 150 %)
        # instead of holding the whole window taller than the screen
        panel = QScrollArea()
        panel.setObjectName("meetingPanelScroll")
        panel.setWidgetResizable(True)
        panel.setFrameShape(QFrame.Shape.NoFrame)
        panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.setWidget(right)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title_label)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.clock_label)
        layout.addLayout(status)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
