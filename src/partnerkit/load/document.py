"""Bytes -> a charter's raw data and positions, or the reason the file cannot be a charter.

Everything that stops a file is decided here: the size cap, the encoding
(E007, E001), the YAML itself (E001, E007) and whether the document is a
charter at all (E006). Tags and complex keys, and the CSV data files the
charter names, add findings without stopping it.
"""

from __future__ import annotations

from partnerkit.core.finding import Hit
from partnerkit.load.decode import decode, problem


class Document:
    """One charter file, loaded: ``data`` and ``pos``, or ``stopped`` with the problems why not."""

    __slots__ = ("text", "data", "pos", "stopped", "problems")

    def __init__(self):
        self.text: str | None = None
        self.data = None
        self.pos = None
        self.stopped = False
        self.problems: list[Hit] = []  # E001/E006/E007 when stopped; else E002/E004 from tags and CSV rows


def load_document(raw: bytes, max_bytes: int, base_dir: str | None = None, display_dir: str = "",
                  fast: bool = True) -> Document:
    """Load a charter from bytes. ``base_dir`` is the charter's folder (for its CSV data files); None reads none."""
    doc = Document()
    text, refused = decode(raw, max_bytes)
    if refused is not None:
        return _stop(doc, refused)
    doc.text = text
    from partnerkit.load.yamlload import load_yaml

    loaded = load_yaml(text, fast=fast)
    doc.pos = loaded.pos
    if loaded.problems:
        doc.problems = loaded.problems
        doc.stopped = True
        return doc
    data = loaded.data
    not_charter = _not_a_charter(data, loaded.pos)
    if not_charter is not None:
        return _stop(doc, not_charter)
    doc.data = data
    for pos, tag in loaded.tag_problems:
        what = "a complex mapping key" if tag == "complex key" else f"the YAML tag `{tag}`"
        doc.problems.append(problem("E002", f"{what} is not allowed in a charter",
                                    "Remove the tag: charters hold plain data (tags never construct objects).",
                                    pos[0], pos[1], pos[4], pos[5]))
    if data.get("data") and base_dir is not None:
        from partnerkit.load.csvdata import merge

        doc.problems.extend(merge(data, loaded.pos, base_dir, display_dir))
    return doc


def _stop(doc: Document, hit: Hit) -> Document:
    doc.problems.append(hit)
    doc.stopped = True
    return doc


def _not_a_charter(data, pos) -> Hit | None:
    """E006: not a mapping, no `partnerkit` key, or a format version this partnerkit does not read."""
    if not isinstance(data, dict):
        what = "empty" if data is None else f"a YAML {'list' if isinstance(data, list) else 'scalar'}"
        line, col = (pos[0], pos[1]) if pos else (1, 1)
        return problem("E006", f"not a charter: the document is {what}, not a mapping",
                       "A charter is a mapping that starts with `partnerkit: 1`; `partnerkit init` writes one.", line, col)
    if "partnerkit" not in data:
        return Hit((), "not a charter: no `partnerkit` key",
                   "Start the file with `partnerkit: 1`, or run `partnerkit init` for a scaffold.", code="E006")
    version = data["partnerkit"]
    if version != 1 or isinstance(version, bool):
        return Hit(("partnerkit",), f"unsupported format version {version!r}: this partnerkit reads version 1",
                   "Set `partnerkit: 1`, or upgrade partnerkit.", at_value=True, code="E006")
    return None
