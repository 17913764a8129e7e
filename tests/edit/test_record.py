"""`partnerkit record ...` as a user runs it, on both examples and on a flow-style charter."""

from __future__ import annotations

import difflib
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from partnerkit.load.yamlload import load_yaml
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

FLOW = Path(__file__).with_name("flow.charter.yaml")
DAY = "2026-11-14"

# Per charter: the ids each command needs.
IDS = {
    "acme": dict(name="acme", path=SPEC_EXAMPLE, metric="M1", hyp="H1", other="H2", partner="globex", gate="G1", tension="T1",
                 by="acme"),
    "healthy": dict(name="healthy", path=HEALTHY, metric="mt-fields", hyp="hy-adoption", other="hy-accuracy", partner="unilab",
                    gate="gate-scale", tension="tn-field-access", by="northwind"),
    "flow": dict(name="flow", path=FLOW, metric="M1", hyp="H1", other="H2", partner="globex", gate="G1", tension="T1", by="acme"),
}


def by_id(items, wanted):
    return next(x for x in items if x.get("id") == wanted)


COMMANDS = {
    "reading": (lambda i: ["reading", i["metric"], "27.5", "--date", DAY, "--note", "after the fix: #2"],
                lambda d, i: by_id(d["metrics"], i["metric"])["readings"][-1] == {
                    "date": date(2026, 11, 14), "value": 27.5, "note": "after the fix: #2"}),
    "evidence": (lambda i: ["evidence", i["hyp"], "Yes: 3 of 5 renewed", "--date", DAY],
                 lambda d, i: by_id(d["hypotheses"], i["hyp"])["evidence"][-1] == {
                     "date": date(2026, 11, 14), "note": "Yes: 3 of 5 renewed"}),
    "status": (lambda i: ["status", i["hyp"], "revised", "--into", i["other"]],
               lambda d, i: (by_id(d["hypotheses"], i["hyp"])["status"], by_id(d["hypotheses"], i["hyp"])["revised_into"])
               == ("revised", i["other"])),
    "confidence": (lambda i: ["confidence", i["hyp"], i["partner"], "0.65"],
                   lambda d, i: by_id(d["hypotheses"], i["hyp"])["confidence"][i["partner"]] == 0.65),
    "decision": (lambda i: ["decision", i["gate"], "pivot", "--date", DAY, "--rationale", "Renewals, not pilots"],
                 lambda d, i: {k: by_id(d["milestones"], i["gate"]).get(k) for k in ("decision", "decided_on", "rationale")}
                 == {"decision": "pivot", "decided_on": date(2026, 11, 14), "rationale": "Renewals, not pilots"}),
    "tension": (lambda i: ["tension", "Dispatch ignores alerts", "--by", i["partner"], "--owner", i["by"], "--date", DAY],
                lambda d, i: d["tensions"][-1] == {"id": {"healthy": "T1"}.get(i["name"], f"T{len(d['tensions'])}"),
                                                   "raised": date(2026, 11, 14),
                                                   "by": i["partner"], "issue": "Dispatch ignores alerts",
                                                   "owner": i["by"], "status": "open"}),
    "resolve": (lambda i: ["resolve", i["tension"], "--date", DAY],
                lambda d, i: (by_id(d["tensions"], i["tension"])["status"],
                              by_id(d["tensions"], i["tension"])["resolved_on"]) == ("resolved", date(2026, 11, 14))),
    "review": (lambda i: ["review", "--date", DAY], lambda d, i: d["review"]["last"] == date(2026, 11, 14)),
}


@pytest.fixture
def copy_of(tmp_path):
    def make(source: Path, name: str = "charter.yaml") -> Path:
        target = tmp_path / name
        shutil.copyfile(source, target)
        return target

    return make


def record(cli, *args):
    return cli("record", *args, "--as-of", AS_OF.isoformat())


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("charter", sorted(IDS))
def test_each_command_changes_only_its_lines_on_each_charter(cli, copy_of, charter, command):
    ids = IDS[charter]
    path = copy_of(ids["path"])
    before = path.read_text()
    args, check = COMMANDS[command]
    result = record(cli, *args(ids), "-c", path)
    assert result.exit_code == 0, result.output
    after = path.read_text()
    assert after != before
    assert check(load_yaml(after).data, ids)
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
    assert len(removed) <= 2, removed  # a replaced scalar's line, or the line before a flow list's bracket
    lint = cli("lint", "--format", "json", "--as-of", AS_OF.isoformat(), path)
    assert '"code": "E' not in lint.output
    assert result.output.startswith(f"{path}:")


