"""Triage rule sets: versioned documents that a network's administrator edits, not code.

A rule set is a TOML or JSON document (the shipped default is ``default_rules.toml``, the
planning contract's version 1). It is validated once, when it is loaded, with a message naming
the file and the path of every mistake, and compiled per tumour group into plain Python
predicates, so that triaging 100,000 cases never re-reads or re-interprets the document.

Document shape (see ``docs/triage.md`` for the full reference)::

    format = "mdo-planner-triage-rules"
    format_version = 1
    id = "default"          # stored with every triage result, with the version
    version = 1
    name = "..."
    [minutes]               # suggested discussion time per level
    [tumour_groups.CODE]    # expert_centre_only, minutes, rules.RULE_ID.level / .enabled
    [[rules]]               # id, effect, level | discipline, when = [{key, if, en, nl}]

Effects, applied in this order whatever the order of the rules in the file:
``hold`` (wins over everything), ``at_least`` (the highest wins), ``fallback`` (only when no
``at_least`` rule fired; the first matching one in file order), ``step_up`` (one level up, at
most ``level``, never lowering) and ``add_discipline``.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from mdo_planner.errors import UserError
from mdo_planner.limits import text_problem
from mdo_planner.triage.complexity import (
    BOOL_FIELDS,
    MAX_AGE,
    PHASES,
    STAGES,
    WHO_RANGE,
    Complexity,
)
from mdo_planner.triage.levels import ECHELONS, LEVELS
from solver import contract

FORMAT = "mdo-planner-triage-rules"
FORMAT_VERSION = 1
EFFECTS: tuple[str, ...] = ("hold", "at_least", "fallback", "step_up", "add_discipline")

#: Levels each effect may name (``level`` of ``step_up`` is its ceiling).
_EFFECT_LEVELS: dict[str, tuple[str, ...]] = {
    "at_least": ECHELONS,
    "fallback": ("protocol", *ECHELONS),
    "step_up": ECHELONS,
}
#: Contract defaults of the suggested discussion time; hold and protocol take no time.
DEFAULT_MINUTES: dict[str, int] = {
    **dict.fromkeys(contract.NOT_DISCUSSED_LEVELS, 0),
    **contract.DEFAULT_MINUTES,
}
MAX_MINUTES = 240

_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,31}$")
_CODE_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")

# Condition fields: the case's complexity data, plus four that are not in it.
#   question            - the case has a non-empty question (its text never matters)
#   complexity          - complexity data has been recorded at all
#   tumour_group        - the case's tumour group code
#   expert_centre_only  - the tumour group is marked "expert centre only" in this rule set
_RUNTIME_BOOL = ("question", "complexity")
_COMPILE_TIME = ("tumour_group", "expert_centre_only")
_CHOICE_FIELDS: dict[str, tuple[str, ...] | None] = {
    "phase": PHASES,
    "stage": STAGES,
    "previous_echelon": ECHELONS,
    "tumour_group": None,
}
_INT_FIELDS: dict[str, tuple[int, int]] = {"age": (0, MAX_AGE), "who_performance": WHO_RANGE}
_INT_OPS = ("eq", "ne", "ge", "gt", "le", "lt")
CONDITION_FIELDS: tuple[str, ...] = (
    *BOOL_FIELDS,
    *_RUNTIME_BOOL,
    "expert_centre_only",
    *_CHOICE_FIELDS,
    *_INT_FIELDS,
)


@dataclass(frozen=True)
class Trigger:
    """One way a rule can fire, with the phrase the secretary reads when it does."""

    key: str
    condition: dict[str, Any]
    en: str
    nl: str


@dataclass(frozen=True)
class Rule:
    """A documented rule: its id appears in every result it contributes to."""

    id: str
    effect: str
    when: tuple[Trigger, ...]
    level: str | None = None
    discipline: str | None = None
    title_en: str = ""
    title_nl: str = ""
    outcome_en: str | None = None
    outcome_nl: str | None = None


@dataclass(frozen=True)
class RuleAdjustment:
    """A tumour group's change to one rule: another level, or switched off."""

    level: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class TumourGroupSettings:
    """What a network decided for one tumour group (e.g. sarcoma: expert centre only)."""

    expert_centre_only: bool = False
    minutes: dict[str, int] = field(default_factory=dict)
    rules: dict[str, RuleAdjustment] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class CompiledTrigger:
    """A trigger as it applies to one tumour group (its phrases; the test is in the matcher)."""

    key: str
    en: str
    nl: str


