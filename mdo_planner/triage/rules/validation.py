"""Validating a rule-set document: every mistake is collected with its path, then reported
once, naming the file, so an administrator fixes a rule set in one pass, not one error at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mdo_planner.errors import UserError
from mdo_planner.infra.limits import text_problem
from mdo_planner.triage.complexity import BOOL_FIELDS
from mdo_planner.triage.levels import LEVELS
from mdo_planner.triage.rules.model import (
    _CHOICE_FIELDS,
    _CODE_RE,
    _EFFECT_LEVELS,
    _ID_RE,
    _INT_FIELDS,
    _INT_OPS,
    _RUNTIME_BOOL,
    CONDITION_FIELDS,
    DEFAULT_MINUTES,
    EFFECTS,
    FORMAT,
    FORMAT_VERSION,
    MAX_MINUTES,
    Rule,
    RuleAdjustment,
    RuleSet,
    Trigger,
    TumourGroupSettings,
)


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
    # limits as every other document (mdo_planner.infra.limits), so both backends accept it.
    from db.models import TriageRuleSet
    from mdo_planner.infra.limits import column_problem

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
