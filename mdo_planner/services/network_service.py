"""Network setup: hospitals, networks, tumour groups and the meeting series that generate
dated MDO sessions.

Secretariats think in recurring meetings ("breast, local, Tuesdays 16:00"), planners need
dated sessions. Generating the dates is a pure function (:func:`series_dates`) so that the
rules for frequency, validity and Dutch public holidays are tested without a database; the
database part only inserts what is missing, so generating the same range twice is harmless and
a session that was edited or cancelled by hand is never overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

import holidays as holidays_lib
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from db import models as m
from mdo_planner.errors import UserError

from ._db import DatabaseLike
from .base import audit


@dataclass(frozen=True)
class HospitalRow:
    id: int
    code: str
    name: str
    network_code: str
    network_name: str
    expert_centre: bool


@dataclass(frozen=True)
class NetworkRow:
    id: int
    code: str
    name: str
    hospitals: int


@dataclass(frozen=True)
class TumourGroupRow:
    id: int
    code: str
    name: str
    core_disciplines: tuple[str, ...]
    expert_centre_only: bool


@dataclass(frozen=True)
class SeriesRow:
    id: int
    name: str
    tumour_group: str
    echelon: str
    hospital: str
    weekday: int
    start_time: dt.time
    duration_min: int
    frequency_weeks: int
    mode: str
    video_link: str | None
    valid_from: dt.date
    valid_to: dt.date | None
    skip_holidays: bool
    active: bool


@dataclass
class SeriesInput:
    """What a secretary fills in for a meeting series (codes, not database ids)."""

    name: str
    tumour_group: str
    echelon: str
    hospital: str
    weekday: int
    start_time: dt.time
    duration_min: int
    frequency_weeks: int = 1
    mode: str = "hybrid"
    video_link: str | None = None
    valid_from: dt.date = field(default_factory=dt.date.today)
    valid_to: dt.date | None = None
    skip_holidays: bool = True


@dataclass(frozen=True)
class SeriesDate:
    date: dt.date
    holiday: str | None = None


@dataclass(frozen=True)
class GenerateSummary:
    created: int
    existing: int
    skipped_holidays: tuple[tuple[str, dt.date, str], ...]


def dutch_holidays(
    date_from: dt.date, date_to: dt.date, language: str = "en_US"
) -> dict[dt.date, str]:
    """Dutch public holidays in ``[date_from, date_to]``, named in ``language`` (``nl``/``en_US``)."""
    if date_to < date_from:
        return {}
    years = range(date_from.year, date_to.year + 1)
    # holidays declares Netherlands.__init__(self, *args, **kwargs) without annotations
    table = holidays_lib.Netherlands(years=years, language=language)  # type: ignore[no-untyped-call]
    return {day: name for day, name in sorted(table.items()) if date_from <= day <= date_to}


def series_dates(
    weekday: int,
    frequency_weeks: int,
    valid_from: dt.date,
    valid_to: dt.date | None,
    date_from: dt.date,
    date_to: dt.date,
    holidays: dict[dt.date, str] | None = None,
) -> list[SeriesDate]:
    """The meeting dates of a series inside ``[date_from, date_to]``.

    The first meeting is the first ``weekday`` on or after ``valid_from``; fortnightly series
    keep that rhythm whatever range is asked for, so generating week by week gives the same
    dates as generating a quarter at once. Holiday dates are returned with the holiday's name
    so that the caller can show them and decide whether to skip them.
    """
    if not 1 <= weekday <= 7:
        raise UserError(f"weekday must be 1 (Monday) to 7 (Sunday), not {weekday}")
    if frequency_weeks < 1:
        raise UserError(f"frequency must be at least every week, not every {frequency_weeks}")
    holidays = holidays or {}
    first = valid_from + dt.timedelta(days=(weekday - valid_from.isoweekday()) % 7)
    last = min(date_to, valid_to) if valid_to else date_to
    step = dt.timedelta(weeks=frequency_weeks)
    if date_from > first:
        periods = (date_from - first).days // step.days
        day = first + periods * step
        if day < date_from:
            day += step
    else:
        day = first
    out = []
    while day <= last:
        out.append(SeriesDate(day, holidays.get(day)))
        day += step
    return out


# ----------------------------------------------------------------------------- reading


def list_networks(db: DatabaseLike) -> list[NetworkRow]:
    with db.session() as s:
        nets = s.scalars(
            select(m.Network).options(selectinload(m.Network.hospitals)).order_by(m.Network.code)
        ).all()
        return [NetworkRow(n.id, n.code, n.name, len(n.hospitals)) for n in nets]


def list_hospitals(db: DatabaseLike) -> list[HospitalRow]:
    with db.session() as s:
        rows = s.scalars(
            select(m.Hospital).options(selectinload(m.Hospital.network)).order_by(m.Hospital.code)
        ).all()
        return [
            HospitalRow(h.id, h.code, h.name, h.network.code, h.network.name, h.expert_centre)
            for h in rows
        ]


def list_disciplines(db: DatabaseLike) -> list[tuple[str, str]]:
    """``(code, name)`` of every discipline, by code."""
    with db.session() as s:
        return [
            (d.code, d.name) for d in s.scalars(select(m.Discipline).order_by(m.Discipline.code))
        ]


def list_tumour_groups(db: DatabaseLike) -> list[TumourGroupRow]:
    with db.session() as s:
        rows = s.scalars(
            select(m.TumourGroup)
            .options(selectinload(m.TumourGroup.core_disciplines))
            .order_by(m.TumourGroup.code)
        ).all()
        return [
            TumourGroupRow(
                g.id,
                g.code,
                g.name,
                tuple(d.code for d in g.core_disciplines),
                g.expert_centre_only,
            )
            for g in rows
        ]


def list_series(db: DatabaseLike) -> list[SeriesRow]:
    with db.session() as s:
        rows = s.scalars(
            select(m.MeetingSeries)
            .options(
                selectinload(m.MeetingSeries.tumour_group), selectinload(m.MeetingSeries.hospital)
            )
            .order_by(m.MeetingSeries.weekday, m.MeetingSeries.start_time, m.MeetingSeries.name)
        ).all()
        return [_series_row(r) for r in rows]


def _series_row(r: m.MeetingSeries) -> SeriesRow:
    return SeriesRow(
        r.id,
        r.name,
        r.tumour_group.code,
        r.echelon,
        r.hospital.code,
        r.weekday,
        r.start_time,
        r.duration_min,
        r.frequency_weeks,
        r.mode,
        r.video_link,
        r.valid_from,
        r.valid_to,
        r.skip_holidays,
        r.active,
    )


# ----------------------------------------------------------------------------- writing


#: the rows found by their contract code here
_Coded = TypeVar("_Coded", m.Network, m.Discipline, m.TumourGroup, m.Hospital)


def _by_code(s: Session, model: type[_Coded], code: str, what: str) -> _Coded:
    row = s.scalar(select(model).where(model.code == code))
    if row is None:
        raise UserError(f"{what}: no {what} with code {code!r}")
    return row


def _check_code(code: str, field_name: str) -> str:
    code = code.strip()
    if not code:
        raise UserError(f"{field_name}: a code is required")
    if len(code) > 32:
        raise UserError(f"{field_name}: at most 32 characters, not {len(code)}")
    return code


def _require_name(name: str, field_name: str) -> None:
    if not name.strip():
        raise UserError(f"{field_name}: a name is required")


def _require_unused(s: Session, model: Any, code: str, field_name: str) -> None:
    """Codes are the contract's identifiers: say so before the unique constraint does."""
    if s.scalar(select(model.id).where(model.code == code)):
        raise UserError(f"{field_name}: {code!r} is already used")


