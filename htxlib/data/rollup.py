"""A parent unit (a province) built from its children (communes) in its ``units/`` folder.

Each child is a unit folder, or one filled workbook (``htx template``), in ``units/``. Every
child is loaded and validated on its own; one that fails is listed with its problems and left
out, and the parent says which children it covers. The registry tables of the children that
load are added to the parent's own (a province may keep its LH HTX itself): entity ids take
the child's unit id as a prefix (``tan-lap:HTX001``), so that two communes' ids never meet,
and an entity without a commune takes its child's name. The parent's own ``unit``,
``periods``, ``support``, ``targets``, ``reported_figures`` and document tables stand for the
parent; the children's are not added up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from htxlib.data.problems import DataError, Problem
from htxlib.data.unit import unit_of

#: The folder of a parent unit that holds its children.
CHILDREN = "units"
#: Tables whose rows are added up from the children, and the columns holding entity ids.
MERGED = {
    "entities": ("entity_id", "union_id"),
    "aliases": ("entity_id",),
    "status_events": ("entity_id",),
    "annual": ("entity_id",),
    "rating_scores": ("entity_id",),
    "ocop": ("entity_id",),
}
#: Provenance rows whose records are entity ids (``*`` rows are spelled out per record).
ENTITY_RECORDS = ("entities", "aliases", "status_events", "annual", "rating_scores")


@dataclass
class Child:
    """One child of a parent unit and how it loaded.

    Attributes
    ----------
    path : str
        Folder or workbook, relative to the parent (``units/tan-lap``).
    name : str
        The child's name as prose uses it ("xã Tân Lập"), or its path when it did not load.
    unit_id : str
        Its unit id ("" when it did not load).
    problems : list of Problem
        Why it did not load (empty when it did), each named with the child's path.
    data : Dataset or None
        Its own data as it loaded (None when it did not): what it knows, and the checks of
        its own figures, which the parent reports with the child named.
    """

    path: str
    name: str = ""
    unit_id: str = ""
    problems: list[Problem] = field(default_factory=list)
    data: object = field(default=None, repr=False)

    @property
    def loaded(self) -> bool:
        """Whether the child's data is in the parent's."""
        return not self.problems


def child_paths(folder: Path) -> list[Path]:
    """Return the children of a parent folder: sub-folders and workbooks of ``units/``."""
    root = Path(folder) / CHILDREN
    if not root.is_dir() or root.is_symlink():
        return []
    return sorted(
        p
        for p in root.iterdir()
        if not p.is_symlink()
        and not p.name.startswith((".", "~$"))
        and (p.is_dir() or p.suffix.lower() in (".xlsx", ".xlsm"))
    )


def _prefixed(frame: pd.DataFrame, columns: tuple[str, ...], prefix: str) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        given = frame[column].notna()
        frame.loc[given, column] = prefix + frame.loc[given, column].astype(str)
    return frame


def _provenance(child, prefix: str) -> pd.DataFrame:
    """Return a child's provenance rows: entity records prefixed, ``*`` spelled out."""
    rows = child.provenance
    rows = rows[rows["record"] != "sum"]  # a child's published total is not the parent's
    out = []
    for record in rows.to_dict("records"):
        if record["table"] not in ENTITY_RECORDS:
            out.append(record)
        elif record["record"] == "*":
            ids = child.tables[record["table"]]["entity_id"].dropna().unique()
            out += [{**record, "record": prefix + str(e)} for e in ids]
        else:
            out.append({**record, "record": prefix + str(record["record"])})
    return pd.DataFrame(out, columns=rows.columns)


def _clash(parent, earlier: list[Child], unit_id: str, data) -> str:
    """Say why a child would count something twice: the parent's id, or a child's again.

    A folder copied twice (as a file manager's "copy" makes it) keeps its unit id and its
    registry: either would add the same HTX to the parent twice.
    """
    from htxlib.messages import _

    if unit_id == parent.unit_id:
        return _(
            "has the unit id of the parent itself ('{unit_id}'); give each commune its own"
        ).format(unit_id=unit_id)
    loaded = [c for c in earlier if c.loaded]
    for other in loaded:
        if other.unit_id == unit_id:
            return _(
                "has the same unit id ('{unit_id}') as {other}: a folder copied twice? keep one"
            ).format(unit_id=unit_id, other=other.path)
    mine = data.tables["entities"][["entity_id", "name"]].dropna()
    for other in loaded:
        theirs = other.data.tables["entities"][["entity_id", "name"]].dropna()
        same = mine.merge(theirs, on=["entity_id", "name"])
        if len(same):
            first = same.iloc[0]
            return _(
                "lists {count} HTX, LH HTX or THT of {other} again (same id and name, e.g. "
                "{entity_id} {name}): a folder copied twice? keep one"
            ).format(
                count=len(same), other=other.path, entity_id=first["entity_id"], name=first["name"]
            )
    return ""


def roll_up(parent, load) -> list[Child]:
    """Add the children's registry tables to the parent dataset in place; list the children.

    Parameters
    ----------
    parent : Dataset
        The parent's own validated data.
    load : callable
        ``load(path)`` loads and validates one child (a folder or a workbook).
    """
    children = []
    for path in child_paths(parent.folder):
        child = Child(path.relative_to(parent.folder).as_posix())
        children.append(child)
        try:
            data = load(path)
        except DataError as err:
            child.name = child.path
            child.problems = [
                Problem(f"{child.path}/{p.file}", p.row, p.column, p.value, p.rule, p.sheet)
                for p in err.problems
            ]
            continue
        unit = unit_of(data)
        clash = _clash(parent, children[:-1], unit.unit_id, data)
        if clash:
            child.name, child.problems = child.path, [Problem(child.path, None, "", "", clash)]
            continue
        child.name, child.unit_id, child.data = unit.full_name, unit.unit_id, data
        prefix = f"{unit.unit_id}:"
        for name, columns in MERGED.items():
            rows = _prefixed(data.tables[name], columns, prefix)
            if name == "entities":
                rows["commune"] = rows["commune"].where(rows["commune"].notna(), unit.full_name)
                rows["unit_of"] = unit.unit_id
            parent.tables[name] = pd.concat([parent.tables[name], rows], ignore_index=True)
        parent.tables["provenance"] = pd.concat(
            [parent.tables["provenance"], _provenance(data, prefix)], ignore_index=True
        )
    if "unit_of" in parent.tables["entities"]:
        own = parent.tables["entities"]["unit_of"].isna()
        parent.tables["entities"].loc[own, "unit_of"] = parent.unit_id
    return children
