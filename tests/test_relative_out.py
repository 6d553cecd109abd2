"""The README's main command, run as a user runs it: relative paths, the default --out, a clone.

Papermill's ``cwd=`` changes the directory of the whole process; with the two notebooks run
side by side, a relative output folder used to point somewhere else half of the time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, VAN_QUAN

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

HTX = [sys.executable, "-m", "htxlib.cli"]


def stray_folders(top: Path) -> list[Path]:
    names = {"failed"}
    return [
        p
        for p in top.rglob("*")
        if p.is_dir() and (p.name in names or p.name.startswith(".staging-"))
    ]


def test_no_run_changes_the_process_folder(tmp_path, monkeypatch):
    """The race's cause, checked at once: nothing in a run may chdir (papermill's ``cwd=``)."""
    import os

    from htxlib.report.publishing.runner import build_report

    shutil.copytree(VAN_QUAN, tmp_path / "data" / "van-quan")
    monkeypatch.chdir(tmp_path)

    here, chdir = Path.cwd(), os.chdir

    def refuse(path):
        # papermill always goes back to where it started: a change to the same folder is none
        if Path(path).resolve() != here.resolve():
            raise AssertionError(f"a run changed the process's folder to {path}")
        chdir(path)

    monkeypatch.setattr(os, "chdir", refuse)
    report = build_report(Path("data/van-quan"), 2024, out=Path("reports"), formats=("html",))
    assert report.html.resolve() == (tmp_path / "reports/van-quan/2024/report.html").resolve()


def test_papermill_reads_and_writes_without_changing_the_process_folder(tmp_path, monkeypatch):
    """Two notebooks run side by side can leave papermill's local handler holding the folder
    of an earlier moment (each run sets it and restores the one before); its reads and
    writes must not move the process there."""
    import os

    from papermill.iorw import papermill_io

    import htxlib.report.publishing.warm_engine  # noqa: F401 - registers the handler

    monkeypatch.chdir(tmp_path)
    moves = []
    monkeypatch.setattr(os, "chdir", moves.append)
    handler = papermill_io.get_handler("local")
    handler.cwd(str(ROOT))  # what an interleaved restore leaves behind
    notebook = ROOT / "notebooks" / "targets.ipynb"
    papermill_io.write(papermill_io.read(str(notebook)), str(tmp_path / "copy.ipynb"))
    assert moves == []
    assert (tmp_path / "copy.ipynb").read_bytes() == notebook.read_bytes()


def test_relative_default_out_two_runs_in_a_row(tmp_path):
    shutil.copytree(VAN_QUAN, tmp_path / "data" / "van-quan")
    for run in range(2):  # a run after a run: the second replaces the first
        done = subprocess.run(
            [*HTX, "report", "--data", "data/van-quan", "--year", "2024"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"run {run + 1}: {done.stderr}"
        assert done.stdout.splitlines()[0].endswith("reports/van-quan/2024/report.html")
    published = tmp_path / "reports" / "van-quan" / "2024"
    assert {p.name for p in published.iterdir()} == {
        "runs",
        "report.html",
        "annex.html",
        "report.docx",
        "annex.docx",
    }
    assert len(list((published / "runs").iterdir())) == 1  # older runs are removed
    assert stray_folders(tmp_path) == []
    assert not (ROOT / "notebooks" / "reports").exists()
