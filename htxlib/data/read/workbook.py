"""Read a workbook sheet's cells (cached formula values, merged cells), once opened."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from htxlib.data.limits import limits
from htxlib.data.read.bounds import check_cells, check_extent, check_file
from htxlib.data.read.source import Source
from htxlib.data.read.text import ReadError
from htxlib.messages import _


@lru_cache(maxsize=1)
def _workbook(path: str, stamp: tuple[int, int]):
    """Open a workbook's values once for all its sheets.

    ``stamp`` (size and modification time) opens an edited file again. A unit in one
    workbook has fifteen sheets: opening the whole file again for each sheet was most of the
    time a commune's validation took. Streamed (read-only): the thousand styled empty rows an
    office suite saves below the data cost no cell objects.
    """
    from openpyxl import load_workbook

    return load_workbook(path, data_only=True, read_only=True)


def opened_workbook(path: Path):
    """Return the workbook at ``path``, opened once while the file stays the same."""
    status = path.stat()
    return _workbook(str(path), (status.st_size, status.st_mtime_ns))


def _filled(rows: list[list]) -> list[list]:
    """Drop the empty rows at the end of a sheet (an office suite saves a thousand styled ones)."""
    last = len(rows)
    while last and all(cell is None for cell in rows[last - 1]):
        last -= 1
    return rows[:last]


def excel_rows(source: Source) -> tuple[list[list], str]:
    """Return a sheet's rows (merged ranges filled with their top-left value) and its name."""
    check_file(source.path)
    book = opened_workbook(source.path)
    if source.sheet:
        sheet = book[source.sheet]
    else:
        visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
        if not visible:
            raise ReadError("the workbook has no visible sheet")
        sheet = visible[0]
    merged_ranges, has_formulas = _sheet_markup(book, sheet)
    check_extent(sheet.max_row or 0, sheet.max_column or 0, len(merged_ranges))
    values = _filled(_cell_rows(sheet))
    check_cells(values)
    for min_col, min_row, max_col, max_row in merged_ranges:
        top = values[min_row - 1][min_col - 1] if len(values) >= min_row else None
        for r in range(min_row - 1, min(max_row, len(values))):
            for c in range(min_col - 1, min(max_col, len(values[r]))):
                values[r][c] = top
    name = sheet.title
    if has_formulas:  # most sheets hold no formula: nothing to stream through again
        _check_cached_formulas(source, name, values)
    return values, name


def _cell_rows(sheet) -> list[list]:
    """Return every row of a streamed sheet as values, padded to the widest row.

    A sheet's ``<dimension>`` is what its writer declared, and some writers declare ``A1``
    whatever follows: streamed within it, a sheet would lose its columns. The declared extent
    is checked before, the actual one while the rows stream.
    """
    sheet.reset_dimensions()
    bound = limits()
    rows, width = [], 0
    for row in sheet.iter_rows(values_only=True):
        rows.append(list(row))
        width = max(width, len(row))
        if len(rows) > bound.HTX_MAX_ROWS or width > bound.HTX_MAX_COLUMNS:
            check_extent(len(rows), width, 0)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*\bref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _sheet_markup(book, sheet) -> tuple[list[tuple[int, int, int, int]], bool]:
    """Return a streamed sheet's merged ranges and whether it holds a formula.

    A read-only sheet parses neither. Ranges are (min col, min row, max col, max row). The
    sheet's XML is scanned in chunks, never held whole.
    """
    from openpyxl.utils import range_boundaries

    refs: set[bytes] = set()
    formulas, tail = False, b""
    with book._archive.open(sheet._worksheet_path) as part:
        while chunk := part.read(1 << 20):
            text = tail + chunk
            formulas = formulas or b"<f" in text
            refs.update(_MERGE_REF.findall(text))
            tail = text[-200:]  # a tag cut between two chunks is whole in the next
    return [range_boundaries(ref.decode()) for ref in sorted(refs)], formulas


@lru_cache(maxsize=1)
def _formula_book(path: str, stamp: tuple[int, int]):
    """Open a workbook's formulas, streamed (read-only), once for all its sheets."""
    from openpyxl import load_workbook

    return load_workbook(path, data_only=False, read_only=True)


def _check_cached_formulas(source: Source, sheet: str, values: list[list]) -> None:
    """Raise when formulas have no cached value (a file written by a program, never opened)."""
    status = source.path.stat()
    book = _formula_book(str(source.path), (status.st_size, status.st_mtime_ns))
    formulas = book[sheet]
    formulas.reset_dimensions()  # as the values were read: every cell, whatever was declared
    rows = formulas.iter_rows(values_only=True)
    for r, row in zip(range(len(values)), rows, strict=False):
        for c, cell in enumerate(row):
            if isinstance(cell, str) and cell.startswith("=") and values[r][c] is None:
                raise ReadError(
                    _(
                        "row {row}: formula {formula} has no saved value; open the file in "
                        "Excel (or LibreOffice) and save it again"
                    ).format(row=r + 1, formula=cell)
                )
