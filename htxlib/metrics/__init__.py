"""Metrics: pure functions over a :class:`~htxlib.dataset.Dataset` for a unit, year and cutoff.

Each returns tidy DataFrames or small records; figures carry their provenance.
"""

from htxlib.metrics.capital import capital_by_sector
from htxlib.metrics.counts import (
    GroupOverview,
    HtxOverview,
    htx_overview,
    reports_filed,
    status_counts,
    statuses_given,
    tht_overview,
    union_overview,
)
from htxlib.metrics.people import ManagerTraining, MembersWorkers, manager_training, members_workers
from htxlib.metrics.ratings import NOT_GIVEN, rating_distribution, ratings_given
from htxlib.metrics.shares import largest_remainder
from htxlib.metrics.support import ocop_by_year, support_results

__all__ = [
    "NOT_GIVEN",
    "GroupOverview",
    "HtxOverview",
    "ManagerTraining",
    "MembersWorkers",
    "capital_by_sector",
    "htx_overview",
    "largest_remainder",
    "manager_training",
    "members_workers",
    "ocop_by_year",
    "rating_distribution",
    "ratings_given",
    "reports_filed",
    "status_counts",
    "statuses_given",
    "support_results",
    "tht_overview",
    "union_overview",
]
