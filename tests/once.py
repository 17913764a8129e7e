"""Slow set-ups done once per test run and shared by every pytest-xdist worker.

Building the package, installing it into a fresh environment or installing a pre-commit hook takes seconds of
CPU each. The first worker to ask does the work in a folder of the run's shared temporary folder, holding a file
lock; the others wait for the lock and use what it made. Where file locks are not available (Windows), each
process does the work in a folder of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import ROOT

try:
    import fcntl
except ImportError:
    fcntl = None


def shared_folder(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``make(folder)`` once per test run (again if an earlier ``make`` failed)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER") and fcntl is not None:
        root = root.parent  # the workers' own folders are in this one
    folder = root / name
    folder.mkdir(exist_ok=True)
    with _locked(root / f"{name}.lock"):
        done = folder / ".made"
        if not done.exists():
            make(folder)
            done.touch()
    return folder


@contextmanager
def _locked(path: Path):
    if fcntl is None:
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built(tmp_path_factory) -> tuple[Path, Path]:
    """The sdist and the wheel of this working tree (``python -m build``): the wheel with the C builder where this
    machine compiles it; a release sets ``PARTNERKIT_PURE=1`` for one pure wheel, otherwise the same."""
    def build(out: Path) -> None:
        proc = subprocess.run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
                              capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, proc.stderr[-2000:]

    out = shared_folder(tmp_path_factory, "dist", build)
    return next(out.glob("partnerkit-*.tar.gz")), next(out.glob("partnerkit-*.whl"))
