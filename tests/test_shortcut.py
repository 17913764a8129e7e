"""`partnerkit lint` is read without typer when its options are plain, and says and does exactly what typer would."""

from __future__ import annotations

import subprocess
import sys

import pytest

from partnerkit.commands.shortcut import OPTIONS, NotMine, parse
from tests.conftest import AS_OF, EXAMPLES, SPEC_EXAMPLE


def test_the_shortcut_knows_exactly_the_options_typer_gives_lint():
    import typer.main

    from partnerkit.cli import app

    command = typer.main.get_command(app).commands["lint"]
    kinds = {}
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("-"):
                kinds[opt] = "flag" if param.is_flag else "many" if param.multiple else "value"
    assert OPTIONS == kinds


@pytest.mark.parametrize("args", [
    ["--as-of", AS_OF.isoformat(), str(SPEC_EXAMPLE)],
    ["--as-of", AS_OF.isoformat(), "-f", "json", str(EXAMPLES)],
    [f"--as-of={AS_OF.isoformat()}", "--format=sarif", "--select", "D,M", "--ignore", "M007", str(EXAMPLES)],
    ["--as-of", AS_OF.isoformat(), "--fail-on", "warning", "--show-suppressed", str(SPEC_EXAMPLE)],
    ["--as-of", AS_OF.isoformat(), "--", str(SPEC_EXAMPLE)],
], ids=["text", "json", "equals-and-repeats", "flags", "double-dash"])
def test_the_shortcut_answers_as_typer_does(args, cli, run_pk):
    typed = cli("lint", *args)
    quick = run_pk("lint", *args)
    assert quick.returncode == typed.exit_code
    assert quick.stdout.decode() == typed.stdout


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["--formt", "json"], ["-fjson"], ["--fix=yes"], ["--format"],
                                  ["--output", "--fix"], ["--unknown"]])
def test_what_it_is_not_sure_of_goes_to_typer(args):
    with pytest.raises(NotMine):
        parse(args)


def test_a_lint_run_does_not_import_typer():
    code = ("import sys; sys.argv = ['partnerkit', 'lint', '--format', 'json', '--as-of', '2026-11-15', "
            f"{str(SPEC_EXAMPLE)!r}]; import partnerkit; partnerkit.main()")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and '"code": "D005"' in proc.stdout
    assert "typer" not in proc.stderr and "click" not in proc.stderr


def test_help_and_mistakes_still_come_from_typer(run_pk):
    assert b"--show-suppressed" in run_pk("lint", "--help").stdout
    typo = run_pk("lint", "--formt", "json")
    assert typo.returncode == 2 and typo.stderr.decode().strip() == \
        "partnerkit: lint: no such option --formt (did you mean --format?)"
