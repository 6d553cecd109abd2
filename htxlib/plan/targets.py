"""Part II figures: plan versus actual, projections and chosen targets.

The year-end estimates they rest on are :mod:`htxlib.plan.year_end`'s.
"""

from __future__ import annotations

import re

import pandas as pd

from htxlib.data.read.text import fold
from htxlib.figures.provenance import value_status
from htxlib.formatting import half_up
from htxlib.plan import projections as pj
from htxlib.plan.indicators import INDICATORS, actual, status
from htxlib.plan.year_end import (
    elapsed_share,
    has_year_end_estimate,
    looks_to_date,
    year_end_estimate,
    yearly_values,
)

#: How each indicator is projected (see :mod:`htxlib.plan.projections`).
METHODS = {
    "total_htx": "trend",
    "new_htx": "poisson",
    "effective_htx": "trend",
    "paper_only_htx": "status_quo",
    "htx_to_dissolve": "status_quo",
    "managers_trained_share": "trend",
    "managers_untrained": "trend",
    "managers_coached_share": "trend",
    "avg_htx_income": "growth",
    "member_income": "growth",
    "members": "trend",
    "new_members": "poisson",
}

#: Indicators every Part II states, in order (the targets a plan of this kind sets).
PLAN_INDICATORS = (
    "new_htx",
    "effective_htx",
    "paper_only_htx",
    "htx_to_dissolve",
    "managers_trained_share",
    "managers_untrained",
    "avg_htx_income",
    "member_income",
)


def project(ds, code: str, basis_year: int, plan_year: int, as_of=None) -> pj.Projection:
    """Project an indicator for ``plan_year`` from the years up to ``basis_year``.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    code : str
        Indicator code.
    basis_year : int
        Last year of history used (the assessed year).
    plan_year : int
        Year projected.
    as_of : str or Timestamp, optional
        Cutoff of the assessed year overriding the period's.
    """
    values = yearly_values(ds, code, basis_year, as_of)
    if pd.isna(values.get(basis_year)):
        return pj.not_projected()  # the assessed year itself is not given: nothing to go on
    if looks_to_date(ds, code, basis_year, as_of):
        return pj.not_projected()  # validate warns: the value is no basis for a projection
    # indicators shown without decimals are counts, projected as whole numbers
    return pj.project_with(METHODS[code], values, plan_year, INDICATORS[code].decimals == 0)


def _target(ds, code: str, plan_year: int) -> dict | None:
    targets = ds.targets
    row = targets[(targets["indicator"] == code) & (targets["plan_year"] == plan_year)]
    if row.empty:
        return None
    record = row.iloc[0]
    status = value_status(ds, "targets", "low", code, plan_year)[0]
    low = None if pd.isna(record["low"]) else float(record["low"])
    high = None if pd.isna(record["high"]) else float(record["high"])
    label = record.get("label")
    return {
        "low": low,
        "high": high,
        "source": record["source"],
        "status": status,
        "label": None if pd.isna(label) or not str(label).strip() else str(label).strip(),
    }


def verdict(
    value: float, low: float | None, high: float | None, direction: str
) -> tuple[str, float]:
    """Judge a value against a target.

    Returns
    -------
    (str, float)
        ``vượt kế hoạch``, ``đạt kế hoạch`` or ``chưa đạt kế hoạch``, and the value as a
        percentage of the target: only for a single-valued or "at least" target (NaN for a
        range, which has no one value to be a percentage of, and for "at most" targets).
    """
    if direction == "down":
        limit = high if high is not None else low
        return ("đạt kế hoạch" if value <= limit else "chưa đạt kế hoạch"), float("nan")
    single = high is None or high == low
    percent = 100.0 * value / low if low and single else float("nan")
    if low is not None and value < low:
        return "chưa đạt kế hoạch", percent
    ceiling = high if high is not None else low
    if ceiling is not None and value > ceiling:
        return "vượt kế hoạch", percent
    return "đạt kế hoạch", percent


