"""A rules: align, align and align again (lesson 4).

Between the partners and between the executive and execution levels inside
each partner: who speaks for each level, where they meet, how candid
feedback reaches the steering committee, what the pulse surveys say, and
whether frictions raised are dealt with.
"""

from __future__ import annotations

from partnerkit.core.finding import Hit, Related
from partnerkit.core.numbers import num as _num
from partnerkit.judge import pulse as judge
from partnerkit.judge import tensions
from partnerkit.judge import timeline
from partnerkit.rules.base import declare_threshold, rule

LEVEL_WORDS = {"executive": "executives", "execution": "execution teams"}

# Not a rule's: the anonymity threshold of `partnerkit pulse survey` and `pulse import` (groups under it are withheld).
declare_threshold("pulse-min-responses", 5, "pulse")


def num(x: float) -> str:
    """A score for a message: 4.0, 3.5, 3.38."""
    return _num(x, keep=1)


def forums(ch):
    return ch.governance.forums if ch.governance else []


# --- who speaks for each level -------------------------------------------------

@rule("A001", "no-sponsor", "error", "a partner has no executive `sponsor`",
      why="""
      Lesson 4: alignment runs between management and the execution teams inside each partner.
      Without a named executive sponsor nobody at the top owns the partnership, and decisions stall
      or are taken without the people who carry them out.""",
      fix="Name the partner's executive sponsor under `sponsor` (name, title, email).",
      example="partners:\n  - id: globex\n    name: Globex Analytics\n    lead: {name: Dan Pop}   # A001: no sponsor",
      reads=("partners",))
def no_sponsor(ch, ctx):
    for i, p in enumerate(ch.partners):
        if p.sponsor is None:
            yield Hit(("partners", i, "sponsor"), f"partner `{p.id}` has no executive sponsor",
                      f"Name {p.id}'s executive sponsor under `sponsor`.")


@rule("A002", "no-lead", "error", "a partner has no execution-level `lead`",
      why="""
      Lesson 4: the execution teams must be aligned as much as the executives. A partner without a
      named execution-level lead has nobody who carries decisions into the daily work and brings
      the teams' frictions back up.""",
      fix="Name the partner's execution-level lead under `lead` (name, title, email).",
      example="partners:\n  - id: globex\n    name: Globex Analytics\n    sponsor: {name: Mara Stan}   # A002: no lead",
      reads=("partners",))
def no_lead(ch, ctx):
    for i, p in enumerate(ch.partners):
        if p.lead is None:
            yield Hit(("partners", i, "lead"), f"partner `{p.id}` has no execution-level lead",
                      f"Name {p.id}'s execution-level lead under `lead`.")


# --- where they meet ------------------------------------------------------------

@rule("A003", "no-joint-forum", "warning", "no forum in which every partner takes part",
      why="""
      Lesson 4: partners align by meeting, again and again. Without a forum whose `partners`
      include every partner, the partnership is run through bilateral side-channels and nobody
      hears the whole picture.""",
      fix="Add a forum (usually the steering committee) whose `partners` list every partner.",
      example="governance:\n  forums:\n    - {id: steering, partners: [acme]}   # A003: globex takes part in no forum with acme",
      reads=("partners", "governance"))
def no_joint_forum(ch, ctx):
    everyone = [p.id for p in ch.partners]
    listed = forums(ch)
    if any(set(everyone) <= set(f.partners) for f in listed):
        return
    related = []
    for i, f in enumerate(listed):
        left_out = [p for p in everyone if p not in f.partners]
        related.append(Related(f"forum `{f.id}` leaves out {', '.join(left_out)}", ("governance", "forums", i, "partners")))
    yield Hit(("governance", "forums"), f"no forum brings every partner together ({', '.join(everyone)})",
              "Add every partner to the steering forum's `partners`, or add a joint forum.", tuple(related))


@rule("A004", "no-cross-level-forum", "warning", "no forum where the executive and execution levels meet",
      why="""
      Lesson 4: alignment is also vertical. When executives and execution teams never sit in the
      same room, the sponsors' priorities and the teams' bottlenecks drift apart unnoticed.""",
      fix="Give at least one forum both levels: `levels: [executive, execution]`.",
      example="governance:\n  forums:\n    - {id: steering, levels: [executive]}\n    - {id: standup, levels: [execution]}   # A004",
      reads=("governance",))
def no_cross_level_forum(ch, ctx):
    if any(set(judge.LEVELS) <= set(f.levels) for f in forums(ch)):
        return
    yield Hit(("governance", "forums"), "no forum brings the executive and execution levels together",
              "Set `levels: [executive, execution]` on a forum such as the steering committee.")


