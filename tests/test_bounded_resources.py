"""Untrusted folders and settings cost a bounded effort and end in one clear line.

The reports folder, the unit folder and the environment are the user's; what is planted in
them is read only as far as needed, never waited on, and a bad setting is said before any
kernel starts.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time

import pytest

from htxlib.data.snapshot import input_digest, input_files
from htxlib.report.publishing.publish import page_meta

from .conftest import VAN_QUAN, run_htx


@pytest.mark.parametrize("year", ["0", "-5", "99999", "²", "hai"])
def test_a_year_outside_the_registry_is_one_line(tmp_path, year):
    done = run_htx("template", "--unit", "08", f"--year={year}", "--out", "x.xlsx", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--year" in done.stderr or "từ 1990 đến 2100" in done.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999", "1e9"])
def test_a_bad_source_date_epoch_is_said_before_any_kernel(small_unit, value, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    started = time.monotonic()
    done = run_htx("report", "--data", str(small_unit), "--year", "2025", cwd=small_unit.parent)
    assert done.returncode == 2, done.stderr
    assert "SOURCE_DATE_EPOCH" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 30  # no kernel was started, none hangs


def test_a_limit_written_with_a_superscript_is_ignored(small_unit, monkeypatch):
    monkeypatch.setenv("HTX_MAX_ROWS", "²")
    done = run_htx("validate", "--data", str(small_unit))
    assert done.returncode == 0 and "Traceback" not in done.stderr


def test_a_reports_folder_every_user_can_write_is_refused(small_unit, tmp_path):
    shared = tmp_path / "chung"
    shared.mkdir()
    shared.chmod(0o777)
    done = run_htx("report", "--data", str(small_unit), "--year", "2025", "--out", str(shared))
    assert done.returncode == 4 and "chmod o-w" in done.stderr
    shared.chmod(0o1777)  # with the sticky bit, as /tmp: no one can swap another's files
    assert page_meta(shared / "nothing.html") == {}


def test_a_pipe_or_a_huge_page_in_the_reports_folder_is_not_waited_on(tmp_path):
    fifo = tmp_path / "report.html"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert page_meta(fifo) == {}
    huge = tmp_path / "huge.html"
    with open(huge, "w", encoding="utf-8") as handle:
        handle.write("<html><head><meta name='x'")  # an unclosed tag...
        handle.write("x" * (30 * 2**20))  # ...and 30 MB after it
    assert page_meta(huge) == {}
    assert time.monotonic() - started < 5


def test_the_digest_reads_only_the_files_the_unit_uses(small_unit):
    stray = small_unit / "old" / "deep" / "backup.csv"
    stray.parent.mkdir(parents=True)
    before = input_digest(small_unit)
    with open(stray, "wb") as handle:  # a large sparse file nowhere the unit reads
        handle.truncate(20 * 2**30)
    assert stray not in input_files(small_unit)
    assert input_digest(small_unit) == before
    os.mkfifo(small_unit / "annual-pipe.csv")  # a special file among the tables: never opened
    assert stat.S_ISFIFO(os.lstat(small_unit / "annual-pipe.csv").st_mode)
    input_digest(small_unit)


def test_a_text_too_long_to_print_is_refused_at_validation(small_unit):
    texts = small_unit / "texts" / "2025"
    texts.mkdir(parents=True)
    (texts / "law.md").write_text("Một đoạn văn. " * 60_000, encoding="utf-8")  # about 1 MB
    done = run_htx("validate", "--data", str(small_unit))
    assert done.returncode == 1
    assert "texts/2025/law.md" in done.stderr and "HTX_MAX_TEXT_KB" in done.stderr


def test_deep_folders_are_walked_without_recursion(small_unit, tmp_path):
    """A 1.200-level folder chain beside a unit: validate, the digest and batch still answer."""
    from htxlib.data.unit_folders import find_units

    top = small_unit / "texts"
    chain = [top]
    top.mkdir()
    for _ in range(1200):  # one by one: os.makedirs itself recurses
        chain.append(chain[-1] / "d")
        chain[-1].mkdir()
    try:
        assert input_digest(small_unit)
        done = run_htx("validate", "--data", str(small_unit))
        assert done.returncode == 0 and "Traceback" not in done.stderr
        assert find_units(small_unit.parent) == [small_unit]
    finally:  # bottom up: shutil.rmtree (and pytest's clean-up) would recurse too deep
        for folder in reversed(chain):
            folder.rmdir()


FLAKY_KERNEL = """
import pathlib, sys
mark = pathlib.Path(sys.argv[1])
if not mark.exists():  # the first start loses the race for its port, as two starts can
    mark.write_text("failed once")
    import zmq
    raise zmq.ZMQError(98, "Address already in use (addr='tcp://127.0.0.1:50123')")
from ipykernel import kernelapp
sys.argv = [sys.argv[0], *sys.argv[2:]]
kernelapp.launch_new_instance()
"""


@pytest.mark.slow
def test_a_kernel_start_that_is_retried_is_one_line(tmp_path):
    spec = tmp_path / "jupyter" / "kernels" / "flaky"
    spec.mkdir(parents=True)
    script = tmp_path / "flaky_kernel.py"
    script.write_text(FLAKY_KERNEL, encoding="utf-8")
    argv = [sys.executable, str(script), str(tmp_path / "mark"), "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "flaky", "language": "python"}),
        encoding="utf-8",
    )
    done = run_htx(
        "report", "--data", str(VAN_QUAN), "--year", "2024", "--format", "html",
        "--kernel", "flaky", "--out", str(tmp_path / "reports"),
        env={"JUPYTER_PATH": str(tmp_path / "jupyter")},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "mark").exists()  # a start did fail
    assert "Traceback" not in done.stderr and "raise zmq" not in done.stderr
    retried = [line for line in done.stderr.splitlines() if "khởi động lại" in line]
    assert retried == [
        "một kernel không khởi động được (zmq.error.ZMQError: Address already in use "
        "(addr='tcp://127.0.0.1:50123')); khởi động lại kernel khác"
    ]
    assert len(list((tmp_path / "reports").glob("*/2024/report.html"))) == 1
