"""What the commands that edit a charter share: finding it, opening it, and saying what an edit did."""

from __future__ import annotations

import os
import sys

from partnerkit.commands.common import fail

CHARTER_NAMES = "charter.yaml, *.charter.yaml, *.charter.yml"


def locate(charter: str | None) -> str:
    """``-c PATH``, or the single charter in the current folder."""
    if charter:
        if os.path.isdir(charter):
            return _single(charter)
        if not os.path.isfile(charter):
            fail(f"cannot read {charter}: no such file")
        return charter
    return _single(".")


def _single(folder: str) -> str:
    from partnerkit.lint.discover import is_charter_name

    try:
        names = sorted(e.name for e in os.scandir(folder) if e.is_file() and is_charter_name(e.name))
    except OSError as exc:
        fail(f"cannot read {folder}: {exc.strerror or exc}")
    where = "the current folder" if folder == "." else folder
    if not names:
        fail(f"no charter in {where} ({CHARTER_NAMES}): name one with -c PATH")
    if len(names) > 1:
        fail(f"several charters in {where} ({', '.join(names)}): name one with -c PATH")
    return names[0] if folder == "." else os.path.join(folder, names[0])


def open_file(charter: str | None, as_of, config):
    """The charter opened for editing, its findings before the edit known; exit 1 when it cannot be edited."""
    from partnerkit.api import ConfigError, Options
    from partnerkit.edit import EditError, Unreadable, open_charter

    path = locate(charter)
    try:
        settings = Options(as_of=as_of, config=config).settings_for(path)
        return open_charter(path, settings, as_of)
    except ConfigError as exc:
        fail(str(exc))
    except Unreadable as exc:
        _print_findings([f for f in exc.result.active if f.code[0] == "E"], as_of)
        sys.stderr.write(f"partnerkit: {_clean(path)} cannot be edited until these errors are fixed\n")
        raise SystemExit(1)
    except EditError as exc:
        fail(str(exc))


def finish(cf, plan, dry_run: bool) -> int:
    """Make the plan: print what changed and the findings it fixed or raised; refuse a new error (exit 1)."""
    from partnerkit.edit import EditError

    for note in plan.notes:
        sys.stdout.write(f"{_clean(note)}\n")
    if plan.empty:
        sys.stdout.write(f"{_clean(cf.display)}: {_clean(plan.summary)}\n")
        return 0
    try:
        outcome = cf.change(plan)
    except EditError as exc:
        sys.stderr.write(f"partnerkit: not written: {_clean(exc)}\n")
        return 1
    if outcome.refused:
        _print_findings(outcome.refused, cf.as_of)
        sys.stderr.write(f"partnerkit: not written: {_clean(plan.summary)} would add "
                         f"{_count(len(outcome.refused), 'error')} (above)\n")
        return 1
    if dry_run:
        sys.stdout.write(outcome.diff())
        out, verbs = sys.stderr, ("would fix", "would raise")
    else:
        try:
            outcome.write()
        except (EditError, OSError) as exc:
            fail(f"not written: {getattr(exc, 'strerror', None) or exc}")
        out, verbs = sys.stdout, ("fixed", "raised")
    where = outcome.files[0] if outcome.files else None
    head = f"{where.display}:{where.first_line()}" if where else cf.display
    tail = " (dry run: nothing written)" if dry_run else ""
    out.write(f"{_clean(head)}: {_clean(plan.summary)}{tail}\n")
    for f in outcome.fixed:
        out.write(f"  {verbs[0]} {f.code} {f.name} {_on(f)}\n")
    for f in outcome.raised:
        out.write(f"  {verbs[1]} {f.code} {f.name} {_on(f)}: {_clean(f.message)}\n")
    out.flush()
    return 0


def _on(finding) -> str:
    return f"on {_clean(finding.where)}" if finding.where else "in the charter"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _clean(text) -> str:
    from partnerkit.core.text import visible_line

    return visible_line(str(text))


def _print_findings(findings, as_of) -> None:
    from partnerkit.lint.engine import FileResult
    from partnerkit.outputs import text_format
    from partnerkit.outputs.common import RunInfo

    if findings:
        text = text_format.render([FileResult(findings[0].file, findings=list(findings))], RunInfo(as_of=as_of))
        sys.stderr.write(text.rsplit("\n", 2)[0] + "\n")  # the findings, without the summary line
