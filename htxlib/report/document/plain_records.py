"""Tables as plain records, the form the templates read rows in."""

from __future__ import annotations

import numpy as np
import pandas as pd


def records(frame) -> list[dict]:
    """Return a table as plain records, missing values as None, for templates to test simply."""
    # column by column: ``to_dict`` boxes every cell again (a second for a national rating
    # table), where only a column that holds objects may hold numpy's scalars
    names, columns = list(frame.columns), []
    for name in names:
        column = frame[name]
        values = column.astype(object).tolist()
        if column.dtype == object:
            values = [_native(value) for value in values]
        missing = column.isna().to_numpy()
        if missing.any():
            values = [None if gone else value for value, gone in zip(values, missing, strict=True)]
        columns.append(values)
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _native(value):
    """Return numpy's scalar as Python's own (as ``DataFrame.to_dict`` gives it), else as is."""
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value)
    if isinstance(value, np.timedelta64):
        return pd.Timedelta(value)
    return value.item() if isinstance(value, np.generic) else value
