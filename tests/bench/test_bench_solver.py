"""Planning engine benchmark: by-hand baseline vs constructive vs CP-SAT, and scaling.

Every figure comes from ``check_plan.py`` (cost, unplanned, late) and from the solve process
itself (wall time, peak memory), each run in its own process so that memory is per run.
The table is printed and written to ``docs/benchmarks.md`` under ``## Planning engine``.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CHECK_PLAN, ROOT, SCENARIOS

RUNNER = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:]); w = time.perf_counter() - t; "
    "print(r.returncode, w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _solve(scn: Path, out: Path, *args: str) -> dict:
    cli = [sys.executable, "-m", "mdo_planner", "solve", str(scn), "--out", str(out), *args]
    res = subprocess.run(
        [sys.executable, "-c", RUNNER, *cli], capture_output=True, text=True, check=True
    )
    rc, wall, rss = res.stdout.strip().splitlines()[-1].split()
    assert rc == "0", res.stderr
    chk = subprocess.run(
        [sys.executable, str(CHECK_PLAN), str(scn), str(out), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    checked = json.loads(chk.stdout)
    assert checked["valid"], checked["violations"][:5]
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert plan["solver"]["objective"] == checked["metrics"]["cost"]
    m = checked["metrics"]
    sol = plan["solver"]
    search = sol.get("search") or {}
    bound = sol["bound"]
    # when the plan first came within 1.05x of the final bound (from the improvement curve)
    t105 = None
    if bound is not None:
        t105 = next((t for t, cost, _b in search.get("history", []) if cost <= 1.05 * bound), None)
    return {
        "cost": m["cost"],
        "bound": bound,
        "unplanned": m["unplanned"],
        "late": m.get("late", 0),
        "wall": float(wall),
        "rss_mb": int(rss) // 1024,
        "search_gap": sol.get("search_gap"),
        "constant": sol.get("constant", 0),
        "rejected": search.get("staffing_rejected", 0),
        "repaired": search.get("staffing_repaired", 0),
        "t105": t105,
    }


def _subset(scn: dict, n_networks: int) -> dict:
    nets = [n["id"] for n in scn["networks"]][:n_networks]
    hosp = {h["id"] for h in scn["hospitals"] if h["network"] in nets}
    out = dict(scn)
    out["networks"] = [n for n in scn["networks"] if n["id"] in nets]
    out["hospitals"] = [h for h in scn["hospitals"] if h["id"] in hosp]
    out["experts"] = [
        dict(e, serves=[h for h in e.get("serves") or [e["hospital"]] if h in hosp])
        for e in scn["experts"]
        if e["hospital"] in hosp
    ]
    out["sessions"] = [s for s in scn["sessions"] if s["hospital"] in hosp]
    out["cases"] = [c for c in scn["cases"] if c["hospital"] in hosp]
    return out


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; shared with other engineers' jobs"
    )


def _write_section(text: str) -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    old = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    head = "## Planning engine"
    if head in old:
        start = old.index(head)
        nxt = old.find("\n## ", start + len(head))
        old = old[:start] + (old[nxt + 1 :] if nxt >= 0 else "")
    doc.write_text(old.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n", encoding="utf-8")


@pytest.mark.bench
@pytest.mark.contract  # the public scenarios
def test_bench_planning_engine(tmp_path: Path) -> None:
    rows = []
    for name, limits in (
        ("tiny-s1", (10, 60)),
        ("regional-s2", (10, 60)),
        ("regional-s4-tight", (10, 60)),
        ("national-s3", (10, 60)),
    ):
        scn = SCENARIOS / f"{name}.json"
        base = json.loads((SCENARIOS / f"{name}.baseline.json").read_text())["metrics"]
        greedy = _solve(scn, tmp_path / "g.json", "--greedy")
        runs = {t: _solve(scn, tmp_path / f"p{t}.json", "--time-limit", str(t)) for t in limits}
        rows.append((name, base, greedy, runs))
        for t, r in runs.items():
            print(
                f"{name}: by-hand {base['cost']} (unplanned {base['unplanned']}), constructive "
                f"{greedy['cost']}, cp-sat {t}s {r['cost']} bound {r['bound']} unplanned "
                f"{r['unplanned']} late {r['late']} wall {r['wall']:.1f}s peak {r['rss_mb']} MB "
                f"search gap {r['search_gap']} constant {r['constant']} staffing rejected "
                f"{r['rejected']} repaired {r['repaired']} to 1.05x bound {r['t105']}"
            )
    one_worker = _solve(
        SCENARIOS / "regional-s2.json", tmp_path / "w1.json", "--time-limit", "10", "--workers", "1"
    )
    print(f"regional-s2 10s --workers 1: {one_worker['cost']} wall {one_worker['wall']:.1f}s")
    replan = _replan(tmp_path)
    print(f"re-plan regional-s2: {replan}")
    national = json.loads((SCENARIOS / "national-s3.json").read_text(encoding="utf-8"))
    growth = []
    for k in (1, 2, 4, 8):
        sub = tmp_path / f"n{k}.json"
        data = _subset(national, k)
        sub.write_text(json.dumps(data), encoding="utf-8")
        g = _solve(sub, tmp_path / "gk.json", "--greedy")
        r = _solve(sub, tmp_path / "pk.json", "--time-limit", "10")
        growth.append((k, len(data["cases"]), g, r))
        print(
            f"{k} networks, {len(data['cases'])} cases: constructive {g['cost']} "
            f"({g['wall']:.1f}s), cp-sat 10s {r['cost']} bound {r['bound']} "
            f"unplanned {r['unplanned']} wall {r['wall']:.1f}s peak {r['rss_mb']} MB"
        )

    def gap(r: dict) -> str:
        return "n/a" if r["bound"] is None else f"{100 * (r['cost'] - r['bound']) / r['cost']:.1f}%"

    def sgap(r: dict) -> str:
        return "n/a" if r["search_gap"] is None else f"{100 * r['search_gap']:.1f}%"

    def t105(r: dict) -> str:
        return "not reached" if r["t105"] is None else f"{r['t105']:.1f} s"

    lines = [
        "## Planning engine",
        "",
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} by `make bench` "
        "(`tests/bench/test_bench_solver.py`) on: " + _machine() + ".",
        "Each run is `mdo-planner solve` in its own process (wall time = whole command: load, "
        "build, solve, write; peak = its maximum resident memory); cost, unplanned and late are "
        "from `../shared/tools/check_plan.py`. `--workers 2` (default). *gap* is (cost - bound) "
        "/ cost; *search gap* leaves the constant (cases no session can take, in cost and bound "
        "alike) out of the division; *limit* is the scenario's published lower bound; "
        "*rejected / repaired*: proposals the staffing rejected, and those the exact staffing "
        "staffed after the constructive staffing failed; *1.05x bound*: when the plan first "
        "cost at most 1.05 x the final bound.",
        "",
        "| scenario | by-hand cost (unpl.) | constructive | time | CP-SAT cost | x limit | bound "
        "| gap | search gap | constant | unplanned | late | rejected / repaired | 1.05x bound "
        "| wall | peak |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, base, greedy, runs in rows:
        limit = json.loads((SCENARIOS / f"{name}.baseline.json").read_text()).get("lower_bound")
        for t, r in runs.items():
            lines.append(
                f"| {name} | {base['cost']} ({base['unplanned']}) | {greedy['cost']} | {t} s | "
                f"{r['cost']} ({r['cost'] / base['cost']:.2f}x) | "
                f"{'n/a' if not limit else format(r['cost'] / limit, '.3f')} | "
                f"{r['bound']} | {gap(r)} | {sgap(r)} | {r['constant']} | "
                f"{r['unplanned']} | {r['late']} | {r['rejected']} / {r['repaired']} | {t105(r)} | "
                f"{r['wall']:.1f} s | {r['rss_mb']} MB |"
            )
    lines += [
        "",
        "Growth with the number of networks (first k networks of national-s3, their hospitals, "
        "experts, sessions and cases; 10 s limit). A subset keeps only the supra-regional "
        "sessions its own expert centres host, so many of its supra-regional cases have no "
        "session at all: compare the rows with each other, not with national-s3.",
        "",
        "| networks | cases | constructive cost | wall | CP-SAT 10 s cost | bound | gap | unplanned "
        "| wall | peak |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for k, n, g, r in growth:
        lines.append(
            f"| {k} | {n} | {g['cost']} | {g['wall']:.1f} s | {r['cost']} | {r['bound']} "
            f"| {gap(r)} | {r['unplanned']} | {r['wall']:.1f} s | {r['rss_mb']} MB |"
        )
    reg10 = rows[1][3][10]
    lines += [
        "",
        f"Workers (regional-s2, 10 s): `--workers 2` (the bound's first pass on one core, "
        f"then the search on both) {reg10['cost']} (bound {reg10['bound']}), `--workers 1` {one_worker['cost']} "
        f"(bound {one_worker['bound']}).",
        "",
        "Re-planning with stability (regional-s2, 10 s per plan): publish a plan, put 10% of its "
        "attending experts (drawn among those attending in week 1, seed 1) on leave for week 1, "
        f"re-plan with the published plan as `previous_plan`: {replan['replan_moved']} cases "
        f"moved (cost {replan['replan_cost']}, unplanned {replan['replan_unplanned']}); "
        f"planning the same from scratch moves {replan['scratch_moved']} "
        f"(cost {replan['scratch_cost']} counting its moves).",
    ]
    lines += ["", _proven_limit("regional-s4-tight", rows[2][3])]
    text = "\n".join(lines)
    print(text)
    _write_section(text)


#: seconds the whole-group relaxations of regional-s4-tight get on their own (both cores)
PROOF_S = 120


def _proven_limit(name: str, runs: dict) -> str:
    """The scenario's relaxation solved per tumour group with time of its own: a bound no
    plan can beat, set against the issue's target of 1.05 x the published limit (which drops
    the weekly limits and overlaps, so it is lower)."""
    from mdo_planner.contract_io.scenario import load_scenario
    from mdo_planner.planning.adapter import scenario_to_problem
    from solver.bound import prove_group_bounds
    from solver.instance import build_instance

    prepared = scenario_to_problem(load_scenario(SCENARIOS / f"{name}.json"))
    t0 = time.perf_counter()
    proven = prove_group_bounds(build_instance(prepared.problem), PROOF_S)
    wall = time.perf_counter() - t0
    total = sum(v for v, _ in proven.values()) + prepared.offset
    limit = json.loads((SCENARIOS / f"{name}.baseline.json").read_text())["lower_bound"]
    target = 1.05 * limit
    optimal = sorted(g for g, (_, ok) in proven.items() if ok)
    open_ = ", ".join(f"{g} {v}" for g, (v, ok) in sorted(proven.items()) if not ok) or "none"
    best = min(r["cost"] for r in runs.values())
    print(f"{name}: proven limit {total} in {wall:.0f} s; target {target:.0f}")
    return (
        f"Proven limit of {name}: the relaxation solved per tumour group with "
        f"`solver.bound.prove_group_bounds` ({PROOF_S} s budget, {wall:.0f} s used, both cores) "
        f"gives **{total}**, {len(optimal)} of {len(proven)} groups to optimality (not proven "
        f"optimal: {open_}). Every valid plan costs at least that, so the target of 1.05 x the "
        f"published limit ({limit}) = {target:.0f} "
        f"{'cannot be reached by any plan' if total > target else 'is reachable in principle'}"
        f"; the best plan above costs {best} = {best / total:.3f} x the proven limit."
    )


def _replan(tmp_path: Path) -> dict:
    """Publish, take 10% of the attending experts away in week 1, re-plan vs from scratch."""
    import random

    scn_path = SCENARIOS / "regional-s2.json"
    scn = json.loads(scn_path.read_text(encoding="utf-8"))
    _solve(scn_path, tmp_path / "pub.json", "--time-limit", "10")
    pub = json.loads((tmp_path / "pub.json").read_text(encoding="utf-8"))
    scn["previous_plan"] = [
        {"case": a["case"], "session": a["session"]} for a in pub["assignments"]
    ]
    dates = {s["id"]: s["date"] for s in scn["sessions"]}
    week1 = sorted(
        {e for a in pub["attendance"] if dates[a["session"]] <= "2027-01-10" for e in a["experts"]}
    )
    attending = {e for a in pub["attendance"] for e in a["experts"]}
    experts = {e["id"]: e for e in scn["experts"]}
    for eid in random.Random(1).sample(week1, len(attending) // 10):
        experts[eid]["unavailable"] = [
            *(experts[eid].get("unavailable") or []),
            {"from": "2027-01-04", "to": "2027-01-10"},
        ]
    with_prev = tmp_path / "replan-scn.json"
    with_prev.write_text(json.dumps(scn), encoding="utf-8")
    re = _solve(with_prev, tmp_path / "re.json", "--time-limit", "10")
    scratch = dict(scn)
    scratch.pop("previous_plan")
    scratch_path = tmp_path / "scratch-scn.json"
    scratch_path.write_text(json.dumps(scratch), encoding="utf-8")
    _solve(scratch_path, tmp_path / "scratch.json", "--time-limit", "10")
    plan = json.loads((tmp_path / "scratch.json").read_text(encoding="utf-8"))
    plan["solver"]["objective"] = None  # judged against the scenario with the published plan
    (tmp_path / "scratch.json").write_text(json.dumps(plan), encoding="utf-8")
    chk = subprocess.run(
        [sys.executable, str(CHECK_PLAN), str(with_prev), str(tmp_path / "scratch.json"), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    sm = json.loads(chk.stdout)["metrics"]
    chk = subprocess.run(
        [sys.executable, str(CHECK_PLAN), str(with_prev), str(tmp_path / "re.json"), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    rm = json.loads(chk.stdout)["metrics"]
    return {
        "replan_moved": rm.get("moved", 0),
        "replan_cost": re["cost"],
        "replan_unplanned": re["unplanned"],
        "scratch_moved": sm.get("moved", 0),
        "scratch_cost": sm["cost"],
    }
