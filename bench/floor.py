"""The parse floor: ruamel's C parser composing every charter in a folder, on every core.

``python bench/floor.py FOLDER`` reads each ``*.yaml`` file below FOLDER and
composes its node graph with ruamel's C loader (``_ruamel_yaml.CParser``
through ``ruamel.yaml.cyaml.CBaseLoader``: parse events and nodes, no
constructor, no schema, no rules), in a pool of one process per CPU. It
prints how many files composed and how many did not. No linter that reads
YAML through ruamel can be faster than this.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def compose(path: str) -> bool:
    from ruamel.yaml.cyaml import CBaseLoader

    with open(path, encoding="utf-8") as fh:
        loader = CBaseLoader(fh.read())
    try:
        loader.get_single_node()
        return True
    except Exception:  # a file seeded with a syntax error
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

    gc.freeze()  # the same garbage-collector settings as partnerkit's workers: the floor gets every advantage
    gc.set_threshold(10_000, 10, 10)


def main(folder: str) -> int:
    files = files_in(folder)
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    chunk = max(1, min(8, len(files) // (workers * 4)))  # as partnerkit chunks its work
    with multiprocessing.Pool(workers, initializer=start_worker) as pool:
        ok = sum(pool.imap(compose, files, chunk))
    print(f"composed {ok} of {len(files)} files with {workers} processes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
