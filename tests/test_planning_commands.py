"""The planning commands for hospital IT scripts (issue 12): ``runs``, ``publish``,
``discard``, ``sessions cancel|resize|send`` and ``cases decide``. Each refuses with exit
status 2, a sentence and no change when a rule says no."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from db import models as m
from mdo_planner.launcher import main
from tests.planning_network import H0, H1, network_database


@pytest.fixture
def url(tmp_path) -> str:
    db = network_database(tmp_path / "cmd.sqlite")
    db.dispose()
    return db.url


def _db(url):
    from mdo_planner.services.base import open_database

    return open_database(url)


def _plan(url, capsys) -> None:
    assert (
        main(
            [
                "plan",
                "--db",
                url,
                "--from",
                H0.isoformat(),
                "--to",
                H1.isoformat(),
                "--time-limit",
                "2",
            ]
        )
        == 0
    )
    capsys.readouterr()


def _state(url) -> tuple:
    db = _db(url)
    try:
        with db.session() as s:
            return (
                sorted(
                    s.execute(
                        select(m.PlanRun.id, m.PlanRun.published_at, m.PlanRun.discarded)
                    ).all()
                ),
                sorted(
                    s.execute(
                        select(
                            m.Case.code,
                            m.Case.status,
                            m.Case.required_level,
                            m.Case.override_reason,
                        )
                    ).all()
                ),
                sorted(
                    s.execute(
                        select(
                            m.MeetingSession.code,
                            m.MeetingSession.cancelled,
                            m.MeetingSession.duration_min,
                        )
                    ).all()
                ),
                s.scalar(
                    select(func.count())
                    .select_from(m.Assignment)
                    .where(m.Assignment.published.is_(True))
                ),
            )
    finally:
        db.dispose()


def test_runs_publish_discard(url, capsys) -> None:
    assert main(["runs", "--db", url]) == 0
    assert "no plan runs yet" in capsys.readouterr().out
    _plan(url, capsys)
    _plan(url, capsys)
    assert main(["runs", "--db", url, "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert [r["state"] for r in runs] == ["proposal", "proposal"]
    assert runs[0]["horizon"] == {"start": H0.isoformat(), "end": H1.isoformat()}
    assert runs[0]["planned"] > 0 and runs[0]["created_by"]
    assert main(["publish", "2", "--db", url]) == 0
    assert "plan run 2 published" in capsys.readouterr().out
    before = _state(url)
    # run 1 was made before run 2 was published: refused, nothing changes
    assert main(["publish", "1", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "plan run 2 was published" in err and "plan again" in err
    assert main(["discard", "2", "--db", url]) == 2
    assert "already published" in capsys.readouterr().err
    assert main(["publish", "9", "--db", url]) == 2
    assert "no plan run 9" in capsys.readouterr().err
    assert _state(url) == before
    assert main(["discard", "1", "--db", url]) == 0
    assert main(["runs", "--db", url]) == 0
    table = capsys.readouterr().out
    assert "discarded" in table and "published" in table


def test_sessions_cancel_and_resize(url, capsys) -> None:
    _plan(url, capsys)
    assert main(["publish", "1", "--db", url]) == 0
    capsys.readouterr()
    before = _state(url)
    assert main(["sessions", "resize", "L1W1", "--minutes", "5", "--db", url]) == 2
    assert "cannot be shortened to 5" in capsys.readouterr().err
    assert main(["sessions", "cancel", "L1W1", "--reason", "  ", "--db", url]) == 2
    assert "reason is required" in capsys.readouterr().err
    assert main(["sessions", "cancel", "NOPE", "--reason", "x", "--db", url]) == 2
    assert "no session 'NOPE'" in capsys.readouterr().err
    # the column's limit and valid text, the same verdict on SQLite and PostgreSQL
    assert main(["sessions", "cancel", "L1W1", "--reason", "x" * 600, "--db", url]) == 2
    assert "the reason is 600 characters long; at most 500 fit" in capsys.readouterr().err
    assert main(["sessions", "cancel", "L1W1", "--reason", "bad \udcff", "--db", url]) == 2
    assert "the reason" in capsys.readouterr().err
    assert _state(url) == before
    assert main(["sessions", "resize", "L1W1", "--minutes", "90", "--db", url]) == 0
    assert main(["sessions", "cancel", "L1W1", "--reason", "room", "--db", url]) == 0
    assert "cases went back to the pool" in capsys.readouterr().out
    assert main(["sessions", "cancel", "L1W1", "--reason", "room", "--db", url]) == 2
    assert "already cancelled" in capsys.readouterr().err


def test_sessions_send_writes_invitation_then_update(url, capsys, tmp_path) -> None:
    _plan(url, capsys)
    assert main(["publish", "1", "--db", url]) == 0
    out = tmp_path / "l1.ics"
    assert main(["sessions", "send", "L1W1", "--out", str(out), "--db", url]) == 0
    assert "invitation (SEQUENCE 0)" in capsys.readouterr().out
    assert main(["sessions", "send", "L1W1", "--out", str(out), "--db", url]) == 0
    assert "update (SEQUENCE 1)" in capsys.readouterr().out
    assert "SEQUENCE:1" in out.read_text(encoding="utf-8")


def test_cases_decide(url, capsys) -> None:
    before = _state(url)
    assert main(["cases", "decide", "C01", "--level", "hold", "--db", url]) == 2
    assert "needs --reason" in capsys.readouterr().err
    assert main(["cases", "decide", "C01", "--level", "urgent", "--db", url]) == 2
    assert "is not one of" in capsys.readouterr().err
    assert main(["cases", "decide", "C99", "--level", "local", "--db", url]) == 2
    assert "no case 'C99'" in capsys.readouterr().err
    assert _state(url) == before
    assert (
        main(["cases", "decide", "C01", "--level", "hold", "--reason", "biopsy again", "--db", url])
        == 0
    )
    assert "overridden to hold" in capsys.readouterr().out
    db = _db(url)
    try:
        with db.session() as s:  # a registration whose data the triage reads as local
            s.scalar(select(m.Case).where(m.Case.code == "C02")).complexity = {
                "phase": "pre_treatment",
                "stage": "I",
                "pathology_available": True,
                "imaging_available": True,
            }
    finally:
        db.dispose()
    assert main(["cases", "decide", "C02", "--level", "local", "--db", url]) == 0
    assert "confirmed local" in capsys.readouterr().out
    db = _db(url)
    try:
        with db.session() as s:
            c1 = s.scalar(select(m.Case).where(m.Case.code == "C01"))
            assert (c1.required_level, c1.status, c1.override_reason) == (
                "hold",
                "hold",
                "biopsy again",
            )
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(m.AuditEvent)
                    .where(m.AuditEvent.action.in_(("triage.override", "triage.confirm")))
                )
                == 2
            )
    finally:
        db.dispose()
    _plan(url, capsys)
    db = _db(url)
    try:
        with db.session() as s:
            assert (
                s.scalar(select(m.Assignment.id).join(m.Case).where(m.Case.code == "C01")) is None
            ), "the hold is never planned"
    finally:
        db.dispose()


@pytest.mark.parametrize("command", ["publish", "discard"])
@pytest.mark.parametrize("run", ["99999999999999999999999", str(2**31), "0", "1.5", "9" * 5000])
def test_a_run_id_no_database_holds_is_refused_with_a_sentence(url, capsys, command, run) -> None:
    """A run id beyond any integer column (SQLite raised OverflowError, exit 1) is refused
    like any other id that names no run: exit 2, a sentence, nothing changed."""
    before = _state(url)
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main([command, run, "--db", url])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "not a plan run id" in err and len(err) < 500
    assert _state(url) == before
