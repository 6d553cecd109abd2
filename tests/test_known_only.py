"""What the unit knows, and nothing more: partial registries, stated figures, one story.

Each test builds its own small unit (never Văn Quan), renders both parts as a reader sees
them and asserts what an officer would read: an unknown said to be unknown, every stated
figure said once, verdicts only against adopted plans, and sections that agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from htxlib.checks.contradictions import contradictions
from htxlib.data.dataset import load_unit
from htxlib.data.problems import DataError
from htxlib.data.unit import slug
from htxlib.plan.targets import chosen_targets

from .conftest import read_rows, write_rows
from .test_real_units import (
    ANNUAL,
    ENTITY,
    STATED,
    assert_states,
    make_unit,
    period_rows,
    render,
    unit_rows,
)

STATED_FULL = [*STATED[:-1], "value_high", "base", "source"]


def htx_row(i: int, sector: str = "nong_nghiep", founded: str = "2015-01-01", **kw) -> list:
    """An HTX row of ``entities`` (commune blank unless given)."""
    return [
        f"H{i}",
        "HTX",
        kw.get("name", f"HTX Thử nghiệm số {i}"),
        kw.get("commune", ""),
        sector,
        founded,
        kw.get("dissolved", ""),
        kw.get("capital", ""),
        "",
        "",
    ]


def facts_row(i: int, year: int, rating: str = "", **kw) -> list:
    """An ``annual`` row: members, new, workers, workers members, managers by level, filed."""
    untrained = kw.get("untrained", "")
    return [
        f"H{i}",
        year,
        kw.get("members", 10),
        "",
        "",
        "",
        kw.get("managers", ""),
        kw.get("university", ""),
        "",
        untrained,
        "",
        rating,
        kw.get("note", ""),
    ]


def province_of(name: str, year: int, entities: list) -> dict:
    """The tables of a province (or former district) of one year, without annual facts."""
    level = "tinh" if year >= 2025 else "huyen"
    return {
        "unit": unit_rows(slug(name), name, level, name, "Ủy ban nhân dân"),
        "periods": period_rows((year, f"01/01/{year}", f"31/12/{year}")),
        "entities": [ENTITY, *entities],
        "annual": [ANNUAL],
    }


def unit(tmp_path: Path, name: str, entities: list, **tables) -> Path:
    """A district-level unit of 2024 with the given entities and tables."""
    body = f"Ủy ban nhân dân huyện {name}"
    base = {
        "unit": unit_rows(slug(name), name, "huyen", "Tỉnh Mẫu", body),
        "periods": period_rows((2024, "01/01/2024", "31/12/2024")),
        "entities": [ENTITY, *entities],
        "annual": [ANNUAL],
    }
    base.update(tables)
    return make_unit(tmp_path / "unit", base)


# --- 1. a partial registry ------------------------------------------------------------------


def test_unknown_sector_is_a_group_of_its_own_never_a_sector(tmp_path):
    entities = [htx_row(1), htx_row(2), htx_row(3, "van_tai"), htx_row(4, ""), htx_row(5, "")]
    folder = unit(tmp_path, "Lục Yên", entities)
    assert not load_unit(folder).warnings
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "Nông - Lâm - Ngư nghiệp: 02 HTX (66,67%)",
        "Vận tải: 01 HTX (33,33%)",
        "Chưa rõ lĩnh vực: 02 HTX.",
        "Tỷ lệ theo lĩnh vực tính trên 03 HTX đã rõ lĩnh vực.",
        # the non-agricultural HTX are the known ones only
        "lĩnh vực nông nghiệp có 02 HTX, các lĩnh vực phi nông nghiệp có 01 HTX",
    )
    assert "Khác:" not in part1


def test_a_registry_of_part_of_the_htx_never_calls_its_part_the_total(tmp_path):
    from .conftest import read_rows, write_rows

    entities = [htx_row(i, founded="2024-05-01") for i in range(1, 4)]
    stated = [
        STATED_FULL,
        ["total_htx", 2024, 506, "", "", "", "", "", "Báo cáo năm"],
        ["new_htx", 2024, 3, "", "", "", "", "", "Báo cáo năm"],
    ]
    folder = unit(tmp_path, "Định Quán", entities, reported_figures=stated)
    rows = read_rows(folder / "unit.csv")
    write_rows(folder / "unit.csv", [[*rows[0], "coverage"], [*rows[1], "new"]])
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "dữ liệu của đơn vị gồm 03 HTX (các HTX thành lập trong kỳ), không phải toàn bộ HTX "
        "trên địa bàn huyện Định Quán",
        "Theo số liệu báo cáo của đơn vị: 506 HTX; 03 HTX thành lập mới.",
        "dữ liệu chi tiết của đơn vị gồm 03 HTX (các HTX thành lập trong kỳ)",
    )
    assert "có 03 HTX đã đăng ký và chưa giải thể" not in part1
    assert "huyện Định Quán có 03 HTX" not in part1
    assert "tổng số 03 HTX" not in part1  # a part is never called the whole
    assert "Trong số 03 HTX có dữ liệu chi tiết (các HTX thành lập trong kỳ)" in part1
    assert contradictions(load_unit(folder)).empty  # 3 rows do not contradict a stated 506


def test_commune_of_the_old_map_is_a_warning_before_the_merger(tmp_path):
    entities = [htx_row(1, commune="Hồng Nam"), htx_row(2, commune="Xã Không Có Thật")]
    province = province_of("Hưng Yên", 2022, entities)
    province["unit"][1][2] = "tinh"  # a province on the map, before the merger
    old = make_unit(tmp_path / "old", province)
    warned = [p for p in load_unit(old).warnings if p.column == "commune"]
    assert [p.value for p in warned] == ["Hồng Nam", "Xã Không Có Thật"]
    assert all("01/07/2025" in str(p) for p in warned)
    # the same names in data dated after the merger are errors
    province["periods"] = period_rows((2025, "01/01/2025", "31/12/2025"))
    new = make_unit(tmp_path / "new", province)
    with pytest.raises(DataError) as err:
        load_unit(new)
    assert {p.value for p in err.value.problems} == {"Hồng Nam", "Xã Không Có Thật"}


def test_no_status_events_means_operating_is_unknown_and_the_stated_count_is_said(tmp_path):
    entities = [htx_row(i) for i in range(1, 6)]
    stated = [STATED_FULL, ["operating_htx", 2024, 3, "", "", "", "", "", "Báo cáo năm"]]
    folder = unit(tmp_path, "Yên Bình", entities, reported_figures=stated)
    part1, _ = render(folder, 2024)
    assert_states(part1, "Theo số liệu báo cáo của đơn vị: 03 HTX đang hoạt động.")
    assert contradictions(load_unit(folder)).empty  # 3 of 5 is no contradiction: unknown


def test_ratings_given_for_few_htx_are_not_printed_as_none(tmp_path):
    entities = [htx_row(i) for i in range(1, 7)]
    annual = [ANNUAL, facts_row(1, 2024, "tot"), facts_row(2, 2024, "kha")]
    annual += [facts_row(i, 2024) for i in range(3, 7)]
    folder = unit(tmp_path, "Văn Yên", entities, annual=annual)
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "HTX xếp loại trung bình: không có HTX nào trong số 02 HTX có thông tin xếp loại.",
        "HTX chưa có thông tin xếp loại: 04 HTX",
    )
    assert "0 HTX (0%)" not in part1


# --- 2. every stated figure said, in words ---------------------------------------------------


def test_stated_figures_the_rows_cannot_give_are_said_in_their_topic(tmp_path):
    entities = [htx_row(i, capital=100) for i in range(1, 5)]
    entities.append(["G1", "THT", "THT Thử", "", "", "", "", "", "nong_nghiep", ""])
    stated = [
        STATED_FULL,
        ["status_count:suspended+paper_only+dissolving", 2024, 40, "", "about", "", "", "", ""],
        ["operating_capital", 2024, 10350, "", "", "", "", "", "vốn hoạt động"],
        ["capital", 2024, 400, "", "", "", "", "", "vốn điều lệ"],
        ["member_income", 2024, 48, "", "", "", 60, "", "4 - 5 triệu đồng/tháng"],
        ["new_htx", 2024, 12, "estimate", "", "", "", "", "ước cả năm"],
        ["new_htx", 2024, 80, "achievement", "", "", "", "", "đạt 80%"],
    ]
    folder = unit(tmp_path, "Trấn Yên", entities, reported_figures=stated)
    part1, part2 = render(folder, 2024)
    assert_states(
        part1,
        "khoảng 40 HTX tạm ngừng hoạt động, chỉ tồn tại trên danh nghĩa hoặc đang làm thủ tục "
        "giải thể",
        "vốn hoạt động của các HTX 10.350 triệu đồng",
        "tổng vốn điều lệ của các HTX 400 triệu đồng",
        "thu nhập bình quân của thành viên HTX từ 48 đến 60 triệu đồng/người/năm",
        "Tổ hợp tác nông nghiệp: 01 tổ",
    )
    assert_states(  # plan against actual: Part I's general assessment (III.1)
        part1,
        "Ước thực hiện cả năm 2024 theo số liệu báo cáo của đơn vị: 12 HTX thành lập mới.",
        "số HTX thành lập mới đạt 80% kế hoạch",
    )


def test_combined_rating_classes_and_a_share_of_the_operating_htx(tmp_path):
    entities = [htx_row(i) for i in range(1, 9)]
    ratings = ["tot", "kha", "kha", "trung_binh", "trung_binh", "yeu", "yeu", "yeu"]
    annual = [ANNUAL, *[facts_row(i, 2024, r) for i, r in enumerate(ratings, start=1)]]
    stated = [
        STATED_FULL,
        ["total_htx", 2024, 8, "", "", "", "", "", ""],
        ["rating_count:tot+kha", 2024, 3, "", "", "", "", "", "khá, giỏi"],
        ["rating_count:trung_binh", 2024, 2, "", "", "", "", "", ""],
        ["rating_count:yeu", 2024, 3, "", "", "", "", "", ""],
        # 3 of the 6 operating HTX the unit counts: 50%, not a share of all 8 HTX
        ["operating_htx", 2024, 6, "", "", "", "", "", ""],
        ["rating_share:tot+kha", 2024, 50, "", "", "", "", "operating", ""],
    ]
    folder = unit(tmp_path, "Mù Cang Chải", entities, annual=annual, reported_figures=stated)
    found = contradictions(load_unit(folder))
    assert found.empty, found[["check", "field", "message"]].to_string()
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "03 HTX xếp loại tốt hoặc khá",
        "tỷ lệ HTX xếp loại tốt hoặc khá 50% số HTX đang hoạt động",
    )
    # a wrong stated share of the operating HTX is flagged against its own base
    stated[-1][2] = 37.5
    folder = unit(tmp_path / "2", "Mù Cang Chải", entities, annual=annual, reported_figures=stated)
    found = contradictions(load_unit(folder))
    assert list(zip(found["check"], found["field"], strict=True)) == [
        ("reported_share", "rating_share:tot+kha")
    ]


def test_a_stated_figure_the_rows_contradict_is_printed_beside_the_computed_one(tmp_path):
    entities = [htx_row(i) for i in range(1, 6)]
    events = [["entity_id", "event", "start_date", "end_date", "detail", "reason"]]
    stated = [STATED_FULL, ["operating_htx", 2024, 3, "", "", "", "", "", ""]]
    folder = unit(tmp_path, "Lục Nam", entities, status_events=events, reported_figures=stated)
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "Theo dữ liệu đăng ký: 05 HTX đang hoạt động (đơn vị báo cáo: 03 HTX đang hoạt động).",
    )
    found = contradictions(load_unit(folder))
    assert list(found["field"]) == ["operating_htx"]


def test_profit_and_tht_figures_are_said(tmp_path):
    entities = [htx_row(1), htx_row(2)]
    entities += [
        ["G1", "THT", "THT Một", "", "", "", "", "", "trong_trot", ""],
        ["G2", "THT", "THT Hai", "", "", "2020-01-01", "2024-05-01", "", "trong_trot", ""],
    ]
    annual_head = [*ANNUAL[:10], "revenue", "profit", *ANNUAL[10:]]
    rows = [
        ["H1", 2024, 10, "", "", "", "", "", "", "", 1000, 100, "", "", ""],
        ["H2", 2024, 10, "", "", "", "", "", "", "", 3000, 300, "", "", ""],
        ["G1", 2024, 12, "", 20, "", "", "", "", "", 67, "", "", "", ""],
    ]
    folder = unit(tmp_path, "Bảo Yên", entities, annual=[annual_head, *rows])
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "Doanh thu bình quân một HTX: 2.000 triệu đồng/năm; "
        "lợi nhuận bình quân 200 triệu đồng/HTX.",
        "Các THT tạo việc làm cho 20 lao động.",
        "Doanh thu bình quân một THT: 67 triệu đồng/năm.",
        "năm 2024 có 01 THT giải thể",
    )


# --- 3. verdicts only against adopted plans --------------------------------------------------


def test_an_illustrative_target_is_no_plan_to_judge_against(tmp_path):
    entities = [htx_row(i) for i in range(1, 6)]
    targets = [
        ["indicator", "plan_year", "low", "high", "unit", "source"],
        ["total_htx", 2024, 4, "", "HTX", "minh họa"],
    ]
    provenance = [
        ["table", "record", "field", "year", "status", "note"],
        ["targets", "total_htx", "low", 2024, "estimated", "giá trị minh họa"],
    ]
    folder = unit(tmp_path, "Hàm Yên", entities, targets=targets, provenance=provenance)
    part1, part2 = render(folder, 2024)
    assert "kế hoạch" not in part1.split("Tổng số HTX:")[1].split(".")[0]
    assert "vượt kế hoạch" not in part2 and "đạt kế hoạch" not in part2
    assert "So với kế hoạch năm 2024" not in part1  # no plan, no comparison


def test_without_adopted_targets_part_two_proposes(tmp_path):
    entities = [htx_row(i, founded=f"{2012 + i}-03-01") for i in range(1, 9)]
    annual = [ANNUAL, *[facts_row(i, y) for i in range(1, 9) for y in (2022, 2023, 2024)]]
    folder = unit(tmp_path, "Na Hang", entities, annual=annual)
    folder.joinpath("periods.csv").unlink()
    make_periods = period_rows(
        (2022, "01/01/2022", "31/12/2022"),
        (2023, "01/01/2023", "31/12/2023"),
        (2024, "01/01/2024", "31/12/2024"),
    )
    from .conftest import write_rows

    write_rows(folder / "periods.csv", make_periods)
    _, part2 = render(folder, 2024)
    assert_states(part2, "là số liệu đề xuất", "xem xét, quyết định")


def test_a_projection_never_aims_worse_than_today(tmp_path):
    # untrained managers rise every year: the projection would plan even more of them
    entities = [htx_row(i) for i in range(1, 4)]
    annual = [ANNUAL]
    for year, untrained in ((2021, 2), (2022, 3), (2023, 4), (2024, 5)):
        for i in range(1, 4):
            annual.append(
                facts_row(i, year, managers=6, university=6 - untrained, untrained=untrained)
            )
    periods = period_rows(*[(y, f"01/01/{y}", f"31/12/{y}") for y in range(2021, 2025)])
    folder = unit(tmp_path, "Sơn Dương", entities, annual=annual, periods=periods)
    targets = chosen_targets(load_unit(folder), 2024, 2025).set_index("indicator")
    untrained = targets.loc["managers_untrained"]
    assert untrained["chosen_low"] <= untrained["current"] == 15
    share = targets.loc["managers_trained_share"]
    assert share["chosen_low"] >= share["current"]
    # the two proposals are one: the untrained managers the proposed share leaves
    assert untrained["kept"] == "derived"
    assert untrained["chosen_low"] == round(18 * (1 - share["chosen_low"] / 100))


# --- 4. one story -----------------------------------------------------------------------------


def test_rules_not_in_force_at_the_cutoff_are_not_found_absent(tmp_path):
    entities = [htx_row(i) for i in range(1, 4)]
    events = [["entity_id", "event", "start_date", "end_date", "detail", "reason"]]
    folder = unit(tmp_path, "Chiêm Hóa", entities, status_events=events)
    folder.joinpath("periods.csv").unlink()
    from .conftest import write_rows

    write_rows(folder / "periods.csv", period_rows((2024, "01/01/2024", "30/6/2024")))
    part1, _ = render(folder, 2024)
    clean = (
        part1.split("Không phát hiện trường hợp:")[1].split(".")[0]
        if ("Không phát hiện trường hợp:" in part1)
        else ""
    )
    assert "THT có ít hơn số thành viên tối thiểu" not in clean  # in force from 01/7/2024
    assert_states(part1, "có hiệu lực từ ngày 01/7/2024 chưa áp dụng", "(từ ngày 01/7/2024)")


def test_rules_of_a_later_plan_year_are_not_mentioned(tmp_path):
    entities = [htx_row(i) for i in range(1, 4)]
    folder = make_unit(tmp_path / "old", province_of("Hà Giang", 2021, entities))
    part1, _ = render(folder, 2021)
    assert "09/2024" not in part1 and "15/12" not in part1


def test_overlapping_sets_are_written_with_trong_do(tmp_path):
    entities = [htx_row(i) for i in range(1, 6)]
    annual = [
        ANNUAL,
        *[facts_row(i, 2024, r) for i, r in enumerate(["tot", "kha", "yeu", "yeu"], 1)],
    ]
    annual.append(facts_row(5, 2024, "khong_xep_loai", note="Tạm ngừng"))
    events = [
        ["entity_id", "event", "start_date", "end_date", "detail", "reason"],
        ["H3", "paper_only", "2023-01-01", "", "", ""],
        ["H5", "suspension", "2024-03-01", "", "", ""],
    ]
    folder = unit(tmp_path, "Bắc Mê", entities, annual=annual, status_events=events)
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "Trong tổng số 05 HTX, còn 03 HTX (60%) xếp loại yếu hoặc không được xếp loại, trong "
        "đó 01 HTX chỉ còn tồn tại trên danh nghĩa và 01 HTX đang tạm ngừng hoạt động.",
    )


def test_reasons_for_not_rating_never_outnumber_the_unrated(tmp_path):
    entities = [htx_row(i) for i in range(1, 6)]
    ratings = ["tot", "kha", "trung_binh", "yeu", "khong_xep_loai"]
    annual = [ANNUAL, *[facts_row(i, 2024, r) for i, r in enumerate(ratings, start=1)]]
    folder = unit(tmp_path, "Quản Bạ", entities, annual=annual)
    part1, _ = render(folder, 2024)
    assert "HTX chưa có phiếu tự chấm điểm: 05 HTX" not in part1
    assert "HTX chưa có phiếu tự chấm điểm: 04 HTX" not in part1


# --- 6. shares as officers round them ----------------------------------------------------------


@pytest.mark.parametrize("sector_counts", [(33, 1, 2)])
def test_each_share_rounded_on_its_own(tmp_path, sector_counts):
    sectors = ["nong_nghiep", "thuong_mai", "khac"]
    entities, i = [], 0
    for sector, n in zip(sectors, sector_counts, strict=True):
        for _ in range(n):
            i += 1
            entities.append(htx_row(i, sector))
    folder = unit(tmp_path, "Đồng Văn", entities)
    part1, _ = render(folder, 2024)
    assert_states(part1, "Thương mại - Du lịch - Dịch vụ: 01 HTX (2,78%)", "Khác: 02 HTX (5,56%)")


# --- 6. long lists go to the appendix issued with the plan --------------------------------------


def test_a_long_list_is_cut_and_named_in_full_in_the_appendix(tmp_path):
    from htxlib.report.document import part_one
    from htxlib.report.document.narrative import section

    from .test_real_units import text_of

    entities = [htx_row(i, founded="2024-03-01", commune="Xã Mẫu") for i in range(1, 6)]
    entities += [htx_row(i) for i in range(6, 9)]
    ratings = ["", "", "", "", "", "khong_xep_loai", "khong_xep_loai", "khong_xep_loai"]
    notes = ["", "", "", "", "", "Không nộp hồ sơ", "Không nộp hồ sơ", "Chưa đủ 12 tháng"]
    annual = [ANNUAL]
    for i, (rating, note) in enumerate(zip(ratings, notes, strict=True), start=1):
        annual.append(facts_row(i, 2024, rating, note=note))
    folder = unit(tmp_path, "Mèo Vạc", entities, annual=annual)
    from .conftest import read_rows, write_rows

    rows = read_rows(folder / "unit.csv")
    write_rows(folder / "unit.csv", [[*rows[0], "list_limit"], [*rows[1], 2]])
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "có 05 HTX được thành lập mới: HTX Thử nghiệm số 1 (xã Mẫu), HTX Thử nghiệm số 2 "
        "(xã Mẫu) và 03 HTX khác; danh sách tại Phụ lục kèm theo Kế hoạch.",
        # a shared note is said once, with its count
        "HTX không đánh giá, xếp loại: 03 HTX (02 HTX không nộp hồ sơ; 01 HTX chưa đủ 12 tháng; "
        "danh sách tại Phụ lục kèm theo Kế hoạch)",
    )
    a = part_one.build(load_unit(folder), 2024, with_charts=False)
    appendix = text_of(str(section("appendix", a)))
    assert_states(
        appendix,
        "PHỤ LỤC DANH SÁCH KÈM THEO KẾ HOẠCH",
        "1. HTX thành lập mới trong năm 2024 (05 HTX)",
        "5 HTX Thử nghiệm số 5 (xã Mẫu)",
        "HTX không xếp loại năm 2024 (03 HTX)",
        "3 HTX Thử nghiệm số 8 Chưa đủ 12 tháng",
    )


def test_a_short_list_groups_identical_notes_in_the_sentence(tmp_path):
    entities = [htx_row(i) for i in range(1, 4)]
    notes = ["Không nộp hồ sơ", "Không nộp hồ sơ", ""]
    annual = [
        ANNUAL,
        *[facts_row(i, 2024, "khong_xep_loai", note=n) for i, n in enumerate(notes, 1)],
    ]
    folder = unit(tmp_path, "Yên Minh", entities, annual=annual)
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "HTX không đánh giá, xếp loại: 03 HTX (02 HTX không nộp hồ sơ: HTX Thử nghiệm số 1 và "
        "HTX Thử nghiệm số 2; HTX Thử nghiệm số 3)",
    )


# --- 5. full-year values at a mid-year cutoff --------------------------------------------------


def test_revenue_to_date_at_mid_year_is_a_warning_and_no_projection_basis(tmp_path):
    entities = [htx_row(i) for i in range(1, 4)]
    head = [*ANNUAL[:10], "revenue", *ANNUAL[10:]]
    annual = [head]
    for year, revenue in ((2022, 1700), (2023, 1790), (2024, 225)):
        for i in range(1, 4):
            annual.append([f"H{i}", year, 10, "", "", "", "", "", "", "", revenue, "", "", ""])
    periods = period_rows(
        (2022, "01/01/2022", "31/12/2022"),
        (2023, "01/01/2023", "31/12/2023"),
        (2024, "01/01/2024", "30/6/2024"),
    )
    folder = unit(tmp_path, "Tân Phú", entities, annual=annual, periods=periods)
    ds = load_unit(folder)
    warned = [p for p in ds.warnings if p.column == "revenue"]
    assert len(warned) == 1
    assert "225" in str(warned[0]) and "1.790" in str(warned[0])
    targets = chosen_targets(ds, 2024, 2025).set_index("indicator")
    assert targets.loc["avg_htx_income", "method"] == "none"
    _, part2 = render(folder, 2024)
    assert "224" not in part2 and "khoảng 225" not in part2


def test_a_full_year_value_is_compared_with_the_same_htx(tmp_path):
    # H1 and H2 give 2023 and 2024 revenues of the same size; H3, new in 2024, is small and
    # H4 gave a large 2023 revenue and none in 2024: the averages (75 against 165) differ,
    # the same HTX do not
    entities = [htx_row(i) for i in range(1, 5)]
    head = [*ANNUAL[:10], "revenue", *ANNUAL[10:]]
    annual = [head]
    revenues = {2023: {1: 100, 2: 100, 4: 300}, 2024: {1: 100, 2: 100, 3: 25}}
    for year, values in revenues.items():
        for i, revenue in values.items():
            annual.append([f"H{i}", year, 10, "", "", "", "", "", "", "", revenue, "", "", ""])
    periods = period_rows((2023, "01/01/2023", "31/12/2023"), (2024, "01/01/2024", "30/6/2024"))
    folder = unit(tmp_path, "Tân Phú", entities, annual=annual, periods=periods)
    ds = load_unit(folder)
    assert not [p for p in ds.warnings if p.column == "revenue"]
    # typed to date on the same HTX, it is said, with how many HTX were compared
    rows = read_rows(folder / "annual.csv")
    for row in rows[1:]:
        if row[1] == "2024" and row[0] in ("H1", "H2"):
            row[10] = "40"
    write_rows(folder / "annual.csv", rows)
    warned = [p for p in load_unit(folder).warnings if p.column == "revenue"]
    assert len(warned) == 1 and "02 HTX" not in str(warned[0])
    assert "2 HTX" in str(warned[0]) and "40" in str(warned[0]) and "100" in str(warned[0])


def test_new_htx_by_sector_is_checked_and_said(tmp_path):
    entities = [htx_row(1, founded="2024-02-01"), htx_row(2, "van_tai", founded="2024-03-01")]
    entities.append(htx_row(3))
    stated = [
        STATED_FULL,
        ["new_sector_count:nong_nghiep", 2024, 1, "", "", "", "", "", ""],
        ["new_sector_count:van_tai", 2024, 2, "", "", "", "", "", ""],  # the rows say 1
        ["assets", 2024, 5000, "", "about", "", "", "", ""],
    ]
    folder = unit(tmp_path, "Xín Mần", entities, reported_figures=stated)
    found = contradictions(load_unit(folder))
    assert list(found["field"]) == ["new_sector_count:van_tai"]
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "01 HTX lĩnh vực nông - lâm - ngư nghiệp thành lập mới",
        "01 HTX lĩnh vực vận tải thành lập mới (đơn vị báo cáo: 02 HTX lĩnh vực vận tải "
        "thành lập mới)",
        "tổng tài sản của các HTX khoảng 5.000 triệu đồng",
    )


def test_a_paper_only_htx_is_dissolved_not_also_kept(tmp_path):
    entities = [htx_row(i) for i in range(1, 4)]
    annual = [ANNUAL, *[facts_row(i, y) for i in range(1, 4) for y in (2023, 2024)]]
    events = [
        ["entity_id", "event", "start_date", "end_date", "detail", "reason"],
        ["H3", "paper_only", "2022-01-01", "", "", ""],
    ]
    periods = period_rows((2023, "01/01/2023", "31/12/2023"), (2024, "01/01/2024", "31/12/2024"))
    folder = unit(
        tmp_path, "Hoàng Su Phì", entities, annual=annual, status_events=events, periods=periods
    )
    targets = chosen_targets(load_unit(folder), 2024, 2025).set_index("indicator")
    assert targets.loc["paper_only_htx", "kept"] == "dissolved"
    assert targets.loc["paper_only_htx", "point"] == 0
    _, part2 = render(folder, 2024)
    assert_states(part2, "HTX chỉ tồn tại trên danh nghĩa: đề xuất không còn HTX nào")
    assert "khoảng 01 HTX" not in part2.split("HTX chỉ tồn tại trên danh nghĩa:")[1][:40]


def test_a_rule_of_the_plan_year_names_the_cases_part_two_acts_on(tmp_path):
    from .conftest import write_rows

    entities = [htx_row(i) for i in range(1, 4)]
    events = [
        ["entity_id", "event", "start_date", "end_date", "detail", "reason"],
        ["H2", "suspension", "2024-03-01", "2025-06-30", "", ""],  # 16 months: too long
    ]
    folder = unit(tmp_path, "Bắc Quang", entities, status_events=events)
    write_rows(folder / "periods.csv", period_rows((2024, "01/01/2024", "30/6/2024")))
    part1, part2 = render(folder, 2024)
    assert_states(
        part1,
        "thông báo tạm ngừng hoạt động dài quá thời hạn tối đa (từ ngày 01/7/2024; theo quy "
        "định này, năm 2025 cần xem xét 01 trường hợp: HTX Thử nghiệm số 2)",
    )
    # a notice to correct, not a ground to dissolve: Part II does not propose dissolving it
    assert "HTX Thử nghiệm số 2" not in part2.split("HTX cần giải thể")[1]


def test_new_htx_founded_on_estimated_dates_are_marked(tmp_path):
    entities = [htx_row(1, founded="2024-02-01"), htx_row(2, founded="2024-06-01")]
    provenance = [
        ["table", "record", "field", "year", "status", "note"],
        ["entities", "H2", "founded_on", "", "estimated", "ngày thành lập ước tính"],
    ]
    folder = unit(tmp_path, "Quang Bình", entities, provenance=provenance)
    part1, _ = render(folder, 2024)
    assert_states(part1, "có 02 HTX được thành lập mới [UT] :")


def test_a_stated_figure_the_body_prints_otherwise_is_said_beside_it(tmp_path):
    entities = [htx_row(1)]
    entities += [[f"G{i}", "THT", f"THT {i}", "", "", "", "", "", "chan_nuoi", ""] for i in (1, 2)]
    stated = [STATED_FULL, ["tht_purpose_count:chan_nuoi", 2024, 321, "", "", "", "", "", ""]]
    folder = unit(tmp_path, "Tân Uyên", entities, reported_figures=stated)
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "Tổ hợp tác chăn nuôi: 02 tổ",
        "Theo dữ liệu đăng ký: 02 THT chăn nuôi (đơn vị báo cáo: 321 THT chăn nuôi).",
    )


# --- what the rows hold of the new HTX -------------------------------------------------------


def test_new_htx_by_group_and_their_capital(tmp_path):
    entities = [
        htx_row(1),
        htx_row(2, founded="2024-03-01", capital="1200"),
        htx_row(3, founded="2024-05-01", capital="800.5"),
        htx_row(4, "van_tai", founded="2024-06-01", capital="2000"),
        htx_row(5, "", founded="2024-07-01", capital="500"),
    ]
    part1, _ = render(unit(tmp_path, "Bảo Lâm", entities), 2024)
    assert_states(
        part1,
        "theo nhóm ngành: 02 HTX nông nghiệp, 01 HTX phi nông nghiệp, 01 HTX chưa rõ lĩnh vực.",
        "Tổng vốn điều lệ của các HTX thành lập mới: 4.500,5 triệu đồng.",
    )


def test_the_capital_of_new_htx_is_not_summed_over_some(tmp_path):
    entities = [htx_row(2, founded="2024-03-01", capital="1200"), htx_row(3, founded="2024-05-01")]
    part1, _ = render(unit(tmp_path, "Bảo Lạc", entities), 2024)
    assert "theo nhóm ngành" not in part1  # both agricultural: no split to state
    assert "Tổng vốn điều lệ của các HTX thành lập mới" not in part1


def test_reorganisations_before_the_period_are_counted_so_far(tmp_path):
    entities = [htx_row(i, founded="2005-01-01") for i in range(1, 4)]
    events = [
        ["entity_id", "event", "start_date", "end_date", "detail", "reason"],
        ["H1", "reorganised", "2014-05-01", "", "", ""],
        ["H2", "reorganised", "2015-06-01", "", "", ""],
    ]
    part1, _ = render(unit(tmp_path, "Bắc Quang", entities, status_events=events), 2024)
    assert_states(part1, "lũy kế đến ngày 31/12/2024, 02 HTX đã tổ chức lại, đăng ký lại")


def test_a_reason_rebuilt_for_the_data_is_not_said_as_the_units(tmp_path):
    """A reason for not rating that the data's maker inferred (provenance ``rebuilt``) is not
    the unit's word: the HTX are named, not grouped under it; a reason it gave still is."""
    from .conftest import write_rows

    entities = [htx_row(i) for i in range(1, 4)]
    notes = ["Không nộp hồ sơ", "Không nộp hồ sơ", "Đang tạm ngừng hoạt động"]
    annual = [
        ANNUAL,
        *[facts_row(i, 2024, "khong_xep_loai", note=n) for i, n in enumerate(notes, 1)],
    ]
    folder = unit(tmp_path, "Yên Minh", entities, annual=annual)
    write_rows(folder / "provenance.csv", [
        ["table", "record", "field", "year", "status", "note"],
        ["annual", "*", "rating_note", "", "rebuilt", "Suy ra từ tài liệu"],
        ["annual", "H3", "rating_note", "2024", "published", "Nêu trong tài liệu"],
    ])  # fmt: skip
    part1, _ = render(folder, 2024)
    assert_states(
        part1,
        "HTX không đánh giá, xếp loại: 03 HTX (HTX Thử nghiệm số 1 và HTX Thử nghiệm số 2; "
        "HTX Thử nghiệm số 3: đang tạm ngừng hoạt động)",
    )
    assert "không nộp hồ sơ" not in part1