def plan_vs_actual(ds, year: int, as_of=None) -> pd.DataFrame:
    """Judge each target set for ``year`` against what was achieved.

    Flows are judged on their year-end estimate when the period ends before 31/12.

    Returns
    -------
    DataFrame
        indicator, label, unit, decimals, direction, low, high, target_status, adopted
        (the target was published: only such a target is a plan to judge against), source,
        actual (to the cutoff), actual_status (its provenance), estimate (year-end, flows and
        fed stocks of a partial year; else NaN), estimate_method (see :class:`Estimate`),
        judged (the value judged), verdict, percent, verdict_said and percent_word (as the
        document words them: "dự kiến …" on an estimate), and to_date_percent (where the
        year is judged on an estimate and the value to the cutoff has not passed the plan: that
        value as a percentage of the year's plan, "08 HTX đến ngày 30/6, đạt 40% kế hoạch
        năm"; else NaN). Indicators
        whose actual value is not given are left out: nothing is judged on an unknown.
    """
    rows = []
    for code in ds.targets.loc[ds.targets["plan_year"] == year, "indicator"]:
        if code not in INDICATORS:
            continue
        ind, target = INDICATORS[code], _target(ds, code, year)
        value = actual(ds, code, year, as_of)
        if pd.isna(value):
            continue
        estimate, method = float("nan"), "actual"
        if has_year_end_estimate(code) and elapsed_share(ds, year, as_of) < 1:
            found = year_end_estimate(ds, code, year, as_of)
            estimate, method = found.full_year, found.method
        # the estimate as the document prints it ("ước 22 HTX"): its percentage of the plan
        # is one a reader can work out from the page (22/35 = 62,86%, not 63,2% of 22,12)
        judged = value if pd.isna(estimate) else half_up(float(estimate), int(ind.decimals))
        text, percent = verdict(judged, target["low"], target["high"], ind.direction)
        # progress to the cutoff against the whole year's plan, as mid-year reports count it;
        # a share of the plan, not a verdict (that rests on the estimate), and left unsaid
        # once the plan is already passed, as the verdict's own percentage is
        to_date = float("nan")
        if not pd.isna(estimate):
            so_far, share = verdict(value, target["low"], target["high"], ind.direction)
            to_date = share if so_far != "vượt kế hoạch" else float("nan")
        rows.append(
            {
                "indicator": code,
                "label": target["label"] or ind.label,  # the unit's own words, if it gave them
                "unit": ind.unit,
                "decimals": ind.decimals,
                "direction": ind.direction,
                "low": target["low"],
                "high": target["high"],
                "target_status": target["status"],
                "adopted": adopted(target["status"]),
                "source": target["source"],
                "actual": value,
                "actual_status": status(ds, code, year, as_of, value),
                "estimate": estimate,
                "estimate_method": method,
                "judged": judged,
                "verdict": text,
                "percent": percent,
                "to_date_percent": to_date,
                **_said(text, not pd.isna(estimate)),
            }
        )
    return pd.DataFrame(rows)


def _said(verdict_text: str, estimated: bool) -> dict[str, str]:
    """How a document words a verdict: one resting on a year-end estimate says so.

    A year not over is judged on its estimate: "dự kiến vượt kế hoạch", "ước đạt 83% kế
    hoạch", never "vượt kế hoạch đề ra" as a fact.
    """
    if estimated:
        return {"verdict_said": f"dự kiến {verdict_text}", "percent_word": "ước đạt"}
    ended = " đề ra" if verdict_text == "vượt kế hoạch" else ""
    return {"verdict_said": verdict_text + ended, "percent_word": "đạt"}


