"""The words of the calendar: kill criteria as people read them, findings, sections.

Everything here is plain text; escaping for RFC 5545 is left to the
iCalendar library, and unsafe characters are made visible by the caller.
"""

from __future__ import annotations

from partnerkit.judge import gates


def kill_criteria(milestone, ch, as_of) -> list[str]:
    """Each kill criterion of a milestone as one line: texts as written, conditions as people read them
    ("M2 ETA mean absolute error above 30 minutes"), with the verdict when one has fired."""
    out = []
    for i, c in enumerate(gates.criteria(milestone)):
        if isinstance(c, str):
            out.append(c)
            continue
        check = gates.check(milestone, i, c, ch, as_of)
        out.append(check.wording() + (f" — MET: {check.evidence()}" if check.holds else ""))
    return out


def finding(f, charter_path: str) -> str:
    """``C003 warning (line 191): milestone G1 was due ...`` and the hint under it."""
    where = f"line {f.line}" if f.file == charter_path else f"{f.file}:{f.line}"
    return f"{f.code} {f.severity} ({where}): {f.message}\n  hint: {f.hint}"


def section(title: str, lines: list[str]) -> list[str]:
    """A titled bullet list, or nothing when there is nothing to list."""
    return [f"{title}:", *(f"- {line}" for line in lines)] if lines else []
