"""The input corpus: each file as analysts have it is read correctly or rejected clearly.

The files are in ``tests/corpus/<case>/`` (written by ``tests/corpus/make_corpus.py``). Each
case replaces tables of the small test unit; the expectation is stated beside each case.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from htxlib.checks.contradictions import contradictions
from htxlib.data.codebook import TABLES
from htxlib.data.dataset import load_unit
from htxlib.data.problems import DataError
from htxlib.data.read.locate import visible_sheets
from htxlib.data.read.text import fold

#: The tests below read the messages in English.
pytestmark = pytest.mark.lang("en")

CORPUS = Path(__file__).resolve().parent / "corpus"


def table_of(stem: str) -> str | None:
    return next((t.name for t in TABLES.values() if fold(stem) in (fold(t.name), fold(t.vi))), None)


def apply_case(unit: Path, name: str) -> Path:
    for file in (CORPUS / name).iterdir():
        if file.name == "README":
            continue
        tables = [table_of(file.stem)]
        if tables == [None] and file.suffix == ".xlsx" and not file.name.startswith("~$"):
            tables = [table_of(s) for s in visible_sheets(file)[0]]
        for table in filter(None, tables):
            for old in unit.glob("*.csv"):
                if table_of(old.stem) == table:
                    old.unlink()
        shutil.copy(file, unit / file.name)
    return unit


@pytest.fixture
def base(small_unit, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(small_unit, reference)
    return load_unit(reference)


def load_case(small_unit, name):
    return load_unit(apply_case(small_unit, name))


def rejected(small_unit, name, *fragments):
    with pytest.raises(DataError) as caught:
        load_case(small_unit, name)
    text = str(caught.value)
    missing = [f for f in fragments if f not in text]
    assert not missing, text
    return text


def same(a, b, table):
    pd.testing.assert_frame_equal(
        a.tables[table].reset_index(drop=True), b.tables[table].reset_index(drop=True), obj=table
    )


# --- encodings and separators: accepted -----------------------------------------------------


@pytest.mark.parametrize("name", ["csv_utf8", "csv_utf8_bom", "csv_utf16", "csv_windows_1258"])
def test_encodings_accepted(small_unit, base, name):
    same(load_case(small_unit, name), base, "entities")


def test_windows_1252_accepted(small_unit):
    ds = load_case(small_unit, "csv_windows_1252")
    assert ds.resolve("HTX Alpha Café") == "A" and ds.resolve("Coopérative Bêta") == "B"


@pytest.mark.parametrize("name", ["csv_semicolon", "csv_tab"])
def test_separators_accepted(small_unit, base, name):
    same(load_case(small_unit, name), base, "annual")


def test_header_only_file_is_an_empty_table(small_unit):
    assert load_case(small_unit, "csv_header_only").ocop.empty


def test_csv_title_block_skipped(small_unit, base):
    ds = load_case(small_unit, "csv_title_block")
    same(ds, base, "annual")
    assert ds.annual.index[0] == 5  # rows keep the numbers the file shows


def test_csv_totals_row_kept_apart_and_agrees(small_unit, base):
    ds = load_case(small_unit, "csv_totals_row")
    same(ds, base, "annual")
    assert contradictions(ds).empty


def test_csv_totals_row_that_contradicts_is_a_finding(small_unit):
    found = contradictions(load_case(small_unit, "csv_totals_row_contradicts"))
    row = found.iloc[0]
    assert (row["check"], row["field"], row["stated"], row["computed"]) == (
        "stated_total",
        "members",
        105.0,
        103.0,
    )


# --- encodings and structure: rejected ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("csv_utf16_no_bom", ["entities.csv", "UTF-16 without a byte-order mark"]),
        ("csv_no_encoding", ["unit.csv", "not UTF-8, Windows-1258 or Windows-1252"]),
        ("csv_empty", ["annual.csv", "the file is empty"]),
        ("csv_blank_lines_only", ["annual.csv", "the file is empty"]),
        ("csv_no_header", ["annual.csv", "no header row found"]),
        ("col_duplicated_same_name", ["entities.csv", "column given twice"]),
        ("col_duplicated_english_vietnamese", ["entities.csv", "'Tên'", "column given twice"]),
        ("col_required_missing", ["entities.csv", "'name'", "required column missing"]),
        ("xlsx_formula_not_cached", ["annual.xlsx", "has no saved value", "save it again"]),
        ("xlsx_corrupt", ["entities.xlsx", "cannot be read"]),
        ("xls_old_format", ["entities.xls", "save it as .xlsx"]),
    ],
)
def test_rejected_clearly(small_unit, name, fragments):
    rejected(small_unit, name, *fragments)


def test_missing_required_table(small_unit):
    (small_unit / "entities.csv").unlink()
    rejected(small_unit, "table_missing_required", "entities.csv", "required table missing")


def test_missing_optional_table(small_unit):
    (small_unit / "ocop.csv").unlink()
    assert load_case(small_unit, "table_missing_optional").ocop.empty


def test_extra_column_kept_out_with_a_warning(small_unit, base):
    ds = load_case(small_unit, "col_extra")
    same(ds, base, "entities")
    assert any("Ghi chú nội bộ" in str(w) and "ignored" in str(w) for w in ds.warnings)


def test_vietnamese_headers_any_case_and_spacing(small_unit, base):
    same(load_case(small_unit, "col_vietnamese_headers"), base, "entities")


# --- Vietnamese number text -------------------------------------------------------------------


def capital(ds):
    return list(ds.entities.set_index("entity_id").loc[["A", "B", "C"], "charter_capital"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("num_comma_decimal", [1200, 800.5, 2500]),
        ("num_vietnamese_thousands", [1200.5, 81233, 2500]),
        ("num_dot_decimal", [1200, 800.5, 3327.272]),
        ("num_ty_unit", [1500, 800, 2500]),
        ("num_spaces_thousands", [1200, 800.5, 2500]),
        ("xlsx_numbers_as_text", [1200.5, 81233, 2500]),
    ],
)
def test_number_text_read(small_unit, name, expected):
    assert capital(load_case(small_unit, name)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        (
            "num_ambiguous_alone",
            [
                "row 4",
                "'81.233'",
                "ambiguous number: 81,233 or 81233",
                "nothing in the column says which",
            ],
        ),
        ("num_mixed_conventions", ["row 5", "ambiguous number", "mixes both"]),
        ("num_fraction_in_count", ["annual.csv, row 3", "'members'", "not a whole number"]),
        ("num_not_a_number", ["entities.csv, row 4", "'hai tỷ'", "not a number"]),
        ("num_negative_count", ["annual.csv, row 4", "'-7'", "must not be negative"]),
    ],
)
def test_number_text_rejected(small_unit, name, fragments):
    rejected(small_unit, name, *fragments)


def test_percent_text(small_unit):
    targets = load_case(small_unit, "num_percent").targets.set_index("indicator")
    assert (targets.loc["effective_htx", "low"], targets.loc["effective_htx", "high"]) == (
        11.11,
        25,
    )


def test_blank_zero_and_dash_distinguished(small_unit):
    workers_members = load_case(small_unit, "num_blank_zero_dash").annual.set_index("entity_id")[
        "workers_members"
    ]
    assert (
        pd.isna(workers_members["A"])
        and workers_members["B"] == 0
        and pd.isna(workers_members["C"])
    )


# --- names -----------------------------------------------------------------------------------


def test_stray_spaces_and_decomposed_unicode(small_unit):
    names = load_case(small_unit, "names_spaces_and_nfd").entities.set_index("entity_id")["name"]
    assert names["A"] == "HTX Alpha"
    assert names["B"] == "HTX Beta Nông Sản" == unicodedata.normalize("NFC", names["B"])


def test_codes_in_any_case_or_as_labels(small_unit):
    entities = load_case(small_unit, "names_code_case_and_labels").entities.set_index("entity_id")
    assert list(entities.loc[["A", "B"], "kind"]) == ["HTX", "HTX"]
    assert entities.loc["A", "sector"] == "nong_nghiep"


def test_owner_spelled_differently_resolves(small_unit):
    ds = load_case(small_unit, "names_owner_variant")
    assert ds.resolve(ds.ocop.iloc[0]["owner"]) == "A"


# --- Excel ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "xlsx_plain",
        "xlsx_title_block",
        "xlsx_merged_header",
        "xlsx_hidden_first_sheet",
        "xlsx_serial_dates",
        "xlsx_text_dates",
        "xlsx_native_dates",
    ],
)
def test_excel_entities_read_like_csv(small_unit, base, name):
    same(load_case(small_unit, name), base, "entities")


def test_excel_title_block_keeps_row_numbers(small_unit):
    assert load_case(small_unit, "xlsx_title_block").entities.index[0] == 5


def test_excel_merged_data_cells_filled(small_unit):
    communes = load_case(small_unit, "xlsx_merged_data_cells").entities.set_index("entity_id")[
        "commune"
    ]
    assert list(communes[["B", "C", "D"]]) == ["Tân Lập"] * 3


def test_excel_totals_row_with_formula(small_unit, base):
    ds = load_case(small_unit, "xlsx_totals_row")
    same(ds, base, "annual")
    assert contradictions(ds).empty  # the cached total, 103, is the sum of the rows


def test_excel_hidden_table_sheet_ignored(small_unit, base):
    ds = load_case(small_unit, "xlsx_hidden_table_sheet")
    assert ds.sources["entities"].sheet == "danh_sach"
    assert ds.sources["annual"].label == "annual.csv"
    assert any("hidden sheet" in str(w) and "so_lieu_nam" in str(w) for w in ds.warnings)
    same(ds, base, "annual")


def test_excel_formula_cached_value(small_unit):
    annual = load_case(small_unit, "xlsx_formula_cached").annual.set_index("entity_id")
    assert annual.loc["A", "members"] == 60


def test_excel_lock_file_ignored(small_unit, base):
    same(load_case(small_unit, "xlsx_lock_file_ignored"), base, "annual")


def test_every_corpus_case_is_used_by_a_test():
    # a case no test names is a file nobody checks
    cases = [p.name for p in CORPUS.iterdir() if p.is_dir() and p.name != "__pycache__"]
    tests = "\n".join(
        p.read_text(encoding="utf-8") for p in Path(__file__).parent.glob("test_*.py")
    )
    assert cases and not [name for name in cases if f'"{name}"' not in tests]
