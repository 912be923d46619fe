"""Reading and checking a planning scenario (``../shared/contract/README.md``, "Scenario").

A scenario arrives from outside the project (another hospital's system, a test suite, a
secretary's export), so nothing in it can be trusted. Every consumer (importer, planner, triage)
therefore goes through :func:`validate_scenario`, which

* checks the *whole* document before anything is written anywhere: required fields, types,
  ISO dates and times, enumerations, unique identifiers and that every reference resolves;
* collects the problems (up to :data:`MAX_ERRORS`) instead of stopping at the first, because a
  person fixing a hand-edited file wants the full list in one go;
* names every problem by file and JSON path (``tiny.json: $.cases[3].ready: 'tomorrow' is not a
  date (YYYY-MM-DD)``), so it can be found without reading code;
* returns a *normalised* contract dict: defaults of the contract filled in, unknown extra fields
  dropped (the contract says readers must ignore them), dates and times still ISO strings.

The returned dict is plain JSON data on purpose: it can be handed to the solver's adapter, to
the importer or back to ``json.dump`` without any conversion layer.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from db import models as m
from mdo_planner.errors import UserError
from mdo_planner.infra.limits import (
    INT32,
    DocumentError,
    column_problem,
    parse_json_document,
    read_input,
)
from solver import contract

FORMAT = "mdo-planner-scenario"
VERSION = 1
#: Contract order, lowest first: a case may be discussed at its echelon or higher.
ECHELONS: tuple[str, ...] = contract.ECHELONS
SESSION_MODES: tuple[str, ...] = contract.SESSION_MODES
#: Contract default discussion time per required echelon, in minutes.
DEFAULT_MINUTES: dict[str, int] = contract.DEFAULT_MINUTES
#: Contract default cost weights.
DEFAULT_WEIGHTS: dict[str, int] = contract.DEFAULT_WEIGHTS
DEFAULT_SESSION_MODE = "hybrid"
#: A person fixing a file needs the first screenful of problems, not ten thousand lines.
MAX_ERRORS = 50

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


class ScenarioError(DocumentError):
    """A scenario that cannot be used; ``errors`` holds one ``(json_path, message)`` per problem
    so that the GUI can list them in a table while the CLI prints the joined message."""


class _Checker:
    """Walks the document once, collecting problems with their JSON paths."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[tuple[str, str]] = []
        self.more = 0
        self._seen: set[tuple[str, str]] = set()

    # -- reporting
    def error(self, path: str, msg: str) -> None:
        # Every problem is counted, only the first MAX_ERRORS are kept: the total must be
        # right ("1187 problems found"), the list short enough to read.
        if (path, msg) in self._seen:
            return  # met again by a later check (the care networks' ids are checked first)
        self._seen.add((path, msg))
        if len(self.errors) >= MAX_ERRORS:
            self.more += 1
            return
        self.errors.append((path, msg))

    def fits(self, value: Any, column: Any, path: str) -> bool:
        """The storage rule of ``column`` (see :mod:`mdo_planner.infra.limits`); reports and
        returns False when ``value`` cannot be stored there."""
        if column is None:
            return True
        problem = column_problem(value, column)
        if problem is None:
            return True
        self.error(path, problem)
        return False

    # -- typed field readers: each returns the value or None (after reporting the problem)
    def field(self, obj: Mapping[str, Any], key: str, path: str, *, required: bool) -> Any:
        if key not in obj:
            if required:
                self.error(path, f"missing required field '{key}'")
            return None
        return obj[key]

    def string(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        default: str | None = None,
        nonempty: bool = True,
        column: Any = None,
    ) -> str | None:
        value = self.field(obj, key, path, required=required)
        if value is None:
            if key in obj and required:
                self.error(f"{path}.{key}", "must be a string, not null")
            return default
        if not isinstance(value, str):
            self.error(f"{path}.{key}", f"{_show(value)} is not a string")
            return default
        if nonempty and not value.strip():
            self.error(f"{path}.{key}", "must not be empty")
            return default
        if not self.fits(value, column, f"{path}.{key}"):
            return default
        return value

    def boolean(
        self, obj: Mapping[str, Any], key: str, path: str, *, default: bool = False
    ) -> bool:
        value = obj.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(f"{path}.{key}", f"{_show(value)} is not true or false")
            return default
        return value

    def integer(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        minimum: int | None = None,
        nullable: bool = False,
        default: int | None = None,
        column: Any = None,
    ) -> int | None:
        value = self.field(obj, key, path, required=required)
        if value is None:
            if key in obj and not nullable:
                self.error(f"{path}.{key}", "must be a whole number, not null")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.error(f"{path}.{key}", f"{_show(value)} is not a whole number")
                return default
        if value.bit_length() > 63:  # before any f"{value}": str() of 10**5000 raises
            self.error(f"{path}.{key}", f"{_show(value)} is too large to be stored")
            return default
        if minimum is not None and value < minimum:
            self.error(f"{path}.{key}", f"{value} must be at least {minimum}")
            return default
        if not self.fits(value, column, f"{path}.{key}"):
            return default
        return value

    def date(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        column: Any = None,
    ) -> dt.date | None:
        value = self.field(obj, key, path, required=required)
        if value is None:
            if key in obj and required:
                self.error(f"{path}.{key}", "must be a date (YYYY-MM-DD), not null")
            return None
        if isinstance(value, str) and _DATE_RE.fullmatch(value):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return day if self.fits(day, column, f"{path}.{key}") else None
        self.error(f"{path}.{key}", f"{_show(value)} is not a date (YYYY-MM-DD)")
        return None

    def time(self, obj: Mapping[str, Any], key: str, path: str) -> str | None:
        value = self.field(obj, key, path, required=True)
        if value is None:
            if key in obj:
                self.error(f"{path}.{key}", "must be a time (HH:MM), not null")
            return None
        if isinstance(value, str) and _TIME_RE.fullmatch(value):
            return value
        self.error(f"{path}.{key}", f"{_show(value)} is not a time (HH:MM, 24 h)")
        return None

    def choice(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        choices: tuple[str, ...],
        *,
        required: bool = True,
        default: str | None = None,
    ) -> str | None:
        value = self.field(obj, key, path, required=required)
        if value is None:
            if key in obj and required:
                self.error(f"{path}.{key}", f"must be one of {', '.join(choices)}, not null")
            return default
        if not isinstance(value, str) or value not in choices:
            self.error(f"{path}.{key}", f"{_show(value)} is not one of {', '.join(choices)}")
            return default
        return value

    def obj(self, value: Any, path: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, f"must be an object, not {_kind(value)}")
            return None
        return value

    def array(self, obj: Mapping[str, Any], key: str, path: str, *, required: bool) -> list[Any]:
        value = self.field(obj, key, path, required=required)
        if value is None:
            if key in obj and required:
                self.error(f"{path}.{key}", "must be a list, not null")
            return []
        if not isinstance(value, list):
            self.error(f"{path}.{key}", f"must be a list, not {_kind(value)}")
            return []
        return value

    def refs(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        known: Mapping[str, Any],
        what: str,
        *,
        required: bool,
        default: list[str] | None = None,
    ) -> list[str]:
        """A list of identifiers that must all exist (and appear once)."""
        if key not in obj or (obj[key] is None and not required):
            if required:
                self.error(path, f"missing required field '{key}'")
            return list(default or [])
        items = self.array(obj, key, path, required=required)
        out: list[str] = []
        for j, ref in enumerate(items):
            p = f"{path}.{key}[{j}]"
            if not isinstance(ref, str):
                self.error(p, f"{_show(ref)} is not a {what} id (string)")
            elif ref not in known:
                self.error(p, f"unknown {what} {ref!r}")
            elif ref in out:
                self.error(p, f"{what} {ref!r} is listed twice")
            else:
                out.append(ref)
        return out

    def ref(
        self,
        obj: Mapping[str, Any],
        key: str,
        path: str,
        known: Mapping[str, Any],
        what: str,
        *,
        required: bool = True,
    ) -> str | None:
        value = self.field(obj, key, path, required=required)
        if value is None:
            if key in obj and required:
                self.error(f"{path}.{key}", f"must be a {what} id, not null")
            return None
        if not isinstance(value, str):
            self.error(f"{path}.{key}", f"{_show(value)} is not a {what} id (string)")
            return None
        if value not in known:
            self.error(f"{path}.{key}", f"unknown {what} {value!r}")
            return None
        return value

    def ids(
        self, items: list[Any], key: str, list_path: str, column: Any = None
    ) -> tuple[dict[str, int], list[tuple[int, dict[str, Any]]]]:
        """Index the objects of a list by identifier, reporting duplicates and bad ids.

        Returns ``{id: index}`` and the ``(index, object)`` pairs worth checking further.
        """
        index: dict[str, int] = {}
        good: list[tuple[int, dict[str, Any]]] = []
        for i, item in enumerate(items):
            path = f"{list_path}[{i}]"
            o = self.obj(item, path)
            if o is None:
                continue
            ident = self.string(o, key, path, column=column)
            if ident is None:
                continue
            if ident in index:
                self.error(
                    f"{path}.{key}",
                    f"duplicate id {ident!r} (first at {list_path}[{index[ident]}])",
                )
                continue
            index[ident] = i
            good.append((i, o))
        return index, good


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _show(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _complexity_validator() -> Callable[[dict[str, Any], str], Any] | None:
    """The triage module's own parser of complexity data, when that module is installed.

    Looked up at run time so that scenarios can be read even in a build without triage and so
    that the two modules agree on one definition of a valid complexity object.
    """
    try:
        triage = importlib.import_module("mdo_planner.triage")
    except ImportError:
        return None
    complexity = getattr(triage, "Complexity", None)
    parse = getattr(complexity, "from_dict", None)
    return parse if callable(parse) else None


def validate_scenario(data: Any, source: str = "scenario") -> dict[str, Any]:
    """Check a parsed scenario and return it normalised (see the module docstring).

    Raises :class:`ScenarioError` (a ``UserError``) listing every problem with its JSON path.
    """
    chk = _Checker(source)
    out = _validate(chk, data)
    if chk.errors or out is None:
        raise ScenarioError(source, chk.errors, chk.more)
    return out


def _validate(chk: _Checker, data: Any) -> dict[str, Any] | None:
    root = chk.obj(data, "$")
    if root is None:
        return None
    # Care networks (issue 15) are written in the contract's vocabulary; a hand-written file
    # may leave out what follows from the network, which is filled in first.
    from mdo_planner.care import scenario as care_scenario

    care_scenario.report_first(chk, root)
    root = care_scenario.expand(root)
    fmt = root.get("format")
    if fmt != FORMAT:
        chk.error("$.format", f"{_show(fmt)} is not {FORMAT!r} (is this a scenario file?)")
    version = root.get("version")
    if version != VERSION or isinstance(version, bool):
        chk.error("$.version", f"{_show(version)} is not a supported version (expected {VERSION})")
    name = chk.string(root, "name", "$", required=False, default="", nonempty=False) or ""

    # horizon
    horizon: dict[str, str] = {}
    hz = chk.field(root, "horizon", "$", required=True)
    if hz is not None and (hz_obj := chk.obj(hz, "$.horizon")) is not None:
        start = chk.date(hz_obj, "start", "$.horizon", column=m.PlanRun.horizon_start)
        end = chk.date(hz_obj, "end", "$.horizon", column=m.PlanRun.horizon_end)
        if start and end:
            if start > end:
                chk.error("$.horizon", f"start {start} lies after end {end}")
            horizon = {"start": start.isoformat(), "end": end.isoformat()}

    # disciplines
    disc_items = chk.array(root, "disciplines", "$", required=True)
    disc_idx, disc_good = chk.ids(disc_items, "code", "$.disciplines", m.Discipline.code)
    disciplines = [
        {
            "code": o["code"],
            "name": chk.string(
                o,
                "name",
                f"$.disciplines[{i}]",
                required=False,
                default=o["code"],
                column=m.Discipline.name,
            )
            or o["code"],
        }
        for i, o in disc_good
    ]

    # tumour groups
    tg_items = chk.array(root, "tumour_groups", "$", required=True)
    tg_idx, tg_good = chk.ids(tg_items, "code", "$.tumour_groups", m.TumourGroup.code)
    tumour_groups = []
    for i, o in tg_good:
        p = f"$.tumour_groups[{i}]"
        tumour_groups.append(
            {
                "code": o["code"],
                "name": chk.string(
                    o, "name", p, required=False, default=o["code"], column=m.TumourGroup.name
                )
                or o["code"],
                "core_disciplines": chk.refs(
                    o, "core_disciplines", p, disc_idx, "discipline", required=True
                ),
                "expert_centre_only": chk.boolean(o, "expert_centre_only", p),
            }
        )

    # networks and hospitals
    net_items = chk.array(root, "networks", "$", required=True)
    net_idx, net_good = chk.ids(net_items, "id", "$.networks", m.Network.code)
    networks = [
        {
            "id": o["id"],
            "name": chk.string(
                o,
                "name",
                f"$.networks[{i}]",
                required=False,
                default=o["id"],
                column=m.Network.name,
            )
            or o["id"],
        }
        for i, o in net_good
    ]
    hosp_items = chk.array(root, "hospitals", "$", required=True)
    hosp_idx, hosp_good = chk.ids(hosp_items, "id", "$.hospitals", m.Hospital.code)
    hospitals = []
    for i, o in hosp_good:
        p = f"$.hospitals[{i}]"
        hospitals.append(
            {
                "id": o["id"],
                "name": chk.string(
                    o, "name", p, required=False, default=o["id"], column=m.Hospital.name
                )
                or o["id"],
                "network": chk.ref(o, "network", p, net_idx, "network"),
                "expert_centre": chk.boolean(o, "expert_centre", p),
            }
        )

    # experts
    exp_items = chk.array(root, "experts", "$", required=True)
    _exp_idx, exp_good = chk.ids(exp_items, "id", "$.experts", m.Expert.code)
    experts = []
    for i, o in exp_good:
        p = f"$.experts[{i}]"
        hospital = chk.ref(o, "hospital", p, hosp_idx, "hospital")
        unavailable = []
        for j, rng in enumerate(chk.array(o, "unavailable", p, required=False)):
            rp = f"{p}.unavailable[{j}]"
            r = chk.obj(rng, rp)
            if r is None:
                continue
            d_from = chk.date(r, "from", rp, column=m.LeavePeriod.start)
            d_to = chk.date(r, "to", rp, column=m.LeavePeriod.end)
            if d_from and d_to:
                if d_from > d_to:
                    chk.error(rp, f"'from' {d_from} lies after 'to' {d_to}")
                unavailable.append({"from": d_from.isoformat(), "to": d_to.isoformat()})
        experts.append(
            {
                "id": o["id"],
                "name": chk.string(
                    o, "name", p, required=False, default=o["id"], column=m.Expert.name
                )
                or o["id"],
                "discipline": chk.ref(o, "discipline", p, disc_idx, "discipline"),
                "hospital": hospital,
                "serves": chk.refs(
                    o,
                    "serves",
                    p,
                    hosp_idx,
                    "hospital",
                    required=False,
                    default=[hospital] if hospital else [],
                ),
                "tumour_groups": chk.refs(
                    o, "tumour_groups", p, tg_idx, "tumour group", required=True
                ),
                "max_echelon": chk.choice(
                    o, "max_echelon", p, ECHELONS, required=False, default="local"
                ),
                "max_sessions_per_week": chk.integer(
                    o,
                    "max_sessions_per_week",
                    p,
                    required=False,
                    minimum=0,
                    nullable=True,
                    column=m.Expert.max_sessions_per_week,
                ),
                "unavailable": unavailable,
            }
        )

    # sessions
    ses_items = chk.array(root, "sessions", "$", required=True)
    ses_idx, ses_good = chk.ids(ses_items, "id", "$.sessions", m.MeetingSession.code)
    sessions = []
    for i, o in ses_good:
        p = f"$.sessions[{i}]"
        day = chk.date(o, "date", p, column=m.MeetingSession.date)
        sessions.append(
            {
                "id": o["id"],
                "tumour_group": chk.ref(o, "tumour_group", p, tg_idx, "tumour group"),
                "echelon": chk.choice(o, "echelon", p, ECHELONS),
                "hospital": chk.ref(o, "hospital", p, hosp_idx, "hospital"),
                "date": day.isoformat() if day else None,
                "start": chk.time(o, "start", p),
                "duration_min": chk.integer(
                    o, "duration_min", p, minimum=1, column=m.MeetingSession.duration_min
                ),
                "mode": chk.choice(
                    o, "mode", p, SESSION_MODES, required=False, default=DEFAULT_SESSION_MODE
                ),
            }
        )

    # cases
    parse_complexity = _complexity_validator()
    case_items = chk.array(root, "cases", "$", required=True)
    case_idx, case_good = chk.ids(case_items, "id", "$.cases", m.Case.code)
    cases = []
    for i, o in case_good:
        p = f"$.cases[{i}]"
        echelon = chk.choice(o, "echelon", p, ECHELONS, required=False)
        complexity = o.get("complexity")
        if complexity is not None:
            if chk.obj(complexity, f"{p}.complexity") is None or not chk.fits(
                complexity, m.Case.complexity, f"{p}.complexity"
            ):
                complexity = None
            elif parse_complexity is not None:
                try:
                    parse_complexity(complexity, f"{p}.complexity")
                except (UserError, ValueError, TypeError, KeyError) as exc:
                    # The triage reports one "path: message" line per problem.
                    for line in (str(exc) or type(exc).__name__).splitlines():
                        where, sep, msg = line.partition(": ")
                        if sep and where.startswith("$"):
                            chk.error(where, msg)
                        else:
                            chk.error(f"{p}.complexity", line)
        minutes = chk.integer(
            o, "minutes", p, required=False, minimum=0, nullable=True, column=m.Case.minutes
        )
        if minutes is None and echelon is not None:
            minutes = DEFAULT_MINUTES[echelon]
        ready = chk.date(o, "ready", p, column=m.Case.ready_date)
        due = chk.date(o, "due", p, column=m.Case.due_date)
        case = {
            "id": o["id"],
            "patient": chk.string(o, "patient", p, column=m.Case.patient_ref),
            "hospital": chk.ref(o, "hospital", p, hosp_idx, "hospital"),
            "tumour_group": chk.ref(o, "tumour_group", p, tg_idx, "tumour group"),
            "echelon": echelon,
            "extra_disciplines": chk.refs(
                o, "extra_disciplines", p, disc_idx, "discipline", required=False
            ),
            "minutes": minutes,
            "ready": ready.isoformat() if ready else None,
            "due": due.isoformat() if due else None,
            "urgent": chk.boolean(o, "urgent", p),
            "question": chk.string(
                o, "question", p, required=False, default="", nonempty=False, column=m.Case.question
            )
            or "",
            "pinned_session": chk.ref(o, "pinned_session", p, ses_idx, "session", required=False),
        }
        if complexity is not None:
            case["complexity"] = complexity
        cases.append(case)

    # previous plan
    previous_plan = []
    seen_cases: dict[str, int] = {}
    for j, item in enumerate(chk.array(root, "previous_plan", "$", required=False)):
        p = f"$.previous_plan[{j}]"
        entry = chk.obj(item, p)
        if entry is None:
            continue
        case_id = chk.ref(entry, "case", p, case_idx, "case")
        ses_id = chk.ref(entry, "session", p, ses_idx, "session")
        if case_id is not None and case_id in seen_cases:
            chk.error(
                f"{p}.case",
                f"case {case_id!r} already has a previous session "
                f"(at $.previous_plan[{seen_cases[case_id]}])",
            )
        elif case_id is not None and ses_id is not None:
            seen_cases[case_id] = j
            previous_plan.append({"case": case_id, "session": ses_id})

    # weights
    weights: dict[str, int | float] = dict(DEFAULT_WEIGHTS)
    w = root.get("weights")
    if w is not None and (w_obj := chk.obj(w, "$.weights")) is not None:
        for key in DEFAULT_WEIGHTS:
            if key in w_obj:
                value = w_obj[key]
                if (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not math.isfinite(value)
                ):
                    chk.error(f"$.weights.{key}", f"{_show(value)} is not a number")
                elif value < 0:
                    chk.error(f"$.weights.{key}", f"{value} must not be negative")
                elif value > INT32[1]:
                    chk.error(
                        f"$.weights.{key}", f"{_show(value)} is too large (at most {INT32[1]:,})"
                    )
                else:
                    weights[key] = int(value) if float(value).is_integer() else value

    out = {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "horizon": horizon,
        "disciplines": disciplines,
        "tumour_groups": tumour_groups,
        "networks": networks,
        "hospitals": hospitals,
        "experts": experts,
        "sessions": sessions,
        "cases": cases,
        "previous_plan": previous_plan,
        "weights": weights,
    }
    care_scenario.check(chk, root, out)
    return None if chk.errors else out


def parse_json(text: str | bytes, source: str) -> Any:
    """Parse JSON within the input limits of :mod:`mdo_planner.infra.limits`: a syntax error names
    the line and column, any other problem (a 5,000-digit number, NaN, a key twice, text no
    database can store, nesting too deep) its JSON path."""
    return parse_json_document(text, source)


def load_scenario(path: str | Path) -> dict[str, Any]:
    """Read, parse and validate a scenario file (see :func:`validate_scenario`)."""
    p = Path(path)
    raw = read_input(p, "scenario file")
    return validate_scenario(parse_json(raw, p.name), source=p.name)


def default_minutes(echelon: str) -> int:
    """Discussion time the contract assumes when a case does not state its own."""
    return DEFAULT_MINUTES[echelon]


__all__ = [
    "DEFAULT_MINUTES",
    "DEFAULT_WEIGHTS",
    "ECHELONS",
    "FORMAT",
    "MAX_ERRORS",
    "SESSION_MODES",
    "VERSION",
    "ScenarioError",
    "default_minutes",
    "load_scenario",
    "parse_json",
    "validate_scenario",
]
