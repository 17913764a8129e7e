"""`partnerkit lint`."""

from __future__ import annotations

import os
import sys

from partnerkit.commands.common import fail, write_or_fail


def run(paths, as_of, config, fmt, output, fail_on, select, ignore, show_suppressed, baseline, write_baseline,
        stdin_filename) -> int:
    from partnerkit import outputs
    from partnerkit.api import ConfigError, Options, exit_code, lint, lint_text
    from partnerkit.outputs.common import RunInfo

    if fmt not in outputs.FORMATS:
        fail(f"unknown format `{fmt}`: use one of {', '.join(outputs.FORMATS)}")
    if fail_on and fail_on not in ("error", "warning", "info", "never"):
        fail(f"invalid --fail-on `{fail_on}`: use error, warning, info or never")
    try:
        options = Options(as_of=as_of, config=config, fail_on=fail_on, select=select, ignore=ignore)
        results = []
        for path in paths:
            if path == "-":
                data = sys.stdin.buffer.read()
                results.append(lint_text(data, stdin_filename or "<stdin>", options))
            else:
                results.extend(lint([path], options))
    except ConfigError as exc:
        fail(str(exc))
    errors = [r.error for r in results if r.error]
    for message in errors:
        sys.stderr.write(f"partnerkit: {message}\n")
    results = [r for r in results if not r.error]
    if baseline:
        from partnerkit.findings.baseline import apply_baseline

        apply_baseline(baseline, results)
    if write_baseline:
        from partnerkit.findings.baseline import baseline_text

        write_or_fail(write_baseline, baseline_text(results))
    color = output is None and fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    info = RunInfo(as_of=options.as_of, show_suppressed=show_suppressed, color=color)
    text = outputs.get(fmt).render(results, info)
    if output:
        write_or_fail(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 2 if errors else exit_code(results)
