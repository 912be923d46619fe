"""Printed agendas that do not mislead (issue 18), read back with pypdf: in a combined PDF and
in "My MDOs" every session starts on a new page, and each page's running header names the
session whose cases are on that page; a case block and its details stay together."""

from __future__ import annotations

import re
from datetime import date, datetime

from mdo_planner.agenda import build_agenda, expert_agenda
from mdo_planner.pdf import combined_pdf_bytes, expert_agenda_pdf_bytes
from tests.agenda_factory import attendees, case, pdf_pages_text, session

PRINTED = datetime(2027, 1, 4, 9, 30)
HEADER = re.compile(r"MDO Lung (\d) — local — General Hospital A — 2027-01-0\d")


def _agendas(sizes: tuple[int, ...] = (9, 2, 7)):
    return [
        build_agenda(
            session(
                session_id=f"S{n}",
                tumour_group="LUNG",
                tumour_group_name=f"Lung {n}",
                date=date(2027, 1, 4 + n),
                duration_min=600,
            ),
            [
                case(
                    f"K{n}X{k:02d}",
                    question="lang verhaal " * (20 + 17 * k),
                    triage_reason="R5: " + "detail " * 30,
                )
                for k in range(size)
            ],
            attendees(),
            generated_at=PRINTED,
        )
        for n, size in enumerate(sizes)
    ]


def _check_headers(pages: list[str]) -> int:
    """Each page that shows cases: its header names their session. Returns pages checked."""
    checked = 0
    for page in pages:
        sessions_of_cases = {int(n) for n in re.findall(r"K(\d)X\d\d", page)}
        if not sessions_of_cases:
            continue
        headers = {int(n) for n in HEADER.findall(page)}
        assert len(sessions_of_cases) == 1, f"one session per page, not {sessions_of_cases}"
        assert headers == sessions_of_cases, (headers, sessions_of_cases, page[:200])
        checked += 1
    return checked


def test_combined_pdf_one_session_per_page_with_the_right_header() -> None:
    data = combined_pdf_bytes(_agendas(), title="MDO agendas", printed_at=PRINTED)
    pages = pdf_pages_text(data)
    assert _check_headers(pages) >= 4


def test_my_agenda_one_session_per_page_with_the_right_header() -> None:
    people = attendees()
    mine = expert_agenda(people[0], date(2027, 1, 4), date(2027, 1, 8), _agendas())
    pages = pdf_pages_text(expert_agenda_pdf_bytes(mine, printed_at=PRINTED))
    assert _check_headers(pages) >= 4
    # the short middle session does not share a page with its neighbours either
    assert sum(1 for p in pages if "K1X" in p) == 1


def test_a_case_block_is_not_split_from_its_triage_line() -> None:
    pages = pdf_pages_text(
        combined_pdf_bytes(_agendas((12,)), title="MDO agendas", printed_at=PRINTED)
    )
    for page in pages[1:]:
        # no page starts with the details of a case printed on the page before
        first_code = re.search(r"K\dX\d\d", page)
        before = page[: first_code.start()] if first_code else page
        assert "R5:" not in before and "lang verhaal" not in before, before[-300:]


def test_agendas_print_in_the_interface_language_unless_the_site_fixes_one(
    tmp_path, monkeypatch
) -> None:
    from mdo_planner.services.agenda_service import AgendaSettings

    site = tmp_path / "site.toml"
    monkeypatch.setenv("MDO_PLANNER_CONFIG", str(site))
    assert AgendaSettings.from_site().for_interface("nl").language == "nl"
    assert AgendaSettings.from_site().for_interface("en").language == "en"
    site.write_text('[agenda]\nlanguage = "en"\n', encoding="utf-8")
    fixed = AgendaSettings.from_site()
    assert fixed.language_fixed and fixed.for_interface("nl").language == "en"
