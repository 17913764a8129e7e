"""What every output format shares: the run's facts, running counts, and the writer protocol.

Every format is a :class:`Writer` in two halves. ``body(result, info)`` turns
one file's result into that file's part of the document — a pure function,
so it can run in the worker process that linted the file (see
:class:`Prerender`), in parallel, sending back text instead of findings.
``add`` takes each file's part as soon as the file is linted and writes it
out; ``close`` finishes the document. Output streams and memory does not
grow with the number of charters. ``render(results, info)`` is the same
writer into a string.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from typing import TextIO


@dataclass
class RunInfo:
    as_of: date
    show_suppressed: bool = False
    color: bool = False
    baselined: int = 0
    errors: list[str] = field(default_factory=list)
    fixed: int = 0  # findings fixed by `lint --fix` before this run
    step_summary: bool = True  # github: keep the rows of a job summary (only when GITHUB_STEP_SUMMARY asks for one)
    summary_rows: int = field(default=0, compare=False)  # github: summary rows this process has made so far this run


class Tally:
    """Counts by severity, suppressed and baselined, kept as results stream past."""

    __slots__ = ("files", "error", "warning", "info", "suppressed", "baselined", "fixable")

    def __init__(self):
        self.files = self.error = self.warning = self.info = self.suppressed = self.baselined = self.fixable = 0

    def add(self, result) -> None:
        self.files += 1
        self.baselined += result.baselined
        for f in result.findings:
            if f.suppressed:
                self.suppressed += 1
            else:
                setattr(self, f.severity, getattr(self, f.severity) + 1)
                if f.fix is not None:
                    self.fixable += 1

    def merge(self, counts: dict) -> None:
        for k in self.__slots__:
            setattr(self, k, getattr(self, k) + counts[k])

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}

    @property
    def active(self) -> int:
        return self.error + self.warning + self.info


def summary(results) -> dict:
    tally = Tally()
    for r in results:
        tally.add(r)
    return tally.as_dict()


def shown(result, info: RunInfo):
    return [f for f in result.findings if info.show_suppressed or not f.suppressed]


SEVERITY_ORDER = ("error", "warning", "info")


class Piece:
    """One file's part of the document, made where the file was linted: the format's ``body``, the file's
    counts, and the most severe active finding's severity (for the exit code)."""

    __slots__ = ("body", "counts", "worst")

    def __init__(self, body, counts: dict, worst: str | None):
        self.body, self.counts, self.worst = body, counts, worst

    @classmethod
    def of(cls, writer_class, result, info: RunInfo) -> Piece:
        tally = Tally()
        tally.add(result)
        worst = next((s for s in SEVERITY_ORDER if getattr(tally, s)), None)
        return cls(writer_class.body(result, info), tally.as_dict(), worst)


class Prerender:
    """The finishing step a lint run applies to each result where it was linted: it renders the file's
    :class:`Piece` and drops the findings, which then never cross between processes."""

    def __init__(self, fmt: str, info: RunInfo):
        self.fmt, self.info = fmt, info

    def __call__(self, result) -> None:
        if result.error is None:
            from partnerkit.outputs import get

            result.rendered = Piece.of(get(self.fmt).WRITER, result, self.info)
            result.findings = []


class Writer:
    """A format's writer: ``add`` each file's result as it finishes, ``error`` each path that could not be
    read, ``close`` at the end. Formats define ``body`` (a file's part, pure) and ``put`` (write it)."""

    def __init__(self, out: TextIO, info: RunInfo):
        self.out, self.info = out, info
        self.tally = Tally()
        self.errors: list[str] = []

    @staticmethod
    def body(result, info: RunInfo):
        raise NotImplementedError

    def piece(self, result) -> Piece:
        """The file's part: rendered where it was linted, or now."""
        return result.rendered if getattr(result, "rendered", None) is not None else Piece.of(type(self), result, self.info)

    def add(self, result) -> Piece:
        piece = self.piece(result)
        self.tally.merge(piece.counts)
        self.put(piece.body)
        return piece

    def put(self, body) -> None:
        raise NotImplementedError

    def error(self, message: str) -> None:
        self.errors.append(message)

    def close(self) -> None:
        pass


class Spill:
    """Text a format can write only at the end of a run (JUnit's suites after their totals, SARIF's results in
    level order), kept in a temporary file as UTF-8 meanwhile and copied out as bytes, with no decoding."""

    CHUNK = 1 << 20

    def __init__(self):
        import tempfile

        self.file = tempfile.TemporaryFile("w+b")

    def write(self, text: str) -> None:
        self.file.write(text.encode("utf-8"))

    def chunks(self, lines: int | None = None):
        """The text in blocks of bytes; only its first ``lines`` lines when given. Closes the file when done."""
        file = self.file
        file.seek(0)
        try:
            while lines is None or lines > 0:
                chunk = file.read(self.CHUNK)
                if not chunk:
                    return
                if lines is not None:
                    count = chunk.count(b"\n")
                    if count >= lines:
                        at = -1
                        for _ in range(lines):
                            at = chunk.index(b"\n", at + 1)
                        yield chunk[:at + 1]
                        return
                    lines -= count
                yield chunk
        finally:
            file.close()


def byte_writer(out: TextIO):
    """A function that writes UTF-8 bytes to ``out``: straight to its binary buffer where the stream is UTF-8
    and writes lines as they are, else decoded (an in-memory string, another encoding, Windows line ends)."""
    import codecs
    import os

    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    buffer = getattr(out, "buffer", None)
    if buffer is not None and encoding == "utf8" and os.linesep == "\n":
        out.flush()
        return buffer.write
    decode = codecs.getincrementaldecoder("utf-8")().decode
    return lambda data: out.write(decode(data))


def render_with(writer_class, results, info: RunInfo) -> str:
    """The whole document as a string (for tests, the report commands and small runs)."""
    out = io.StringIO()
    writer = writer_class(out, info)
    for message in info.errors:
        writer.error(message)
    for r in results:
        writer.add(r)
    writer.close()
    return out.getvalue()
