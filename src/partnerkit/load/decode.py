"""Bytes to text: size cap, binary detection, UTF-8 with or without a BOM."""

from __future__ import annotations

import re

from partnerkit.core.finding import Hit
from partnerkit.core.location import Location


def problem(code: str, message: str, hint: str, line: int = 1, col: int = 1, end_line: int | None = None,
            end_col: int | None = None) -> Hit:
    """A problem with the file itself (E001, E006, E007) at a place in it."""
    return Hit((), message, hint, code=code, loc=Location(None, line, col, end_line, end_col))


LINE_BREAKS = re.compile("\r\n|[\r\n]")  # YAML 1.2 line breaks: what editors count too


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset (CR, LF and CRLF end a line)."""
    lines = LINE_BREAKS.split(data[:offset].decode("utf-8", "replace"))
    return len(lines), len(lines[-1]) + 1


def decode(data: bytes, max_bytes: int) -> tuple[str | None, Hit | None]:
    if len(data) > max_bytes:
        return None, problem(
            "E007",
            f"file is larger than the {max_bytes:,}-byte limit",
            "Split the charter or raise the `max-bytes` threshold in the configuration.",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, problem("E001", "file is UTF-16; charters are UTF-8", "Save the file as UTF-8.")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = line_col(data, nul)
        return None, problem("E001", "binary file: NUL byte", "A charter is a UTF-8 text file.", line, col)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col(data, exc.start)
        return None, problem(
            "E001",
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            "Save the file as UTF-8.",
            line,
            col,
        )
    return text, None
