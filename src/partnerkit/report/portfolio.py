"""A portfolio: one summary row per charter, then each charter's report."""

from __future__ import annotations

import os


def page_names(reports: list[dict]) -> list[str]:
    """One file name per charter, from its id; unique even when ids repeat or differ only in case."""
    taken, out = set(), []
    for r in reports:
        base = r["id"] if r["id"].lower() != "index" else "index-charter"
        name, n = base, 1
        while name.lower() in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name.lower())
        out.append(name + ".html")
    return out


def counts_text(counts: dict) -> str:
    words = [f"{n} {w if n == 1 else w + 's'}" for n, w in
             ((counts["error"], "error"), (counts["warning"], "warning"), (counts["info"], "note")) if n]
    return ", ".join(words) or "no findings"


def portfolio(folder: str, reports: list[dict], links: list[str], pages: bool = False) -> dict:
    """The summary rows; with ``pages`` each report lives on its own page and the index holds only the summary."""
    rows = []
    for r, link in zip(reports, links):
        h = r["header"]
        rows.append({
            "title": h["title"], "file": r["file"], "link": link, "phase": h["phase"],
            "month": h["horizon"]["month"], "months": h["horizon"]["months"], "health": r["health"],
            "counts": r["findings"]["counts"], "findings": counts_text(r["findings"]["counts"]),
            "top": r["agenda"][0] if r["agenda"] else None,
        })
    name = os.path.basename(os.path.abspath(folder)) or folder
    return {"title": f"Partnerships in {name}", "rows": rows, "reports": [] if pages else reports}
