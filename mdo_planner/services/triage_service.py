"""Triage use cases: recommend, confirm, override, re-triage, and versioned rule sets.

Intended purpose: administrative routing. The recommendation says which meeting discusses a
case, never a treatment; planning uses only the level a clinician confirmed or chose
(``Case.required_level``). Three promises follow from that and are kept here:

* Nothing the triage computes becomes the required level by itself: a clinician confirms
  the recommendation or overrides it with a reason, and both are stored with who and when.
* Re-running the triage after the case's data changed never silently replaces what a
  clinician decided: when the recommendation differs, the case is flagged ``needs_review``
  and the decided level stays until someone looks at it again.
* Every change is written to the append-only audit trail in the same transaction.

Each function takes the caller's SQLAlchemy ``Session`` (one unit of work), so a screen can
triage, confirm and save other edits of a case atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.services import access
from mdo_planner.services.base import audit, check_version
from mdo_planner.triage import (
    LEVELS,
    RuleSet,
    TriageResult,
    default_rule_set,
    rule_set_from_document,
    triage,
)

#: Case statuses that come before planning: the triage may move a case between them.
_PRE_PLANNING = ("new", "hold", "ready")
MAX_REASON = 2000


@dataclass(frozen=True)
class StoredRuleSet:
    """A rule set as stored: its database row id (cases refer to it) and its content."""

    row_id: int
    network_id: int | None
    rule_set: RuleSet


@dataclass(frozen=True)
class TriageOutcome:
    """What a (re-)triage did to one case, for the screen that asked."""

    case_id: int
    result: TriageResult
    previous_level: str | None
    changed: bool
    needs_review: bool
    required_level: str | None
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- rule sets

_parsed: dict[tuple[str, int, int], RuleSet] = {}


def _rule_set_of(session: Session, row: m.TriageRuleSet) -> RuleSet:
    """Parse a stored document once per database, row and row version (any edit of the row
    raises its version), so triaging thousands of cases does not re-read the document."""
    key = (str(session.get_bind().engine.url), row.id, row.version)
    rs = _parsed.get(key)
    if rs is None:
        rs = rule_set_from_document(row.document, f"rule set {row.name} v{row.rule_version}")
        if len(_parsed) > 256:
            _parsed.clear()
        _parsed[key] = rs
    return rs


def save_rule_set(
    session: Session, rule_set: RuleSet, network_id: int | None = None, *, user: str
) -> StoredRuleSet:
    """Store a new version of a rule set and make it the active one of its network.

    Versions only go up: an edited rule set is saved under the same id with a higher
    version, so every stored triage result keeps pointing at the rules that produced it.
    """
    person = access.require(
        session, "rule_set.import", entity="triage_rule_set", entity_id=rule_set.id, user=user
    )
    if network_id is not None and session.get(m.Network, network_id) is None:
        raise UserError(f"no network with id {network_id}")
    rows = session.execute(
        select(m.TriageRuleSet.rule_version, m.TriageRuleSet.network_id).where(
            m.TriageRuleSet.name == rule_set.id
        )
    ).all()
    if rows:
        owners = {r.network_id for r in rows}
        if owners != {network_id}:
            raise UserError(
                f"the rule set id {rule_set.id!r} is already used by another network; "
                "give your copy its own id"
            )
        highest = max(r.rule_version for r in rows)
        if rule_set.version <= highest:
            raise UserError(
                f"rule set {rule_set.id!r} version {rule_set.version} is not newer than the "
                f"stored version {highest}; raise `version` to {highest + 1} or more"
            )
    previous = session.scalars(
        select(m.TriageRuleSet).where(_network_is(network_id), m.TriageRuleSet.active.is_(True))
    ).all()
    for row in previous:
        row.active = False
    row = m.TriageRuleSet(
        name=rule_set.id,
        rule_version=rule_set.version,
        network_id=network_id,
        document=rule_set.to_document(),
        active=True,
        created_by=user,
    )
    session.add(row)
    session.flush()
    audit(
        session,
        "triage_rule_set.save",
        "triage_rule_set",
        row.id,
        {
            "name": rule_set.id,
            "version": rule_set.version,
            "network_id": network_id,
            "replaces": [r.id for r in previous],
            "diff": _rule_set_diff([r.document for r in previous], row.document),
        },
        role=person.role,
        hospital=person.hospital,
        user=user,
    )
    return StoredRuleSet(row.id, network_id, rule_set)


def _rule_set_diff(previous: list[dict[str, Any]], new: dict[str, Any]) -> dict[str, Any]:
    """What an import changes, for the audit trail: rules added, removed and changed
    against the rule set(s) it replaces, and the changed top-level settings."""
    old: dict[str, Any] = {}
    old_top: dict[str, Any] = {}
    for doc in previous:
        old.update({str(r.get("id")): r for r in doc.get("rules", []) if isinstance(r, dict)})
        old_top.update({k: v for k, v in doc.items() if k not in ("rules", "version")})
    rules = {str(r.get("id")): r for r in new.get("rules", []) if isinstance(r, dict)}
    return {
        "rules_added": sorted(set(rules) - set(old)),
        "rules_removed": sorted(set(old) - set(rules)),
        "rules_changed": sorted(k for k in set(rules) & set(old) if rules[k] != old[k]),
        "settings_changed": sorted(
            k
            for k in set(new) | set(old_top)
            if k not in ("rules", "version") and new.get(k) != old_top.get(k)
        ),
    }


def active_rule_set(
    session: Session, network_id: int | None, tumour_group: str | None = None
) -> StoredRuleSet:
    """The rule set that triages cases of a network: its own active one, else the site-wide
    one, else the shipped default (stored on first use so that results can refer to it).

    With ``tumour_group``, the network screen's "expert centre only" mark of that tumour
    group is added to the rule set. It only adds: taking away a mark the rule set gives
    (sarcoma in the default) is a rule-set edit, so that an unticked box or an imported
    scenario can never quietly send rare cancers to a local MDO.
    """
    row = None
    if network_id is not None:
        row = _latest_active(session, network_id)
    if row is None:
        row = _latest_active(session, None)
    if row is None:
        row = _stored_default(session)
    stored = StoredRuleSet(row.id, row.network_id, _rule_set_of(session, row))
    if tumour_group is not None:
        flag = session.scalar(
            select(m.TumourGroup.expert_centre_only).where(m.TumourGroup.code == tumour_group)
        )
        rs = stored.rule_set
        settings = rs.tumour_groups.get(tumour_group)
        if flag and not (settings is not None and settings.expert_centre_only):
            key = (id(rs), tumour_group)
            derived = _marked.get(key)
            if derived is None or derived[0] is not rs:
                if len(_marked) > 1024:
                    _marked.clear()
                derived = _marked[key] = (rs, rs.with_expert_centre_only(tumour_group, True))
            stored = StoredRuleSet(stored.row_id, stored.network_id, derived[1])
    return stored


#: Rule sets with a tumour group marked "expert centre only" by the network screen, kept so
#: that re-triaging thousands of cases compiles each variant once (keyed by the parsed rule
#: set, which is itself cached per stored row version).
_marked: dict[tuple[int, str], tuple[RuleSet, RuleSet]] = {}


def rule_set_row(session: Session, row_id: int) -> StoredRuleSet:
    """A stored rule set by row id (export, or showing which rules produced a result)."""
    row = session.get(m.TriageRuleSet, row_id)
    if row is None:
        raise UserError(f"no triage rule set with id {row_id}")
    return StoredRuleSet(row.id, row.network_id, _rule_set_of(session, row))


def _network_is(network_id: int | None) -> Any:
    col = m.TriageRuleSet.network_id
    return col.is_(None) if network_id is None else col == network_id


def _latest_active(session: Session, network_id: int | None) -> m.TriageRuleSet | None:
    return session.scalars(
        select(m.TriageRuleSet)
        .where(_network_is(network_id), m.TriageRuleSet.active.is_(True))
        .order_by(m.TriageRuleSet.rule_version.desc(), m.TriageRuleSet.id.desc())
        .limit(1)
    ).first()


def _stored_default(session: Session) -> m.TriageRuleSet:
    rs = default_rule_set()
    row = session.scalars(
        select(m.TriageRuleSet).where(
            m.TriageRuleSet.name == rs.id, m.TriageRuleSet.rule_version == rs.version
        )
    ).first()
    if row is None:
        row = m.TriageRuleSet(
            name=rs.id,
            rule_version=rs.version,
            network_id=None,
            document=rs.to_document(),
            active=True,
            created_by="system",
        )
        session.add(row)
        session.flush()
        audit(
            session,
            "triage_rule_set.save",
            "triage_rule_set",
            row.id,
            {"name": rs.id, "version": rs.version, "network_id": None, "shipped": True},
            user="system",
        )
    return row


# --------------------------------------------------------------------------- cases


def _case(session: Session, case_id: int, expected_version: int | None = None) -> m.Case:
    case = session.get(m.Case, case_id)
    if case is None:
        raise UserError(f"no case with id {case_id}")
    check_version(case, expected_version=expected_version)
    return case


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else m.utcnow()


def _decided(case: m.Case) -> bool:
    """A level was decided: confirmed, overridden, or stated at registration/import (a
    scenario's ``echelon``); the triage may then only recommend, never replace it."""
    return (
        case.override_level is not None
        or case.confirmed_at is not None
        or case.required_level is not None
    )


def recommend(session: Session, case: m.Case) -> tuple[TriageResult, StoredRuleSet]:
    """The recommendation for a case as it is now, without storing anything."""
    network_id = case.hospital.network_id
    stored = active_rule_set(session, network_id, case.tumour_group.code)
    result = triage(
        case.complexity,
        tumour_group=case.tumour_group.code,
        question=case.question,
        rules=stored.rule_set,
    )
    return result, stored


def triage_case(
    session: Session, case_id: int, *, user: str, now: dt.datetime | None = None
) -> TriageOutcome:
    """(Re-)triage one case from its current complexity data and store the recommendation.

    A case nobody decided on yet just gets the new recommendation. A case whose level was
    confirmed or overridden keeps that level; if the recommendation changed, it is flagged
    ``needs_review`` ("recommendation changed") for a clinician to look at again.
    """
    case = _case(session, case_id)
    result, stored = recommend(session, case)
    previous = case.triage_level
    changed = previous is not None and (
        previous != result.level
        or _discipline_rules(case.triage_rules)
        != [f.id for f in result.fired if f.effect == "add_discipline"]
    )
    case.triage_level = result.level
    case.triage_rules = [f.to_record() for f in result.fired]
    case.triage_rule_set_id = stored.row_id
    case.triage_rule_set_version = result.rule_set_version
    case.triage_at = _now(now)
    if _decided(case):
        # First recommendation for a level stated at import: review it when they differ.
        if changed or (previous is None and result.level != case.required_level):
            case.needs_review = True
    elif case.status in _PRE_PLANNING:
        case.status = "hold" if result.level == "hold" else "new"
    session.flush()
    audit(
        session,
        "triage.run",
        "case",
        case.code,
        {
            "level": result.level,
            "rules": result.rule_ids,
            "extra_disciplines": result.extra_disciplines,
            "rule_set": {
                "row": stored.row_id,
                "id": result.rule_set_id,
                "version": result.rule_set_version,
            },
            "previous_level": previous,
            "changed": changed,
            "needs_review": case.needs_review,
        },
        user=user,
    )
    return TriageOutcome(case.id, result, previous, changed, case.needs_review, case.required_level)


def _discipline_rules(records: list[Any] | None) -> list[str | None]:
    """Ids of the extra-discipline rules of a stored recommendation: a changed set of extra
    disciplines (a geneticist now needed) is a changed recommendation too. (A stored record
    without an id gives None, which differs from every rule that fires now.)"""
    return [
        r.get("id")
        for r in records or []
        if isinstance(r, dict) and r.get("effect") == "add_discipline"
    ]


def _may_decide(
    session: Session, case: m.Case, user: str, on_behalf_of: str | None
) -> access.Person:
    """Only a clinician decides a triage level, or a secretary recording a named
    clinician's decision ("on behalf of Dr X"); anyone else is refused and audited."""
    return access.require(
        session,
        "triage.decide",
        entity="case",
        entity_id=case.code,
        case_ids=[case.code],
        on_behalf_of=(on_behalf_of or "").strip() or None,
        user=user,
    )


def _decided_by(user: str, on_behalf_of: str | None) -> str:
    name = (on_behalf_of or "").strip()
    return (f"{name} (recorded by {user})" if name else user)[:100]


def _decision_audit(
    person: access.Person, case: m.Case, on_behalf_of: str | None
) -> dict[str, Any]:
    name = (on_behalf_of or "").strip() or None
    return {
        "role": person.role,
        "case_ids": [case.code],
        "hospital": person.hospital,
        "on_behalf_of": name,
        "purpose": f"on behalf of {name}" if name else None,
    }


def confirm(
    session: Session,
    case_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
    on_behalf_of: str | None = None,
) -> list[str]:
    """A clinician accepts the current recommendation: it becomes the required level.

    Also adds the recommended extra disciplines to the case (never removes any) and sets
    the suggested discussion time when nobody set one by hand. Returns warnings for the
    screen (e.g. a recommended discipline that this network has not defined).
    """
    case = _case(session, case_id, expected_version)
    person = _may_decide(session, case, user, on_behalf_of)
    if case.triage_level is None:
        raise UserError(
            f"case {case.code} has no triage recommendation yet: run the triage "
            "first, or choose a level with a reason (override)"
        )
    result, stored = recommend(session, case)
    if result.level != case.triage_level:
        raise UserError(
            f"the recommendation for case {case.code} is out of date "
            f"({case.triage_level}, now {result.level}): run the triage again "
            "and confirm what it says"
        )
    when = _now(now)
    before = case.required_level
    had_override = case.override_level
    case.override_level = case.override_reason = case.override_by = None
    case.override_at = None
    case.confirmed_by, case.confirmed_at = _decided_by(user, on_behalf_of), when
    case.needs_review = False
    warnings = _apply_level(session, case, result.level, stored.rule_set, result)
    session.flush()
    audit(
        session,
        "triage.confirm",
        "case",
        case.code,
        {
            "level": result.level,
            "previous_required_level": before,
            "replaced_override": had_override,
            "rules": result.rule_ids,
            "rule_set": {"row": stored.row_id, "version": result.rule_set_version},
            "warnings": warnings,
        },
        **_decision_audit(person, case, on_behalf_of),
        user=user,
    )
    return warnings


def override(
    session: Session,
    case_id: int,
    level: str,
    reason: str,
    *,
    user: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
    on_behalf_of: str | None = None,
) -> list[str]:
    """A clinician chooses another level than recommended; the reason is mandatory."""
    case = _case(session, case_id, expected_version)
    person = _may_decide(session, case, user, on_behalf_of)
    if level not in LEVELS:
        raise UserError(f"unknown level {level!r}: choose one of {', '.join(LEVELS)}")
    text = (reason or "").strip()
    if not text:
        raise UserError(
            f"a reason is required to override the triage recommendation of case {case.code}"
        )
    if len(text) > MAX_REASON:
        raise UserError(f"the reason is longer than {MAX_REASON} characters")
    when = _now(now)
    before = case.required_level
    case.override_level, case.override_reason = level, text
    case.override_by, case.override_at = _decided_by(user, on_behalf_of), when
    case.confirmed_by = case.confirmed_at = None
    case.needs_review = False
    rules = active_rule_set(session, case.hospital.network_id, case.tumour_group.code).rule_set
    warnings = _apply_level(session, case, level, rules, None)
    session.flush()
    audit(
        session,
        "triage.override",
        "case",
        case.code,
        {
            "level": level,
            "recommended": case.triage_level,
            "previous_required_level": before,
            "reason": text,
        },
        **_decision_audit(person, case, on_behalf_of),
        user=user,
    )
    return warnings


def keep_decision(
    session: Session,
    case_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    on_behalf_of: str | None = None,
) -> None:
    """After "recommendation changed": the clinician looked and keeps the decided level."""
    case = _case(session, case_id, expected_version)
    person = _may_decide(session, case, user, on_behalf_of)
    if not case.needs_review:
        raise UserError(f"case {case.code} is not waiting for a review of its triage")
    case.needs_review = False
    session.flush()
    audit(
        session,
        "triage.review_kept",
        "case",
        case.code,
        {
            "required_level": case.required_level,
            "recommended": case.triage_level,
            "override": case.override_level is not None,
        },
        **_decision_audit(person, case, on_behalf_of),
        user=user,
    )


def triage_open_cases(
    session: Session, *, user: str, only_new: bool = False, now: dt.datetime | None = None
) -> dict[str, int]:
    """Re-triage every case with complexity data that still waits for a discussion (after
    a new rule set); returns counts per outcome for the status bar. Cases registered with
    only a stated echelon have nothing to triage and are left alone."""
    statuses = (
        ("new", "hold")
        if only_new
        else ("new", "hold", "ready", "planned", "deferred", "not_discussed")
    )
    # Filtered in Python: a JSON column may hold SQL NULL or a JSON null for "none".
    rows = session.execute(
        select(m.Case.id, m.Case.complexity).where(m.Case.status.in_(statuses)).order_by(m.Case.id)
    ).all()
    ids = [cid for cid, complexity in rows if complexity is not None]
    counts = {"triaged": 0, "changed": 0, "needs_review": 0}
    for cid in ids:
        outcome = triage_case(session, cid, now=now, user=user)
        counts["triaged"] += 1
        counts["changed"] += outcome.changed
        counts["needs_review"] += outcome.needs_review
    return counts


def review_count(session: Session) -> int:
    """Cases whose recommendation changed after a decision (the worklist's badge)."""
    return (
        session.scalar(
            select(func.count()).select_from(m.Case).where(m.Case.needs_review.is_(True))
        )
        or 0
    )


def cases_for_noting(
    session: Session, meeting_session_id: int, *, today: dt.date | None = None
) -> list[m.Case]:
    """The ``protocol`` cases listed for noting on this (local) session's agenda.

    A standard-of-care case takes no discussion time: it is listed on its own hospital's
    next local MDO of its tumour group, counted from the later of its ready date and
    ``today`` (so a case whose meeting passed without being noted moves to the next one).
    Only confirmed levels count, like everything planning uses.
    """
    ms = session.get(m.MeetingSession, meeting_session_id)
    if ms is None:
        raise UserError(f"no session with id {meeting_session_id}")
    if ms.echelon != "local" or ms.cancelled:
        return []
    today = today or dt.date.today()
    if ms.date < today:
        today = ms.date  # an agenda of a past meeting shows what was listed then
    candidates = session.scalars(
        select(m.Case)
        .where(
            m.Case.required_level == "protocol",
            m.Case.status == "ready",
            m.Case.hospital_id == ms.hospital_id,
            m.Case.tumour_group_id == ms.tumour_group_id,
            m.Case.ready_date <= ms.date,
        )
        .order_by(m.Case.ready_date, m.Case.code)
    ).all()
    if not candidates:
        return []
    earliest = min(max(c.ready_date, today) for c in candidates)
    dates = session.scalars(
        select(m.MeetingSession.date).where(
            m.MeetingSession.hospital_id == ms.hospital_id,
            m.MeetingSession.tumour_group_id == ms.tumour_group_id,
            m.MeetingSession.echelon == "local",
            m.MeetingSession.cancelled.is_(False),
            m.MeetingSession.date >= earliest,
            m.MeetingSession.date < ms.date,
        )
    ).all()
    return [c for c in candidates if not any(max(c.ready_date, today) <= d for d in dates)]


def _apply_level(
    session: Session, case: m.Case, level: str, rules: RuleSet, result: TriageResult | None
) -> list[str]:
    """Make ``level`` the required one: status, suggested minutes and extra disciplines."""
    previous = case.required_level
    case.required_level = level
    if case.status in _PRE_PLANNING:
        case.status = "hold" if level == "hold" else "ready"
    # Suggested minutes, unless someone set the time by hand (then it differs from what the
    # rule set suggested for the previous level).
    if case.minutes is None or (
        previous is not None and case.minutes == rules.minutes.get(previous)
    ):
        case.minutes = rules.minutes[level]
    warnings: list[str] = []
    if case.status == "planned" and previous != level:
        warnings.append(
            f"case {case.code} is in a published plan for a {previous} session; "
            f"plan again to move it to the {level} level"
        )
    if result is not None and result.extra_disciplines:
        have = {d.code for d in case.extra_disciplines}
        for code in result.extra_disciplines:
            if code in have:
                continue
            disc = session.scalar(select(m.Discipline).where(m.Discipline.code == code))
            if disc is None:
                warnings.append(
                    f"the triage asks for discipline {code}, which this network "
                    "has not defined; add it under Network > Disciplines"
                )
            else:
                case.extra_disciplines.append(disc)
    return warnings


__all__ = [
    "StoredRuleSet",
    "TriageOutcome",
    "active_rule_set",
    "cases_for_noting",
    "confirm",
    "keep_decision",
    "override",
    "recommend",
    "review_count",
    "rule_set_row",
    "save_rule_set",
    "triage_case",
    "triage_open_cases",
]
