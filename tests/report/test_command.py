"""`partnerkit report` as a command: outputs, exit codes, portfolios and changes since last time."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.conftest import AS_OF, EXAMPLES, HEALTHY, SPEC_EXAMPLE
from tests.report.helpers import Page, load_data, write_charter

DAY = AS_OF.isoformat()


def run(cli, *args):
    return cli("report", "--as-of", DAY, *args)


def test_markdown_on_stdout_by_default(cli):
    result = run(cli, SPEC_EXAMPLE)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Acme × Globex — predictive delivery times\n")


def test_writes_the_file_it_is_given(cli, tmp_path):
    out = tmp_path / "steering.html"
    result = run(cli, "--format", "html", SPEC_EXAMPLE, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_into_an_existing_folder_named_after_the_charter(cli, tmp_path):
    assert run(cli, "--format", "html", HEALTHY, "-o", tmp_path).exit_code == 0
    assert (tmp_path / "northwind-unilab-soil.html").is_file()
    assert run(cli, HEALTHY, "-o", tmp_path).exit_code == 0
    assert (tmp_path / "northwind-unilab-soil.md").read_text().startswith("# Northwind × UniLab")


def test_a_charter_that_cannot_be_read_exits_1_and_keeps_the_previous_report(cli, tmp_path):
    out = tmp_path / "report.md"
    out.write_text("last month's report\n")
    bad = tmp_path / "charter.yaml"
    bad.write_text(HEALTHY.read_text() + "title: twice\n")
    result = run(cli, bad, "-o", out)
    assert result.exit_code == 1
    assert "E001" in result.stderr and f"{bad}:" in result.stderr
    assert "no report written" in result.stderr
    assert out.read_text() == "last month's report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["charter.yaml", "report.md"]  # no temporary file left


def test_errors_in_the_file_do_not_block_the_meeting(cli, tmp_path):
    bad = tmp_path / "charter.yaml"
    bad.write_text(HEALTHY.read_text().replace("owner: unilab\n", "owner: nobody\n", 1))
    out = tmp_path / "report.md"
    result = run(cli, bad, "-o", out)
    assert result.exit_code == 1
    assert "E004" in result.stderr and "report written" in result.stderr
    text = out.read_text()
    assert "🔴 **At risk:** 1 error in the charter." in text
    assert "1 error in the file itself: see All findings." in text


def test_a_schema_error_sets_aside_its_sections_and_says_so(cli, tmp_path):
    data = load_data(SPEC_EXAMPLE)
    data["metrics"][1]["target"] = "twenty-five"
    bad = write_charter(tmp_path, data)
    result = run(cli, "--format", "html", bad)
    assert result.exit_code == 1 and "E002" in result.stderr
    page = Page(result.stdout)
    text = " ".join(page.all_text.split())
    assert "At risk: 1 decision overdue, 1 tension neglected, 1 error in the charter, metrics set aside for schema " \
           "errors." in text
    assert re.search(r"Set aside for schema errors: metrics\. \d+ rules could not run: E003, .*, C008\. 1 error in the "
                     r"file itself: see All findings\.", text)
    assert "Set aside: this section reads metrics, which has schema errors." in text
    assert ("h2", "Metrics") in page.headings and ("h2", "Milestones and decisions") in page.headings
    md = run(cli, bad).stdout
    assert "> 🔴 **Parts of this charter could not be read.** Set aside for schema errors: metrics." in md
    assert "## Metrics\n\n🔴 **Set aside:** this section reads metrics" in md
    # the overdue gate is still on the agenda; its condition on a metric cannot be judged, and says so
    assert "    - Not judged: M2 above 30 (the metrics are set aside for schema errors)" in md


def test_not_a_charter_exits_1(cli, tmp_path):
    path = tmp_path / "charter.yaml"
    path.write_text("- just\n- a list\n")
    result = run(cli, path)
    assert result.exit_code == 1 and "E006" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args, message", [
    (("--format", "pdf", str(SPEC_EXAMPLE)), "unknown format `pdf`"),
    (("--since", "HEAD", "--previous", str(HEALTHY), str(SPEC_EXAMPLE)), "not both"),
    (("/nonexistent/charter.yaml",), "cannot read /nonexistent/charter.yaml"),
    (("--previous", "/nonexistent.yaml", str(SPEC_EXAMPLE)), "--previous: cannot read /nonexistent.yaml"),
])
def test_usage_errors_exit_2_with_one_line(cli, args, message):
    result = run(cli, *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_a_folder_without_charters_exits_2(cli, tmp_path):
    result = run(cli, tmp_path)
    assert result.exit_code == 2 and "no charters found" in result.stderr


def test_bad_configuration_exits_2(cli, tmp_path):
    config = tmp_path / "partnerkit.toml"
    config.write_text("thresholds = {off-track = -1}\n")
    result = run(cli, "--config", config, SPEC_EXAMPLE)
    assert result.exit_code == 2 and "off-track" in result.stderr


def test_thresholds_from_the_configuration_reach_the_report(cli, tmp_path):
    config = tmp_path / "partnerkit.toml"
    config.write_text("thresholds = {pulse-gap = 2.0, low-score = 2.0}\n")
    text = run(cli, "--config", config, SPEC_EXAMPLE).stdout
    assert "Realign" not in text.split("## Health by lesson")[0]
    assert "a gap of 2 or more" in text


# --- portfolio ---------------------------------------------------------------

def test_portfolio_in_markdown(cli, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)
    result = run(cli, "examples")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("# Partnerships in examples\n\n🔴 **1 of 2 partnerships needs a decision · 1 at risk · "
                           "1 on track.**\n")
    summary = text.split("\n## ")[0]
    rows = [line for line in summary.splitlines() if line.startswith("| ")][2:]
    assert rows == [
        "| Acme × Globex — predictive delivery times (pilot, month 11 of 30) | 🔴 At risk: 1 decision overdue, "
        "1 metric missed, 1 outcome behind near its due date, 1 tension neglected | at risk M A C; watch V D | "
        "Decide: G1 Pilot go / no-go (decision overdue by 31 days) |",
        "| Northwind × UniLab — soil-carbon sensing (pilot, month 15 of 36) | 🟢 On track: nothing pressing | "
        "all healthy | Unblock: tn-field-access: Technicians need two days' notice before field visits. "
        "(open 26 days) |",
    ]
    assert "examples/" not in summary  # titles, not file paths
    # then each charter's report, one level down
    assert "\n## Acme × Globex — predictive delivery times\n" in text and "\n### To discuss\n" in text


def test_portfolio_in_html_folder(cli, tmp_path):
    out = tmp_path / "site"
    result = run(cli, "--format", "html", EXAMPLES, "-o", out)
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["acme-globex-eta.html", "index.html", "northwind-unilab-soil.html"]
    index = Page((out / "index.html").read_text())
    assert [a["href"] for a in index.named("a")] == ["acme-globex-eta.html", "northwind-unilab-soil.html"]
    assert ("h1", "Partnerships in examples") in index.headings
    page = Page((out / "acme-globex-eta.html").read_text())
    assert "index.html" in [a["href"] for a in page.named("a")]
    assert ("h1", "Acme × Globex — predictive delivery times") in page.headings


def test_portfolio_in_one_html_file(cli, tmp_path):
    out = tmp_path / "portfolio.html"
    assert run(cli, "--format", "html", EXAMPLES, "-o", out).exit_code == 0
    page = Page(out.read_text())
    assert [a["href"] for a in page.named("a") if a["href"].startswith("#")] == ["#acme-globex-eta", "#northwind-unilab-soil"]
    ids = [a.get("id") for t, a in page.tags if t == "article"]
    assert ids == ["acme-globex-eta", "northwind-unilab-soil"]


def test_portfolio_with_duplicate_ids_gets_distinct_pages(cli, tmp_path):
    folder = tmp_path / "charters"
    folder.mkdir()
    shutil.copy(HEALTHY, folder / "a.charter.yaml")
    shutil.copy(HEALTHY, folder / "b.charter.yaml")
    out = tmp_path / "site"
    assert run(cli, "--format", "html", folder, "-o", f"{out}/").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "northwind-unilab-soil-2.html", "northwind-unilab-soil.html"]


def test_a_broken_charter_does_not_block_the_portfolio(cli, tmp_path):
    folder = tmp_path / "charters"
    folder.mkdir()
    shutil.copy(HEALTHY, folder / "good.charter.yaml")
    (folder / "bad.charter.yaml").write_text("partnerkit: 1\nid: [\n")
    out = tmp_path / "site"
    result = run(cli, "--format", "html", folder, "-o", out)
    assert result.exit_code == 1 and "E001" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "northwind-unilab-soil.html"]
    index = Page((out / "index.html").read_text())
    text = " ".join(index.all_text.split())
    assert "0 of 2 partnerships need a decision · 1 on track · 1 cannot be read." in text
    assert f"{folder / 'bad.charter.yaml'} ✕ Cannot be read E001 yaml-syntax at line 3, column 1:" in text
    md = run(cli, folder).stdout
    assert "| " + str(folder / "bad.charter.yaml") + " | 🔴 Cannot be read | — | E001 yaml-syntax at line 3, column 1:" in md


def test_portfolio_sorted_by_urgency(cli, tmp_path):
    folder = tmp_path / "charters"
    folder.mkdir()
    for name, source in (("a-healthy.charter.yaml", HEALTHY), ("b-decide.charter.yaml", SPEC_EXAMPLE)):
        shutil.copy(source, folder / name)
    kill = load_data(SPEC_EXAMPLE)
    kill["title"] = "Z kill condition met"
    kill["id"] = "z-kill"
    kill["metrics"][1]["readings"].append({"date": "2026-11-14", "value": 31})
    write_charter(folder, kill, "z-kill.charter.yaml")
    text = run(cli, folder).stdout
    rows = [line.split(" | ")[0] for line in text.split("\n## ")[0].splitlines() if line.startswith("| ")][2:]
    assert [r.split(" (")[0] for r in rows] == ["| Z kill condition met", "| Acme × Globex — predictive delivery times",
                                                  "| Northwind × UniLab — soil-carbon sensing"]
    assert "2 of 3 partnerships need a decision" in text


@pytest.mark.parametrize("kinds, mark", [(("on track",), "🟢"), (("on track", "watch"), "🟡"),
                                         (("on track", "watch", "at risk"), "🔴")])
def test_the_portfolio_headline_takes_its_worst_partnerships_tone(cli, tmp_path, kinds, mark):
    """Green only when every partnership is on track: one at risk makes the headline red, even when no
    partnership needs a decision."""
    folder = tmp_path / "charters"
    folder.mkdir()
    for kind in kinds:
        data = load_data(HEALTHY)
        data["id"] = kind.replace(" ", "-")
        if kind == "watch":
            data["review"]["last"] = "2026-01-01"  # a review overdue: a warning
        if kind == "at risk":
            data["metrics"][0]["target"] = "five"  # a schema error: the metrics are set aside
        write_charter(folder, data, f"{data['id']}.charter.yaml")
    headline = run(cli, folder).stdout.splitlines()[2]
    assert headline.startswith(f"{mark} **0 of {len(kinds)} partnership"), headline
    html = run(cli, "--format", "html", folder, "-o", tmp_path / "site")
    tone = {"🟢": "good", "🟡": "warn", "🔴": "bad"}[mark]
    assert f'<p class="verdict tone-{tone}">' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8"), html


# --- changes since last time ----------------------------------------------------

def evolve(data: dict) -> dict:
    """A month later: H3 is being tested, M2 has a reading, G1 is decided, T1 resolved, T3 raised."""
    data["hypotheses"][2]["status"] = "testing"
    data["metrics"][1]["readings"].append({"date": "2026-11-10", "value": 26})
    data["milestones"][0].update(decision="continue", decided_on="2026-11-05")
    data["tensions"][0].update(status="resolved", resolved_on="2026-11-12")
    data["tensions"].append({"id": "T3", "raised": "2026-11-01", "by": "acme", "owner": "globex", "status": "open",
                             "issue": "Model retraining windows clash with peak season."})
    data["governance"]["comms"].append({"audience": "Shippers", "scope": "internal", "channel": "Webinar",
                                        "cadence": "quarterly", "owner": "globex"})
    return data


def changes(text: str) -> str:
    return text.split("## Changes since last time")[1].split("## The partnership")[0]


def test_changes_from_a_previous_file(cli, tmp_path):
    now = write_charter(tmp_path, evolve(load_data(SPEC_EXAMPLE)), "now.charter.yaml")
    result = run(cli, "--previous", SPEC_EXAMPLE, now)
    assert result.exit_code == 0, result.output
    got = changes(result.stdout)
    assert "- H3: open → testing" in got
    assert "- M2 ETA mean absolute error: 26 minutes on 2026-11-10" in got
    assert "- G1 Pilot go / no-go: pending → continue on 2026-11-05" in got
    assert "**Tensions raised**" in got and "- T3: Model retraining windows clash with peak season. (raised 2026-11-01)" in got
    assert "**Tensions resolved**" in got and "- T1: Access to live telemetry" in got
    assert "**Findings fixed**" in got and "- C003 decision-overdue (milestone `G1`, `decision`)" in got
    assert "- A014 tension-neglected (tension `T1`, `status`)" in got
    assert "**New findings**" not in got


def test_no_changes_between_equal_versions(cli):
    got = changes(run(cli, "--previous", SPEC_EXAMPLE, SPEC_EXAMPLE).stdout)
    assert "No changes." in got


def test_changes_section_only_when_asked(cli):
    assert "Changes since last time" not in run(cli, SPEC_EXAMPLE).stdout


def git(folder, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=folder, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path / "repo" / "partnerships"
    folder.mkdir(parents=True)
    shutil.copy(SPEC_EXAMPLE, folder / "acme.charter.yaml")
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "last month")
    write_charter(folder, evolve(load_data(SPEC_EXAMPLE)), "acme.charter.yaml")
    return folder


def test_changes_since_a_git_revision(cli, repo, monkeypatch):
    monkeypatch.chdir(repo.parent.parent)  # git runs in the charter's folder, wherever we are
    result = run(cli, "--since", "HEAD", repo / "acme.charter.yaml")
    assert result.exit_code == 0, result.output
    got = changes(result.stdout)
    assert "Compared with git revision HEAD." in got
    assert "- H3: open → testing" in got and "- G1 Pilot go / no-go: pending → continue on 2026-11-05" in got


def test_changes_since_in_html(cli, repo):
    result = run(cli, "--format", "html", "--since", "HEAD", repo / "acme.charter.yaml")
    page = Page(result.stdout)
    assert ("h2", "Changes since last time") in page.headings and ("h3", "Decisions taken") in page.headings


def test_since_an_unknown_revision_exits_2(cli, repo):
    result = run(cli, "--since", "no-such-rev", repo / "acme.charter.yaml")
    assert result.exit_code == 2
    assert "--since no-such-rev: cannot read acme.charter.yaml at that revision" in result.stderr


def test_since_outside_a_repository_exits_2(cli, tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copy(HEALTHY, tmp_path / "charter.yaml")
    result = run(cli, "--since", "HEAD", tmp_path / "charter.yaml")
    assert result.exit_code == 2 and "not a git repository" in result.stderr


def test_since_without_git_exits_2(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run(cli, "--since", "HEAD", SPEC_EXAMPLE)
    assert result.exit_code == 2 and "--since needs git" in result.stderr


def test_since_refuses_an_option_as_revision(cli, repo):
    result = run(cli, "--since=--output=/tmp/x", repo / "acme.charter.yaml")
    assert result.exit_code == 2 and "is not a git revision" in result.stderr


def test_since_reads_csv_data_at_that_revision(cli, repo):
    data = repo / "data"
    data.mkdir()
    (data / "readings.csv").write_text("metric,date,value,note\nM2,2026-11-01,26.5,\n")
    text = (repo / "acme.charter.yaml").read_text()
    (repo / "acme.charter.yaml").write_text(SPEC_EXAMPLE.read_text() + "data:\n  readings: data/readings.csv\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "with data")
    (data / "readings.csv").write_text("metric,date,value,note\nM2,2026-11-01,26.5,\nM2,2026-11-14,25.5,\n")
    result = run(cli, "--since", "HEAD", repo / "acme.charter.yaml")
    got = changes(result.stdout)
    assert "- M2 ETA mean absolute error: 25.5 minutes on 2026-11-14" in got
    assert "26.5" not in got
    assert text  # the evolved charter was replaced by the committed one plus data


def test_since_on_a_portfolio_with_a_new_charter(cli, repo):
    shutil.copy(HEALTHY, repo / "soil.charter.yaml")  # added after the revision
    result = run(cli, "--since", "HEAD", repo)
    assert result.exit_code == 0, result.output
    acme, soil = result.stdout.split("\n## Acme × Globex")[1].split("\n## Northwind × UniLab")
    assert "- H3: open → testing" in acme
    assert "The charter did not exist then: everything in it is new." in soil
