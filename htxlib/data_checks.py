"""Figures that contradict themselves: stated totals, published figures, unit slips.

These are findings, not load errors: the data stays usable and the report shows both
numbers, so that an analyst can see which one is wrong.
"""

from __future__ import annotations

import pandas as pd

from htxlib import metrics as m
from htxlib.parsing import CellError, number_readings
from htxlib.schema import TABLES

COLUMNS = ["check", "file", "row", "field", "year", "stated", "computed", "message"]
#: A yearly amount this many times larger or smaller than the entity's other years is a
#: likely tỷ/triệu slip (a factor of 1.000).
SLIP_FACTOR = 300
SHARE_TOLERANCE = 0.005


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
                            "file": source.label,
                            "row": int(row),
                            "field": col.name,
                            "year": None,
                            "stated": stated,
                            "computed": computed,
                            "message": "dòng tổng cộng khác tổng các dòng",
                        }
                    )
    return found


def _figure(ds, indicator: str, year: int) -> float | None:
    from htxlib.indicators import INDICATORS, actual

    if indicator in INDICATORS:
        return actual(ds, indicator, year)
    kind, _, code = indicator.partition(":")
    if kind in ("rating_count", "rating_share"):
        table = m.rating_distribution(ds, year).set_index("rating")
        column = "count" if kind == "rating_count" else "share"
        return float(table.at[code, column]) if code in table.index else None
    if kind == "sector_count":
        table = m.htx_overview(ds, year).by_sector.set_index("sector")
        return float(table.at[code, "count"]) if code in table.index else 0.0
    if kind == "manager_level":
        table = m.manager_training(ds, year).levels.set_index("level")
        return float(table.at[code, "count"]) if code in table.index else None
    return None


def reported_figures(ds) -> list[dict]:
    """Compare the figures a document states (``reported_figures``) with the computed ones."""
    found = []
    source = ds.sources.get("reported_figures")
    label = source.label if source else "reported_figures"
    for row, record in ds.reported_figures.iterrows():
        computed = _figure(ds, record["indicator"], int(record["year"]))
        tolerance = SHARE_TOLERANCE if "share" in record["indicator"] else 1e-6
        if computed is None:
            message = "chỉ tiêu không xác định"
        elif abs(float(record["value"]) - computed) > tolerance:
            message = "số liệu công bố khác số liệu tính từ dữ liệu"
        else:
            continue
        found.append(
            {
                "check": "reported_figure",
                "file": label,
                "row": int(row),
                "field": record["indicator"],
                "year": int(record["year"]),
                "stated": float(record["value"]),
                "computed": computed,
                "message": message,
            }
        )
    return found


def unit_slips(ds) -> list[dict]:
    """Flag yearly amounts about a thousand times off the same entity's other years."""
    found = []
    annual = ds.annual
    source = ds.sources.get("annual")
    for column in ("revenue", "member_income"):
        for entity_id, part in annual.groupby("entity_id"):
            values = part[[column, "year"]].dropna()
            values = values[values[column] > 0]
            if len(values) < 3:
                continue
            for row, record in values.iterrows():
                others = values.drop(index=row)[column]
                typical = float(others.median())
                value = float(record[column])
                if value >= typical * SLIP_FACTOR or value * SLIP_FACTOR <= typical:
                    found.append(
                        {
                            "check": "unit_slip",
                            "file": source.label if source else "annual",
                            "row": int(row),
                            "field": column,
                            "year": int(record["year"]),
                            "stated": value,
                            "computed": typical,
                            "message": f"{entity_id}: khác khoảng 1.000 lần so với các năm khác "
                            "(có thể nhầm tỷ đồng với triệu đồng)",
                        }
                    )
    return found


def data_findings(ds) -> pd.DataFrame:
    """Run every check on figures that contradict themselves.

    Returns
    -------
    DataFrame
        check (stated_total, reported_figure, unit_slip), file, row, field, year, stated,
        computed, message.
    """
    rows = stated_totals(ds) + reported_figures(ds) + unit_slips(ds)
    return pd.DataFrame(rows, columns=COLUMNS)
