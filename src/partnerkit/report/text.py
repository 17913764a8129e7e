"""Making charter text safe for the report: Markdown escaping, links, numbers and dates.

Everything that comes from a charter is untrusted. In Markdown it is
escaped so that it renders as the text it is and never as markup, and so
that table cells keep their column count. In HTML, Jinja's autoescape does
the escaping; this module only decides which values may become links
(``http``, ``https`` and ``mailto``, nothing else).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[\t\n\r\v\f\x85\u2028\u2029]+")
# Characters that CommonMark or GitHub give a meaning to anywhere in a line.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)


class MdRaw(str):
    """Markdown built by the report itself: written as it is."""


def one_line(text) -> str:
    """A single line of plain text: newlines and tabs become spaces, control characters go."""
    text = _SPACES.sub(" ", str(text))
    return _CONTROL.sub("", text)


def html_finalize(value):
    """Jinja ``finalize`` for the HTML templates: control and bidi-override characters never reach the page.

    Escaping stays with autoescape; markup the report built itself keeps its type.
    """
    if isinstance(value, str) and _CONTROL.search(value):
        from markupsafe import Markup

        cleaned = _CONTROL.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def md(value) -> str:
    """Escape a value for Markdown (inline text or a table cell): it renders as exactly this text."""
    if isinstance(value, MdRaw):
        return str(value)
    if value is None:
        return ""
    text = _MD_SPECIAL.sub(r"\\\1", one_line(value))
    # What only matters at the start of a line: list markers and setext or thematic-break lines.
    if re.fullmatch(r"[\s=-]+", text):
        return re.sub(r"([=-])", r"\\\1", text)
    text = re.sub(r"^(\s*)-(?=\s|$)", r"\1\\-", text)
    return re.sub(r"^(\s*\d{1,9})([.)])(?=\s|$)", r"\1\\\2", text)


def md_finalize(value):
    """Jinja ``finalize`` for the Markdown templates: every ``{{ }}`` is escaped unless it is :class:`MdRaw`."""
    return md(value)


def href(value) -> str | None:
    """A link target for a charter value, or None: only http(s) URLs and e-mail addresses become links."""
    if value is None:
        return None
    text = str(value).strip()
    if _EMAIL.match(text):
        return "mailto:" + text
    if text.lower().startswith("mailto:") and _EMAIL.match(text[7:]):
        return "mailto:" + text[7:]
    if _URL.fullmatch(text):
        try:
            parts = urlsplit(text)
        except ValueError:
            return None
        if parts.scheme.lower() in ("http", "https") and parts.netloc:
            return text
    return None


def md_link(text, value) -> MdRaw:
    """``[text](target)`` when the value is a safe link, else the escaped text."""
    target = href(value)
    if target is None:
        return MdRaw(md(text))
    target = target.replace("\\", "%5C").replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    target = target.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return MdRaw(f"[{md(text)}]({target})")


_TICKS = re.compile(r"`([^`]+)`")


def spans(text) -> list[tuple[str, str, str | None]]:
    """Cut free text into ``(kind, piece, link)``: kind ``code`` for a `quoted` part, ``text`` otherwise.

    Only http(s) URLs in text parts get a link; everything stays plain text to be escaped.
    """
    text = one_line(text)
    out, pos = [], 0
    for m in _TICKS.finditer(text):
        out += [("text", piece, link) for piece, link in split_urls(text[pos:m.start()])]
        out.append(("code", m.group(1), None))
        pos = m.end()
    out += [("text", piece, link) for piece, link in split_urls(text[pos:])]
    return out


def md_rich(text, table: bool = True) -> MdRaw:
    """Markdown for free text, keeping its `code` parts as code spans (pipes escaped in table cells)."""
    out = []
    for kind, piece, _link in spans(text):
        if kind == "code":
            out.append("`" + (piece.replace("|", "\\|") if table else piece) + "`")
        else:
            out.append(md(piece))
    return MdRaw("".join(out))


def split_urls(text) -> list[tuple[str, str | None]]:
    """Cut free text into ``(piece, link)`` pairs; only http(s) URLs become links."""
    text = one_line(text)
    out, pos = [], 0
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?)]}")
        if not url or href(url) is None:
            continue
        if m.start() > pos:
            out.append((text[pos:m.start()], None))
        out.append((url, url))
        pos = m.start() + len(url)
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def num(value, unit: str | None = None) -> str:
    """A number as a person writes it: 3, 3.5, 40,000, 0.25."""
    if value is None:
        return "—"
    value = float(value)
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if abs(value) >= 1e15:
        text = f"{value:.4g}"
    elif abs(value - round(value)) < 1e-9:
        text = f"{int(round(value)):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {unit}" if unit else text


def day(value) -> str:
    return value.isoformat() if value is not None else "—"


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"
