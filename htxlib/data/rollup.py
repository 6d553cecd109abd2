"""A parent unit (a province) built from its children (communes) in its ``units/`` folder.

Each child is a unit folder, or one filled workbook (``htx template``), in ``units/``. Every
child is loaded and validated on its own; one that fails is listed with its problems and left
out, and the parent says which children it covers. The registry tables of the children that
load are added to the parent's own (a province may keep its LH HTX itself): entity ids take
the child's unit id as a prefix (``tan-lap:HTX001``), so that two communes' ids never meet,
and an entity without a commune takes its child's name. The parent's own ``unit``,
``periods``, ``support``, ``targets``, ``reported_figures`` and document tables stand for the
parent; the children's are not added up. A child marked as a former unit (``ended_on``) is
the parent's history (see :mod:`htxlib.data.predecessors`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from htxlib.data import predecessors
from htxlib.data.problems import DataError, NoChildRead, Problem
from htxlib.data.read.locate import is_kept_copy
from htxlib.data.rollup_index import Holdings
from htxlib.data.rollup_totals import published_totals
from htxlib.data.unit import unit_of
from htxlib.data.unit_folders import MAX_NESTING
from htxlib.messages import readable

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


def require_some_data(parent) -> None:
    """Raise :class:`NoChildRead` when a parent has nothing to report from.

    A parent is built from its children, and may keep HTX of its own: with neither, every
    figure would be a 0 that nobody gave.
    """
    children = parent.children
    if children and not any(c.loaded for c in children) and not len(parent.tables["entities"]):
        raise NoChildRead(children)


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
    joined : int
        For a former unit: how many of its HTX, LH HTX and THT the parent's own registry
        lists again, and which its rows were joined to.
    """

    path: str
    name: str = ""
    unit_id: str = ""
    problems: list[Problem] = field(default_factory=list)
    data: object = field(default=None, repr=False)
    joined: int = 0

    @property
    def loaded(self) -> bool:
        """Whether the child's data is in the parent's."""
        return not self.problems

    @property
    def ended_on(self) -> pd.Timestamp | None:
        """For a former unit (see :mod:`htxlib.data.predecessors`), its last day; else None."""
        return unit_of(self.data).ended_on if self.data is not None else None

    def former_on(self, day) -> bool:
        """Whether the child no longer existed on ``day``: one of the parent's predecessors."""
        return self.data is not None and unit_of(self.data).former_on(day)


def former_children(ds, day) -> list[Child]:
    """Return the children that had ended before ``day``: the parent's predecessors then."""
    return [c for c in ds.children if c.loaded and c.former_on(day)]


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
        and not is_kept_copy(p)
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


#: From how many children a parent's reading shows a progress bar (on a terminal).
PROGRESS_FROM = 30


def _shown_progress(paths: list[Path], depth: int):
    """Iterate over the children, with a progress bar for a large parent read on a terminal.

    A province of 150 communes takes half a minute to read, a country a quarter of an hour.
    """
    import sys

    if depth or len(paths) < PROGRESS_FROM or not sys.stderr.isatty():
        return paths
    from tqdm.auto import tqdm

    from htxlib.messages import _

    return tqdm(paths, desc=_("reading units/"), unit="", file=sys.stderr, leave=False)


def _entities_label(data, path: str) -> str:
    """Name the file (and sheet) a unit's registry was read from, from the parent's folder."""
    source = data.sources.get("entities")
    if Path(data.folder).is_file():  # a child given as one workbook is its own file
        label = path
    else:
        label = "/".join(p for p in (path, source.label if source else "entities.csv") if p)
    return f"{label} [{source.sheet}]" if source is not None and source.sheet else label


def _within(path: str, file: str) -> str:
    """Name a child's file from the parent's folder, once: a child workbook is its own file.

    Examples
    --------
    >>> _within("units/tan-lap", "entities.csv"), _within("units/bac-ha.xlsx", "bac-ha.xlsx")
    ('units/tan-lap/entities.csv', 'units/bac-ha.xlsx')
    """
    if not file or path == file or path.endswith("/" + file):
        return path
    return f"{path}/{file}"


def _left_out_below(child: Child) -> list[Child]:
    """Return the descendants a loaded child left out, named from the parent's folder.

    Their data is in no ancestor either, so every ancestor lists them as left out.
    """
    below = []
    for left in child.data.children if child.data is not None else []:
        if left.loaded:
            continue
        path = f"{child.path}/{left.path}"
        problems = [
            Problem(_within(child.path, p.file), p.row, p.column, p.value, p.rule, p.sheet)
            for p in left.problems
        ]
        below.append(Child(path, path, problems=problems))
    return below


