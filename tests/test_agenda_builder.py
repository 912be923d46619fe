"""The pure agenda builder: order, time slots, sections, privacy, "my agenda"."""

from __future__ import annotations

import itertools
from datetime import date, time

import pytest

from mdo_planner.agenda import (
    OrderingPolicy,
    PatientData,
    build_agenda,
    default_privacy,
    elfproef,
    expert_agenda,
    order_cases,
    patient_label,
    redact_bsn,
)
from mdo_planner.agenda.privacy import BSN_PLACEHOLDER, initials
from mdo_planner.errors import UserError
from tests.agenda_factory import BSN, attendees, case, session


def ids(cases: list) -> list[str]:
    return [c.case_id for c in cases]


# --- ordering --------------------------------------------------------------------------


def test_urgent_cases_come_first_then_the_heaviest() -> None:
    cases = [
        case("light", minutes=4),
        case("heavy", triage_level="regional", minutes=10, complexity=3),
        case("urgent", urgent=True, minutes=4),
        case("medium", minutes=8, complexity=1),
    ]
    assert ids(order_cases(cases)) == ["urgent", "heavy", "medium", "light"]


def test_cases_of_one_hospital_and_physician_stay_together() -> None:
    cases = [
        case("a1", referring_hospital="H1", minutes=4),
        case("b1", referring_hospital="H2", minutes=12, triage_level="regional"),
        case("a2", referring_hospital="H1", minutes=10, triage_level="regional"),
        case("b2", referring_hospital="H2", minutes=3),
        case("a3", referring_hospital="H1", minutes=6, presenting_physician="Dr. Other"),
    ]
    order = ids(order_cases(cases))
    # H2 holds the heaviest case, so its block goes first; each block stays contiguous.
    assert order[:2] == ["b1", "b2"]
    assert set(order[2:]) == {"a1", "a2", "a3"}
    # Within H1, the physician blocks stay together: Đorđević's (a2, a1) then Other's (a3).
    assert order[2:] == ["a2", "a1", "a3"]


def test_grouping_and_complexity_can_be_switched_off() -> None:
    cases = [case("c", minutes=3), case("a", minutes=9), case("b", minutes=5, urgent=True)]
    policy = OrderingPolicy(urgent_first=False, complex_first=False, group_by="none")
    assert ids(order_cases(cases, policy)) == ["a", "b", "c"]


def test_manual_order_wins_and_survives_replanning() -> None:
    manual = [
        case("m1", manual_position=1, minutes=3),
        case("m2", manual_position=2, minutes=3),
        case("m3", manual_position=3, minutes=3),
    ]
    heavy = case("new-heavy", minutes=15, triage_level="regional", urgent=True)
    # Re-planning adds a heavy urgent case: the hand-ordered ones keep places 1-3.
    assert ids(order_cases([heavy, *manual])) == ["m1", "m2", "m3", "new-heavy"]
    # Re-planning removes m2: m1 and m3 keep their order, the gap is filled by the policy.
    assert ids(order_cases([manual[2], heavy, manual[0]])) == ["m1", "new-heavy", "m3"]


def test_manual_positions_beyond_the_list_are_clamped_in_order() -> None:
    cases = [case("x", manual_position=9), case("y", manual_position=7), case("auto")]
    assert ids(order_cases(cases)) == ["auto", "y", "x"]


def test_policy_from_site_configuration() -> None:
    policy = OrderingPolicy.from_config({"group_by": "physician", "urgent_first": False})
    assert policy == OrderingPolicy(urgent_first=False, group_by="physician")
    assert OrderingPolicy.from_config(None) == OrderingPolicy()
    with pytest.raises(UserError, match=r"agenda.ordering.group_by"):
        OrderingPolicy.from_config({"group_by": "colour"})
    with pytest.raises(UserError, match="unknown setting"):
        OrderingPolicy.from_config({"sort": "x"})
    with pytest.raises(UserError, match="true or false"):
        OrderingPolicy.from_config({"urgent_first": "yes"})


# --- times and sections ----------------------------------------------------------------


