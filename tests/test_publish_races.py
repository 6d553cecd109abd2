"""Runs that publish the same report at once: the check and the publish are one step.

Each test starts the real ``htx report`` processes. One run is held just before (or inside)
its publish until the test lets it go, as a slow disk would hold it, so that the other run
is sure to publish meanwhile.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from htxlib.commands.common import EXIT_OUTPUT

from .conftest import HTX, set_cell, write_small_unit

pytestmark = pytest.mark.slow


def _start(unit: Path, cwd: Path, env: dict[str, str] | None = None, *extra: str):
    environment = {**os.environ, "HTX_LANG": "vi", **(env or {})}
    return subprocess.Popen(
        [str(HTX), "report", "--data", str(unit), "--year", "2025", "--out", "reports", *extra],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(HTX), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "HTX_LANG": "vi"},
        timeout=300,
    )


def _wait_for_line(process, text: str, seconds: float = 120) -> str:
    """Read the process's stderr until a line holds ``text``; return what was read."""
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"never printed {text!r}: {''.join(seen)}")


def _run_folder_of(page: Path) -> Path:
    run = re.search(r'name="htx:run" content="([^"]+)"', page.read_text(encoding="utf-8"))
    return page.parent / "runs" / run.group(1)


def test_two_units_with_one_id_built_at_once_never_replace_each_other(tmp_path):
    first = write_small_unit(tmp_path)
    other = tmp_path / "tan-lap-ha"
    shutil.copytree(first, other)
    set_cell(other / "unit.csv", 2, "name", "Tân Lập Hạ")  # same unit id, another commune
    go = tmp_path / "go"
    held = _start(first, tmp_path, {"HTX_PAUSE_AT": "exported", "HTX_PAUSE_UNTIL": str(go)})
    _wait_for_line(held, "paused at exported")  # checked already, not yet published
    done = _run("report", "--data", "tan-lap-ha", "--year", "2025", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    go.touch()
    _, err = held.communicate(timeout=300)
    assert held.returncode == EXIT_OUTPUT, err
    assert "cùng mã đơn vị 'tan-lap'" in err and str(other) in err, err
    page = tmp_path / "reports" / "tan-lap" / "2025" / "report.html"
    assert "xã Tân Lập Hạ" in page.read_text(encoding="utf-8")  # the first publish stands


def test_one_unit_built_twice_at_once_keeps_the_run_its_page_names(tmp_path):
    unit = write_small_unit(tmp_path)
    go = tmp_path / "go"
    # the first run has switched its page and is about to clear the other run folders
    held = _start(
        unit, tmp_path, {"HTX_PAUSE_AT": "published:report.html", "HTX_PAUSE_UNTIL": str(go)}
    )
    _wait_for_line(held, "paused at published:report.html")
    # another run of the same unit, with other formats (so another page and run folder)
    second = _start(unit, tmp_path, None, "--format", "html")
    try:
        _wait_for_line(second, "đang chờ một lần lập khác", seconds=120)
    finally:
        go.touch()
    assert held.wait(timeout=300) == 0
    _, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    page = tmp_path / "reports" / "tan-lap" / "2025" / "report.html"
    assert _run_folder_of(page).is_dir()
    assert list(_run_folder_of(page).glob("*.ipynb"))


def test_the_same_commune_built_alone_then_in_its_province(tmp_path):
    """A commune built from its own folder, then from its province's: one unit, replaced."""
    (tmp_path / "communes").mkdir()
    alone = write_small_unit(tmp_path / "communes")
    province = tmp_path / "tinh"
    (province / "units").mkdir(parents=True)
    shutil.copytree(alone, province / "units" / "tan-lap")
    for command in (["--data", "communes/tan-lap"], ["--data", "tinh/units/tan-lap"]):
        done = _run("report", *command, "--year", "2025", "--out", "reports", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    page = (tmp_path / "reports" / "tan-lap" / "2025" / "report.html").read_text(encoding="utf-8")
    folder = re.search(r'name="htx:source_folder" content="([^"]+)"', page).group(1)
    assert folder == str((province / "units" / "tan-lap").resolve())
