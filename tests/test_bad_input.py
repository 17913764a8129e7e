"""SPEC section 7: every bad input gets a finding or a clear exit-2 message, fast, never a traceback."""

from __future__ import annotations

import json
import os
import time

import pytest

MINIMAL = "partnerkit: 1\nid: x\ntitle: X\nstarted: 2026-01-01\nphase: discovery\npartners:\n  - {id: a, name: A}\n  - {id: b, name: B}\n"

BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join(["*" + chr(97 + i)] * 9) + "]\n" for i in range(8))

CASES = {
    "malformed": (b"partnerkit: 1\nid: [unclosed\n", "E001", (2, 5)),  # at the `[` left open
    "duplicate-key": (MINIMAL.encode() + b"id: y\n", "E001", (9, 1)),
    "wrong-type": (MINIMAL.replace("phase: discovery", "phase: [a]").encode(), "E002", (5, 8)),
    "unknown-key": (MINIMAL.encode() + b"titel: X\n", "E002", (9, 1)),
    "empty": (b"", "E006", (1, 1)),
    "only-comments": (b"# nothing here\n", "E006", (1, 1)),
    "binary": (bytes(range(256)) * 8, "E001", (1, 1)),
    "latin-1": ("partnerkit: 1\ntitle: Société\n".encode("latin-1"), "E001", (2, 12)),
    "utf-16": ("partnerkit: 1\n".encode("utf-16"), "E001", (1, 1)),
    "list": (b"- a\n- b\n", "E006", (1, 1)),
    "scalar": (b"just text\n", "E006", (1, 1)),
    "two-documents": (MINIMAL.encode() + b"---\nb: 2\n", "E001", (9, 1)),
    "alias-bomb": (BOMB.encode(), "E007", None),
    "deep-nesting": (("partnerkit: 1\nid: " + "[" * 3000 + "]" * 3000 + "\n").encode(), "E007", None),
    "huge": (MINIMAL.encode() + b"# " + b"x" * (1 << 20) + b"\n", "E007", (1, 1)),
    "version-2": (MINIMAL.replace("partnerkit: 1", "partnerkit: 2").encode(), "E006", (1, 13)),
    "no-version": (MINIMAL.replace("partnerkit: 1\n", "").encode(), "E006", (1, 1)),
    "python-tag": (MINIMAL.encode() + b"kind: !!python/object/apply:os.system [echo hi]\n", "E002", (9, 7)),
    "bad-date": (MINIMAL.replace("2026-01-01", "2026-02-30").encode(), "E002", (4, 10)),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gets_a_finding(name, tmp_path, run_pk):
    data, code, position = CASES[name]
    path = tmp_path / f"{name}.charter.yaml"
    path.write_bytes(data)
    start = time.monotonic()
    proc = run_pk("lint", "--format", "json", path)
    elapsed = time.monotonic() - start
    assert b"Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1, proc.stderr
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    first = next((f for f in findings if f["code"] == code), None)
    assert first is not None, findings
    if code in ("E001", "E006", "E007"):  # these stop the file: nothing else is reported
        assert {f["code"] for f in findings} == {code}, findings
    if position:
        assert (first["line"], first["column"]) == position, first
    assert elapsed < 10


def test_bom_is_accepted(tmp_path, cli):
    path = tmp_path / "charter.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    result = cli("lint", "--format", "json", "--select", "E", path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"]["error"] == 0


def test_small_anchor_still_works(tmp_path, cli):
    text = MINIMAL.replace("partners:\n  - {id: a, name: A}", "partners:\n  - &p {id: a, name: A}") + "vision: {agreed_by: [a, b]}\n"
    path = tmp_path / "charter.yaml"
    path.write_text(text)
    result = cli("lint", "--format", "json", "--select", "E", path)
    assert result.exit_code == 0, result.output


def test_missing_path_is_exit_2(tmp_path, run_pk):
    proc = run_pk("lint", tmp_path / "nope.yaml")
    assert proc.returncode == 2
    assert b"cannot read" in proc.stderr and b"Traceback" not in proc.stderr


def test_syntax_error_names_where_the_structure_started(tmp_path, cli):
    path = tmp_path / "charter.yaml"
    path.write_bytes(CASES["malformed"][0])
    finding = json.loads(cli("lint", "--format", "json", path).output)["files"][0]["findings"][0]
    assert "opened with `[` at line 2, column 5" in finding["message"]


def test_symlink_loop_is_not_followed(tmp_path, run_pk):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "charter.yaml").write_text(MINIMAL)
    (tmp_path / "self.charter.yaml").symlink_to(tmp_path / "self.charter.yaml")
    proc = run_pk("lint", "--select", "E", tmp_path, timeout=20)
    assert proc.returncode == 2  # the self-referencing file link cannot be read
    assert b"self.charter.yaml" in proc.stderr and b"Traceback" not in proc.stderr
    assert b"1 file" in proc.stdout  # the real charter was linted once, not forever


def test_fifo_named_like_a_charter_never_blocks(tmp_path, run_pk):
    os.mkfifo(tmp_path / "charter.yaml")
    proc = run_pk("lint", "--format", "json", tmp_path, timeout=20)
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert findings[0]["code"] == "E007" and "regular file" in findings[0]["message"]


def test_device_file_is_refused(run_pk):
    proc = run_pk("lint", "--format", "json", "/dev/zero", timeout=20)
    assert json.loads(proc.stdout)["files"][0]["findings"][0]["code"] == "E007"


def test_every_duplicate_key_is_reported(tmp_path, cli):
    path = tmp_path / "charter.yaml"
    path.write_text(MINIMAL + "id: y\ntitle: Y\nvision: {statement: a, statement: b}\n")
    result = cli("lint", "--format", "json", path)
    findings = json.loads(result.output)["files"][0]["findings"]
    assert [(f["code"], f["line"]) for f in findings] == [("E001", 9), ("E001", 10), ("E001", 11)]


def test_a_flood_of_schema_errors_is_summarised(tmp_path, cli):
    path = tmp_path / "charter.yaml"
    path.write_text(MINIMAL + "".join(f"k{i}: {i}\n" for i in range(20000)))
    doc = json.loads(cli("lint", "--format", "json", path).output)
    findings = [f for f in doc["files"][0]["findings"] if f["code"] == "E002"]
    assert len(findings) == 101
    assert any("19,900 more schema problems" in f["message"] for f in findings)


def test_urls_in_flow_collections_are_read_as_yaml_1_2(tmp_path, cli):
    # libyaml (YAML 1.1) refuses `:` inside a plain scalar in a flow collection; YAML 1.2 allows it.
    path = tmp_path / "charter.yaml"
    path.write_text(MINIMAL.replace("{id: a, name: A}", "{id: a, name: A, sponsor: {name: Ann, email: https://a.example/ann}}"))
    result = cli("lint", "--format", "json", "--select", "E", path)
    assert result.exit_code == 0, result.output
