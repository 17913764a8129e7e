"""A folder's calendar, charter text that needs escaping, and charters that cannot be read."""

from __future__ import annotations

import shutil

import pytest

from tests.calendar.helpers import CHARTER_ID, by_uid, calendar_of, day, example, parse
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

HEALTHY_ID = "northwind-unilab-soil"
G1_NAME = "    name: Pilot go / no-go\n"


def portfolio(folder):
    folder.mkdir()
    shutil.copy(SPEC_EXAMPLE, folder / "acme.charter.yaml")
    shutil.copy(HEALTHY, folder / "healthy.charter.yaml")
    (folder / "copy").mkdir()
    shutil.copy(SPEC_EXAMPLE, folder / "copy" / "charter.yaml")  # the same charter id twice
    return folder


def test_a_folder_gives_one_calendar_with_unique_uids(run_pk, tmp_path):
    folder = portfolio(tmp_path / "partners")
    out, cal = calendar_of(run_pk, folder)
    assert out.returncode == 0, out.stderr
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    events = by_uid(cal)
    assert f"{CHARTER_ID}.G1.gate" in events and f"{CHARTER_ID}.G1.gate-2" in events
    assert any(uid.startswith(HEALTHY_ID + ".") for uid in events)
    assert str(cal["X-WR-CALNAME"]) == "Partnerships: partners"
    g1 = events[f"{CHARTER_ID}.G1.gate"]
    assert str(g1["SUMMARY"]) == "Gate G1: Pilot go / no-go — decide · Acme × Globex — predictive delivery times"
    healthy_review = events[f"{HEALTHY_ID}.review"]
    assert str(healthy_review["SUMMARY"]) == "Steering review: Northwind × UniLab — soil-carbon sensing"


def test_without_a_path_the_current_folder_is_the_portfolio(run_pk, tmp_path):
    folder = portfolio(tmp_path / "partners")
    here = run_pk("calendar", "--as-of", AS_OF.isoformat(), cwd=folder)
    named = run_pk("calendar", ".", "--as-of", AS_OF.isoformat(), cwd=folder)
    assert here.returncode == 0 and here.stdout == named.stdout and b"BEGIN:VEVENT" in here.stdout


def test_text_is_escaped_as_rfc_5545_says(run_pk, tmp_path):
    name = 'Go, or; not\\nyet \\\\ maybe \\a'  # YAML escapes: a newline, a backslash, a bell
    path = example(tmp_path, {G1_NAME: f'    name: "{name}"\n',
                              "      - Fewer than 3 pilot shippers renew\n": "      - 'Renewals: 3; churn, 1'\n"})
    out, cal = calendar_of(run_pk, path)
    assert out.returncode == 0, out.stderr
    raw = out.stdout.replace(b"\r\n ", b"")  # unfolded
    assert b"SUMMARY:Gate G1: Go\\, or\\; not\\nyet \\\\ maybe \\\\x07 \xe2\x80\x94 decide\r\n" in raw
    g1 = by_uid(cal)[f"{CHARTER_ID}.G1.gate"]
    assert str(g1["SUMMARY"]) == "Gate G1: Go, or; not\nyet \\ maybe \\x07 — decide"  # the bell made visible
    assert "- Renewals: 3; churn, 1" in str(g1["DESCRIPTION"])
    for line in out.stdout.split(b"\r\n"):
        assert len(line) <= 75 and b"\n" not in line and b"\x07" not in line


@pytest.mark.parametrize("text, code", [
    ("- not a charter\n", "E006"),
    ("partnerkit: 1\nid: [unclosed\n", "E001"),
    (SPEC_EXAMPLE.read_text(encoding="utf-8").replace("    due: 2026-10-15\n", "    due: soon\n"), "E002"),
])
def test_a_charter_that_cannot_be_read_gives_exit_1_and_the_error(run_pk, tmp_path, text, code):
    path = tmp_path / "broken.charter.yaml"
    path.write_text(text, encoding="utf-8")
    previous = tmp_path / "team.ics"
    previous.write_bytes(b"previous calendar")
    out = run_pk("calendar", path, "-o", previous, "--as-of", AS_OF.isoformat())
    assert out.returncode == 1 and out.stdout == b""
    err = out.stderr.decode()
    assert f" {code} error " in err and "no calendar written" in err and "Traceback" not in err
    assert previous.read_bytes() == b"previous calendar"


def test_a_broken_charter_in_a_folder_leaves_the_others_in_the_calendar(run_pk, tmp_path):
    shutil.copy(SPEC_EXAMPLE, tmp_path / "acme.charter.yaml")
    (tmp_path / "broken.charter.yaml").write_text("- not a charter\n", encoding="utf-8")
    out = run_pk("calendar", tmp_path, "-o", tmp_path / "all.ics", "--as-of", AS_OF.isoformat())
    assert out.returncode == 1
    err = out.stderr.decode()
    assert "E006" in err and "left out of the calendar" in err and "broken.charter.yaml" in err
    events = by_uid(parse((tmp_path / "all.ics").read_bytes()))
    assert day(events[f"{CHARTER_ID}.G1.gate"]).isoformat() == "2026-10-15"


def test_schema_errors_outside_the_dated_sections_do_not_stop_the_calendar():
    """Once invalid sections are set aside (the charter still modelled), only the calendar's own sections count."""
    from partnerkit.api import load
    from partnerkit.commands.calendar import unreadable
    from tests.outputs.helpers import finding, result

    r = result(findings=[finding("E002", "schema", "error", path=("values", 0, "means"))])
    r.charter = load(str(SPEC_EXAMPLE), AS_OF)
    assert not unreadable(r)
    r.findings.append(finding("E002", "schema", "error", path=("milestones", 1, "due")))
    assert unreadable(r)
    r.charter = None
    r.findings = []
    assert unreadable(r)


@pytest.mark.parametrize("args, words", [
    (["missing.charter.yaml"], "cannot read missing.charter.yaml"),
    (["empty"], "no charters found in empty"),
    ([str(SPEC_EXAMPLE), "--as-of", "tomorrow"], "invalid as-of date"),
    ([str(SPEC_EXAMPLE), "-o", "no/such/folder/x.ics"], "cannot write no/such/folder/x.ics"),
])
def test_usage_errors_are_one_line_and_exit_2(run_pk, tmp_path, args, words):
    (tmp_path / "empty").mkdir()
    out = run_pk("calendar", *args, cwd=tmp_path)
    err = out.stderr.decode()
    assert out.returncode == 2 and words in err and len(err.strip().splitlines()) == 1, err
