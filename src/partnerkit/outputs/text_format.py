"""``path:line:col: CODE severity message``, the hint under it, and a summary line.

Colour only when asked (a terminal without ``NO_COLOR``). Charter text is
printed with unsafe characters made visible, so a charter can never move the
cursor, change colours or hide text on the reader's terminal.
"""

from __future__ import annotations

from partnerkit.core.numbers import plural
from partnerkit.core.text import visible_line as clean
from partnerkit.outputs.common import Writer, render_with, shown

_COLORS = {"error": "31", "warning": "33", "info": "36", "path": "1", "code": "1", "dim": "2"}


def skipped_line(result) -> str:
    """``3 rules skipped until the schema errors in vision are fixed: V001, V002, E004``."""
    codes = [code for code, _ in result.skipped]
    shown_codes = ", ".join(codes[:12]) + (f" and {len(codes) - 12} more" if len(codes) > 12 else "")
    return (f"{plural(len(codes), 'rule')} skipped until the schema errors in {', '.join(result.set_aside)} "
            f"are fixed: {shown_codes}")


class TextWriter(Writer):
    @staticmethod
    def body(result, info) -> str:
        def paint(kind: str, text: str) -> str:
            return f"\x1b[{_COLORS[kind]}m{text}\x1b[0m" if info.color else text

        lines = []
        for f in shown(result, info):
            head = (f"{paint('path', clean(f.file))}:{f.line}:{f.col}: {paint('code', f.code)} "
                    f"{paint(f.severity, f.severity)} {clean(f.message)}")
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
        return "".join(line + "\n" for line in lines)

    def put(self, body: str) -> None:
        self.out.write(body)

    def close(self) -> None:
        t = self.tally
        text = (f"{plural(t.active, 'finding')} in {plural(t.files, 'file')}: {plural(t.error, 'error')}, "
                f"{plural(t.warning, 'warning')}, {plural(t.info, 'info')}")
        extras = []
        if self.info.fixed:
            extras.append(f"{self.info.fixed} fixed")
        if t.fixable:
            extras.append(f"{t.fixable} fixable with --fix")
        if t.suppressed:
            extras.append(f"{t.suppressed} suppressed" + ("" if self.info.show_suppressed else ", shown with --show-suppressed"))
        if t.baselined:
            extras.append(f"{t.baselined} in the baseline")
        if extras:
            text += f" ({'; '.join(extras)})"
        self.out.write(text + ".\n")


WRITER = TextWriter


def render(results, info) -> str:
    return render_with(TextWriter, results, info)
