"""D rules: don't cut the discovery phase short (lesson 2)."""

from __future__ import annotations

from partnerkit.core.finding import Hit, Related
from partnerkit.core.numbers import num
from partnerkit.judge.hypotheses import confidence_gap as gap_of
from partnerkit.judge.hypotheses import overdue
from partnerkit.judge.values import blank
from partnerkit.rules.base import rule


@rule("D001", "no-hypotheses", "error", "no hypotheses",
      why="""
      Lesson 2: a partnership starts from a common hypothesis about the future, which each partner
      understands differently. Unless it is written down and tested, nobody can tell whether the
      partnership is learning or just spending.
      """,
      fix="""
      Write the hypotheses the partnership rests on under `hypotheses`.
      Give each an owner, a test, a success criterion and a due date.
      """,
      example="""
      hypotheses: []   # D001: nothing to test
      """,
      reads=("hypotheses",))
def no_hypotheses(ch, ctx):
    if not ch.hypotheses:
        yield Hit(("hypotheses",), "the charter states no hypotheses",
                  "Write down the hypotheses the partnership rests on, with how each will be tested.")


_WHAT = {"test": "no test", "success": "no success criterion", "owner": "no owner", "due": "no due date"}


def _missing(h, keys):
    return [k for k in keys if blank(getattr(h, k))]


@rule("D002", "hypothesis-untestable", "warning", "a hypothesis has no `test` or no `success` criterion",
      why="""
      Lesson 2: a hypothesis is only useful if it can be tested. Agreeing in advance how it is tested
      and what result counts as validated stops each partner from reading the results its own way.
      """,
      fix="""
      Write under `test` how the hypothesis is tested and under `success` what result validates it.
      """,
      example="""
      hypotheses:
        - id: H3
          statement: Dispatchers will change routes when shown a predicted delay.
          owner: acme   # D002: no test and no success criterion
      """,
      reads=("hypotheses",))
def hypothesis_untestable(ch, ctx):
    for i, h in enumerate(ch.hypotheses):
        gone = _missing(h, ("test", "success"))
        if gone:
            yield Hit(("hypotheses", i, gone[0]), f"hypothesis {h.id} has {' and '.join(_WHAT[k] for k in gone)}",
                      f"Agree how {h.id} is tested (`test`) and what result validates it (`success`).")


@rule("D003", "hypothesis-unowned", "warning", "a hypothesis has no `owner` or no `due` date",
      why="""
      Lesson 2: hypotheses must be owned and dated. One that belongs to nobody, or to no date, is
      never tested, and the partnership drifts on an untested belief.
      """,
      fix="""
      Name the partner who owns the test (`owner`) and the date the result is due (`due`).
      """,
      example="""
      hypotheses:
        - id: H1
          statement: Mid-size shippers will pay for predicted delivery times.
          test: Paid pilot with 5 shippers   # D003: no owner and no due date
      """,
      reads=("hypotheses",))
def hypothesis_unowned(ch, ctx):
    for i, h in enumerate(ch.hypotheses):
        gone = _missing(h, ("owner", "due"))
        if gone:
            yield Hit(("hypotheses", i, gone[0]), f"hypothesis {h.id} has {' and '.join(_WHAT[k] for k in gone)}",
                      f"Name the partner who owns {h.id} (`owner`) and when its result is due (`due`).")


@rule("D004", "hypothesis-overdue", "warning", "a hypothesis is overdue: `due` before the as-of date and status `open` or `testing`",
      why="""
      Lesson 2: a hypothesis whose test date has passed without a verdict means the discovery phase is
      slipping, or its result is not being faced. Either is worth a steering conversation.
      """,
      fix="""
      Record the verdict (`validated`, `invalidated` or `revised`) with its evidence, or agree a new due date.
      """,
      example="""
      hypotheses:
        - id: H1
          due: 2026-09-30
          status: testing   # D004 at 2026-11-15
      """,
      reads=("hypotheses",))
def hypothesis_overdue(ch, ctx):
    for i, h in enumerate(ch.hypotheses):
        days = overdue(h, ctx.as_of)
        if days is not None:
            yield Hit(("hypotheses", i, "due"),
                      f"hypothesis {h.id} was due {h.due} and is still {h.status} ({days} day{'s' if days != 1 else ''} overdue)",
                      f"Record the verdict on {h.id} with its evidence, or agree a new due date.",
                      (Related(f"{h.id} is still {h.status}", ("hypotheses", i, "status")),))


@rule("D005", "confidence-gap", "warning", "partners' confidence in a hypothesis differs by ≥ [confidence-gap] (highest minus lowest)",
      why="""
      Lesson 2: each partner understands the common hypothesis differently. A wide gap in confidence
      shows they do not yet share the same picture of the future; better to talk about it now than
      discover it when results come in.
      """,
      fix="""
      Ask each partner why it believes what it does, and agree what evidence would change their minds.
      Re-state the confidences after the conversation. Threshold: `confidence-gap`.
      """,
      example="""
      hypotheses:
        - id: H1
          confidence: {acme: 0.8, globex: 0.4}   # D005: a gap of 0.4
      """,
      reads=("hypotheses", "partners"),
      thresholds={"confidence-gap": 0.3})
