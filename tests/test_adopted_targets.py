"""The signing copy lists the targets the unit adopted, once; a target keeps its own measure."""

from __future__ import annotations

import pandas as pd
from bs4 import BeautifulSoup

from htxlib.cli import main
from htxlib.data.dataset import load_unit
from htxlib.plan import targets
from htxlib.report.writing.signing_copy import signing_copy

from .conftest import read_rows, write_rows


def targets_section(folder, tmp_path) -> tuple[str, str]:
    """Build the 2025 plan of ``folder``; return Part II.4 of the review and signing copies."""
    reports = tmp_path / "reports"
    assert main(["report", "--data", str(folder), "--year", "2025", "--out", str(reports)]) == 0
    page = (reports / folder.name / "2025" / "report.html").read_text(encoding="utf-8")

    def section(html: str) -> str:
        return BeautifulSoup(html, "html.parser").find(id="p2-targets").get_text(" ", strip=True)

    return section(page), section(signing_copy(page))


def test_the_signing_copy_lists_only_the_adopted_targets_once(small_unit, tmp_path):
    # the unit adopted one target for 2026 (new HTX); every other indicator is a proposal
    review, signing = targets_section(small_unit, tmp_path)
    assert "HTX thành lập mới: từ 02 đến 03 HTX." in signing
    assert signing.count("từ 02 đến 03 HTX") == 1  # a list, not a list and a table
    # no blank stands for an indicator the unit did not adopt (the texts not written are
    # lines to fill, after the list)
    assert "đề xuất" not in signing and ": …" not in signing
    assert "Cán bộ quản lý HTX chưa qua đào tạo" not in signing
    # the review copy keeps the proposals and the comparison table
    assert "Cán bộ quản lý HTX chưa qua đào tạo" in review and "Đơn vị tính" in review


def test_no_adopted_target_leaves_one_line_to_fill(small_unit, tmp_path):
    rows = [r for r in read_rows(small_unit / "targets.csv") if r[1] != "2026"]
    write_rows(small_unit / "targets.csv", rows)
    review, signing = targets_section(small_unit, tmp_path)
    assert "Chưa có chỉ tiêu được thông qua" in review
    assert "…" * 20 in signing and "đề xuất" not in signing


def coached(folder, values: list[str]) -> None:
    """Give HTX A, B, C and E their managers 'được bồi dưỡng'; the unit targets 100%."""
    rows = read_rows(folder / "annual.csv")
    rows[0].append("managers_coached")
    for row, value in zip(rows[1:], [*values, "", ""], strict=True):
        row.append(value)
    write_rows(folder / "annual.csv", rows)
    rows = read_rows(folder / "targets.csv")
    rows.append(["managers_coached_share", 2026, 100, 100, "%", "Kế hoạch mẫu 2026"])
    write_rows(folder / "targets.csv", rows)


def test_a_coached_share_target_is_measured_by_its_own_column(small_unit):
    # 13 managers; 05 + 03 of the 08 of A and B attended a course; C and E give no number
    coached(small_unit, ["5", "3", "", ""])
    chosen = targets.chosen_targets(load_unit(small_unit), 2025, 2026).set_index("indicator")
    assert chosen.loc["managers_coached_share", "current"] == 100.0
    # the trained share (formal training) stays its own figure, with no target derived
    assert chosen.loc["managers_trained_share", "chosen"] == "projection"
    assert round(chosen.loc["managers_trained_share", "current"], 2) == round(500 / 13, 2)


def test_a_coached_share_not_given_is_said_not_given(small_unit, tmp_path):
    coached(small_unit, ["", "", "", ""])
    chosen = targets.chosen_targets(load_unit(small_unit), 2025, 2026).set_index("indicator")
    assert pd.isna(chosen.loc["managers_coached_share", "current"])  # not given, never 0
    review, signing = targets_section(small_unit, tmp_path)
    assert "Tỷ lệ cán bộ quản lý HTX được bồi dưỡng kiến thức quản lý: 100%." in signing
    assert "chưa có số liệu" in review


def test_a_target_worded_with_its_number_is_printed_once(small_unit, tmp_path):
    # the unit typed the whole phrase in "Cách ghi trong văn bản", number included
    rows = read_rows(small_unit / "targets.csv")
    rows[0].append("label")
    for row in rows[1:]:
        row.append("thành lập mới từ 02 đến 03 HTX" if row[1] == "2026" else "")
    write_rows(small_unit / "targets.csv", rows)
    review, signing = targets_section(small_unit, tmp_path)
    for text in (review, signing):
        assert "Thành lập mới từ 02 đến 03 HTX." in text  # capitalised, said once
        assert "HTX: từ 02 đến 03 HTX" not in text


def test_the_workbook_says_what_a_lone_low_bound_means(tmp_path):
    from openpyxl import load_workbook

    from htxlib.data.template import write_template

    path = tmp_path / "tan-lap.xlsx"
    write_template("02269", 2025, path)
    guide = " ".join(
        str(c.value) for row in load_workbook(path)["huong_dan"].iter_rows() for c in row if c.value
    )
    assert "'Mức thấp' mà để trống 'Mức cao' là chỉ tiêu 'từ … trở lên'" in guide
