"""The HTML report: one self-contained file, charts with text alternatives, everything escaped."""

from __future__ import annotations

import re

import pytest

from partnerkit.core.text import one_line
from partnerkit.report.text import href
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE
from tests.report.helpers import PAYLOADS, Page, hostile, load_data, write_charter

ALLOWED_TAGS = {"html", "head", "meta", "title", "link", "style", "body", "main", "article", "header", "footer", "nav",
                "section", "h1", "h2", "h3", "h4", "p", "span", "strong", "em", "br", "a", "div", "ol", "ul", "li",
                "dl", "dt", "dd", "blockquote", "table", "caption", "thead", "tbody", "tr", "th", "td", "figure",
                "figcaption", "code", "svg", "g", "line", "polyline", "circle", "rect", "text", "tspan", "path"}


def html_report(cli, path, *args) -> str:
    result = cli("report", "--format", "html", "--as-of", AS_OF.isoformat(), *args, path)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_one_self_contained_file(cli):
    html = html_report(cli, SPEC_EXAMPLE)
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.named("script") == [] and page.named("img") == [] and page.named("iframe") == []
    assert len(page.named("style")) == 1
    assert page.named("link") == [{"rel": "icon", "href": "data:,"}]
    assert not re.search(r"\bsrc=|@import|url\(|@font-face", html)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html and "@media (max-width: 640px)" in html and "@page { size: A4;" in html


def test_sections_in_order(cli):
    page = Page(html_report(cli, SPEC_EXAMPLE))
    assert page.headings == [("h1", "Acme × Globex — predictive delivery times"), ("h2", "To discuss"),
                             ("h2", "Health by lesson"), ("h2", "The partnership"), ("h2", "Vision and values"),
                             ("h2", "Hypotheses"), ("h2", "Metrics"), ("h2", "Alignment"), ("h3", "Trend over rounds"),
                             ("h2", "Milestones and decisions"), ("h2", "All findings"), ("h3", "Suppressed")]
    text = re.sub(r"\s+", " ", page.all_text).split("</style>")[-1]
    text = text[text.index("Steering brief ·"):]
    assert "Month 11 of the 30-month horizon" in text
    # the first screen: the verdict with its reason, before the agenda and before the partners
    assert text.index("At risk: 1 decision overdue, 1 metric missed") < text.index("To discuss") \
        < text.index("Ioana Marin")


def test_every_chart_is_an_image_with_a_text_alternative(cli):
    html = html_report(cli, SPEC_EXAMPLE)
    svgs = re.findall(r"<svg\b[^>]*>\s*<title>([^<]+)</title>", html)
    opening = re.findall(r"<svg\b[^>]*>", html)
    assert len(opening) == len(svgs) == 3 + 1  # three metrics, the timeline (the heatmap is a table)
    for tag in opening:
        assert 'role="img"' in tag
        assert re.search(r'aria-label="[^"]{20,}"', tag), tag
    assert "ETA mean absolute error: readings against the straight path from 42 minutes at the start to 25 minutes" in html


def test_chart_numbers_are_also_in_tables(cli):
    page = Page(html_report(cli, SPEC_EXAMPLE))
    cells = [c.strip() for c in page.text]
    for value in ("38", "33", "30", "29", "27", "34", "3,500", "29,486"):  # M2 and M3 readings, path values (rounded)
        assert value in cells
    for score in ("4.5", "4", "2.5"):  # the heatmap's scores
        assert score in cells
    assert "29,485.71" not in html_report(cli, SPEC_EXAMPLE).split("-findings-title")[0]


def test_metric_chart_marks_path_target_and_due(cli):
    html = html_report(cli, SPEC_EXAMPLE)
    m1 = html.split("<title>Pilot shippers onboarded: readings")[1].split("</svg>")[0]
    assert m1.count('class="reading"') == 4
    assert 'class="path"' in m1 and 'class="target"' in m1 and 'class="due"' in m1
    assert "target 5 shippers" in m1 and "due 2026-09-30" in m1
    m2 = html.split("<title>ETA mean absolute error: readings")[1].split("</svg>")[0]
    assert 'class="forecast"' in m2  # the line at this pace, to the due date


def test_trend_chart_from_the_second_pulse_round(cli, tmp_path):
    data = load_data(HEALTHY)
    for entry in list(data["pulse"]):
        data["pulse"].append(dict(entry, date="2026-07-05", scores={k: v - 0.5 for k, v in entry["scores"].items()}))
    html = html_report(cli, write_charter(tmp_path, data))
    assert "Mean pulse score per dimension over 2 rounds" in html
    assert html.count('<polyline class="series"') == 6
    assert "One pulse round so far" in html_report(cli, HEALTHY)


def test_links_only_http_https_and_mailto():
    assert href("elena@example.org") == "mailto:elena@example.org"
    assert href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd",
                "//example.org", "mailto:javascript:alert(1)", "a@b", "x@y.org<script>", "http://"):
        assert href(bad) is None, bad


def test_sponsor_email_and_note_urls_become_links(cli, tmp_path):
    data = load_data(HEALTHY)
    data["metrics"][0]["readings"][0]["note"] = "Protocol at https://example.org/protocol."
    html = html_report(cli, write_charter(tmp_path, data))
    page = Page(html)
    hrefs = [a["href"] for a in page.named("a")]
    assert "mailto:elena.ortiz@example.org" in hrefs
    assert "https://example.org/protocol" in hrefs


@pytest.mark.parametrize("payload", PAYLOADS)
def test_charter_text_never_becomes_markup(cli, tmp_path, payload):
    html = html_report(cli, write_charter(tmp_path, hostile(payload)))
    page = Page(html)
    tags = {tag for tag, _ in page.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert "javascript:" not in (attrs.get("href") or "").lower()
    for attrs in page.named("a"):
        assert attrs["href"].startswith(("https://", "http://", "mailto:", "#", "index.html")), attrs
    assert len(page.named("style")) == 1
    assert one_line(payload) in page.all_text
    # also in the heatmap's dimension names
    heat = html.split('class="heatmap"')[1].split("</table>")[0]
    assert "<script" not in heat and "<img" not in heat and "<svg" not in heat
