"""GitHub Actions workflow commands, and a Markdown step summary.

Each finding is one annotation:
``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message``
(``::warning`` for warnings, ``::notice`` for infos), escaped as GitHub's
workflow commands require, with unsafe characters (ESC, NUL, bidi
overrides…) made visible as in the text format, so a charter in a pull
request cannot inject terminal sequences or workflow commands into CI logs.
GitHub shows only the first few annotations of a step, so when
``GITHUB_STEP_SUMMARY`` names a file, a summary of the findings is appended
to it (see :func:`step_summary`).
"""

from __future__ import annotations

from partnerkit.core.numbers import plural
from partnerkit.core.text import visible
from partnerkit.outputs.common import Tally, Writer, render_with, shown
from partnerkit.outputs.sarif_format import relative_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
MAX_ROWS = 1000  # GitHub caps a step summary at 1 MiB


def escape_data(text) -> str:
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f, files: dict | None = None) -> str:
    """One finding's workflow command; ``files`` keeps each file's escaped name across the findings of a run."""
    command = COMMANDS.get(f.severity, "warning")
    title = f"{f.code} {f.name}"
    # each line escaped apart (most are plain, and skip the character scan), joined by an escaped line break
    message = escape_data(f.message) + (f"%0Ahint: {escape_data(f.hint)}" if f.hint else "")
    if f.suppressed:
        command, title = "notice", title + " (suppressed)"
        message += f"%0Asuppressed: {escape_data(f.suppressed)}"
    loc = f.loc
    file = loc.file or ""
    name = files.get(file) if files is not None else None
    if name is None:
        name = escape_property(relative_path(file))
        if files is not None:
            files[file] = name
    head = f"file={name},line={max(1, loc.line)},col={max(1, loc.col)}"
    if loc.end_line is not None and loc.end >= (loc.line, loc.col):
        end_line, end_col = loc.end
        head += f",endLine={end_line},endColumn={end_col}"
    return f"::{command} {head},title={escape_property(title)}::{message}"


def counts_line(tally: Tally) -> str:
    text = (f"{plural(tally.active, 'finding')} in {plural(tally.files, 'file')}: {plural(tally.error, 'error')}, "
            f"{plural(tally.warning, 'warning')}, {plural(tally.info, 'info')}")
    if tally.suppressed:
        text += f" ({tally.suppressed} suppressed)"
    return text + "."


class GithubWriter(Writer):
    """Annotations as files finish; the counts line at the end; the first rows of the step summary kept."""

    def __init__(self, out, info):
        super().__init__(out, info)
        self.rows: list[str] = []  # the step summary's table rows (at most MAX_ROWS)
        self.more = 0
        info.summary_rows = 0  # a new run: made before any worker starts, so each starts from it

    @staticmethod
    def body(result, info) -> tuple[str, list[str], int]:
        """The file's annotations, its step-summary rows while the summary has room, and how many rows it has."""
        findings = shown(result, info)
        rows = []
        if info.step_summary:
            # The summary keeps the run's first MAX_ROWS rows, in file order. A process is given files in that
            # order, so once it has made MAX_ROWS rows, no later file's rows can be kept: they are only counted.
            rows = [summary_row(f) for f in findings[:max(0, MAX_ROWS - info.summary_rows)]]
            info.summary_rows += len(rows)
        files: dict = {}
        return "".join(annotation(f, files) + "\n" for f in findings), rows, len(findings) if info.step_summary else 0

    def put(self, body) -> None:
        annotations, rows, count = body
        self.out.write(annotations)
        kept = rows[:MAX_ROWS - len(self.rows)]
        self.rows.extend(kept)
        self.more += count - len(kept)

    def close(self) -> None:
        lines = [f"::error::{escape_data(e)}" for e in self.errors]
        self.out.write("\n".join([*lines, counts_line(self.tally)]) + "\n")

    def summary(self) -> str:
        return step_summary(self.rows, self.more, self.tally, self.errors, self.info)


WRITER = GithubWriter


def render(results, info) -> str:
    return render_with(GithubWriter, results, info)


def cell(text) -> str:
    """Text safe inside a Markdown table cell: no row breaks, no stray HTML, unsafe characters visible."""
    text = visible(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|")
    return "<br>".join(part for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def summary_row(f) -> str:
    """One finding as a row of the step summary's table."""
    severity = f.severity + (f" (suppressed: {f.suppressed})" if f.suppressed else "")
    message = cell(f.message)
    if f.hint:
        message += f"<br>hint: {cell(f.hint)}"
    return f"| {cell(relative_path(f.file))}:{f.line} | {f.code} {cell(f.name)} | {cell(severity)} | {message} |"


def step_summary(rows: list[str], more: int, tally: Tally, errors: list[str], info) -> str:
    """The Markdown appended to ``$GITHUB_STEP_SUMMARY``: a counts line and a table of (the first) findings."""
    out = ["## partnerkit lint", "", f"**{cell(counts_line(tally))}** As of {info.as_of.isoformat()}.", ""]
    out.extend(f"- could not lint: {cell(e)}" for e in errors)
    if errors:
        out.append("")
    if rows:
        out += ["| Where | Code | Severity | Message |", "| --- | --- | --- | --- |", *rows]
        if more:
            out += ["", f"…and {more} more: run `partnerkit lint` locally for the full list."]
    return "\n".join(out) + "\n\n"
