"""The directives a charter may open with, checked here alike for every parser (YAML 1.2, section 6.8).

``%YAML`` must be well formed (``%YAML 1.2``, an optional comment after
white space) and name major version 1; it may appear once. ``%TAG`` is left
to the parser. Any other directive is reserved: ignored, as the
specification says. Directives must be followed by ``---``.

Once checked, ``%YAML`` and reserved directives are turned into comments
(``%`` becomes ``#``), so that both parsers read the same YAML 1.2 document
and every position stays where it was: the C parser refuses reserved
directives and other minor versions, ruamel's pure-Python parser switches
to YAML 1.1 rules under ``%YAML 1.1``.
"""

from __future__ import annotations

import re

from partnerkit.load.decode import problem

_YAML = re.compile(r"%YAML[ \t]+([0-9]+)\.([0-9]+)(?:[ \t]+(?:#.*)?)?\Z")
_NAME = re.compile(r"%([^ \t]+)")
_BREAK = re.compile("\r\n|[\r\n]")


def prologue(text: str) -> tuple[str, object]:
    """``(text, None)`` with ``%YAML`` and reserved directives turned into comments, or ``(text, E001 hit)``."""
    if not _opens_a_line(text):
        return text, None
    chars = None
    seen_yaml = number = start = 0
    directives = False
    while start < len(text):
        number += 1
        found = _BREAK.search(text, start)
        end, after = (found.start(), found.end()) if found else (len(text), len(text))
        line = text[start:end]
        if line.startswith("%"):
            directives = True
            name = _NAME.match(line)
            if name is None:
                return text, _refuse(line, number, "a directive needs a name after `%`")
            if name.group(1) == "YAML":
                refused = _version(line, number, seen_yaml)
                if refused is not None:
                    return text, refused
                seen_yaml = number
            if name.group(1) != "TAG":  # the parser reads %TAG; %YAML is checked, others are ignored
                chars = chars or list(text)
                chars[start] = "#"
        elif line.strip(" \t") and not line.lstrip(" \t").startswith("#"):
            if directives and not (line.startswith("---") and line[3:4] in ("", " ", "\t")):
                return text, problem("E001", "directives must be followed by `---`, the start of the document",
                                     "Add a line `---` after the directives, or remove them.", number, 1)
            break  # the directives, if any, are behind us
        start = after
    else:
        if directives:
            return text, problem("E001", "directives must be followed by a document that starts with `---`",
                                 "Remove the directives: a charter needs none.", number, 1)
    return ("".join(chars) if chars is not None else text), None


def _opens_a_line(text: str) -> bool:
    """Whether a `%` opens a line (a few `%` a charter holds are found fastest one by one)."""
    i = text.find("%")
    while i >= 0:
        if i == 0 or text[i - 1] in "\r\n":
            return True
        i = text.find("%", i + 1)
    return False


def _version(line: str, number: int, seen: int):
    found = _YAML.match(line)
    if found is None:
        return _refuse(line, number, "a malformed `%YAML` directive: write `%YAML 1.2`")
    if seen:
        return _refuse(line, number, f"a second `%YAML` directive (the first is on line {seen})")
    if found.group(1) != "1":
        return _refuse(line, number, f"YAML {found.group(1)}.{found.group(2)} is not YAML 1: a charter is a "
                                     f"YAML 1.2 document")
    return None


def _refuse(line: str, number: int, what: str):
    shown = line if len(line) <= 40 else line[:39] + "…"
    return problem("E001", f"{what} (`{shown}`)", "Remove the directive: a charter needs none.", number, 1,
                   number, len(line) + 1)
