"""The common mistakes of writing a charter by hand, and what partnerkit says about each.

Each mistake changes one line of the healthy example. ``test_mistakes.py``
lints every one on both parser paths and checks the words; ``docs/mistakes.md``
is generated from the same table: ``python -m tests.authoring.mistakes``
rewrites it (a test checks it is current).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEALTHY = ROOT / "examples" / "healthy.charter.yaml"
DOC = ROOT / "docs" / "mistakes.md"
AS_OF = date(2026, 11, 15)


@dataclass(frozen=True)
class Mistake:
    title: str
    line: str  # a line of the healthy example...
    wrong: str  # ...as it was mistyped
    code: str
    says: str  # words the message or the hint must hold

    @property
    def shown(self) -> str:
        """The mistyped line itself."""
        return next((x for x in self.wrong.splitlines() if x not in self.line.splitlines()), "")

    def text(self) -> str:
        healthy = HEALTHY.read_text(encoding="utf-8")
        assert healthy.count(self.line) == 1, self.line
        return healthy.replace(self.line, self.wrong)


MISTAKES = [
    Mistake("A tab to indent", "    name: Northwind Farms Cooperative\n", "\tname: Northwind Farms Cooperative\n",
            "E001", "indent with spaces, not tabs"),
    Mistake("Text containing `: `", "    issue: Yield records arrive as scanned PDFs instead of spreadsheets.\n",
            "    issue: Data export: takes a week\n", "E001", "put text containing ': ' in quotes"),
    Mistake("A key indented too far", "    name: UniLab Soil Research Institute\n",
            "     name: UniLab Soil Research Institute\n", "E001", "line this key up with the keys above it"),
    Mistake("A key not lined up", "    lead: {name: Tomas Berg, title: Agronomy Programme Lead}\n",
            "   lead: {name: Tomas Berg, title: Agronomy Programme Lead}\n", "E001",
            "line this key up with the keys of the item above it"),
    Mistake("A quote left open", "title: Northwind × UniLab — soil-carbon sensing\n",
            'title: "Northwind × UniLab — soil-carbon sensing\n', "E001", "the quote opened at line 4, column 8"),
    Mistake("A bracket left open", "    gives: [twelve pilot fields, field technicians two days a week, five years of "
            "yield records]\n", "    gives: [twelve pilot fields, field technicians two days a week\n", "E001",
            "the list opened with `[` at line 18, column 12 is not closed"),
    Mistake("Text after a closing quote", "    name: Northwind Farms Cooperative\n",
            '    name: "Northwind" Farms Cooperative\n', "E001", "quote the whole value or none of it"),
    Mistake("A number in words", "    target: 30\n", "    target: five\n", "E002",
            "`target` must be a number such as 12.5; got `five`"),
    Mistake("A thousands separator", "    baseline: 0\n    target: 30\n", "    baseline: 1,200\n    target: 30\n",
            "E002", "write numbers without separators: 1200"),
    Mistake("A percentage for a confidence", "confidence: {northwind: 0.7,", "confidence: {northwind: 80%,",
            "E002", "write 0.8"),
    Mistake("A confidence out of 100", "confidence: {northwind: 0.7,", "confidence: {northwind: 70,", "E002",
            "write 0.7 for 70%"),
    Mistake("A number in quotes", "horizon_months: 36\n", 'horizon_months: "36"\n', "E002",
            "remove the quotes: horizon_months: 36"),
    Mistake("A unit with the number", "    target: 30\n", "    target: 30 fields\n", "E002",
            "write the number alone: 30"),
    Mistake("A month that does not exist", "started: 2025-09-01\n", "started: 2025-13-01\n", "E002",
            "has the iso form, but month 13 does not exist"),
    Mistake("A day that does not exist", "started: 2025-09-01\n", "started: 2025-02-30\n", "E002",
            "february 2025 has 28 days"),
    Mistake("A date with slashes", "started: 2025-09-01\n", "started: 2025/09/01\n", "E002",
            "with dashes: 2025-09-01"),
    Mistake("`on` for a date", "      - {date: 2026-08-31, value: 14}\n", "      - {on: 2026-08-31, value: 14}\n",
            "E002", "rename `on` to `date`"),
    Mistake("`yes` for true", "    anonymous: true\n", "    anonymous: yes\n", "E002",
            "write true: yaml 1.2 reads `yes` as text"),
    Mistake("A misspelt key", "    held_by: [northwind, unilab]\n    in_crisis: We publish",
            "    hold_by: [northwind, unilab]\n    in_crisis: We publish", "E002", "did you mean `held_by`?"),
    Mistake("A key the format does not have", "horizon_months: 36\n", "horizon_months: 36\nbudget: 40000\n",
            "E002", "the keys allowed here: partnerkit, id, title"),
    Mistake("A capital in a choice", "phase: pilot\n", "phase: Pilot\n", "E002", "did you mean `pilot`?"),
    Mistake("A name for an id", "  - id: northwind\n", "  - id: North Wind\n", "E002", "write `north-wind`"),
    Mistake("A person as plain text", "    sponsor: {name: Elena Ortiz, title: Chief Operating Officer, email: "
            "elena.ortiz@example.org}\n", "    sponsor: Elena Ortiz\n", "E002", "write {name: elena ortiz}"),
    Mistake("One item for a list", "    tracks: [hy-adoption]\n", "    tracks: hy-adoption\n", "E002",
            "write it as a list: [hy-adoption]"),
    Mistake("A required key left out", "    name: Northwind Farms Cooperative\n", "", "E002",
            "missing required key `name` in partner `northwind`"),
    Mistake("A kill condition without a bound", "      - {metric: mt-members, below: 15, by: 2027-07-31}",
            "      - {metric: mt-members, by: 2027-07-31}", "E002", "exactly one of `above` and `below`"),
    Mistake("A reference to a partner that does not exist", "  agreed_by: [northwind, unilab]\n",
            "  agreed_by: [northwind, unilab, uni-lab]\n", "E004", "`uni-lab` is not a known partner"),
]


def findings(mistake: Mistake, fast: bool = True) -> list:
    from partnerkit.api import Options, lint_text

    result = lint_text(mistake.text(), "charter.yaml", Options(as_of=AS_OF, fast=fast))
    return [f for f in result.active if f.code[0] == "E"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    text = text.strip().replace("\t", "⇥ ")
    return "`` " + _cell(text) + " ``"


def markdown() -> str:
    out = ["# Common mistakes and what partnerkit says", "",
           "Generated by `python -m tests.authoring.mistakes` from the cases `tests/authoring/test_mistakes.py` "
           "runs; do not edit by hand. Each mistake is one line of `examples/healthy.charter.yaml` mistyped "
           "(⇥ is a tab); the message is what `partnerkit lint` and the language server say, the hint is what to do.",
           "", "| mistake | you wrote | partnerkit says | hint |", "| --- | --- | --- | --- |"]
    for m in MISTAKES:
        [f] = findings(m)
        out.append(f"| {m.title} | {_code(m.shown) if m.shown.strip() else '(the line left out)'} | "
                   f"{f.line}:{f.col} {f.code} {_cell(f.message)} | {_cell(f.hint)} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    DOC.write_text(markdown(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC.relative_to(ROOT)}\n")
