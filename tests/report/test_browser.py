"""The HTML report in a real browser (Debian's Chromium, driven by playwright), fully offline, measured as a busy
executive would use it: on a laptop (1280×800), on a phone (390×844) and on paper (A4).

Each page is loaded from a file:// URL with the network switched off: no console error, no request other than
file: or data:. The first screen holds the title, the verdict and the start of the agenda; on a phone nothing is
wider than the screen and no text is smaller than 11 px as displayed (chart labels included); axe-core finds no
violation; printed to A4 the agenda is on page 1 and no page but the last is less than half full. Screenshots and
PDFs are kept under tests/artifacts/ for people to look at. Charters full of hostile text must stay text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from partnerkit.core.text import one_line
from tests.conftest import AS_OF, EXAMPLES, HEALTHY, ROOT, SPEC_EXAMPLE
from tests.generated import corpus
from tests.report.helpers import PAYLOADS, hostile, write_charter

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"
LAPTOP, PHONE = (1280, 800), (390, 844)
SECTIONS = ["To discuss", "Health by lesson", "The partnership", "Vision and values", "Hypotheses", "Metrics",
            "Alignment", "Milestones and decisions", "All findings"]
# What a payload could create if it ever became markup.
FOREIGN = "script, img, iframe, object, embed, math, video, audio, source, form, input, button, foreignObject, " \
          "svg:not(.chart), style:not(:first-of-type), link:not([rel=icon]), base, meta[http-equiv]"
# Every piece of visible text with its size as displayed: SVG text is scaled with its chart.
TEXT_SIZES = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('title, style')) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === 'hidden') continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) size *= el.getScreenCTM().a;
    out.push([Math.round(size * 100) / 100, node.textContent.trim().slice(0, 40)]);
  }
  return out;
}"""
# Elements that scroll sideways because their content is wider than they are.
SCROLLERS = """() => [...document.querySelectorAll('*')].filter(e => {
  const o = getComputedStyle(e).overflowX;
  return (o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1;
}).map(e => e.className || e.tagName)"""
DECISIONS = "ol.agenda, table.metrics-summary, ul.gates, table.portfolio, .verdict"

