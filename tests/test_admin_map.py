"""The 2025 administrative map: every code resolves, names resolve within their province, a
misspelled name is reported with the closest ones, and units are checked against the map."""

from __future__ import annotations

import pytest

from htxlib.data import admin_map
from htxlib.data.dataset import load_unit
from htxlib.data.problems import DataError

from .conftest import SMALL_UNIT, write_rows

#: The tests below read the messages in English.
pytestmark = pytest.mark.lang("en")


def test_the_map_has_34_provinces_and_3321_communes():
    assert len(admin_map.provinces()) == 34
    assert len(admin_map.communes()) == 3321


def test_every_province_resolves_by_code_and_by_name():
    for code, division in admin_map.provinces().items():
        assert admin_map.province(str(code)) == division
        assert admin_map.province(division.name) == division


def test_every_commune_code_resolves_and_its_name_in_its_province():
    for code, division in admin_map.communes().items():
        assert admin_map.commune(str(code)) == division
        assert admin_map.commune(division.name, division.province) == division
        assert admin_map.commune(division.short, division.province) == division


def test_a_misspelled_commune_is_reported_with_the_closest_names():
    with pytest.raises(admin_map.MapError) as err:
        admin_map.commune("Thượng Lam", admin_map.province("Tuyên Quang").code)
    assert "Thượng Lam" in str(err.value) and "Xã Thượng Lâm (2269)" in str(err.value)


def test_a_commune_code_of_another_province_is_refused():
    with pytest.raises(admin_map.MapError, match="is not in"):
        admin_map.commune("2269", admin_map.province("Lạng Sơn").code)


def _unit(tmp_path, unit_row: dict, communes: list[str] | None = None):
    tables = {name: [list(r) for r in rows] for name, rows in SMALL_UNIT.items()}
    header = tables["unit"][0]
    tables["unit"] = [[*header, "code"], [unit_row.get(h, "") for h in [*header, "code"]]]
    if communes is not None:
        entities = tables["entities"]
        column = entities[0].index("commune")
        for i, row in enumerate(entities[1:]):  # every entity, the names in turn
            row[column] = communes[i % len(communes)]
    folder = tmp_path / "unit"
    folder.mkdir(parents=True)
    for name, rows in tables.items():
        write_rows(folder / f"{name}.csv", rows)
    return folder


def test_a_province_unit_on_the_map_resolves_its_communes(tmp_path):
    folder = _unit(
        tmp_path,
        {"unit_id": "tuyen-quang", "name": "Tuyên Quang", "level": "tinh", "code": "8"},
        ["Thượng Lâm", "Xã Lâm Bình", "2269"],
    )
    ds = load_unit(folder)
    assert not [w for w in ds.warnings if "map" in w.rule]


def test_a_misspelled_commune_of_an_entity_stops_the_load(tmp_path):
    folder = _unit(
        tmp_path,
        {"unit_id": "tuyen-quang", "name": "Tuyên Quang", "level": "tinh", "code": "8"},
        ["Thượng Lâm", "Thượng Lam"],
    )
    with pytest.raises(DataError) as err:
        load_unit(folder)
    text = str(err.value)
    assert "entities.csv" in text and "Thượng Lam" in text and "Xã Thượng Lâm (2269)" in text


def test_a_unit_code_must_match_its_name_and_level(tmp_path):
    folder = _unit(
        tmp_path, {"unit_id": "x", "name": "Lạng Sơn", "level": "xa", "province": "", "code": "8"}
    )
    with pytest.raises(DataError) as err:
        load_unit(folder)
    # commune 8 is Phường Ngọc Hà: neither the name nor the level fits
    assert "unit 8 is a phường on the map" in str(err.value)
    assert "the map names unit 8 'Phường Ngọc Hà'" in str(err.value)
    folder = _unit(
        tmp_path / "b", {"unit_id": "x", "name": "Lạng Sơn", "level": "tinh", "code": "8"}
    )
    with pytest.raises(DataError) as err:
        load_unit(folder)
    assert "the map names unit 8 'Tuyên Quang'" in str(err.value)


def test_a_unit_without_a_code_that_the_map_lacks_is_a_warning(small_unit):
    ds = load_unit(small_unit)  # "Tỉnh Mẫu" is not a province: usable, with a warning
    assert any("2025 map" in w.rule for w in ds.warnings)


def test_a_former_district_is_a_historical_unit(vq):
    assert not [w for w in vq.warnings if "map" in w.rule]


def test_htx_map_finds_a_commune_with_or_without_diacritics():
    """`htx map` as a user runs it: a name typed without marks, a province's communes."""
    from .conftest import run_htx

    run = run_htx("map", "thuong lam")
    # the commune of the 2025 map, then the former communes of that name and what they became
    assert run.returncode == 0 and run.stdout.splitlines()[:2] == [
        "trên bản đồ hành chính năm 2025:",
        "02269  Xã Thượng Lâm  (Tuyên Quang)",
    ]
    assert "trên bản đồ hành chính trước ngày 01/07/2025:" in run.stdout
    run = run_htx("map", "--province", "tuyen quang")
    assert "02269  Xã Thượng Lâm  (Tuyên Quang)" in run.stdout.splitlines()
    run = run_htx("map", "khong co")
    assert run.returncode == 2 and "không có đơn vị nào" in run.stderr
    from htxlib.data import admin_map

    assert admin_map.commune("thuong lam", 8).code == admin_map.commune("02269").code == 2269
