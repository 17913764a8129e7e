"""The command line: a thin typer shell over :mod:`partnerkit.api`.

Heavy modules (pydantic, ruamel, jinja2, rich) are imported inside the
commands that use them; ``partnerkit --version`` imports none of them.
"""

from __future__ import annotations

import sys
from typing import List, Optional

import typer
from typer.core import TyperGroup

from partnerkit.commands.common import as_of_date, guarded

class OneLineErrors(TyperGroup):
    """Usage errors (an unknown option, a missing argument, a bad choice) as one line on standard error, exit 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except Exception as exc:  # click's own, or the copy typer bundles: known by what they carry
            if type(exc).__name__ == "Abort":
                sys.stderr.write("partnerkit: interrupted\n")
                sys.exit(130)
            if not (hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)):
                raise
            words = sys.argv[1:] if args is None else list(args)
            command = next((w for w in words if w in self.commands), None)
            sys.stderr.write(f"{usage_error(exc, command, self.commands.get(command, self))}\n")
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)


def usage_error(exc, command: str | None = None, where=None) -> str:
    """``partnerkit: lint: no such option --formt (did you mean --format?)``."""
    import re

    text = " ".join(exc.format_message().split())
    typed = getattr(exc, "option_name", None)
    if typed and where is not None and text.startswith("No such option"):
        from partnerkit.core.suggest import suggest

        options = [o for p in getattr(where, "params", []) for o in p.opts if o.startswith("--")]
        near = [o for o in options if o.startswith(typed)] or [suggest(typed, options)]
        text = f"No such option: {typed}" + (f" (Possible options: {', '.join(near)})" if near[0] else "")
    near = re.search(r"\s*(?:\(Possible options: (.+?)\)|Did you mean (.+?)\?)$", text)
    if near:
        text = text[:near.start()].rstrip(".")
        text += f" (did you mean {' or '.join((near.group(1) or near.group(2)).split(', '))}?)"
    text = re.sub(r"^No such (option|command): ", r"no such \1 ", text)
    text = text[:1].lower() + text[1:].rstrip(".")
    return f"partnerkit: {command}: {text}" if command else f"partnerkit: {text}"


app = typer.Typer(
    cls=OneLineErrors,
    name="partnerkit",
    help="Lint and report on business-partnership charters kept as YAML in git.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    format: Optional[str] = typer.Option(None, "--format", "-f", help="text, json, sarif, junit or github (default: from the --output extension, else text)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically).", metavar="FILE"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error, warning, info or never (default: error).", metavar="LEVEL"),
    select: List[str] = typer.Option([], "--select", help="Only these rules: codes, names or letters (repeat or comma-separate)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Skip these rules: codes, names or letters."),
    show_suppressed: bool = typer.Option(False, "--show-suppressed", help="List suppressed findings too, with their reasons."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not recorded in FILE.", metavar="FILE"),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record today's findings in FILE.", metavar="FILE"),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name standard input in findings and for configuration.", metavar="NAME"),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes, then report what remains."),
    diff: bool = typer.Option(False, "--diff", help="Print the safe fixes as a unified diff; write nothing."),
):
    """Check charters for misalignment and weak spots."""
    from partnerkit.commands.lint import run

    code = run(paths or ["."], as_of_date(as_of), config, format, output, fail_on, select, ignore, show_suppressed,
               baseline, write_baseline, stdin_filename, fix, diff)
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
    format: Optional[str] = typer.Option(None, "--format", "-f", help="md or html (default: from the --output extension, else md)."),
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


record_app = typer.Typer(
    name="record", help="Record readings, evidence, decisions and tensions in the charter, keeping its layout.",
    no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(record_app)

Charter = typer.Option(None, "--charter", "-c", help="The charter (default: the only one in the current folder).", metavar="PATH")
DryRun = typer.Option(False, "--dry-run", help="Print the unified diff instead of writing.")
OnDate = typer.Option(None, "--date", help="The date (default: the as-of date).", metavar="DATE")


def _record(what: str, args: dict, charter, as_of, config, dry_run):
    from partnerkit.commands.record import parse_date, run

    if "day" in args:
        args = {**args, "day": parse_date(args["day"])}
    raise typer.Exit(run(what, args, charter, as_of_date(as_of), config, dry_run))


@record_app.command("reading")
def record_reading(
    metric: str = typer.Argument(..., help="The metric's id.", metavar="METRIC"),
    value: str = typer.Argument(..., help="The value read, a plain number.", metavar="VALUE"),
    day: Optional[str] = OnDate,
    note: Optional[str] = typer.Option(None, "--note", help="A short note on the reading.", metavar="TEXT"),
    charter: Optional[str] = Charter, as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Append a reading to a metric (or a row to its CSV file)."""
    _record("reading", {"metric": metric, "value": value, "note": note, "day": day}, charter, as_of, config,
            dry_run)


