"""A mutation fuzzer for partnerkit's lint pipeline and output formats.

    python fuzz/run.py --cases 10000 [--seed 1] [--jobs 2] [--time-limit 2]
    python fuzz/run.py --replay fuzz/crashes/1-4711.charter.yaml

Each case mutates a charter from ``examples/`` or ``tests/`` (see
``fuzz/mutate.py``), lints it in-process with ``partnerkit.engine.lint_bytes``,
renders every output format (and the report, when the charter is one
``partnerkit report`` renders) and checks that nothing raised, that it
finished within the time limit (CPU time, so a busy machine fails nothing; a
case blocked without using the CPU is killed after a wall-clock grace) and
that every position lies inside its file. Failing
inputs are written to ``fuzz/crashes/`` with a note of what failed; the exit
status is 1 when any case failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import shutil
import signal
import sys
import tempfile
import time
import traceback
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from fuzz.check import lint_and_check  # noqa: E402
from fuzz.mutate import Case, make_case, seed_files  # noqa: E402

CRASHES = HERE / "crashes"
HANG_GRACE = 5.0  # wall-clock seconds beyond 3 x the limit before a worker stuck on a case is killed
MEMORY_LIMIT = 2 << 30  # bytes of address space per worker: a blow-up fails the case, not the machine


class CaseTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise CaseTimeout


def run_case(case: Case, folder: str, time_limit: float) -> tuple[float, str | None]:
    """Run one case in ``folder`` (its CSV files written there); return (seconds, failure or None)."""
    for name in ("readings.csv", "pulse.csv"):
        path = os.path.join(folder, name)
        if name in case.files:
            with open(path, "wb") as fh:
                fh.write(case.files[name])
        elif os.path.lexists(path):
            os.unlink(path)
    options = {"base_dir": folder, "show_suppressed": len(case.name) % 2 == 0, "report": True}
    # The limit is on CPU time, so that a busy machine does not fail a case; a case blocked without using
    # the CPU is caught by the pool's wall-clock limit.
    previous = signal.signal(signal.SIGPROF, _alarm)
    start = time.process_time()
    signal.setitimer(signal.ITIMER_PROF, time_limit)
    try:
        _, outputs = lint_and_check(case.charter, **options)
        again = outputs
        if zlib.crc32(case.name.encode()) % 8 == 0:  # now and then: the same input gives the same output
            _, again = lint_and_check(case.charter, **options)
        failure = None if again == outputs else "not deterministic: a second run rendered differently"
    except CaseTimeout:
        failure = f"timeout: over {time_limit:g} s of CPU time"
    except BaseException:  # noqa: BLE001 - every exception is a finding of the fuzzer
        failure = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    elapsed = time.process_time() - start
    if failure is None and elapsed > time_limit:
        failure = f"timeout: {elapsed:.2f} s of CPU time"
    return elapsed, failure


def worker(j: int, seed: int, indices: list[int], time_limit: float, out) -> None:
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ValueError, OSError):
        pass
    seeds = seed_files()
    folder = tempfile.mkdtemp(prefix="partnerkit-fuzz-")
    try:
        for i in indices:
            case = make_case(seed, i, seeds)
            out.put(("start", j, i))
            elapsed, failure = run_case(case, folder, time_limit)
            out.put(("done", j, i, elapsed, failure, " ".join(case.steps)))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        out.put(("exit", j))


def save(case: Case, failure: str) -> Path:
    CRASHES.mkdir(exist_ok=True)
    path = CRASHES / f"{case.name}.charter.yaml"
    path.write_bytes(case.charter)
    for name, data in case.files.items():
        (CRASHES / f"{case.name}.{name}").write_bytes(data)
    (CRASHES / f"{case.name}.txt").write_text(f"steps: {' '.join(case.steps)}\n\n{failure}\n", encoding="utf-8")
    return path


class Pool:
    """Worker processes over disjoint index lists; a worker stuck past the hard limit is killed and replaced."""

    def __init__(self, seed: int, cases: int, jobs: int, time_limit: float):
        self.ctx = multiprocessing.get_context("fork")
        self.out = self.ctx.Queue()
        self.seed, self.time_limit = seed, time_limit
        self.hard_limit = time_limit * 3 + HANG_GRACE
        self.todo = {j: list(range(j, cases, jobs)) for j in range(jobs)}
        self.procs: dict[int, multiprocessing.Process] = {}

    def spawn(self, j: int) -> None:
        args = (j, self.seed, list(self.todo[j]), self.time_limit, self.out)
        p = self.ctx.Process(target=worker, args=args, daemon=True)
        p.start()
        self.procs[j] = p

    def events(self):
        """Yield ``(index, seconds, failure, steps)`` for every case, hung and dead workers included."""
        current: dict[int, tuple[int, float]] = {}  # worker -> (case index, start time)
        dead_since: dict[int, float] = {}
        for j in self.todo:
            self.spawn(j)
        live = set(self.todo)
        while live:
            try:
                kind, j, *rest = self.out.get(timeout=0.5)
            except queue.Empty:
                kind = None
            if kind == "start":
                current[j] = (rest[0], time.monotonic())
            elif kind == "done":
                self.todo[j].remove(rest[0])
                current.pop(j, None)
                yield tuple(rest)
            elif kind == "exit" and not self.todo[j]:
                live.discard(j)
            now = time.monotonic()
            for j in list(live):
                cur, p = current.get(j), self.procs[j]
                if cur is not None and now - cur[1] > self.hard_limit:
                    p.kill()
                    why = f"hang: killed after {self.hard_limit:.0f} s"
                elif not p.is_alive() and now - dead_since.setdefault(j, now) > 2:
                    why = f"worker died (exit code {p.exitcode})"
                else:
                    continue
                p.join()
                dead_since.pop(j, None)
                if cur is not None:
                    self.todo[j].remove(cur[0])
                    current.pop(j)
                    yield cur[0], now - cur[1], why, ""
                if self.todo[j]:
                    self.spawn(j)
                else:
                    live.discard(j)


def fuzz(cases: int, seed: int, jobs: int, time_limit: float, quiet: bool = False) -> int:
    seeds = seed_files()
    start = time.monotonic()
    failures: list[tuple[int, str, Path]] = []
    slowest = (0.0, -1, "")
    done = 0
    for index, elapsed, failure, steps in Pool(seed, cases, jobs, time_limit).events():
        done += 1
        if elapsed > slowest[0]:
            slowest = (elapsed, index, steps)
        if failure:
            case = make_case(seed, index, seeds)
            path = save(case, failure)
            failures.append((index, failure.strip().splitlines()[-1], path))
            print(f"FAIL case {index} ({' '.join(case.steps)}): {failures[-1][1]}\n  saved: {path}", flush=True)
        if not quiet and done % 1000 == 0:
            print(f"  {done}/{cases} cases, {len(failures)} failed", flush=True)
    wall = time.monotonic() - start
    print(f"cases: {done}  failures: {len(failures)}  seed: {seed}  jobs: {jobs}  seeds: {len(seeds)} charters")
    print(f"slowest: case {slowest[1]} in {slowest[0]:.3f} s of CPU time ({slowest[2]})")
    print(f"time: {wall:.1f} s  ({done / wall if wall else 0:.0f} cases/second)")
    return 1 if failures or done != cases else 0


def replay(file: str, time_limit: float) -> int:
    """Run one saved input again, with its CSV files (``NAME.readings.csv`` beside it), and print what fails."""
    path = Path(file)
    stem = path.name[: -len(".charter.yaml")] if path.name.endswith(".charter.yaml") else path.stem
    case = Case(stem, path.read_bytes())
    for name in ("readings.csv", "pulse.csv"):
        side = path.with_name(f"{stem}.{name}")
        if side.is_file():
            case.files[name] = side.read_bytes()
    folder = tempfile.mkdtemp(prefix="partnerkit-fuzz-")
    try:
        elapsed, failure = run_case(case, folder, time_limit)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{file}: {'FAIL' if failure else 'ok'} in {elapsed:.3f} s")
    if failure:
        print(failure)
    return 1 if failure else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mutation fuzzer for partnerkit lint and its output formats.")
    parser.add_argument("--cases", type=int, default=1000, help="how many cases to run (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="the run's seed: the same seed gives the same cases")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--time-limit", type=float, default=2.0, help="CPU seconds allowed per case (default 2)")
    parser.add_argument("--replay", metavar="FILE", help="run one saved input again and show what fails")
    parser.add_argument("--quiet", action="store_true", help="print only failures and the summary")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay, args.time_limit)
    if args.cases < 1 or args.jobs < 1:
        parser.error("--cases and --jobs must be at least 1")
    return fuzz(args.cases, args.seed, args.jobs, args.time_limit, args.quiet)


if __name__ == "__main__":
    sys.exit(main())
