"""What a table and a column of the codebook are (the definitions are in the sibling modules)."""

from __future__ import annotations

from dataclasses import dataclass

#: Column types the loader parses. ``code`` is text restricted to a code list.
TYPES = ("text", "code", "int", "amount", "date", "bool")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name : str
        English name, as used in code and in English headers.
    vi : str
        Vietnamese header accepted in place of ``name``.
    type : str
        One of :data:`TYPES`.
    description : str
        What the column means.
    unit : str
        Unit of measure, empty when none.
    codes : str
        Name of the code list in :data:`htxlib.data.codes.CODE_LISTS` (``code`` columns).
    required : bool
        Whether every row must have a value.
    signed : bool
        Whether negative values are allowed (numbers only).
    """

    name: str
    vi: str
    type: str
    description: str
    unit: str = ""
    codes: str = ""
    required: bool = False
    signed: bool = False


@dataclass(frozen=True)
class Table:
    """One table of a unit folder.

    Parameters
    ----------
    name : str
        File stem (``entities`` for ``entities.csv``) and sheet name.
    vi : str
        Vietnamese file stem or sheet name accepted in place of ``name``.
    description : str
        What one row is.
    columns : tuple of Column
        The columns, in codebook order.
    key : tuple of str
        Columns that identify a row; duplicates are an error.
    required : bool
        Whether a unit folder must contain the table.
    title : str
        What the table holds, in Vietnamese, as reports name it to readers.
    """

    name: str
    vi: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    required: bool = False
    title: str = ""

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        """English names of the columns, in order."""
        return [c.name for c in self.columns]


C = Column
