"""How many HTX, LH HTX and THT there are, and what happened to them in the period."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from htxlib.data.codes import SECTORS, THT_PURPOSES, UNKNOWN_SECTOR
from htxlib.docs import scoped
from htxlib.figures.frames import count_by, events, existing, facts, given_sum, made_once
from htxlib.figures.provenance import Figure, figure


@dataclass(frozen=True)
class HtxOverview:
    """HTX counts at the cutoff and changes in the period.

    Attributes
    ----------
    total : Figure
        HTX registered and not dissolved at the cutoff (suspended and paper-only included).
    new : DataFrame
        HTX founded in the period: entity_id, name, founded_on (HTX that re-registered
        under the 2012 Law in the period are not new: see ``reorganised``).
    dissolved : DataFrame
        HTX dissolved in the period: entity_id, name, dissolved_on.
    by_sector : DataFrame
        sector, label, count, share (percent, each rounded half-up), names, ids, status.
    suspended : DataFrame
        HTX suspended at the cutoff: entity_id, name, start_date, end_date, detail, reason.
    paper_only : DataFrame
        HTX assessed as existing only on paper: entity_id, name, commune, detail.
    registration_changes : DataFrame
        Registration changes in the period: entity_id, name, start_date, detail.
    dissolving : DataFrame
        HTX in the course of dissolution at the cutoff: entity_id, name, start_date, detail.
    reorganised : DataFrame
        HTX reorganised (re-registered) under the 2012 Law in the period: entity_id, name,
        start_date, detail.
    """

    total: Figure
    new: pd.DataFrame
    dissolved: pd.DataFrame
    by_sector: pd.DataFrame
    suspended: pd.DataFrame
    paper_only: pd.DataFrame
    registration_changes: pd.DataFrame
    dissolving: pd.DataFrame
    reorganised: pd.DataFrame


@scoped
def htx_overview(ds, year: int, as_of=None) -> HtxOverview:
    """Count HTX at the cutoff and list the period's changes.

    Parameters
    ----------
    {scope}

    Returns
    -------
    HtxOverview
    """
    period = ds.period(year, as_of)
    start, cutoff = period.start, period.cutoff
    alive = existing(ds, "HTX", cutoff)
    reorganised = _in_period(events(ds, "reorganised"), start, cutoff)
    ids = set(alive["entity_id"])

    suspended = events(ds, "suspension")
    suspended = suspended[_live(suspended, cutoff) & suspended["entity_id"].isin(ids)]
    paper = paper_only_at(ds, cutoff)
    changes = _in_period(events(ds, "registration_change"), start, cutoff)
    changes = changes[changes["entity_id"].isin(ids)].sort_values("start_date")
    dissolving = events(ds, "dissolving")
    dissolving = dissolving[_live(dissolving, cutoff) & dissolving["entity_id"].isin(ids)]
    listed = ["entity_id", "name", "start_date", "detail"]

    return HtxOverview(
        total=figure(ds, len(alive), "entities", "entity_id", alive["entity_id"], total=True),
        new=new_htx(ds, start, cutoff),
        dissolved=_dissolved(ds, "HTX", start, cutoff),
        by_sector=count_by(
            ds, alive, "sector", SECTORS, "entities", keep_empty=False, unknown=UNKNOWN_SECTOR
        ),
        suspended=suspended[
            ["entity_id", "name", "start_date", "end_date", "detail", "reason"]
        ].reset_index(drop=True),
        paper_only=paper[["entity_id", "name", "commune", "detail"]].reset_index(drop=True),
        registration_changes=changes[listed].reset_index(drop=True),
        dissolving=dissolving[listed].reset_index(drop=True),
        reorganised=reorganised[listed].reset_index(drop=True),
    )


def new_htx(ds, start: pd.Timestamp, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Return the HTX founded in a period: entity_id, name, founded_on, by founding date.

    An HTX that re-registered under the 2012 Law in the period is not new (it is
    reorganised). Part I lists them and Part II counts them in each year of its history.
    """
    htx = ds.entities[ds.entities["kind"] == "HTX"]
    reorganised = _in_period(events(ds, "reorganised"), start, cutoff)
    founded = (htx["founded_on"] >= start) & (htx["founded_on"] <= cutoff)
    founded &= ~htx["entity_id"].isin(set(reorganised["entity_id"]))
    new = htx[founded][["entity_id", "name", "founded_on"]]
    return new.sort_values("founded_on").reset_index(drop=True)


def new_by_group(ds, new: pd.DataFrame) -> dict[str, int]:
    """Count new HTX (from :func:`new_htx`) by group: agricultural, non-agricultural, unknown.

    The groups are those of national statistics ("nông nghiệp", "phi nông nghiệp"); an HTX
    whose sector is not given is counted apart, never in either group.
    """
    sectors = ds.entities.set_index("entity_id")["sector"]
    sector = new["entity_id"].map(sectors)
    agri = int((sector == "nong_nghiep").sum())
    unknown = int(sector.isna().sum())
    return {"agri": agri, "non_agri": len(new) - agri - unknown, "unknown": unknown}


