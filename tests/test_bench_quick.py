"""The benchmark stays runnable: `python bench/run.py --quick` runs every tool on small corpora and checks the answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import ROOT
from tests.generated import bench_script

FORMATS = ("text", "json", "sarif", "junit", "github")


def installed(name: str) -> bool:
    return (Path(sys.executable).parent / name).exists() or shutil.which(name) is not None


@pytest.mark.slow
def test_quick_benchmark_runs_every_tool_and_format_and_finds_the_seeded_findings(tmp_path):
    for peer in ("yamllint", "check-jsonschema"):
        if not installed(peer):
            pytest.skip(f"{peer} is not installed (pip install -e '.[bench]')")
    report = tmp_path / "bench.md"
    # 20 charters and one cold run per row: every row, format and check of the real run, in a third of the time
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--charters", "20", "--repeat", "1",
                           "--markdown", str(report)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path, env=dict(os.environ, NO_COLOR="1"))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    text = report.read_text(encoding="utf-8")
    rows = ["`partnerkit lint --format json`, 20 healthy charters",
            *(f"`partnerkit lint --format {fmt}`, 20 findings-heavy charters" for fmt in FORMATS),
            "floor: C parser events, 20 findings-heavy charters", "the old floor", "× the event floor",
            "`yamllint -d relaxed`", "`check-jsonschema` with the exported schema",
            "cold: `partnerkit lint --format json`", "cold: `check-jsonschema`", "cold: `yamllint`",
            "`partnerkit --version`", "example HTML report"]
    for row in rows:
        assert row in text, row
    for target in ("`--format sarif` ≤ 2.5× the event floor", "`--format junit` peak memory ≤ 150 MB",
                   "one cold charter ≤ 0.5× check-jsonschema", "one cold charter ≤ 1.2× yamllint"):
        assert target in text, target
    assert "the floor's C parser: _ruamel_yaml" in text
    assert "findings-heavy charters: partnerkit reported" in text and "FAILED" not in proc.stderr


def bench_module():
    return bench_script("run")


def fake_runs(bench, doc: dict, **outputs: bytes) -> dict:
    run = lambda out: bench.Series([bench.Run(1.0, 1.0, 50.0, 0, out, b"")])  # noqa: E731
    floor = b"events: parsed 2 of 2 files with 2 processes; C parser _ruamel_yaml\n"
    return {"floor": run(floor), "compose": run(floor), "json": run(json.dumps(doc).encode()),
            **{fmt: run(out) for fmt, out in outputs.items()}}


def corpus(seeded: dict):
    return SimpleNamespace(n=2, label="2 charters", seeded=seeded, findings=None)


DOC = {"summary": {"files": 2}, "files": [
    {"path": "/c/p00000.charter.yaml", "findings": [{"code": "E004", "path": "metrics[0].owner"}]},
    {"path": "/c/p00001.charter.yaml", "findings": []}]}


def test_the_benchmark_fails_when_a_seeded_finding_is_missed():
    bench = bench_module()
    runs = fake_runs(bench, DOC)
    found = bench.Report()
    bench.check_results(found, corpus({"p00000.charter.yaml": [("E004", "metrics[0]")], "p00001.charter.yaml": []}),
                        runs, ("json",))
    assert found.problems == []
    missed = bench.Report()
    bench.check_results(missed, corpus({"p00000.charter.yaml": [("E004", "metrics[0]")],
                                        "p00001.charter.yaml": [("E003", "metrics[1].id")]}), runs, ("json",))
    assert missed.problems and "p00001.charter.yaml: E003 at metrics[1].id" in missed.problems[0]


def test_the_benchmark_fails_when_a_format_is_unreadable_or_drops_findings():
    bench = bench_module()
    whole = {"text": b"/c/p00000.charter.yaml:3:5: E004 error unknown\n  hint: fix it\n1 finding in 2 files.\n",
             "github": b"::error file=p00000.charter.yaml,line=3::unknown\n1 finding in 2 files.\n",
             "junit": b"<testsuites><testsuite><testcase><failure/></testcase></testsuite></testsuites>",
             "sarif": json.dumps({"version": "2.1.0", "runs": [{"results": [{}]}]}).encode()}
    good = bench.Report()
    bench.check_results(good, corpus({}), fake_runs(bench, DOC, **whole), tuple(whole))
    assert good.problems == []
    broken = {"text": b"1 finding in 2 files.\n", "github": b"", "junit": b"<testsuites><testsuite>",
              "sarif": b'{"version": "2.1.0", "runs": [{"results": [{}]}'}
    bad = bench.Report()
    bench.check_results(bad, corpus({}), fake_runs(bench, DOC, **broken), tuple(broken))
    assert [p.split("`")[1] for p in bad.problems] == ["--format text", "--format github", "--format junit",
                                                      "--format sarif"]


def test_a_ratio_is_the_median_of_its_rounds_and_the_report_shows_their_spread():
    bench = bench_module()

    def series(*walls):
        return bench.Series([bench.Run(w, w, 50.0, 0, b"", b"") for w in walls])

    mine, floor = series(2.0, 3.3, 2.4), series(1.0, 1.1, 1.0)
    assert [round(r, 6) for r in mine.ratios(floor)] == [2.0, 3.0, 2.4] and mine.over(floor) == 2.4
    assert mine.spread(floor) == "; rounds 2.00× to 3.00×"
    assert series(2.0).spread(series(1.0)) == ""  # one round: nothing to show
