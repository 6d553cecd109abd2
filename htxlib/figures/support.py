"""Policy support results and OCOP products."""

from __future__ import annotations

import re

import pandas as pd

from htxlib.data.codes import PROGRAMMES
from htxlib.docs import scoped
from htxlib.figures.frames import given_sum
from htxlib.figures.provenance import figure, weakest

FIGURES = (
    "dossiers_received",
    "dossiers_appraised",
    "dossiers_eligible",
    "dossiers_not_eligible",
    "beneficiaries",
    "loans_disbursed",
    "loans_outstanding",
    "amount_paid",
)


def _span_rows(support: pd.DataFrame, start: pd.Timestamp, cutoff: pd.Timestamp, cumulative: bool):
    chosen = support[(support["cumulative"] == cumulative) & (support["period_end"] <= cutoff)]
    if not cumulative:
        chosen = chosen[chosen["period_start"] >= start]
    return chosen


@scoped
def support_results(ds, year: int, as_of=None) -> pd.DataFrame:
    """Each programme's figures for the period and cumulatively, up to the cutoff.

    Period figures add up every span inside the period; cumulative figures come
    from the latest cumulative span ending on or before the cutoff.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        One row per programme present in the data, in code-list order: programme,
        label, ``period_<figure>`` and ``cumulative_<figure>`` for each figure
        (missing when not given), cumulative_since, legal_basis, since_document (the
        document of the legal basis issued on cumulative_since, which a sum since then is
        counted from), period_note and cumulative_note (the notes of the rows
        each set of figures comes from), status
        (weakest provenance of its values).
    """
    period = ds.period(year, as_of)
    support = ds.support
    rows = []
    for code, label in PROGRAMMES.items():
        mine = support[support["programme"] == code]
        if mine.empty:
            continue
        spans = _span_rows(mine, period.start, period.cutoff, cumulative=False)
        cumul = _span_rows(mine, period.start, period.cutoff, cumulative=True)
        cumul = cumul.sort_values("period_end").tail(1)
        row: dict = {"programme": code, "label": label}
        for name in FIGURES:
            given = spans[name].dropna()
            row[f"period_{name}"] = given.sum() if not given.empty else pd.NA
            row[f"cumulative_{name}"] = cumul[name].iloc[0] if not cumul.empty else pd.NA
        row["cumulative_since"] = cumul["period_start"].iloc[0] if not cumul.empty else pd.NaT
        used = pd.concat([spans, cumul])
        row["legal_basis"] = next(iter(used["legal_basis"].dropna()), None)
        row["since_document"] = document_dated(row["legal_basis"], row["cumulative_since"])
        # each note goes with the figures of its own row: the period's, or the cumulative's
        row["period_note"] = "; ".join(spans["note"].dropna())
        row["cumulative_note"] = "; ".join(cumul["note"].dropna())
        row["reported"] = not used.empty
        row["status"] = weakest(figure(ds, None, "support", f, [code]).status for f in FIGURES)
        rows.append(row)
    return pd.DataFrame(rows)


def document_dated(basis: str | None, day) -> str | None:
    """Return the document of ``basis`` issued on ``day``, as the basis names it.

    "Lũy kế từ ngày 10/12/2019" reads better as "from when Resolution 08/2019 was issued":
    the date a running total starts from is usually the day its resolution was issued.

    Examples
    --------
    >>> document_dated("Nghị quyết số 08/2019/NQ-HĐND ngày 10/12/2019 và Nghị quyết số "
    ...                "15/2021/NQ-HĐND ngày 17/7/2021", pd.Timestamp("2019-12-10"))
    'Nghị quyết số 08/2019/NQ-HĐND'
    >>> document_dated("Nghị quyết số 08/2019/NQ-HĐND", pd.Timestamp("2019-12-10")) is None
    True
    """
    if not basis or pd.isna(day):
        return None
    day = pd.Timestamp(day)
    written = {f"{day.day:02d}/{day.month:02d}/{day.year}", f"{day.day}/{day.month}/{day.year}"}
    for part in re.split(r";| và |, ", str(basis)):
        found = re.search(r"^(.*?)\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4})", part.strip())
        if found and found.group(2) in written:
            return found.group(1).strip()
    return None


def ocop_by_year(ds, up_to: int | None = None) -> pd.DataFrame:
    """OCOP products by year: how many, their stars, owners and rewards.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    up_to : int, optional
        Last year included.

    Returns
    -------
    DataFrame
        year, status (awarded or planned), products, by_stars (dict stars to count),
        single_stars (the star class when every product has the same, else None),
        re_evaluated, reward (triệu đồng; None when not given), reward_status, items (list of dicts:
        product, owner, owner_type, stars, assessment).
    """
    ocop = ds.ocop
    if up_to is not None:
        ocop = ocop[ocop["year"] <= up_to]
    rows = []
    for year, part in ocop.groupby("year", sort=True):
        reward = given_sum(ds, part, "reward", "ocop", key="product")
        rows.append(
            {
                "year": int(year),
                "status": "planned" if (part["status"] == "planned").any() else "awarded",
                "products": len(part),
                "by_stars": part["stars"].value_counts().sort_index().to_dict(),
                "single_stars": int(part["stars"].iloc[0])
                if part["stars"].nunique() == 1
                else None,
                "re_evaluated": int((part["assessment"] == "re_evaluated").sum()),
                "reward": reward.value,
                "reward_status": reward.status,
                "items": part[["product", "owner", "owner_type", "stars", "assessment"]].to_dict(
                    "records"
                ),
            }
        )
    return pd.DataFrame(rows)
