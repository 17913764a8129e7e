"""`partnerkit calendar` on the worked example: every event checked against the charter."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.calendar.helpers import CHARTER_ID, by_uid, day, events_of, example, parse
from tests.conftest import AS_OF, SPEC_EXAMPLE

# Every event of the worked example at 2026-11-15: uid (without the domain) -> its date.
EXPECTED = {
    "G1.gate": date(2026, 10, 15),
    "G1.gate-overdue": AS_OF,  # pending and past due: shown today too
    "G2.gate": date(2027, 6, 30),
    "H1.hypothesis": date(2026, 9, 30),
    "H1.hypothesis-overdue": AS_OF,  # still testing after its due date
    "H3.hypothesis": date(2027, 3, 31),
    "M2.metric": date(2026, 12, 31),
    "M3.metric": date(2026, 12, 31),
    "review": date(2026, 11, 27),  # review.last 2026-10-28 + 30 days (monthly), the date A008 judges by
    "pulse": date(2026, 12, 31),  # latest pulse 2026-10-01 + 91 days (quarterly feedback)
}


@pytest.fixture(scope="module")
def worked(tmp_path_factory):
    """The worked example's calendar, written by the installed command with -o."""
    from tests.conftest import partnerkit_exe

    out_file = tmp_path_factory.mktemp("cal") / "acme.ics"
    proc = subprocess.run([*partnerkit_exe(), "calendar", str(SPEC_EXAMPLE), "-o", str(out_file),
                           "--as-of", AS_OF.isoformat()], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc, out_file.read_bytes()


def test_every_dated_item_is_an_event_on_its_date(worked):
    proc, data = worked
    events = by_uid(parse(data))
    assert {uid.removeprefix(CHARTER_ID + "."): day(e) for uid, e in events.items()} == EXPECTED
    assert proc.stderr.strip() == f"Wrote {proc.args[-3]}: 10 events from 1 charter."
    for e in events.values():
        assert e.decoded("DTSTAMP") == datetime(2026, 11, 15, tzinfo=timezone.utc)
        assert e.decoded("DTEND") == day(e) + timedelta(days=1)  # all day


def test_gates_are_decisions_with_their_kill_criteria_as_people_read_them(worked):
    events = by_uid(parse(worked[1]))
    g1 = events[f"{CHARTER_ID}.G1.gate"]
    assert str(g1["SUMMARY"]) == "Gate G1: Pilot go / no-go — decide"
    text = str(g1["DESCRIPTION"])
    assert "- Fewer than 3 pilot shippers renew" in text
    assert "- M2 ETA mean absolute error above 30 minutes" in text
    assert "C003 warning" in text and "31 days overdue" in text  # its open finding
    g2 = str(events[f"{CHARTER_ID}.G2.gate"]["DESCRIPTION"])
    assert "- M3 ETA subscription revenue below 10,000 EUR per month from 2027-06-30" in g2
    assert "C003" not in g2


def test_overdue_items_also_show_on_the_as_of_date(worked):
    events = by_uid(parse(worked[1]))
    gate = events[f"{CHARTER_ID}.G1.gate-overdue"]
    assert str(gate["SUMMARY"]) == "Gate G1: Pilot go / no-go — decide (overdue since 2026-10-15)"
    assert str(gate["DESCRIPTION"]).startswith("Overdue since 2026-10-15.\n")
    hyp = events[f"{CHARTER_ID}.H1.hypothesis-overdue"]
    assert "(overdue since 2026-09-30)" in str(hyp["SUMMARY"])
    assert "D004 warning" in str(hyp["DESCRIPTION"])
    assert not any(uid.endswith("-overdue") for uid in events if ".G2." in uid or ".H3." in uid)


def test_descriptions_carry_details_and_only_their_own_active_findings(worked):
    events = by_uid(parse(worked[1]))
    h1 = str(events[f"{CHARTER_ID}.H1.hypothesis"]["DESCRIPTION"])
    for needle in ("Mid-size shippers will pay", "Status: testing", "Test: Paid pilot with 5 shippers",
                   "Confidence: acme 0.8, globex 0.4", "D004 warning", "D005 warning", "hint: "):
        assert needle in h1, needle
    assert "D002" not in h1  # H3's finding stays on H3
    assert "D002 warning" in str(events[f"{CHARTER_ID}.H3.hypothesis"]["DESCRIPTION"])
    m3 = str(events[f"{CHARTER_ID}.M3.metric"]["DESCRIPTION"])
    assert "Target: 40,000 EUR per month by 2026-12-31" in m3 and "M002 warning" in m3
    pulse = str(events[f"{CHARTER_ID}.pulse"]["DESCRIPTION"])
    assert pulse.count("A009 warning") == 3 and "A011 info" in pulse
    everything = worked[1].decode()
    assert "V006" not in everything  # suppressed in the charter: not an open finding
    assert "A014" not in everything  # a tension is not a dated item


def test_missed_metric_due_date_and_decided_items_give_no_event(worked):
    events = by_uid(parse(worked[1]))
    assert not [uid for uid in events if ".M1." in uid]  # due 2026-09-30, passed: M009's business, not a date ahead
    assert not [uid for uid in events if ".H2." in uid]  # validated


def test_the_review_recurs_monthly_from_its_next_date(worked):
    import recurring_ical_events

    cal = parse(worked[1])
    review = by_uid(cal)[f"{CHARTER_ID}.review"]
    assert review["RRULE"].to_ical() == b"FREQ=MONTHLY"
    assert str(review["SUMMARY"]) == "Steering review: Acme × Globex — predictive delivery times"
    found = [e.decoded("DTSTART") for e in recurring_ical_events.of(cal).between(date(2026, 11, 1), date(2027, 3, 1))
             if str(e["UID"]) == f"{CHARTER_ID}.review@partnerkit"]
    assert found == [date(2026, 11, 27), date(2026, 12, 27), date(2027, 1, 27), date(2027, 2, 27)]


def test_what_a_calendar_application_shows_on_given_days(worked):
    import recurring_ical_events

    query = recurring_ical_events.of(parse(worked[1]))

    def titles(day):
        return sorted(str(e["SUMMARY"]) for e in query.at(day))

    assert titles(AS_OF) == ["Gate G1: Pilot go / no-go — decide (overdue since 2026-10-15)",
                             "Hypothesis H1 due: Mid-size shippers will pay for predicted delivery times. "
                             "(overdue since 2026-09-30)"]
    assert titles(date(2027, 6, 30)) == ["Gate G2: Commercial launch decision — decide"]
    assert titles(date(2026, 12, 27)) == ["Steering review: Acme × Globex — predictive delivery times"]
    assert len(titles(date(2026, 12, 31))) == 3  # M2, M3 and the pulse round


def test_rerun_gives_the_same_bytes_on_stdout_and_in_a_file(run_pk, tmp_path, worked):
    first = run_pk("calendar", SPEC_EXAMPLE, "--as-of", AS_OF.isoformat())
    second = run_pk("calendar", SPEC_EXAMPLE, "--as-of", AS_OF.isoformat())
    assert first.returncode == 0 and first.stdout == second.stdout == worked[1]
    assert first.stdout.startswith(b"BEGIN:VCALENDAR\r\n") and first.stdout.endswith(b"END:VCALENDAR\r\n")
    later = run_pk("calendar", SPEC_EXAMPLE, "--as-of", "2026-11-16").stdout
    assert b"DTSTAMP:20261116T000000Z" in later and later != first.stdout


def test_as_of_from_the_environment_and_a_date_ahead_of_every_due_date(run_pk):
    out = run_pk("calendar", SPEC_EXAMPLE, env={"PARTNERKIT_AS_OF": "2026-09-01"})
    events = by_uid(parse(out.stdout))
    assert f"{CHARTER_ID}.M1.metric" in events  # 2026-09-30 not yet reached
    assert not [uid for uid in events if uid.endswith("-overdue")]


def test_due_today_is_not_overdue(run_pk):
    events = events_of(run_pk, SPEC_EXAMPLE, date(2026, 10, 15))
    assert day(events[f"{CHARTER_ID}.G1.gate"]) == date(2026, 10, 15)
    assert f"{CHARTER_ID}.G1.gate-overdue" not in events


def test_no_cadence_no_event_and_no_pulse_yet_counts_from_the_start(run_pk, tmp_path):
    path = example(tmp_path, {"review:\n  cadence: monthly\n  last: 2026-10-28\n": "",
                              "    cadence: quarterly\n    anonymous: true\n": "    anonymous: true\n"})
    uids = set(events_of(run_pk, path))
    assert f"{CHARTER_ID}.review" not in uids and f"{CHARTER_ID}.pulse" not in uids
    no_pulse = example(tmp_path, {"\npulse:\n": "\nx-pulse:\n"}, name="nopulse.charter.yaml")
    events = events_of(run_pk, no_pulse)
    assert day(events[f"{CHARTER_ID}.pulse"]) == date(2026, 4, 16)  # started 2026-01-15 + 91 days
    overdue = events[f"{CHARTER_ID}.pulse-overdue"]
    assert day(overdue) == AS_OF and "no round recorded yet" in str(overdue["DESCRIPTION"])


def test_a_decided_gate_has_no_event(run_pk, tmp_path):
    path = example(tmp_path, {"    decision: pending               # lint: decision overdue (C003)\n":
                              "    decision: continue\n    decided_on: 2026-10-20\n"})
    uids = set(events_of(run_pk, path))
    assert not [u for u in uids if ".G1." in u] and f"{CHARTER_ID}.G2.gate" in uids


def test_other_commands_do_not_import_icalendar(tmp_path):
    for args in (["--version"], ["lint", str(SPEC_EXAMPLE), "--as-of", AS_OF.isoformat()]):
        code = (f"import sys; sys.argv=['partnerkit', *{args!r}]\n"
                "from partnerkit.cli import main\n"
                "try: main()\nexcept SystemExit: pass\n"
                "print('ICAL', any(k == 'icalendar' or k.startswith('icalendar.') for k in sys.modules))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path).stdout
        assert out.strip().endswith("ICAL False"), (args, out)


def test_documented_where_users_look():
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "calendar.md").read_text(encoding="utf-8")
    for needle in ("acme-globex-eta.G1.gate@partnerkit", "gate-overdue", "overdue since", "DTSTAMP", "Outlook",
                   "Google Calendar", "Subscribe from web", "From URL", "FREQ=MONTHLY", "M009"):
        assert needle in doc, needle
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ("| `partnerkit calendar [PATH]` |", "uses: partnerkit/partnerkit@v1", "pipx install partnerkit"):
        assert needle in readme, needle
