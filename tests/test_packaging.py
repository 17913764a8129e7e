"""The wheel carries the templates, and partnerkit installed into a fresh virtual environment works.

The fresh environment is the one the GitHub Action's install step makes (tests/action_runner.py): a new venv into
which pip builds this checkout's wheel and installs it with its dependencies, as a user's CI does. Installing the
release wheel into a second environment would test the same thing again at the same cost.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.action_runner import installed
from tests.conftest import AS_OF, COMPILER
from tests.once import built


@pytest.mark.slow
def test_the_wheel_carries_the_templates_and_the_c_builder(tmp_path_factory):
    _, wheel = built(tmp_path_factory)
    names = zipfile.ZipFile(wheel).namelist()
    assert "partnerkit/templates/charter/charter.yaml.j2" in names
    if not COMPILER:
        pytest.skip("no C compiler here: the wheel is pure")
    assert f"partnerkit/load/_native{sysconfig.get_config_var('EXT_SUFFIX')}" in names
    assert "partnerkit/load/_native.c" not in names
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    assert wheel.name.split("-")[2:4] == [interpreter, interpreter], wheel.name  # tagged for this Python


@pytest.mark.slow
def test_a_fresh_venv_runs_init_and_lint(tmp_path, tmp_path_factory):
    exe = Path(installed(tmp_path_factory)["install"]["partnerkit"])
    venv = exe.parent.parent
    where = subprocess.run([exe.parent / "python", "-c", "import partnerkit, partnerkit.core.templating as t; "
                            "print(partnerkit.__file__); print(t.templates_dir())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout.split()
    assert len(where) == 2 and all(w.startswith(str(venv)) for w in where), where  # not this checkout
    charter = tmp_path / "charter.yaml"
    subprocess.run([exe, "init", charter, "--partner", "acme", "--partner", "globex"], check=True, cwd=tmp_path)
    proc = subprocess.run([exe, "lint", "--format", "json", "--as-of", AS_OF.isoformat(), charter],
                          capture_output=True, text=True, cwd=tmp_path)
    codes = {f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert proc.returncode == 1 and "V001" in codes and not any(c.startswith("E") for c in codes)
    if COMPILER:  # pip built the wheel from this checkout: the C builder was compiled there
        about = subprocess.run([exe, "version", "--verbose"], capture_output=True, text=True, cwd=tmp_path).stdout
        assert "Tree builder: C (partnerkit.load._native)" in about, about
