"""The rule-set vocabulary and its data: effects, condition fields, rules, tumour-group settings.

A :class:`RuleSet` is the validated document (see :mod:`.validation`); its per-tumour-group
compiled form (:class:`CompiledRules`) is built by :mod:`.compiling` and cached on the set.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from mdo_planner.triage.complexity import (
    BOOL_FIELDS,
    MAX_AGE,
    PHASES,
    STAGES,
    WHO_RANGE,
    Complexity,
)
from mdo_planner.triage.levels import ECHELONS
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
            from mdo_planner.triage.rules.compiling import _compile

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
