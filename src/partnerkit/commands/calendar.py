"""`partnerkit calendar`: the dates of a charter, or of every charter in a folder, as an iCalendar file."""

from __future__ import annotations

import os
import sys

from partnerkit.commands.common import lint_charters, print_file_errors, write_or_fail

# The top-level sections the calendar reads: a schema error in one of them means it cannot be trusted.
SECTIONS = {"partnerkit", "id", "title", "started", "review", "governance", "hypotheses", "metrics", "milestones",
            "pulse"}
STOPPERS = {"E001", "E006", "E007"}


def run(path, output, as_of, config) -> int:
    from partnerkit.api import Options
    from partnerkit.calendar import events
    from partnerkit.calendar.ics import to_ical
    from partnerkit.core.numbers import plural

    results = lint_charters(path, Options(as_of=as_of, config=config))
    broken = [r for r in results if unreadable(r)]
    readable = [r for r in results if not unreadable(r)]
    if broken:
        _report_broken(broken, as_of, bool(readable))
    if not readable:
        return 1
    portfolio = len(results) > 1
    name = f"Partnerships: {_folder_name(path)}" if portfolio else readable[0].charter.title
    found = events(readable, as_of, portfolio)
    data = to_ical(found, name, as_of)
    if output and output != "-":
        write_or_fail(output, data)
        sys.stderr.write(f"Wrote {output}: {plural(len(found), 'event')} from {plural(len(readable), 'charter')}.\n")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 1 if broken else 0


def unreadable(result) -> bool:
    """A charter the calendar cannot use: not read at all, or a schema error in a section it reads."""
    if result.charter is None:
        return True
    return any(f.code in STOPPERS or (f.code == "E002" and f.path and f.path[0] in SECTIONS) for f in result.active)


def _report_broken(broken, as_of, others_written: bool) -> None:
    print_file_errors(broken, as_of)
    names = ", ".join(r.path for r in broken)
    if others_written:
        sys.stderr.write(f"partnerkit: left out of the calendar until their errors are fixed: {names}\n")
    else:
        sys.stderr.write(f"partnerkit: no calendar written: fix the errors in {names} first\n")


def _folder_name(path: str) -> str:
    return os.path.basename(os.path.abspath(path)) or path
