"""Hostile files and folders: each gets a finding or a clear exit-2 message, fast, never a traceback or a hang."""

from __future__ import annotations

import os
import time

import pytest

from tests.conftest import AS_OF
from tests.hardening.helpers import MINIMAL, SAMPLE, answered, json_files, positions

LINT = ("lint", "--as-of", AS_OF.isoformat())


def endings(text: str, kind: str) -> bytes:
    lines = text.split("\n")
    if kind == "mixed":
        return "".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines[:-1])).encode()
    return kind.join(lines).encode()


# --- line endings, BOM, NUL ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["\r\n", "\r", "mixed"])
def test_line_endings_keep_every_position(kind):
    expected = positions(SAMPLE.encode())
    assert [code for code, *_ in expected] == ["V006", "D005"]
    assert positions(endings(SAMPLE, kind)) == expected
    assert positions(endings(SAMPLE, kind), fast=False) == expected


@pytest.mark.parametrize("kind", ["\r\n", "\r", "mixed"])
def test_line_endings_keep_error_positions(kind):
    broken = SAMPLE.replace("phase: pilot\n", "phase: [pilot\n")
    bad_utf8 = SAMPLE.encode().replace("# é".encode(), b"# \xff")
    for data in (broken.encode(), bad_utf8):
        text = data.decode("utf-8", "replace")
        expected = positions(data)
        assert expected and expected[0][0] == "E001"
        assert positions(endings(text, kind).replace("\ufffd".encode(), b"\xff")) == expected


def test_bom_changes_no_position():
    assert positions(b"\xef\xbb\xbf" + SAMPLE.encode()) == positions(SAMPLE.encode())
    assert positions(b"\xef\xbb\xbf" + endings(SAMPLE, "\r\n")) == positions(SAMPLE.encode())


@pytest.mark.parametrize("kind", ["\n", "\r\n"])
def test_nul_byte_is_reported_where_it_is(kind):
    data = endings(SAMPLE.replace("phase: pilot", "phase: pi\x00lot"), kind)
    assert positions(data) == [("E001", 7, 10, ())]


def test_a_one_megabyte_line(tmp_path, run_pk):
    path = tmp_path / "long.charter.yaml"
    path.write_text(SAMPLE.replace("kind: research\n", "kind: research\nremarks: " + "x" * 1_000_000 + "\n"))
    start = time.monotonic()
    proc = run_pk(*LINT, "--format", "json", path, timeout=60)
    assert time.monotonic() - start < 20
    answered(proc)
    found = json_files(proc)[str(path)]
    assert [(f["code"], f["line"], f["column"]) for f in found if f["code"][0] == "E"] == [("E002", 6, 1)]
    assert len(proc.stdout) < 100_000  # the finding names the key; it does not echo the megabyte


def test_a_hundred_thousand_lines_are_linted_fast(tmp_path, run_pk):
    path = tmp_path / "tall.charter.yaml"
    path.write_text(SAMPLE + "remarks:\n" + "  - n\n" * 100_000)
    start = time.monotonic()
    proc = run_pk(*LINT, "--format", "json", path, timeout=60)
    assert time.monotonic() - start < 20
    answered(proc)
    found = json_files(proc)[str(path)]
    assert [(f["code"], f["line"]) for f in found if f["code"][0] == "E"] == [("E002", 192)]


def test_a_hundred_thousand_line_file_over_the_limit_is_refused(tmp_path, run_pk):
    path = tmp_path / "huge.charter.yaml"
    path.write_text(SAMPLE + "# padding\n" * 110_000)
    proc = run_pk(*LINT, "--format", "json", path, timeout=60)
    answered(proc)
    assert [f["code"] for f in json_files(proc)[str(path)]] == ["E007"]


# --- FIFOs, devices, unreadable paths ----------------------------------------------------------------------


def test_fifo_and_devices_in_a_folder_never_block(tmp_path, run_pk):
    (tmp_path / "good.charter.yaml").write_text(SAMPLE)
    os.mkfifo(tmp_path / "fifo.charter.yaml")
    for name, device in (("zero.charter.yaml", "/dev/zero"), ("null.charter.yml", "/dev/null"), ("charter.yaml", "/dev/urandom")):
        os.symlink(device, tmp_path / name)
    proc = run_pk(*LINT, "--format", "json", tmp_path, timeout=30)
    answered(proc)
    files = json_files(proc)
    assert sorted(os.path.basename(p) for p in files) == ["charter.yaml", "fifo.charter.yaml", "good.charter.yaml",
                                                         "null.charter.yml", "zero.charter.yaml"]
    for path, found in files.items():
        codes = [f["code"] for f in found]
        assert codes == (["V006", "D005"] if path.endswith("good.charter.yaml") else ["E007"]), (path, codes)


