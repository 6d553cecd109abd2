"""Read a whole column of cells at once, naming every bad cell with its row.

A column's numbers are read with numpy's string functions where no locale rule is needed
("38.7"), and cell by cell with :func:`~htxlib.data.parsing.number_readings` otherwise; the
convention the column shows settles a cell that reads two ways ("81.233"). The cell readers
themselves are :mod:`htxlib.data.parsing`'s.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
from babel.numbers import format_decimal

from htxlib.data.codebook import Column
from htxlib.data.parsing import (
    MAX_NUMBER,
    CellError,
    number_readings,
    read_all_at_once,
    reader_for,
)
from htxlib.messages import _

DTYPES = {
    "text": "object",
    "code": "object",
    "int": "Int64",
    "amount": "Float64",
    "date": "datetime64[ns]",
    "bool": "boolean",
}


def _plain_numbers(text: pd.Series) -> tuple[pd.Series, set[str]]:
    """Read the cells that need no locale rules, with numpy's string functions, column-wise.

    Plain cells are ASCII digits with an optional sign and at most one dot or comma that can
    only be a decimal mark ("38.7", "3327.272", "1,5"). A cell of 1-3 digits and then three
    after the mark ("81.233") may be a thousands separator; it, and anything else, is left
    (as NaN) for :func:`number_readings`.

    Returns the values and the conventions the column shows by them.
    """
    values = pd.Series(float("nan"), index=text.index)
    if text.empty:
        return values, set()
    cells = np.asarray(text.to_numpy(), dtype=str)
    ascii_only = (cells.view(np.uint32).reshape(len(cells), -1) < 128).all(axis=1)
    signed = np.strings.startswith(cells, "-") | np.strings.startswith(cells, "+")
    body = np.where(signed, np.strings.slice(cells, 1, None), cells)
    dots, commas = np.strings.count(body, "."), np.strings.count(body, ",")
    digits = np.strings.replace(np.strings.replace(body, ".", ""), ",", "")
    plain = ascii_only & np.strings.isdigit(digits) & (dots + commas <= 1)
    mark = np.where(dots > 0, np.strings.find(body, "."), np.strings.find(body, ","))
    length = np.strings.str_len(body)
    decimal = plain & (dots + commas == 1) & (mark > 0) & (mark < length - 1)
    grouped = decimal & (mark <= 3) & (length - mark - 1 == 3)
    whole = plain & (dots + commas == 0)
    dot = decimal & (dots == 1) & ~grouped
    comma = decimal & (commas == 1) & ~grouped
    read = whole | dot | comma
    numbers = np.where(comma, np.strings.replace(cells, ",", "."), cells)
    values[read] = numbers[read].astype(float)
    evidence = {
        name for name, mask in (("dot-decimal", dot), ("comma-decimal", comma)) if mask.any()
    }
    return values, evidence


def _numbers(
    cells: pd.Series, column: Column, convention: str = ""
) -> tuple[pd.Series, list[tuple[int, str, str]]]:
    """Read a numeric column once per distinct text (scores, years and counts repeat).

    The column's convention is what its distinct cells show, so reading those alone gives
    every row its value; an unreadable cell is reported at every row that holds it.
    """
    coded = _coded(cells)
    if coded is None:
        return _numbers_of_cells(cells, column, convention)  # a workbook's: cells of all kinds
    codes, distinct = coded
    typed, errors = _numbers_of_cells(pd.Series(distinct, dtype=object), column, convention)
    values = pd.Series(
        typed.array.take(codes, allow_fill=True), index=cells.index, name=column.name
    )
    said: dict[int, list[tuple[str, str]]] = {}
    for position, value, message in errors:
        said.setdefault(position, []).append((value, message))
    return values, _at_every_row(codes, said, cells.index)


def _coded(cells: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """Return a text column's codes and distinct cells (code -1: empty).

    A column read by columns comes coded (a Categorical); another is coded here. None when
    the cells are not all text (a workbook's numbers, dates and text side by side).
    """
    if isinstance(cells.dtype, pd.CategoricalDtype):
        return cells.cat.codes.to_numpy(), cells.cat.categories.to_numpy(dtype=object)
    if pd.api.types.infer_dtype(cells, skipna=True) not in ("string", "empty"):
        return None
    return pd.factorize(cells.to_numpy(dtype=object), use_na_sentinel=True)


def _at_every_row(
    codes, said: dict[int, list[tuple[str, str]]], rows
) -> list[tuple[int, str, str]]:
    """Spread what was said of distinct values (by code) to every row holding one, in order."""
    if not said:
        return []
    return [
        (int(rows[at]), value, message)
        for at in np.flatnonzero(np.isin(codes, list(said)))
        for value, message in said[int(codes[at])]
    ]


def _numbers_of_cells(
    cells: pd.Series, column: Column, convention: str = ""
) -> tuple[pd.Series, list[tuple[int, str, str]]]:
    """Read a numeric column, settling two-way cells by the column's convention.

    Plain cells are read column-wise (:func:`_plain_numbers`); only cells with thousands
    separators, units or other signs go through Babel, one by one. A file that declares its
    convention (``convention``) settles every two-way cell by it.
    """
    errors: list[tuple[int, str, str]] = []
    # positions, not labels, throughout: a column is read in a few array operations
    if pd.api.types.infer_dtype(cells, skipna=True) in ("string", "empty"):  # a CSV column
        strings = cells.notna().to_numpy()
        native = np.zeros(len(cells), dtype=bool)
    else:  # a workbook's: numbers, text and other cells side by side
        kinds = cells.map(type)
        native = (kinds.isin([int, float, Decimal]) & cells.notna()).to_numpy()
        strings = kinds.isin([str]).to_numpy()
    raw, rows = cells.to_numpy(dtype=object), cells.index
    at = np.flatnonzero(strings)
    text = np.strings.strip(np.asarray(raw[at], dtype=str))
    empty = np.isin(text, ["", "-"])  # blank (or a dash) is "not given", never zero
    values = np.full(len(cells), np.nan)
    values[native] = raw[native].astype(float)
    plain, evidence = _plain_numbers(pd.Series(text[~empty], index=at[~empty]))
    values[at[~empty]] = plain.to_numpy()
    # everything else that is given: separators, units, signs, and cells of other types
    # (a bool or a date in a number column), which the slow way names as errors
    settled = native.copy()
    settled[at[empty]] = True
    settled[at[~empty]] = plain.notna().to_numpy()
    readings: dict[int, dict[str, float]] = {}
    for pos in np.flatnonzero(cells.notna().to_numpy() & ~settled):
        try:
            readings[pos] = number_readings(raw[pos])
        except CellError as exc:
            errors.append((int(rows[pos]), str(raw[pos]), str(exc)))
    if convention:
        evidence = {convention}  # the file says how its numbers are written
    evidence |= {
        name
        for r in readings.values()
        if "native" not in r and len(set(r.values())) == 1 and len(r) == 1
        for name in r
    }
    late: list[tuple[int, str, str]] = []
    for pos, reading in readings.items():
        distinct = set(reading.values())
        if len(distinct) == 1:
            values[pos] = distinct.pop()
        elif len(evidence) == 1 and next(iter(evidence)) in reading:
            values[pos] = reading[next(iter(evidence))]
        else:
            # the readings as the user writes numbers: a decimal comma, no grouping
            options = _(" or ").join(
                format_decimal(v, format="0.######", locale="vi_VN") for v in sorted(distinct)
            )
            why = (
                _("the column mixes both ways of writing numbers")
                if evidence
                else _("nothing in the column says which")
            )
            message = _(
                "ambiguous number: {options} ({why}); write it with no thousands "
                "separator (81233), or as a decimal with a comma (81,233); one cell of the "
                "column written unambiguously (1.250,5 or 81233) settles the whole column"
            ).format(options=options, why=why)
            late.append((int(rows[pos]), str(raw[pos]), message))
    known = ~np.isnan(values)
    if column.type == "int":
        fraction = known & (values != np.round(values))
        late += [
            (int(rows[p]), str(raw[p]), _("not a whole number")) for p in np.flatnonzero(fraction)
        ]
        values[fraction] = np.nan
    too_large = np.abs(values) > MAX_NUMBER
    late += [
        (int(rows[p]), str(raw[p]), _("number too large for this column"))
        for p in np.flatnonzero(too_large)
    ]
    values[too_large] = np.nan
    errors += sorted(late, key=lambda error: error[0])
    missing = np.isnan(values)
    if column.type == "int":
        typed = pd.arrays.IntegerArray(np.where(missing, 0, values).astype("int64"), missing)
    else:
        typed = pd.arrays.FloatingArray(np.where(missing, 0.0, values), missing)
    return pd.Series(typed, index=cells.index, name=column.name), errors


def _by_distinct_value(cells: pd.Series, read) -> tuple[object, list[tuple[int, str, str]]]:
    """Read each distinct cell once (ids, codes and flags repeat) and give every row its value.

    An unreadable value is reported at every row that holds it, in row order. A column with
    cells other than text (from a workbook) is read cell by cell: 1, 1.0 and True are equal
    as keys but not as cells.
    """
    coded = _coded(cells)
    if coded is None:
        values, errors = [], []
        for row, cell in cells.items():
            if cell is None or (isinstance(cell, float) and pd.isna(cell)):
                values.append(None)
                continue
            try:
                values.append(read(cell))
            except CellError as exc:
                values.append(None)
                errors.append((int(row), str(cell), str(exc)))
        return values, errors
    codes, distinct = coded
    results: list[object] | None = read_all_at_once(read, distinct)
    failures: dict[int, str] = {}
    if results is None:
        results = []
        for i, cell in enumerate(distinct):
            try:
                results.append(read(cell))
            except CellError as exc:
                results.append(None)
                failures[i] = str(exc)
    values = np.asarray([*results, None], dtype=object)[codes]  # code -1: None
    said = {code: [(str(distinct[code]), message)] for code, message in failures.items()}
    return values, _at_every_row(codes, said, cells.index)


def parse_column(
    cells: pd.Series, column: Column, convention: str = ""
) -> tuple[pd.Series, list[tuple[int, str, str]]]:
    """Parse one column of text cells.

    Parameters
    ----------
    cells : Series
        Cells indexed by spreadsheet row; missing cells are None.
    column : Column
        Codebook entry giving the type.
    convention : str
        The number convention the file declares, if any (see ``CONVENTIONS``).

    Returns
    -------
    values : Series
        Typed values (nullable dtype); bad cells become missing.
    errors : list of (row, value, message)
        One entry per cell that could not be read.
    """
    if column.type in ("int", "amount"):
        return _numbers(cells, column, convention)  # typed already
    values, errors = _by_distinct_value(cells, reader_for(column))
    series = pd.Series(values, index=cells.index, dtype="object", name=column.name)
    if column.type == "date":
        series = pd.to_datetime(series).astype("datetime64[ns]")
    else:
        series = series.astype(DTYPES[column.type])
    return series, errors
