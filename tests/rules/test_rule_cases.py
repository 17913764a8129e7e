"""Data-driven rule tests: every rule has YAML cases that must fire and near-misses that must not.

A case file ``cases/<CODE>.yaml`` holds::

    rule: D005
    cases:
      - name: a gap of exactly 0.3 fires           # what the case shows
        set: {"hypotheses[0].confidence": {northwind: 0.8, unilab: 0.5}}
        remove: ["hypotheses[1]"]                  # optional: data paths to delete
        as_of: 2026-11-15                          # optional (default 2026-11-15)
        thresholds: {confidence-gap: 0.5}          # optional overrides
        expect: 1                                  # how many findings of this rule
        paths: ["hypotheses[0].confidence"]        # optional: their data paths (any order)
        messages: ["0.8", "0.5"]                   # optional: words every message contains

Each case starts from ``base.yaml`` beside this file (the healthy example),
which produces no finding at all.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from partnerkit.lint.engine import lint_bytes
from partnerkit.findings.config import Settings
from partnerkit.rules import all_rules, thresholds as default_thresholds
from tests.generated import yaml_text

HERE = Path(__file__).parent
_yaml = YAML(typ="safe")  # the C loader where it is installed
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> list:
    return [int(i) if i else k for k, i in _PART.findall(path)]


def set_path(data, path: str, value) -> None:
    parts = parse_path(path)
    node = data
    for part in parts[:-1]:
        if isinstance(part, str) and part not in node:
            node[part] = {}
        node = node[part]
    last = parts[-1]
    if isinstance(last, int) and last == len(node):
        node.append(value)
    else:
        node[last] = value


def remove_path(data, path: str) -> None:
    parts = parse_path(path)
    node = data
    for part in parts[:-1]:
        node = node[part]
    del node[parts[-1]]


def dump(data) -> bytes:
    return yaml_text(data, flow=False).encode()


BASE = _yaml.load((HERE.parent.parent / "examples" / "healthy.charter.yaml").read_text())


def load_cases():
    for file in sorted((HERE / "cases").glob("*.yaml")):
        doc = _yaml.load(file.read_text())
        for i, case in enumerate(doc["cases"]):
            yield pytest.param(doc["rule"], case, id=f"{file.stem}-{i}-{case['name'][:40]}")


def run_case(rule: str, case: dict):
    data = copy.deepcopy(BASE)
    for path in case.get("remove", []):
        remove_path(data, path)
    for path, value in (case.get("set") or {}).items():
        set_path(data, path, value)
    as_of = case.get("as_of", date(2026, 11, 15))
    thresholds = dict(default_thresholds(), **(case.get("thresholds") or {}))
    result = lint_bytes(dump(data), "case.yaml", Settings(thresholds=thresholds), as_of)
    return result


@pytest.mark.parametrize("rule,case", list(load_cases()))
def test_rule_case(rule, case):
    result = run_case(rule, case)
    errors = [f for f in result.findings if f.code[0] == "E" and f.code != rule]
    assert not errors, f"case does not load cleanly: {[(f.code, f.message) for f in errors]}"
    got = [f for f in result.findings if f.code == rule]
    summary = [(f.path_str, f.message) for f in got]
    assert len(got) == case["expect"], summary
    if "paths" in case:
        assert sorted(f.path_str for f in got) == sorted(case["paths"]), summary
    for word in case.get("messages", []):
        assert all(word in f.message for f in got), summary


def test_base_charter_is_clean():
    result = lint_bytes(dump(BASE), "base.yaml", Settings(), date(2026, 11, 15))
    assert [(f.code, f.message) for f in result.findings] == []


def test_every_checked_rule_has_cases():
    have = {p.stem for p in (HERE / "cases").glob("*.yaml")}
    missing = [r.code for r in all_rules() if r.check is not None and r.code not in have]
    assert not missing, f"rules without YAML cases: {missing}"
