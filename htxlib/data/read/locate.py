"""Find which file (or workbook sheet) of a unit folder holds each table."""

from __future__ import annotations

import re
from pathlib import Path

from htxlib.data.codebook import TABLES, Table
from htxlib.data.problems import Problem
from htxlib.data.read.bounds import check_file
from htxlib.data.read.source import Source
from htxlib.data.read.text import ReadError, fold
from htxlib.data.read.workbook import opened_workbook
from htxlib.messages import _

SUFFIXES = (".csv", ".xlsx", ".xlsm")
#: Spreadsheet formats met in offices that the loader does not read (said, not skipped).
UNSUPPORTED = (".xls", ".ods", ".numbers")
MANGLED = re.compile(r"^(.*)\.\d+$")

#: What the name of a copy ``htx template --force`` keeps holds: it opens on a double click,
#: and no command takes it for a unit's workbook (see :func:`is_kept_copy`).
KEPT_MARK = " (bản cũ "


def is_kept_copy(path: Path) -> bool:
    """Whether a file is a copy kept by ``--force``: never read as a unit's data."""
    return KEPT_MARK in Path(path).name


#: The instructions sheet of a workbook made by ``htx template``, and the number convention
#: it declares (dot for thousands, comma for decimals).
GUIDE_SHEET = "huong_dan"
VI_NUMBERS = "comma-decimal"


def _table_names(table: Table) -> set[str]:
    return {fold(table.name), fold(table.vi)}


#: The part of an .xlsx file that lists its sheets, and the namespace of its elements.
_WORKBOOK_PART = "xl/workbook.xml"
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
#: How many sheet names :func:`visible_sheets` lists at most.
MAX_LISTED_SHEETS = 1000


def visible_sheets(path: Path) -> tuple[list[str], list[str]]:
    """Return a workbook's visible and hidden sheet names, reading no cell and no string.

    Only the list of sheets at the head of ``xl/workbook.xml`` is read, as a stream that
    stops at its end: a workbook's shared strings, styles or defined names, however large,
    are never opened (finding the units of a folder opens every workbook in it).

    Raises
    ------
    ReadError
        The file is not a workbook.
    """
    import zipfile
    from xml.etree.ElementTree import ParseError, iterparse

    visible: list[str] = []
    hidden: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive, archive.open(_WORKBOOK_PART) as part:
            for _event, element in iterparse(part, events=("end",)):
                if element.tag == f"{_MAIN_NS}sheet":
                    state = element.get("state", "visible")
                    (visible if state == "visible" else hidden).append(element.get("name", ""))
                elif element.tag == f"{_MAIN_NS}sheets":
                    break
                if len(visible) + len(hidden) > MAX_LISTED_SHEETS:
                    break  # a unit's workbook has a dozen; the reader refuses such a file
    except (zipfile.BadZipFile, KeyError, ParseError, OSError) as err:
        raise ReadError(f"not a readable Excel workbook ({err})") from None
    return visible, hidden


def _sheet_states(book) -> tuple[list[str], list[str]]:
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible"]
    return visible, hidden


def locate(folder: Path) -> tuple[dict[str, Source], list[Problem]]:
    """Find the file (and sheet) of each table in a unit folder.

    A table is ``<name>.csv`` or ``<name>.xlsx`` (English or Vietnamese stem; an Excel
    file's first visible sheet), or a visible sheet so named in any workbook of the folder.
    Hidden sheets are skipped with a warning.

    Parameters
    ----------
    folder : Path
        The unit folder.

    Returns
    -------
    dict, list of Problem
        Table name to source, and problems (a table found twice, unreadable workbooks).
    """
    found: dict[str, list[Source]] = {}
    problems: list[Problem] = []
    # a child of a parent unit may be one workbook instead of a folder
    entries = [folder] if folder.is_file() else sorted(folder.iterdir())
    for path in entries:
        if path.is_symlink() and path.suffix.lower() in (*SUFFIXES, *UNSUPPORTED):
            rule = _("is a link to another file; copy the file itself into the unit folder")
            problems.append(Problem(path.name, None, "", "", rule))
            continue
        if path.suffix.lower() in UNSUPPORTED and not path.name.startswith("~$"):
            rule = _(
                "{suffix} files are not read; save it as .xlsx (Excel Workbook) or CSV UTF-8"
            ).format(suffix=path.suffix)
            problems.append(Problem(path.name, None, "", "", rule))
    files = sorted(
        p for p in entries if p.suffix.lower() in SUFFIXES and p.is_file() and not p.is_symlink()
    )
    for path in files:
        if path.name.startswith("~$"):  # Excel's lock file of an open workbook
            continue
        stem = fold(path.stem)
        table = next((t for t in TABLES.values() if stem in _table_names(t)), None)
        if table is not None:
            found.setdefault(table.name, []).append(Source(path))
            continue
        if path.suffix.lower() == ".csv":
            continue
        try:
            check_file(path)
            # opened once: its sheets are read from this same opening
            visible, hidden = _sheet_states(opened_workbook(path))
        except Exception as err:  # noqa: BLE001 - any unreadable workbook is reported, not raised
            problems.append(
                Problem(
                    path.name,
                    None,
                    "",
                    "",
                    _("not a readable Excel workbook ({error})").format(error=err),
                )
            )
            continue
        # a workbook made by htx template says how numbers are written: 1.250 is 1250
        convention = VI_NUMBERS if GUIDE_SHEET in (fold(s) for s in visible) else ""
        for sheet in visible:
            t = next((t for t in TABLES.values() if fold(sheet) in _table_names(t)), None)
            if t is not None:
                found.setdefault(t.name, []).append(Source(path, sheet, convention))
        for sheet in hidden:
            rule = _("hidden sheet, ignored (unhide it to use it)")
            problems.append(Problem(path.name, None, "", "", rule, sheet, warning=True))
    for name, sources in found.items():
        if len(sources) > 1:
            rule = _("table '{table}' is given more than once (also in {other}); keep one").format(
                table=name, other=sources[0].label
            )
            problems.append(Problem(sources[1].label, None, "", "", rule, sources[1].sheet))
    return {name: sources[0] for name, sources in found.items()}, problems
