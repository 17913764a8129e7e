"""Benchmark partnerkit against its peers on one generated corpus, in one run.

    python bench/run.py                 # 1,000 charters: the full table (a few minutes, mostly yamllint)
    python bench/run.py --quick         # 40 charters, 3 repetitions: checks correctness, in seconds
    python bench/run.py -n 5000 --markdown bench/out/results.md

Whole-folder rows, each a fresh process on the same files: ``partnerkit lint
--format json``, ``yamllint -d relaxed``, ``check-jsonschema`` with the schema
``partnerkit schema -o`` exports, and the floor: ruamel's C parser composing
every file on every core (``bench/floor.py``). partnerkit and the floor run
alternately, several times (median). Each row gives wall time, CPU time
(user and system, the process and its children) and peak memory: the sum of
the resident set sizes of the process and all its children, sampled every
few milliseconds. Then cold single-charter rows, medians of alternated
runs: one charter's ``lint`` against ``check-jsonschema`` on the same
charter, ``partnerkit --version`` against a bare ``python -c pass``, and
the example's HTML report. A missing peer is reported and its row skipped.

Every tool runs as installed: bytecode caching on (``PYTHONDONTWRITEBYTECODE``
is dropped), and each is run once before timing so that no row pays for
compiling.

``--quick`` asserts what the numbers rest on, not the numbers: every tool
ran, partnerkit linted every file, and it reported each seeded finding whose
rule exists. It exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

EXAMPLE = ROOT / "examples" / "acme-globex.charter.yaml"
AS_OF = corpus.AS_OF.isoformat()

TARGETS = {  # key -> (comparison, bound, what)
    "yamllint": ("at_least", 20.0, "≥ 20× faster than yamllint"),
    "check-jsonschema": ("at_least", 3.0, "≥ 3× faster than check-jsonschema"),
    "floor": ("at_most", 1.2, "within 1.2× of the floor"),
    "memory": ("at_most", 150.0, "peak memory ≤ 150 MB"),
    "cold": ("at_most", 0.8, "one cold charter ≤ 0.8× check-jsonschema"),
    "version": ("at_most", 80.0, "`partnerkit --version` < 80 ms"),
    "html": ("at_most", 0.5, "example HTML report < 0.5 s"),
}


# --- running and measuring ---------------------------------------------------------

def tool(name: str) -> str | None:
    """A console script: the one installed beside this Python first (no shell shims), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    return shutil.which(name)


