"""`partnerkit report`: a steering report for one charter, or a portfolio for a folder."""

from __future__ import annotations

import os
import sys

from partnerkit.commands.common import fail, lint_charters, output_format, print_file_errors, write_or_fail

FORMATS = ("md", "html")
BY_EXTENSION = {".html": ("html",), ".htm": ("html",), ".md": ("md",), ".markdown": ("md",)}  # -o FILE's format


def run(path, fmt, output, as_of, config, since, previous) -> int:
    from partnerkit.api import ConfigError, Options

    fmt = output_format(fmt, output, BY_EXTENSION, "md")
    if fmt not in FORMATS:
        fail(f"unknown format `{fmt}`: use md or html")
    if since and previous:
        fail("use --since or --previous, not both")
    if previous and os.path.isdir(path):
        fail("--previous compares one charter: for a folder, use --since GITREV")
    if previous and not os.path.isfile(previous):
        fail(f"--previous: cannot read {previous}: not a file")
    try:
        options = Options(as_of=as_of, config=config)
    except ConfigError as exc:
        fail(str(exc))
    results = lint_charters(path, options)
    unreadable = [r for r in results if r.charter is None]
    flawed = [r for r in results if r.charter is not None and any(f.code[0] == "E" for f in r.active)]
    folder = os.path.isdir(path)
    if unreadable and not folder:
        _report_broken(unreadable, as_of, written=False)
        return 1
    reports = [_build(r, as_of, since, previous) for r in results if r.charter is not None]
    if folder:
        _write_portfolio(path, reports, unreadable, fmt, output, as_of)
    else:
        _write_one(reports[0], fmt, output, as_of)
    if unreadable or flawed:
        _report_broken(unreadable + flawed, as_of, written=True)
        return 1
    return 0


def _report_broken(broken, as_of, written: bool) -> None:
    """The errors in the file itself, on standard error: a charter that cannot be read gets no report; one with
    sections set aside gets a report saying so."""
    print_file_errors(broken, as_of)
    names = ", ".join(r.path for r in broken)
    if written:
        sys.stderr.write(f"partnerkit: report written without what cannot be read: fix the errors in {names}\n")
    else:
        sys.stderr.write(f"partnerkit: no report written: fix the errors in {names} first\n")


def _build(result, as_of, since, previous):
    from partnerkit.report.build import build

    if not since and not previous:
        return build(result, as_of)
    from partnerkit.report import changes as ch

    try:
        if since:
            try:
                prev = ch.previous_from_git(result.path, since, result.settings, as_of)
                found = ch.compare(prev, result, f"git revision {since}", as_of, result.settings.thresholds)
            except ch.NotAtRevision:
                found = ch.new_since(f"git revision {since}")
        else:
            found = ch.compare(ch.previous_from_file(previous, result.settings, as_of), result, previous, as_of,
                               result.settings.thresholds)
    except ch.SourceError as exc:
        fail(str(exc))
    return build(result, as_of, found)


def _emit(output: str | None, text: str) -> None:
    if output:
        write_or_fail(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _write_one(r, fmt: str, output: str | None, as_of) -> None:
    from partnerkit.report import render

    text = render.charter_html(r, as_of) if fmt == "html" else render.charter_md(r, as_of)
    if output and os.path.isdir(output):
        output = os.path.join(output, f"{r.id or 'report'}.{fmt}")
    _emit(output, text)


def _is_dir_target(output: str) -> bool:
    return os.path.isdir(output) or output.endswith(("/", os.sep)) or not output.lower().endswith((".html", ".htm"))


def _write_portfolio(folder: str, reports: list, broken: list, fmt: str, output: str | None, as_of) -> None:
    from partnerkit.report import render
    from partnerkit.report.portfolio import page_names, portfolio

    names = page_names(reports)
    for r, name in zip(reports, names):
        r.anchor = name[:-len(".html")]
    anchors = ["#" + n[:-5] for n in names]
    if fmt == "md":
        if output and os.path.isdir(output):
            output = os.path.join(output, "portfolio.md")
        _emit(output, render.portfolio_md(portfolio(folder, reports, anchors, broken), as_of))
        return
    if not output or not _is_dir_target(output):
        _emit(output, render.portfolio_html(portfolio(folder, reports, anchors, broken), as_of))
        return
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {output}: {exc.strerror or exc}")
    pages = [(name, render.charter_html(r, as_of, back=True)) for r, name in zip(reports, names)]
    index = render.portfolio_html(portfolio(folder, reports, names, broken, pages=True), as_of)
    for name, text in pages:
        write_or_fail(os.path.join(output, name), text)
    write_or_fail(os.path.join(output, "index.html"), index)