def test_what_changed_and_the_findings_fixed_are_printed(cli, copy_of):
    path = copy_of(SPEC_EXAMPLE)
    result = record(cli, "reading", "M1", "4", "-c", path)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"{path}:153: recorded reading 4 shippers for metric `M1`, dated 2026-11-15"
    assert "  fixed M007 metric-stale on metric `M1`, reading 4" in lines
    result = record(cli, "decision", "G1", "continue", "-c", path)
    assert "  fixed C003 decision-overdue on milestone `G1`, `decision`" in result.output.splitlines()
    result = record(cli, "tension", "Dispatch ignores alerts", "--by", "globex", "-c", path)
    assert "raised tension `T3` by globex, dated 2026-11-15" in result.output  # T1 and T2 are taken


def test_new_findings_are_printed_as_raised(cli, copy_of):
    path = copy_of(HEALTHY)
    result = record(cli, "status", "hy-adoption", "revised", "-c", path)
    assert result.exit_code == 0
    assert "  raised D008 revision-dangling on hypothesis `hy-adoption`" in result.output


def test_the_single_charter_in_the_folder_is_found(cli, copy_of, monkeypatch, tmp_path):
    copy_of(HEALTHY, "soil.charter.yaml")
    monkeypatch.chdir(tmp_path)
    result = record(cli, "review")
    assert result.exit_code == 0 and result.output.startswith("soil.charter.yaml:11: recorded the steering review")


@pytest.mark.parametrize("args,message", [
    (["reading", "M9", "4"], "no metric `M9` in the charter; its metrics: M1, M2, M3"),
    (["reading", "Mx1", "4"], "(did you mean `M1`?)"),
    (["reading", "M1", "four"], "the reading `four` is not a number"),
    (["reading", "M1", "1,200", "--date", "2026-11-01"], "write numbers without separators: 1200"),
    (["reading", "M1", "4", "--date", "2026-12-01"], "2026-12-01 is after the as-of date 2026-11-15"),
    (["reading", "M1", "4", "--date", "31/12/2026"], "--date `31/12/2026` is not a date"),
    (["reading", "M1", "3", "--date", "2026-08-31"], "already has a reading dated 2026-08-31"),
    (["status", "H1", "validatd"], "(did you mean `validated`?)"),
    (["status", "H1", "validated", "--into", "H2"], "--into names the hypothesis that replaces a `revised` one"),
    (["confidence", "H1", "globex", "1.2"], "outside 0..1"),
    (["confidence", "H1", "globex", "70%"], "write it as a number from 0 to 1 (0.7)"),
    (["confidence", "H1", "globx", "0.5"], "no partner `globx` in the charter (did you mean `globex`?)"),
    (["decision", "G1", "go"], "`go` is not a gate decision"),
    (["tension", "x", "--by", "acme", "--id", "H1"], "the id `H1` is already used"),
    (["tension", " ", "--by", "acme"], "the tension is empty"),
    (["resolve", "T1", "--date", "2026-09-01"], "was raised on 2026-09-05"),
    (["review", "--date", "2026-10-01"], "the last steering review recorded is of 2026-10-28"),
])
def test_bad_input_is_one_line_and_exit_2_with_nothing_written(cli, copy_of, args, message):
    path = copy_of(SPEC_EXAMPLE)
    before = path.read_bytes()
    result = record(cli, *args, "-c", path)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == before


