"""The five-year period a year's plan sits in, and where the unit stands against its targets.

Annual plans sit inside the five-year plans of the socio-economic periods (2021-2025,
2026-2030): the 2025 plan inside 2021-2025, the plans of 2026 to 2030 inside 2026-2030. A
unit's own period targets (``period_targets``) are set beside its value at the cutoff; and
where the year's plan has a target for the same indicator, whether that step, kept up each
year to the period's end, reaches the period's target.
"""

from __future__ import annotations

import math

import pandas as pd

from htxlib.data.codes import PERIOD_INDICATORS
from htxlib.figures.frames import existing
from htxlib.plan.indicators import actual

#: What each period indicator counts, printed after its values.
UNITS = {"total_htx": "HTX", "total_tht": "THT", "total_unions": "LH HTX", "members": "thành viên"}
#: The first year of a five-year period; the periods follow each other from it.
FIRST_PERIOD_START = 2021
PERIOD_YEARS = 5


def plan_period(plan_year: int) -> tuple[int, int]:
    """Return the five-year period a plan year sits in.

    Examples
    --------
    >>> plan_period(2025), plan_period(2026), plan_period(2027), plan_period(2020)
    ((2021, 2025), (2026, 2030), (2026, 2030), (2016, 2020))
    """
    start = FIRST_PERIOD_START + PERIOD_YEARS * math.floor(
        (plan_year - FIRST_PERIOD_START) / PERIOD_YEARS
    )
    return start, start + PERIOD_YEARS - 1


def _value_at_cutoff(ds, code: str, year: int, as_of) -> float:
    """Return the unit's value of a period indicator at the cutoff (NaN for a partial registry)."""
    from htxlib.data.unit import unit_of

    if code in ("total_htx", "members"):
        return actual(ds, code, year, as_of)
    if unit_of(ds).partial:
        return float("nan")  # a part of the registry is never the unit's count
    kind = {"total_tht": "THT", "total_unions": "LHHTX"}[code]
    return float(len(existing(ds, kind, ds.period(year, as_of).cutoff)))


def period_source(ds, plan_year: int) -> str:
    """Return the document that set the period's targets ("" when the unit gives none)."""
    start, _end = plan_period(plan_year)
    rows = ds.tables["period_targets"]
    sources = rows.loc[rows["period_start"] == start, "source"].dropna()
    return str(sources.iloc[0]) if len(sources) else ""


def period_standing(ds, year: int, plan_year: int, steps: dict[str, float], as_of=None):
    """Set each period target of the plan's period beside the unit's value at the cutoff.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    year, plan_year : int
        The assessed year and the year planned.
    steps : dict
        The plan year's target by indicator code, where the plan sets one (its lower bound).
    as_of : optional
        Cutoff overriding the period's.

    Returns
    -------
    DataFrame
        indicator, label, unit, period_start, period_end, target, source, current (NaN when
        not given), share (current as a percentage of target, NaN when not given), step (the
        plan year's target, NaN without one), reached_at_pace (whether that step's yearly
        change, kept up to the period's end, reaches the target; None without a step).
    """
    start, end = plan_period(plan_year)
    rows = ds.tables["period_targets"]
    rows = rows[(rows["period_start"] == start) & (rows["period_end"] == end)]
    out = []
    for record in rows.to_dict("records"):
        code = record["indicator"]
        target = float(record["value"])
        current = _value_at_cutoff(ds, code, year, as_of)
        step = steps.get(code, float("nan"))
        pace = None
        if not math.isnan(step) and not math.isnan(current):
            yearly = (step - current) / max(plan_year - year, 1)
            pace = bool(step + yearly * (end - plan_year) >= target)
        out.append(
            {
                "indicator": code,
                "label": PERIOD_INDICATORS[code],
                "unit": record["unit"] if isinstance(record.get("unit"), str) else UNITS[code],
                "period_start": start,
                "period_end": end,
                "target": target,
                "source": record.get("source") if isinstance(record.get("source"), str) else "",
                "current": current,
                "share": 100.0 * current / target
                if target and not math.isnan(current)
                else float("nan"),  # fmt: skip
                "step": step,
                "reached_at_pace": pace,
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "indicator", "label", "unit", "period_start", "period_end", "target", "source",
            "current", "share", "step", "reached_at_pace",
        ],
    )  # fmt: skip
