"""Write the input corpus: small files as analysts have them, one folder per case.

Each case folder holds files that replace the same tables of the small test unit
(``tests/conftest.py``). Run from the repository root to regenerate:

    .venv/bin/python -m tests.corpus.make_corpus

The expected outcome of every case is in ``tests/test_corpus.py``.
"""

from __future__ import annotations

import csv
import io
import shutil
import unicodedata
import zipfile
from pathlib import Path

from openpyxl import Workbook

from tests.conftest import SMALL_UNIT

HERE = Path(__file__).resolve().parent
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def rows(table: str) -> list[list]:
    return [list(r) for r in SMALL_UNIT[table]]


def csv_text(data: list[list], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(data)
    return out.getvalue()


def cp1258(text: str) -> bytes:
    """Encode Vietnamese the way Windows-1258 does: base letters composed, tone marks combining."""
    clusters: list[list[str]] = []
    for char in unicodedata.normalize("NFD", text):
        if clusters and unicodedata.combining(char):
            clusters[-1].append(char)
        else:
            clusters.append([char])
    out = []
    for base, *marks in clusters:
        others = "".join(m for m in marks if m not in TONES)
        tones = "".join(m for m in marks if m in TONES)
        out.append(unicodedata.normalize("NFC", base + others) + tones)
    return "".join(out).encode("cp1258")


def case(name: str) -> Path:
    folder = HERE / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


def write(name: str, file: str, data: bytes | str) -> None:
    path = case(name) / file if not (HERE / name).exists() else HERE / name / file
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def workbook(path: Path, sheets: list[tuple[str, list[list]]], hidden=(), build=None) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, data in sheets:
        ws = book.create_sheet(title)
        for r in data:
            ws.append(r)
        if title in hidden:
            ws.sheet_state = "hidden"
        if build:
            build(ws)
    book.save(path)


def with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formula cells the cached values a spreadsheet program would have saved."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                for ref, value in values.items():
                    start = text.index(f'<c r="{ref}"')
                    end = text.index("</c>", start)
                    cell = text[start:end]
                    fixed = cell.replace("<v></v>", "").replace("<v />", "").replace("<v/>", "")
                    text = text[:start] + fixed + f"<v>{value}</v>" + text[end:]
                data = text.encode("utf-8")
            dst.writestr(item, data)
    tmp.replace(path)


def main() -> None:
    for old in HERE.iterdir():
        if old.is_dir() and old.name != "__pycache__":
            shutil.rmtree(old)
    entities = rows("entities")
    annual = rows("annual")

    # --- encodings and separators ------------------------------------------------------
    write("csv_utf8", "entities.csv", csv_text(entities))
    write("csv_utf8_bom", "entities.csv", "\ufeff" + csv_text(entities))
    write("csv_utf16", "entities.csv", csv_text(entities).encode("utf-16"))
    write("csv_utf16_no_bom", "entities.csv", csv_text(entities).encode("utf-16-le"))
    write("csv_windows_1258", "entities.csv", cp1258(csv_text(entities)))
    latin = [["entity_id", "alias"], ["A", "HTX Alpha Café"], ["B", "Coopérative Bêta"]]
    write("csv_windows_1252", "aliases.csv", csv_text(latin).encode("cp1252"))
    write("csv_no_encoding", "unit.csv", b"unit_id,name,level\n\x81\x8d,\x8f,xa\n")
    write("csv_semicolon", "annual.csv", csv_text(annual, ";"))
    write("csv_tab", "annual.csv", csv_text(annual, "\t"))
    write("csv_empty", "annual.csv", b"")
    write("csv_blank_lines_only", "annual.csv", b"\n \n\t\n")
    write("csv_header_only", "ocop.csv", csv_text(rows("ocop")[:1]))
    title = [["ỦY BAN NHÂN DÂN XÃ TÂN LẬP"], ["Biểu số liệu hợp tác xã năm 2025"], []]
    write("csv_title_block", "annual.csv", csv_text(title + annual))
    totals = annual + [["Tổng cộng", "", 103, 16, 62, 47, 13, 3, 2, 8, ""]]
    write("csv_totals_row", "annual.csv", csv_text(totals))
    wrong = annual + [["Tổng cộng", "", 105, 16, 62, 47, 13, 3, 2, 8, ""]]
    write("csv_totals_row_contradicts", "annual.csv", csv_text(wrong))
    write("csv_no_header", "annual.csv", csv_text(annual[1:]))

    # --- Vietnamese number text --------------------------------------------------------
    def capital(*values):
        data = [r[:] for r in entities]
        for i, v in enumerate(values, start=2):
            data[i][7] = v
        return csv_text(data)

    write("num_comma_decimal", "entities.csv", capital("1.200", "800,5", "2.500"))
    write("num_vietnamese_thousands", "entities.csv", capital("1.200,5", "81.233", "2500"))
    write("num_ambiguous_alone", "entities.csv", capital("1200", "81.233", "2500"))
    write("num_dot_decimal", "entities.csv", capital("1200", "800.5", "3327.272"))
    write("num_mixed_conventions", "entities.csv", capital("3.327,272", "38.74", "81.233"))
    write("num_ty_unit", "entities.csv", capital("1,5 tỷ", "800 triệu", "2,5 tỷ đồng"))
    write("num_spaces_thousands", "entities.csv", capital("1 200", "800,5", "2 500"))
    targets = rows("targets")
    targets[3][2], targets[3][3] = "11,11%", "25%"
    write("num_percent", "targets.csv", csv_text(targets))
    blanks = [r[:] for r in annual]
    blanks[1][5], blanks[2][5] = "", "0"
    blanks[3][5] = "-"
    write("num_blank_zero_dash", "annual.csv", csv_text(blanks))
    fraction = [r[:] for r in annual]
    fraction[2][2] = "12,5"
    write("num_fraction_in_count", "annual.csv", csv_text(fraction))
    text = [r[:] for r in entities]
    text[3][7] = "hai tỷ"
    write("num_not_a_number", "entities.csv", csv_text(text))
    negative = [r[:] for r in annual]
    negative[3][2] = "-7"
    write("num_negative_count", "annual.csv", csv_text(negative))

    # --- names -----------------------------------------------------------------------
    spaced = [r[:] for r in entities]
    spaced[2][2] = "  HTX   Alpha  "
    spaced[3][2] = unicodedata.normalize("NFD", "HTX Beta Nông Sản")
    write("names_spaces_and_nfd", "entities.csv", csv_text(spaced))
    cased = [r[:] for r in entities]
    cased[2][1], cased[3][1] = "htx", "Hợp tác xã"
    cased[2][4] = "NÔNG - LÂM - NGƯ NGHIỆP"
    write("names_code_case_and_labels", "entities.csv", csv_text(cased))
    ocop = rows("ocop")
    ocop[1][1] = "htx  ALPHA"
    write("names_owner_variant", "ocop.csv", csv_text(ocop))

    # --- columns and tables ----------------------------------------------------------
    extra = [r + [("Ghi chú nội bộ" if i == 0 else "x")] for i, r in enumerate(entities)]
    write("col_extra", "entities.csv", csv_text(extra))
    dup = [r + [r[2]] for r in entities]
    write("col_duplicated_same_name", "entities.csv", csv_text(dup))
    dup_vi = [r + [r[2]] for r in entities]
    dup_vi[0][-1] = "Tên"
    write("col_duplicated_english_vietnamese", "entities.csv", csv_text(dup_vi))
    vi = [r[:] for r in entities]
    vi[0] = [
        "  MÃ ",
        "loại hình",
        "TÊN",
        "Xã",
        "Lĩnh vực",
        "Ngày thành lập",
        "Ngày giải thể",
        "Vốn điều lệ",
        "Mục đích THT",
        "Thuộc LH HTX",
    ]
    write("col_vietnamese_headers", "danh_sach.csv", csv_text(vi))
    missing = [r[:2] + r[3:] for r in entities]
    write("col_required_missing", "entities.csv", csv_text(missing))
    case("table_missing_required")  # the test removes entities
    (HERE / "table_missing_required" / "README").write_text("entities.csv is removed by the test\n")
    case("table_missing_optional")
    (HERE / "table_missing_optional" / "README").write_text("ocop.csv is removed by the test\n")

    # --- Excel ------------------------------------------------------------------------
    def xlsx(name, file, sheets, **kw):
        folder = case(name)
        workbook(folder / file, sheets, **kw)
        return folder / file

    xlsx("xlsx_plain", "entities.xlsx", [("Sheet1", entities)])

    def title_block(ws):
        ws.insert_rows(1, 3)
        ws["A1"] = "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
        ws["A2"] = "DANH SÁCH HỢP TÁC XÃ, LIÊN HIỆP HỢP TÁC XÃ, TỔ HỢP TÁC"
        ws.merge_cells("A1:J1")
        ws.merge_cells("A2:J2")

    xlsx("xlsx_title_block", "entities.xlsx", [("Danh sách", entities)], build=title_block)

    def merged_header(ws):
        ws.insert_rows(1, 1)
        ws["A1"] = "Mã"
        ws.merge_cells("A1:A2")
        ws["B1"] = "Thông tin đăng ký"
        ws.merge_cells("B1:J1")

    xlsx("xlsx_merged_header", "entities.xlsx", [("Sheet1", entities)], build=merged_header)

    def merged_commune(ws):
        ws.merge_cells("D3:D6")  # one commune cell spans four HTX rows

    blank_commune = [r[:] for r in entities]
    for r in blank_commune[3:6]:
        r[3] = None
    xlsx(
        "xlsx_merged_data_cells", "entities.xlsx", [("Sheet1", blank_commune)], build=merged_commune
    )

    xlsx(
        "xlsx_totals_row",
        "annual.xlsx",
        [("Sheet1", annual + [["Tổng cộng", None, "=SUM(C2:C7)"]])],
    )
    with_cached_values(HERE / "xlsx_totals_row" / "annual.xlsx", {"C8": "103"})

    xlsx(
        "xlsx_hidden_first_sheet",
        "entities.xlsx",
        [("Cũ", [["ghi chú"], ["bảng cũ, không dùng"]]), ("Mới", entities)],
        hidden=("Cũ",),
    )
    xlsx(
        "xlsx_hidden_table_sheet",
        "so_lieu.xlsx",
        [("danh_sach", entities), ("so_lieu_nam", annual[:2])],
        hidden=("so_lieu_nam",),
    )

    formulas = [r[:] for r in annual]
    formulas[1][2] = "=50+10"
    xlsx("xlsx_formula_cached", "annual.xlsx", [("Sheet1", formulas)])
    with_cached_values(HERE / "xlsx_formula_cached" / "annual.xlsx", {"C2": "60"})
    xlsx("xlsx_formula_not_cached", "annual.xlsx", [("Sheet1", formulas)])

    serial = [r[:] for r in entities]
    for r in serial[1:]:
        if r[5]:
            y, m, d = (int(x) for x in r[5].split("-"))
            import datetime as dt

            r[5] = (dt.date(y, m, d) - dt.date(1899, 12, 30)).days
    xlsx("xlsx_serial_dates", "entities.xlsx", [("Sheet1", serial)])
    textual = [r[:] for r in entities]
    for r in textual[1:]:
        if r[5]:
            y, m, d = r[5].split("-")
            r[5] = f"{d}/{m}/{y}"
    xlsx("xlsx_text_dates", "entities.xlsx", [("Sheet1", textual)])
    import datetime as dt

    native = [r[:] for r in entities]
    for r in native[1:]:
        if r[5]:
            r[5] = dt.datetime.fromisoformat(r[5])
    xlsx("xlsx_native_dates", "entities.xlsx", [("Sheet1", native)])
    numeric_text = [r[:] for r in entities]
    numeric_text[2][7], numeric_text[3][7] = "1.200,5", "81.233"
    xlsx("xlsx_numbers_as_text", "entities.xlsx", [("Sheet1", numeric_text)])
    folder = case("xlsx_corrupt")
    (folder / "entities.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    folder = case("xls_old_format")  # the binary format of Excel 97-2003
    (folder / "entities.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old excel")
    folder = case("xlsx_lock_file_ignored")
    (folder / "~$annual.xlsx").write_bytes(b"\x00lock")


if __name__ == "__main__":
    main()
