"""Part II: plan versus actual, year-end estimates, projections, backtest."""

from __future__ import annotations

import itertools
import math
import re
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from htxlib.data.dataset import load_unit
from htxlib.plan import projections, targets, year_end
from htxlib.report.document.part_two import build

from .conftest import append_row, read_rows, write_rows
from .seed import van_quan_history

SEED_PART_II = (  # indicators the seed's Part II sets targets for
    "new_htx",
    "effective_htx",
    "paper_only_htx",
    "managers_coached_share",  # "được bồi dưỡng": a course attended, not formal training
    "avg_htx_income",
    "member_income",
)


@pytest.fixture
def tl(small_unit):
    return load_unit(small_unit)


# --- plan versus actual ----------------------------------------------------------


def test_plan_vs_actual_second_unit(tl):
    r = targets.plan_vs_actual(tl, 2025).set_index("indicator")
    assert r.loc["total_htx", "actual"] == 4
    assert r.loc["total_htx", "verdict"] == "chưa đạt kế hoạch"
    assert r.loc["total_htx", "percent"] == pytest.approx(80.0)
    assert (r.loc["new_htx", "actual"], r.loc["new_htx", "verdict"]) == (1, "đạt kế hoạch")
    assert pd.isna(r.loc["new_htx", "estimate"])  # a full year needs no estimate
    assert (r.loc["effective_htx", "actual"], r.loc["effective_htx", "verdict"]) == (
        1,
        "chưa đạt kế hoạch",
    )
    assert r.loc["effective_htx", "percent"] == pytest.approx(50.0)
    assert r.loc["paper_only_htx", "verdict"] == "đạt kế hoạch"
    assert "2026" not in set(r["source"])


@pytest.mark.parametrize(
    ("value", "low", "high", "direction", "expected"),
    [
        (36, 35, None, "up", "vượt kế hoạch"),
        (35, 35, None, "up", "đạt kế hoạch"),
        (34, 35, None, "up", "chưa đạt kế hoạch"),
        (2, 1, 3, "up", "đạt kế hoạch"),
        (3, 1, 3, "up", "đạt kế hoạch"),
        (4, 1, 3, "up", "vượt kế hoạch"),
        (0, None, 0, "down", "đạt kế hoạch"),
        (1, None, 0, "down", "chưa đạt kế hoạch"),
    ],
)
def test_verdict_boundaries(value, low, high, direction, expected):
    assert targets.verdict(value, low, high, direction)[0] == expected


def test_van_quan_2024_plan_vs_actual(vq):
    r = targets.plan_vs_actual(vq, 2024).set_index("indicator")
    assert (r.loc["total_htx", "actual"], r.loc["total_htx", "verdict"]) == (36, "vượt kế hoạch")
    # mid-year: the 03 new HTX to 30/06 are judged on the year-end estimate
    assert r.loc["new_htx", "actual"] == 3
    assert r.loc["new_htx", "estimate"] > 3
    # a share of the year's plan to the cutoff is said only while the plan is not yet passed
    # (36 of 35 HTX already passes it), and never for a range (1–2 new HTX)
    assert r["to_date_percent"].isna().all()


def test_a_count_to_the_cutoff_is_its_share_of_the_year_s_plan(vq_copy):
    path = vq_copy / "targets.csv"
    rows = read_rows(path)
    header = rows[0]
    for row in rows[1:]:
        if row[header.index("indicator")] == "total_htx" and row[1] == "2024":
            row[header.index("low")] = "40"
    write_rows(path, rows)
    r = targets.plan_vs_actual(load_unit(vq_copy), 2024).set_index("indicator")
    assert r.loc["total_htx", "actual"] == 36
    assert r.loc["total_htx", "to_date_percent"] == pytest.approx(90.0)  # 36 of 40
    assert r.loc["total_htx", "percent"] == pytest.approx(100 * r.loc["total_htx", "judged"] / 40)


# --- year-end estimate -------------------------------------------------------------


def test_year_end_estimate_mid_year(vq):
    share = year_end.elapsed_share(vq, 2024)
    assert share == pytest.approx(182 / 366)
    est = year_end.year_end_estimate(vq, "new_htx", 2024)
    past = [5, 3, 5]  # HTX founded in 2021, 2022, 2023
    assert est.method == "history"
    assert est.full_year == pytest.approx(3 + sum(past) / 3 * (1 - share))
    # average revenue is a full-year figure as given: never scaled up
    revenue = year_end.year_end_estimate(vq, "avg_htx_income", 2024)
    assert revenue.method == "actual" and revenue.full_year == revenue.to_date
    # the HTX total is a stock fed by new HTX: it grows by the new HTX still expected
    total = year_end.year_end_estimate(vq, "total_htx", 2024)
    assert total.method == "stock_flow"
    assert total.full_year == pytest.approx(36 + est.full_year - 3)


