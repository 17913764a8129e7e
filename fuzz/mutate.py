"""Mutations of charters and their CSV data files: bytes, lines and YAML-significant tokens.

Every case is a pure function of ``(seed, index)``: :func:`make_case`
rebuilds any case exactly, so a failure can be saved and replayed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_SECTION = b"data:\n  readings: readings.csv\n  pulse: pulse.csv\n"

READINGS = (b"metric,date,value,note\nmt-fields,2026-10-31,19,calibrated\nmt-members,2026-10-31,9,\n"
            b'mt-papers,2026-09-30,0.5,"draft, analysis"\nmt-credits,2026-08-31,0\n')
PULSE = (b"date,partner,level,dimension,score,responses\n2026-10-05,northwind,executive,trust,4.2,3\n"
         b"2026-10-05,northwind,execution,trust,3.1,9\n2026-10-05,unilab,executive,vision,4.5,2\n"
         b"2026-10-05,unilab,execution,vision,2.0,6\n")

# Seeds that reach corners the examples do not: anchors, merge keys, flow style, block scalars.
BUILTIN = (
    b"partnerkit: 1\nid: x\ntitle: X\nstarted: 2026-01-01\nphase: discovery\n"
    b"partners:\n  - &a {id: a, name: A, sponsor: &p {name: P}, lead: *p}\n  - {<<: *a, id: b, name: B}\n"
    b"vision: {statement: 'v', agreed_by: [a, b], agreed_on: 2026-01-02}\n"
    b"hypotheses:\n  - {id: h, statement: |\n      multi\n      line\n    , owner: a, confidence: {a: 0.1, b: 0.9}}\n"
    b"metrics: [{id: m, name: M, type: interim, tracks: [h], unit: u, baseline: 0, target: 10, due: 2027-01-01,"
    b" cadence: monthly, readings: [{date: 2026-02-01, value: 1}]}]\n"
    b"lint:\n  ignore: {D005: {reason: agreed, until: 2026-06-01}, V006: kept}\n",
    b"partnerkit: 1  # partnerkit: ignore[E006] no\nid: y\ntitle: \"Y \\u202e \\t\"\nstarted: 2025-01-01\n"
    b"phase: scale\npartners:\n- id: a\n  name: A\n- id: b\n  name: >\n    B\n"
    b"pulse:\n- {date: 2026-01-01, partner: a, level: executive, responses: 1, scores: {trust: 1}}\n"
    b"tensions:\n- {id: t, raised: 2026-01-01, by: a, issue: i, owner: b, status: open}\n",
)

TOKENS = [
    b"&a ", b"*a", b"&a [1, 2]", b"<<: *a", b"<<: [*a, *a]", b"? [a, b]\n: c", b"? complex\n", b"!!python/object/apply:os.system ['true']",
    b"!!python/name:os.system", b"!!binary aGVsbG8=", b"!!set {a, b}", b"!!omap [a: 1]", b"!!pairs [a: 1]", b"!!timestamp 2026-01-01",
    b"!!int x", b"!!float 1", b"!!bool yes", b"!!str 1", b"!!null ''", b"!!map {}", b"!!seq []", b"!local x", b"!<tag:x> y",
    b"\t", b"\x00", b"\xef\xbb\xbf", "\u202e".encode(), "\u2028".encode(), "\u0085".encode(), "\u200b".encode(), b"\xff", b"\xc3",
    b"\xed\xa0\x80", b"\r", b"\r\n", b"1e99999", b"-1e99999", b"9" * 5000, b"-" + b"9" * 5000, b"0." + b"0" * 400 + b"1",
    b"2026-02-30", b"9999-99-99", b"0000-00-00", b"2026-13-01", b"9999-12-31", b"0001-01-01", b"2026-1-1",
    b".nan", b".inf", b"-.inf", b"~", b"null", b"yes", b"on", b"no", b"0o777", b"0x1F", b"0b101", b"1_000", b"+12", b"-0",
    b"[", b"]", b"{", b"}", b",", b": ", b":", b"- ", b"-", b"# ", b"'", b'"', b"|", b"|-", b">+", b"\\", b"%", b"@", b"`",
    b"%YAML 1.1\n---\n", b"%YAML 1.2\n", b"%TAG !e! tag:example.com,2000:\n---\n", b"---\n", b"...\n", b"--- !!map\n",
    b'"\\ud800"', b'"\\x00"', b'"\\U0010ffff"', b'"\\N"', b"''", b'""', b"[]", b"{}", b"[[[[]]]]", b"{a: {b: {c: }}}",
    b"partnerkit: 2", b"partnerkit: 1", b"id: x", b"id: [a]", b"id: {a: 1}", b"owner: nobody", b"- id: dup", b"status: vaildated",
    b"<script>alert(1)</script>", b"javascript:alert(1)", b"\x1b[31m", b"# partnerkit: ignore[D005] reason",
    b"# partnerkit: ignore[XX99]", b"# partnerkit: ignore[", b"readings: ../../../../dev/zero", b"pulse: /etc/passwd",
]
CSV_TOKENS = [b",", b'"', b'""', b'"a,b"', b"\n", b"\r\n", b"\x00", b"nan", b"inf", b"-inf", b"1e999", b"9" * 400, b"",
              b"2026-02-30", b"9999-99-99", b"mt-nope", b"northwind", b"executive", b"0", b"-1", b"5.0000001", b"\xef\xbb\xbf"]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _pos(rng, data: bytes) -> int:
    return rng.randint(0, len(data))


def flip_bit(rng, data, tokens):
    if not data:
        return data
    i = rng.randrange(len(data))
    return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]


def insert_bytes(rng, data, tokens):
    i = _pos(rng, data)
    return data[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[i:]


def delete_bytes(rng, data, tokens):
    i = _pos(rng, data)
    return data[:i] + data[i + rng.randint(1, 64):]


def truncate(rng, data, tokens):
    return data[:_pos(rng, data)]


def splice_token(rng, data, tokens):
    i = _pos(rng, data)
    return data[:i] + rng.choice(tokens) + data[i:]


def token_at_line_start(rng, data, tokens):
    lines = _lines(data)
    k = rng.randrange(len(lines))
    indent = lines[k][:len(lines[k]) - len(lines[k].lstrip(b" "))]
    lines.insert(k, indent + rng.choice(tokens) + b"\n")
    return b"".join(lines)


def replace_value(rng, data, tokens):
    """``key: value`` -> ``key: <token>``: the right place for a wrong type, tag or alias."""
    lines = _lines(data)
    candidates = [k for k, line in enumerate(lines) if b": " in line]
    if not candidates:
        return splice_token(rng, data, tokens)
    k = rng.choice(candidates)
    head, _, tail = lines[k].partition(b": ")
    end = b"\r\n" if tail.endswith(b"\r\n") else b"\n" if tail.endswith(b"\n") else b""
    lines[k] = head + b": " + rng.choice(tokens) + end
    return b"".join(lines)


def duplicate_line(rng, data, tokens):
    lines = _lines(data)
    k = rng.randrange(len(lines))
    span = lines[k:k + rng.randint(1, 6)]
    return b"".join(lines[:k] + span + lines[k:])


def delete_line(rng, data, tokens):
    lines = _lines(data)
    k = rng.randrange(len(lines))
    return b"".join(lines[:k] + lines[k + rng.randint(1, 4):])


def swap_lines(rng, data, tokens):
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"".join(lines)


def reindent(rng, data, tokens):
    lines = _lines(data)
    k = rng.randrange(len(lines))
    lines[k] = rng.choice((b" ", b"  ", b"\t", b"")) + lines[k][rng.choice((0, 1, 2)):]
    return b"".join(lines)


def line_endings(rng, data, tokens):
    kind = rng.choice(("crlf", "cr", "mixed", "lf-cr"))
    if kind == "crlf":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if kind == "cr":
        return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    lines = _lines(data)
    return b"".join(line.rstrip(b"\r\n") + rng.choice((b"\n", b"\r\n", b"\r")) for line in lines)


def bom(rng, data, tokens):
    return (b"\xef\xbb\xbf" + data) if rng.random() < 0.7 else splice_token(rng, data, [b"\xef\xbb\xbf"])


def long_line(rng, data, tokens):
    i = _pos(rng, data)
    size = rng.choice((1000, 70_000, 300_000))
    return data[:i] + rng.choice((b"x", b"a ", b"[1,", b"\xc3\xa9", b"#")) * (size // 2) + data[i:]


def deep_brackets(rng, data, tokens):
    n = rng.choice((10, 63, 64, 65, 200, 5000))
    open_, close = rng.choice(((b"[", b"]"), (b"{", b"}"), (b"[{a: ", b"}]"), (b"- ", b"")))
    nest = open_ * n + (close * n if rng.random() < 0.8 else b"")
    return replace_value(rng, data, [nest])


def alias_bomb(rng, data, tokens):
    rows = [b"x0: &x0 [a, a, a, a, a, a, a, a]\n"]
    for k in range(1, rng.randint(2, 9)):
        rows.append(b"x%d: &x%d [" % (k, k) + b", ".join([b"*x%d" % (k - 1)] * 8) + b"]\n")
    return data + b"".join(rows)


def merge_keys(rng, data, tokens):
    lines = _lines(data)
    k = rng.randrange(len(lines))
    line = lines[k]
    indent = line[:len(line) - len(line.lstrip(b" -"))].replace(b"-", b" ")
    snippet = rng.choice((b"<<: *a\n", b"<<: [*a, *b]\n", b"<<: {id: merged}\n", b"<<: 1\n"))
    anchor = b"anchors: &a {id: anchored, name: A}\n" if rng.random() < 0.7 else b""
    return anchor + b"".join(lines[:k + 1]) + indent + snippet + b"".join(lines[k + 1:])


def unicode_junk(rng, data, tokens):
    junk = rng.choice(("\u202e", "\u2066", "\u200b", "\u2028", "\u2029", "\u0085", "\ufeff", "\U0001f600", "e\u0301", "\uffff"))
    return splice_token(rng, data, [junk.encode("utf-8")])


def invalid_utf8(rng, data, tokens):
    return splice_token(rng, data, [rng.choice((b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82"))])


def date_junk(rng, data, tokens):
    import re

    dates = [m.start() for m in re.finditer(rb"\d{4}-\d{2}-\d{2}", data)]
    if not dates:
        return splice_token(rng, data, tokens)
    i = rng.choice(dates)
    repl = rng.choice((b"2026-02-30", b"9999-99-99", b"0000-00-00", b"2026-13-01", b"9999-12-31", b"0001-01-01", b"2026-11-16"))
    return data[:i] + repl + data[i + 10:]


def number_junk(rng, data, tokens):
    import re

    numbers = [m.span() for m in re.finditer(rb"(?<=: )-?\d+(\.\d+)?(?=[,}\s])", data)]
    if not numbers:
        return splice_token(rng, data, tokens)
    a, b = rng.choice(numbers)
    repl = rng.choice((b"1e99999", b"-1e99999", b"9" * 5000, b".nan", b".inf", b"-0", b"1e-400", b"0x10", b"-1", b"2.5", b"true"))
    return data[:a] + repl + data[b:]


MUTATORS = [flip_bit, insert_bytes, delete_bytes, truncate, splice_token, splice_token, token_at_line_start,
            replace_value, replace_value, replace_value, duplicate_line, delete_line, swap_lines, reindent,
            line_endings, bom, long_line, deep_brackets, alias_bomb, merge_keys, unicode_junk, invalid_utf8,
            date_junk, date_junk, number_junk, number_junk]
CSV_MUTATORS = [flip_bit, insert_bytes, delete_bytes, truncate, splice_token, replace_value, duplicate_line,
                delete_line, swap_lines, line_endings, bom, long_line, unicode_junk, invalid_utf8, date_junk]


@dataclass
class Case:
    """One fuzz case: a charter's bytes and the CSV files beside it."""

    name: str
    charter: bytes
    files: dict[str, bytes] = field(default_factory=dict)
    steps: list[str] = field(default_factory=list)