#: A rule's matcher: (complexity, has question, complexity recorded) -> indices of the
#: triggers that hold (an empty tuple when the rule does not fire).
Matcher = Callable[[Complexity, bool, bool], tuple[int, ...]]


class CompiledRule:
    """A rule as the engine runs it for one tumour group (level adjustments applied).

    ``cache`` keeps the :class:`~mdo_planner.triage.engine.FiredRule` (with its sentences)
    per combination of triggers, so that 100,000 cases do not build 100,000 equal sentences.
    """

    __slots__ = (
        "cache",
        "discipline",
        "effect",
        "id",
        "level",
        "match",
        "outcome_en",
        "outcome_nl",
        "triggers",
    )

    def __init__(
        self,
        id: str,
        effect: str,
        level: str | None,
        discipline: str | None,
        triggers: tuple[CompiledTrigger, ...],
        match: Matcher,
        outcome_en: str | None,
        outcome_nl: str | None,
    ) -> None:
        self.id = id
        self.effect = effect
        self.level = level
        self.discipline = discipline
        self.triggers = triggers
        self.match = match
        self.outcome_en = outcome_en
        self.outcome_nl = outcome_nl
        self.cache: dict[Any, Any] = {}


@dataclass(frozen=True, eq=False)
class CompiledRules:
    """The rules of one rule set for one tumour group, grouped by effect in run order."""

    hold: tuple[CompiledRule, ...]
    at_least: tuple[CompiledRule, ...]
    fallback: tuple[CompiledRule, ...]
    step_up: tuple[CompiledRule, ...]
    add_discipline: tuple[CompiledRule, ...]
    minutes: dict[str, int]


