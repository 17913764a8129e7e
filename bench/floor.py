"""The floor: ruamel's C parser producing the events of every charter in a folder, on every core.

``python bench/floor.py FOLDER`` reads each ``*.yaml`` file below FOLDER and
pulls every parse event out of ruamel's C parser (``CParser(text).get_event``
until it returns None), in a pool of one process per CPU: on Linux the pool
partnerkit's lint runs on (``partnerkit.lint.forkpool``, workers forked
with no threads in the caller), elsewhere ``multiprocessing.Pool``; with
the chunking and garbage-collector settings of partnerkit's workers.
Nothing else: no nodes, no data, no schema, no rules, no output. Any linter
that reads YAML through ruamel's C parser does at least this much work.

``--compose`` composes each file's node graph instead (``CBaseLoader``'s
``get_single_node``): the floor the benchmark used before, kept as a reference.

The C parser is ``_ruamel_yaml`` (the ``ruamel.yaml.clib`` distribution) or,
where only ruamel.yaml 0.19's ``ruamel.yaml.clibz`` is installed,
``_ruamel_yaml_clibz``, whose ``CParser`` works the same way. The last line
printed says which was used.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

CLIBS = (("_ruamel_yaml", "ruamel.yaml.clib"), ("_ruamel_yaml_clibz", "ruamel.yaml.clibz"))


def c_parser():
    """(the CParser class, a description of where it comes from); exits when no C parser is installed."""
    import importlib
    from importlib import metadata

    for module, dist in CLIBS:
        try:
            found = importlib.import_module(module)
        except ImportError:
            continue
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "?"
        return found.CParser, f"{module} from {dist} {version}"
    sys.exit("no C parser: pip install ruamel.yaml.clib")


CParser = None  # set in main(), before the workers fork


def events(path: str) -> bool:
    """Every parse event of one file, each dropped as soon as it is made; False on a syntax error."""
    with open(path, encoding="utf-8") as fh:
        get = CParser(fh.read()).get_event
    try:
        while get() is not None:
            pass
        return True
    except Exception:  # a file seeded with a syntax error
        return False


def compose(path: str) -> bool:
    """The node graph of one file, through ruamel's C loader; False on a syntax error."""
    from ruamel.yaml.cyaml import CBaseLoader

    with open(path, encoding="utf-8") as fh:
        loader = CBaseLoader(fh.read())
    try:
        loader.get_single_node()
        return True
    except Exception:
        return False
    finally:
        loader.dispose()


def files_in(folder: str) -> list[str]:
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        found.extend(os.path.join(root, n) for n in sorted(names) if n.endswith((".yaml", ".yml")))
    return found


def start_worker() -> None:
    import gc

    global CParser
    if CParser is None:  # a spawned worker (not Linux) starts without the parent's import
        CParser = c_parser()[0]
    gc.freeze()  # the same garbage-collector settings as partnerkit's workers: the floor gets every advantage
    gc.set_threshold(10_000, 10, 10)


def workers_available() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main(argv: list[str]) -> int:
    global CParser

    mode = "compose" if "--compose" in argv else "events"
    folder = next(a for a in argv if not a.startswith("--"))
    CParser, which = c_parser()  # imported before the workers fork, as partnerkit imports its own
    if mode == "compose":
        import ruamel.yaml.cyaml  # noqa: F401
    files = files_in(folder)
    workers = workers_available()
    chunk = max(1, min(8, len(files) // (workers * 4)))  # as partnerkit chunks its work
    work = events if mode == "events" else compose
    if sys.platform.startswith("linux"):  # the same pool as partnerkit's: the floor pays no more for its workers
        from partnerkit.lint import forkpool

        ok = sum(forkpool.imap(files, work, workers, chunk, start_worker))
    else:
        with multiprocessing.Pool(workers, initializer=start_worker) as pool:
            ok = sum(pool.imap(work, files, chunk))
    print(f"{mode}: parsed {ok} of {len(files)} files with {workers} processes; C parser {which}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
