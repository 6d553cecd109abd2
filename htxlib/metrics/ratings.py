"""Distribution of HTX ratings under Circular 01/2020/TT-BKHĐT."""

from __future__ import annotations

import pandas as pd

from htxlib.codes import RATINGS
from htxlib.docs import scoped
from htxlib.metrics.frames import count_by, facts


@scoped
def rating_distribution(ds, year: int, as_of=None) -> pd.DataFrame:
    """Count the HTX existing at the cutoff in each rating class, with their names.

    An HTX with no rating recorded for the year counts as not rated.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        rating, label, count, share (percent of all HTX, adds to 100), names, ids, status;
        one row per class in report order, zero counts included.
    """
    frame = facts(ds, "HTX", year, ds.period(year, as_of).cutoff)
    frame["rating"] = frame["rating"].fillna("khong_xep_loai")
    return count_by(ds, frame, "rating", RATINGS, "annual", keep_empty=True, year=year)
