"""Business results of HTX or THT: average revenue, profit and member income of the year."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from htxlib.docs import scoped
from htxlib.figures.frames import facts
from htxlib.figures.provenance import figure


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
    status, note : str
        Provenance of the values averaged (see :class:`~htxlib.figures.provenance.Figure`):
        an average of estimated revenues is an estimate.
    """

    value: float | None
    given: int
    of: int
    status: str = "published"
    note: str = ""

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


def _average(ds, frame: pd.DataFrame, field: str, year: int, weight: str = "") -> Average:
    """Average a field over the rows that give it (and their ``weight``, when one is named)."""
    rows = frame[frame[field].notna() & (frame[weight].notna() if weight else True)]
    value = None
    if weight:
        weights = rows[weight].astype(float)
        if weights.sum() > 0:
            value = float((rows[field].astype(float) * weights).sum() / weights.sum())
    elif len(rows):
        value = float(rows[field].mean())
    source = figure(ds, value, "annual", field, rows["entity_id"], year=year)
    given = len(rows) if value is not None else 0
    return Average(value, given, len(frame), source.status, source.note)


@scoped
def business_results(ds, year: int, as_of=None, kind: str = "HTX") -> BusinessResults:
    """Average the year's revenue and profit per entity, and the income per member.

    Revenue and profit are averaged over the entities that give them; member income is each
    entity's average weighted by its members, over the entities that give both. These are the
    plan indicators' own values (``avg_htx_income``, ``member_income``).

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
        revenue=_average(ds, frame, "revenue", year),
        profit=_average(ds, frame, "profit", year),
        # the members' average: each HTX's average income weighted by its members
        member_income=_average(ds, frame, "member_income", year, weight="members"),
    )
