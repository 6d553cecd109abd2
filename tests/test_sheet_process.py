"""A long workbook is written by a process of its own, cell for cell as this one writes it.

A national registry's lists are tens of thousands of rows, which openpyxl takes a second or
two to write: the run's own process finishes the Word copies meanwhile, and the annex's
workbook and the document's are written side by side.
"""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from htxlib.report.writing import long_tables, sheet_process
from htxlib.report.writing.long_tables import Sheet, write_sheets
from htxlib.report.writing.sheet_process import APART_ROWS, write_workbook


def _sheets(rows: int) -> list[Sheet]:
    # a name that starts like a formula stays text; a row number is a number
    body = [[str(i), f"=HTX số {i}", "Tốt"] for i in range(1, rows + 1)]
    return [Sheet("5. Xếp loại", ["STT", "Tên HTX", "Xếp loại"], body), Sheet("6. Khác", ["A"])]


def _cells(path) -> dict[str, list[tuple]]:
    book = load_workbook(path, read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def test_a_long_workbook_has_the_cells_this_process_would_write(tmp_path, monkeypatch):
    sheets = _sheets(APART_ROWS)
    here = _cells(write_sheets(sheets, tmp_path / "here.xlsx"))

    def not_here(*_args):
        raise AssertionError("written in the run's own process")

    # the module's own writer is out of reach: only the process of its own can write it
    monkeypatch.setattr(sheet_process, "write_sheets", not_here)
    monkeypatch.setattr(long_tables, "write_sheets", not_here)
    apart = write_workbook(sheets, tmp_path / "apart.xlsx")
    assert apart == tmp_path / "apart.xlsx"
    assert _cells(apart) == here
    assert len(here["5. Xếp loại"]) == APART_ROWS + 1
    assert here["5. Xếp loại"][1] == (1, "'=HTX số 1", "Tốt")


def test_a_short_workbook_is_written_here(tmp_path, monkeypatch):
    written = []
    monkeypatch.setattr(sheet_process, "write_sheets", lambda s, p: written.append(p) or p)
    assert write_workbook(_sheets(10), tmp_path / "short.xlsx") == tmp_path / "short.xlsx"
    assert written == [tmp_path / "short.xlsx"]


def test_a_workbook_the_process_cannot_write_says_which_and_why(tmp_path):
    target = tmp_path / "no-such-folder" / "report-danh-sach.xlsx"
    with pytest.raises(OSError) as raised:
        write_workbook(_sheets(APART_ROWS), target)
    said = str(raised.value)
    assert said.startswith(f"không ghi được {target}: ")
    assert "No such file or directory" in said
    assert not target.parent.exists()
