"""`partnerkit lint`: findings are written as each charter finishes, so output streams and memory stays flat."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from partnerkit.commands.common import fail, output_format, write_or_fail

PROGRESS_OVER = 50  # a progress bar on a terminal when a run covers more charters than this


# What `-o FILE` writes when --format is not given, by the file's extension (the first format is inferred).
BY_EXTENSION = {".sarif": ("sarif",), ".xml": ("junit",), ".json": ("json", "sarif")}


def run(paths, as_of, config, fmt, output, fail_on, select, ignore, show_suppressed, baseline, write_baseline,
        stdin_filename, fix=False, diff=False) -> int:
    from partnerkit import outputs
    from partnerkit.api import ConfigError, Options
    from partnerkit.outputs.common import Prerender, RunInfo

    fmt = output_format(fmt, output, BY_EXTENSION, "text")
    if (fix or diff) and "-" in paths:
        fail("--fix and --diff change files: name them instead of `-` (standard input)")
    if fix and diff:
        fail("use --fix (write the fixes) or --diff (show them), not both")
    if fmt not in outputs.FORMATS:
        fail(f"unknown format `{fmt}`: use one of {', '.join(outputs.FORMATS)}")
    if fail_on and fail_on not in ("error", "warning", "info", "never"):
        fail(f"invalid --fail-on `{fail_on}`: use error, warning, info or never")
    if paths.count("-") > 1:
        fail("`-` (standard input) can be given only once")
    if stdin_filename is not None and "-" not in paths:
        fail("--stdin-filename names standard input: add `-` to the paths")
    fixed, after = 0, {}
    try:
        options = Options(as_of=as_of, config=config, fail_on=fail_on, select=select, ignore=ignore)
        if fix or diff:
            fixed, after = apply_fixes(paths, options, write=fix)
        if diff:
            return _diff_summary(paths, options, stdin_filename, fixed, after)
    except ConfigError as exc:
        fail(str(exc))
    known = _read_baseline(baseline) if baseline else None
    to_stdout = output in (None, "-")
    color = to_stdout and fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    summary = fmt == "github" and bool(os.environ.get("GITHUB_STEP_SUMMARY"))
    info = RunInfo(as_of=options.as_of, show_suppressed=show_suppressed, color=color, fixed=fixed, step_summary=summary)
    state = _Run(known, bool(write_baseline))
    # Each file's part of the output is rendered where the file is linted, unless a baseline needs its findings.
    finish = None if baseline or write_baseline else Prerender(fmt, info)
    try:
        with _destination(None if to_stdout else output) as out:
            writer = outputs.get(fmt).WRITER(out, info)
            for result in lint_all(paths, options, stdin_filename, finish):
                state.take(result, writer)
                if to_stdout:
                    out.flush()
            writer.close()
    except ConfigError as exc:
        fail(str(exc))
    except BrokenPipeError:  # the reader went away (`partnerkit lint | head`): stop, saying nothing more
        return 2 if state.errors else (1 if state.fails else 0)
    except OSError as exc:
        fail(f"cannot write {output or 'the output'}: {exc.strerror or exc}")
    if write_baseline:
        from partnerkit.findings.baseline import baseline_text

        write_or_fail(write_baseline, baseline_text(counts=state.recorded))
    if summary:
        append_step_summary(os.environ["GITHUB_STEP_SUMMARY"], writer.summary())
    return 2 if state.errors else (1 if state.fails else 0)


class _Run:
    """What a lint run keeps while results stream past: the exit code, unreadable paths, the baseline."""

    def __init__(self, known, record: bool):
        from collections import Counter

        from partnerkit.findings.baseline import Baseline

        self.baseline = Baseline(known) if known is not None else None
        self.recorded = Counter() if record else None
        self.errors = 0
        self.fails = False

    def take(self, result, writer) -> None:
        if result.error:
            sys.stderr.write(f"partnerkit: {result.error}\n")
            self.errors += 1
            writer.error(result.error)
            return
        if self.baseline is not None:
            self.baseline.apply(result)
        if self.recorded is not None:
            from partnerkit.findings.baseline import key

            self.recorded.update(key(f) for f in result.active)
        piece = writer.add(result)
        if piece.worst is not None and result.settings is not None and result.settings.fails(piece.worst):
            self.fails = True


def _read_baseline(path: str):
    from partnerkit.findings import baseline as bl

    try:
        return bl.read(path)
    except bl.BaselineError as exc:
        fail(str(exc))


@contextmanager
def _destination(output: str | None):
    """Standard output, or ``output`` written atomically (the previous file is kept if anything fails)."""
    if output is None:
        yield sys.stdout
        return
    from partnerkit.core.files import AtomicWriter

    with AtomicWriter(output) as fh:
        yield fh


def lint_all(paths, options, stdin_filename, finish=None):
    """Every charter named or found, in order, as each finishes; a progress bar on a terminal for long runs.

    ``finish`` is applied to each result where it was linted (see :func:`partnerkit.api.lint_found`)."""
    from partnerkit.api import lint_found
    from partnerkit.lint.discover import expand

    groups: list = []  # runs of (path, error) found, with "-" (standard input) alone in its group
    for path in paths:
        if path == "-":
            groups.append("-")
        elif groups and groups[-1] != "-":
            groups[-1].extend(expand([path]))
        else:
            groups.append(list(expand([path])))
    with ProgressBar(sum(1 if g == "-" else len(g) for g in groups)) as advance:
        for group in groups:
            if group == "-":
                results = [lint_stdin(stdin_filename, options)]
            else:
                results = lint_found(group, options, charters=False, finish=finish)
            for result in results:
                yield result
                advance()


def lint_stdin(name: str | None, options):
    """Standard input, named ``name`` in findings; configuration is searched from ``name``'s folder."""
    from partnerkit.api import lint_text
    from partnerkit.lint.engine import FileResult

    display = name or "<stdin>"
    limit = int(options.settings_for(name).thresholds["max-bytes"])
    if sys.stdin is None:
        return FileResult(display, error="cannot read standard input: it is closed")
    try:
        data = sys.stdin.buffer.read(limit + 1)  # one byte over the limit is enough to report E007
    except OSError as exc:
        return FileResult(display, error=f"cannot read standard input: {exc.strerror or exc}")
    return lint_text(data, display, options)