def test_csv_data_file_that_is_a_fifo_or_device_never_blocks(tmp_path, run_pk):
    os.mkfifo(tmp_path / "readings.csv")
    zero = os.path.relpath("/dev/zero", tmp_path)
    (tmp_path / "charter.yaml").write_text(SAMPLE + f"data:\n  readings: readings.csv\n  pulse: {zero}\n")
    proc = run_pk(*LINT, "--format", "json", tmp_path / "charter.yaml", timeout=30)
    answered(proc)
    messages = [f["message"] for f in json_files(proc)[str(tmp_path / "charter.yaml")] if f["code"] == "E002"]
    assert messages == ["data.readings: cannot read `readings.csv`: not a regular file",
                        f"data.pulse: `{zero}` must be a path inside the charter's folder"]


@pytest.mark.parametrize("command", ["lint", "report"])
def test_a_path_below_a_regular_file_is_exit_2(tmp_path, run_pk, command):
    (tmp_path / "file.txt").write_text("not a folder")
    proc = run_pk(command, "--as-of", AS_OF.isoformat(), tmp_path / "file.txt" / "charter.yaml", timeout=30)
    assert proc.returncode == 2
    assert "Not a directory" in answered(proc, "file.txt/charter.yaml")


def test_a_name_too_long_is_exit_2(tmp_path, run_pk):
    proc = run_pk(*LINT, tmp_path / ("n" * 300 + ".charter.yaml"), timeout=30)
    assert proc.returncode == 2
    assert "too long" in answered(proc)


def test_a_dangling_symlink_is_exit_2_and_the_rest_is_linted(tmp_path, run_pk):
    (tmp_path / "good.charter.yaml").write_text(SAMPLE)
    os.symlink(tmp_path / "gone.yaml", tmp_path / "dangling.charter.yaml")
    proc = run_pk(*LINT, "--format", "json", tmp_path, timeout=30)
    assert proc.returncode == 2
    answered(proc, "dangling.charter.yaml: No such file or directory")
    assert [f["code"] for f in json_files(proc)[str(tmp_path / "good.charter.yaml")]] == ["V006", "D005"]


def test_symlink_loops_of_folders_and_files(tmp_path, run_pk):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "good.charter.yaml").write_text(SAMPLE)
    os.symlink(tmp_path, tmp_path / "sub" / "loop")  # a folder loop
    os.symlink(tmp_path / "b.charter.yaml", tmp_path / "a.charter.yaml")  # a file loop
    os.symlink(tmp_path / "a.charter.yaml", tmp_path / "b.charter.yaml")
    proc = run_pk(*LINT, "--format", "json", tmp_path, timeout=30)
    assert proc.returncode == 2
    said = answered(proc)
    assert "a.charter.yaml: Too many levels of symbolic links" in said
    assert [f["code"] for f in json_files(proc)[str(tmp_path / "sub" / "good.charter.yaml")]] == ["V006", "D005"]
    proc = run_pk(*LINT, tmp_path / "a.charter.yaml", timeout=30)
    assert proc.returncode == 2 and "Too many levels of symbolic links" in answered(proc)


# --- files that change between discovery and reading -------------------------------------------------------


def sabotage(monkeypatch, target, action):
    """Run ``action(path)`` on ``target`` after the folder is walked and before the file is read."""
    import partnerkit.lint.engine

    original = partnerkit.lint.engine.lint_file

    def lint_file(path, *args, **kw):
        if os.path.basename(path) == target:
            action(path)
        return original(path, *args, **kw)

    monkeypatch.setattr(partnerkit.lint.engine, "lint_file", lint_file)


def folder_of_two(tmp_path):
    (tmp_path / "a.charter.yaml").write_text(SAMPLE)
    (tmp_path / "b.charter.yaml").write_text(SAMPLE)
    return tmp_path


def test_a_file_deleted_mid_run(tmp_path, cli, monkeypatch):
    sabotage(monkeypatch, "a.charter.yaml", os.unlink)
    result = cli(*LINT, "--format", "json", folder_of_two(tmp_path))
    assert result.exit_code == 2
    assert "a.charter.yaml: No such file or directory" in result.output
    assert "Traceback" not in result.output
    assert '"code": "V006"' in result.output  # b is still reported


