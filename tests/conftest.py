from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SPEC_EXAMPLE = EXAMPLES / "acme-globex.charter.yaml"
HEALTHY = EXAMPLES / "healthy.charter.yaml"
AS_OF = date(2026, 11, 15)
# A C compiler and Python's headers: an install here compiles the loader's C builder (hatch_build.py)
COMPILER = bool(shutil.which("cc") or shutil.which("gcc")) and os.path.exists(
    os.path.join(sysconfig.get_paths()["include"], "Python.h"))

# The commands the tests start run as an installed partnerkit does, with their bytecode cached. Where the
# environment turns caching off (PYTHONDONTWRITEBYTECODE, as some CI images do), every one of several hundred cold
# starts would compile partnerkit's modules again: 50 to 70 ms each.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def pytest_collection_modifyitems(items):
    """Slow tests first, each group in its own order: a worker then ends the run on short tests, not on a
    browser or an install, and the other worker is not left waiting."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture
def cli():
    """Run the CLI in-process through typer's runner: ``cli("lint", path) -> Result``."""
    from typer.testing import CliRunner

    from partnerkit.cli import app

    runner = CliRunner()

    def invoke(*args, input=None, env=None):
        return runner.invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=False)

    return invoke


def partnerkit_exe() -> list[str]:
    """The console script installed beside this Python (a virtual environment's own), else ``python -m``."""
    exe = Path(sys.executable).parent / "partnerkit"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "partnerkit"]


@pytest.fixture
def run_pk():
    """Run the installed command as a subprocess."""

    def run(*args, input=None, env=None, cwd=None, timeout=60):
        full_env = dict(os.environ, NO_COLOR="1", **(env or {}))
        return subprocess.run([*partnerkit_exe(), *map(str, args)], input=input, capture_output=True,
                              env=full_env, cwd=cwd, timeout=timeout)

    return run
