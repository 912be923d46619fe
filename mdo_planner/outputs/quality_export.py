"""The quality report as a file: PDF for a board meeting, XLSX for whoever recomputes it.

Both show the same rows as :mod:`mdo_planner.services.quality_service` computes, with the
definitions printed beside them. The report holds aggregates and session codes only, no
patient data; files are written atomically.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from mdo_planner.errors import UserError
from mdo_planner.infra.fileio import atomic_write_bytes
from mdo_planner.services.quality_service import Figures, QualityReport

REASONS_DEFERRED = (
    "pathology_missing",
    "imaging_missing",
    "patient_not_ready",
    "presenter_absent",
    "other",
)
REASONS_NOT = ("out_of_time", "session_cancelled", "other")

FIGURE_HEADER = (
    "group",
    "discussed",
    "% by due date",
    "median days ready→MDO",
    "p90 days",
    "% deferred",
    *(f"deferred: {r}" for r in REASONS_DEFERRED),
    "% not discussed",
    *(f"not discussed: {r}" for r in REASONS_NOT),
    "escalations",
    "triage overrides",
)
TIME_HEADER = (
    "echelon",
    "sessions",
    "cases discussed",
    "specialist-min booked",
    "specialist-min used",
    "booked per case",
    "used per case",
)
CANDIDATE_HEADER = (
    "session",
    "when",
    "echelon",
    "attendees",
    "minutes",
    "cases discussed",
    "booked per case",
    "echelon median",
    "why",
)


def figure_row(f: Figures) -> list[Any]:
    rates_d = f.reason_rates(f.deferred)
    rates_n = f.reason_rates(f.not_discussed)
    return [
        f.key,
        f.discussed,
        f.percent_on_time,
        f.median_days,
        f.p90_days,
        f.rate(f.deferred),
        *(rates_d.get(r, 0.0 if f.on_agenda else None) for r in REASONS_DEFERRED),
        f.rate(f.not_discussed),
        *(rates_n.get(r, 0.0 if f.on_agenda else None) for r in REASONS_NOT),
        f.escalations,
        f.overrides,
    ]


def _sections(r: QualityReport) -> list[tuple[str, Iterable[Figures]]]:
    return [
        ("All", [r.total]),
        ("By tumour group", r.by_tumour_group),
        ("By referring hospital", r.by_hospital),
        ("By session echelon", r.by_echelon),
    ]


def time_rows(r: QualityReport) -> list[list[Any]]:
    return [
        [t.echelon, t.sessions, t.cases, t.booked, t.used, t.booked_per_case, t.used_per_case]
        for t in r.specialist
    ]


def candidate_rows(r: QualityReport) -> list[list[Any]]:
    return [
        [
            c.session.code,
            c.session.label,
            c.session.echelon,
            c.session.attendees,
            c.session.duration_min,
            c.session.cases,
            c.session.booked_per_case,
            c.median,
            c.why,
        ]
        for c in r.candidates
    ]


def xlsx_bytes(r: QualityReport) -> bytes:
    """Three sheets with typed cells, frozen header rows and fitted columns
    (:mod:`mdo_planner.outputs.tables`), so the figures can be recomputed in Excel."""
    from mdo_planner.outputs.tables import Sheet
    from mdo_planner.outputs.tables import xlsx_bytes as tables_xlsx

    figures = [figure_row(f) for _title, rows in _sections(r) for f in rows]
    note = (
        f"Meetings closed {r.date_from} to {r.date_to}: {r.meetings}; core "
        f"disciplines actually present: {r.core_present}"
        + (f" ({r.percent_core_present:.1f}%)" if r.meetings else "")
    )
    return tables_xlsx(
        [
            Sheet("Figures", FIGURE_HEADER, figures, notes=(note,)),
            Sheet("Specialist time", TIME_HEADER, time_rows(r)),
            Sheet("Merge or cancel", CANDIDATE_HEADER, candidate_rows(r)),
        ]
    )


def pdf_bytes(r: QualityReport, printed_at: datetime | None = None) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from mdo_planner.pdf.agenda_pdf import FONT, HEAD_BG, LINE, SessionMarker, _build, _styles
    from mdo_planner.pdf.text import markup

    st = _styles()
    title = f"MDO quality report {r.date_from} to {r.date_to}"

    def fmt(v: Any) -> str:
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:.1f}"
        return str(v)

    def table(header: Iterable[str], rows: list[list[Any]], widths: list[float]) -> Table:
        data = [[Paragraph(markup(h), st.cell_head) for h in header]]
        data += [[Paragraph(markup(fmt(v)), st.cell) for v in row] for row in rows]
        t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return t

    story: list[Any] = [
        SessionMarker(title=title, key="quality", toc=False),
        Paragraph(markup(title), st.title),
        Paragraph(
            markup(
                f"{r.meetings} closed meeting(s); core disciplines actually present "
                f"in {r.core_present}"
                + (f" ({r.percent_core_present:.1f}%)." if r.meetings else ".")
            ),
            st.small,
        ),
    ]
    short = (
        "group",
        "discussed",
        "% by due",
        "median days",
        "p90 days",
        "% deferred",
        "% not disc.",
        "escal.",
        "overr.",
    )
    for heading, rows in _sections(r):
        story.append(Paragraph(markup(heading), st.h2))
        values = [
            [
                f.key,
                f.discussed,
                f.percent_on_time,
                f.median_days,
                f.p90_days,
                f.rate(f.deferred),
                f.rate(f.not_discussed),
                f.escalations,
                f.overrides,
            ]
            for f in rows
        ]
        story.append(table(short, values, [36 * mm, 20 * mm] + [16 * mm] * 7))
    reasons = [(k, v) for k, v in r.total.reason_rates(r.total.deferred).items()]
    reasons += [
        (f"not discussed: {k}", v) for k, v in r.total.reason_rates(r.total.not_discussed).items()
    ]
    if reasons:
        story.append(Paragraph("Deferral rate by reason (all)", st.h2))
        story.append(
            table(
                ("reason", "% of cases on the agenda"),
                [[k, v] for k, v in reasons],
                [70 * mm, 40 * mm],
            )
        )
    story.append(Paragraph("Specialist time per discussed case", st.h2))
    story.append(
        Paragraph(
            markup(
                "Booked: attendees × session length ÷ cases discussed. Used: attendees × minutes of "
                "discussion ÷ cases discussed."
            ),
            st.small,
        )
    )
    story.append(Spacer(1, 3))
    story.append(table(TIME_HEADER, time_rows(r), [26 * mm] + [25 * mm] * 6))
    story.append(Paragraph("Candidates to merge or cancel", st.h2))
    if r.candidates:
        story.append(
            table(
                ("session", "when", "attendees", "cases", "booked per case", "why"),
                [[row[0], row[1], row[3], row[5], row[6], row[8]] for row in candidate_rows(r)],
                [22 * mm, 42 * mm, 18 * mm, 14 * mm, 20 * mm, 64 * mm],
            )
        )
    else:
        story.append(Paragraph("None.", st.small))
    return _build(story, header_title=title, pdf_title=title, printed_at=printed_at, language="en")


def write_report(r: QualityReport, path: str | Path) -> Path:
    """Write ``.pdf`` or ``.xlsx`` by the file's extension."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UserError(
            f"{target}: the report is written as .pdf or .xlsx, not "
            f"{suffix or 'a file without extension'}"
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{target}: the folder {folder} does not exist")
    data = pdf_bytes(r) if suffix == ".pdf" else xlsx_bytes(r)
    try:
        return atomic_write_bytes(target, data)
    except OSError as exc:
        raise UserError(f"{target}: cannot write: {exc.strerror or exc}") from exc


__all__ = ["pdf_bytes", "write_report", "xlsx_bytes"]
