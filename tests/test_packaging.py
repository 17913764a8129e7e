"""The wheel carries the templates and works in a fresh virtual environment."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from tests.conftest import AS_OF
from tests.once import built


def test_wheel_in_fresh_venv_runs_init_and_lint(tmp_path, tmp_path_factory):
    _, wheel = built(tmp_path_factory)
    names = zipfile.ZipFile(wheel).namelist()
    assert "partnerkit/templates/charter/charter.yaml.j2" in names
    venv = tmp_path / "venv"
    # The environment gets no pip of its own (making one costs seconds); this pip installs into it.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=300)
    subprocess.run([sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "-q",
                    "--disable-pip-version-check", wheel], check=True, timeout=600)
    exe = venv / "bin" / "partnerkit"
    where = subprocess.run([venv / "bin" / "python", "-c", "import partnerkit, partnerkit.core.templating as t; print(partnerkit.__file__); print(t.templates_dir())"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout.split()
    assert all(str(venv) in w for w in where), where
    charter = tmp_path / "charter.yaml"
    subprocess.run([exe, "init", charter, "--partner", "acme", "--partner", "globex"], check=True, cwd=tmp_path)
    proc = subprocess.run([exe, "lint", "--format", "json", "--as-of", AS_OF.isoformat(), charter],
                          capture_output=True, text=True, cwd=tmp_path)
    codes = {f["code"] for f in json.loads(proc.stdout)["files"][0]["findings"]}
    assert proc.returncode == 1 and "V001" in codes and not any(c.startswith("E") for c in codes)
