"""The figures a unit's own document states (the ``reported_figures`` table), ready to use.

Blank kinds and qualifiers take their defaults, and each row keeps the spreadsheet row it
came from. What the stated figures mean and how they are checked is
:mod:`htxlib.checks.stated_figures`; a stated year-end estimate is used by the plan.
"""

from __future__ import annotations

import pandas as pd


def stated_figures(ds) -> pd.DataFrame:
    """Return the stated figures with their defaults filled in, and the row of each.

    The defaults: kind ``actual``, qualifier ``exact``, base ``all``.
    """
    rows = ds.reported_figures.copy()
    rows["kind"] = rows["kind"].fillna("actual")
    rows["qualifier"] = rows["qualifier"].fillna("exact")
    rows["base"] = rows["base"].fillna("all")
    rows["row"] = rows.index
    return rows


def _first_stated(
    ds, name: str, year: int, kind: str, column: str, own: bool = False, exact: bool = False
):
    """Return ``column`` of the first stated figure of an indicator, year and kind, if any.

    Rows where ``column`` is empty are passed over; with ``own``, so are the figures of
    another body (a verdict on them is not the unit's); with ``exact``, so are those of a
    part of the whole ("base") and those said as "hơn", "khoảng" or rounded.
    """
    given = stated_figures(ds)
    chosen = (
        (given["indicator"] == name)
        & (given["year"] == year)
        & (given["kind"] == kind)
        & given[column].notna()
    )
    if own:
        chosen &= given["body"].isna()
    if exact:
        chosen &= (given["qualifier"] == "exact") & (given["base"] == "all")
    rows = given[chosen]
    return None if rows.empty else rows[column].iloc[0]


def published_actual(ds, name: str, year: int) -> float | None:
    """Return the unit's own exact figure of an indicator for a year, if its document states one."""
    value = _first_stated(ds, name, year, "actual", "value", own=True, exact=True)
    return None if value is None else float(value)


def published_estimate(ds, name: str, year: int) -> float | None:
    """Return the year-end estimate the unit's own document publishes, if it states one."""
    value = _first_stated(ds, name, year, "estimate", "value")
    return None if value is None else float(value)


def stated_verdict(ds, name: str, year: int) -> str | None:
    """Return the verdict against its plan the unit's own document states of a figure, if any.

    Its own actual figure only: a verdict of a figure of another body is not the unit's.
    """
    verdict = _first_stated(ds, name, year, "actual", "verdict", own=True)
    return None if verdict is None else str(verdict)
