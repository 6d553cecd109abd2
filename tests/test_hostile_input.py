"""A unit folder is untrusted input: every write stays inside --out, every read inside the unit.

Each test is one way a folder received by e-mail or from a shared drive could harm the office
machine that opens it, and what the toolkit does instead: a clear message, never a traceback.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest

from htxlib.cli import main
from htxlib.commands.common import EXIT_DATA, EXIT_INTERRUPTED, EXIT_OUTPUT
from htxlib.data.dataset import load_unit
from htxlib.data.problems import DataError
from htxlib.data.texts import load_text
from htxlib.report.publishing import publish
from htxlib.report.publishing.index import list_reports
from htxlib.report.publishing.runner import build_report

from .conftest import ROOT, ctrl_c_once_kernels_run, read_rows, run_htx, set_cell, write_rows
from .hostile_files import declaring_a1, merged_workbook, quote_storm, wide_workbook, zip_bomb

#: The tests below read the messages in English.
pytestmark = pytest.mark.lang("en")

FIXTURES = ROOT / "tests" / "fixtures" / "notebooks"


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["--lang", "en", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def write_with(capsys, command: str, unit: Path, out: Path) -> tuple[int, str, str]:
    """Run ``report`` or ``export`` of a unit's 2025 figures into ``out``."""
    return cli(capsys, command, "--data", str(unit), "--year", "2025", "--out", str(out))


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*")} if folder.exists() else set()


# --- the unit id names the output folder ---------------------------------------------------


@pytest.mark.parametrize(
    "unit_id",
    ["../../x", "..", "/tmp/elsewhere", "javascript:alert(1)", "Văn Quan", "van quan", "VAN-QUAN"],
)
def test_unit_id_that_is_not_a_slug_is_refused(small_unit, tmp_path, capsys, unit_id):
    set_cell(small_unit / "unit.csv", 2, "unit_id", unit_id)
    code, _, err = cli(capsys, "validate", "--data", str(small_unit))
    assert code == EXIT_DATA
    assert "unit.csv, row 2, column 'unit_id'" in err and "lowercase letters a-z" in err
    before = files_under(tmp_path)
    for command in ("report", "export"):
        code, _, err = write_with(capsys, command, small_unit, tmp_path / "out")
        assert code == EXIT_DATA and "Traceback" not in err
    assert files_under(tmp_path) == before  # nothing written anywhere


@pytest.mark.parametrize("reach", ["absolute", "parent", "link"])
def test_data_folder_as_unit_id_cannot_reach_the_data(
    small_unit, tmp_path, capsys, monkeypatch, reach
):
    # The slug check at load refuses such ids first; it is lifted here so that the
    # publishing's own containment check is the one that has to hold.
    import htxlib.data.unit

    for module in (htxlib.data.unit, publish):
        monkeypatch.setattr(module, "is_slug", lambda text: True)
    out = tmp_path / "out"
    out.mkdir()
    unit_id = {"absolute": str(small_unit), "parent": f"../{small_unit.name}", "link": "data"}
    if reach == "link":
        (out / "data").symlink_to(small_unit)
    set_cell(small_unit / "unit.csv", 2, "unit_id", unit_id[reach])
    data_before = {p: p.read_bytes() for p in small_unit.rglob("*") if p.is_file()}
    for command in ("export", "report"):
        code, _, err = write_with(capsys, command, small_unit, out)
        assert code == EXIT_OUTPUT, err
        assert {"absolute": "is outside", "parent": "may not contain '..'", "link": "is a link"}[
            reach
        ] in err
    assert {p: p.read_bytes() for p in small_unit.rglob("*") if p.is_file()} == data_before
    assert not list(small_unit.glob("2025"))


def test_index_links_come_from_folder_names_only(tmp_path):
    out = tmp_path / "out"
    odd = out / "javascript:alert(1)" / "2025"
    odd.mkdir(parents=True)
    (odd / "report.html").write_text(
        '<html><head><meta name="htx:unit" content="x"><meta name="htx:year" content="2025">'
        '<meta name="htx:cutoff" content="31/12/2025"><meta name="htx:generated" content="-">'
        "</head></html>",
        encoding="utf-8",
    )
    assert list_reports(out) == []


