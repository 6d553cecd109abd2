"""Distribution of HTX ratings under Circular 01/2020/TT-BKHĐT."""

from __future__ import annotations

import pandas as pd

from htxlib.data.codes import RATINGS
from htxlib.docs import scoped
from htxlib.figures.frames import count_by, facts, made_once

#: Distribution row of the HTX whose rating is not given (not a code the data may use).
NOT_GIVEN = "not_given"
NOT_GIVEN_LABEL = "chưa có thông tin xếp loại"


@scoped
def rating_distribution(ds, year: int, as_of=None) -> pd.DataFrame:
    """Count the HTX existing at the cutoff in each rating class, with their names.

    An HTX whose rating for the year is not given is counted apart, as
    :data:`NOT_GIVEN` ("chưa có thông tin xếp loại"), never as not rated: "not rated"
    (``khong_xep_loai``) is a decision with a reason, a blank cell is a missing fact.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        rating, label, count, share (percent of all HTX, each rounded half-up), names, ids, status;
        one row per class in report order, zero counts included, then a :data:`NOT_GIVEN`
        row when some HTX have no rating given.
    """
    cutoff = ds.period(year, as_of).cutoff

    def count() -> pd.DataFrame:
        frame = facts(ds, "HTX", year, cutoff)
        frame["rating"] = frame["rating"].fillna(NOT_GIVEN)
        table = count_by(
            ds,
            frame,
            "rating",
            {**RATINGS, NOT_GIVEN: NOT_GIVEN_LABEL},
            "annual",
            keep_empty=True,
            year=year,
        )
        return table[(table["rating"] != NOT_GIVEN) | (table["count"] > 0)].reset_index(drop=True)

    # the stated figures ask for it once per rating class and year: counted once, a copy each
    return made_once(ds, ("rating_distribution", int(year), cutoff), count)


def ratings_given(table: pd.DataFrame) -> int:
    """Return how many HTX of a :func:`rating_distribution` have a rating given."""
    return int(table.loc[table["rating"] != NOT_GIVEN, "count"].sum())
