"""One charter through the pipeline: load -> model -> rules -> findings.

Each stage reports hits on data paths (or at places no path names); they
become findings here, with their places resolved once from the position
tree the loader built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from partnerkit.core.files import NotRegular, read_limited
from partnerkit.core.finding import Finding, Hit, Related
from partnerkit.core.location import Location
from partnerkit.findings.config import Settings
from partnerkit.core.places import names
from partnerkit.load.positions import resolve
from partnerkit.rules import REGISTRY, Context, all_rules


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    charter: object = None  # the model, when the file could be read as a charter (possibly with sections set aside)
    error: str | None = None  # could not be read at all: exit 2
    baselined: int = 0
    settings: Settings | None = None
    set_aside: tuple[str, ...] = ()  # top-level sections left out for their schema errors
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (code, reason) of rules that could not run
    rendered: object = None  # what a caller's finishing step made of it where it was linted (an output's part)

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed]

    @property
    def readable(self) -> bool:
        """Whether a charter model could be made of the file (no E001, E006 or E007)."""
        return self.charter is not None


class Findings:
    """Turns hits into findings for one file."""

    def __init__(self, display: str, settings: Settings, pos=None, data=None):
        self.display, self.settings, self.pos, self.data = display, settings, pos, data
        self.items: list[Finding] = []

    def add(self, code: str, hit: Hit) -> None:
        rule = REGISTRY[code]
        display, pos = self.display, self.pos
        loc = resolve(pos, hit.path, hit.at_value, display) if hit.loc is None else hit.loc.in_file(display)
        related = [Related(r.message, r.path, resolve(pos, r.path, False, display)) if r.loc is None else r
                   for r in hit.related] if hit.related else []
        path = tuple(hit.path)
        self.items.append(Finding(
            code, rule.name, self.settings.severity_of(code, rule.severity), hit.message, hit.hint or rule.hint,
            loc, path, related, partial(names, self.data, path) if path else None, fix=hit.fix))

    def hit(self, hit: Hit, code: str | None = None) -> None:
        self.add(hit.code or code, hit)


def lint_bytes(raw: bytes, display: str, settings: Settings | None = None, as_of: date | None = None,
               base_dir: str | None = None, fast: bool = True) -> FileResult:
    """Lint one charter given as bytes; ``display`` names it in findings; ``base_dir`` is where its CSV files are."""
    from partnerkit.load.document import load_document

    settings = settings or Settings()
    as_of = as_of or date.today()
    all_rules()
    result = FileResult(display, settings=settings)
    doc = load_document(raw, int(settings.thresholds["max-bytes"]), base_dir, os.path.dirname(display), fast)
    out = Findings(display, settings, doc.pos, doc.data)
    for hit in doc.problems:
        out.hit(hit)
    if not doc.stopped:
        _judge(doc, out, result, settings, as_of)
    result.findings = sorted(out.items, key=Finding.sort_key)
    return result


def _judge(doc, out: Findings, result: FileResult, settings: Settings, as_of: date) -> None:
    """Validate, run every rule that can run, then apply the suppressions."""
    from partnerkit.findings import suppress

    charter, set_aside = _model(doc, out)
    if charter is None:
        return
    result.charter, result.set_aside = charter, set_aside
    ctx = Context(as_of, settings.thresholds)
    ran = set()
    for rule in _enabled(settings):
        if set_aside and not rule.can_run(set_aside):
            result.skipped.append((rule.code, skip_reason(rule, set_aside)))
            continue
        ran.add(rule.code)
        for hit in rule.check(charter, ctx):
            out.add(hit.code or rule.code, hit)
    suppress.apply_all(doc.text, out, charter, settings, as_of, ran, "lint" not in set_aside)


_ENABLED: dict = {}


def _enabled(settings: Settings) -> tuple:
    """The rules with a check that the settings turn on, worked out once per selection (not once per charter)."""
    key = (settings.select, settings.ignore)
    try:
        return _ENABLED[key]
    except KeyError:
        pass
    except TypeError:  # a selection given as lists: work it out each time
        key = None
    rules = tuple(rule for rule in all_rules() if rule.check is not None and settings.enabled(rule.code))
    if key is not None and len(_ENABLED) < 64:
        _ENABLED[key] = rules
    return rules


def _model(doc, out: Findings) -> tuple[object, tuple[str, ...]]:
    """The charter and the sections set aside. A valid charter passes the generated check (plain objects, no
    pydantic); whatever it is not sure of goes to the pydantic models, which say what is wrong (E002)."""
    from partnerkit.model import light
    from partnerkit.model.shared import without_extensions

    data = without_extensions(doc.data) if "x-" in doc.text else doc.data
    charter = light.check(data)
    if charter is not None:
        return charter, ()
    from partnerkit.model.validate import validate

    valid = validate(data, extensions=False)
    for hit in valid.hits:
        out.add("E002", hit)
    return valid.charter, valid.set_aside


def skip_reason(rule, set_aside) -> str:
    gone = [s for s in rule.reads if s in set_aside]
    if gone:
        return f"reads {', '.join(f'`{s}`' for s in gone)}, set aside for schema errors"
    return "reads the whole charter, and part of it is set aside for schema errors"


def lint_file(path: str, settings: Settings | None = None, as_of: date | None = None, display: str | None = None,
              fast: bool = True) -> FileResult:
    settings = settings or Settings()
    display = display or path
    limit = int(settings.thresholds["max-bytes"])
    try:
        raw = read_limited(path, limit)
    except NotRegular:
        all_rules()
        out = Findings(display, settings)
        out.add("E007", Hit((), "not a regular file (a FIFO, device or socket): refused",
                            "Lint regular files; use `-` to read standard input.", loc=Location()))
        return FileResult(display, findings=out.items, settings=settings)
    except OSError as exc:
        return FileResult(display, error=f"cannot read {display}: {exc.strerror or exc}", settings=settings)
    return lint_bytes(raw, display, settings, as_of, os.path.dirname(os.path.abspath(path)), fast)
