"""The GitHub Action (action.yml), run step by step as the runner would, in a repository of charters.

The first run really creates the virtual environment and installs partnerkit
from this checkout (slow); later runs reuse that installation.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.action_runner import EXPRESSION, installed, load_action, run_action
from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE

ENV = {"PARTNERKIT_AS_OF": AS_OF.isoformat()}
pytestmark = pytest.mark.slow  # the first test to run installs partnerkit with the action


@pytest.fixture(scope="module")
def reuse(tmp_path_factory):
    return installed(tmp_path_factory)


def repository(folder, broken: bool = True):
    """A good charter, one with warnings and, when ``broken``, one that is not a charter."""
    (folder / "charters").mkdir(parents=True)
    shutil.copy(HEALTHY, folder / "charters" / "healthy.charter.yaml")
    shutil.copy(SPEC_EXAMPLE, folder / "charters" / "acme.charter.yaml")
    if broken:
        (folder / "charters" / "broken").mkdir()
        (folder / "charters" / "broken" / "charter.yaml").write_text("- not a charter\n", encoding="utf-8")
    return folder


def test_inputs_reach_scripts_only_through_the_environment():
    action = load_action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "fail-on", "config", "sarif"}
    assert action["inputs"]["paths"]["default"] == "." and action["inputs"]["fail-on"]["default"] == "error"
    for step in action["runs"]["steps"]:
        assert not EXPRESSION.search(step.get("run", "")), step["name"]  # no ${{ }} pasted into a script


def test_annotations_summary_and_failure_on_errors(reuse, tmp_path):
    repo = repository(tmp_path / "repo")
    run = run_action(repo, tmp_path / "runner", {}, ENV, reuse)
    assert run.status == 1  # fail-on error: the broken charter fails the step
    errors, warnings = run.annotations("error"), run.annotations("warning")
    assert any(line.startswith("::error file=charters/broken/charter.yaml,line=1,col=1,title=E006 not-a-charter::")
               for line in errors), run.output
    assert any("file=charters/acme.charter.yaml" in line and "title=C003 decision-overdue" in line for line in warnings)
    assert "healthy.charter.yaml" not in run.output
    assert "charters/broken/charter.yaml" in run.summary and "C003" in run.summary
    assert not (repo / "partnerkit.sarif").exists()  # no sarif input: no SARIF file


@pytest.mark.parametrize("broken, fail_on, status", [
    (True, "never", 0),
    (False, "error", 0),
    (False, "warning", 1),
    (False, "info", 1),
])
def test_fail_on_decides_the_step_status(reuse, tmp_path, broken, fail_on, status):
    repo = repository(tmp_path / "repo", broken)
    run = run_action(repo, tmp_path / "runner", {"fail-on": fail_on}, ENV, reuse)
    assert run.status == status, run.output
    assert run.annotations("warning")  # annotations whatever the verdict


def test_sarif_is_written_for_upload_even_when_the_step_fails(reuse, tmp_path):
    repo = repository(tmp_path / "repo")
    run = run_action(repo, tmp_path / "runner", {"sarif": "results/partnerkit.sarif", "paths": "charters"}, ENV, reuse)
    assert run.status == 1
    doc = json.loads((repo / "results" / "partnerkit.sarif").read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert {"charters/broken/charter.yaml", "charters/acme.charter.yaml"} <= uris


def test_paths_and_config_inputs(reuse, tmp_path):
    repo = repository(tmp_path / "repo")
    (repo / "ci.toml").write_text('[severity]\nD004 = "error"\n', encoding="utf-8")
    run = run_action(repo, tmp_path / "runner", {"paths": "charters/acme.charter.yaml\ncharters/healthy.charter.yaml",
                                                 "config": "ci.toml"}, ENV, reuse)
    assert run.status == 1  # D004 raised to an error by the configuration
    assert any("title=D004 hypothesis-overdue" in line for line in run.annotations("error"))
    assert "broken" not in run.output


def test_an_input_cannot_run_commands(reuse, tmp_path):
    repo = repository(tmp_path / "repo", broken=False)
    hostile = 'charters $(touch pwned1) `touch pwned2` "; touch pwned3; echo " *'
    run = run_action(repo, tmp_path / "runner", {"paths": hostile, "sarif": "$(touch pwned4).sarif"}, ENV, reuse)
    assert not list(repo.glob("pwned*"))
    assert run.status == 2  # the odd words are paths that do not exist: a usage error
    assert (repo / "$(touch pwned4).sarif").exists()
