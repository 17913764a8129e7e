"""M rules: interim metrics, not only outcomes (lesson 3).

The tests themselves (direction, stale, off track, missed, stalled, due
soon) live in :mod:`partnerkit.judge.metrics`, which the report asks too, so
that a metric's status in the report and these findings always agree.
"""

from __future__ import annotations

from partnerkit.core.dates import add_months, cadence_days
from partnerkit.core.finding import Hit, Related
from partnerkit.core.numbers import num
from partnerkit.judge import metrics as judge
from partnerkit.rules.base import rule


def amount(m, value: float) -> str:
    return num(value, m.unit)


def reading_path(i: int, m, reading) -> tuple:
    """The data path of one of a metric's readings (the model keeps the file's order)."""
    for j, r in enumerate(m.readings):
        if r is reading:
            return ("metrics", i, "readings", j)
    return ("metrics", i, "readings")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@rule("M001", "no-interim-metric", "error", "no interim metric",
      why="""
        Lesson 3: money, sales and savings rarely move in the first year, and early outcome reports
        showing little payoff kill good partnerships. Interim metrics measure the actions and factors
        that lead to results, so the early months can be judged by them.""",
      fix="""
        Add at least one `type: interim` metric: a leading indicator the partners can move this quarter.
        Good interim metrics count actions (pilots started, users onboarded) or factors (error rate, cycle time).""",
      example="""
        metrics:
          - id: revenue
            name: Subscription revenue
            type: outcome        # M001: only outcome metrics""",
      reads=("metrics",))
def no_interim_metric(ch, ctx):
    if any(m.type == "interim" for m in ch.metrics):
        return
    if ch.metrics:
        message = f"no interim metric: the {_plural(len(ch.metrics), 'metric')} are all outcome metrics" \
            if len(ch.metrics) > 1 else f"no interim metric: the only metric, `{ch.metrics[0].id}`, is an outcome metric"
    else:
        message = "the charter has no interim metric (no metrics at all)"
    yield Hit(("metrics",), message, "Add a `type: interim` metric that measures the actions leading to results.")


@rule("M002", "outcome-too-early", "warning", "an outcome metric is due less than [min-outcome-months] months after `started`",
      why="""
        Lesson 3: substantial results may take two or three years. An outcome target due in the first
        year sets the partnership up to look like a failure exactly when it should be judged by interim metrics.""",
      fix="""
        Move the outcome's `due` date at least `min-outcome-months` after `started` (default 12),
        or make the early target an interim metric.""",
      example="""
        started: 2026-01-15
        metrics:
          - id: revenue
            type: outcome
            due: 2026-12-31      # M002: less than 12 months after the start""",
      reads=("started", "metrics"),
      thresholds={"min-outcome-months": 12})
def outcome_too_early(ch, ctx):
    months = int(ctx.t("min-outcome-months"))
    earliest = add_months(ch.started, months)
    for i, m in enumerate(ch.metrics):
        if m.type == "outcome" and m.due is not None and m.due < earliest:
            yield Hit(("metrics", i, "due"),
                      f"outcome metric `{m.id}` is due {m.due}, less than {_plural(months, 'month')} after the partnership "
                      f"started ({ch.started}): results are expected too early",
                      f"Give `{m.id}` a due date from {earliest} on, or judge the first year by an interim metric.",
                      (Related("the partnership started here", ("started",)),), at_value=True)


def _missing(i: int, m, keys: tuple[str, str], what: str, hint: str):
    gone = [k for k in keys if getattr(m, k) is None or str(getattr(m, k)).strip() == ""]
    if not gone:
        return None
    path = ("metrics", i) if len(gone) == 2 else ("metrics", i, gone[0])
    names = " and no ".join(f"`{k}`" for k in gone)
    return Hit(path, f"metric `{m.id}` has no {names}: {what}", hint)


@rule("M003", "metric-unmeasurable", "warning", "a metric has no `target` or no `unit`",
      why="""
        Lesson 3: a metric without a target cannot say whether the partnership is on track, and one
        without a unit is read differently by each partner.""",
      fix="""
        Give the metric a `target` (a number, with `baseline` and `due`) and a `unit`.""",
      example="""
        metrics:
          - id: pilots
            name: Pilots started
            type: interim        # M003: no target and no unit""",
      reads=("metrics",))
def metric_unmeasurable(ch, ctx):
    for i, m in enumerate(ch.metrics):
        hit = _missing(i, m, ("target", "unit"), "progress cannot be judged",
                       "Give the metric a numeric `target` and a `unit`.")
        if hit:
            yield hit


