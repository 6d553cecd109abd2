"""Inputs and terminals that used to end in a traceback: each gets a sentence and an exit code.

Each test starts the real ``htx`` process, as a user would, and reads what it printed.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from .conftest import HTX, set_cell, write_small_unit

pytestmark = pytest.mark.slow

#: A folder name in Latin-1 ("tân-lập" as an old archive tool writes it): not UTF-8.
LATIN1 = b"t\xe2n-l\xe2p"


def _htx(*args, cwd, env=None) -> subprocess.CompletedProcess:
    environment = {**os.environ, "HTX_LANG": "vi", **(env or {})}
    return subprocess.run(
        [os.fsencode(HTX), *args], cwd=cwd, env=environment, capture_output=True, timeout=300
    )


def _said(done) -> str:
    return (done.stdout + done.stderr).decode("utf-8", "replace")


def test_a_data_folder_whose_name_is_not_utf8(tmp_path):
    unit = write_small_unit(tmp_path)
    os.rename(unit, os.path.join(os.fsencode(tmp_path), LATIN1))
    for command in ("report", "validate"):
        done = _htx(command, "--data", LATIN1, "--year", "2025", cwd=tmp_path)
        said = _said(done)
        assert done.returncode == 1 and "Traceback" not in said, said
        assert "tên thư mục không phải văn bản UTF-8" in said


def test_a_child_whose_folder_name_is_not_utf8_is_left_out(tmp_path):
    province = tmp_path / "tinh"
    (province / "units").mkdir(parents=True)
    good = write_small_unit(province / "units")
    other = os.path.join(os.fsencode(province / "units"), LATIN1)
    shutil.copytree(good, os.fsdecode(other))
    set_cell(good / "unit.csv", 2, "unit_id", "tan-lap-a")
    shutil.copy(good / "periods.csv", province / "periods.csv")
    (province / "unit.csv").write_text(
        "unit_id,name,level,province\ntinh-mau,Mẫu,tinh,Mẫu\n", encoding="utf-8"
    )
    done = _htx("report", "--data", "tinh", "--year", "2025", "--format", "html", cwd=tmp_path)
    said = _said(done)
    assert done.returncode == 5 and "Traceback" not in said, said
    assert "units/t\ufffdn-l\ufffdp" in said
    assert (tmp_path / "reports" / "tinh-mau" / "2025" / "report.html").is_file()


def test_a_parent_none_of_whose_children_load(tmp_path):
    province = tmp_path / "tinh"
    (province / "units").mkdir(parents=True)
    child = write_small_unit(province / "units")
    shutil.copy(child / "periods.csv", province / "periods.csv")
    (province / "unit.csv").write_text(
        "unit_id,name,level,province\ntinh-mau,Mẫu,tinh,Mẫu\n", encoding="utf-8"
    )
    (child / "entities.csv").write_text("không phải bảng\n", encoding="utf-8")
    for command in ("validate", "report"):
        done = _htx(command, "--data", "tinh", "--year", "2025", cwd=tmp_path)
        said = _said(done)
        assert done.returncode == 5 and "Traceback" not in said, (command, said)
        assert "units/tan-lap" in said
    assert not (tmp_path / "reports" / "tinh-mau").exists()


@pytest.mark.parametrize(
    "env", [{"LC_ALL": "C", "PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}]
)
def test_a_terminal_that_cannot_show_vietnamese(tmp_path, env):
    write_small_unit(tmp_path)
    for args in (("validate", "--data", "tan-lap"), ("--help",), ("map", "Bắc Hà")):
        done = _htx(*args, cwd=tmp_path, env=env)
        said = _said(done)
        assert "Traceback" not in said and "UnicodeEncodeError" not in said, (args, said)
        assert done.returncode in (0, 1, 2), (args, said)
