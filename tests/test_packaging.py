"""The wheel carries the templates and works in a fresh virtual environment."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from tests.conftest import AS_OF, ROOT


def test_wheel_in_fresh_venv_runs_init_and_lint(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, ROOT], check=True, timeout=600)
    wheel = next(dist.glob("partnerkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "partnerkit/templates/charter/charter.yaml.j2" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=300)
    subprocess.run([venv / "bin" / "pip", "install", "-q", wheel], check=True, timeout=600)
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