def add_network(db: DatabaseLike, code: str, name: str, *, user: str) -> int:
    code = _check_code(code, "network code")
    _require_name(name, "network name")
    with db.session() as s:
        _require_unused(s, m.Network, code, "network code")
        net = m.Network(code=code, name=name.strip())
        s.add(net)
        s.flush()
        audit(s, "create", "network", code, {"name": net.name}, user=user)
        return net.id


def add_hospital(
    db: DatabaseLike, code: str, name: str, network: str, expert_centre: bool = False, *, user: str
) -> int:
    code = _check_code(code, "hospital code")
    _require_name(name, "hospital name")
    with db.session() as s:
        _require_unused(s, m.Hospital, code, "hospital code")
        net = _by_code(s, m.Network, network, "network")
        h = m.Hospital(code=code, name=name.strip(), network=net, expert_centre=expert_centre)
        s.add(h)
        s.flush()
        audit(
            s,
            "create",
            "hospital",
            code,
            {"network": network, "expert_centre": expert_centre},
            user=user,
        )
        return h.id


def add_discipline(db: DatabaseLike, code: str, name: str, *, user: str) -> int:
    """A medical discipline experts belong to (the contract's codes: SURG, RADIOL, PATH, ...)."""
    code = _check_code(code, "discipline code").upper()
    _require_name(name, "discipline name")
    with db.session() as s:
        _require_unused(s, m.Discipline, code, "discipline code")
        row = m.Discipline(code=code, name=name.strip())
        s.add(row)
        s.flush()
        audit(s, "create", "discipline", code, {"name": row.name}, user=user)
        return row.id


