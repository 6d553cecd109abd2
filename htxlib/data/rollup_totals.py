"""The totals a parent publishes: those each of its children publishes.

A commune that publishes "03 HTX thành lập mới" while estimating each HTX's founding day has
a ``sum`` row saying so (see ``provenance``). A province built from such communes publishes
the sum of their totals: a total is the parent's own when every child that holds the field
publishes it, by a ``sum`` row or record by record. One child that estimates it leaves the
parent's total estimated.
"""

from __future__ import annotations

import pandas as pd

#: The note of a total the parent publishes because its children do.
NOTE = "Tổng các số liệu do các đơn vị cấp dưới công bố"


def _year(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _what_it_knows(provenance: pd.DataFrame) -> tuple[set[tuple], set[tuple]]:
    """Return a child's published totals and its unpublished values, read in one pass.

    Totals are (table, field, year); unpublished values (table, field, year or None: every
    year), whatever their record.
    """
    published, unpublished = set(), set()
    for row in provenance.itertuples():
        key = (row.table, row.field, _year(row.year))
        if row.record == "sum":
            if row.status == "published":
                published.add(key)
        elif row.status != "published":
            unpublished.add(key)
    return published, unpublished


def published_totals(parent_provenance: pd.DataFrame, children: list) -> pd.DataFrame:
    """Return the ``sum`` rows the parent adds: totals each child publishes.

    Parameters
    ----------
    parent_provenance : DataFrame
        The parent's own provenance rows (a total it states itself is kept as it is).
    children : list of Dataset
        The children that loaded.
    """
    known = [_what_it_knows(child.provenance) for child in children]
    sums = parent_provenance[parent_provenance["record"] == "sum"]
    own = {(row.table, row.field, _year(row.year)) for row in sums.itertuples()}
    candidates = set().union(*(published for published, _ in known)) - own

    def everyone_publishes(table: str, field: str, year: int | None) -> bool:
        return all(
            (table, field, year) in published
            or not {(table, field, year), (table, field, None)} & unpublished
            for published, unpublished in known
        )

    rows = [
        {"table": t, "record": "sum", "field": f, "year": y, "status": "published", "note": NOTE}
        for t, f, y in sorted(candidates, key=str)
        if everyone_publishes(t, f, y)
    ]
    return pd.DataFrame(rows, columns=parent_provenance.columns)
