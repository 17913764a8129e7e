"""Faults while writing: nothing partial, no stray temporary file, the previous file kept with its mode, exit 2.

Each command that writes a file (``init --force``, ``report -o``, ``lint
--output``, ``lint --write-baseline``, ``schema -o``) runs as a process with a
fault injected (see ``faults.py``): a read-only folder, a rename that is
refused, a full disk (on write or on sync), a renderer that raises, an
interrupt half-way.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import AS_OF, HEALTHY, ROOT
from tests.hardening.helpers import SAMPLE

PREVIOUS = b"the previous file\n\xe2\x9c\x93 exactly as it was\n"
SAYS = {"read-only": "Permission denied", "replace-denied": "Permission denied", "disk-full": "No space left on device",
        "disk-full-on-sync": "No space left on device", "render-fails": "the renderer failed half-way"}
COMMANDS = ["init --force", "report -o", "lint --output", "lint --write-baseline", "schema -o"]
FAULTS = ["read-only", "replace-denied", "disk-full", "disk-full-on-sync", "render-fails"]


def commands(folder):
    """Each command, writing ``folder/out``."""
    charter = folder / "in.charter.yaml"
    charter.write_text(SAMPLE)
    day = ("--as-of", AS_OF.isoformat())
    out = str(folder / "out")
    return {
        "init --force": ["init", out, "--force", "--partner", "a", "--partner", "b"],
        "report -o": ["report", *day, str(HEALTHY), "-o", out],
        "lint --output": ["lint", *day, str(charter), "--output", out],
        "lint --write-baseline": ["lint", *day, str(charter), "--write-baseline", out],
        "schema -o": ["schema", "-o", out],
    }


def run(fault, folder, args):
    return subprocess.run([sys.executable, "-m", "tests.hardening.faults", fault, str(folder), *args],
                          capture_output=True, cwd=ROOT, env=dict(os.environ, NO_COLOR="1"), timeout=60)


def one_line_exit_2(proc):
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("partnerkit: ")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(("command", "fault"), [(c, f) for c in COMMANDS for f in FAULTS
                                               if not (c == "schema -o" and f == "render-fails")])
def test_a_failed_write_keeps_the_previous_file(tmp_path, command, fault):
    args = commands(tmp_path)[command]
    out = tmp_path / "out"
    out.write_bytes(PREVIOUS)
    out.chmod(0o640)
    before = sorted(os.listdir(tmp_path))
    proc = run(fault, tmp_path, args)
    message = one_line_exit_2(proc)
    assert message.endswith(SAYS[fault]), message
    if fault != "render-fails":
        assert message.startswith(f"partnerkit: cannot write {out}: ")
    assert out.read_bytes() == PREVIOUS
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == before  # no temporary file left behind


@pytest.mark.parametrize("command", COMMANDS[:4])
def test_an_interrupt_while_writing_leaves_no_trace(tmp_path, command):
    args = commands(tmp_path)[command]
    out = tmp_path / "out"
    out.write_bytes(PREVIOUS)
    before = sorted(os.listdir(tmp_path))
    proc = run("interrupted", tmp_path, args)
    assert proc.returncode == 130 and b"Traceback" not in proc.stderr
    assert out.read_bytes() == PREVIOUS
    assert sorted(os.listdir(tmp_path)) == before


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "init --force"])  # init creates missing folders
def test_a_missing_output_folder_is_exit_2(tmp_path, command):
    args = [a.replace(str(tmp_path / "out"), str(tmp_path / "missing" / "out")) for a in commands(tmp_path)[command]]
    before = sorted(os.listdir(tmp_path))
    message = one_line_exit_2(run("none", tmp_path, args))
    assert f"cannot write {tmp_path / 'missing' / 'out'}: No such file or directory" in message
    assert sorted(os.listdir(tmp_path)) == before


@pytest.mark.parametrize("command", COMMANDS)
def test_a_successful_write_keeps_the_file_mode(tmp_path, command):
    args = commands(tmp_path)[command]
    out = tmp_path / "out"
    out.write_bytes(PREVIOUS)
    out.chmod(0o640)
    proc = run("none", tmp_path, args)
    assert proc.returncode in (0, 1), proc.stderr
    assert out.read_bytes() != PREVIOUS and stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == sorted(["in.charter.yaml", "out"])


def test_a_portfolio_that_fails_half_way_leaves_only_whole_pages(tmp_path):
    charters = tmp_path / "charters"
    charters.mkdir()
    for name in ("a", "b", "c"):
        (charters / f"{name}.charter.yaml").write_text(HEALTHY.read_text().replace("id: northwind-unilab-soil", f"id: {name}"))
    site = tmp_path / "site"
    site.mkdir()
    old = {name: f"old {name}\n".encode() for name in ("a.html", "b.html", "c.html", "index.html")}
    for name, data in old.items():
        (site / name).write_bytes(data)
    proc = run("disk-full", site, ["report", "--as-of", AS_OF.isoformat(), "--format", "html", str(charters), "-o", str(site)])
    one_line_exit_2(proc)
    assert sorted(os.listdir(site)) == sorted(old)
    for name, data in old.items():
        assert (site / name).read_bytes() == data
