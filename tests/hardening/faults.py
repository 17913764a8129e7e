"""Run the command line with one fault injected into its writes or its rendering.

    python -m tests.hardening.faults FAULT FOLDER partnerkit-arguments...

Faults touch only files inside FOLDER, so everything else the process does
(imports, caches) runs normally. Used by ``test_write_faults.py``; the
process ends through ``partnerkit.cli.main``, as the installed command does.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile


def _inside(folder: str, path) -> bool:
    return os.path.abspath(os.fspath(path)).startswith(folder + os.sep)


def install(fault: str, folder: str) -> None:
    folder = os.path.realpath(folder)
    mkstemp, replace, fsync, fdopen = tempfile.mkstemp, os.replace, os.fsync, os.fdopen
    ours: set[int] = set()

    def watched_mkstemp(*args, **kw):
        fd, name = mkstemp(*args, **kw)
        if _inside(folder, name):
            ours.add(fd)
        return fd, name

    class FullDisk:
        def __init__(self, fh):
            self.fh = fh

        def write(self, data):
            self.fh.write(data[: len(data) // 2])  # part of it reaches the disk, then it is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name):
            return getattr(self.fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    def raise_(exc):
        raise exc

    tempfile.mkstemp = watched_mkstemp
    if fault == "read-only":  # what a folder without write permission does to a new temporary file
        def no_mkstemp(*args, dir=None, **kw):
            if dir and _inside(folder, os.path.join(dir, "x")):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), dir)
            return watched_mkstemp(*args, dir=dir, **kw)
        tempfile.mkstemp = no_mkstemp
    elif fault == "replace-denied":
        os.replace = lambda src, dst, **kw: (raise_(PermissionError(errno.EACCES, os.strerror(errno.EACCES), dst))
                                             if _inside(folder, dst) else replace(src, dst, **kw))
    elif fault == "disk-full":
        os.fdopen = lambda fd, *a, **kw: FullDisk(fdopen(fd, *a, **kw)) if fd in ours else fdopen(fd, *a, **kw)
    elif fault == "disk-full-on-sync":
        os.fsync = lambda fd: raise_(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) if ours else fsync(fd)
    elif fault == "interrupted":
        os.fsync = lambda fd: raise_(KeyboardInterrupt()) if ours else fsync(fd)
    elif fault == "render-fails":
        _break_rendering()
    elif fault != "none":
        raise SystemExit(f"unknown fault {fault}")


def _break_rendering() -> None:
    """Every renderer a write depends on raises half-way."""
    import partnerkit.commands.init
    import partnerkit.findings.baseline
    import partnerkit.outputs.text_format
    import partnerkit.report.render

    def broken(*args, **kw):
        raise RuntimeError("the renderer failed half-way")

    def broken_add(self, result):
        self.out.write("half a finding")
        raise RuntimeError("the renderer failed half-way")

    partnerkit.commands.init.scaffold = broken
    partnerkit.findings.baseline.baseline_text = broken
    partnerkit.outputs.text_format.render = broken
    partnerkit.outputs.text_format.TextWriter.add = broken_add
    partnerkit.report.render.charter_md = broken
    partnerkit.report.render.charter_html = broken


if __name__ == "__main__":
    install(sys.argv[1], sys.argv[2])
    from partnerkit.cli import main

    sys.argv = ["partnerkit", *sys.argv[3:]]
    main()
