"""Security notes of docs/security.md, each proved here.

A charter is data: YAML tags never construct objects, nothing in it runs a
program or reaches the network, and the report escapes every field it shows.
Templates come only from partnerkit's own folder.
"""

from __future__ import annotations

import json
import socket
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import AS_OF, HEALTHY, SPEC_EXAMPLE
from tests.hardening.helpers import HEALTHY_TEXT, answered

# --- YAML tags ---------------------------------------------------------------------------------------------

TAGGED = [
    "kind: !!python/object/apply:os.system ['touch {marker}']\n",
    "kind: !!python/object/apply:subprocess.check_call [['touch', '{marker}']]\n",
    "kind: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n",
    "extra: !!python/object/apply:os.system\n  args: ['touch {marker}']\n",
    "? !!python/object/apply:os.system ['touch {marker}']\n: x\n",
    "notes: [!!python/name:os.system , !!binary aGVsbG8=, !!set {{a, b}}, !!omap [a: 1]]\n",
    "notes: !!python/object/apply:os.system ['touch {marker}']\n",
]


def test_yaml_tags_never_construct_objects(tmp_path, run_pk):
    """Every tagged charter is linted and reported (Markdown and HTML) in one run per command: each is loaded
    on its own all the same, and a marker file of its own shows whether its tag ran."""
    folder = tmp_path / "charters"
    folder.mkdir()
    markers = {}
    for i, snippet in enumerate(TAGGED):
        markers[f"c{i}.charter.yaml"] = marker = tmp_path / f"pwned{i}"
        text = HEALTHY_TEXT.replace("kind: research\n", "") + snippet.format(marker=marker)
        (folder / f"c{i}.charter.yaml").write_text(text)
    outputs = []
    for args in (("lint", "--format", "json"), ("report",), ("report", "--format", "html", "-o", tmp_path / "site")):
        proc = run_pk(*args, "--as-of", AS_OF.isoformat(), folder, cwd=tmp_path, timeout=60)
        answered(proc)
        assert proc.returncode == 1
        assert [name for name, marker in markers.items() if marker.exists()] == [], "a YAML tag ran a command"
        outputs.append(proc.stdout)
    files = {Path(f["path"]).name: [x["code"] for x in f["findings"]] for f in json.loads(outputs[0])["files"]}
    assert set(files) == set(markers)
    for name, codes in files.items():
        assert codes[:1] == ["E002"], (TAGGED[int(name[1:-len(".charter.yaml")])], codes)
    assert f"of {len(TAGGED)} partnerships".encode() in outputs[1]  # every charter reached the report


# --- no programs, no network -------------------------------------------------------------------------------

# Links, a network share and a CSV path that names another machine: none of them is ever fetched.
LINKS = HEALTHY_TEXT.replace("email: elena.ortiz@example.org", "email: 'http://attacker.invalid/x?y=1'").replace(
    "channel: Open project blog", "channel: 'https://attacker.invalid/blog and smb://attacker.invalid/share'")


@pytest.fixture
def sealed(monkeypatch):
    """Fail the test if anything opens a connection, resolves a name or starts a program."""
    calls = []

    def refuse(what):
        def call(*args, **kw):
            calls.append(what)
            raise AssertionError(f"{what} called while linting or reporting a charter")
        return call

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(subprocess.Popen, "__init__", refuse("subprocess"))
    monkeypatch.setattr("os.system", refuse("os.system"))
    return calls


@pytest.mark.parametrize("args", [("lint", "--format", "sarif"), ("lint", "--format", "github"), ("report",),
                                  ("report", "--format", "html")])
def test_nothing_in_a_charter_runs_a_program_or_reaches_the_network(tmp_path, cli, sealed, args):
    charter = tmp_path / "charter.yaml"
    charter.write_text(LINKS + "data:\n  readings: '//attacker.invalid/share/readings.csv'\n")
    result = cli(*args, "--as-of", AS_OF.isoformat(), charter)
    assert result.exit_code in (0, 1) and sealed == []
    for example in (HEALTHY, SPEC_EXAMPLE):
        assert cli(*args, "--as-of", AS_OF.isoformat(), example).exit_code in (0, 1)
    assert sealed == []


