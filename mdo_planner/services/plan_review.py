"""A proposed plan, reviewed against the published one before anybody sees it.

A plan run is only a proposal: specialists prepare for the *published* plan, so a secretary
first sees what would change (newly planned, moved, unplanned with the reason), fixes what she
disagrees with (move a case, pin it), and only then publishes. Moves are checked against the
contract's hard rules (:mod:`mdo_planner.services.plan_rules`) and refused with the rule's
sentence; an accepted move also staffs the target session for any discipline the moved case
brings, so that a published plan never silently lacks a quorum.

:func:`propose_plan` is the thin path from the database to the solver and back (scenario export
-> ``planning.adapter`` -> ``solver.solve``), written so that the Planning workspace can run in
a worker thread: progress goes to ``state.report`` and a cancel from the GUI stops CP-SAT
through the solver's ``CancelToken`` and still stores the best plan found.

Running lives in :mod:`mdo_planner.services.plan_proposal` and editing a proposal in
:mod:`mdo_planner.services.plan_editing`; their public names are re-exported here, so callers
import from this module.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.planning.pool import in_pool

from . import plan_stability
from ._db import DatabaseLike
from .plan_editing import discard_run as discard_run
from .plan_editing import move_case as move_case
from .plan_editing import pin_case as pin_case
from .plan_editing import publish_run as publish_run
from .plan_editing import unplace_case as unplace_case
from .plan_proposal import PlanProgress as PlanProgress
from .plan_proposal import propose_plan as propose_plan
from .plan_proposal import trade_sentence
from .plan_rules import Breach, case_minutes, check_move

KINDS = ("new", "moved", "unchanged", "unplanned")


# --------------------------------------------------------------------------- review


@dataclass(frozen=True)
class ReviewRow:
    """One case of the proposal compared with the published plan."""

    case_id: int
    code: str
    patient_ref: str
    tumour_group: str
    level: str
    due: dt.date
    urgent: bool
    kind: str
    session_id: int | None
    session: str
    session_date: dt.date | None
    previous_session_id: int | None
    previous: str
    reason: str
    pinned: bool
    #: registered after the cut-off of this session (code), "" when on time
    late: str = ""
    #: days the proposed session lies after the due date (0: on time or unplanned)
    days_late: int = 0
    #: the solver's cost terms here (late, escalation, wait, moved), empty when unknown
    cost_terms: tuple[tuple[str, int], ...] = ()
    #: the next best session the solver found, and the extra cost there
    alternative: str = ""
    alternative_session_id: int | None = None
    alternative_delta: int | None = None
    #: the case is in the planning pool (a confirmed level, open): a move by hand may plan it
    plannable: bool = True


@dataclass(frozen=True)
class SessionLoad:
    session_id: int
    code: str
    label: str
    date: dt.date
    echelon: str
    tumour_group: str
    used_minutes: int
    capacity: int
    cases: int
    attendees: int
    missing: tuple[str, ...]
    #: compared with the published plan: experts who join / leave, cases in / out
    joins: tuple[str, ...] = ()
    leaves: tuple[str, ...] = ()
    cases_in: tuple[str, ...] = ()
    cases_out: tuple[str, ...] = ()
    frozen: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.joins or self.leaves or self.cases_in or self.cases_out)


@dataclass(frozen=True)
class Review:
    run_id: int
    status: str
    objective: float | None
    bound: float | None
    wall_s: float | None
    horizon: tuple[dt.date, dt.date]
    published: bool
    discarded: bool
    rows: tuple[ReviewRow, ...]
    sessions: tuple[SessionLoad, ...]
    #: (elapsed s, best cost, bound) reports of the run
    progress: tuple[tuple[float, float | None, float | None], ...] = ()
    #: "moving 40 more cases plans 12 more before their due date" ("" when nothing moved)
    trade: str = ""
    #: cost every plan pays (set-aside cases, cases no session can take)
    constant: float = 0.0
    #: why the search ended ("time limit", "fixpoint", "proven", "cancelled", "rounds";
    #: "" for runs stored before it was kept)
    stopped_by: str = ""

    @property
    def changed_sessions(self) -> int:
        return sum(1 for x in self.sessions if x.changed)

    def headline(self) -> str:
        """The proposal in one line: moved cases and changed sessions first."""
        text = (
            f"{self.count('new')} new, {self.count('moved')} moved, "
            f"{self.count('unchanged')} unchanged, {self.count('unplanned')} unplanned; "
            f"{self.changed_sessions} session(s) changed"
        )
        late = sum(1 for r in self.rows if r.late)
        if late:
            text += f"; {late} late registration(s)"
        return text

    @property
    def gap(self) -> float | None:
        """The gap on what the planner decides (the constant left out of the division)."""
        if self.objective is None or self.bound is None or self.objective <= 0:
            return None
        decided = self.objective - self.constant
        if decided <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / decided)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)


def _label(x: m.MeetingSession) -> str:
    """Short enough for a table cell; the date first, so that labels sort by time."""
    return (
        f"{x.date:%Y-%m-%d} {x.start_time:%H:%M} · {x.tumour_group.code} {x.echelon} · "
        f"{x.hospital.code}"
    )


def latest_run(db: DatabaseLike) -> int | None:
    """The newest proposal that is neither published nor discarded (to resume a review).

    A proposal made before the plan that was published since is stale (publishing it is
    refused: another plan was published after it was made): it is not resumed, so that the
    review never reopens on a plan older than what the specialists already have."""
    with db.session() as s:
        published = (
            s.scalar(select(func.max(m.PlanRun.id)).where(m.PlanRun.published_at.is_not(None))) or 0
        )
        return s.scalar(
            select(m.PlanRun.id)
            .where(
                m.PlanRun.published_at.is_(None),
                m.PlanRun.discarded.is_(False),
                m.PlanRun.id > published,
            )
            .order_by(m.PlanRun.id.desc())
            .limit(1)
        )


def _proposal_cases(
    s: Session, run_id: int
) -> tuple[Sequence[Any], Sequence[Any], dict[int, set[str]]]:
    """The proposal's planned cases (with their session) and unplanned cases (with the
    reason), and each planned case's extra disciplines, as plain rows, not objects: a
    national proposal has 3,900 assignments, and loading each with its case as ORM objects
    was most of the review (0.5 s)."""
    case_columns = (
        m.Case.id.label("case_id"),
        m.Case.code,
        m.Case.patient_ref,
        m.TumourGroup.code.label("tumour_group"),
        m.Case.required_level,
        m.Case.triage_level,
        m.Case.due_date,
        m.Case.urgent,
        m.Case.pinned_session_id,
        m.Case.minutes,
        m.Case.status,
    )

    def cases_of(entity: type[m.Assignment] | type[m.UnplannedCase], first: Any) -> Sequence[Any]:
        return s.execute(
            select(first, *case_columns)
            .join(m.Case, m.Case.id == entity.case_id)
            .join(m.TumourGroup, m.TumourGroup.id == m.Case.tumour_group_id)
            .where(entity.plan_run_id == run_id)
        ).all()

    proposed = cases_of(m.Assignment, m.Assignment.session_id)
    unplanned = cases_of(m.UnplannedCase, m.UnplannedCase.reason)
    extra: dict[int, set[str]] = defaultdict(set)
    for case_id, code in s.execute(
        select(m.case_extra_disciplines.c.case_id, m.Discipline.code)
        .join(m.Discipline, m.Discipline.id == m.case_extra_disciplines.c.discipline_id)
        .join(m.Assignment, m.Assignment.case_id == m.case_extra_disciplines.c.case_id)
        .where(m.Assignment.plan_run_id == run_id)
    ):
        extra[case_id].add(code)
    return proposed, unplanned, extra


def review(db: DatabaseLike, run_id: int) -> Review:
    """The proposal of ``run_id`` against the published plan, case by case and per session."""
    with db.session() as s:
        run = s.get(m.PlanRun, run_id)
        if run is None:
            raise UserError(f"plan run {run_id} no longer exists")
        proposed, unplanned, extra = _proposal_cases(s, run_id)
        case_ids = [a.case_id for a in proposed] + [u.case_id for u in unplanned]
        published: dict[int, int] = {
            case_id: session_id
            for case_id, session_id in s.execute(
                # two columns, not objects: a national review compares 3,900 of them
                select(m.Assignment.case_id, m.Assignment.session_id).where(
                    m.Assignment.published.is_(True),
                    m.Assignment.case_id.in_(case_ids),
                    m.Assignment.plan_run_id.is_distinct_from(run_id),
                )
            )
        }
        session_ids = {a.session_id for a in proposed} | set(published.values())
        sessions = {
            x.id: x
            for x in s.scalars(
                select(m.MeetingSession)
                .options(
                    selectinload(m.MeetingSession.tumour_group).selectinload(
                        m.TumourGroup.core_disciplines
                    ),
                    selectinload(m.MeetingSession.hospital),
                )
                .where(m.MeetingSession.id.in_(session_ids))
            )
        }
        # one label per session, not per row: a national review has 3,900 rows in 440
        # sessions, and formatting the label each time was a sixth of the review (150 ms)
        label = {sid: _label(x) for sid, x in sessions.items()}
        summary = run.summary or {}
        late = summary.get("late_registrations") or {}
        frozen = set(summary.get("frozen_sessions") or [])
        explained = summary.get("explanations") or {}
        alt_codes = {e["alt"] for e in explained.values() if e.get("alt")}
        alternatives = (
            {
                x.code: x
                for x in s.scalars(
                    select(m.MeetingSession)
                    .options(
                        selectinload(m.MeetingSession.tumour_group),
                        selectinload(m.MeetingSession.hospital),
                    )
                    .where(m.MeetingSession.code.in_(alt_codes))
                )
            }
            if alt_codes
            else {}
        )
        rows = []
        for c in proposed:  # a planned case with its session
            prev = published.get(c.case_id)
            kind = "new" if prev is None else ("unchanged" if prev == c.session_id else "moved")
            if run.published_at is not None:
                kind = "unchanged"
            x = sessions[c.session_id]
            ex = explained.get(c.code) or {}
            terms = tuple(
                (k, int(ex[k])) for k in ("late", "escalation", "wait", "moved") if k in ex
            )
            alt = alternatives.get(ex.get("alt", ""))
            delta = (
                int(ex["alt_cost"]) - sum(v for _k, v in terms)
                if alt is not None and "alt_cost" in ex
                else None
            )
            rows.append(
                ReviewRow(
                    c.case_id,
                    c.code,
                    c.patient_ref,
                    c.tumour_group,
                    c.required_level or c.triage_level or "",
                    c.due_date,
                    c.urgent,
                    kind,
                    c.session_id,
                    label[c.session_id],
                    x.date,
                    prev,
                    label[prev] if prev else "",
                    "",
                    c.pinned_session_id == c.session_id,
                    late.get(c.code, ""),
                    max(0, (x.date - c.due_date).days),
                    terms,
                    _label(alt) if alt is not None else "",
                    alt.id if alt is not None else None,
                    delta,
                )
            )
        for c in unplanned:  # an unplanned case with the reason
            prev = published.get(c.case_id)
            rows.append(
                ReviewRow(
                    c.case_id,
                    c.code,
                    c.patient_ref,
                    c.tumour_group,
                    c.required_level or c.triage_level or "",
                    c.due_date,
                    c.urgent,
                    "unplanned",
                    None,
                    "",
                    None,
                    prev,
                    label[prev] if prev else "",
                    c.reason,
                    False,
                    late.get(c.code, ""),
                    plannable=in_pool(c.required_level, c.status),
                )
            )
        rows.sort(key=lambda r: (KINDS.index(r.kind), r.session_date or dt.date.max, r.code))
        attending: dict[int, set[str]] = defaultdict(set)
        counts: dict[int, int] = defaultdict(int)
        for sid, disc in s.execute(
            select(m.Attendance.session_id, m.Discipline.code)
            .join(m.Expert, m.Expert.id == m.Attendance.expert_id)
            .join(m.Discipline)
            .where(m.Attendance.plan_run_id == run_id)
        ):
            attending[sid].add(disc)
            counts[sid] += 1
        by_session: dict[int, list[Any]] = defaultdict(list)
        for a in proposed:
            by_session[a.session_id].append(a)
        changes = plan_stability.session_changes(s, run_id, (run.horizon_start, run.horizon_end))
        emptied = [sid for sid in changes if sid not in by_session]
        if emptied:
            sessions.update(
                {
                    x.id: x
                    for x in s.scalars(
                        select(m.MeetingSession)
                        .options(
                            selectinload(m.MeetingSession.tumour_group).selectinload(
                                m.TumourGroup.core_disciplines
                            ),
                            selectinload(m.MeetingSession.hospital),
                        )
                        .where(m.MeetingSession.id.in_(emptied))
                    )
                }
            )
            for sid in emptied:
                by_session[sid] = []
        loads = []
        for sid, items in by_session.items():
            x = sessions[sid]
            ch = changes.get(sid)
            need = {d.code for d in x.tumour_group.core_disciplines}
            need |= {d for a in items for d in extra.get(a.case_id, ())}
            loads.append(
                SessionLoad(
                    sid,
                    x.code,
                    _label(x),
                    x.date,
                    x.echelon,
                    x.tumour_group.code,
                    sum(case_minutes(a.minutes, a.required_level or "local") for a in items),
                    x.duration_min,
                    len(items),
                    counts[sid],
                    tuple(sorted(need - attending[sid])) if items else (),
                    ch.joins if ch else (),
                    ch.leaves if ch else (),
                    ch.added if ch else (),
                    ch.removed if ch else (),
                    x.code in frozen,
                )
            )
        loads.sort(key=lambda x: (x.date, x.code))
        return Review(
            run.id,
            run.solver_status,
            run.objective,
            run.bound,
            run.wall_s,
            (run.horizon_start, run.horizon_end),
            run.published_at is not None,
            run.discarded,
            tuple(rows),
            tuple(loads),
            tuple(tuple(p) for p in summary.get("progress", [])),
            trade_sentence(summary.get("trade")),
            float(summary.get("constant") or 0.0),
            str(summary.get("stopped_by") or ""),
        )


@dataclass(frozen=True)
class PublishSummary:
    """What publishing a proposal does, said before it is done."""

    cases_change: int
    sessions_change: int
    experts_update: int
    planned: int
    unplanned: int
    late: int


def publish_summary(db: DatabaseLike, run_id: int) -> PublishSummary:
    """ "N cases change, M experts get an update": the cases newly planned, moved or taken
    out of a published session; the sessions whose cases or attendees change; and every
    expert who attends one of those sessions before or after (each gets a new agenda)."""
    rv = review(db, run_id)
    changing = sum(
        1
        for r in rv.rows
        if r.kind in ("new", "moved")
        or (r.kind == "unplanned" and r.previous_session_id is not None)
    )
    changed = [x.session_id for x in rv.sessions if x.changed]
    with db.session() as s:
        experts = (
            set(
                s.scalars(
                    select(m.Attendance.expert_id).where(
                        m.Attendance.session_id.in_(changed),
                        (m.Attendance.plan_run_id == run_id) | m.Attendance.published.is_(True),
                    )
                )
            )
            if changed
            else set()
        )
    return PublishSummary(
        changing,
        len(changed),
        len(experts),
        sum(1 for r in rv.rows if r.kind != "unplanned"),
        rv.count("unplanned"),
        sum(1 for r in rv.rows if r.days_late > 0),
    )


def session_id_of(db: DatabaseLike, code: str) -> int:
    """The database id of the session with contract id ``code``."""
    with db.session() as s:
        pk = s.scalar(select(m.MeetingSession.id).where(m.MeetingSession.code == code))
    if pk is None:
        raise UserError(f"session {code} no longer exists")
    return pk


@dataclass(frozen=True)
class MoveOption:
    """A session a case could be moved to, as "Move to session" lists it."""

    session_id: int
    label: str
    date: dt.date
    free_minutes: int
    capacity: int
    #: the session lies after the case's due date
    late: bool
    #: the hard rules the move would break (empty: the move is allowed)
    breaches: tuple[Breach, ...]
    current: bool = False

    @property
    def allowed(self) -> bool:
        return not self.breaches


def move_options(db: DatabaseLike, run_id: int, case_id: int) -> list[MoveOption]:
    """Every session of the horizon with the case's tumour group, each checked against the
    hard rules by :func:`plan_rules.check_move` (the one rule check; the pin rule is left
    out because a move by hand re-pins), with its free minutes in the proposal and whether it
    lies after the due date. Allowed sessions first, each group by date."""
    with db.session() as s:
        run = s.get(m.PlanRun, run_id)
        case = s.get(m.Case, case_id)
        if run is None or case is None:
            raise UserError("the plan run or the case no longer exists")
        horizon = (run.horizon_start, run.horizon_end)
        due = case.due_date
        rows = s.scalars(
            select(m.MeetingSession)
            .options(
                selectinload(m.MeetingSession.tumour_group), selectinload(m.MeetingSession.hospital)
            )
            .where(
                m.MeetingSession.date.between(run.horizon_start, run.horizon_end),
                m.MeetingSession.tumour_group_id == case.tumour_group_id,
            )
            .order_by(m.MeetingSession.date, m.MeetingSession.start_time)
        ).all()
        used: dict[int, int] = defaultdict(int)
        here = None
        for a in s.scalars(
            select(m.Assignment)
            .options(selectinload(m.Assignment.case))
            .where(m.Assignment.plan_run_id == run_id)
        ):
            if a.case_id == case_id:
                here = a.session_id
                continue
            used[a.session_id] += case_minutes(a.case.minutes, a.case.required_level or "local")
        sessions = [(x.id, _label(x), x.date, x.duration_min) for x in rows]
    out = []
    for sid, label, day, capacity in sessions:
        breaches = tuple(
            b
            for b in check_move(db, case_id, sid, plan_run_id=run_id, horizon=horizon)
            if b.rule != 8
        )
        out.append(
            MoveOption(
                sid, label, day, capacity - used[sid], capacity, day > due, breaches, sid == here
            )
        )
    out.sort(key=lambda o: (not o.allowed, o.date, o.label))
    return out


def candidate_sessions(db: DatabaseLike, run_id: int, case_id: int) -> list[tuple[int, str]]:
    """Sessions of the horizon with the case's tumour group (for "Move to session…"); the
    rule check still decides whether a move is allowed."""
    with db.session() as s:
        run = s.get(m.PlanRun, run_id)
        case = s.get(m.Case, case_id)
        if run is None or case is None:
            raise UserError("the plan run or the case no longer exists")
        rows = s.scalars(
            select(m.MeetingSession)
            .options(
                selectinload(m.MeetingSession.tumour_group), selectinload(m.MeetingSession.hospital)
            )
            .where(
                m.MeetingSession.date.between(run.horizon_start, run.horizon_end),
                m.MeetingSession.tumour_group_id == case.tumour_group_id,
                m.MeetingSession.cancelled.is_(False),
            )
            .order_by(m.MeetingSession.date, m.MeetingSession.start_time)
        ).all()
        return [(x.id, _label(x)) for x in rows]
