"""Runs the composite action in action.yml as the GitHub runner would, on this machine.

Each ``run:`` step is written to a script and run with ``bash --noprofile
--norc -eo pipefail`` (the runner's ``shell: bash``) in the workspace, after
the ``${{ ... }}`` expressions in its ``env:`` values and script are
substituted: ``inputs.X`` (with the action's defaults), ``github.action_path``,
``runner.temp`` and ``steps.ID.outputs.NAME`` (read back from
``GITHUB_OUTPUT``, one fresh file per step). ``actions/setup-python`` is the one
``uses:`` step; its ``python-path`` output is this interpreter. Like the
runner, the run stops at the first step that fails.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import ROOT
from tests.once import shared_folder

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def load_action() -> dict:
    return YAML(typ="safe", pure=True).load(ACTION.read_text(encoding="utf-8"))


@dataclass
class ActionRun:
    status: int  # the exit status of the step that failed, else 0
    output: str  # standard output and error of every step, in order
    summary: str  # what was appended to GITHUB_STEP_SUMMARY
    outputs: dict = field(default_factory=dict)  # step id -> its outputs
    ran: list = field(default_factory=list)  # names of the steps run

    def annotations(self, kind: str) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(f"::{kind} ")]


def run_action(workspace: Path, runner: Path, inputs: dict, env: dict | None = None, reuse: dict | None = None,
               timeout: int = 900) -> ActionRun:
    """Run the action in ``workspace`` with ``runner`` as its temporary folder.

    ``reuse`` maps step ids to outputs recorded by an earlier run: those steps
    are not run again (the installation, which is slow).
    """
    action = load_action()
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    assert set(inputs) <= set(values), f"unknown inputs {set(inputs) - set(values)}"
    values.update(inputs)
    runner.mkdir(parents=True, exist_ok=True)
    summary = runner / "step_summary.md"
    summary.write_text("", encoding="utf-8")
    outputs: dict = dict(reuse or {})
    log, ran = [], []
    for n, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id", f"step{n}")
        if sid in (reuse or {}):
            continue
        if "uses" in step:
            assert step["uses"].startswith("actions/setup-python@"), step["uses"]
            outputs[sid] = {"python-path": sys.executable}
            continue
        assert step.get("shell") == "bash", step
        ran.append(step.get("name", sid))

        def sub(text: str) -> str:
            return EXPRESSION.sub(lambda m: _value(m.group(1), values, outputs, runner), text)

        output_file = runner / f"output-{n}"
        output_file.write_text("", encoding="utf-8")
        script = runner / f"step-{n}.sh"
        script.write_text(sub(step["run"]), encoding="utf-8")
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PARTNERKIT_", "RUNNER_"))}
        full_env.update(env or {})
        full_env.update({k: sub(str(v)) for k, v in step.get("env", {}).items()})
        full_env.update(GITHUB_ACTIONS="true", CI="true", GITHUB_ACTION_PATH=str(ROOT), GITHUB_WORKSPACE=str(workspace),
                        GITHUB_STEP_SUMMARY=str(summary), GITHUB_OUTPUT=str(output_file), RUNNER_TEMP=str(runner))
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                              env=full_env, capture_output=True, text=True, timeout=timeout)
        log.append(proc.stdout + proc.stderr)
        outputs[sid] = _read_outputs(output_file)
        if proc.returncode != 0:
            return ActionRun(proc.returncode, "".join(log), summary.read_text(encoding="utf-8"), outputs, ran)
    return ActionRun(0, "".join(log), summary.read_text(encoding="utf-8"), outputs, ran)


def _value(expr: str, values: dict, outputs: dict, runner: Path) -> str:
    if expr.startswith("inputs."):
        return values[expr[len("inputs."):]]
    if expr == "github.action_path":
        return str(ROOT)
    if expr == "runner.temp":
        return str(runner)
    parts = expr.split(".")
    if len(parts) == 4 and parts[0] == "steps" and parts[2] == "outputs":
        return outputs.get(parts[1], {}).get(parts[3], "")
    raise AssertionError(f"the runner simulation does not know the expression `{expr}`")


def _read_outputs(path: Path) -> dict:
    """``name=value`` lines, and ``name<<DELIMITER`` blocks, as the runner reads GITHUB_OUTPUT."""
    found, lines = {}, path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            found[name] = "\n".join(lines[i + 1:end])
            i = end + 1
            continue
        name, _, value = line.partition("=")
        found[name] = value
        i += 1
    return found


_INSTALLED: dict = {}


def installed(tmp_path_factory) -> dict:
    """Run the action once per test run (installing partnerkit for real) and return the outputs to reuse later."""
    if not _INSTALLED:
        def install(base: Path) -> None:
            workspace = base / "first-run"
            workspace.mkdir(parents=True, exist_ok=True)
            result = run_action(workspace, base / "runner", {"fail-on": "never"})
            assert result.status == 0, result.output
            assert "Install partnerkit from the action's checkout" in result.ran
            record = {"install": result.outputs["install"], "python": result.outputs["python"]}
            (base / "installed.json").write_text(json.dumps(record), encoding="utf-8")

        base = shared_folder(tmp_path_factory, "action-install", install)
        _INSTALLED.update(json.loads((base / "installed.json").read_text(encoding="utf-8")))
    return dict(_INSTALLED)
