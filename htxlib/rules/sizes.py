"""Size classes of HTX by members, by capital (Circular 01/2020) and by Decree 113/2024."""

from __future__ import annotations

import numpy as np
import pandas as pd

from htxlib.docs import scoped
from htxlib.figures.frames import facts
from htxlib.rules.loading import size_schemes


def _by_threshold(values: pd.Series, classes: list[dict]) -> np.ndarray:
    """Class each value by the highest class whose lowest value it reaches (None: not given)."""
    values = values.to_numpy(dtype=float, na_value=np.nan)
    sizes = np.full(len(values), None, dtype=object)
    for cls in sorted(classes, key=lambda c: c["min"]):  # a higher class overrides a lower
        sizes[values >= cls["min"]] = cls["size"]
    return sizes


def _by_decree(frame: pd.DataFrame, sectors: dict) -> np.ndarray:
    """Class each HTX by members and by revenue or capital, its sector's classes largest first.

    Below the smallest known class an HTX is micro only when every class of its sector is
    known; a sector without known classes, or missing members, gives no class (None).
    """

    def numbers(column: str) -> np.ndarray:
        return frame[column].to_numpy(dtype=float, na_value=np.nan)

    members, revenue, capital = numbers("members"), numbers("revenue"), numbers("charter_capital")
    sizes = np.full(len(frame), None, dtype=object)
    classed = np.zeros(len(frame), dtype=bool)
    for sector, rules in sectors.items():
        mine = frame["sector"].eq(sector).to_numpy(dtype=bool, na_value=False) & ~np.isnan(members)
        for cls in rules["classes"]:  # from the largest class down
            big_enough = (revenue >= cls["revenue"]) | (capital >= cls["capital"])
            hit = mine & ~classed & (members >= cls["members"]) & big_enough
            sizes[hit], classed = cls["size"], classed | hit
        if rules.get("complete"):
            rest = mine & ~classed
            sizes[rest], classed = "sieu_nho", classed | rest
    return sizes


@scoped
def size_classes(ds, year: int, as_of=None, schemes: list[dict] | None = None) -> pd.DataFrame:
    """Classify each HTX existing at the cutoff under every size scheme.

    Decree 113/2024 uses yearly revenue: a year that ends before 31/12 is scaled to twelve
    months; charter capital stands in for total capital. Sectors or classes whose
    thresholds are unknown give no class (None) rather than a guess.

    Parameters
    ----------
    {scope}
    schemes : list of dict, optional
        Size schemes (default: those of ``htxlib/rules/size.yaml`` in force at the cutoff).

    Returns
    -------
    DataFrame
        entity_id, name, members, charter_capital, revenue (the year's, as the codebook
        defines it: never scaled), and one column per scheme id holding the size code or None.
    """
    cutoff = ds.period(year, as_of).cutoff
    schemes = schemes if schemes is not None else size_schemes(on=cutoff)
    frame = facts(ds, "HTX", year, cutoff)
    frame = frame.assign(revenue=frame["revenue"].astype(float))
    out = frame[["entity_id", "name", "members", "charter_capital", "revenue"]]
    for scheme in schemes:
        measure = scheme["measure"]
        if measure in ("members", "charter_capital"):
            out[scheme["id"]] = _by_threshold(frame[measure], scheme["classes"])
        else:
            out[scheme["id"]] = _by_decree(frame, scheme["sectors"])
    return out.reset_index(drop=True)


def size_summary(classes: pd.DataFrame, schemes: list[dict] | None = None) -> pd.DataFrame:
    """Count HTX by size class under each scheme.

    Returns
    -------
    DataFrame
        scheme, document, label (what the scheme classifies by), size (code, or None for
        unclassified), count.
    """
    schemes = schemes if schemes is not None else size_schemes()
    rows = []
    for scheme in [s for s in schemes if s["id"] in classes]:  # those applied at the cutoff
        counts = classes[scheme["id"]].value_counts(dropna=False)
        for size in ("sieu_nho", "nho", "vua", "lon", None):
            n = int(counts.get(size, 0)) if size else int(classes[scheme["id"]].isna().sum())
            rows.append(
                {
                    "scheme": scheme["id"],
                    "document": scheme["document"],
                    "label": scheme.get("label", ""),
                    "size": size,
                    "count": n,
                }
            )
    return pd.DataFrame(rows)