def test_published_year_end_estimate_is_used(vq_copy):
    path = vq_copy / "reported_figures.csv"
    rows = read_rows(path)
    write_rows(path, [[*rows[0], "kind"], *[[*r, ""] for r in rows[1:]]])
    append_row(path, {"indicator": "new_htx", "year": "2024", "value": "4", "kind": "estimate"})
    ds = load_unit(vq_copy)
    est = year_end.year_end_estimate(ds, "new_htx", 2024)
    assert (est.method, est.to_date, est.full_year) == ("published", 3, 4)
    result = targets.plan_vs_actual(ds, 2024).set_index("indicator")
    assert result.loc["new_htx", "estimate_method"] == "published"
    assert result.loc["new_htx", "judged"] == 4


@pytest.mark.parametrize(
    ("qualifier", "body", "published"),
    [("", "", True), ("about", "", False), ("", "Liên minh HTX tỉnh", False)],
)
def test_a_count_the_unit_publishes_is_a_fact_whatever_its_rows(
    small_unit, qualifier, body, published
):
    # the small unit's founding dates are estimated: its count of new HTX rests on them
    write_rows(
        small_unit / "provenance.csv",
        [["table", "record", "field", "status"], ["entities", "*", "founded_on", "estimated"]],
    )
    assert (
        targets.plan_vs_actual(load_unit(small_unit), 2025)
        .set_index("indicator")
        .loc["new_htx", "actual_status"]
        == "estimated"
    )
    # its own document states the same count, exactly: then the count is published
    write_rows(
        small_unit / "reported_figures.csv",
        [
            ["indicator", "year", "value", "qualifier", "body", "source"],
            ["new_htx", 2025, 1, qualifier, body, "Báo cáo năm 2025"],
        ],
    )
    ds = load_unit(small_unit)
    result = targets.plan_vs_actual(ds, 2025).set_index("indicator")
    expected = "published" if published else "estimated"
    assert result.loc["new_htx", "actual_status"] == expected
    # Part II's current value of the same full year says the same
    chosen = targets.chosen_targets(ds, 2025, 2026).set_index("indicator")
    assert chosen.loc["new_htx", "current"] == 1
    assert chosen.loc["new_htx", "current_status"] == expected


def test_full_year_needs_no_estimate(vq):
    est = year_end.year_end_estimate(vq, "new_htx", 2023)
    assert (est.method, est.to_date, est.full_year) == ("actual", 5, 5)


# --- projections ---------------------------------------------------------------------


def test_projections_are_deterministic(vq):
    first = targets.chosen_targets(vq, 2024, 2025)
    again = targets.chosen_targets(load_unit(vq.folder), 2024, 2025)
    pd.testing.assert_frame_equal(first, again)


def test_poisson_quantiles():
    assert projections.poisson_quantile(13 / 3, 0.10) == 2
    assert projections.poisson_quantile(13 / 3, 0.90) == 7
    assert projections.poisson_quantile(0.0, 0.9) == 0


def test_trend_on_a_line_keeps_a_minimum_interval():
    p = projections.trend(pd.Series({2021: 7.0, 2022: 8.0, 2023: 9.0}), 2024, integer=True)
    assert (p.point, p.low, p.high) == (10.0, 9.0, 11.0)


def test_growth_method():
    p = projections.growth(pd.Series({2021: 100.0, 2022: 110.0, 2023: 132.0}), 2024)
    assert p.point == pytest.approx(132 * math.sqrt(1.1 * 1.2))
    assert (p.low, p.high) == (pytest.approx(132 * 1.1), pytest.approx(132 * 1.2))


histories = st.dictionaries(
    st.integers(min_value=2015, max_value=2024),
    st.floats(min_value=0, max_value=1e5, allow_nan=False),
    min_size=1,
    max_size=8,
).map(lambda d: pd.Series(d).sort_index())


@given(histories)
def test_intervals_ordered_and_non_negative(history):
    target = int(history.index.max()) + 1
    for p in (
        projections.poisson(history),
        projections.trend(history, target),
        projections.trend(history, target, integer=True),
        projections.growth(history, target),
        projections.status_quo(float(history.iloc[-1]), target - 1),
    ):
        assert 0 <= p.low <= p.point <= p.high, p


