"""Meeting series -> dated sessions, Dutch public holidays, and network edits."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from sqlalchemy import func, select

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.services import network_service as ns
from tests.scenario_rows import filled_database, tiny_scenario

D = dt.date


def test_weekly_series_dates_follow_the_weekday() -> None:
    days = ns.series_dates(2, 1, D(2027, 1, 1), None, D(2027, 1, 1), D(2027, 1, 31))
    assert [d.date for d in days] == [D(2027, 1, 5), D(2027, 1, 12), D(2027, 1, 19), D(2027, 1, 26)]


def test_fortnightly_rhythm_does_not_depend_on_the_range_asked() -> None:
    whole = ns.series_dates(3, 2, D(2027, 1, 4), None, D(2027, 1, 1), D(2027, 3, 31))
    parts = ns.series_dates(
        3, 2, D(2027, 1, 4), None, D(2027, 1, 1), D(2027, 1, 31)
    ) + ns.series_dates(3, 2, D(2027, 1, 4), None, D(2027, 2, 1), D(2027, 3, 31))
    assert [d.date for d in whole] == [d.date for d in parts]
    assert all((b.date - a.date).days == 14 for a, b in itertools.pairwise(whole))
    assert whole[0].date == D(2027, 1, 6)


def test_validity_ends_the_series() -> None:
    days = ns.series_dates(1, 1, D(2027, 1, 1), D(2027, 1, 18), D(2027, 1, 1), D(2027, 2, 28))
    assert [d.date for d in days] == [D(2027, 1, 4), D(2027, 1, 11), D(2027, 1, 18)]


def test_holidays_are_named() -> None:
    feast = ns.dutch_holidays(D(2027, 1, 1), D(2027, 12, 31), "nl")
    assert feast[D(2027, 4, 27)] == "Koningsdag"
    assert feast[D(2027, 3, 29)] == "Tweede paasdag"
    days = ns.series_dates(1, 1, D(2027, 3, 1), None, D(2027, 3, 22), D(2027, 4, 5), feast)
    assert [(d.date, d.holiday) for d in days] == [
        (D(2027, 3, 22), None),
        (D(2027, 3, 29), "Tweede paasdag"),
        (D(2027, 4, 5), None),
    ]


@pytest.mark.parametrize(("weekday", "freq"), [(0, 1), (8, 1), (1, 0)])
def test_bad_series_values_are_refused(weekday: int, freq: int) -> None:
    with pytest.raises(UserError):
        ns.series_dates(weekday, freq, D(2027, 1, 1), None, D(2027, 1, 1), D(2027, 2, 1))


def test_generate_sessions_skips_holidays_and_is_idempotent(tmp_path) -> None:
    db = filled_database(tmp_path / "n.sqlite", tiny_scenario())
    sid = ns.save_series(
        db,
        ns.SeriesInput(
            name="Breast local Monday",
            tumour_group="BREAST",
            echelon="local",
            hospital="H1_1",
            weekday=1,
            start_time=dt.time(16, 0),
            duration_min=60,
            valid_from=D(2027, 3, 1),
        ),
        user="anna",
    )
    first = ns.generate_sessions(db, D(2027, 3, 1), D(2027, 4, 30), [sid], user="anna")
    assert first.created == 8  # 9 Mondays, Easter Monday skipped
    assert [(d, h) for _n, d, h in first.skipped_holidays] == [(D(2027, 3, 29), "Easter Monday")]
    again = ns.generate_sessions(db, D(2027, 3, 1), D(2027, 4, 30), [sid], user="anna")
    assert (again.created, again.existing) == (0, 8)
    with_holidays = ns.generate_sessions(
        db, D(2027, 3, 1), D(2027, 4, 30), [sid], skip_holidays=False, user="anna"
    )
    assert with_holidays.created == 1
    with db.session() as s:
        n = s.scalar(
            select(func.count())
            .select_from(m.MeetingSession)
            .where(m.MeetingSession.series_id == sid)
        )
        assert n == 9
        assert (
            s.scalar(
                select(func.count())
                .select_from(m.AuditEvent)
                .where(m.AuditEvent.action == "generate")
            )
            == 3
        )


def test_network_edits_and_clear_refusals(tmp_path) -> None:
    db = filled_database(tmp_path / "n.sqlite", tiny_scenario())
    ns.add_network(db, "N9", "Oncology network South", user="anna")
    ns.add_hospital(db, "H9", "Zoë Ĳsselstein Ziekenhuis", "N9", expert_centre=True, user="anna")
    assert any(h.code == "H9" and h.network_code == "N9" for h in ns.list_hospitals(db))
    with pytest.raises(UserError, match="already used"):
        ns.add_hospital(db, "H9", "Again", "N9", user="anna")
    with pytest.raises(UserError, match="no network"):
        ns.add_hospital(db, "H10", "X", "NOPE", user="anna")
    ns.set_core_disciplines(db, "BREAST", ["SURG", "PATH"], expert_centre_only=False, user="anna")
    breast = next(g for g in ns.list_tumour_groups(db) if g.code == "BREAST")
    assert breast.core_disciplines == ("PATH", "SURG")
    with pytest.raises(UserError, match="at least one"):
        ns.set_core_disciplines(db, "BREAST", [], user="anna")
    with pytest.raises(UserError, match="duration"):
        ns.save_series(
            db,
            ns.SeriesInput(
                name="x",
                tumour_group="BREAST",
                echelon="local",
                hospital="H1_1",
                weekday=1,
                start_time=dt.time(8, 0),
                duration_min=0,
            ),
            user="anna",
        )


def test_disciplines_and_tumour_groups_are_added_with_their_quorum(tmp_path) -> None:
    db = filled_database(tmp_path / "n.sqlite", tiny_scenario())
    ns.add_discipline(db, "clin_gen2", "Clinical geneticist (2)", user="anna")
    with pytest.raises(UserError, match="already used"):
        ns.add_discipline(db, "CLIN_GEN2", "again", user="anna")
    ns.add_tumour_group(db, "thyroid", "Thyroid", ["SURG", "CLIN_GEN2"], user="anna")
    group = next(g for g in ns.list_tumour_groups(db) if g.code == "THYROID")
    assert group.core_disciplines == ("CLIN_GEN2", "SURG")
    with pytest.raises(UserError, match="no discipline"):
        ns.add_tumour_group(db, "X", "X", ["NOPE"], user="anna")
    with pytest.raises(UserError, match="at least one core discipline"):
        ns.add_tumour_group(db, "Y", "Y", [], user="anna")