def add_tumour_group(
    db: DatabaseLike,
    code: str,
    name: str,
    core_disciplines: list[str],
    expert_centre_only: bool = False,
    *,
    user: str,
) -> int:
    """A tumour group with its quorum (the disciplines every session with cases needs)."""
    code = _check_code(code, "tumour group code").upper()
    _require_name(name, "tumour group name")
    if not core_disciplines:
        raise UserError(f"tumour group {code}: choose at least one core discipline")
    with db.session() as s:
        _require_unused(s, m.TumourGroup, code, "tumour group code")
        rows = [_by_code(s, m.Discipline, d, "discipline") for d in sorted(set(core_disciplines))]
        group = m.TumourGroup(
            code=code,
            name=name.strip(),
            core_disciplines=rows,
            expert_centre_only=expert_centre_only,
        )
        s.add(group)
        s.flush()
        audit(
            s,
            "create",
            "tumour_group",
            code,
            {"core_disciplines": [d.code for d in rows]},
            user=user,
        )
        return group.id


def set_core_disciplines(
    db: DatabaseLike,
    tumour_group: str,
    disciplines: list[str],
    expert_centre_only: bool | None = None,
    *,
    user: str,
) -> None:
    """Change the quorum of a tumour group: every session with cases needs these present."""
    if not disciplines:
        raise UserError(f"tumour group {tumour_group}: at least one core discipline is needed")
    with db.session() as s:
        group = _by_code(s, m.TumourGroup, tumour_group, "tumour group")
        rows = [_by_code(s, m.Discipline, code, "discipline") for code in disciplines]
        group.core_disciplines = sorted(rows, key=lambda d: d.code)
        if expert_centre_only is not None:
            group.expert_centre_only = expert_centre_only
        audit(
            s,
            "update",
            "tumour_group",
            tumour_group,
            {
                "core_disciplines": sorted(disciplines),
                "expert_centre_only": group.expert_centre_only,
            },
            user=user,
        )


def _validate_series(data: SeriesInput) -> None:
    if not data.name.strip():
        raise UserError("series name: a name is required")
    if data.echelon not in m.ECHELONS:
        raise UserError(f"series echelon: must be one of {', '.join(m.ECHELONS)}")
    if data.mode not in m.SESSION_MODES:
        raise UserError(f"series mode: must be one of {', '.join(m.SESSION_MODES)}")
    if not 1 <= data.weekday <= 7:
        raise UserError("series weekday: must be Monday to Sunday")
    if not 5 <= data.duration_min <= 600:
        raise UserError(f"series duration: 5 to 600 minutes, not {data.duration_min}")
    if not 1 <= data.frequency_weeks <= 8:
        raise UserError(f"series frequency: every 1 to 8 weeks, not {data.frequency_weeks}")
    if data.valid_to is not None and data.valid_to < data.valid_from:
        raise UserError("series valid until: lies before the first date")


