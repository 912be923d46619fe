"""Agendas as PDF (ReportLab platypus): one session, several sessions with a table of contents,
or "my MDOs" for one specialist.

Layout choices, and why:

* A4 portrait with a header (session title, "Confidential — medical data") and a footer
  (printed at, page X of Y) on every page: agendas are printed, stapled and lose pages.
* The item table repeats its header row on every page. A table row cannot be split across
  pages, so no cell holds unbounded text: the short fields sit in one row with bounded,
  shortened text, and the question, the triage reason and any shortened field follow in
  full-width rows cut into bounded chunks (:func:`mdo_planner.pdf.text.chunks`).
* The shipped DejaVu Sans is embedded (:mod:`mdo_planner.pdf.fonts`), never the standard-14
  fonts, so every name prints as typed.
* All user text is escaped (:func:`mdo_planner.pdf.text.markup`); the PDF metadata and the
  page headers carry the session's title only, never patient data.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from mdo_planner import __version__
from mdo_planner.agenda.labels import item_level, long_date, session_kind, tr, word
from mdo_planner.agenda.model import Agenda, AgendaItem, ExpertAgenda
from mdo_planner.infra.fileio import atomic_write_bytes
from mdo_planner.pdf.fonts import FONT, FONT_BOLD, register_fonts
from mdo_planner.pdf.text import chunks, markup, printable, shorten

PAGE_W, PAGE_H = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 17 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
#: No single table row may grow beyond this (a row taller than a page cannot be laid out).
MAX_CELL_H = FRAME_H / 3
TABLE_HEADER = ("col_number", "col_time", "col_patient", "col_referred", "col_triage", "col_ready")
COL_WIDTHS = tuple(w * mm for w in (9, 22, 44, 42, 35, 28))
DETAIL_W = sum(COL_WIDTHS[1:])
GREY = colors.HexColor("#5f6b7a")
LINE = colors.HexColor("#b8c2cc")
HEAD_BG = colors.HexColor("#e4eaf0")
URGENT = colors.HexColor("#a4161a")
NEEDS_YOU_BG = colors.HexColor("#fff4d6")


@dataclass(frozen=True)
class _Styles:
    title: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    warn: ParagraphStyle
    toc0: ParagraphStyle


def _styles() -> _Styles:
    register_fonts()
    base = ParagraphStyle(
        "mdo-body", fontName=FONT, fontSize=9.5, leading=12.5, alignment=TA_LEFT, splitLongWords=1
    )
    return _Styles(
        title=ParagraphStyle(
            "mdo-title", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4
        ),
        h2=ParagraphStyle(
            "mdo-h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
        ),
        body=base,
        small=ParagraphStyle("mdo-small", parent=base, fontSize=8.5, leading=11),
        cell=ParagraphStyle("mdo-cell", parent=base, fontSize=8, leading=10),
        cell_head=ParagraphStyle(
            "mdo-cell-head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10
        ),
        warn=ParagraphStyle("mdo-warn", parent=base, fontSize=8.5, leading=11, textColor=URGENT),
        toc0=ParagraphStyle(
            "mdo-toc0", parent=base, fontSize=9.5, leading=13, leftIndent=0, firstLineIndent=0
        ),
    )


class SessionMarker(Flowable):
    """Where a session starts: sets the running header, the bookmark and the TOC entry.

    A zero-size flowable of its own rather than a heading subclass, because ReportLab
    re-creates split paragraphs through their constructor and a long heading must be able
    to split across pages.
    """

    def __init__(self, *, title: str, key: str, toc: bool) -> None:
        super().__init__()
        self.page_title = title
        self.bookmark_key = key
        self.in_toc = toc

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _NumberedCanvas(Canvas):
    """Defers page output until the end so every footer can say "page X of Y"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(FONT, 7.5)
            self.setFillColor(GREY)
            language = getattr(self, "mdo_language", "en")
            self.drawRightString(
                PAGE_W - MARGIN_X,
                MARGIN_BOTTOM - 9 * mm,
                tr(language, "page", number=number, total=total),
            )
            super().showPage()
        super().save()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Cut a one-line text to ``width`` points, with an ellipsis."""
    # No glyph is narrower than a tenth of the font size: cut before measuring, so that a
    # pathological 50,000-character title costs no more than a normal one.
    text = " ".join(printable(text)[: int(width / (size * 0.1)) + 1].split())
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


class _AgendaDoc(BaseDocTemplate):
    """Page frame, running header/footer, TOC and bookmarks from :class:`SessionMarker`."""

    def __init__(
        self,
        buffer: io.BytesIO,
        *,
        header_title: str,
        printed_at: datetime,
        pdf_title: str,
        language: str = "en",
    ) -> None:
        register_fonts()
        self.language = language
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=shorten(pdf_title, 200)[0],  # metadata must be encodable text too
            author="MDO Planner",
            subject=tr(language, "confidential"),
            creator=f"MDO Planner {__version__}",
            keywords="",
            initialFontName=FONT,
            initialFontSize=9,
            lang=language,
        )
        self.header_title = header_title
        self.current_title = header_title
        self.printed_at = printed_at
        self._page_title: str | None = None
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            FRAME_W,
            FRAME_H,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(
                    id="page", frames=[frame], onPage=self._start_page, onPageEnd=self._end_page
                )
            ]
        )

    def beforeDocument(self) -> None:
        # multiBuild lays the document out several times (for the table of contents): every
        # pass must start with the document's own title, not the last session's.
        self.current_title = self.header_title
        self._page_title = None

    def _start_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._page_title = None
        canv.mdo_language = self.language  # for "page X of Y"

    def _end_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        title = " ".join(printable(self._page_title or self.current_title)[:1000].split())
        canv.saveState()
        canv.setFont(FONT_BOLD, 8.5)
        canv.setFillColor(colors.black)
        right = tr(self.language, "confidential")
        right_w = stringWidth(right, FONT_BOLD, 8.5)
        y = PAGE_H - MARGIN_TOP + 7 * mm
        room = FRAME_W - right_w - 6 * mm
        size = 8.5  # a long title first gets a smaller font, and is cut only below 7 pt
        while size > 7 and stringWidth(title, FONT_BOLD, size) > room:
            size -= 0.5
        canv.setFont(FONT_BOLD, size)
        canv.drawString(MARGIN_X, y, _fit(title, FONT_BOLD, size, room))
        canv.setFont(FONT_BOLD, 8.5)
        canv.setFillColor(URGENT)
        canv.drawRightString(PAGE_W - MARGIN_X, y, right)
        canv.setStrokeColor(LINE)
        canv.setLineWidth(0.6)
        canv.line(MARGIN_X, y - 2.5 * mm, PAGE_W - MARGIN_X, y - 2.5 * mm)
        canv.line(MARGIN_X, MARGIN_BOTTOM - 5 * mm, PAGE_W - MARGIN_X, MARGIN_BOTTOM - 5 * mm)
        canv.setFont(FONT, 7.5)
        canv.setFillColor(GREY)
        canv.drawString(
            MARGIN_X,
            MARGIN_BOTTOM - 9 * mm,
            tr(
                self.language,
                "printed",
                when=f"{self.printed_at:%Y-%m-%d %H:%M}",
                confidential=right,
            ),
        )
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, SessionMarker):
            if self._page_title is None:
                self._page_title = flowable.page_title
            self.current_title = flowable.page_title
            self.canv.bookmarkPage(flowable.bookmark_key)
            self.canv.addOutlineEntry(
                _fit(flowable.page_title, FONT, 9, 10_000),
                flowable.bookmark_key,
                level=0,
                closed=False,
            )
            if flowable.in_toc:
                self.notify(
                    "TOCEntry",
                    (
                        0,
                        markup(shorten(flowable.page_title, 300)[0]),
                        self.page,
                        flowable.bookmark_key,
                    ),
                )


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text (escaped)."""
    return Paragraph(markup(text), style)


