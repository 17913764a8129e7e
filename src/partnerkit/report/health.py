"""Health by lesson: the five lessons, each with its findings and a status.

A lesson is

* **at risk** when it has an error, or three warnings or more;
* **watch** when it has one or two warnings;
* **healthy** otherwise (information notes alone do not change the status).

Suppressed findings do not count; they are shown beside the count.
"""

from __future__ import annotations

from partnerkit.rules.base import LESSONS

LETTERS = ("V", "D", "M", "A", "C")
SHORT = {"V": "Vision, values and culture", "D": "Discovery", "M": "Interim metrics", "A": "Alignment",
         "C": "Community and commitment"}
TONE = {"healthy": "good", "watch": "warn", "at risk": "bad"}


def status_of(errors: int, warnings: int) -> str:
    if errors or warnings >= 3:
        return "at risk"
    if warnings:
        return "watch"
    return "healthy"


def health(active, suppressed) -> list[dict]:
    out = []
    for letter in LETTERS:
        mine = [f for f in active if f.code[0] == letter]
        counts = {s: sum(1 for f in mine if f.severity == s) for s in ("error", "warning", "info")}
        status = status_of(counts["error"], counts["warning"])
        words = [f"{n} {w if n == 1 else w + 's'}" for n, w in
                 ((counts["error"], "error"), (counts["warning"], "warning"), (counts["info"], "note")) if n]
        out.append({
            "text": ", ".join(words) or "no findings",
            "letter": letter, "name": SHORT[letter], "lesson": LESSONS[letter][1], "count": len(mine),
            "counts": counts, "status": status, "tone": TONE[status],
            "codes": sorted({f.code for f in mine}),
            "suppressed": sum(1 for f in suppressed if f.code[0] == letter),
        })
    return out


def summary(items: list[dict]) -> str:
    """``V watch, D at risk, ...`` for the portfolio table and plain text."""
    return ", ".join(f"{h['letter']} {h['status']}" for h in items)
