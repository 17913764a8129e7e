"""Configuration (SPEC section 5): `[tool.partnerkit]` in pyproject.toml or partnerkit.toml.

Found from each charter's folder upward; the nearest file that configures
partnerkit wins (in one folder, partnerkit.toml before pyproject.toml);
``--config`` overrides discovery. Command-line options override the file:
``--select`` and ``--fail-on`` replace, ``--ignore`` adds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from partnerkit.core.finding import RANK, SEVERITIES
from partnerkit.rules import LESSONS, thresholds as default_thresholds

KEYS = ("fail-on", "select", "ignore", "severity", "thresholds")


class ConfigError(Exception):
    """A bad configuration: exit 2 with this message."""


@dataclass(frozen=True)
class Settings:
    fail_on: str = "error"
    select: tuple[str, ...] = ()  # codes; empty = all
    ignore: tuple[str, ...] = ()
    severity: dict = field(default_factory=dict)
    thresholds: dict = field(default_factory=default_thresholds)
    source: str | None = None

    def enabled(self, code: str) -> bool:
        if code[0] == "E":
            return True
        if self.select and not any(code == s or code[0] == s for s in self.select):
            return False
        return not any(code == s or code[0] == s for s in self.ignore)

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def fails(self, severity: str) -> bool:
        return RANK[severity] >= RANK[self.fail_on]


def rule_selector(word: str, where: str) -> str:
    """A code, a rule name or a category letter -> a code or letter."""
    from partnerkit.rules import find_rule

    word = str(word).strip()
    if len(word) == 1 and word.upper() in LESSONS:
        return word.upper()
    found = find_rule(word)
    if found is None:
        raise ConfigError(f"{where}: unknown rule `{word}` (use a code such as D005, a name such as confidence-gap, or a letter V, D, M, A, C, S)")
    return found.code


def _severity(value, where: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}: `{value}` is not one of {', '.join(SEVERITIES)}")
    return value


def parse(table: dict, source: str) -> Settings:
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [tool.partnerkit] must be a table")
    settings = Settings(source=source)
    changes = {}
    for key, value in table.items():
        where = f"{source}: `{key}`"
        if key not in KEYS:
            from partnerkit.core.suggest import suggest

            near = suggest(key, KEYS)
            raise ConfigError(f"{source}: unknown key `{key}`" + (f" (did you mean `{near}`?)" if near else "")
                              + f"; known keys: {', '.join(KEYS)}")
        if key == "fail-on":
            if value not in (*SEVERITIES, "never"):
                raise ConfigError(f"{where}: `{value}` is not one of error, warning, info, never")
            changes["fail_on"] = value
        elif key in ("select", "ignore"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                raise ConfigError(f"{where} must be a list of rule codes, names or letters")
            changes[key] = tuple(rule_selector(v, where) for v in value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where} must be a table of code = severity")
            sev = {}
            for code, level in value.items():
                c = rule_selector(code, f"{where}.{code}")
                if len(c) == 1 or c[0] == "E":
                    raise ConfigError(f"{where}.{code}: only one V, D, M, A, C or S rule's severity can be changed")
                sev[c] = _severity(level, f"{where}.{code}")
            changes["severity"] = sev
        elif key == "thresholds":
            if not isinstance(value, dict):
                raise ConfigError(f"{where} must be a table")
            th = default_thresholds()
            for name, number in value.items():
                if name not in th:
                    raise ConfigError(f"{where}: unknown threshold `{name}`; known: {', '.join(th)}")
                if isinstance(number, bool) or not isinstance(number, (int, float)) or number < 0:
                    raise ConfigError(f"{where}.{name}: `{number}` is not a non-negative number")
                if isinstance(th[name], int) and not isinstance(number, int):
                    raise ConfigError(f"{where}.{name}: `{number}` is not a whole number")
                th[name] = number
            changes["thresholds"] = th
    return replace(settings, **changes)


def read_file(path: Path) -> Settings | None:
    """Settings from a file, or None when a pyproject.toml does not configure partnerkit."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            doc = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = doc.get("tool", {}).get("partnerkit")
        if table is None:
            return None
        return parse(table, f"{path} [tool.partnerkit]")
    return parse(*_own_table(doc, path))


def _own_table(doc: dict, path: Path) -> tuple[dict, str]:
    """partnerkit.toml holds the keys at the top, or under ``[tool.partnerkit]`` as pyproject.toml does (so the
    README's snippet works pasted into either file); not both."""
    tool = doc.get("tool")
    if not isinstance(tool, dict) or "partnerkit" not in tool:
        return doc, str(path)
    others = [k for k in doc if k != "tool"] + [f"tool.{k}" for k in tool if k != "partnerkit"]
    if others:
        raise ConfigError(f"{path}: [tool.partnerkit] and other keys ({', '.join(others)}): keep the settings at "
                          "the top of the file or under [tool.partnerkit], not both")
    return tool["partnerkit"], f"{path} [tool.partnerkit]"


class Finder:
    """Finds each folder's configuration, once per folder."""

    def __init__(self, explicit: str | None = None):
        self.cache: dict[str, Settings] = {}
        self.explicit = read_file(Path(explicit)) if explicit else None
        if explicit and self.explicit is None:
            raise ConfigError(f"{explicit}: no [tool.partnerkit] table")

    def for_file(self, path: str | None) -> Settings:
        if self.explicit is not None:
            return self.explicit
        folder = os.path.dirname(os.path.abspath(path or "charter.yaml"))
        return self._for_folder(folder)

    def _for_folder(self, folder: str) -> Settings:
        if folder in self.cache:
            return self.cache[folder]
        found = None
        for name in ("partnerkit.toml", "pyproject.toml"):
            candidate = Path(folder, name)
            if candidate.is_file():
                found = read_file(candidate)
                if found is not None:
                    break
        if found is None:
            parent = os.path.dirname(folder)
            found = Settings() if parent == folder else self._for_folder(parent)
        self.cache[folder] = found
        return found


def with_options(settings: Settings, fail_on=None, select=None, ignore=None) -> Settings:
    changes = {}
    if fail_on:
        changes["fail_on"] = fail_on
    if select:
        changes["select"] = tuple(rule_selector(s, "--select") for s in _split(select))
    if ignore:
        changes["ignore"] = settings.ignore + tuple(rule_selector(s, "--ignore") for s in _split(ignore))
    return replace(settings, **changes) if changes else settings


def _split(values) -> list[str]:
    out = []
    for v in values:
        out.extend(x for x in v.split(",") if x.strip())
    return out
