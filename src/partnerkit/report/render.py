"""Rendering the report data through the Jinja templates in ``templates/report/``.

HTML: autoescape on, StrictUndefined. Markdown: every ``{{ }}`` goes through
:func:`partnerkit.report.text.md_finalize`, so charter text is escaped there
too unless the report built it as :class:`~partnerkit.report.text.MdRaw`.
"""

from __future__ import annotations

from functools import lru_cache

from partnerkit.report import text

MARKS = {"good": "🟢", "calm": "🔵", "warn": "🟡", "bad": "🔴", "stop": "⚫", "none": "⚪", "gap": "⚠️"}


def _cache(flavour: str):
    """Compiled templates are cached per user (jinja's own private temporary folder): compiling costs more
    than rendering. A cache that cannot be read or written only means compiling again. The cache files are
    named after this partnerkit's version and its rendering code, so code compiled for another version (or with
    another ``finalize``) is never used."""
    import os

    import jinja2

    from partnerkit.core.version import __version__

    stamp = "-".join(str(int(os.stat(f).st_mtime)) for f in (__file__, text.__file__))
    pattern = f"__partnerkit_{__version__}_{flavour}_{stamp}_%s.cache"

    class Cache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except Exception:  # noqa: BLE001 - a damaged cache file: compile afresh
                bucket.reset()

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    try:
        return Cache(pattern=pattern)
    except (OSError, RuntimeError):
        return None


def _common(env) -> None:
    from partnerkit.core.numbers import num

    env.filters["num"] = num
    env.filters["day"] = text.day


@lru_cache(maxsize=None)
def html_env():
    from partnerkit.core.templating import environment

    env = environment(autoescape=True).overlay(finalize=text.html_finalize, bytecode_cache=_cache("html"))
    _common(env)
    env.filters["spans"] = text.spans
    env.filters["urls"] = text.split_urls
    return env


@lru_cache(maxsize=None)
def md_env():
    from partnerkit.core.templating import environment

    env = environment(autoescape=False).overlay(finalize=text.md_finalize, bytecode_cache=_cache("md"))
    _common(env)
    env.globals.update(
        raw=text.MdRaw, link=text.md_link, rich=text.md_rich, hashes=lambda n: text.MdRaw("#" * min(max(n, 1), 6)),
        mark=lambda tone: text.MdRaw(MARKS.get(tone, "")),
    )
    return env


def _base(as_of) -> dict:
    from partnerkit.core.version import __version__

    return {"version": __version__, "as_of": as_of.isoformat()}


def _tidy(out: str) -> str:
    """Collapse runs of blank lines the templates leave behind (Markdown only)."""
    import re

    return re.sub(r"\n{3,}", "\n\n", out).strip() + "\n"


def charter_html(r, as_of, back: bool = False) -> str:
    """The HTML page of one :class:`~partnerkit.report.build.Report`."""
    title = f"{r.title} — steering brief {as_of.isoformat()}"
    return html_env().get_template("report/report.html.j2").render(r=r, title=title, back=back, **_base(as_of))


def charter_md(r, as_of) -> str:
    return _tidy(md_env().get_template("report/report.md.j2").render(r=r, **_base(as_of)))


def portfolio_html(p, as_of) -> str:
    """The HTML page of a :class:`~partnerkit.report.portfolio.Portfolio`."""
    title = f"{p.title} — {as_of.isoformat()}"
    return html_env().get_template("report/portfolio.html.j2").render(p=p, title=title, back=False, **_base(as_of))


def portfolio_md(p, as_of) -> str:
    return _tidy(md_env().get_template("report/portfolio.md.j2").render(p=p, **_base(as_of)))
