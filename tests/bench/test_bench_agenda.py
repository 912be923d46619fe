"""Benchmark: the agendas of every session of one week of the regional scenario (≈100 PDFs).

Target (issue 5): under 20 s on 2 cores, database to files, audit events included. The
scenario is imported with the production importer; a simple first-fit plan is published so
that the week's sessions are full (this measures agendas, not planning).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from db import models as m
from mdo_planner.contract_io.importer import import_scenario
from mdo_planner.contract_io.scenario import load_scenario
from mdo_planner.services import agenda_service as svc
from mdo_planner.services.base import open_database
from mdo_planner.services.plan_rules import case_minutes

WEEK = (dt.date(2027, 1, 4), dt.date(2027, 1, 8))
LEVEL = {"local": 0, "regional": 1, "supraregional": 2}
NAMES = ("Zoë Ĳsselstein", "Đorđević, Ana", "Müller-Łukasiewicz", "Jan van der Berg")


def _publish_first_fit(db) -> None:
    """Cases into the first session that fits (tumour group, echelon, geography, time)."""
    with db.session() as s:
        sessions = list(
            s.scalars(
                select(m.MeetingSession)
                .options(
                    selectinload(m.MeetingSession.hospital),
                    selectinload(m.MeetingSession.tumour_group).selectinload(
                        m.TumourGroup.core_disciplines
                    ),
                )
                .order_by(m.MeetingSession.date, m.MeetingSession.start_time)
            )
        )
        free = {x.id: x.duration_min for x in sessions}
        cases = list(
            s.scalars(
                select(m.Case)
                .options(selectinload(m.Case.hospital))
                .order_by(m.Case.ready_date, m.Case.id)
            )
        )
        for n, c in enumerate(cases):
            c.patient_name = NAMES[n % len(NAMES)]
            c.birth_date = dt.date(1940 + n % 50, 1 + n % 12, 1 + n % 28)
            c.patient_number = f"{7000000 + n}"
            c.presenting_physician = f"Dr. {NAMES[(n + 1) % len(NAMES)]}"
            c.question = (c.question or "") + " α-fetoproteïne ≥ 5 µg/L; <onbekend>." * (n % 4)
            # Everything ready by the benchmark week, so that its sessions fill up.
            c.ready_date = min(c.ready_date, WEEK[0])
            level = c.required_level or "local"
            need = case_minutes(c.minutes, level)
            for x in sessions:
                if (
                    x.tumour_group_id != c.tumour_group_id
                    or x.date < c.ready_date
                    or LEVEL[x.echelon] < LEVEL.get(level, 0)
                    or free[x.id] < need
                ):
                    continue
                if x.echelon == "local" and x.hospital_id != c.hospital_id:
                    continue
                if x.echelon == "regional" and x.hospital.network_id != c.hospital.network_id:
                    continue
                s.add(m.Assignment(case_id=c.id, session_id=x.id, published=True))
                free[x.id] -= need
                break
        experts = list(
            s.scalars(
                select(m.Expert).options(
                    selectinload(m.Expert.tumour_groups), selectinload(m.Expert.discipline)
                )
            )
        )
        by_group: dict[int, list[m.Expert]] = defaultdict(list)
        for e in experts:
            for g in e.tumour_groups:
                by_group[g.id].append(e)
        for x in sessions:
            if WEEK[0] <= x.date <= WEEK[1]:
                core = {d.code for d in x.tumour_group.core_disciplines}
                seen: set[str] = set()
                for e in by_group[x.tumour_group_id]:
                    if e.discipline.code in core and e.discipline.code not in seen:
                        seen.add(e.discipline.code)
                        s.add(m.Attendance(session_id=x.id, expert_id=e.id, published=True))


@pytest.mark.bench
@pytest.mark.contract  # the public scenarios
def test_bench_week_of_regional_agendas(tmp_path: Path, shared_dir: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'bench.sqlite'}")
    try:
        import_scenario(
            db,
            load_scenario(shared_dir / "scenarios" / "regional-s2.json"),
            "bench",
            source="regional-s2.json",
        )
        _publish_first_fit(db)
        figures = []
        for workers in (1, 2):
            out = tmp_path / f"out{workers}"
            t0 = time.perf_counter()
            result = svc.export_range(db, *WEEK, out, user="bench", workers=workers)
            wall = time.perf_counter() - t0
            with db.session() as s:
                items = sum(len(a.items) for a in svc.agendas_in_range(s, *WEEK))
            pages = sum(1 for _ in result.files)
            figures.append((workers, wall, pages, items))
            print(
                f"\nagenda bench: {pages} session PDFs ({items} items), workers={workers}: "
                f"{wall:.2f} s ({wall / pages * 1000:.0f} ms per PDF)"
            )
        t0 = time.perf_counter()
        svc.export_range(db, *WEEK, tmp_path / "combined", user="bench", combined=True)
        print(f"agenda bench: batch + combined PDF with contents: {time.perf_counter() - t0:.2f} s")
        assert figures[0][2] >= 90  # the week really has about 100 sessions
    finally:
        db.dispose()
