"""The input workbook: written from the codebook and the map, and read back exactly."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
from openpyxl import load_workbook

from htxlib.cli import main
from htxlib.data.codebook import TABLES
from htxlib.data.dataset import load_unit
from htxlib.data.template import FIRST_DATA_ROW, HEADER_ROW

from .conftest import VAN_QUAN, run_htx, type_rows


def test_template_of_a_commune_is_prefilled_from_the_map(tmp_path, capsys):
    target = tmp_path / "xa" / "thuong-lam.xlsx"
    assert main(["template", "--unit", "02269", "--year", "2025", "--out", str(target)]) == 0
    book = load_workbook(target)
    assert book.sheetnames[0] == "huong_dan"
    unit = book["don_vi"]
    header = [c.value for c in unit[HEADER_ROW]]
    row = dict(zip(header, [c.value for c in unit[FIRST_DATA_ROW]], strict=False))
    assert row["Tên đơn vị"] == "Thượng Lâm" and row["Cấp"] == "xã"  # a label of its drop-down
    assert row["Mã hành chính"] == "2269" and row["Tỉnh"] == "Tuyên Quang"
    assert unit.freeze_panes == f"A{FIRST_DATA_ROW}"
    entities = book["danh_sach"]
    lists = [v.formula1 for v in entities.data_validations.dataValidation]
    assert any("danh_muc" in (f or "") for f in lists)  # drop-down lists of codes
    ds = load_unit(target.parent)  # the empty workbook is a valid unit already
    assert ds.unit_info["name"] == "Thượng Lâm" and len(ds.entities) == 0
    assert ds.unit_info["level"] == "xa"
    example = dict(zip(header, [c.value for c in unit[FIRST_DATA_ROW - 2]], strict=False))
    assert example["Tên đơn vị"] == "Tân Lập" and example["Cấp"] == "xã"  # reads as a unit


def test_a_workbook_not_named_xlsx_is_refused(tmp_path, capsys):
    target = tmp_path / "x.csv"
    assert main(["template", "--unit", "02269", "--year", "2025", "--out", str(target)]) == 2
    assert ".xlsx" in capsys.readouterr().err and not target.exists()


def test_an_unknown_code_is_a_usage_error(tmp_path, capsys):
    target = tmp_path / "x.xlsx"
    assert main(["template", "--unit", "99", "--year", "2025", "--out", str(target)]) == 2
    assert "99" in capsys.readouterr().err and not target.exists()


def test_filled_template_reads_back_exactly(tmp_path):
    target = tmp_path / "wb" / "van-quan.xlsx"
    assert main(["template", "--unit", "20", "--year", "2024", "--out", str(target)]) == 0
    book = load_workbook(target)
    for table in TABLES.values():
        source = VAN_QUAN / f"{table.name}.csv"
        sheet = book[table.vi]
        sheet.delete_rows(FIRST_DATA_ROW, sheet.max_row)  # the pre-filled rows
        if not source.exists():
            continue
        with open(source, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        for offset, record in enumerate(rows):
            for index, column in enumerate(table.columns, start=1):
                value = record.get(column.name)
                if value not in (None, ""):
                    sheet.cell(FIRST_DATA_ROW + offset, index, value)
    book.save(target)
    shutil.copytree(VAN_QUAN / "texts", target.parent / "texts")
    from_workbook, from_csv = load_unit(target.parent), load_unit(VAN_QUAN)
    for name in TABLES:
        pd.testing.assert_frame_equal(
            from_workbook.tables[name].reset_index(drop=True),
            from_csv.tables[name].reset_index(drop=True),
            obj=name,
        )


def test_a_filled_workbook_is_never_replaced(tmp_path):
    """`htx template` run again on the same path, as the real process: refused, then kept."""
    from .conftest import run_htx

    command = ["template", "--unit", "02269", "--year", "2025", "--out", "thuong-lam.xlsx"]
    first = run_htx(*command, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    target = tmp_path / "thuong-lam.xlsx"
    book = load_workbook(target)
    book["danh_sach"]["A5"] = "HTX01"  # the officer's work
    book.save(target)
    filled = target.read_bytes()
    again = run_htx(*command, cwd=tmp_path)
    assert again.returncode == 2
    assert "đã có" in again.stderr and "--force" in again.stderr
    assert target.read_bytes() == filled
    forced = run_htx(*command, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    kept = list(tmp_path.glob("thuong-lam (bản cũ *).xlsx"))  # opens on a double click
    assert len(kept) == 1 and kept[0].read_bytes() == filled
    assert kept[0].name in forced.stderr
    assert target.read_bytes() != filled
    # in a province's units folder, the kept copy is no commune of its own
    from htxlib.data.rollup import child_paths
    from htxlib.data.unit_folders import find_units

    units = tmp_path / "prov" / "units"
    units.mkdir(parents=True)
    for path in (target, kept[0]):
        shutil.copy(path, units / path.name)
    assert [p.name for p in child_paths(tmp_path / "prov")] == ["thuong-lam.xlsx"]
    assert [p.name for p in find_units(units)] == ["thuong-lam.xlsx"]


def test_a_template_workbook_reads_numbers_and_labels_as_vietnamese_type_them(tmp_path):
    """In a workbook made by `htx template`, 1.250 is 1250 (its instructions say so), and a
    sector or a target is given by the label its drop-down shows, with or without marks."""
    from htxlib.data.template import FIRST_DATA_ROW, HEADER_ROW

    target = tmp_path / "thuong-lam" / "thuong-lam.xlsx"
    assert main(["template", "--unit", "02269", "--year", "2025", "--out", str(target)]) == 0
    book = load_workbook(target)

    def fill(table, rows):
        sheet = book[TABLES[table].vi]
        header = [c.value for c in sheet[HEADER_ROW]]
        for offset, values in enumerate(rows):
            for name, value in values.items():
                column = header.index(TABLES[table].column(name).vi) + 1
                sheet.cell(FIRST_DATA_ROW + offset, column, value)

    fill(
        "entities",
        [
            {"entity_id": "HTX01", "kind": "HTX", "name": "HTX Một", "sector": "Nông nghiệp",
             "founded_on": "15/3/2018"},
            {"entity_id": "HTX02", "kind": "HTX", "name": "HTX Hai", "sector": "van tai",
             "founded_on": "1/7/2019"},
        ],
    )  # fmt: skip
    fill(
        "annual",
        [
            {"entity_id": "HTX01", "year": 2025, "members": "12", "revenue": "1.250"},
            {"entity_id": "HTX02", "year": 2025, "members": "9", "revenue": "2.100"},
        ],
    )
    fill("targets", [{"indicator": "HTX thành lập mới", "plan_year": 2026, "low": "2"}])
    book.save(target)
    ds = load_unit(target.parent)
    assert list(ds.annual["revenue"]) == [1250, 2100]
    assert list(ds.entities["sector"]) == ["nong_nghiep", "van_tai"]
    assert list(ds.targets["indicator"]) == ["new_htx"]


def test_a_deleted_template_column_is_a_warning_naming_it(tmp_path):
    """An officer deletes the "Lĩnh vực" column of the registry sheet: validate still passes,
    and says which column is gone and that its values count as not given."""
    from .conftest import run_htx

    out = "units/thuong-lam/thuong-lam.xlsx"
    made = run_htx("template", "--unit", "02269", "--year", "2025", "--out", out, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    target = tmp_path / "units" / "thuong-lam" / "thuong-lam.xlsx"
    book = load_workbook(target)
    sheet = book["danh_sach"]
    column = next(
        cell.column
        for row in sheet.iter_rows(max_row=6)
        for cell in row
        if cell.value == "Lĩnh vực"
    )
    sheet.delete_cols(column)
    book.save(target)
    done = run_htx("validate", "--data", "units/thuong-lam", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert "thiếu cột 'Lĩnh vực' của mẫu" in said and "coi là chưa có" in said
    # the column named as the workbook names it, not by the program's name ("sector")
    assert "cột 'Lĩnh vực': thiếu cột" in said and "'sector'" not in said, said


def test_the_template_asks_for_the_years_part_two_projects_from(tmp_path):
    """The periods sheet holds the assessed year and the four before it; without them,
    validate says which years to add and where."""
    from .conftest import run_htx

    out = "units/thuong-lam/thuong-lam.xlsx"
    made = run_htx("template", "--unit", "02269", "--year", "2026", "--out", out, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    target = tmp_path / out
    book = load_workbook(target)
    sheet = book["ky_bao_cao"]
    years = [r[0] for r in sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True) if r[0]]
    assert years == [2022, 2023, 2024, 2025, 2026]
    guide = " ".join(str(c.value) for c in book.worksheets[0]["A"] if c.value)
    assert "Phần II" in guide and "4 năm trước" in guide
    sheet.delete_rows(FIRST_DATA_ROW, 4)  # the officer keeps the assessed year only
    book.save(target)
    done = run_htx("validate", "--data", "units/thuong-lam", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Phần II chưa dự báo được chỉ tiêu" in done.stdout, done.stdout
    assert "một dòng cho mỗi năm 2022, 2023, 2024, 2025" in done.stdout
    built = run_htx(
        "report", "--data", "units/thuong-lam", "--year", "2026", "--format", "html", cwd=tmp_path
    )
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "reports" / "thuong-lam" / "2026" / "report.html").read_text()
    assert "một dòng cho mỗi năm 2022, 2023, 2024, 2025" in page  # the review copy says it too


def test_a_merged_commune_s_template_offers_its_former_communes(tmp_path):
    """Xã Thượng Lâm (02269) was made of two former communes: its instructions name them with
    the command that makes each one's workbook. Run as written, filled in, the new commune's
    report sums the former communes for the years before the merger."""
    from openpyxl import load_workbook as load

    new = "units/thuong-lam/thuong-lam.xlsx"
    assert run_htx("template", "--unit", "02269", "--year", "2025", "--out", new,
                   cwd=tmp_path).returncode == 0  # fmt: skip
    guide = [c.value for c in load(tmp_path / new)["huong_dan"]["A"] if c.value]
    said = " ".join(guide)
    assert "02 xã cũ" in said and "Xã Khuôn Hà (mã 02251" in said, said
    commands = [line for line in guide if line.startswith("htx template --former")]
    assert len(commands) == 2, guide
    members = {"02251": 10, "02269": 20}
    for command in commands:
        words = command.split()[1:]
        done = run_htx(*words, cwd=tmp_path)  # as the instructions write it
        assert done.returncode == 0, done.stderr
        path = tmp_path / words[words.index("--out") + 1]
        code = words[words.index("--unit") + 1]
        book = load(path)
        unit = [c.value for c in book["don_vi"][4]]
        assert "30/06/2025" in [v.strftime("%d/%m/%Y") for v in unit if hasattr(v, "strftime")]
        type_rows(
            book,
            "entities",
            [
                {
                    "entity_id": f"H{code}",
                    "kind": "HTX",
                    "name": f"HTX số {code}",
                    "founded_on": "15/3/2018",
                }
            ],
        )
        type_rows(book, "annual", [{"entity_id": f"H{code}", "year": 2024,
                                     "members": members[code]}])  # fmt: skip
        book.save(path)
    done = run_htx("validate", "--data", "units/thuong-lam", "--year", "2024", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "units/xa-khuon-ha: đã tổng hợp" in done.stdout, done.stdout
    done = run_htx("template", "--former", "--unit", "99999", "--year", "2024", "--out",
                   "x.xlsx", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 2 and "bản đồ trước ngày 01/07/2025" in done.stderr
