"""The mutation fuzzer (fuzz/run.py) in CI: a few hundred fixed cases, and the runner's own promises."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fuzz import run as fuzz_run
from fuzz.mutate import make_case, seed_files
from tests.conftest import ROOT

SEED = 20261115


@pytest.mark.slow
def test_a_few_hundred_mutated_charters_pass(tmp_path):
    seeds = seed_files()
    assert {"examples/healthy.charter.yaml", "examples/acme-globex.charter.yaml"} <= {name for name, _ in seeds}
    failures = []
    for index in range(400):
        case = make_case(SEED, index, seeds)
        _, failure = fuzz_run.run_case(case, str(tmp_path), 2.0)
        if failure:
            failures.append(f"case {index} ({' '.join(case.steps)}): {failure}")
    assert failures == []


def test_cases_are_reproducible():
    seeds = seed_files()
    again = seed_files()
    for index in (0, 1, 99, 12345):
        a, b = make_case(SEED, index, seeds), make_case(SEED, index, again)
        assert (a.charter, a.files, a.steps) == (b.charter, b.files, b.steps)
    assert make_case(SEED, 1, seeds).charter != make_case(SEED + 1, 1, seeds).charter


@pytest.mark.slow
def test_the_command_prints_a_summary_and_exits_0(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "fuzz" / "run.py"), "--cases", "40", "--seed", "3", "--jobs", "2"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "cases: 40  failures: 0" in proc.stdout
    assert "slowest: case" in proc.stdout and "cases/second" in proc.stdout


def test_a_failure_is_saved_replayable_and_exits_1(tmp_path, monkeypatch, capsys):
    def broken(charter, **kw):
        if b"frugality" in charter:
            raise ValueError("planted failure")
        return None, {}

    monkeypatch.setattr(fuzz_run, "CRASHES", tmp_path)
    monkeypatch.setattr(fuzz_run, "lint_and_check", broken)
    monkeypatch.setattr(fuzz_run, "make_case", lambda seed, index, seeds: fuzz_run.Case(
        f"{seed}-{index}", b"values: [frugality]\n" if index == 2 else b"x: 1\n", {"readings.csv": b"metric\n"}))
    assert fuzz_run.main(["--cases", "5", "--seed", "9", "--jobs", "2"]) == 1
    out = capsys.readouterr().out
    assert "FAIL case 2" in out and "cases: 5  failures: 1" in out
    saved = tmp_path / "9-2.charter.yaml"
    assert saved.read_bytes() == b"values: [frugality]\n"
    assert (tmp_path / "9-2.readings.csv").read_bytes() == b"metric\n"
    assert "planted failure" in (tmp_path / "9-2.txt").read_text()
    assert fuzz_run.main(["--replay", str(saved)]) == 1
    monkeypatch.undo()
    assert fuzz_run.main(["--replay", str(saved)]) == 0


def test_a_slow_case_fails_on_cpu_time(tmp_path, monkeypatch, capsys):
    import time

    def busy(charter, **kw):
        while True:
            pass

    monkeypatch.setattr(fuzz_run, "CRASHES", tmp_path)
    monkeypatch.setattr(fuzz_run, "lint_and_check", busy)
    start = time.monotonic()
    assert fuzz_run.main(["--cases", "1", "--time-limit", "0.3"]) == 1
    assert time.monotonic() - start < 20
    assert "timeout: over 0.3 s of CPU time" in capsys.readouterr().out


@pytest.mark.slow
def test_a_case_blocked_without_using_the_cpu_is_killed(tmp_path, monkeypatch, capsys):
    import time

    def blocked(charter, **kw):
        time.sleep(60)

    monkeypatch.setattr(fuzz_run, "CRASHES", tmp_path)
    monkeypatch.setattr(fuzz_run, "HANG_GRACE", 0.3)
    monkeypatch.setattr(fuzz_run, "lint_and_check", blocked)
    start = time.monotonic()
    assert fuzz_run.main(["--cases", "2", "--time-limit", "0.1", "--jobs", "1"]) == 1
    assert time.monotonic() - start < 20
    out = capsys.readouterr().out
    assert out.count("hang: killed after") == 2 and "cases: 2  failures: 2" in out
