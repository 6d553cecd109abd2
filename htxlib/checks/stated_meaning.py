"""What each stated figure means: its name, how the rows compute it, its parts and whole."""

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
from htxlib.figures.frames import existing, facts, given_sum


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
RATING_PARTS = {r for r in RATINGS}


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
