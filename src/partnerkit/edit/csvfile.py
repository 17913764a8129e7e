"""Rows appended to a CSV data file in its own style: its column order, line break and quoting."""

from __future__ import annotations

import csv
import io

from partnerkit.edit.source import EditError
from partnerkit.load.decode import LINE_BREAKS


def append_rows(text: str, rows: list[dict], name: str) -> str:
    """``text`` with ``rows`` (column -> value) added at the end; every row's keys must be columns of the header.

    The header's column order is kept; the line break is the file's own; a file whose every header cell is
    quoted gets every cell quoted. A last line without a line break gets one first.
    """
    first = LINE_BREAKS.search(text)
    newline = first.group() if first else "\n"
    header_line = text[:first.start()] if first else text
    try:
        header = [h.strip() for h in next(csv.reader([header_line]))]
    except (StopIteration, csv.Error):
        raise EditError(f"{name} has no header row: expected its columns on the first line") from None
    for row in rows:
        missing = [k for k, v in row.items() if k not in header and v not in (None, "")]
        if missing:
            raise EditError(f"{name} has no `{missing[0]}` column: add it to the header, or leave that value out")
    cells = [c.strip() for c in header_line.split(",")]
    quote_all = bool(cells) and all(len(c) >= 2 and c[0] == c[-1] == '"' for c in cells)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else str(row.get(h)) for h in header])
    added = out.getvalue()
    if text and not text.endswith(("\n", "\r")):
        return text + newline + added[:-len(newline)]
    return text + added
