"""Figures as documents state them: the checks on them (what each means: ``stated_meaning``).

A unit's ``reported_figures`` table lists figures the way its own document states them,
with a qualifier (exact, about, at least, at most), the decimals it gives and what kind of
figure it is (the value reached, the year-end estimate, the plan, the percentage of plan
achieved). They are checked

- against the figure computed from the rows, at the stated precision and qualifier;
- against each other: stated parts against their stated whole, a stated share against its
  stated count and whole, a stated percentage of plan against its plan (and a count whose
  implied plan would be a fraction).

A figure rounded to the precision the document uses is never flagged. Each contradiction
is a finding that shows both numbers and the rows that state them.
"""

from __future__ import annotations

import math

import pandas as pd

from htxlib.checks.stated_meaning import (
    BASE_WHOLES,
    JOIN,
    PARTS_OF,
    RATING_PARTS,
    SUBSET_OF,
    computed,
    computed_share,
    is_count,
    share_count,
)
from htxlib.data.stated import stated_figures
from htxlib.data.unit import unit_of
from htxlib.messages import N_, in_both_languages

#: How far an "about" figure may be from the computed one, relative to it.
ABOUT_TOLERANCE = 0.05

#: Columns of a finding (shared with :mod:`htxlib.checks.contradictions`).
COLUMNS = ["check", "file", "row", "field", "year", "stated", "computed", "message", "message_en"]


def decimals_of(value: float, stated: object = None) -> int:
    """Return the decimals a figure was stated with: the given number, else the value's own."""
    if stated is not None and not pd.isna(stated):
        return int(stated)
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def agrees(stated: float, value: float, qualifier: str, decimals: int) -> bool:
    """Whether a stated figure agrees with a value, at the stated precision and qualifier.

    Examples
    --------
    >>> agrees(12.5, 12.47, "exact", 1), agrees(12.47, 12.5, "exact", 2)
    (True, False)
    >>> agrees(40, 38.9, "about", 0), agrees(20, 23.5, "at_least", 0)
    (True, True)
    """
    half = 0.5 * 10.0**-decimals + 1e-9
    if qualifier == "about":
        return abs(value - stated) <= max(half, ABOUT_TOLERANCE * abs(stated))
    if qualifier == "at_least":
        return value >= stated - half
    if qualifier == "at_most":
        return value <= stated + half
    return abs(value - stated) <= half


def _finding(check: str, label: str, stated, computed_value, message: dict) -> dict:
    """Describe a contradiction found on a stated figure (a row of ``reported_figures``)."""
    return {
        "check": check,
        "file": label,
        "row": int(stated["row"]),
        "field": stated["indicator"],
        "year": int(stated["year"]),
        "stated": float(stated["value"]),
        "computed": computed_value,
        **message,
    }


def reported_findings(ds) -> list[dict]:
    """Check every stated figure against the data and against the other stated figures."""
    source = ds.sources.get("reported_figures")
    label = source.label if source else "reported_figures"
    every = stated_figures(ds)
    found = _two_sources(every, label)
    # a figure dated inside the year, or another body's, is compared with nothing else
    stated = every[every["as_of"].isna() & every["body"].isna()]
    found += _against_data(ds, stated, label)
    for year, part in stated[stated["kind"] == "actual"].groupby("year"):
        found += _parts_and_wholes(part, int(year), label)
        found += _subsets(part, label)
        found += _shares(part, int(year), label)
    found += _achievements(ds, stated, label)
    return found


#: What makes rows of ``reported_figures`` one figure, whatever source states it.
ONE_FIGURE = ["indicator", "year", "kind", "as_of", "body"]


