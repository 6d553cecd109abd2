"""Resource limits on what a unit folder may make the toolkit read: the one place they live.

A unit folder arrives by e-mail or from a shared drive, so every file in it is bounded before
it is read: a spreadsheet declaring a million rows, a zip bomb or a field as long as a book
is refused with the file, the limit and how to raise it, instead of filling the memory.

Each limit can be raised for one run with an environment variable of the same name, for
example ``HTX_MAX_ROWS=500000 htx report ...``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    """The limits, with their defaults (generous for a national registry of 35.000 HTX).

    Attributes
    ----------
    HTX_MAX_FILE_MB : int
        Size of one data or text file on disk.
    HTX_MAX_UNZIPPED_MB : int
        Total uncompressed size of an .xlsx file's parts.
    HTX_MAX_ZIP_RATIO : int
        Uncompressed to compressed size of one part of an .xlsx file (a zip bomb is thousands).
    HTX_MAX_PART_MB : int
        Uncompressed size of one part of an .xlsx file other than its sheets and shared
        strings: its styles, its list of sheets and defined names (a few KB in a real one).
    HTX_MAX_STRINGS : int
        Distinct texts (shared strings) of an .xlsx file: a national registry has a few
        hundred thousand.
    HTX_MAX_ROWS : int
        Rows of one table: a workbook sheet's declared or actual extent, a CSV file's lines
        (counted before any is parsed, after the empty lines that end it). A national
        registry's score sheets have about 3,1 million.
    HTX_MAX_COLUMNS : int
        Columns of one table.
    HTX_MAX_CELL_CHARS : int
        Characters in one cell.
    HTX_MAX_MERGED : int
        Merged ranges in one sheet.
    HTX_SNIFF_CHARS : int
        Characters of a CSV file looked at to tell its separator.
    HTX_MAX_TEXT_KB : int
        Size of one analyst text (``texts/<year>/<slot>.md``): a section of a plan is a few
        pages; a larger file would only make pandoc run out of memory writing the Word file.
    HTX_MAX_TEXTS_KB : int
        Size of a year's analyst texts together: what the Word file is made from.
    HTX_CONVERT_SECONDS : int
        Time pandoc or LibreOffice may take to write one Word or PDF file.
    HTX_PANDOC_MB : int
        Memory pandoc may use for its heap while it writes a Word file.
    HTX_MAX_PAGES : int
        Pages of one PDF document ``htx check`` reads: a plan has 10 to 40.
    HTX_MAX_DOCUMENT_CHARS : int
        Characters of text ``htx check`` takes from one document: a 40-page plan has about
        150.000.
    """

    HTX_MAX_FILE_MB: int = 200
    HTX_MAX_UNZIPPED_MB: int = 500
    HTX_MAX_ZIP_RATIO: int = 200
    HTX_MAX_PART_MB: int = 20
    HTX_MAX_STRINGS: int = 1_000_000
    HTX_MAX_ROWS: int = 4_000_000
    HTX_MAX_COLUMNS: int = 200
    HTX_MAX_CELL_CHARS: int = 32_767  # Excel's own limit for a cell
    HTX_MAX_MERGED: int = 5_000
    HTX_SNIFF_CHARS: int = 8_192
    HTX_MAX_TEXT_KB: int = 512
    HTX_MAX_TEXTS_KB: int = 2_048
    HTX_CONVERT_SECONDS: int = 600
    HTX_PANDOC_MB: int = 2_048
    HTX_MAX_PAGES: int = 1_000
    HTX_MAX_DOCUMENT_CHARS: int = 5_000_000


def limits() -> Limits:
    """Return the limits in force: the defaults, each overridden by its environment variable.

    A variable that is not a positive whole number is ignored.
    """
    given = {}
    for field in fields(Limits):
        raw = os.environ.get(field.name, "").strip()
        # "²" is a digit to str.isdigit() but no number to int(): ASCII digits only
        if raw.isascii() and raw.isdigit() and int(raw) > 0:
            given[field.name] = int(raw)
    return Limits(**given)


def exceeded(what: str, found: object, name: str, limit: int) -> str:
    """Return the message for a limit that a file exceeds.

    Parameters
    ----------
    what : str
        What was measured, in English (translated for the user).
    found : object
        The measured value.
    name : str
        The limit's name (its environment variable).
    limit : int
        Its value.
    """
    from htxlib.messages import _

    return _("{what} is {found}, over the limit of {limit} (set {name} to raise it)").format(
        what=_(what), found=found, limit=limit, name=name
    )
