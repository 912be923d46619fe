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

The package keeps one module per concern: :mod:`.model` (the vocabulary and the data),
:mod:`.validation` (document to :class:`RuleSet`), :mod:`.files` (TOML/JSON files and the
shipped default) and :mod:`.compiling` (per-tumour-group predicates); the names below are the
ones the rest of the application imports from ``mdo_planner.triage.rules``.
"""

from mdo_planner.triage.rules.files import (
    MAX_RULE_FILE_BYTES,
    default_rule_set,
    dump_rule_set,
    dumps_rule_set,
    load_rule_set,
    loads_rule_set,
)
from mdo_planner.triage.rules.model import (
    CONDITION_FIELDS,
    DEFAULT_MINUTES,
    EFFECTS,
    FORMAT,
    FORMAT_VERSION,
    MAX_MINUTES,
    CompiledRule,
    CompiledRules,
    CompiledTrigger,
    Matcher,
    Rule,
    RuleAdjustment,
    RuleSet,
    Trigger,
    TumourGroupSettings,
)
from mdo_planner.triage.rules.validation import rule_set_from_document

__all__ = [
    "CONDITION_FIELDS",
    "DEFAULT_MINUTES",
    "EFFECTS",
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_MINUTES",
    "MAX_RULE_FILE_BYTES",
    "CompiledRule",
    "CompiledRules",
    "CompiledTrigger",
    "Matcher",
    "Rule",
    "RuleAdjustment",
    "RuleSet",
    "Trigger",
    "TumourGroupSettings",
    "default_rule_set",
    "dump_rule_set",
    "dumps_rule_set",
    "load_rule_set",
    "loads_rule_set",
    "rule_set_from_document",
]
