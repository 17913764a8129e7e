"""Varied, coherent charters for tests that judge many partnerships at once.

Each charter starts from one of the bundled examples and has its numbers,
dates, statuses, directions, kill conditions, values and pulse scores
redrawn from a seeded random generator, keeping ids and references intact so
that nearly every charter reaches the rules and the report. The same seed
gives the same charters.
"""

from __future__ import annotations

import copy
import io
import random
from datetime import date, timedelta
from functools import lru_cache

from ruamel.yaml import YAML

from tests.conftest import AS_OF, HEALTHY, ROOT, SPEC_EXAMPLE

_yaml = YAML(typ="safe", pure=True)
# Writing is done by ruamel's C emitter where it is installed: three times faster than the pure one, and most of
# what generating a charter costs. The two wrap long lines differently; the data are the same.
_writers = {flow: YAML(typ="safe") for flow in (None, False, True)}
for _flow, _writer in _writers.items():
    _writer.default_flow_style = _flow
BASES = [_yaml.load(p.read_text(encoding="utf-8")) for p in (SPEC_EXAMPLE, HEALTHY)]
CADENCES = ["weekly", "biweekly", "monthly", "quarterly", "semiannual", "yearly"]


def day(rng: random.Random, lo: int, hi: int) -> date:
    return AS_OF + timedelta(days=rng.randint(lo, hi))


def _metric(rng, m: dict, started: date) -> None:
    baseline = rng.choice([0, 0, 10, 40, 100, 1200])
    target = rng.choice([baseline + rng.randint(1, 60), max(0, baseline - rng.randint(1, 40)), baseline * 2 + 5])
    m.update(baseline=baseline, target=target, type=rng.choice(["interim", "interim", "outcome"]),
             due=day(rng, -120, 500), cadence=rng.choice(CADENCES))
    if m["due"] <= started:
        m["due"] = started + timedelta(days=rng.randint(30, 400))
    choice = rng.random()
    if choice < 0.5:
        m.pop("direction", None)
    else:
        m["direction"] = ("down" if target < baseline else "up") if choice < 0.9 else rng.choice(["up", "down"])
    readings, when = [], max(started, AS_OF - timedelta(days=rng.randint(60, 400)))
    for _ in range(rng.randint(0, 6)):
        when = min(AS_OF, when + timedelta(days=rng.randint(10, 70)))
        value = baseline + (target - baseline) * rng.uniform(-0.2, 1.2)
        readings.append({"date": when, "value": round(value, rng.choice([0, 1, 2]))})
    m["readings"] = readings


def _kill(rng, milestone: dict, metrics: list[dict]) -> None:
    if not metrics or rng.random() < 0.3:
        milestone["kill_criteria"] = rng.choice(["Fewer than 3 customers renew", ["Budget overrun above 20%"]])
        return
    m = rng.choice(metrics)
    bound = rng.choice([m["baseline"], m["target"], (m["baseline"] + m["target"]) / 2])
    condition = {"metric": m["id"], rng.choice(["above", "below"]): bound}
    if rng.random() < 0.3:
        condition["by"] = day(rng, -60, 200)
    milestone["kill_criteria"] = ["A text criterion", condition] if rng.random() < 0.5 else [condition]


def yaml_text(data, flow: bool | None = None) -> str:
    """``data`` written as YAML: every collection in block style (``flow=False``), in flow style (``True``), or
    the innermost ones in flow style (``None``)."""
    out = io.StringIO()
    _writers[flow].dump(data, out)
    return out.getvalue()


@lru_cache(maxsize=None)
def varied(seed: int) -> str:
    """One charter's YAML text (remembered: several tests judge the same charters)."""
    rng = random.Random(seed)
    ch = copy.deepcopy(rng.choice(BASES))
    ch["id"] = f"p{seed:04d}"
    ch["title"] = f"Partnership {seed}"
    ch["started"] = started = day(rng, -900, -200)
    ch["horizon_months"] = rng.choice([12, 18, 24, 30, 36])
    ch["phase"] = rng.choice(["discovery", "pilot", "scale", "sustain"])
    ch["review"] = {"cadence": rng.choice(CADENCES), "last": day(rng, -120, 0)}
    partners = [p["id"] for p in ch["partners"]]
    shared = [v["id"] for v in ch.get("values", [])]
    for p in ch["partners"]:
        pool = shared + [s.upper() for s in shared] + [s.replace("-", "") for s in shared] + ["frugality", "long term"]
        p["values"] = rng.sample(pool, k=min(len(pool), rng.randint(0, 3)))
    for v in ch.get("values", []):
        v["held_by"] = rng.sample(partners, k=rng.randint(1, len(partners)))
    ch["vision"]["agreed_by"] = rng.sample(partners, k=rng.randint(1, len(partners)))
    for h in ch.get("hypotheses", []):
        h["status"] = rng.choice(["open", "testing", "validated", "invalidated"])
        h["due"] = max(day(rng, -200, 300), started + timedelta(days=1))
        h["confidence"] = {p: round(rng.random(), 1) for p in partners if rng.random() < 0.9}
        h.pop("revised_into", None)
    for m in ch.get("metrics", []):
        _metric(rng, m, started)
    for t in ch.get("tensions", []):
        t["raised"] = day(rng, -300, 0)
        t["status"] = rng.choice(["open", "resolved"])
        t.pop("resolved_on", None)
        if t["status"] == "resolved":
            t["resolved_on"] = min(AS_OF, t["raised"] + timedelta(days=rng.randint(0, 60)))
        if rng.random() < 0.2:
            t.pop("owner", None)
    for g in ch.get("milestones", []):
        g["due"] = max(day(rng, -200, 300), started)
        g["decision"] = rng.choice(["pending", "pending", "continue", "pivot", "stop"])
        g.pop("decided_on", None)
        _kill(rng, g, ch.get("metrics", []))
    for entry in ch.get("pulse", []):
        entry["date"] = min(AS_OF, entry["date"] + timedelta(days=rng.randint(-200, 40)))
        entry["scores"] = {d: round(rng.uniform(1, 5), 1) for d in entry["scores"]}
    return yaml_text(ch)


def corpus(count: int, seed: int = 0) -> list[str]:
    return [varied(seed * 100_000 + i) for i in range(count)]


def bench_script(name: str):
    """A script of ``bench/`` loaded as a module (``bench/`` on the path while it loads, for its own imports)."""
    import importlib.util
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return module


def bench_corpus():
    """The benchmark's corpus generator (``bench/corpus.py``), for tests that need many charters on disk."""
    return bench_script("corpus")
