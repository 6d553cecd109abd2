"""Distribution of HTX ratings under Circular 01/2020/TT-BKHĐT."""

from __future__ import annotations

import pandas as pd

from htxlib.data.codes import RATINGS
from htxlib.docs import scoped
from htxlib.figures.frames import count_by, facts, made_once

#: Distribution row of the HTX whose rating is not given (not a code the data may use).
NOT_GIVEN = "not_given"
NOT_GIVEN_LABEL = "chưa có thông tin xếp loại"
#: Distribution row of the HTX founded less than 12 months before the rated year's end, which
#: cannot be rated yet: never counted as weak or not rated.
TOO_YOUNG = "too_young"
TOO_YOUNG_LABEL = "mới thành lập chưa đủ 12 tháng, chưa đánh giá"
#: Months an HTX operates before it can be rated.
RATED_AFTER_MONTHS = 12


@scoped
def rating_distribution(ds, year: int, as_of=None) -> pd.DataFrame:
    """Count the HTX existing at the cutoff in each rating class, with their names.

    An HTX whose rating for the year is not given is counted apart, as
    :data:`NOT_GIVEN` ("chưa có thông tin xếp loại"), never as not rated: "not rated"
    (``khong_xep_loai``) is a decision with a reason, a blank cell is a missing fact. An HTX
    founded less than 12 months before the year's end whose rating is blank is counted apart
    as :data:`TOO_YOUNG`: it cannot be rated yet.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        rating, label, count, share (percent of all HTX, each rounded half-up), names, ids, status;
        one row per class in report order, zero counts included, then :data:`TOO_YOUNG` and
        :data:`NOT_GIVEN` rows when some HTX are so.
    """
    cutoff = ds.period(year, as_of).cutoff

    def count() -> pd.DataFrame:
        frame = facts(ds, "HTX", year, cutoff)
        frame["rating"] = frame["rating"].fillna(NOT_GIVEN)
        # an HTX too young to be rated has no rating to miss; one the unit itself records as
        # not rated keeps its class, and the report says it apart (see :func:`too_young`)
        young = frame["entity_id"].isin(too_young(ds, year))
        frame.loc[young & (frame["rating"] == NOT_GIVEN), "rating"] = TOO_YOUNG
        table = count_by(
            ds,
            frame,
            "rating",
            {**RATINGS, TOO_YOUNG: TOO_YOUNG_LABEL, NOT_GIVEN: NOT_GIVEN_LABEL},
            "annual",
            keep_empty=True,
            year=year,
        )
        apart = table["rating"].isin([NOT_GIVEN, TOO_YOUNG])
        return table[~apart | (table["count"] > 0)].reset_index(drop=True)

    # the stated figures ask for it once per rating class and year: counted once, a copy each
    return made_once(ds, ("rating_distribution", int(year), cutoff), count)


def ratings_given(table: pd.DataFrame) -> int:
    """Return how many HTX of a :func:`rating_distribution` have a rating given.

    An HTX too young to be rated has none: it is neither rated nor missing one.
    """
    return int(table.loc[~table["rating"].isin([NOT_GIVEN, TOO_YOUNG]), "count"].sum())


def ratable(table: pd.DataFrame) -> int:
    """Return how many HTX of a :func:`rating_distribution` can be rated (not too young)."""
    return int(table.loc[table["rating"] != TOO_YOUNG, "count"].sum())


def too_young(ds, year: int) -> set[str]:
    """Return the HTX founded less than 12 months before the year's end: not rated yet.

    Only a founding the unit gave counts: one rebuilt or estimated could make an HTX young
    that was rated (a document's "the rest are average or weak"). An estimated day of a
    founding in the year itself still counts when the unit published how many HTX were
    founded that year: any day of the year is less than 12 months before its end.
    """
    from htxlib.figures.provenance import total_status, value_status

    year = int(year)
    year_end = pd.Timestamp(year=year, month=12, day=31)
    entities = ds.entities
    founded = entities["founded_on"]
    young = (founded > year_end - pd.DateOffset(months=RATED_AFTER_MONTHS)) & (founded <= year_end)
    rows = entities.loc[young & (entities["kind"] == "HTX"), ["entity_id", "founded_on"]]
    year_given = (total_status(ds, "entities", "founded_on", year) or ("",))[0] == "published"
    return {
        i
        for i, day in zip(rows["entity_id"], rows["founded_on"], strict=True)
        if value_status(ds, "entities", "founded_on", i)[0] == "published"
        or (year_given and day.year == year)
    }
