"""Triage: from a case's complexity data to the MDO level that should discuss it.

Intended purpose: administrative routing. The triage proposes which meeting (hold, noting,
local, regional or supra-regional MDO) discusses a case, never a treatment; every result names
the documented rules that produced it and a clinician confirms or overrides it (see
``mdo_planner.services.triage_service`` and ``docs/triage.md``).
"""

from mdo_planner.triage.complexity import (
    BOOL_FIELDS,
    COMPLEXITY_FLAGS,
    PHASES,
    READINESS_FLAGS,
    STAGES,
    Complexity,
)
from mdo_planner.triage.engine import FiredRule, TriageResult, triage
from mdo_planner.triage.levels import ECHELONS, LEVELS, level_label, level_rank
from mdo_planner.triage.rules import (
    DEFAULT_MINUTES,
    Rule,
    RuleAdjustment,
    RuleSet,
    Trigger,
    TumourGroupSettings,
    default_rule_set,
    dump_rule_set,
    dumps_rule_set,
    load_rule_set,
    loads_rule_set,
    rule_set_from_document,
)

__all__ = [
    "BOOL_FIELDS",
    "COMPLEXITY_FLAGS",
    "DEFAULT_MINUTES",
    "ECHELONS",
    "LEVELS",
    "PHASES",
    "READINESS_FLAGS",
    "STAGES",
    "Complexity",
    "FiredRule",
    "Rule",
    "RuleAdjustment",
    "RuleSet",
    "TriageResult",
    "Trigger",
    "TumourGroupSettings",
    "default_rule_set",
    "dump_rule_set",
    "dumps_rule_set",
    "level_label",
    "level_rank",
    "load_rule_set",
    "loads_rule_set",
    "rule_set_from_document",
    "triage",
]
