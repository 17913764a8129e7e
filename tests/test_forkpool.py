"""The forked workers a folder is linted on: results in order, errors raised, no worker left behind."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest

from partnerkit.lint import forkpool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the forked pool is Linux's")


def _slow_when_even(n: int) -> tuple[int, int]:
    if n % 2 == 0:
        time.sleep(0.002)
    return n, os.getpid()


def _children() -> set[int]:
    me = os.getpid()
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                found.add(int(entry))
    return found


def _nothing() -> None:
    pass


def test_results_come_in_input_order_from_every_worker():
    before = _children()
    got = list(forkpool.imap(list(range(200)), _slow_when_even, 2, 3, _nothing))
    assert [n for n, _ in got] == list(range(200))
    assert len({pid for _, pid in got}) == 2 and os.getpid() not in {pid for _, pid in got}
    assert _children() == before  # every worker reaped


def test_the_caller_runs_no_thread():
    results = forkpool.imap(list(range(40)), _slow_when_even, 2, 4, _nothing)
    assert threading.active_count() == 1
    assert len(list(results)) == 40


def _fails_at_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven is not welcome")
    return n


def test_a_workers_error_is_raised_in_the_caller_and_the_workers_stop():
    before = _children()
    with pytest.raises(ValueError, match="seven is not welcome"):
        list(forkpool.imap(list(range(50)), _fails_at_seven, 2, 2, _nothing))
    assert _children() == before


def _dies_at_five(n: int) -> int:
    if n == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def test_a_worker_that_is_killed_ends_the_run_with_an_error_instead_of_a_hang():
    before = _children()
    with pytest.raises(forkpool.WorkerDied, match="killed by signal 9"):
        list(forkpool.imap(list(range(50)), _dies_at_five, 2, 2, _nothing))
    assert _children() == before


def test_a_run_left_early_stops_its_workers():
    before = _children()
    results = forkpool.imap(list(range(1000)), _slow_when_even, 2, 4, _nothing)
    assert next(results)[0] == 0
    assert len(_children() - before) == 2
    results.close()
    assert _children() == before


def _unpicklable(n: int):
    if n == 3:
        raise _Local(lambda: None)
    return n


class _Local(Exception):
    pass


def test_an_error_that_cannot_cross_is_still_reported():
    with pytest.raises(RuntimeError, match="_Local"):
        list(forkpool.imap(list(range(10)), _unpicklable, 2, 1, _nothing))
