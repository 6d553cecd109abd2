"""Columns as the readers hold them: cleaned cells, or a Categorical of distinct cells."""

from __future__ import annotations

from htxlib.data.read.text import clean_text


def coded_column(column):
    """Clean a dictionary-encoded Arrow text column with :func:`clean_text`, once per text.

    Returns a pandas Categorical: the column's cells as codes into its distinct cleaned
    values (a cell cleaned to nothing is missing). A national registry's score sheets repeat
    a few thousand ids, scores and years over millions of rows, and every later step (blank
    rows, totals rows, parsing) reads the distinct values and the codes, never the cells.
    """
    import numpy as np
    import pandas as pd
    import pyarrow.compute as pc

    encoded = column.combine_chunks()  # one dictionary for the whole column
    cleaned = encoded.dictionary.to_numpy(zero_copy_only=False)
    # words of printable ASCII, one space apart, are clean already (ids, numbers, years)
    plain = pc.match_substring_regex(encoded.dictionary, "^[!-~]+( [!-~]+)*$")
    for i in np.flatnonzero(~plain.to_numpy(zero_copy_only=False)):
        cleaned[i] = clean_text(cleaned[i])
    codes, distinct = pd.factorize(cleaned, use_na_sentinel=True)  # " A" and "A" are one
    cells = codes.astype(np.int32)[encoded.indices.to_numpy(zero_copy_only=False)]
    return pd.Categorical.from_codes(
        cells, categories=pd.Index(distinct, dtype=object), validate=False
    )


def taken(column, rows):
    """Take rows of a coded column, keeping as distinct values only those the rows hold.

    What only dropped rows held (the header, a totals row's sums) is no value of the data.
    In one pass over the codes, where pandas' own ``remove_unused_categories`` sorts them.
    """
    import numpy as np
    import pandas as pd

    codes = column.codes[rows]
    held = np.zeros(len(column.categories) + 1, dtype=bool)  # by code + 1: [0] is empty
    held[codes + 1] = True
    held[0] = False
    renumbered = (np.cumsum(held) - 1).astype(codes.dtype)  # held codes from 0, empty -1
    return pd.Categorical.from_codes(
        renumbered[codes + 1], categories=column.categories[held[1:]], validate=False
    )


def is_coded(column) -> bool:
    """Whether a read column is a Categorical (see :func:`coded_column`), not an array of cells."""
    return hasattr(column, "codes")


def cell_at(column, i: int):
    """One cell of a read column, None when empty."""
    if is_coded(column):
        code = column.codes[i]
        return column.categories[code] if code >= 0 else None
    return column[i]


def has_data(column) -> bool:
    """Whether a read column holds any cell."""
    if is_coded(column):
        return bool((column.codes >= 0).any())
    return any(cell is not None for cell in column)


def padded(row: list, width: int) -> list:
    """Return ``row`` filled with empty cells to ``width``."""
    return list(row) + [None] * (width - len(row)) if len(row) < width else row


def all_empty(columns: list[list], length: int):
    """Mark the rows whose every (cleaned) cell is empty."""
    import numpy as np

    blank = np.ones(length, dtype=bool)
    for column in columns:
        if is_coded(column):
            blank &= column.codes < 0
        else:
            blank &= np.equal(np.asarray(column, dtype=object), None)
    return blank
