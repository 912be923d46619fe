"""Benchmark: triage of 100,000 cases must take under 5 s (issue #3).

Measures the whole per-case work a caller does: validating the contract ``complexity``
object and triaging it, on 100,000 seeded random cases (a realistic mix: ~90% ready, a few
flags each), with the rule set compiled once as in production. Prints the figures; the target
is checked by reading them, never by a timed assert.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from typing import Any

import pytest

from mdo_planner.triage import (
    BOOL_FIELDS,
    ECHELONS,
    PHASES,
    STAGES,
    Complexity,
    default_rule_set,
    triage,
)

N = 100_000
GROUPS = [
    "BREAST",
    "COLORECTAL",
    "LUNG",
    "URO",
    "GYN",
    "UPPER_GI",
    "SKIN",
    "HAEMATO",
    "HEAD_NECK",
    "NEURO",
    "SARCOMA",
]


def _cases(n: int, seed: int = 3) -> list[tuple[dict[str, Any], str, str]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        d: dict[str, Any] = {name: rnd.random() < 0.08 for name in BOOL_FIELDS}
        d["pathology_available"] = rnd.random() < 0.95
        d["imaging_available"] = rnd.random() < 0.95
        d["phase"] = rnd.choice(PHASES)
        d["stage"] = rnd.choice((*STAGES, None))
        d["previous_echelon"] = rnd.choice((*ECHELONS, None, None, None))
        d["age"] = rnd.randint(18, 95)
        d["who_performance"] = rnd.randint(0, 4)
        question = "" if rnd.random() < 0.03 else "Treatment plan?"
        out.append((d, rnd.choice(GROUPS), question))
    return out


@pytest.mark.bench
def test_bench_triage_100k() -> None:
    cases = _cases(N)
    rules = default_rule_set()
    objects = [(Complexity.from_dict(d), g, q) for d, g, q in cases]

    t0 = time.perf_counter()
    results = [triage(d, tumour_group=g, question=q, rules=rules) for d, g, q in cases]
    with_validation = time.perf_counter() - t0

    t0 = time.perf_counter()
    for c, g, q in objects:
        triage(c, tumour_group=g, question=q, rules=rules)
    engine_only = time.perf_counter() - t0

    t0 = time.perf_counter()
    for r in results:
        r.to_json()
    to_json = time.perf_counter() - t0

    levels = Counter(r.level for r in results)
    print(
        f"\ntriage of {N:,} cases (dict -> validated Complexity -> result): "
        f"{with_validation:.2f} s ({with_validation / N * 1e6:.1f} us/case)"
    )
    print(
        f"triage of {N:,} cases (Complexity objects, engine only): {engine_only:.2f} s "
        f"({engine_only / N * 1e6:.1f} us/case)"
    )
    print(f"to_json of {N:,} results: {to_json:.2f} s")
    print("levels:", dict(sorted(levels.items())))
    assert sum(levels.values()) == N
