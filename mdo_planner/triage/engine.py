"""The triage engine: complexity data in, a recommended level with its reasons out.

The engine only routes: it proposes which meeting discusses a case, never a treatment, and
every level it returns names the documented rules that produced it, so that a clinician can
check the reasoning and override it. It reads nothing but the complexity data, whether the
case has a question, and the tumour group; free text never changes the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mdo_planner.triage.complexity import Complexity
from mdo_planner.triage.levels import ECHELONS, LEVELS, level_label
from mdo_planner.triage.rules import CompiledRule, RuleSet, default_rule_set

_RANK = {level: i for i, level in enumerate(LEVELS)}
_EMPTY = Complexity()


@dataclass(frozen=True, slots=True)
class FiredRule:
    """A rule that fired, with the sentence a secretary reads in English and Dutch."""

    id: str
    effect: str
    triggers: tuple[str, ...]
    reason_en: str
    reason_nl: str

    def reason(self, lang: str = "en") -> str:
        """The sentence in ``lang`` (``"en"`` or ``"nl"``; anything else gives English)."""
        return self.reason_nl if lang == "nl" else self.reason_en

    def to_record(self) -> dict[str, Any]:
        """Stored with the case, so the reasons shown later are the ones given at the time."""
        return {
            "id": self.id,
            "effect": self.effect,
            "triggers": list(self.triggers),
            "reason_en": self.reason_en,
            "reason_nl": self.reason_nl,
        }


@dataclass(frozen=True, slots=True)
class TriageResult:
    """A recommendation: level, the rules that fired, extra disciplines and suggested minutes."""

    level: str
    fired: list[FiredRule]
    extra_disciplines: list[str]
    minutes: int
    rule_set_id: str
    rule_set_version: int
    missing: list[str] = field(default_factory=list)

    @property
    def planned(self) -> bool:
        """Whether the level is an echelon, i.e. the case gets discussion time in a session."""
        return self.level in ECHELONS

    @property
    def rule_ids(self) -> list[str]:
        return [f.id for f in self.fired]

    def reasons(self, lang: str = "en") -> list[str]:
        return [f.reason(lang) for f in self.fired]

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The per-case object printed by ``mdo-planner triage``."""
        return {
            "level": self.level,
            "rules": [{"id": f.id, "reason": f.reason(lang)} for f in self.fired],
            "extra_disciplines": list(self.extra_disciplines),
            "minutes": self.minutes,
        }


def triage(
    complexity: Complexity | Mapping[str, Any] | None,
    *,
    tumour_group: str,
    question: str | None,
    rules: RuleSet | None = None,
) -> TriageResult:
    """Recommend the level of one case.

    ``complexity`` may be a :class:`Complexity`, a contract ``complexity`` object (validated;
    a mistake raises :class:`~mdo_planner.errors.UserError` with its JSON path) or ``None``
    when no complexity data was recorded (the case is then on hold until it is).
    ``question`` counts only as present or empty: its wording never changes the result.
    """
    rs = rules if rules is not None else default_rule_set()
    if complexity is None:
        c, recorded = _EMPTY, False
    elif isinstance(complexity, Complexity):
        c, recorded = complexity, True
    else:
        c, recorded = Complexity.from_dict(complexity), True
    has_question = bool(question and question.strip())
    comp = rs.compiled(tumour_group)

    fired: list[FiredRule] = []
    missing: list[str] = []
    level = ""
    for rule in comp.hold:
        hits = rule.match(c, has_question, recorded)
        if hits:
            fired.append(_fired(rule, hits, "hold"))
            missing.extend(rule.triggers[i].key for i in hits)
            level = "hold"
    if not level:
        rank = -1
        for rule in comp.at_least:
            hits = rule.match(c, has_question, recorded)
            if hits:
                lvl = rule.level or "local"
                fired.append(_fired(rule, hits, lvl))
                if _RANK[lvl] > rank:
                    rank, level = _RANK[lvl], lvl
        if not level:
            for rule in comp.fallback:
                hits = rule.match(c, has_question, recorded)
                if hits:
                    level = rule.level or "local"
                    fired.append(_fired(rule, hits, level))
                    break
            else:  # pragma: no cover - validation demands a catch-all fallback rule
                raise AssertionError(f"rule set {rs.id} v{rs.version} has no catch-all fallback")
        for rule in comp.step_up:
            hits = rule.match(c, has_question, recorded)
            if hits:
                before = _RANK[level]
                ceiling = _RANK[rule.level or "regional"]
                after = max(before, min(before + 1, ceiling))
                level = LEVELS[after]
                fired.append(_fired(rule, hits, ("up" if after > before else "same", level)))

    extra: list[str] = []
    for rule in comp.add_discipline:
        hits = rule.match(c, has_question, recorded)
        if hits:
            fired.append(_fired(rule, hits, ""))
            d = rule.discipline or ""
            if d not in extra:
                extra.append(d)
    return TriageResult(
        level=level,
        fired=fired,
        extra_disciplines=extra,
        minutes=comp.minutes[level],
        rule_set_id=rs.id,
        rule_set_version=rs.version,
        missing=missing,
    )


def _fired(rule: CompiledRule, hits: tuple[int, ...], outcome: Any) -> FiredRule:
    """The fired rule with its sentences, built once per combination and then reused."""
    key = (hits, outcome)
    f = rule.cache.get(key)
    if f is None:
        f = _build_fired(rule, hits, outcome)
        if len(rule.cache) > 4096:  # bounded: rules with many triggers have many combinations
            rule.cache.clear()
        rule.cache[key] = f
    return f


def _build_fired(rule: CompiledRule, hits: tuple[int, ...], outcome: Any) -> FiredRule:
    """``"R3: recurrence, trial candidate — regional MDO"``; equal phrases are said once."""
    if rule.effect == "hold":
        out_en, out_nl = level_label("hold"), level_label("hold", "nl")
    elif rule.effect == "step_up":
        change, level = outcome
        if change == "up":
            out_en = f"one level up: {level_label(level)}"
            out_nl = f"één niveau hoger: {level_label(level, 'nl')}"
        else:
            out_en = f"no change, already {level_label(level)}"
            out_nl = f"geen wijziging, al {level_label(level, 'nl')}"
    elif rule.effect == "add_discipline":
        d = rule.discipline or ""
        out_en = rule.outcome_en or f"{d} added"
        out_nl = rule.outcome_nl or f"{d} toegevoegd"
    else:
        out_en, out_nl = level_label(outcome), level_label(outcome, "nl")
    triggers = [rule.triggers[i] for i in hits]
    en = ", ".join(dict.fromkeys(t.en for t in triggers))
    nl = ", ".join(dict.fromkeys(t.nl for t in triggers))
    return FiredRule(
        id=rule.id,
        effect=rule.effect,
        triggers=tuple(t.key for t in triggers),
        reason_en=f"{rule.id}: {en} — {out_en}",
        reason_nl=f"{rule.id}: {nl} — {out_nl}",
    )
