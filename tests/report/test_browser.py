"""The HTML report in a real browser (Debian's Chromium, driven by playwright), fully offline.

Each page is loaded from a file:// URL with the network switched off: no console error, no request other
than file: or data:, the expected headings, every chart visible, and a full-page screenshot kept under
tests/artifacts/ for people to look at. Charters full of hostile text must stay text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from partnerkit.report.text import one_line
from tests.conftest import AS_OF, EXAMPLES, HEALTHY, ROOT, SPEC_EXAMPLE
from tests.report.helpers import PAYLOADS, hostile, write_charter

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"
SECTIONS = ["To discuss", "Health by lesson", "Vision and values", "Hypotheses", "Metrics", "Alignment",
            "Milestones and decisions", "All findings"]
# What a payload could create if it ever became markup.
FOREIGN = "script, img, iframe, object, embed, math, video, audio, source, form, input, button, foreignObject, " \
          "svg:not(.chart), style:not(:first-of-type), link:not([rel=icon]), base, meta[http-equiv]"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM}")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One page load with everything the page did recorded."""

    def __init__(self, browser, path: Path, width: int = 1280):
        self.context = browser.new_context(offline=True, viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri(), wait_until="load")

    def close(self):
        self.context.close()

    def check_clean(self):
        assert self.errors == []
        assert self.requests and all(url.startswith(("file:", "data:")) for url in self.requests), self.requests
        assert self.dialogs == []

    def headings(self, selector: str = "h1, h2, h3") -> list[str]:
        return [t.strip() for t in self.page.locator(selector).all_inner_texts()]

    def check_charts(self) -> int:
        charts = self.page.locator("svg")
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            assert chart.is_visible()
            box = chart.bounding_box()
            assert box and box["width"] > 50 and box["height"] > 50, box
            assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
        return charts.count()

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def render(cli, path, out: Path, *args) -> Path:
    result = cli("report", "--format", "html", "--as-of", AS_OF.isoformat(), *args, path, "-o", out)
    assert result.exit_code == 0, result.output
    return out / "index.html" if out.is_dir() else out


@pytest.mark.parametrize("charter, shot, charts", [(SPEC_EXAMPLE, "report-example.png", 5),
                                                   (HEALTHY, "report-healthy.png", 6)])
def test_report_in_the_browser(browser, cli, tmp_path, charter, shot, charts):
    visit = Visit(browser, render(cli, charter, tmp_path / "report.html"))
    try:
        visit.check_clean()
        assert [h for h in visit.headings("h2") if h in SECTIONS] == SECTIONS
        assert visit.check_charts() == charts
        visit.screenshot(shot)
    finally:
        visit.close()


def test_report_on_a_narrow_screen(browser, cli, tmp_path):
    visit = Visit(browser, render(cli, SPEC_EXAMPLE, tmp_path / "report.html"), width=390)
    try:
        visit.check_clean()
        # nothing but the tables and charts made to scroll sideways is wider than the screen
        assert visit.page.evaluate("document.documentElement.scrollWidth") <= 390
        visit.screenshot("report-example-narrow.png")
    finally:
        visit.close()


def test_portfolio_in_the_browser(browser, cli, tmp_path):
    index = render(cli, EXAMPLES, tmp_path / "site")
    visit = Visit(browser, index)
    try:
        visit.check_clean()
        assert visit.headings("h1") == ["Partnerships in examples"]
        assert visit.page.locator("table.portfolio tbody tr").count() == 2
        visit.screenshot("portfolio-index.png")
        visit.page.get_by_role("link", name="Acme × Globex — predictive delivery times").click()
        visit.page.wait_for_load_state("load")
        assert visit.page.url.endswith("/acme-globex-eta.html")
        assert visit.headings("h1") == ["Acme × Globex — predictive delivery times"]
        assert visit.check_charts() == 5
        visit.check_clean()
    finally:
        visit.close()
    single = render(cli, EXAMPLES, tmp_path / "portfolio.html")
    visit = Visit(browser, single)
    try:
        visit.check_clean()
        assert visit.headings("h2") == ["Summary", "Acme × Globex — predictive delivery times",
                                        "Northwind × UniLab — soil-carbon sensing"]
        assert visit.check_charts() == 11
        visit.screenshot("portfolio-one-file.png")
    finally:
        visit.close()


def test_hostile_text_stays_text(browser, cli, tmp_path):
    for i, payload in enumerate(PAYLOADS):
        path = render(cli, write_charter(tmp_path, hostile(payload), f"c{i}.charter.yaml"), tmp_path / f"r{i}.html")
        visit = Visit(browser, path)
        try:
            page = visit.page
            page.mouse.move(400, 300)
            page.mouse.wheel(0, 4000)
            visit.check_clean()
            assert page.locator(FOREIGN).count() == 0, payload
            assert page.evaluate("""() => [...document.querySelectorAll('*')].filter(
                e => [...e.attributes].some(a => a.name.startsWith('on'))).length""") == 0, payload
            hrefs = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.protocol)")
            assert set(hrefs) <= {"mailto:", "http:", "https:", "file:"}, (payload, hrefs)
            title = page.locator("h1")
            assert title.is_visible() and title.inner_text() == one_line(payload)
            # in SVG too: the heatmap's dimension labels show the payload as text
            labels = page.locator("svg.heatmap text.colhead title").all_text_contents()
            words = " ".join(payload.split())
            assert len(labels) == 6 and all(" ".join(label.split()).startswith(words) for label in labels)
            if i == 0:
                visit.screenshot("report-hostile.png")
        finally:
            visit.close()