@dataclass(frozen=True)
class RuleSet:
    """A validated rule-set document; build it with :func:`rule_set_from_document`."""

    id: str
    version: int
    name: str
    rules: tuple[Rule, ...]
    description: str = ""
    minutes: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MINUTES))
    tumour_groups: dict[str, TumourGroupSettings] = field(default_factory=dict)
    _compiled: dict[str, CompiledRules] = field(
        default_factory=dict, compare=False, repr=False, hash=False
    )

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (``KeyError`` if the set has none)."""
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)

    def compiled(self, tumour_group: str) -> CompiledRules:
        """The rules as they apply to one tumour group, compiled once and cached."""
        c = self._compiled.get(tumour_group)
        if c is None:
            if len(self._compiled) > 4096:  # many distinct codes: bad data, keep memory flat
                self._compiled.clear()
            c = self._compiled[tumour_group] = _compile(self, tumour_group)
        return c

    def with_expert_centre_only(self, tumour_group: str, flag: bool) -> RuleSet:
        """This rule set with one tumour group's "expert centre only" mark set to ``flag``.

        The network screen keeps that mark on the tumour group itself; the triage service
        uses this to add a ticked mark to the rule set. Same id and version: it is the same
        document, seen with the network's current mark.
        """
        current = self.tumour_groups.get(tumour_group, TumourGroupSettings())
        if current.expert_centre_only is flag:
            return self
        groups = dict(self.tumour_groups)
        groups[tumour_group] = replace(current, expert_centre_only=flag)
        return replace(self, tumour_groups=groups, _compiled={})

    def to_document(self) -> dict[str, Any]:
        """The document as plain data (for TOML/JSON export and the database)."""
        doc: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "version": self.version,
            "name": self.name,
        }
        if self.description:
            doc["description"] = self.description
        doc["minutes"] = dict(self.minutes)
        if self.tumour_groups:
            tgs: dict[str, Any] = {}
            for code, s in self.tumour_groups.items():
                t: dict[str, Any] = {"expert_centre_only": s.expert_centre_only}
                if s.minutes:
                    t["minutes"] = dict(s.minutes)
                if s.rules:
                    t["rules"] = {
                        rid: {
                            **({"level": a.level} if a.level is not None else {}),
                            "enabled": a.enabled,
                        }
                        for rid, a in s.rules.items()
                    }
                tgs[code] = t
            doc["tumour_groups"] = tgs
        rules = []
        for r in self.rules:
            d: dict[str, Any] = {"id": r.id, "effect": r.effect}
            if r.level is not None:
                d["level"] = r.level
            if r.discipline is not None:
                d["discipline"] = r.discipline
            for k in ("title_en", "title_nl"):
                if getattr(r, k):
                    d[k] = getattr(r, k)
            for k in ("outcome_en", "outcome_nl"):
                if getattr(r, k) is not None:
                    d[k] = getattr(r, k)
            d["when"] = [
                {"key": t.key, "if": _plain(t.condition), "en": t.en, "nl": t.nl} for t in r.when
            ]
            rules.append(d)
        doc["rules"] = rules
        return doc


def _plain(v: Any) -> Any:
    """Deep copy into plain dicts and lists, so exported documents share nothing."""
    if isinstance(v, Mapping):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


# --------------------------------------------------------------------------- validation


class _Errors:
    """Collects every mistake of a document, each with its path, for one clear message."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []

    def add(self, path: str, msg: str) -> None:
        self.items.append(f"{path}: {msg}" if path else msg)

    def raise_if_any(self) -> None:
        if self.items:
            shown = self.items[:30]
            more = len(self.items) - len(shown)
            text = "\n  ".join(shown) + (f"\n  ... and {more} more" if more else "")
            raise UserError(f"{self.source}: invalid triage rule set:\n  {text}")


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _check_keys(d: Mapping[str, Any], allowed: tuple[str, ...], path: str, err: _Errors) -> None:
    for k in d:
        if k not in allowed:
            err.add(_join(path, str(k)), f"unknown key (expected one of {', '.join(allowed)})")


def _text(
    d: Mapping[str, Any],
    key: str,
    path: str,
    err: _Errors,
    *,
    required: bool = True,
    default: str = "",
    max_len: int = 500,
) -> str:
    v = d.get(key)
    if v is None:
        if required:
            err.add(_join(path, key), "missing (a non-empty text is required)")
        return default
    if not isinstance(v, str) or not v.strip():
        err.add(_join(path, key), "must be a non-empty text")
        return default
    if len(v) > max_len:
        err.add(_join(path, key), f"longer than {max_len} characters")
    elif (problem := text_problem(v)) is not None:  # NUL, lone surrogate: not storable
        err.add(_join(path, key), problem)
    return v


def _minutes(v: Any, path: str, err: _Errors) -> dict[str, int]:
    if not isinstance(v, Mapping):
        err.add(path, "must be a table of minutes per level")
        return {}
    out: dict[str, int] = {}
    for level, m in v.items():
        if level not in LEVELS:
            err.add(_join(path, str(level)), f"unknown level (expected one of {', '.join(LEVELS)})")
        elif not isinstance(m, int) or isinstance(m, bool) or not 0 <= m <= MAX_MINUTES:
            err.add(
                _join(path, level), f"must be a whole number of minutes from 0 to {MAX_MINUTES}"
            )
        else:
            out[level] = m
    return out


