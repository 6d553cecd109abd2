"""A list longer than a signed document holds goes to a spreadsheet that travels with it.

A unit of 1.500 HTX is built as users build one, with the default formats: the Word copies
hold no table longer than ``SHEET_ROWS`` rows, say in its place how many rows it has and
which file and sheet hold it, and that workbook holds every row under the table's header.
The HTML review copy keeps the tables in full.
"""

from __future__ import annotations

import re

import pytest
from docx import Document
from openpyxl import load_workbook

from htxlib.data.synthetic import write_unit
from htxlib.report.writing.long_tables import SHEET_ROWS

from .conftest import run_htx

#: It starts a report of a large unit: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("long")
    write_unit(work / "tong-hop", 1500, years=3)
    done = run_htx("report", "--data", "tong-hop", "--year", "2024", cwd=work)
    assert done.returncode == 0, done.stderr
    return work, done.stdout


@pytest.mark.parametrize("product", ["report", "annex"])
def test_the_word_copy_names_the_spreadsheet_that_holds_its_long_tables(built, product):
    work, printed = built
    folder = next((work / "reports").glob("*/2024"))
    workbook = folder / f"{product}-danh-sach.xlsx"
    assert workbook.name in printed  # the command says it wrote it
    document = Document(str(folder / f"{product}.docx"))
    assert all(len(table.rows) <= SHEET_ROWS + 1 for table in document.tables)
    text = "\n".join(p.text for p in document.paragraphs)
    said = re.findall(
        rf"Danh sách gồm ([\d.]+) dòng, lập thành tệp bảng tính {workbook.name} "
        r"\(trang “([^”]+)”\) kèm theo\.",
        text,
    )
    book = load_workbook(workbook, read_only=True)
    assert said and [sheet for _, sheet in said] == book.sheetnames
    # a numbered list's sheet carries the list's own number, as the document heads it
    for _, sheet in said:
        number = re.match(r"(\d+)\. ", sheet)
        headed = [p.text for p in document.paragraphs if p.text.startswith(sheet[:12])]
        assert number and headed, (sheet, headed)
    for rows, sheet in said:
        cells = list(book[sheet].iter_rows(values_only=True))
        assert len(cells) - 1 == int(rows.replace(".", "")) > SHEET_ROWS  # header, then rows
        assert all(isinstance(c, str) and c for c in cells[0])  # the table's own header
    # the review copy keeps every row
    page = (folder / f"{product}.html").read_text(encoding="utf-8")
    assert page.count("<tr") > sum(int(rows.replace(".", "")) for rows, _ in said)


def test_a_unit_with_short_lists_has_no_spreadsheet(vq_report):
    out, _ = vq_report
    assert not list((out / "van-quan" / "2024").glob("*.xlsx"))
