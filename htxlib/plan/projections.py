"""Simple, explainable projections of an indicator for the plan year, with an interval.

Every method takes the indicator's history (year to value, full-year values) and
returns a point and an interval that an official can recompute by hand:

- ``poisson``: counts of events (new HTX); the mean of past years, with the 10th and 90th
  percentiles of a Poisson distribution as the interval;
- ``trend``: a straight line fitted to past years, the interval ±1,28 residual standard
  deviations (about 80%), at least ±1 for counts and ±2% otherwise;
- ``growth``: the last value grown by the average yearly growth, the interval by the
  smallest and largest yearly growth seen;
- ``status_quo``: the current value, the interval from zero (every case resolved) to it.

A method that lacks the years it needs (:data:`MIN_YEARS`; missing values do not count)
projects nothing: :func:`not_projected`, whose point and interval are NaN. Nothing is
projected from missing history.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

Z80 = 1.2816  # two-sided 80% normal interval
#: Known years each method needs: an average, a line or a rate needs two; a backlog one.
MIN_YEARS = {"poisson": 2, "trend": 2, "growth": 2, "status_quo": 1}
NOT_PROJECTED = "none"


@dataclass(frozen=True)
class Projection:
    """A projected value.

    Attributes
    ----------
    point, low, high : float
        The projection and its interval (low <= point <= high, all >= 0).
    method : str
        Method code (see the module docstring).
    basis : tuple of int
        Years the projection rests on.
    """

    point: float
    low: float
    high: float
    method: str
    basis: tuple[int, ...]


#: How each method is described in a report.
METHOD_LABELS = {
    "poisson": "trung bình số phát sinh các năm trước (phân phối Poisson, khoảng 80%)",
    "trend": "xu hướng tuyến tính các năm trước (khoảng ±1,28 độ lệch chuẩn phần dư, "
    "tối thiểu ±1 đơn vị hoặc ±2%)",
    "growth": "tốc độ tăng bình quân các năm trước (khoảng theo tốc độ thấp nhất và cao nhất)",
    "status_quo": "giữ nguyên hiện trạng nếu không xử lý (khoảng từ 0 đến hiện trạng)",
    NOT_PROJECTED: "chưa đủ số liệu các năm để dự báo",
}


def not_projected(basis=()) -> Projection:
    """Return the projection of an indicator whose history is too short or not given."""
    nan = float("nan")
    return Projection(nan, nan, nan, NOT_PROJECTED, tuple(int(y) for y in basis))


def project_with(method: str, history: pd.Series, target_year: int, integer: bool) -> Projection:
    """Project ``history`` with a named method, or :func:`not_projected` when it is too short.

    Parameters
    ----------
    method : str
        ``poisson``, ``trend``, ``growth`` or ``status_quo``.
    history : Series
        Year to full-year value; NaN (not given) years are left out.
    target_year : int
        Year projected.
    integer : bool
        Whether the indicator is a whole number (trend only).
    """
    known = _clean(history)
    if len(known) < MIN_YEARS[method]:
        return not_projected(known.index)
    if method == "poisson":
        return poisson(known)
    if method == "growth":
        return growth(known, target_year)
    if method == "status_quo":
        return status_quo(float(known.iloc[-1]), int(known.index[-1]))
    return trend(known, target_year, integer=integer)


def _clean(history: pd.Series) -> pd.Series:
    return history.dropna().sort_index().astype(float)


def _ordered(
    point: float, low: float, high: float, method: str, basis, integer: bool
) -> Projection:
    point, low, high = max(point, 0.0), max(low, 0.0), max(high, 0.0)
    low, high = min(low, point), max(high, point)
    if integer:
        point, low, high = float(round(point)), float(math.floor(low)), float(math.ceil(high))
    return Projection(point, low, high, method, tuple(int(y) for y in basis))


def poisson_quantile(rate: float, q: float) -> int:
    """Return the smallest k with P(X <= k) >= q for X ~ Poisson(rate)."""
    k, term = 0, math.exp(-rate)
    cumulative = term
    while cumulative < q and k < 10_000:
        k += 1
        term *= rate / k
        cumulative += term
    return k


def poisson(history: pd.Series, years: int = 5) -> Projection:
    """Project a yearly count as the mean of the last ``years`` years."""
    h = _clean(history).tail(years)
    rate = float(h.mean()) if len(h) else 0.0
    low, high = poisson_quantile(rate, 0.10), poisson_quantile(rate, 0.90)
    return _ordered(rate, low, high, "poisson", h.index, integer=False)


def trend(history: pd.Series, target_year: int, integer: bool = False) -> Projection:
    """Project by a least-squares line through the history."""
    h = _clean(history)
    if len(h) < 2:
        value = float(h.iloc[-1]) if len(h) else 0.0
        return _ordered(value, value, value, "trend", h.index, integer)
    x = pd.Series(h.index, dtype=float)
    y = h.to_numpy()
    xm, ym = x.mean(), y.mean()
    slope = float(((x - xm) * (y - ym)).sum() / ((x - xm) ** 2).sum())
    intercept = ym - slope * xm
    point = intercept + slope * target_year
    residuals = y - (intercept + slope * x.to_numpy())
    dof = max(len(h) - 2, 1)
    # a perfect fit would give a zero-width interval; keep a minimum honest spread
    floor = 1.0 if integer else 0.02 * abs(point)
    spread = max(Z80 * math.sqrt(float((residuals**2).sum()) / dof), floor)
    return _ordered(point, point - spread, point + spread, "trend", h.index, integer)


def growth(history: pd.Series, target_year: int) -> Projection:
    """Project by the average yearly growth rate applied to the last value."""
    h = _clean(history)
    # growth is undefined from zero; values vanishingly small next to the largest count as zero
    h = h[h > 1e-9 * h.abs().max()] if len(h) else h
    if len(h) < 2:
        value = float(h.iloc[-1]) if len(h) else 0.0
        return _ordered(value, value, value, "growth", h.index, integer=False)
    rates = (h / h.shift(1)).dropna() ** (1 / pd.Series(h.index, index=h.index).diff().dropna())
    steps = target_year - int(h.index[-1])
    last = float(h.iloc[-1])
    average = float(rates.prod() ** (1 / len(rates)))
    return _ordered(
        last * average**steps,
        last * float(rates.min()) ** steps,
        last * float(rates.max()) ** steps,
        "growth",
        h.index,
        integer=False,
    )


def status_quo(current: float, year: int) -> Projection:
    """Project a backlog that stays unless acted on: the current value, interval [0, current]."""
    return _ordered(current, 0.0, current, "status_quo", (year,), integer=True)