def chosen_targets(ds, year: int, plan_year: int, as_of=None) -> pd.DataFrame:
    """Set out, for each plan indicator, the analyst's target and the projection side by side.

    The chosen target is the analyst's where the ``targets`` table gives one for the plan
    year; else, for an indicator that is another's complement (untrained managers and the
    trained share), the one implied by the analyst's target of the other, so that the two
    never contradict each other; else the projection (its point and interval).

    Returns
    -------
    DataFrame
        indicator, label, unit, decimals, current (value of the assessed year, full-year
        estimate for flows), current_status (its provenance), target_low, target_high,
        target_status, source, point, low, high, method, basis (years), chosen
        (``analyst``, ``derived`` or ``projection``), derived_from (label), chosen_low,
        chosen_high, kept (``current`` where a projection against the indicator's direction
        was held at the current value, ``dissolved`` for paper-only HTX, ``exact`` for the HTX
        to dissolve, who are named, ``derived`` for untrained managers implied by the proposed
        trained share; else None), adopted
        (the target is one the unit published).
    """
    codes = list(PLAN_INDICATORS) + [
        c
        for c in ds.targets.loc[ds.targets["plan_year"] == plan_year, "indicator"]
        if c in INDICATORS and c not in PLAN_INDICATORS
    ]
    rows = []
    for code in codes:
        ind = INDICATORS[code]
        proj = project(ds, code, year, plan_year, as_of)
        target = _target(ds, code, plan_year)
        current = yearly_values(ds, code, year, as_of).iloc[-1]
        row = {
            "indicator": code,
            "label": (target or {}).get("label") or ind.label,  # as the unit words it
            "measure": _measure((target or {}).get("label"), ind.label),
            "label_has_value": bool(target) and _names_value(target["label"], target),
            "unit": ind.unit,
            "decimals": ind.decimals,
            "direction": ind.direction,
            "current": current,
            "current_status": status(ds, code, year, as_of, current),
            "target_low": target["low"] if target else None,
            "target_high": target["high"] if target else None,
            "target_status": target["status"] if target else None,
            "source": target["source"] if target else None,
            "point": proj.point,
            "low": proj.low,
            "high": proj.high,
            "method": proj.method,
            "basis": proj.basis,
            "chosen": "analyst" if target else "projection",
            "derived_from": None,
            "kept": None,
        }
        if target:
            row["chosen_low"], row["chosen_high"] = target["low"], target["high"]
        else:
            row["chosen_low"], row["chosen_high"] = proj.point, None
        rows.append(row)
    _derive_complements(ds, year, plan_year, as_of, rows)
    for row in rows:
        _not_worse(row)
        row["adopted"] = row["chosen"] != "projection" and adopted(row["target_status"])
    _project_complements(ds, year, as_of, rows)
    return pd.DataFrame(rows)


def _names_value(words: str | None, target: dict) -> bool:
    """Whether the unit's words for a target already give its number ("thành lập mới 02 HTX").

    The plan then prints the words once, not "…02 HTX: 02 HTX". A year in the words
    ("Luật Hợp tác xã năm 2023") is no target's number.

    Examples
    --------
    >>> _names_value("thành lập mới từ 01 đến 02 HTX", {"low": 1.0, "high": 2.0})
    True
    >>> _names_value("Số HTX hoạt động theo Luật năm 2023", {"low": 3.0, "high": None})
    False
    """
    if not words:
        return False
    bounds = {float(b) for b in (target.get("low"), target.get("high")) if b is not None}
    found = set()
    for text in re.findall(r"\d+(?:[.,]\d+)*", words):
        try:  # written the Vietnamese way: 1.250 and 2,5
            found.add(float(text.replace(".", "").replace(",", ".", 1)))
        except ValueError:
            continue
    return bool(bounds) and bounds <= found


def _measure(words: str | None, label: str) -> str | None:
    """Name the measure an actual is computed under, when the unit's words do not say it.

    "Thu nhập bình quân các HTX" is computed as "Doanh thu bình quân một HTX": the table says
    so; "Số HTX thành lập mới" already names "HTX thành lập mới".
    """
    return None if not words or fold(label) in fold(words) else label


def _project_complements(ds, year, as_of, rows: list[dict]) -> None:
    """Make two projected complements one proposal: untrained managers follow the share.

    Projected apart, the trained share may rise while the untrained managers stay as they
    are; the proposal for the untrained managers is the number the proposed share implies.
    """
    by_code = {row["indicator"]: row for row in rows}
    share, untrained = by_code.get("managers_trained_share"), by_code.get("managers_untrained")
    total = _managers_total(ds, year, as_of)
    if share is None or untrained is None or pd.isna(total):
        return
    if share["chosen"] != "projection" or untrained["chosen"] != "projection":
        return
    if share["method"] == "none" or pd.isna(share["point"]):
        return
    rule = COMPLEMENTS["managers_untrained"][1]
    implied = float(rule(share["point"], total))
    # its interval too: a higher share means fewer untrained, so the bounds swap
    bounds = sorted(float(rule(b, total)) for b in (share["low"], share["high"]) if pd.notna(b))
    low, high = (bounds[0], bounds[-1]) if bounds else (implied, implied)
    untrained.update(point=implied, low=low, high=high, chosen_low=implied, kept="derived")
    untrained["derived_from"] = share["label"]


