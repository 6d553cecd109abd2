"""Selections shared by the metrics: what exists at a date, and the year's facts."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd


def made_once(ds, key: tuple, select: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """Return ``select()``, made once per dataset for ``key``; each caller gets its own copy.

    The copy is shallow: pandas' copy-on-write gives a caller that changes its frame a copy
    of the data then, and costs nothing to the many that only read it.
    """
    return ds.once(key, select).copy(deep=False)


def existing(ds, kind: str, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Return entities of ``kind`` registered on or before ``cutoff``, not dissolved by then.

    An HTX that moved its seat to another unit (status event ``moved_out``) is that unit's
    from the day it moved.

    An entity with no founding date (allowed for THT) counts as existing. Selected once per
    dataset, kind and cutoff: a year's figures and rules all ask for it.
    """

    def select() -> pd.DataFrame:
        e = ds.entities
        founded = e["founded_on"].isna() | (e["founded_on"] <= cutoff)
        alive = e["dissolved_on"].isna() | (e["dissolved_on"] > cutoff)
        events = ds.status_events
        left = events["entity_id"][
            (events["event"] == "moved_out") & (events["start_date"] <= cutoff)
        ]
        return e[(e["kind"] == kind) & founded & alive & ~e["entity_id"].isin(left)]

    return made_once(ds, ("existing", kind, pd.Timestamp(cutoff)), select)


def facts(ds, kind: str, year: int, cutoff: pd.Timestamp) -> pd.DataFrame:
    """Return the year's annual facts of the entities of ``kind`` existing at ``cutoff``.

    Entities without a row for the year are kept, with empty facts. The join is made once
    per dataset, kind, year and cutoff; callers get their own copy.
    """

    def join() -> pd.DataFrame:
        # a left join on the year's rows indexed by entity: as a merge, at a third of its cost
        joined = existing(ds, kind, cutoff).join(_annual_of(ds, year), on="entity_id")
        return joined.reset_index(drop=True)

    return made_once(ds, ("facts", kind, int(year), pd.Timestamp(cutoff)), join)


def _annual_of(ds, year: int) -> pd.DataFrame:
    """Return a year's annual facts indexed by entity, selected once per dataset and year.

    Every kind and cutoff of the year joins them (Part II asks for each year of the history).
    """

    def select() -> pd.DataFrame:
        annual = ds.annual
        return annual[annual["year"] == year].drop(columns="year").set_index("entity_id")

    return ds.once(("annual_of", int(year)), select)


def given_sum(
    ds,
    frame: pd.DataFrame,
    field: str,
    table: str,
    year: int | None = None,
    key: str = "entity_id",
    total: bool = True,
):
    """Sum a field over the records that give it; None (not given) when none does.

    A sum over no record at all is 0: with no HTX there is nothing left unknown.

    Parameters
    ----------
    ds : Dataset
        The unit's data (for provenance).
    frame : DataFrame
        The records the sum should cover, with ``key`` and ``field``.
    field, table : str
        The summed column and the table it lives in.
    year : int, optional
        Year of the values, for tables with a year.
    key : str
        Column naming each record (for provenance).
    total : bool
        Whether the records are the whole table, so that a ``sum`` provenance row (a published
        total) decides; False for a part of it (one sector's members).

    Returns
    -------
    Figure
        With ``given`` and ``of`` saying how many records the sum covers.
    """
    from htxlib.figures.provenance import Figure, figure

    given = frame[frame[field].notna()]
    if given.empty:
        return Figure(0 if frame.empty else None, given=0, of=len(frame))
    summed = given[field].sum()
    value = int(summed) if pd.api.types.is_integer_dtype(frame[field]) else float(summed)
    found = figure(ds, value, table, field, given[key], total=total, year=year)
    return Figure(found.value, found.status, found.note, given=len(given), of=len(frame))


def events(ds, event: str) -> pd.DataFrame:
    """Return status events of one kind joined with the entity's name (a copy, made once)."""

    def join() -> pd.DataFrame:
        ev = ds.status_events[ds.status_events["event"] == event]
        return ev.merge(ds.entities[["entity_id", "name", "commune"]], on="entity_id", how="left")

    return made_once(ds, ("events", event), join)


def count_by(
    ds,
    frame: pd.DataFrame,
    column: str,
    codes: dict[str, str],
    table: str,
    keep_empty: bool,
    year: int | None = None,
    unknown: str | None = None,
) -> pd.DataFrame:
    """Count the rows of ``frame`` per code of ``column``, with names, shares and provenance.

    Parameters
    ----------
    ds : Dataset
        The unit's data (for provenance).
    frame : DataFrame
        Entities (with ``entity_id`` and ``name``) and the coded column.
    column : str
        Coded column to group by.
    codes : dict
        Code list in report order, code to label.
    table : str
        Table the coded column lives in (for provenance).
    keep_empty : bool
        Keep codes with no rows (count 0).
    year : int, optional
        Year of the coded values (for provenance of annual facts).
    unknown : str, optional
        Label of a last row counting the rows whose code is not given (``column`` None,
        share None); the shares are then of the rows whose code is known. Without it, such
        rows are not counted.

    Returns
    -------
    DataFrame
        ``column``, label, count, share (percent, each rounded half-up), names, ids, status.
    """
    from htxlib.figures.provenance import figure
    from htxlib.figures.shares import rounded_shares

    # the rows of each code, found in one pass: a filter per code costs a copy of the frame
    # each, which a ten-year history pays for every year and code
    all_names, all_ids = list(frame["name"]), list(frame["entity_id"])
    positions: dict[object, list[int]] = {}
    missing: list[int] = []
    for i, (code, blank) in enumerate(zip(frame[column], frame[column].isna(), strict=True)):
        (missing if blank else positions.setdefault(code, [])).append(i)

    def group(code, label, part, status=None) -> dict:
        ids = [all_ids[i] for i in part]
        if status is None:
            status = figure(ds, len(part), table, column, ids, total=True, year=year).status
        return {column: code, "label": label, "count": len(part),
                "names": [all_names[i] for i in part], "ids": ids, "status": status}  # fmt: skip

    rows = [
        group(code, label, positions.get(code, []))
        for code, label in codes.items()
        if keep_empty or code in positions
    ]
    shares = rounded_shares([row["count"] for row in rows])
    if unknown is not None and missing:
        # counted from the rows themselves: no provenance mark, and no share of the known
        rows.append(group(None, unknown, missing, ""))
        shares.append(float("nan"))
    result = pd.DataFrame(rows, columns=[column, "label", "count", "names", "ids", "status"])
    result.insert(3, "share", pd.Series(shares, dtype=float))
    return result
