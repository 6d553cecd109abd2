"""Units unlike Văn Quan: other levels, scopes, cutoffs, missing data, stated mistakes, old years.

Each unit is small enough to count by hand. The tests render every section of both parts
and assert the sentences an officer would read, the findings the checks raise and the
ones they must not raise. No unit may say "0" for a figure it does not give.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from htxlib.checks.contradictions import contradictions
from htxlib.data.dataset import load_unit
from htxlib.report.document import part_one, part_two
from htxlib.report.document.narrative import (
    ANNEX_SECTIONS,
    ASSESSMENT_SECTIONS,
    PLAN_SECTIONS,
    annex_section,
    plan_section,
    section,
)

from .conftest import SMALL_UNIT, read_rows, write_rows

ENTITY = SMALL_UNIT["entities"][0]
ANNUAL = [*SMALL_UNIT["annual"][0][:-1], "report_filed", "rating", "rating_note"]
STATED = ["indicator", "year", "value", "kind", "qualifier", "decimals", "source"]


def unit_rows(unit_id, name, level, province, body, scope=None) -> list[list]:
    header = ["unit_id", "name", "level", "province", "issuing_body"]
    row = [unit_id, name, level, province, body]
    if scope:
        header, row = [*header, "scope"], [*row, scope]
    return [header, row]


def period_rows(*periods: tuple) -> list[list]:
    """(year, start, cutoff) rows; the plan year is the next one."""
    return [
        ["year", "period_start", "cutoff_date", "plan_year"],
        *[[y, start, cutoff, y + 1] for y, start, cutoff in periods],
    ]


def make_unit(folder: Path, tables: dict[str, list[list]]) -> Path:
    folder.mkdir(parents=True)
    for name, rows in tables.items():
        write_rows(folder / f"{name}.csv", rows)
    return folder


def render(folder: Path, year: int) -> tuple[str, str]:
    """Return the text of Part I (with its annex) and Part II as a reader sees them."""
    ds = load_unit(folder)
    a = part_one.build(ds, year, with_charts=False)
    p = part_two.build(ds, year)
    part1 = "".join(str(section(name, a)) for name in ASSESSMENT_SECTIONS)
    part1 += "".join(str(annex_section(name, a)) for name in ANNEX_SECTIONS)
    part2 = "".join(str(plan_section(name, p)) for name in PLAN_SECTIONS)
    return text_of(part1), text_of(part2)


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def assert_states(text: str, *phrases: str) -> None:
    missing = [p for p in phrases if p not in text]
    assert not missing, f"missing {missing} in: {text[:4000]}"


#: "0" printed as the amount of something: what an unknown must never become.
ZERO_AMOUNT = re.compile(r"(?<![\d,.])0 (HTX|thành viên|người|lao động|triệu đồng|cán bộ)")


# --- 1. a province that assesses its agricultural HTX only, shares to one decimal ---------


@pytest.fixture
def province(tmp_path) -> Path:
    agri = [
        ["P1", "HTX", "HTX Nông nghiệp Bản Phố", "Bắc Hà", "nong_nghiep", "2015-03-01", "", 900],
        ["P2", "HTX", "HTX Chè Shan Tuyết", "Bắc Hà", "nong_nghiep", "2016-05-01", "", 1500],
        ["P3", "HTX", "HTX Dược liệu Sa Pa", "Sa Pa", "nong_nghiep", "2017-06-01", "", 700],
        [
            "P4",
            "HTX",
            "HTX Ăn quả Mường Khương",
            "Mường Khương",
            "nong_nghiep",
            "2018-01-10",
            "",
            400,
        ],
        ["P5", "HTX", "HTX Âu Cơ", "Bảo Thắng", "nong_nghiep", "2019-02-02", "", 1200],
        ["P6", "HTX", "HTX Đồng Tâm", "Bảo Yên", "nong_nghiep", "2020-07-07", "", 600],
        ["P7", "HTX", "HTX Anh Dũng", "Văn Bàn", "nong_nghiep", "2021-08-08", "", 300],
        # outside the report's scope: not counted, not named
        ["X1", "HTX", "HTX Vận tải Hoàng Liên", "Sa Pa", "van_tai", "2014-01-01", "", 5000],
        ["X2", "HTX", "HTX Xây dựng Phố Lu", "Bảo Thắng", "xay_dung", "2015-01-01", "", 3000],
    ]
    ratings = {
        "P1": "tot",
        "P2": "kha",
        "P3": "kha",
        "P4": "trung_binh",
        "P5": "trung_binh",
        "P6": "trung_binh",
        "P7": "yeu",
        "X1": "tot",
        "X2": "tot",
    }
    stated = [
        ["total_htx", 2024, 7, "", "", "", "Báo cáo tỉnh"],
        ["rating_count:tot", 2024, 1, "", "", "", "Báo cáo tỉnh"],
        ["rating_count:kha", 2024, 2, "", "", "", "Báo cáo tỉnh"],
        ["rating_count:trung_binh", 2024, 3, "", "", "", "Báo cáo tỉnh"],
        ["rating_count:yeu", 2024, 1, "", "", "", "Báo cáo tỉnh"],
        ["rating_share:tot", 2024, "14,3", "", "", "", "Báo cáo tỉnh"],  # 14,29: right
        ["rating_share:kha", 2024, "28,6", "", "", "", "Báo cáo tỉnh"],  # 28,57: right
        ["rating_share:trung_binh", 2024, "42,9", "", "", "", "Báo cáo tỉnh"],  # 42,86: right
        ["rating_share:yeu", 2024, "14,2", "", "", "", "Báo cáo tỉnh"],  # 14,29: wrong
        ["effective_share", 2024, 45, "", "about", "", "gần 45%"],  # 42,86: about right
        ["members", 2024, 300, "", "at_least", "", "hơn 300 thành viên"],
    ]
    return make_unit(
        tmp_path / "lao-cai",
        {
            "unit": unit_rows(
                "lao-cai",
                "Lào Cai",
                "tinh",
                "Lào Cai",
                "Ủy ban nhân dân tỉnh Lào Cai",
                "nong_nghiep",
            ),
            "periods": period_rows((2024, "01/01/2024", "31/12/2024")),
            "entities": [ENTITY, *[[*e, "", ""] for e in agri]],
            "annual": [
                ANNUAL,
                *[[e[0], 2024, 50, 2, 20, 15, 3, 1, 1, 1, "true", ratings[e[0]], ""] for e in agri],
            ],
            "reported_figures": [STATED, *stated],
        },
    )


def test_province_of_agricultural_htx(province):
    part1, _ = render(province, 2024)
    assert_states(
        part1,
        "Báo cáo này đánh giá các HTX nông nghiệp trên địa bàn tỉnh Lào Cai.",
        "Tổng số HTX nông nghiệp: đến ngày 31/12/2024, trên địa bàn tỉnh Lào Cai có 07 HTX "
        "nông nghiệp đã đăng ký và chưa giải thể",
        "Tổng số thành viên HTX: 350 thành viên",
        # names as the data lists them
        "HTX xếp loại trung bình: 03 HTX (HTX Ăn quả Mường Khương, HTX Âu Cơ và HTX Đồng Tâm)",
    )
    assert "Hoàng Liên" not in part1 and "Phố Lu" not in part1


def test_province_one_decimal_shares(province):
    found = contradictions(load_unit(province))
    flagged = set(zip(found["check"], found["field"], strict=True))
    # 14,2% against 1 of 7 (14,29%): wrong against the data and against the stated count
    assert flagged == {
        ("reported_figure", "rating_share:yeu"),
        ("reported_share", "rating_share:yeu"),
    }


# --- 2. a city, six sector groups with a credit fund, at 30/6, a published estimate -------


@pytest.fixture
def city(tmp_path) -> Path:
    sectors = [
        "nong_nghiep",
        "nong_nghiep",
        "cong_nghiep",
        "xay_dung",
        "van_tai",
        "thuong_mai",
        "tin_dung",
        "moi_truong",
    ]
    entities = [
        [f"C{i}", "HTX", f"HTX Số {i}", "Ninh Kiều", s, f"{2010 + i}-03-01", "", 1000 + i, "", ""]
        for i, s in enumerate(sectors, start=1)
    ]
    entities.append(
        ["C9", "HTX", "HTX Mới Cái Răng", "Cái Răng", "nong_nghiep", "2024-04-15", "", 500, "", ""]
    )
    annual = [[e[0], 2024, 30, 1, 10, 10, 3, 1, 1, 1, "true", "", ""] for e in entities]
    past = [
        [e[0], y, 28, 1, 10, 10, 3, 1, 1, 1, "true", "", ""]
        for e in entities[:-1]
        for y in (2022, 2023)
    ]
    return make_unit(
        tmp_path / "can-tho",
        {
            "unit": unit_rows(
                "can-tho", "Cần Thơ", "thanh_pho_tw", "Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"
            ),
            "periods": period_rows(
                (2022, "01/01/2022", "31/12/2022"),
                (2023, "01/01/2023", "31/12/2023"),
                (2024, "01/01/2024", "30/6/2024"),
            ),
            "entities": [ENTITY, *entities],
            "annual": [ANNUAL, *past, *annual],
            "targets": [
                ["indicator", "plan_year", "low", "high", "unit", "source"],
                ["new_htx", 2024, 2, "", "HTX", "Kế hoạch 2024"],
            ],
            "reported_figures": [
                STATED,
                ["new_htx", 2024, 1, "", "", "", "Báo cáo 6 tháng"],
                ["new_htx", 2024, 3, "estimate", "", "", "ước cả năm"],
                ["sector_count:phi_nong_nghiep", 2024, 6, "", "", "", "Báo cáo 6 tháng"],
            ],
        },
    )


def test_city_at_mid_year_with_its_own_estimate(city):
    part1, part2 = render(city, 2024)
    assert_states(
        part1,
        "trên địa bàn thành phố Cần Thơ có 09 HTX",
        "trong 6 tháng đầu năm 2024 có 01 HTX được thành lập mới: HTX Mới Cái Răng (Cái Răng).",
        "Quỹ tín dụng nhân dân: 01 HTX",
        "Môi trường, quản lý chợ: 01 HTX",
        "lĩnh vực nông nghiệp có 03 HTX, các lĩnh vực phi nông nghiệp có 06 HTX",
    )
    assert "thành phố trực thuộc trung ương Cần Thơ" not in part1
    assert_states(  # plan against actual: Part I's general assessment (III.1)
        part1,
        # the count to the cutoff is its share of the year's plan (1 of 2), the verdict rests on
        # the estimate and says so: never "vượt kế hoạch đề ra" as a fact
        "So với kế hoạch năm 2024: HTX thành lập mới: 01 HTX đến ngày 30/6/2024 (đạt 50% kế "
        "hoạch năm), ước thực hiện cả năm 03 HTX (số ước của đơn vị), dự kiến vượt kế hoạch",
    )
    assert "vượt kế hoạch đề ra" not in part1
    assert contradictions(load_unit(city)).empty


def test_a_share_of_the_plan_resting_on_estimated_dates_is_a_blank_to_sign(city):
    from htxlib.report.writing.signing_copy import signing_copy

    write_rows(
        city / "provenance.csv",
        [["table", "record", "field", "status"], ["entities", "*", "founded_on", "estimated"]],
    )

    def signed() -> str:
        a = part_one.build(load_unit(city), 2024, with_charts=False)
        page = str(section("iii_iv", a))
        assert "(đạt 50% kế hoạch năm)" in text_of(page)  # the review copy shows it, marked
        return text_of(signing_copy(page))

    # the unit's own report publishes the 01 HTX to 30/6: a fact, whatever its dates
    said = signed()
    assert "HTX thành lập mới: 01 HTX đến ngày 30/6/2024 (đạt 50% kế hoạch năm)" in said, said
    # without it, the count rests on estimated dates: a blank, and so is its share of the plan
    stated = city / "reported_figures.csv"
    write_rows(stated, [r for r in read_rows(stated) if r[:3] != ["new_htx", "2024", "1"]])
    said = signed()
    assert "HTX thành lập mới: … đến ngày 30/6/2024 (đạt … kế hoạch năm)" in said, said


# --- 3. a district: stated sectors that do not add up, a plan stated as a percentage -----


@pytest.fixture
def district(tmp_path) -> Path:
    htx = [
        [
            f"D{i}",
            "HTX",
            f"HTX Bình {i}",
            "Thị trấn",
            "nong_nghiep" if i <= 15 else "khac",
            "2015-01-01" if i <= 15 else "2016-01-01",
            "",
            800,
            "",
            "",
        ]
        for i in range(1, 21)
    ]
    for i, row in enumerate(htx[:5], start=1):  # five founded in 2023
        row[5] = f"2023-0{i}-10"
    groups = [
        [
            f"T{i}",
            "THT",
            f"Tổ hợp tác {i}",
            "Thị trấn",
            "",
            "",
            "",
            "",
            "chan_nuoi" if i <= 3 else "trong_trot",
            "",
        ]
        for i in range(1, 6)
    ]
    annual = [[e[0], 2023, 20, 0, 5, 5, 3, 1, 1, 1, "true", "kha", ""] for e in htx]
    annual += [[g[0], 2023, 4, "", "", "", "", "", "", "", "", "", ""] for g in groups]
    return make_unit(
        tmp_path / "binh-gia",
        {
            "unit": unit_rows(
                *["binh-gia", "Bình Gia", "huyen", "Lạng Sơn", "Ủy ban nhân dân huyện Bình Gia"]
            ),
            "periods": period_rows((2023, "01/01/2023", "31/12/2023")),
            "entities": [ENTITY, *htx, *groups],
            "annual": [ANNUAL, *annual],
            "reported_figures": [
                STATED,
                ["total_htx", 2023, 20, "", "", "", "mục 1"],
                ["sector_count:nong_nghiep", 2023, 15, "", "", "", "mục 1"],
                ["sector_count:khac", 2023, 4, "", "", "", "mục 1"],  # 15 + 4 is not 20
                ["tht_count", 2023, 5, "", "", "", "mục 1"],
                ["tht_purpose_count:chan_nuoi", 2023, 3, "", "", "", "mục 1"],
                ["tht_purpose_count:trong_trot", 2023, 3, "", "", "", "mục 1"],  # 6 > 5
                ["new_htx", 2023, 5, "", "", "", "mục 1"],
                ["new_htx", 2023, 150, "achievement", "", "", "đạt 150% kế hoạch"],
            ],
        },
    )


def test_district_stated_parts_and_percentage_of_plan(district):
    found = contradictions(load_unit(district))
    by_check = {(r.check, r.field): r for r in found.itertuples()}
    parts = by_check[("reported_parts", "total_htx")]
    assert (parts.stated, parts.computed) == (20, 19)
    groups = by_check[("reported_parts", "tht_count")]
    assert (groups.stated, groups.computed) == (5, 6)
    plan = by_check[("reported_achievement", "new_htx")]
    assert plan.computed == pytest.approx(10 / 3)
    assert "3.33, không phải số nguyên" in plan.message
    assert ("reported_figure", "sector_count:khac") in by_check  # 4 stated, 5 in the rows
    assert ("reported_figure", "tht_purpose_count:trong_trot") in by_check  # 3 stated, 2
    assert len(found) == 5


def test_achievement_with_a_whole_plan_is_not_flagged(district):
    path = district / "reported_figures.csv"
    rows = [r for r in _rows(path) if r[0] not in ("sector_count:khac",)]
    rows = [r if r[3] != "achievement" else [*r[:2], "125", *r[3:]] for r in rows]  # 5 of 4
    rows.append(["new_htx", "2023", "4", "plan", "", "", "kế hoạch"])
    write_rows(path, rows)
    found = contradictions(load_unit(district))
    assert "reported_achievement" not in set(found["check"])


def _rows(path: Path) -> list[list[str]]:
    from .conftest import read_rows

    return read_rows(path)


# --- 4. a commune whose data give no members, capital, managers or reports filed ---------


@pytest.fixture
def bare(tmp_path) -> Path:
    htx = [
        [f"B{i}", "HTX", f"HTX Tân {i}", "Tân Lập", "nong_nghiep", f"201{i}-01-01", "", "", "", ""]
        for i in range(1, 5)
    ]
    groups = [["G1", "THT", "Tổ hợp tác Tân Tiến", "Tân Lập", "", "", "", "", "", ""]]
    annual = [[e[0], 2025, "", "", "", "", "", "", "", "", "", "", ""] for e in htx]
    return make_unit(
        tmp_path / "tan-lap",
        {
            "unit": unit_rows(
                *["tan-lap-2", "Tân Lập", "xa", "Phú Thọ", "Ủy ban nhân dân xã Tân Lập"]
            ),
            "periods": period_rows((2025, "01/01/2025", "31/12/2025")),
            "entities": [ENTITY, *htx, *groups],
            "annual": [ANNUAL, *annual],
        },
    )


def test_unknown_is_never_zero(bare):
    part1, part2 = render(bare, 2025)
    assert_states(
        part1,
        "Tổng số thành viên HTX: chưa có số liệu",
        "Lao động làm việc thường xuyên trong HTX: chưa có số liệu.",
        "Chưa có số liệu về cán bộ quản lý HTX.",
        "chưa có số liệu về vốn đăng ký",
        "chưa có số liệu đánh giá, xếp loại; chưa có số liệu về việc nộp báo cáo năm",
        "Chưa có số liệu đánh giá, xếp loại HTX năm 2025.",
        "có 01 THT (chưa có số liệu về số thành viên).",
    )
    assert "gồm:" not in part1 and "dùng nước" not in part1
    # nothing checked cannot be reported as nothing found
    assert "Chưa đủ số liệu để rà soát: HTX có ít hơn số thành viên chính thức tối thiểu" in part1
    assert "Không phát hiện trường hợp: HTX có ít hơn" not in part1
    assert "không đánh giá, xếp loại: 04" not in part1
    assert_states(
        part2,
        "Thu nhập bình quân của thành viên HTX: chưa đặt chỉ tiêu (chưa đủ số liệu để dự báo)",
        "Cán bộ quản lý HTX chưa qua đào tạo: chưa đặt chỉ tiêu (chưa đủ số liệu để dự báo)",
    )
    for text in (part1, part2):
        assert not ZERO_AMOUNT.findall(text), ZERO_AMOUNT.findall(text)
        assert "khoảng 0" not in text


# --- 5. a 2019 unit, rated before Circular 01/2020 -----------------------------------------


@pytest.fixture
def rated_2019(tmp_path) -> Path:
    names = ["HTX Bình Minh", "HTX Hòa 2", "HTX Ân Thi", "HTX Hòa 4"]
    htx = [
        [f"H{i}", "HTX", name, "Hòa Bình", "nong_nghiep", "2014-01-01", "", 500, "", ""]
        for i, name in enumerate(names, start=1)
    ]
    ratings = ["kha", "kha", "yeu", "khong_xep_loai"]
    annual = [
        [
            e[0],
            2019,
            6 if i in (0, 2) else 12,
            0,
            5,
            5,
            2,
            1,
            0,
            1,
            "true",
            r,
            "tạm ngừng hoạt động" if r == "khong_xep_loai" else "",
        ]
        for i, (e, r) in enumerate(zip(htx, ratings, strict=True))
    ]
    return make_unit(
        tmp_path / "hoa-binh",
        {
            "unit": unit_rows(
                *["hoa-binh", "Hòa Bình", "xa", "Hòa Bình", "Ủy ban nhân dân xã Hòa Bình"]
            ),
            "periods": period_rows((2019, "01/01/2019", "31/12/2019")),
            "entities": [ENTITY, *htx],
            "annual": [ANNUAL, *annual],
            "reported_figures": [STATED, ["rating_count:kha_tro_len", 2019, 2, "", "", "", ""]],
        },
    )


def test_rated_before_the_circular(rated_2019):
    part1, _ = render(rated_2019, 2019)
    assert_states(
        part1,
        "Kết quả đánh giá, xếp loại HTX năm 2019 HTX xếp loại tốt",
        "HTX không đánh giá, xếp loại: 01 HTX (HTX Hòa 4: tạm ngừng hoạt động)",
        # sorted in Vietnamese order (Â before B), which byte order reverses
        "Xếp loại năm 2019 được thực hiện trước khi Thông tư số 01/2020/TT-BKHĐT",
        # the 2012 Law's minimum of 07 members, not the 2023 Law's
        "HTX có ít hơn số thành viên tối thiểu: 02 trường hợp (HTX Ân Thi và HTX Bình Minh). "
        "Căn cứ: khoản 1 Điều 3 Luật Hợp tác xã số 23/2012/QH13 ngày 20/11/2012 của Quốc hội",
    )
    assert "theo Thông tư số 01/2020" not in part1
    assert "17/2023/QH15" not in part1 and "09/2024" not in part1
    assert contradictions(load_unit(rated_2019)).empty
