"""Shared helpers for the report tests: charters with hostile text, and Markdown/HTML inspection."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import HEALTHY

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "</style><script>alert(2)</script>",
    "]]><script>alert(3)</script>",
    "<svg onload=alert(4)><circle r=9></circle></svg>",
    "</text></svg><img src=x onerror=alert(5)>",
    "<![CDATA[<script>alert(6)</script>]]>",
    "' onmouseover='alert(7)' x='",
    "[click me](javascript:alert(8)) ![img](http://x.invalid/i.png)",
    '<a href="javascript:alert(9)">link</a>',
    "<iframe src=javascript:alert(10)></iframe>",
    "<math><mi xlink:href=javascript:alert(11)>x</mi></math>",
    "{{ 7*7 }} {% if true %}tpl{% endif %} ${7*7}",
    "| pipe | cell | \\| back\\slash * _ # `tick` ~strike~ &amp; &lt;b&gt;",
    "- list item\n# heading\n1. ordered\n---",
]

# Keys whose values are free text written by people, wherever they appear in a charter.
TEXT_KEYS = {"title", "name", "email", "goal", "statement", "means", "in_crisis", "decisions", "change_protocol",
             "mechanism", "audience", "channel", "issue", "test", "success", "note", "unit", "kill_criteria"}
TEXT_LISTS = {"gives", "escalation", "criteria"}

_yaml = YAML(typ="safe", pure=True)


def load_data(path: Path = HEALTHY) -> dict:
    return _yaml.load(path.read_text())


def hostile(payload: str) -> dict:
    """The healthy charter with ``payload`` in every free-text field, pulse dimension and suppression reason."""
    data = load_data()

    def walk(node):
        if isinstance(node, dict):
            for key, value in list(node.items()):
                if isinstance(value, str) and key in TEXT_KEYS:
                    node[key] = payload
                elif key in TEXT_LISTS and isinstance(value, list):
                    node[key] = [payload for _ in value]
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    for p in data["partners"]:
        p["values"] = [payload]
        p["sponsor"]["email"] = payload
        p["lead"]["email"] = payload
    for entry in data["pulse"]:
        entry["scores"] = {f"{payload} {k}": v for k, v in entry["scores"].items()}
    first = data["pulse"][1]["scores"]
    first[next(iter(first))] = 2.0  # a low score and gaps: findings whose messages carry the dimension's name
    data["metrics"][1]["due"] = "2026-10-31"  # missed: its message carries the unit
    data["lint"] = {"ignore": {"V006": payload}}
    return data


def write_charter(folder: Path, data: dict, name: str = "charter.yaml") -> Path:
    """Charters are YAML 1.2, of which JSON is a part: write the data as JSON."""
    path = folder / name
    path.write_text(json.dumps(data, default=str, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


class Page(HTMLParser):
    """Start tags with their attributes, and the text, of an HTML document."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._heading = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = [tag, ""]

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append((tag, self._heading[1].strip()))
            self._heading = None

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            self._heading[1] += data

    def named(self, tag: str) -> list[dict]:
        return [a for t, a in self.tags if t == tag]

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def markdown_html(text: str) -> str:
    """Render Markdown with GitHub's own renderer, cmark-gfm (tables, strikethrough, autolinks; raw HTML kept as
    GitHub's parser reads it, so a test sees any tag a charter could smuggle in)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


def table_shapes(text: str) -> list[list[int]]:
    """For every Markdown table: the number of cells in each row, header first."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables, cells = [], None
    for tok in tokens:
        if tok.type == "table_open":
            tables.append([])
        elif tok.type == "tr_open":
            cells = 0
        elif tok.type in ("th_open", "td_open"):
            cells += 1
        elif tok.type == "tr_close":
            tables[-1].append(cells)
    return tables


def pipe_rows(text: str) -> list[int]:
    """How many lines of the Markdown source look like table rows (start and end with a pipe)."""
    return sum(1 for line in text.splitlines() if line.startswith("|") and line.rstrip().endswith("|"))
