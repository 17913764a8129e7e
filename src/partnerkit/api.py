"""The library API. The command line is a thin shell over these functions.

>>> from partnerkit.api import lint, load
>>> results = lint(["examples/"], as_of=date(2026, 11, 15))
"""

from __future__ import annotations

import os
from datetime import date
from typing import Iterable, Iterator

from partnerkit.lint.engine import FileResult, lint_bytes
from partnerkit.findings.config import ConfigError, Finder, Settings, with_options  # noqa: F401

__all__ = ["lint", "lint_found", "lint_text", "load", "exit_code", "LoadError", "ConfigError", "FileResult", "Options"]


class LoadError(Exception):
    """A charter that cannot be used: carries its findings."""

    def __init__(self, result: FileResult):
        self.result = result
        first = result.active[0] if result.active else None
        super().__init__(result.error or (f"{first.file}:{first.line}:{first.col}: {first.code} {first.message}" if first else "not a charter"))


class Options:
    """What a lint run is asked for: as-of date, configuration and command-line overrides."""

    def __init__(self, as_of: date | None = None, config: str | None = None, fail_on: str | None = None,
                 select: Iterable[str] = (), ignore: Iterable[str] = (), fast: bool = True, jobs: int | None = None):
        self.as_of = as_of or date.today()
        self.finder = Finder(config)
        self.fail_on, self.select, self.ignore = fail_on, list(select), list(ignore)
        self.fast = fast
        self.jobs = jobs  # worker processes for many files; None: one per CPU, 1: none
        self._cache: dict[int, Settings] = {}

    def settings_for(self, path: str | None) -> Settings:
        base = self.finder.for_file(path)
        key = id(base)
        if key not in self._cache:
            self._cache[key] = with_options(base, self.fail_on, self.select, self.ignore)
        return self._cache[key]


def lint_text(text: str | bytes, filename: str = "<stdin>", options: Options | None = None) -> FileResult:
    options = options or Options()
    data = text.encode("utf-8") if isinstance(text, str) else text
    base = os.path.dirname(os.path.abspath(filename))
    return lint_bytes(data, filename, options.settings_for(filename), options.as_of, base, options.fast)


def lint(paths: Iterable[str], options: Options | None = None, *, charters: bool = True, **kw) -> Iterator[FileResult]:
    """Lint files and folders, in a stable order, streaming one result per charter.

    More than a few files are linted by a pool of worker processes (see
    :mod:`partnerkit.parallel`); ``charters=False`` leaves ``FileResult.charter``
    empty, which is faster when only the findings are needed.
    """
    from partnerkit.lint.discover import expand

    options = options or Options(**kw)
    yield from lint_found(list(expand(list(paths))), options, charters=charters)


def lint_found(items: list[tuple[str, str | None]], options: Options, *, charters: bool = True,
               finish=None) -> Iterator[FileResult]:
    """Lint what :func:`partnerkit.lint.discover.expand` found: ``(path, error)`` pairs, in order.

    ``finish`` is applied to each result where it was linted (see :func:`partnerkit.lint.parallel.lint_files`).
    """
    from partnerkit.lint.parallel import lint_files

    linted = lint_files([path for path, error in items if not error], options, charters=charters, workers=options.jobs,
                        finish=finish)
    for path, error in items:
        yield FileResult(path, error=error) if error else next(linted)
    next(linted, None)  # the end: lets the worker processes, if any, finish cleanly


def load(path: str, as_of: date | None = None):
    """The charter model of a file (:class:`partnerkit.model.Charter`); :class:`LoadError` when it has E findings.

    ``FileResult.charter`` from :func:`lint` has the same fields, but may be a plain object without pydantic's
    methods (:mod:`partnerkit.model.light`); this gives the pydantic model.
    """
    from partnerkit.model.charter import as_model

    result = next(iter(lint([path], Options(as_of=as_of))))
    if result.charter is None or any(f.code[0] == "E" for f in result.active):
        raise LoadError(result)
    return as_model(result.charter)


def exit_code(results: list[FileResult]) -> int:
    if any(r.error for r in results):
        return 2
    for r in results:
        settings = r.settings or Settings()
        if any(settings.fails(f.severity) for f in r.active):
            return 1
    return 0


def about() -> list[tuple[str, str]]:
    """What ``partnerkit version --verbose`` reports: the versions in use, and which YAML parser reads charters and why."""
    import platform
    import sys
    from importlib import metadata

    from partnerkit.core.version import __version__
    from partnerkit.load.parsers import describe, fixes
    from partnerkit.load.yamlload import builder

    return [("partnerkit", __version__),
            ("Python", f"{platform.python_version()} ({platform.python_implementation()}) on {sys.platform}"),
            ("ruamel.yaml", metadata.version("ruamel.yaml")),
            ("YAML parser", describe()),
            ("Tree builder", builder()),
            ("YAML 1.2 fixes to the pure-Python parser", fixes())]