# --- escaping in the report ----------------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "' onmouseover='alert(3)' x='",
    "javascript:alert(4)",
    "</style><script>alert(5)</script>",
    "</text></svg><svg onload=alert(6)>",
    "<![CDATA[<script>alert(7)</script>]]>",
    "[link](javascript:alert(8)) ![img](http://attacker.invalid/i.png) <https://attacker.invalid>",
    "<a href='data:text/html,<script>alert(9)</script>'>x</a>",
    "{{ 7*7 }}{% include '/etc/passwd' %}${7*7}",
    "\u202e\u2066evil\u2069 \x1b[31mred\x1b[0m <b>bold</b>",
    "| a | b |\n# heading\n- item\n---",
]
def hostile(payload: str) -> str:
    """The healthy charter, as JSON (a part of YAML 1.2), with ``payload`` in every free-text field."""
    from tests.report.helpers import hostile as hostile_data

    return json.dumps(hostile_data(payload), default=str, ensure_ascii=False)


class Markup(HTMLParser):
    """The elements, attributes and link targets of an HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.shapes, self.targets = set(), set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.shapes.add(tag)
        for name, value in attrs:
            self.shapes.add(f"{tag}[{name}]")
            if name in ("href", "src", "xlink:href", "action", "formaction"):
                self.targets.add(value or "")

    handle_startendtag = handle_starttag


def introduced(html: str, plain: str) -> list[str]:
    """What ``html`` has that the same report with plain text does not: elements, attributes, unsafe links."""
    page, base = Markup(html), Markup(plain)
    extra = sorted(page.shapes - base.shapes)
    extra += sorted(t for t in page.targets - base.targets if not t.startswith(("http://", "https://", "mailto:", "#")))
    return extra


def pages(payload: str) -> tuple[str, str]:
    """The report of the hostile charter, as HTML and as Markdown rendered to HTML by a CommonMark renderer."""
    from markdown_it import MarkdownIt

    from partnerkit.lint.engine import lint_bytes
    from partnerkit.report.build import build
    from partnerkit.report.render import charter_html, charter_md

    result = lint_bytes(hostile(payload).encode(), "charter.yaml", None, AS_OF, None)
    assert result.charter is not None and not [f for f in result.active if f.code[0] == "E"], result.findings
    data = build(result, AS_OF)
    return charter_html(data, AS_OF), MarkdownIt("commonmark").enable("table").render(charter_md(data, AS_OF))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_report_escapes_every_field(payload):
    html, md_html = pages(payload)
    plain_html, plain_md_html = pages("plain words, https://example.org and a@example.org")
    assert introduced(html, plain_html) == [], payload
    assert introduced(md_html, plain_md_html) == [], payload
    if "{{" in payload:
        assert "{{ 7*7 }}" in html  # charter text is never a template


# --- templates -----------------------------------------------------------------------------------------------


def test_templates_load_only_from_the_package():
    import jinja2

    from partnerkit.report.render import html_env, md_env
    from partnerkit.core.templating import environment, templates_dir

    folder = str(templates_dir())
    assert templates_dir().parent.joinpath("src", "partnerkit").is_dir() or templates_dir().parent.name == "partnerkit"
    for env in (environment(), environment(autoescape=True), html_env(), md_env()):
        assert isinstance(env.loader, jinja2.FileSystemLoader) and env.loader.searchpath == [folder]
        for name in ("../pyproject.toml", "/etc/passwd", "..\\pyproject.toml"):
            with pytest.raises(jinja2.TemplateNotFound):
                env.get_template(name)
    assert html_env().autoescape is True or html_env().autoescape("x.html")
