"""Where something sits in a file: one type for every place partnerkit names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based line and column in a file, and where the thing ends when that is known.

    ``file`` is None for a place in the file being linted (the engine names it);
    rows of a CSV data file carry that file's name. ``end_line`` and ``end_col``
    point just after the last character, as SARIF and LSP ranges do.
    """

    file: str | None = None
    line: int = 1
    col: int = 1
    end_line: int | None = None
    end_col: int | None = None

    def in_file(self, file: str) -> Location:
        """This place, named as being in ``file`` unless it already names its own file."""
        return self if self.file is not None else Location(file, self.line, self.col, self.end_line, self.end_col)

    @property
    def end(self) -> tuple[int, int]:
        """The end, or the start when the end is not known."""
        if self.end_line is None:
            return self.line, self.col
        return self.end_line, self.end_col or self.col

    def __str__(self) -> str:
        return f"{self.file or '<charter>'}:{self.line}:{self.col}"