def adopted(status: str | None) -> bool:
    """Whether a target with this provenance is one the unit adopted.

    A published target is; so is one rebuilt from what the unit published about it (a plan
    figure derived from "đạt 100% kế hoạch"): the plan existed, only its number was
    reconstructed. An estimated target (an illustration, a guess) is no plan of the unit's.
    """
    return status in (None, "published", "rebuilt")


def _not_worse(row: dict) -> None:
    """Keep a projected target from going against its indicator's policy direction.

    A projection may trend the wrong way (more untrained managers, a lower trained share);
    a plan does not aim below where the unit stands, so the target is held at the current
    value. Paper-only HTX are all dissolution candidates: the plan dissolves them, so the
    target for those left on paper is none.
    """
    if row["chosen"] != "projection" or row["method"] == "none":
        return
    if row["indicator"] == "paper_only_htx":
        row.update(point=0.0, low=0.0, high=0.0, chosen_low=0.0, kept="dissolved")
        return
    if row["indicator"] == "htx_to_dissolve":
        row.update(kept="exact")  # the candidates are named: their number is no estimate
        return
    current = row["current"]
    if current is None or pd.isna(current) or row["point"] is None or pd.isna(row["point"]):
        return
    worse = row["point"] < current if row["direction"] == "up" else row["point"] > current
    if row["direction"] in ("up", "down") and worse:
        row.update(point=float(current), chosen_low=float(current), kept="current")


def _managers_total(ds, year, as_of) -> float:
    from htxlib.figures import manager_training

    total = manager_training(ds, year, as_of).total
    return float(total.value) if total.known and total.value else float("nan")


#: Indicators that are one another's complement, and how a target of one implies the other's:
#: untrained managers = managers x (1 - trained share), with the managers of the assessed year.
COMPLEMENTS = {
    "managers_untrained": (
        "managers_trained_share",
        lambda share, total: round(total * (1 - share / 100.0)),
    ),
    "managers_trained_share": (
        "managers_untrained",
        lambda untrained, total: 100.0 * (1 - untrained / total),
    ),
}


def _derive_complements(ds, year, plan_year, as_of, rows: list[dict]) -> None:
    """Give an indicator without an analyst target the target its complement's target implies."""
    by_code = {row["indicator"]: row for row in rows}
    total = _managers_total(ds, year, as_of)
    for code, (source, implied) in COMPLEMENTS.items():
        mine, theirs = by_code.get(code), by_code.get(source)
        if mine is None or theirs is None or mine["chosen"] != "projection":
            continue
        if theirs["chosen"] != "analyst" or pd.isna(total):
            continue
        bounds = [b for b in (theirs["target_low"], theirs["target_high"]) if b is not None]
        values = sorted(implied(b, total) for b in bounds)
        low, high = values[0], values[-1]
        # a "down" indicator's target is an upper bound; an "up" one's a lower bound
        if INDICATORS[code].direction == "down" and len(bounds) == 1:
            low, high = None, values[0]
        elif len(bounds) == 1:
            low, high = values[0], None
        mine.update(
            chosen="derived",
            derived_from=theirs["label"],
            target_low=low,
            target_high=high,
            target_status=theirs["target_status"],
            source=theirs["source"],
            chosen_low=low,
            chosen_high=high,
        )


def backtest(ds, test_year: int, codes=PLAN_INDICATORS) -> pd.DataFrame:
    """Project ``test_year`` from the years before it and compare with what happened.

    Returns
    -------
    DataFrame
        indicator, projected, low, high, actual (full-year estimate for flows of a
        partial year), error (projected - actual), abs_pct (|error| / actual, percent;
        NaN when actual is 0), inside (actual within the interval); indicators that
        cannot be projected or whose actual value is not given are left out.
    """
    rows = []
    for code in codes:
        proj = project(ds, code, test_year - 1, test_year)
        real = yearly_values(ds, code, test_year).iloc[-1]
        if proj.method == pj.NOT_PROJECTED or pd.isna(real):
            continue  # nothing to test
        error = proj.point - real
        rows.append(
            {
                "indicator": code,
                "projected": proj.point,
                "low": proj.low,
                "high": proj.high,
                "actual": real,
                "error": error,
                "abs_pct": abs(error) / real * 100 if real else float("nan"),
                "inside": proj.low <= real <= proj.high,
            }
        )
    return pd.DataFrame(rows)