def _condition(v: Any, path: str, err: _Errors) -> dict[str, Any]:
    """Validate one ``if`` table: every key a known field, every value of the right kind."""
    if not isinstance(v, Mapping):
        err.add(path, "must be a table of field = value (an empty table always matches)")
        return {}
    for name, spec in v.items():
        p = _join(path, str(name))
        if name in BOOL_FIELDS or name in _RUNTIME_BOOL or name == "expert_centre_only":
            if not isinstance(spec, bool):
                err.add(p, "must be true or false")
        elif name in _CHOICE_FIELDS:
            _check_choice(spec, _CHOICE_FIELDS[name], p, err)
        elif name in _INT_FIELDS:
            _check_int(spec, _INT_FIELDS[name], p, err)
        else:
            err.add(p, f"unknown field (expected one of {', '.join(CONDITION_FIELDS)})")
    return dict(v)


def _check_choice(spec: Any, allowed: tuple[str, ...] | None, path: str, err: _Errors) -> None:
    def ok(x: Any) -> bool:
        if allowed is None:
            return isinstance(x, str) and bool(_CODE_RE.match(x))
        return x in allowed

    expect = "a tumour group code" if allowed is None else f"one of {', '.join(allowed)}"
    if isinstance(spec, str):
        if not ok(spec):
            err.add(path, f"must be {expect}")
    elif isinstance(spec, list):
        if not spec or not all(ok(x) for x in spec):
            err.add(path, f"must be a non-empty list, each {expect}")
    elif isinstance(spec, Mapping):
        if len(spec) != 1 or next(iter(spec)) not in ("in", "not_in"):
            err.add(path, "a table here must have exactly one key, in or not_in")
        else:
            op, vals = next(iter(spec.items()))
            if not isinstance(vals, list) or not vals or not all(ok(x) for x in vals):
                err.add(_join(path, op), f"must be a non-empty list, each {expect}")
    else:
        err.add(path, f"must be {expect}, a list of them, or a table with in / not_in")


def _check_int(spec: Any, bounds: tuple[int, int], path: str, err: _Errors) -> None:
    lo, hi = bounds

    def ok(x: Any) -> bool:
        return isinstance(x, int) and not isinstance(x, bool) and lo <= x <= hi

    if isinstance(spec, Mapping):
        if not spec:
            err.add(path, f"needs at least one of {', '.join(_INT_OPS)}")
        for op, x in spec.items():
            if op not in _INT_OPS:
                err.add(
                    _join(path, str(op)),
                    f"unknown comparison (expected one of {', '.join(_INT_OPS)})",
                )
            elif not ok(x):
                err.add(_join(path, op), f"must be a whole number from {lo} to {hi}")
    elif not ok(spec):
        err.add(path, f"must be a whole number from {lo} to {hi}, or a table such as {{ge = {lo}}}")


_RULE_KEYS = (
    "id",
    "effect",
    "level",
    "discipline",
    "title_en",
    "title_nl",
    "outcome_en",
    "outcome_nl",
    "when",
)
_TRIGGER_KEYS = ("key", "if", "en", "nl")


