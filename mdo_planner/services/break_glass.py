"""Break the glass: a clinician's explicit, reasoned access to a case of another hospital.

Why: row-level security hides other hospitals' patients, but care sometimes needs one (a
patient referred at night, a second opinion). The clinician names the case and a reason; the
access is recorded in ``break_glass`` (append-only) and in the audit trail as a flagged event,
and lasts :data:`HOURS` hours. Hospital privacy officers review flagged events.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.services import access
from mdo_planner.services._db import DatabaseLike
from mdo_planner.services.base import audit

HOURS = 24
MAX_REASON = 500


def break_glass(db: DatabaseLike, case_code: str, reason: str, *, user: str) -> dt.datetime:
    """Open ``case_code`` to this login for :data:`HOURS` hours; returns until when."""
    text = (reason or "").strip()
    if not text:
        raise UserError("breaking the glass needs a reason (why this patient's care needs it)")
    if len(text) > MAX_REASON:
        raise UserError(f"the reason is longer than {MAX_REASON} characters")
    with db.session() as s:
        person = access.require(
            s, "break_glass", entity="case", entity_id=case_code, case_ids=[case_code], user=user
        )
        conn = s.connection()
        if conn.dialect.name == "postgresql":
            case_id = conn.execute(
                sa.text("SELECT mdo_case_id_for_break_glass(:c)"), {"c": case_code}
            ).scalar_one()
            login, now = conn.execute(sa.text("SELECT session_user, now()")).one()
        else:
            case_id = s.scalar(sa.select(m.Case.id).where(m.Case.code == case_code))
            login, now = user, dt.datetime.now(dt.UTC)
        if case_id is None:
            raise UserError(f"there is no case {case_code!r}")
        until: dt.datetime = now + dt.timedelta(hours=HOURS)
        s.add(m.BreakGlass(login=login, case_id=case_id, reason=text, at=now, until=until))
        s.flush()
        audit(
            s,
            "case.break_glass",
            "case",
            case_code,
            {"until": until.isoformat()},
            role=person.role,
            hospital=person.hospital,
            case_ids=[case_code],
            purpose=text,
            flagged=True,
            user=user,
        )
        return until
