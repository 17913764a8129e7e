"""``partnerkit lint …`` read without the command-line framework, so the common case starts fast.

typer builds the whole command line — every command, help, completion, and
pydantic adapters for its options — which costs more than linting a charter.
``lint`` is what CI runs on every push, so its options are read here with
the standard library first. Anything this reader does not fully understand
(help, a typo, a missing value, an option it lacks) is left to typer, so
messages and help are the same either way; a test checks that the two know
the same options.
"""

from __future__ import annotations

# lint's options: the names typer knows them by, whether they take a value, and whether they may repeat.
OPTIONS = {
    "--as-of": "value", "--config": "value", "--format": "value", "-f": "value", "--output": "value", "-o": "value",
    "--fail-on": "value", "--select": "many", "--ignore": "many", "--show-suppressed": "flag", "--baseline": "value",
    "--write-baseline": "value", "--stdin-filename": "value", "--fix": "flag", "--diff": "flag",
}
SAME = {"-f": "--format", "-o": "--output"}


class NotMine(Exception):
    """The command line is not one this reader is sure of: typer reads it."""


def parse(args: list[str]) -> dict:
    """``--name`` -> value (a list for repeatable options, True for flags) and ``paths``; NotMine when unsure."""
    got: dict = {"paths": []}
    words = iter(args)
    for word in words:
        if word == "--":
            got["paths"].extend(words)
            break
        if not word.startswith("-") or word == "-":
            got["paths"].append(word)
            continue
        name, eq, value = word.partition("=")
        kind = OPTIONS.get(name)
        if kind is None or (kind == "flag" and eq) or (name.startswith("-") and not name.startswith("--") and eq):
            raise NotMine(word)
        name = SAME.get(name, name)
        if kind == "flag":
            got[name] = True
            continue
        if not eq:
            value = next(words, None)
            if value is None or (value.startswith("-") and value != "-"):
                raise NotMine(word)
        if kind == "many":
            got.setdefault(name, []).append(value)
        else:
            got[name] = value
    return got


def lint(args: list[str]) -> int | None:
    """Run ``partnerkit lint ARGS`` and return its exit code; None when typer should read the command line."""
    try:
        got = parse(args)
    except NotMine:
        return None
    from partnerkit.commands.common import as_of_date
    from partnerkit.commands.lint import run

    return run(got["paths"] or ["."], as_of_date(got.get("--as-of")), got.get("--config"), got.get("--format"),
               got.get("--output"), got.get("--fail-on"), got.get("--select", []), got.get("--ignore", []),
               bool(got.get("--show-suppressed")), got.get("--baseline"), got.get("--write-baseline"),
               got.get("--stdin-filename"), bool(got.get("--fix")), bool(got.get("--diff")))
