"""Making charter text safe for the report: Markdown escaping and links.

Everything that comes from a charter is untrusted. In Markdown it is escaped
where Markdown (GitHub's cmark-gfm) would misread it, and only there, so that
it renders as the text it is, never as markup, and still reads well pasted as
plain text into chat or mail: ``held_by`` and ``(2028-10-01)`` stay as they
are, ``_this_`` and ``[a](b)`` are escaped. Table cells keep their column
count. URLs in text are written so that they stay links. In HTML, Jinja's
autoescape does the escaping; this module only decides which values may
become links (``http``, ``https`` and ``mailto``, nothing else). Unsafe
characters are :mod:`partnerkit.core.text`'s.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from partnerkit.core.text import dropped, one_line

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_BARE_URL = re.compile(r"[A-Za-z0-9\-._~:/?#@!&'()+,;=%]+")  # a URL GitHub links as it is
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")


class MdRaw(str):
    """Markdown built by the report itself: written as it is."""


def html_finalize(value):
    """Jinja ``finalize`` for the HTML templates: unsafe characters never reach the page.

    Escaping stays with autoescape; markup the report built itself keeps its type.
    """
    if isinstance(value, str):
        cleaned = dropped(value)
        if cleaned != value:
            from markupsafe import Markup

            return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def _space(c: str) -> bool:
    return c == "" or c.isspace()


def _inline(text: str, start: int = 0, end: int | None = None) -> str:
    """Escape what Markdown would read as markup in ``text[start:end]`` (judged in the whole line), and nothing
    else."""
    out = []
    pairs_of_dollars = text.count("$") >= 2  # GitHub reads $...$ as mathematics
    for i in range(start, len(text) if end is None else end):
        c = text[i]
        p = text[i - 1] if i else ""
        n = text[i + 1] if i + 1 < len(text) else ""
        if c == "\\":
            bad = n == "" or n in _PUNCT
        elif c in "`|":
            bad = True
        elif c in "*~":  # emphasis, strikethrough: not when it stands alone between spaces
            bad = not (_space(p) and _space(n) and p and n)
        elif c == "_":  # emphasis, but never inside a word (held_by) nor alone between spaces
            bad = not (p.isalnum() and n.isalnum()) and not (_space(p) and _space(n) and p and n)
        elif c == "<":  # an HTML tag or an autolink
            bad = n != "" and (n.isalpha() or n in "/!?")
        elif c == "&":
            bad = _ENTITY.match(text, i) is not None
        elif c == "]":  # a link or image: [text](url), [text][ref]
            bad = n != "" and n in "(["
        elif c == "$":
            bad = pairs_of_dollars
        else:
            bad = False
        out.append("\\" + c if bad else c)
    return "".join(out)


def _escaped(text: str, code: bool = False, table: bool = True) -> str:
    """A line of free text as Markdown: URLs kept as links, `quoted` parts as code spans when ``code``."""
    out, pos = [], 0
    parts = _code_and_urls(text) if code else [(start, end, "url") for start, end in _urls(text)]
    for start, end, kind in parts:
        out.append(_inline(text, pos, start))
        piece = text[start:end]
        if kind == "url":
            out.append(_url(piece))
        else:
            out.append(piece.replace("|", "\\|") if table else piece)
        pos = end
    out.append(_inline(text, pos))
    return _line_start("".join(out))


def _line_start(text: str) -> str:
    """Escape what only matters at the start of a line: headings, quotes, list markers, rules, link definitions."""
    if re.fullmatch(r"[\s=\-]+", text):
        return re.sub(r"([=-])", r"\\\1", text)
    i = len(text) - len(text.lstrip())
    head, rest = text[:i], text[i:]
    if rest[:1] in ("#", ">", "[") or re.match(r"[+\-](\s|$)", rest):
        return head + "\\" + rest
    return head + re.sub(r"^(\d{1,9})([.)])(?=\s|$)", r"\1\\\2", rest)


def _url(url: str) -> str:
    """A URL as Markdown: bare when GitHub links it as it is, else in angle brackets; ``|`` percent-encoded."""
    url = url.replace("|", "%7C")
    return url if _BARE_URL.fullmatch(url) and "$" not in url else f"<{url}>"


def md(value) -> str:
    """Escape a value for Markdown (inline text or a table cell): it renders as exactly this text."""
    if isinstance(value, MdRaw):
        return str(value)
    if value is None:
        return ""
    return _escaped(one_line(value))


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


def _urls(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each http(s) URL in ``text`` (trailing punctuation left out)."""
    out = []
    for m in _URL.finditer(text):
        url = m.group().rstrip(".,;:!?)]}")
        if url and href(url) is not None:
            out.append((m.start(), m.start() + len(url)))
    return out


def _code_and_urls(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each `quoted` part (kind ``code``, the backticks included) and each URL outside
    them (kind ``url``), in order."""
    out, pos = [], 0
    for m in _TICKS.finditer(text):
        out += [(pos + a, pos + b, "url") for a, b in _urls(text[pos:m.start()])]
        out.append((m.start(), m.end(), "code"))
        pos = m.end()
    out += [(pos + a, pos + b, "url") for a, b in _urls(text[pos:])]
    return out


def spans(text) -> list[tuple[str, str, str | None]]:
    """Cut free text into ``(kind, piece, link)``: kind ``code`` for a `quoted` part, ``text`` otherwise.

    Only http(s) URLs in text parts get a link; everything stays plain text to be escaped.
    """
    text = one_line(text)
    out, pos = [], 0
    for start, end, kind in _code_and_urls(text):
        if start > pos:
            out.append(("text", text[pos:start], None))
        piece = text[start:end]
        out.append(("code", piece[1:-1], None) if kind == "code" else ("text", piece, piece))
        pos = end
    if pos < len(text):
        out.append(("text", text[pos:], None))
    return out


def md_rich(text, table: bool = True) -> MdRaw:
    """Markdown for free text, keeping its `code` parts as code spans (pipes escaped in table cells)."""
    return MdRaw(_escaped(one_line(text), code=True, table=table))


def split_urls(text) -> list[tuple[str, str | None]]:
    """Cut free text into ``(piece, link)`` pairs; only http(s) URLs become links."""
    text = one_line(text)
    out, pos = [], 0
    for start, end in _urls(text):
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], text[start:end]))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def day(value) -> str:
    return value.isoformat() if value is not None else "—"
