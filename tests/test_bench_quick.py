"""The benchmark stays runnable: `python bench/run.py --quick` runs every tool on a small corpus and checks the answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def installed(name: str) -> bool:
    return (Path(sys.executable).parent / name).exists() or shutil.which(name) is not None


def test_quick_benchmark_runs_every_tool_and_finds_the_seeded_findings(tmp_path):
    for peer in ("yamllint", "check-jsonschema"):
        if not installed(peer):
            pytest.skip(f"{peer} is not installed (pip install -e '.[bench]')")
    report = tmp_path / "bench.md"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--markdown", str(report)],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path, env=dict(os.environ, NO_COLOR="1"))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    text = report.read_text(encoding="utf-8")
    for row in ("`partnerkit lint --format json`, 40 charters", "`yamllint -d relaxed`", "check-jsonschema",
                "floor", "`partnerkit --version`"):
        assert row in text
    assert "seeded findings" in text and "FAILED" not in proc.stderr


def bench_module():
    import importlib.util

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return module


def test_the_benchmark_fails_when_a_seeded_finding_is_missed():
    bench = bench_module()
    doc = {"summary": {"files": 2}, "files": [
        {"path": "/c/p00000.charter.yaml", "findings": [{"code": "E004", "path": "metrics[0].owner"}]},
        {"path": "/c/p00001.charter.yaml", "findings": []}]}
    ok = bench.Run(1.0, 1.0, 50.0, 0, json.dumps(doc).encode(), b"")
    floor = bench.Run(1.0, 1.0, 50.0, 0, b"composed 2 of 2 files with 2 processes\n", b"")
    runs = {"partnerkit": bench.Series([ok]), "floor": bench.Series([floor])}
    found = bench.Report()
    bench.check_results(found, runs, {"p00000.charter.yaml": [("E004", "metrics[0]")], "p00001.charter.yaml": []}, 2)
    assert found.problems == []
    missed = bench.Report()
    bench.check_results(missed, runs, {"p00000.charter.yaml": [("E004", "metrics[0]")],
                                       "p00001.charter.yaml": [("E003", "metrics[1].id")]}, 2)
    assert missed.problems and "p00001.charter.yaml: E003 at metrics[1].id" in missed.problems[0]
