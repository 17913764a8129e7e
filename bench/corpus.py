"""A reproducible corpus of realistic charters for the benchmark and the tests.

``generate(folder, n, seed)`` writes ``n`` charters of varied size (about
10 KB on average) into ``folder`` and returns, for each file, the findings
deliberately seeded into it. Every charter has every section of the format,
with varied counts of partners, values, forums, tensions, hypotheses,
metrics, readings, milestones and pulse rounds. Unseeded charters are built
to be healthy at ``AS_OF``; about one in twelve carries one known defect.

``generate(..., heavy=True)`` writes the findings-heavy corpus instead:
neglected partnerships (about 17 KB) that give about 50 findings each at
``AS_OF``, across the V, D, M, A and C rules, with an unknown owner (E004) in
about one in four and readings exported with ``on:`` for ``date:`` (E002) in
one in 25. Every finding deliberately seeded is returned, as for the healthy
corpus; the manifest does not list the few that follow from them by chance.

Run it alone to write a corpus: ``python bench/corpus.py FOLDER [N] [SEED] [--heavy]``.
"""

from __future__ import annotations

import calendar
import json
import os
import random
from datetime import date, timedelta

AS_OF = date(2026, 11, 15)
SEED = 20261115
MANIFEST = "seeded.json"

_COMPANIES = [
    ("acme", "Acme Logistics"), ("globex", "Globex Analytics"), ("initech", "Initech Software"),
    ("umbrella", "Umbrella Health"), ("hooli", "Hooli Cloud"), ("stark", "Stark Industrial"),
    ("wayne", "Wayne Enterprises"), ("tyrell", "Tyrell Biotech"), ("cyberdyne", "Cyberdyne Robotics"),
    ("soylent", "Soylent Foods"), ("wonka", "Wonka Confectionery"), ("gringotts", "Gringotts Bank"),
    ("northwind", "Northwind Farms Cooperative"), ("unilab", "UniLab Research Institute"),
    ("contoso", "Contoso Retail"), ("fabrikam", "Fabrikam Manufacturing"), ("tailspin", "Tailspin Airlines"),
    ("litware", "Litware Publishing"), ("adatum", "Adatum Energy"), ("proseware", "Proseware Telecom"),
]
_FIRST = ["Ioana", "Radu", "Mara", "Dan", "Elena", "Tomas", "Aiko", "Samuel", "Priya", "Lukas", "Chen", "Fatima",
          "Olu", "Sofia", "Mateo", "Hana", "Jonas", "Amara", "Nikos", "Ingrid", "Kofi", "Lea", "Ravi", "Zoe"]
_LAST = ["Marin", "Ene", "Stan", "Pop", "Ortiz", "Berg", "Tanaka", "Okafor", "Sharma", "Weber", "Li", "Haddad",
         "Adeyemi", "Rossi", "García", "Novak", "Lindqvist", "Mensah", "Papadopoulos", "Dubois", "Kowalski"]
_SPONSOR_TITLES = ["Chief Innovation Officer", "VP Partnerships", "Chief Operating Officer", "Director of Research",
                   "Chief Digital Officer", "SVP Strategy", "Chief Commercial Officer"]
_LEAD_TITLES = ["Partnership Manager", "Solutions Architect", "Programme Lead", "Principal Investigator",
                "Alliance Manager", "Product Owner", "Engagement Lead"]
_GIVES = ["fleet telemetry", "three pilot routes", "two data engineers", "prediction models", "model hosting",
          "field technicians two days a week", "laboratory analysis", "a sales team for the joint offer",
          "access to 40 reference customers", "a test plant", "cloud credits", "regulatory expertise",
          "a shared project room", "five years of historical records", "a design studio", "brand and channel"]
_VALUES = ["transparency", "speed", "openness", "long-term thinking", "scientific rigour", "customer first",
           "frugality", "fairness", "candour", "safety first", "craftsmanship", "learning together"]
_MEANS = ["Bad news is shared with the other partner within 48 hours.",
          "Decisions on pilot scope take less than one week.",
          "Raw data and results are shared with both teams within a week.",
          "Protocols are not changed mid-season for short-term convenience.",
          "Every claim in a report is backed by a pre-registered analysis.",
          "Every feature is judged by what it changes for the end customer.",
          "Costs are split by use, reviewed every quarter, with no surprises."]
