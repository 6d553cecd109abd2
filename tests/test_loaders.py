"""Loading unit folders: formats, headers, normalisation and every validation rule."""

from __future__ import annotations

import hashlib
import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from htxlib.data.codebook import TABLES
from htxlib.data.dataset import load_unit
from htxlib.data.problems import DataError

from .conftest import (
    VAN_QUAN,
    append_row,
    needs_office_suite,
    read_rows,
    save_with_office_suite,
    set_cell,
    write_rows,
)
from .hostile_files import declaring_a1

#: The tests below read the messages in English.
pytestmark = pytest.mark.lang("en")


def assert_same_tables(a, b):
    for name in TABLES:
        pd.testing.assert_frame_equal(a.tables[name], b.tables[name], check_dtype=True, obj=name)


def problems_of(folder) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_unit(folder)
    return [str(p) for p in caught.value.problems]


def one_problem(folder, *fragments) -> str:
    found = [p for p in problems_of(folder) if all(f in p for f in fragments)]
    assert found, f"no problem with {fragments}: {problems_of(folder)}"
    return found[0]


def test_loading_does_not_write_to_the_data_folder(vq_copy):
    def digest():
        files = sorted(p for p in vq_copy.rglob("*") if p.is_file())
        return {p.relative_to(vq_copy): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}

    before = digest()
    load_unit(vq_copy)
    assert digest() == before


def typed_frame(csv_path) -> pd.DataFrame:
    """A table as an officer's workbook holds it: numbers as numbers, dates as dates, TRUE/FALSE."""
    rows = read_rows(csv_path)
    frame = pd.DataFrame(rows[1:], columns=rows[0]).replace("", None)
    for column in TABLES[csv_path.stem].columns:
        if column.name not in frame:
            continue
        if column.type in ("int", "amount"):
            frame[column.name] = pd.to_numeric(frame[column.name])
        elif column.type == "date":
            frame[column.name] = pd.to_datetime(frame[column.name])
        elif column.type == "bool":
            frame[column.name] = frame[column.name].map({"true": True, "false": False})
    return frame


def one_workbook(folder, epoch=None) -> Path:
    """The unit's tables as typed sheets of one workbook, named in Vietnamese; the CSVs removed."""
    target = folder / "so_lieu.xlsx"
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        if epoch is not None:
            writer.book.epoch = epoch
        for csv_path in sorted(folder.glob("*.csv")):
            typed_frame(csv_path).to_excel(writer, sheet_name=TABLES[csv_path.stem].vi, index=False)
            csv_path.unlink()
    return target


def test_xlsx_per_table_reads_like_csv(vq, vq_copy):
    for csv_path in sorted(vq_copy.glob("*.csv")):
        typed_frame(csv_path).to_excel(csv_path.with_suffix(".xlsx"), index=False)
        csv_path.unlink()
    assert_same_tables(load_unit(vq_copy), vq)


def test_single_workbook_with_vietnamese_sheet_names(vq, vq_copy):
    one_workbook(vq_copy)
    ds = load_unit(vq_copy)
    assert ds.sources["entities"].sheet == "danh_sach"
    assert_same_tables(ds, vq)


@needs_office_suite
def test_a_workbook_saved_by_an_office_suite_reads_like_csv(vq, vq_copy):
    # LibreOffice rewrites the file: shared strings, its own styles and date formats
    book = one_workbook(vq_copy)
    save_with_office_suite(book)
    with zipfile.ZipFile(book) as saved:
        assert "LibreOffice" in saved.read("docProps/app.xml").decode()
    assert_same_tables(load_unit(vq_copy), vq)


def test_a_workbook_counting_days_from_1904_reads_like_csv(vq, vq_copy):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = one_workbook(vq_copy, epoch=CALENDAR_MAC_1904)
    with zipfile.ZipFile(book) as saved:
        assert 'date1904="1"' in saved.read("xl/workbook.xml").decode()
    assert_same_tables(load_unit(vq_copy), vq)


