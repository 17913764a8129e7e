"""C rules: be a community — commitment, time-boxed decisions, communication, a way out (lesson 5)."""

from __future__ import annotations

from partnerkit.core.finding import Hit, Related
from partnerkit.judge import gates
from partnerkit.rules.base import rule


@rule("C001", "partner-gives-nothing", "warning", "a partner gives nothing",
      why="""
      Lesson 5: a partnership is a community of balanced commitment. A partner that commits no
      resources is a spectator, and the others will notice long before it is written down.
      """,
      fix="""
      List under the partner's `gives` the people, data, money or assets it commits.
      """,
      example="""
      partners:
        - id: globex
          name: Globex Analytics   # C001: gives nothing
      """,
      reads=("partners",))
def partner_gives_nothing(ch, ctx):
    for i, p in enumerate(ch.partners):
        if not p.gives:
            yield Hit(("partners", i, "gives"), f"partner {p.id} commits nothing to the partnership",
                      f"List under `gives` what {p.id} commits: people, data, money or assets.")


@rule("C002", "no-kill-criteria", "warning", "no milestone has kill criteria: no time-boxed go / no-go agreed in advance",
      why="""
      Lesson 5: time-boxed milestones with kill criteria agreed in advance let partners stop or pivot
      on facts, not on frustration. Without them, a failing partnership drags on and a good one is
      killed by an early bad quarter.
      """,
      fix="""
      Add a go / no-go milestone with a `due` date and the `kill_criteria` that would stop the partnership.
      """,
      example="""
      milestones:
        - id: G1
          name: Pilot go / no-go
          due: 2026-10-15   # C002: no kill_criteria on any milestone
      """,
      reads=("milestones",))
def no_kill_criteria(ch, ctx):
    if not any(gates.has_kill_criteria(m) for m in ch.milestones):
        what = "the charter has no milestones" if not ch.milestones else "no milestone has kill criteria"
        yield Hit(("milestones",), f"{what}: no go / no-go is agreed in advance",
                  "Add a time-boxed go / no-go milestone with the `kill_criteria` that would stop the partnership.")


@rule("C003", "decision-overdue", "warning", "a milestone is past due with its decision still `pending`",
      why="""
      Lesson 5: a go / no-go gate only works if the decision is taken when it falls due. A pending
      decision past its date keeps both teams working without knowing whether the work will count.
      """,
      fix="""
      Take the decision (`continue`, `pivot` or `stop`) and record it with `decided_on`, or agree a new due date.
      """,
      example="""
      milestones:
        - id: G1
          due: 2026-10-15
          decision: pending   # C003 at 2026-11-15
      """,
      reads=("milestones",))
def decision_overdue(ch, ctx):
    for i, m in enumerate(ch.milestones):
        days = gates.decision_overdue(m, ctx.as_of)
        if days is not None:
            yield Hit(("milestones", i, "decision"),
                      f"milestone {m.id} was due {m.due} and its decision is still pending ({days} day{'s' if days != 1 else ''} overdue)",
                      f"Take the decision on {m.id} (continue, pivot or stop) and record it, or agree a new due date.",
                      (Related(f"{m.id} was due here", ("milestones", i, "due")),))


@rule("C004", "no-exit-terms", "warning", "no exit terms (`governance.exit` with at least one criterion)",
      why="""
      Lesson 5: an agreed way out is part of being a community. Partners who know how the partnership
      would end can commit openly, and an ending, when it comes, does not destroy the trust built.
      """,
      fix="""
      Write under `governance.exit` the `criteria` that end the partnership and the `notice_days` each partner gives.
      """,
      example="""
      governance:
        exit:
          notice_days: 90   # C004: no criteria
      """,
      reads=("governance",))
def no_exit_terms(ch, ctx):
    exit_terms = ch.governance.exit if ch.governance else None
    if exit_terms is None:
        yield Hit(("governance", "exit"), "the charter has no exit terms",
                  "Agree under `governance.exit` the criteria that end the partnership and the notice each partner gives.")
    elif not exit_terms.criteria:
        yield Hit(("governance", "exit", "criteria"), "the exit terms name no criterion for ending the partnership",
                  "List under `governance.exit.criteria` what would end the partnership.")


@rule("C005", "no-comms-plan", "warning", "no communications plan",
      why="""
      Lesson 5: a communications plan for internal and external stakeholders keeps the people around
      the partnership informed, so that rumours and surprises do not fill the silence.
      """,
      fix="""
      List under `governance.comms` each audience, internal and external, with its channel, cadence and owner.
      """,
      example="""
      governance:
        decisions: Consensus in the steering committee.   # C005: no comms
      """,
      reads=("governance",))
