"""Figures that contradict themselves: stated totals, published figures, unit slips.

These are findings, not load errors: the data stays usable and the report shows both
numbers, so that an analyst can see which one is wrong.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from htxlib.checks.stated_figures import COLUMNS, reported_findings
from htxlib.data.codebook import TABLES
from htxlib.data.parsing import CellError, number_readings
from htxlib.messages import N_, in_both_languages

#: A yearly amount this many times larger or smaller than the entity's other years is a
#: likely tỷ/triệu slip (a factor of 1.000).
SLIP_FACTOR = 300


def _stated(cell) -> float | None:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return None
    try:
        readings = number_readings(cell)
    except CellError:
        return None
    values = set(readings.values())
    return values.pop() if len(values) == 1 else None


def stated_totals(ds) -> list[dict]:
    """Compare each totals row found under a table with the sum of the table's rows."""
    found = []
    for name, totals in ds.stated_totals.items():
        table = TABLES[name]
        frame = ds.tables[name]
        source = ds.sources[name]
        for row, record in totals.iterrows():
            for col in table.columns:
                if col.type not in ("int", "amount"):
                    continue
                stated = _stated(record[col.name])
                if stated is None:
                    continue
                computed = float(frame[col.name].fillna(0).sum())
                if abs(stated - computed) > 1e-6:
                    found.append(
                        {
                            "check": "stated_total",
                            "file": _label(source),
                            "row": int(row),
                            "field": col.name,
                            "year": None,
                            "stated": stated,
                            "computed": computed,
                            **in_both_languages(_total_cause(source, stated, computed)),
                        }
                    )
    return found


def _label(source) -> str:
    """Name a table's file, and its sheet in a workbook: "bac-ha.xlsx [so_lieu_nam]"."""
    return f"{source.label} [{source.sheet}]" if source.sheet else source.label


def _total_cause(source, stated: float, computed: float) -> str:
    """Say why a totals row may differ from the rows' sum.

    In a workbook, a SUM short of the rows most often leaves out numbers stored as text,
    which the office suite does not add up.
    """
    if source.is_excel and stated < computed:
        return N_(
            "the total row differs from the rows' sum: numbers stored as text in the column are "
            "left out of the workbook's SUM; make them numbers, or check the formula's range"
        )
    return N_("the total row differs from the rows' sum")


def _leave_one_out_median(values: pd.DataFrame, column: str) -> pd.Series:
    """Median of each entity's other values, for every row, in one pass over sorted arrays.

    Removing the k-th smallest of n sorted values leaves n - 1 values whose j-th smallest is
    the (j + [j >= k])-th of the whole; the median takes the middle one or two of them.
    """
    ordered = values.sort_values(["entity_id", column], kind="stable")
    sizes = ordered.groupby("entity_id", sort=False)[column].transform("size").to_numpy()
    rank = ordered.groupby("entity_id", sort=False).cumcount().to_numpy()
    start = np.arange(len(ordered)) - rank
    numbers = ordered[column].to_numpy(dtype=float)
    low, high = (sizes - 2) // 2, (sizes - 1) // 2

    def nth_other(j):
        return numbers[start + j + (j >= rank)]

    typical = (nth_other(low) + nth_other(high)) / 2
    return pd.Series(typical, index=ordered.index).reindex(values.index)


def unit_slips(ds) -> list[dict]:
    """Flag yearly amounts about a thousand times off the same entity's other years."""
    found = []
    annual = ds.annual
    source = ds.sources.get("annual")
    for column in ("revenue", "member_income"):
        values = annual[["entity_id", column, "year"]].dropna()
        values = values[values[column] > 0]
        values = values[values.groupby("entity_id")[column].transform("size") >= 3]
        if values.empty:
            continue
        typical = _leave_one_out_median(values, column)
        amount = values[column].astype(float)
        slips = values[(amount >= typical * SLIP_FACTOR) | (amount * SLIP_FACTOR <= typical)]
        slips = slips.sort_values("entity_id", kind="stable")  # by entity, then row
        for row, record in slips.iterrows():
            found.append(
                {
                    "check": "unit_slip",
                    "file": source.label if source else "annual",
                    "row": int(row),
                    "field": column,
                    "year": int(record["year"]),
                    "stated": float(record[column]),
                    "computed": float(typical[row]),
                    **in_both_languages(
                        N_(
                            "{entity}: about 1.000 times its other years (tỷ đồng typed as "
                            "triệu đồng?)"
                        ),
                        entity=record["entity_id"],
                    ),
                }
            )
    return found


def contradictions(ds) -> pd.DataFrame:
    """Run every check on figures that contradict themselves.

    Returns
    -------
    DataFrame
        check (stated_total, reported_figure, reported_parts, reported_share, reported_sources,
        reported_achievement, unit_slip), file, row, field, year, stated, computed, message
        (Vietnamese, as the document states it) and message_en.
    """
    rows = stated_totals(ds) + reported_findings(ds) + unit_slips(ds)
    found = pd.DataFrame(rows, columns=COLUMNS)
    # a child's own contradictions stay contradictions in its parent, with the child named
    for child in ds.children:
        if child.data is None:
            continue
        theirs = contradictions(child.data)
        if not theirs.empty:
            theirs["file"] = child.path + "/" + theirs["file"].astype(str)
            found = pd.concat([found, theirs], ignore_index=True)
    return found