# --- backtest ------------------------------------------------------------------------


def _line(years, values, at: int, whole: bool) -> tuple[float, float, float]:
    """A least-squares line's value at ``at`` and its 80% band (at least 1, or 2% of it)."""
    slope, intercept = np.polyfit(years, values, 1)
    point = intercept + slope * at
    residuals = np.asarray(values) - (intercept + slope * np.asarray(years))
    spread = NormalDist().inv_cdf(0.9) * math.sqrt((residuals**2).sum() / (len(years) - 2))
    spread = max(spread, 1.0 if whole else 0.02 * point)
    if whole:
        # to whole numbers, past the fit's floating-point noise (10 ± 1 is 9 to 11, not 12)
        return (
            round(point),
            math.floor(round(point - spread, 9)),
            math.ceil(round(point + spread, 9)),
        )
    return point, point - spread, point + spread


def _rate(values, at: int, last_year: int) -> tuple[float, float, float]:
    """The last value grown by the geometric mean of the yearly rates (band: min and max rate)."""
    rates = [b / a for a, b in itertools.pairwise(values)]
    steps = at - last_year
    mean = math.prod(rates) ** (1 / len(rates))
    return (
        values[-1] * mean**steps,
        values[-1] * min(rates) ** steps,
        values[-1] * max(rates) ** steps,
    )


def _poisson_band(rate: float) -> tuple[int, int]:
    """The 10% and 90% quantiles of a Poisson count of mean ``rate``."""

    def quantile(q):
        k, cumulative = 0, math.exp(-rate)
        while cumulative < q:
            k += 1
            cumulative += math.exp(-rate) * rate**k / math.factorial(k)
        return k

    return quantile(0.1), quantile(0.9)


def test_backtest_projects_2024_from_the_three_years_before_it(vq):
    history = van_quan_history()
    past = [2021, 2022, 2023]
    expected = {}
    for code in ("managers_trained_share", "managers_untrained", "effective_htx"):
        whole = code != "managers_trained_share"
        expected[code] = (
            _line(past, [history[y][code] for y in past], 2024, whole),
            history[2024][code],
        )
    for code in ("avg_htx_income", "member_income"):
        expected[code] = (_rate([history[y][code] for y in past], 2024, 2023), history[2024][code])
    # 13 HTX founded over 2021-2023; 2024's 3 by 30/06 run on at that rate to 31/12
    rate = 13 / 3
    expected["new_htx"] = ((rate, *_poisson_band(rate)), 3 + rate * (1 - 182 / 366))
    # backlogs stay as they were: no HTX was on paper only before the 2024 review, which found
    # 04 (the seed's count), the same 04 to dissolve (a suspension is consolidated)
    expected["paper_only_htx"] = ((0, 0, 0), 4)
    expected["htx_to_dissolve"] = ((0, 0, 0), 4)

    bt = targets.backtest(vq, 2024).set_index("indicator")
    assert set(bt.index) == set(expected)
    for code, ((point, low, high), actual) in expected.items():
        row = bt.loc[code]
        assert row["projected"] == pytest.approx(point, rel=1e-9), code
        # the band's normal quantile is rounded to 4 decimals in the code
        assert (row["low"], row["high"]) == pytest.approx((max(low, 0), high), rel=1e-4), code
        assert row["actual"] == pytest.approx(actual, rel=1e-9), code
        assert row["error"] == pytest.approx(point - actual, rel=1e-9), code
        assert bool(row["inside"]) is bool(max(low, 0) <= actual <= high), code


# --- chosen targets ------------------------------------------------------------------


def test_chosen_targets_van_quan(vq):
    t = targets.chosen_targets(vq, 2024, 2025).set_index("indicator")
    for code in SEED_PART_II:
        assert t.loc[code, "chosen"] == "analyst", code
    assert (t.loc["new_htx", "target_low"], t.loc["new_htx", "target_high"]) == (1, 3)
    assert t.loc["avg_htx_income", "target_low"] == 500
    assert (t.loc["member_income", "target_low"], t.loc["member_income", "target_high"]) == (30, 48)
    assert t.loc["htx_to_dissolve", "chosen"] == "projection"
    assert t.loc["htx_to_dissolve", "point"] == 4  # the paper-only; Liên Minh Phát is suspended
    projected = t.dropna(subset=["point"])  # the coached share has no history to project
    assert t.loc["managers_coached_share", "method"] == "none"
    assert (
        (projected["low"] <= projected["point"]).all()
        and (projected["point"] <= projected["high"]).all()
        and (projected["low"] >= 0).all()
    )


