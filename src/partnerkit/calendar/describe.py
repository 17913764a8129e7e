"""The words of the calendar: kill criteria as people read them, findings, numbers.

Everything here is plain text; escaping for RFC 5545 is left to the
iCalendar library. Control characters from a charter are made visible, since
RFC 5545 text may not carry them.
"""

from __future__ import annotations

import math
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text) -> str:
    """Charter text fit for a calendar: control characters (but newlines and tabs) as ``\\xNN``."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}",
                        str(text))


def number(x: float) -> str:
    """``10000.0`` -> ``10,000``; ``2.5`` -> ``2.5``."""
    if not math.isfinite(x):
        return str(x)
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def condition(c, metrics: dict) -> str:
    """A kill condition as a sentence: ``M2 ETA mean absolute error above 30 minutes``."""
    m = metrics.get(c.metric)
    words = [c.metric]
    if m is not None:
        words.append(m.name)
    words += [c.comparison, number(c.bound)]
    if m is not None and m.unit:
        words.append(m.unit)
    if c.by is not None:
        words.append(f"from {c.by}")
    return " ".join(words)


def kill_criteria(milestone, metrics: dict) -> list[str]:
    """Each kill criterion of a milestone as one line of text."""
    criteria = milestone.kill_criteria
    if criteria is None:
        return []
    if isinstance(criteria, str):
        criteria = [criteria]
    return [c if isinstance(c, str) else condition(c, metrics) for c in criteria]


def finding(f, charter_path: str) -> str:
    """``C003 warning (line 191): milestone G1 was due ...`` and the hint under it."""
    where = f"line {f.line}" if f.file == charter_path else f"{f.file}:{f.line}"
    return f"{f.code} {f.severity} ({where}): {f.message}\n  hint: {f.hint}"


def section(title: str, lines: list[str]) -> list[str]:
    """A titled bullet list, or nothing when there is nothing to list."""
    return [f"{title}:", *(f"- {line}" for line in lines)] if lines else []
