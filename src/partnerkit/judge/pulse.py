"""Alignment pulses: the latest scores per partner and level, and the gaps and low scores in them.

"Latest" means, for each partner and level, its most recent pulse entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerkit.core.dates import add_days, cadence_days
from partnerkit.judge.metrics import EPS

LEVELS = ("executive", "execution")
NO_FEEDBACK_DAYS = 182  # A012 without a feedback cadence


def latest_pulse(ch) -> dict[tuple[str, str], object]:
    """For each (partner, level), its most recent pulse entry (a later entry wins a tie)."""
    out: dict = {}
    for p in ch.pulse:
        key = (p.partner, p.level)
        if key not in out or p.date >= out[key].date:
            out[key] = p
    return out


def index_of(ch, entry) -> int:
    for i, q in enumerate(ch.pulse):
        if q is entry:
            return i
    return -1


def partner_order(ch) -> list[str]:
    """Partner ids as listed, then any other id a pulse entry names."""
    ids = [p.id for p in ch.partners]
    for p in ch.pulse:
        if p.partner not in ids:
            ids.append(p.partner)
    return ids


def partner_means(ch, latest: dict | None = None) -> dict[str, dict[str, float]]:
    """Per partner and dimension: the latest scores of both levels, weighted by responses."""
    sums: dict[str, dict[str, list[float]]] = {}
    for (partner, _level), p in (latest if latest is not None else latest_pulse(ch)).items():
        for dim, score in p.scores.items():
            acc = sums.setdefault(partner, {}).setdefault(dim, [0.0, 0.0])
            acc[0] += score * p.responses
            acc[1] += p.responses
    return {partner: {dim: s / n for dim, (s, n) in dims.items() if n} for partner, dims in sums.items()}


@dataclass(frozen=True)
class LevelGap:
    partner: str
    dim: str
    executive: object  # the pulse entries compared
    execution: object

    @property
    def gap(self) -> float:
        return abs(self.executive.scores[self.dim] - self.execution.scores[self.dim])


def level_gaps(ch, limit: float) -> list[LevelGap]:
    """A009's test: each partner's latest executive and execution scores on a dimension ``limit`` or more apart."""
    latest = latest_pulse(ch)
    out = []
    for partner in partner_order(ch):
        top, team = latest.get((partner, "executive")), latest.get((partner, "execution"))
        if top is None or team is None:
            continue
        for dim, score in team.scores.items():
            if dim in top.scores and abs(top.scores[dim] - score) >= limit - EPS:
                out.append(LevelGap(partner, dim, top, team))
    return out


@dataclass(frozen=True)
class PartnerGap:
    dim: str
    a: tuple[str, float]  # (partner, mean) in partner order
    b: tuple[str, float]
    low_entry: object  # the latest entry behind the lower score, and the higher one
    high_entry: object

    @property
    def gap(self) -> float:
        return abs(self.a[1] - self.b[1])

    @property
    def low(self) -> tuple[str, float]:
        return self.a if self.a[1] <= self.b[1] else self.b

    @property
    def high(self) -> tuple[str, float]:
        return self.b if self.a[1] <= self.b[1] else self.a


def _entry_for(latest: dict, partner: str, dim: str):
    """The partner's most recent latest-entry scoring ``dim`` (more responses win a tie)."""
    found = [latest[(partner, lv)] for lv in LEVELS if (partner, lv) in latest and dim in latest[(partner, lv)].scores]
    return max(found, key=lambda p: (p.date, p.responses)) if found else None


def partner_gaps(ch, limit: float) -> list[PartnerGap]:
    """A010's test: two partners' means on a dimension (both levels, weighted by responses) ``limit`` or more apart."""
    latest = latest_pulse(ch)
    means = partner_means(ch, latest)
    order = [p for p in partner_order(ch) if p in means]
    dims: list[str] = []
    for p in order:
        dims += [d for d in means[p] if d not in dims]
    out = []
    for dim in dims:
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                if dim not in means[a] or dim not in means[b]:
                    continue
                if abs(means[a][dim] - means[b][dim]) < limit - EPS:
                    continue
                low, high = (a, b) if means[a][dim] <= means[b][dim] else (b, a)
                out.append(PartnerGap(dim, (a, means[a][dim]), (b, means[b][dim]),
                                      _entry_for(latest, low, dim), _entry_for(latest, high, dim)))
    return out


@dataclass(frozen=True)
class LowScore:
    partner: str
    level: str
    dim: str
    entry: object

    @property
    def score(self) -> float:
        return self.entry.scores[self.dim]


def low_scores(ch, limit: float) -> list[LowScore]:
    """A011's test: a partner's latest score for a level and dimension below ``limit``."""
    return [LowScore(partner, level, dim, p) for (partner, level), p in latest_pulse(ch).items()
            for dim, score in p.scores.items() if score < limit - EPS]


def feedback_days(ch) -> tuple[str | None, int]:
    fb = ch.governance.feedback if ch.governance else None
    cadence = fb.cadence if fb else None
    return cadence, cadence_days(cadence) or NO_FEEDBACK_DAYS


def stale(ch, as_of: date, cadences: float) -> int | None:
    """A012's test (age): days since the latest pulse, when more than ``cadences`` feedback cadences."""
    if not ch.pulse:
        return None
    age = (as_of - latest_round(ch)).days
    return age if age > cadences * feedback_days(ch)[1] else None


def missing_from_latest_round(ch) -> list[tuple[int, str, str | None]]:
    """A013's test: ``(partner index, partner, level or None for the whole partner)`` left out of the latest round."""
    if not ch.pulse:
        return []
    when = max(p.date for p in ch.pulse)
    levels_of: dict[str, set] = {}
    for p in ch.pulse:
        if p.date == when:
            levels_of.setdefault(p.partner, set()).add(p.level)
    out = []
    for j, partner in enumerate(ch.partners):
        got = levels_of.get(partner.id)
        if not got:
            out.append((j, partner.id, None))
            continue
        out.extend((j, partner.id, level) for level in LEVELS if level not in got)
    return out


def next_round(ch) -> date | None:
    """The next pulse round: the latest pulse (or the start, before the first) + the feedback cadence.

    None when the charter sets no feedback cadence.
    """
    feedback = ch.governance.feedback if ch.governance else None
    days = cadence_days(feedback.cadence if feedback else None)
    if days is None:
        return None
    day = add_days(latest_round(ch) or ch.started, days)
    return None if day == date.max else day


def latest_round(ch) -> date | None:
    return max((p.date for p in ch.pulse), default=None)