def _rule(d: Any, path: str, err: _Errors) -> Rule | None:
    if not isinstance(d, Mapping):
        err.add(path, "must be a table describing a rule")
        return None
    _check_keys(d, _RULE_KEYS, path, err)
    rid = d.get("id")
    if not isinstance(rid, str) or not _ID_RE.match(rid):
        err.add(
            _join(path, "id"),
            "must be a short identifier such as R3 (letter first, at most 32 "
            "letters, digits, '_', '.', '-')",
        )
        rid = "?"
    effect = d.get("effect")
    if effect not in EFFECTS:
        err.add(_join(path, "effect"), f"must be one of {', '.join(EFFECTS)}")
    level = d.get("level")
    allowed_levels = _EFFECT_LEVELS.get(effect) if isinstance(effect, str) else None
    if allowed_levels is not None:
        if level not in allowed_levels:
            err.add(
                _join(path, "level"),
                f"a {effect} rule needs a level: one of {', '.join(allowed_levels)}",
            )
    elif level is not None:
        err.add(_join(path, "level"), f"a {effect} rule takes no level")
    discipline = d.get("discipline")
    if effect == "add_discipline":
        if not isinstance(discipline, str) or not _CODE_RE.match(discipline):
            err.add(
                _join(path, "discipline"),
                "an add_discipline rule needs a discipline code such as CLIN_GEN",
            )
    elif discipline is not None:
        err.add(_join(path, "discipline"), "only an add_discipline rule takes a discipline")
    outcome = {}
    for k in ("outcome_en", "outcome_nl"):
        if k in d:
            if effect != "add_discipline":
                err.add(
                    _join(path, k),
                    "only an add_discipline rule takes its own outcome text "
                    "(other outcomes are the level, so that a changed level is never misnamed)",
                )
            outcome[k] = _text(d, k, path, err)
    when = d.get("when")
    triggers: list[Trigger] = []
    if not isinstance(when, list) or not when:
        err.add(_join(path, "when"), "must be a non-empty list of triggers ({key, if, en, nl})")
    else:
        seen: set[str] = set()
        for i, t in enumerate(when):
            tp = _join(_join(path, "when"), i)
            if not isinstance(t, Mapping):
                err.add(tp, "must be a table {key, if, en, nl}")
                continue
            _check_keys(t, _TRIGGER_KEYS, tp, err)
            key = _text(t, "key", tp, err, max_len=64)
            if key in seen:
                err.add(_join(tp, "key"), f"duplicate trigger key {key!r} in this rule")
            seen.add(key)
            cond = _condition(t.get("if", {}), _join(tp, "if"), err)
            triggers.append(Trigger(key, cond, _text(t, "en", tp, err), _text(t, "nl", tp, err)))
    return Rule(
        id=rid,
        effect=effect if isinstance(effect, str) else "?",
        when=tuple(triggers),
        level=level if isinstance(level, str) else None,
        discipline=discipline if isinstance(discipline, str) else None,
        title_en=_text(d, "title_en", path, err, required=False),
        title_nl=_text(d, "title_nl", path, err, required=False),
        outcome_en=outcome.get("outcome_en"),
        outcome_nl=outcome.get("outcome_nl"),
    )


_DOC_KEYS = (
    "format",
    "format_version",
    "id",
    "version",
    "name",
    "description",
    "minutes",
    "tumour_groups",
    "rules",
)
_TG_KEYS = ("expert_centre_only", "minutes", "rules")


