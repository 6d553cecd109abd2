"""Read one table from a CSV or Excel file into text cells, headers in English.

Reading is kept apart from parsing: every cell comes back as NFC-normalised text
(or a native date/number from Excel), indexed by the row number a spreadsheet
shows, so that later problems can name the exact row.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from htxlib.problems import Problem
from htxlib.schema import TABLES, Table

SUFFIXES = (".csv", ".xlsx")
_MANGLED = re.compile(r"^(.*)\.\d+$")


@dataclass(frozen=True)
class Source:
    """Where a table was read from.

    Parameters
    ----------
    path : Path
        The file.
    sheet : str
        Sheet name for Excel files, empty for CSV.
    """

    path: Path
    sheet: str = ""

    @property
    def label(self) -> str:
        """File name as problems print it."""
        return self.path.name


def fold(text: str) -> str:
    """Normalise a header or label for matching: NFC, trimmed, single spaces, case-folded."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def clean_text(value: object) -> object:
    """NFC-normalise text and collapse stray white space; leave other values alone."""
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).split())
        return text if text else None
    return value


def _header_map(table: Table) -> dict[str, str]:
    """Map every accepted header spelling (folded) to the English column name."""
    mapping: dict[str, str] = {}
    for col in table.columns:
        mapping[fold(col.name)] = col.name
        mapping[fold(col.vi)] = col.name
    return mapping


def _table_names(table: Table) -> set[str]:
    return {fold(table.name), fold(table.vi)}


def locate(folder: Path) -> tuple[dict[str, Source], list[Problem]]:
    """Find the file (and sheet) of each table in a unit folder.

    A table is ``<name>.csv`` or ``<name>.xlsx`` (English or Vietnamese stem; an
    Excel file's first sheet), or a sheet so named in any workbook of the folder.

    Parameters
    ----------
    folder : Path
        The unit folder.

    Returns
    -------
    dict, list of Problem
        Table name to source, and problems (a table found twice).
    """
    found: dict[str, list[Source]] = {}
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    for path in files:
        stem = fold(path.stem)
        table = next((t for t in TABLES.values() if stem in _table_names(t)), None)
        if table is not None:
            found.setdefault(table.name, []).append(Source(path))
        elif path.suffix.lower() == ".xlsx":
            for sheet in pd.ExcelFile(path, engine="openpyxl").sheet_names:
                t = next((t for t in TABLES.values() if fold(sheet) in _table_names(t)), None)
                if t is not None:
                    found.setdefault(t.name, []).append(Source(path, sheet))
    problems = [
        Problem(
            sources[1].label,
            None,
            "",
            "",
            f"table '{name}' is given more than once (also in {sources[0].label}); keep one",
            sources[1].sheet,
        )
        for name, sources in found.items()
        if len(sources) > 1
    ]
    return {name: sources[0] for name, sources in found.items()}, problems


def _read_csv(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            sep = dialect.delimiter
        except csv.Error:
            sep = ","
        frame = pd.read_csv(handle, sep=sep, dtype=str, keep_default_na=False)
    frame.index = range(2, len(frame) + 2)
    return frame


def _read_excel(source: Source) -> pd.DataFrame:
    sheet = source.sheet or 0
    frame = pd.read_excel(source.path, sheet_name=sheet, dtype=object, engine="openpyxl")
    frame.index = range(2, len(frame) + 2)
    return frame


def read_table(source: Source, table: Table) -> tuple[pd.DataFrame, dict[str, str], list[Problem]]:
    """Read a table's cells with headers mapped to English column names.

    Parameters
    ----------
    source : Source
        Where to read from.
    table : Table
        The codebook entry the file holds.

    Returns
    -------
    frame : DataFrame
        Cells as cleaned text (or native Excel values); index is the spreadsheet row.
        Every codebook column is present; absent ones are all empty.
    headers : dict
        English column name to the header as written, for messages.
    problems : list of Problem
        Unreadable file, duplicated or unknown columns, missing required columns.
    """
    label, sheet = source.label, source.sheet
    try:
        if source.path.suffix.lower() == ".csv":
            raw = _read_csv(source.path)
        else:
            raw = _read_excel(source)
    except UnicodeDecodeError as exc:
        rule = f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as CSV UTF-8"
        return pd.DataFrame(columns=table.names), {}, [Problem(label, None, "", "", rule, sheet)]
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        rule = f"cannot be read: {exc}"
        return pd.DataFrame(columns=table.names), {}, [Problem(label, None, "", "", rule, sheet)]

    mapping = _header_map(table)
    problems: list[Problem] = []
    headers: dict[str, str] = {}
    keep: dict[str, str] = {}
    for header in raw.columns:
        written = str(header)
        name = mapping.get(fold(written))
        mangled = _MANGLED.match(written)
        if name is None and mangled:  # pandas renames a repeated header "x" to "x.1"
            name = mapping.get(fold(mangled.group(1)))
        if name is None:
            problems.append(
                Problem(
                    label,
                    None,
                    written,
                    "",
                    "unknown column, ignored (see data/README.md)",
                    sheet,
                    True,
                )
            )
            continue
        if name in headers:
            rule = f"column given twice (also as '{headers[name]}'); keep one"
            problems.append(Problem(label, None, written, "", rule, sheet))
            continue
        headers[name] = written
        keep[written] = name
    frame = raw[list(keep)].rename(columns=keep)
    for col in table.columns:
        if col.name not in frame.columns:
            if col.required:
                rule = f"required column missing (header '{col.name}' or '{col.vi}')"
                problems.append(Problem(label, None, col.name, "", rule, sheet))
            frame[col.name] = None
        headers.setdefault(col.name, col.name)
    frame = frame[table.names].map(clean_text)
    frame = frame.replace({"": None})
    # Excel leaves trailing rows that are entirely empty; they are not data.
    frame = frame.dropna(how="all")
    return frame, headers, problems
