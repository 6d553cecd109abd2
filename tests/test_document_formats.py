"""What an office does around the document: write the analyst texts, check them, choose formats.

PDF needs LibreOffice: where the machine has it (CI installs it) a real PDF is made and read
back; everywhere the message for a machine without it is tested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from htxlib.cli import main
from htxlib.data.texts import GUIDANCE, SLOTS, load_text, text_states
from htxlib.report.writing import pdf

from .conftest import ROOT, VAN_QUAN


def files_under(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_texts_creates_guidance_files_and_keeps_existing_ones(small_unit, capsys):
    assert main(["texts", "--data", str(small_unit), "--year", "2025"]) == 0
    created = capsys.readouterr().out.split()
    assert len(created) == len(SLOTS)
    law = small_unit / "texts" / "2025" / "law.md"
    assert law.read_text(encoding="utf-8").startswith(GUIDANCE)
    assert load_text(small_unit, 2025, "law") is None  # guidance alone is no text
    law.write_text(law.read_text(encoding="utf-8") + "Đã phổ biến Luật Hợp tác xã.\n", "utf-8")
    before = law.read_bytes()
    assert main(["texts", "--data", str(small_unit), "--year", "2025"]) == 0
    assert capsys.readouterr().out == ""  # nothing created, nothing overwritten
    assert law.read_bytes() == before
    shown = load_text(small_unit, 2025, "law")
    assert "Đã phổ biến Luật Hợp tác xã." in shown and "HƯỚNG DẪN" not in shown


@pytest.mark.lang("en")
def test_texts_never_writes_into_the_sample_data(capsys):
    # 2023 has a period and no texts yet: without the guard, every slot would be written
    assert not (VAN_QUAN / "texts" / "2023").exists()
    before = files_under(ROOT / "data")
    assert main(["texts", "--data", str(VAN_QUAN), "--year", "2023"]) == 2
    assert "sample data" in capsys.readouterr().err
    assert files_under(ROOT / "data") == before


@pytest.mark.lang("en")
def test_validate_warns_about_sample_and_empty_texts(vq_copy, capsys):
    unit_copy = vq_copy
    (unit_copy / "texts" / "2024" / "law.md").write_text("Văn bản đã viết xong.\n", "utf-8")
    (unit_copy / "texts" / "2024" / "causes.md").unlink()
    operation = unit_copy / "texts" / "2024" / "operation.md"
    operation.write_text("Một đoạn mẫu.\n\n*(Nội dung mẫu.)*\n", "utf-8")
    states = text_states(unit_copy, 2024)
    assert states["law"] == "written" and states["causes"] == "empty"
    assert states["operation"] == "sample"
    assert states["impact"] == "optional"  # an opening paragraph: left out when not written
    assert main(["validate", "--data", str(unit_copy), "--year", "2024"]) == 0
    err = capsys.readouterr().err
    assert f"1 texts not written yet in {unit_copy}/texts/2024/ (causes.md)" in err
    assert f"htx texts --data {unit_copy} --year 2024" in err  # how to start them
    assert f"1 texts in {unit_copy}/texts/2024/ are still samples (operation.md)" in err
    assert "law" not in err


def test_second_unit_leaves_visible_blanks(small_unit, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["report", "--data", str(small_unit), "--year", "2025", "--out", str(out)]) == 0
    html = (out / "tan-lap" / "2025" / "report.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    head = " ".join(page.find(id="head").get_text(" ").split())
    assert "ỦY BAN NHÂN DÂN XÃ TÂN LẬP" in head
    assert "Số: …/KH-UBND" in head and "Tân Lập, ngày … tháng … năm …" in head
    assert "Thực hiện ………" in head  # no reference given: a blank to fill, none invented
    closing = " ".join(page.find(id="closing").get_text(" ").split())
    assert "Nơi nhận: - …" in closing and closing.endswith("… …")
    assert "huyện" not in html


def test_unknown_format_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["report", "--data", str(VAN_QUAN), "--year", "2024", "--format", "html,odt"])
    assert stop.value.code == 2
    assert "odt" in capsys.readouterr().err


def test_pdf_without_libreoffice_says_what_to_install(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    out = tmp_path / "reports"
    code = main(
        ["report", "--data", str(VAN_QUAN), "--year", "2024", "--out", str(out), "--format", "pdf"]
    )
    assert code == 4
    err = capsys.readouterr().err
    assert "LibreOffice" in err and pdf.PACKAGE in err
    assert not (out / "van-quan").exists()  # checked before anything ran


def pdf_tool(name: str, path: Path) -> str:
    """What a poppler tool prints about a PDF file (for pdftotext: its text)."""
    command = [name, str(path), *(["-"] if name == "pdftotext" else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.mark.slow
@pytest.mark.skipif(
    (pdf.engine() is None or not shutil.which("pdftotext")) and not os.environ.get("CI"),
    reason="LibreOffice or poppler-utils is not installed on this machine (CI installs both)",
)
def test_pdf_is_the_word_document_on_a4(small_unit, tmp_path, capsys):
    out = tmp_path / "reports"
    code = main(
        [
            "report",
            "--data",
            str(small_unit),
            "--year",
            "2025",
            "--out",
            str(out),
            "--format",
            "html,pdf",
        ]
    )
    assert code == 0, capsys.readouterr().err
    folder = out / "tan-lap" / "2025"
    names = {p.name for p in folder.iterdir()}
    assert {"report.pdf", "annex.pdf", "report.html", "annex.html"} <= names
    assert "report.docx" not in names  # made for the PDF, not asked for
    assert "(A4)" in pdf_tool("pdfinfo", folder / "report.pdf")
    text = " ".join(pdf_tool("pdftotext", folder / "report.pdf").split())
    for said in (
        "ỦY BAN NHÂN DÂN XÃ TÂN LẬP",  # the header's left column, line by line
        "KẾ HOẠCH Phát triển kinh tế tập thể, hợp tác xã năm 2026",
        "trên địa bàn xã Tân Lập có 04 HTX đã đăng ký và chưa giải thể",
        "Công nghiệp - Tiểu thủ công nghiệp: 01 HTX (25%)",
    ):
        assert said in text, said
    annex = " ".join(pdf_tool("pdftotext", folder / "annex.pdf").split())
    # 2025's ratings were made after Circular 01/2020 was repealed: not rescored under it
    assert "hết hiệu lực (từ ngày 18/9/2025" in annex and "không chấm lại" in annex
    fonts = pdf_tool("pdffonts", folder / "report.pdf").splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # embedded
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="tan-lap/2025/report.pdf"' in index