def rule_set_from_document(doc: Any, source: str = "rule set") -> RuleSet:
    """Validate a rule-set document (parsed TOML/JSON or a database row) into a :class:`RuleSet`.

    Raises :class:`UserError` listing every mistake with its path, e.g.
    ``rules.toml: invalid triage rule set: rules[3].when[0].if.agee: unknown field``.
    """
    err = _Errors(source)
    if not isinstance(doc, Mapping):
        err.add("", "the document must be a table/object")
        err.raise_if_any()
    _check_keys(doc, _DOC_KEYS, "", err)
    if doc.get("format") != FORMAT:
        err.add("format", f'must be "{FORMAT}"')
    if doc.get("format_version") != FORMAT_VERSION:
        err.add(
            "format_version",
            f"must be {FORMAT_VERSION} (this program reads version {FORMAT_VERSION})",
        )
    rs_id = _text(doc, "id", "", err, max_len=100)
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        err.add("version", "must be a whole number, 1 or more")
        version = 0
    # Stored as the rule set's name and version (db.models.TriageRuleSet): the same column
    # limits as every other document (mdo_planner.limits), so both backends accept it.
    from db.models import TriageRuleSet
    from mdo_planner.limits import column_problem

    for key, value, column in (
        ("id", rs_id, TriageRuleSet.name),
        ("version", version, TriageRuleSet.rule_version),
    ):
        if value and (problem := column_problem(value, column)) is not None:
            err.add(key, problem)
    name = _text(doc, "name", "", err, max_len=200)
    description = _text(doc, "description", "", err, required=False, max_len=5000)
    minutes = dict(DEFAULT_MINUTES)
    if "minutes" in doc:
        minutes.update(_minutes(doc["minutes"], "minutes", err))

    rules: list[Rule] = []
    raw_rules = doc.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        err.add("rules", "must be a non-empty list of rules")
    else:
        ids: set[str] = set()
        for i, d in enumerate(raw_rules):
            r = _rule(d, _join("rules", i), err)
            if r is None:
                continue
            if r.id in ids:
                err.add(_join(_join("rules", i), "id"), f"duplicate rule id {r.id!r}")
            ids.add(r.id)
            rules.append(r)
        catch_all = _catch_all(rules)
        if catch_all is None:
            err.add(
                "rules",
                "the last fallback rule must have a trigger with an empty `if` "
                "(so that every case gets a level and a rule that explains it)",
            )

    tgs: dict[str, TumourGroupSettings] = {}
    raw_tgs = doc.get("tumour_groups", {})
    if not isinstance(raw_tgs, Mapping):
        err.add("tumour_groups", "must be a table of tumour group codes")
        raw_tgs = {}
    by_id = {r.id: r for r in rules}
    for code, t in raw_tgs.items():
        tp = _join("tumour_groups", str(code))
        if not isinstance(code, str) or not _CODE_RE.match(code):
            err.add(tp, "not a valid tumour group code")
            continue
        if not isinstance(t, Mapping):
            err.add(tp, "must be a table (expert_centre_only, minutes, rules)")
            continue
        _check_keys(t, _TG_KEYS, tp, err)
        eco = t.get("expert_centre_only", False)
        if not isinstance(eco, bool):
            err.add(_join(tp, "expert_centre_only"), "must be true or false")
            eco = False
        tg_minutes = _minutes(t["minutes"], _join(tp, "minutes"), err) if "minutes" in t else {}
        adjustments: dict[str, RuleAdjustment] = {}
        raw_adj = t.get("rules", {})
        if not isinstance(raw_adj, Mapping):
            err.add(_join(tp, "rules"), "must be a table of rule ids")
            raw_adj = {}
        for rid, a in raw_adj.items():
            ap = _join(_join(tp, "rules"), str(rid))
            rule = by_id.get(rid)
            if rule is None:
                err.add(ap, "no rule with this id in the rule set")
                continue
            if not isinstance(a, Mapping):
                err.add(ap, "must be a table with level and/or enabled")
                continue
            _check_keys(a, ("level", "enabled"), ap, err)
            lvl = a.get("level")
            if lvl is not None:
                allowed = _EFFECT_LEVELS.get(rule.effect)
                if allowed is None:
                    err.add(
                        _join(ap, "level"), f"rule {rid} ({rule.effect}) has no level to change"
                    )
                elif lvl not in allowed:
                    err.add(_join(ap, "level"), f"must be one of {', '.join(allowed)}")
            enabled = a.get("enabled", True)
            if not isinstance(enabled, bool):
                err.add(_join(ap, "enabled"), "must be true or false")
                enabled = True
            if not enabled and rule is catch_all:
                err.add(
                    _join(ap, "enabled"),
                    f"rule {rid} is the catch-all fallback and cannot be "
                    "switched off (every case needs a level)",
                )
            adjustments[rid] = RuleAdjustment(
                level=lvl if isinstance(lvl, str) else None, enabled=enabled
            )
        tgs[code] = TumourGroupSettings(
            expert_centre_only=eco, minutes=tg_minutes, rules=adjustments
        )
    err.raise_if_any()
    return RuleSet(
        id=rs_id,
        version=version,
        name=name,
        rules=tuple(rules),
        description=description,
        minutes=minutes,
        tumour_groups=tgs,
    )


