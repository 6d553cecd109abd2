"""Business results of HTX or THT: average revenue, profit and member income of the year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from htxlib.docs import scoped
from htxlib.figures.frames import facts


@dataclass(frozen=True)
class Average:
    """A yearly average over the entities that give the field.

    Attributes
    ----------
    value : float or None
        Mean of the given values (million đồng); None when no entity gives it.
    given : int
        Entities that give it.
    of : int
        Entities existing at the cutoff.
    """

    value: float | None
    given: int
    of: int

    @property
    def known(self) -> bool:
        """Whether any entity gives the field."""
        return self.value is not None

    @property
    def partial(self) -> bool:
        """Whether only some of the entities give the field."""
        return 0 < self.given < self.of


@dataclass(frozen=True)
class BusinessResults:
    """Average revenue and profit per entity, and members' average income, for the year."""

    revenue: Average
    profit: Average
    member_income: Average

    @property
    def known(self) -> bool:
        """Whether any of the three is given."""
        return self.revenue.known or self.profit.known or self.member_income.known


def _average(frame: pd.DataFrame, field: str) -> Average:
    given = frame[field].dropna()
    value = float(given.mean()) if len(given) else None
    return Average(value=value, given=len(given), of=len(frame))


@scoped
def business_results(ds, year: int, as_of=None, kind: str = "HTX") -> BusinessResults:
    """Average the year's revenue, profit and member income over the entities that give them.

    Parameters
    ----------
    {scope}
    kind : str
        Entity kind, ``HTX`` by default (``THT`` for cooperative groups).

    Returns
    -------
    BusinessResults
    """
    frame = facts(ds, kind, year, ds.period(year, as_of).cutoff)
    return BusinessResults(
        revenue=_average(frame, "revenue"),
        profit=_average(frame, "profit"),
        member_income=_average(frame, "member_income"),
    )
