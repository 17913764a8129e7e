"""Baselines: record today's findings by file, rule and data path; later runs show only new ones."""

from __future__ import annotations

import json
import shutil

from tests.conftest import AS_OF, SPEC_EXAMPLE


def test_baseline_hides_known_findings_and_survives_line_shifts(tmp_path, cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(SPEC_EXAMPLE, "charter.yaml")
    first = cli("lint", "--as-of", AS_OF.isoformat(), "--fail-on", "warning", "--write-baseline", "baseline.json", "charter.yaml")
    assert first.exit_code == 1
    recorded = json.loads(open("baseline.json").read())
    assert recorded["version"] == 1 and all("line" not in e for e in recorded["findings"])
    # Edits elsewhere shift every line: the baseline still matches.
    text = open("charter.yaml").read().replace("partnerkit: 1", "# a new comment\n\npartnerkit: 1")
    open("charter.yaml", "w").write(text)
    again = cli("lint", "--as-of", AS_OF.isoformat(), "--fail-on", "warning", "--baseline", "baseline.json", "charter.yaml")
    assert again.exit_code == 0, again.output
    assert "in the baseline" in again.output
    # A new problem is reported, and only that.
    open("charter.yaml", "w").write(text.replace("    decision: pending               # lint: decision overdue (C003)",
                                                 "    decision: pending\n    decided_on: 2026-12-01"))
    new = cli("lint", "--as-of", AS_OF.isoformat(), "--format", "json", "--baseline", "baseline.json", "charter.yaml")
    doc = json.loads(new.output)
    assert [(f["code"], f["path"]) for f in doc["files"][0]["findings"]] == [("E005", "milestones[0].decided_on")]
    assert doc["summary"]["baselined"] == 16


def test_bad_baseline_is_exit_2(tmp_path, run_pk):
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    proc = run_pk("lint", "--baseline", bad, SPEC_EXAMPLE)
    assert proc.returncode == 2 and b"not valid JSON" in proc.stderr
