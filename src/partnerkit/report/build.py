"""One charter's report as plain data: what each section shows, computed once for both formats.

Statuses come from :mod:`partnerkit.judge`, the code the rules use, so
the report never disagrees with ``partnerkit lint``. Values from the charter
stay plain strings here; the templates escape them.
"""

from __future__ import annotations

from datetime import date

from partnerkit.core.dates import months_between
from partnerkit.judge import gates, hypotheses as judge_hypotheses, metrics as judge_metrics, pulse as judge_pulse
from partnerkit.judge.timeline import horizon_end
from partnerkit.judge.values import is_shared, not_held, shared_keys
from partnerkit.report import charts
from partnerkit.report.agenda import agenda
from partnerkit.report.health import health
from partnerkit.report.text import href, num

STATUS_ORDER = ("open", "testing", "validated", "invalidated", "revised")
DIMENSIONS = ("vision", "values", "priorities", "trust", "communication", "feedback")
LEVELS = ("executive", "execution")


def build(result, as_of: date, changes: dict | None = None) -> dict:
    ch = result.charter
    th = result.settings.thresholds if result.settings else _default_thresholds()
    names = {p.id: p.name for p in ch.partners}
    active = result.active
    return {
        "id": ch.id,
        "anchor": ch.id,
        "file": result.path,
        "header": header(ch, as_of, names),
        "agenda": agenda(ch, active, as_of, th, names),
        "health": health(active, result.suppressed),
        "changes": changes,
        "vision": vision(ch, names),
        "hypotheses": hypotheses(ch, as_of, th, names),
        "metrics": metrics(ch, as_of, th, names),
        "alignment": alignment(ch, th, names),
        "milestones": milestones(ch, as_of),
        "findings": findings(result),
    }


def _default_thresholds() -> dict:
    from partnerkit.rules import thresholds

    return thresholds()


def person(p) -> dict | None:
    if p is None:
        return None
    return {"name": p.name, "title": p.title, "email": p.email, "href": href(p.email)}


def horizon(ch, as_of: date) -> dict:
    months, end = ch.horizon_months, horizon_end(ch)
    if as_of < ch.started:
        return {"month": 0, "months": months, "end": end, "stage": "not started",
                "meaning": f"The partnership starts on {ch.started.isoformat()}: nothing is judged yet."}
    month = months_between(ch.started, as_of) + 1
    if month > months:
        stage = "past the horizon"
        meaning = (f"Past the {months}-month horizon ({end.isoformat()}): outcome metrics such as revenue, sales and "
                   "savings are now judged against their targets, alongside the interim metrics.")
    elif month <= 12:
        stage = "early"
        meaning = (f"Early months: judge the partnership by its interim metrics, the actions and factors that lead to "
                   f"results. Outcome metrics are expected to lag until about month {months} ({end.isoformat()}); "
                   "a low outcome reading now is the expected lag, not a failure.")
    else:
        stage = "building"
        meaning = (f"Past the first year: interim metrics still lead, and outcome metrics should start to move; "
                   f"substantial results are expected by month {months} ({end.isoformat()}).")
    return {"month": month, "months": months, "end": end, "stage": stage, "meaning": meaning}


def header(ch, as_of: date, names: dict) -> dict:
    return {
        "title": ch.title, "id": ch.id, "kind": ch.kind, "phase": ch.phase, "as_of": as_of, "started": ch.started,
        "horizon": horizon(ch, as_of),
        "review": {"cadence": ch.review.cadence, "last": ch.review.last} if ch.review else None,
        "partners": [{"id": p.id, "name": p.name, "sponsor": person(p.sponsor), "lead": person(p.lead),
                      "gives": list(p.gives)} for p in ch.partners],
    }


