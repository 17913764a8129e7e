"""`partnerkit lint --fix` and `--diff` (SPEC section 10): safe fixes only, never a file that gains an error."""

from __future__ import annotations

import json

from tests.conftest import AS_OF, HEALTHY

MISTYPED = {  # a line of the healthy example -> the same line mistyped, fixably
    "phase: pilot\n": "phase: Pilot\n",
    "    held_by: [northwind, unilab]\n    in_crisis: We publish": "    hold_by: [northwind, unilab]\n    in_crisis: We publish",
    "      - {date: 2026-08-31, value: 14}\n": "      - {on: 2026-08-31, value: 14}\n",
}


def mistyped(tmp_path, changes=MISTYPED, extra=""):
    text = HEALTHY.read_text(encoding="utf-8")
    for good, bad in changes.items():
        assert text.count(good) == 1
        text = text.replace(good, bad)
    path = tmp_path / "c.charter.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def test_fix_renames_and_replaces_and_keeps_everything_else(tmp_path, run_pk):
    path = mistyped(tmp_path, extra="# a closing comment\n")
    before = run_pk("lint", "--as-of", AS_OF.isoformat(), path)
    assert before.returncode == 1 and before.stdout.count(b"[fixable]") == 3
    assert b"3 fixable with --fix" in before.stdout
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "--fix", path)
    assert proc.returncode == 0, proc.stdout
    assert path.read_text(encoding="utf-8") == HEALTHY.read_text(encoding="utf-8") + "# a closing comment\n"
    assert proc.stdout.decode().splitlines()[-1] == "0 findings in 1 file: 0 errors, 0 warnings, 0 infos (3 fixed)."


def test_diff_prints_the_fixes_and_writes_nothing(tmp_path, run_pk):
    path = mistyped(tmp_path)
    text = path.read_bytes()
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "--diff", path)
    assert path.read_bytes() == text
    out = proc.stdout.decode()
    assert "-phase: Pilot\n+phase: pilot\n" in out and "-      - {on: 2026-08-31" in out and "+    held_by:" in out
    assert proc.returncode == 0  # lint's exit code for what would remain: nothing
    assert b"3 findings would be fixed by --fix; 0 findings would remain" in proc.stderr


def test_diff_exit_code_is_for_what_remains(tmp_path, run_pk):
    path = mistyped(tmp_path, {"phase: pilot\n": "phase: Pilot\n", "    target: 30\n": "    target: five\n"})
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "--diff", path)
    assert proc.returncode == 1 and b"+phase: pilot" in proc.stdout
    assert b"1 finding would remain: 1 error" in proc.stderr


def test_an_unclear_choice_or_a_contradicting_direction_is_not_fixed(tmp_path, run_pk):
    # `trial` is close to no phase; M013 (a direction against the numbers) is left to the author
    text = HEALTHY.read_text(encoding="utf-8").replace("phase: pilot\n", "phase: trial\n")
    text = text.replace("    baseline: 0\n    target: 30\n", "    direction: down\n    baseline: 0\n    target: 30\n")
    path = tmp_path / "c.charter.yaml"
    path.write_text(text, encoding="utf-8")
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "--fix", "--format", "json", path)
    assert path.read_text(encoding="utf-8") == text
    codes = [f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]]
    assert codes == ["E002", "M013"]
    text = text.replace("phase: trial\n", "phase: pilot\n")
    path.write_text(text, encoding="utf-8")
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "--fix", "--format", "json", path)
    assert path.read_text(encoding="utf-8") == text
    assert [f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]] == ["M013"]


def test_a_fix_that_would_add_an_error_is_not_written(tmp_path, run_pk):
    # `on` -> `date` would make the reading's date a second error (E005: after the as-of date): left alone
    path = mistyped(tmp_path, {"      - {date: 2026-08-31, value: 14}\n": "      - {on: 2027-08-31, value: 14}\n",
                               "phase: pilot\n": "phase: Pilot\n"})
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), "--fix", path)
    text = path.read_text(encoding="utf-8")
    assert "phase: pilot\n" in text and "{on: 2027-08-31" in text
    assert proc.returncode == 1 and b"(1 fixed; 1 fixable with --fix)" in proc.stdout


def test_a_rename_onto_a_key_already_there_is_not_offered(tmp_path, run_pk):
    path = mistyped(tmp_path, {"    held_by: [northwind, unilab]\n    in_crisis: We publish":
                               "    held_by: [northwind, unilab]\n    hold_by: [unilab]\n    in_crisis: We publish"})
    proc = run_pk("lint", "--as-of", AS_OF.isoformat(), path)
    assert b"unknown key `hold_by`" in proc.stdout and b"[fixable]" not in proc.stdout


def test_fix_refuses_standard_input(run_pk):
    proc = run_pk("lint", "--fix", "-", input=b"partnerkit: 1\n")
    assert proc.returncode == 2 and proc.stderr.count(b"\n") == 1 and b"standard input" in proc.stderr


def test_rules_say_which_are_fixable(run_pk):
    out = run_pk("rules").stdout.decode()
    assert "E002  schema                       error    [*] " in out and "[*] some findings fixable" in out
    assert "fixable with `partnerkit lint --fix`" in run_pk("rules", "E002").stdout.decode()
