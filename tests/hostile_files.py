"""Small files built to exhaust a naive reader; shared by the tests and the benchmark."""

from __future__ import annotations

import re
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


def declaring_a1(path: Path) -> Path:
    """Rewrite a workbook's sheets to declare ``<dimension ref="A1"/>``, as some writers do."""
    rewritten = path.with_name(f".declared-{path.name}")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data, replaced = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
                assert replaced == 1, item.filename
            target.writestr(item, data)
    rewritten.replace(path)
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
    from openpyxl.worksheet.cell_range import CellRange

    book = _book(table, ["product", "owner", "owner_type", "year"])
    # set at once: openpyxl's merge_cells looks through the ranges already merged on each
    # call, which takes seconds for thousands of them
    book.active.merged_cells.ranges = {
        CellRange(min_col=1, min_row=row, max_col=2, max_row=row) for row in range(2, ranges + 2)
    }
    book.save(path)
    return path


def quote_storm(path: Path) -> Path:
    """A 150 KB one-line CSV of opening quotes: quadratic for a naive separator sniffer."""
    path.write_text('"a,' * 50_000, encoding="utf-8")
    return path


def tall_workbook(path: Path, rows: int, table: str = "ocop") -> Path:
    """A workbook of ``rows`` short rows (100.000 rows is about 1,6 MB), written streaming."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table)
    sheet.append(["product", "owner", "owner_type", "year"])
    for row in range(rows):
        sheet.append([f"Sản phẩm {row}", f"HTX {row}", "HTX", 2024])
    book.save(path)
    return path


def many_strings(path: Path, count: int, table: str = "ocop") -> Path:
    """A valid workbook whose shared-strings part holds ``count`` short strings."""
    plain = path.with_name(f".plain-{path.name}")
    _book(table, ["product"]).save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != "xl/sharedStrings.xml":
                out.writestr(item, source.read(item.filename))
        with out.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            head = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
            head += f'openxmlformats.org/spreadsheetml/2006/main" count="{count}" '
            part.write(f'{head}uniqueCount="{count}"><si><t>product</t></si>'.encode())
            chunk = 100_000
            for start in range(0, count, chunk):
                part.write(
                    "".join(
                        f"<si><t>{n}</t></si>" for n in range(start, min(count, start + chunk))
                    ).encode()
                )
            part.write(b"</sst>")
    plain.unlink()
    return path


def _rewritten(path: Path, part: str, write) -> Path:
    """Rewrite one part of a workbook with ``write(stream)``, streaming (never held whole)."""
    plain = path.with_name(f".plain-{path.name}")
    path.replace(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != part:
                out.writestr(item, source.read(item.filename))
        with out.open(part, "w", force_zip64=True) as stream:
            write(stream, source.read(part).decode("utf-8"))
    plain.unlink()
    return path


def bloated_styles(path: Path, megabytes: int, table: str = "ocop") -> Path:
    """A valid workbook whose styles part carries ``megabytes`` of repeated cell formats."""
    _book(table, ["product"]).save(path)

    def write(stream, styles: str) -> None:
        head, tail = styles.split("</cellXfs>", 1)
        stream.write(head.encode())
        # numbered, so that it compresses as a real part does (a ratio of tens, not hundreds)
        for block in range(megabytes):
            stream.write(
                "".join(
                    f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0"/>'
                    for n in range(block * 14_000, (block + 1) * 14_000)
                ).encode()
            )
        stream.write(("</cellXfs>" + tail).encode())

    return _rewritten(path, "xl/styles.xml", write)


def many_names(path: Path, count: int, table: str = "ocop") -> Path:
    """A valid workbook whose workbook part defines ``count`` names."""
    _book(table, ["product"]).save(path)

    def write(stream, workbook: str) -> None:
        head, tail = workbook.split("</sheets>", 1)
        stream.write((head + "</sheets><definedNames>").encode())
        for start in range(0, count, 100_000):
            stream.write(
                "".join(
                    f'<definedName name="n{n}">{table}!$A$1</definedName>'
                    for n in range(start, min(count, start + 100_000))
                ).encode()
            )
        stream.write(("</definedNames>" + tail.replace("<definedNames/>", "")).encode())

    return _rewritten(path, "xl/workbook.xml", write)


def repeated_rows(path: Path, megabytes: int) -> Path:
    """A CSV file of one table's header and one data row repeated to ``megabytes``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    row = (lines[1] + "\n").encode()
    with path.open("wb") as out:
        out.write((lines[0] + "\n").encode())
        block = row * max(1, 2**20 // len(row))
        for _ in range(megabytes):
            out.write(block)
    return path


def empty_tail(path: Path, megabytes: int) -> Path:
    """A CSV file followed by ``megabytes`` of empty lines."""
    with path.open("ab") as out:
        for _ in range(megabytes):
            out.write(b"\n" * 2**20)
    return path


def ragged_rows(path: Path, megabytes: int) -> Path:
    """A CSV file whose rows after the header are short and of differing widths."""
    header = path.read_text(encoding="utf-8").splitlines()[0]
    block = b"".join(b"," * (n % 7) + b"x\n" for n in range(100_000))
    with path.open("wb") as out:
        out.write((header + "\n").encode())
        for _ in range(megabytes * 2**20 // len(block)):
            out.write(block)
    return path
