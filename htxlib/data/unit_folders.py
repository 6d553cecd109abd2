"""Find the unit folders under a folder: communes, provinces and their roll-ups.

A unit is found by its ``unit`` table (a folder of files, or a folder holding the unit's
workbook) or as a workbook in a parent's ``units/`` folder. Every command that takes
``--data`` asks this module whether the path is one unit; ``htx batch`` builds them all.
"""

from __future__ import annotations

import sys
from pathlib import Path

from htxlib.data.read.locate import SUFFIXES, is_kept_copy, visible_sheets
from htxlib.data.read.text import fold
from htxlib.messages import _

#: How many levels of children a parent is built from (a province's communes are at 1, the
#: communes of a former district inside a province at 2). Loading, the digest that decides
#: whether a report is unchanged and the snapshot all stop at this depth, so that what a
#: parent is built from is exactly what its key covers; a unit nested deeper is left out of
#: its ancestors with a message, and built on its own by ``htx batch``.
MAX_NESTING = 8

#: Names of a unit table's file (English and Vietnamese stems).
UNIT_STEMS = ("unit", "don_vi")


def _workbook_units(files: list[Path]) -> list[Path]:
    """Return the workbooks among ``files`` that hold a unit sheet (a unit in one workbook)."""
    found = []
    for path in files:
        if path.suffix.lower() == ".csv" or path.name.startswith("~$") or is_kept_copy(path):
            continue
        try:
            visible, _hidden = visible_sheets(path)
        except ValueError:  # an unreadable workbook is named by validate, not here
            continue
        if any(fold(sheet) in UNIT_STEMS for sheet in visible):
            found.append(path)
    return found


#: How many folders below the batch folder are looked into at most. A country's units are
#: about 3.400 folders with their ``texts/`` and ``units/``; the bound keeps a folder planted
#: with millions of empty ones from holding the batch, and what it leaves out is said.
MAX_FOLDERS = 100_000


def _folders(root: Path) -> tuple[list[Path], int]:
    """Return ``root`` and the folders below it, walked without recursion, at any depth.

    Links and hidden folders (``.staging-…``, ``.git``) are not entered. Past
    :data:`MAX_FOLDERS`, the rest are not looked into; their number is returned.
    """
    folders, pending = [], [root]
    while pending and len(folders) < MAX_FOLDERS:
        folder = pending.pop()
        folders.append(folder)
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue  # unreadable: validate names it when the unit is built
        pending += [
            child
            for child in entries
            if child.is_dir() and not child.is_symlink() and not child.name.startswith(".")
        ]
    return sorted(folders), len(pending)


def find_units(root: str | Path) -> list[Path]:
    """Return every unit under ``root``.

    A unit is a folder with a unit table (``unit.csv``, ``don_vi.xlsx``, or a workbook with a
    ``unit`` sheet, as ``htx template`` makes it: ``units/thuong-lam/thuong-lam.xlsx``), or a
    workbook with a unit sheet placed straight in a parent's ``units/`` folder.
    """
    root = Path(root).resolve()
    found = []
    folders, unseen = _folders(root)
    if unseen:
        print(
            _(
                "warning: {root} holds more than {count} folders; {unseen} were not looked into"
            ).format(root=root, count=MAX_FOLDERS, unseen=unseen),
            file=sys.stderr,
        )
    for folder in folders:
        if folder.name == "units":  # a parent's children may be single workbooks
            found += _workbook_units(_table_files(folder))
        elif is_unit(folder):
            found.append(folder)
    return found


def _table_files(folder: Path) -> list[Path]:
    """Return the files of a folder that may hold tables (none when it cannot be read)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    except OSError:
        return []


def is_unit(folder: Path) -> bool:
    """Whether a folder is one unit's: it holds a unit table, or a workbook with a unit sheet."""
    files = _table_files(folder)
    return any(fold(p.stem) in UNIT_STEMS for p in files) or bool(_workbook_units(files))
