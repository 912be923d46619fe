"""The MDO report as PDF: what a closed meeting decided, case by case, for the referrers.

It reuses the agenda's machinery (:mod:`mdo_planner.pdf.agenda_pdf`): the embedded DejaVu
fonts, the running header and "page X of Y" footer, escaped user text cut into bounded rows,
and a title without patient data for the page headers and the PDF metadata. The privacy mode
decides how each patient is named (:func:`mdo_planner.agenda.privacy.patient_label`); the BSN
is never printed and is removed from typed text as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from mdo_planner.agenda.labels import long_date, word
from mdo_planner.pdf.agenda_pdf import (
    FONT,
    GREY,
    HEAD_BG,
    LINE,
    SessionMarker,
    _build,
    _detail_paragraphs,
    _styles,
)
from mdo_planner.pdf.text import markup

_EN = {
    "report_title": "MDO report",
    "heading": "MDO report {group} — {echelon} — {host}",
    "meeting": "Meeting",
    "chair": "Chair",
    "attendees": "Present",
    "closed": "Closed",
    "closed_text": "{when} by {who}",
    "amended": "Amended",
    "amended_text": "{count} time(s), last: {reason}",
    "privacy": "Privacy",
    "privacy_text": "{mode} (no BSN is ever printed)",
    "cases": "Cases",
    "col_number": "#",
    "col_patient": "Patient",
    "col_outcome": "Outcome",
    "col_referred": "Referring hospital",
    "question": "Question",
    "recommendation": "Recommendation",
    "consensus": "Consensus",
    "yes": "yes",
    "no": "no",
    "intent": "Intent",
    "follow_up": "Follow-up",
    "follow_up_text": "re-discussion from {date} at a {echelon} MDO{case}: {question}",
    "referral": "Referral",
    "reason": "Reason",
    "note": "Note",
    "discussed": "discussed",
    "deferred": "deferred",
    "not_discussed": "not discussed",
    "noted": "noted",
    "curative": "curative",
    "palliative": "palliative",
    "diagnostic": "diagnostic",
    "unknown": "unknown",
    "pathology_missing": "pathology missing",
    "imaging_missing": "imaging missing",
    "patient_not_ready": "patient not ready",
    "presenter_absent": "presenter absent",
    "other": "other",
    "out_of_time": "out of time",
    "session_cancelled": "session cancelled",
    "no_cases": "No cases were on the agenda.",
}
_NL = {
    "report_title": "MDO-verslag",
    "heading": "MDO-verslag {group} — {echelon} — {host}",
    "meeting": "Bijeenkomst",
    "chair": "Voorzitter",
    "attendees": "Aanwezig",
    "closed": "Afgesloten",
    "closed_text": "{when} door {who}",
    "amended": "Gewijzigd",
    "amended_text": "{count} keer, laatst: {reason}",
    "privacy": "Privacy",
    "privacy_text": "{mode} (het BSN wordt nooit afgedrukt)",
    "cases": "Casussen",
    "col_number": "#",
    "col_patient": "Patiënt",
    "col_outcome": "Uitkomst",
    "col_referred": "Verwijzend ziekenhuis",
    "question": "Vraagstelling",
    "recommendation": "Advies",
    "consensus": "Consensus",
    "yes": "ja",
    "no": "nee",
    "intent": "Intentie",
    "follow_up": "Vervolg",
    "follow_up_text": "herbespreking vanaf {date} in een {echelon} MDO{case}: {question}",
    "referral": "Verwijzing",
    "reason": "Reden",
    "note": "Toelichting",
    "discussed": "besproken",
    "deferred": "uitgesteld",
    "not_discussed": "niet besproken",
    "noted": "ter kennisname",
    "curative": "curatief",
    "palliative": "palliatief",
    "diagnostic": "diagnostisch",
    "unknown": "onbekend",
    "pathology_missing": "pathologie ontbreekt",
    "imaging_missing": "beeldvorming ontbreekt",
    "patient_not_ready": "patiënt niet gereed",
    "presenter_absent": "presentator afwezig",
    "other": "anders",
    "out_of_time": "geen tijd meer",
    "session_cancelled": "MDO geannuleerd",
    "no_cases": "Er stonden geen casussen op de agenda.",
}


def tr(language: str, key: str, **values: object) -> str:
    text = (_NL if language == "nl" else _EN).get(key) or _EN.get(key, key)
    return text.format(**values) if values else text


@dataclass(frozen=True)
class ReportCase:
    """One case of the report, privacy already applied and the BSN removed."""

    number: int
    patient: str
    referring_hospital: str
    outcome: str
    question: str
    recommendation: str | None = None
    consensus: bool | None = None
    intent: str | None = None
    follow_up_on: date | None = None
    follow_up_echelon: str | None = None
    follow_up_question: str | None = None
    follow_up_case: str | None = None
    referral: str | None = None
    reason: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class MeetingReport:
    session_id: str
    tumour_group: str
    echelon: str
    host: str
    date: date
    start: time
    duration_min: int
    chair: str
    attendees: tuple[tuple[str, str], ...]  # (name, discipline)
    privacy: str
    cases: tuple[ReportCase, ...]
    closed_at: datetime
    closed_by: str
    amendments: int = 0
    amendment_reason: str | None = None
    language: str = "en"

    def title(self) -> str:
        """No patient data: for page headers, the PDF metadata and file names."""
        return (
            f"{tr(self.language, 'report_title')} {self.tumour_group} — "
            f"{word(self.language, self.echelon)} — {self.host} — {self.date.isoformat()}"
        )


def _case_table(c: ReportCase, lang: str, st: object) -> Table:
    cell = st.cell  # type: ignore[attr-defined]
    head = st.cell_head  # type: ignore[attr-defined]
    rows: list[list[object]] = [
        [
            Paragraph(markup(str(c.number)), head),
            Paragraph(markup(c.patient), head),
            Paragraph(markup(c.referring_hospital), cell),
            Paragraph(f"<b>{markup(tr(lang, c.outcome))}</b>", cell),
        ]
    ]
    details: list[Paragraph] = []
    details += _detail_paragraphs(tr(lang, "question"), c.question or "—", cell)
    if c.outcome == "discussed":
        details += _detail_paragraphs(tr(lang, "recommendation"), c.recommendation or "", cell)
        facts = (
            f"{tr(lang, 'consensus')}: {tr(lang, 'yes' if c.consensus else 'no')} · "
            f"{tr(lang, 'intent')}: {tr(lang, c.intent or 'unknown')}"
        )
        details += _detail_paragraphs(tr(lang, "consensus"), facts.split(": ", 1)[1], cell)
        if c.follow_up_on is not None:
            case = f" ({c.follow_up_case})" if c.follow_up_case else ""
            details += _detail_paragraphs(
                tr(lang, "follow_up"),
                tr(
                    lang,
                    "follow_up_text",
                    date=c.follow_up_on.isoformat(),
                    echelon=word(lang, c.follow_up_echelon or "local"),
                    case=case,
                    question=c.follow_up_question or c.question or "—",
                ),
                cell,
            )
        if c.referral:
            details += _detail_paragraphs(tr(lang, "referral"), c.referral, cell)
    elif c.reason:
        details += _detail_paragraphs(tr(lang, "reason"), tr(lang, c.reason), cell)
    if c.note:
        details += _detail_paragraphs(tr(lang, "note"), c.note, cell)
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, 0), 0.4, LINE),
    ]
    for par in details:
        rows.append(["", par, "", ""])
        r = len(rows) - 1
        commands.append(("SPAN", (1, r), (-1, r)))
    if len(rows) > 1:
        commands.append(("NOSPLIT", (0, 0), (-1, 1)))
    commands.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.6, GREY))
    from reportlab.lib.units import mm

    table = Table(rows, colWidths=[9 * mm, 80 * mm, 58 * mm, 33 * mm], hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def meeting_report_pdf_bytes(report: MeetingReport, *, printed_at: datetime | None = None) -> bytes:
    """The PDF of one closed meeting's report (in the report's language)."""
    st = _styles()
    lang = report.language
    title = report.title()
    story: list[Flowable] = [SessionMarker(title=title, key=f"r-{report.session_id}", toc=False)]
    story.append(
        Paragraph(
            markup(
                tr(
                    lang,
                    "heading",
                    group=report.tumour_group,
                    echelon=word(lang, report.echelon),
                    host=report.host,
                )
            ),
            st.title,
        )
    )
    end = datetime.combine(report.date, report.start).timestamp() + report.duration_min * 60
    end_t = datetime.fromtimestamp(end).time()
    facts = [
        (
            "meeting",
            f"{long_date(report.date, lang)}, {report.start:%H:%M}–{end_t:%H:%M} "
            f"({report.session_id})",
        ),
        ("chair", report.chair),
        ("attendees", ", ".join(f"{n} ({d})" for n, d in report.attendees)),
        (
            "closed",
            tr(
                lang, "closed_text", when=f"{report.closed_at:%Y-%m-%d %H:%M}", who=report.closed_by
            ),
        ),
    ]
    if report.amendments:
        facts.append(
            (
                "amended",
                tr(
                    lang,
                    "amended_text",
                    count=report.amendments,
                    reason=report.amendment_reason or "",
                ),
            )
        )
    facts.append(("privacy", tr(lang, "privacy_text", mode=word(lang, report.privacy))))
    for label, value in facts:
        story += _detail_paragraphs(tr(lang, label), value, st.small)
    story.append(Spacer(1, 6))
    story.append(Paragraph(markup(tr(lang, "cases")), st.h2))
    if not report.cases:
        story.append(Paragraph(markup(tr(lang, "no_cases")), st.small))
    for c in report.cases:
        story.append(_case_table(c, lang, st))
        story.append(Spacer(1, 4))
    return _build(story, header_title=title, pdf_title=title, printed_at=printed_at, language=lang)


__all__ = ["MeetingReport", "ReportCase", "meeting_report_pdf_bytes"]
