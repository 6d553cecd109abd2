"""What a parent already holds while its children are added: to find what one adds twice.

A province is built from 60 to 150 communes, a country from 3.321. Each child is checked
against everything added before it by a lookup in a dict, so that the check is one pass
over the rows, whatever the number of children.

Three things are found:

- a child with the parent's unit id, or an earlier child's (a folder copied twice);
- a child that lists an earlier child's HTX, LH HTX or THT again, same id and same name
  (a folder copied twice, and renamed);
- one HTX or LH HTX listed twice under two ids: by two communes, or by the province's own
  registry and a commune's. Rows identical in every figure (name, sector, founding date,
  capital, dissolution and every annual row) are an error: the parent would count the HTX
  twice. Only a status event ``moved_out`` on one of them (the HTX moved to the other
  commune) makes them two records of one HTX on purpose. A mere name met again in the
  same commune is a warning that names both rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from htxlib.data.problems import Problem
from htxlib.data.read.text import fold

#: The kinds of entity an HTX listed twice is looked for among.
CHECKED_KINDS = ("HTX", "LHHTX")
#: The entity columns that, with the annual rows, make an HTX's figures.
FIGURE_COLUMNS = ("kind", "sector", "founded_on", "dissolved_on", "charter_capital")
#: The status event that marks an HTX as moved to another unit.
MOVED = "moved_out"
#: Words a commune's name may start with, left out when two places are compared.
PLACE_WORDS = ("xã", "phường", "thị trấn", "tt", "đặc khu", "huyện", "thị xã", "thành phố")


def place_key(text: object) -> str:
    """Fold a place's name for matching: "Xã Tân Lập", "xã  tân lập" and "Tân Lập" are one.

    Examples
    --------
    >>> place_key("Xã Tân Lập") == place_key("tân lập") == place_key("TT Tân Lập")
    True
    """
    folded = fold(text) if isinstance(text, str) else ""
    for word in PLACE_WORDS:
        if folded.startswith(word + " "):
            return folded[len(word) + 1 :]
    return folded


@dataclass(frozen=True)
class Row:
    """Where an entity's row was read: the file and row a user opens, and its id."""

    where: str
    entity_id: str
    name: str


def _located(label: str, row: object, entity_id: str) -> str:
    from htxlib.messages import _

    if row is not None:
        return _("{file}, row {row} ({entity_id})").format(
            file=label, row=int(row), entity_id=entity_id
        )
    return f"{label} ({entity_id})"


def _text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _annual_by_entity(data) -> dict[str, tuple]:
    """Each entity's annual rows, as one comparable value (years in order)."""
    annual = data.tables["annual"]
    if not len(annual):
        return {}
    columns = [c for c in annual.columns if c != "entity_id"]
    rows = annual.sort_values("year")
    found: dict[str, list] = {}
    for record in zip(rows["entity_id"], *(rows[c] for c in columns), strict=True):
        found.setdefault(str(record[0]), []).append(tuple(_text(v) for v in record[1:]))
    return {key: tuple(value) for key, value in found.items()}


def _moved(data) -> set[str]:
    events = data.tables["status_events"]
    return set(events.loc[events["event"] == MOVED, "entity_id"].dropna().astype(str))


