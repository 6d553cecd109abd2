"""Figures that contradict themselves are findings that show both numbers."""

from __future__ import annotations

import pytest

from htxlib.checks.contradictions import contradictions
from htxlib.cli import main
from htxlib.data.dataset import load_unit

from .conftest import VAN_QUAN, append_row, read_rows, set_cell, write_rows


def test_van_quan_published_figures_agree(vq):
    assert len(vq.reported_figures) == len(read_rows(VAN_QUAN / "reported_figures.csv")) - 1
    assert contradictions(vq).empty


def row_of(path, entity_id, year):
    rows = read_rows(path)
    return next(i for i, r in enumerate(rows, start=1) if r[0] == entity_id and r[1] == str(year))


def test_count_that_contradicts_the_rows(vq_copy):
    set_cell(vq_copy / "reported_figures.csv", 2, "value", "37")  # total_htx stated 37
    found = contradictions(load_unit(vq_copy))
    row = found.iloc[0]
    assert (row["check"], row["field"], row["stated"], row["computed"], row["row"]) == (
        "reported_figure",
        "total_htx",
        37.0,
        36.0,
        2,
    )


def test_share_that_does_not_match_its_count(vq_copy):
    append_row(
        vq_copy / "reported_figures.csv",
        {"indicator": "sector_count:thuong_mai", "year": "2024", "value": "2"},
    )
    rows = read_rows(vq_copy / "reported_figures.csv")
    share = next(i for i, r in enumerate(rows, start=1) if r[0] == "rating_share:kha")
    set_cell(vq_copy / "reported_figures.csv", share, "value", "16,76")
    found = contradictions(load_unit(vq_copy))
    against_data = found[found["check"] == "reported_figure"].set_index("field")
    assert against_data.loc["rating_share:kha", "stated"] == pytest.approx(16.76)
    assert against_data.loc["rating_share:kha", "computed"] == pytest.approx(16.67)
    assert against_data.loc["sector_count:thuong_mai", "computed"] == 1
    # the stated share against the stated count (6) and total (36)
    share = found[found["check"] == "reported_share"].iloc[0]
    assert (share["field"], share["stated"]) == ("rating_share:kha", pytest.approx(16.76))
    assert share["computed"] == pytest.approx(100 * 6 / 36)
    # the stated sectors (33 + 2) against the stated total (36)
    parts = found[found["check"] == "reported_parts"].iloc[0]
    assert (parts["field"], parts["stated"], parts["computed"]) == ("total_htx", 36, 35)


def test_unit_slip_against_other_years(vq_copy):
    path = vq_copy / "annual.csv"
    row = row_of(path, "VQ05", 2023)
    revenue = float(read_rows(path)[row - 1][10])
    set_cell(path, row, "revenue", str(revenue * 1000))  # typed in đồng-thousands, not triệu
    found = contradictions(load_unit(vq_copy))
    slip = found[found["check"] == "unit_slip"].iloc[0]
    assert (slip["row"], slip["field"], slip["year"]) == (row, "revenue", 2023)
    assert slip["stated"] == pytest.approx(revenue * 1000)
    assert "tỷ đồng với triệu đồng" in slip["message"]


@pytest.mark.lang("en")
def test_findings_printed_by_validate(vq_copy, capsys):
    set_cell(vq_copy / "reported_figures.csv", 2, "value", "37")
    assert main(["validate", "--data", str(vq_copy)]) == 0  # a finding, not a load error
    out = capsys.readouterr().out
    # against the data, against the stated ratings (36), and the five stated rating shares
    assert "figures that contradict each other: 7" in out
    assert "reported_figures.csv, row 2, total_htx 2024: stated 37, computed 36" in out
    assert "row 20, rating_share:khong_xep_loai 2024: stated 25, computed 24,3243" in out


# --- what the rows do not give is never counted as none ---------------------------------------


def _stated(folder, rows: list[dict]) -> None:
    path = folder / "reported_figures.csv"
    if not path.exists():
        path.write_text("indicator,year,value,kind,qualifier,decimals,base,source\n", "utf-8")
    for row in rows:
        append_row(path, row)


