"""Find charters in folders (SPEC section 4).

Names: ``charter.yaml``, ``*.charter.yaml``, ``*.charter.yml``. Skipped:
hidden folders, ``node_modules``, ``__pycache__`` and virtual environments
(any folder holding ``pyvenv.cfg``). Folder symlinks are not followed, so a
symlink loop cannot trap the walk; file symlinks are read. Output order is
sorted and deterministic.
"""

from __future__ import annotations

import os

SKIP = frozenset(("node_modules", "__pycache__", "site-packages"))


def is_charter_name(name: str) -> bool:
    return name == "charter.yaml" or name.endswith((".charter.yaml", ".charter.yml"))


class PathError(Exception):
    """An unreadable path named on the command line: exit 2."""


def walk(folder: str):
    """Yield charter paths below ``folder``, sorted, without following folder symlinks."""
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            name = entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if name.startswith(".") or name in SKIP or os.path.exists(os.path.join(entry.path, "pyvenv.cfg")):
                        continue
                    subdirs.append(entry.path)
                elif is_charter_name(name):
                    yield entry.path
            except OSError:
                continue
        stack.extend(reversed(subdirs))


def expand(paths: list[str]):
    """Yield ``(path, error)``: files as given, folders walked; errors for what cannot be read."""
    for path in paths:
        try:
            st = os.stat(path)
        except OSError as exc:
            yield path, f"cannot read {path}: {exc.strerror or exc}"
            continue
        import stat

        if stat.S_ISDIR(st.st_mode):
            yield from ((p, None) for p in walk(path))
        else:
            yield path, None
