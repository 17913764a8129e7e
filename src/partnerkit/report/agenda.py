"""The "To discuss" agenda: the frictions a steering meeting should take up, most pressing first.

Order (documented in docs/report.md):

1. **Decide** — milestones past due with the decision still pending, most overdue first.
2. **Unblock** — open tensions: neglected ones (A014) first, then the oldest.
3. **Course-correct** — metrics that missed their target, are off track (largest lag first) or
   stalled; interim metrics before outcome metrics.
4. **Re-plan** — hypotheses past due and still open or testing, most overdue first.
5. **Realign** — alignment gaps from the latest pulse: partner gaps (A010), level gaps (A009),
   low scores (A011).
6. **Fix the charter** — any other lint error.
"""

from __future__ import annotations

from datetime import date

from partnerkit.judge import gates, hypotheses as judge_hypotheses, metrics as judge_metrics
from partnerkit.report.text import num

TIERS = {
    "decide": "Decide", "unblock": "Unblock", "correct": "Course-correct", "replan": "Re-plan",
    "realign": "Realign", "fix": "Fix the charter",
}
COVERED = {"C003", "C008", "D004", "A014", "A009", "A010", "A011", "M008", "M009", "M011", "M014"}
METRIC_ORDER = {"missed": 0, "off track": 1, "at risk": 2, "stalled": 3}


def _finding_at(active, code: str, prefix: tuple):
    for f in active:
        if f.code == code and tuple(f.path[:len(prefix)]) == prefix:
            return f
    return None


def _item(tier, subject, text, code="", tone="warn", detail=None) -> dict:
    return {"tier": tier, "label": TIERS[tier], "subject": subject, "text": text, "code": code, "tone": tone,
            "detail": detail}


def agenda(ch, active, as_of: date, th: dict, names: dict) -> list[dict]:
    items = kills(ch, as_of) + decisions(ch, active, as_of) + tensions(ch, active, as_of, names) + metric_items(ch, as_of, th)
    items += hypotheses(ch, active, as_of, names) + alignment(active) + errors(active)
    for rank, item in enumerate(items, 1):
        item["rank"] = rank
    return items


def kills(ch, as_of: date) -> list[dict]:
    out = []
    for m in ch.milestones:
        for check in gates.fired(m, ch, as_of):
            out.append(_item("decide", f"{m.id} {m.name}: kill condition met", check.evidence() + ".", "C008", "bad",
                             "The partners agreed in advance that this is when to decide whether to stop or pivot."))
    return out


def decisions(ch, active, as_of: date) -> list[dict]:
    late = [(i, m) for i, m in enumerate(ch.milestones) if gates.decision_overdue(m, as_of) is not None]
    late.sort(key=lambda im: im[1].due)
    out = []
    for i, m in late:
        f = _finding_at(active, "C003", ("milestones", i))
        text = f"The go / no-go was due on {m.due.isoformat()} ({(as_of - m.due).days} days ago) and is still pending."
        listed = gates.criteria(m)
        detail = ("Kill criteria: " + "; ".join(c if isinstance(c, str) else gates.check(m, j, c, ch, as_of).evidence()
                                                for j, c in enumerate(listed))) if listed else "No kill criteria were agreed."
        out.append(_item("decide", f"{m.id} {m.name}", text, f.code if f else "", "bad", detail))
    return out


def tensions(ch, active, as_of: date, names: dict) -> list[dict]:
    found = []
    for i, t in enumerate(ch.tensions):
        if t.status != "open":
            continue
        f = _finding_at(active, "A014", ("tensions", i))
        found.append((f is None, t.raised, t, f))
    found.sort(key=lambda x: (x[0], x[1]))
    out = []
    for _, _, t, f in found:
        who = f"raised by {names.get(t.by, t.by)}" if t.by else "raised"
        owner = f"owner {names.get(t.owner, t.owner)}" if t.owner else "no owner"
        age = (as_of - t.raised).days
        text = f"{who} on {t.raised.isoformat()}, open for {age} days, {owner}."
        out.append(_item("unblock", f"{t.id}: {t.issue or 'tension'}", text, f.code if f else "",
                         "bad" if f else "warn"))
    return out


def metric_items(ch, as_of: date, th: dict) -> list[dict]:
    found = []
    for m in ch.metrics:
        status = judge_metrics.status(m, ch, as_of, th)
        if status not in METRIC_ORDER or (m.type != "interim" and status == "stalled"):
            continue
        got = judge_metrics.lag(m, ch.started)
        found.append((METRIC_ORDER[status], m.type != "interim", -(got.share if got else 0), m, status, got))
    found.sort(key=lambda x: x[:3])
    out = []
    for _, _, _, m, status, got in found:
        last = judge_metrics.latest(m)
        if status == "missed":
            have = f"{num(last.value, m.unit)} on {last.date.isoformat()}" if last else "no reading"
            text = f"Target {num(m.target, m.unit)} was due on {m.due.isoformat()}; latest: {have}."
            code = "M009"
        elif status in ("off track", "at risk"):
            share, expected, reading = got.share, got.expected, got.reading
            text = (f"{num(reading.value, m.unit)} on {reading.date.isoformat()}, where the path to "
                    f"{num(m.target, m.unit)} by {m.due.isoformat()} expected {num(expected, m.unit)}: "
                    f"{round(share * 100)}% of the distance behind.")
            code = "M008" if status == "off track" else "M014"
        else:
            n = int(th["stall-readings"])
            values = ", ".join(num(r.value) for r in judge_metrics.readings(m)[-n:])
            text = f"No progress over the last {n} readings ({values}): time for a pivot-or-persevere conversation."
            code = "M011"
        out.append(_item("correct", f"{m.id} {m.name} ({m.type}): {status}", text, code,
                         "warn" if status == "stalled" else "bad"))
    return out


def hypotheses(ch, active, as_of: date, names: dict) -> list[dict]:
    late = [(i, h) for i, h in enumerate(ch.hypotheses) if judge_hypotheses.overdue(h, as_of) is not None]
    late.sort(key=lambda ih: ih[1].due)
    out = []
    for i, h in late:
        f = _finding_at(active, "D004", ("hypotheses", i))
        conf = ", ".join(f"{names.get(p, p)} {num(v)}" for p, v in h.confidence.items())
        text = f"Due on {h.due.isoformat()} ({(as_of - h.due).days} days ago), still {h.status}."
        if conf:
            text += f" Confidence: {conf}."
        out.append(_item("replan", f"{h.id}: {h.statement}", text, f.code if f else "", "warn",
                         "Validate, invalidate or revise it with the evidence so far, or agree a new date."))
    return out


def alignment(active) -> list[dict]:
    out = []
    for code in ("A010", "A009", "A011"):
        for f in active:
            if f.code == code:
                out.append(_item("realign", f.name.replace("-", " ").capitalize(), f.message, f.code, "warn", f.hint))
    return out


def errors(active) -> list[dict]:
    return [_item("fix", f.name.replace("-", " ").capitalize(), f.message, f.code, "bad", f.hint)
            for f in active if f.severity == "error" and f.code not in COVERED and f.code[0] != "E"]
