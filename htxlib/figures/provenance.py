"""Provenance of figures: published, rebuilt or estimated.

The ``provenance`` table lists the values that were not published as such. A row
names a table, a field and a record (the row's key, ``*`` for every row, or
``sum`` for totals and counts computed from the field). Anything not listed is
published.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

#: Column that identifies a record of each table, as the provenance table names it.
RECORD_KEYS = {
    "unit": "unit_id",
    "periods": "year",
    "entities": "entity_id",
    "aliases": "entity_id",
    "status_events": "entity_id",
    "annual": "entity_id",
    "rating_scores": "entity_id",
    "support": "programme",
    "ocop": "product",
    "targets": "indicator",
    "reported_figures": "indicator",
}

#: Statuses from strongest to weakest; a figure is as weak as its weakest part.
ORDER = ("published", "rebuilt", "estimated")


@dataclass(frozen=True)
class Figure:
    """A value with its provenance.

    Parameters
    ----------
    value : object
        The number (or list) computed.
    status : str
        ``published``, ``rebuilt`` or ``estimated``.
    note : str
        How a value that is not published was obtained.
    given : int, optional
        For a sum over records: how many records give the value.
    of : int, optional
        For a sum over records: how many records it should cover.

    A value of None means "not given": no record gives it. It is never shown as 0.
    """

    value: object
    status: str = "published"
    note: str = ""
    given: int | None = None
    of: int | None = None

    @property
    def flagged(self) -> bool:
        """Whether the figure needs a provenance flag in a report."""
        return self.status != "published"

    @property
    def known(self) -> bool:
        """Whether the value is given (a sum over no record is not)."""
        from htxlib.formatting import is_missing

        return not is_missing(self.value)

    @property
    def partial(self) -> bool:
        """Whether the value sums only some of the records it should cover."""
        counted = self.given is not None and self.of is not None
        return self.known and counted and self.given < self.of


def summary(ds):
    """Group the provenance table for display: one row per (table, field, status, note).

    Returns
    -------
    DataFrame
        table, field, year ("" for every year), status, note, records (record keys,
        ``*`` and ``sum`` included).
    """
    rows = ds.provenance.astype({"year": "object"}).fillna({"note": "", "year": ""})
    keys = ["table", "field", "year", "status", "note"]
    grouped = rows.groupby(keys, sort=False)["record"].agg(list)
    return grouped.reset_index()[[*keys, "record"]].rename(columns={"record": "records"})


def weakest(statuses: Iterable[str]) -> str:
    """Return the weakest of several statuses (``published`` when there are none)."""
    return max(statuses, key=ORDER.index, default="published")


def _indexes(ds) -> tuple[dict[tuple, tuple[str, str]], dict[tuple, set[str]]]:
    """Index the provenance rows, once per dataset.

    Returns a map of (table, field, record, year or None) to (status, note), and the records
    each (table, field) lists by key, so that a figure over many records looks up only those
    (every other record takes the ``*`` row).
    """

    def build() -> tuple[dict, dict]:
        index, listed = {}, {}
        for row in ds.provenance.itertuples():
            year = None if row.year is None or pd.isna(row.year) else int(row.year)
            note = "" if row.note is None or pd.isna(row.note) else str(row.note)
            index[(row.table, row.field, str(row.record), year)] = (str(row.status), note)
            if str(row.record) not in ("*", "sum"):
                listed.setdefault((row.table, row.field), set()).add(str(row.record))
        return index, listed

    return ds.once(("provenance",), build)


def _listed(ds, table: str, field: str) -> set[str]:
    return _indexes(ds)[1].get((table, field), set())


def _listed_records(records, listed: set[str]) -> list[str]:
    """Return the keys of ``records`` that have rows of their own (``listed``), as text.

    A national registry's figures are computed from tens of thousands of records, of which
    the provenance table lists a few: a column is matched at once, not key by key.
    """
    if isinstance(records, pd.Series | pd.Index):
        keys = pd.Index(records).astype(str)
        return list(keys[keys.isin(listed)])
    return [key for key in map(str, records) if key in listed]


def _lookup(ds, table: str, field: str, record: str, year: int | None) -> tuple[str, str] | None:
    index = _indexes(ds)[0]
    # a row for the value's year wins over a row for every year
    if year is not None and (table, field, record, int(year)) in index:
        return index[(table, field, record, int(year))]
    return index.get((table, field, record, None))


def total_status(ds, table: str, field: str, year: int) -> tuple[str, str] | None:
    """Return (status, note) of the unit's own total of ``field`` for ``year``, if it gives one.

    A ``sum`` row says how a count over records was obtained, whatever each record's value:
    "03 HTX founded in 2024" published while their founding days are estimated.
    """
    return _lookup(ds, table, field, "sum", year)


def value_status(
    ds, table: str, field: str, record: object, year: int | None = None
) -> tuple[str, str]:
    """Return (status, note) of one value: its own row, else the table-wide ``*`` row.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    table, field : str
        Where the value lives.
    record : object
        The record's key (see :data:`RECORD_KEYS`).
    year : int, optional
        The value's year, for tables with a year.
    """
    return (
        _lookup(ds, table, field, str(record), year)
        or _lookup(ds, table, field, "*", year)
        or ("published", "")
    )


def figure(
    ds,
    value: object,
    table: str,
    field: str,
    records: Iterable[object],
    total: bool = False,
    year: int | None = None,
) -> Figure:
    """Wrap a computed value with the provenance of the values it was computed from.

    Parameters
    ----------
    ds : Dataset
        The unit's data.
    value : object
        The computed value.
    table, field : str
        Where its inputs live.
    records : iterable
        Keys of the records it was computed from.
    total : bool
        True for a sum or count over records: a ``sum`` row, when present, decides.
    year : int, optional
        Year of the values, for tables with a year.

    Returns
    -------
    Figure
    """
    if total:
        declared = total_status(ds, table, field, year)
        if declared is not None:
            return Figure(value, *declared)
    if not isinstance(records, pd.Series | pd.Index | list | tuple):
        records = list(records)
    listed = _listed(ds, table, field)
    own = _listed_records(records, listed) if listed else []
    found = [value_status(ds, table, field, r, year) for r in own]
    if len(own) < len(records):  # the others all take the table-wide row (or are published)
        found.append(value_status(ds, table, field, "*", year))
    status = weakest(s for s, _ in found)
    notes = sorted({n for s, n in found if s == status and n})
    return Figure(value, status, "; ".join(notes))
