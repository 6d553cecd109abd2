"""Figures as documents state them: what each stated figure means, and the checks on them.

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
from collections.abc import Callable

import pandas as pd

from htxlib import figures as m
from htxlib.data.codes import (
    AGRI_KINDS,
    RATINGS,
    SECTOR_GROUPS,
    SECTORS,
    STATUSES,
    THT_PURPOSES,
    TRAINING_LEVELS,
)
from htxlib.data.stated import stated_figures
from htxlib.data.unit import unit_of
from htxlib.figures.frames import existing, facts, given_sum
from htxlib.messages import N_, in_both_languages

#: How far an "about" figure may be from the computed one, relative to it.
ABOUT_TOLERANCE = 0.05

#: Columns of a finding (shared with :mod:`htxlib.checks.contradictions`).
COLUMNS = ["check", "file", "row", "field", "year", "stated", "computed", "message", "message_en"]


def _figure_value(fig) -> float:
    return float(fig.value) if fig.known else math.nan


def _row_value(table: pd.DataFrame, key: str, column: str, code: str) -> float:
    rows = table[table[key] == code]
    if rows.empty:
        return 0.0
    value = rows[column].iloc[0]
    return math.nan if value is None or pd.isna(value) else float(value)


def _known_ratings(ds, year) -> pd.DataFrame | None:
    """Return the year's rating distribution when every HTX's rating is given, else None.

    With some ratings not given, a class's count is only a lower bound: 0 HTX rated "tốt"
    among 62 whose rating is unknown is no figure to state, nor to set against one.
    """
    table = m.rating_distribution(ds, year)
    given = m.ratings_given(table)
    if not given or given < m.ratable(table):
        return None
    return table


def _rating_group(ds, year, codes) -> float:
    table = _known_ratings(ds, year)
    if table is None:
        return math.nan
    return float(table.loc[table["rating"].isin(codes), "count"].sum())


def _rating_share(ds, year, codes) -> float:
    table = _known_ratings(ds, year)
    if table is None:
        return math.nan
    return float(table.loc[table["rating"].isin(codes), "share"].sum())


def _sector_count(ds, year, sectors) -> float:
    by_sector = m.htx_overview(ds, year).by_sector
    if by_sector.loc[by_sector["sector"].isna(), "count"].sum():
        return math.nan  # some HTX of unknown sector: a sector's count is only a lower bound
    return float(by_sector.loc[by_sector["sector"].isin(sectors), "count"].sum())


def _sector_share(ds, year, sectors) -> float:
    total = m.htx_overview(ds, year).total.value
    return 100.0 * _sector_count(ds, year, sectors) / total if total else math.nan


def _sector_capital(ds, year, sectors) -> float:
    capital = m.capital_by_sector(ds, year)
    part = capital[capital["sector"].isin(sectors)]
    if part.empty:
        return 0.0
    return math.nan if part["capital"].isna().all() else float(part["capital"].fillna(0).sum())


def _total_capital(ds, year) -> float:
    """Charter capital of every HTX at the cutoff, those of unknown sector included."""
    alive = existing(ds, "HTX", ds.period(year).cutoff)
    return _figure_value(given_sum(ds, alive, "charter_capital", "entities"))


def _new_in_sector(ds, year, sector) -> float:
    new = m.htx_overview(ds, year).new
    sectors = ds.entities.drop_duplicates("entity_id").set_index("entity_id")["sector"]
    return float((new["entity_id"].map(sectors) == sector).sum())


def _status_count(ds, year, status) -> float:
    if not m.statuses_given(ds):
        return math.nan  # without statuses every HTX would count as operating
    return float(m.status_counts(ds, year).loc["HTX", status])


def _ocop_count(ds, year) -> float:
    """OCOP products awarded in the year, when the unit gives its OCOP list at all."""
    if not ds.gives("ocop"):
        return math.nan
    ocop = ds.ocop
    return float(((ocop["year"] == year) & (ocop["status"] != "planned")).sum())


def score_at_least(ds, year, floor: float) -> float:
    """HTX whose rating score for the year is at least ``floor``; NaN unless each has one.

    A count over some scores only would be a lower bound, never the figure a document states.
    """
    rows = facts(ds, "HTX", year, ds.period(year).cutoff)
    scores = rows["rating_score"] if "rating_score" in rows else pd.Series(dtype=float)
    if not len(rows) or scores.isna().any():
        return math.nan
    return float((scores >= floor).sum())


def _indicator(code: str) -> Callable:
    def compute(ds, year):
        from htxlib.plan.indicators import actual

        return actual(ds, code, year)

    return compute


#: Plain stated figures: name to ``compute(ds, year) -> float`` (NaN when not given).
FIGURES: dict[str, Callable] = {
    "dissolved_htx": lambda ds, y: float(len(m.htx_overview(ds, y).dissolved)),
    "operating_htx": lambda ds, y: _status_count(ds, y, "operating"),
    "suspended_htx": lambda ds, y: _status_count(ds, y, "suspended"),
    "capital": lambda ds, y: _total_capital(ds, y),
    "union_count": lambda ds, y: float(m.union_overview(ds, y).total.value),
    "union_members": lambda ds, y: _figure_value(m.union_overview(ds, y).members),
    "tht_count": lambda ds, y: float(m.tht_overview(ds, y).total.value),
    "tht_members": lambda ds, y: _figure_value(m.tht_overview(ds, y).members),
    "workers": lambda ds, y: _figure_value(m.members_workers(ds, y).workers),
    "workers_members": lambda ds, y: _figure_value(m.members_workers(ds, y).workers_members),
    "managers": lambda ds, y: _figure_value(m.manager_training(ds, y).total),
    "reports_filed": lambda ds, y: _figure_value(m.reports_filed(ds, y)),
    "effective_share": lambda ds, y: _rating_share(ds, y, ("tot", "kha")),
}
# the plan indicators' own definitions: one meaning for a name, in Part I, Part II and here
for _code in (
    "total_htx",
    "new_htx",
    "paper_only_htx",
    "effective_htx",
    "members",
    "new_members",
    "htx_to_dissolve",
    "managers_trained_share",
    "managers_untrained",
    "avg_htx_income",
    "member_income",
):
    FIGURES[_code] = _indicator(_code)
for _code in SECTORS:
    FIGURES[f"sector_count:{_code}"] = lambda ds, y, c=_code: _sector_count(ds, y, [c])
    FIGURES[f"sector_share:{_code}"] = lambda ds, y, c=_code: _sector_share(ds, y, [c])
    FIGURES[f"sector_capital:{_code}"] = lambda ds, y, c=_code: _sector_capital(ds, y, [c])
for _code, (_label, _members) in SECTOR_GROUPS.items():
    FIGURES[f"sector_count:{_code}"] = lambda ds, y, c=_members: _sector_count(ds, y, c)
    FIGURES[f"sector_share:{_code}"] = lambda ds, y, c=_members: _sector_share(ds, y, c)
for _code in RATINGS:
    FIGURES[f"rating_count:{_code}"] = lambda ds, y, c=_code: _rating_group(ds, y, (c,))
    FIGURES[f"rating_share:{_code}"] = lambda ds, y, c=_code: _rating_share(ds, y, (c,))
# older documents group the good classes as "khá trở lên" (good or fair)
FIGURES["rating_count:kha_tro_len"] = FIGURES["effective_htx"]
FIGURES["rating_share:kha_tro_len"] = FIGURES["effective_share"]
for _code in TRAINING_LEVELS:
    FIGURES[f"manager_level:{_code}"] = lambda ds, y, c=_code: _row_value(
        m.manager_training(ds, y).levels, "level", "count", c
    )
for _code in THT_PURPOSES:
    FIGURES[f"tht_purpose_count:{_code}"] = lambda ds, y, c=_code: _row_value(
        m.tht_overview(ds, y).by_purpose, "purpose", "count", c
    )
    FIGURES[f"tht_purpose_members:{_code}"] = lambda ds, y, c=_code: _row_value(
        m.tht_overview(ds, y).by_purpose, "purpose", "members", c
    )

for _code in STATUSES:
    FIGURES[f"status_count:{_code}"] = lambda ds, y, c=_code: _status_count(ds, y, c)
for _code in SECTORS:
    FIGURES[f"new_sector_count:{_code}"] = lambda ds, y, c=_code: _new_in_sector(ds, y, c)
for _code, (_label, _members) in SECTOR_GROUPS.items():
    FIGURES[f"new_sector_count:{_code}"] = lambda ds, y, c=_members: sum(
        _new_in_sector(ds, y, s) for s in c
    )
# documents state these; the registry has no field for them, so they are never computed
for _code in (
    "operating_capital",
    "assets",
    "worker_income",
    "worker_income_month",
    "land_area",
    "tht_land_area",
    "htx_with_capital",
    "alliance_members",
):
    FIGURES[_code] = lambda ds, y: math.nan
for _code in AGRI_KINDS:
    FIGURES[f"agri_kind_count:{_code}"] = lambda ds, y: math.nan
FIGURES["member_income_month"] = lambda ds, y: FIGURES["member_income"](ds, y) / 12.0
FIGURES["members_all"] = lambda ds, y: FIGURES["members"](ds, y) + FIGURES["tht_members"](ds, y)
FIGURES["ocop_count"] = lambda ds, y: _ocop_count(ds, y)

#: Joins the codes of a figure stated over several classes: "rating_count:tot+kha".
JOIN = "+"

#: Stated wholes and the prefix of the stated figures that are their parts.
PARTS_OF = {
    "total_htx": ("sector_count:", set(SECTORS)),
    "managers": ("manager_level:", set(TRAINING_LEVELS)),
    "tht_count": ("tht_purpose_count:", set(THT_PURPOSES)),
    "tht_members": ("tht_purpose_members:", set(THT_PURPOSES)),
    "capital": ("sector_capital:", set(SECTORS)),
    "sector_count:nong_nghiep": ("agri_kind_count:", set(AGRI_KINDS)),
}

#: Stated figures that count part of another stated figure: none may exceed its whole.
SUBSET_OF = {
    "htx_with_capital": "total_htx",
    "operating_htx": "total_htx",
    "new_htx": "total_htx",
    "effective_htx": "total_htx",
    "members": "members_all",
    "tht_members": "members_all",
    "union_members": "total_htx",
}
_RATING_PARTS = {r for r in RATINGS}


def parts_of(name: str) -> list[str] | None:
    """Return the figures a combined name adds up ("rating_count:tot+kha"), else None.

    Examples
    --------
    >>> parts_of("rating_count:tot+kha"), parts_of("total_htx"), parts_of("x:a+b")
    (['rating_count:tot', 'rating_count:kha'], None, None)
    """
    prefix, _, codes = name.partition(":")
    if JOIN not in codes:
        return None
    names = [f"{prefix}:{code.strip()}" for code in codes.split(JOIN)]
    return names if all(n in FIGURES for n in names) else None


def is_figure(name: str) -> bool:
    """Whether a name is a stated figure the toolkit knows, plain or combined."""
    return name in FIGURES or parts_of(name) is not None or score_floor(name) is not None


#: The figure each share base is taken of (see ``SHARE_BASES``).
BASE_WHOLES = {
    "all": "total_htx",
    "operating": "operating_htx",
    "rated": "rating_count:tot+kha+trung_binh+yeu",
    "nong_nghiep": "sector_count:nong_nghiep",
}


def share_count(name: str) -> str | None:
    """Return the count a stated share is a share of ("rating_share:tot+kha" → its count).

    Examples
    --------
    >>> share_count("rating_share:tot+kha"), share_count("effective_share"), share_count("x")
    ('rating_count:tot+kha', 'effective_htx', None)
    """
    if name == "effective_share":
        return "effective_htx"
    prefix, _, codes = name.partition(":")
    if not prefix.endswith("_share") or not codes:
        return None
    count = f"{prefix.removesuffix('_share')}_count:{codes}"
    return count if is_figure(count) else None


#: Share names with their count, for the codebook (combined classes join codes with "+").
SHARES = {name: share_count(name) for name in FIGURES if share_count(name)}


def is_count(name: str) -> bool:
    """Whether a figure is a count (a plan for it cannot be a fraction)."""
    return is_figure(name) and not any(
        k in name for k in ("share", "capital", "income", "avg_", "assets")
    )


#: Prefix of a count of HTX whose rating score reaches a floor: "score_at_least:80".
SCORE_AT_LEAST = "score_at_least:"


def score_floor(name: str) -> float | None:
    """Return the floor of a "score_at_least:N" name, else None.

    Examples
    --------
    >>> score_floor("score_at_least:80"), score_floor("score_at_least:x"), score_floor("x")
    (80.0, None, None)
    """
    prefix, _, floor = name.partition(":")
    if prefix + ":" != SCORE_AT_LEAST:
        return None
    try:
        return float(floor.replace(",", "."))
    except ValueError:
        return None


def computed(ds, name: str, year: int) -> float | None:
    """Return the computed value of a stated figure; None for a name that is not a figure.

    A combined name is the sum of its parts. NaN means the data does not give it.
    """
    compute = FIGURES.get(name)
    if compute is not None:
        return float(compute(ds, year))
    floor = score_floor(name)
    if floor is not None:
        return score_at_least(ds, year, floor)
    parts = parts_of(name)
    if parts is None:
        return None
    return float(sum(float(FIGURES[p](ds, year)) for p in parts))


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


def computed_share(ds, name: str, base: str, year: int) -> float | None:
    """Return a share computed over its stated base, or None when ``name`` is not a share.

    NaN when the data gives the count or the base, not both.
    """
    count = share_count(name)
    if count is None or base == "all":
        return None
    part, whole = computed(ds, count, year), computed(ds, BASE_WHOLES[base], year)
    if part is None or whole is None or math.isnan(part) or math.isnan(whole) or not whole:
        return math.nan
    return 100.0 * part / whole


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
        wholes[f"{whole}#ratings"] = ("rating_count:", _RATING_PARTS)
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
