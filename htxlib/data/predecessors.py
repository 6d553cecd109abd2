"""A unit's history from the former units it was made of (the 2025 merger, or an earlier one).

A commune of the map of 01/07/2025 is most often two to five former communes, and a province
two or three former provinces. The data of the years before the merger is theirs. A former
unit is a child folder (or workbook) in the new unit's ``units/`` folder whose ``unit`` row
gives ``ended_on``, its last day. It is rolled up like any child (:mod:`htxlib.data.rollup`),
so each year's figures before the merger are the sum of the former units' figures, with
three differences made here:

- an HTX, LH HTX or THT that the new unit's own registry lists again (same kind and name) is
  one entity: the former unit's rows are joined to the new unit's id, and the new unit's
  own rows win for a year both give;
- the years the new unit's ``periods`` table does not give are taken from its former units
  (the history Part II projects from);
- a former commune that the crosswalk says was divided between several new communes is a
  warning naming them: the crosswalk gives no shares, so the former unit's whole data is
  counted, and the user is told to keep in its folder only the part that became this unit.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from htxlib.data.problems import Problem
from htxlib.data.read.text import fold


def _names(entities: pd.DataFrame) -> pd.Series:
    """Key each entity by kind and folded name ("HTX|htx tan lap")."""
    return entities["kind"].astype(str) + "|" + entities["name"].map(fold)


def same_entities(own: pd.DataFrame, former: pd.DataFrame) -> dict[str, str]:
    """Map a former unit's entity ids to the ids the successor's own registry lists them by.

    Two rows are one entity when their kind and name are the same (case, marks and spaces
    aside); a name the successor lists twice joins nothing (it cannot say which).

    Parameters
    ----------
    own : DataFrame
        The successor's own ``entities`` (before any child is added).
    former : DataFrame
        The former unit's ``entities``.
    """
    if not len(own) or not len(former):
        return {}
    keys = _names(own)
    single = keys[~keys.duplicated(keep=False)]
    by_key = dict(zip(single, own.loc[single.index, "entity_id"].astype(str), strict=True))
    found = {}
    for entity_id, key in zip(former["entity_id"].astype(str), _names(former), strict=True):
        if key in by_key:
            found[entity_id] = by_key[key]
    return found


def without(data, joined: dict[str, str]):
    """Return a view of a former unit's data without the entity rows joined to the successor.

    Its other rows stay: they are re-keyed to the successor's ids (:func:`rekeyed`).
    """
    if not joined:
        return data
    entities = data.tables["entities"]
    kept = entities[~entities["entity_id"].astype(str).isin(joined)]
    return SimpleNamespace(
        tables={**data.tables, "entities": kept},
        children=data.children,
        provenance=data.tables["provenance"],
    )


def rekeyed(rows: pd.DataFrame, columns: tuple[str, ...], joined: dict[str, str], prefix: str):
    """Give the rows of joined entities the successor's ids (``rows`` already prefixed)."""
    if not joined:
        return rows
    mapping = {prefix + former: own for former, own in joined.items()}
    for column in columns:
        rows[column] = rows[column].map(lambda value: mapping.get(value, value))
    return rows


def first_of_each(table: str, rows: pd.DataFrame) -> pd.DataFrame:
    """Keep one row per key of ``table``: the successor's own, then the earlier child's.

    Only joined entities can repeat a key (every other child's ids carry its prefix).
    """
    from htxlib.data.codebook import TABLES

    key = [c for c in TABLES[table].key if c in rows] if table in TABLES else []
    if not key or table == "entities":
        return rows
    return rows[~rows.duplicated(key, keep="first")]


def earlier_periods(periods: pd.DataFrame, former: list[tuple[str, pd.DataFrame]]):
    """Add the years the successor's periods lack, from its former units' periods.

    Parameters
    ----------
    periods : DataFrame
        The successor's own periods.
    former : list of (path, DataFrame)
        Each former unit's path (as the user sees it) and periods.

    Returns
    -------
    periods : DataFrame
        With one row for every year a former unit gives and the successor does not.
    warnings : list of Problem
        One per year whose former units end it on different dates (the first is kept).
    """
    from htxlib.messages import _

    own = set(periods["year"].dropna().astype(int))
    added: dict[int, tuple[str, pd.Series]] = {}
    warnings = []
    for path, rows in former:
        for _index, row in rows.iterrows():
            year = int(row["year"])
            if year in own:
                continue
            if year not in added:
                added[year] = (path, row)
            elif added[year][1]["cutoff_date"] != row["cutoff_date"]:
                rule = _(
                    "the former units end year {year} on different dates ({first}: {a}, {this}: "
                    "{b}); the history takes {a}"
                ).format(
                    year=year,
                    first=added[year][0],
                    this=path,
                    a=added[year][1]["cutoff_date"].strftime("%d/%m/%Y"),
                    b=row["cutoff_date"].strftime("%d/%m/%Y"),
                )
                warnings.append(Problem(path, None, "cutoff_date", year, rule, warning=True))
    if not added:
        return periods, warnings
    rows = pd.DataFrame([row for _path, row in added.values()]).astype(periods.dtypes.to_dict())
    merged = pd.concat([periods, rows], ignore_index=True).sort_values("year", kind="stable")
    return merged.reset_index(drop=True), warnings


def crosswalk_warnings(successor, children) -> list[Problem]:
    """Check each former commune against the crosswalk to the 2025 map.

    A former commune that became part of another new commune than ``successor`` (by code)
    is a warning. So is one the crosswalk (:mod:`htxlib.data.former_map`) divides between
    several new communes: it names them but gives no share, so the former unit's whole data
    is counted, which is right only when its folder holds just the part that became this
    unit.
    """
    from htxlib.data import former_map
    from htxlib.data.unit import unit_of
    from htxlib.messages import _

    found = []
    for child in children:
        if not child.loaded or child.ended_on is None:
            continue
        unit = unit_of(child.data)
        if unit.level not in ("xa", "phuong", "thi_tran") or not unit.code.isdigit():
            continue
        try:
            commune = former_map.former_commune(unit.code)
        except former_map.CrosswalkMissing:
            return found
        if commune is None:
            continue
        codes = {s.code for s in commune.now}
        commune_successor = successor.level in ("xa", "phuong", "dac_khu")
        if commune_successor and successor.code.isdigit() and int(successor.code) not in codes:
            rule = _(
                "the crosswalk to the 2025 map makes {name} part of {new}, not of {unit}"
            ).format(
                name=unit.full_name,
                new=_listed(commune.now),
                unit=successor.full_name,
            )
            found.append(Problem(child.path, None, "code", unit.code, rule, warning=True))
        if not commune.divided:
            continue
        rule = _(
            "the crosswalk to the 2025 map divides {name} between {new} and gives no shares: "
            "its whole data is counted here; keep in its folder only the HTX and THT that "
            "became part of this unit"
        ).format(
            name=unit.full_name,
            new=_listed(commune.now),
        )
        found.append(Problem(child.path, None, "code", unit.code, rule, warning=True))
    return found


def _listed(successors) -> str:
    """Name new communes with their codes: "xã Văn Quan (06253), xã Tri Lễ (06313)"."""
    from htxlib.data.former_map import lower_name

    return ", ".join(f"{lower_name(s.name)} ({s.code:05d})" for s in successors)
