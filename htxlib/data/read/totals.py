"""Find totals rows ("Tổng cộng", "Cộng") among a table's rows, column by column."""

from __future__ import annotations

import unicodedata

from htxlib.data.codebook import Table
from htxlib.data.read.columns import is_coded
from htxlib.data.read.header import header_map
from htxlib.data.read.text import fold

#: First cells that mark a totals row (folded).
TOTAL_WORDS = ("tổng cộng", "tổng số", "tổng", "cộng", "total")


#: First letters of :data:`TOTAL_WORDS`: a row whose first cell starts otherwise is data.
_TOTAL_INITIALS = frozenset(word[0] for word in TOTAL_WORDS)


def is_totals_row(row: list, table: Table, header: list[str]) -> bool:
    """Whether a row is a totals row: its first text says "tổng" or "cộng" and gives no key."""
    lead = row[0] if row else None
    if lead.__class__ is str and lead[:1].casefold() not in _TOTAL_INITIALS and lead[:1] > " ":
        return False  # the usual case, decided without folding the cell
    first = next((c for c in row if c is not None and str(c).strip() != ""), None)
    if not isinstance(first, str) or not fold(first).startswith(TOTAL_WORDS):
        return False
    mapping = header_map(table)
    for i, cell in enumerate(header):
        name = mapping.get(fold(cell)) if cell else None
        if name in table.key and i < len(row) and row[i] not in (None, "") and row[i] != first:
            return False
    return True


def first_cells(columns: list, rows: list[int]) -> list:
    """Return the first non-empty cell of each of ``rows``, read a column at a time."""
    import numpy as np

    found: list = [None] * len(rows)
    pending = np.arange(len(rows))
    at = np.asarray(rows, dtype=np.intp)
    for column in columns:
        if not len(pending):
            break
        if is_coded(column):
            codes = column.codes[at[pending]]
            given = codes >= 0
            for k, code in zip(pending[given], codes[given], strict=True):
                found[k] = column.categories[code]
        else:
            cells = np.asarray(column, dtype=object)[at[pending]]
            given = ~np.equal(cells, None)
            for k, cell in zip(pending[given], cells[given], strict=True):
                found[k] = cell
        pending = pending[~given]
    return found


#: The first letters of a totals word, normalised as :func:`fold` does.
_TOTAL_STARTS = tuple(word.split()[0][:4] for word in TOTAL_WORDS)


def _starts_like_a_total(cell: str) -> bool:
    """Whether a cell starts like a totals word, after :func:`fold` (checked last)."""
    head = unicodedata.normalize("NFC", cell[:12]).casefold().lstrip()
    return head.startswith(_TOTAL_STARTS) and fold(cell).startswith(TOTAL_WORDS)


def totals_candidates(first, blank) -> list[int]:
    """Rows that may be totals rows: the first cell is empty or starts like a totals word."""
    import numpy as np
    import pandas as pd

    # once per distinct first cell: ids and names repeat down a long table
    if is_coded(first):
        codes, distinct, cells = first.codes, first.categories, None
    else:
        cells = np.asarray(first, dtype=object)
        codes, distinct = pd.factorize(cells, use_na_sentinel=True)
    maybe = [
        i
        for i, cell in enumerate(distinct)
        if cell.__class__ is str
        and cell[:1].casefold() in _TOTAL_INITIALS
        # "THT00012" starts like "Tổng" and is no total: its first letters, normalised,
        # tell (the whole cell is folded only for the few that pass)
        and _starts_like_a_total(cell)
    ]
    candidate = np.isin(codes, maybe)
    missing = np.flatnonzero(codes < 0)
    if cells is None:
        candidate[missing] = True  # a coded column's missing cells are empty ones
    else:
        candidate[missing] = np.equal(cells[missing], None)  # empty, not a workbook's NaN
    return np.flatnonzero(candidate & ~np.asarray(blank, dtype=bool)).tolist()