@rule("M004", "metric-unowned", "warning", "a metric has no `owner` or no `cadence`",
      why="""
        Lesson 3: interim metrics are only useful when someone measures them on a rhythm the steering
        committee can rely on; a metric nobody owns is not measured.""",
      fix="""
        Name the partner who owns the metric (`owner`) and how often it is measured (`cadence`).""",
      example="""
        metrics:
          - id: pilots
            type: interim
            target: 5            # M004: no owner and no cadence""",
      reads=("metrics",))
def metric_unowned(ch, ctx):
    for i, m in enumerate(ch.metrics):
        hit = _missing(i, m, ("owner", "cadence"), "nobody is bound to measure it on a rhythm",
                       "Name the partner who measures it (`owner`) and how often (`cadence`).")
        if hit:
            yield hit


@rule("M005", "metric-tracks-nothing", "warning", "an interim metric tracks nothing",
      why="""
        Lessons 2 and 3: an interim metric earns its place by informing a hypothesis or a partner's
        want; one that tracks nothing is measured without telling anyone what to decide.""",
      fix="""
        List in `tracks` the hypotheses and partner wants the metric informs, or drop the metric.""",
      example="""
        metrics:
          - id: meetings
            type: interim
            tracks: []           # M005: informs no hypothesis and no want""",
      reads=("metrics",))
def metric_tracks_nothing(ch, ctx):
    for i, m in enumerate(ch.metrics):
        if m.type == "interim" and not m.tracks:
            yield Hit(("metrics", i, "tracks"), f"interim metric `{m.id}` tracks no hypothesis and no partner want",
                      "List in `tracks` the hypotheses or wants it informs, or drop the metric.")


@rule("M006", "want-untracked", "warning", "a partner's want is tracked by no metric",
      why="""
        Lessons 3 and 5: each partner joined for its own objectives. A want no metric follows is
        invisible to the steering committee until the partner's commitment quietly fades.""",
      fix="""
        Add the want's id to the `tracks` of a metric (preferably an interim one), or add a metric for it.""",
      example="""
        partners:
          - id: acme
            wants:
              - id: acme-empty-miles   # M006: no metric tracks it
                goal: Fewer empty miles on pilot routes""",
      reads=("partners", "metrics"))
def want_untracked(ch, ctx):
    tracked = {ref for m in ch.metrics for ref in m.tracks}
    for i, p in enumerate(ch.partners):
        for j, w in enumerate(p.wants):
            if w.id not in tracked:
                yield Hit(("partners", i, "wants", j), f"{p.id}'s want `{w.id}` is tracked by no metric",
                          f"Add `{w.id}` to the `tracks` of a metric, or add a metric for it.")


@rule("M007", "metric-stale", "warning", "stale: the latest reading (or `started`) is older than [stale-cadences] × the metric's cadence",
      why="""
        Lesson 3: interim metrics only help if they are current; a metric not read for several
        cadences hides whether the partnership is moving, and its last value misleads the report.""",
      fix="""
        Record a new reading (inline or in the `data.readings` CSV file), or change the `cadence` to the real one.""",
      example="""
        metrics:
          - id: pilots
            cadence: monthly
            readings:
              - {date: 2026-08-31, value: 3}   # M007 at --as-of 2026-11-15: 76 days > 2 × 30""",
      reads=("started", "metrics"),
      thresholds={"stale-cadences": 2})
def metric_stale(ch, ctx):
    cadences = ctx.t("stale-cadences")
    for i, m in enumerate(ch.metrics):
        age = judge.stale(m, ch, ctx.as_of, cadences)
        if age is None:
            continue
        limit = f"more than {num(cadences)} × its {m.cadence} cadence ({num(cadences * cadence_days(m.cadence))} days)"
        last = judge.latest(m)
        if last is None:
            yield Hit(("metrics", i, "readings"),
                      f"metric `{m.id}` has no reading {age} days after the partnership started ({ch.started}): {limit}",
                      f"Record a first reading of `{m.id}`, or correct its cadence.")
        else:
            yield Hit(reading_path(i, m, last),
                      f"metric `{m.id}` was last read on {last.date}, {age} days ago: {limit}",
                      f"Record a new reading of `{m.id}`, or correct its cadence.")


@rule("M008", "metric-off-track", "warning",
      "off track: not yet due, and the latest reading lags the straight path to target by more than [off-track]% of the distance",
      why="""
        Lesson 3: interim metrics are how the early months are judged, so a leading indicator falling
        behind its path is the early warning to discuss. Outcome metrics are judged this way only after
        `horizon_months`: before that, low outcome readings are the expected lag, not failure.""",
      fix="""
        Put the metric on the steering agenda: what holds it back, and is the target or the plan wrong?
        Re-plan the target and due date together if the path itself was unrealistic.""",
      example="""
        started: 2025-09-01
        metrics:
          - id: fields
            type: interim
            baseline: 0
            target: 30
            due: 2027-06-30
            readings:
              - {date: 2026-10-31, value: 8}   # M008: about 19 expected on the path by then""",
      reads=("started", "horizon_months", "metrics"),
      thresholds={"off-track": 25})
