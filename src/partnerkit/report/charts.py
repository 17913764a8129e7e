"""Chart geometry for the HTML report: plain numbers that the templates draw as inline SVG.

No chart library and no script: each function returns a dict of
coordinates and labels; ``templates/report/charts.html.j2`` turns it into
SVG, escaping every label. Every chart also has its numbers in a table.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from partnerkit.report.text import num

STATUS_TONE = {
    "met": "good", "on track": "good", "early: expected lag": "calm", "stalled": "warn",
    "off track": "bad", "missed": "bad", "no data": "none", "at risk": "bad", "unclear": "bad", "no target": "none",
}
LINE_COLORS = ("#1f6fb2", "#c2571a", "#2f8a57", "#8a3ffc", "#b8860b", "#d12771", "#4d5b6a", "#00838f")


def nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    """Round tick values covering ``lo..hi`` (1, 2 or 5 times a power of ten apart)."""
    if hi <= lo:
        return [lo]
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw - 1e-12)
    first = math.ceil(lo / step - 1e-9) * step
    ticks, value = [], first
    while value <= hi + step * 1e-9 and len(ticks) < 20:
        ticks.append(round(value, 10))
        value += step
    return ticks


class Scale:
    """A linear map from a data range onto pixels."""

    def __init__(self, lo: float, hi: float, start: float, end: float):
        if hi == lo:
            lo, hi = lo - 1, hi + 1
        self.lo, self.hi, self.start, self.end = lo, hi, start, end

    def __call__(self, value: float) -> float:
        return round(self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start), 1)


def _days(d: date, origin: date) -> int:
    return (d - origin).days


def _value_range(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or max(abs(hi) * 0.1, 1.0)
    lo2 = lo - pad if lo < 0 or lo - pad >= 0 else 0.0
    return lo2, hi + pad


def metric_chart(m, started: date, as_of: date, status: str, expected_at) -> dict | None:
    """Readings against the straight path from ``baseline`` at ``started`` to ``target`` at ``due``."""
    rs = sorted(m.readings, key=lambda r: r.date)
    values = [r.value for r in rs] + [v for v in (m.baseline, m.target) if v is not None]
    if not values:
        return None
    ends = [as_of] + [r.date for r in rs] + ([m.due] if m.due else [])
    origin = min([started] + [r.date for r in rs])
    last = max(ends)
    if last <= origin:
        last = origin + timedelta(days=30)
    width, height = 640, 240
    left, right, top, bottom = 64, 624, 22, 196
    x = Scale(0, _days(last, origin), left, right)
    lo, hi = _value_range(values)
    if not math.isfinite(hi - lo):
        return None  # numbers beyond what a chart can show: the table has them
    ticks = nice_ticks(lo, hi)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    y = Scale(lo, hi, bottom, top)
    chart = {
        "width": width, "height": height, "left": left, "right": right, "top": top, "bottom": bottom,
        "tone": STATUS_TONE.get(status, "none"),
        "yticks": [{"y": y(t), "label": num(t)} for t in ticks],
        "xticks": _date_ticks(origin, last, x),
        "points": [{"x": x(_days(r.date, origin)), "y": y(r.value), "label": f"{r.date.isoformat()}: {num(r.value, m.unit)}"}
                   for r in rs],
        "path": None, "target": None, "due": None,
        "asof": _vlabel(x(_days(as_of, origin)), f"as of {as_of.isoformat()}", left, right, top + 24)
        if origin <= as_of <= last else None,
    }
    chart["line"] = " ".join(f"{p['x']},{p['y']}" for p in chart["points"])
    if expected_at(m, started, started) is not None:
        chart["path"] = {"x1": x(_days(started, origin)), "y1": y(m.baseline), "x2": x(_days(m.due, origin)), "y2": y(m.target)}
    if m.target is not None:
        chart["target"] = {"y": y(m.target), "label": f"target {num(m.target, m.unit)}"}
    if m.due is not None:
        chart["due"] = _vlabel(x(_days(m.due, origin)), f"due {m.due.isoformat()}", left, right, top + 10)
    return chart


def _vlabel(xpos: float, label: str, left: float, right: float, y: float) -> dict:
    """A vertical marker's label, on the side of the line where it fits."""
    end = xpos > (left + right) / 2
    return {"x": xpos, "label": label, "y": y, "tx": xpos - 4 if end else xpos + 4, "anchor": "end" if end else "start"}


def _date_ticks(origin: date, last: date, x: Scale) -> list[dict]:
    """Month starts (or, over more than seven years, year starts), thinned to at most seven labels."""
    months = (last.year - origin.year) * 12 + last.month - origin.month
    if months > 84:
        step = math.ceil((last.year - origin.year) / 7)
        days = [date(y, 1, 1) for y in range(origin.year + 1, last.year + 1, step)]
        return [{"x": x(_days(d, origin)), "label": str(d.year)} for d in days]
    firsts = []
    for k in range(months + 1):
        year, month = divmod(origin.month - 1 + k, 12)
        d = date(origin.year + year, month + 1, 1)
        if origin <= d <= last:
            firsts.append(d)
    out, year = [], None
    for d in firsts[::max(1, math.ceil(len(firsts) / 7))]:
        out.append({"x": x(_days(d, origin)), "label": d.strftime("%b %Y") if d.year != year else d.strftime("%b")})
        year = d.year
    return out


