"""`partnerkit pulse survey` and `pulse import`: the questionnaire, and answers reduced under real anonymity."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from partnerkit.load.yamlload import load_yaml
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

FLOW = Path(__file__).with_name("flow.charter.yaml")
CHROMIUM = "/usr/bin/chromium"


def pk(cli, *args):
    return cli("pulse", *args, "--as-of", AS_OF.isoformat())


@pytest.fixture
def charter(tmp_path):
    def make(source: Path = SPEC_EXAMPLE) -> Path:
        target = tmp_path / "charter.yaml"
        shutil.copyfile(source, target)
        return target

    return make


def answers(rows: list[str], header: str = "partner,level,vision,priorities,trust,communication,comment") -> str:
    return header + "\n" + "".join(r + "\n" for r in rows)


# --- the questionnaire ----------------------------------------------------------------------

def test_the_survey_asks_the_dimensions_the_charter_uses_of_every_partner_and_level(cli, charter):
    path = charter()
    result = pk(cli, "survey", "-c", path)
    assert result.exit_code == 0
    md = result.stdout
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == ["## Acme Logistics — executives", "## Acme Logistics — execution teams",
                        "## Globex Analytics — executives", "## Globex Analytics — execution teams"]
    assert md.count("I trust the people I work with at Globex Analytics to do what they say.") == 2
    assert "only when at least 5 people in the group answered it" in md
    assert "values" not in md.split("## Acme")[1].split("##")[0].lower().replace("value", "")  # the example's four only
    assert pk(cli, "survey", "-c", path, "-f", "csv").stdout == "partner,level,vision,priorities,trust,communication,comment\n"


@pytest.mark.parametrize("source", [SPEC_EXAMPLE, HEALTHY, FLOW], ids=lambda p: p.name)
def test_the_survey_is_written_for_each_charter_in_each_format(cli, charter, source, tmp_path):
    path = charter(source)
    before = path.read_bytes()
    for fmt in ("md", "html", "csv"):
        out = tmp_path / f"survey.{fmt}"
        result = pk(cli, "survey", "-c", path, "-o", out)
        assert result.exit_code == 0, result.output
        assert out.read_text().strip() and f"the {fmt} questionnaire for 4 groups" in result.stderr
    assert path.read_bytes() == before


def test_without_a_pulse_history_the_six_recommended_dimensions_are_asked(cli, charter, tmp_path):
    text = HEALTHY.read_text()
    path = tmp_path / "charter.yaml"
    path.write_text(text[:text.index("pulse:")])
    result = pk(cli, "survey", "-c", path, "-f", "csv", "--min-responses", "3")
    assert result.stdout == "partner,level,vision,values,priorities,trust,communication,feedback,comment\n"
    assert "at least 3 people" in pk(cli, "survey", "-c", path, "--min-responses", "3").stdout


@pytest.mark.parametrize("args,message", [
    (["--min-responses", "2"], "--min-responses: the anonymity threshold 2 is below 3"),
    (["-f", "pdf"], "unknown format `pdf`"),
    (["-f", "md", "-o", "survey.html"], "--format md contradicts the extension of survey.html"),
])
def test_survey_usage_errors_are_one_line_and_exit_2(cli, charter, args, message, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = pk(cli, "survey", "-c", charter(), *args)
    assert result.exit_code == 2 and message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "survey.html").exists()


def test_a_threshold_under_3_in_the_configuration_is_a_usage_error_naming_it(cli, charter, tmp_path):
    path = charter()
    (tmp_path / "partnerkit.toml").write_text("[thresholds]\npulse-min-responses = 2\n")
    result = pk(cli, "survey", "-c", path)
    assert result.exit_code == 2 and "partnerkit.toml" in result.stderr and "below 3" in result.stderr


def test_the_html_survey_is_self_contained_and_the_format_follows_the_file_name(cli, charter, tmp_path):
    path = charter(HEALTHY)
    out = tmp_path / "survey.html"
    assert pk(cli, "survey", "-c", path, "-o", out).exit_code == 0
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "@page" in html
    for foreign in ("<script", "<link", "src=", "http://", "https://", "@import", "url("):
        assert foreign not in html
    assert html.count('type="radio"') == 4 * 6 * 5 and html.count("<textarea") == 4
    assert pk(cli, "survey", "-c", path, "-o", tmp_path / "t.csv").exit_code == 0
    assert (tmp_path / "t.csv").read_text().startswith("partner,level,vision,values,")


def test_charter_text_stays_text_in_the_survey(cli, tmp_path):
    text = HEALTHY.read_text().replace("name: Northwind Farms Cooperative", 'name: "<b>North</b> *wind* [x](javascript:1)"')
    path = tmp_path / "charter.yaml"
    path.write_text(text)
    html = pk(cli, "survey", "-c", path, "-f", "html").stdout
    assert "<b>North" not in html and "&lt;b&gt;North&lt;/b&gt;" in html
    md = pk(cli, "survey", "-c", path).stdout
    import cmarkgfm

    rendered = cmarkgfm.github_flavored_markdown_to_html(md)  # as GitHub shows it: the name, as text
    assert "<h2>&lt;b&gt;North&lt;/b&gt; *wind* [x](javascript:1) — executives</h2>" in rendered
    assert "<a " not in rendered and "<b>" not in rendered and "<em>" not in rendered


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"Chromium is not installed at {CHROMIUM}")
@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo, pdftotext) is not installed")
def test_the_html_survey_prints_one_group_per_a4_page(cli, charter, tmp_path):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "survey.html"
    assert pk(cli, "survey", "-c", charter(HEALTHY), "-o", out).exit_code == 0
    pdf = tmp_path / "survey.pdf"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        context = browser.new_context(offline=True)
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(out.resolve().as_uri(), wait_until="load")
        assert all(url.startswith(("file:", "data:")) for url in requests)
        page.pdf(path=str(pdf), format="A4", print_background=True)
        phone = browser.new_context(offline=True, viewport={"width": 390, "height": 844}).new_page()
        phone.goto(out.resolve().as_uri(), wait_until="load")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
        browser.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+4$", info, re.M), info  # one page for each partner and level, nothing split
    for number, heading in enumerate(["Northwind Farms Cooperative — executives",
                                      "Northwind Farms Cooperative — execution teams",
                                      "UniLab Soil Research Institute — executives",
                                      "UniLab Soil Research Institute — execution teams"], 1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True).stdout
        assert heading in text and "This survey is anonymous" in text and "Anything else" in text


# --- importing answers ------------------------------------------------------------------------

ACME = [
    "acme,execution,4,3,4,3,\"dispatch is not told, SECRET-ONE\"",
    "acme,execution,4,4,4,2,",
    "acme,execution,5,3,,3,SECRET-TWO",
    "acme,execution,4,3,4,3,",
    "acme,execution,3,2,4,3,",
    "acme,execution,4,3,5,2,",
    "acme,executive,5,5,4,4,\"only two of us, SECRET-THREE\"",
    "acme,executive,4,5,4,4,",
    "globex,execution,4,3,4,3,",
    "globex,execution,3,4,,2,",
    "globex,execution,4,4,3,3,",
    "globex,execution,4,4,,2,",
    "globex,execution,3,3,4,3,",
]


def test_groups_and_dimensions_under_k_are_withheld_and_named(cli, charter, tmp_path):
    path = charter()
    (tmp_path / "answers.csv").write_text(answers(ACME))
    result = pk(cli, "import", tmp_path / "answers.csv", "-c", path)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "withheld acme executive: 2 respondents, fewer than 5: the whole group" in lines
    assert "withheld globex execution, `trust`: 3 answers, fewer than 5" in lines
    assert "no responses from globex executive" in lines
    entries = [e for e in load_yaml(path.read_text()).data["pulse"] if str(e["date"]) == "2026-11-15"]
    assert entries == [
        {"date": AS_OF, "partner": "acme", "level": "execution", "responses": 6,
         "scores": {"vision": 4.0, "priorities": 3.0, "trust": 4.2, "communication": 2.7}},
        {"date": AS_OF, "partner": "globex", "level": "execution", "responses": 5,
         "scores": {"vision": 3.6, "priorities": 3.6, "communication": 2.6}},
    ]
    assert "recorded the pulse round of 2026-11-15: 2 groups, 11 of 13 respondents (anonymity threshold 5)" in result.stdout


def test_means_round_half_up_to_one_decimal_and_k_3_is_allowed(cli, charter, tmp_path):
    path = charter(HEALTHY)
    rows = ["unilab,execution,3,,3,,3,4,", "unilab,execution,3,,3,,3,3,", "unilab,execution,4,,4,,3,3,",
            "unilab,execution,3,,3,,,3,"]
    header = "partner,level,vision,values,trust,priorities,communication,feedback,comment"
    (tmp_path / "a.csv").write_text(answers(rows, header))
    result = pk(cli, "import", tmp_path / "a.csv", "-c", path, "--min-responses", "3", "--date", "2026-11-10")
    assert result.exit_code == 0, result.output
    entry = load_yaml(path.read_text()).data["pulse"][-1]
    # 3.25 -> 3.3 (half up, not to even); 3.0 from three answers; values and priorities had none
    assert entry == {"date": __import__("datetime").date(2026, 11, 10), "partner": "unilab", "level": "execution",
                     "responses": 4, "scores": {"vision": 3.3, "trust": 3.3, "communication": 3.0, "feedback": 3.3}}
    assert "withheld unilab execution, `values`: 0 answers, fewer than 3" in result.stdout


def test_k_below_3_is_a_usage_error(cli, charter, tmp_path):
    path = charter()
    before = path.read_bytes()
    (tmp_path / "a.csv").write_text(answers(ACME))
    result = pk(cli, "import", tmp_path / "a.csv", "-c", path, "--min-responses", "2")
    assert result.exit_code == 2 and "below 3" in result.stderr
    assert path.read_bytes() == before


def test_bad_rows_are_reported_at_file_line_col_and_nothing_is_written(cli, charter, tmp_path, monkeypatch):
    path = charter()
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    Path("answers.csv").write_text(answers([
        "acme,execution,4,3,4,3,",
        "acme,exec,4,3,4,3,",
        "acm,execution,4,3,4,3,\"a comment, SECRET-FOUR\"",
        "globex,execution,4,3,9,3,",
        "globex,execution,4,3,four,3,",
        "globex,execution,4,3",
        "globex,execution,4,3,4,3,,extra",
        "acme,execution,4,3,4,3,a comment broken over",
        "two lines SECRET-FIVE,execution,4,3,4,3,",
    ]))
    result = pk(cli, "import", "answers.csv", "-c", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "answers.csv:3:6: `exec` is not a level (did you mean `executive`?): use executive or execution",
        "answers.csv:4:1: `acm` is not a partner of the charter (did you mean `acme`?)",
        "answers.csv:5:22: `trust`: score 9 is outside 1–5",
        "answers.csv:6:22: `trust`: `four` is not a score: answer 1 to 5, or leave it empty",
        "answers.csv:7:21: the row has 4 cells but the header has 7: each row needs every column, empty where there "
        "is no answer",
        "answers.csv:8:27: the row has 8 cells but the header has 7: each row needs every column, empty where there "
        "is no answer",
        "answers.csv:10:1: the cell is not a partner of the charter: use one of acme, globex",
        "partnerkit: nothing written: fix 7 problems in the responses first",
    ]
    assert "SECRET" not in result.output
    assert path.read_bytes() == before


@pytest.mark.parametrize("text,message", [
    ("", "answers.csv:1:1: no header row"),
    ("level,vision\nacme,4\n", "answers.csv:1:1: the header has no `partner` column"),
    ("partner,level,comment\n", "answers.csv:1:1: the header names no dimension"),
    ("partner,level,trust,trust\n", "answers.csv:1:21: the column `trust` appears twice"),
    ('partner,level,trust,comment\nacme,execution,4,"never closed\n', "answers.csv:2:18: a quote opened here is never closed"),
])
def test_a_bad_header_or_quote_is_placed_too(cli, charter, tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    Path("answers.csv").write_text(text)
    result = pk(cli, "import", "answers.csv", "-c", charter())
    assert result.exit_code == 1 and result.stderr.startswith(message)


def _everything_under(folder: Path, skip: Path) -> bytes:
    out = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            p = Path(root, name)
            if p != skip:
                out.append(p.read_bytes())
    return b"\n".join(out)


@pytest.mark.parametrize("in_csv", [False, True], ids=["charter", "data-csv"])
def test_raw_rows_and_comments_are_never_written_anywhere(cli, tmp_path, in_csv):
    text = SPEC_EXAMPLE.read_text()
    if in_csv:
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "pulse.csv").write_text("date,partner,level,dimension,score,responses\n")
        text += "data:\n  pulse: data/pulse.csv\n"
    path = tmp_path / "charter.yaml"
    path.write_text(text)
    responses = tmp_path / "answers.csv"
    responses.write_text(answers(ACME))
    scratch_before = set(os.listdir(tempfile.gettempdir()))
    for args in (["--dry-run"], []):
        result = pk(cli, "import", responses, "-c", path, *args)
        assert result.exit_code == 0, result.output
        assert "SECRET" not in result.output and "dispatch is not told" not in result.output
        if args:  # the diff alone on standard output, the words on standard error
            assert result.stdout.startswith("--- ") and "withheld" not in result.stdout
            assert "withheld acme executive" in result.stderr
    everything = _everything_under(tmp_path, responses)
    for secret in (b"SECRET", b"dispatch is not told", b"only two of us", b"4,3,4,3", b"5,3,,3", b"3,2,4,3"):
        assert secret not in everything
    assert {n for n in os.listdir(tempfile.gettempdir()) if n.startswith("partnerkit-edit-")} <= \
        {n for n in scratch_before if n.startswith("partnerkit-edit-")}  # no scratch copy left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.csv", "charter.yaml"] + (["data"] if in_csv else [])
    if in_csv:
        rows = (tmp_path / "data" / "pulse.csv").read_text().splitlines()
        assert rows[1:] == ["2026-11-15,acme,execution,vision,4.0,6", "2026-11-15,acme,execution,priorities,3.0,6",
                            "2026-11-15,acme,execution,trust,4.2,6", "2026-11-15,acme,execution,communication,2.7,6",
                            "2026-11-15,globex,execution,vision,3.6,5", "2026-11-15,globex,execution,priorities,3.6,5",
                            "2026-11-15,globex,execution,communication,2.6,5"]
        assert path.read_text() == text


def test_a_round_is_imported_once(cli, charter, tmp_path):
    path = charter()
    (tmp_path / "a.csv").write_text(answers(ACME))
    assert pk(cli, "import", tmp_path / "a.csv", "-c", path).exit_code == 0
    result = pk(cli, "import", tmp_path / "a.csv", "-c", path)
    assert result.exit_code == 2 and "already recorded for acme execution" in result.stderr


def test_when_every_group_is_withheld_nothing_is_written(cli, charter, tmp_path):
    path = charter(FLOW)
    before = path.read_bytes()
    (tmp_path / "a.csv").write_text(answers(ACME[:8]))
    result = pk(cli, "import", tmp_path / "a.csv", "-c", path, "--min-responses", "7")
    assert result.exit_code == 0
    assert "no group of the pulse round of 2026-11-15 reached 7 respondents: nothing to record" in result.stdout
    assert path.read_bytes() == before


def test_the_flow_charter_takes_entries_like_its_own(cli, charter, tmp_path):
    path = charter(FLOW)
    (tmp_path / "a.csv").write_text(answers(ACME, "partner,level,vision,priorities,trust,communication,comment"))
    assert pk(cli, "import", tmp_path / "a.csv", "-c", path).exit_code == 0
    assert path.read_text() == FLOW.read_text().replace(
        "         scores: {vision: 4.0, trust: 3.5}}]",
        "         scores: {vision: 4.0, trust: 3.5}},\n"
        "        {date: 2026-11-15, partner: acme, level: execution, responses: 6,\n"
        "         scores: {vision: 4.0, priorities: 3.0, trust: 4.2, communication: 2.7}},\n"
        "        {date: 2026-11-15, partner: globex, level: execution, responses: 5,\n"
        "         scores: {vision: 3.6, priorities: 3.6, communication: 2.6}}]")