def test_time_slots_follow_each_other_inside_the_session() -> None:
    cases = [case("a", minutes=10), case("b", minutes=5), case("c", minutes=15)]
    agenda = build_agenda(session(), cases)
    slots = [(i.start, i.end) for i in agenda.items]
    assert slots[0][0] == time(16, 0)
    for (_, end), (start, _) in itertools.pairwise(slots):
        assert end == start
    assert agenda.items[-1].end <= session().end
    assert [i.number for i in agenda.items] == [1, 2, 3]
    assert agenda.discussion_minutes == 30
    assert agenda.warnings == ()


def test_overrun_is_reported_not_hidden() -> None:
    agenda = build_agenda(session(duration_min=20), [case("a", minutes=15), case("b", minutes=10)])
    assert any("overruns by 5 min" in w for w in agenda.warnings)


def test_protocol_cases_are_listed_for_noting_without_time() -> None:
    cases = [
        case("d1"),
        case("p1", triage_level="protocol", minutes=0),
        case("h1", triage_level="hold"),
    ]
    agenda = build_agenda(session(), cases)
    assert ids(agenda.items) == ["d1"]
    assert ids(agenda.noting) == ["p1"]
    noted = agenda.noting[0]
    assert noted.section == "noting" and noted.start is None and noted.slot == ""
    assert noted.minutes == 0
    assert any("h1" in w and "hold" in w for w in agenda.warnings)


def test_missing_readiness_is_flagged() -> None:
    agenda = build_agenda(session(), [case("a", imaging_available=False)])
    assert agenda.items[0].readiness == "pathology ✓, imaging missing"
    assert any("imaging not yet available" in w for w in agenda.warnings)


def test_attendees_grouped_by_discipline_core_first() -> None:
    agenda = build_agenda(
        session(), [case("a")], attendees(), core_disciplines=["RADIOL", "PATH", "SURG"]
    )
    assert [code for code, _ in agenda.attendees] == ["RADIOL", "PATH", "SURG", "CLIN_GEN"]
    surgeons = dict(agenda.attendees)["SURG"]
    assert [p.name for p in surgeons] == ["Dr. A. Jansen", "Dr. E. Visser"]


# --- privacy ---------------------------------------------------------------------------


PATIENT = PatientData("P-000123", "Zoë van der Ĳsselstein", date(1950, 3, 2), "7654321", BSN)


def test_full_mode_prints_name_birth_date_and_hospital_number() -> None:
    label = patient_label(PATIENT, "full")
    assert "Zoë van der Ĳsselstein" in label
    assert "born 02-03-1950" in label and "patient no. 7654321" in label
    assert "P-000123" in label and BSN not in label
    dutch = patient_label(PATIENT, "full", "nl")
    assert "geb. 02-03-1950" in dutch and "patiëntnr. 7654321" in dutch


def test_pseudonymised_mode_prints_reference_initials_and_birth_year() -> None:
    label = patient_label(PATIENT, "pseudonymised")
    assert label == "P-000123 · Z.Ĳ. · 1950"


def test_minimal_mode_prints_the_reference_only() -> None:
    assert patient_label(PATIENT, "minimal") == "P-000123"


def test_default_privacy_is_pseudonymised_when_other_hospitals_attend() -> None:
    assert default_privacy("regional") == "pseudonymised"
    assert default_privacy("supraregional", "full") == "pseudonymised"
    assert default_privacy("regional", "minimal") == "minimal"
    assert default_privacy("local") == "full"
    assert default_privacy("local", "minimal") == "minimal"
    assert build_agenda(session(echelon="regional"), [case("a")]).privacy == "pseudonymised"
    assert build_agenda(session(), [case("a")], privacy="minimal").privacy == "minimal"


def test_unknown_privacy_mode_is_a_user_error() -> None:
    with pytest.raises(UserError, match="unknown privacy mode 'open'"):
        build_agenda(session(), [case("a")], privacy="open")


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("111222333", True),
        ("123456782", True),
        ("123456789", False),
        ("12345678", False),
        ("abcdefghi", False),
    ],
)
def test_elfproef(digits: str, ok: bool) -> None:
    assert elfproef(digits) is ok


