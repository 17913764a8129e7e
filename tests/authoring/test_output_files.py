"""`-o FILE` writes the format its extension names; a `--format` the extension contradicts is a usage error."""

from __future__ import annotations

import json

import pytest

from tests.conftest import AS_OF, SPEC_EXAMPLE


@pytest.mark.parametrize("name,starts", [("r.html", b"<!DOCTYPE html>"), ("r.htm", b"<!DOCTYPE html>"),
                                         ("r.md", b"# "), ("r", b"# ")])
def test_report_format_from_the_extension(tmp_path, run_pk, name, starts):
    proc = run_pk("report", "--as-of", AS_OF.isoformat(), SPEC_EXAMPLE, "-o", tmp_path / name)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / name).read_bytes().lstrip().startswith(starts)


@pytest.mark.parametrize("name,check", [
    ("lint.sarif", lambda text: json.loads(text)["version"] == "2.1.0"),
    ("lint.json", lambda text: json.loads(text)["summary"]["warning"] == 14),
    ("lint.xml", lambda text: text.startswith("<?xml")),
    ("lint.log", lambda text: text.splitlines()[-1].startswith("16 findings in 1 file")),
])
def test_lint_format_from_the_extension(tmp_path, run_pk, name, check):
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), SPEC_EXAMPLE, "-o", tmp_path / name)
    assert proc.returncode == 0, proc.stderr
    assert check((tmp_path / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["report", "--format", "md", "-o", "r.html"], ["report", "-f", "html", "-o", "r.md"],
                                  ["lint", "--format", "text", "-o", "lint.sarif"],
                                  ["lint", "--format", "json", "-o", "lint.xml"]])
def test_a_format_the_extension_contradicts_is_a_usage_error(tmp_path, run_pk, args):
    proc = run_pk(*args, SPEC_EXAMPLE, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count(b"\n") == 1 and b"contradicts the extension" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_sarif_may_be_written_as_json(tmp_path, run_pk):
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "--format", "sarif", SPEC_EXAMPLE, "-o", tmp_path / "x.json")
    assert proc.returncode == 0 and json.loads((tmp_path / "x.json").read_text())["version"] == "2.1.0"