def test_no_charter_or_several_in_the_folder_is_exit_2(cli, copy_of, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = record(cli, "review")
    assert result.exit_code == 2 and "no charter in the current folder" in result.stderr
    copy_of(HEALTHY, "a.charter.yaml")
    copy_of(HEALTHY, "b.charter.yaml")
    result = record(cli, "review")
    assert result.exit_code == 2
    assert "several charters in the current folder (a.charter.yaml, b.charter.yaml): name one with -c PATH" in result.stderr
    assert record(cli, "review", "-c", "missing.yaml").exit_code == 2


def test_an_edit_that_would_add_an_error_is_refused_and_nothing_is_written(cli, copy_of, monkeypatch):
    from partnerkit.edit import Plan, Set
    from partnerkit.edit import record as recording

    path = copy_of(SPEC_EXAMPLE)
    before = path.read_bytes()
    monkeypatch.setattr(recording, "review", lambda cf, day: Plan("set the start", [Set(("started",), date(2030, 1, 1))]))
    result = record(cli, "review", "-c", path)
    assert result.exit_code == 1
    assert "E005" in result.stderr and "not written: set the start would add" in result.stderr
    assert path.read_bytes() == before


def test_a_charter_that_cannot_be_read_is_not_edited(cli, tmp_path):
    path = tmp_path / "charter.yaml"
    path.write_text("partnerkit: 1\nid: [unclosed\n")
    result = record(cli, "review", "-c", path)
    assert result.exit_code == 1 and "E001" in result.stderr and "cannot be edited until" in result.stderr


def test_dry_run_prints_a_diff_that_applies_and_writes_nothing(cli, copy_of, tmp_path):
    path = copy_of(SPEC_EXAMPLE)
    before = path.read_text()
    result = record(cli, "reading", "M2", "26", "--dry-run", "-c", path)
    assert result.exit_code == 0
    assert path.read_text() == before
    assert result.stdout.startswith(f"--- {path}\n+++ {path}\n@@ ")
    assert "+      - {date: 2026-11-15, value: 26}\n" in result.stdout
    assert "dry run: nothing written" in result.stderr
    if shutil.which("patch"):
        patch = tmp_path / "change.patch"
        patch.write_text(result.stdout)
        subprocess.run(["patch", "-s", str(path), str(patch)], check=True)
        assert cli("record", "reading", "M2", "26", "-c", path, "--as-of", AS_OF.isoformat()).exit_code == 2  # it is there now


def test_a_failed_write_leaves_the_charter_intact(cli, copy_of, monkeypatch):
    path = copy_of(SPEC_EXAMPLE)
    before = path.read_bytes()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    result = record(cli, "review", "-c", path)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["charter.yaml"]


# --- data kept in CSV files -------------------------------------------------------------

def test_readings_kept_in_a_csv_file_are_appended_there_in_its_style(cli, tmp_path):
    (tmp_path / "data").mkdir()
    csv = tmp_path / "data" / "readings.csv"
    csv.write_bytes(b'\xef\xbb\xbf"metric","date","value","note"\r\n"mt-fields","2026-10-31","19",""\r\n')
    charter = tmp_path / "charter.yaml"
    charter.write_text(HEALTHY.read_text() + "data:\n  readings: data/readings.csv\n")
    before = charter.read_bytes()
    result = record(cli, "reading", "mt-fields", "21", "--note", 'field 7, "north"', "-c", charter)
    assert result.exit_code == 0, result.output
    assert charter.read_bytes() == before
    assert csv.read_bytes() == (b'\xef\xbb\xbf"metric","date","value","note"\r\n"mt-fields","2026-10-31","19",""\r\n'
                                b'"mt-fields","2026-11-15","21","field 7, ""north"""\r\n')
    assert result.output.startswith(f"{os.path.join(str(tmp_path), 'data', 'readings.csv')}:3: recorded reading 21")


def test_a_csv_file_without_a_final_newline_or_note_column(cli, tmp_path):
    (tmp_path / "readings.csv").write_text("metric,date,value\nmt-fields,2026-10-31,19")
    charter = tmp_path / "charter.yaml"
    charter.write_text(HEALTHY.read_text() + "data:\n  readings: readings.csv\n")
    assert record(cli, "reading", "mt-fields", "20", "--date", "2026-11-10", "-c", charter).exit_code == 0
    assert (tmp_path / "readings.csv").read_text() == "metric,date,value\nmt-fields,2026-10-31,19\nmt-fields,2026-11-10,20"
    result = record(cli, "reading", "mt-fields", "21", "--note", "x", "-c", charter)
    assert result.exit_code == 1 and "has no `note` column" in result.stderr
