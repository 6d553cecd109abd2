"""Each sector's narrative sits in its own subsection, once; a table's total row is the whole."""

from __future__ import annotations

from bs4 import BeautifulSoup

from htxlib.cli import main
from htxlib.report.writing.signing_copy import signing_copy


def build(folder, tmp_path) -> str:
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(folder), "--year", "2025", "--out", str(reports)]) == 0
    return (reports / folder.name / "2025" / "report.html").read_text(encoding="utf-8")


def test_a_sector_heading_places_its_text_in_that_sector(small_unit, tmp_path):
    texts = small_unit / "texts" / "2025"
    texts.mkdir(parents=True)
    (texts / "sectors.md").write_text(
        "Nhìn chung các lĩnh vực ổn định.\n\n"
        "## Công nghiệp - Tiểu thủ công nghiệp\n\nHTX Gamma mở xưởng mới.\n\n"
        "## Lĩnh vực nông - lâm - ngư nghiệp\n\nHTX Alpha mở rộng vùng trồng.\n\n"
        "## Xây dựng\n\nChưa có HTX xây dựng.\n",  # a sector with no HTX: its text stays
        encoding="utf-8",
    )
    page = build(small_unit, tmp_path)
    for copy in (page, signing_copy(page)):
        section = BeautifulSoup(copy, "html.parser").find(id="i-2")
        text = " ".join(section.get_text(" ").split())
        for said in ("HTX Gamma mở xưởng mới.", "HTX Alpha mở rộng vùng trồng."):
            assert text.count(said) == 1  # once, not under 2. and again under its sector
        # each under its own subsection, after the sector's figures
        agri = text.index("Lĩnh vực Nông - Lâm - Ngư nghiệp")
        industry = text.index("Lĩnh vực Công nghiệp - Tiểu thủ công nghiệp")
        assert agri < text.index("HTX Alpha mở rộng vùng trồng.") < industry
        assert industry < text.index("HTX Gamma mở xưởng mới.")
        # the general text first; a sector with no subsection keeps its text, in the general part
        assert text.index("Nhìn chung các lĩnh vực ổn định.") < agri
        assert text.index("Chưa có HTX xây dựng.") < agri
        assert "##" not in text


def test_a_total_row_states_the_whole(small_unit, tmp_path):
    # 13 managers at 5, 3, 3, 2: each level's share rounded on its own; the total is 100%
    page = build(small_unit, tmp_path)
    section = BeautifulSoup(page, "html.parser").find(id="i-1-c")
    total = section.find("tr", class_="total").get_text(" ", strip=True)
    assert total.endswith("100%"), total
