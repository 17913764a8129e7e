"""Changes since last time: the same charter at a git revision (``--since``) or another file (``--previous``).

Both versions are judged as of the same date, so the comparison shows what
changed in the charter, not what the passing of time did. Findings and items
are matched by rule and by the id of the thing concerned (metric, hypothesis,
milestone, tension, partner), never by line number or list position, and
statuses show before → after ("M2 on track → stalled").
"""

from __future__ import annotations

import os
import subprocess
import tempfile

from partnerkit.core.numbers import num
from partnerkit.findings.compare import matched
from partnerkit.report.sections.changes import ChangeGroup, Changes, MetricChange


class SourceError(Exception):
    """The previous version cannot be read: exit 2 with this message."""


class NotAtRevision(SourceError):
    """The file did not exist at that revision: it is new since."""


def git_show(folder: str, rev: str, relative: str) -> bytes:
    """``git show REV:./relative`` run in ``folder``."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\n\r\0"):
        raise SourceError(f"--since `{rev}` is not a git revision")
    try:
        done = subprocess.run(["git", "show", f"{rev}:./{relative}"], cwd=folder, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise SourceError("--since needs git, which is not installed or not on PATH") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise SourceError(f"--since {rev}: git failed: {exc}") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = why[0].removeprefix("fatal: ") if why else f"git exited with status {done.returncode}"
        kind = NotAtRevision if "exists on disk, but not in" in why else SourceError
        raise kind(f"--since {rev}: cannot read {relative} at that revision: {why}")
    return done.stdout


def previous_from_git(path: str, rev: str, settings, as_of):
    """Lint the charter as it was at ``rev``, with the CSV data files of that revision."""
    from partnerkit.lint.engine import lint_bytes

    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    data = git_show(folder, rev, name)
    with tempfile.TemporaryDirectory(prefix="partnerkit-since-") as tmp:
        base = _materialize_data(data, folder, rev, tmp)
        result = lint_bytes(data, f"{path}@{rev}", settings, as_of, base)
    return result


def _materialize_data(data: bytes, folder: str, rev: str, tmp: str) -> str | None:
    """Copy the CSV files a previous version names, at that revision, into ``tmp``; return the base folder."""
    from partnerkit.load.yamlload import load_yaml

    try:
        doc = load_yaml(data.decode("utf-8")).data
    except (UnicodeDecodeError, ValueError):
        return None
    named = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(named, dict):
        return None
    rels = [os.path.normpath(v) for v in named.values()
            if isinstance(v, str) and v and "\0" not in v and not os.path.isabs(v)]
    if not rels:
        return None
    ups = max(r.split(os.sep).count("..") for r in rels)
    base = os.path.join(tmp, *(["d"] * ups))
    try:
        os.makedirs(base, exist_ok=True)
    except (OSError, RecursionError):  # a path climbing thousands of folders: no data files then
        return None
    for rel in rels:
        target = os.path.normpath(os.path.join(base, rel))
        if not target.startswith(tmp + os.sep):
            continue
        try:
            content = git_show(folder, rev, rel)
        except SourceError:
            continue
        try:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(content)
        except OSError:  # two data paths where one is the other's folder
            continue
    return base


def previous_from_file(path: str, settings, as_of):
    from partnerkit.lint.engine import lint_file

    result = lint_file(path, settings, as_of)
    if result.error:
        raise SourceError(f"--previous: {result.error}")
    return result


def new_since(source: str) -> Changes:
    return Changes(source, "The charter did not exist then: everything in it is new.")


def compare(prev, cur, source: str, as_of=None, thresholds: dict | None = None) -> Changes:
    """What changed from ``prev`` to ``cur`` (both FileResults), both judged as of ``as_of``."""
    out = Changes(source)
    sections = ("metrics", "hypotheses", "milestones", "tensions", "started", "horizon_months")
    gone = set(prev.set_aside) | set(cur.set_aside)
    usable = prev.charter is not None and cur.charter is not None and not gone.intersection(sections)
    if not usable:
        first = next((f for f in prev.active if f.code[0] == "E"), None)
        why = f": {first.code} {first.message}" if first else ""
        out.note = f"The previous version could not be read as a charter{why}; only findings are compared."
    else:
        a, b = prev.charter, cur.charter
        if as_of:
            out.metrics = _metric_changes(a, b, as_of, thresholds)
        out.groups += [
            ChangeGroup("Metric statuses", _metric_statuses(b, out.metrics)),
            ChangeGroup("Hypotheses", _hypotheses(a, b)),
            ChangeGroup("New readings", _readings(a, b)),
            ChangeGroup("Decisions taken", _decisions(a, b)),
            ChangeGroup("Tensions raised", _raised(a, b)),
            ChangeGroup("Tensions resolved", _resolved(a, b)),
        ]
    fixed, new = matched(prev.active, cur.active)
    out.groups += [ChangeGroup("Findings fixed", [_finding(f) for f in fixed]),
                   ChangeGroup("New findings", [_finding(f) for f in new])]
    return out


def _finding(f) -> str:
    where = f" ({f.where})" if f.where else ""
    return f"{f.code} {f.name}{where}: {f.message}"


def _metric_changes(a, b, as_of, thresholds) -> dict[str, MetricChange]:
    from partnerkit.judge.metrics import latest, status

    old = {m.id: m for m in a.metrics}
    out = {}
    for m in b.metrics:
        then, now = latest(old[m.id]) if m.id in old else None, latest(m)
        out[m.id] = MetricChange(then.value if then else None, now.value if now else None,
                                 status(old[m.id], a, as_of, thresholds) if m.id in old else "new",
                                 status(m, b, as_of, thresholds))
    return out


def _metric_statuses(b, changes: dict[str, MetricChange]) -> list[str]:
    out = []
    for m in b.metrics:
        c = changes.get(m.id)
        if c is None or c.status_before == c.status_after:
            continue
        out.append(f"{m.id} {m.name}: new metric, {c.status_after}" if c.status_before == "new"
                   else f"{m.id} {m.name}: {c.status_before} → {c.status_after}")
    return out


def _hypotheses(a, b) -> list[str]:
    old = {h.id: h for h in a.hypotheses}
    new = {h.id: h for h in b.hypotheses}
    out = []
    for h in b.hypotheses:
        if h.id not in old:
            out.append(f"{h.id} added ({h.status}): {h.statement}")
        elif old[h.id].status != h.status:
            out.append(f"{h.id}: {old[h.id].status} → {h.status}")
    out += [f"{h.id} removed (was {h.status})" for h in a.hypotheses if h.id not in new]
    return out


def _readings(a, b) -> list[str]:
    from partnerkit.judge.metrics import precision

    old = {m.id: {(r.date, r.value) for r in m.readings} for m in a.metrics}
    out = []
    for m in b.metrics:
        seen = old.get(m.id, set())
        for r in sorted(m.readings, key=lambda r: r.date):
            if (r.date, r.value) not in seen:
                out.append(f"{m.id} {m.name}: {num(r.value, m.unit, places=precision(m))} on {r.date.isoformat()}")
    return out


def _decisions(a, b) -> list[str]:
    old = {m.id: m for m in a.milestones}
    out = []
    for m in b.milestones:
        before = old[m.id].decision if m.id in old else "pending"
        if m.decision != before:
            when = f" on {m.decided_on.isoformat()}" if m.decided_on else ""
            out.append(f"{m.id} {m.name}: {before} → {m.decision}{when}")
    return out


def _raised(a, b) -> list[str]:
    old = {t.id for t in a.tensions}
    return [f"{t.id}: {t.issue or 'tension'} (raised {t.raised.isoformat()})" for t in b.tensions if t.id not in old]


def _resolved(a, b) -> list[str]:
    old = {t.id: t for t in a.tensions}
    out = []
    for t in b.tensions:
        if t.status == "resolved" and (t.id not in old or old[t.id].status != "resolved"):
            when = f" on {t.resolved_on.isoformat()}" if t.resolved_on else ""
            out.append(f"{t.id}: {t.issue or 'tension'} (resolved{when})")
    return out