def _two_sources(stated: pd.DataFrame, label: str) -> list[dict]:
    """Flag one figure (indicator, year, kind, date, body) stated with two values by two sources."""
    found = []
    for _key, rows in stated.groupby(ONE_FIGURE, dropna=False, sort=False):
        if len(rows) < 2:
            continue
        first = rows.iloc[0]
        pairs = zip(rows["value"], rows["decimals"], strict=True)
        places = max(decimals_of(value, decimals) for value, decimals in pairs)
        for _, other in rows.iloc[1:].iterrows():
            if agrees(float(first["value"]), float(other["value"]), "exact", places):
                continue
            message = in_both_languages(
                N_("two sources state this figure differently: {a:g} ({source_a}, row {row_a}) "
                   "and {b:g} ({source_b})"),
                a=float(first["value"]),
                source_a=first["source"] if isinstance(first["source"], str) else "-",
                row_a=int(first["row"]),
                b=float(other["value"]),
                source_b=other["source"] if isinstance(other["source"], str) else "-",
            )  # fmt: skip
            found.append(_finding("reported_sources", label, other, float(first["value"]), message))
    return found


def _subsets(part: pd.DataFrame, label: str) -> list[dict]:
    """Flag a stated count larger than the stated whole it is part of (``SUBSET_OF``)."""
    found = []
    named = _by_name(part)
    for name, whole_name in SUBSET_OF.items():
        piece, whole = named.get(name), named.get(whole_name)
        if piece is None or whole is None or piece["qualifier"] == "at_least":
            continue
        if whole["qualifier"] == "at_most" or float(piece["value"]) <= float(whole["value"]):
            continue
        message = in_both_languages(
            N_("the part is larger than its whole ({whole}, row {row}: {value:g})"),
            whole=whole_name,
            row=int(whole["row"]),
            value=float(whole["value"]),
        )
        found.append(_finding("reported_parts", label, piece, float(whole["value"]), message))
    return found


def _against_data(ds, stated: pd.DataFrame, label: str) -> list[dict]:
    found = []
    if unit_of(ds).partial:
        return found  # the rows are part of the HTX: the stated wholes cannot disagree with them
    for _, record in stated[stated["kind"] == "actual"].iterrows():
        # estimates, plans and percentages are checked against each other, not the data
        value = float(record["value"])
        year = int(record["year"])
        computed_value = computed_share(ds, record["indicator"], record["base"], year)
        if computed_value is None:
            computed_value = computed(ds, record["indicator"], year)
        places = decimals_of(value, record["decimals"])
        if computed_value is None:
            message = in_both_languages(N_("unknown indicator"))
        elif math.isnan(computed_value):
            continue  # the data does not give it: nothing to compare with
        elif within(record, computed_value, places):
            continue
        else:
            message = in_both_languages(N_("the stated figure differs from the data's"))
        found.append(_finding("reported_figure", label, record, computed_value, message))
    return found


def within(record, value: float, places: int) -> bool:
    """Whether a value agrees with a stated figure: its range, or its value and qualifier."""
    high = record.get("value_high") if hasattr(record, "get") else None
    if high is not None and not pd.isna(high):
        half = 0.5 * 10.0**-places + 1e-9
        return float(record["value"]) - half <= value <= float(high) + half
    return agrees(float(record["value"]), value, record["qualifier"], places)


def _by_name(part: pd.DataFrame) -> dict[str, pd.Series]:
    return {r["indicator"]: r for _, r in part.iterrows()}


def _codes(name: str, prefix: str) -> set[str]:
    """Return the codes a stated part covers: one, or several ("rating_count:tot+kha")."""
    codes = name.removeprefix(prefix)
    if codes == "kha_tro_len":
        return {"tot", "kha"}
    return set(codes.split(JOIN))


