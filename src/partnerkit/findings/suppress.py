"""Accountable suppressions: `lint.ignore` in the charter and `# partnerkit: ignore[...]` comments.

A comment suppresses the findings reported on its own line of the charter,
never a finding in a CSV data file that happens to share the line number.
Unused suppressions are S001, expired ones S002 (and what they hid is
reported again); a suppression of a rule that did not run (switched off, or
skipped for schema errors) is not called unused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnerkit.core.finding import Hit
from partnerkit.core.location import Location

COMMENT = re.compile(r"#\s*partnerkit:\s*ignore\[([^\]]*)\]\s*(.*)$")


@dataclass
class Suppression:
    codes: tuple[str, ...]
    reason: str
    kind: str  # "lint.ignore" or "comment"
    loc: Location
    path: tuple = ()
    until: object = None
    used: int = 0
    label: str = ""


def comments(text: str) -> tuple[dict[int, Suppression], list[Hit]]:
    """The suppression comments of a charter by line, and E002 hits for malformed ones."""
    from partnerkit.rules import find_rule

    found: dict[int, Suppression] = {}
    problems: list[Hit] = []
    if "ignore[" not in text:  # every suppression comment has it: most charters are done here
        return found, problems
    for number, line in enumerate(text.splitlines(), 1):
        if "partnerkit:" not in line:
            continue
        m = COMMENT.search(line)
        if not m:
            continue
        loc = Location(None, number, m.start() + 1, number, len(line.rstrip()) + 1)

        def bad(message: str, hint: str) -> None:
            problems.append(Hit((), message, hint, code="E002", loc=loc))

        words = [w.strip() for w in m.group(1).split(",") if w.strip()]
        codes, unknown, e_rules = [], [], []
        for w in words:
            rule = find_rule(w)
            if rule is None:
                unknown.append(w)
            elif rule.code[0] == "E":
                e_rules.append(rule.code)
            else:
                codes.append(rule.code)
        if unknown:  # one finding per comment, however many words it holds
            named = ", ".join(f"`{w[:40]}`" for w in unknown[:3]) + (f" and {len(unknown) - 3:,} more" if len(unknown) > 3 else "")
            bad(f"suppression comment names unknown rules: {named}", "Name a V, D, M, A, C or S rule by code or name.")
        if e_rules:
            bad(f"suppression comment names {', '.join(sorted(set(e_rules)))}: E rules cannot be ignored",
                "Fix the file problem instead: E rules are always on.")
        reason = m.group(2).strip()
        if not reason:
            bad("suppression comment has no reason", "Add the reason after the bracket: suppressions are accountable.")
            continue
        if codes:
            found[number] = Suppression(tuple(codes), reason, "comment", loc, label=f"ignore[{','.join(codes)}] on line {number}")
    return found, problems


def ignores(charter, out) -> list[Suppression]:
    """The charter's `lint.ignore` entries; an unknown rule or an E rule there is E002."""
    from partnerkit.load.positions import resolve
    from partnerkit.rules import find_rule

    found = []
    entries = charter.lint.ignore if charter.lint else {}
    for key, entry in entries.items():
        path = ("lint", "ignore", key)
        rule = find_rule(key)
        if rule is None or rule.code[0] == "E":
            why = "E rules cannot be ignored" if rule else f"unknown rule `{key}`"
            out.add("E002", Hit(path, f"lint.ignore: {why}", "Name a V, D, M, A, C or S rule by code or name."))
            continue
        found.append(Suppression((rule.code,), entry.reason, "lint.ignore", resolve(out.pos, path), path, entry.until,
                                 label=f"lint.ignore {key}"))
    return found


def apply(findings, ignored: list[Suppression], by_line: dict[int, Suppression], charter_file: str, as_of):
    """Mark suppressed findings; return the expired suppressions."""
    table = {c: s for s in ignored for c in s.codes}
    expired = [s for s in ignored if s.until is not None and s.until < as_of]
    for f in findings:
        if f.code[0] in "ES":
            continue
        s = by_line.get(f.loc.line) if f.loc.file == charter_file else None
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


def apply_all(text: str, out, charter, settings, as_of, ran: set[str], use_ignores: bool = True) -> None:
    """Suppress what the charter's comments and `lint.ignore` say; report S001 and S002."""
    by_line, problems = comments(text)
    for hit in problems:
        out.hit(hit)
    listed = ignores(charter, out) if use_ignores else []
    if not listed and not by_line:
        return
    expired = apply(out.items, listed, by_line, out.display, as_of)
    for s in expired:
        if settings.enabled("S002"):
            out.add("S002", Hit(s.path, f"the suppression of {s.codes[0]} expired on {s.until}; its findings are reported again",
                                "Fix what it hid, or renew the suppression with a new reason and date."))
    for s in [*listed, *by_line.values()]:
        if s.used or s in expired or not settings.enabled("S001") or not any(c in ran for c in s.codes):
            continue
        out.add("S001", Hit(s.path, f"{s.label}: the suppression matched no finding",
                            "Remove the suppression: what it hid is fixed.", loc=None if s.path else s.loc))
