"""Figures that 2025-2026 documents publish: their names, their checks and their sentences.

A small unit states them in ``reported_figures.csv`` as an officer types them in; the checks
run on the loaded unit, and the sentences are read from the page ``htx report`` writes.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from .conftest import HTX, read_rows, write_rows, write_small_unit

HEADER = ["indicator", "year", "value", "kind", "qualifier", "as_of", "body", "source"]
ROWS = [
    ["total_htx", 2025, 4, "", "", "", "", "Báo cáo của Phòng Kinh tế"],
    ["total_htx", 2025, 5, "", "", "", "", "Báo cáo của Chi cục Thống kê"],
    ["members_all", 2025, 100, "", "", "", "", "Báo cáo của Phòng Kinh tế"],
    ["ocop_count", 2025, 2, "", "", "", "", "Báo cáo của Phòng Kinh tế"],
    ["sector_count:phi_nong_nghiep_tru_tin_dung", 2025, 1, "", "", "", "", "Báo cáo"],
    ["sector_count:nong_nghiep", 2025, 3, "", "", "", "", "Báo cáo"],
    ["agri_kind_count:trong_trot", 2025, 2, "", "", "", "", "Báo cáo"],
    ["agri_kind_count:chan_nuoi", 2025, 2, "", "", "", "", "Báo cáo"],
    ["htx_with_capital", 2025, 7, "", "", "", "", "Báo cáo"],
    ["avg_htx_income", 2025, 300, "", "", "30/9/2025", "", "Báo cáo 9 tháng"],
    ["alliance_members", 2025, 250, "", "", "", "Liên minh HTX tỉnh", "Báo cáo"],
    # another body's count of the unit's HTX members: 88 by the rows, never compared
    ["members", 2025, 95, "", "", "", "Liên minh HTX tỉnh", "Báo cáo"],
    ["worker_income_month", 2025, 4.5, "", "about", "", "", "Báo cáo"],
]


@pytest.fixture
def stating_unit(tmp_path):
    folder = write_small_unit(tmp_path)
    write_rows(folder / "reported_figures.csv", [HEADER, *ROWS])
    # a yearly revenue for each HTX: the year's average (1.000) is not the 300 dated 30/09
    rows = read_rows(folder / "annual.csv")
    rows[0].append("revenue")
    for row in rows[1:]:
        row.append(1000 if row[0] in ("A", "B", "C", "E") else "")
    write_rows(folder / "annual.csv", rows)
    return folder


def _findings(folder) -> dict[str, list[dict]]:
    from htxlib.checks.contradictions import contradictions
    from htxlib.data.dataset import load_unit

    found = contradictions(load_unit(folder))
    by_field: dict[str, list[dict]] = {}
    for row in found.to_dict("records"):
        by_field.setdefault(row["field"], []).append(row)
    return by_field


def test_each_new_figure_is_checked_where_rows_or_other_figures_exist(stating_unit):
    found = _findings(stating_unit)
    # two sources, two values: flagged once, naming both
    sources = [f for f in found["total_htx"] if f["check"] == "reported_sources"]
    assert len(sources) == 1
    assert "Phòng Kinh tế" in sources[0]["message"] and "Chi cục Thống kê" in sources[0]["message"]
    # HTX and THT members together, against the rows: 88 + 15
    assert [f["computed"] for f in found["members_all"]] == [103.0]
    # kinds of farming are parts of the agricultural HTX: 2 + 2 is not 3
    assert [f["check"] for f in found["sector_count:nong_nghiep"]] == ["reported_parts"]
    # a part larger than its whole
    assert [f["check"] for f in found["htx_with_capital"]] == ["reported_parts"]
    # what agrees with the rows, or cannot be compared, is not flagged
    for quiet in (
        "ocop_count",
        "sector_count:phi_nong_nghiep_tru_tin_dung",
        "avg_htx_income",
        "alliance_members",
        "worker_income_month",
    ):
        assert quiet not in found, found.get(quiet)


def test_a_dated_figure_is_never_compared_with_the_whole_year(stating_unit):
    from htxlib.checks.contradictions import contradictions
    from htxlib.checks.stated_meaning import computed
    from htxlib.data.dataset import load_unit

    # without its date, 300 would be checked against the year's average revenue, 1.000
    ds = load_unit(stating_unit)
    assert computed(ds, "avg_htx_income", 2025) == 1000
    found = contradictions(ds)
    assert not len(found.query("field == 'avg_htx_income'"))
    assert not len(found.query("field == 'members'"))  # another body's figure: not compared


@pytest.mark.slow
def test_the_report_says_each_figure_with_what_sets_it_apart(stating_unit):
    run = subprocess.run(
        [str(HTX), "report", "--data", "tan-lap", "--year", "2025", "--format", "html"],
        cwd=stating_unit.parent,
        env={**os.environ, "HTX_LANG": "vi"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    page = (stating_unit.parent / "reports" / "tan-lap" / "2025" / "report.html").read_text()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "theo Báo cáo của Phòng Kinh tế: 04 HTX" in text
    assert "theo Báo cáo của Chi cục Thống kê: 05 HTX" in text
    assert "đến ngày 30/9/2025: doanh thu bình quân một HTX 300 triệu đồng/năm" in text
    assert "theo số liệu của Liên minh HTX tỉnh: 250 thành viên của Liên minh HTX" in text
    income = "thu nhập bình quân của người lao động trong HTX khoảng 4,5 triệu đồng/người/tháng"
    assert income in text
    assert "HTX lĩnh vực phi nông nghiệp (không kể quỹ tín dụng nhân dân)" in text
    assert "02 HTX nông nghiệp trồng trọt" in text
