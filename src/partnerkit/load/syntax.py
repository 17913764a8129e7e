"""YAML parser errors in plain words: what went wrong on the line, and what to type instead.

The parsers (ruamel's C parser and its pure-Python one) word their errors for
people who write parsers. :func:`explain` reads the error's problem and
context, where they happened, and the text of the lines involved, and says
what a charter's author should do: indent with spaces, quote text holding
``": "``, line a key up with the keys above it, close the quote or bracket
opened at a given place. Both parsers' wordings lead to the same message, so
the answer does not depend on which one read the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from partnerkit.load.decode import LINE_BREAKS

PREFIX = "YAML syntax error: "
_KEY = re.compile(r"^(\s*(?:-\s+)*)([^\s#'\"{\[][^:#]*?|'[^']*'|\"[^\"]*\"):(?:\s+|$)")
_GENERIC_HINT = ("Check the YAML here: indent with spaces, and put text containing `: ` or ` #`, or starting with a "
                 "quote, bracket, `@`, `*` or `&`, in quotes.")


@dataclass(frozen=True)
class Explained:
    message: str
    hint: str
    line: int  # 1-based
    col: int


def quoted(text: str) -> str:
    """``text`` as a YAML scalar in quotes: double quotes unless it holds some, then single ones."""
    if '"' not in text and "\\" not in text:
        return json.dumps(text, ensure_ascii=False)
    if "'" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def explain(problem: str | None, context: str | None, mark: tuple[int, int] | None,
            context_mark: tuple[int, int] | None, text: str) -> Explained:
    """A parser error -> a plain message and hint; ``mark``s are 0-based (line, column) as the parsers give them."""
    lines = LINE_BREAKS.split(text)
    problem, context = problem or "", context or ""
    line, col = _clamp(mark or context_mark or (0, 0), lines)
    here = lines[line - 1]
    opened = _clamp(context_mark, lines) if context_mark is not None else None
    for reading in _READINGS:
        found = reading(problem, context, line, col, here, opened, lines)
        if found is not None:
            return found
    message = PREFIX + problem
    if context:
        message += f" ({context}" + (f" started at line {opened[0]}, column {opened[1]}" if opened and opened != (line, col) else "") + ")"
    return Explained(message, _GENERIC_HINT, line, col)


def _clamp(mark: tuple[int, int], lines: list[str]) -> tuple[int, int]:
    """1-based; the C parser puts an error at the end of the file one line past it."""
    line, col = mark[0] + 1, mark[1] + 1
    if line > len(lines):
        line, col = len(lines), len(lines[-1]) + 1
    return line, col


def _tab(problem, context, line, col, here, opened, lines):
    tab = here.find("\t")
    indent = len(here) - len(here.lstrip(" \t"))
    if ("tab" in problem or "'\\t'" in problem or here[col - 1:col] == "\t") and 0 <= tab:
        where = "indents this line" if tab < indent or not here.strip() else "stands where YAML needs a space"
        return Explained(PREFIX + f"a tab {where}", "Indent with spaces, not tabs (set your editor to insert spaces "
                         "in YAML files).", line, tab + 1)
    return None


def _colon_in_text(problem, context, line, col, here, opened, lines):
    if "mapping values are not allowed" not in problem:
        return None
    key = _KEY.match(here)
    if key is None or key.end() > col - 1:
        return None
    name, value = key.group(2).strip(), here[key.end():].split(" #", 1)[0].rstrip()
    return Explained(PREFIX + f"the text after `{name}:` contains `: `, which YAML reads as another key",
                     f"Put text containing ': ' in quotes: {name}: {quoted(value)}", line, col)


def _misplaced(problem, context, line, col, here, opened, lines):
    """A key or item that does not line up with the ones above it."""
    mapping_values = "mapping values are not allowed" in problem
    block = context.startswith(("while parsing a block mapping", "while parsing a block collection"))
    if not (mapping_values or block):
        return None
    start = len(here) - len(here.lstrip(" "))
    if block and col - 1 > start:
        before = here[:col - 1].rstrip()
        if before.endswith(("'", '"')):
            key = _KEY.match(here)
            example = ""
            if key:
                value = here[key.end():].split(" #", 1)[0].rstrip()
                if value[:1] in ("'", '"') and value[-1:] == value[:1]:
                    value = value[1:-1]
                example = f": {key.group(2).strip()}: {quoted(value)}"
            return Explained(PREFIX + "text follows the closing quote of a value",
                             f"Quote the whole value or none of it{example}; inside single quotes write an "
                             "apostrophe twice ('it''s').", line, col)
        return None
    if mapping_values:  # `key: 1` followed by a line indented deeper, read as more of the value
        above = _previous_line(lines, line)
        column = _key_column(lines[above - 1]) if above else 1
        item = _KEY.match(here)
        name = item.group(2).strip() if item else here.strip()
        return Explained(PREFIX + f"`{name}` is indented more than the keys above it",
                         f"Line this key up with the keys above it (column {column}, with spaces), or indent the key "
                         "above it less.", line, start + 1)
    column = opened[1] if opened else 1
    if here.lstrip().startswith("- ") or here.strip() == "-":
        if context.startswith("while parsing a block collection"):
            return Explained(PREFIX + "this list item is not lined up with the items above it",
                             f"Line this item's `-` up with the items above it (column {column}, with spaces).",
                             line, start + 1)
        return Explained(PREFIX + "a list item where a key was expected",
                         "Put the list under a key (`key:`, then indented `- item` lines), or line it up with the "
                         "list above it.", line, start + 1)
    item = _KEY.match(here)
    name = f"`{item.group(2).strip()}`" if item else "this line"
    if context.startswith("while parsing a block collection"):
        return Explained(PREFIX + f"{name} is not lined up with the keys of the list item above it",
                         f"Line this key up with the keys of the item above it (column {column + 2} for `- key:` at "
                         f"column {column}), with spaces.", line, start + 1)
    return Explained(PREFIX + f"{name} is not lined up with the keys above it",
                     f"Line this key up with the keys above it (column {column}, with spaces).", line, start + 1)


def _unclosed_quote(problem, context, line, col, here, opened, lines):
    if "while scanning a quoted scalar" not in context or opened is None:
        return None
    return Explained(PREFIX + f"the quote opened at line {opened[0]}, column {opened[1]} is never closed",
                     "Close the quote at the end of the value; inside single quotes write an apostrophe twice "
                     "('it''s').", opened[0], opened[1])


def _unclosed_bracket(problem, context, line, col, here, opened, lines):
    for kind, start, end in (("list", "[", "]"), ("mapping", "{", "}")):
        if context.startswith(f"while parsing a flow {'sequence' if kind == 'list' else 'mapping'}") and opened:
            return Explained(PREFIX + f"the {kind} opened with `{start}` at line {opened[0]}, column {opened[1]} is "
                             "not closed", f"Close it with `{end}`, separate the items with `, `, and put items "
                             "containing `,`, `: `, brackets or braces in quotes.", opened[0], opened[1])
    return None


def _bad_start(problem, context, line, col, here, opened, lines):
    if "cannot start any token" not in problem:
        return None
    char = here[col - 1:col] or "?"
    key = _KEY.match(here)
    value = here[key.end():].split(" #", 1)[0].rstrip() if key and key.end() <= col - 1 else ""
    example = f": {key.group(2).strip()}: {quoted(value)}" if value else ""
    return Explained(PREFIX + f"a value cannot start with `{char}` unless it is in quotes",
                     f"Put the value in quotes{example}.", line, col)


def _alias(problem, context, line, col, here, opened, lines):
    if "while scanning an alias" not in context and "while scanning an anchor" not in context:
        return None
    at = opened or (line, col)
    char = "*" if "alias" in context else "&"
    return Explained(PREFIX + f"`{char}` at the start of a value refers to a YAML anchor",
                     "Put the value in quotes if it is text.", at[0], at[1])


def _no_colon(problem, context, line, col, here, opened, lines):
    if "could not find expected ':'" not in problem or opened is None:
        return None
    return Explained(PREFIX + f"line {opened[0]} is neither `key: value` nor a list item",
                     "Add the key (`key: text`), indent the line to continue the value above it, or make it a "
                     "comment with `#`.", opened[0], opened[1])


def _inline_list(problem, context, line, col, here, opened, lines):
    if "sequence entries are not allowed" not in problem:
        return None
    return Explained(PREFIX + "a list cannot start on the same line as its key",
                     "Start the list on the next line (`key:`, then indented `- item` lines), write it as "
                     "`[a, b]`, or put text starting with `- ` in quotes.", line, col)


_READINGS = (_tab, _unclosed_quote, _unclosed_bracket, _colon_in_text, _misplaced, _bad_start, _alias, _no_colon,
             _inline_list)


def _key_column(text: str) -> int:
    """The 1-based column of the line's first key (after any `- `)."""
    key = _KEY.match(text)
    return len(key.group(1)) + 1 if key else len(text) - len(text.lstrip(" ")) + 1


def _previous_line(lines: list[str], line: int) -> int:
    """The 1-based number of the nearest line above ``line`` holding something other than a comment, or 0."""
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return 0
