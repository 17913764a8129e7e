"""What every output format shares: the run's facts and the summary counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class RunInfo:
    as_of: date
    show_suppressed: bool = False
    color: bool = False
    baselined: int = 0
    errors: list[str] = field(default_factory=list)
    fixed: int = 0  # findings fixed by `lint --fix` before this run


def summary(results) -> dict:
    counts = {"files": 0, "error": 0, "warning": 0, "info": 0, "suppressed": 0, "baselined": 0}
    for r in results:
        counts["files"] += 1
        counts["baselined"] += r.baselined
        for f in r.findings:
            if f.suppressed:
                counts["suppressed"] += 1
            else:
                counts[f.severity] += 1
    return counts


def shown(result, info: RunInfo):
    return [f for f in result.findings if info.show_suppressed or not f.suppressed]


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
