"""The complexity data of a case, exactly as the planning contract defines it.

The triage decides which meeting discusses a case from these fields only (plus whether the
case has a question at all and its tumour group). They arrive from other hospitals' systems
and hand-made JSON files, so :meth:`Complexity.from_dict` validates every field and reports
the JSON path of each mistake instead of guessing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from mdo_planner.errors import UserError
from mdo_planner.triage.levels import ECHELONS

PHASES: tuple[str, ...] = (
    "pre_treatment",
    "post_operative",
    "recurrence",
    "palliative",
    "follow_up",
)
STAGES: tuple[str, ...] = ("0", "I", "II", "III", "IV")

#: Readiness: without these the case cannot be listed (rule R0 of the default rule set).
READINESS_FLAGS: tuple[str, ...] = ("pathology_available", "imaging_available")
#: Every other yes/no field of the contract, in contract order.
COMPLEXITY_FLAGS: tuple[str, ...] = (
    "rare_tumour",
    "rare_molecular_alteration",
    "second_opinion",
    "no_consensus_previous",
    "centralised_procedure",
    "recurrence",
    "metastatic",
    "curative_options",
    "multimodal",
    "discordant_findings",
    "guideline_deviation",
    "trial_candidate",
    "frailty",
    "cognitive_impairment",
    "significant_comorbidity",
    "previous_treatment_failure",
    "psychosocial_issues",
    "conflicting_preference",
    "hereditary_suspected",
    "standard_of_care",
)
BOOL_FIELDS: tuple[str, ...] = READINESS_FLAGS + COMPLEXITY_FLAGS

MAX_AGE = 130
#: WHO (ECOG) performance status of a living patient: 0 (fully active) to 4 (bedbound).
WHO_RANGE = (0, 4)


@dataclass(frozen=True, slots=True)
class Complexity:
    """One case's complexity data; missing yes/no fields are ``False`` (contract rule)."""

    phase: str | None = None
    stage: str | None = None
    pathology_available: bool = False
    imaging_available: bool = False
    rare_tumour: bool = False
    rare_molecular_alteration: bool = False
    second_opinion: bool = False
    no_consensus_previous: bool = False
    previous_echelon: str | None = None
    centralised_procedure: bool = False
    recurrence: bool = False
    metastatic: bool = False
    curative_options: bool = False
    multimodal: bool = False
    discordant_findings: bool = False
    guideline_deviation: bool = False
    trial_candidate: bool = False
    frailty: bool = False
    cognitive_impairment: bool = False
    significant_comorbidity: bool = False
    previous_treatment_failure: bool = False
    psychosocial_issues: bool = False
    conflicting_preference: bool = False
    hereditary_suspected: bool = False
    age: int | None = None
    who_performance: int | None = None
    standard_of_care: bool = False

    @classmethod
    def from_dict(cls, data: Any, path: str = "$.complexity") -> Complexity:
        """Validate a contract ``complexity`` object; unknown extra keys are ignored.

        All mistakes of the object are reported together, each with its JSON path, so that a
        secretary fixing a registration does not have to re-run the import once per typo.
        """
        if not isinstance(data, Mapping):
            raise UserError(
                f"{path}: expected an object with the case's complexity data, "
                f"got {_json_type(data)}"
            )
        get = data.get
        obj = object.__new__(cls)
        errors: list[str] | None = None
        for name in BOOL_FIELDS:
            v = get(name)
            if v is True or v is False:
                _set(obj, name, v)
            elif v is None:
                _set(obj, name, False)
            else:
                errors = errors or []
                errors.append(f"{path}.{name}: expected true or false, got {_show(v)}")
        for name, allowed in _CHOICES:
            v = get(name)
            if v is None or (type(v) is str and v in allowed):
                _set(obj, name, v)
            else:
                errors = errors or []
                errors.append(
                    f"{path}.{name}: expected one of {', '.join(sorted_choices(name))} "
                    f"or null, got {_show(v)}"
                )
        for name, lo, hi in _INTS:
            v = get(name)
            if v is None or (type(v) is int and lo <= v <= hi):
                _set(obj, name, v)
            else:
                errors = errors or []
                errors.append(
                    f"{path}.{name}: expected a whole number from {lo} to {hi} or "
                    f"null, got {_show(v)}"
                )
        if errors:
            raise UserError("\n".join(errors))
        return obj

    def to_dict(self) -> dict[str, Any]:
        """The contract object, every field present (nulls included)."""
        return asdict(self)

    def with_(self, **changes: Any) -> Complexity:
        """A copy with some fields changed (what-if views and tests)."""
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d.update(changes)
        return Complexity(**d)


def _json_type(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "a boolean"
    if isinstance(v, int | float):
        return "a number"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, list):
        return "a list"
    return type(v).__name__


def _show(v: Any) -> str:
    text = repr(v) if not isinstance(v, str) else f'"{v}"'
    return text if len(text) <= 40 else text[:37] + "..."


#: Bypasses the frozen dataclass's __init__ when validating: every field is set exactly once
#: below, and skipping 27 keyword arguments halves the cost of reading 100,000 cases.
_set = object.__setattr__
_CHOICE_VALUES: dict[str, tuple[str, ...]] = {
    "phase": PHASES,
    "stage": STAGES,
    "previous_echelon": ECHELONS,
}
_CHOICES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (name, frozenset(values)) for name, values in _CHOICE_VALUES.items()
)
_INTS: tuple[tuple[str, int, int], ...] = (("age", 0, MAX_AGE), ("who_performance", *WHO_RANGE))


def sorted_choices(name: str) -> tuple[str, ...]:
    """The allowed values of a text field, in contract order (for messages)."""
    return _CHOICE_VALUES[name]