def test_a_file_replaced_by_a_folder_mid_run(tmp_path, cli, monkeypatch):
    def to_folder(path):
        os.unlink(path)
        os.mkdir(path)

    sabotage(monkeypatch, "a.charter.yaml", to_folder)
    result = cli(*LINT, folder_of_two(tmp_path))
    assert result.exit_code == 1
    assert "a.charter.yaml:1:1: E007" in result.output and "b.charter.yaml:22:44: V006" in result.output


@pytest.mark.parametrize("new", [b"\x00\x01binary", b"", MINIMAL.format(id="changed").encode(), b"x" * (1 << 21)])
def test_a_file_changed_mid_run(tmp_path, cli, monkeypatch, new):
    def rewrite(path):
        with open(path, "wb") as fh:
            fh.write(new)

    sabotage(monkeypatch, "a.charter.yaml", rewrite)
    result = cli(*LINT, "--format", "json", folder_of_two(tmp_path))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert '"path": "' + str(tmp_path / "a.charter.yaml") in result.output


def test_report_on_a_file_deleted_mid_run(tmp_path, cli, monkeypatch):
    path = tmp_path / "a.charter.yaml"
    path.write_text(SAMPLE)
    sabotage(monkeypatch, "a.charter.yaml", os.unlink)
    result = cli("report", "--as-of", AS_OF.isoformat(), path)
    assert result.exit_code == 2
    assert "No such file or directory" in result.output and "Traceback" not in result.output


# --- many files ----------------------------------------------------------------------------------------------


MEASURE = """
import resource, subprocess, sys
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.buffer.write(proc.stderr)
print(proc.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@pytest.mark.slow
def test_ten_thousand_charters(tmp_path, monkeypatch):
    import json
    import subprocess
    import sys

    from tests.conftest import partnerkit_exe

    for i in range(10_000):
        folder = tmp_path / "charters" / f"team{i % 40}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"c{i}.charter.yaml").write_text(MINIMAL.format(id=f"c{i}"))
    out = tmp_path / "out.json"
    monkeypatch.setenv("NO_COLOR", "1")
    # A fresh process measures the peak RSS of the run (RUSAGE_CHILDREN: its largest child).
    proc = subprocess.run([sys.executable, "-c", MEASURE, *partnerkit_exe(), *LINT, "--select", "E,V001", "--format",
                           "json", "-o", str(out), str(tmp_path / "charters")], capture_output=True, timeout=300)
    assert b"Traceback" not in proc.stderr
    code, peak_kb = map(int, proc.stdout.split())
    assert code == 1, proc.stderr
    files = {f["path"]: f["findings"] for f in json.loads(out.read_text())["files"]}
    assert len(files) == 10_000  # every file reported, once
    assert all([f["code"] for f in found] == ["V001"] for found in files.values())
    assert peak_kb / 1024 < 400, f"peak RSS {peak_kb / 1024:.0f} MB"


def test_a_csv_export_full_of_bad_rows_lists_a_hundred_and_counts_the_rest(tmp_path, run_pk):
    (tmp_path / "pulse.csv").write_text("date,partner,level,dimension,score,responses\n" + "x\n" * 200_000)
    (tmp_path / "charter.yaml").write_text(SAMPLE + "data:\n  pulse: pulse.csv\n")
    start = time.monotonic()
    proc = run_pk(*LINT, "--format", "json", tmp_path / "charter.yaml", timeout=120)
    assert time.monotonic() - start < 30
    answered(proc)
    found = [f for f in json_files(proc)[str(tmp_path / "charter.yaml")] if f["file"].endswith("pulse.csv")]
    assert len(found) == 101
    assert [f["line"] for f in found[:3]] == [2, 3, 4]
    assert found[-1]["message"] == "199,900 more problems in this file are not listed (only the first 100 are)"


@pytest.mark.parametrize("path", ['"a\\0b.csv"', '"' + "../" * 3000 + 'r.csv"', "[x, y]"], ids=["nul", "deep", "list"])
def test_report_since_a_revision_with_a_hostile_data_path(tmp_path, cli, monkeypatch, path):
    import subprocess

    from tests.conftest import HEALTHY

    def git(*args):
        subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args], cwd=tmp_path,
                       check=True, capture_output=True)

    charter = tmp_path / "c.charter.yaml"
    charter.write_text(HEALTHY.read_text() + f"data:\n  readings: {path}\n")
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "hostile")
    charter.write_text(HEALTHY.read_text())
    monkeypatch.chdir(tmp_path)
    result = cli("report", "--as-of", AS_OF.isoformat(), "--since", "HEAD", "c.charter.yaml")
    assert result.exit_code == 0, result.output
    assert "Changes since" in result.output