def _bounded(par: Paragraph, width: float) -> list[Paragraph]:
    """Split a paragraph into pieces no taller than :data:`MAX_CELL_H`."""
    out: list[Paragraph] = []
    pending: list[Any] = [par]
    while pending:
        current = pending.pop(0)
        _, height = current.wrap(width, 1e9)
        if height <= MAX_CELL_H:
            out.append(current)
            continue
        parts = current.split(width, MAX_CELL_H)
        if len(parts) < 2:  # cannot split further (one enormous line): keep what fits
            out.append(current)
            continue
        pending[:0] = parts
    return out


def _detail_paragraphs(label: str, text: str, style: ParagraphStyle) -> list[Paragraph]:
    """Full-width rows for a long text: the first starts with a bold label."""
    pieces = chunks(text)
    out: list[Paragraph] = []
    for i, piece in enumerate(pieces):
        prefix = f"<b>{markup(label)}:</b> " if i == 0 else ""
        out += _bounded(Paragraph(prefix + markup(piece), style), DETAIL_W - 6)
    return out


def _item_rows(
    item: AgendaItem, st: _Styles, needs_you: str | None, lang: str
) -> tuple[list[list[Any]], list[str]]:
    """The table rows of one item: the short fields, then full-width detail rows."""
    cell = st.cell
    patient, patient_cut = shorten(item.patient, 90)
    hospital, hospital_cut = shorten(item.referring_hospital, 60)
    physician, physician_cut = shorten(item.presenting_physician, 60)
    extra, extra_cut = shorten(" ".join("+" + d for d in item.extra_disciplines), 50)
    group, _ = shorten(item.tumour_group, 30)
    level = f"{markup(group)} · {markup(item_level(lang, item.tumour_group, item.triage_level))}"
    if item.urgent:
        level = f'<font color="#a4161a"><b>{markup(tr(lang, "urgent"))}</b></font> · {level}'
    triage = level + (f"<br/>{markup(extra)}" if extra else "")
    if item.section == "discussion":
        time_cell = Paragraph(markup(item.slot) + f"<br/>{item.minutes} min", cell)
    else:
        time_cell = Paragraph(markup(tr(lang, "for_noting")), cell)
    number = str(item.number) + (" ✎" if item.manual else "")
    referred = markup(hospital) + (f"<br/>{markup(physician)}" if physician else "")
    main = [
        Paragraph(markup(number), cell),
        time_cell,
        Paragraph(markup(patient), cell),
        Paragraph(referred, cell),
        Paragraph(triage, cell),
        Paragraph(markup(item.readiness_in(lang)), cell),
    ]
    rows: list[list[Any]] = [main]
    kinds = ["main"]
    details: list[Paragraph] = []
    if needs_you:
        details.append(
            Paragraph(f"<b>{markup(tr(lang, 'needs_you'))}:</b> {markup(needs_you)}", cell)
        )
    details += _detail_paragraphs(
        tr(lang, "question"), item.question or tr(lang, "no_question"), cell
    )
    if item.triage_reason:
        details += _detail_paragraphs(tr(lang, "triage"), item.triage_reason, cell)
    for cut, label, text in (
        (patient_cut, "patient", item.patient),
        (hospital_cut, "referring_hospital", item.referring_hospital),
        (physician_cut, "presenting_physician", item.presenting_physician),
        (extra_cut, "extra_disciplines", ", ".join(item.extra_disciplines)),
    ):
        if cut:
            details += _detail_paragraphs(tr(lang, label), text, cell)
    for par in details:
        rows.append(["", par, "", "", "", ""])
        kinds.append("needs" if needs_you and par is details[0] else "detail")
    return rows, kinds


