"""Turn text cells into typed values, one column at a time, naming every bad cell."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pandas as pd

from htxlib.codes import CODE_LISTS
from htxlib.readers import fold
from htxlib.schema import Column

_TRUE = {"true", "yes", "1", "x", "có", "co", "đã", "da"}
_FALSE = {"false", "no", "0", "không", "khong", "chưa", "chua"}
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_VN_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message says what was expected."""


def parse_date(value: object) -> pd.Timestamp:
    """Read a date given as an Excel date, ``yyyy-mm-dd`` or ``dd/mm/yyyy``."""
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return pd.Timestamp(value).normalize()
    text = str(value).strip()
    if " " in text:  # "2024-06-30 00:00:00" from a spreadsheet export
        text = text.split(" ")[0]
    try:
        if _ISO.match(text):
            return pd.Timestamp(dt.date.fromisoformat(_pad_iso(text)))
        if _VN_DATE.match(text):
            day, month, year = (int(p) for p in text.split("/"))
            return pd.Timestamp(dt.date(year, month, day))
    except ValueError as exc:
        raise CellError(f"not a real date ({exc})") from None
    raise CellError("not a date; write dd/mm/yyyy or yyyy-mm-dd")


def _pad_iso(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def parse_amount(value: object) -> float:
    """Read a number with a decimal point, e.g. ``3327.272``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(" ", "")
    try:
        return float(text)
    except ValueError:
        raise CellError("not a number; write digits with '.' for decimals, e.g. 3327.272") from None


def parse_int(value: object) -> int:
    """Read a whole number (``12`` or ``12.0`` from a spreadsheet)."""
    number = parse_amount(value)
    if not number.is_integer():
        raise CellError("not a whole number")
    return int(number)


def parse_bool(value: object) -> bool:
    """Read yes/no in English or Vietnamese (true/false, có/không, 1/0, x)."""
    if isinstance(value, bool):
        return value
    text = fold(str(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError("not yes/no; write true or false (có/không)")


def code_reader(list_name: str) -> Callable[[object], str]:
    """Return a reader that accepts a code or its Vietnamese label and gives the code.

    Unknown values pass through unchanged so that validation reports them
    against the full list of allowed codes.
    """
    codes = CODE_LISTS[list_name]
    lookup = {fold(code): code for code in codes}
    lookup.update({fold(label): code for code, label in codes.items()})

    def read(value: object) -> str:
        text = str(value)
        return lookup.get(fold(text), text)

    return read


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number in Excel
    return str(value)


def reader_for(column: Column) -> Callable[[object], object]:
    """Return the cell reader for a codebook column."""
    if column.type == "code":
        return code_reader(column.codes)
    return {
        "text": _text,
        "int": parse_int,
        "amount": parse_amount,
        "date": parse_date,
        "bool": parse_bool,
    }[column.type]


DTYPES = {
    "text": "object",
    "code": "object",
    "int": "Int64",
    "amount": "Float64",
    "date": "datetime64[ns]",
    "bool": "boolean",
}


def parse_column(cells: pd.Series, column: Column) -> tuple[pd.Series, list[tuple[int, str, str]]]:
    """Parse one column of text cells.

    Parameters
    ----------
    cells : Series
        Cells indexed by spreadsheet row; missing cells are None.
    column : Column
        Codebook entry giving the type.

    Returns
    -------
    values : Series
        Typed values (nullable dtype); bad cells become missing.
    errors : list of (row, value, message)
        One entry per cell that could not be read.
    """
    read = reader_for(column)
    values: list[object] = []
    errors: list[tuple[int, str, str]] = []
    for row, cell in cells.items():
        if cell is None or (isinstance(cell, float) and pd.isna(cell)):
            values.append(None)
            continue
        try:
            values.append(read(cell))
        except CellError as exc:
            values.append(None)
            errors.append((int(row), str(cell), str(exc)))
    series = pd.Series(values, index=cells.index, dtype="object", name=column.name)
    if column.type == "date":
        series = pd.to_datetime(series).astype("datetime64[ns]")
    else:
        series = series.astype(DTYPES[column.type])
    return series, errors