def _catch_all(rules: list[Rule]) -> Rule | None:
    fallbacks = [r for r in rules if r.effect == "fallback"]
    if fallbacks and any(not t.condition for t in fallbacks[-1].when):
        return fallbacks[-1]
    return None


# --------------------------------------------------------------------------- files


def load_rule_set(path: str | Path) -> RuleSet:
    """Read a rule set from a ``.toml`` or ``.json`` file (by its extension).

    The file must be a regular file within the input limits of :mod:`mdo_planner.limits`
    (a symlink to ``/dev/zero`` is refused, not read forever).
    """
    from mdo_planner.limits import read_input

    path = Path(path)
    fmt = _format_of(path)
    raw = read_input(path, "rule set", max_bytes=MAX_RULE_FILE_BYTES)
    return loads_rule_set(raw, fmt=fmt, source=str(path))


#: A rule set is a page of text; a megabyte is already absurd.
MAX_RULE_FILE_BYTES = 1024 * 1024


def loads_rule_set(data: str | bytes, *, fmt: str, source: str = "rule set") -> RuleSet:
    """Parse a rule set from TOML or JSON text (``fmt`` is ``"toml"`` or ``"json"``).

    Both go through the same input limits as every other document (UTF-8, nesting depth,
    number length, no NaN or infinities, no text a database cannot store), so a broken file
    is a message naming the file, never a ``RecursionError`` or ``UnicodeDecodeError``.
    """
    from mdo_planner.limits import check_document, decode_utf8, parse_json_document

    if fmt == "json":
        doc = parse_json_document(data, source)
        return rule_set_from_document(doc, source)
    if fmt != "toml":
        raise ValueError(fmt)
    text = decode_utf8(data, source) if isinstance(data, bytes) else data
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{source}: not valid TOML: {exc}") from exc
    except RecursionError as exc:
        raise UserError(f"{source}: not a usable rule set: nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise UserError(f"{source}: not a usable rule set: a number is too long") from exc
    check_document(doc, source)
    return rule_set_from_document(doc, source)


def dumps_rule_set(rs: RuleSet, *, fmt: str) -> str:
    """The rule set as TOML or JSON text; reading it back gives an equal rule set."""
    doc = rs.to_document()
    if fmt == "json":
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        import tomli_w

        return tomli_w.dumps(doc)
    raise ValueError(f"unknown rule-set format {fmt!r}; expected toml or json")


def dump_rule_set(rs: RuleSet, path: str | Path) -> None:
    """Write a rule set to a ``.toml`` or ``.json`` file; the file is replaced whole, so a
    failed export never leaves half a rule set behind."""
    path = Path(path)
    text = dumps_rule_set(rs, fmt=_format_of(path))
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{path}: cannot write the rule set: {exc.strerror or exc}") from exc


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".toml", ".json"):
        return suffix[1:]
    raise UserError(f"{path}: a rule set file must end in .toml or .json")


_DEFAULT: RuleSet | None = None


