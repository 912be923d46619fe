"""Agenda PDFs read back with pypdf: order and times, headers, fonts, privacy, robustness."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import date, datetime, time
from io import BytesIO
from pathlib import Path

import icalendar
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from mdo_planner.agenda import Attendee, PatientData, build_agenda, expert_agenda
from mdo_planner.outputs.ics import session_calendar
from mdo_planner.pdf import (
    agenda_file_name,
    agenda_pdf_bytes,
    combined_pdf_bytes,
    expert_agenda_pdf_bytes,
    unique_file_names,
    write_pdf,
)
from mdo_planner.pdf.text import chunks, markup, printable
from tests.agenda_factory import (
    BSN,
    HARD_NAMES,
    HARD_QUESTION,
    attendees,
    bsn_like_numbers,
    case,
    pdf_pages_text,
    session,
)

PRINTED = datetime(2027, 1, 4, 9, 30)
STANDARD_14 = {"Helvetica", "Times-Roman", "Courier", "Symbol", "ZapfDingbats"}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def long_agenda(privacy: str = "full"):
    """Forty cases with long questions: several pages, all hard characters present."""
    cases = []
    for n in range(40):
        patient = PatientData(
            f"P-{n:04d}", HARD_NAMES[n % 3], date(1950, 1, 1 + n % 28), f"HN{n:05d}", BSN
        )
        cases.append(
            case(
                f"C{n:02d}",
                patient=patient,
                minutes=3 + n % 4,
                referring_hospital=f"H{n % 3}",
                presenting_physician=HARD_NAMES[(n + 1) % 3],
                question=f"{HARD_QUESTION}; <onbekend> & more. BSN {BSN}? "
                + "lorem ipsum " * (n * 7),
                urgent=(n == 17),
                triage_level="regional" if n % 5 == 0 else "local",
            )
        )
    cases.append(case("NOTE", triage_level="protocol", minutes=0, question="Standard pathway."))
    return build_agenda(
        session(duration_min=240), cases, attendees(), privacy=privacy, generated_at=PRINTED
    )


@pytest.fixture(scope="module")
def long_pdf() -> tuple[object, bytes]:
    agenda = long_agenda()
    return agenda, agenda_pdf_bytes(agenda, printed_at=PRINTED)


def test_items_appear_in_agenda_order_with_their_times(long_pdf) -> None:
    agenda, data = long_pdf
    text = nfc("\n".join(pdf_pages_text(data)))
    positions = []
    for item in agenda.items:
        slot = item.slot
        assert slot in text, slot
        at = text.index(slot)
        # The patient of that slot follows it before the next slot.
        assert text.index(f"P-{int(item.case_id[1:]):04d}", at) > at
        positions.append(at)
    assert positions == sorted(positions)
    assert agenda.items[0].case_id == "C17" and agenda.items[0].slot == "16:00–16:04"


def test_every_page_has_header_footer_and_page_x_of_y(long_pdf) -> None:
    _, data = long_pdf
    pages = pdf_pages_text(data)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Confidential — medical data" in page
        assert "Printed at 2027-01-04 09:30" in page
        assert "General Hospital A" in page


def test_the_item_table_header_row_repeats_on_every_page(long_pdf) -> None:
    _, data = long_pdf
    pages = pdf_pages_text(data)
    with_items = [p for p in pages if re.search(r"\d\d:\d\d–\d\d:\d\d\n", p)]
    assert len(with_items) >= 3
    for page in with_items:
        assert re.search(r"#\s*\n?Time\s*\n?Patient\s*\n?Referred by\s*\n?Triage", page), page[:400]


def test_no_bsn_is_printed_in_any_mode() -> None:
    for mode in ("full", "pseudonymised", "minimal"):
        data = agenda_pdf_bytes(long_agenda(mode), printed_at=PRINTED)
        text = "\n".join(pdf_pages_text(data))
        assert BSN not in text
        assert bsn_like_numbers(text) == []
        assert "[BSN removed]" in text


def test_unicode_names_and_escaped_markup_print_as_typed(long_pdf) -> None:
    _, data = long_pdf
    text = nfc("\n".join(pdf_pages_text(data)))
    for name in (*HARD_NAMES, HARD_QUESTION, "Dr. Müller-Łukasiewicz"):
        assert nfc(name) in text, name
    assert "<onbekend> & more" in text


def assert_only_embedded_fonts(data: bytes) -> None:
    reader = PdfReader(BytesIO(data))
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            base = str(font["/BaseFont"])
            seen.add(base)
            assert not any(std in base for std in STANDARD_14), base
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, base
    assert any("DejaVuSans" in b for b in seen), seen


def test_fonts_are_embedded_and_no_standard_font_is_used(long_pdf) -> None:
    _, data = long_pdf
    assert_only_embedded_fonts(data)


def test_metadata_and_file_names_carry_no_patient_data(long_pdf) -> None:
    agenda, data = long_pdf
    meta = PdfReader(BytesIO(data)).metadata
    blob = " ".join(str(v) for v in meta.values())
    assert "Agenda MDO Breast cancer" in blob
    for name in HARD_NAMES:
        assert name not in blob
    assert "P-00" not in blob
    assert agenda_file_name(agenda.session) == "2027-01-05_BREAST_local_H1.pdf"


def test_batch_file_names_are_unique_and_safe() -> None:
    a = session(session_id="S1", tumour_group="HEAD/NECK")
    b = session(session_id="S2", tumour_group="HEAD/NECK")
    c = session(session_id="S3", tumour_group="HEAD/NECK", start=time(8, 0))
    names = unique_file_names([a, b, c])
    assert names == [
        "2027-01-05_HEAD-NECK_local_H1_1600_S1.pdf",
        "2027-01-05_HEAD-NECK_local_H1_1600_S2.pdf",
        "2027-01-05_HEAD-NECK_local_H1_0800.pdf",
    ]


def test_empty_agenda_and_noting_section_render() -> None:
    agenda = build_agenda(session(), [case("P1", triage_level="protocol", minutes=0)])
    text = "\n".join(pdf_pages_text(agenda_pdf_bytes(agenda)))
    assert "No cases are listed for discussion." in text
    assert "Listed for noting (standard of care)" in text
    assert "for noting" in text


def test_combined_pdf_has_a_table_of_contents_and_per_session_headers() -> None:
    agendas = [
        build_agenda(
            session(
                session_id=f"S{n}",
                tumour_group="LUNG",
                tumour_group_name=f"Lung {n}",
                date=date(2027, 1, 4 + n),
            ),
            [case(f"C{n}{k}", question="x " * 400) for k in range(8)],
            attendees(),
        )
        for n in range(3)
    ]
    data = combined_pdf_bytes(
        agendas, title="MDO agendas 2027-01-04 to 2027-01-08", printed_at=PRINTED
    )
    pages = pdf_pages_text(data)
    assert "Contents" in pages[0]
    # Heading and running header both name the batch (not the last session of a pass).
    assert pages[0].count("MDO agendas 2027-01-04 to 2027-01-08") == 2
    for n in range(3):
        assert f"Lung {n}" in pages[0]  # the TOC lists every session
    for page in pages[1:]:
        assert re.search(r"MDO Lung \d — local — General Hospital A — 2027-01-0\d", page)
    reader = PdfReader(BytesIO(data))
    assert len(reader.outline) == 3
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert_only_embedded_fonts(data)


def test_my_agenda_marks_the_cases_that_need_the_expert() -> None:
    people = attendees()
    geneticist = people[3]
    agenda = build_agenda(
        session(), [case("A", extra_disciplines=("CLIN_GEN",)), case("B")], people
    )
    mine = expert_agenda(geneticist, date(2027, 1, 4), date(2027, 1, 8), [agenda])
    data = expert_agenda_pdf_bytes(mine, printed_at=PRINTED)
    assert_only_embedded_fonts(data)
    text = "\n".join(pdf_pages_text(data))
    assert "My MDOs — Dr. D. Bakker" in text
    assert text.count("Needs you:") == 1


def test_write_pdf_is_atomic(tmp_path: Path) -> None:
    target = tmp_path / "agenda.pdf"
    target.write_bytes(b"old")
    write_pdf(target, agenda_pdf_bytes(build_agenda(session(), [case("A")])))
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.pdf"]


def test_markup_escapes_and_drops_unprintable_characters() -> None:
    assert markup("a <b> & c\nd") == "a &lt;b&gt; &amp; c<br/>d"
    assert printable("a\x00b\x07c\ud800d\ufffe") == "abcd"
    pieces = chunks("word " * 1000, size=100)
    assert all(len(p) <= 100 for p in pieces)
    assert " ".join(pieces).split() == ["word"] * 1000
    assert len(chunks("\n" * 5 + "x\n" * 100)) >= 8  # many short lines are cut too


def _random_text(rng: random.Random, size: int) -> str:
    alphabet = [chr(rng.randrange(0x20, 0x2FFF)) for _ in range(200)] + [
        " ",
        "\n",
        "<",
        "&",
        ">",
        "\x00",
        "\U0001f600",
        "\ud7ff",
        "\u200f",
    ]
    return "".join(rng.choice(alphabet) for _ in range(size))


def test_fifty_thousand_characters_of_any_script_do_not_break_the_export() -> None:
    rng = random.Random(5)
    huge = _random_text(rng, 50_000)
    word = "x" * 50_000  # one endless word
    agenda = build_agenda(
        session(),
        [
            case(
                "A",
                question=huge,
                presenting_physician=huge[:5000],
                patient=PatientData("P-1", huge, None, huge[:300]),
            ),
            case("B", question=word, referring_hospital_name=word[:3000]),
        ],
        privacy="full",
    )
    data = agenda_pdf_bytes(agenda)
    pages = pdf_pages_text(data)
    assert len(pages) > 5
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


#: Any code point, lone surrogates and control characters included.
any_char = st.characters(exclude_categories=()) | st.characters(
    min_codepoint=0xD800, max_codepoint=0xDFFF, exclude_categories=()
)
text_sizes = st.one_of(
    st.text(any_char, max_size=300),
    st.builds(
        lambda s, n: (s * n)[:50_000],
        st.text(any_char, min_size=1, max_size=200),
        st.integers(min_value=1, max_value=2_000),
    ),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(question=text_sizes, name=text_sizes, other=st.text(any_char, max_size=500))
@example(question="", name="\n", other="\r")  # line breaks in calendar content lines
@example(question="", name="000©" * 312, other="")  # a heading that splits across pages
def test_arbitrary_text_never_breaks_the_export(question: str, name: str, other: str) -> None:
    people = [*attendees(), Attendee("EX", name, "SURG", other, "H9")]
    where = session(
        chair=name, video_link=other, host_hospital_name=other, tumour_group_name=name[:300]
    )
    agenda = build_agenda(
        where,
        [
            case(
                "A",
                question=question,
                presenting_physician=other,
                triage_reason=name,
                referring_hospital_name=other,
                patient=PatientData(other or "P-1", name, date(1960, 1, 1), name[:40]),
            ),
            case("B", question=name, triage_level="protocol", minutes=0),
        ],
        people,
        privacy="full",
    )
    data = agenda_pdf_bytes(agenda)
    assert data.startswith(b"%PDF")
    assert PdfReader(BytesIO(data)).pages
    if len(name) + len(other) < 2_000:  # the same item layout; keep the suite fast
        mine = expert_agenda(people[-1], date(2027, 1, 1), date(2027, 1, 31), [agenda])
        assert expert_agenda_pdf_bytes(mine).startswith(b"%PDF")
    cal = icalendar.Calendar.from_ical(session_calendar(agenda))
    assert len(cal.walk("VEVENT")) == 1


def test_dutch_agenda_pdf() -> None:
    people = attendees()
    agenda = build_agenda(
        session(),
        [
            case("A", urgent=True),
            case("B", extra_disciplines=("CLIN_GEN",)),
            case("N", triage_level="protocol", minutes=0),
        ],
        people,
        privacy="full",
        language="nl",
    )
    pages = pdf_pages_text(agenda_pdf_bytes(agenda, printed_at=PRINTED))
    text = "\n".join(pages)
    for words in (
        "Vertrouwelijk — medische gegevens",
        "Pagina 1 van 1",
        "Afgedrukt op 2027-01-04",
        "dinsdag 5 januari 2027",
        "Ter bespreking",
        "Ter kennisname (standaardzorg)",
        "Aanwezige specialisten",
        "Vraagstelling:",
        "SPOED",
        "ter kennisname",
        "MDO Breast cancer — lokaal — General Hospital A",
    ):
        assert words in text, words
    assert re.search(r"#\s*\n?Tijd\s*\n?Patiënt\s*\n?Verwezen door", text)
    mine = expert_agenda(people[3], date(2027, 1, 4), date(2027, 1, 8), [agenda], "nl")
    text = "\n".join(pdf_pages_text(expert_agenda_pdf_bytes(mine)))
    assert "Mijn MDO's — Dr. D. Bakker" in text and "Voor u:" in text
    data = combined_pdf_bytes([agenda], title="MDO-agenda's", printed_at=PRINTED)
    assert "Inhoud" in pdf_pages_text(data)[0]


def test_a_consultations_file_is_named_a_consultation_not_supraregional() -> None:
    """A care network's consultation sits at the supra-regional level in the engine's
    vocabulary; its file name says what it is (found walking the merged app)."""
    x = session(session_id="S9", tumour_group="CN-ZVO", echelon="supraregional")
    assert agenda_file_name(x).split("_")[2] == "consultation"
    assert unique_file_names([x])[0].split("_")[2] == "consultation"