_CRISIS = ["We publish the incident to both steering members before fixing it.",
           "We extend the trial rather than cut it short.", "Sponsors meet within 24 hours.",
           "The partner who found the problem leads the fix, the other funds it."]
_UNITS = [("shippers", 5, 60), ("fields", 10, 120), ("minutes", 15, 45), ("members", 10, 200),
          ("per cent", 20, 95), ("customers", 3, 80), ("releases", 2, 24), ("sites", 4, 40)]
_OUTCOMES = [("ETA subscription revenue", "EUR per month", 40000), ("Cost savings", "EUR per year", 250000),
             ("Joint sales", "EUR per quarter", 900000), ("Carbon credits issued", "tonnes CO2e", 5000)]
_DIMENSIONS = ["vision", "values", "priorities", "trust", "communication", "feedback"]
_VERBS = ["will pay for", "will adopt", "cut costs with", "prefer", "renew after trying", "recommend"]
_OBJECTS = ["predicted delivery times", "in-field soil sensors", "the joint analytics service",
            "shared maintenance scheduling", "the bundled offer", "automated quality checks"]


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _q(text: str) -> str:
    """A YAML scalar for free text: plain when safe, double-quoted otherwise."""
    if text and text[0].isalpha() and not any(c in text for c in ":#{}[],&*!|>'\"%@`") and text.strip() == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


