"""Agendas from the database: published plan, noting section, privacy defaults, exports with
audit events, manual order that survives re-planning, and the command line."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from db import models as m
from mdo_planner import launcher
from mdo_planner.contract_io.importer import import_scenario
from mdo_planner.contract_io.scenario import load_scenario
from mdo_planner.errors import ConflictError, UserError
from mdo_planner.services import agenda_service as svc
from mdo_planner.services.base import open_database
from tests.agenda_factory import BSN, HARD_NAMES, bsn_like_numbers, pdf_pages_text
from tests.conftest import TINY

D = dt.date
WEEK = (D(2027, 1, 4), D(2027, 1, 8))


def _publish(s, session_code: str, case_codes: list[str]) -> None:
    x = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == session_code))
    for code in case_codes:
        c = s.scalar(select(m.Case).where(m.Case.code == code))
        s.add(m.Assignment(case=c, session=x, published=True))
        c.status = "planned"


def _filled(url: str):
    """The tiny fixture scenario imported with the production importer; S1 (BREAST, local, H1_1) gets three
    published cases with hard names, a BSN, triage data and one protocol case for noting;
    a regional session gets two cases; attendance is published for both."""
    database = open_database(url)
    import_scenario(database, load_scenario(TINY), "tester", source="tiny.json")
    with database.session() as s:
        s1 = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == "S1"))
        breast = list(
            s.scalars(
                select(m.Case)
                .where(m.Case.tumour_group_id == s1.tumour_group_id)
                .order_by(m.Case.id)
            )
        )
        assert len(breast) >= 5
        for i, c in enumerate(breast[:4]):
            c.patient_name = HARD_NAMES[i % 3]
            c.bsn = BSN
            c.birth_date = D(1950 + i, 3, 2)
            c.patient_number = f"HN{i:05d}"
            c.presenting_physician = f"Dr. {HARD_NAMES[(i + 1) % 3]}"
            c.question = f"α-fetoproteïne ≥ 5 µg/L <onbekend> (BSN {BSN}) case {i}"
            c.minutes = 5 + i
            c.hospital_id = s1.hospital_id
            c.required_level = "local"
            c.complexity = {
                "pathology_available": True,
                "imaging_available": i != 1,
                "multimodal": i == 2,
            }
            c.triage_rules = [{"id": "R5", "reason_en": "none of the above — local MDO"}]
        breast[0].urgent = False
        # The fourth case is standard of care: listed for noting at the next local session.
        note = breast[3]
        note.required_level = "protocol"
        note.status = "ready"
        note.ready_date = s1.date - dt.timedelta(days=1)
        s.flush()
        _publish(s, "S1", [c.code for c in breast[:3]])
        regional = s.scalar(
            select(m.MeetingSession)
            .where(m.MeetingSession.echelon == "regional", m.MeetingSession.date.between(*WEEK))
            .order_by(m.MeetingSession.date, m.MeetingSession.code)
        )
        others = list(
            s.scalars(
                select(m.Case)
                .where(m.Case.tumour_group_id == regional.tumour_group_id, m.Case.status == "ready")
                .order_by(m.Case.id)
                .limit(2)
            )
        )
        for c in others:
            c.patient_name = "Jan van der Berg"
        _publish(s, regional.code, [c.code for c in others])
        for x in (s1, regional):
            for e in s.scalars(
                select(m.Expert)
                .join(m.Expert.tumour_groups)
                .where(m.TumourGroup.id == x.tumour_group_id)
                .order_by(m.Expert.id)
                .limit(4)
            ):
                s.add(m.Attendance(session=x, expert=e, published=True))
    database.regional_code = regional.code  # type: ignore[attr-defined]
    database.breast_codes = [c.code for c in breast[:4]]  # type: ignore[attr-defined]
    return database


@pytest.fixture
def db(tmp_path: Path):
    database = _filled(f"sqlite:///{tmp_path / 'agenda.sqlite'}")
    yield database
    database.dispose()


@pytest.fixture
def pg_db(pg_url: str):
    database = _filled(pg_url)
    yield database
    database.dispose()


def _audit(db, action: str) -> list[m.AuditEvent]:
    with db.session() as s:
        return list(
            s.scalars(
                select(m.AuditEvent).where(m.AuditEvent.action == action).order_by(m.AuditEvent.id)
            )
        )


def test_session_agenda_from_the_database(db) -> None:
    with db.session() as s:
        agenda = svc.build_session_agenda(s, "S1")
    codes = db.breast_codes
    assert agenda.privacy == "full"  # local session, no site default
    assert {i.case_id for i in agenda.items} == set(codes[:3])
    assert [i.case_id for i in agenda.noting] == [codes[3]]
    assert agenda.items[0].case_id == codes[2]  # the complex (multimodal) case first
    assert agenda.items[0].start == dt.time(8, 0)
    assert agenda.discussion_minutes == 5 + 6 + 7
    assert agenda.session.host_hospital_name
    assert agenda.attendees and all(people for _, people in agenda.attendees)
    for item in agenda.items:
        assert BSN not in item.question and "[BSN removed]" in item.question
    assert any("imaging not yet available" in w for w in agenda.warnings)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_an_attendee_on_leave_after_publishing_is_not_printed_as_attending(
    db, language: str
) -> None:
    """Leave entered after the plan was published: the Sessions view showed the conflict, but
    the agenda still printed the expert among the attendees, so the chair counted on them.
    They are now left out of the attendees and named in a warning."""
    with db.session() as s:
        s1 = s.scalar(select(m.MeetingSession).where(m.MeetingSession.code == "S1"))
        away = s.scalars(
            select(m.Attendance).where(m.Attendance.session_id == s1.id).order_by(m.Attendance.id)
        ).first()
        name = away.expert.name
        s.add(m.LeavePeriod(expert_id=away.expert_id, start=s1.date, end=s1.date))
        # (the fixture publishes attendance directly: an expert already on leave that day
        # is left out too)
        others = {
            a.expert.name
            for a in s.scalars(select(m.Attendance).where(m.Attendance.session_id == s1.id))
            if not any(p.start <= s1.date <= p.end for p in a.expert.leave)
        } - {name}
    with db.session() as s:
        agenda = svc.build_session_agenda(s, "S1", settings=svc.AgendaSettings(language=language))
    listed = {p.name for _code, people in agenda.attendees for p in people}
    assert name not in listed
    assert listed == others
    assert [w for w in agenda.warnings if name in w], agenda.warnings
    word = {"en": "on leave", "nl": "verlof"}[language]
    assert any(word in w for w in agenda.warnings if name in w)


def test_regional_sessions_default_to_pseudonymised(db) -> None:
    with db.session() as s:
        agenda = svc.build_session_agenda(s, db.regional_code)
        assert agenda.privacy == "pseudonymised"
        assert all("Jan" not in i.patient and "J.B." in i.patient for i in agenda.items)
        assert svc.build_session_agenda(s, db.regional_code, "minimal").privacy == "minimal"


def test_site_configuration_sets_privacy_and_order(db) -> None:
    site = Path(os.environ["MDO_PLANNER_CONFIG"])
    site.write_text(
        '[agenda]\nprivacy_default = "minimal"\n[agenda.ordering]\n'
        'complex_first = false\ngroup_by = "none"\n',
        encoding="utf-8",
    )
    with db.session() as s:
        agenda = svc.build_session_agenda(s, "S1")
        assert agenda.privacy == "minimal"
        assert [i.case_id for i in agenda.items] == sorted(db.breast_codes[:3])
        assert svc.build_session_agenda(s, db.regional_code).privacy == "minimal"
    site.write_text('[agenda.ordering]\ngroup_by = "colour"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"no-site-config.toml: agenda.ordering.group_by"):
        svc.AgendaSettings.from_site()


def test_site_language_gives_dutch_agendas_and_dutch_triage_reasons(db, tmp_path: Path) -> None:
    with db.session() as s:
        for c in s.scalars(select(m.Case).where(m.Case.code.in_(db.breast_codes))):
            c.triage_rules = [
                {
                    "id": "R5",
                    "reason_en": "R5: none of the above — local MDO",
                    "reason_nl": "R5: geen van de criteria — lokaal MDO",
                }
            ]
    Path(os.environ["MDO_PLANNER_CONFIG"]).write_text(
        '[agenda]\nlanguage = "nl"\n', encoding="utf-8"
    )
    with db.session() as s:
        agenda = svc.build_session_agenda(s, "S1")
    assert agenda.language == "nl"
    assert agenda.items[0].triage_reason == "R5: geen van de criteria — lokaal MDO"
    out = tmp_path / "s1.pdf"
    assert run("agenda", "--session", "S1", "--pdf", str(out), "--db", db.url) == 0
    assert "Ter bespreking" in pdf_pages_text(out.read_bytes())[0]
    assert run("agenda", "--session", "S1", "--pdf", str(out), "--lang", "en", "--db", db.url) == 0
    assert "For discussion" in pdf_pages_text(out.read_bytes())[0]
    Path(os.environ["MDO_PLANNER_CONFIG"]).write_text(
        '[agenda]\nlanguage = "fr"\n', encoding="utf-8"
    )
    with pytest.raises(UserError, match=r"agenda\.language must be one of en, nl, not 'fr'"):
        svc.AgendaSettings.from_site()


def test_unknown_ids_and_empty_ranges_are_user_errors(db) -> None:
    with db.session() as s:
        with pytest.raises(UserError, match="no session with id 'S999'"):
            svc.build_session_agenda(s, "S999")
        with pytest.raises(UserError, match="no sessions between 2030-01-01 and 2030-01-31"):
            svc.agendas_in_range(s, D(2030, 1, 1), D(2030, 1, 31))
    with pytest.raises(UserError, match="no expert with id 'E999'"):
        svc.my_agenda(db, "E999", *WEEK)
    with pytest.raises(UserError, match="attends no session"):
        svc.my_agenda(db, "E1", D(2030, 1, 1), D(2030, 1, 2))


def test_export_session_pdf_is_audited_and_keeps_names(db, tmp_path: Path) -> None:
    out = tmp_path / "s1.pdf"
    svc.export_session_pdf(db, "S1", out, user="anna", privacy="full")
    text = "\n".join(pdf_pages_text(out.read_bytes()))
    assert "Zoë Ĳsselstein" in text and "<onbekend>" in text
    assert "Listed for noting (standard of care)" in text
    assert bsn_like_numbers(text) == []
    (event,) = _audit(db, "export_pdf")
    assert (event.user, event.entity, event.entity_id) == ("anna", "session", "S1")
    assert event.details["privacy"] == "full" and event.details["file"] == "s1.pdf"


def test_exports_are_logged_before_writing_and_failures_too(
    db, tmp_path: Path, monkeypatch
) -> None:
    with pytest.raises(UserError, match="does not exist"):
        svc.export_session_pdf(db, "S1", tmp_path / "missing" / "s1.pdf", user="anna")
    assert _audit(db, "export_pdf") == []

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(svc, "atomic_write_bytes", full_disk)
    with pytest.raises(UserError, match=r"s1\.pdf: cannot write: No space left on device"):
        svc.export_session_pdf(db, "S1", tmp_path / "s1.pdf", user="anna")
    assert not (tmp_path / "s1.pdf").exists()
    (logged,) = _audit(db, "export_pdf")
    (failed,) = _audit(db, "export_pdf_failed")
    assert logged.entity_id == failed.entity_id == "S1"
    assert "No space left" in failed.details["error"]


def test_batch_export_writes_one_pdf_per_session_and_a_combined_one(db, tmp_path: Path) -> None:
    result = svc.export_range(db, *WEEK, tmp_path / "out", user="anna", combined=True, workers=1)
    names = sorted(p.name for p in result.files)
    assert result.sessions == len(names) > 10
    assert "2027-01-06_BREAST_local_H1_1.pdf" in names
    assert all(
        re.fullmatch(
            r"2027-01-0[4-8]_[A-Z_]+_(local|regional|supraregional)_[A-Z0-9_]+"
            r"(_\d{4})?\.pdf",
            n,
        )
        for n in names
    ), names
    assert result.combined is not None
    pages = pdf_pages_text(result.combined.read_bytes())
    assert "Contents" in pages[0]
    assert len(_audit(db, "export_pdf")) == len(names) + 1
    with pytest.raises(UserError, match="no sessions between"):
        svc.export_range(db, D(2031, 1, 1), D(2031, 1, 2), tmp_path / "none", user="anna")


def test_my_agenda_and_calendars(db, tmp_path: Path) -> None:
    with db.session() as s:
        expert = s.scalar(
            select(m.Expert)
            .join(m.Attendance)
            .join(m.MeetingSession, m.MeetingSession.id == m.Attendance.session_id)
            .where(m.MeetingSession.code == "S1")
        )
        code = expert.code
    mine = svc.my_agenda(db, code, *WEEK)
    assert "S1" in [a.session.session_id for a in mine.agendas]
    pdf = svc.export_expert_pdf(db, code, *WEEK, tmp_path / "mine.pdf", user="anna")
    assert "My MDOs" in pdf_pages_text(pdf.read_bytes())[0]
    ics = svc.export_ics(
        db, tmp_path / "mine.ics", user="anna", expert_id=code, date_from=WEEK[0], date_to=WEEK[1]
    )
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    starts = [e.decoded("dtstart") for e in cal.walk("VEVENT")]
    assert dt.datetime(2027, 1, 6, 8, 0) in [x.replace(tzinfo=None) for x in starts]
    assert all(str(x.tzinfo) == "Europe/Amsterdam" for x in starts)
    raw = ics.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Ĳsselstein" not in raw and BSN not in raw
    one = svc.export_ics(db, tmp_path / "s1.ics", user="anna", session_id="S1")
    assert len(icalendar.Calendar.from_ical(one.read_bytes()).walk("VEVENT")) == 1
    assert [e.entity for e in _audit(db, "export_ics")] == ["expert", "session"]


def test_manual_order_wins_and_survives_replanning(db) -> None:
    codes = db.breast_codes[:3]
    wanted = [codes[1], codes[0], codes[2]]
    svc.reorder(db, "S1", wanted, user="anna")
    with db.session() as s:
        assert [i.case_id for i in svc.build_session_agenda(s, "S1").items] == wanted
        # Re-planning adds an urgent, heavy case: the hand-ordered ones keep their places.
        extra = s.scalar(
            select(m.Case)
            .where(m.Case.status == "ready", m.Case.code.not_in(db.breast_codes))
            .order_by(m.Case.id)
        )
        extra.urgent = True
        extra.minutes = 3
        _publish(s, "S1", [extra.code])
    with db.session() as s:
        order = [i.case_id for i in svc.build_session_agenda(s, "S1").items]
    assert order == [*wanted, extra.code]
    assert [e.entity_id for e in _audit(db, "reorder")]
    with db.session() as s:  # a screen passes database keys
        keys = {c.code: c.id for c in s.scalars(select(m.Case).where(m.Case.code.in_(wanted)))}
        s1 = s.scalar(select(m.MeetingSession.id).where(m.MeetingSession.code == "S1"))
        assert svc.build_session_agenda(s, s1).session.session_id == "S1"
    svc.reorder(db, s1, [keys[c] for c in wanted] + [extra.id], user="anna")
    with pytest.raises(UserError, match="not on the published agenda"):
        svc.reorder(db, "S1", ["C-nope"], user="anna")
    with pytest.raises(ConflictError):
        svc.reorder(db, "S1", wanted, user="anna")  # the new case is missing from this order


@pytest.mark.pg
def test_agendas_on_postgresql(pg_db, tmp_path: Path) -> None:
    db = pg_db
    out = svc.export_session_pdf(db, "S1", tmp_path / "s1.pdf", user="anna")
    text = "\n".join(pdf_pages_text(out.read_bytes()))
    assert "Zoë Ĳsselstein" in text and bsn_like_numbers(text) == []
    codes = db.breast_codes[:3]
    svc.reorder(db, "S1", [codes[2], codes[0], codes[1]], user="anna")
    with db.session() as s:
        agenda = svc.build_session_agenda(s, "S1")
    assert [i.case_id for i in agenda.items] == [codes[2], codes[0], codes[1]]
    assert [i.case_id for i in agenda.noting] == [db.breast_codes[3]]
    result = svc.export_range(db, *WEEK, tmp_path / "week", user="anna", workers=1)
    assert len(result.files) == result.sessions > 10
    svc.export_ics(db, tmp_path / "s1.ics", user="anna", session_id="S1")
    assert len(_audit(db, "export_pdf")) == 1 + result.sessions
    assert len(_audit(db, "export_ics")) == 1


# --------------------------------------------------------------------------- command line


def run(*args: str) -> int:
    return launcher.main(list(args))


def test_cli_agenda_and_ics(db, tmp_path: Path, capsys) -> None:
    url = db.url
    assert (
        run(
            "agenda",
            "--session",
            "S1",
            "--pdf",
            str(tmp_path / "a.pdf"),
            "--privacy",
            "minimal",
            "--db",
            url,
        )
        == 0
    )
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
    assert (
        run(
            "agenda",
            "--from",
            "2027-01-04",
            "--to",
            "2027-01-05",
            "--out-dir",
            str(tmp_path / "batch"),
            "--db",
            url,
        )
        == 0
    )
    assert any((tmp_path / "batch").glob("2027-01-0*_*.pdf"))
    assert run("ics", "--session", "S1", "--out", str(tmp_path / "s1.ics"), "--db", url) == 0
    assert "wrote the calendar of session S1" in capsys.readouterr().out
    with db.session() as s:
        expert = s.scalar(
            select(m.Expert.code)
            .join(m.Attendance)
            .join(m.MeetingSession, m.MeetingSession.id == m.Attendance.session_id)
            .where(m.MeetingSession.code == "S1")
        )
    assert (
        run(
            "agenda",
            "--expert",
            expert,
            "--from",
            "2027-01-04",
            "--to",
            "2027-01-08",
            "--pdf",
            str(tmp_path / "mine.pdf"),
            "--db",
            url,
        )
        == 0
    )
    assert "My MDOs" in pdf_pages_text((tmp_path / "mine.pdf").read_bytes())[0]
    assert (
        run(
            "ics",
            "--expert",
            expert,
            "--from",
            "2027-01-04",
            "--to",
            "2027-01-08",
            "--out",
            str(tmp_path / "mine.ics"),
            "--db",
            url,
        )
        == 0
    )
    assert icalendar.Calendar.from_ical((tmp_path / "mine.ics").read_bytes()).walk("VEVENT")
    assert f"wrote the calendar of expert {expert}" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agenda", "--session", "S999", "--pdf", "x.pdf"], "no session with id 'S999'"),
        (["agenda", "--session", "S1"], "--session needs --pdf"),
        (
            ["agenda", "--from", "2030-01-01", "--to", "2030-01-05", "--out-dir", "o"],
            "no sessions between 2030-01-01 and 2030-01-05",
        ),
        (["agenda", "--from", "2027-01-05", "--to", "2027-01-01", "--out-dir", "o"], "lies after"),
        (
            [
                "agenda",
                "--expert",
                "E999",
                "--from",
                "2027-01-04",
                "--to",
                "2027-01-08",
                "--pdf",
                "x.pdf",
            ],
            "no expert with id 'E999'",
        ),
        (["agenda", "--expert", "E1", "--pdf", "x.pdf"], "--expert needs --from and --to"),
        (["ics", "--expert", "E1", "--out", "x.ics"], "--expert needs --from and --to"),
        (["ics", "--session", "nope", "--out", "x.ics"], "no session with id 'nope'"),
    ],
)
def test_cli_errors_exit_2_with_a_clear_message(
    db, tmp_path: Path, capsys, monkeypatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(*args, "--db", db.url) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.ics"))
