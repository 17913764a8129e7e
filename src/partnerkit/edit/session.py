"""A charter file opened for editing: lint before, edit, lint after, refuse a new E finding, write atomically.

>>> cf = open_charter("acme.charter.yaml", settings, as_of)
>>> outcome = cf.change(Plan("recorded ...", edits=[Insert(("metrics", 0, "readings"), {...})]))
>>> outcome.refused or outcome.write()

Edits to data the charter keeps in a CSV file (``data.readings``,
``data.pulse``) are given as ``Plan.rows``: rows appended to that file.
Findings before and after are matched by rule and by the thing concerned
(:func:`partnerkit.findings.compare.matched`), so the outcome says which
findings the edit fixed and which it raised.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date

from partnerkit.core.files import NotRegular, read_limited, write_atomic
from partnerkit.core.finding import Finding
from partnerkit.edit.csvfile import append_rows
from partnerkit.edit.source import EditError, Source
from partnerkit.edit.splice import apply
from partnerkit.findings.compare import matched
from partnerkit.findings.config import Settings
from partnerkit.lint.engine import FileResult, lint_bytes
from partnerkit.load.csvdata import MAX_BYTES as CSV_MAX_BYTES

BOM = b"\xef\xbb\xbf"
STOPPERS = ("E001", "E006", "E007")
DATA_KEYS = ("readings", "pulse")


class Unreadable(EditError):
    """The charter cannot be edited until its own errors are fixed: carries the lint result."""

    def __init__(self, result: FileResult):
        self.result = result
        super().__init__(f"{result.path} cannot be edited until its errors are fixed")


@dataclass
class Plan:
    """What an edit does: words for the reader, edits to the charter, rows for its CSV data files."""

    summary: str
    edits: list = field(default_factory=list)
    rows: dict = field(default_factory=dict)  # "readings" or "pulse" -> rows (column -> value) for that file
    notes: list[str] = field(default_factory=list)  # said alongside the summary (what was left out, and why)

    @property
    def empty(self) -> bool:
        return not self.edits and not any(self.rows.values())


@dataclass
class FileChange:
    path: str  # where it is written
    display: str  # how it is named to the reader
    before: str
    after: str
    bom: bool = False

    def encoded(self) -> bytes:
        return (BOM if self.bom else b"") + self.after.encode("utf-8")

    def diff(self) -> str:
        lines = difflib.unified_diff(self.before.splitlines(True), self.after.splitlines(True), self.display,
                                     self.display)
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
                       for line in lines)

    def first_line(self) -> int:
        """The first line that differs, 1-based."""
        old, new = self.before.splitlines(), self.after.splitlines()
        for i, (a, b) in enumerate(zip(old, new)):
            if a != b:
                return i + 1
        return min(len(old), len(new)) + 1


@dataclass
class Outcome:
    plan: Plan
    files: list[FileChange]
    before: FileResult
    after: FileResult
    fixed: list[Finding]
    raised: list[Finding]
    originals: dict = field(default_factory=dict)  # path -> bytes read: a file changed since is not overwritten

    @property
    def refused(self) -> list[Finding]:
        """New E findings: the edit is not written."""
        return [f for f in self.raised if f.code[0] == "E"]

    def diff(self) -> str:
        return "".join(f.diff() for f in self.files)

    def write(self) -> None:
        if self.refused:
            raise EditError("refusing to write an edit that adds an error")
        for f in self.files:
            original = self.originals.get(f.path, b"")
            try:
                now = read_limited(f.path, len(original) + 1)
            except OSError:
                now = None
            if now != original:
                raise EditError(f"{f.display} changed while it was being edited: run the command again")
        for f in self.files:
            write_atomic(f.path, f.encoded())


class CharterFile:
    """A charter read for editing, with its findings before any change."""

    def __init__(self, path: str, settings: Settings | None = None, as_of: date | None = None,
                 display: str | None = None):
        self.path = path
        self.display = display or path
        self.settings = settings or Settings()
        self.as_of = as_of or date.today()
        self.folder = os.path.dirname(os.path.abspath(path))
        self.raw = read_file(path, int(self.settings.thresholds["max-bytes"]), self.display, check=False)
        self.bom = self.raw.startswith(BOM)
        self.before = lint_bytes(self.raw, self.display, self.settings, self.as_of, self.folder)
        if self.before.charter is None or any(f.code in STOPPERS for f in self.before.active):
            raise Unreadable(self.before)
        self.text = self.raw[len(BOM):].decode("utf-8") if self.bom else self.raw.decode("utf-8")
        self.source = Source(self.text)
        self.data = self.source.data
        spec = self.data.get("data") if isinstance(self.data.get("data"), dict) else {}
        self.data_files = {k: spec[k] for k in DATA_KEYS if isinstance(spec.get(k), str) and spec[k]}

    @property
    def charter(self):
        """The charter model (CSV rows merged in), as lint read it."""
        return self.before.charter

    def data_path(self, key: str) -> str:
        return os.path.join(self.folder, self.data_files[key])

    def data_display(self, key: str) -> str:
        return os.path.normpath(os.path.join(os.path.dirname(self.display), self.data_files[key]))

    def change(self, plan: Plan) -> Outcome:
        """The plan made on copies: the new texts and the findings after; nothing is written."""
        files, originals = [], {self.path: self.raw}
        text = apply(self.text, plan.edits) if plan.edits else self.text
        if text != self.text:
            files.append(FileChange(self.path, self.display, self.text, text, self.bom))
        csv_after = {}
        for key, rows in plan.rows.items():
            if not rows:
                continue
            if key not in self.data_files:
                raise EditError(f"the charter keeps no `data.{key}` file")
            path = self.data_path(key)
            raw = read_file(path, CSV_MAX_BYTES, self.data_display(key))
            originals[path] = raw
            bom = raw.startswith(BOM)
            try:
                before = raw[len(BOM) if bom else 0:].decode("utf-8")
            except UnicodeDecodeError:
                raise EditError(f"{self.data_display(key)} is not UTF-8 text: fix it first") from None
            after = append_rows(before, rows, self.data_display(key))
            files.append(FileChange(path, self.data_display(key), before, after, bom))
            csv_after[key] = (BOM if bom else b"") + after.encode("utf-8")
        new_raw = (BOM if self.bom else b"") + text.encode("utf-8")
        after = self._lint(new_raw, csv_after)
        fixed, raised = matched(self.before.active, after.active)
        return Outcome(plan, files, self.before, after, fixed, raised, originals)

    def _lint(self, raw: bytes, csv_after: dict) -> FileResult:
        if not csv_after:
            return lint_bytes(raw, self.display, self.settings, self.as_of, self.folder)
        with tempfile.TemporaryDirectory(prefix="partnerkit-edit-") as scratch:
            for key, rel in self.data_files.items():
                target = os.path.join(scratch, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                if key in csv_after:
                    content = csv_after[key]
                else:
                    try:
                        content = read_file(self.data_path(key), CSV_MAX_BYTES, rel)
                    except EditError:
                        continue
                with open(target, "wb") as fh:
                    fh.write(content)
            return lint_bytes(raw, self.display, self.settings, self.as_of, scratch)


def read_file(path: str, limit: int, display: str, check: bool = True) -> bytes:
    """At most ``limit`` bytes of a regular file (``check``: refuse a larger one), or an EditError saying why not."""
    try:
        raw = read_limited(path, limit)
    except NotRegular:
        raise EditError(f"{display} is not a regular file") from None
    except (OSError, ValueError) as exc:
        raise EditError(f"cannot read {display}: {getattr(exc, 'strerror', None) or exc}") from None
    if check and len(raw) > limit:
        raise EditError(f"{display} is larger than {limit:,} bytes")
    return raw


def open_charter(path: str, settings: Settings | None = None, as_of: date | None = None,
                 display: str | None = None) -> CharterFile:
    return CharterFile(path, settings, as_of, display)
