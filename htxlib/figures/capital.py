"""Registered charter capital of HTX, by sector."""

from __future__ import annotations

import pandas as pd

from htxlib.data.codes import SECTORS
from htxlib.docs import scoped
from htxlib.figures.frames import existing, given_sum
from htxlib.figures.provenance import figure

COLUMNS = [
    "sector", "label", "count", "capital", "capital_given", "capital_low", "capital_high",
    "range_status", "names", "status",
]  # fmt: skip


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
        it), capital_given (HTX whose capital is given), capital_low and capital_high (the
        smallest and largest capital of one HTX, when two or more give different ones; else
        None) and range_status (their provenance), names, status; sectors with no HTX are left out.
    """
    alive = existing(ds, "HTX", ds.period(year, as_of).cutoff)
    rows = []
    for code, label in SECTORS.items():
        part = alive[alive["sector"] == code]
        if part.empty:
            continue
        fig = given_sum(ds, part, "charter_capital", "entities")
        given = part["charter_capital"].dropna()
        spread = len(given) > 1 and given.min() != given.max()
        rows.append(
            {
                "sector": code,
                "label": label,
                "count": len(part),
                "capital": fig.value,
                "capital_given": fig.given,
                "capital_low": float(given.min()) if spread else None,
                "capital_high": float(given.max()) if spread else None,
                # one HTX's capital: a published total of the sector does not cover it
                "range_status": figure(
                    ds, None, "entities", "charter_capital", part.loc[given.index, "entity_id"]
                ).status,
                "names": list(part["name"]),
                "status": fig.status,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
