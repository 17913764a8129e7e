"""``path:line:col: CODE severity message``, the hint under it, and a summary line.

Colour only when asked (a terminal without ``NO_COLOR``). Charter text is
printed with control characters made visible, so a charter can never move
the cursor, change colours or hide text on the reader's terminal.
"""

from __future__ import annotations

from partnerkit.core.text import visible_line as clean
from partnerkit.outputs.common import plural, shown, summary

_COLORS = {"error": "31", "warning": "33", "info": "36", "path": "1", "code": "1", "dim": "2"}


def skipped_line(result) -> str:
    """``3 rules skipped until the schema errors in vision are fixed: V001, V002, E004``."""
    codes = [code for code, _ in result.skipped]
    shown_codes = ", ".join(codes[:12]) + (f" and {len(codes) - 12} more" if len(codes) > 12 else "")
    return (f"{plural(len(codes), 'rule')} skipped until the schema errors in {', '.join(result.set_aside)} "
            f"are fixed: {shown_codes}")


def render(results, info) -> str:
    def paint(kind, text):
        return f"\x1b[{_COLORS[kind]}m{text}\x1b[0m" if info.color else text

    lines = []
    for result in results:
        for f in shown(result, info):
            head = f"{paint('path', clean(f.file))}:{f.line}:{f.col}: {paint('code', f.code)} {paint(f.severity, f.severity)} {clean(f.message)}"
            if f.suppressed:
                head += paint("dim", f" [suppressed: {clean(f.suppressed)}]")
            elif f.fix is not None:
                head += paint("dim", " [fixable]")
            lines.append(head)
            if f.hint:
                lines.append(paint("dim", f"  hint: {clean(f.hint)}"))
            for r in f.related:
                lines.append(paint("dim", f"  related: {clean(r.loc.file)}:{r.loc.line}:{r.loc.col}: {clean(r.message)}"))
        if result.skipped:
            lines.append(paint("dim", f"{clean(result.path)}: {skipped_line(result)}"))
    counts = summary(results)
    total = counts["error"] + counts["warning"] + counts["info"]
    text = f"{plural(total, 'finding')} in {plural(counts['files'], 'file')}: " \
           f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, {plural(counts['info'], 'info')}"
    extras = []
    if info.fixed:
        extras.append(f"{info.fixed} fixed")
    fixable = sum(1 for r in results for f in r.findings if f.fix is not None and not f.suppressed)
    if fixable:
        extras.append(f"{fixable} fixable with --fix")
    if counts["suppressed"]:
        extras.append(f"{counts['suppressed']} suppressed" + ("" if info.show_suppressed else ", shown with --show-suppressed"))
    if counts["baselined"]:
        extras.append(f"{counts['baselined']} in the baseline")
    if extras:
        text += f" ({'; '.join(extras)})"
    lines.append(text + ".")
    return "\n".join(lines) + "\n"