def metric_off_track(ch, ctx):
    pct = ctx.t("off-track")
    for i, m in enumerate(ch.metrics):
        got = judge.off_track(m, ch, ctx.as_of, pct)
        if got is None:
            continue
        share, expected, last = got.share, got.expected, got.reading
        yield Hit(reading_path(i, m, last),
                  f"metric `{m.id}` is off track: {amount(m, last.value)} on {last.date} against {num(expected)} "
                  f"expected on the path from {num(m.baseline)} to {num(m.target)} by {m.due} "
                  f"({num(share * 100)}% of the distance behind, more than {num(pct)}%)",
                  f"Discuss what holds `{m.id}` back at the next steering review, and re-plan if the path was wrong.",
                  (Related("the target", ("metrics", i, "target")),))


@rule("M009", "target-missed", "warning", "target missed: `due` has passed and the latest reading has not reached `target`",
      why="""
        Lesson 3: a missed target is a decision point, not a footnote. Deciding openly whether to persevere,
        pivot or stop keeps trust; letting a missed target linger erodes it.""",
      fix="""
        Decide at the steering review: set a new target and due date, pivot, or stop; record the decision.""",
      example="""
        metrics:
          - id: shippers
            target: 5
            due: 2026-09-30
            readings:
              - {date: 2026-08-31, value: 3}   # M009 at --as-of 2026-11-15""",
      reads=("metrics",))
def target_missed(ch, ctx):
    for i, m in enumerate(ch.metrics):
        if not judge.missed(m, ctx.as_of):
            continue
        last = judge.latest(m)
        target = ("metrics", i, "target")
        if last is None:
            yield Hit(("metrics", i, "due"),
                      f"metric `{m.id}` was due {m.due} with no reading: its target {amount(m, m.target)} was not shown to be reached",
                      f"Record the final reading of `{m.id}`, then decide on a new target, a pivot or a stop.",
                      (Related("the target", target),), at_value=True)
        else:
            yield Hit(reading_path(i, m, last),
                      f"metric `{m.id}` missed its target: {amount(m, last.value)} on {last.date}, "
                      f"target {num(m.target)} by {m.due}",
                      f"Decide on `{m.id}` at the steering review: a new target and due date, a pivot, or a stop.",
                      (Related("the target", target), Related("due here", ("metrics", i, "due"))))


@rule("M010", "outcome-heavy", "info", "fewer interim than outcome metrics",
      why="""
        Lesson 3: outcome metrics move late. A metric set weighted towards outcomes will show little
        for a year or more; leading indicators are what the steering committee can act on.""",
      fix="""
        Add interim metrics for the actions and factors that lead to each outcome, or drop outcome metrics that duplicate each other.""",
      example="""
        metrics:
          - {id: revenue, type: outcome}
          - {id: savings, type: outcome}
          - {id: pilots, type: interim}   # M010: 1 interim, 2 outcome""",
      reads=("metrics",))
def outcome_heavy(ch, ctx):
    interim = sum(m.type == "interim" for m in ch.metrics)
    outcome = sum(m.type == "outcome" for m in ch.metrics)
    if interim < outcome:
        yield Hit(("metrics",), f"{_plural(interim, 'interim metric')} against {_plural(outcome, 'outcome metric')}: "
                  "fewer leading indicators than results",
                  "Add interim metrics for the actions and factors that lead to the outcomes.")


@rule("M011", "metric-stalled", "info", "stalled: an interim metric's last [stall-readings] readings made no progress toward its target",
      why="""
        Lessons 2 and 3: a leading indicator that stops moving says the hypothesis behind it may be wrong.
        It is time for a pivot-or-persevere conversation, before the outcome numbers make it for you.""",
      fix="""
        Hold a pivot-or-persevere conversation on the metric and the hypothesis it tracks; record the decision.""",
      example="""
        metrics:
          - id: members
            type: interim
            target: 15
            readings:
              - {date: 2026-08-31, value: 4}
              - {date: 2026-09-30, value: 5}
              - {date: 2026-10-31, value: 4}   # M011: no progress over the last 3 readings""",
      reads=("metrics",),
      thresholds={"stall-readings": 3})
