"""Garbage in any cell of any table gives a clean message, never a traceback.

Hypothesis puts odd values (control characters, huge or signed numbers, impossible dates,
formulas, markup, other scripts' digits) into one cell of the small unit at a time and runs
``validate`` and ``export`` in process; a few fixed cases go all the way through ``report``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htxlib.cli import main

from .conftest import SMALL_UNIT, write_rows

ODD = [
    "",
    " ",
    "-",
    "-1",
    "1e309",
    "nan",
    "inf",
    "9999-12-31",
    "0001-01-01",
    "31/02/2024",
    "2024-13-45",
    "12345678901234567890",
    '=HYPERLINK("http://x")',
    "\x00",
    "\x07bell",
    "<script>alert(1)</script>",
    "../..",
    "1.234,5",
    "1,5 tỷ",
    "81.233",
    "１２３",
    "٣",
    "true",
    "HTX\u0301",
]
GARBAGE = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=30),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
CELLS = [
    (table, row, column)
    for table, rows in SMALL_UNIT.items()
    for row in range(1, len(rows))
    for column in range(len(rows[0]))
]


def unit_with(table: str, row: int, column: int, value: str, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name, rows in SMALL_UNIT.items():
        rows = [list(r) for r in rows]
        if name == table:
            rows[row][column] = value
        write_rows(folder / f"{name}.csv", rows)
    return folder


def run(capsys, *args) -> int:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cell=st.sampled_from(CELLS), value=GARBAGE)
def test_garbage_in_any_cell_is_a_message(capsys, cell, value):
    with tempfile.TemporaryDirectory() as tmp:
        folder = unit_with(*cell, value, Path(tmp) / "unit")
        code = run(capsys, "validate", "--data", str(folder))
        assert code in (0, 1)
        if code == 0:  # what loads must also compute and write
            out = str(Path(tmp) / "out")
            assert run(capsys, "export", "--data", str(folder), "--year", "2025", "--out", out) == 0


@pytest.mark.parametrize(
    ("table", "row", "column", "value"),
    [
        ("entities", 3, 2, "<script>alert(1)</script> =cmd|' /C calc'!A0"),
        ("annual", 1, 2, "999999999"),
        ("entities", 3, 5, "9999-12-31"),
    ],
)
def test_garbage_through_the_report(capsys, tmp_path, table, row, column, value):
    folder = unit_with(table, row, column, value, tmp_path / "unit")
    code = run(
        capsys, "report", "--data", str(folder), "--year", "2025", "--out", str(tmp_path / "out")
    )
    assert code in (0, 1)