def _parts_and_wholes(part: pd.DataFrame, year: int, label: str) -> list[dict]:
    found = []
    named = _by_name(part)
    wholes = dict(PARTS_OF)
    # the rating classes are parts of all HTX, or, where the document's shares are of the
    # operating HTX, possibly of those only (Điện Biên rates its 171 operating HTX of 231):
    # they must add up to one of these wholes; of the rated HTX they are the whole itself
    bases = {r["base"] for n, r in named.items() if n.startswith("rating_share:")}
    alternatives = {}
    if "rated" not in bases:
        whole = "operating_htx" if "operating" in bases else "total_htx"
        wholes[f"{whole}#ratings"] = ("rating_count:", RATING_PARTS)
        if whole == "operating_htx" and "total_htx" in named:
            alternatives[whole] = named["total_htx"]
    for whole_key, (prefix, codes) in wholes.items():
        whole_name = whole_key.split("#")[0]
        whole = named.get(whole_name)
        parts = [r for n, r in named.items() if n.startswith(prefix) and _codes(n, prefix) <= codes]
        if whole is None or len(parts) < 2:
            continue  # a lone part is not a breakdown
        covered = [_codes(p["indicator"], prefix) for p in parts]
        if sum(map(len, covered)) != len(set().union(*covered)):
            continue  # overlapping classes ("khá trở lên" and "khá"): not parts of one whole
        if any(p["qualifier"] != "exact" for p in [*parts, whole]):
            continue
        total = sum(float(p["value"]) for p in parts)
        places = max(decimals_of(p["value"], p["decimals"]) for p in [*parts, whole])
        other = alternatives.get(whole_name) if prefix == "rating_count:" else None
        if other is not None and agrees(float(other["value"]), total, "exact", places):
            continue  # the classes of all HTX, while a share is of the operating ones
        if not agrees(float(whole["value"]), total, "exact", places):
            rows = ", ".join(str(int(p["row"])) for p in parts)
            message = in_both_languages(
                N_("the parts ({prefix}..., rows {rows}) do not add up to the whole"),
                prefix=prefix,
                rows=rows,
            )
            found.append(_finding("reported_parts", label, whole, total, message))
    return found


def _shares(part: pd.DataFrame, year: int, label: str) -> list[dict]:
    """Check each stated share against its stated count and the stated whole of its base."""
    found = []
    named = _by_name(part)
    for share_name, share in named.items():
        count_name = share_count(share_name)
        count = named.get(count_name) if count_name else None
        whole = named.get(BASE_WHOLES.get(share["base"], "total_htx"))
        if count is None or whole is None or not float(whole["value"]):
            continue
        implied = 100.0 * float(count["value"]) / float(whole["value"])
        places = decimals_of(share["value"], share["decimals"])
        if not within(share, implied, places):
            message = in_both_languages(
                N_("the share differs from the count (row {count}) over the whole (row {whole})"),
                count=int(count["row"]),
                whole=int(whole["row"]),
            )
            found.append(_finding("reported_share", label, share, implied, message))
    return found


def _achievements(ds, stated: pd.DataFrame, label: str) -> list[dict]:
    """Check "đạt X% kế hoạch" against the plan, and flag plans that would be fractions."""
    found = []
    for _, record in stated[stated["kind"] == "achievement"].iterrows():
        name, percent = record["indicator"], float(record["value"])
        same = stated[(stated["indicator"] == name) & (stated["year"] == record["year"])]
        achieved = same[same["kind"].isin(["estimate", "actual"])]
        if achieved.empty:
            value = computed(ds, name, int(record["year"]))
            if value is None or math.isnan(value):
                continue
        else:  # the document's own estimate first: percentages are usually of it
            achieved = achieved.sort_values("kind", key=lambda k: k != "estimate")
            value = float(achieved["value"].iloc[0])
        plan = same[same["kind"] == "plan"]
        places = decimals_of(percent, record["decimals"])
        if not plan.empty:
            target = float(plan["value"].iloc[0])
            implied = 100.0 * value / target if target else math.nan
            if agrees(percent, implied, record["qualifier"], places):
                continue
            message = in_both_languages(
                N_("the share of the plan achieved differs from {value:g}/{target:g} (row {row})"),
                value=value,
                target=target,
                row=int(plan["row"].iloc[0]),
            )
            found.append(_finding("reported_achievement", label, record, implied, message))
            continue
        if not percent or not is_count(name):
            continue
        implied_plan = value * 100.0 / percent
        # the plan behind a rounded percentage lies in an interval; a count plan is whole
        half = 0.5 * 10.0**-places
        low, high = value * 100.0 / (percent + half), value * 100.0 / max(percent - half, 1e-9)
        if math.floor(high) < math.ceil(low):
            message = in_both_languages(
                N_("{value:g} at {percent:g}% of the plan makes a plan of {plan:.2f}, not a whole"),
                value=value,
                percent=percent,
                plan=implied_plan,
            )
            found.append(_finding("reported_achievement", label, record, implied_plan, message))
    return found
