"""The bundled examples, pinned: exactly the findings SPEC's worked example documents, and none for the healthy one."""

from __future__ import annotations

import json

from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

EXPECTED = sorted([
    ("A009", "warning", "pulse[1].scores.communication"),
    ("A009", "warning", "pulse[1].scores.priorities"),
    ("A009", "warning", "pulse[3].scores.communication"),
    ("A011", "info", "pulse[3].scores.communication"),
    ("A014", "warning", "tensions[0].status"),
    ("C003", "warning", "milestones[0].decision"),
    ("C006", "info", "governance.comms"),
    ("D002", "warning", "hypotheses[2].test"),
    ("D004", "warning", "hypotheses[0].due"),
    ("D005", "warning", "hypotheses[0].confidence"),
    ("M002", "warning", "metrics[2].due"),
    ("M006", "warning", "partners[0].wants[1]"),
    ("M007", "warning", "metrics[0].readings[3]"),
    ("M009", "warning", "metrics[0].readings[3]"),
    ("M014", "warning", "metrics[2].readings[0]"),
    ("V004", "warning", "values[1].held_by"),
])


def lint_json(cli, *args):
    result = cli("lint", "--format", "json", "--as-of", AS_OF.isoformat(), *args)
    return result, json.loads(result.output)


def test_spec_example_gives_exactly_the_documented_findings(cli):
    result, doc = lint_json(cli, "--show-suppressed", SPEC_EXAMPLE)
    found = doc["files"][0]["findings"]
    active = sorted((f["code"], f["severity"], f["path"]) for f in found if not f["suppressed"])
    assert active == EXPECTED
    suppressed = [(f["code"], f["path"]) for f in found if f["suppressed"]]
    assert suppressed == [("V006", "partners[0].values[2]"), ("V006", "partners[1].values[1]")]
    assert doc["summary"] == {"files": 1, "error": 0, "warning": 14, "info": 2, "suppressed": 2, "baselined": 0,
                              "fixable": 0}
    assert result.exit_code == 0
    assert cli("lint", "--as-of", AS_OF.isoformat(), "--fail-on", "warning", SPEC_EXAMPLE).exit_code == 1


def test_spec_example_findings_point_at_the_lines_its_comments_mark(cli):
    _, doc = lint_json(cli, SPEC_EXAMPLE)
    lines = SPEC_EXAMPLE.read_text().splitlines()
    for f in doc["files"][0]["findings"]:
        assert 1 <= f["line"] <= len(lines)
        assert 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1
        assert f["hint"] and f["message"]
    by_code = {}
    for f in doc["files"][0]["findings"]:
        by_code.setdefault(f["code"], []).append(f["line"])
    # the `lint:` comments sit on these lines of the example
    marked = {code: [i + 1 for i, line in enumerate(lines) if "lint:" in line and f"({code})" in line] for code in by_code}
    for code in ("V004", "A014", "D004", "D005", "C003", "A011"):
        # the finding is on the commented line, or on the key just above it
        assert any(0 <= m - f <= 1 for f in by_code[code] for m in marked[code]), (code, by_code[code], marked[code])


def test_healthy_example_is_clean(cli):
    result, doc = lint_json(cli, "--fail-on", "info", HEALTHY)
    assert doc["files"][0]["findings"] == [] and result.exit_code == 0
