"""A unit of the 2025 map whose history is its former units': a commune and a province.

Each test lays the folders out as a user would (the new unit, its former units in
``units/``), runs the real ``htx report`` for 2026 (the plan for 2027) from their parent
folder with a relative ``--data`` and the default output folder, and reads the pages: the
sentence that says where the history comes from, Part I's counts, and the annex's history
table, whose years 2021-2024 must be the former units' sums (an HTX the new registry lists
again counted once).
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from .conftest import HTX
from .former_units import Former, expected_htx, write_successor

pytestmark = pytest.mark.slow


def _text(page) -> str:
    html = page.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _history(annex) -> dict[str, list[str]]:
    """The annex's history table: years, then each indicator's row, as the reader sees it."""
    html = annex.read_text(encoding="utf-8")
    table = re.search(r'<table class="data history">(.*?)</table>', html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    cell = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)
    cells = [[re.sub(r"<[^>]+>", "", c).strip() for c in cell.findall(r)] for r in rows]
    return {row[0]: row[1:] for row in cells}


def _report(cwd, data: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(HTX), "report", "--data", data, "--year", "2026"],
        cwd=cwd,
        env={**os.environ, "HTX_LANG": "vi"},
        capture_output=True,
        text=True,
        timeout=600,
    )


COMMUNES = [
    Former(
        "thi-tran-van-quan",
        "Văn Quan",
        "thi_tran",
        "06253",
        "Lạng Sơn",
        [
            ("HTX Nông nghiệp Văn Quan", "2012-03-01", "", 20),
            ("HTX Dịch vụ Bản Lải", "2019-05-10", "2023-08-01", 8),
            ("HTX Chè Đồi Cọ", "2022-02-14", "", 11),
        ],
    ),
    Former(
        "xa-hoa-binh",
        "Hòa Bình",
        "xa",
        "06274",
        "Lạng Sơn",
        [
            ("HTX Hòa Bình Xanh", "2016-09-09", "", 15),
            ("HTX Hồi Hòa Bình", "2023-04-04", "", 9),
        ],
    ),
    Former(
        "xa-tu-xuyen",
        "Tú Xuyên",
        "xa",
        "06277",
        "Lạng Sơn",
        [
            ("HTX Tú Xuyên", "2018-01-20", "", 12),
            ("HTX Thạch đen Tú Xuyên", "2021-06-30", "", 7),
            ("HTX Măng Tú Xuyên", "2024-11-11", "", 10),
        ],
    ),
]
#: The new commune's own registry: the HTX of its former communes that still operate, listed
#: again, and one founded after the merger.
OWN = [
    ("HTX Nông nghiệp Văn Quan", "2012-03-01", 22),
    ("HTX Chè Đồi Cọ", "2022-02-14", 11),
    ("HTX Hòa Bình Xanh", "2016-09-09", 16),
    ("HTX Hồi Hòa Bình", "2023-04-04", 9),
    ("HTX Tú Xuyên", "2018-01-20", 12),
    ("HTX Thạch đen Tú Xuyên", "2021-06-30", 7),
    ("HTX Măng Tú Xuyên", "2024-11-11", 10),
    ("HTX Gừng Văn Quan", "2025-10-02", 9),
]


def _counts(cells: list[str]) -> list[int]:
    return [int(c.replace(".", "")) for c in cells]


def test_a_commune_made_of_three_former_communes(tmp_path):
    write_successor(
        tmp_path,
        ["xa-van-quan", "Văn Quan", "xa", "06253", "Lạng Sơn", "Ủy ban nhân dân xã Văn Quan"],
        COMMUNES,
        OWN,
    )
    done = _report(tmp_path, "xa-van-quan")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "reports" / "xa-van-quan" / "2026"
    report = _text(out / "report.html")
    assert (
        "Số liệu các năm trước năm 2025 là tổng số liệu của các xã, thị trấn cũ (đến ngày "
        "30/6/2025): thị trấn Văn Quan, xã Hòa Bình và xã Tú Xuyên." in report
    )
    assert report.count("tổng số liệu của các xã, thị trấn cũ") == 1  # said once
    assert "đơn vị cấp xã:" not in report  # the former communes are not today's units
    now = expected_htx(COMMUNES, OWN, "2026-06-30")
    assert f"trên địa bàn xã Văn Quan có {now:02d} HTX" in report
    history = _history(out / "annex.html")
    years = history["Chỉ tiêu"]
    assert years == ["2021", "2022", "2023", "2024", "2025", "2026"]
    totals = _counts(history["Tổng số HTX (HTX)"][:5])  # 2026: its year-end estimate
    assert totals == [expected_htx(COMMUNES, OWN, f"{y}-12-31") for y in range(2021, 2026)]
    # members: each HTX once a year, the new registry's rows from 2025 on
    assert _counts(history["Thành viên HTX (thành viên)"][:4]) == [
        sum(
            m
            for u in COMMUNES
            for _n, f, d, m in u.htx
            if f[:4] <= str(y) and not (d and d[:4] <= str(y))
        )
        for y in range(2021, 2025)
    ]
    # the plan for 2027 is projected from 2021-2026, across the merger
    annex = _text(out / "annex.html")
    assert re.search(r"HTX thành lập mới \(HTX\) [\d,]+ [\d,]+ [\d,]+ - [\d,]+ Trung bình", annex)


PROVINCES = [
    Former(
        "bac-ninh-cu",
        "Bắc Ninh",
        "tinh",
        "",
        "Bắc Ninh",
        [
            ("HTX Gốm Phù Lãng", "2010-05-01", "", 30),
            ("HTX Nông nghiệp Tiên Du", "2015-03-03", "", 25),
            ("HTX Rau sạch Yên Phong", "2022-07-07", "", 14),
        ],
    ),
    Former(
        "bac-giang-cu",
        "Bắc Giang",
        "tinh",
        "",
        "Bắc Giang",
        [
            ("HTX Vải thiều Lục Ngạn", "2011-06-01", "", 40),
            ("HTX Gà đồi Yên Thế", "2017-02-02", "2022-12-01", 18),
            ("HTX Mỳ Chũ", "2020-10-10", "", 22),
        ],
    ),
]


def test_a_province_made_of_two_former_provinces(tmp_path):
    own = [("HTX Vải thiều Lục Ngạn", "2011-06-01", 41), ("HTX Dừa Việt Yên", "2025-08-08", 9)]
    write_successor(
        tmp_path,
        ["bac-ninh", "Bắc Ninh", "tinh", "24", "Bắc Ninh", "Ủy ban nhân dân tỉnh Bắc Ninh"],
        PROVINCES,
        own,
    )
    done = _report(tmp_path, "bac-ninh")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "reports" / "bac-ninh" / "2026"
    report = _text(out / "report.html")
    assert (
        "Số liệu các năm trước năm 2025 là tổng số liệu của các tỉnh cũ (đến ngày 30/6/2025): "
        "tỉnh Bắc Giang và tỉnh Bắc Ninh." in report
    )
    history = _history(out / "annex.html")
    assert history["Chỉ tiêu"] == ["2021", "2022", "2023", "2024", "2025", "2026"]
    expected = [expected_htx(PROVINCES, own, f"{y}-12-31") for y in range(2021, 2026)]
    expected.append(expected_htx(PROVINCES, own, "2026-06-30"))
    assert _counts(history["Tổng số HTX (HTX)"]) == expected


def _warnings(folder) -> list[str]:
    from htxlib.data.dataset import load_unit

    return [f"{p.file}: {p.rule}" for p in load_unit(folder).warnings]


def test_a_divided_former_commune_is_a_warning_naming_every_new_one(tmp_path):
    divided = Former(
        "phuong-dien-bien", "Điện Biên", "phuong", "00019", "Hà Nội",
        [("HTX Dịch vụ Điện Biên", "2015-01-01", "", 9)],
    )  # fmt: skip
    whole = Former(
        "phuong-quan-thanh", "Quán Thánh", "phuong", "00022", "Hà Nội",
        [("HTX Quán Thánh", "2016-01-01", "", 8)],
    )  # fmt: skip
    folder = write_successor(
        tmp_path,
        ["phuong-ba-dinh", "Ba Đình", "phuong", "00004", "Hà Nội", "UBND phường Ba Đình"],
        [divided, whole],
        [],
    )
    found = _warnings(folder)
    split = [w for w in found if w.startswith("units/phuong-dien-bien")]
    assert len(split) == 1
    for name in ("phường Ba Đình (00004)", "phường Hoàn Kiếm (00070)", "phường Ô Chợ Dừa (00190)"):
        assert name in split[0]
    assert not [w for w in found if w.startswith("units/phuong-quan-thanh")]


def test_a_former_commune_of_another_new_commune_is_a_warning(tmp_path):
    elsewhere = Former(
        "xa-tri-le", "Tri Lễ", "xa", "06313", "Lạng Sơn", [("HTX Tri Lễ", "2016-01-01", "", 8)]
    )
    folder = write_successor(
        tmp_path,
        ["xa-van-quan", "Văn Quan", "xa", "06253", "Lạng Sơn", "Ủy ban nhân dân xã Văn Quan"],
        [COMMUNES[1], elsewhere],
        [],
    )
    found = [w for w in _warnings(folder) if w.startswith("units/xa-tri-le")]
    assert found and "xã Tri Lễ (06313)" in found[0] and "xã Văn Quan" in found[0]


@pytest.mark.parametrize(
    ("code", "name", "problem"),
    [("06274", "Hòa Bình", None), ("06274", "Tú Xuyên", "name"), ("99999", "Hòa Bình", "code")],
)
def test_a_former_commune_is_checked_on_the_map_before_the_merger(tmp_path, code, name, problem):
    from htxlib.data.dataset import load_unit

    former = Former("xa-cu", name, "xa", code, "Lạng Sơn", [("HTX A", "2016-01-01", "", 8)])
    folder = write_successor(
        tmp_path,
        ["xa-van-quan", "Văn Quan", "xa", "06253", "Lạng Sơn", "Ủy ban nhân dân xã Văn Quan"],
        [former],
        [],
    )
    if problem is None:
        assert load_unit(folder).children[0].loaded
        return
    child = load_unit(folder).children[0]
    assert not child.loaded
    assert [p.column for p in child.problems] == [problem]


@pytest.mark.parametrize(("cutoff", "former"), [("30/6/2025", False), ("01/7/2025", True)])
def test_former_units_are_history_from_the_day_after_they_ended(tmp_path, cutoff, former):
    from htxlib.data.dataset import load_unit
    from htxlib.report.document import part_one

    folder = write_successor(
        tmp_path,
        ["xa-van-quan", "Văn Quan", "xa", "06253", "Lạng Sơn", "Ủy ban nhân dân xã Văn Quan"],
        COMMUNES,
        OWN,
    )
    children = part_one.build(load_unit(folder), 2025, as_of=cutoff).children
    assert bool(children["history"]) is former
    assert bool(children["covered"]) is not former


def test_a_former_commune_named_in_old_data_says_what_it_became(tmp_path):
    from .conftest import write_rows

    folder = tmp_path / "bac-ninh-2022"
    folder.mkdir()
    write_rows(
        folder / "unit.csv",
        [["unit_id", "name", "level", "code", "province"], ["bn", "Bắc Ninh", "tinh", "24", ""]],
    )
    write_rows(
        folder / "periods.csv",
        [["year", "cutoff_date"], [2022, "31/12/2022"]],
    )
    write_rows(
        folder / "entities.csv",
        [
            ["entity_id", "kind", "name", "commune", "sector", "founded_on"],
            ["A", "HTX", "HTX Rau Lim", "TT Lim", "nong_nghiep", "01/01/2015"],
        ],
    )
    write_rows(folder / "annual.csv", [["entity_id", "year", "members"], ["A", 2022, 9]])
    from htxlib.data.dataset import load_unit

    rules = [p.rule for p in load_unit(folder).warnings]
    assert any("TT Lim" not in r and "nay thuộc xã Tiên Du (09319)" in r for r in rules), rules
