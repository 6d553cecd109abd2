"""Data problems: what is wrong, and exactly where."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in the input data.

    Parameters
    ----------
    file : str
        File name (relative to the unit folder) the value came from.
    row : int or None
        Row number as a spreadsheet shows it (the header is row 1 in a CSV), or None
        when the problem concerns the whole file or column.
    column : str
        Column as written in the file's header (or the English name when absent).
    value : str
        The offending value, as text.
    rule : str
        The rule it breaks, in plain words.
    sheet : str
        Sheet name, for Excel files.
    warning : bool
        True when the data can still be used (the value is ignored), False for an error.
    """

    file: str
    row: int | None
    column: str
    value: str
    rule: str
    sheet: str = ""
    warning: bool = False

    def __str__(self) -> str:
        from htxlib.messages import _, shown

        sheet = _(" [sheet {sheet}]").format(sheet=shown(self.sheet)) if self.sheet else ""
        where = shown(self.file) + sheet
        if self.row is not None:
            where += _(", row {row}").format(row=self.row)
        if self.column:
            where += _(", column '{column}'").format(column=shown(self.column))
        value = _(": value '{value}'").format(value=shown(self.value)) if self.value != "" else ""
        return f"{where}{value}: {shown(_(self.rule))}"

    def sort_key(self) -> tuple:
        """Order problems by file, row and column."""
        return (self.file, self.sheet, self.row or 0, self.column, self.rule)


class DataError(Exception):
    """Raised when a unit folder cannot be loaded; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.render())

    def render(self, limit: int | None = None) -> str:
        """Return the problems as one message, one line each."""
        from htxlib.messages import _

        shown = self.problems if limit is None else self.problems[:limit]
        lines = [_("{count} problem(s) in the data:").format(count=len(self.problems))]
        lines += [f"  - {p}" for p in shown]
        if limit is not None and len(self.problems) > limit:
            lines.append(_("  ... and {count} more").format(count=len(self.problems) - limit))
        return "\n".join(lines)


class ScopeError(ValueError):
    """The year or cutoff date asked for does not fit the data; the message is one line."""


class NoChildRead(Exception):
    """A parent with no registry of its own none of whose children could be read.

    Its report would have no data at all; ``children`` says why each was left out.
    """

    def __init__(self, children: list):
        from htxlib.messages import _

        super().__init__(_("no report was written: none of the units in units/ could be read."))
        self.children = children