def metric_stalled(ch, ctx):
    count = int(ctx.t("stall-readings"))
    for i, m in enumerate(ch.metrics):
        if not judge.stalled(m, count):
            continue
        window = judge.readings(m)[-count:]
        first, last = window[0], window[-1]
        yield Hit(reading_path(i, m, last),
                  f"interim metric `{m.id}` made no progress toward its target {num(m.target)} over its last "
                  f"{count} readings: {amount(m, first.value)} on {first.date}, {amount(m, last.value)} on {last.date}",
                  f"Hold a pivot-or-persevere conversation on `{m.id}` and what it tracks.",
                  (Related("first of those readings", reading_path(i, m, first)),))


@rule("M012", "too-many-metrics", "info", "more than [max-metrics] metrics: keep a short list of indicators",
      why="""
        Lesson 3: a steering committee can follow a handful of indicators; a long list dilutes attention
        and hides the few leading indicators that matter.""",
      fix="""
        Keep the metrics that inform a hypothesis or a partner's want and that someone acts on; drop the rest.""",
      example="""
        metrics:            # M012: 11 metrics
          - id: m1
          ...
          - id: m11""",
      reads=("metrics",),
      thresholds={"max-metrics": 10})
def too_many_metrics(ch, ctx):
    limit = int(ctx.t("max-metrics"))
    if len(ch.metrics) > limit:
        yield Hit(("metrics",), f"{len(ch.metrics)} metrics, more than {limit}: a long list dilutes attention",
                  "Keep a short list of the indicators the partners act on; drop the rest.")


@rule("M013", "direction-mismatch", "error",
      "a metric's declared `direction` contradicts its `baseline` and `target`",
      why="""
        Lesson 3: a metric's status depends on which way is better. `direction: up` with a target below the
        baseline (or `down` with it above) makes every verdict on the metric unreliable: a worsening
        downtime could read as "met". Left out, the direction is inferred from the numbers: `down` when the
        target is below the baseline, otherwise `up`.""",
      fix="""
        Remove `direction` and let it be inferred, or correct the baseline and target so they agree with it.
        partnerkit does not guess which of the two is wrong: `lint --fix` leaves this one to you.""",
      example="""
        metrics:
          - id: downtime
            direction: up        # M013: the target is below the baseline
            baseline: 1200
            target: 960""",
      reads=("metrics",))
def direction_mismatch(ch, ctx):
    for i, m in enumerate(ch.metrics):
        if judge.direction_conflict(m):
            better = judge.inferred_direction(m)
            yield Hit(("metrics", i, "direction"),
                      f"metric `{m.id}` is declared `direction: {m.direction}`, but its target {num(m.target)} is "
                      f"{'below' if better == 'down' else 'above'} its baseline {num(m.baseline)}: "
                      f"{'lower' if better == 'down' else 'higher'} would be better",
                      f"Remove `direction` from `{m.id}` (it is inferred as `{better}`), or correct its baseline and target.",
                      (Related("the baseline", ("metrics", i, "baseline")), Related("the target", ("metrics", i, "target"))),
                      at_value=True)


@rule("M014", "outcome-due-soon", "warning",
      "an outcome metric is due within [due-soon-days] days and lags its straight path by more than [off-track]% "
      "of the distance",
      why="""
        Lesson 3: outcome metrics may lag in the early months, and partnerkit does not call them off track before
        `horizon_months`. But that allowance ends when the metric's own due date is near: an outcome due within
        weeks and far below its path will be missed, and the steering committee should decide now, not the day
        after the deadline.""",
      fix="""
        Put the outcome on the steering agenda before its due date: re-plan the target and due date with the
        partners, or accept that it will be missed and say what that means.""",
      example="""
        started: 2026-01-15
        horizon_months: 30
        metrics:
          - id: revenue
            type: outcome
            baseline: 0
            target: 40000
            due: 2026-12-31
            readings:
              - {date: 2026-09-30, value: 3500}   # M014 at 2026-11-15: due in 46 days, 65% behind""",
      reads=("started", "horizon_months", "metrics"), thresholds={"off-track": 25, "due-soon-days": 90})
def outcome_due_soon(ch, ctx):
    pct, days = ctx.t("off-track"), ctx.t("due-soon-days")
    for i, m in enumerate(ch.metrics):
        got = judge.due_soon(m, ch, ctx.as_of, pct, days)
        if got is None:
            continue
        left = (m.due - ctx.as_of).days
        yield Hit(reading_path(i, m, got.reading),
                  f"outcome metric `{m.id}` is due {m.due} (in {left} day{'s' if left != 1 else ''}) and is "
                  f"{amount(m, got.reading.value)} on {got.reading.date}, against {num(got.expected)} expected on the "
                  f"path to {num(m.target)} ({num(got.share * 100)}% of the distance behind)",
                  f"Decide on `{m.id}` before {m.due}: re-plan its target and due date, or agree what missing it means.",
                  (Related("due here", ("metrics", i, "due")),))