@rule("A005", "no-informal-forum", "warning", "no informal forum",
      why="""
      Lesson 4: alignment needs informal communication as well as formal meetings. Frictions are
      often raised first over lunch or at a demo, long before anyone puts them on an agenda.""",
      fix="Add a forum with `kind: informal` (a joint lunch, demo day, field day).",
      example="governance:\n  forums:\n    - {id: steering, kind: formal}   # A005: nothing informal",
      reads=("governance",))
def no_informal_forum(ch, ctx):
    listed = forums(ch)
    if any(f.kind == "informal" for f in listed):
        return
    among = f"none of {', '.join(f.id for f in listed)} is `kind: informal`" if listed else "no forum is defined"
    yield Hit(("governance", "forums"), f"no informal forum: {among}",
              "Add a forum with `kind: informal`, such as a joint demo lunch.")


# --- candid feedback --------------------------------------------------------------

@rule("A006", "no-feedback", "warning", "no feedback mechanism",
      why="""
      Lesson 4: a partnership needs a safe channel for candid feedback. Without one, tensions are
      polished away until they surface as a crisis.""",
      fix="Describe the feedback channel under `governance.feedback.mechanism`, with a `cadence`.",
      example="governance:\n  decisions: Consensus\n  # A006: no feedback section",
      reads=("governance",))
def no_feedback(ch, ctx):
    fb = ch.governance.feedback if ch.governance else None
    if fb is not None and fb.mechanism and fb.mechanism.strip():
        return
    yield Hit(("governance", "feedback", "mechanism"), "no feedback mechanism is defined",
              "Describe how candid feedback is collected under `governance.feedback.mechanism`.")


@rule("A007", "feedback-not-anonymous", "info", "feedback is not anonymous",
      why="""
      Lesson 4: feedback is only candid when it is safe. People rarely criticise the other partner,
      or their own management, under their name.""",
      fix="Make the feedback channel anonymous (`anonymous: true`), or record why it need not be.",
      example="governance:\n  feedback:\n    mechanism: Round table at the steering committee\n    anonymous: false   # A007",
      reads=("governance",))
def feedback_not_anonymous(ch, ctx):
    fb = ch.governance.feedback if ch.governance else None
    if fb is None or not (fb.mechanism and fb.mechanism.strip()) or fb.anonymous:
        return  # no mechanism at all is A006
    yield Hit(("governance", "feedback", "anonymous"), "the feedback mechanism is not anonymous",
              "Offer an anonymous channel (`anonymous: true`) so that criticism is safe.", at_value=True)


# --- steering review ----------------------------------------------------------------

@rule("A008", "review-overdue", "warning", "steering review overdue (`review.last` + cadence before the as-of date), or no review cadence at all",
      why="""
      Lesson 4: align, align and align again. A steering review that keeps slipping means the
      partners stop re-checking direction together, and frictions pile up unaddressed. Without a
      last review, the cadence counts from `started`.""",
      fix="Hold the steering review and record its date in `review.last`; set `review.cadence` if it is missing.",
      example="review:\n  cadence: monthly\n  last: 2026-08-20   # A008 at --as-of 2026-11-15: due 2026-09-19",
      reads=("started", "review"))
def review_overdue(ch, ctx):
    due = timeline.review_due(ch)
    if due is None:
        yield Hit(("review", "cadence"), "no steering review cadence is set",
                  "Set `review.cadence` (e.g. monthly) and record each review in `review.last`.")
        return
    late = timeline.review_overdue(ch, ctx.as_of)
    if late is None:
        return
    cadence = ch.review.cadence
    if ch.review.last is not None:
        message = (f"steering review overdue: the last review was {ch.review.last}, so the next {cadence} "
                   f"review was due {due} ({late} days ago)")
    else:
        message = (f"steering review overdue: no review recorded since the start ({ch.started}); "
                   f"the first {cadence} review was due {due}")
    yield Hit(("review", "last"), message, "Hold the steering review and record its date in `review.last`.",
              at_value=ch.review.last is not None)


# --- pulse surveys ------------------------------------------------------------------

