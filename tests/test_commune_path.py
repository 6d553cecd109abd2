"""The commune's path, end to end, as the README lays it out and as officers type.

Three communes of one province each make their workbook with `htx template`, fill it the way
people type in Excel (thousands with a dot, text dates, trailing spaces, blank rows, a total
row with ``=SUM``, a sector and a target given by their Vietnamese labels) and save it with
LibreOffice. Then each commune runs `validate`, `texts` and `report`, the province rolls the
communes up, and `batch` runs over the whole folder. Every step is the real `htx` process,
started from the folder the user works in, with relative paths and the default ``--out``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from htxlib.data.template import FIRST_DATA_ROW

from .conftest import run_htx, save_with_office_suite, type_rows

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

PROVINCE = ("tuyen-quang", "08")
#: A total row's cell: ``=SUM`` of the column over the rows above it.
SUM = "=SUM"

#: Each commune's rows as an officer types them: {table: [row, ...]}, None for a blank row.
COMMUNES = {
    "thuong-lam": (
        "02269",
        {
            "entities": [
                {"entity_id": "HTX01", "kind": "HTX", "name": "HTX Nông sản Thượng Lâm  ",
                 "sector": "Nông nghiệp", "founded_on": "15/3/2018"},
                {"entity_id": "HTX02", "kind": "HTX", "name": " HTX Vận tải Lâm Bình",
                 "sector": "van tai", "founded_on": "2/9/2020"},
                None,
                {"entity_id": "HTX03", "kind": "HTX", "name": "HTX Chè Khuôn Hà",
                 "sector": "Nông nghiệp", "founded_on": "15/3/2025"},
                {"entity_id": "THT01", "kind": "THT", "name": "THT Nuôi ong Nà Va",
                 "founded_on": "1/6/2021"},
            ],
            "annual": [
                {"entity_id": "HTX01", "year": 2025, "members": 12, "workers": 15,
                 "revenue": "1.250"},
                {"entity_id": "HTX02", "year": 2025, "members": 9, "workers": 11,
                 "revenue": "2.100"},
                {"entity_id": "HTX03", "year": 2025, "members": 7, "workers": 7,
                 "revenue": "350"},
                None,
                {"entity_id": "Tổng cộng", "members": SUM, "workers": SUM},
            ],
            "targets": [{"indicator": "Số HTX thành lập mới", "plan_year": 2026, "low": "2"}],
        },
    ),
    "kim-binh": (
        "02350",
        {
            "entities": [
                {"entity_id": "KB01", "kind": "HTX", "name": "HTX Dược liệu Kim Bình",
                 "sector": "Nông nghiệp", "founded_on": "20/11/2019"},
                {"entity_id": "KB02", "kind": "HTX", "name": "HTX Xây dựng Kim Bình ",
                 "sector": "xây dựng", "founded_on": "5/1/2017"},
            ],
            "annual": [
                {"entity_id": "KB01", "year": 2025, "members": 21, "workers": 25,
                 "revenue": "3.400,5"},
                {"entity_id": "KB02", "year": 2025, "members": 8, "workers": 30,
                 "revenue": "5.600"},
            ],
        },
    ),
    "hung-duc": (
        "02425",
        {
            "entities": [
                {"entity_id": "HD01", "kind": "HTX", "name": "HTX Cam sành Hùng Đức",
                 "sector": "nong nghiep", "founded_on": "10/10/2016"},
                {"entity_id": "HD02", "kind": "THT", "name": "THT Trồng rừng Hùng Đức",
                 "founded_on": "3/4/2022"},
            ],
            "annual": [
                {"entity_id": "HD01", "year": 2025, "members": 31, "workers": 40,
                 "revenue": "4.000"},
            ],
        },
    ),
}  # fmt: skip


#: What each report must say, counted by hand from the rows above: the total rows and blank
#: rows are not counted, "1.250" is 1250 and "3.400,5" is 3400,5 (millions of đồng).
EXPECTED = {
    "thuong-lam": [
        "trên địa bàn xã Thượng Lâm có 03 HTX đã đăng ký",
        "có 01 HTX được thành lập mới: HTX Chè Khuôn Hà",
        "Nông - Lâm - Ngư nghiệp: 02 HTX (66,67%)",
        "Vận tải: 01 HTX (33,33%)",
        "có 01 THT",
        "Tổng số thành viên HTX: 28 thành viên",
        "Lao động làm việc thường xuyên trong HTX: 33 người",
        "Doanh thu bình quân một HTX: 1.233,3 triệu đồng",  # 3.700 / 3
        "HTX thành lập mới: từ 02 HTX trở lên",  # the target typed "Số HTX thành lập mới"
    ],
    "kim-binh": [
        "trên địa bàn xã Kim Bình có 02 HTX đã đăng ký",
        "Xây dựng: 01 HTX (50%)",
        "Tổng số thành viên HTX: 29 thành viên",
        "Lao động làm việc thường xuyên trong HTX: 55 người",
        "Doanh thu bình quân một HTX: 4.500,3 triệu đồng",  # 9.000,5 / 2, a half rounded up
    ],
    "hung-duc": [
        "trên địa bàn xã Hùng Đức có 01 HTX đã đăng ký",
        "có 01 THT",
        "Tổng số thành viên HTX: 31 thành viên",
        "Lao động làm việc thường xuyên trong HTX: 40 người",
        "Doanh thu bình quân một HTX: 4.000 triệu đồng",
    ],
    "tuyen-quang": [
        # 3 of the province's 124 communes: their sum is never the province's
        "Số liệu tổng hợp từ 03 trong số 124 đơn vị cấp xã: xã Hùng Đức, xã Kim Bình và xã "
        "Thượng Lâm",
        "Xã Thượng Lâm 03 01 28",  # the table by commune: HTX, THT, members
        "Xã Kim Bình 02 0 29",
        "Xã Hùng Đức 01 01 31",
        "dữ liệu của đơn vị gồm 06 HTX (số liệu của 03 trong số 124 đơn vị cấp xã), không phải "
        "toàn bộ HTX trên địa bàn tỉnh Tuyên Quang",
        "HTX Chè Khuôn Hà (xã Thượng Lâm)",
        "có 02 THT",
        "Tổng số thành viên HTX: 88 thành viên",
        "Lao động làm việc thường xuyên trong HTX: 128 người",
        "Doanh thu bình quân một HTX: 2.783,4 triệu đồng",  # 16.700,5 / 6
    ],
}


def _fill(book, table: str, rows: list[dict | None]) -> None:
    """Type rows under the sheet's Vietnamese headers; None leaves the row blank."""
    typed = [
        {k: _sum_above if v == SUM else v for k, v in row.items()} if row else None for row in rows
    ]
    type_rows(book, table, typed)