def seed_files(root: Path = ROOT) -> list[tuple[str, bytes]]:
    """Every charter under ``examples/`` and ``tests/``, and the built-in seeds; sorted, so cases are stable."""
    found = []
    for folder in ("examples", "tests"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".yaml", ".yml") or not path.is_file() or "artifacts" in path.parts:
                continue
            data = path.read_bytes()
            if data.startswith(b"partnerkit:") or b"\npartnerkit:" in data:
                found.append((str(path.relative_to(root)), data))
    found += [(f"builtin-{i}", data) for i, data in enumerate(BUILTIN)]
    return found


def make_case(seed: int, index: int, seeds: list[tuple[str, bytes]]) -> Case:
    rng = random.Random(f"{seed}/{index}")
    origin, data = seeds[rng.randrange(len(seeds))]
    case = Case(f"{seed}-{index}", data, steps=[origin])
    if rng.random() < 0.3:
        case.charter = data.rstrip(b"\n") + b"\n" + DATA_SECTION
        case.files = {"readings.csv": READINGS, "pulse.csv": PULSE}
        case.steps.append("+data")
        for name in list(case.files):
            for _ in range(rng.choice((0, 0, 1, 2))):
                mutator = rng.choice(CSV_MUTATORS)
                case.files[name] = mutator(rng, case.files[name], CSV_TOKENS)
                case.steps.append(f"{name}:{mutator.__name__}")
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 6))):
        mutator = rng.choice(MUTATORS)
        case.charter = mutator(rng, case.charter, TOKENS)
        case.steps.append(mutator.__name__)
    return case
