"""Accountable suppressions: lint.ignore with reasons and expiry, line comments, S001 and S002."""

from __future__ import annotations

import json

from tests.conftest import AS_OF, SPEC_EXAMPLE


def lint(cli, path, *args):
    result = cli("lint", "--format", "json", "--as-of", AS_OF.isoformat(), *args, path)
    return result, json.loads(result.output)


def findings(doc):
    return [f for file in doc["files"] for f in file["findings"]]


V006_LINE = "    V006: Each partner's own values were discussed on 2026-02-10; only the shared ones were adopted."


def example_with(tmp_path, *replacements):
    """The SPEC example with ``(old, new)`` text replacements, written to a temporary charter."""
    text = SPEC_EXAMPLE.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "charter.yaml"
    path.write_text(text)
    return path


def test_example_suppresses_two_v006(cli):
    result, doc = lint(cli, SPEC_EXAMPLE, "--show-suppressed")
    hidden = [f for f in findings(doc) if f["suppressed"]]
    assert [f["code"] for f in hidden] == ["V006", "V006"]
    assert all(f["suppression"]["reason"].startswith("Each partner's own values") for f in hidden)
    assert doc["summary"]["suppressed"] == 2


def test_suppressed_hidden_by_default_but_counted(cli):
    result, doc = lint(cli, SPEC_EXAMPLE)
    assert not [f for f in findings(doc) if f["suppressed"]]
    text = cli("lint", "--as-of", AS_OF.isoformat(), SPEC_EXAMPLE).output
    assert "2 suppressed" in text


def test_comment_suppresses_on_its_line(tmp_path, cli):
    path = example_with(tmp_path, (
        "confidence: {acme: 0.8, globex: 0.4}   # lint: partners disagree (D005)",
        "confidence: {acme: 0.8, globex: 0.4}   # partnerkit: ignore[D005] Globex re-estimates after the back-test"))
    _, doc = lint(cli, path, "--show-suppressed")
    d005 = [f for f in findings(doc) if f["code"] == "D005"]
    assert len(d005) == 1 and d005[0]["suppressed"] and d005[0]["suppression"]["by"] == "comment"


def test_unused_comment_and_ignore_are_s001(tmp_path, cli):
    path = example_with(tmp_path, ("kind: co-innovation", "kind: co-innovation  # partnerkit: ignore[D005] nothing to hide"),
                        ("    V006: Each", "    C001: Nobody gives nothing here.\n    V006: Each"))
    _, doc = lint(cli, path)
    s001 = [f for f in findings(doc) if f["code"] == "S001"]
    assert len(s001) == 2
    assert {f["line"] for f in s001} == {8, path.read_text().splitlines().index("    C001: Nobody gives nothing here.") + 1}


def test_expired_suppression_is_s002_and_finding_returns(tmp_path, cli):
    path = example_with(tmp_path, (
        V006_LINE,
        "    V006: {reason: Discussed on 2026-02-10, until: 2026-06-30}"))
    result, doc = lint(cli, path)
    got = [f["code"] for f in findings(doc)]
    assert got.count("V006") == 2 and got.count("S002") == 1


def test_future_until_still_suppresses(tmp_path, cli):
    path = example_with(tmp_path, (
        V006_LINE,
        "    V006: {reason: Discussed on 2026-02-10, until: 2027-06-30}"))
    _, doc = lint(cli, path)
    assert "V006" not in [f["code"] for f in findings(doc)] and doc["summary"]["suppressed"] == 2


def test_empty_reason_is_e002(tmp_path, cli):
    path = example_with(tmp_path, (
        V006_LINE,
        '    V006: ""'))
    result, doc = lint(cli, path)
    e002 = [f for f in findings(doc) if f["code"] == "E002"]
    assert result.exit_code == 1 and e002 and "no reason" in e002[0]["message"]


def test_comment_without_reason_and_e_rules_cannot_be_ignored(tmp_path, cli):
    path = example_with(tmp_path, ("kind: co-innovation", "kind: co-innovation  # partnerkit: ignore[D005]"), ("    V006: Each", "    E004: Not allowed.\n    V006: Each"))
    _, doc = lint(cli, path)
    messages = [f["message"] for f in findings(doc) if f["code"] == "E002"]
    assert any("no reason" in m for m in messages) and any("E rules cannot be ignored" in m for m in messages)


def test_ignore_by_rule_name(tmp_path, cli):
    path = example_with(tmp_path, ("    V006: Each", "    decision-overdue: The board meets on 2026-11-20.\n    V006: Each"))
    _, doc = lint(cli, path)
    assert "C003" not in [f["code"] for f in findings(doc)]