def confidence_gap(ch, ctx):
    limit = ctx.t("confidence-gap")
    for i, h in enumerate(ch.hypotheses):
        found = gap_of(h, ch, limit)
        if found is not None:
            high, low, gap = found.high, found.low, found.size
            yield Hit(("hypotheses", i, "confidence"),
                      f"{high[0]} ({num(high[1])}) and {low[0]} ({num(low[1])}) differ by {num(gap)} on {h.id}'s confidence",
                      f"Discuss why the partners see {h.id} differently and agree what evidence would settle it.",
                      (Related(f"{high[0]}'s confidence", ("hypotheses", i, "confidence", high[0])),
                       Related(f"{low[0]}'s confidence", ("hypotheses", i, "confidence", low[0]))))


@rule("D006", "confidence-missing", "info", "a partner stated no confidence for a hypothesis",
      why="""
      Lesson 2: the common hypothesis is understood differently by each partner; asking each of them
      how strongly they believe it is the cheapest way to find out how differently.
      """,
      fix="""
      Add the partner's belief, a number from 0 to 1, under the hypothesis's `confidence`.
      """,
      example="""
      hypotheses:
        - id: H1
          confidence: {acme: 0.8}   # D006: globex stated none
      """,
      reads=("hypotheses", "partners"))
def confidence_missing(ch, ctx):
    for i, h in enumerate(ch.hypotheses):
        for p in ch.partners:
            if p.id not in h.confidence:
                yield Hit(("hypotheses", i, "confidence", p.id), f"{p.id} stated no confidence in hypothesis {h.id}",
                          f"Ask {p.id} how strongly it believes {h.id} (0 to 1) and record it under `confidence`.")


@rule("D007", "discovery-cut-short", "error", "discovery cut short: phase is `pilot`, `scale` or `sustain` and no hypothesis is `validated`",
      why="""
      Lesson 2: don't cut the discovery phase short. Moving to a pilot or beyond before any hypothesis
      has been validated means building on beliefs nobody has tested.
      """,
      fix="""
      Validate a hypothesis, with its evidence, before leaving discovery; until then keep `phase: discovery`.
      """,
      example="""
      phase: pilot   # D007: no hypothesis is validated yet
      hypotheses:
        - id: H1
          status: testing
      """,
      reads=("phase", "hypotheses"))
def discovery_cut_short(ch, ctx):
    if ch.phase in ("pilot", "scale", "sustain") and not any(h.status == "validated" for h in ch.hypotheses):
        yield Hit(("phase",), f"the partnership is in its {ch.phase} phase but no hypothesis is validated",
                  "Validate a hypothesis with evidence before leaving discovery, or go back to `phase: discovery`.",
                  at_value=True)


@rule("D008", "revision-dangling", "warning", "a `revised` hypothesis has no `revised_into`, or an `invalidated` one is still tracked by a metric",
      why="""
      Lesson 2: hypotheses may change, and that is healthy, but the trail must stay clear: a revised
      hypothesis names its successor, and metrics stop tracking a hypothesis that was disproved.
      """,
      fix="""
      Name the successor of a revised hypothesis in `revised_into`; stop tracking invalidated ones.
      Point metrics that track an invalidated hypothesis at what the partnership tests now, or retire them.
      """,
      example="""
      hypotheses:
        - id: H1
          status: revised   # D008: revised into what?
      """,
      reads=("hypotheses", "metrics"))
def revision_dangling(ch, ctx):
    for i, h in enumerate(ch.hypotheses):
        if h.status == "revised" and blank(h.revised_into):
            yield Hit(("hypotheses", i, "revised_into"), f"hypothesis {h.id} is revised but does not say into which hypothesis",
                      f"Set `revised_into` on {h.id} to the id of the hypothesis that replaces it.")
    invalid = {h.id: i for i, h in enumerate(ch.hypotheses) if h.status == "invalidated"}
    for k, m in enumerate(ch.metrics):
        for j, ref in enumerate(m.tracks):
            if ref in invalid:
                yield Hit(("metrics", k, "tracks", j), f"metric {m.id} still tracks hypothesis {ref}, which is invalidated",
                          f"Point {m.id} at what the partnership tests now, or retire it.",
                          (Related(f"{ref} is invalidated", ("hypotheses", invalid[ref], "status")),))


@rule("D009", "verdict-without-evidence", "warning", "a hypothesis is `validated` or `invalidated` with no evidence recorded",
      why="""
      Lesson 2: a verdict without evidence is an opinion. Recording what was observed lets every
      partner, and whoever joins later, see why the partnership believes what it does.
      """,
      fix="""
      Add the observations behind the verdict under `evidence`, each with its `date` and a `note`.
      """,
      example="""
      hypotheses:
        - id: H2
          status: validated   # D009: no evidence
      """,
      reads=("hypotheses",))
def verdict_without_evidence(ch, ctx):
    for i, h in enumerate(ch.hypotheses):
        if h.status in ("validated", "invalidated") and not h.evidence:
            yield Hit(("hypotheses", i, "evidence"), f"hypothesis {h.id} is {h.status} but no evidence is recorded",
                      f"Add the observations behind the verdict on {h.id} under `evidence`.")