pytestmark = [pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM}"),
              pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Visit:
    """One page load with everything the page did recorded."""

    def __init__(self, browser, path: Path, size: tuple[int, int] = LAPTOP):
        self.context = browser.new_context(offline=True, viewport={"width": size[0], "height": size[1]})
        self.page = self.context.new_page()
        self.size = size
        self.errors, self.requests, self.dialogs = [], [], []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.resolve().as_uri(), wait_until="load")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
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

    def top(self, selector: str) -> float:
        return self.page.locator(selector).first.bounding_box()["y"]

    def check_first_screen(self):
        """The title, the verdict and the first agenda item (its heading line at least) without scrolling."""
        height = self.size[1]
        assert self.page.locator("h1").first.bounding_box()["y"] < height / 4
        verdict = self.page.locator(".verdict").first.bounding_box()
        assert verdict["y"] + verdict["height"] < height
        first = self.page.locator("ol.agenda > li, .calm-note").first.bounding_box()
        assert first["y"] + 60 < height, first  # the first item's head and status line show
        return first["y"]

    def check_phone(self):
        assert self.page.evaluate("document.documentElement.scrollWidth") <= self.size[0]
        sizes = self.page.evaluate(TEXT_SIZES)
        small = [(s, t) for s, t in sizes if s < 11]
        assert len(sizes) > 50 and small == [], small[:10]
        scrolling = self.page.evaluate(SCROLLERS)
        inside = self.page.evaluate(f"""() => [...document.querySelectorAll('*')].filter(e => {{
            const o = getComputedStyle(e).overflowX;
            return (o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1
                && e.querySelector('{DECISIONS}');
        }}).length""")
        assert inside == 0, scrolling

    def check_axe(self):
        from axe_playwright_python.sync_playwright import Axe

        found = Axe().run(self.page).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in found] == []

    def screenshot(self, name: str, full: bool = False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=full)

    def pdf(self, name: str) -> list[float]:
        """Print to A4 as the browser does; how full each page is, as a share of its height."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.emulate_media(media="print")
        path.write_bytes(self.page.pdf(format="A4", print_background=True))
        return pdf_fullness(path)


def pdf_fullness(path: Path) -> list[float]:
    """Per page, how far down its last mark is (pdftoppm at 30 dpi, grey; a row with a pixel darker than 240)."""
    if shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftoppm, pdftotext) is not installed: the printed pages cannot be measured")
    out = path.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(path), str(out)], check=True, timeout=120)
    pages = sorted(out.parent.glob(out.name + "-*.pgm"))
    full = []
    for page in pages:
        data = page.read_bytes()
        magic, dims, depth, pixels = data.split(b"\n", 3)
        width, height = map(int, dims.split())
        last = max((y for y in range(height) if min(pixels[y * width:(y + 1) * width]) < 240), default=0)
        full.append(last / height)
        page.unlink()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), f"{out}-page"], check=True, timeout=120)  # to look at
    return full


def pdf_page_text(path: Path, number: int) -> str:
    done = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def render(cli, path, out: Path, *args, code: int = 0) -> Path:
    result = cli("report", "--format", "html", "--as-of", AS_OF.isoformat(), *args, path, "-o", out)
    assert result.exit_code == code, result.output
    return out / "index.html" if out.is_dir() else out


@pytest.fixture(scope="module")
def fifty(tmp_path_factory):
    """A 50-charter portfolio of varied, coherent charters, written as a site."""
    from typer.testing import CliRunner

    from partnerkit.cli import app

    folder = tmp_path_factory.mktemp("fifty")
    charters = folder / "partnerships"
    charters.mkdir()
    for i, text in enumerate(corpus(50, seed=7)):
        (charters / f"p{i:02d}.charter.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["report", "--format", "html", "--as-of", AS_OF.isoformat(), str(charters),
                                      "-o", str(folder / "site")])
    assert result.exit_code in (0, 1), result.output
    return folder / "site"


@pytest.mark.parametrize("charter, name, charts", [(SPEC_EXAMPLE, "example", 4), (HEALTHY, "healthy", 5)])
def test_report_in_the_browser(browser, cli, tmp_path, charter, name, charts):
    with Visit(browser, render(cli, charter, tmp_path / "report.html")) as visit:
        visit.check_clean()
        assert [h for h in visit.headings("h2") if h in SECTIONS] == SECTIONS
        assert visit.check_charts() == charts
        visit.screenshot(f"report-{name}-full.png", full=True)


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_the_first_screen_holds_the_verdict_and_the_agenda(browser, cli, tmp_path, size):
    with Visit(browser, render(cli, SPEC_EXAMPLE, tmp_path / "report.html"), size) as visit:
        visit.check_first_screen()
        assert visit.page.locator(".verdict").first.inner_text().startswith("▲ At risk: 1 decision overdue")
        first = visit.page.locator("ol.agenda > li").first.inner_text()
        assert "G1 Pilot go / no-go" in first and "Owner Globex Analytics" in first and "Due 2026-10-15" in first
        assert "M2 ETA mean absolute error above 30 minutes" in first  # its kill conditions, with the evidence
        # partner cards and the horizon come after the brief
        assert visit.top(".partners") > visit.top(".health")
        visit.screenshot(f"report-example-{size[0]}.png")


def test_on_a_phone_nothing_is_cut_or_tiny(browser, cli, tmp_path):
    with Visit(browser, render(cli, SPEC_EXAMPLE, tmp_path / "report.html"), PHONE) as visit:
        visit.check_clean()
        visit.check_phone()
        # charts scale to the width of the screen
        for box in visit.page.locator("svg.chart").evaluate_all("els => els.map(e => e.getBoundingClientRect().right)"):
            assert box <= PHONE[0]
        visit.screenshot("report-example-390-full.png", full=True)


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["laptop", "phone"])
def test_axe_finds_no_violation(browser, cli, tmp_path, size):
    site = render(cli, EXAMPLES, tmp_path / "site")
    for page in (site, site.parent / "acme-globex-eta.html"):
        with Visit(browser, page, size) as visit:
            visit.check_axe()


def test_printed_the_brief_starts_on_page_1_and_no_page_is_left_half_empty(browser, cli, tmp_path):
    with Visit(browser, render(cli, SPEC_EXAMPLE, tmp_path / "report.html")) as visit:
        full = visit.pdf("report-example.pdf")
    first = pdf_page_text(ARTIFACTS / "report-example.pdf", 1)
    assert "At risk: 1 decision overdue" in first and "To discuss" in first and "G1 Pilot go / no-go" in first
    assert all(f >= 0.5 for f in full[:-1]), full
    assert len(full) <= 8, full


def test_the_fifty_charter_portfolio(browser, fifty):
    index = fifty / "index.html"
    with Visit(browser, index, LAPTOP) as visit:
        visit.check_clean()
        rows = visit.page.locator("table.portfolio tbody tr")
        assert rows.count() == 50
        bottoms = rows.evaluate_all("rs => rs.map(r => r.getBoundingClientRect().bottom)")
        assert sum(1 for b in bottoms if b <= LAPTOP[1]) >= 10, bottoms[:12]
        assert "partnerships need a decision" in visit.page.locator(".verdict").first.inner_text()
        assert ".charter.yaml" not in visit.page.locator("table.portfolio").inner_text()  # titles, not paths
        visit.check_axe()
        visit.screenshot("portfolio-50-1280.png")
        full = visit.pdf("portfolio-50.pdf")
        assert all(f >= 0.5 for f in full[:-1]), full
    with Visit(browser, index, PHONE) as visit:
        visit.check_phone()
        visit.check_axe()
        visit.screenshot("portfolio-50-390.png")
    pages = sorted(p for p in fifty.glob("*.html") if p.name != "index.html")
    for page in pages[:3]:
        for size in (LAPTOP, PHONE):
            with Visit(browser, page, size) as visit:
                visit.check_clean()
                visit.check_first_screen()
                if size == PHONE:
                    visit.check_phone()
                visit.check_axe()
    with Visit(browser, pages[0], LAPTOP) as visit:
        full = visit.pdf("portfolio-50-first-charter.pdf")
        assert all(f >= 0.5 for f in full[:-1]), full


def test_portfolio_in_the_browser(browser, cli, tmp_path):
    index = render(cli, EXAMPLES, tmp_path / "site")
    with Visit(browser, index) as visit:
        visit.check_clean()
        assert visit.headings("h1") == ["Partnerships in examples"]
        assert visit.page.locator("table.portfolio tbody tr").count() == 2
        visit.screenshot("portfolio-index.png")
        visit.page.get_by_role("link", name="Acme × Globex — predictive delivery times").click()
        visit.page.wait_for_load_state("load")
        assert visit.page.url.endswith("/acme-globex-eta.html")
        assert visit.headings("h1") == ["Acme × Globex — predictive delivery times"]
        assert visit.check_charts() == 4
        visit.check_clean()
    single = render(cli, EXAMPLES, tmp_path / "portfolio.html")
    with Visit(browser, single) as visit:
        visit.check_clean()
        assert visit.headings("h2")[:3] == ["Summary", "Acme × Globex — predictive delivery times",
                                            "Northwind × UniLab — soil-carbon sensing"]
        assert visit.check_charts() == 9


def test_a_charter_with_sections_set_aside_in_the_browser(browser, cli, tmp_path):
    from tests.report.helpers import load_data

    data = load_data(SPEC_EXAMPLE)
    data["metrics"][1]["target"] = "twenty-five"
    path = render(cli, write_charter(tmp_path, data), tmp_path / "report.html", code=1)
    with Visit(browser, path, PHONE) as visit:
        visit.check_clean()
        assert "metrics" in visit.page.locator(".banner").inner_text()
        visit.check_phone()
        visit.check_axe()
        visit.screenshot("report-set-aside-390.png")


def test_hostile_text_stays_text(browser, cli, tmp_path):
    for i, payload in enumerate(PAYLOADS):
        path = render(cli, write_charter(tmp_path, hostile(payload), f"c{i}.charter.yaml"), tmp_path / f"r{i}.html")
        with Visit(browser, path) as visit:
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
            assert title.is_visible() and title.inner_text() == one_line(payload).strip()
            # in the heatmap too: the dimension names show the payload as text
            labels = page.locator("table.heatmap th.dim").all_text_contents()
            words = " ".join(payload.split())
            assert len(labels) == 6 and all(" ".join(label.split()).startswith(words) for label in labels)
            if i == 0:
                visit.screenshot("report-hostile.png", full=True)
