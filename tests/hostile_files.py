"""Small files built to exhaust a naive reader; shared by the tests and the benchmark."""

from __future__ import annotations

import zipfile
from pathlib import Path


def _book(title: str, header: list[str]):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = title
    book.active.append(header)
    return book


def wide_workbook(path: Path, table: str = "ocop") -> Path:
    """A workbook of a few KB whose one cell at XFD1048576 spans the whole sheet."""
    book = _book(table, ["product"])
    book.active["XFD1048576"] = "x"
    book.save(path)
    return path


def zip_bomb(path: Path, megabytes: int, table: str = "ocop") -> Path:
    """A valid workbook carrying a part of ``megabytes`` zeros (written in chunks)."""
    plain = path.with_name(f".plain-{path.name}")
    _book(table, ["product"]).save(plain)
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb,
    ):
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        with bomb.open("xl/media/padding.bin", "w", force_zip64=True) as part:
            for _ in range(megabytes):
                part.write(bytes(2**20))
    plain.unlink()
    return path


def merged_workbook(path: Path, ranges: int, table: str = "ocop") -> Path:
    """A workbook with ``ranges`` merged ranges, one per row."""
    book = _book(table, ["product", "owner", "owner_type", "year"])
    for row in range(2, ranges + 2):
        book.active.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    book.save(path)
    return path


def quote_storm(path: Path) -> Path:
    """A 150 KB one-line CSV of opening quotes: quadratic for a naive separator sniffer."""
    path.write_text('"a,' * 50_000, encoding="utf-8")
    return path
