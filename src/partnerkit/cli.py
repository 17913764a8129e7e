"""The command line: a thin typer shell over :mod:`partnerkit.api`.

Heavy modules (pydantic, ruamel, jinja2, rich) are imported inside the
commands that use them; ``partnerkit --version`` imports none of them.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from typing import List, Optional

import typer

app = typer.Typer(
    name="partnerkit",
    help="Lint and report on business-partnership charters kept as YAML in git.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def as_of_date(value: str | None) -> date:
    value = value or os.environ.get("PARTNERKIT_AS_OF") or None
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        from partnerkit.commands.common import fail

        fail(f"invalid as-of date `{value}`: use an ISO date such as 2026-11-15")


def _version(value: bool):
    if value:
        from partnerkit.core.version import __version__

        typer.echo(f"partnerkit {__version__}")
        raise typer.Exit()


AsOf = typer.Option(None, "--as-of", help="Judge dates as of this day (default: PARTNERKIT_AS_OF, else today).", metavar="DATE")
Config = typer.Option(None, "--config", help="Use this configuration file instead of discovering one.", metavar="FILE")


@app.callback()
def root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit (with --verbose: which YAML parser reads charters).")):
    """Lint and report on business-partnership charters kept as YAML in git."""


@app.command()
def lint(
    paths: List[str] = typer.Argument(None, help="Charter files or folders; `-` reads standard input. Default: the current folder."),
    as_of: Optional[str] = AsOf,
    config: Optional[str] = Config,
    format: str = typer.Option("text", "--format", "-f", help="text, json, sarif, junit or github."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically).", metavar="FILE"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error, warning, info or never (default: error).", metavar="LEVEL"),
    select: List[str] = typer.Option([], "--select", help="Only these rules: codes, names or letters (repeat or comma-separate)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these rules: codes, names or letters."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="List suppressed findings too, with their reasons."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not recorded in FILE.", metavar="FILE"),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record today's findings in FILE.", metavar="FILE"),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name standard input in findings and for configuration.", metavar="NAME"),
):
    """Check charters for misalignment and weak spots."""
    from partnerkit.commands.lint import run

    code = run(paths or ["."], as_of_date(as_of), config, format, output, fail_on, select, ignore, show_suppressed,
               baseline, write_baseline, stdin_filename)
    raise typer.Exit(code)


@app.command()
def init(
    path: str = typer.Argument("charter.yaml", help="Where to write the charter."),
    title: Optional[str] = typer.Option(None, "--title", help="The partnership's title."),
    partner: List[str] = typer.Option([], "--partner", help="A partner as ID or ID=NAME; repeat for each.", metavar="ID[=NAME]"),
    kind: str = typer.Option("other", "--kind", help="co-innovation, go-to-market, technology, supply, research, joint-venture or other."),
    started: Optional[str] = typer.Option(None, "--started", help="When the partnership began (default: today).", metavar="DATE"),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
):
    """Write a commented charter scaffold."""
    from partnerkit.commands.init import run

    raise typer.Exit(run(path, title, partner, kind, started, force))


@app.command()
def rules(
    rule: Optional[str] = typer.Argument(None, help="A rule code or name to explain.", metavar="[CODE|NAME]"),
    markdown: bool = typer.Option(False, "--markdown", help="The whole catalogue as Markdown (docs/rules.md)."),
):
    """List the rule catalogue, or explain one rule."""
    from partnerkit.commands.rules import run

    raise typer.Exit(run(rule, markdown))


@app.command()
def report(
    path: str = typer.Argument(..., help="A charter file, or a folder for a portfolio report.", metavar="PATH"),
    format: str = typer.Option("md", "--format", "-f", help="md or html."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to FILE, or into DIR (HTML portfolio: index.html and a page per charter).", metavar="FILE|DIR"),
    as_of: Optional[str] = AsOf,
    config: Optional[str] = Config,
    since: Optional[str] = typer.Option(None, "--since", help="List the changes since this git revision of the charter.", metavar="GITREV"),
    previous: Optional[str] = typer.Option(None, "--previous", help="List the changes since this earlier version of the charter.", metavar="FILE"),
):
    """Render a steering report: Markdown, or one self-contained HTML file."""
    from partnerkit.commands.report import run

    raise typer.Exit(run(path, format, output, as_of_date(as_of), config, since, previous))


@app.command()
def calendar(
    path: str = typer.Argument(".", help="A charter file, or a folder for one calendar of every charter in it.", metavar="PATH"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the calendar to FILE (atomically).", metavar="FILE"),
    as_of: Optional[str] = AsOf,
    config: Optional[str] = Config,
):
    """Write an iCalendar (.ics) file of gates, due dates, reviews and pulse rounds."""
    from partnerkit.commands.calendar import run

    raise typer.Exit(run(path, output, as_of_date(as_of), config))


@app.command()
def schema(output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the schema to FILE.", metavar="FILE")):
    """Print the charter's JSON Schema, for editors."""
    from partnerkit.model.schema import schema_text

    text = schema_text()
    if output:
        from partnerkit.commands.common import write_or_fail

        write_or_fail(output, text)
    else:
        sys.stdout.write(text)


@app.command()
def version(verbose: bool = typer.Option(False, "--verbose", "-v", help="Also the Python and ruamel.yaml versions, and which YAML parser reads charters, and why.")):
    """Print the version; with --verbose, what a bug report needs."""
    from partnerkit.commands.version import run

    raise typer.Exit(run(verbose))


def main() -> None:
    """Console entry point: never a traceback; internal errors are one line and exit 2."""
    if sys.argv[1:] == ["--version"]:  # fast path: no typer, no click
        from partnerkit.core.version import __version__

        sys.stdout.write(f"partnerkit {__version__}\n")
        return
    if sorted(sys.argv[1:]) in (["--verbose", "--version"], ["--version", "-v"]):  # `--version` answers first otherwise
        from partnerkit.commands.version import run

        sys.exit(run(verbose=True))
    try:
        app(prog_name="partnerkit")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("partnerkit: interrupted\n")
        sys.exit(130)
    except BaseException as exc:  # noqa: BLE001 - the promise is: no traceback, ever
        sys.stderr.write(f"partnerkit: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(2)
