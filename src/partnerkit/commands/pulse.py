"""`partnerkit pulse survey` and `partnerkit pulse import`: the alignment survey, with real anonymity."""

from __future__ import annotations

import sys

from partnerkit.commands.common import fail, output_format, write_or_fail

FORMATS = ("md", "html", "csv")
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".csv": "csv"}


def survey(charter, fmt, output, min_responses, as_of, config) -> int:
    from partnerkit.commands.editing import open_file
    from partnerkit.edit.record import BadInput
    from partnerkit.pulse.importing import threshold
    from partnerkit.pulse.survey import render

    fmt = _format(fmt, output)
    cf = open_file(charter, as_of, config)
    try:
        k = threshold(min_responses if min_responses is not None else cf.settings.thresholds["pulse-min-responses"])
    except BadInput as exc:
        fail(_where(exc, min_responses, cf))
    text = render(cf.charter, k, fmt)
    if output and output != "-":
        write_or_fail(output, text)
        sys.stderr.write(f"Wrote {output}: the {fmt} questionnaire for {len(cf.charter.partners) * 2} groups.\n")
    else:
        sys.stdout.write(text)
    return 0


def import_(responses, charter, day, min_responses, as_of, config, dry_run) -> int:
    from partnerkit.commands.editing import finish, open_file
    from partnerkit.core.text import visible_line
    from partnerkit.edit.record import BadInput
    from partnerkit.pulse.importing import BadResponses, plan

    cf = open_file(charter, as_of, config)
    k = min_responses if min_responses is not None else cf.settings.thresholds["pulse-min-responses"]
    try:
        made = plan(cf, responses, day, k)
    except BadInput as exc:
        fail(_where(exc, min_responses, cf))
    except BadResponses as exc:
        for p in exc.problems:
            sys.stderr.write(f"{visible_line(p.loc)}: {visible_line(p.message)}\n")
        if exc.more:
            sys.stderr.write(f"... and {exc.more} more problems\n")
        sys.stderr.write(f"partnerkit: nothing written: fix {visible_line(exc)} first\n")
        return 1
    return finish(cf, made, dry_run)


def _where(exc, given, cf) -> str:
    """A bad threshold from the configuration names the file it came from."""
    from partnerkit.core.text import visible_line

    message = visible_line(str(exc))
    if given is None and "anonymity threshold" in message and cf.settings.source:
        message += f" (`pulse-min-responses` in {cf.settings.source})"
    elif given is not None and "anonymity threshold" in message:
        message = f"--min-responses: {message}"
    return message


def _format(fmt: str | None, output: str | None) -> str:
    fmt = output_format(fmt, output, {ext: (kind,) for ext, kind in EXTENSIONS.items()}, "md")
    if fmt not in FORMATS:
        fail(f"unknown format `{fmt}`: use md, html or csv")
    return fmt