def no_comms_plan(ch, ctx):
    if ch.governance is None or not ch.governance.comms:
        yield Hit(("governance", "comms"), "the charter has no communications plan",
                  "List under `governance.comms` each audience with its channel, cadence and owner.")


@rule("C006", "no-external-comms", "info", "the communications plan reaches no external audience",
      why="""
      Lesson 5: customers, investors and the wider community form their view of a partnership from
      what they hear; if the partners do not tell them, someone else will.
      """,
      fix="""
      Add a `governance.comms` entry with `scope: external`.
      Think of the customers, investors or community the partnership should reach.
      """,
      example="""
      governance:
        comms:
          - {audience: Acme sales team, scope: internal}   # C006: nobody outside
      """,
      reads=("governance",))
def no_external_comms(ch, ctx):
    comms = ch.governance.comms if ch.governance else []
    if comms and not any(c.scope == "external" for c in comms):
        entries = "its only entry is not" if len(comms) == 1 else f"none of its {len(comms)} entries is"
        yield Hit(("governance", "comms"), f"the communications plan reaches no external audience: {entries} `scope: external`",
                  "Add a `governance.comms` entry with `scope: external`.",
                  tuple(Related(f"{c.audience}: {c.scope or 'no scope'}", ("governance", "comms", i))
                        for i, c in enumerate(comms)))


@rule("C007", "no-tensions-recorded", "info", "no tension has ever been recorded: frictions are probably not being raised",
      why="""
      Lessons 4 and 5: every partnership has frictions, tensions and bottlenecks. A charter that records
      none is more likely polishing them away than free of them; raised early, they are cheap to resolve.
      """,
      fix="""
      Record frictions under `tensions` as they are raised, with who raised them, an owner and a status.
      """,
      example="""
      tensions: []   # C007: nothing has ever been raised
      """,
      reads=("tensions",))
def no_tensions_recorded(ch, ctx):
    if not ch.tensions:
        yield Hit(("tensions",), "no tension has ever been recorded",
                  "Record frictions and bottlenecks under `tensions` as they are raised.")


@rule("C008", "kill-criterion-met", "warning",
      "a kill condition of a milestone whose decision is `pending` or `continue` holds: the gate's own stop signal has fired",
      why="""
      Lesson 5: kill criteria agreed in advance are only worth something if someone notices when one is met.
      A condition on a metric (`{metric: M2, above: 30}`) is checked at every lint: when the metric's latest
      reading crosses it, the partners agreed that this is the moment to decide whether to stop or pivot.
      """,
      fix="""
      Put the gate on the next steering agenda and decide: stop, pivot, or continue with the reason written in
      `rationale`. A gate decided `pivot` or `stop` is no longer reported.
      """,
      example="""
      milestones:
        - id: G1
          kill_criteria:
            - {metric: M2, above: 30}   # C008 when M2's latest reading is 31
          decision: pending
      """,
      reads=("milestones", "metrics"))
def kill_criterion_met(ch, ctx):
    for i, m in enumerate(ch.milestones):
        for check in gates.fired(m, ch, ctx.as_of):
            metric_at = next(j for j, x in enumerate(ch.metrics) if x is check.metric)
            reading_at = next(j for j, r in enumerate(check.metric.readings) if r is check.reading)
            yield Hit(("milestones", i, "kill_criteria", check.index), check.evidence(),
                      f"Decide on {m.id} now: stop, pivot, or continue and record why in `rationale`.",
                      (Related(f"the latest reading of {check.metric.id}", ("metrics", metric_at, "readings", reading_at)),))


@rule("C009", "kill-criteria-unmeasurable", "info",
      "a `pending` milestone has kill criteria, but none is a condition on a metric, so nothing can tell when one is met",
      why="""
      Lesson 5: a kill criterion written only as text ("fewer than 3 shippers renew") depends on someone
      remembering to check it. A condition on a metric is checked at every lint and leads the report's agenda
      the day it is met.
      """,
      fix="""
      Add a condition on a metric beside the text: `- {metric: M1, below: 3}`, optionally `by: DATE` to check it
      only from the gate's date on.
      """,
      example="""
      milestones:
        - id: G1
          kill_criteria: Fewer than 3 shippers renew   # C009: nothing measurable
          decision: pending
      """,
      reads=("milestones",))
def kill_criteria_unmeasurable(ch, ctx):
    for i, m in enumerate(ch.milestones):
        if gates.unmeasurable(m):
            yield Hit(("milestones", i, "kill_criteria"),
                      f"milestone {m.id}'s kill criteria are all text: nothing can tell when one is met",
                      f"Add a condition on a metric to {m.id}'s kill criteria, such as `{{metric: ID, below: NUMBER}}`.")
