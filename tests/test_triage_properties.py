"""Hypothesis properties of the triage that no table of examples can pin down."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from mdo_planner.triage import (
    BOOL_FIELDS,
    COMPLEXITY_FLAGS,
    ECHELONS,
    LEVELS,
    PHASES,
    READINESS_FLAGS,
    STAGES,
    Complexity,
    RuleSet,
    default_rule_set,
    level_rank,
    rule_set_from_document,
    triage,
)

GROUPS = ["BREAST", "LUNG", "SARCOMA", "UPPER_GI", "NEURO", "HAEMATO"]
RAISING_FLAGS = [f for f in COMPLEXITY_FLAGS if f != "standard_of_care"]


def _edited() -> RuleSet:
    doc = copy.deepcopy(default_rule_set().to_document())
    doc["id"], doc["version"] = "edited", 2
    doc["tumour_groups"]["UPPER_GI"] = {"rules": {"R2": {"level": "regional"}}}
    doc["tumour_groups"]["NEURO"] = {"expert_centre_only": True}
    return rule_set_from_document(doc)


RULE_SETS = [default_rule_set(), _edited()]

complexities = st.builds(
    Complexity,
    phase=st.none() | st.sampled_from(PHASES),
    stage=st.none() | st.sampled_from(STAGES),
    previous_echelon=st.none() | st.sampled_from(ECHELONS),
    age=st.none() | st.integers(0, 130),
    who_performance=st.none() | st.integers(0, 4),
    **{name: st.booleans() for name in BOOL_FIELDS},
)
# mostly ready cases, so that the non-hold rules get exercised as much as R0
ready_complexities = st.one_of(
    complexities,
    complexities.map(lambda c: c.with_(pathology_available=True, imaging_available=True)),
)
questions = st.none() | st.text(max_size=40)
rule_sets = st.sampled_from(RULE_SETS)


def _rank(c: Complexity, group: str, question: str | None, rs: RuleSet) -> int:
    return level_rank(triage(c, tumour_group=group, question=question, rules=rs).level)


@given(
    ready_complexities,
    st.sampled_from(RAISING_FLAGS),
    st.sampled_from(GROUPS),
    questions,
    rule_sets,
)
@settings(max_examples=400)
def test_setting_a_complexity_flag_never_lowers_the_level(
    c: Complexity, flag: str, group: str, question: str | None, rs: RuleSet
) -> None:
    without = _rank(c.with_(**{flag: False}), group, question, rs)
    with_flag = _rank(c.with_(**{flag: True}), group, question, rs)
    assert with_flag >= without


@given(
    ready_complexities,
    st.sampled_from(READINESS_FLAGS),
    st.sampled_from(GROUPS),
    questions,
    rule_sets,
)
@settings(max_examples=200)
def test_readiness_flags_only_move_a_case_out_of_hold(
    c: Complexity, flag: str, group: str, question: str | None, rs: RuleSet
) -> None:
    before = triage(c.with_(**{flag: False}), tumour_group=group, question=question, rules=rs)
    after = triage(c.with_(**{flag: True}), tumour_group=group, question=question, rules=rs)
    assert before.level == "hold"
    assert level_rank(after.level) >= level_rank(before.level)


@given(
    ready_complexities,
    st.sampled_from(GROUPS),
    questions,
    questions,
    rule_sets,
    st.dictionaries(
        st.text(min_size=1, max_size=10).filter(lambda k: k not in Complexity.__dataclass_fields__),
        st.text(max_size=20),
        max_size=3,
    ),
)
@settings(max_examples=300)
def test_free_text_never_matters_only_whether_the_question_is_empty(
    c: Complexity, group: str, q1: str | None, q2: str | None, rs: RuleSet, noise: dict[str, Any]
) -> None:
    r1 = triage(c, tumour_group=group, question=q1, rules=rs)
    r2 = triage({**noise, **c.to_dict()}, tumour_group=group, question=q2, rules=rs)
    if bool(q1 and q1.strip()) == bool(q2 and q2.strip()):
        assert r1 == r2
    else:
        assert "hold" in (r1.level, r2.level)


@given(st.none() | ready_complexities, st.sampled_from(GROUPS), questions, rule_sets)
@settings(max_examples=300)
def test_every_result_names_a_documented_rule_that_explains_its_level(
    c: Complexity | None, group: str, question: str | None, rs: RuleSet
) -> None:
    res = triage(c, tumour_group=group, question=question, rules=rs)
    assert res.level in LEVELS
    assert res.fired, "a result without a rule cannot be checked by a clinician"
    ids = {r.id for r in rs.rules}
    assert all(f.id in ids for f in res.fired)
    deciding = {"hold": "hold", "protocol": "fallback"}.get(res.level)
    effects = {f.effect for f in res.fired}
    if deciding:
        assert deciding in effects
    else:
        assert effects & {"at_least", "fallback", "step_up"}
    assert all(f.reason_en and f.reason_nl for f in res.fired)
    assert res.minutes == rs.minutes[res.level]
    assert (res.rule_set_id, res.rule_set_version) == (rs.id, rs.version)


@given(ready_complexities, st.sampled_from(GROUPS), rule_sets)
def test_patient_factors_never_push_above_regional_on_their_own(
    c: Complexity, group: str, rs: RuleSet
) -> None:
    res = triage(c, tumour_group=group, question="q", rules=rs)
    if res.level == "supraregional":
        assert {"at_least"} <= {f.effect for f in res.fired}