def default_rule_set() -> RuleSet:
    """The shipped default (planning contract, version 1), parsed once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        text = (
            resources.files("mdo_planner.triage")
            .joinpath("default_rules.toml")
            .read_text(encoding="utf-8")
        )
        _DEFAULT = loads_rule_set(text, fmt="toml", source="default_rules.toml")
    return _DEFAULT


# --------------------------------------------------------------------------- compiling


def _compile(rs: RuleSet, tumour_group: str) -> CompiledRules:
    settings = rs.tumour_groups.get(tumour_group, TumourGroupSettings())
    groups: dict[str, list[CompiledRule]] = {e: [] for e in EFFECTS}
    for rule in rs.rules:
        adj = settings.rules.get(rule.id)
        if adj is not None and not adj.enabled:
            continue
        level = adj.level if adj is not None and adj.level is not None else rule.level
        triggers: list[CompiledTrigger] = []
        tests: list[str] = []
        for t in rule.when:
            expr = _condition_expr(t.condition, tumour_group, settings.expert_centre_only)
            if expr is not None:
                triggers.append(CompiledTrigger(t.key, t.en, t.nl))
                tests.append(expr)
        if triggers:
            groups[rule.effect].append(
                CompiledRule(
                    rule.id,
                    rule.effect,
                    level,
                    rule.discipline,
                    tuple(triggers),
                    _matcher(tests),
                    rule.outcome_en,
                    rule.outcome_nl,
                )
            )
    minutes = {**rs.minutes, **settings.minutes}
    return CompiledRules(
        hold=tuple(groups["hold"]),
        at_least=tuple(groups["at_least"]),
        fallback=tuple(groups["fallback"]),
        step_up=tuple(groups["step_up"]),
        add_discipline=tuple(groups["add_discipline"]),
        minutes=minutes,
    )


def _matcher(tests: list[str]) -> Matcher:
    """Generate one small Python function per rule from its validated conditions.

    Generated code is what makes 100,000 cases take a fraction of the 5 s budget (a closure
    per test was six times slower). It is safe: field names come from the fixed whitelist
    :data:`CONDITION_FIELDS`, and values were validated as booleans, whole numbers or members
    of fixed sets before they get here, and are written with ``repr``.
    """
    lines = ["def match(c, q, r):", "    h = ()"]
    for i, expr in enumerate(tests):
        if expr == "True":
            lines.append(f"    h += ({i},)")
        else:
            lines.append(f"    if {expr}: h += ({i},)")
    lines.append("    return h")
    namespace: dict[str, Any] = {"__builtins__": {}}
    exec(compile("\n".join(lines), "<triage rule>", "exec"), namespace)
    return namespace["match"]


def _condition_expr(
    cond: Mapping[str, Any], tumour_group: str, expert_centre_only: bool
) -> str | None:
    """A Python expression for one ``if`` table, or ``None`` when it can never match this
    tumour group. Tumour-group fields are decided here, once, so the per-case work is only
    the tests on the case's own data."""
    parts: list[str] = []
    for name, spec in cond.items():
        if name not in CONDITION_FIELDS:  # validated earlier; never generate code from it
            raise ValueError(f"unknown condition field {name!r}")
        if name == "tumour_group":
            if not _choice_matches(tumour_group, spec):
                return None
        elif name == "expert_centre_only":
            if expert_centre_only is not spec:
                return None
        else:
            parts.append(_test_expr(name, spec))
    return " and ".join(parts) if parts else "True"


def _choice_matches(value: str | None, spec: Any) -> bool:
    if isinstance(spec, str):
        return value == spec
    if isinstance(spec, list):
        return value in spec
    op, vals = next(iter(spec.items()))
    return (value in vals) if op == "in" else (value not in vals)


_INT_OP_SYMBOLS = {"eq": "==", "ne": "!=", "ge": ">=", "gt": ">", "le": "<=", "lt": "<"}


def _test_expr(name: str, spec: Any) -> str:
    if name in _RUNTIME_BOOL:
        var = "q" if name == "question" else "r"
        return var if spec is True else f"(not {var})"
    attr = f"c.{name}"
    if name in BOOL_FIELDS:
        return attr if spec is True else f"(not {attr})"
    if name in _CHOICE_FIELDS:
        if isinstance(spec, str):
            return f"{attr} == {spec!r}"
        if isinstance(spec, list):
            return f"{attr} in {tuple(str(x) for x in spec)!r}"
        op, vals = next(iter(spec.items()))
        word = "in" if op == "in" else "not in"
        return f"{attr} {word} {tuple(str(x) for x in vals)!r}"
    # whole numbers; an unrecorded value (null) matches no comparison
    if not isinstance(spec, Mapping):
        return f"{attr} == {int(spec)!r}"
    checks = " and ".join(f"{attr} {_INT_OP_SYMBOLS[op]} {int(x)!r}" for op, x in spec.items())
    return f"({attr} is not None and {checks})"
