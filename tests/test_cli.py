"""The htx command: validate and codebook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from htxlib.cli import main
from htxlib.report.document.codebook_page import render

from .conftest import HTX, ROOT, VAN_QUAN, set_cell

#: What ``validate`` says, in each language: a data-problem line, a summary, a missing folder.
SAID = {
    "vi": {
        "ok": "huyện Văn Quan (Lạng Sơn): số liệu hợp lệ",
        "negative": "annual.csv, dòng 4, cột 'managers_vocational': giá trị '-1': không được âm",
        "nowhere": "nowhere: không có thư mục hay tệp này (đường dẫn tính từ thư mục hiện tại",
    },
    "en": {
        "ok": "huyện Văn Quan (Lạng Sơn): data OK",
        "negative": "annual.csv, row 4, column 'managers_vocational': value '-1': must not be "
        "negative",
        "nowhere": "nowhere: no such folder or file (the path is read from the current folder",
    },
}


@pytest.mark.parametrize("lang", SAID)
def test_validate_van_quan_exits_0(capsys, monkeypatch, lang):
    monkeypatch.setenv("HTX_LANG", lang)
    assert main(["validate", "--data", str(VAN_QUAN)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(SAID[lang]["ok"])
    htx_line = next(line for line in out.splitlines() if line.strip().startswith("HTX "))
    assert htx_line.split()[1:7] == ["31", "1", "4", "0", "0", "36"]


@pytest.mark.parametrize("lang", SAID)
def test_validate_fault_exits_1_and_names_it(vq_copy, capsys, monkeypatch, lang):
    monkeypatch.setenv("HTX_LANG", lang)
    set_cell(vq_copy / "annual.csv", 4, "managers_vocational", "-1")
    assert main(["validate", "--data", str(vq_copy)]) == 1
    assert f"  - {SAID[lang]['negative']}\n" in capsys.readouterr().err


@pytest.mark.parametrize("lang", SAID)
def test_validate_missing_folder(tmp_path, capsys, monkeypatch, lang):
    monkeypatch.setenv("HTX_LANG", lang)
    assert main(["validate", "--data", str(tmp_path / "nowhere")]) == 2  # a mistake in the command
    assert f"{tmp_path / SAID[lang]['nowhere']}" in capsys.readouterr().err


def test_a_folder_of_communes_is_built_with_batch_and_says_so(tmp_path):
    """A user runs validate, then report, on the folder holding the communes, as typed."""
    communes = tmp_path / "communes"
    for name in ("xa-diem-he", "xa-tri-le"):
        shutil.copytree(ROOT / "data" / "lang-son-mau" / "units" / name, communes / name)
    for command in (["validate"], ["report", "--year", "2024"]):
        done = subprocess.run(
            [str(HTX), *command, "--data", "communes"],
            cwd=tmp_path,
            env={**os.environ, "HTX_LANG": "vi"},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        said = done.stderr
        assert "communes không phải thư mục dữ liệu của một đơn vị" in said
        assert "02 đơn vị (xa-diem-he, xa-tri-le)" in said
        assert "htx batch --data communes --year NĂM" in said
        assert "htx validate --data communes/xa-diem-he" in said
        assert not (tmp_path / "reports").exists()


def test_the_installed_command_runs():
    done = subprocess.run(
        [str(HTX), "validate", "--data", str(VAN_QUAN), "--year", "2024"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "30/06/2024" in done.stdout


def test_codebook_file_is_current():
    assert (ROOT / "data" / "README.md").read_text(encoding="utf-8") == render()


def test_help_and_argument_errors_speak_the_users_language():
    """The real `htx` process: Vietnamese by default, English with --lang en, and no pandas
    imported to answer --help."""
    import os
    import subprocess

    from .conftest import run_htx

    def run(*args):
        return run_htx(*args, lang=None)

    vi = run("template", "--help")
    assert vi.returncode == 0 and "cách dùng:" in vi.stdout and "năm đánh giá" in vi.stdout
    en = run("--lang", "en", "template", "--help")
    assert "usage:" in en.stdout and "assessed year" in en.stdout
    error = run("validate")
    assert error.returncode == 2 and "lỗi: thiếu các tham số bắt buộc: --data" in error.stderr
    probe = (
        "import sys; from htxlib.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'pandas' not in sys.modules, 'pandas imported for --help'\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "HTX_LANG"}
    quick = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert quick.returncode == 0, quick.stderr
