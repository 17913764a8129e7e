"""ruamel's pure-Python scanner and parser, with four fixes towards YAML 1.2.

1. **Tabs** are white space wherever they do not indent a line: after a
   value (``a: b<TAB>``), between a key's colon and its value, inside and
   at the end of a plain scalar, on empty and comment-only lines. ruamel
   forbids them in block context altogether. A tab still may not indent a
   line, nor stand before a block indicator (``-<TAB>- x``).
2. **A block scalar's leading empty lines** may hold up to as many spaces
   as its first line of text, and no more (YAML 1.2, 8.1.1.1). ruamel
   refuses a short first empty line and lets a long one through.
3. **A node whose tag comes before its anchor** (``!!str &a x``) starts at
   its tag, as on the C path; ruamel puts it at the anchor.
4. **Document end markers in a row** (``...`` twice, or one opening the
   stream) end no document more; ruamel takes the second for the start of
   a new, empty, document and refuses it.

Each fix overrides one small method of ruamel's. :func:`check` reads a probe
document with them once per process (``parsers.fixes()``); should a ruamel
release change what they rest on, the loader falls back to ruamel's own
classes and ``partnerkit version --verbose`` says so.
"""

from __future__ import annotations

_BREAKS = "\r\n\x85\u2028\u2029"


def fixed_classes() -> tuple:
    """``(Scanner, Parser)``: ruamel's classes with the fixes, for ``YAML.Scanner`` and ``YAML.Parser``."""
    from ruamel.yaml.parser import Parser
    from ruamel.yaml.scanner import Scanner, ScannerError
    from ruamel.yaml.tokens import DocumentEndToken, TagToken

    class FixedScanner(Scanner):
        def scan_to_next_token(self):
            reader = self.reader
            srp, srf = reader.peek, reader.forward
            if reader.index == 0 and srp() == "\ufeff":
                srf()
            while True:
                length = 0
                while srp(length) in " \t":
                    length += 1
                if length:
                    _skip_white(self, length, ScannerError)
                if srp() == "#":
                    while srp() not in "\0" + _BREAKS:
                        srf()
                if self.scan_line_break():
                    if not self.flow_level:
                        self.allow_simple_key = True
                else:
                    return None

        def scan_plain_spaces(self, indent, start_mark):
            reader = self.reader
            srp, srf = reader.peek, reader.forward
            chunks = []
            length = 0
            while srp(length) in " \t":
                length += 1
            whitespaces = reader.prefix(length)
            reader.forward(length)
            if srp() in _BREAKS:
                line_break = self.scan_line_break()
                self.allow_simple_key = True
                if _at_document_marker(reader):
                    return None
                breaks = []
                while True:
                    while srp() == " ":
                        srf()
                    if self.flow_level or reader.column >= indent:  # tabs may follow the indentation
                        while srp() in " \t":
                            srf()
                    if srp() not in _BREAKS:
                        break
                    breaks.append(self.scan_line_break())
                    if _at_document_marker(reader):
                        return None
                if line_break != "\n":
                    chunks.append(line_break)
                elif not breaks:
                    chunks.append(" ")
                chunks.extend(breaks)
            elif whitespaces:
                chunks.append(whitespaces)
            return chunks

        def scan_block_scalar_indentation(self):
            reader = self.reader
            srp, srf = reader.peek, reader.forward
            chunks = []
            max_indent = most = 0  # the most spaces on any line, and on a leading empty line
            end_mark = reader.get_mark()
            while srp() in " " + _BREAKS:
                if srp() != " ":
                    most = max(most, reader.column)
                    chunks.append(self.scan_line_break())
                    end_mark = reader.get_mark()
                else:
                    srf()
                    max_indent = max(max_indent, reader.column)
            if srp() != "\0" and most > reader.column >= self.indent + 1 and not (
                    reader.column == 0 and _at_document_marker(reader)):
                raise ScannerError("while scanning a block scalar", None,
                                   "a leading empty line holds more spaces than the first line of text",
                                   reader.get_mark())
            return chunks, max_indent, end_mark

    class FixedParser(Parser):
        def parse_implicit_document_start(self):
            while self.scanner.check_token(DocumentEndToken):  # `...` again: no document between them
                self.scanner.get_token()
            return super().parse_implicit_document_start()

        def parse_node(self, block=False, indentless_sequence=False):
            first = self.scanner.peek_token()
            event = super().parse_node(block, indentless_sequence)
            if first.__class__ is TagToken and getattr(event, "anchor", None) is not None:
                event.start_mark = first.start_mark
            return event

    return FixedScanner, FixedParser


def _skip_white(scanner, length: int, error) -> None:
    """Skip ``length`` spaces and tabs before the next token; a tab may not indent, nor precede a block indicator."""
    reader = scanner.reader
    srp = reader.peek
    run = reader.prefix(length)
    if "\t" not in run or scanner.flow_level:
        reader.forward(length)
        return
    after = srp(length)
    if after in "#\0" + _BREAKS:  # an empty or comment-only line, or white space after the last token
        reader.forward(length)
        return
    buffer, here = reader.buffer, reader.pointer
    before = here - 1
    while before >= 0 and buffer[before] in " \t":
        before -= 1
    if before < 0 or buffer[before] in _BREAKS or buffer[before] == "\ufeff":
        reader.forward(run.index("\t"))  # indentation: spaces only; the tab is refused as a token
        return
    if buffer[before] in "-?:" and after in "-?:" and srp(length + 1) in " \t\0" + _BREAKS:
        reader.forward(run.index("\t"))
        raise error("while scanning for the next token", None,
                    "found a tab before a block indicator: indent nested blocks with spaces", reader.get_mark())
    reader.forward(length)


def _at_document_marker(reader) -> bool:
    prefix = reader.prefix(3)
    return (prefix == "---" or prefix == "...") and reader.peek(3) in "\0 \t" + _BREAKS


def check(classes: tuple, probe: str) -> str:
    """What is wrong with the fixed classes on ``probe`` (see ``parsers.PURE_PROBE``), or ``""``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.Scanner, yaml.Parser = classes
    try:
        events = list(yaml.parse(probe))
    except Exception as exc:  # noqa: BLE001 - any surprise means: ruamel changed under the fixes
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    scalars = [(ev.value, ev.start_mark.column) for ev in events if ev.__class__.__name__ == "ScalarEvent"]
    documents = sum(1 for ev in events if ev.__class__.__name__ == "DocumentStartEvent")
    expected = [("a", 0), ("b", 3), ("c", 0), ("d", 3), ("e", 0), ("\nf\n", 3)]
    if scalars != expected or documents != 1:
        return f"read {scalars} in {documents} documents"
    return ""
