"""GitHub Actions workflow commands, and a Markdown step summary.

Each finding is one annotation:
``::error file=…,line=…,col=…,title=CODE name::message`` (``::warning`` for
warnings, ``::notice`` for infos), escaped as GitHub's workflow commands
require. GitHub shows only the first few annotations of a step, so when
``GITHUB_STEP_SUMMARY`` names a file, a summary of every finding is appended
to it (see :func:`step_summary`).
"""

from __future__ import annotations

from partnerkit.outputs.common import plural, shown, summary
from partnerkit.outputs.sarif_format import relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
MAX_ROWS = 1000  # GitHub caps a step summary at 1 MiB


def escape_data(text) -> str:
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f) -> str:
    command = COMMANDS.get(f.severity, "warning")
    title = f"{f.code} {f.name}"
    message = f.message + (f"\nhint: {f.hint}" if f.hint else "")
    if f.suppressed:
        command, title = "notice", title + " (suppressed)"
        message += f"\nsuppressed: {f.suppressed}"
    props = {"file": relative_path(f.file), "line": max(1, f.line), "col": max(1, f.col), "title": title}
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    return f"::{command} {head}::{escape_data(message)}"


def counts_line(results) -> str:
    counts = summary(results)
    total = counts["error"] + counts["warning"] + counts["info"]
    text = (f"{plural(total, 'finding')} in {plural(counts['files'], 'file')}: {plural(counts['error'], 'error')}, "
            f"{plural(counts['warning'], 'warning')}, {plural(counts['info'], 'info')}")
    if counts["suppressed"]:
        text += f" ({counts['suppressed']} suppressed)"
    return text + "."


def render(results, info) -> str:
    lines = [annotation(f) for r in results for f in shown(r, info)]
    lines.extend(f"::error::{escape_data(e)}" for e in info.errors)
    lines.append(counts_line(results))
    return "\n".join(lines) + "\n"


def cell(text) -> str:
    """Text safe inside a Markdown table cell: no row breaks, no stray HTML."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|")
    return "<br>".join(part for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def step_summary(results, info) -> str:
    """The Markdown appended to ``$GITHUB_STEP_SUMMARY``: a counts line and a table of findings."""
    rows = [f for r in results for f in shown(r, info)]
    out = ["## partnerkit lint", "", f"**{cell(counts_line(results))}** As of {info.as_of.isoformat()}.", ""]
    out.extend(f"- could not lint: {cell(e)}" for e in info.errors)
    if info.errors:
        out.append("")
    if rows:
        out += ["| Where | Code | Severity | Message |", "| --- | --- | --- | --- |"]
        for f in rows[:MAX_ROWS]:
            severity = f.severity + (f" (suppressed: {f.suppressed})" if f.suppressed else "")
            message = cell(f.message)
            if f.hint:
                message += f"<br>hint: {cell(f.hint)}"
            out.append(f"| {cell(relative_path(f.file))}:{f.line} | {f.code} {cell(f.name)} | {cell(severity)} | {message} |")
        if len(rows) > MAX_ROWS:
            out += ["", f"…and {len(rows) - MAX_ROWS} more: run `partnerkit lint` locally for the full list."]
    return "\n".join(out) + "\n\n"