@rule("A009", "level-gap", "warning", "level gap: a partner's latest executive and execution pulse scores on a dimension differ by ≥ [pulse-gap]",
      why="""
      Lesson 4: alignment between management and execution inside each partner matters as much as
      alignment between the partners. When executives rate a dimension far higher than their own
      teams, the teams see something the sponsors do not.""",
      fix="Discuss the gap with both levels of that partner and agree one concrete action.\n"
          "Compares each partner's most recent executive entry with its most recent execution entry; "
          "the threshold is `pulse-gap` (default 1.0).",
      example="pulse:\n  - {date: 2026-10-01, partner: acme, level: executive, responses: 2, scores: {priorities: 4.5}}\n"
              "  - {date: 2026-10-01, partner: acme, level: execution, responses: 6, scores: {priorities: 3.0}}   # A009",
      reads=("partners", "pulse"),
      thresholds={"pulse-gap": 1.0})
def level_gap(ch, ctx):
    for g in judge.level_gaps(ch, ctx.t("pulse-gap")):
        top, score = g.executive.scores[g.dim], g.execution.scores[g.dim]
        yield Hit(("pulse", judge.index_of(ch, g.execution), "scores", g.dim),
                  f"{g.partner}: executives score {g.dim} {num(top)}, execution {num(score)} (gap {num(g.gap)})",
                  f"Discuss {g.dim} with {g.partner}'s executives and execution teams together and agree one action.",
                  (Related(f"{g.partner} executives score {g.dim} {num(top)}",
                           ("pulse", judge.index_of(ch, g.executive), "scores", g.dim)),))


@rule("A010", "partner-gap", "warning", "partner gap: two partners' latest pulse scores on a dimension (both levels, weighted by responses) differ by ≥ [pulse-gap]",
      why="""
      Lesson 4: partners must be aligned with each other, not only internally. When one partner
      rates the vision, the priorities or the trust far lower than the other, the partnership is
      seen very differently from each side.""",
      fix="Put the dimension on the next steering agenda and hear the lower-scoring partner first.\n"
          "Each partner's score is the mean of its latest executive and execution scores, weighted by "
          "responses; the threshold is `pulse-gap` (default 1.0).",
      example="pulse:\n  - {date: 2026-10-01, partner: acme, level: execution, responses: 6, scores: {trust: 4.5}}\n"
              "  - {date: 2026-10-01, partner: globex, level: execution, responses: 4, scores: {trust: 3.0}}   # A010",
      reads=("partners", "pulse"),
      thresholds={"pulse-gap": 1.0})
def partner_gap(ch, ctx):
    for g in judge.partner_gaps(ch, ctx.t("pulse-gap")):
        (a, ma), (b, mb) = g.a, g.b
        low, high = g.low[0], g.high
        yield Hit(("pulse", judge.index_of(ch, g.low_entry), "scores", g.dim),
                  f"{a} ({num(ma)}) and {b} ({num(mb)}) differ by {num(g.gap)} on {g.dim}",
                  f"Put {g.dim} on the next steering agenda and hear {low} first.",
                  (Related(f"{high[0]} scores {g.dim} {num(high[1])}", ("pulse", judge.index_of(ch, g.high_entry), "scores", g.dim)),))


@rule("A011", "low-score", "info", "low score: a partner's latest score for a level and dimension is below [low-score]",
      why="""
      Lesson 4: frictions, tensions and bottlenecks must be raised, not polished away. A low pulse
      score is a friction made visible; left alone it becomes a reason to leave.""",
      fix="Ask the people behind the low score what lies behind it and agree one action.\n"
          "Uses each partner's most recent entry per level; the threshold is `low-score` (default 3.0).",
      example="pulse:\n  - {date: 2026-10-01, partner: globex, level: execution, responses: 4, scores: {communication: 2.5}}   # A011",
      reads=("pulse",),
      thresholds={"low-score": 3.0})
def low_score(ch, ctx):
    limit = ctx.t("low-score")
    for low in judge.low_scores(ch, limit):
        yield Hit(("pulse", judge.index_of(ch, low.entry), "scores", low.dim),
                  f"{low.partner} {LEVEL_WORDS[low.level]} score {low.dim} {num(low.score)}, below {num(limit)}",
                  f"Ask {low.partner}'s {LEVEL_WORDS[low.level]} what lies behind the low {low.dim} score and agree one action.")


@rule("A012", "pulse-stale", "warning", "alignment not re-checked: no pulse at all, or the latest one is older than [pulse-cadences] × the feedback cadence (182 days without one)",
      why="""
      Lesson 4: align, align and align again. Alignment is not checked once at the start; a pulse
      that is no longer run means nobody knows whether the partners and levels still agree.""",
      fix="Run the pulse survey with every partner and both levels, and record the results under `pulse`.\n"
          "The limit is `pulse-cadences` (default 2) × the feedback cadence, or 182 days when "
          "`governance.feedback.cadence` is not set.",
      example="governance:\n  feedback: {mechanism: Pulse survey, cadence: quarterly}\n"
              "pulse:\n  - {date: 2026-03-01, partner: acme, level: executive, responses: 2, scores: {trust: 4}}   # A012 at 2026-11-15",
      reads=("governance", "pulse"),
      thresholds={"pulse-cadences": 2})
