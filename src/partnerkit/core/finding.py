"""A finding, and the light-weight hit a rule returns before places are known."""

from __future__ import annotations

from dataclasses import dataclass, field

from partnerkit.core.location import Location

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}


def format_path(path: tuple) -> str:
    """``("metrics", 2, "readings", 3)`` -> ``metrics[2].readings[3]`` (0-based, as JSON readers expect)."""
    out = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + str(part))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Related:
    """Another place involved in a finding: a data path, resolved to a location by the engine."""

    message: str
    path: tuple = ()
    loc: Location | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """A safe fix of a finding, at the finding's data path: rename the key there, or replace the value there."""

    title: str  # what the fix does, for a reader: "Rename `on` to `date`"
    kind: str  # "rename" or "replace"
    value: object  # the new key, or the new value


@dataclass(slots=True)
class Hit:
    """What a rule returns: a data path and words; the engine adds the rest."""

    path: tuple
    message: str
    hint: str | None = None
    related: tuple[Related, ...] = ()
    at_value: bool = False
    code: str | None = None  # only checks that report several codes set it
    loc: Location | None = None  # a place no data path names (a comment, a CSV cell); else resolved from ``path``
    fix: Fix | None = None  # the safe fix, when there is one (``lint --fix``, the language server's code actions)


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    hint: str
    loc: Location
    path: tuple = ()
    related: list[Related] = field(default_factory=list)
    # ``(subject, where)``, or a callable that gives them, asked on first use (most outputs never read them):
    # the subject names the thing concerned by id (``metrics[M1].readings[*]``), stable when lists change;
    # ``where`` says the same for a reader (``metric `M1`, reading 4``), counting from 1
    named: object = field(default=None, repr=False, compare=False)
    suppressed: str | None = None  # the reason, when suppressed
    suppressed_by: str | None = None  # "lint.ignore" or "comment"
    fix: Fix | None = None  # the safe fix, when there is one

    @property
    def subject(self) -> str:
        return self.names()[0]

    @property
    def where(self) -> str:
        return self.names()[1]

    def names(self) -> tuple[str, str]:
        named = self.named
        if named is None:
            return "", ""
        if named.__class__ is not tuple:
            named = self.named = named()
        return named

    def __getstate__(self):
        """For another process: the names made now, so the data they are made from never travels."""
        self.names()
        return [getattr(self, name) for name in self.__slots__]

    def __setstate__(self, state) -> None:
        for name, value in zip(self.__slots__, state):
            object.__setattr__(self, name, value)

    @property
    def file(self) -> str:
        return self.loc.file or ""

    @property
    def line(self) -> int:
        return self.loc.line

    @property
    def col(self) -> int:
        return self.loc.col

    @property
    def path_str(self) -> str:
        return format_path(self.path)

    def sort_key(self):
        return (self.loc.file or "", self.loc.line, self.loc.col, self.code, self.message)