def test_bsn_is_removed_from_free_text_in_any_spelling() -> None:
    text = "BSN 123456782, also 1234.56.782 and 123 456 782; order 123456789; phone 0612345678"
    cleaned = redact_bsn(text)
    assert "123456782" not in cleaned and "1234.56.782" not in cleaned
    assert "123 456 782" not in cleaned
    assert cleaned.count(BSN_PLACEHOLDER) == 3
    assert "123456789" in cleaned and "0612345678" in cleaned
    # The case's own BSN is removed even when it does not pass the check.
    assert redact_bsn("see 999999990", known_bsn="999999990") == f"see {BSN_PLACEHOLDER}"


@pytest.mark.parametrize("mode", ["full", "pseudonymised", "minimal"])
def test_no_mode_prints_the_bsn(mode: str) -> None:
    leaky = case(
        "a",
        question=f"Patient BSN {BSN}, earlier BSN 123456782?",
        presenting_physician=f"Dr. X ({BSN})",
    )
    agenda = build_agenda(session(), [leaky], privacy=mode)
    item = agenda.items[0]
    for text in (item.patient, item.question, item.presenting_physician, item.triage_reason):
        assert BSN not in text and "123456782" not in text


def test_initials_skip_name_particles() -> None:
    assert initials("Zoë Ĳsselstein") == "Z.Ĳ."
    assert initials("Jan van der Berg") == "J.B."
    assert initials("Anna Müller-Łukasiewicz") == "A.M.Ł."
    assert initials(None) == ""


# --- my agenda -------------------------------------------------------------------------


def test_expert_agenda_lists_attended_sessions_in_range_in_time_order() -> None:
    people = attendees()
    a1 = build_agenda(session(session_id="S1", date=date(2027, 1, 6)), [case("a")], people)
    a2 = build_agenda(
        session(session_id="S2", date=date(2027, 1, 5), start=time(8, 0)), [case("b")], people
    )
    a3 = build_agenda(session(session_id="S3", date=date(2027, 1, 5)), [case("c")], people[:1])
    a4 = build_agenda(session(session_id="S4", date=date(2027, 1, 20)), [case("d")], people)
    mine = expert_agenda(people[1], date(2027, 1, 4), date(2027, 1, 8), [a1, a2, a3, a4])
    assert [a.session.session_id for a in mine.agendas] == ["S2", "S1"]
    assert "Dr. Müller-Łukasiewicz" in mine.title


# --- language --------------------------------------------------------------------------


def test_dutch_agenda_words() -> None:
    agenda = build_agenda(
        session(duration_min=5), [case("a", minutes=10, imaging_available=False)], language="nl"
    )
    assert agenda.language == "nl"
    assert "het loopt 5 min uit" in agenda.warnings[0]
    assert agenda.warnings[1] == "punt 1: beeldvorming nog niet beschikbaar"
    assert agenda.items[0].readiness_in("nl") == "pathologie ✓, beeldvorming ontbreekt"
    assert (
        session(echelon="supraregional")
        .title_in("nl")
        .startswith("MDO Breast cancer — bovenregionaal — General Hospital A")
    )
    with pytest.raises(UserError, match="unknown agenda language 'fr'"):
        build_agenda(session(), [], language="fr")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_expert_on_leave_is_named_and_an_uncovered_discipline_says_the_quorum_fails(
    language: str,
) -> None:
    """Leave entered after publishing: the expert is not among the attendees and a warning
    names them; where nobody else of their discipline attends, the warning says the quorum
    is not met (the Sessions view says so too), so the chair does not find out at the
    meeting."""
    people = attendees()
    radiologist, surgeon = people[1], people[0]  # E5 is a second surgeon
    rest = [p for p in people if p not in (radiologist, surgeon)]
    agenda = build_agenda(
        session(), [case("a")], rest, on_leave=[surgeon, radiologist], language=language
    )
    listed = {p.expert_id for _code, ps in agenda.attendees for p in ps}
    assert listed == {"E3", "E4", "E5"}
    about = {w for w in agenda.warnings if "Jansen" in w or "Müller" in w}
    assert len(about) == 2
    quorum = {"en": "quorum is not met", "nl": "quorum is niet gehaald"}[language]
    (uncovered,) = [w for w in about if quorum in w]
    assert "Müller" in uncovered  # nobody else is a radiologist; E5 covers surgery
