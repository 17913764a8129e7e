"""Accountable suppressions: `lint.ignore` in the charter and `# partnerkit: ignore[...]` comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partnerkit.findings.finding import Finding

COMMENT = re.compile(r"#\s*partnerkit:\s*ignore\[([^\]]*)\]\s*(.*)$")


@dataclass
class Suppression:
    codes: tuple[str, ...]
    reason: str
    kind: str  # "lint.ignore" or "comment"
    line: int
    col: int
    path: tuple = ()
    until: object = None
    used: int = 0
    label: str = ""


@dataclass
class Problems:
    """Malformed suppressions, as (line, col, path, message, hint) for E002."""

    items: list = field(default_factory=list)


def comments(text: str, problems: Problems) -> dict[int, Suppression]:
    from partnerkit.rules import find_rule

    def code_of(word):
        found = find_rule(word)
        return found.code if found else None

    found: dict[int, Suppression] = {}
    if "ignore[" not in text:  # every suppression comment has it: most charters are done here
        return found
    for number, line in enumerate(text.splitlines(), 1):
        if "partnerkit:" not in line:
            continue
        m = COMMENT.search(line)
        if not m:
            continue
        col = m.start() + 1
        words = [w.strip() for w in m.group(1).split(",") if w.strip()]
        codes, unknown, e_rules = [], [], []
        for w in words:
            code = code_of(w)
            if code is None:
                unknown.append(w)
            elif code[0] == "E":
                e_rules.append(code)
            else:
                codes.append(code)
        if unknown:  # one finding per comment, however many words it holds
            named = ", ".join(f"`{w[:40]}`" for w in unknown[:3]) + (f" and {len(unknown) - 3:,} more" if len(unknown) > 3 else "")
            problems.items.append((number, col, (), f"suppression comment names unknown rules: {named}",
                                   "Name a V, D, M, A, C or S rule by code or name."))
        if e_rules:
            problems.items.append((number, col, (), f"suppression comment names {', '.join(sorted(set(e_rules)))}: E rules cannot be ignored",
                                   "Fix the file problem instead: E rules are always on."))
        reason = m.group(2).strip()
        if not reason:
            problems.items.append((number, col, (), "suppression comment has no reason", "Add the reason after the bracket: suppressions are accountable."))
            continue
        if codes:
            found[number] = Suppression(tuple(codes), reason, "comment", number, col, label=f"ignore[{','.join(codes)}] on line {number}")
    return found


def apply(findings: list[Finding], ignores: list[Suppression], by_line: dict[int, Suppression], as_of) -> list[Suppression]:
    """Mark suppressed findings; return the expired suppressions."""
    table = {}
    for s in ignores:
        for c in s.codes:
            table[c] = s
    expired = [s for s in ignores if s.until is not None and s.until < as_of]
    for f in findings:
        if f.code[0] in "ES":
            continue
        s = by_line.get(f.line)
        if s is not None and f.code in s.codes:
            s.used += 1
            f.suppressed, f.suppressed_by = s.reason, s.kind
            continue
        s = table.get(f.code)
        if s is None:
            continue
        s.used += 1
        if s in expired:
            continue
        f.suppressed, f.suppressed_by = s.reason, s.kind
    return expired
