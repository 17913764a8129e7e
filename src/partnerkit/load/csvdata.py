"""CSV data files (SPEC section 2): metric readings and pulse results kept beside the charter.

``data.readings`` names a CSV with the header ``metric,date,value,note``;
``data.pulse`` one with ``date,partner,level,dimension,score,responses``.
Good rows are merged into the charter's data (with positions in the CSV
file, so findings on them point at the right file, line and column); a bad
row is a finding at its cell and is never silently dropped.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date

from partnerkit.core.files import NotRegular, read_limited
from partnerkit.core.finding import Hit
from partnerkit.core.location import Location
from partnerkit.core.suggest import suggest
from partnerkit.load.decode import decode
from partnerkit.load.positions import Pos

READINGS = ("metric", "date", "value", "note")
PULSE = ("date", "partner", "level", "dimension", "score", "responses")
MAX_BYTES = 8 * 1024 * 1024


def _cell_columns(line: str) -> list[int]:
    """1-based start column of each field of a physical CSV line."""
    starts, quoted, i = [1], False, 0
    while i < len(line):
        ch = line[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append(i + 2)
        i += 1
    return starts


MAX_PROBLEMS = 100  # per data file: a broken export gives a readable list and bounded memory, not a flood


class _Sheet:
    def __init__(self, display: str):
        self.display = display
        self.problems: list[Hit] = []
        self.more = 0
        self.first_unlisted = (1, 1)  # where the summary of unlisted problems goes

    def problem(self, line, col, code, message, hint):
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Hit((), message, hint, code=code, loc=Location(self.display, line, col)))
            return
        if not self.more:
            self.first_unlisted = (line, col)
        self.more += 1

    def result(self) -> list[Hit]:
        if self.more:
            line, col = self.first_unlisted
            return self.problems + [Hit((), f"{self.more:,} more problems in this file are not listed (only the first "
                                            f"{MAX_PROBLEMS} are)", "Fix the problems listed, or check how the file was exported.",
                                        code="E002", loc=Location(self.display, line, col))]
        return self.problems


def _read(path: str, sheet: _Sheet, columns: tuple[str, ...], required: tuple[str, ...]):
    """Yield ``(line, {column: (value, col)})`` for each data row."""
    try:
        raw = read_limited(path, MAX_BYTES)  # never blocks: a FIFO or device is refused
    except NotRegular:
        raise FileNotFoundError("not a regular file") from None
    except ValueError:  # a NUL in the name
        raise FileNotFoundError("not a valid file name") from None
    except OSError as exc:
        raise FileNotFoundError(exc.strerror or str(exc)) from None
    text, refused = decode(raw, MAX_BYTES)
    if refused is not None:
        sheet.problem(refused.loc.line, refused.loc.col, refused.code, refused.message, refused.hint)
        return
    lines = text.splitlines()
    if not lines:
        sheet.problem(1, 1, "E002", f"empty CSV file: expected the header `{','.join(columns)}`", "Add the header row.")
        return
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        sheet.problem(1, 1, "E001", f"CSV syntax error: {exc}", "Fix the CSV syntax.")
        return
    hcols = _cell_columns(lines[0])
    for i, name in enumerate(header):
        if name not in columns:
            sheet.problem(1, hcols[i] if i < len(hcols) else 1, "E002",
                          f"unknown CSV column `{name}`: expected {','.join(columns)}", "Rename or remove the column.")
    missing = [c for c in required if c not in header]
    if missing:
        sheet.problem(1, 1, "E002", f"CSV header lacks {', '.join(missing)}: expected {','.join(columns)}",
                      "Add the missing columns to the header.")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            sheet.problem(reader.line_num, 1, "E001", f"CSV syntax error: {exc}", "Fix the CSV syntax.")
            return
        line = reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        physical = lines[line - 1] if line - 1 < len(lines) else ""
        cols = _cell_columns(physical)
        cells = {}
        for i, name in enumerate(header):
            if i < len(row):
                cells[name] = (row[i].strip(), cols[i] if i < len(cols) else 1)
        absent = [c for c in required if c not in cells or cells[c][0] == ""]
        if absent:
            sheet.problem(line, len(physical) + 1 if len(row) < len(header) else cells[absent[0]][1], "E002",
                          f"row lacks {', '.join(absent)}", "Fill in every required column.")
            continue
        if len(row) > len(header):
            sheet.problem(line, cols[len(header)] if len(header) < len(cols) else 1, "E002",
                          f"row has {len(row)} cells but the header has {len(header)}", "Remove the extra cells.")
            continue
        yield line, cells


def _date(sheet, line, cell):
    value, col = cell
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        pass
    sheet.problem(line, col, "E002", f"`{value}` is not a valid date", "Write dates as ISO dates: 2026-01-15.")
    return None


def _number(sheet, line, cell, what):
    value, col = cell
    try:
        number = float(value)
        if number == number and abs(number) != float("inf"):
            return number
    except ValueError:
        pass
    sheet.problem(line, col, "E002", f"{what} `{value}` is not a number", "Write a plain number such as 12.5.")
    return None


def _suggest(word, choices):
    near = suggest(word, sorted(choices))
    return f" (did you mean `{near}`?)" if near else ""


def _cell(line: int, col: int, value: str, file: str) -> Pos:
    return Pos(line, col, None, file, line, col + len(value))


def _cells_pos(line, cells, file):
    return Pos(line, 1, {k: (_cell(line, col, v, file), _cell(line, col, v, file)) for k, (v, col) in cells.items()},
               file, line, 2)


def _ensure_list(owner: dict, owner_pos: tuple, key: str, file: str):
    owner_pos = Pos.of(owner_pos)
    if not isinstance(owner.get(key), list):
        owner[key] = []
        here = Pos(owner_pos.line, owner_pos.col, None, owner_pos.file, owner_pos.end_line, owner_pos.end_col)
        owner_pos.sub[key] = (here, Pos(owner_pos.line, owner_pos.col, [], owner_pos.file, owner_pos.line, owner_pos.col + 1))
    return owner[key], Pos.of(owner_pos.sub[key][1])


def merge_readings(data, pos, path, display) -> list[Hit]:
    sheet = _Sheet(display)
    metrics = data.get("metrics") if isinstance(data.get("metrics"), list) else []
    pos = Pos.of(pos)
    mpos = pos.sub["metrics"][1][2] if "metrics" in pos.sub else []
    by_id = {m["id"]: (m, mpos[i]) for i, m in enumerate(metrics)
             if isinstance(m, dict) and isinstance(m.get("id"), str) and i < len(mpos)}
    for line, cells in _read(path, sheet, READINGS, ("metric", "date", "value")):
        metric_id, col = cells["metric"]
        if metric_id not in by_id:
            sheet.problem(line, col, "E004", f"`{metric_id}` is not a known metric{_suggest(metric_id, [k for k in by_id if isinstance(k, str)])}",
                          "Use the id of a metric in the charter.")
            continue
        day = _date(sheet, line, cells["date"])
        value = _number(sheet, line, cells["value"], "value")
        if day is None or value is None:
            continue
        item = {"date": day, "value": value}
        if cells.get("note", ("", 0))[0]:
            item["note"] = cells["note"][0]
        metric, metric_pos = by_id[metric_id]
        items, items_pos = _ensure_list(metric, metric_pos, "readings", display)
        items.append(item)
        items_pos.sub.append(_cells_pos(line, {k: v for k, v in cells.items() if k != "metric"}, display))
    return sheet.result()


def merge_pulse(data, pos, path, display) -> list[Hit]:
    sheet = _Sheet(display)
    listed = data.get("partners") if isinstance(data.get("partners"), list) else []
    partners = {p["id"] for p in listed if isinstance(p, dict) and isinstance(p.get("id"), str)}
    pos = Pos.of(pos)
    if not isinstance(data.get("pulse"), list):
        data["pulse"] = []
        pos.sub["pulse"] = (Pos(pos.line, pos.col, None, pos.file, pos.line, pos.col + 1),
                            Pos(pos.line, pos.col, [], pos.file, pos.line, pos.col + 1))
    entries, entries_pos = data["pulse"], Pos.of(pos.sub["pulse"][1])
    groups: dict[tuple, tuple[dict, Pos]] = {}
    for line, cells in _read(path, sheet, PULSE, PULSE):
        day = _date(sheet, line, cells["date"])
        partner, pcol = cells["partner"]
        if partner not in partners:
            sheet.problem(line, pcol, "E004", f"`{partner}` is not a known partner{_suggest(partner, [p for p in partners if isinstance(p, str)])}",
                          "Use the id of a partner in the charter.")
            continue
        level, lcol = cells["level"]
        if level not in ("executive", "execution"):
            sheet.problem(line, lcol, "E002", f"level `{level}` is not one of executive, execution", "Use executive or execution.")
            continue
        score = _number(sheet, line, cells["score"], "score")
        if score is not None and not 1 <= score <= 5:
            sheet.problem(line, cells["score"][1], "E002", f"score {cells['score'][0]} is outside 1..5", "Scores are means on a 1..5 scale.")
            score = None
        responses_text, rcol = cells["responses"]
        responses = int(responses_text) if responses_text.isdigit() and int(responses_text) >= 1 else None
        if responses is None:
            sheet.problem(line, rcol, "E002", f"responses `{responses_text}` is not a whole number ≥ 1", "Give the number of respondents.")
        if day is None or score is None or responses is None:
            continue
        key = (day, partner, level)
        dimension, dcol = cells["dimension"]
        if key not in groups:
            entry = {"date": day, "partner": partner, "level": level, "responses": responses, "scores": {}}
            entry_pos = _cells_pos(line, cells, display)
            entry_pos.sub["scores"] = (_cell(line, dcol, dimension, display),
                                       Pos(line, dcol, {}, display, line, dcol + len(dimension)))
            entries.append(entry)
            entries_pos.sub.append(entry_pos)
            groups[key] = (entry, entry_pos)
        entry, entry_pos = groups[key]
        if responses != entry["responses"]:
            sheet.problem(line, rcol, "E002", f"responses {responses} differs from {entry['responses']} given earlier for {partner} {level} on {day}",
                          "Give one respondent count per survey round, partner and level.")
            continue
        entry["scores"][dimension] = score
        entry_pos.sub["scores"][1].sub[dimension] = (_cell(line, dcol, dimension, display),
                                                     _cell(line, cells["score"][1], cells["score"][0], display))
    return sheet.result()


def _inside(base_dir: str, rel: str) -> bool:
    """Whether ``rel`` names a file in ``base_dir`` or below it (symlinks resolved).

    A charter from an untrusted pull request must not make lint read, and quote from, files elsewhere.
    """
    if os.path.isabs(rel):
        return False
    base = os.path.realpath(base_dir)
    target = os.path.realpath(os.path.join(base, rel))
    return os.path.commonpath([base, target]) == base


def merge(data: dict, pos: Pos, base_dir: str, display_dir: str) -> list[Hit]:
    """Merge the charter's CSV data files into ``data``; return the problems found (at the CSV's cells, or at
    the charter's ``data`` entry when a file cannot be used)."""
    spec = data.get("data")
    problems: list[Hit] = []
    if not isinstance(spec, dict) or pos is None:
        return problems
    for key, merger in (("readings", merge_readings), ("pulse", merge_pulse)):
        rel = spec.get(key)
        if not isinstance(rel, str) or not rel:
            continue
        where = ("data", key)
        if "\x00" not in rel and not _inside(base_dir, rel):
            problems.append(Hit(where, f"data.{key}: `{rel[:200]}` must be a path inside the charter's folder",
                                "Keep data files in the charter's folder or below it, named relative to the charter.",
                                at_value=True, code="E002"))
            continue
        display = os.path.normpath(os.path.join(display_dir, rel))
        try:
            problems.extend(merger(data, pos, os.path.join(base_dir, rel), display))
        except FileNotFoundError as exc:
            problems.append(Hit(where, f"data.{key}: cannot read `{rel}`: {exc}",
                                "Check the path, relative to the charter's folder.", at_value=True, code="E002"))
    return problems
