"""Reading and writing files safely.

Reads never block on FIFOs or devices and never take more than a limit;
writes are atomic: a temporary file in the same folder, ``fsync``, then a
rename over the target, so a failed write (disk full, interrupted render,
read-only folder) leaves the previous file exactly as it was, and a replaced
file keeps its mode.
"""

from __future__ import annotations

import os
import stat


class NotRegular(OSError):
    """A FIFO, device or socket where a regular file was expected."""


def read_limited(path: str, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a regular file (one over the limit is enough to refuse it)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(path)
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_atomic(path: str, data: str | bytes) -> None:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    mode = _mode_for(path)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


class AtomicWriter:
    """A text file written under a temporary name and renamed over ``path`` only when the block ends cleanly.

    ``with AtomicWriter("out.sarif") as fh: fh.write(...)``: an exception, or a failed rename, leaves the
    previous file (and its mode) exactly as it was and no temporary file behind.
    """

    def __init__(self, path: str):
        self.path = os.fspath(path)
        self.tmp: str | None = None
        self.fh = None

    def __enter__(self):
        import tempfile

        folder = os.path.dirname(os.path.abspath(self.path))
        fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.", suffix=".tmp", dir=folder)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, kind, exc, tb) -> bool:
        try:
            if kind is None:
                self.fh.flush()
                os.fsync(self.fh.fileno())
                self.fh.close()
                os.chmod(self.tmp, _mode_for(self.path))
                os.replace(self.tmp, self.path)
                return False
            self.fh.close()
        except BaseException:
            _unlink(self.tmp)
            raise
        _unlink(self.tmp)
        return False


def _mode_for(path: str) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _unlink(path: str | None) -> None:
    try:
        if path:
            os.unlink(path)
    except OSError:
        pass
