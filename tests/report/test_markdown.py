"""The Markdown report: the brief first, sections in order, checked with GitHub's own renderer (cmark-gfm).

Charter text is escaped only where Markdown would misread it: the rendered
text has no stray backslashes, links stay links, every table is a table, and
nothing from a charter becomes markup.
"""

from __future__ import annotations

import re

import pytest

from partnerkit.api import load
from partnerkit.judge import metrics as analysis
from partnerkit.judge.health import status_of
from partnerkit.report.text import md
from partnerkit.core.text import one_line
from partnerkit.rules import thresholds
from tests.conftest import AS_OF, EXAMPLES, HEALTHY, SPEC_EXAMPLE
from tests.report.helpers import PAYLOADS, Page, hostile, load_data, markdown_html, pipe_rows, table_shapes, \
    write_charter

SECTIONS = ["To discuss", "Health by lesson", "The partnership", "Vision and values", "Hypotheses", "Metrics",
            "Alignment", "Milestones and decisions", "All findings"]


def report(cli, *args) -> str:
    result = cli("report", "--as-of", AS_OF.isoformat(), *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def headings(text: str, level: int) -> list[str]:
    return [line[level + 1:] for line in text.splitlines() if line.startswith("#" * level + " ")]


def test_sections_come_in_the_documented_order(cli):
    text = report(cli, SPEC_EXAMPLE)
    assert headings(text, 1) == ["Acme × Globex — predictive delivery times"]
    assert headings(text, 2) == SECTIONS


def test_the_brief_opens_with_the_verdict_and_its_reason(cli):
    lines = report(cli, SPEC_EXAMPLE).splitlines()
    assert lines[2] == ("🔴 **At risk:** 1 decision overdue, 1 metric missed, 1 outcome behind near its due date, "
                        "1 tension neglected.")
    assert lines[4] == "Steering brief as of 2026-11-15 · month 11 of 30 · pilot phase"
    assert lines[6] == "## To discuss"
    assert report(cli, HEALTHY).splitlines()[2].startswith("🟢 **On track:** nothing pressing.")


def test_the_partnership_names_the_month_of_the_horizon_and_what_it_means(cli):
    text = report(cli, SPEC_EXAMPLE)
    assert "**Month 11 of the 30-month horizon.**" in text
    assert "judge the partnership by its interim metrics" in text
    assert "| Acme Logistics | Ioana Marin, Chief Innovation Officer | Radu Ene, Partnership Manager |" in text
    assert "co-innovation · phase pilot" in text


def test_every_table_keeps_its_column_count(cli, tmp_path):
    texts = [report(cli, SPEC_EXAMPLE), report(cli, HEALTHY)]
    for i, payload in enumerate(PAYLOADS):
        texts.append(report(cli, write_charter(tmp_path, hostile(payload), f"c{i}.charter.yaml")))
    for text in texts:
        shapes = table_shapes(text)
        assert len(shapes) >= 8
        for rows in shapes:
            assert len(set(rows)) == 1, rows  # every row as wide as the header
        # no row fell out of its table: every pipe line of the source is a row of a parsed table
        assert sum(len(rows) for rows in shapes) + len(shapes) == pipe_rows(text)
        # and GitHub's renderer makes each of them a table
        assert markdown_html(text).count("<table>") == len(shapes)


@pytest.mark.parametrize("charter", [SPEC_EXAMPLE, HEALTHY])
def test_no_escape_shows_on_github(cli, charter):
    text = report(cli, charter)
    shown = Page(markdown_html(text)).all_text
    assert "\\" not in shown
    # and pasted as plain text, ordinary prose carries no backslashes either
    assert "\\(" not in text and "\\_" not in text and "held\\_by" not in text


def test_prose_is_not_escaped_but_markup_is(cli, tmp_path):
    data = load_data(HEALTHY)
    data["vision"]["statement"] = "By 2028 (see held_by), 3 * 4 fields; _not emphasis_ and [a](b)."
    data["metrics"][0]["readings"][0]["note"] = "Protocol at https://example.org/soil_carbon/v_2 now."
    text = report(cli, write_charter(tmp_path, data))
    assert "> By 2028 (see held_by), 3 * 4 fields; \\_not emphasis\\_ and [a\\](b)." in text
    page = Page(markdown_html(text))
    assert "By 2028 (see held_by), 3 * 4 fields; _not emphasis_ and [a](b)." in page.all_text
    assert {"href": "https://example.org/soil_carbon/v_2"} in page.named("a")  # the link keeps its underscores


@pytest.mark.parametrize("payload", PAYLOADS)
def test_charter_text_never_becomes_markup(cli, tmp_path, payload):
    text = report(cli, write_charter(tmp_path, hostile(payload)))
    page = Page(markdown_html(text))
    made = {tag for tag, _ in page.tags}
    assert made <= {"h1", "h2", "h3", "p", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "ol", "ul",
                    "li", "blockquote", "hr", "code", "a"}, made
    for attrs in page.named("a"):
        assert attrs["href"].startswith(("http://", "https://", "mailto:")), attrs
    assert all(not a.startswith("on") for _, attrs in page.tags for a in attrs)
    assert one_line(payload).strip() in page.all_text  # shown as the text it is


def test_links_only_for_email_addresses_and_web_addresses(cli, tmp_path):
    text = report(cli, HEALTHY)
    assert "[Elena Ortiz](mailto:elena.ortiz@example.org)" in text
    hostile_text = report(cli, write_charter(tmp_path, hostile("javascript:alert(1)")))
    assert "](javascript" not in hostile_text and "mailto:javascript" not in hostile_text


def test_metric_status_is_the_rules_own(cli):
    text = report(cli, SPEC_EXAMPLE)
    charter = load(str(SPEC_EXAMPLE), as_of=AS_OF)
    for m in charter.metrics:
        row = next(line for line in text.splitlines() if line.startswith(f"| {m.id} "))
        expected = analysis.status(m, charter, AS_OF, thresholds())
        assert f" {expected} |" in row
    assert ("| M1 Pilot shippers onboarded (shippers) | interim | 0 | 3 (2026-08-31) | 5 | 2026-09-30 | 🔴 missed | "
            "▲ +1 since 2026-07-31, better |") in text
    # M3: an outcome far below its path is the expected lag before the horizon, but not 46 days before its due date.
    assert "| M3 ETA subscription revenue (EUR per month) | outcome | 0 | 3,500 (2026-09-30) | 40,000 | 2026-12-31 | 🔴 at risk |" in text


def test_numbers_are_rounded_to_the_metric_s_own_precision(cli):
    text = report(cli, SPEC_EXAMPLE)
    assert "| 2026-09-30 | 3,500 | 29,486 |  |" in text  # M3 is written in whole euros
    assert "29,485.71" not in text.split("## All findings")[0]
    assert "expected 29,486 EUR per month" in text


def test_metrics_show_trend_forecast_and_change_since_last_report(cli):
    text = report(cli, "--previous", SPEC_EXAMPLE, SPEC_EXAMPLE)
    m2 = text.split("**M2 ETA mean absolute error**")[1].split("| Date |")[0]
    assert "- Since the last report: no new reading (27 minutes); still on track." in m2
    assert "- At this pace: 23 minutes of 25 by 2026-12-31, reaching the target (a straight line through the last 4 " \
           "readings)." in m2
    m3 = text.split("**M3 ETA subscription revenue**")[1].split("| Date |")[0]
    assert "too few readings to forecast" in m3


def test_metrics_list_interim_before_outcome(cli):
    text = report(cli, SPEC_EXAMPLE)
    rows = [line.split(" | ")[1] for line in text.splitlines() if re.match(r"\| M\d ", line)]
    assert rows[:3] == ["interim", "interim", "outcome"]


def test_to_discuss_puts_decisions_first_with_owner_date_and_kill_conditions(cli):
    text = report(cli, SPEC_EXAMPLE)
    section = text.split("## To discuss")[1].split("## Health by lesson")[0]
    items = re.findall(r"^\d+\. \S+ \*\*(?:Urgent · )?([^:]+): (.+?)\*\*", section, re.M)
    assert [label for label, _ in items] == ["Decide", "Unblock", "Course-correct", "Course-correct", "Re-plan",
                                             "Realign", "Realign"]
    assert items[0][1] == "G1 Pilot go / no-go"
    assert items[1][1].startswith("T1")
    assert items[2][1].startswith("M1 Pilot shippers onboarded")
    assert items[3][1].startswith("M3 ETA subscription revenue")
    assert items[4][1].startswith("H1")
    first = section.split("\n2. ")[0]
    assert "decision overdue by 31 days" in first and "Owner: Globex Analytics (owns M2). Due: 2026-10-15." in first
    assert "    - Not met: M2 ETA mean absolute error above 30 minutes (27 minutes on 2026-10-31)" in first
    assert "(A009)" in section and "(A011)" in section
    # alignment gaps of one kind are one item, each gap listed under it
    assert "**Realign: Level gaps** — 3 in the latest pulse. (A009)\n\n    - acme: executives score priorities 4.5" in section
    assert section.count("**Urgent · ") == 4


def test_health_follows_the_agenda(cli):
    text = report(cli, SPEC_EXAMPLE)
    assert "| V Vision, values and culture | 🟡 watch | 1 warning (2 suppressed) | V004 |" in text
    assert "| D Discovery | 🟡 watch | 3 warnings | D002, D004, D005 |" in text
    # one warning, but the overdue go / no-go is an urgent item of lesson 5
    assert "| C Community and commitment | 🔴 at risk | 1 warning, 1 note; 1 urgent item to discuss | C003, C006 |" in text
    healthy = report(cli, HEALTHY)
    assert healthy.count("🟢 healthy | no findings") == 5


@pytest.mark.parametrize("errors, warnings, urgent, flagged, status", [
    (0, 0, 0, 0, "healthy"), (0, 1, 0, 0, "watch"), (0, 5, 0, 0, "watch"), (0, 0, 0, 1, "watch"),
    (0, 0, 1, 1, "at risk"), (1, 0, 0, 0, "at risk"), (0, 1, 1, 1, "at risk")])
def test_health_status_rule(errors, warnings, urgent, flagged, status):
    assert status_of(errors, warnings, urgent, flagged) == status


def test_findings_and_suppressions_with_reasons(cli):
    text = report(cli, SPEC_EXAMPLE)
    findings = text.split("## All findings")[1]
    assert "0 errors, 14 warnings, 2 notes; 2 suppressed." in findings
    assert "| M009 target-missed | warning | metric `M1` missed its target" in findings
    assert "line 152, metric `M1`, reading 4 |" in findings  # places in words, counting from 1
    assert "Each partner's own values were discussed on 2026-02-10" in findings


def test_portfolio_in_markdown_renders_on_github(cli, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    text = report(cli, "examples")
    page = Page(markdown_html(text))
    assert "\\" not in page.all_text
    assert markdown_html(text).count("<table>") == len(table_shapes(text))


def test_escaping_of_single_values():
    assert md("a|b") == "a\\|b"
    assert md("line one\nline two") == "line one line two"
    assert md("- item") == "\\- item" and md("1. first") == "1\\. first" and md("---") == "\\-\\-\\-"
    assert md("+ more") == "\\+ more" and md("# title") == "\\# title" and md("> quote") == "\\> quote"
    assert md("-5 and 3.5") == "-5 and 3.5"
    assert md("<b>*x*</b>") == "\\<b>\\*x\\*\\</b>"
    assert md("held_by (2028-10-01) 3 * 4 #1 + 2!") == "held_by (2028-10-01) 3 * 4 #1 + 2!"
    assert md("_x_ and __y__") == "\\_x\\_ and \\_\\_y\\_\\_"
    assert md("[a](b) ![c](d) [e][f]") == "\\[a\\](b) ![c\\](d) [e\\][f]"
    assert md("`code` ~gone~ &amp; a\\b c\\*") == "\\`code\\` \\~gone\\~ \\&amp; a\\b c\\\\\\*"
    assert md("costs $5") == "costs $5" and md("$x$ and $y") == "\\$x\\$ and \\$y"
    assert md("see https://x.org/a_b_(c)") == "see https://x.org/a_b_(c)"
    assert md("see https://x.org/*a*|b") == "see <https://x.org/*a*%7Cb>"
