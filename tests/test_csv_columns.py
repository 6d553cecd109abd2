"""A CSV file read column by column (Apache Arrow) gives what the row-by-row reader gives.

The columnar reader is the fast path for a plain table; the row reader stays for files
whose header is further down or whose records are ragged. Both must see the same cells,
rows, totals rows and spreadsheet row numbers, whatever the file holds.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htxlib.data.codebook import TABLES
from htxlib.data.read import table as read_table_module
from htxlib.data.read.columns import cell_at, is_coded
from htxlib.data.read.source import Source
from htxlib.data.read.table import read_raw
from htxlib.data.read.text import ReadError

from .conftest import ROOT, VAN_QUAN

OCOP = TABLES["ocop"]
HEADER = ["product", "owner", "owner_type", "year", "stars", "status"]


def _both(path: Path, table=OCOP):
    """Read a file with the columnar reader, and again with the row reader alone.

    Each reading is the RawTable, or the message of the refusal; the third value says
    whether the columnar reader was tried.
    """
    calls = []
    real = read_table_module.csv_columns

    def columns(*args):
        calls.append(args)
        return real(*args)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(read_table_module, "csv_columns", columns)
        fast = _outcome(path, table)
        patch.setattr(read_table_module, "csv_columns", lambda *args: None)
        slow = _outcome(path, table)
    return fast, slow, bool(calls)


def _outcome(path: Path, table):
    try:
        return read_raw(Source(path), table)
    except ReadError as err:
        return str(err)


def _cells(column) -> list:
    """A read column's cells, None where empty, whether it came coded or as cells."""
    return [cell_at(column, i) for i in range(len(column))]


def _same(fast, slow) -> None:
    if isinstance(fast, str) or isinstance(slow, str):  # refused: both, for one reason
        assert fast == slow
        return
    assert fast.header == slow.header
    assert fast.offsets.tolist() == slow.offsets.tolist()
    assert [_cells(c) for c in fast.columns] == [_cells(c) for c in slow.columns]
    for column in fast.columns:  # coded: its distinct values are the data's, and only those
        if is_coded(column):
            assert list(column.categories) == list(dict.fromkeys(column.categories))
            assert set(column.categories) == {c for c in _cells(column) if c is not None}
    assert [n for n, _ in fast.totals] == [n for n, _ in slow.totals]
    assert fast.encoding == slow.encoding
    assert fast.problems == slow.problems


def test_every_table_of_the_embedded_units_reads_the_same_both_ways():
    read = 0
    for path in sorted([*VAN_QUAN.glob("*.csv"), *(ROOT / "data").glob("lang-son-mau/**/*.csv")]):
        table = next((t for t in TABLES.values() if path.stem == t.name), None)
        if table is None:
            continue
        fast, slow, columnar = _both(path, table)
        assert not isinstance(fast, str), fast  # the embedded units are read, not refused
        _same(fast, slow)
        read += columnar
    assert read >= 20  # the plain tables did go through the columnar reader


def _write(path: Path, rows: list[list[str]], delimiter: str, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n").writerows(rows)


cell = st.one_of(
    st.sampled_from(["", " ", "Tổng cộng", "Cộng", "tổng", "2024", "1.250,5", "81233", "-"]),
    st.text(alphabet=st.sampled_from("aăâ Ệờ,;\"\n\r\t'x0-9"), max_size=8),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.lists(st.lists(cell, min_size=6, max_size=6), min_size=1, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1258"]),
)
def test_any_plain_table_reads_the_same_both_ways(body, delimiter, encoding):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ocop.csv"
        try:
            _write(path, [HEADER, *body], delimiter, encoding)
        except UnicodeEncodeError:
            return  # a character the legacy code page cannot hold
        fast, slow, _ = _both(path)
        _same(fast, slow)


def test_a_ragged_or_blank_lined_file_goes_row_by_row(tmp_path):
    path = tmp_path / "ocop.csv"
    path.write_text(
        ",".join(HEADER) + "\nGạo,HTX A,HTX,2024,3,\n\nMật ong,HTX B,HTX,2024\n", encoding="utf-8"
    )
    fast, slow, columnar = _both(path)
    assert columnar  # tried, and it gave way
    _same(fast, slow)
    assert fast.offsets.tolist() == [2, 4]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.text(alphabet=st.sampled_from('a,"\n\r Tổ'), max_size=60))
def test_any_text_typed_by_hand_reads_the_same_both_ways(body):
    # stray quotes, quotes inside a cell, line ends of every kind: what an editor leaves
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ocop.csv"
        path.write_text("product,owner\n" + body, encoding="utf-8", newline="")
        fast, slow, _ = _both(path)
        _same(fast, slow)
