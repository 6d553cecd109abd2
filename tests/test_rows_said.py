"""What the rows hold is said: each sector's members and capital range, the year's new THT.

A detail built on estimated values stays in the review copy, marked, and is left out of the
signing copy, which states nothing the unit did not give.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from htxlib.cli import main
from htxlib.report.writing.signing_copy import signing_copy

from .conftest import write_rows

#: A THT founded in 2025, beside the small unit's two older ones.
NEW_THT = "T3,THT,Tổ hợp tác mây tre,Tân Lập,,2025-04-01,,,san_xuat,\n"


def _copies(folder, tmp_path) -> tuple[str, str]:
    """The review copy's and the signing copy's words."""
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(folder), "--year", "2025", "--out", str(reports)]) == 0
    page = (reports / folder.name / "2025" / "report.html").read_text(encoding="utf-8")
    return tuple(
        " ".join(BeautifulSoup(copy, "html.parser").get_text(" ").split())
        for copy in (page, signing_copy(page))
    )


def test_each_sector_states_its_members_and_capital_range(small_unit, tmp_path):
    entities = small_unit / "entities.csv"
    entities.write_text(entities.read_text(encoding="utf-8") + NEW_THT, encoding="utf-8")
    for text in _copies(small_unit, tmp_path):
        # HTX Alpha, Beta and Epsilon: 1.200, 800,5 and 600 triệu đồng; 60 + 12 + 9 members
        assert "vốn đăng ký mỗi HTX từ 600 đến 1.200 triệu đồng" in text, text
        assert "Các HTX trong lĩnh vực có 81 thành viên." in text
        assert "HTX Gamma, với vốn đăng ký 2.500 triệu đồng. HTX có 07 thành viên." in text
        assert "Trong năm 2025 có 01 THT được thành lập mới." in text


def test_a_detail_built_on_estimates_stays_in_the_review_copy(small_unit, tmp_path):
    write_rows(
        small_unit / "provenance.csv",
        [
            ["table", "record", "field", "year", "status", "note"],
            ["annual", "*", "members", "", "estimated", "Phân bổ tổng số"],
            # the published total of all members is no sector's part of it
            ["annual", "sum", "members", "", "published", "Tổng số công bố"],
            ["entities", "A", "charter_capital", "", "estimated", "Ước tính"],
        ],
    )
    review, signing = _copies(small_unit, tmp_path)
    assert "81 thành viên" in review and "[UT]" in review
    assert "từ 600 đến 1.200 triệu đồng" in review
    assert "81 thành viên" not in signing and "07 thành viên" not in signing
    assert "từ 600 đến 1.200" not in signing
    # the sector's own published total stays: only the detail on estimates goes
    assert "HTX Gamma, với vốn đăng ký 2.500 triệu đồng." in signing


def test_no_sentence_names_more_than_the_list_limit(small_unit, tmp_path):
    """A province awards hundreds of OCOP products a year: a sentence names a few, counts
    the rest."""
    from .conftest import read_rows

    rows = read_rows(small_unit / "unit.csv")
    write_rows(small_unit / "unit.csv", [[*rows[0], "list_limit"], [*rows[1], "1"]])
    for text in _copies(small_unit, tmp_path):
        assert "thưởng 02 sản phẩm" in text, text
        assert "Gạo Alpha của HTX Alpha (04 sao) và 01 sản phẩm khác." in text
        assert "Chè Tân Lập" not in text