#: a case block up to this height is never split across pages (taller ones must split)
KEEP_BLOCK_H = FRAME_H * 0.6


def _block_height(rows: list[list[Any]]) -> float:
    """Roughly how tall a case block prints: each row as tall as its tallest cell (detail
    rows span the table from the second column on)."""
    total = 0.0
    for row in rows:
        if row[0] == "":  # a detail row: one paragraph over the spanned columns
            cells = [(row[1], sum(COL_WIDTHS[1:]))]
        else:
            cells = list(zip(row, COL_WIDTHS, strict=False))
        total += (
            max(
                (c.wrap(w - 6, FRAME_H)[1] for c, w in cells if isinstance(c, Flowable)),
                default=0.0,
            )
            + 4
        )
    return total


def items_table(
    items: Sequence[AgendaItem],
    st: _Styles,
    needs_you: Callable[[AgendaItem], str | None] | None = None,
    lang: str = "en",
) -> Table:
    """The item table: header row repeated on every page, one block of rows per item."""
    rows: list[list[Any]] = [[Paragraph(markup(tr(lang, h)), st.cell_head) for h in TABLE_HEADER]]
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # empty cells too: no Helvetica reference
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GREY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for item in items:
        first = len(rows)
        block, kinds = _item_rows(item, st, needs_you(item) if needs_you else None, lang)
        rows += block
        last = len(rows) - 1
        for offset, kind in enumerate(kinds):
            r = first + offset
            if kind != "main":
                commands.append(("SPAN", (1, r), (-1, r)))
                commands.append(("TOPPADDING", (0, r), (-1, r), 0))
            if kind == "needs":
                commands.append(("BACKGROUND", (1, r), (-1, r), NEEDS_YOU_BG))
        if last > first:
            # a case block stays in one piece (its triage line never lands on the next page
            # without its case); a block too tall for a page keeps at least its first two
            # and its last two rows together
            if _block_height(block) <= KEEP_BLOCK_H:
                commands.append(("NOSPLIT", (0, first), (-1, last)))
            else:
                commands.append(("NOSPLIT", (0, first), (-1, first + 1)))
                commands.append(("NOSPLIT", (0, last - 1), (-1, last)))
        commands.append(("LINEBELOW", (0, last), (-1, last), 0.4, LINE))
    table = Table(rows, colWidths=list(COL_WIDTHS), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _session_story(
    agenda: Agenda,
    st: _Styles,
    *,
    key: str,
    toc: bool,
    needs_you: Callable[[AgendaItem], str | None] | None = None,
) -> list[Flowable]:
    """Header block, attendees, warnings and both sections of one session."""
    lang = agenda.language
    s = agenda.session
    group = s.tumour_group_name or s.tumour_group
    host = s.host_hospital_name or s.host_hospital
    echelon = session_kind(lang, s.tumour_group, s.echelon)
    heading = f"MDO {group} — {echelon} — {host}"
    story: list[Flowable] = [SessionMarker(title=s.title_in(lang), key=key, toc=toc)]
    story += [Paragraph(markup(piece), st.title) for piece in chunks(heading)]
    used = agenda.discussion_minutes
    facts: list[tuple[str, str]] = [
        (
            "date",
            f"{long_date(s.date, lang)}, {s.start:%H:%M}–{s.end:%H:%M} ({s.duration_min} min)",
        ),
        ("tumour_group", f"{group} ({s.tumour_group})" if s.tumour_group_name else group),
        ("echelon", echelon),
        ("host_hospital", host),
        ("mode", word(lang, s.mode)),
    ]
    if s.video_link:
        facts.append(("video_link", s.video_link))
    if s.chair:
        facts.append(("chair", s.chair))
    facts.append(
        (
            "agenda",
            tr(
                lang,
                "agenda_text",
                items=len(agenda.items),
                used=used,
                duration=s.duration_min,
                noting=len(agenda.noting),
            ),
        )
    )
    facts.append(("privacy", tr(lang, "privacy_text", mode=word(lang, agenda.privacy))))
    for label, value in facts:
        for i, piece in enumerate(chunks(value) or [""]):
            prefix = f"<b>{markup(tr(lang, label))}:</b> " if i == 0 else ""
            story.append(Paragraph(prefix + markup(piece), st.small))
    story.append(Spacer(1, 4))
    story.append(Paragraph(markup(tr(lang, "attendees")), st.h2))
    if agenda.attendees:
        for code, people in agenda.attendees:
            name = people[0].discipline_name if people and people[0].discipline_name else code
            who = ", ".join(p.name for p in people)
            for i, piece in enumerate(chunks(who) or [""]):
                prefix = f"<b>{markup(name)}:</b> " if i == 0 else ""
                story.append(Paragraph(prefix + markup(piece), st.small))
    else:
        story.append(Paragraph(markup(tr(lang, "no_attendees")), st.small))
    if agenda.warnings:
        story.append(Spacer(1, 4))
        for warning in agenda.warnings:
            for piece in chunks(tr(lang, "attention", text=warning)):
                story.append(Paragraph(markup(piece), st.warn))
    # Room for the heading, the table header and a first item; else start on a new page.
    story.append(CondPageBreak(55 * mm))
    story.append(Paragraph(markup(tr(lang, "for_discussion")), st.h2))
    if agenda.items:
        story.append(items_table(agenda.items, st, needs_you, lang))
    else:
        story.append(Paragraph(markup(tr(lang, "no_items")), st.small))
    if agenda.noting:
        story.append(CondPageBreak(65 * mm))
        story.append(
            KeepTogether(
                [
                    Paragraph(markup(tr(lang, "noting")), st.h2),
                    Paragraph(markup(tr(lang, "noting_intro")), st.small),
                    Spacer(1, 3),
                ]
            )
        )
        story.append(items_table(agenda.noting, st, needs_you, lang))
    return story


def _build(
    story: list[Flowable],
    *,
    header_title: str,
    pdf_title: str,
    printed_at: datetime | None,
    language: str,
    multi: bool = False,
) -> bytes:
    buffer = io.BytesIO()
    doc = _AgendaDoc(
        buffer,
        header_title=header_title,
        pdf_title=pdf_title,
        printed_at=printed_at or datetime.now(),
        language=language,
    )
    if multi:
        doc.multiBuild(story, canvasmaker=_NumberedCanvas)
    else:
        doc.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def agenda_pdf_bytes(agenda: Agenda, *, printed_at: datetime | None = None) -> bytes:
    """The PDF of one session's agenda (in the agenda's language)."""
    st = _styles()
    story = _session_story(agenda, st, key=f"s-{agenda.session.session_id}", toc=False)
    title = agenda.session.title_in(agenda.language)
    return _build(
        story,
        header_title=title,
        pdf_title=f"Agenda {title}",
        printed_at=printed_at,
        language=agenda.language,
    )


def batch_title(date_from: date, date_to: date, language: str = "en") -> str:
    """The title of a combined PDF: "MDO agendas 2027-01-04 to 2027-01-08"."""
    return tr(language, "batch_title", date_from=date_from.isoformat(), date_to=date_to.isoformat())


def combined_pdf_bytes(
    agendas: Sequence[Agenda], *, title: str, printed_at: datetime | None = None
) -> bytes:
    """Several sessions in one PDF, a table of contents first, each session on new pages."""
    st = _styles()
    lang = agendas[0].language if agendas else "en"
    toc = TableOfContents(
        tableStyle=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    toc.levelStyles = [st.toc0]
    toc.dotsMinLevel = 0
    story: list[Flowable] = [
        Paragraph(markup(title), st.title),
        Paragraph(markup(tr(lang, "contents")), st.h2),
        toc,
    ]
    for n, agenda in enumerate(agendas):
        story.append(PageBreak())
        story += _session_story(agenda, st, key=f"s{n}-{agenda.session.session_id}", toc=True)
    return _build(
        story, header_title=title, pdf_title=title, printed_at=printed_at, language=lang, multi=True
    )


def expert_agenda_pdf_bytes(mine: ExpertAgenda, *, printed_at: datetime | None = None) -> bytes:
    """ "My MDOs": every session one expert attends in a range, cases needing them marked."""
    st = _styles()
    lang = mine.language
    discipline = mine.expert.discipline

    def needs_you(item: AgendaItem) -> str | None:
        if discipline in item.extra_disciplines:
            return tr(lang, "needs_you_text", discipline=mine.expert.discipline_name or discipline)
        return None

    story: list[Flowable] = [
        Paragraph(markup(mine.title), st.title),
        Paragraph(
            markup(tr(lang, "my_intro", count=len(mine.agendas), needs_you=tr(lang, "needs_you"))),
            st.small,
        ),
    ]
    if not mine.agendas:
        story.append(Paragraph(markup(tr(lang, "no_sessions")), st.body))
    for n, agenda in enumerate(mine.agendas):
        # every session on a page of its own: the running header then always names the
        # session whose cases are on the page (two sessions on one page made it lie)
        story.append(PageBreak() if n else Spacer(1, 6))
        story += _session_story(
            agenda, st, key=f"s{n}-{agenda.session.session_id}", toc=False, needs_you=needs_you
        )
    return _build(
        story,
        header_title=mine.title,
        pdf_title=tr(lang, "my_mdos"),
        printed_at=printed_at,
        language=lang,
    )


def write_pdf(path: str | Path, data: bytes) -> Path:
    """Write a finished PDF atomically (temporary file beside it, then rename)."""
    return atomic_write_bytes(path, data)