def tool_env() -> dict:
    env = dict(os.environ, NO_COLOR="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # run as installed: with compiled bytecode
    return env


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                found.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(root: int) -> int:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(_children(pid))
    return total


class Run:
    def __init__(self, wall: float, cpu: float, peak_mb: float, code: int, stdout: bytes, stderr: bytes):
        self.wall, self.cpu, self.peak_mb, self.code = wall, cpu, peak_mb, code
        self.stdout, self.stderr = stdout, stderr

    def error(self, limit: int = 400) -> str:
        return self.stderr.decode(errors="replace")[-limit:]


def measure(cmd: list[str]) -> Run:
    """Run ``cmd``: wall time, CPU time of it and its children, and peak RSS of its process tree."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=tool_env())
        peak = 0
        sampling = os.path.exists(f"/proc/{proc.pid}")
        while proc.poll() is None:
            if sampling:
                peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.004)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        if peak == 0:  # no /proc, or too quick to sample: the largest single process instead
            peak = after.ru_maxrss if sys.platform != "darwin" else after.ru_maxrss // 1024
        out.seek(0)
        err.seek(0)
        return Run(wall, cpu, peak / 1024, proc.returncode, out.read(), err.read())


class Series:
    """Several runs of one command: median wall and CPU times, the highest peak memory, the last run's output."""

    def __init__(self, runs: list[Run]):
        self.runs = runs
        self.wall = statistics.median(r.wall for r in runs)
        self.cpu = statistics.median(r.cpu for r in runs)
        self.peak_mb = max(r.peak_mb for r in runs)
        self.last = runs[-1]
        self.codes = {r.code for r in runs}


def alternate(commands: dict[str, list[str]], times: int) -> dict[str, Series]:
    """Run the commands in turn, ``times`` rounds, so that all of them see the same machine."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(times):
        for name, cmd in commands.items():
            runs[name].append(measure(cmd))
    return {name: Series(got) for name, got in runs.items()}


def version_of(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except OSError:
        return "?"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0].split()[-1] if text else "?"


# --- the report --------------------------------------------------------------------

def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


class Report:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.checks: list[tuple[str, bool, str]] = []  # (target, met, figure)
        self.notes: list[str] = []
        self.problems: list[str] = []

    def row(self, label: str, s: Series | None, versus: str = "—", wall: float | None = None) -> None:
        if s is None:
            self.rows.append((label, fmt_s(wall or 0), "", "", versus))
        else:
            self.rows.append((label, fmt_s(s.wall), fmt_s(s.cpu), f"{s.peak_mb:.0f} MB", versus))

    def check(self, key: str, value: float, figure: str) -> None:
        kind, bound, what = TARGETS[key]
        met = value >= bound if kind == "at_least" else value <= bound
        self.checks.append((what, met, figure))

    def expect(self, ok: bool, message: str) -> None:
        if not ok:
            self.problems.append(message)

    def markdown(self, machine: list[str]) -> str:
        out = ["## Machine", "", *[f"- {m}" for m in machine], ""]
        out += ["## Figures", "", "| run | wall time | CPU time | peak memory | partnerkit is |",
                "| --- | ---: | ---: | ---: | --- |"]
        out += ["| " + " | ".join(r) + " |" for r in self.rows]
        out += ["", "## Targets", "", "| target | figure | met |", "| --- | --- | --- |"]
        out += [f"| {what} | {figure} | {'yes' if met else '**no**'} |" for what, met, figure in self.checks]
        if self.notes:
            out += ["", *[f"- {n}" for n in self.notes]]
        return "\n".join(out) + "\n"


def machine_lines(workers: int) -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    lines = [f"{cpu}, {workers} CPU(s) available; {platform.system()} {platform.release()}",
             f"Python {platform.python_version()}"]
    if hasattr(os, "getloadavg"):
        lines.append("load average at start: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
                     + " (other work on the machine slows every row)")
    return lines


# --- the benchmark -------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--charters", type=int, default=None, help="charters in the corpus (default 1000; 40 with --quick)")
    ap.add_argument("--repeat", type=int, default=None, help="runs per cold single-charter row (median; default 7, 3 with --quick)")
    ap.add_argument("--folder-repeat", type=int, default=None,
                    help="runs of partnerkit and of the floor on the whole folder (median; default 3, 1 with --quick)")
    ap.add_argument("--quick", action="store_true", help="small and fast: assert correctness, not speed")
    ap.add_argument("--seed", type=int, default=corpus.SEED, help="corpus seed")
    ap.add_argument("--markdown", metavar="FILE", help="also write the Markdown report to FILE")
    ap.add_argument("--keep", metavar="DIR", help="generate the corpus into DIR and keep it")
    args = ap.parse_args(argv)
    n = args.charters or (40 if args.quick else 1000)
    repeat = args.repeat or (3 if args.quick else 7)
    rounds = args.folder_repeat or (1 if args.quick else 3)

    pk = tool("partnerkit")
    if pk is None:
        print("partnerkit is not installed: `pip install -e .`", file=sys.stderr)
        return 2
    peers = {"yamllint": tool("yamllint"), "check-jsonschema": tool("check-jsonschema")}
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="partnerkit-bench-"))
    try:
        return run_all(args, n, repeat, rounds, pk, peers, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def run_all(args, n: int, repeat: int, rounds: int, pk: str, peers: dict, workdir: Path) -> int:
    from partnerkit.lint.parallel import workers_available

    report = Report()
    folder = workdir / "charters"
    shutil.rmtree(folder, ignore_errors=True)
    seeded = corpus.generate(str(folder), n, args.seed)
    files = sorted(str(folder / name) for name in seeded)
    size = sum(os.path.getsize(f) for f in files)
    schema = workdir / "charter.schema.json"
    subprocess.run([pk, "schema", "-o", str(schema)], check=True)
    machine = machine_lines(workers_available())
    machine.append(f"corpus: {n} charters, {size / 1e6:.1f} MB (mean {size / n / 1000:.1f} KB), seed {args.seed}, as of {AS_OF}")
    machine.append(f"partnerkit {version_of([pk, '--version'])}; "
                   + "; ".join(f"{name} {version_of([exe, '--version'])}" for name, exe in peers.items() if exe))
    print(f"corpus: {n} charters ({size / 1e6:.1f} MB) in {folder}", file=sys.stderr)
    for name, exe in peers.items():
        if exe is None:
            report.notes.append(f"{name} is not installed (`pip install -e '.[bench]'`): its row is skipped.")

    warm_up(workdir, files[0], pk, peers, schema)
    runs = folder_rows(report, n, rounds, folder, files, pk, peers, schema)
    cold_rows(report, repeat, files[1], pk, peers, schema, workdir)
    check_results(report, runs, seeded, n)
    if args.quick:
        report.notes.append("Quick mode: a small corpus checks correctness. The targets are set for 1,000 charters, "
                            "where start-up weighs far less: these figures do not measure them.")
    text = report.markdown(machine)
    print(text)
    if args.markdown:
        Path(args.markdown).parent.mkdir(parents=True, exist_ok=True)
        Path(args.markdown).write_text(text, encoding="utf-8")
    for problem in report.problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


def warm_up(workdir: Path, one: str, pk: str, peers: dict, schema: Path) -> None:
    """Every tool once on one file: bytecode compiled and cached, files in the page cache."""
    warm = workdir / "warm"
    warm.mkdir(exist_ok=True)
    shutil.copy(one, warm / "one.charter.yaml")
    cmds = [[pk, "--version"], [pk, "lint", "--as-of", AS_OF, str(warm)], [sys.executable, str(HERE / "floor.py"), str(warm)]]
    if peers["yamllint"]:
        cmds.append([peers["yamllint"], "-d", "relaxed", str(warm)])
    if peers["check-jsonschema"]:
        cmds.append([peers["check-jsonschema"], "--schemafile", str(schema), one])
    for cmd in cmds:
        measure(cmd)


def folder_rows(report: Report, n: int, rounds: int, folder: Path, files: list[str], pk: str, peers: dict,
                schema: Path) -> dict[str, Series]:
    pk_cmd = [pk, "lint", "--format", "json", "--as-of", AS_OF, "--fail-on", "never", str(folder)]
    floor_cmd = [sys.executable, str(HERE / "floor.py"), str(folder)]
    runs = alternate({"partnerkit": pk_cmd, "floor": floor_cmd}, rounds)
    if peers["yamllint"]:
        runs["yamllint"] = Series([measure([peers["yamllint"], "-d", "relaxed", str(folder)])])
    if peers["check-jsonschema"]:
        runs["check-jsonschema"] = Series([measure([peers["check-jsonschema"], "--schemafile", str(schema), *files])])
    times = f" (median of {rounds})" if rounds > 1 else ""
    mine = runs["partnerkit"]
    report.row(f"`partnerkit lint --format json`, {n} charters{times}", mine)
    for name, label in (("yamllint", "`yamllint -d relaxed`"), ("check-jsonschema", "`check-jsonschema` with the exported schema")):
        if name in runs:
            ratio = runs[name].wall / mine.wall
            report.row(label, runs[name], f"{ratio:.1f}× faster")
            report.check(name, ratio, f"{ratio:.1f}×")
    floor = runs["floor"]
    ratio = mine.wall / floor.wall
    report.row(f"floor: C parser composing every file, all cores{times}", floor, f"{ratio:.2f}× the floor's time")
    report.check("floor", ratio, f"{ratio:.2f}× ({fmt_s(mine.wall)} against {fmt_s(floor.wall)}; CPU {mine.cpu / floor.cpu:.2f}×)")
    report.check("memory", mine.peak_mb, f"{mine.peak_mb:.0f} MB")
    for name, s in runs.items():
        print(f"{name}: {fmt_s(s.wall)} wall, {fmt_s(s.cpu)} CPU, {s.peak_mb:.0f} MB, exit {sorted(s.codes)}", file=sys.stderr)
    return runs


def cold_rows(report: Report, repeat: int, one: str, pk: str, peers: dict, schema: Path, workdir: Path) -> None:
    cmds = {"partnerkit": [pk, "lint", "--format", "json", "--as-of", AS_OF, one]}
    if peers["check-jsonschema"]:
        cmds["check-jsonschema"] = [peers["check-jsonschema"], "--schemafile", str(schema), one]
    cold = alternate(cmds, repeat)
    mine = cold["partnerkit"]
    if "check-jsonschema" in cold:
        theirs = cold["check-jsonschema"]
        ratio = mine.wall / theirs.wall
        report.row(f"one charter, cold: `partnerkit lint` (median of {repeat})", mine, f"{ratio:.2f}× check-jsonschema's time")
        report.row(f"one charter, cold: `check-jsonschema` (median of {repeat})", theirs)
        report.check("cold", ratio, f"{ratio:.2f}× ({fmt_s(mine.wall)} against {fmt_s(theirs.wall)})")
        report.expect(theirs.codes <= {0, 1}, f"check-jsonschema on one charter exited {theirs.codes}: {theirs.last.error()}")
    else:
        report.row(f"one charter, cold: `partnerkit lint` (median of {repeat})", mine)
    report.expect(mine.codes <= {0, 1}, f"partnerkit lint on one charter exited {mine.codes}: {mine.last.error()}")

    starts = alternate({"version": [pk, "--version"], "bare": [sys.executable, "-c", "pass"]}, repeat * 2)
    report.row(f"`partnerkit --version` (median of {repeat * 2})", starts["version"])
    report.row(f"for reference: `python -c pass` (median of {repeat * 2})", starts["bare"])
    report.check("version", starts["version"].wall * 1000, fmt_s(starts["version"].wall))
    report.expect(starts["version"].codes == {0}, f"partnerkit --version exited {starts['version'].codes}")

    if subprocess.run([pk, "report", "--help"], capture_output=True, env=tool_env()).returncode != 0:
        report.notes.append("`partnerkit report` is not available: the HTML report row is skipped.")
        return
    html = workdir / "example.html"
    made = alternate({"html": [pk, "report", "--format", "html", "--as-of", AS_OF, "-o", str(html), str(EXAMPLE)]}, repeat)["html"]
    report.row(f"example HTML report (median of {repeat})", made)
    report.check("html", made.wall, fmt_s(made.wall))
    report.expect(made.codes == {0} and html.exists() and html.stat().st_size > 0,
                  f"partnerkit report --format html exited {made.codes}: {made.last.error()}")


def check_results(report: Report, runs: dict[str, Series], seeded: dict, n: int) -> None:
    """What the figures rest on: every tool ran, and partnerkit found what was seeded."""
    pk = runs["partnerkit"]
    report.expect(pk.codes == {0}, f"partnerkit lint exited {pk.codes}: {pk.last.error()}")
    for name in ("yamllint", "check-jsonschema"):
        if name in runs:
            report.expect(runs[name].codes <= {0, 1}, f"{name} exited {runs[name].codes}: {runs[name].last.error()}")
    floor = runs["floor"]
    report.expect(floor.codes == {0} and f"of {n} files" in floor.last.stdout.decode(),
                  f"the floor did not run: {floor.last.error()}")
    try:
        doc = json.loads(pk.last.stdout)
    except ValueError:
        report.expect(False, "partnerkit lint did not print a JSON report")
        return
    report.expect(doc["summary"]["files"] == n, f"partnerkit linted {doc['summary']['files']} files, not {n}")
    from partnerkit.rules import REGISTRY, all_rules

    all_rules()
    by_file = {Path(f["path"]).name: f["findings"] for f in doc["files"]}
    missing, skipped = [], set()
    for name, expected in seeded.items():
        for code, prefix in expected:
            if code not in REGISTRY:
                skipped.add(code)
                continue
            if not any(f["code"] == code and _under(f["path"], prefix) for f in by_file.get(name, [])):
                missing.append(f"{name}: {code} at {prefix or 'the file'}")
    report.expect(not missing, "seeded findings not reported: " + "; ".join(missing[:10]))
    count = sum(len(v) for v in seeded.values())
    report.notes.append(f"partnerkit reported {count - len(missing)} of the {count} seeded findings"
                        + (f" (rules not present, not checked: {', '.join(sorted(skipped))})" if skipped else "") + ".")


def _under(path: str, prefix: str) -> bool:
    return not prefix or path == prefix or path.startswith((prefix + ".", prefix + "["))


if __name__ == "__main__":
    sys.exit(main())