def test_a_workbook_whose_sheets_understate_their_size_reads_like_csv(vq, vq_copy):
    declaring_a1(one_workbook(vq_copy))  # however many cells follow
    assert_same_tables(load_unit(vq_copy), vq)


def test_excel_native_dates_and_numbers(vq, vq_copy):
    frame = pd.read_csv(vq_copy / "periods.csv")
    frame["cutoff_date"] = pd.to_datetime(frame["cutoff_date"])
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame.to_excel(vq_copy / "periods.xlsx", index=False)
    (vq_copy / "periods.csv").unlink()
    assert load_unit(vq_copy).period(2024) == vq.period(2024)


def test_vietnamese_headers_and_file_names(vq, vq_copy):
    for csv_path in sorted(vq_copy.glob("*.csv")):
        table = TABLES[csv_path.stem]
        rows = read_rows(csv_path)
        rows[0] = [table.column(h).vi.upper() for h in rows[0]]  # case does not matter
        write_rows(csv_path.with_name(table.vi + ".csv"), rows)
        csv_path.unlink()
    assert_same_tables(load_unit(vq_copy), vq)


def test_bom_and_semicolons(vq, vq_copy):
    rows = read_rows(vq_copy / "annual.csv")
    write_rows(vq_copy / "annual.csv", rows, encoding="utf-8-sig", delimiter=";")
    assert_same_tables(load_unit(vq_copy), vq)


def test_text_is_nfc_normalised_and_trimmed(vq, vq_copy):
    rows = read_rows(vq_copy / "entities.csv")
    for row in rows[1:]:
        row[2] = "  " + unicodedata.normalize("NFD", row[2]).replace(" ", "   ") + " "
    write_rows(vq_copy / "entities.csv", rows)
    ds = load_unit(vq_copy)
    assert list(ds.entities["name"]) == list(vq.entities["name"])
    assert ds.resolve(unicodedata.normalize("NFD", "HTX Trần Quý")) == "VQ02"


def test_codes_may_be_written_as_vietnamese_labels(vq, vq_copy):
    set_cell(vq_copy / "annual.csv", 2, "rating", "Tốt")
    set_cell(vq_copy / "entities.csv", 2, "sector", "Nông - Lâm - Ngư nghiệp")
    ds = load_unit(vq_copy)
    assert ds.annual.loc[2, "rating"] == "tot"
    assert ds.entities.loc[2, "sector"] == "nong_nghiep"


def test_dd_mm_yyyy_dates(vq, vq_copy):
    set_cell(vq_copy / "entities.csv", 2, "founded_on", "14/05/2019")
    assert load_unit(vq_copy).entities.loc[2, "founded_on"] == vq.entities.loc[2, "founded_on"]


def test_unknown_column_is_a_warning(vq_copy):
    rows = read_rows(vq_copy / "ocop.csv")
    for i, row in enumerate(rows):
        row.append("Ghi chú riêng" if i == 0 else "x")
    write_rows(vq_copy / "ocop.csv", rows)
    ds = load_unit(vq_copy)
    assert any("Ghi chú riêng" in str(w) and "ignored" in str(w) for w in ds.warnings)


def test_all_problems_are_reported_at_once(vq_copy):
    set_cell(vq_copy / "annual.csv", 3, "members", "-4")
    set_cell(vq_copy / "entities.csv", 5, "founded_on", "31/02/2020")
    set_cell(vq_copy / "ocop.csv", 2, "stars", "ba")
    found = problems_of(vq_copy)
    assert any(p.startswith("annual.csv, row 3, column 'members'") for p in found)
    assert any(p.startswith("entities.csv, row 5, column 'founded_on'") for p in found)
    assert any(p.startswith("ocop.csv, row 2, column 'stars'") for p in found)


# --- one test per rule -------------------------------------------------------------


