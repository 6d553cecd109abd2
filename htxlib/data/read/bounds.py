"""Bounds checked before a file is read: rows, columns, cell sizes, workbook parts."""

from __future__ import annotations

import re
from pathlib import Path

from htxlib.data.limits import exceeded, limits
from htxlib.data.read.text import ReadError
from htxlib.messages import N_, _


def check_rows(rows: int) -> None:
    """Refuse a table of more rows than ``HTX_MAX_ROWS``."""
    bound = limits().HTX_MAX_ROWS
    if rows > bound:
        raise ReadError(exceeded(N_("the number of rows"), rows, "HTX_MAX_ROWS", bound))


def check_width(columns: int) -> None:
    """Refuse a table of more columns than ``HTX_MAX_COLUMNS``."""
    bound = limits().HTX_MAX_COLUMNS
    if columns > bound:
        raise ReadError(exceeded(N_("the number of columns"), columns, "HTX_MAX_COLUMNS", bound))


def cell_too_long() -> None:
    """Refuse a cell longer than ``HTX_MAX_CELL_CHARS`` (the reader found one)."""
    bound = limits().HTX_MAX_CELL_CHARS
    raise ReadError(
        exceeded(N_("the length of a cell"), f"> {bound}", "HTX_MAX_CELL_CHARS", bound)
    ) from None


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_MERGE_COUNT = re.compile(rb'<(?:\w+:)?mergeCells count="(\d+)"')


def check_file(path: Path) -> None:
    """Refuse a file over the size limit, and an .xlsx whose parts or sheets are too large.

    The workbook is inspected as the zip file it is, before openpyxl reads anything: the
    uncompressed size of its parts, their compression ratio (a zip bomb), each sheet's
    declared extent and its merged ranges.

    Raises
    ------
    ReadError
        Naming the limit and how to raise it.
    """
    bound = limits()
    size = path.stat().st_size
    if size > bound.HTX_MAX_FILE_MB * 2**20:
        raise ReadError(
            exceeded(
                N_("the file size (MB)"),
                round(size / 2**20, 1),
                "HTX_MAX_FILE_MB",
                bound.HTX_MAX_FILE_MB,
            )
        )
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".docx"):
        return
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        what = (
            N_("not a readable Word file ({error})")
            if suffix == ".docx"
            else N_("not a readable Excel workbook ({error})")
        )
        raise ReadError(_(what).format(error=err)) from None
    with archive:
        parts = archive.infolist()
        total = sum(p.file_size for p in parts)
        if total > bound.HTX_MAX_UNZIPPED_MB * 2**20:
            raise ReadError(
                exceeded(
                    N_("the uncompressed size (MB)"),
                    round(total / 2**20, 1),
                    "HTX_MAX_UNZIPPED_MB",
                    bound.HTX_MAX_UNZIPPED_MB,
                )
            )
        for part in parts:
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > 2**20 and ratio > bound.HTX_MAX_ZIP_RATIO:
                raise ReadError(
                    exceeded(
                        N_("the compression ratio"),
                        f"{round(ratio)} ({part.filename})",
                        "HTX_MAX_ZIP_RATIO",
                        bound.HTX_MAX_ZIP_RATIO,
                    )
                )
            if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
                _check_sheet_part(archive, part.filename)
            elif part.filename == _STRINGS_PART:
                _check_strings_part(archive, part.filename)
            elif part.file_size > bound.HTX_MAX_PART_MB * 2**20 and (
                suffix != ".docx"
                or part.filename.endswith(".xml")  # a Word file's pictures are not read
            ):
                # styles, the list of sheets and its defined names: read whole by openpyxl
                raise ReadError(
                    exceeded(
                        N_("the uncompressed size of a part (MB)"),
                        f"{round(part.file_size / 2**20, 1)} ({part.filename})",
                        "HTX_MAX_PART_MB",
                        bound.HTX_MAX_PART_MB,
                    )
                )


_STRINGS_PART = "xl/sharedStrings.xml"


def _check_strings_part(archive, name: str) -> None:
    """Count a workbook's distinct texts as they stream: openpyxl keeps every one in memory."""
    bound = limits().HTX_MAX_STRINGS
    count = 0
    tail = b""
    with archive.open(name) as stream:
        while chunk := stream.read(1 << 20):
            # the last three bytes of the chunk before hold no whole "<si>" or "<si ", so a
            # tag cut in two is counted once, in the window that joins it
            window = tail + chunk
            count += window.count(b"<si>") + window.count(b"<si ")
            tail = window[-3:]
            if count > bound:
                found = f"> {bound}"
                raise ReadError(
                    exceeded(N_("the number of distinct texts"), found, "HTX_MAX_STRINGS", bound)
                )


def _check_sheet_part(archive, name: str) -> None:
    """Check a sheet's declared extent (at its start) and merged ranges (counted in a stream)."""
    merged = 0
    with archive.open(name) as stream:
        head = stream.read(4096)
        found = _DIMENSION.search(head)
        if found and found.group(4):
            rows = int(found.group(4))
            columns = _column_number(found.group(3).decode())
            check_extent(rows, columns, 0)
        # a sheet has one <mergeCells count="..."> element, near its end: look at every chunk,
        # overlapping the last one so that a tag cut in two is still seen
        window = head
        while True:
            merged = max([merged, *(int(m.group(1)) for m in _MERGE_COUNT.finditer(window))])
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            window = window[-64:] + chunk
    check_extent(0, 0, merged)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def check_extent(rows: int, columns: int, merged: int) -> None:
    """Refuse a sheet whose declared rows, columns or merged ranges exceed their bounds."""
    bound = limits()
    if rows > bound.HTX_MAX_ROWS:
        raise ReadError(
            exceeded(N_("the number of rows"), rows, "HTX_MAX_ROWS", bound.HTX_MAX_ROWS)
        )
    if columns > bound.HTX_MAX_COLUMNS:
        raise ReadError(
            exceeded(N_("the number of columns"), columns, "HTX_MAX_COLUMNS", bound.HTX_MAX_COLUMNS)
        )
    if merged > bound.HTX_MAX_MERGED:
        raise ReadError(
            exceeded(
                N_("the number of merged ranges"), merged, "HTX_MAX_MERGED", bound.HTX_MAX_MERGED
            )
        )


def check_cells(values: list[list]) -> None:
    """Refuse a sheet with a cell longer than ``HTX_MAX_CELL_CHARS``."""
    bound = limits().HTX_MAX_CELL_CHARS
    for row in values:
        for cell in row:
            if isinstance(cell, str) and len(cell) > bound:
                raise ReadError(
                    exceeded(N_("the length of a cell"), len(cell), "HTX_MAX_CELL_CHARS", bound)
                )