def new_capital(ds, new: pd.DataFrame) -> float | None:
    """Return the charter capital of new HTX (from :func:`new_htx`), in triệu đồng.

    None when there are none, or when any of them does not give its capital: the sum of
    some is not the capital of the new HTX.
    """
    if not len(new):
        return None
    capital = new["entity_id"].map(ds.entities.set_index("entity_id")["charter_capital"])
    return None if capital.isna().any() else float(capital.sum())


def reorganised_by(ds, cutoff: pd.Timestamp) -> int:
    """Count the HTX reorganised (re-registered under the 2012 Law) from its start to a cutoff."""
    found = events(ds, "reorganised")
    return int(found.loc[found["start_date"] <= cutoff, "entity_id"].nunique())


def paper_only_at(ds, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Return the HTX existing at the cutoff that the office assessed as existing on paper only.

    The status events of kind ``paper_only`` started by the cutoff, with the HTX's name and
    commune. Part I lists them, Part II counts them, and the compliance rules judge them:
    one selection for all three, made once per dataset and cutoff.
    """

    def select() -> pd.DataFrame:
        ids = set(existing(ds, "HTX", cutoff)["entity_id"])
        paper = events(ds, "paper_only")
        return paper[(paper["start_date"] <= cutoff) & paper["entity_id"].isin(ids)]

    return made_once(ds, ("paper_only_at", pd.Timestamp(cutoff)), select)


def statuses_given(ds) -> bool:
    """Whether the unit gives its HTX's statuses (a ``status_events`` table, even empty).

    A parent gives them when any of its children does.

    Without it, "no HTX suspended" or "no HTX on paper only" would be a guess.
    """
    return ds.gives("status_events")


def _in_period(frame: pd.DataFrame, start: pd.Timestamp, cutoff: pd.Timestamp) -> pd.DataFrame:
    return frame[(frame["start_date"] >= start) & (frame["start_date"] <= cutoff)]


def _live(frame: pd.DataFrame, cutoff: pd.Timestamp) -> pd.Series:
    """Events that have started by the cutoff and not ended before it."""
    return (frame["start_date"] <= cutoff) & (
        frame["end_date"].isna() | (frame["end_date"] >= cutoff)
    )


def held_back(ds, day: pd.Timestamp) -> set[str]:
    """Return the entities suspended or in dissolution on ``day``: no duty binds them then."""
    found: set[str] = set()
    for event in ("suspension", "dissolving"):
        ev = ds.status_events[ds.status_events["event"] == event]
        found |= set(ev.loc[_live(ev, day), "entity_id"])
    return found


@dataclass(frozen=True)
class GroupOverview:
    """THT or LH HTX at the cutoff.

    Attributes
    ----------
    total : Figure
        Number existing at the cutoff.
    members : Figure
        Their members (THT: people; LH HTX: member HTX); None when not given.
    by_purpose : DataFrame
        purpose, label, count, members (THT only; empty for LH HTX); a last row with
        purpose None counts the THT whose purpose is not given.
    new : DataFrame
        Founded in the period: entity_id, name, founded_on.
    dissolved : DataFrame
        Dissolved in the period: entity_id, name, dissolved_on.
    workers : Figure
        Their regular workers (THT only); None when not given.
    """

    total: Figure
    members: Figure
    by_purpose: pd.DataFrame
    new: pd.DataFrame
    dissolved: pd.DataFrame
    workers: Figure | None = None


@scoped
def tht_overview(ds, year: int, as_of=None) -> GroupOverview:
    """Count cooperative groups (THT) and their members at the cutoff, by purpose.

    Parameters
    ----------
    {scope}
    """
    period = ds.period(year, as_of)
    groups = facts(ds, "THT", year, period.cutoff)
    rows = [
        {
            "purpose": code,
            "label": label,
            "count": int((groups["purpose"] == code).sum()),
            "members": given_sum(
                ds, groups[groups["purpose"] == code], "members", "annual", year
            ).value,
        }
        for code, label in THT_PURPOSES.items()
    ]
    unknown = int(groups["purpose"].isna().sum())
    if unknown:
        rows.append(
            {
                "purpose": None,
                "label": "Tổ hợp tác chưa rõ mục đích",
                "count": unknown,
                "members": given_sum(
                    ds, groups[groups["purpose"].isna()], "members", "annual", year
                ).value,
            }
        )
    ids = groups["entity_id"]
    return GroupOverview(
        total=figure(ds, len(groups), "entities", "entity_id", ids, total=True),
        members=given_sum(ds, groups, "members", "annual", year),
        by_purpose=pd.DataFrame(rows, columns=["purpose", "label", "count", "members"]),
        new=_new(groups, period.start),
        dissolved=_dissolved(ds, "THT", period.start, period.cutoff),
        workers=given_sum(ds, groups, "workers", "annual", year),
    )


@scoped
def union_overview(ds, year: int, as_of=None) -> GroupOverview:
    """Count unions of cooperatives (LH HTX) and their member HTX at the cutoff.

    Parameters
    ----------
    {scope}
    """
    period = ds.period(year, as_of)
    unions = existing(ds, "LHHTX", period.cutoff)
    members = existing(ds, "HTX", period.cutoff)
    members = members[members["union_id"].isin(set(unions["entity_id"]))]
    ids = unions["entity_id"]
    # a union has at least three member HTX by law: none linked means the links are not given
    linked = (
        figure(ds, len(members), "entities", "union_id", members["entity_id"], True)
        if len(members) or unions.empty
        else Figure(None, given=0, of=len(unions))
    )
    return GroupOverview(
        total=figure(ds, len(unions), "entities", "entity_id", ids, total=True),
        members=linked,
        by_purpose=pd.DataFrame(columns=["purpose", "label", "count", "members"]),
        new=_new(unions, period.start),
        dissolved=_dissolved(ds, "LHHTX", period.start, period.cutoff),
    )


def _dissolved(ds, kind: str, start: pd.Timestamp, cutoff: pd.Timestamp) -> pd.DataFrame:
    e = ds.entities
    gone = e[(e["kind"] == kind) & (e["dissolved_on"] >= start) & (e["dissolved_on"] <= cutoff)]
    return gone[["entity_id", "name", "dissolved_on"]].reset_index(drop=True)


def _new(frame: pd.DataFrame, start: pd.Timestamp) -> pd.DataFrame:
    new = frame[frame["founded_on"] >= start]
    return new[["entity_id", "name", "founded_on"]].reset_index(drop=True)


STATUS_ORDER = ("operating", "suspended", "paper_only", "dissolving", "dissolved")


@scoped
def status_counts(ds, year: int, as_of=None) -> pd.DataFrame:
    """Count entities by kind and status at the cutoff.

    Status is, in order of precedence: dissolved (on or before the cutoff), dissolving,
    paper_only, suspended, else operating. Entities founded after the cutoff are left out.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        Index: kind; columns: the statuses of :data:`STATUS_ORDER` and ``total``.
    """
    cutoff = ds.period(year, as_of).cutoff
    e = ds.entities
    e = e[e["founded_on"].isna() | (e["founded_on"] <= cutoff)]
    status = pd.Series("operating", index=e.index)
    for event in ("suspension", "paper_only", "dissolving"):
        ev = ds.status_events[ds.status_events["event"] == event]
        name = "suspended" if event == "suspension" else event
        status[e["entity_id"].isin(set(ev.loc[_live(ev, cutoff), "entity_id"]))] = name
    status[e["dissolved_on"].notna() & (e["dissolved_on"] <= cutoff)] = "dissolved"
    table = pd.crosstab(e["kind"], status).reindex(columns=list(STATUS_ORDER), fill_value=0)
    table = table.reindex(["HTX", "LHHTX", "THT"], fill_value=0)
    table["total"] = table.sum(axis=1)
    table.columns.name = None
    return table


@scoped
def reports_filed(ds, year: int, as_of=None) -> Figure:
    """Count the HTX existing at the cutoff that filed their annual report for the year.

    None (not given) when no HTX's row says whether it filed; ``given`` tells how many do.

    Parameters
    ----------
    {scope}
    """
    frame = facts(ds, "HTX", year, ds.period(year, as_of).cutoff)
    given = frame[frame["report_filed"].notna()]
    if given.empty:
        return Figure(0 if frame.empty else None, given=0, of=len(frame))
    filed = int(given["report_filed"].astype(bool).sum())
    found = figure(ds, filed, "annual", "report_filed", given["entity_id"], year=year)
    return Figure(found.value, found.status, found.note, given=len(given), of=len(frame))


@scoped
def by_child(ds, year: int, as_of=None) -> pd.DataFrame:
    """Count a parent unit's HTX, THT and HTX members by child, at the cutoff.

    Parameters
    ----------
    {scope}

    Returns
    -------
    DataFrame
        name (the child as prose names it; the parent's own entities under the parent's
        name), htx, tht, members (HTX members; None when no HTX of the child gives them);
        one row per child that loaded and existed at the cutoff, in the children's order,
        the parent's own row last when it holds any (with those of former units that ended
        before the cutoff: the parent holds them now).
    """
    cutoff = ds.period(year, as_of).cutoff
    from htxlib.data.rollup import former_children

    # a former unit's entities that outlive it are the parent's own: it holds them now
    former = {c.unit_id for c in former_children(ds, cutoff)}
    names = {c.unit_id: c.name for c in ds.children if c.loaded and c.unit_id not in former}
    htx = facts(ds, "HTX", year, cutoff)
    tht = existing(ds, "THT", cutoff)
    rows = []
    for unit_id in [*names, ds.unit_id]:
        units = {unit_id, *former} if unit_id == ds.unit_id else {unit_id}
        mine = htx[htx["unit_of"].isin(units)]
        own = tht[tht["unit_of"].isin(units)]
        if unit_id == ds.unit_id and mine.empty and own.empty:
            continue
        members = mine["members"].dropna()
        rows.append(
            {
                "name": names.get(unit_id, ds.unit_info.get("name")),
                "htx": len(mine),
                "tht": len(own),
                "members": int(members.sum()) if len(members) else None,
            }
        )
    return pd.DataFrame(rows, columns=["name", "htx", "tht", "members"])