def vision(ch, names: dict) -> dict:
    v = ch.vision
    everyone = [p.id for p in ch.partners]
    agreed = list(v.agreed_by) if v else []
    shared = shared_keys(ch)
    return {
        "statement": v.statement if v else None,
        "agreed_by": [names.get(p, p) for p in agreed],
        "not_agreed": [names[p] for p in everyone if p not in agreed],
        "agreed_on": v.agreed_on if v else None,
        "values": [{"id": x.id, "means": x.means, "in_crisis": x.in_crisis,
                    "held_by": [names.get(p, p) for p in x.held_by],
                    "not_held": [names[p] for _, p in not_held(x, ch)]} for x in ch.values],
        "own": [{"partner": p.name, "values": [{"text": w, "shared": is_shared(w, ch, shared)} for w in p.values]}
                for p in ch.partners if p.values],
        "decisions": ch.governance.decisions if ch.governance else None,
        "change_protocol": ch.governance.change_protocol if ch.governance else None,
    }


def hypotheses(ch, as_of: date, th: dict, names: dict) -> dict:
    partners = [p.id for p in ch.partners]
    columns = []
    for status in STATUS_ORDER:
        cards = []
        for h in ch.hypotheses:
            if h.status != status:
                continue
            overdue = judge_hypotheses.overdue(h, as_of) is not None
            last = max(h.evidence, key=lambda e: e.date) if h.evidence else None
            cards.append({
                "id": h.id, "statement": h.statement, "owner": names.get(h.owner, h.owner) if h.owner else None,
                "due": h.due, "overdue": overdue, "days_overdue": (as_of - h.due).days if overdue else 0,
                "test": h.test, "success": h.success, "revised_into": h.revised_into,
                "confidence": [{"partner": names[p], "value": h.confidence.get(p),
                                "pct": round(h.confidence[p] * 100) if p in h.confidence else 0} for p in partners],
                "gap": judge_hypotheses.confidence_gap(h, ch, th["confidence-gap"]) is not None,
                "evidence": len(h.evidence),
                "last_evidence": {"date": last.date, "note": last.note} if last else None,
            })
        columns.append({"status": status, "cards": cards})
    return {"partners": [names[p] for p in partners], "columns": [c for c in columns if c["cards"]],
            "empty": [c["status"] for c in columns if not c["cards"]], "count": len(ch.hypotheses)}


def metrics(ch, as_of: date, th: dict, names: dict) -> list[dict]:
    rows = []
    ordered = [m for m in ch.metrics if m.type == "interim"] + [m for m in ch.metrics if m.type != "interim"]
    for m in ordered:
        status = judge_metrics.status(m, ch, as_of, th)
        last = judge_metrics.latest(m)
        readings = [{"date": r.date, "value": num(r.value), "note": r.note,
                     "expected": num(e) if (e := judge_metrics.expected_at(m, ch.started, r.date)) is not None else "—"}
                    for r in judge_metrics.readings(m)]
        rows.append({
            "id": m.id, "name": m.name, "type": m.type, "unit": m.unit, "direction": judge_metrics.direction(m),
            "baseline": num(m.baseline), "target": num(m.target), "due": m.due,
            "latest": num(last.value) if last else "—", "latest_date": last.date if last else None,
            "status": status, "tone": charts.STATUS_TONE.get(status, "none"),
            "owner": names.get(m.owner, m.owner) if m.owner else None, "tracks": list(m.tracks),
            "readings": readings,
            "chart": charts.metric_chart(m, ch.started, as_of, status, judge_metrics.expected_at),
        })
    return rows


