"""A year's value to its end: the estimate a mid-year plan states ("ước thực hiện cả năm").

A flow counted to a cutoff before 31/12 (the HTX founded in the first six months) is
estimated for the whole year; a stock a flow feeds (the HTX total) adds the flow's rest of
the year; a full-year value typed to date is recognised and not projected from.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from htxlib.data.cross_table import FULL_YEAR, typed_to_date
from htxlib.plan.indicators import INDICATORS, INPUTS, actual, history


@dataclass(frozen=True)
class Estimate:
    """A flow's value to the cutoff and its estimate for the whole year.

    Attributes
    ----------
    to_date : float
        Actual value from the period start to the cutoff.
    full_year : float
        Estimated value for the whole year ("ước thực hiện cả năm").
    method : str
        ``actual`` (the period is the whole year), ``published`` (the estimate the unit's
        own document states), ``history`` (to date plus the average of past years for the
        rest of the year), ``pro_rata`` (to date scaled to 12 months) or ``stock_flow`` (a
        stock plus the estimated rest of the flow that feeds it).
    """

    to_date: float
    full_year: float
    method: str


ESTIMATE_LABELS = {
    "actual": "số thực hiện cả năm",
    "published": "số ước thực hiện cả năm do đơn vị công bố",
    "stock_flow": "số hiện có cộng số ước phát sinh thêm đến cuối năm",
    "history": "số thực hiện đến ngày báo cáo cộng bình quân các năm trước "
    "cho phần còn lại của năm",
    "pro_rata": "số thực hiện đến ngày báo cáo quy ra 12 tháng",
}


def elapsed_share(ds, year: int, as_of=None) -> float:
    """Return the share of the calendar year covered by the period (0 to 1)."""
    period = ds.period(year, as_of)
    start = pd.Timestamp(year=year, month=1, day=1)
    days = (pd.Timestamp(year=year, month=12, day=31) - start).days + 1
    return min(((period.cutoff - start).days + 1) / days, 1.0)


#: Stocks that a flow feeds: the HTX total grows by the HTX founded in the rest of the year.
FED_BY = {"total_htx": "new_htx"}


def has_year_end_estimate(code: str) -> bool:
    """Whether the toolkit estimates an indicator's year-end value (flows, and fed stocks)."""
    return INDICATORS[code].kind == "flow" or code in FED_BY


def year_end_estimate(ds, code: str, year: int, as_of=None) -> Estimate:
    """Estimate an indicator for the whole year when the period ends before 31/12.

    The estimate the unit's own document publishes (``reported_figures``, kind
    ``estimate``) comes first. Otherwise counts with at least two earlier full years use the
    ``history`` method (the rest of the year at the past yearly average); other flows are
    scaled ``pro_rata``; a stock fed by a flow (the HTX total) adds the flow's estimated
    rest of the year. Other stocks and full-year figures keep their value.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    code : str
        Indicator code (a flow).
    year : int
        Assessed year.
    as_of : str or Timestamp, optional
        Cutoff overriding the period's.
    """
    from htxlib.data.stated import published_estimate

    to_date = actual(ds, code, year, as_of)
    share = elapsed_share(ds, year, as_of)
    if share >= 1.0 or pd.isna(to_date):
        return Estimate(to_date, to_date, "actual")
    published = published_estimate(ds, code, year)
    if published is not None:
        return Estimate(to_date, published, "published")
    if code in FED_BY:
        feed = year_end_estimate(ds, FED_BY[code], year, as_of)
        return Estimate(to_date, to_date + feed.full_year - feed.to_date, "stock_flow")
    if INDICATORS[code].kind != "flow":
        return Estimate(to_date, to_date, "actual")
    past = history(ds, code, year - 1).dropna()  # full-year values only
    if INDICATORS[code].events and len(past) >= 2:
        rest = float(past.mean()) * (1 - share)
        return Estimate(to_date, to_date + rest, "history")
    return Estimate(to_date, to_date / share, "pro_rata")


def yearly_values(ds, code: str, year: int, as_of=None) -> pd.Series:
    """Return an indicator's values by year up to ``year``, the last one as a full-year value.

    Stocks are taken at each cutoff; a flow (or a stock a flow feeds) of a year that ends
    before 31/12 is replaced by its year-end estimate.
    """
    values = history(ds, code, year - 1)
    if has_year_end_estimate(code):
        values[year] = year_end_estimate(ds, code, year, as_of).full_year
    else:
        values[year] = actual(ds, code, year, as_of)
    return values.sort_index()


def looks_to_date(ds, code: str, year: int, as_of=None) -> bool:
    """Whether a mid-year full-year value is far below the year before's: an amount to date.

    Such a value (revenue typed to 30/06) would project a fall that never happened.
    """
    if INDICATORS[code].kind != "annual" or elapsed_share(ds, year, as_of) >= 1:
        return False
    # the same test as validate's warning, on the same HTX in both years
    columns = [f for t, f in INPUTS.get(code, ()) if t == "annual" and f in FULL_YEAR]
    return any(typed_to_date(ds, year, column) is not None for column in columns)
