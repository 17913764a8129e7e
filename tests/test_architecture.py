"""The house: the pipeline's layers hold (import-linter), and the shells stay out of the library."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_import_contracts_hold():
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists() and not shutil.which("lint-imports"):
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    proc = subprocess.run([str(exe) if exe.exists() else "lint-imports"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout
