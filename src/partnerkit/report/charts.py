"""Chart geometry for the HTML report: plain numbers that the templates draw as inline SVG.

No chart library and no script: each function returns a dict of coordinates
and labels; ``templates/report/charts.html.j2`` turns it into SVG, escaping
every label. Every chart also has its numbers in a table beside it.

Charts are drawn on a narrow canvas (:data:`WIDTH` units) with 12.5-unit
text, and shown at most about 1.2 times that size: on a 390-pixel phone the
text is still 11 pixels or more, on a laptop it is never oversized. Labels
that could collide are put in lanes; nothing is cut.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from partnerkit.core.numbers import num
from partnerkit.judge import metrics as judge

WIDTH = 360
FONT = 12.5
CHAR = 0.6 * FONT  # the width of a character, generously
LINE_COLORS = ("#1f6fb2", "#c2571a", "#2f8a57", "#8a3ffc", "#8a6d00", "#d12771", "#4d5b6a", "#00838f")
SHAPES = ("circle", "square", "triangle", "diamond", "plus", "ring")
SHAPE_SYMBOLS = {"circle": "●", "square": "■", "triangle": "▲", "diamond": "◆", "plus": "✚", "ring": "○"}


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
    """A linear map from a data range onto canvas units."""

    def __init__(self, lo: float, hi: float, start: float, end: float):
        if hi == lo:
            lo, hi = lo - 1, hi + 1
        self.lo, self.hi, self.start, self.end = lo, hi, start, end

    def __call__(self, value: float) -> float:
        return round(self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start), 1)


def _days(d: date, origin: date) -> int:
    return (d - origin).days


def text_width(label: str) -> float:
    return len(label) * CHAR


def _value_range(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or max(abs(hi) * 0.1, 1.0)
    lo2 = lo - pad if lo < 0 or lo - pad >= 0 else 0.0
    return lo2, hi + pad


def placed(x: float, label: str, left: float, right: float) -> dict:
    """A label centred on ``x`` when it fits, else held inside ``left..right``: its anchor and extent."""
    w = text_width(label)
    if x - w / 2 < left:
        return {"tx": round(left, 1), "anchor": "start", "x0": left, "x1": left + w}
    if x + w / 2 > right:
        return {"tx": round(right, 1), "anchor": "end", "x0": right - w, "x1": right}
    return {"tx": x, "anchor": "middle", "x0": x - w / 2, "x1": x + w / 2}


def lanes(labels: list[dict], gap: float = 8) -> int:
    """Give each placed label the first ``lane`` where it overlaps no other; return how many lanes were used."""
    ends: list[float] = []
    for lab in sorted(labels, key=lambda lab: lab["x0"]):
        for i, end in enumerate(ends):
            if lab["x0"] >= end + gap:
                lab["lane"], ends[i] = i, lab["x1"]
                break
        else:
            lab["lane"] = len(ends)
            ends.append(lab["x1"])
    return len(ends)


def metric_chart(m, started: date, as_of: date, tone: str, places: int) -> dict | None:
    """Readings against the straight path from ``baseline`` at ``started`` to ``target`` at ``due``, and the line
    at the current pace to the due date."""
    rs = judge.readings(m)
    ahead = judge.forecast(m, as_of)
    values = [r.value for r in rs] + [v for v in (m.baseline, m.target) if v is not None]
    if ahead is not None and ahead.value is not None:
        values.append(ahead.value)
    values = [v for v in values if math.isfinite(v)]
    if not values:
        return None
    ends = [as_of] + [r.date for r in rs] + ([m.due] if m.due else [])
    origin = min([started] + [r.date for r in rs])
    last = max(ends)
    if last <= origin:
        last = origin + timedelta(days=30)
    width, height = WIDTH, 214
    left, right, top, bottom = 46, WIDTH - 8, 40, 180
    x = Scale(0, _days(last, origin), left, right)
    lo, hi = _value_range(values)
    if not math.isfinite(hi - lo):
        return None  # numbers beyond what a chart can show: the table has them
    ticks = nice_ticks(lo, hi)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    y = Scale(lo, hi, bottom, top)
    chart = {
        "width": width, "height": height, "left": left, "right": right, "top": top, "bottom": bottom, "tone": tone,
        "yticks": [{"y": y(t), "label": num(t)} for t in ticks],
        "xticks": date_ticks(origin, last, x, left, right),
        "points": [{"x": x(_days(r.date, origin)), "y": y(r.value), "label": f"{r.date.isoformat()}: "
                    f"{num(r.value, m.unit, places=places)}"} for r in rs if math.isfinite(r.value)],
        "path": None, "target": None, "forecast": None, "markers": [],
    }
    chart["line"] = " ".join(f"{p['x']},{p['y']}" for p in chart["points"])
    if judge.expected_at(m, started, started) is not None:
        chart["path"] = {"x1": x(_days(started, origin)), "y1": y(m.baseline), "x2": x(_days(m.due, origin)),
                         "y2": y(m.target)}
    if m.target is not None and math.isfinite(m.target):
        chart["target"] = {"y": y(m.target), "label": f"target {num(m.target, m.unit, places=places)}"}
    if ahead is not None and ahead.value is not None and chart["points"]:
        p = chart["points"][-1]
        chart["forecast"] = {"x1": p["x"], "y1": p["y"], "x2": x(_days(ahead.due, origin)), "y2": y(ahead.value)}
    markers = [("due", m.due, f"due {m.due.isoformat()}" if m.due else ""), ("asof", as_of, f"as of {as_of.isoformat()}")]
    for kind, day, label in markers:
        if day is not None and origin <= day <= last:
            xpos = x(_days(day, origin))
            chart["markers"].append({"kind": kind, "x": xpos, "label": label, **placed(xpos, label, 2, width - 2)})
    lanes(chart["markers"])
    for mk in chart["markers"]:
        mk["y"] = 14 + mk["lane"] * 15
    return chart


def date_ticks(origin: date, last: date, x: Scale, left: float, right: float, most: int = 4) -> list[dict]:
    """Month starts (or, over more than seven years, year starts), thinned so their labels never touch."""
    months = (last.year - origin.year) * 12 + last.month - origin.month
    if months > 84:
        step = math.ceil((last.year - origin.year) / most)
        days = [date(y, 1, 1) for y in range(origin.year + 1, last.year + 1, step)]
        return [{"x": x(_days(d, origin)), "label": str(d.year)} for d in days]
    firsts = []
    for k in range(months + 1):
        year, month = divmod(origin.month - 1 + k, 12)
        d = date(origin.year + year, month + 1, 1)
        if origin <= d <= last:
            firsts.append(d)
    out, year = [], None
    for d in firsts[::max(1, math.ceil(len(firsts) / most))]:
        out.append({"x": x(_days(d, origin)), "label": d.strftime("%b %Y") if d.year != year else d.strftime("%b")})
        year = d.year
    return [t for t in out if left - 4 <= t["x"] - text_width(t["label"]) / 2 and t["x"] + text_width(t["label"]) / 2
            <= right + 8] or out[:1]


def score_fill(score: float) -> str:
    """1 (red) .. 3 (amber) .. 5 (green), as light tints that keep dark text readable."""
    stops = [(1.0, (244, 199, 195)), (3.0, (252, 232, 178)), (5.0, (188, 228, 197))]
    score = min(max(score, 1.0), 5.0)
    for (s0, c0), (s1, c1) in zip(stops, stops[1:]):
        if score <= s1:
            t = (score - s0) / (s1 - s0)
            return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(c0, c1))
    return "#bce4c5"


def marker(shape: str, x: float, y: float, r: float = 4.5) -> str:
    """An SVG path for a series marker: each series has its own shape, so colour is never the only key."""
    if shape == "square":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r * 1.25:.1f}L{x + r * 1.2:.1f},{y + r * 0.9:.1f}L{x - r * 1.2:.1f},{y + r * 0.9:.1f}z"
    if shape == "diamond":
        return f"M{x:.1f},{y - r * 1.3:.1f}L{x + r * 1.3:.1f},{y:.1f}L{x:.1f},{y + r * 1.3:.1f}L{x - r * 1.3:.1f},{y:.1f}z"
    if shape == "plus":
        a, b = r * 1.3, r * 0.45
        return (f"M{x - b:.1f},{y - a:.1f}h{2 * b:.1f}v{a - b:.1f}h{a - b:.1f}v{2 * b:.1f}h{b - a:.1f}v{a - b:.1f}"
                f"h{-2 * b:.1f}v{b - a:.1f}h{b - a:.1f}v{-2 * b:.1f}h{a - b:.1f}z")
    return f"M{x - r:.1f},{y:.1f}a{r},{r} 0 1,0 {2 * r:.1f},0a{r},{r} 0 1,0 {-2 * r:.1f},0z"


def trend_chart(rounds: list[date], series: dict[str, list[float | None]]) -> dict:
    """One line per dimension: the mean score of each pulse round (1..5), each with its own marker shape."""
    width, height = WIDTH, 200
    left, right, top, bottom = 28, WIDTH - 14, 12, 168
    n = len(rounds)
    x = Scale(0, n - 1, left + 12, right - 12) if n > 1 else Scale(0, 1, (left + right) / 2, (left + right) / 2 + 1)
    y = Scale(1, 5, bottom, top)
    lines = []
    for i, (dim, values) in enumerate(series.items()):
        shape = SHAPES[i % len(SHAPES)]
        pts = [{"x": x(k), "y": y(v), "label": f"{dim} {rounds[k].isoformat()}: {num(v)}",
                "d": marker(shape, x(k), y(v))} for k, v in enumerate(values) if v is not None]
        lines.append({"dim": dim, "color": LINE_COLORS[i % len(LINE_COLORS)], "points": pts, "shape": shape,
                      "symbol": SHAPE_SYMBOLS[shape], "line": " ".join(f"{p['x']},{p['y']}" for p in pts)})
    ticks = [{"x": x(k), "label": d.isoformat(), **placed(x(k), d.isoformat(), 2, width - 2)}
             for k, d in enumerate(rounds)]
    shown, last_end = [], -1e9
    for t in ticks:
        if t["x0"] >= last_end + 8:
            shown.append(t)
            last_end = t["x1"]
    return {"width": width, "height": height, "left": left, "right": right, "top": top, "bottom": bottom,
            "yticks": [{"y": y(t), "label": str(t)} for t in (1, 2, 3, 4, 5)], "xticks": shown, "lines": lines}


MARK_TONE = {"continue": "good", "pivot": "warn", "stop": "stop", "pending": "none", "overdue": "bad"}


def timeline(started: date, as_of: date, horizon_end: date, gates: list) -> dict:
    """Gates on a line from ``started`` to the latest of their dues, the as-of date and the horizon.

    Each gate is labelled with its id and state in words ("G1 overdue"), in lanes above the axis so labels never
    collide; the start, as-of and horizon labels go in lanes below the date ticks.
    """
    last = max([as_of, horizon_end] + [g.due for g in gates])
    origin = min([started, as_of] + [g.due for g in gates])
    width, left, right = WIDTH, 12, WIDTH - 12
    x = Scale(0, max(_days(last, origin), 1), left, right)
    marks = []
    for g in sorted(gates, key=lambda g: g.due):
        state = "kill condition met" if g.fired else g.state
        label = f"{g.id} {state}"
        xpos = x(_days(g.due, origin))
        marks.append({"x": xpos, "label": label, "tone": "bad" if g.fired else MARK_TONE[g.state],
                      "title": f"{g.id} {g.name}: due {g.due.isoformat()}, {g.state_text}",
                      **placed(xpos, label, 2, width - 2)})
    up = lanes(marks)
    axis = 22 + up * 17
    for mk in marks:
        mk["ly"] = axis - 16 - mk["lane"] * 17
    notes = []
    for kind, day, label in (("start", started, f"start {started.isoformat()}"), ("asof", as_of, f"as of {as_of.isoformat()}"),
                             ("horizon", horizon_end, f"horizon {horizon_end.isoformat()}")):
        xpos = x(_days(day, origin))
        notes.append({"kind": kind, "x": xpos, "label": label, **placed(xpos, label, 2, width - 2)})
    down = lanes(notes)
    ticks = date_ticks(origin, last, x, left, right)
    for n in notes:
        n["y"] = axis + 36 + n["lane"] * 16
    return {"width": width, "height": axis + 40 + down * 16, "left": left, "right": right, "axis": axis,
            "ticks": ticks, "marks": marks, "notes": notes, "top": 6}
