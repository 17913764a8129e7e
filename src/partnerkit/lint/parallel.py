"""Lint many charters on every core: a process pool, results in input order.

A run over more than a few files is split into chunks handed to one worker
process per CPU. Results come back in the order the files were given, one
at a time, so a caller can stream them and memory does not grow with the
folder. Small runs stay in the calling process, where starting workers
would cost more than it saves.

On Linux the workers are forked (:mod:`partnerkit.lint.forkpool`) after the
rules and the fast shape check are imported, so they start with everything
a valid charter needs (a worker imports pydantic only when one of its
charters has schema errors); elsewhere ``multiprocessing.Pool`` starts them
the platform's default way, and only for larger runs.
Each worker sends back the findings; the charter model is sent back only
when the caller asks for it (``charters=True``): pickling it costs about a
quarter of the time the charter took to lint.
"""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from typing import Iterator, Sequence

IN_PROCESS_MAX = 8  # up to this many files, no pool (where workers are forked: they start in milliseconds)
IN_PROCESS_MAX_SPAWNED = 64  # where each worker starts a fresh interpreter


def workers_available() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def lint_files(paths: Sequence[str], options, *, charters: bool = True, workers: int | None = None,
               finish=None) -> Iterator:
    """An iterator of one :class:`~partnerkit.lint.engine.FileResult` per file in ``paths``, in order.

    ``options`` is an :class:`partnerkit.api.Options`. ``workers``: ``None``
    picks one process per CPU when there are more than ``IN_PROCESS_MAX``
    files; ``1`` keeps everything in this process. The pool, when there is
    one, starts before this function returns (call it before starting
    threads), and stops when the iterator is exhausted or closed.
    ``finish``: a picklable callable applied to each result where it was
    linted (in the worker): an output format renders the file's part there,
    in parallel, and only text comes back.
    """
    # Configuration is resolved here, once per folder, so that a bad file is reported before any work starts.
    jobs = [(path, options.settings_for(path)) for path in paths]
    if workers is None:
        small = IN_PROCESS_MAX if _forking() else IN_PROCESS_MAX_SPAWNED
        workers = workers_available() if len(jobs) > small else 1
    workers = min(workers, len(jobs))
    if workers <= 1:
        return _in_process(jobs, options.as_of, options.fast, charters, finish)
    return _pooled(jobs, options.as_of, options.fast, charters, workers, finish)


def chunk_size(count: int, workers: int) -> int:
    """Small enough that no worker is left alone with a long last chunk, large enough to amortise the hand-over."""
    return max(1, min(8, count // (workers * 4)))


def _in_process(jobs, as_of: date, fast: bool, charters: bool, finish=None) -> Iterator:
    from partnerkit.lint.engine import lint_file

    for path, settings in jobs:
        result = lint_file(path, settings, as_of, fast=fast)
        if not charters:
            result.charter = None
        if finish is not None:
            finish(result)
        yield result


def _pooled(jobs, as_of: date, fast: bool, charters: bool, workers: int, finish=None) -> Iterator:
    import importlib
    import multiprocessing

    from partnerkit.load.yamlload import load_yaml
    from partnerkit.rules import all_rules

    # everything a valid charter needs, loaded once, before forking (pydantic: only where a charter is invalid)
    for module in ("partnerkit.findings.suppress", "partnerkit.model.light"):
        importlib.import_module(module)
    all_rules()
    load_yaml("{}", fast)
    chunk = chunk_size(len(jobs), workers)
    if _forking():
        from partnerkit.lint import forkpool

        start = partial(_start_worker, as_of, fast, charters, finish)
        return _settled(jobs, forkpool.imap(jobs, _lint_one, workers, chunk, start))
    pool = multiprocessing.get_context().Pool(workers, initializer=_start_worker,
                                              initargs=(as_of, fast, charters, finish))
    return _drain(pool, jobs, pool.imap(_lint_one, jobs, chunk))


def _settled(jobs, results) -> Iterator:
    for (_path, settings), result in zip(jobs, results):
        result.settings = settings
        yield result
    next(results, None)  # the end: the workers leave


def _drain(pool, jobs, results) -> Iterator:
    try:
        yield from _settled(jobs, results)
        pool.close()
        pool.join()
    finally:
        pool.terminate()


def _forking() -> bool:
    """Fork workers on Linux; elsewhere use the platform's default, which is safe with its system libraries."""
    import sys

    return sys.platform.startswith("linux")


_worker: dict = {}


def _start_worker(as_of: date, fast: bool, charters: bool, finish=None) -> None:
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle: it stops the pool
    gc.freeze()  # what the worker inherited is never garbage: leave it out of every collection
    # A charter is thousands of small dicts, lists and positions, freed by reference counting when it is done;
    # a collection every 700 allocations would only walk them again and again (about 7% of a worker's time).
    gc.set_threshold(10_000, 10, 10)
    _worker.update(as_of=as_of, fast=fast, charters=charters, finish=finish)


def _lint_one(job):
    from partnerkit.lint.engine import lint_file

    path, settings = job
    result = lint_file(path, settings, _worker["as_of"], fast=_worker["fast"])
    if not _worker["charters"]:
        result.charter = None
    if _worker["finish"] is not None:
        _worker["finish"](result)
    result.settings = None  # the caller has it; no need to send it back
    return result
