"""Benchmark partnerkit against its peers and its floor on one generated corpus, in one run.

    python bench/run.py                  # 1,000 healthy charters: partnerkit, the floor, the peers
    python bench/run.py --heavy          # 1,000 findings-heavy charters (~50,000 findings): every output format
    python bench/run.py --heavy --scale  # ...and 10,000 charters against 1,000: every target in one run
    python bench/run.py --quick          # small corpora: checks correctness, in well under a minute

Whole-folder rows, each a fresh process on the same files, standard output
redirected to a file: ``partnerkit lint --format FORMAT --fail-on never``
(json on the healthy corpus; text, json, sarif, junit and github on the
findings-heavy one), and the floor: ruamel's C parser producing the events
of every file on one process per CPU (``bench/floor.py``), with the old
compose floor as a reference row. partnerkit and the floor run alternately,
five rounds: a row gives the median of its rounds, and a ratio between two
rows is the median of their ratios within each round (two runs of one round
see the same machine; a busy moment slows both). Then the peers on the same
folder, once each: ``yamllint -d relaxed`` and ``check-jsonschema`` with the
schema ``partnerkit schema -o`` exports. Each row gives wall time, CPU time
(user and system, the process and its children) and peak memory: the sum of the
resident set sizes of the process and all its children, sampled every few
milliseconds. Then cold single-charter rows, medians of alternated runs on
the worked example: ``lint`` against ``check-jsonschema`` and ``yamllint``,
``partnerkit --version`` against a bare ``python -c pass``, and the
example's HTML report. ``--scale`` adds 10× the charters against 1×, in
JSON, with the floor on both, all four alternated. ``--quick`` uses 40
healthy and 40 findings-heavy charters. A missing peer is reported and its
row skipped.

Every tool runs as installed: bytecode caching on (``PYTHONDONTWRITEBYTECODE``
is dropped), and each is run once before timing so that no row pays for
compiling.

Targets are checked and reported, met or missed; a missed target does not
fail the run. What the figures rest on is asserted, and fails the run (exit
1): every tool ran, partnerkit linted every file, reported each seeded
finding whose rule exists, and every format wrote a document that parses
(JSON, SARIF as JSON, JUnit as XML) and carries every finding.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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
FORMATS = ("text", "json", "sarif", "junit", "github")
SCALE = 10  # --scale: this many times the charters

TARGETS = {  # key -> (comparison, bound, what)
    "floor": ("at_most", 2.5, "`--format {}` ≤ 2.5× the event floor, {}"),
    "memory": ("at_most", 150.0, "`--format {}` peak memory ≤ 150 MB, {}"),
    "scale-time": ("at_most", 10.5, "{}: ≤ 10.5× the time of {:,}"),
    "scale-memory": ("at_most", 1.2, "{}: ≤ 1.2× the peak memory of {:,} (flat)"),
    "yamllint": ("at_least", 20.0, "≥ 20× faster than yamllint, {}"),
    "check-jsonschema": ("at_least", 3.0, "≥ 3× faster than check-jsonschema, {}"),
    "cold-check-jsonschema": ("at_most", 0.5, "one cold charter ≤ 0.5× check-jsonschema"),
    "cold-yamllint": ("at_most", 1.2, "one cold charter ≤ 1.2× yamllint"),
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
    env.pop("GITHUB_STEP_SUMMARY", None)  # --format github would append to it
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


def measure(cmd: list[str], tail: int = 0) -> Run:
    """Run ``cmd`` with its output going to files: wall time, CPU time of it and its children, peak RSS of its tree.

    ``tail``: keep only the last ``tail`` bytes of standard output (0: all of it).
    """
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
        out.seek(max(0, out.seek(0, os.SEEK_END) - tail) if tail else 0)
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

    def over(self, other: Series, what: str = "wall") -> float:
        """This series against another run in the same rounds: the median of the ratios within each round."""
        return statistics.median(self.ratios(other, what))

    def ratios(self, other: Series, what: str = "wall") -> list[float]:
        """The ratio within each round, in order."""
        return [getattr(a, what) / getattr(b, what) for a, b in zip(self.runs, other.runs)]

    def spread(self, other: Series) -> str:
        """The lowest and highest wall-time ratio of the rounds, for a reader to see how much the machine moved."""
        got = self.ratios(other)
        return f"; rounds {min(got):.2f}× to {max(got):.2f}×" if len(got) > 1 else ""


def alternate(commands: dict[str, list[str]], times: int, tail: int = 0) -> dict[str, Series]:
    """Run the commands in turn, ``times`` rounds, so that all of them see the same machine.

    Only the last run of each command keeps its output (a findings-heavy
    SARIF report is tens of megabytes).
    """
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(times):
        for name, cmd in commands.items():
            if runs[name]:
                runs[name][-1].stdout = b""
            runs[name].append(measure(cmd, tail))
    return {name: Series(got) for name, got in runs.items()}


def version_of(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except OSError:
        return "?"
    text = (out.stdout or out.stderr).strip()
    return text.splitlines()[0].split()[-1] if text else "?"


# --- the corpora --------------------------------------------------------------------

class Corpus:
    """A generated folder of charters: its files, what was seeded into them, and its size."""

    def __init__(self, workdir: Path, n: int, seed: int, heavy: bool):
        self.n, self.heavy = n, heavy
        self.kind = "findings-heavy" if heavy else "healthy"
        self.folder = workdir / f"{'heavy' if heavy else 'healthy'}-{n}"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.seeded = corpus.generate(str(self.folder), n, seed, heavy)
        self.files = sorted(str(self.folder / name) for name in self.seeded)
        self.size = sum(os.path.getsize(f) for f in self.files)
        self.findings: int | None = None  # what partnerkit reported, once it has run

    @property
    def label(self) -> str:
        return f"{self.n:,} {self.kind} charters"

    def describe(self) -> str:
        found = f", {self.findings:,} findings" if self.findings is not None else ""
        return f"{self.label}: {self.size / 1e6:.1f} MB (mean {self.size / self.n / 1000:.1f} KB){found}"


def lint_cmd(pk: str, fmt: str, folder: Path) -> list[str]:
    return [pk, "lint", "--format", fmt, "--as-of", AS_OF, "--fail-on", "never", str(folder)]


def floor_cmd(folder: Path, compose: bool = False) -> list[str]:
    return [sys.executable, str(HERE / "floor.py"), str(folder), *(["--compose"] if compose else [])]


# --- the report --------------------------------------------------------------------

def median_of(rounds: int) -> str:
    return f" (median of {rounds})" if rounds > 1 else ""


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


class Report:
    def __init__(self):
        self.rows: list[tuple[str, str, str, str, str]] = []
        self.checks: list[tuple[str, bool, str]] = []  # (target, met, figure)
        self.notes: list[str] = []
        self.problems: list[str] = []

    def row(self, label: str, s: Series, versus: str = "—") -> None:
        self.rows.append((label, fmt_s(s.wall), fmt_s(s.cpu), f"{s.peak_mb:.0f} MB", versus))

    def check(self, key: str, value: float, figure: str, *what_args) -> None:
        kind, bound, what = TARGETS[key]
        met = value >= bound if kind == "at_least" else value <= bound
        self.checks.append((what.format(*what_args), met, figure))

    def expect(self, ok: bool, message: str) -> None:
        if not ok:
            self.problems.append(message)

    def markdown(self, machine: list[str]) -> str:
        out = ["## Machine", "", *[f"- {m}" for m in machine], ""]
        out += ["## Figures", "", "| run | wall time | CPU time | peak memory | compared |",
                "| --- | ---: | ---: | ---: | --- |"]
        out += ["| " + " | ".join(r) + " |" for r in self.rows]
        out += ["", "## Targets", "", "| target | figure | met |", "| --- | --- | --- |"]
        out += [f"| {what} | {figure} | {'yes' if met else '**no**'} |" for what, met, figure in self.checks]
        if self.notes:
            out += ["", *[f"- {n}" for n in self.notes]]
        return "\n".join(out) + "\n"


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return "?"
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def machine_lines(workers: int) -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    return [f"{cpu}, {workers} CPU(s) available; {platform.system()} {platform.release()}",
            f"Python {platform.python_version()}",
            f"load average at start: {load_average()} (other work on the machine slows every row)"]


# --- the benchmark -------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--charters", type=int, default=None, help="charters in the corpus (default 1000; 40 with --quick)")
    ap.add_argument("--heavy", action="store_true",
                    help="the findings-heavy corpus (about 50 findings per charter), every output format")
    ap.add_argument("--scale", action="store_true", help=f"also {SCALE}× the charters, against the same run's N (slow)")
    ap.add_argument("--repeat", type=int, default=None, help="runs per cold single-charter row (median; default 7, 3 with --quick)")
    ap.add_argument("--folder-repeat", type=int, default=None,
                    help="alternated rounds of partnerkit and the floor on the whole folder (median; default 5, 1 with --quick)")
    ap.add_argument("--quick", action="store_true",
                    help="small healthy and findings-heavy corpora: assert correctness, not speed")
    ap.add_argument("--seed", type=int, default=corpus.SEED, help="corpus seed")
    ap.add_argument("--markdown", metavar="FILE", help="also write the Markdown report to FILE")
    ap.add_argument("--keep", metavar="DIR", help="generate the corpora into DIR and keep them")
    args = ap.parse_args(argv)
    args.n = args.charters or (40 if args.quick else 1000)
    args.repeat = args.repeat or (3 if args.quick else 7)
    args.rounds = args.folder_repeat or (1 if args.quick else 5)

    pk = tool("partnerkit")
    if pk is None:
        print("partnerkit is not installed: `pip install -e .`", file=sys.stderr)
        return 2
    peers = {"yamllint": tool("yamllint"), "check-jsonschema": tool("check-jsonschema")}
    workdir = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="partnerkit-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        return run_all(args, pk, peers, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def run_all(args, pk: str, peers: dict, workdir: Path) -> int:
    from partnerkit.lint.parallel import workers_available

    report = Report()
    # (corpus, formats): the first corpus is also the one the peers read
    plan = [(Corpus(workdir, args.n, args.seed, args.heavy), FORMATS if args.heavy else ("json",))]
    if args.quick and not args.heavy:
        plan.append((Corpus(workdir, args.n, args.seed, True), FORMATS))
    schema = workdir / "charter.schema.json"
    subprocess.run([pk, "schema", "-o", str(schema)], check=True)
    machine = machine_lines(workers_available())
    machine.append(f"partnerkit {version_of([pk, '--version'])}; "
                   + "; ".join(f"{name} {version_of([exe, '--version'])}" for name, exe in peers.items() if exe))
    for name, exe in peers.items():
        if exe is None:
            report.notes.append(f"{name} is not installed (`pip install -e '.[bench]'`): its rows are skipped.")

    warm_up(workdir, pk, peers, schema)
    measured = []
    for c, formats in plan:
        print(f"corpus: {c.describe()} in {c.folder}", file=sys.stderr)
        measured.append(folder_rows(report, c, formats, args.rounds, pk))
        check_results(report, c, measured[-1], formats)
    c, runs = plan[0][0], measured[0]
    peer_rows(report, c, runs["json"], peers, schema)
    if args.scale:
        scale_rows(report, args, c, pk, workdir)
    cold_rows(report, args.repeat, pk, peers, schema, workdir)
    machine += [f"corpus: {c.describe()}, seed {args.seed}, as of {AS_OF}" for c, _ in plan]
    machine.append(f"the floor's C parser: {runs['floor'].last.stdout.decode().rsplit('C parser ', 1)[-1].strip()}")
    machine.append(f"load average at the end: {load_average()}")
    if args.quick:
        report.notes.append("Quick mode: small corpora check correctness. The targets are set for 1,000 charters, "
                            "where start-up weighs far less: these figures do not measure them.")
    return finish(report, machine, args.markdown)


def finish(report: Report, machine: list[str], markdown: str | None) -> int:
    """Print the report (and write it to ``markdown``); 1 when what the figures rest on failed."""
    text = report.markdown(machine)
    print(text)
    if markdown:
        Path(markdown).parent.mkdir(parents=True, exist_ok=True)
        Path(markdown).write_text(text, encoding="utf-8")
    for problem in report.problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


def warm_up(workdir: Path, pk: str, peers: dict, schema: Path) -> None:
    """Every tool once on one file: bytecode compiled and cached, files in the page cache."""
    warm = workdir / "warm"
    warm.mkdir(exist_ok=True)
    shutil.copy(EXAMPLE, warm / "one.charter.yaml")
    cmds = [[pk, "--version"], *(lint_cmd(pk, fmt, warm) for fmt in FORMATS), floor_cmd(warm), floor_cmd(warm, True)]
    if peers["yamllint"]:
        cmds.append([peers["yamllint"], "-d", "relaxed", str(warm)])
    if peers["check-jsonschema"]:
        cmds.append([peers["check-jsonschema"], "--schemafile", str(schema), str(EXAMPLE)])
    for cmd in cmds:
        measure(cmd)


def folder_rows(report: Report, c: Corpus, formats, rounds: int, pk: str) -> dict[str, Series]:
    """Every format and the floor, alternated; the old compose floor as a reference."""
    commands = {"floor": floor_cmd(c.folder)}
    commands.update((fmt, lint_cmd(pk, fmt, c.folder)) for fmt in formats)
    commands["compose"] = floor_cmd(c.folder, compose=True)
    runs = alternate(commands, rounds)
    times = median_of(rounds)
    floor = runs["floor"]
    for fmt in formats:
        mine = runs[fmt]
        ratio = mine.over(floor)
        report.row(f"`partnerkit lint --format {fmt}`, {c.label}{times}", mine, f"{ratio:.2f}× the event floor")
        report.check("floor", ratio, f"{ratio:.2f}× ({fmt_s(mine.wall)} against {fmt_s(floor.wall)}; "
                                     f"CPU {mine.over(floor, 'cpu'):.2f}×{mine.spread(floor)})", fmt, c.label)
        report.check("memory", mine.peak_mb, f"{mine.peak_mb:.0f} MB", fmt, c.label)
    report.row(f"floor: C parser events, {c.label}, all cores{times}", floor)
    compose = runs["compose"]
    report.row(f"reference: C parser composing nodes (the old floor), {c.label}{times}", compose,
               f"{compose.over(floor):.2f}× the event floor")
    for name, s in runs.items():
        print(f"{c.kind} {name}: {fmt_s(s.wall)} wall, {fmt_s(s.cpu)} CPU, {s.peak_mb:.0f} MB, exit {sorted(s.codes)}",
              file=sys.stderr)
    return runs


def peer_rows(report: Report, c: Corpus, mine: Series, peers: dict, schema: Path) -> None:
    """yamllint and check-jsonschema on the same folder, once each (they take minutes), against `--format json`."""
    commands = {
        "yamllint": ("`yamllint -d relaxed`", [peers["yamllint"], "-d", "relaxed", str(c.folder)]),
        "check-jsonschema": ("`check-jsonschema` with the exported schema",
                             [peers["check-jsonschema"], "--schemafile", str(schema), *c.files]),
    }
    for name, (label, cmd) in commands.items():
        if peers[name] is None:
            continue
        theirs = measure(cmd)
        ratio = theirs.wall / mine.wall
        report.row(f"{label}, {c.label}", Series([theirs]), f"`--format json` is {ratio:.1f}× faster")
        report.check(name, ratio, f"{ratio:.1f}× ({fmt_s(mine.wall)} against {fmt_s(theirs.wall)})", c.label)
        report.expect(theirs.code in (0, 1), f"{name} exited {theirs.code}: {theirs.error()}")
        print(f"{name}: {fmt_s(theirs.wall)} wall, {theirs.peak_mb:.0f} MB, exit {theirs.code}", file=sys.stderr)


def scale_rows(report: Report, args, base: Corpus, pk: str, workdir: Path) -> None:
    """10× the charters in JSON against 1×, and the floor on both, all four alternated in the same rounds."""
    big = Corpus(workdir, base.n * SCALE, args.seed, base.heavy)
    print(f"corpus: {big.describe()} in {big.folder}", file=sys.stderr)
    runs = alternate({"small": lint_cmd(pk, "json", base.folder), "large": lint_cmd(pk, "json", big.folder),
                      "small floor": floor_cmd(base.folder), "large floor": floor_cmd(big.folder)}, args.rounds, 4096)
    shutil.rmtree(big.folder, ignore_errors=True)
    mine, small = runs["large"], runs["small"]
    time_ratio, memory_ratio = mine.over(small), mine.peak_mb / small.peak_mb
    floor_ratio = runs["large floor"].over(runs["small floor"])
    times = median_of(args.rounds)
    report.row(f"scale: `partnerkit lint --format json`, {base.label}{times}", small)
    report.row(f"scale: `partnerkit lint --format json`, {big.label}{times}", mine,
               f"{time_ratio:.2f}× the time of {base.n:,}, {memory_ratio:.2f}× the memory")
    report.row(f"scale: floor, {big.label}{times}", runs["large floor"], f"{floor_ratio:.2f}× its time on {base.n:,}")
    report.check("scale-time", time_ratio, f"{time_ratio:.2f}× ({fmt_s(mine.wall)} against {fmt_s(small.wall)}; "
                                           f"the floor {floor_ratio:.2f}×)", big.label, base.n)
    report.check("scale-memory", memory_ratio, f"{memory_ratio:.2f}× ({mine.peak_mb:.0f} MB against {small.peak_mb:.0f} MB)",
                 big.label, base.n)
    for name, s in runs.items():
        report.expect(s.codes == {0}, f"{name} on the scale row exited {s.codes}: {s.last.error()}")
    summary = mine.last.stdout.decode(errors="replace").rsplit('"summary"', 1)[-1]  # the report's last lines
    report.expect(re.search(rf'"files":\s*{big.n}\b', summary) is not None,
                  f"partnerkit did not lint all of {big.label}: {summary[:200]}")


def cold_rows(report: Report, repeat: int, pk: str, peers: dict, schema: Path, workdir: Path) -> None:
    """One charter, the worked example, each tool a fresh process: what a pre-commit hook or an editor waits for."""
    one = str(EXAMPLE)
    cmds = {"partnerkit": [pk, "lint", "--format", "json", "--as-of", AS_OF, one]}
    if peers["check-jsonschema"]:
        cmds["check-jsonschema"] = [peers["check-jsonschema"], "--schemafile", str(schema), one]
    if peers["yamllint"]:
        cmds["yamllint"] = [peers["yamllint"], "-d", "relaxed", one]
    cold = alternate(cmds, repeat)
    mine = cold.pop("partnerkit")
    ratios = {name: mine.over(theirs) for name, theirs in cold.items()}
    versus = "; ".join(f"{r:.2f}× {name}'s time" for name, r in ratios.items()) or "—"
    report.row(f"one charter (the example), cold: `partnerkit lint --format json` (median of {repeat})", mine, versus)
    for name, theirs in cold.items():
        report.row(f"one charter (the example), cold: `{name}` (median of {repeat})", theirs)
        report.check(f"cold-{name}", ratios[name], f"{ratios[name]:.2f}× ({fmt_s(mine.wall)} against {fmt_s(theirs.wall)})")
        report.expect(theirs.codes <= {0, 1}, f"{name} on one charter exited {theirs.codes}: {theirs.last.error()}")
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
    made = alternate({"html": [pk, "report", "--format", "html", "--as-of", AS_OF, "-o", str(html), one]}, repeat)["html"]
    report.row(f"example HTML report (median of {repeat})", made)
    report.check("html", made.wall, fmt_s(made.wall))
    report.expect(made.codes == {0} and html.exists() and html.stat().st_size > 0,
                  f"partnerkit report --format html exited {made.codes}: {made.last.error()}")


# --- what the figures rest on -------------------------------------------------------

def json_findings(out: bytes) -> tuple[int, int, dict]:
    """(files, findings, the document) of a JSON report; ValueError when it does not parse."""
    doc = json.loads(out)
    return doc["summary"]["files"], sum(len(f["findings"]) for f in doc["files"]), doc


def sarif_findings(out: bytes) -> int:
    doc = json.loads(out)
    if doc.get("version") != "2.1.0" or len(doc["runs"]) != 1:
        raise ValueError("not a SARIF 2.1.0 log with one run")
    return len(doc["runs"][0]["results"])


def junit_findings(out: bytes) -> int:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(out)
    if root.tag != "testsuites":
        raise ValueError(f"root element <{root.tag}>, not <testsuites>")
    return len(root.findall("./testsuite/testcase/failure"))


def text_findings(out: bytes) -> int:
    """One unindented line per finding (hints and related places are indented; a file's line of rules skipped
    for schema errors is not a finding), then the summary line."""
    lines = out.decode().splitlines()
    if not lines or " finding" not in lines[-1]:
        raise ValueError("no summary line")
    return sum(1 for line in lines[:-1] if line and not line.startswith(" ") and " skipped until the schema errors " not in line)


def github_findings(out: bytes) -> int:
    lines = out.decode().splitlines()
    if not lines or " finding" not in lines[-1]:
        raise ValueError("no summary line")
    return sum(1 for line in lines if line.startswith("::"))


COUNTERS = {"text": text_findings, "sarif": sarif_findings, "junit": junit_findings, "github": github_findings}


def check_results(report: Report, c: Corpus, runs: dict[str, Series], formats) -> None:
    """What the figures rest on: every tool ran, every format wrote a whole document, partnerkit found what was seeded."""
    for name, s in runs.items():
        report.expect(s.codes == {0}, f"{name} on {c.label} exited {s.codes}: {s.last.error()}")
    for name in ("floor", "compose"):
        report.expect(f"of {c.n} files" in runs[name].last.stdout.decode(),
                      f"the {name} floor did not parse {c.label}: {runs[name].last.error()}")
    try:
        files, total, doc = json_findings(runs["json"].last.stdout)
    except (ValueError, KeyError) as exc:
        report.expect(False, f"partnerkit lint --format json did not print a JSON report on {c.label}: {exc}")
        return
    c.findings = total
    report.expect(files == c.n, f"partnerkit linted {files} files, not {c.n}")
    for fmt in formats:
        if fmt != "json":
            check_format(report, c, fmt, runs[fmt].last.stdout, total)
    check_seeded(report, c, doc)


def check_format(report: Report, c: Corpus, fmt: str, out: bytes, expected: int) -> None:
    """The document parses and carries every finding (SARIF may leave some out, counted, past its limit per run)."""
    try:
        got = COUNTERS[fmt](out)
    except Exception as exc:  # noqa: BLE001 - any failure to read it back is the finding
        report.expect(False, f"`--format {fmt}` on {c.label} did not write a readable document: {exc}")
        return
    if fmt == "sarif" and got < expected:
        report.notes.append(f"The SARIF log on {c.label} carries {got:,} of the {expected:,} findings.")
        return
    report.expect(got == expected, f"`--format {fmt}` on {c.label} carries {got:,} findings, JSON {expected:,}")


def check_seeded(report: Report, c: Corpus, doc: dict) -> None:
    from partnerkit.rules import REGISTRY, all_rules

    all_rules()
    by_file = {Path(f["path"]).name: f["findings"] for f in doc["files"]}
    missing, skipped = [], set()
    for name, expected in c.seeded.items():
        for code, prefix in expected:
            if code not in REGISTRY:
                skipped.add(code)
                continue
            if not any(f["code"] == code and _under(f["path"], prefix) for f in by_file.get(name, [])):
                missing.append(f"{name}: {code} at {prefix or 'the file'}")
    report.expect(not missing, f"seeded findings not reported in {c.label}: " + "; ".join(missing[:10])
                  + (f" and {len(missing) - 10} more" if len(missing) > 10 else ""))
    count = sum(len(v) for v in c.seeded.values())
    report.notes.append(f"{c.label}: partnerkit reported {c.findings:,} findings, {count - len(missing):,} of the "
                        f"{count:,} seeded ones" + (f" (rules not present, not checked: {', '.join(sorted(skipped))})"
                                                    if skipped else "") + ".")


def _under(path: str, prefix: str) -> bool:
    return not prefix or path == prefix or path.startswith((prefix + ".", prefix + "["))


if __name__ == "__main__":
    sys.exit(main())