class _Charter:
    """Builds one charter's text line by line; remembers the seeded defect."""

    def __init__(self, rng: random.Random, index: int, defect: str | None, heavy: bool = False):
        self.rng, self.index, self.defect, self.heavy = rng, index, defect, heavy
        self.lines: list[str] = []
        self.seeded: list[tuple[str, str]] = []  # (code, data path prefix)
        self.exported = 0  # readings written with `on:` for `date:` (the "exported" defect)
        size = rng.choice((1, 1, 2, 2, 2, 3, 3, 4))  # scale of the partnership's history
        self.months = rng.randint(6, 6 + 4 * size)
        self.started = _add_months(AS_OF, -self.months).replace(day=rng.choice((1, 1, 15)))
        self.horizon = max(24, self.months + rng.randint(6, 18))
        self.n_partners = rng.choice((2, 2, 2, 2, 3, 3, 4))
        self.n_hyp = rng.randint(2, 2 + 2 * size)
        self.n_metrics = min(10, rng.randint(2, 3 + 2 * size))
        picked = rng.sample(_COMPANIES, self.n_partners)
        self.partners = [(pid, name) for pid, name in picked]
        self.values = rng.sample(_VALUES, rng.randint(2, 5))
        if heavy:  # a neglected partnership: more of everything that can go wrong
            self.n_hyp = rng.randint(6, 10)
            self.n_metrics = rng.randint(8, 13)
            self.values = rng.sample(_VALUES, rng.randint(3, 5))

    def w(self, line: str = "") -> None:
        self.lines.append(line)

    def seed(self, code: str, path: str) -> None:
        self.seeded.append((code, path))

    def person(self, titles) -> str:
        r = self.rng
        name = f"{r.choice(_FIRST)} {r.choice(_LAST)}"
        title = r.choice(titles)
        if r.random() < 0.5:
            email = name.lower().replace(" ", ".").replace("í", "i") + "@example.org"
            return f"{{name: {name}, title: {title}, email: {email}}}"
        return f"{{name: {name}, title: {title}}}"

    def build(self) -> str:
        r = self.rng
        ids = "-".join(p for p, _ in self.partners[:2])
        self.id = f"{ids}-{self.index:04d}"
        w = self.w
        w(f"# Partnership charter {self.index}: generated for the benchmark (seed-stable).")
        w("partnerkit: 1")
        w(f"id: {self.id}")
        w(f"title: {_q(' × '.join(n.split()[0] for _, n in self.partners) + ' — ' + r.choice(_OBJECTS))}")
        if self.defect == "E001":
            w("title: A second title")
            self.seed("E001", "")
        w(f"kind: {r.choice(['co-innovation', 'go-to-market', 'technology', 'research', 'supply'])}")
        w(f"started: {self.started}")
        w(f"phase: {'discovery' if self.months < 8 else r.choice(['pilot', 'pilot', 'scale', 'sustain'])}")
        w(f"horizon_months: {self.horizon}")
        w("review:")
        w("  cadence: monthly")
        w(f"  last: {AS_OF - timedelta(days=r.randint(45, 120) if self.heavy else r.randint(2, 20))}")
        if self.heavy:
            self.seed("A008", "review")
        w()
        self.partners_section()
        self.vision_values()
        self.governance()
        self.tensions()
        self.hypotheses()
        self.metrics()
        self.milestones()
        self.pulse()
        return "\n".join(self.lines) + "\n"

    def partners_section(self):
        r, w = self.rng, self.w
        w("partners:")
        self.wants = []
        for i, (pid, name) in enumerate(self.partners):
            w(f"  - id: {pid}")
            w(f"    name: {name}")
            w(f"    sponsor: {self.person(_SPONSOR_TITLES)}")
            w(f"    lead: {self.person(_LEAD_TITLES)}")
            w(f"    gives: [{', '.join(r.sample(_GIVES, r.randint(1, 4)))}]")
            w("    wants:")
            for k in range(r.randint(1, 2)):
                want = f"{pid}-want-{k + 1}"
                self.wants.append(want)
                w(f"      - id: {want}")
                w(f"        goal: {_q(r.choice(['A paid service for our customers', 'Fewer empty miles', 'A reference customer', 'A peer-reviewed study', 'Lower maintenance costs']))}")
            values = r.sample(self.values, r.randint(1, len(self.values)))
            if self.heavy:
                self.neglected_partner(i, k + 1, values)
            w(f"    values: [{', '.join(values)}]")
        w()

    def neglected_partner(self, i: int, wants: int, values: list[str]) -> None:
        """A want no metric tracks (the first partner's), and values of its own never discussed."""
        pid = self.partners[i][0]
        if i == 0:
            self.w(f"      - {{id: {pid}-want-untracked, goal: A second line of business}}")
            self.seed("M006", f"partners[{i}].wants[{wants}]")
        own = [v for v in self.rng.sample(_VALUES, 3) if v not in self.values][:2]
        for v in own:
            self.seed("V006", f"partners[{i}].values[{len(values)}]")
            values.append(v)

    def vision_values(self):
        r, w = self.rng, self.w
        agreed = [p for p, _ in self.partners]
        w("vision:")
        w("  statement: >-")
        w(f"    By {AS_OF.year + r.randint(1, 4)}, {r.choice(_OBJECTS)} are used by every customer of the partners,")
        w("    at a cost that makes the joint offer pay for both sides.")
        w(f"  agreed_by: [{', '.join(agreed[:1] if self.heavy else agreed)}]")
        if self.heavy:
            self.seed("V002", "vision.agreed_by")
        w(f"  agreed_on: {_add_months(self.started, 1)}")
        w()
        w("values:")
        for i, v in enumerate(self.values):
            w(f"  - id: {v.replace(' ', '-')}")
            means, held = _q(r.choice(_MEANS)), agreed
            if self.heavy and r.random() < 0.4:
                means = None
                self.seed("V005", f"values[{i}].means")
            if self.heavy and r.random() < 0.8:
                held = agreed[:1]
                self.seed("V004", f"values[{i}].held_by")
            if means:
                w(f"    means: {means}")
            w(f"    held_by: [{', '.join(held)}]")
            w(f"    in_crisis: {_q(r.choice(_CRISIS))}")
        w()

    def governance(self):
        r, w = self.rng, self.w
        everyone = ", ".join(p for p, _ in self.partners)
        w("governance:")
        w("  decisions: Consensus in the steering committee; sponsors break ties.")
        w("  escalation: [Programme leads, Sponsors, Boards]")
        w("  change_protocol: Either partner may call a charter review; it is held within 30 days.")
        w("  forums:")
        w("    - id: steering")
        w("      name: Steering committee")
        w("      kind: formal")
        w("      cadence: monthly")
        w("      levels: [executive, execution]")
        w(f"      partners: [{everyone}]")
        w(f"    - {{id: standup, name: Pilot stand-up, kind: formal, cadence: weekly, levels: [execution], partners: [{everyone}]}}")
        if r.random() < 0.7:
            w(f"    - {{id: demo-lunch, name: Joint demo lunch, kind: informal, cadence: monthly, levels: [execution], partners: [{everyone}]}}")
        else:
            w(f"    - {{id: field-days, name: Field days, kind: informal, cadence: quarterly, levels: [execution, executive], partners: [{everyone}]}}")
        w("  feedback:")
        w("    mechanism: Anonymous pulse survey, discussed at the next steering committee")
        w("    cadence: quarterly")
        w("    anonymous: true")
        w("  comms:")
        owner = self.partners[0][0]
        w(f"    - {{audience: Internal teams, scope: internal, channel: Monthly newsletter, cadence: monthly, owner: {owner}}}")
        w(f"    - {{audience: Customers and press, scope: external, channel: Project blog, cadence: quarterly, owner: {self.partners[-1][0]}}}")
        w("  exit:")
        w(f"    notice_days: {r.choice([30, 60, 90])}")
        w("    criteria:")
        w("      - Fewer than 3 pilot customers renew after the pilot")
        w("      - Either partner is acquired by a competitor of the other")
        w()

    def tensions(self):
        r, w = self.rng, self.w
        w("tensions:")
        count = r.randint(3, 6) if self.heavy else r.randint(1, 2 + self.months // 6)
        for k in range(count):
            by, owner = r.sample([p for p, _ in self.partners], 2)
            w(f"  - id: tn-{k + 1}")
            if self.heavy and r.random() < 0.75:
                self.neglected_tension(k, by, owner)
            elif k == count - 1 and r.random() < 0.5:  # a fresh, owned, open tension
                w(f"    raised: {AS_OF - timedelta(days=r.randint(3, 25))}")
                w(f"    by: {by}")
                w(f"    issue: {_q(r.choice(['Access to live data still needs a manual ticket.', 'Meeting notes arrive late.', 'Pricing was announced before both partners agreed.']))}")
                w(f"    owner: {owner}")
                w("    status: open")
            else:
                raised = self.started + timedelta(days=r.randint(10, max(11, self.months * 30 - 60)))
                w(f"    raised: {raised}")
                w(f"    by: {by}")
                w("    issue: Yield records arrive as scanned documents instead of spreadsheets.")
                w(f"    owner: {owner}")
                w("    status: resolved")
                w(f"    resolved_on: {min(AS_OF, raised + timedelta(days=r.randint(5, 40)))}")
        w()

    def neglected_tension(self, k: int, by: str, owner: str) -> None:
        """Open for more than two review cadences; one in four has no owner either."""
        r, w = self.rng, self.w
        w(f"    raised: {self.started + timedelta(days=r.randint(10, self.months * 30 - 70))}")
        w(f"    by: {by}")
        w(f"    issue: {_q(r.choice(['Invoices are disputed every month.', 'The pilot data arrives weeks late.', 'Nobody answers the escalation e-mails.']))}")
        if r.random() < 0.75:
            w(f"    owner: {owner}")
        w("    status: open")
        self.seed("A014", f"tensions[{k}]")

    def hypotheses(self):
        r, w = self.rng, self.w
        self.hyp_ids = [f"hy-{k + 1}" for k in range(self.n_hyp)]
        gap_at = r.randrange(self.n_hyp) if self.defect == "D005" else -1
        w("hypotheses:")
        for k, hid in enumerate(self.hyp_ids):
            revised = k + 1 < self.n_hyp and k > 0 and r.random() < 0.15
            status = "validated" if k == 0 else ("revised" if revised else r.choice(["open", "testing", "testing"]))
            w(f"  - id: {hid}")
            w(f"    statement: {_q('Customers ' + r.choice(_VERBS) + ' ' + r.choice(_OBJECTS) + '.')}")
            owner = r.choice(self.partners)[0]
            if self.heavy and r.random() < 0.1:
                owner = "nobody"
                self.seed("E004", f"hypotheses[{k}].owner")
            w(f"    owner: {owner}")
            w(f"    test: Paid pilot with {r.randint(3, 12)} customers over {r.randint(2, 6)} months")
            w(f"    success: At least {r.randint(2, 5)} renew at list price")
            due = (_add_months(self.started, r.randint(2, max(3, self.months - 1))) if status == "validated"
                   else _add_months(AS_OF, r.randint(1, 12)))
            if self.heavy and status in ("open", "testing") and r.random() < 0.75:
                due = _add_months(AS_OF, -r.randint(1, 5))
                self.seed("D004", f"hypotheses[{k}].due")
            w(f"    due: {due}")
            w(f"    status: {status}")
            if revised and self.heavy:
                self.seed("D008", f"hypotheses[{k}].revised_into")
            elif revised:
                w(f"    revised_into: {self.hyp_ids[k + 1]}")
            base = r.uniform(0.4, 0.8)
            conf = [round(min(1.0, base + r.uniform(-0.1, 0.1)), 2) for _ in self.partners]
            if k == gap_at or (self.heavy and r.random() < 0.4):
                conf[0], conf[-1] = 0.9, 0.3
                self.seed("D005", f"hypotheses[{k}]")
            elif self.heavy and r.random() < 0.25:
                conf.pop()
                self.seed("D006", f"hypotheses[{k}].confidence")
            w("    confidence: {" + ", ".join(f"{p}: {c}" for (p, _), c in zip(self.partners, conf)) + "}")
            if self.heavy and k == 0 and r.random() < 0.3:
                self.seed("D009", f"hypotheses[{k}].evidence")
            elif status in ("validated", "testing") or r.random() < 0.3:
                w("    evidence:")
                first = min(due, AS_OF) if status == "validated" else AS_OF
                for e in range(r.randint(1, 4)):
                    day = self.started + timedelta(days=r.randint(5, max(6, (first - self.started).days - 1)))
                    w(f"      - date: {day}")
                    w(f"        note: {_q(r.choice(['2 customers signed; 3 more in negotiation', 'Back-test shows a 34% lower error', 'Field trial completed on schedule', 'Survey of 40 users returned']))}")
        w()

    def metrics(self):
        r, w = self.rng, self.w
        n_out = r.randint(1, max(1, self.n_metrics // 3)) if self.n_metrics >= 3 else 0
        n_int = self.n_metrics - n_out
        tracked = list(self.hyp_ids[:n_int]) if n_int else []
        wants = list(self.wants)
        kinds = ["interim"] * n_int + ["outcome"] * n_out
        w("metrics:")
        self.metric_ids = []
        for k, kind in enumerate(kinds):
            mid = f"mt-{k + 1}"
            self.metric_ids.append(mid)
            defect_here = k == 0
            tracks = []
            if kind == "interim":
                tracks.append(self.hyp_ids[k % len(self.hyp_ids)])
            if wants and (kind == "outcome" or k >= n_int - len(wants) or r.random() < 0.5):
                tracks.append(wants.pop())
            if k == len(kinds) - 1:  # every want is tracked by some metric
                tracks.extend(wants)
                wants = []
            if not tracks:
                tracks = [tracked[0]] if tracked else [self.hyp_ids[0]]
            if kind == "interim":
                name, (unit, lo, hi) = f"Pilot {r.choice(_UNITS)[0]} onboarded", r.choice(_UNITS)
                target = r.randint(lo, hi)
                baseline = 0
                due = _add_months(AS_OF, r.randint(2, 14))
            else:
                name, unit, target = r.choice(_OUTCOMES)
                baseline = 0
                due = _add_months(self.started, self.horizon)
            down = kind == "interim" and unit == "minutes"
            if down:
                baseline, target = target * 2, target
            trouble = "missed" if self.defect == "M009" and defect_here and kind == "interim" else None
            if trouble:
                due = _add_months(AS_OF, -1)
                self.seed("M009", f"metrics[{k}]")
            elif self.heavy and kind == "interim":
                trouble, due = self.metric_trouble(k, due)
            owner = r.choice(self.partners)[0]
            if (self.defect == "E004" or self.heavy and r.random() < 0.25) and defect_here:
                owner = "nobody"
                self.seed("E004", f"metrics[{k}].owner")
            mid_written = mid
            if self.defect == "E003" and k == len(kinds) - 1:
                mid_written = self.hyp_ids[0]
                self.seed("E003", f"metrics[{k}].id")
            w(f"  - id: {mid_written}")
            w(f"    name: {_q(name)}")
            w(f"    type: {kind}")
            w(f"    tracks: [{', '.join(tracks)}]")
            w(f"    unit: {_q(unit)}")
            w(f"    direction: {'down' if down else 'up'}")  # declared: the seeded findings do not rest on inference
            w(f"    baseline: {baseline}")
            w(f"    target: {target}")
            w(f"    due: {due}")
            w(f"    owner: {owner}")
            w("    cadence: monthly")
            w("    readings:")
            self.readings(k, kind, baseline, target, due, trouble)
        if len(kinds) > 10:
            self.seed("M012", "metrics")
        w()

    def metric_trouble(self, k: int, due: date) -> tuple[str | None, date]:
        """What goes wrong with an interim metric of a neglected partnership, and its due date."""
        trouble = self.rng.choice(("missed", "missed", "stale", "stale", "off track", "stalled", None))
        code = {"missed": "M009", "stale": "M007", "off track": "M008", "stalled": "M011"}.get(trouble)
        if code:
            self.seed(code, f"metrics[{k}]")
        if trouble == "missed":
            due = _add_months(AS_OF, -self.rng.randint(1, 3))
        elif trouble == "off track":
            due = _add_months(AS_OF, self.rng.randint(1, 3))
        return trouble, due

    def readings(self, k, kind, baseline, target, due, trouble):
        r, w = self.rng, self.w
        first = self.rng.randint(1, 3) if self.heavy else self.rng.randint(2, 8)
        days_total = (due - self.started).days
        points = []
        m = first
        while True:
            day = _month_end(_add_months(self.started, m))
            if day > AS_OF - timedelta(days=3):
                break
            points.append(day)
            m += 1
        if trouble == "stale":  # no reading for the last three to five months
            cut = AS_OF - timedelta(days=r.randint(90, 150))
            points = [day for day in points if day <= cut] or [self.started + timedelta(days=15)]
        if not points:
            points = [AS_OF - timedelta(days=5)]
        delta = target - baseline
        step = 0.1 if abs(delta) < 200 else 1  # readings of small targets keep one decimal
        prev = None
        for j, day in enumerate(points):
            share = (day - self.started).days / days_total
            if kind == "outcome":
                share *= 0.3  # outcomes lag: expected in the first years
            if trouble in ("missed", "off track"):
                share *= 0.5 if trouble == "missed" else 0.3
            value = baseline + delta * min(0.98, share * r.uniform(1.0, 1.08))
            value = round(value, 1) if step < 1 else round(value)
            if trouble == "stalled" and prev is not None and j >= len(points) - 2:
                value = prev  # the last three readings are the same
            elif (prev is not None and kind == "interim" and trouble != "off track"
                  and (value - prev) * (1 if delta > 0 else -1) < step):
                value = round(prev + (step if delta > 0 else -step), 1)  # interim indicators keep moving
            prev = value
            text = f"{{date: {day}, value: {_num(value)}"
            if r.random() < 0.15:
                text += f", note: {_q(r.choice(['after the summer slowdown', 'two sites joined', 'data cleaned']))}"
            if (self.defect == "E002" and k == 0 and j == 0) or self.defect == "exported" and self.exported < 25:
                text = text.replace("date:", "on:")
                self.seed("E002", f"metrics[{k}].readings[{j}]")
                self.exported += 1
            w(f"      - {text}}}")

    def _monotonic_tail(self, k):
        """Readings come from a rising share, so the last three make progress; nothing to fix here."""

    def milestones(self):
        r, w = self.rng, self.w
        w("milestones:")
        count = r.randint(3, 5) if self.heavy else r.randint(2 if self.defect == "C003" else 1, 2 + self.months // 12)
        for k in range(count):
            past = k < count - 1
            due = (self.started + timedelta(days=r.randint(30, max(31, self.months * 30 - 40))) if past
                   else _add_months(AS_OF, r.randint(2, 12)))
            w(f"  - id: gate-{k + 1}")
            w(f"    name: {_q(r.choice(['Pilot go / no-go', 'Scale decision', 'Commercial launch decision', 'Second-season go / no-go']))}")
            w(f"    due: {due}")
            w(f"    kill_criteria: {_q(r.choice(['Fewer than 3 customers renew', 'Sensor error above 15%', 'Revenue below EUR 10,000 per month']))}")
            if past and not (self.defect == "C003" and k == 0) and not (self.heavy and r.random() < 0.7):
                w("    decision: continue")
                w(f"    decided_on: {min(AS_OF, due + timedelta(days=r.randint(-10, 5)))}")
            else:
                w("    decision: pending")
                if past:
                    self.seed("C003", f"milestones[{k}]")
        w()

    def pulse(self):
        r, w = self.rng, self.w
        dims = r.sample(_DIMENSIONS, r.randint(4, 6))
        rounds = []
        day = AS_OF - timedelta(days=r.randint(20, 60))
        while day > self.started + timedelta(days=45) and len(rounds) < 4:
            rounds.append(day)
            day -= timedelta(days=91)
        if not rounds:
            rounds = [AS_OF - timedelta(days=10)]
        rounds.reverse()
        w("pulse:")
        entry = 0
        for n, day in enumerate(rounds):
            latest = n == len(rounds) - 1
            for i, (pid, _) in enumerate(self.partners):
                base = {d: r.uniform(3.6, 4.3) for d in dims}
                for level in ("executive", "execution"):
                    scores = {d: round(v + r.uniform(-0.2, 0.2), 1) for d, v in base.items()}
                    if latest and self.defect == "A009" and pid == self.partners[0][0] and level == "execution":
                        scores[dims[0]] = round(base[dims[0]] - 1.5, 1)
                        self.seed("A009", "pulse")
                    if latest and self.heavy:
                        self.misaligned(entry, i, level, dims, base, scores)
                    entry += 1
                    resp = r.randint(2, 4) if level == "executive" else r.randint(4, 12)
                    body = ", ".join(f"{d}: {v}" for d, v in scores.items())
                    w(f"  - {{date: {day}, partner: {pid}, level: {level}, responses: {resp},")
                    w(f"     scores: {{{body}}}}}")

    def misaligned(self, entry: int, i: int, level: str, dims: list[str], base: dict, scores: dict) -> None:
        """The latest pulse of a neglected partnership: execution teams far below their executives on two
        dimensions (A009, A011), and the second partner low on a third at both levels (A010, A011)."""
        if level == "execution":
            for d in dims[:2]:
                scores[d] = round(base[d] - 1.5, 1)
                self.seed("A009", f"pulse[{entry}].scores.{d}")
                self.seed("A011", f"pulse[{entry}].scores.{d}")
        if i == 1:
            scores[dims[2]] = 2.3
            self.seed("A010", "pulse")
            self.seed("A011", f"pulse[{entry}].scores.{dims[2]}")


DEFECTS = ("E001", "E002", "E003", "E004", "D005", "M009", "A009", "C003")


EXPORTED_EVERY = 25  # in the heavy corpus, one charter in 25 has readings exported with `on:` for `date:` (E002)


def charter(index: int, seed: int = SEED, heavy: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """The text of charter ``index`` and its seeded findings as ``(code, data path prefix)``.

    ``heavy``: a neglected partnership that gives about 50 findings at ``AS_OF``.
    """
    if heavy:
        rng = random.Random(f"{seed}:heavy:{index}")
        defect = "exported" if index % EXPORTED_EVERY == 7 else None
    else:
        rng = random.Random(f"{seed}:{index}")
        defect = DEFECTS[(index // 12) % len(DEFECTS)] if index % 12 == 5 else None
    c = _Charter(rng, index, defect, heavy)
    text = c.build()
    if c.exported:  # a schema error stops the other rules: only the E002s will be reported
        c.seeded = [s for s in c.seeded if s[0] == "E002"]
    return text, sorted(set(c.seeded))


def generate(folder: str, n: int, seed: int = SEED, heavy: bool = False) -> dict[str, list[tuple[str, str]]]:
    """Write ``n`` charters into ``folder``; return ``{file name: seeded findings}`` (also in seeded.json)."""
    os.makedirs(folder, exist_ok=True)
    manifest = {}
    for i in range(n):
        text, seeded = charter(i, seed, heavy)
        name = f"p{i:05d}.charter.yaml"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        manifest[name] = seeded
    with open(os.path.join(folder, MANIFEST), "w", encoding="utf-8") as fh:
        json.dump({"seed": seed, "as_of": AS_OF.isoformat(), "heavy": heavy, "seeded": manifest}, fh, indent=1)
    return manifest


def main(argv: list[str] | None = None) -> None:
    import argparse

    ap = argparse.ArgumentParser(description="Write a benchmark corpus.")
    ap.add_argument("folder")
    ap.add_argument("n", nargs="?", type=int, default=1000, help="charters (default 1000)")
    ap.add_argument("seed", nargs="?", type=int, default=SEED)
    ap.add_argument("--heavy", action="store_true", help="neglected partnerships: about 50 findings per charter")
    args = ap.parse_args(argv)
    got = generate(args.folder, args.n, args.seed, args.heavy)
    size = sum(os.path.getsize(os.path.join(args.folder, f)) for f in got)
    print(f"{args.n} charters, {size / 1e6:.1f} MB, {sum(1 for s in got.values() if s)} with seeded findings, "
          f"{sum(len(s) for s in got.values())} seeded")


if __name__ == "__main__":
    main()
