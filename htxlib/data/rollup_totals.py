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


def _published_sums(provenance: pd.DataFrame) -> set[tuple]:
    rows = provenance[(provenance["record"] == "sum") & (provenance["status"] == "published")]
    return {(r.table, r.field, _year(r.year)) for r in rows.itertuples()}


def _estimates(provenance: pd.DataFrame, table: str, field: str, year: int | None) -> bool:
    """Whether a child leaves any record of the field unpublished for the year."""
    rows = provenance[
        (provenance["table"] == table)
        & (provenance["field"] == field)
        & (provenance["record"] != "sum")
        & (provenance["status"] != "published")
    ]
    years = rows["year"].map(_year)
    return bool(((years.isna()) | (years == year)).any()) if len(rows) else False


def published_totals(parent_provenance: pd.DataFrame, children: list) -> pd.DataFrame:
    """Return the ``sum`` rows the parent adds: totals each child publishes.

    Parameters
    ----------
    parent_provenance : DataFrame
        The parent's own provenance rows (a total it states itself is kept as it is).
    children : list of Dataset
        The children that loaded.
    """
    columns = parent_provenance.columns
    if not children:
        return pd.DataFrame(columns=columns)
    keys = set().union(*(_published_sums(child.provenance) for child in children))
    keys -= {(t, f, _year(y)) for t, f, y, r in parent_provenance[
        ["table", "field", "year", "record"]].itertuples(index=False) if r == "sum"}  # fmt: skip
    rows = [
        {"table": t, "record": "sum", "field": f, "year": y, "status": "published", "note": NOTE}
        for t, f, y in sorted(keys, key=str)
        if all(
            (t, f, y) in _published_sums(child.provenance)
            or not _estimates(child.provenance, t, f, y)
            for child in children
        )
    ]
    return pd.DataFrame(rows, columns=columns)
