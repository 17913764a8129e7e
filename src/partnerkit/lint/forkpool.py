"""Forked worker processes for Linux, with no threads in the caller.

``multiprocessing.Pool`` runs three threads in the calling process; one of
them wakes each time a result is waiting in the pool's pipe, so it spins
while the workers are busy (about 0.25 s of CPU over 1,000 findings-heavy
charters on two cores, taken from the workers). Here the caller's only
thread hands out chunks and reads results: the workers inherit the work
list when they are forked, so a task is one chunk number, and each worker
sends back its chunk's results on a pipe of its own.

Results come back in input order, at most two chunks ahead per worker, so
memory does not grow with the run. A worker's exception is raised again in
the caller; a worker that dies (killed, out of memory) is reported as an
error instead of leaving the run waiting. When the iterator is closed early
or interrupted, the workers are stopped and reaped.
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import struct
from collections.abc import Callable, Iterator, Sequence

_HEADER = struct.Struct("<q")  # a task: the chunk number; a result: the length of what follows
_AHEAD = 2  # chunks handed to each worker before it has answered
_PIPE_SIZE = 1 << 20  # room for a chunk's rendered text, so a worker rarely waits for the caller


class WorkerDied(RuntimeError):
    """A worker process ended without sending its results."""


def imap(items: Sequence, work: Callable, workers: int, chunk: int, start: Callable[[], None]) -> Iterator:
    """``work(item)`` for each item, in order, on ``workers`` forked processes; ``start()`` runs first in each."""
    chunks = (len(items) + chunk - 1) // chunk
    pool = _Pool(items, work, chunk, start)
    try:  # the workers start now, before the first result is asked for
        for _ in range(min(workers, chunks)):
            pool.fork()
    except BaseException:
        pool.stop()
        raise
    return pool.results(chunks)


class _Worker:
    __slots__ = ("busy", "pid", "results", "tasks")

    def __init__(self, pid: int, tasks: int, results: int):
        self.pid, self.tasks, self.results, self.busy = pid, tasks, results, 0


class _Pool:
    def __init__(self, items: Sequence, work: Callable, chunk: int, start: Callable[[], None]):
        self.items, self.work, self.chunk, self.start = items, work, chunk, start
        self.workers: list[_Worker] = []
        self.handed = 0  # chunks handed out so far

    def fork(self) -> None:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        _widen(result_w)
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the caller's code
            code = 1
            try:
                for other in self.workers:
                    os.close(other.tasks)
                    os.close(other.results)
                os.close(task_w)
                os.close(result_r)
                code = self._serve(task_r, result_w)
            finally:
                os._exit(code)
        os.close(task_r)
        os.close(result_w)
        worker = _Worker(pid, task_w, result_r)
        self.workers.append(worker)
        for _ in range(_AHEAD):
            self.hand(worker)

    def hand(self, worker: _Worker) -> None:
        if self.handed * self.chunk < len(self.items):
            os.write(worker.tasks, _HEADER.pack(self.handed))
            self.handed += 1
            worker.busy += 1

    def _serve(self, tasks: int, results: int) -> int:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the caller's to handle: it stops the workers
        self.start()
        work, items, size = self.work, self.items, self.chunk
        while True:
            head = _read(tasks, _HEADER.size)
            if head is None:  # the caller is done
                return 0
            (number,) = _HEADER.unpack(head)
            try:
                answer = (number, [work(item) for item in items[number * size:(number + 1) * size]], None)
                payload = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - sent to the caller, which raises it
                payload = pickle.dumps((number, None, _portable(exc)), pickle.HIGHEST_PROTOCOL)
            _write(results, _HEADER.pack(len(payload)) + payload)

    def results(self, chunks: int) -> Iterator:
        done: dict[int, list] = {}
        try:
            with selectors.DefaultSelector() as waiting:
                for worker in self.workers:
                    waiting.register(worker.results, selectors.EVENT_READ, worker)
                for wanted in range(chunks):
                    while wanted not in done:
                        for key, _ in waiting.select():
                            number, got = self._receive(key.data)
                            done[number] = got
                            self.hand(key.data)
                    yield from done.pop(wanted)
        finally:
            self.stop()

    def _receive(self, worker: _Worker) -> tuple[int, list]:
        head = _read(worker.results, _HEADER.size)
        payload = None if head is None else _read(worker.results, _HEADER.unpack(head)[0])
        if payload is None:
            raise WorkerDied(f"a worker process stopped unexpectedly ({_ended(worker.pid)})")
        number, got, error = pickle.loads(payload)
        worker.busy -= 1
        if error is not None:
            raise error
        return number, got

    def stop(self) -> None:
        """Close the task pipes (an idle worker leaves at once), stop the busy ones, and reap them all."""
        for worker in self.workers:
            os.close(worker.tasks)
            if worker.busy:
                _kill(worker.pid)
        for worker in self.workers:
            os.close(worker.results)
            try:
                os.waitpid(worker.pid, 0)
            except ChildProcessError:
                pass
        self.workers = []


def _read(fd: int, size: int) -> bytes | None:
    """Exactly ``size`` bytes, or None at the end of the pipe."""
    parts, left = [], size
    while left:
        part = os.read(fd, min(left, _PIPE_SIZE))
        if not part:
            return None
        parts.append(part)
        left -= len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _widen(fd: int) -> None:
    try:
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    except (ImportError, AttributeError, OSError):  # older kernels, or a lower limit: the default size works
        pass


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it survives pickling, else a RuntimeError that says what it was."""
    try:
        pickle.loads(pickle.dumps(exc, pickle.HIGHEST_PROTOCOL))
        return exc
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def _ended(pid: int) -> str:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return "already reaped"
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