@record_app.command("evidence")
def record_evidence(
    hypothesis: str = typer.Argument(..., metavar="HYPOTHESIS", help="The hypothesis's id."),
    text: str = typer.Argument(..., metavar="TEXT", help="What was found."),
    day: Optional[str] = OnDate,
    charter: Optional[str] = Charter, as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Append an evidence note to a hypothesis."""
    _record("evidence", {"hypothesis": hypothesis, "note": text, "day": day}, charter, as_of, config, dry_run)


@record_app.command("status")
def record_status(
    hypothesis: str = typer.Argument(..., metavar="HYPOTHESIS", help="The hypothesis's id."),
    status: str = typer.Argument(..., metavar="STATUS", help="open, testing, validated, invalidated or revised."),
    into: Optional[str] = typer.Option(None, "--into", help="With `revised`: the hypothesis that replaces it.", metavar="ID"),
    charter: Optional[str] = Charter, as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Set a hypothesis's status."""
    _record("status", {"hypothesis": hypothesis, "new": status, "into": into}, charter, as_of, config, dry_run)


@record_app.command("confidence")
def record_confidence(
    hypothesis: str = typer.Argument(..., metavar="HYPOTHESIS", help="The hypothesis's id."),
    partner: str = typer.Argument(..., metavar="PARTNER", help="The partner's id."),
    value: str = typer.Argument(..., metavar="VALUE", help="Its belief, from 0 to 1."),
    charter: Optional[str] = Charter, as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Set one partner's confidence in a hypothesis (0..1)."""
    _record("confidence", {"hypothesis": hypothesis, "who": partner, "value": value}, charter, as_of, config, dry_run)


@record_app.command("decision")
def record_decision(
    milestone: str = typer.Argument(..., metavar="MILESTONE", help="The milestone's id."),
    decision: str = typer.Argument(..., metavar="DECISION", help="continue, pivot or stop."),
    day: Optional[str] = OnDate,
    rationale: Optional[str] = typer.Option(None, "--rationale", help="Why it was decided.", metavar="TEXT"),
    charter: Optional[str] = Charter, as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Record a gate decision and the day it was taken."""
    _record("decision", {"milestone": milestone, "taken": decision, "rationale": rationale, "day": day}, charter,
            as_of, config, dry_run)


@record_app.command("tension")
def record_tension(
    text: str = typer.Argument(..., metavar="TEXT", help="The friction or bottleneck, in a sentence."),
    by: str = typer.Option(..., "--by", help="The partner raising it.", metavar="PARTNER"),
    owner: Optional[str] = typer.Option(None, "--owner", help="The partner who owns resolving it.", metavar="PARTNER"),
    new_id: Optional[str] = typer.Option(None, "--id", help="Its id (default: the next free T<n>).", metavar="ID"),
    day: Optional[str] = OnDate,
    charter: Optional[str] = Charter, as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Raise a tension."""
    _record("tension", {"issue": text, "by": by, "owner": owner, "new_id": new_id, "day": day}, charter, as_of,
            config, dry_run)


@record_app.command("resolve")
def record_resolve(
    tension: str = typer.Argument(..., metavar="TENSION", help="The tension's id."),
    day: Optional[str] = OnDate,
    charter: Optional[str] = Charter, as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Resolve a tension."""
    _record("resolve", {"which": tension, "day": day}, charter, as_of, config, dry_run)


@record_app.command("review")
def record_review(
    day: Optional[str] = OnDate,
    charter: Optional[str] = Charter, as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Record that the steering review took place (review.last)."""
    _record("review", {"day": day}, charter, as_of, config, dry_run)


pulse_app = typer.Typer(
    name="pulse", help="Alignment pulse surveys: the questionnaire, and its answers imported with real anonymity.",
    no_args_is_help=True, context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(pulse_app)

MinResponses = typer.Option(None, "--min-responses", help="Anonymity threshold K: groups and questions with fewer answers are withheld (default: the pulse-min-responses threshold, 5; at least 3).", metavar="K")


@pulse_app.command("survey")
def pulse_survey(
    charter: Optional[str] = Charter,
    format: Optional[str] = typer.Option(None, "--format", "-f", help="md, html or csv (the response template); default from -o's extension, else md."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to FILE (atomically) instead of standard output.", metavar="FILE"),
    min_responses: Optional[int] = MinResponses,
    as_of: Optional[str] = AsOf, config: Optional[str] = Config,
):
    """Write the pulse questionnaire: one 1-5 statement per dimension, for each partner and level."""
    from partnerkit.commands.pulse import survey

    raise typer.Exit(survey(charter, format, output, min_responses, as_of_date(as_of), config))


@pulse_app.command("import")
def pulse_import(
    responses: str = typer.Argument(..., help="The answers: partner,level,<dimension>...[,comment], one row per respondent.", metavar="RESPONSES.csv"),
    charter: Optional[str] = Charter,
    day: Optional[str] = typer.Option(None, "--date", help="The survey round's date (default: the as-of date).", metavar="DATE"),
    min_responses: Optional[int] = MinResponses,
    as_of: Optional[str] = AsOf, config: Optional[str] = Config, dry_run: bool = DryRun,
):
    """Import a round of answers as pulse entries: mean scores per partner and level, small groups withheld."""
    from partnerkit.commands.pulse import import_
    from partnerkit.commands.record import parse_date

    raise typer.Exit(import_(responses, charter, parse_date(day), min_responses, as_of_date(as_of), config, dry_run))


@app.command()
def lsp():
    """Run the language server for editors (LSP over standard input and output; needs the `lsp` extra)."""
    from partnerkit.lsp import main as serve

    raise typer.Exit(serve())


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
    guarded(lambda: app(prog_name="partnerkit"))