def _sum_above(letter: str, row: int) -> str:
    """A total row's formula: the column summed over the rows above it."""
    return f"=SUM({letter}{FIRST_DATA_ROW}:{letter}{row - 1})"


def _with_cached_sums(rows: list[dict | None]) -> list[dict | None]:
    """The rows as a saved workbook holds a total row where no office suite can run: values."""
    typed = [r for r in rows if r and SUM not in r.values()]
    return [
        {k: sum(r.get(k) or 0 for r in typed) if v == SUM else v for k, v in row.items()}
        if row and SUM in row.values()
        else row
        for row in rows
    ]


def _printed(stdout: str, name: str) -> Path:
    """The path of ``name`` among the paths a command printed."""
    found = [Path(line.strip()) for line in stdout.splitlines() if line.strip().endswith(name)]
    assert len(found) == 1, stdout
    return found[0]


def _text(html: Path) -> str:
    """The page's words as a reader sees them, table cells apart."""
    page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return " ".join(page.get_text(" ").split())


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """The folder the users work in, with the three communes' saved workbooks."""
    work = tmp_path_factory.mktemp("work")
    office = shutil.which("soffice") is not None
    slug, code = PROVINCE
    made = run_htx(
        "template", "--unit", code, "--year", "2025", "--out", f"units/{slug}/{slug}.xlsx",
        cwd=work,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    saved = []
    for name, (code, tables) in COMMUNES.items():
        relative = f"units/{slug}/units/{name}/{name}.xlsx"
        made = run_htx("template", "--unit", code, "--year", "2025", "--out", relative, cwd=work)
        assert made.returncode == 0, made.stderr
        path = work / relative
        book = load_workbook(path)
        for table, rows in tables.items():
            _fill(book, table, rows if office else _with_cached_sums(rows))
        book.save(path)
        saved.append(path)
    if office:
        save_with_office_suite(*saved)  # one start of LibreOffice for the three
    return work


def _commune(name: str) -> str:
    return f"units/{PROVINCE[0]}/units/{name}"


@pytest.mark.parametrize("name", list(COMMUNES))
def test_each_commune_validates_writes_its_texts_and_reports(province, name):
    folder = _commune(name)
    checked = run_htx("validate", "--data", folder, "--year", "2025", cwd=province)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "số liệu hợp lệ" in checked.stdout + checked.stderr
    assert "số liệu mâu thuẫn nhau: 0" in checked.stdout  # the total row adds up
    written = run_htx("texts", "--data", folder, "--year", "2025", cwd=province)
    assert written.returncode == 0, written.stderr
    texts = list((province / folder / "texts" / "2025").glob("*.md"))
    assert texts, "htx texts wrote no file"
    built = run_htx("report", "--data", folder, "--year", "2025", cwd=province)
    assert built.returncode == 0, built.stdout + built.stderr
    html = _printed(built.stdout, "report.html")
    assert html == province / "reports" / name / "2025" / "report.html"  # the default --out
    assert html.is_file() and (html.parent / "report.docx").is_file(), built.stdout
    text = _text(html)
    for phrase in EXPECTED[name]:
        assert phrase in text, phrase


def test_the_province_rolls_up_its_three_communes(province):
    slug = PROVINCE[0]
    checked = run_htx("validate", "--data", f"units/{slug}", "--year", "2025", cwd=province)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for name in COMMUNES:
        assert f"đơn vị con units/{name}: đã tổng hợp" in checked.stdout
    english = run_htx(
        "validate", "--data", f"units/{slug}", "--year", "2025", "--lang", "en", cwd=province
    )  # the language asked after the command, as users add it
    assert english.returncode == 0 and "data OK" in english.stdout, english.stderr
    built = run_htx("report", "--data", f"units/{slug}", "--year", "2025", cwd=province)
    assert built.returncode == 0, built.stdout + built.stderr
    html = _printed(built.stdout, "report.html")
    assert html == province / "reports" / slug / "2025" / "report.html"
    text = _text(html)
    for phrase in EXPECTED[slug]:
        assert phrase in text, phrase


def test_batch_over_the_folder_finds_the_province_and_its_communes(province):
    run = run_htx("batch", "--data", "units", "--year", "2025", cwd=province)
    assert run.returncode == 0, run.stdout + run.stderr
    # the four were published by the runs above, from the same files: found, and not rebuilt
    assert "0 báo cáo đã lập, 4 không đổi (bỏ qua), 0 lỗi, trên tổng số 4 đơn vị" in run.stdout
    index = _text(province / "reports" / "index.html")
    for commune in ("Thượng Lâm", "Kim Bình", "Hùng Đức", "Tuyên Quang"):
        assert commune in index
