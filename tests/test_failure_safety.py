"""A report run killed or failing at any point never damages the published report."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from htxlib.report.publishing.notebook_execution import ReportError
from htxlib.report.publishing.publish import page_meta
from htxlib.report.publishing.runner import build_report

from .conftest import ROOT, kernels_running, set_cell

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "fixtures" / "notebooks"
NOTEBOOKS = {"assessment.ipynb", "targets.ipynb"}


def digests(folder):
    """Every file of a report folder, by its path inside it."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def published_run(folder):
    return page_meta(folder / "report.html")["run"]


def start(unit, out, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    cmd = [
        sys.executable,
        "-m",
        "htxlib.cli",
        "report",
        "--data",
        str(unit),
        "--year",
        "2025",
        "--out",
        str(out),
    ]
    return subprocess.Popen(
        cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env
    )


def wait_for(process, marker, timeout=120):
    found = threading.Event()

    def watch():
        for line in process.stderr:
            if marker in line:
                found.set()
                return

    threading.Thread(target=watch, daemon=True).start()
    assert found.wait(timeout), f"the run never reached '{marker}'"


def assert_consistent(folder):
    """The page and the notebooks of the run it names are complete and belong together."""
    run = published_run(folder)
    assert {p.name for p in (folder / "runs" / run).iterdir()} == NOTEBOOKS
    for path in (folder / "runs").rglob("*.ipynb"):
        json.loads(path.read_text(encoding="utf-8"))  # complete, from this run or another
    assert (folder / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    listed = page_meta(folder / "report.html")["files"].split(",")
    assert {p.parts[0] for p in map(Path, digests(folder))} <= {"report.html", "runs", *listed}


def assert_intact(out, folder, before, index_before):
    assert digests(folder)["report.html"] == before["report.html"]
    assert hashlib.sha256((out / "index.html").read_bytes()).hexdigest() == index_before
    assert_consistent(folder)


def test_kill_during_notebook_execution(published):
    unit, out, folder = published
    before, index_before = (
        digests(folder),
        hashlib.sha256((out / "index.html").read_bytes()).hexdigest(),
    )
    import contextlib

    import psutil

    process = start(unit, out)
    kernels = kernels_running(process)  # killed mid-run, not before it started
    process.send_signal(signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL  # it was running, and the kill ended it
    for kernel in kernels:  # orphans of the killed run
        with contextlib.suppress(psutil.Error):
            kernel.kill()
    assert digests(folder) == before
    assert_intact(out, folder, before, index_before)


@pytest.mark.parametrize("stage", ["exported", "published:runs"])
def test_kill_at_each_stage_of_publishing(published, stage):
    unit, out, folder = published
    before, index_before = (
        digests(folder),
        hashlib.sha256((out / "index.html").read_bytes()).hexdigest(),
    )
    process = start(unit, out, {"HTX_PAUSE_AT": stage})
    wait_for(process, f"paused at {stage}")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert_intact(out, folder, before, index_before)


def test_kill_after_the_switch_leaves_the_new_report_whole(published):
    unit, out, folder = published
    before = digests(folder)["report.html"]
    set_cell(unit / "annual.csv", 2, "members", "61")  # a different report
    process = start(unit, out, {"HTX_PAUSE_AT": "published:report.html"})
    wait_for(process, "paused at published:report.html")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert digests(folder)["report.html"] != before
    assert_consistent(folder)


def test_next_run_after_a_kill_succeeds_and_cleans_up(published):
    unit, out, folder = published
    process = start(unit, out, {"HTX_PAUSE_AT": "exported"})
    wait_for(process, "paused at exported")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert list(out.glob(".staging-*"))  # left behind by the killed run
    build_report(unit, 2025, out=out)
    assert not list(out.glob(".staging-*"))


@pytest.mark.lang("en")
def test_kernel_that_dies(published):
    unit, out, folder = published
    before = digests(folder)
    with pytest.raises(ReportError, match="dies.ipynb did not run: DeadKernelError"):
        build_report(unit, 2025, out=out, notebooks=("dies",), notebook_dir=FIXTURES)
    assert digests(folder) == before


def test_raw_data_never_written(published):
    unit, out, _ = published
    files = sorted(p for p in unit.rglob("*") if p.is_file())
    before = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files}
    build_report(unit, 2025, out=out)
    after = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files}
    assert after == before
    assert sorted(p for p in unit.rglob("*") if p.is_file()) == files


def test_same_inputs_same_report(small_unit, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 01/01/2025
    first = build_report(small_unit, 2025, out=tmp_path / "a")
    second = build_report(small_unit, 2025, out=tmp_path / "b")
    assert [p.name for p in first.files] == [p.name for p in second.files]
    for one, other in zip(first.files, second.files, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name  # the Word files too
    assert "01/01/2025 00:00" in first.html.read_text(encoding="utf-8")