def test_a_class_count_among_unknown_ratings_is_not_checked(small_unit):
    # HTX Beta's rating is not given: "01 tốt hoặc khá" may be right whatever the rows say
    set_cell(small_unit / "annual.csv", 3, "rating", "")
    _stated(small_unit, [{"indicator": "rating_count:tot+kha", "year": "2025", "value": "2"}])
    found = contradictions(load_unit(small_unit))
    assert found.empty, found[["field", "stated", "computed"]]


def test_a_sector_count_among_unknown_sectors_is_not_checked(small_unit):
    set_cell(small_unit / "entities.csv", 4, "sector", "")  # HTX Beta: sector not given
    _stated(small_unit, [{"indicator": "sector_count:nong_nghiep", "year": "2025", "value": "3"}])
    assert contradictions(load_unit(small_unit)).empty


def test_rating_classes_are_parts_of_the_operating_htx_their_shares_name(small_unit):
    """62 + 93 + 16 = 171 operating HTX of 231: the classes are parts of the operating whole."""
    rows = [
        {"indicator": "total_htx", "year": "2025", "value": "5"},
        {"indicator": "operating_htx", "year": "2025", "value": "3"},
        {"indicator": "rating_count:tot+kha", "year": "2025", "value": "1"},
        {"indicator": "rating_count:yeu", "year": "2025", "value": "2"},
        {"indicator": "rating_share:yeu", "year": "2025", "value": "66.7", "decimals": "1",
         "base": "operating"},
    ]  # fmt: skip
    _stated(small_unit, rows)
    found = contradictions(load_unit(small_unit))
    assert "reported_parts" not in set(found["check"]), found[["check", "field", "stated"]]
    _stated(small_unit, [{"indicator": "rating_count:trung_binh", "year": "2025", "value": "1"}])
    found = contradictions(load_unit(small_unit))  # 1 + 2 + 1 = 4, not the 3 operating
    parts = found[found["check"] == "reported_parts"]
    assert list(parts["field"]) == ["operating_htx"] and list(parts["computed"]) == [4.0]


def test_a_deleted_key_column_is_one_error_not_one_per_row(small_unit):
    """Deleting "Năm" from the yearly facts is one error: the column, not each row's key."""
    from htxlib.data.problems import DataError

    rows = read_rows(small_unit / "annual.csv")
    at = rows[0].index("year")
    write_rows(small_unit / "annual.csv", [r[:at] + r[at + 1 :] for r in rows])
    with pytest.raises(DataError) as err:
        load_unit(small_unit)
    problems = [p for p in err.value.problems if p.file.startswith("annual")]
    assert len(problems) == 1, problems
    assert problems[0].column == "year" and problems[0].row is None


def test_a_workbook_total_short_of_its_rows_names_the_sheet_and_the_likely_cause(small_unit):
    """Members typed as text are left out of the office suite's SUM: the totals row says 0."""
    import pandas as pd
    from openpyxl import load_workbook

    # one workbook, a sheet per table, as a commune hands it in
    workbook = small_unit / "tan-lap.xlsx"
    with pd.ExcelWriter(workbook) as writer:
        for csv in sorted(small_unit.glob("*.csv")):
            rows = read_rows(csv)
            pd.DataFrame(rows[1:], columns=rows[0]).to_excel(
                writer, sheet_name=csv.stem, index=False
            )
            csv.unlink()
    book = load_workbook(workbook)
    sheet = book["annual"]
    sheet.append(["Tổng cộng", "", 0])  # =SUM(C2:C7) as saved over cells stored as text
    book.save(workbook)
    found = contradictions(load_unit(small_unit))
    total = found[(found["check"] == "stated_total") & (found["field"] == "members")].iloc[0]
    assert total["file"] == "tan-lap.xlsx [annual]"
    assert "lưu dạng văn bản" in total["message"] and "SUM" in total["message"]


def test_an_unknown_id_suggests_the_closest_one(small_unit):
    """An id mistyped in the yearly facts ("HTX-A" for "HTX-A1") names the id it likely means."""
    from htxlib.data.problems import DataError

    set_cell(small_unit / "annual.csv", 2, "entity_id", "HTX-A")
    set_cell(small_unit / "entities.csv", 3, "entity_id", "HTX-A1")
    with pytest.raises(DataError) as err:
        load_unit(small_unit)
    said = [p.rule for p in err.value.problems if p.column == "entity_id"]
    assert any("HTX-A1" in rule for rule in said), said