class ProgressBar:
    """A context giving an ``advance()`` callable; draws on standard error only when it is a terminal."""

    def __init__(self, total: int):
        self.total, self.bar, self.task = total, None, None

    def __enter__(self):
        if self.total <= PROGRESS_OVER or not sys.stderr.isatty():
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(TextColumn("linting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        self.task = self.bar.add_task("lint", total=self.total)
        return lambda: self.bar.advance(self.task)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def append_step_summary(path: str, text: str) -> None:
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        sys.stderr.write(f"partnerkit: cannot append the step summary to {path}: {exc.strerror or exc}\n")


def apply_fixes(paths, options, write: bool) -> tuple[int, dict]:
    """Make the safe fixes in every charter named or found: write them, or print them as a diff.

    Returns how many findings were fixed and, per charter changed, the lint result after the fixes.
    """
    from partnerkit.edit import EditError, open_charter
    from partnerkit.edit.fixes import fix_file
    from partnerkit.lint.discover import expand

    fixed, after = 0, {}
    for path, error in expand(list(paths)):
        if error:
            continue  # reported by the lint run
        try:
            result = fix_file(open_charter(path, options.settings_for(path), options.as_of))
        except EditError:
            continue  # cannot be read as a charter: the lint run says why
        if result.outcome is None:
            continue
        if write:
            try:
                result.outcome.write()
            except (EditError, OSError) as exc:
                sys.stderr.write(f"partnerkit: {path}: fixes not written: {exc}\n")
                continue
        else:
            sys.stdout.write(result.outcome.diff())
        fixed += len(result.fixed)
        after[path] = result.outcome.after
    return fixed, after


def _diff_summary(paths, options, stdin_filename, fixed: int, after: dict) -> int:
    """``--diff``: the diff is printed; standard error says what would remain; the exit code is lint's for that."""
    from partnerkit.api import exit_code
    from partnerkit.core.numbers import plural
    from partnerkit.outputs.common import summary

    results = [after.get(r.path, r) for r in lint_all(paths, options, stdin_filename)]
    for r in results:
        if r.error:
            sys.stderr.write(f"partnerkit: {r.error}\n")
    counts = summary([r for r in results if not r.error])
    remain = counts["error"] + counts["warning"] + counts["info"]
    sys.stderr.write(f"{plural(fixed, 'finding')} would be fixed by --fix; {plural(remain, 'finding')} would remain: "
                     f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
                     f"{plural(counts['info'], 'info')}.\n")
    return exit_code(results)
