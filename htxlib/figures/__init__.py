"""Figures: the Part I figures of a unit, year and cutoff, each with its provenance.

Takes a :class:`~htxlib.data.dataset.Dataset`; gives counts, members, managers, capital,
ratings, support and OCOP as tidy tables and :class:`~htxlib.figures.provenance.Figure`
values, where a figure the data does not give is None ("not given"), never 0.

Depends on ``data``.
"""

from htxlib.figures.business import BusinessResults, business_results
from htxlib.figures.capital import capital_by_sector
from htxlib.figures.counts import (
    GroupOverview,
    HtxOverview,
    by_child,
    htx_overview,
    reports_filed,
    status_counts,
    statuses_given,
    tht_overview,
    union_overview,
)
from htxlib.figures.people import (
    ManagerTraining,
    MembersWorkers,
    manager_training,
    members_by_sector,
    members_workers,
)
from htxlib.figures.ratings import (
    NOT_GIVEN,
    ratable,
    rating_distribution,
    ratings_given,
    too_young,
)
from htxlib.figures.shares import rounded_shares
from htxlib.figures.support import ocop_by_year, support_results

__all__ = [
    "BusinessResults",
    "business_results",
    "NOT_GIVEN",
    "too_young",
    "by_child",
    "GroupOverview",
    "HtxOverview",
    "ManagerTraining",
    "MembersWorkers",
    "capital_by_sector",
    "htx_overview",
    "rounded_shares",
    "manager_training",
    "members_by_sector",
    "members_workers",
    "ocop_by_year",
    "rating_distribution",
    "ratings_given",
    "ratable",
    "reports_filed",
    "status_counts",
    "statuses_given",
    "support_results",
    "tht_overview",
    "union_overview",
]