def score_fill(score: float) -> str:
    """1 (red) .. 3 (amber) .. 5 (green), as light tints that keep dark text readable."""
    stops = [(1.0, (244, 199, 195)), (3.0, (252, 232, 178)), (5.0, (188, 228, 197))]
    score = min(max(score, 1.0), 5.0)
    for (s0, c0), (s1, c1) in zip(stops, stops[1:]):
        if score <= s1:
            t = (score - s0) / (s1 - s0)
            return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(c0, c1))
    return "#bce4c5"


def heatmap(rows: list[dict], dims: list[str]) -> dict:
    """Rows of ``{label, cells: [{score, gap, low}|None]}`` laid out as a grid."""
    label_w, cell_w, cell_h, head_h = 220, 108, 42, 32
    width = label_w + cell_w * max(len(dims), 1) + 8
    height = head_h + cell_h * len(rows) + 8
    out_rows = []
    for i, row in enumerate(rows):
        y = head_h + i * cell_h
        cells = []
        for j, cell in enumerate(row["cells"]):
            if cell is None:
                cells.append({"x": label_w + j * cell_w, "y": y, "w": cell_w - 4, "h": cell_h - 4, "fill": "#eef1f4",
                              "text": "—", "mark": False, "dim": dims[j]})
                continue
            cells.append({"x": label_w + j * cell_w, "y": y, "w": cell_w - 4, "h": cell_h - 4,
                          "fill": score_fill(cell["score"]), "text": num(cell["score"]),
                          "mark": cell["gap"] or cell["low"], "dim": dims[j]})
        name = row["name"] if len(row["name"]) <= 26 else row["name"][:25] + "…"
        out_rows.append({"name": name, "level": row["level"], "full": row["label"], "y": y, "cells": cells})
    cols = [{"x": label_w + j * cell_w + (cell_w - 4) / 2, "label": d if len(d) <= 13 else d[:12] + "…", "full": d}
            for j, d in enumerate(dims)]
    return {"width": width, "height": height, "rows": out_rows, "cols": cols, "cell_h": cell_h}


def trend_chart(rounds: list[date], series: dict[str, list[float | None]]) -> dict:
    """One line per dimension: the mean score of each pulse round (1..5)."""
    width, height = 640, 220
    left, right, top, bottom = 40, 500, 16, 184
    n = len(rounds)
    x = Scale(0, n - 1, left, right) if n > 1 else Scale(0, 1, (left + right) / 2, (left + right) / 2 + 1)
    y = Scale(1, 5, bottom, top)
    lines = []
    for i, (dim, values) in enumerate(series.items()):
        pts = [{"x": x(k), "y": y(v), "label": f"{dim} {rounds[k].isoformat()}: {num(v)}"}
               for k, v in enumerate(values) if v is not None]
        lines.append({"dim": dim, "color": LINE_COLORS[i % len(LINE_COLORS)], "points": pts,
                      "line": " ".join(f"{p['x']},{p['y']}" for p in pts),
                      "legend_y": top + 8 + i * 20})
    return {"width": width, "height": height, "left": left, "right": right, "top": top, "bottom": bottom,
            "yticks": [{"y": y(t), "label": str(t)} for t in (1, 2, 3, 4, 5)],
            "xticks": [{"x": x(k), "label": d.isoformat()} for k, d in enumerate(rounds)],
            "lines": lines, "legend_x": right + 24}


MILESTONE_TONE = {"continue": "good", "pivot": "warn", "stop": "stop", "pending": "none", "overdue": "bad"}


def timeline(started: date, as_of: date, horizon_end: date, milestones: list[dict]) -> dict:
    """Milestones on a line from ``started`` to the latest of their dues, the as-of date and the horizon."""
    last = max([as_of, horizon_end] + [m["due"] for m in milestones])
    origin = min([started, as_of] + [m["due"] for m in milestones])
    width, height = 960, 150
    left, right, axis = 44, 916, 96
    x = Scale(0, max(_days(last, origin), 1), left, right)
    marks = []
    for i, m in enumerate(sorted(milestones, key=lambda m: m["due"])):
        marks.append({"x": x(_days(m["due"], origin)), "label": m["id"], "tone": MILESTONE_TONE[m["state"]],
                      "title": f"{m['id']} {m['name']}: due {m['due'].isoformat()}, {m['state_text']}",
                      "ly": axis - 22 - (i % 3) * 18})
    return {"width": width, "height": height, "left": left, "right": right, "axis": axis,
            "start": {"x": x(_days(started, origin)), "label": f"started {started.isoformat()}"},
            "asof": {"x": x(_days(as_of, origin)), "label": f"as of {as_of.isoformat()}"},
            "horizon": {"x": x(_days(horizon_end, origin)), "label": f"horizon {horizon_end.isoformat()}"},
            "ticks": _date_ticks(origin, last, x), "marks": marks}