def test_two_units_with_one_unit_id_do_not_replace_each_other(small_unit, tmp_path, capsys):
    out = tmp_path / "out"
    build_report(small_unit, 2025, out=out)
    other = tmp_path / "other"
    shutil.copytree(small_unit, other)
    set_cell(other / "unit.csv", 2, "name", "Tân Lập Hạ")  # another commune, same id
    code, _, err = write_with(capsys, "report", other, out)
    assert code == EXIT_OUTPUT
    assert "holds the report of another unit with the same unit id 'tan-lap'" in err, err
    assert str(small_unit) in err and str(other) in err and "xã Tân Lập Hạ" in err


# --- reading only what belongs to the unit ---------------------------------------------------


def test_analyst_text_linked_to_a_system_file_is_refused(small_unit, capsys):
    (small_unit / "texts" / "2025").mkdir(parents=True)
    (small_unit / "texts" / "2025" / "law.md").symlink_to("/etc/passwd")
    with pytest.raises(DataError, match=r"texts/2025/law.md: is a link"):
        load_unit(small_unit)
    assert load_text(small_unit, 2025, "law") is None  # never read, even when asked directly


def test_data_file_linked_elsewhere_is_refused(small_unit, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    shutil.move(small_unit / "ocop.csv", outside)
    (small_unit / "ocop.csv").symlink_to(outside)
    with pytest.raises(DataError, match=r"ocop.csv: is a link to another file"):
        load_unit(small_unit)


def test_remote_image_becomes_a_plain_link(small_unit):
    folder = small_unit / "texts" / "2025"
    folder.mkdir(parents=True)
    (folder / "law.md").write_text(
        "Ảnh ![tracking](http://example.invalid/beacon.png) và ![x](data:image/png;base64,AAAA)",
        encoding="utf-8",
    )
    html = load_text(small_unit, 2025, "law")
    assert "<img" not in html
    assert '<a href="http://example.invalid/beacon.png">[Hình: tracking]</a>' in html
    assert "data:image" not in html and "[Hình: x]" in html


def test_analyst_text_in_windows_1258_is_read(small_unit):
    folder = small_unit / "texts" / "2025"
    folder.mkdir(parents=True)
    # Windows-1258 writes tone marks as combining characters after the letter
    (folder / "law.md").write_bytes(b"H\xf5\xf2p ta\xecc xa\xde")
    assert "Hợp tác xã" in load_text(small_unit, 2025, "law")


# --- writes never follow links inside --out ----------------------------------------------------


def test_unit_folder_in_out_that_is_a_link_is_not_followed(small_unit, tmp_path, capsys):
    out, target = tmp_path / "out", tmp_path / "target"
    out.mkdir()
    target.mkdir()
    (target / "keep.txt").write_text("x", encoding="utf-8")
    (target / "2025" / "failed").mkdir(parents=True)
    (out / "tan-lap").symlink_to(target)
    before = files_under(target)
    for command in ("report", "export"):
        code, _, err = write_with(capsys, command, small_unit, out)
        assert code == EXIT_OUTPUT and "is a link" in err
    assert files_under(target) == before


# --- resources are bounded before reading ------------------------------------------------------


def _refuse_loading(monkeypatch):
    import openpyxl

    def load(*args, **kwargs):
        raise AssertionError("openpyxl was asked to load a workbook over the limits")

    monkeypatch.setattr(openpyxl, "load_workbook", load)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (wide_workbook, "the number of columns is 16384, over the limit of 200"),
        (lambda path: zip_bomb(path, megabytes=64), "the compression ratio is"),
        (lambda path: merged_workbook(path, ranges=5001), "the number of merged ranges is 5001"),
    ],
    ids=["cell at XFD1048576", "zip bomb", "5.001 merged ranges"],
)
def test_oversized_workbook_is_refused_before_loading(small_unit, monkeypatch, make, message):
    (small_unit / "ocop.csv").unlink()
    assert make(small_unit / "ocop.xlsx").stat().st_size < 2**20  # small on disk
    _refuse_loading(monkeypatch)
    with pytest.raises(DataError, match=message):
        load_unit(small_unit)


