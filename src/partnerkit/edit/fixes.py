"""Safe fixes (SPEC section 10), made with the editing core: for ``lint --fix``, ``--diff`` and editors.

A finding that can be fixed without guessing carries a :class:`~partnerkit.core.finding.Fix`:
`on` renamed to `date` in a dated item, an unknown key or choice renamed to
its only close match. Each fix is an edit at the finding's data path; a fix
is kept only when the file it gives gains no E finding. A `direction` that
contradicts baseline and target (M013) is not fixed: the intent is unclear.

Suppressing a finding with a reason is an edit too: the comment
``# partnerkit: ignore[CODE] reason`` at the end of the finding's line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from partnerkit.core.finding import Finding
from partnerkit.edit.changes import Comment, Rename, Set
from partnerkit.edit.session import CharterFile, Outcome, Plan
from partnerkit.edit.source import EditError
from partnerkit.edit.splice import apply


def fixable(findings) -> list[Finding]:
    """The findings that carry a safe fix, in the file's order."""
    return [f for f in findings if f.fix is not None and f.path and not f.suppressed]


def edit_for(finding: Finding):
    """The edit that fixes ``finding``, or None."""
    fix = finding.fix
    if fix is None or not finding.path:
        return None
    if fix.kind == "rename":
        return Rename(tuple(finding.path), str(fix.value))
    if fix.kind == "replace":
        return Set(tuple(finding.path), fix.value)
    return None


def suppression(finding: Finding, reason: str, file: str) -> Comment | None:
    """The comment that suppresses ``finding`` on its line of ``file``, or None when a comment cannot: E and S
    rules, and findings in a CSV data file."""
    if finding.code[0] in "ES" or finding.file != file:
        return None
    reason = " ".join(reason.split())  # empty: the author writes it (until then, E002 says it is missing)
    return Comment(finding.line, f"partnerkit: ignore[{finding.code}]" + (f" {reason}" if reason else ""))


def fixed_text(text: str, finding: Finding) -> str | None:
    """``text`` with one finding fixed, or None when the editing core cannot make the edit."""
    edit = edit_for(finding)
    if edit is None:
        return None
    try:
        return apply(text, [edit])
    except EditError:
        return None


@dataclass
class FixResult:
    """What ``lint --fix`` did to one charter file."""

    path: str
    outcome: Outcome | None = None  # None: nothing to fix
    fixed: list[Finding] = field(default_factory=list)
    left: list[Finding] = field(default_factory=list)  # fixable, but the fix would add an error or cannot be made


def fix_file(cf: CharterFile) -> FixResult:
    """Every safe fix of one charter, kept only where the result gains no E finding; nothing is written."""
    candidates = fixable(cf.before.active)
    result = FixResult(cf.path)
    if not candidates:
        return result
    every = [edit_for(f) for f in candidates]
    try:
        whole = cf.change(Plan("fix", edits=every))
    except EditError:
        whole = None
    if whole is not None and not whole.refused:  # the usual case: every fix at once
        result.outcome, result.fixed = whole, candidates
        return result
    kept: list = []
    for finding, edit in zip(candidates, every):  # else one at a time: a fix that would add an error is left out
        try:
            trial = cf.change(Plan("fix", edits=kept + [edit]))
        except EditError:
            trial = None
        if trial is None or trial.refused:
            result.left.append(finding)
        else:
            kept.append(edit)
            result.outcome = trial
            result.fixed.append(finding)
    return result
