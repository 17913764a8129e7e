"""The Markdown report: sections in order, GitHub-safe tables, escaping, statuses shared with the rules."""

from __future__ import annotations

import re

import pytest

from partnerkit.judge import metrics as analysis
from partnerkit.api import load
from partnerkit.report.health import status_of
from partnerkit.report.text import md, one_line
from partnerkit.rules import thresholds
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE
from tests.report.helpers import PAYLOADS, Page, hostile, markdown_html, pipe_rows, table_shapes, write_charter

SECTIONS = ["To discuss", "Health by lesson", "Vision and values", "Hypotheses", "Metrics", "Alignment",
            "Milestones and decisions", "All findings"]


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


def test_header_names_the_month_of_the_horizon_and_what_it_means(cli):
    text = report(cli, SPEC_EXAMPLE)
    assert "**Month 11 of the 30-month horizon.**" in text
    assert "judge the partnership by its interim metrics" in text
    assert "| Acme Logistics | Ioana Marin, Chief Innovation Officer | Radu Ene, Partnership Manager |" in text
    assert "co\\-innovation" not in text and "co-innovation" in text and "phase pilot" in text


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
    assert one_line(payload) in page.all_text  # shown as the text it is


def test_links_only_for_email_addresses(cli, tmp_path):
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
        assert row.rstrip(" |").endswith(" " + expected)
    assert "M1 Pilot shippers onboarded (shippers) | interim | 0 | 3 (2026-08-31) | 5 | 2026-09-30 | 🔴 missed" in text
    # M3: an outcome far below its path is the expected lag before the horizon, but not 46 days before its due date.
    assert "M3 ETA subscription revenue (EUR per month) | outcome | 0 | 3,500 (2026-09-30) | 40,000 | 2026-12-31 | 🔴 at risk" in text


def test_metrics_list_interim_before_outcome(cli):
    text = report(cli, SPEC_EXAMPLE)
    rows = [line.split(" | ")[1] for line in text.splitlines() if re.match(r"\| M\d ", line)]
    assert rows[:3] == ["interim", "interim", "outcome"]


def test_to_discuss_puts_the_most_pressing_first(cli):
    text = report(cli, SPEC_EXAMPLE)
    section = text.split("## To discuss")[1].split("## Health by lesson")[0]
    items = re.findall(r"^\d+\. \S+ \*\*([^:]+): (.+?)\*\*", section, re.M)
    assert [label for label, _ in items] == ["Decide", "Unblock", "Course-correct", "Course-correct", "Re-plan", "Realign",
                                             "Realign", "Realign", "Realign"]
    assert items[0][1] == "G1 Pilot go / no-go"
    assert items[1][1].startswith("T1")
    assert items[2][1].startswith("M1 Pilot shippers onboarded")
    assert items[3][1].startswith("M3 ETA subscription revenue")
    assert items[4][1].startswith("H1")
    assert "(A009)" in section and "(A011)" in section


def test_health_by_lesson(cli):
    text = report(cli, SPEC_EXAMPLE)
    assert "| V Vision, values and culture | 🟡 watch | 1 warning (2 suppressed) | V004 |" in text
    assert "| D Discovery | 🔴 at risk | 3 warnings | D002, D004, D005 |" in text
    assert "| C Community and commitment | 🟡 watch | 1 warning, 1 note | C003, C006 |" in text
    healthy = report(cli, HEALTHY)
    assert healthy.count("🟢 healthy | no findings") == 5


@pytest.mark.parametrize("errors, warnings, status", [(0, 0, "healthy"), (0, 1, "watch"), (0, 2, "watch"),
                                                       (0, 3, "at risk"), (1, 0, "at risk")])
def test_health_status_rule(errors, warnings, status):
    assert status_of(errors, warnings) == status


def test_findings_and_suppressions_with_reasons(cli):
    text = report(cli, SPEC_EXAMPLE)
    findings = text.split("## All findings")[1]
    assert "0 errors, 14 warnings, 2 notes; 2 suppressed." in findings
    assert "| M009 target-missed | warning | metric `M1` missed its target" in findings
    assert "Each partner's own values were discussed on 2026-02-10" in findings


def test_escaping_of_single_values():
    assert md("a|b") == "a\\|b"
    assert md("line one\nline two") == "line one line two"
    assert md("- item") == "\\- item" and md("1. first") == "1\\. first" and md("---") == "\\-\\-\\-"
    assert md("-5 and 3.5") == "-5 and 3.5"
    assert md("<b>*x*</b>") == "\\<b\\>\\*x\\*\\</b\\>"
