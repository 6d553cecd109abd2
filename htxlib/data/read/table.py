"""Read one table from its file: header, data rows and totals rows, located for messages."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import itemgetter

from htxlib.data.codebook import Table
from htxlib.data.problems import Problem
from htxlib.data.read.columns import (
    all_empty,
    cell_at,
    coded_column,
    has_data,
    is_coded,
    padded,
    taken,
)
from htxlib.data.read.delimited import csv_columns, csv_rows, csv_text, release_arrow_memory
from htxlib.data.read.header import HEADER_SEARCH_ROWS, find_header, header_map
from htxlib.data.read.locate import MANGLED
from htxlib.data.read.source import Source
from htxlib.data.read.text import ReadError, clean_column, fold
from htxlib.data.read.totals import TOTAL_WORDS, first_cells, is_totals_row, totals_candidates
from htxlib.data.read.workbook import excel_rows
from htxlib.messages import _


def _no_rows():
    import numpy as np

    return np.empty(0, dtype=np.int64)


@dataclass
class RawTable:
    """A table's cells as read, before typing.

    Attributes
    ----------
    offsets : ndarray of int64
        Spreadsheet row number of each data row.
    columns : list of array
        The data rows' cells column by column (one per header cell), cleaned by
        :func:`clean_text`: object arrays, or Categoricals where a plain CSV file was read
        by columns (see :func:`~htxlib.data.read.columns.coded_column`).
    header : list of str
        Header cells as written (empty string for a blank header cell).
    totals : list of (int, list)
        Rows recognised as totals rows, kept apart.
    encoding : str
        Text encoding of a CSV file ("" for Excel).
    problems : list of Problem
        What went wrong or was ignored while reading.
    """

    offsets: object = field(default_factory=_no_rows)  # ndarray of int64
    columns: list = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    totals: list[tuple[int, list]] = field(default_factory=list)
    encoding: str = ""
    problems: list[Problem] = field(default_factory=list)


#: Rows read and turned into columns at a time: bounds the text held at once.
CHUNK_ROWS = 65536


def read_raw(source: Source, table: Table) -> RawTable:
    """Read a file's header, data rows and totals rows.

    Parameters
    ----------
    source : Source
        Where to read from.
    table : Table
        The codebook entry the file holds (to find its header row).

    Returns
    -------
    RawTable
    """
    raw = RawTable()
    label = source.label
    try:
        _read_into(raw, source, table)
    except MemoryError:
        raise  # a shortage of memory, not a fault of the file: said as such (htx's cli)
    except (ReadError, OSError, csv.Error, KeyError) as err:
        if "MemoryError" in type(err).__name__:  # pyarrow.ArrowMemoryError is an OSError
            raise MemoryError(str(err)) from err
        failed = RawTable(encoding=raw.encoding)
        failed.problems.append(
            Problem(
                label, None, "", "", _("cannot be read: {error}").format(error=err), source.sheet
            )
        )
        return failed
    except Exception as err:  # noqa: BLE001 - a corrupt workbook must not crash the run
        rule = _("cannot be read as {suffix} ({error})").format(
            suffix=source.path.suffix, error=f"{type(err).__name__}: {err}"
        )
        failed = RawTable(encoding=raw.encoding)
        failed.problems.append(Problem(label, None, "", "", rule, source.sheet))
        return failed
    return raw


def _read_into(raw: RawTable, source: Source, table: Table) -> None:
    import numpy as np

    if source.is_excel:
        rows, sheet = excel_rows(source)
        source = Source(source.path, source.sheet or sheet)
        stream = iter(rows)
    else:
        text, data, raw.encoding, delimiter = csv_text(source.path)
        stream = csv_rows(text, delimiter)
    head = list(islice(stream, HEADER_SEARCH_ROWS))
    index = find_header(head, table)
    if index is None:
        expected = ", ".join(f"'{c.name}'/'{c.vi}'" for c in table.columns[:3])
        rule = _("no header row found in the first {rows} rows (expected {expected}, ...)").format(
            rows=HEADER_SEARCH_ROWS, expected=expected
        )
        raw.problems.append(Problem(source.label, None, "", "", rule, source.sheet))
        return
    header = ["" if c is None else str(c) for c in head[index]]
    # a header cell merged over two rows keeps its text in the upper row
    if index > 0:
        mapping = header_map(table)
        for i, cell in enumerate(header):
            above = head[index - 1][i] if i < len(head[index - 1]) else None
            if not cell and above is not None and fold(above) in mapping:
                header[i] = str(above)
    raw.header = header
    width = len(header)  # cells beyond the header have no column to go to
    if not source.is_excel and index == 0 and len(head) > 1:
        # a plain table (the header first, every record as wide): read it column by column,
        # from the bytes alone (the text and its reader's copy are let go: a national
        # registry's score sheets are a hundred MB)
        del text, stream
        columns = csv_columns(data, delimiter, width)
        if columns is not None:
            del data
            cleaned = [coded_column(column)[1:] for column in columns.columns]  # [0]: the header
            del columns
            release_arrow_memory()
            kept = _add_rows(raw, cleaned, 2, table)
            raw.offsets = kept + 2
            raw.columns = [taken(column, kept) for column in cleaned]
            return
        stream = islice(csv_rows(data.decode("utf-8"), delimiter), len(head), None)
    body = chain(head[index + 1 :], stream)
    parts: list[list] = [[] for _ in range(width)]
    offsets = [raw.offsets]
    first = index + 2  # spreadsheet number of the first body row
    while chunk := list(islice(body, CHUNK_ROWS)):
        chunk = [padded(r, width) if len(r) < width else r for r in chunk]
        # column by column: cleaning, blank rows and totals rows are column operations
        columns = [clean_column(list(map(itemgetter(i), chunk))) for i in range(width)]
        kept = _add_rows(raw, columns, first, table)
        offsets.append(kept + first)
        for i, column in enumerate(columns):
            parts[i].append(column[kept])
        first += len(chunk)
    raw.offsets = np.concatenate(offsets)
    raw.columns = [np.concatenate(p) if p else np.empty(0, dtype=object) for p in parts]


def _add_rows(raw: RawTable, columns: list, first: int, table: Table):
    """Note which of a run of rows are data and which are totals rows, blank rows dropped.

    ``columns`` are the run's cleaned columns (a cell of spaces is empty, in a key column
    too), and ``first`` the spreadsheet number of its first row. Returns the positions of
    the data rows, for the caller to take from each column and to number.
    """
    import numpy as np

    def row(i: int) -> list:
        return [cell_at(column, i) for column in columns]

    length = len(columns[0]) if columns else 0
    blank = all_empty(columns, length)
    candidates = totals_candidates(columns[0] if columns else [], blank)
    # column-wise: each candidate's first text, then the whole row of the few that say
    # "tổng" (a row is built cell by cell, and a registry's ids may all start with "T")
    leads = first_cells(columns, candidates)
    totals = {
        i
        for i, lead in zip(candidates, leads, strict=True)
        if lead.__class__ is str
        and fold(lead).startswith(TOTAL_WORDS)
        and is_totals_row(row(i), table, raw.header)
    }
    keep = ~blank
    keep[list(totals)] = False
    kept = np.flatnonzero(keep)
    raw.totals += [(first + i, row(i)[: len(raw.header)]) for i in sorted(totals)]
    return kept


@dataclass
class ReadTable:
    """A table read and mapped to English column names, cells still text.

    Attributes
    ----------
    frame : DataFrame
        Every codebook column (absent ones empty), indexed by spreadsheet row.
    headers : dict
        English column name to the header as written, for messages.
    totals : DataFrame
        Totals rows found under the data, same columns and index convention.
    problems : list of Problem
        Unreadable file, duplicated or unknown columns, missing required columns.
    """

    frame: object
    headers: dict[str, str]
    totals: object
    problems: list[Problem]


def read_table(source: Source, table: Table) -> ReadTable:
    """Read a table's cells with headers mapped to English column names.

    Parameters
    ----------
    source : Source
        Where to read from.
    table : Table
        The codebook entry the file holds.

    Returns
    -------
    ReadTable
    """
    import pandas as pd

    raw = read_raw(source, table)
    label, sheet = source.label, source.sheet
    problems = list(raw.problems)
    mapping = header_map(table)
    headers: dict[str, str] = {}
    keep: dict[int, str] = {}
    for i, written in enumerate(raw.header):
        name = mapping.get(fold(written)) if written else None
        mangled = MANGLED.match(written)
        if name is None and mangled:
            name = mapping.get(fold(mangled.group(1)))
        if name is None:
            filled = i < len(raw.columns) and has_data(raw.columns[i])
            if written or filled:
                shown = written or _("column {number} (no header)").format(number=i + 1)
                rule = _("unknown column, ignored (see data/README.md)")
                problems.append(Problem(label, None, shown, "", rule, sheet, warning=True))
            continue
        if name in headers:
            rule = _("column given twice (also as '{other}'); keep one").format(other=headers[name])
            problems.append(Problem(label, None, written, "", rule, sheet))
            continue
        headers[name] = written
        keep[i] = name

    def frame_of(offsets, columns: list) -> pd.DataFrame:
        # the columns as they are: a table of millions of cells is not copied into one block,
        # and a coded column stays coded
        index = pd.Index(offsets)
        data = {
            name: pd.Series(
                columns[i], index=index, dtype=None if is_coded(columns[i]) else object, copy=False
            )
            for i, name in keep.items()
        }
        frame = pd.DataFrame(data, index=index, copy=False)
        for col in table.columns:
            if col.name not in frame.columns:
                frame[col.name] = None
        return frame[table.names]

    def named(col) -> str:  # a column the file lacks, as the user's kind of file names it
        return col.vi if source.is_excel else col.name

    if raw.header:
        for col in table.columns:
            if col.required and col.name not in headers:
                rule = _("required column missing (header '{name}' or '{vi}')").format(
                    name=col.name, vi=col.vi
                )
                problems.append(Problem(label, None, named(col), "", rule, sheet))
            elif source.convention and col.name not in headers:
                # a workbook made by htx template has every column: one deleted loses its facts
                rule = _(
                    "the template's column '{vi}' is missing: every value of it counts as not "
                    "given (the report says 'chưa có số liệu'); add the column back to give them"
                ).format(vi=col.vi)
                problems.append(Problem(label, None, named(col), "", rule, sheet, warning=True))
    for col in table.columns:
        headers.setdefault(col.name, named(col))
    totals_columns = [
        clean_column([r[i] if i < len(r) else None for _, r in raw.totals])
        for i in range(len(raw.header))
    ]
    totals = frame_of([n for n, _ in raw.totals], totals_columns)
    return ReadTable(frame_of(raw.offsets, raw.columns), headers, totals, problems)
