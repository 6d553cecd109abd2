"""Garbage in any cell of any table gives a clean message, never a traceback.

Hypothesis puts odd values (control characters, huge or signed numbers, impossible dates,
formulas, markup, other scripts' digits) into one cell of the small unit at a time and runs
``validate`` and ``export`` in process; a few fixed cases go all the way through ``report``.
"""

from __future__ import annotations

import csv
import html
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htxlib.cli import main

from .conftest import SMALL_UNIT, write_rows

ODD = [
    "",
    " ",
    "-",
    "-1",
    "1e309",
    "nan",
    "inf",
    "9999-12-31",
    "0001-01-01",
    "31/02/2024",
    "2024-13-45",
    "12345678901234567890",
    '=HYPERLINK("http://x")',
    "\x00",
    "\x07bell",
    "<script>alert(1)</script>",
    "../..",
    "1.234,5",
    "1,5 tỷ",
    "81.233",
    "１２３",
    "٣",
    "true",
    "HTX\u0301",
]
GARBAGE = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=30),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
CELLS = [
    (table, row, column)
    for table, rows in SMALL_UNIT.items()
    for row in range(1, len(rows))
    for column in range(len(rows[0]))
]


def unit_with(table: str, row: int, column: int, value: str, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name, rows in SMALL_UNIT.items():
        rows = [list(r) for r in rows]
        if name == table:
            rows[row][column] = value
        write_rows(folder / f"{name}.csv", rows)
    return folder


def run(capsys, *args) -> int:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cell=st.sampled_from(CELLS), value=GARBAGE)
def test_garbage_in_any_cell_is_a_message(capsys, cell, value):
    with tempfile.TemporaryDirectory() as tmp:
        folder = unit_with(*cell, value, Path(tmp) / "unit")
        code = run(capsys, "validate", "--data", str(folder))
        assert code in (0, 1)
        if code == 0:  # what loads must also compute and write
            out = str(Path(tmp) / "out")
            assert run(capsys, "export", "--data", str(folder), "--year", "2025", "--out", out) == 0


def report(tmp_path, folder, *formats) -> tuple[int, Path]:
    out = tmp_path / "out"
    code = main(["report", "--data", str(folder), "--year", "2025", "--out", str(out), *formats])
    return code, out / "tan-lap" / "2025"


def test_markup_and_a_formula_in_a_name_are_shown_as_typed_and_never_run(tmp_path, capsys):
    value = "=cmd|' /C calc'!A0 <script>alert(1)</script>"
    folder = unit_with("entities", 3, 2, value, tmp_path / "unit")  # HTX Beta's name
    code, written = report(tmp_path, folder, "--format", "html")
    assert code == 0, capsys.readouterr().err
    page = (written / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert f"(HTX Alpha, {value} và HTX Epsilon)" in html.unescape(page)  # the sector's list

    assert main(["export", "--data", str(folder), "--year", "2025", "--out", str(tmp_path)]) == 0
    figures = tmp_path / "tan-lap" / "2025" / "figures"
    cells = [
        cell
        for table in figures.glob("*.csv")
        for row in csv.reader(table.open(encoding="utf-8-sig"))
        for cell in row
        if "cmd|" in cell
    ]
    assert len(cells) >= 3  # the sector list, the rating list, the rating check
    for cell in cells:  # Excel in Vietnamese splits a cell at ";": no part may start a formula
        assert not any(part.strip()[:1] in "=+-@" for part in cell.split(";")), cell
    book = openpyxl.load_workbook(figures / "figures.xlsx")
    named = [c for s in book for row in s.iter_rows() for c in row if "cmd|" in str(c.value)]
    assert named and all(c.data_type != "f" for c in named)


def test_a_huge_member_count_is_reported_as_given(tmp_path, capsys):
    folder = unit_with("annual", 1, 2, "999999999", tmp_path / "unit")  # HTX Alpha's members
    code, written = report(tmp_path, folder, "--format", "html")
    assert code == 0, capsys.readouterr().err
    page = (written / "report.html").read_text(encoding="utf-8")
    assert "các HTX có 1.000.000.027 thành viên" in page  # 999.999.999 + 12 + 7 + 9


@pytest.mark.lang("en")
def test_a_founding_date_in_year_9999_stops_the_report(tmp_path, capsys):
    folder = unit_with("entities", 3, 5, "9999-12-31", tmp_path / "unit")  # HTX Beta founded
    code, written = report(tmp_path, folder)
    err = capsys.readouterr().err
    assert code == 1
    assert (
        "entities.csv, row 4, column 'founded_on': value '9999-12-31': date outside "
        "01/01/1900-31/12/2200" in err
    )
    assert "Traceback" not in err
    assert not written.exists()