@dataclass
class Holdings:
    """What the parent holds so far: unit ids, (id, name) pairs, HTX by place and figures."""

    parent_id: str
    unit_ids: dict[str, str] = field(default_factory=dict)
    pairs: dict[tuple[str, str], str] = field(default_factory=dict)
    by_place: dict[tuple[str, str], Row] = field(default_factory=dict)
    by_figures: dict[tuple, Row] = field(default_factory=dict)

    def clash(self, path: str, unit_id: str, data) -> str:
        """Say why a child would count something twice by its id or its registry ("" if not).

        A folder copied twice (as a file manager's "copy" makes it) keeps its unit id and
        its registry: either would add the same HTX to the parent twice.
        """
        from htxlib.messages import _

        if unit_id == self.parent_id:
            return _(
                "has the unit id of the parent itself ('{unit_id}'); give each commune its own"
            ).format(unit_id=unit_id)
        if unit_id in self.unit_ids:
            return _(
                "has the same unit id ('{unit_id}') as {other}: a folder copied twice? keep one"
            ).format(unit_id=unit_id, other=self.unit_ids[unit_id])
        entities = data.tables["entities"][["entity_id", "name"]].dropna()
        again: dict[str, list[tuple[str, str]]] = {}
        for pair in zip(entities["entity_id"].astype(str), entities["name"], strict=True):
            if pair in self.pairs:
                again.setdefault(self.pairs[pair], []).append(pair)
        for other, same in again.items():
            return _(
                "lists {count} HTX, LH HTX or THT of {other} again (same id and name, e.g. "
                "{entity_id} {name}): a folder copied twice? keep one"
            ).format(count=len(same), other=other, entity_id=same[0][0], name=same[0][1])
        return ""

    def twice(self, rows: list[tuple]) -> tuple[list[str], list[Problem]]:
        """Find the HTX of ``rows`` (from :meth:`rows`) already held under another id.

        Returns
        -------
        errors : list of str
            One line per HTX identical in every figure to one already held.
        warnings : list of Problem
            One per HTX whose name is already held in the same place.
        """
        from htxlib.messages import _

        errors: list[str] = []
        warnings: list[Problem] = []
        for key_place, key_figures, row in rows:
            if key_figures is not None and key_figures in self.by_figures:
                first = self.by_figures[key_figures]
                errors.append(
                    _(
                        "{row} is the same HTX as {other}: the same name and every figure the "
                        "same, under another id; keep one row, or, if the HTX moved, add a "
                        "status event '{moved}' to the row it left"
                    ).format(row=row.where, other=first.where, moved=MOVED)
                )
            elif key_place in self.by_place:
                first = self.by_place[key_place]
                rule = _(
                    "an HTX of the same name in the same place is listed in {other}: one HTX "
                    "counted twice? keep one row, or give one of them its full name"
                ).format(other=first.where)
                warnings.append(Problem(row.where, None, "", row.name, rule, warning=True))
        return errors, warnings

    def add(self, path: str, unit_id: str, data, rows: list[tuple]) -> None:
        """Hold a child's (or the parent's own) ids, pairs and HTX (``rows`` from :meth:`rows`)."""
        if unit_id:
            self.unit_ids[unit_id] = path
        entities = data.tables["entities"][["entity_id", "name"]].dropna()
        for pair in zip(entities["entity_id"].astype(str), entities["name"], strict=True):
            self.pairs.setdefault(pair, path)
        for key_place, key_figures, row in rows:
            self.by_place.setdefault(key_place, row)
            if key_figures is not None:
                self.by_figures.setdefault(key_figures, row)

    @staticmethod
    def rows(label: str, data, place: str) -> list[tuple]:
        """Return each HTX's place key, figures key (None if moved or undated) and row.

        ``label`` names the rows' file as the user sees it (``units/tan-lap/entities.csv``),
        ``place`` the unit, for rows that name no commune.
        """
        entities = data.tables["entities"]
        checked = entities[entities["kind"].isin(CHECKED_KINDS) & entities["name"].notna()]
        if not len(checked):
            return []
        annual = _annual_by_entity(data)
        moved = _moved(data)
        communes = checked["commune"] if "commune" in checked else pd.Series(None, checked.index)
        # a unit's own rows are indexed by their spreadsheet row; a parent's rows, its
        # children's added to its own, are not
        rows_known = not data.children
        found = []
        for index, record in zip(checked.index, checked.to_dict("records"), strict=True):
            entity_id = str(record["entity_id"])
            name = fold(record["name"])
            commune = communes.get(index)
            where = place_key(commune if isinstance(commune, str) else place)
            line = int(index) if rows_known else None
            row = Row(_located(label, line, entity_id), entity_id, record["name"])
            figures = None
            if entity_id not in moved and not pd.isna(record.get("founded_on")):
                figures = (
                    name,
                    *(_text(record.get(c)) for c in FIGURE_COLUMNS),
                    annual.get(entity_id, ()),
                )
            found.append(((name, where), figures, row))
        return found