def test_negative_count(vq_copy):
    set_cell(vq_copy / "annual.csv", 3, "members", "-4")
    one_problem(vq_copy, "annual.csv, row 3", "'members'", "'-4'", "must not be negative")


def test_not_a_number(vq_copy):
    set_cell(vq_copy / "entities.csv", 2, "charter_capital", "nhiều")
    one_problem(vq_copy, "entities.csv, row 2", "'charter_capital'", "not a number")


def test_not_a_date(vq_copy):
    set_cell(vq_copy / "entities.csv", 5, "founded_on", "31/02/2020")
    one_problem(vq_copy, "entities.csv, row 5", "'founded_on'", "not a real date")


def test_unknown_sector_code(vq_copy):
    set_cell(vq_copy / "entities.csv", 4, "sector", "vu_tru")
    one_problem(vq_copy, "entities.csv, row 4", "'sector'", "'vu_tru'", "not in the list")


def test_unknown_rating_code(vq_copy):
    set_cell(vq_copy / "annual.csv", 6, "rating", "xuat_sac")
    one_problem(
        vq_copy, "annual.csv, row 6", "'rating'", "write one of: tốt (tot); khá (kha); trung bình"
    )


def test_codes_by_their_label_with_or_without_diacritics(vq_copy):
    set_cell(vq_copy / "entities.csv", 4, "sector", "Nong - Lam - Ngu nghiep")
    set_cell(vq_copy / "annual.csv", 6, "rating", "KHÁ")
    set_cell(vq_copy / "targets.csv", 2, "indicator", "tong so htx")
    ds = load_unit(vq_copy)
    assert ds.entities.loc[4, "sector"] == "nong_nghiep"
    assert ds.annual.loc[6, "rating"] == "kha"
    assert ds.targets.loc[2, "indicator"] == "total_htx"


def test_a_target_named_otherwise_is_refused_with_the_list(vq_copy):
    set_cell(vq_copy / "targets.csv", 2, "indicator", "Số HTX giải thể trong năm")
    one_problem(
        vq_copy,
        "targets.csv, row 2",
        "'indicator'",
        "'Số HTX giải thể trong năm'",
        "HTX thành lập mới (new_htx)",
    )


def test_a_count_named_with_a_leading_so_is_the_indicator(vq_copy):
    """Documents write "Số HTX thành lập mới", "Số lượng thành viên HTX": the count's word."""
    from htxlib.data.parsing import code_reader

    read = code_reader("indicators")
    assert read("Số HTX thành lập mới") == read("so luong HTX thanh lap moi") == "new_htx"
    assert read("Số lượng thành viên HTX") == "members"
    assert read("Số HTX giải thể") == "Số HTX giải thể"  # unknown: left for the error


def test_required_value_missing(vq_copy):
    set_cell(vq_copy / "entities.csv", 7, "name", "")
    one_problem(vq_copy, "entities.csv, row 7", "'name'", "required value missing")


def test_duplicate_entity_id(vq_copy):
    row = append_row(
        vq_copy / "entities.csv",
        {
            "entity_id": "VQ05",
            "kind": "HTX",
            "name": "HTX Mới",
            "sector": "khac",
            "founded_on": "2020-01-01",
        },
    )
    said = "another row has the same 'entity_id'"
    one_problem(vq_copy, f"entities.csv, row {row}", "'entity_id'", said)


def test_duplicate_annual_row(vq_copy):
    row = append_row(vq_copy / "annual.csv", {"entity_id": "VQ05", "year": "2024", "members": "3"})
    one_problem(
        vq_copy, f"annual.csv, row {row}", "another row has the same 'entity_id' and 'year'"
    )


def test_unknown_entity_id(vq_copy):
    set_cell(vq_copy / "annual.csv", 10, "entity_id", "VQ99")
    one_problem(vq_copy, "annual.csv, row 10", "'entity_id'", "'VQ99'", "unknown entity_id")