def save_series(
    db: DatabaseLike, data: SeriesInput, series_id: int | None = None, *, user: str
) -> int:
    """Create (``series_id`` None) or change a meeting series; already generated sessions
    keep their own date and time (a secretary may have moved one by hand)."""
    _validate_series(data)
    with db.session() as s:
        group = _by_code(s, m.TumourGroup, data.tumour_group, "tumour group")
        host = _by_code(s, m.Hospital, data.hospital, "hospital")
        if series_id is None:
            row = m.MeetingSeries()
            s.add(row)
        else:
            found = s.get(m.MeetingSeries, series_id)
            if found is None:
                raise UserError(f"meeting series {series_id} no longer exists")
            row = found
        row.name = data.name.strip()
        row.tumour_group = group
        row.echelon = data.echelon
        row.hospital = host
        row.weekday = data.weekday
        row.start_time = data.start_time
        row.duration_min = data.duration_min
        row.frequency_weeks = data.frequency_weeks
        row.mode = data.mode
        row.video_link = (data.video_link or "").strip() or None
        row.valid_from = data.valid_from
        row.valid_to = data.valid_to
        row.skip_holidays = data.skip_holidays
        s.flush()
        audit(
            s,
            "create" if series_id is None else "update",
            "meeting_series",
            str(row.id),
            {"name": row.name},
            user=user,
        )
        return row.id


def delete_series(db: DatabaseLike, series_id: int, *, user: str) -> None:
    """Remove a series; its generated sessions stay (they may already carry cases)."""
    with db.session() as s:
        row = s.get(m.MeetingSeries, series_id)
        if row is None:
            return
        audit(s, "delete", "meeting_series", str(series_id), {"name": row.name}, user=user)
        s.delete(row)


def generate_sessions(
    db: DatabaseLike,
    date_from: dt.date,
    date_to: dt.date,
    series_ids: list[int] | None = None,
    skip_holidays: bool | None = None,
    *,
    user: str,
) -> GenerateSummary:
    """Create the dated sessions of the active series in ``[date_from, date_to]``.

    ``skip_holidays`` None follows each series' own setting; True/False overrides it for this
    run. Dates that already have a session of the series are left alone.
    """
    if date_to < date_from:
        raise UserError("generate sessions: the end date lies before the start date")
    if (date_to - date_from).days > 400:
        raise UserError("generate sessions: choose a range of at most 400 days")
    feast = dutch_holidays(date_from, date_to)
    created = existing = 0
    skipped: list[tuple[str, dt.date, str]] = []
    with db.session() as s:
        q = select(m.MeetingSeries).where(m.MeetingSeries.active.is_(True))
        if series_ids is not None:
            q = q.where(m.MeetingSeries.id.in_(series_ids))
        for series in s.scalars(q.order_by(m.MeetingSeries.id)).all():
            have = set(
                s.scalars(
                    select(m.MeetingSession.date).where(
                        m.MeetingSession.series_id == series.id,
                        m.MeetingSession.date.between(date_from, date_to),
                    )
                )
            )
            skip = series.skip_holidays if skip_holidays is None else skip_holidays
            for item in series_dates(
                series.weekday,
                series.frequency_weeks,
                series.valid_from,
                series.valid_to,
                date_from,
                date_to,
                feast,
            ):
                if item.date in have:
                    existing += 1
                    continue
                if item.holiday and skip:
                    skipped.append((series.name, item.date, item.holiday))
                    continue
                s.add(
                    m.MeetingSession(
                        code=f"MS{series.id}-{item.date:%Y%m%d}",
                        series_id=series.id,
                        tumour_group_id=series.tumour_group_id,
                        echelon=series.echelon,
                        hospital_id=series.hospital_id,
                        date=item.date,
                        start_time=series.start_time,
                        duration_min=series.duration_min,
                        mode=series.mode,
                        video_link=series.video_link,
                        chair=series.chair,
                    )
                )
                created += 1
        s.flush()
        audit(
            s,
            "generate",
            "sessions",
            None,
            {
                "from": date_from.isoformat(),
                "to": date_to.isoformat(),
                "created": created,
                "skipped_holidays": len(skipped),
            },
            user=user,
        )
    return GenerateSummary(created, existing, tuple(skipped))
