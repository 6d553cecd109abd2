"""Names and analyst texts are shown literally: never run as HTML, JavaScript or formulas."""

from __future__ import annotations

import csv

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from htxlib.data.dataset import load_unit
from htxlib.report.publishing.runner import build_report
from htxlib.report.writing.spreadsheets import figure_tables, neutralise, write_tables

from .conftest import set_cell, write_small_unit

SCRIPT = '<script>alert("x")</script>'
IMG = "<img src=x onerror=alert(1)>"
LINK = "[bấm vào đây](javascript:alert(1))"
MATH = "$x^2$ và \\(y\\)"
FORMULA = '=HYPERLINK("http://example.invalid","x")'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    small_unit = write_small_unit(tmp_path_factory.mktemp("unit"))
    set_cell(small_unit / "entities.csv", 6, "name", f"HTX {SCRIPT}")  # E, new in 2025
    set_cell(small_unit / "entities.csv", 5, "name", f"HTX {IMG}")  # D, dissolved in 2025
    set_cell(small_unit / "entities.csv", 3, "name", FORMULA)  # A, rated tốt
    set_cell(small_unit / "entities.csv", 4, "name", f"HTX {MATH}")  # B, suspended
    set_cell(small_unit / "status_events.csv", 2, "reason", LINK)
    set_cell(small_unit / "ocop.csv", 3, "owner", "@SUM(1,2)")
    texts = small_unit / "texts" / "2025"
    texts.mkdir(parents=True)
    (texts / "impact.md").write_text(f"{SCRIPT}\n\n{IMG}\n\n{LINK}\n\n{MATH}\n", encoding="utf-8")
    return small_unit


@pytest.fixture(scope="module")
def page(hostile, tmp_path_factory):
    """The hostile unit's report, built once: the tests below only read it."""
    out = tmp_path_factory.mktemp("reports")
    html = build_report(hostile, 2025, out=out).html.read_text(encoding="utf-8")
    return html, BeautifulSoup(html, "html.parser")


def test_no_script_runs(page):
    html, soup = page
    assert soup.find_all("script") == []
    assert "<script" not in html.lower()


def test_images_are_only_the_charts(page):
    _, soup = page
    for img in soup.find_all("img"):
        assert img["src"].startswith("data:image/png;base64,")
        assert not [a for a in img.attrs if a.startswith("on")]


def test_no_javascript_links(page):
    html, soup = page
    assert "javascript:" not in " ".join(a.get("href", "") for a in soup.find_all("a"))
    assert 'href="javascript' not in html


def test_hostile_names_shown_literally(page):
    _, soup = page
    text = soup.get_text(" ")
    for literal in (SCRIPT, IMG, FORMULA, "$x^2$"):
        assert literal in text, literal
    assert "javascript:alert(1)" in soup.find(id="i-1-a").get_text(" ")  # the reason, as text


def test_analyst_markdown_escaped(page):
    _, soup = page
    impact = soup.find(id="i-3")
    assert SCRIPT in impact.get_text(" ") and IMG in impact.get_text(" ")
    assert impact.find("script") is None and impact.find("img") is None
    assert "$x^2$" in impact.get_text(" ")


def test_exports_neutralise_formulas(hostile, tmp_path):
    ds = load_unit(hostile)
    written = write_tables(figure_tables(ds, 2025), tmp_path / "figures")
    with (tmp_path / "figures" / "ratings.csv").open(encoding="utf-8-sig") as handle:
        cells = [c for row in csv.reader(handle) for c in row]
    assert any(
        c.startswith("'=HYPERLINK") or "; '=HYPERLINK" in c or c.endswith(FORMULA) for c in cells
    )
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    book = load_workbook(written[-1])
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("HTX An", "HTX An"),
        ("HTX An; =HYPERLINK(1); +1+cmd|x; @SUM(1)", "HTX An; '=HYPERLINK(1); '+1+cmd|x; '@SUM(1)"),
        ("Sửa đổi; bổ sung", "Sửa đổi; bổ sung"),
        (-5, -5),
        (None, None),
    ],
)
def test_neutralise(value, safe):
    assert neutralise(value) == safe


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("[tài liệu](//127.0.0.1/share/doc.docx)", None),  # Windows would open it over SMB
        ("[tài liệu](\\\\server\\share\\doc.docx)", None),
        ("[tài liệu](file:///etc/passwd)", None),
        ("[tài liệu](smb://server/share)", None),
        ("[tài liệu](../../bao-cao.docx)", None),
        ("[tài liệu](/etc/passwd)", None),
        ("[tài liệu](javascript:alert(1))", None),
        ("[tài liệu](https://chinhphu.vn)", "https://chinhphu.vn"),
        ("[tài liệu](mailto:vanthu@langson.gov.vn)", "mailto:vanthu@langson.gov.vn"),
        ("[tài liệu](#muc-2)", "#muc-2"),
    ],
)
def test_only_web_mail_and_page_links_survive_in_texts(tmp_path, markdown, href):
    from htxlib.data.texts import load_text, write_text

    write_text(tmp_path, 2024, "law", markdown)
    html = BeautifulSoup(load_text(tmp_path, 2024, "law"), "html.parser")
    links = [a.get("href") for a in html.find_all("a")]
    assert links == ([href] if href else [])
    assert "tài liệu" in html.get_text()