def roll_up(parent, load, depth: int = 0) -> list[Child]:
    """Add the children's registry tables to the parent dataset in place; list the children.

    Parameters
    ----------
    parent : Dataset
        The parent's own validated data.
    load : callable
        ``load(path, depth=...)`` loads and validates one child (a folder or a workbook).
    depth : int
        The parent's own depth below the unit being built (see :data:`MAX_NESTING`).
    """
    from htxlib.messages import _

    children = []
    holdings = Holdings(parent.unit_id)
    own = unit_of(parent).full_name
    holdings.add("", "", parent, holdings.rows(_entities_label(parent, ""), parent, own))
    pieces = {name: [parent.tables[name]] for name in (*MERGED, "provenance")}
    own_entities = parent.tables["entities"]
    earlier = []  # the periods of former units, for the years before the parent's own
    paths = child_paths(parent.folder)
    for path in _shown_progress(paths, depth):
        # a label: a name that is not UTF-8 is shown with "�" (its load says so)
        child = Child(readable(path.relative_to(parent.folder)))
        children.append(child)
        if depth >= MAX_NESTING:
            child.name = child.path
            deep = _(
                "lies more than {levels} levels of units/ folders below the unit being built; "
                "it is left out of it (htx batch builds it on its own)"
            ).format(levels=MAX_NESTING)
            child.problems = [Problem(child.path, None, "", "", deep)]
            continue
        try:
            data = load(path, depth=depth + 1)
        except DataError as err:
            child.name = child.path
            child.problems = [
                Problem(_within(child.path, p.file), p.row, p.column, p.value, p.rule, p.sheet)
                for p in err.problems
            ]
            continue
        unit = unit_of(data)
        joined = {}
        if unit.ended_on is not None:  # a former unit: the HTX its successor lists again join
            joined = predecessors.same_entities(own_entities, data.tables["entities"])
        checked = predecessors.without(data, joined)
        clash = holdings.clash(child.path, unit.unit_id, checked)
        label = _entities_label(data, child.path)
        rows = holdings.rows(label, checked, unit.full_name)  # read once, checked then held
        twice, warnings = holdings.twice(rows)
        if clash or twice:
            rules = [clash] if clash else twice
            child.name = child.path
            child.problems = [Problem(child.path, None, "", "", rule) for rule in rules]
            continue
        parent.warnings += warnings
        holdings.add(child.path, unit.unit_id, checked, rows)
        child.name, child.unit_id, child.data = unit.full_name, unit.unit_id, data
        child.joined = len(joined)
        prefix = f"{unit.unit_id}:"
        for name, columns in MERGED.items():
            rows = _prefixed(checked.tables[name], columns, prefix)
            if name == "entities":
                rows["commune"] = rows["commune"].where(rows["commune"].notna(), unit.full_name)
                rows["unit_of"] = unit.unit_id
            else:
                rows = predecessors.rekeyed(rows, columns, joined, prefix)
            pieces[name].append(rows)
        pieces["provenance"].append(_provenance(checked, prefix))
        if unit.ended_on is not None:
            earlier.append((child.path, data.tables["periods"]))
        children += _left_out_below(child)
    loaded = [child.data for child in children if child.data is not None]
    totals = published_totals(parent.tables["provenance"], loaded)
    if len(totals):  # an empty frame would loosen the columns' types in the concatenation
        pieces["provenance"].append(totals.astype(parent.tables["provenance"].dtypes.to_dict()))
    # added once, at the end: a frame grown child by child would be copied for each
    for name, frames in pieces.items():
        if len(frames) > 1:
            merged = pd.concat(frames, ignore_index=True)
            if any(child.joined for child in children):
                merged = predecessors.first_of_each(name, merged)
            parent.tables[name] = merged
    if earlier:
        parent.tables["periods"], warnings = predecessors.earlier_periods(
            parent.tables["periods"], earlier
        )
        parent.warnings += warnings
        parent.warnings += predecessors.crosswalk_warnings(unit_of(parent), children)
    if "unit_of" in parent.tables["entities"]:
        mine = parent.tables["entities"]["unit_of"].isna()
        parent.tables["entities"].loc[mine, "unit_of"] = parent.unit_id
    return children
