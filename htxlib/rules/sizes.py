"""Size classes of HTX by members, by capital (Circular 01/2020) and by Decree 113/2024."""

from __future__ import annotations

import pandas as pd

from htxlib.docs import scoped
from htxlib.figures.frames import facts
from htxlib.rules.loading import size_schemes


def _by_threshold(value: float, classes: list[dict]) -> str | None:
    if pd.isna(value):
        return None
    chosen = None
    for cls in sorted(classes, key=lambda c: c["min"]):
        if value >= cls["min"]:
            chosen = cls["size"]
    return chosen


def _by_decree(row: pd.Series, revenue: float, sectors: dict) -> str | None:
    rules = sectors.get(row["sector"])
    if rules is None or pd.isna(row["members"]):
        return None
    capital = row["charter_capital"]
    for cls in rules["classes"]:  # from the largest class down
        big_enough = (not pd.isna(revenue) and revenue >= cls["revenue"]) or (
            not pd.isna(capital) and capital >= cls["capital"]
        )
        if row["members"] >= cls["members"] and big_enough:
            return cls["size"]
    # below the smallest known class: micro only when every class of the sector is known
    return "sieu_nho" if rules.get("complete") else None


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
        Size schemes (default: ``htxlib/rules/size.yaml``).

    Returns
    -------
    DataFrame
        entity_id, name, members, charter_capital, revenue (the year's, as the codebook
        defines it: never scaled), and one column per scheme id holding the size code or None.
    """
    schemes = schemes if schemes is not None else size_schemes()
    frame = facts(ds, "HTX", year, ds.period(year, as_of).cutoff)
    frame = frame.assign(revenue=frame["revenue"].astype(float))
    out = frame[["entity_id", "name", "members", "charter_capital", "revenue"]]
    for scheme in schemes:
        measure = scheme["measure"]
        if measure in ("members", "charter_capital"):
            out[scheme["id"]] = [_by_threshold(v, scheme["classes"]) for v in frame[measure]]
        else:
            out[scheme["id"]] = [
                _by_decree(row, row["revenue"], scheme["sectors"]) for _, row in frame.iterrows()
            ]
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
    for scheme in schemes:
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
