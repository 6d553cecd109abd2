"""`htx map` answers names of the map before 01/07/2025 with what they are now.

The crosswalk is the kept one of the ``vietnamadminunits`` package; each case runs the real
``htx map`` as a user types it.
"""

from __future__ import annotations

import pytest

from htxlib.data import former_map

from .conftest import run_htx

pytestmark = pytest.mark.slow


def test_a_former_commune_says_what_it_is_now():
    done = run_htx("map", "Thượng Lâm Lâm Bình")
    assert done.returncode == 0, done.stderr
    assert (
        "xã Thượng Lâm (huyện Lâm Bình, tỉnh Tuyên Quang, trước 01/07/2025) → nay thuộc "
        "xã Thượng Lâm (02269)"
    ) in done.stdout


def test_a_divided_commune_lists_every_new_one():
    done = run_htx("map", "Cống Vị")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("00007  phường Cống Vị"))
    assert "phường Giảng Võ (00025)" in line and "phường Ngọc Hà (00008)" in line
    assert "trụ sở cũ thuộc phường Ngọc Hà (00008)" in line


def test_a_former_district_lists_its_communes():
    done = run_htx("map", "huyện Lâm Bình")
    assert done.returncode == 0, done.stderr
    said = done.stdout
    assert "huyện Lâm Bình (tỉnh Tuyên Quang, trước 01/07/2025): 10 đơn vị cấp xã" in said
    assert "  xã Khuôn Hà (huyện Lâm Bình" in said and "nay thuộc xã Thượng Lâm (02269)" in said
    assert "  thị trấn Lăng Can (huyện Lâm Bình" in said


def test_a_former_town_named_the_short_way():
    done = run_htx("map", "TT Lim")
    assert "thị trấn Lim (huyện Tiên Du, tỉnh Bắc Ninh, trước 01/07/2025)" in done.stdout
    assert "nay thuộc xã Tiên Du (09319)" in done.stdout


@pytest.mark.parametrize(
    ("typed", "suggested"), [("bac haa", "Xã Bắc Hà"), ("si ma kai", "Xã Si Ma Cai")]
)
def test_a_misspelt_name_gets_the_closest_ones(typed, suggested):
    done = run_htx("map", typed)
    assert done.returncode == 2
    assert "tên gần nhất:" in done.stderr and suggested in done.stderr, done.stderr


def test_a_commune_named_with_its_province():
    done = run_htx("map", "bao yen lao cai")
    assert done.returncode == 0
    assert "02947  Xã Bảo Yên  (Lào Cai)" in done.stdout


def test_the_crosswalk_covers_the_former_map():
    communes = former_map.former_communes()
    assert len(communes) > 10_000
    assert len({c.province for c in communes}) == 63
    converted = [c for c in communes if c.now]
    assert len(converted) / len(communes) > 0.99  # a few islands have no commune now
    assert former_map.predecessors(2269) == [
        former_map.former_commune("02251"),
        former_map.former_commune("02269"),
    ]
