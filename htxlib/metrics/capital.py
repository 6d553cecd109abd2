"""Registered charter capital of HTX, by sector."""

from __future__ import annotations

import pandas as pd

from htxlib.codes import SECTORS
from htxlib.docs import scoped
from htxlib.metrics.frames import existing
from htxlib.provenance import figure


@scoped
def capital_by_sector(ds, year: int, as_of=None) -> pd.DataFrame:
    """Charter capital of the HTX existing at the cutoff, summed by sector.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        sector, label, count, capital (triệu đồng), names, status; sectors with
        no HTX are left out.
    """
    alive = existing(ds, "HTX", ds.period(year, as_of).cutoff)
    rows = []
    for code, label in SECTORS.items():
        part = alive[alive["sector"] == code]
        if part.empty:
            continue
        given = part[part["charter_capital"].notna()]
        fig = figure(
            ds,
            float(given["charter_capital"].sum()),
            "entities",
            "charter_capital",
            given["entity_id"],
            total=True,
        )
        rows.append(
            {
                "sector": code,
                "label": label,
                "count": len(part),
                "capital": fig.value,
                "names": list(part["name"]),
                "status": fig.status,
            }
        )
    return pd.DataFrame(rows, columns=["sector", "label", "count", "capital", "names", "status"])