def test_plan_part_for_second_unit_without_history(tl):
    p = build(tl, 2025)
    assert p.plan_year == 2026
    assert p.backtest.empty  # one year of data: nothing to test against
    chosen = p.targets.set_index("indicator")
    assert (chosen.loc["new_htx", "target_low"], chosen.loc["new_htx", "target_high"]) == (2, 3)
    assert chosen.loc["effective_htx", "chosen"] == "projection"


# --- one answer to one question ---------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_history_counts_the_htx_part_one_lists_in_every_year(tmp_path, seed):
    """Part II's yearly HTX counts are the lengths of Part I's own lists, year after year.

    The history reads the selections the overview is made of, not the overview: a count
    that drifted from its list would set two answers to one question in one document.
    """
    from htxlib import figures
    from htxlib.data.synthetic import write_unit
    from htxlib.plan.indicators import actual, history

    ds = load_unit(write_unit(tmp_path / "u", 30, seed=seed))
    counted = {code: history(ds, code, ds.years[-1]) for code in ("total_htx", "paper_only_htx")}
    assert len(counted["total_htx"]) == len(ds.years) >= 10
    listed_any = 0
    for year in ds.years:
        overview = figures.htx_overview(ds, year)
        assert counted["total_htx"][year] == overview.total.value
        assert counted["paper_only_htx"][year] == len(overview.paper_only)
        assert actual(ds, "new_htx", year) == len(overview.new)
        listed_any += len(overview.paper_only) + len(overview.new)
    assert listed_any  # the unit has HTX on paper only or new ones to count


def test_the_van_quan_counts_are_the_lists_of_its_document(vq):
    from htxlib import figures
    from htxlib.plan.indicators import actual

    overview = figures.htx_overview(vq, 2024)
    assert actual(vq, "total_htx", 2024) == overview.total.value == 36  # "36 HTX" in the seed
    assert actual(vq, "new_htx", 2024) == len(overview.new) == 3  # "03 HTX thành lập mới"
    assert actual(vq, "paper_only_htx", 2024) == len(overview.paper_only)


def test_recipients_and_tasks_are_punctuated_as_an_office_writes_them(small_unit):
    """Typed without the stops Decree 30 lists them with: each recipient ends with ";", the
    last (the archive) with "."; a task ends with a full stop."""
    write_rows(
        small_unit / "recipients.csv",
        [["year", "recipient"], [2025, "- Sở Tài chính tỉnh"], [2025, "TT HĐND xã,"],
         [2025, "Lưu: VT"]],
    )  # fmt: skip
    write_rows(
        small_unit / "tasks.csv",
        [["year", "agency", "task"], [2025, "Phòng Kinh tế", "Chủ trì theo dõi Kế hoạch "],
         [2025, "Phòng Kinh tế", "Tổng hợp, báo cáo kết quả."]],
    )  # fmt: skip
    p = build(load_unit(small_unit), 2025)
    assert p.letterhead.recipients == ("Sở Tài chính tỉnh;", "TT HĐND xã;", "Lưu: VT.")
    assert p.tasks == [
        ("Phòng Kinh tế", ["Chủ trì theo dõi Kế hoạch.", "Tổng hợp, báo cáo kết quả."])
    ]


def test_a_verdict_the_unit_stated_is_said_as_it_stated_it(small_unit):
    """A document's "04 HTX, vượt kế hoạch đề ra" with no plan figure behind it is said as
    the unit said it; a target the unit adopted gives the verdict instead."""
    from htxlib.report.document import part_one

    write_rows(
        small_unit / "reported_figures.csv",
        [["indicator", "year", "value", "verdict", "source"],
         ["total_htx", 2025, 4, "vuot", "Báo cáo của xã"]],
    )  # fmt: skip
    adopted = part_one.build(load_unit(small_unit), 2025)
    assert adopted.plan_result("total_htx")["verdict_said"].startswith("chưa đạt")
    assert adopted.stated_verdict("total_htx") is None  # the adopted target judges
    rows = read_rows(small_unit / "targets.csv")
    write_rows(small_unit / "targets.csv", [r for r in rows if r[0] != "total_htx"])
    stated = part_one.build(load_unit(small_unit), 2025)
    assert stated.stated_verdict("total_htx") == "vượt kế hoạch đề ra"
    from htxlib.report.document.narrative import section

    assert "có 04 HTX đã đăng ký và chưa giải thể, vượt kế hoạch đề ra." in " ".join(
        re.sub(r"<[^>]+>", " ", str(section("i_1_a", stated))).split()
    )
