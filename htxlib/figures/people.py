"""Members, workers and managers of HTX."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from htxlib.data.codes import TRAINING_LEVELS
from htxlib.docs import scoped
from htxlib.figures.frames import facts, given_sum
from htxlib.figures.provenance import Figure
from htxlib.figures.shares import shares_of_known


@dataclass(frozen=True)
class MembersWorkers:
    """Members and regular workers of the HTX existing at the cutoff.

    Attributes
    ----------
    members, new_members, workers, workers_members : Figure
        Totals; ``new_members`` joined in the period; ``workers_members`` are
        workers who are members. None where no HTX gives the figure.
    reporting : int
        HTX whose row for the year gives members.
    """

    members: Figure
    new_members: Figure
    workers: Figure
    workers_members: Figure
    reporting: int

    @property
    def all_workers_members(self) -> bool:
        """Whether every worker is a member: both counts known in full, and equal."""
        both = (self.workers, self.workers_members)
        return all(f.known and not f.partial for f in both) and (
            self.workers.value == self.workers_members.value
        )


def _total(ds, frame: pd.DataFrame, field: str, year: int) -> Figure:
    return given_sum(ds, frame, field, "annual", year)


@scoped
def members_workers(ds, year: int, as_of=None, kind: str = "HTX") -> MembersWorkers:
    """Total members, new members and workers of the HTX (or another kind) at the cutoff.

    Parameters
    ----------
    {scope}
    kind : str
        Entity kind, ``HTX`` by default.

    Returns
    -------
    MembersWorkers
    """
    frame = facts(ds, kind, year, ds.period(year, as_of).cutoff)
    return MembersWorkers(
        members=_total(ds, frame, "members", year),
        new_members=_total(ds, frame, "new_members", year),
        workers=_total(ds, frame, "workers", year),
        workers_members=_total(ds, frame, "workers_members", year),
        reporting=int(frame["members"].notna().sum()),
    )


@scoped
def members_by_sector(ds, year: int, as_of=None) -> pd.DataFrame:
    """Members of the HTX existing at the cutoff, summed by sector.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        sector, count (HTX), members (None when no HTX of the sector gives it),
        members_given (HTX that give it), status; one row per known sector that has HTX.
    """
    frame = facts(ds, "HTX", year, ds.period(year, as_of).cutoff)
    rows = []
    for sector, part in frame.dropna(subset=["sector"]).groupby("sector", sort=False):
        # a published total of all members says nothing of one sector's part of it
        fig = given_sum(ds, part, "members", "annual", year, total=False)
        rows.append(
            {
                "sector": sector,
                "count": len(part),
                "members": fig.value,
                "members_given": fig.given,
                "status": fig.status,
            }
        )
    columns = ["sector", "count", "members", "members_given", "status"]
    return pd.DataFrame(rows, columns=columns)


@dataclass(frozen=True)
class ManagerTraining:
    """HTX managers by training level.

    Attributes
    ----------
    total : Figure
        All managers (None when no HTX gives it).
    levels : DataFrame
        level, label, count (None when not given), share (percent of the levels given,
        adds to 100), status.
    """

    total: Figure
    levels: pd.DataFrame


@scoped
def manager_training(ds, year: int, as_of=None, kind: str = "HTX") -> ManagerTraining:
    """Count the managers of the HTX existing at the cutoff, by training level.

    Parameters
    ----------
    {scope}
    kind : str
        Entity kind, ``HTX`` by default.

    Returns
    -------
    ManagerTraining
    """
    frame = facts(ds, kind, year, ds.period(year, as_of).cutoff)
    rows = []
    for level, label in TRAINING_LEVELS.items():
        fig = _total(ds, frame, level, year)
        rows.append({"level": level, "label": label, "count": fig.value, "status": fig.status})
    levels = pd.DataFrame(rows, columns=["level", "label", "count", "status"])
    levels.insert(3, "share", shares_of_known(levels["count"]))
    return ManagerTraining(total=_total(ds, frame, "managers", year), levels=levels)
