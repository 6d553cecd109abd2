"""The year's plan sits in its five-year period and says where the unit stands against it."""

from __future__ import annotations

import pytest
from docx import Document

from htxlib.data.dataset import load_unit
from htxlib.plan.period import period_standing, plan_period

from .conftest import append_row, run_htx, write_rows, write_small_unit


@pytest.mark.parametrize(
    ("plan_year", "period"), [(2025, (2021, 2025)), (2026, (2026, 2030)), (2030, (2026, 2030))]
)
def test_the_period_a_plan_sits_in(plan_year, period):
    assert plan_period(plan_year) == period


def _with_period_targets(folder):
    write_rows(
        folder / "period_targets.csv",
        [
            ["indicator", "period_start", "period_end", "value", "source"],
            ["total_htx", 2026, 2030, 8, "Kế hoạch số 12/KH-UBND ngày 15/3/2026"],
            ["Tổng số THT", 2026, 2030, 4, ""],
            ["total_htx", 2021, 2025, 6, "Kế hoạch số 30/KH-UBND ngày 2/2/2021"],
        ],
    )
    return folder


def test_standing_and_pace(small_unit):
    ds = load_unit(_with_period_targets(small_unit))
    rows = period_standing(ds, 2025, 2026, {"total_htx": 5}).set_index("indicator")
    assert list(rows.index) == ["total_htx", "total_tht"]  # the 2021-2025 target is not this one
    htx = rows.loc["total_htx"]
    assert (htx["target"], htx["current"], htx["share"]) == (8, 4, 50)
    # one more HTX a year: 5 in 2026, 9 by 2030
    assert htx["reached_at_pace"] is True
    slow = period_standing(ds, 2025, 2026, {"total_htx": 4})
    assert slow.set_index("indicator").loc["total_htx", "reached_at_pace"] is False
    assert rows.loc["total_tht", "reached_at_pace"] is None  # no step for THT


@pytest.mark.slow
def test_the_plan_names_its_period_and_stands_against_it(tmp_path):
    unit = _with_period_targets(write_small_unit(tmp_path))
    append_row(
        unit / "targets.csv",
        {"indicator": "total_htx", "plan_year": 2026, "low": 5, "unit": "HTX", "source": "x"},
    )
    done = run_htx("report", "--data", "tan-lap", "--year", "2025", "--format", "html,docx",
                   cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "reports" / "tan-lap" / "2025"
    page = " ".join((folder / "report.html").read_text(encoding="utf-8").split())
    assert (
        "Kế hoạch năm 2026 được đặt trong Kế hoạch phát triển kinh tế tập thể, hợp tác xã giai "
        "đoạn 2026–2030 (Kế hoạch số 12/KH-UBND ngày 15/3/2026)"
    ) in page
    assert "Kế hoạch giai đoạn 2026–2030: 8 HTX; đến ngày 31/12/2025: 4 HTX (50%)" in page
    assert "Kế hoạch giai đoạn 2026–2030: 4 THT; đến ngày 31/12/2025: 2 THT (50%)" in page
    assert "đến năm 2030 đạt chỉ tiêu giai đoạn" in page  # the review copy judges the pace
    signed = "\n".join(p.text for p in Document(str(folder / "report.docx")).paragraphs)
    assert "Kế hoạch giai đoạn 2026–2030: 8 HTX; đến ngày 31/12/2025: 4 HTX (50%)" in signed
    assert "đạt chỉ tiêu giai đoạn" not in signed  # a judgement for the review copy only