def test_unknown_union(vq_copy):
    set_cell(vq_copy / "entities.csv", 2, "union_id", "VQ03")
    one_problem(vq_copy, "entities.csv, row 2", "'union_id'", "not the entity_id of an LH HTX")


def test_alias_of_another_entity(vq_copy):
    append_row(vq_copy / "aliases.csv", {"entity_id": "VQ01", "alias": "HTX Trân Quý"})
    one_problem(vq_copy, "aliases.csv", "'alias'", "already the name of VQ02")


def test_dissolved_before_founded(vq_copy):
    set_cell(vq_copy / "entities.csv", 2, "dissolved_on", "2010-01-01")
    one_problem(vq_copy, "entities.csv, row 2", "'dissolved_on'", "dissolution before founding")


def test_suspension_ends_before_it_starts(vq_copy):
    set_cell(vq_copy / "status_events.csv", 2, "end_date", "2024-01-01")
    one_problem(vq_copy, "status_events.csv, row 2", "'end_date'", "end before start")


def test_event_before_founding(vq_copy):
    set_cell(vq_copy / "status_events.csv", 2, "start_date", "2001-01-01")
    one_problem(vq_copy, "status_events.csv, row 2", "'start_date'", "before founding")


def test_cutoff_outside_year(vq_copy):
    set_cell(vq_copy / "periods.csv", 2, "cutoff_date", "2025-06-30")
    one_problem(vq_copy, "periods.csv, row 2", "'cutoff_date'", "not in the year")


def test_htx_needs_founding_date(vq_copy):
    set_cell(vq_copy / "entities.csv", 3, "founded_on", "")
    one_problem(vq_copy, "entities.csv, row 3", "'founded_on'", "required for HTX")


def test_new_members_more_than_members(vq_copy):
    set_cell(vq_copy / "annual.csv", 2, "new_members", "99")
    one_problem(vq_copy, "annual.csv, row 2", "'new_members'", "larger than members")


def test_workers_members_more_than_workers(vq_copy):
    set_cell(vq_copy / "annual.csv", 2, "workers_members", "999")
    one_problem(vq_copy, "annual.csv, row 2", "'workers_members'", "larger than workers")


def test_managers_by_level_not_adding_up(vq_copy):
    set_cell(vq_copy / "annual.csv", 2, "managers_untrained", "9")
    one_problem(vq_copy, "annual.csv, row 2", "'managers'", "add up to 13, not 7")


def test_dossiers_decided_more_than_appraised(vq_copy):
    set_cell(vq_copy / "support.csv", 2, "dossiers_not_eligible", "5")
    one_problem(vq_copy, "support.csv, row 2", "exceed dossiers appraised")


def test_loans_outstanding_more_than_disbursed(vq_copy):
    set_cell(vq_copy / "support.csv", 3, "loans_outstanding", "40000")
    one_problem(vq_copy, "support.csv, row 3", "'loans_outstanding'", "larger than loans_disbursed")


def test_missing_required_column(vq_copy):
    rows = read_rows(vq_copy / "entities.csv")
    k = rows[0].index("kind")
    write_rows(vq_copy / "entities.csv", [r[:k] + r[k + 1 :] for r in rows])
    one_problem(vq_copy, "entities.csv", "'kind'", "required column missing")


def test_column_given_twice(vq_copy):
    rows = read_rows(vq_copy / "ocop.csv")
    rows[0].append("Sản phẩm")  # Vietnamese header of 'product', already present in English
    for row in rows[1:]:
        row.append(row[0])
    write_rows(vq_copy / "ocop.csv", rows)
    one_problem(vq_copy, "ocop.csv", "'Sản phẩm'", "column given twice")


def test_missing_required_table(vq_copy):
    (vq_copy / "entities.csv").unlink()
    one_problem(vq_copy, "entities.csv", "required table missing")


