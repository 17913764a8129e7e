"""Survey answers, one row per respondent, reduced to pulse entries under the anonymity rules.

The file's header is ``partner,level,<dimension>...[,comment]``; each score
is 1–5 or empty. Every bad cell is reported at ``file:line:col`` and nothing
is kept from a file with one. The reduction keeps, for each partner and
level, the number of respondents and the mean of each dimension's answers
(one decimal, half up); a group under K respondents is withheld whole, a
dimension under K answers is withheld for that group. Comments are read
only to be dropped: no message, entry or file ever holds a raw answer or a
comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from partnerkit.core.location import Location
from partnerkit.core.numbers import plural
from partnerkit.core.suggest import suggest
from partnerkit.judge.pulse import LEVELS

MAX_BYTES = 8 * 1024 * 1024
MAX_PROBLEMS = 100
FIXED = ("partner", "level")
COMMENT = "comment"
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)\Z")


@dataclass(frozen=True)
class Problem:
    loc: Location
    message: str


@dataclass
class Answers:
    partner: str
    level: str
    scores: dict  # dimension -> Decimal, answered ones only


@dataclass
class Sheet:
    dimensions: list[str] = field(default_factory=list)
    rows: list[Answers] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    more: int = 0  # problems past MAX_PROBLEMS, counted only

    def problem(self, display: str, line: int, col: int, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(Location(display, line, col), message))
        else:
            self.more += 1


_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)"')
_REST = re.compile(r"[^,\r\n]*")
_BREAK = re.compile(r"\r\n|\r|\n")


def records(text: str):
    """CSV records with the place of each cell: ``[(value, line, col), ...]``, quoted line breaks and all.

    Yields ``None`` for an unclosed quote (with its place), after which nothing follows.
    """
    i, n, line, col = 0, len(text), 1, 1
    while i < n:
        row = []
        while True:
            start_line, start_col = line, col
            value = ""
            if text.startswith('"', i):
                m = _QUOTED.match(text, i)
                if m is None:
                    yield None, start_line, start_col
                    return
                raw = m.group()
                value = m.group(1).replace('""', '"')
                breaks = list(_BREAK.finditer(raw))
                if breaks:
                    line += len(breaks)
                    col = len(raw) - breaks[-1].end() + 1
                else:
                    col += len(raw)
                i = m.end()
            m = _REST.match(text, i)
            value += m.group()
            col += m.end() - i
            i = m.end()
            row.append((value, start_line, start_col))
            if i < n and text[i] == ",":
                i, col = i + 1, col + 1
                continue
            break
        if i < n:
            i += 2 if text.startswith("\r\n", i) else 1
            line, col = line + 1, 1
        yield row, None, None


def read(text: str, display: str, partners: list[str]) -> Sheet:
    """The answers in a responses file, or the problems that keep it from being used."""
    sheet = Sheet()
    rows = records(text)
    header = None
    for row, line, col in rows:
        if row is None:
            sheet.problem(display, line, col, "a quote opened here is never closed")
            return sheet
        if header is None:
            if all(not v.strip() for v, _, _ in row):
                continue
            header = _header(row, sheet, display)
            if header is None:
                return sheet
            continue
        if all(not v.strip() for v, _, _ in row):
            continue
        _row(row, header, sheet, display, partners)
    if header is None:
        sheet.problem(display, 1, 1, "no header row: expected `partner,level,<dimension>...,comment`")
    return sheet


def _header(row, sheet: Sheet, display: str):
    names = [v.strip() for v, _, _ in row]
    lowered = [n.lower() for n in names]
    line = row[0][1]
    bad = False
    for fixed in FIXED:
        if fixed not in lowered:
            sheet.problem(display, line, 1, f"the header has no `{fixed}` column: expected "
                                            f"`partner,level,<dimension>...,comment`")
            bad = True
    seen = set()
    for (value, _, col), name, low in zip(row, names, lowered):
        if not name:
            sheet.problem(display, line, col, "a column has no name: name each dimension")
            bad = True
        elif low in seen:
            sheet.problem(display, line, col, f"the column `{name}` appears twice")
            bad = True
        seen.add(low)
    columns = ["partner" if low == "partner" else "level" if low == "level" else COMMENT if low == COMMENT else name
               for name, low in zip(names, lowered)]
    sheet.dimensions = [c for c in columns if c not in (*FIXED, COMMENT) and c]
    if not bad and not sheet.dimensions:
        sheet.problem(display, line, 1, "the header names no dimension: add a column per statement (vision, trust, ...)")
        bad = True
    return None if bad else columns


def _row(row, columns, sheet: Sheet, display: str, partners: list[str]) -> None:
    line = row[0][1]
    if len(row) != len(columns):
        if len(row) > len(columns):
            col = row[len(columns)][2]
        else:
            value, _, start = row[-1]
            col = start + len(value)
        sheet.problem(display, line, col, f"the row has {plural(len(row), 'cell')} but the header has {len(columns)}: "
                                          "each row needs every column, empty where there is no answer")
        return
    cells = dict(zip(columns, row))
    partner, _, pcol = cells["partner"]
    partner = partner.strip()
    level, _, lcol = cells["level"]
    level = level.strip()
    ok = True
    if partner not in partners:
        near = suggest(partner, partners)
        sheet.problem(display, line, pcol, f"`{partner}` is not a partner of the charter"
                      + (f" (did you mean `{near}`?)" if near else f": use one of {', '.join(partners)}"))
        ok = False
    if level not in LEVELS:
        near = suggest(level, LEVELS)
        sheet.problem(display, line, lcol, f"`{level}` is not a level" + (f" (did you mean `{near}`?)" if near else "")
                      + ": use executive or execution")
        ok = False
    scores = {}
    for dim in sheet.dimensions:
        value, _, col = cells[dim]
        value = value.strip()
        if not value:
            continue
        if not _NUMBER.match(value):
            sheet.problem(display, line, col, f"`{dim}`: `{value[:20]}` is not a score: answer 1 to 5, or leave it empty")
            ok = False
            continue
        score = Decimal(value)
        if not 1 <= score <= 5:
            sheet.problem(display, line, col, f"`{dim}`: score {value[:20]} is outside 1–5")
            ok = False
            continue
        scores[dim] = score
    if ok:
        sheet.rows.append(Answers(partner, level, scores))


@dataclass
class Reduced:
    entries: list[dict] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)  # what was left out, and why, in words
    absent: list[str] = field(default_factory=list)  # groups with no respondent


def reduce(sheet: Sheet, partners: list[str], k: int, day: date) -> Reduced:
    """One pulse entry per partner and level that reaches K respondents, with the dimensions that reach K answers."""
    out = Reduced()
    for partner in partners:
        for level in LEVELS:
            group = [r for r in sheet.rows if r.partner == partner and r.level == level]
            who = f"{partner} {level}"
            if not group:
                out.absent.append(who)
                continue
            if len(group) < k:
                out.withheld.append(f"{who}: {plural(len(group), 'respondent')}, fewer than {k}: the whole group")
                continue
            scores, short = {}, []
            for dim in sheet.dimensions:
                answers = [r.scores[dim] for r in group if dim in r.scores]
                if len(answers) < k:
                    short.append(dim)
                    out.withheld.append(f"{who}, `{dim}`: {plural(len(answers), 'answer')}, fewer than {k}")
                    continue
                mean = (sum(answers) / len(answers)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
                scores[dim] = float(mean)
            if not scores:
                continue
            out.entries.append({"date": day, "partner": partner, "level": level, "responses": len(group),
                                "scores": scores})
    return out
