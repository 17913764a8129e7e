"""`partnerkit rules [CODE|NAME]`: the catalogue, generated from the rules' own docs."""

from __future__ import annotations

import sys

from partnerkit.commands.common import fail


def catalogue() -> str:
    from partnerkit.rules import LESSONS, all_rules

    lines, category = [], None
    for r in all_rules():
        if r.category != category:
            category = r.category
            lines.append(("" if not lines else "\n") + f"{category} — {LESSONS[category][1]}")
        lines.append(f"  {r.code}  {r.name:<28} {r.severity:<8} {r.summary}")
    lines.append(f"\n{len(all_rules())} rules. `partnerkit rules CODE` explains one.")
    return "\n".join(lines) + "\n"


def explain(r) -> str:
    out = [f"{r.code} {r.name} ({r.severity})", "", r.summary[0].upper() + r.summary[1:] + ".", "",
           f"Lesson: {r.lesson}", "", "Why", _indent(r.why), "", "How to fix", _indent(r.fix)]
    if r.example:
        out += ["", "Example", _indent(r.example)]
    return "\n".join(out) + "\n"


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else "" for line in text.splitlines())


def run(name: str | None) -> int:
    from partnerkit.rules import find_rule

    if not name:
        sys.stdout.write(catalogue())
        return 0
    found = find_rule(name)
    if found is None:
        fail(f"unknown rule `{name}`: `partnerkit rules` lists them")
    sys.stdout.write(explain(found))
    return 0
