"""The officer's path: each commune built on its own, then the province, then again.

Each step is the real command a user types, from the folder the README shows, with the
default ``--out``.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .conftest import HTX, set_cell, write_small_unit

pytestmark = pytest.mark.slow


def _htx(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(HTX), *args],
        cwd=cwd,
        env={**os.environ, "HTX_LANG": "vi"},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_communes_alone_then_the_province_batch_twice(tmp_path):
    communes = tmp_path / "communes"
    communes.mkdir()
    first = write_small_unit(communes)
    second = shutil.copytree(first, communes / "tan-hoa")
    set_cell(second / "unit.csv", 2, "unit_id", "tan-hoa")
    set_cell(second / "unit.csv", 2, "name", "Tân Hòa")
    for column in ("name",):
        for row in range(2, 10):
            set_cell(second / "entities.csv", row, column, f"HTX Hòa {row}")
    for folder in ("communes/tan-lap", "communes/tan-hoa"):
        done = _htx("report", "--data", folder, "--year", "2025", "--format", "html", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    # the province holds the same communes, as the officer copied them into units/
    province = tmp_path / "tinh"
    (province / "units").mkdir(parents=True)
    for folder in (first, second):
        shutil.copytree(folder, province / "units" / folder.name)
    shutil.copy(first / "periods.csv", province / "periods.csv")
    (province / "unit.csv").write_text(
        "unit_id,name,level,province\ntinh-mau,Mẫu,tinh,Mẫu\n", encoding="utf-8"
    )
    done = _htx("batch", "--data", "tinh", "--year", "2025", "--format", "html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "3 báo cáo đã lập" in done.stdout and " 0 lỗi" in done.stdout, done.stdout
    for unit in ("tan-lap", "tan-hoa"):
        page = (tmp_path / "reports" / unit / "2025" / "report.html").read_text("utf-8")
        assert f'content="{province / "units" / unit}"' in page  # built from the province's
    again = _htx("batch", "--data", "tinh", "--year", "2025", "--format", "html", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "3 không đổi" in again.stdout, again.stdout
    # another commune under an id already taken is refused, naming both folders
    other = shutil.copytree(first, communes / "khac")
    set_cell(other / "unit.csv", 2, "name", "Tân Lập Hạ")
    done = _htx("report", "--data", "communes/khac", "--year", "2025", cwd=tmp_path)
    assert done.returncode == 4
    assert "cùng mã đơn vị 'tan-lap'" in done.stderr and str(other) in done.stderr
    assert str(province / "units" / "tan-lap") in done.stderr
