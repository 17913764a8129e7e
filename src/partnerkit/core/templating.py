"""The Jinja environment: templates load only from partnerkit's own `templates/` folder."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


def templates_dir() -> Path:
    """Inside the wheel: ``partnerkit/templates``; in a source checkout: ``<repo>/templates``."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "templates", package.parent.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("partnerkit's templates folder is missing from this installation")


def yaml_str(value) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML 1.2)."""
    return json.dumps(str(value), ensure_ascii=False)


@lru_cache(maxsize=None)
def environment(autoescape: bool = False):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml_str"] = yaml_str
    return env