def test_a_workbook_that_understates_its_size_is_refused_as_its_cells_stream(small_unit):
    # the declared extent passes, the cell at XFD1048576 does not
    (small_unit / "ocop.csv").unlink()
    declaring_a1(wide_workbook(small_unit / "ocop.xlsx"))
    with pytest.raises(DataError, match="the number of columns is 16384, over the limit of 200"):
        load_unit(small_unit)


def test_limits_can_be_raised(small_unit, monkeypatch):
    monkeypatch.setenv("HTX_MAX_COLUMNS", "5")
    with pytest.raises(DataError, match=r"over the limit of 5 \(set HTX_MAX_COLUMNS to raise it\)"):
        load_unit(small_unit)


def test_one_line_quote_storm_does_not_stall_the_separator_sniffer(small_unit, monkeypatch):
    import csv

    calls = []
    real = csv.Sniffer.sniff

    def sniff(self, sample, delimiters=None):
        calls.append(len(sample))
        return real(self, sample, delimiters)

    monkeypatch.setattr(csv.Sniffer, "sniff", sniff)
    quote_storm(small_unit / "ocop.csv")
    with pytest.raises(DataError, match="ocop.csv"):
        load_unit(small_unit)
    assert calls and max(calls) <= 8192  # the sample is bounded, whatever the file


# --- every bad value is a message, never a traceback -------------------------------------------


@pytest.mark.parametrize(
    ("table", "row", "column", "value", "message"),
    [
        ("entities", 3, "founded_on", "9999-12-31", "date outside 01/01/1900-31/12/2200"),
        ("entities", 3, "founded_on", "0001-01-01", "date outside 01/01/1900-31/12/2200"),
        ("annual", 2, "members", "12345678901234567890", "number too large for this column"),
        ("entities", 3, "name", "HTX\x07Alpha", "invisible control character"),
    ],
)
def test_out_of_range_values_are_problems(small_unit, capsys, table, row, column, value, message):
    set_cell(small_unit / f"{table}.csv", row, column, value)
    code, _, err = cli(capsys, "validate", "--data", str(small_unit))
    assert code == EXIT_DATA and message in err and "Traceback" not in err


def test_disk_full_is_one_line(small_unit, tmp_path, capsys, monkeypatch):
    import errno

    from htxlib.report.writing import files

    def full(path, write):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(files, "atomic_write", full)
    monkeypatch.setattr("htxlib.report.writing.spreadsheets.atomic_write", full)
    code, _, err = write_with(capsys, "export", small_unit, tmp_path / "out")
    assert code == EXIT_OUTPUT
    assert err.strip().endswith("the disk is full") and len(err.strip().splitlines()) == 1


