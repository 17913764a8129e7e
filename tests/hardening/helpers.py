"""What the hardening tests share: small charters and the promise every answer keeps."""

from __future__ import annotations

import json

from tests.conftest import AS_OF, HEALTHY

HEALTHY_TEXT = HEALTHY.read_text(encoding="utf-8")
MINIMAL = ("partnerkit: 1\nid: {id}\ntitle: T\nstarted: 2026-01-01\nphase: discovery\n"
           "partners:\n  - {{id: a, name: A}}\n  - {{id: b, name: B}}\n")
# The healthy charter with findings at known places: a partner value nobody shares (V006) and a
# confidence gap (D005) on a line with a non-ASCII character before it.
SAMPLE = HEALTHY_TEXT.replace(
    "    values: [openness, long-term thinking]\n", "    values: [openness, long-term thinking, frugality]\n").replace(
    "    confidence: {northwind: 0.7, unilab: 0.8}\n", "    confidence: {northwind: 0.2, unilab: 0.9}  # é\n")


def positions(data: bytes, fast: bool = True) -> list[tuple]:
    """``(code, line, col, path)`` of each finding, in-process."""
    from partnerkit.lint.engine import lint_bytes

    result = lint_bytes(data, "c.charter.yaml", None, AS_OF, None, fast)
    return [(f.code, f.line, f.col, f.path) for f in result.findings]


def answered(proc, name: str | None = None) -> str:
    """A subprocess run answered clearly: findings (exit 1) or exit 2 with one-line messages; never a traceback.

    Returns what it said, standard output and error together.
    """
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out + err, err
    assert proc.returncode in (0, 1, 2), (proc.returncode, err)
    if proc.returncode == 2:
        assert err.strip(), "exit 2 without a message"
        assert all(line.startswith("partnerkit: ") for line in err.strip().splitlines()), err
    if name is not None:
        assert name in out + err, (name, out, err)
    return out + err


def json_files(proc) -> dict[str, list[dict]]:
    """``{path: findings}`` from a ``--format json`` run."""
    return {f["path"]: f["findings"] for f in json.loads(proc.stdout)["files"]}