def test_table_given_twice(vq_copy):
    rows = read_rows(vq_copy / "unit.csv")
    write_rows(vq_copy / "don_vi.csv", rows)
    one_problem(vq_copy, "table 'unit' is given more than once")


def test_unknown_provenance_field(vq_copy):
    append_row(
        vq_copy / "provenance.csv",
        {"table": "annual", "record": "*", "field": "profits", "status": "estimated"},
    )
    one_problem(vq_copy, "provenance.csv", "'field'", "no such column in annual")


@pytest.mark.parametrize(
    ("low", "high", "column", "said"),
    [
        ("", "", "'low'", "a target needs a value: fill low, high or both"),
        ("7", "3", "'high'", "'3': below the low bound 7"),
    ],
)
def test_a_target_without_a_value_or_with_bounds_reversed(vq_copy, low, high, column, said):
    rows = read_rows(vq_copy / "targets.csv")
    header = rows[0]
    rows[1][header.index("low")], rows[1][header.index("high")] = low, high
    write_rows(vq_copy / "targets.csv", rows)
    one_problem(vq_copy, "targets.csv", "row 2", column, said)


def test_utf16_file(vq, vq_copy):
    text = (vq_copy / "entities.csv").read_text(encoding="utf-8")
    (vq_copy / "entities.csv").write_bytes(text.encode("utf-16"))
    assert_same_tables(load_unit(vq_copy), vq)


def test_file_in_no_known_encoding(vq_copy):
    (vq_copy / "unit.csv").write_bytes(b"unit_id,name,level\n\x81\x8d,\x8f,huyen\n")
    one_problem(vq_copy, "unit.csv", "not UTF-8, Windows-1258 or Windows-1252")


def test_cell_and_cross_table_problems_come_in_one_round(vq_copy):
    """An officer fixes everything at once: a bad date and an unknown HTX id, both reported."""
    set_cell(vq_copy / "entities.csv", 5, "founded_on", "31/02/2020")
    set_cell(vq_copy / "annual.csv", 3, "entity_id", "VQ999")
    problems = problems_of(vq_copy)
    assert any("entities.csv, row 5" in p and "not a real date" in p for p in problems)
    assert any("annual.csv, row 3" in p and "VQ999" in p for p in problems)
    # the bad date is said once, not again as a missing founding date
    assert sum("entities.csv, row 5" in p for p in problems) == 1


def test_the_largest_table_read_in_a_thread_reads_as_in_order(vq, vq_copy, monkeypatch):
    # a large CSV file is read and typed beside the other tables: the same tables, and the
    # same problems in the same order, as when every table is read one after the other
    import threading

    from htxlib.data import dataset

    threads = {}
    typed = dataset._read_typed

    def recorded(table, locator):
        threads[table.name] = threading.current_thread().name
        return typed(table, locator)

    monkeypatch.setattr(dataset, "_read_typed", recorded)
    monkeypatch.setattr(dataset, "BESIDE_BYTES", 0)  # every unit's largest CSV file is large
    assert_same_tables(load_unit(VAN_QUAN), vq)
    assert threads.pop("provenance").startswith("htx-read")  # Văn Quan's largest file
    assert not any(name.startswith("htx-read") for name in threads.values())

    set_cell(vq_copy / "provenance.csv", 2, "table", "bảng không có")
    set_cell(vq_copy / "provenance.csv", 3, "year", "năm ngoái")
    set_cell(vq_copy / "annual.csv", 2, "members", "hai mươi")
    header, first = read_rows(vq_copy / "annual.csv")[:2]
    append_row(vq_copy / "annual.csv", dict(zip(header, first, strict=True)))  # a key twice
    beside = problems_of(vq_copy)
    monkeypatch.setattr(dataset, "BESIDE_BYTES", 2**40)
    assert problems_of(vq_copy) == beside
    assert len(beside) >= 3
