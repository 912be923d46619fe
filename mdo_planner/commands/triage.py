"""``mdo-planner triage CASES.json [--rules RULES.toml]``: recommend the MDO level of cases.

Reads a JSON list of contract cases, or a whole scenario, and prints one JSON object keyed by
case id. It is the same engine the desktop app and the planner use, so a network can check an
edited rule set against a batch of real registrations before it imports the rule set.
Nothing is written anywhere: this is a dry run of the routing, safe on any file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from mdo_planner.errors import UserError
from mdo_planner.infra import config
from mdo_planner.triage import Complexity, RuleSet, default_rule_set, load_rule_set, triage

MAX_ERRORS = 20


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``triage`` sub-command."""
    p = subparsers.add_parser(
        "triage",
        help="recommend the MDO level (hold/protocol/local/regional/supraregional) of cases",
        description="Recommend the MDO level of each case from its complexity data and print "
        "{case id: {level, rules, extra_disciplines, minutes}} as JSON. Administrative "
        "routing only: a clinician confirms or overrides every recommendation.",
    )
    p.add_argument(
        "cases",
        metavar="CASES.json",
        type=Path,
        help="a JSON list of contract cases, or a scenario",
    )
    p.add_argument(
        "--rules",
        metavar="RULES.toml",
        type=Path,
        help="rule set (.toml or .json; default: the site configuration's "
        "triage.rules_file, else the built-in default rule set v1)",
    )
    p.add_argument(
        "--lang", choices=("en", "nl"), default="en", help="language of the reasons (default: en)"
    )
    p.set_defaults(func=handler)


def handler(ns: argparse.Namespace) -> int:
    rules = _rule_set(ns.rules)
    cases = read_cases(ns.cases)
    out = {
        cid: triage(c, tumour_group=tg, question=q, rules=rules).to_json(ns.lang)
        for cid, tg, q, c in cases
    }
    text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head`: the reader has what it wanted
        sys.stdout = None  # no second error at interpreter exit
    return 0


def _rule_set(path: Path | None) -> RuleSet:
    if path is not None:
        return load_rule_set(path)
    site = config.load_site_config()
    if site.rules_file is not None:
        return load_rule_set(site.rules_file)
    return default_rule_set()


def read_cases(path: Path) -> list[tuple[str, str, str | None, Complexity | None]]:
    """``(id, tumour group, question, complexity)`` of every case in a case list or scenario.

    Everything is validated before anything is triaged, so a bad file gives its errors (each
    with its JSON path) and no partial output.
    """
    from mdo_planner.contract_io.scenario import parse_json, validate_scenario
    from mdo_planner.infra.limits import read_input

    raw = read_input(path, "JSON file of cases")
    data = parse_json(raw, path.name)
    if isinstance(data, dict) and "cases" in data and "format" in data:
        if isinstance(data["cases"], list):
            # Complexity first, so its mistakes are reported with their plain JSON paths.
            _case_complexities(data["cases"], path.name)
        scenario = validate_scenario(data, source=path.name)
        return [
            (
                c["id"],
                c["tumour_group"],
                c.get("question"),
                Complexity.from_dict(c["complexity"], f"$.cases[{i}].complexity")
                if c.get("complexity") is not None
                else None,
            )
            for i, c in enumerate(scenario["cases"])
        ]
    if not isinstance(data, list):
        raise UserError(
            f"{path.name}: $: expected a list of cases or a scenario object "
            '(with "format" and "cases")'
        )
    return _case_list(data, path.name)


def _case_complexities(cases: list[Any], source: str) -> None:
    errors: list[str] = []
    for i, case in enumerate(cases):
        raw = case.get("complexity") if isinstance(case, dict) else None
        if raw is not None:
            try:
                Complexity.from_dict(raw, f"$.cases[{i}].complexity")
            except UserError as exc:
                errors.extend(str(exc).splitlines())
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise UserError(f"{source}: invalid cases:\n  " + "\n  ".join(errors[:MAX_ERRORS]))


def _case_list(
    data: list[Any], source: str
) -> list[tuple[str, str, str | None, Complexity | None]]:
    errors: list[str] = []
    seen: dict[str, int] = {}
    out: list[tuple[str, str, str | None, Complexity | None]] = []
    for i, case in enumerate(data):
        if len(errors) >= MAX_ERRORS:
            break
        p = f"$[{i}]"
        if not isinstance(case, dict):
            errors.append(f"{p}: expected a case object")
            continue
        cid = case.get("id")
        if not isinstance(cid, str) or not cid.strip():
            errors.append(f"{p}.id: expected a non-empty text")
            continue
        if cid in seen:
            errors.append(f"{p}.id: duplicate case id {cid!r} (also at $[{seen[cid]}])")
            continue
        seen[cid] = i
        tg = case.get("tumour_group")
        if not isinstance(tg, str) or not tg.strip():
            errors.append(f"{p}.tumour_group: expected a tumour group code")
            continue
        q = case.get("question")
        if q is not None and not isinstance(q, str):
            errors.append(f"{p}.question: expected a text or null")
            continue
        raw = case.get("complexity")
        complexity = None
        if raw is not None:
            try:
                complexity = Complexity.from_dict(raw, f"{p}.complexity")
            except UserError as exc:
                errors.extend(str(exc).splitlines())
                continue
        out.append((cid, tg, q, complexity))
    if errors:
        shown = errors[:MAX_ERRORS]
        raise UserError(f"{source}: invalid cases:\n  " + "\n  ".join(shown))
    return out
