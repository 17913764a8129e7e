"""The JSON Schema editors use: a description on every property, valid draft-07, and as strict as lint."""

from __future__ import annotations

import copy
import json
from datetime import date

import jsonschema
import pytest

from partnerkit.api import Options, lint_text
from partnerkit.model.schema import charter_schema
from tests.conftest import AS_OF, HEALTHY


def healthy_data() -> dict:
    from partnerkit.load.yamlload import load_yaml

    return load_yaml(HEALTHY.read_text(encoding="utf-8")).data


def properties(node, where="#"):
    """Every (place, property schema) in the schema."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}/{name}", prop
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{where}/{i}")


def test_every_property_has_a_description():
    missing = [where for where, prop in properties(charter_schema()) if not prop.get("description")]
    assert missing == []
    for name, definition in charter_schema()["definitions"].items():
        assert definition.get("description"), name


def test_valid_against_the_draft7_metaschema():
    schema = charter_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_descriptions_sit_beside_no_ref():
    """Draft-07 ignores a `$ref`'s siblings: a description beside one would be lost to some editors."""
    text = json.dumps(charter_schema())
    for where, prop in properties(charter_schema()):
        assert not ("$ref" in prop and len(prop) > 1), where
    assert "$defs" not in text


def as_json(value):
    """What a JSON-based editor sees: an unquoted YAML date is a string."""
    return json.loads(json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, date) else str(v)))


# (data path, value, valid?) - both lint and the schema must give the same verdict
TABLE = [
    (("horizon_months",), 36, True), (("horizon_months",), "36", False), (("horizon_months",), 36.0, True),
    (("horizon_months",), 36.5, False), (("horizon_months",), True, False), (("horizon_months",), 0, False),
    (("metrics", 0, "target"), 12.5, True), (("metrics", 0, "target"), 12, True),
    (("metrics", 0, "target"), "12.5", False), (("metrics", 0, "target"), False, False),
    (("metrics", 0, "target"), None, True),
    (("governance", "feedback", "anonymous"), True, True), (("governance", "feedback", "anonymous"), "true", False),
    (("governance", "feedback", "anonymous"), "yes", False), (("governance", "feedback", "anonymous"), 1, False),
    (("started",), date(2026, 1, 15), True), (("started",), "2026-01-15", True),
    (("started",), "2026-13-01", False), (("started",), "2026-02-30", False), (("started",), "15/01/2026", False),
    (("started",), 20260115, False), (("started",), "2026-01-15T10:00:00", False),
    (("title",), 2026, False), (("title",), "", False), (("title",), "Northwind", True),
    (("hypotheses", 0, "confidence", "northwind"), 0.7, True),
    (("hypotheses", 0, "confidence", "northwind"), 1.5, False),
    (("hypotheses", 0, "confidence", "northwind"), "0.7", False),
    (("pulse", 0, "responses"), 12, True), (("pulse", 0, "responses"), "12", False), (("pulse", 0, "responses"), 0, False),
    (("partners", 0, "id"), "North Wind", False), (("partners", 0, "id"), "north-wind", True),
    (("x-budget",), {"eur": 40000}, True), (("partners", 0, "notes"), "met in Lyon", True),
    (("partners", 0, "x-crm"), "A-17", True), (("budget",), 40000, False),
    (("metrics", 0, "readings", 0, "on"), date(2026, 8, 31), False),
    (("lint",), {"ignore": {"V006": "agreed yearly"}}, True), (("lint",), {"ignore": {"V006": ""}}, False),
]


def patched(path, value):
    data = copy.deepcopy(healthy_data())
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def lint_says_valid(data) -> bool:
    from tests.generated import yaml_text

    result = lint_text(yaml_text(data), "c.charter.yaml", Options(as_of=AS_OF))
    return not [f for f in result.active if f.code in ("E001", "E002", "E006")]


@pytest.mark.parametrize("path,value,valid", TABLE, ids=[f"{'.'.join(map(str, p))}={v!r}" for p, v, _ in TABLE])
def test_lint_and_the_schema_agree(path, value, valid):
    data = patched(path, value)
    validator = jsonschema.Draft7Validator(charter_schema(), format_checker=jsonschema.FormatChecker())
    assert (not list(validator.iter_errors(as_json(data)))) == valid, "schema"
    assert lint_says_valid(data) == valid, "lint"
