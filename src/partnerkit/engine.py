"""One charter through the pipeline: load -> model -> rules -> findings.

Each stage reports data paths; positions are resolved once, here, from the
position tree the loader built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from partnerkit.findings.config import Settings
from partnerkit.findings.finding import Finding, Hit, Related
from partnerkit.load.decode import Problem, decode
from partnerkit.load.positions import Pos, resolve
from partnerkit.rules import REGISTRY, Context, all_rules


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    charter: object = None  # the model, when the file is a valid charter
    error: str | None = None  # could not be read at all: exit 2
    baselined: int = 0
    settings: Settings | None = None

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed]


class _Run:
    """Turns hits into findings for one file."""

    def __init__(self, display: str, pos: Pos | None, settings: Settings):
        self.display, self.pos, self.settings = display, pos, settings
        self.findings: list[Finding] = []

    def add(self, code: str, hit: Hit) -> None:
        rule = REGISTRY[code]
        file, line, col = resolve(self.pos, hit.path, hit.at_value)
        related = []
        for r in hit.related:
            if r.line:
                related.append(r)
            else:
                rfile, rline, rcol = resolve(self.pos, r.path)
                related.append(Related(r.message, r.path, rfile or self.display, rline, rcol))
        self.findings.append(Finding(
            code, rule.name, self.settings.severity_of(code, rule.severity), hit.message,
            hit.hint or rule.hint, file or self.display, line, col, tuple(hit.path), related))

    def at(self, code: str, line: int, col: int, message: str, hint: str, file: str | None = None) -> None:
        rule = REGISTRY[code]
        self.findings.append(Finding(code, rule.name, self.settings.severity_of(code, rule.severity),
                                     message, hint or rule.hint, file or self.display, line, col))

    def problem(self, p: Problem) -> None:
        self.at(p.code, p.line, p.col, p.message, p.hint)


def lint_bytes(data: bytes, display: str, settings: Settings | None = None, as_of: date | None = None,
               base_dir: str | None = None, fast: bool = True) -> FileResult:
    """Lint one charter given as bytes; ``display`` names it in findings."""
    settings = settings or Settings()
    as_of = as_of or date.today()
    all_rules()
    result = FileResult(display, settings=settings)
    run = _Run(display, None, settings)
    text, problem = decode(data, int(settings.thresholds["max-bytes"]))
    if problem is not None:
        run.problem(problem)
        result.findings = run.findings
        return result
    _lint_text(text, run, result, settings, as_of, base_dir, fast)
    result.findings = sorted(run.findings, key=Finding.sort_key)
    return result


def _lint_text(text, run: _Run, result: FileResult, settings, as_of, base_dir, fast):
    from partnerkit.load.yamlload import load_yaml

    loaded = load_yaml(text, fast=fast)
    run.pos = loaded.pos
    if loaded.problems:
        for p in loaded.problems:
            run.problem(p)
        return
    data = loaded.data
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a YAML {'list' if isinstance(data, list) else 'scalar'}"
        line, col = (loaded.pos.line, loaded.pos.col) if loaded.pos else (1, 1)
        run.at("E006", line, col, f"not a charter: the document is {what}, not a mapping",
               "A charter is a mapping that starts with `partnerkit: 1`; `partnerkit init` writes one.")
        return
    if "partnerkit" not in data:
        run.add("E006", Hit((), "not a charter: no `partnerkit` key",
                            "Start the file with `partnerkit: 1`, or run `partnerkit init` for a scaffold."))
        return
    version = data["partnerkit"]
    if version != 1 or isinstance(version, bool):
        run.add("E006", Hit(("partnerkit",), f"unsupported format version {version!r}: this partnerkit reads version 1",
                            "Set `partnerkit: 1`, or upgrade partnerkit.", at_value=True))
        return
    for pos, tag in loaded.tag_problems:
        what = "a complex mapping key" if tag == "complex key" else f"the YAML tag `{tag}`"
        run.at("E002", pos.line, pos.col, f"{what} is not allowed in a charter",
               "Remove the tag: charters hold plain data (tags never construct objects).")
    if data.get("data") and base_dir is not None:
        from partnerkit.load.csvdata import merge

        for file, line, col, code, message, hint in merge(data, loaded.pos, base_dir, os.path.dirname(run.display)):
            run.at(code, line, col, message, hint, file)
    from partnerkit.model.validate import validate

    charter, hits = validate(data)
    for hit in hits:
        run.add("E002", hit)
    if charter is None:
        return
    result.charter = charter
    ctx = Context(as_of, settings.thresholds)
    for rule in all_rules():
        if rule.check is None or not settings.enabled(rule.code):
            continue
        for hit in rule.check(charter, ctx):
            run.add(hit.code or rule.code, hit)
    _suppress(text, run, charter, settings, as_of)


def _suppress(text, run: _Run, charter, settings, as_of):
    from partnerkit.findings import suppress
    from partnerkit.rules import find_rule

    problems = suppress.Problems()
    by_line = suppress.comments(text, problems)
    for line, col, _path, message, hint in problems.items:
        run.at("E002", line, col, message, hint)
    ignores = []
    entries = charter.lint.ignore if charter.lint else {}
    for key, entry in entries.items():
        path = ("lint", "ignore", key)
        found = find_rule(key)
        if found is None or found.code[0] == "E":
            why = "E rules cannot be ignored" if found else f"unknown rule `{key}`"
            run.add("E002", Hit(path, f"lint.ignore: {why}", "Name a V, D, M, A, C or S rule by code or name."))
            continue
        _, line, col = resolve(run.pos, path)
        ignores.append(suppress.Suppression((found.code,), entry.reason, "lint.ignore", line, col, path, entry.until,
                                            label=f"lint.ignore {key}"))
    if not ignores and not by_line:
        return
    expired = suppress.apply(run.findings, ignores, by_line, as_of)
    for s in expired:
        if settings.enabled("S002"):
            run.add("S002", Hit(s.path, f"the suppression of {s.codes[0]} expired on {s.until}; its findings are reported again",
                                "Fix what it hid, or renew the suppression with a new reason and date."))
    for s in [*ignores, *by_line.values()]:
        if s.used or s in expired or not settings.enabled("S001") or not any(settings.enabled(c) for c in s.codes):
            continue
        message = f"{s.label}: the suppression matched no finding"
        hint = "Remove the suppression: what it hid is fixed."
        if s.path:
            run.add("S001", Hit(s.path, message, hint))
        else:
            run.at("S001", s.line, s.col, message, hint)


def read_limited(path: str, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes of a regular file without blocking on FIFOs or devices."""
    import stat

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


class NotRegular(OSError):
    pass


def lint_file(path: str, settings: Settings | None = None, as_of: date | None = None, display: str | None = None,
              fast: bool = True) -> FileResult:
    settings = settings or Settings()
    display = display or path
    limit = int(settings.thresholds["max-bytes"])
    try:
        data = read_limited(path, limit)
    except NotRegular:
        all_rules()
        result = FileResult(display, settings=settings)
        run = _Run(display, None, settings)
        run.at("E007", 1, 1, "not a regular file (a FIFO, device or socket): refused",
               "Lint regular files; use `-` to read standard input.")
        result.findings = run.findings
        return result
    except OSError as exc:
        return FileResult(display, error=f"cannot read {display}: {exc.strerror or exc}", settings=settings)
    return lint_bytes(data, display, settings, as_of, os.path.dirname(os.path.abspath(path)), fast)
