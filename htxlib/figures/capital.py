"""Registered charter capital of HTX, by sector."""

from __future__ import annotations

import pandas as pd

from htxlib.data.codes import SECTORS
from htxlib.docs import scoped
from htxlib.figures.frames import existing, given_sum

COLUMNS = ["sector", "label", "count", "capital", "capital_given", "names", "status"]


@scoped
def capital_by_sector(ds, year: int, as_of=None) -> pd.DataFrame:
    """Charter capital of the HTX existing at the cutoff, summed by sector.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        sector, label, count, capital (triệu đồng; None when no HTX of the sector gives
        it), capital_given (HTX whose capital is given), names, status; sectors with no HTX
        are left out.
    """
    alive = existing(ds, "HTX", ds.period(year, as_of).cutoff)
    rows = []
    for code, label in SECTORS.items():
        part = alive[alive["sector"] == code]
        if part.empty:
            continue
        fig = given_sum(ds, part, "charter_capital", "entities")
        rows.append(
            {
                "sector": code,
                "label": label,
                "count": len(part),
                "capital": fig.value,
                "capital_given": fig.given,
                "names": list(part["name"]),
                "status": fig.status,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