def pulse_stale(ch, ctx):
    if not ch.pulse:
        yield Hit(("pulse",), "no alignment pulse has been recorded",
                  "Run a pulse survey with every partner and both levels, and record it under `pulse`.")
        return
    age = judge.stale(ch, ctx.as_of, ctx.t("pulse-cadences"))
    if age is None:
        return
    cadence, days = judge.feedback_days(ch)
    last = max(ch.pulse, key=lambda p: p.date)
    per = f"the {cadence} feedback cadence ({days} days)" if cadence else f"{days} days (no feedback cadence)"
    yield Hit(("pulse", judge.index_of(ch, last), "date"),
              f"the latest pulse ({last.date}) is {age} days old, more than {num(ctx.t('pulse-cadences'))} × {per} "
              f"= {_num(ctx.t('pulse-cadences') * days)} days",
              "Run the next pulse survey and record it under `pulse`.", at_value=True)


@rule("A013", "pulse-incomplete", "warning", "the latest pulse leaves out a partner or a level",
      why="""
      Lesson 4: alignment is between all partners and both levels. A pulse round that leaves one of
      them out compares today's answers with stale ones, and hides the voice that was not asked.""",
      fix="Survey every partner at both levels in each round, or record the missing entries.\n"
          "The latest round is every entry dated on the most recent pulse date; each partner needs an "
          "executive and an execution entry in it.",
      example="pulse:\n  - {date: 2026-10-01, partner: acme, level: executive, responses: 2, scores: {trust: 4}}\n"
              "  - {date: 2026-10-01, partner: acme, level: execution, responses: 6, scores: {trust: 3.5}}\n"
              "  # A013: globex is not in the 2026-10-01 round",
      reads=("partners", "pulse"))
def pulse_incomplete(ch, ctx):
    missing = judge.missing_from_latest_round(ch)
    if not missing:
        return
    when = judge.latest_round(ch)
    first = next(i for i, p in enumerate(ch.pulse) if p.date == when)
    hint = "Survey every partner at both levels in each round, or record the missing entries."
    for j, partner, level in missing:
        who = partner if level is None else f"{partner}'s {LEVEL_WORDS[level]}"
        yield Hit(("pulse", first), f"the latest pulse round ({when}) leaves out {who}", hint,
                  (Related(f"partner {partner}", ("partners", j)),))


# --- tensions -----------------------------------------------------------------------

@rule("A014", "tension-neglected", "warning", "a tension has been open longer than [tension-cadences] review cadences, or has no owner",
      why="""
      Lesson 4: frictions, tensions and bottlenecks must be raised, and then dealt with. A tension
      nobody owns, or one that outlives several steering reviews, teaches people that raising
      problems changes nothing.""",
      fix="Give the tension an `owner` and resolve it (`status: resolved`, `resolved_on`), or escalate it.\n"
          "The limit is `tension-cadences` (default 2) × the review cadence; without a review cadence "
          "(A008 reports that) a monthly cadence (30 days) is assumed.",
      example="tensions:\n  - id: T1\n    raised: 2026-09-05\n    owner: acme\n    status: open   # A014 at 2026-11-15: open 71 days",
      reads=("review", "tensions"),
      thresholds={"tension-cadences": 2})
def tension_neglected(ch, ctx):
    cadences = ctx.t("tension-cadences")
    cadence, days, limit = tensions.limit_days(ch, cadences)
    for i, t in enumerate(ch.tensions):
        if tensions.unowned(t):
            yield Hit(("tensions", i, "owner"), f"tension {t.id} is open and has no owner",
                      f"Name the partner who owns tension {t.id} under `owner`.")
        age = tensions.open_too_long(t, ch, ctx.as_of, cadences)
        if age is not None:
            yield Hit(("tensions", i, "status"),
                      f"tension {t.id} has been open for {age} days (raised {t.raised}), longer than "
                      f"{_num(cadences)} × the {cadence} review cadence ({days} days) = {_num(limit)} days",
                      f"Resolve tension {t.id} or escalate it at the next steering review.",
                      (Related(f"raised {t.raised}", ("tensions", i, "raised")),), at_value=True)
