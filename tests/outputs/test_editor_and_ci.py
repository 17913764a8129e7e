"""Editor schema, shell completion, the example workflow and the documentation of CI use."""

from __future__ import annotations

import datetime
import json

import pytest
from ruamel.yaml import YAML

from tests.conftest import HEALTHY, ROOT, SPEC_EXAMPLE, partnerkit_exe
from tests.outputs.helpers import write

MODELINE = "# yaml-language-server: $schema=charter.schema.json"
WORKFLOW = ROOT / "examples" / "ci" / "partnerkit.yml"


def plain(node):
    """YAML data as the YAML language server sees it: dates are strings."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    return node


def load_yaml(path):
    return plain(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def test_written_schema_validates_charters_and_init_writes_the_modeline(run_pk, tmp_path):
    import jsonschema

    out = run_pk("schema", "-o", "charter.schema.json", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout == b""
    schema = json.loads((tmp_path / "charter.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    validator.check_schema(schema)
    for charter in (SPEC_EXAMPLE, HEALTHY):
        errors = [e.message for e in validator.iter_errors(load_yaml(charter))]
        assert errors == [], charter
    broken = load_yaml(HEALTHY)
    broken["phase"] = "pilt"
    assert list(validator.iter_errors(broken))

    assert run_pk("init", "--partner", "acme=Acme", "--partner", "globex=Globex", cwd=tmp_path).returncode == 0
    scaffold = tmp_path / "charter.yaml"
    assert scaffold.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert [e.message for e in validator.iter_errors(load_yaml(scaffold))] == []


def test_shell_completion_script():
    """Typed in bash: the completion command finds its shell by looking at the process that started it, so it
    runs under bash here, as a user runs it, whatever started the tests."""
    import os
    import shlex
    import subprocess

    command = shlex.join([*partnerkit_exe(), "--show-completion"])
    out = subprocess.run(["bash", "--noprofile", "--norc", "-c", f"{command}; exit $?"], capture_output=True,
                         env=dict(os.environ, NO_COLOR="1"), timeout=60)
    assert out.returncode == 0, out.stderr
    assert b"_PARTNERKIT_COMPLETE" in out.stdout and b"complete -o default -F" in out.stdout  # bash's own script


def test_workflow_uses_the_action_and_uploads_sarif():
    from tests.action_runner import load_action

    flow = YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))
    assert flow["permissions"]["security-events"] == "write"
    steps = flow["jobs"]["lint"]["steps"]
    lint = next(s for s in steps if s.get("uses", "").startswith("partnerkit/partnerkit@"))
    assert lint["uses"] == "partnerkit/partnerkit@v1"
    assert set(lint["with"]) <= set(load_action()["inputs"])
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert upload["with"]["sarif_file"] == lint["with"]["sarif"]
    assert upload["if"] == "always()"
    assert steps.index(upload) > steps.index(lint)
    assert not any("pip install" in s.get("run", "") for s in steps)  # partnerkit comes with the action


@pytest.mark.slow
def test_workflow_commands_run(tmp_path, tmp_path_factory):
    """The workflow's lint step (the action, with the workflow's inputs), run in a repository holding a charter with an error."""
    import shutil

    from tests.action_runner import installed, run_action

    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(SPEC_EXAMPLE, repo / "acme.charter.yaml")
    write(repo, "broken/charter.yaml", "- not a charter\n")
    flow = YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))
    lint = next(s for s in flow["jobs"]["lint"]["steps"] if s.get("uses", "").startswith("partnerkit/partnerkit@"))
    inputs = {k: str(v) for k, v in lint["with"].items()}
    run = run_action(repo, tmp_path / "runner", inputs, {"PARTNERKIT_AS_OF": "2026-11-15"},
                     installed(tmp_path_factory))
    assert run.status == 1, run.output  # the annotation step fails on the error; the SARIF file is written first
    doc = json.loads((repo / inputs["sarif"]).read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert "broken/charter.yaml" in uris
    assert "broken/charter.yaml" in run.summary


def test_docs_cover_ci_editors_and_completion():
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    for needle in ("partnerkit-lint", "upload-sarif", "GITHUB_STEP_SUMMARY", MODELINE,
                   "partnerkit schema -o charter.schema.json", "--install-completion", "--show-completion",
                   "python -m partnerkit", "--stdin-filename", "examples/ci/partnerkit.yml"):
        assert needle in text, needle
