"""A finding, and the light-weight hit a rule returns before positions are known."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 3, "warning": 2, "info": 1, "never": 99}


@dataclass(frozen=True, slots=True)
class Related:
    """Another place involved in a finding: a data path and/or a resolved position."""

    message: str
    path: tuple = ()
    file: str | None = None
    line: int = 0
    col: int = 0


@dataclass(slots=True)
class Hit:
    """What a rule returns: a data path and words; the engine adds the rest."""

    path: tuple
    message: str
    hint: str | None = None
    related: tuple[Related, ...] = ()
    at_value: bool = False
    code: str | None = None  # only the file checks, which report several codes, set it


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    hint: str
    file: str
    line: int
    col: int
    path: tuple = ()
    related: list[Related] = field(default_factory=list)
    suppressed: str | None = None  # the reason, when suppressed
    suppressed_by: str | None = None  # "lint.ignore" or "comment"

    @property
    def path_str(self) -> str:
        from partnerkit.load.positions import format_path

        return format_path(self.path)

    def sort_key(self):
        return (self.file, self.line, self.col, self.code, self.message)
