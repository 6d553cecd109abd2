"""A failed run keeps the previous report, keeps the failed notebook and says what failed."""

from __future__ import annotations

import hashlib

import pytest

from htxlib.cli import main
from htxlib.data.problems import DataError
from htxlib.report.publishing.notebook_execution import ReportError
from htxlib.report.publishing.runner import build_report
from htxlib.report.publishing.tracked_kernels import TrackedKernelManager

from .conftest import ROOT, set_cell

#: The tests below read the messages in English.
pytestmark = [pytest.mark.lang("en"), pytest.mark.slow]

FIXTURES = ROOT / "tests" / "fixtures" / "notebooks"


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failing_cell_keeps_previous_report(published):
    unit, out, folder = published
    html = folder / "report.html"
    before, index_before = digest(html), digest(out / "index.html")
    with pytest.raises(ReportError) as caught:
        build_report(unit, 2025, out=out, notebooks=("fails",), notebook_dir=FIXTURES)
    message = str(caught.value)
    assert "fails.ipynb failed in cell" in message
    assert "ValueError: deliberate failure for the tests" in message
    assert digest(html) == before and digest(out / "index.html") == index_before
    kept = html.parent / "failed" / "fails.ipynb"
    assert kept.is_file() and "deliberate failure" in kept.read_text(encoding="utf-8")
    assert not list(out.glob(".staging-*"))


def test_hanging_cell_times_out(published):
    unit, out, folder = published
    html = folder / "report.html"
    before = digest(html)
    # a timeout, not a kernel that died ("did not run: DeadKernelError")
    with pytest.raises(ReportError, match=r"did not run: (CellTimeoutError|TimeoutError)"):
        build_report(unit, 2025, out=out, notebooks=("hangs",), notebook_dir=FIXTURES, timeout=3)
    assert digest(html) == before


def test_data_problem_writes_nothing(vq_copy, tmp_path, capsys):
    set_cell(vq_copy / "annual.csv", 2, "members", "-1")
    out = tmp_path / "reports"
    with pytest.raises(DataError):
        build_report(vq_copy, 2024, out=out)
    assert not (out / "van-quan").exists()
    # the kernels the run started while it read the data are gone with it
    assert not TrackedKernelManager.live and not TrackedKernelManager.launched
    assert main(["report", "--data", str(vq_copy), "--year", "2024", "--out", str(out)]) == 1
    assert "annual.csv, row 2, column 'members'" in capsys.readouterr().err


def test_cli_exit_code_on_failed_notebook(published, monkeypatch, capsys):
    import functools

    import htxlib.report.publishing.runner as runner

    unit, out, _ = published
    failing = functools.partial(runner.build_report, notebooks=("fails",), notebook_dir=FIXTURES)
    monkeypatch.setattr(runner, "build_report", failing)
    assert main(["report", "--data", str(unit), "--year", "2025", "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert "previous report, if any, is unchanged" in err and "deliberate failure" in err


def test_a_cell_error_without_a_message_is_named_by_what_the_cell_printed(tmp_path):
    """IPython may fail to format an error (a template's traceback): the error then has no
    message, and the failure line names the error the cell printed, not the formatter's."""
    import json
    from types import SimpleNamespace

    from htxlib.report.publishing.notebook_execution import _cell_error

    printed = (
        'Traceback (most recent call last):\n  File "x.py", line 1\n'
        "jinja2.exceptions.UndefinedError: No caller defined\n\n"
        "During handling of the above exception, another exception occurred:\n\n"
        "tokenize.TokenError: ('EOF in multi-line statement', (108, 0))\n"
    )
    notebook = tmp_path / "run.ipynb"
    cell = {"cell_type": "code", "execution_count": 9, "outputs": [
        {"output_type": "stream", "name": "stderr", "text": printed}]}  # fmt: skip
    notebook.write_text(json.dumps({"cells": [cell]}), encoding="utf-8")
    err = SimpleNamespace(ename="CellExecutionError", evalue="", traceback=[], exec_count=9)
    said = _cell_error(err, notebook)
    assert said == "CellExecutionError: jinja2.exceptions.UndefinedError: No caller defined"
    given = SimpleNamespace(ename="ValueError", evalue="bad year", traceback=[], exec_count=2)
    assert _cell_error(given, tmp_path / "missing.ipynb") == "ValueError: bad year"