def alignment(ch, th: dict, names: dict) -> dict | None:
    if not ch.pulse:
        return None
    latest = judge_pulse.latest_pulse(ch)
    level_flags = {(g.partner, g.dim) for g in judge_pulse.level_gaps(ch, th["pulse-gap"])}
    low_flags = {(x.partner, x.level, x.dim) for x in judge_pulse.low_scores(ch, th["low-score"])}
    seen = {d for p in latest.values() for d in p.scores}
    dims = [d for d in DIMENSIONS if d in seen] + sorted(seen - set(DIMENSIONS))
    gap, low = th["pulse-gap"], th["low-score"]
    rows, table = [], []
    for partner in [p.id for p in ch.partners]:
        for level in LEVELS:
            p = latest.get((partner, level))
            if p is None:
                continue
            cells = []
            for d in dims:
                score = p.scores.get(d)
                if score is None:
                    cells.append(None)
                    continue
                cells.append({"score": score, "gap": (partner, d) in level_flags, "low": (partner, level, d) in low_flags})
            label = f"{names.get(partner, partner)} · {level}"
            rows.append({"label": label, "name": names.get(partner, partner), "partner": partner, "level": level,
                         "cells": cells})
            table.append({"label": label, "date": p.date, "responses": p.responses, "cells": cells})
    partner_gaps = [{"dim": g.dim, "high": names.get(g.high[0], g.high[0]), "low": names.get(g.low[0], g.low[0]),
                     "diff": num(g.gap), "high_score": num(g.high[1]), "low_score": num(g.low[1])}
                    for g in judge_pulse.partner_gaps(ch, gap)]
    level_gaps = sum(1 for r in rows for c in r["cells"] if c and c["gap"]) // 2
    lows = sum(1 for r in rows for c in r["cells"] if c and c["low"])
    return {"dims": dims, "grid": rows, "table": table, "heatmap": charts.heatmap(rows, dims), "partner_gaps": partner_gaps,
            "level_gaps": level_gaps, "low_scores": lows, "gap": num(gap), "low": num(low),
            "latest_date": max(p.date for p in latest.values()), "trend": trend(ch, dims)}


def trend(ch, dims: list[str]) -> dict:
    rounds = sorted({p.date for p in ch.pulse})
    series: dict[str, list] = {}
    for d in dims:
        values = []
        for r in rounds:
            entries = [p for p in ch.pulse if p.date == r and d in p.scores]
            weight = sum(p.responses for p in entries)
            values.append(sum(p.scores[d] * p.responses for p in entries) / weight if weight else None)
        series[d] = values
    return {"rounds": rounds, "rows": [{"date": r, "values": [num(series[d][i]) if series[d][i] is not None else "—"
                                                              for d in dims]} for i, r in enumerate(rounds)],
            "chart": charts.trend_chart(rounds, series) if len(rounds) > 1 else None}


def milestones(ch, as_of: date) -> dict:
    rows = []
    for m in sorted(ch.milestones, key=lambda m: m.due):
        late = gates.decision_overdue(m, as_of)
        if m.decision == "pending":
            state = "overdue" if late is not None else "pending"
            text = f"decision overdue by {late} days" if state == "overdue" else "pending"
        else:
            state = m.decision
            text = m.decision + (f" (decided {m.decided_on.isoformat()})" if m.decided_on else "")
        fired = gates.fired(m, ch, as_of)
        if fired:
            text = "kill condition met; " + text
        criteria = "; ".join(c if isinstance(c, str) else gates.check(m, i, c, ch, as_of).wording()
                             for i, c in enumerate(gates.criteria(m)))
        rows.append({"id": m.id, "name": m.name, "due": m.due, "kill_criteria": criteria,
                     "fired": [c.evidence() for c in fired],
                     "decision": m.decision, "decided_on": m.decided_on, "state": state, "state_text": text,
                     "tone": charts.MILESTONE_TONE[state]})
    chart = charts.timeline(ch.started, as_of, horizon_end(ch), rows) if rows else None
    return {"rows": rows, "chart": chart}


def findings(result) -> dict:
    def row(f):
        return {"code": f.code, "name": f.name, "severity": f.severity, "message": f.message, "hint": f.hint,
                "line": f.line, "col": f.col, "path": f.path_str, "reason": f.suppressed,
                "by": f.suppressed_by or ""}

    order = {"error": 0, "warning": 1, "info": 2}
    active = sorted(result.active, key=lambda f: (order.get(f.severity, 3), f.code, f.line))
    return {"active": [row(f) for f in active], "suppressed": [row(f) for f in result.suppressed],
            "counts": {s: sum(1 for f in active if f.severity == s) for s in ("error", "warning", "info")}}