def test_a_broken_neighbour_report_is_left_out_of_the_index(small_unit, tmp_path, capsys):
    out = tmp_path / "out"
    broken = out / "other" / "2024"
    broken.mkdir(parents=True)
    (broken / "report.html").write_bytes(b"\xff\xfe garbage")
    report = build_report(small_unit, 2025, out=out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="tan-lap/2025/report.html"' in index and "other/2024" not in index
    assert "has no report metadata" in capsys.readouterr().err
    assert report.html.is_file()


# --- runs that share a reports folder ------------------------------------------------------


def test_a_live_staging_folder_of_another_container_is_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    other = out / ".staging-othercontainer"
    other.mkdir()
    handle = os.open(other / ".lock", os.O_CREAT | os.O_RDWR)
    fcntl.flock(handle, fcntl.LOCK_EX)  # held, as a live run elsewhere holds it
    try:
        publish.remove_stale(out)
        assert other.is_dir()
    finally:
        os.close(handle)
    publish.remove_stale(out)  # its run is gone now
    assert not other.exists()


def test_a_staging_folder_swept_before_its_run_locks_it_is_not_used(tmp_path, monkeypatch):
    # two runs of one batch: the second sweeps stale folders just as the first has made its
    # folder and lock file but not yet locked it; the first must not write into a removed folder
    out = tmp_path / "out"
    out.mkdir()
    real = fcntl.flock
    swept = []

    def late_lock(handle, flags):
        if flags == fcntl.LOCK_EX and not swept:  # the new run's own, blocking lock
            swept.append(True)
            publish.remove_stale(out)
        return real(handle, flags)

    monkeypatch.setattr(publish.fcntl, "flock", late_lock)
    staging = publish.Staging(out)
    try:
        assert swept and staging.path.is_dir() and (staging.path / ".lock").is_file()
        (staging.path / "report.html").write_text("ok", encoding="utf-8")
        assert [p.name for p in out.glob(".staging-*")] == [staging.path.name]
    finally:
        staging.close()


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["reading the data", "running the notebooks"])
def test_ctrl_c_stops_the_kernels_and_keeps_the_report(small_unit, tmp_path, moment):
    # the real `htx report`, as a terminal starts it, stopped by Ctrl-C while its kernels
    # start (it reads its data meanwhile) or while they run its notebooks (papermill has
    # written a notebook into the run's staging folder)
    out = tmp_path / "out"
    args = ["report", "--data", str(small_unit), "--year", "2025", "--out", str(out)]
    assert run_htx(*args, "--format", "html").returncode == 0
    page = (out / "tan-lap" / "2025" / "report.html").read_bytes()
    running = (lambda: any(out.glob(".staging-*/*.ipynb"))) if "notebooks" in moment else None
    code, said, alive = ctrl_c_once_kernels_run(*args, "--format", "html", until=running)
    assert code == EXIT_INTERRUPTED, said
    assert "đã dừng theo yêu cầu" in said and "Traceback" not in said, said
    assert not alive, f"kernels left running: {alive}"
    assert (out / "tan-lap" / "2025" / "report.html").read_bytes() == page
    assert not list(out.glob(".staging-*"))


def test_a_csv_file_is_bounded_by_its_rows_and_its_size(small_unit, monkeypatch):
    # a row costs memory in every column: a CSV file's lines are counted before any is read;
    # the empty lines after its data are not rows
    rows = read_rows(small_unit / "ocop.csv")
    column = rows[0].index("product")
    more = [[*r[:column], f"{r[column]} {n}", *r[column + 1 :]] for n in range(3) for r in rows[1:]]
    write_rows(small_unit / "ocop.csv", rows + more)
    with open(small_unit / "ocop.csv", "a", encoding="utf-8") as f:
        f.write("\n" * 100_000)
    monkeypatch.setenv("HTX_MAX_ROWS", "20")  # the longest table has 13 lines
    ds = load_unit(small_unit)
    assert len(ds.ocop) == 4 * (len(rows) - 1)
    monkeypatch.setenv("HTX_MAX_ROWS", "4")
    refused = r"ocop.csv.*the number of rows is \d+, over the limit of 4"
    with pytest.raises(DataError, match=refused):
        load_unit(small_unit)
    monkeypatch.delenv("HTX_MAX_ROWS")
    monkeypatch.setenv("HTX_MAX_FILE_MB", "1")
    with open(small_unit / "ocop.csv", "a", encoding="utf-8") as f:
        f.write("x" * (1 << 20))
    with pytest.raises(DataError, match="the file size"):
        load_unit(small_unit)


def test_a_workbook_sheet_is_bounded_by_its_rows(small_unit, monkeypatch):
    # a sheet's rows cost memory cell by cell, whatever its size on disk: its extent is bounded
    from openpyxl import Workbook

    rows = read_rows(small_unit / "ocop.csv")
    (small_unit / "ocop.csv").unlink()
    book = Workbook()
    book.active.title = "ocop"
    column = rows[0].index("product")
    for n, row in enumerate([rows[0]] + rows[1:] * 10):
        book.active.append([f"{c} {n}" if i == column and n else c for i, c in enumerate(row)])
    book.save(small_unit / "ocop.xlsx")
    monkeypatch.setenv("HTX_MAX_ROWS", str(10 * (len(rows) - 1) + 1))  # the header included
    assert len(load_unit(small_unit).ocop) == 10 * (len(rows) - 1)
    monkeypatch.setenv("HTX_MAX_ROWS", "20")
    with pytest.raises(
        DataError, match=r"ocop.xlsx.*the number of rows is \d+, over the limit of 20"
    ):
        load_unit(small_unit)
