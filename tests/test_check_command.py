"""`htx check`: a plan's figures checked from its text, as an office receives the plan.

- the published excerpts of real plans (``tests/data/check_excerpts``, copied from
  ``../shared/real-units/units/*/README.md``): the inconsistencies their expectations flag
  are found, and the correct roundings they must not flag are not;
- the toolkit's own signing copies, Word and PDF: every number recognised, nothing found,
  also against the unit's data;
- one number changed in a signing copy: that inconsistency is named, and nothing else;
- files that cannot be read: one line and exit status 2, never a traceback.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document

from htxlib.checks.text.document_check import check_document
from htxlib.checks.text.vocabulary import class_of
from htxlib.data.codes import RATINGS, SECTORS, STATUSES, THT_PURPOSES
from htxlib.data.dataset import load_unit
from htxlib.report.writing import pdf

from .conftest import ROOT, VAN_QUAN, run_htx

EXCERPTS = ROOT / "tests" / "data" / "check_excerpts"
#: The seed plan (Văn Quan, 2025), as published: a plan typed by hand.
SEED = ROOT / "tests" / "data" / "seed" / "ke-hoach-van-quan-2025.txt"

#: What each published excerpt contradicts in itself: (check, a number its message names).
#: The others hold only correct figures and roundings ("gần 43%", "hơn 19%", 36,3% of the 171
#: operating HTX, the 100,5% of a plan of 203): nothing may be flagged in them.
FLAGGED = {
    "bac-kan-2019": [("share", "52,4%")],  # 119 of 181 is 65,75%
    "cho-moi-2021": [("plan", "250%"), ("parts", "38 + 2 + 1 = 41")],
    "da-teh-2020": [("parts", "17 + 3 = 20"), ("share", "4,7%")],
    "dien-bien-2020": [("share", "54,3%")],  # 93 of the 171 operating HTX is 54,39%
    "dong-nai-2024": [("parts", "1.182"), ("share", "21,2%")],
    "ha-tinh-2015": [("parts", "788 + 45 + 6 = 839")],
}


@pytest.mark.parametrize("path", sorted(EXCERPTS.glob("*.txt")), ids=lambda p: p.stem)
def test_a_published_excerpt_is_flagged_where_it_contradicts_itself(path):
    result = check_document(path)
    found = [(f.check, f.message) for f in result.findings]
    expected = FLAGGED.get(path.stem, [])
    assert len(found) == len(expected), found
    for (check, number), (kind, message) in zip(expected, found, strict=True):
        assert kind == check and number in message, found
    assert result.share_recognised >= 95, result.recognised.unrecognised


def test_the_seed_document_holds_together():
    """The seed's own figures agree with each other and with the Văn Quan data."""
    from htxlib.data.dataset import load_unit

    result = check_document(SEED, load_unit(VAN_QUAN), 2024)
    assert result.findings == []
    assert result.share_recognised >= 95
    assert result.compared >= 15


@pytest.fixture(scope="module")
def signing_copy(vq_report) -> Path:
    out, _page = vq_report
    return out / "van-quan" / "2024" / "report.docx"


def test_the_signing_copy_checks_clean_against_its_data(signing_copy, tmp_path):
    """The real command, on the toolkit's own signing copy, as the README writes it."""
    shutil.copy(signing_copy, tmp_path / "ke-hoach-2025.docx")
    done = run_htx("check", "ke-hoach-2025.docx", "--data", str(VAN_QUAN), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    first = done.stdout.splitlines()[0]
    assert first.startswith("ke-hoach-2025.docx:") and "0 chỗ không khớp" in first, first
    known, numbers = _recognised(first)
    assert numbers >= 90 and known / numbers >= 0.95, first
    compared = int(re.search(r"đã đối chiếu (\d+) số liệu", done.stdout).group(1))
    assert compared >= 20, done.stdout  # the figures were set against the data, not skipped
    # the figures are listed with their sentences, in Vietnamese
    assert "Các số liệu nhận dạng được:" in done.stdout
    assert "36 HTX [số HTX]" in done.stdout


def _checked(path: Path, text: str) -> list:
    """Write a plan's text as a user saves it, and return what checking it finds."""
    path.write_text(text, encoding="utf-8")
    return check_document(path).findings


def _recognised(line: str) -> tuple[int, int]:
    """(recognised, numbers) from the summary line "tệp: 101 con số, nhận dạng được 101 (…)"."""
    found = re.search(r": ([\d.]+) con số, nhận dạng được ([\d.]+) ", line)
    return int(found.group(2).replace(".", "")), int(found.group(1).replace(".", ""))


@pytest.mark.skipif(
    (pdf.engine() is None) and not __import__("os").environ.get("CI"),
    reason="LibreOffice renders the PDF",
)
def test_the_pdf_signing_copy_reads_as_its_word_file(signing_copy, tmp_path):
    """PDF text keeps its diacritics, its tables and pages; it checks as the Word file does."""
    subprocess.run(
        [
            pdf.engine(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(signing_copy),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    as_pdf = check_document(tmp_path / "report.pdf")
    as_word = check_document(signing_copy)
    assert as_pdf.findings == [] and as_pdf.share_recognised >= 95
    texts = " ".join(s.text for s in as_pdf.recognised.sentences)
    assert "Nông - Lâm - Ngư nghiệp: 33 HTX (91,67%)" in texts
    assert max(s.page for s in as_pdf.recognised.sentences) > 3
    values = sorted(f.value for f in as_word.recognised.figures)
    assert sorted(f.value for f in as_pdf.recognised.figures) == values


def _plant(source: Path, target: Path, old: str, new: str) -> None:
    """Change one number in a Word file, in the paragraph that holds it."""
    document = Document(str(source))
    for paragraph in document.paragraphs:
        if old in paragraph.text:
            for run in paragraph.runs:
                if old in run.text:
                    run.text = run.text.replace(old, new, 1)
                    break
            else:
                paragraph.text = paragraph.text.replace(old, new, 1)
            document.save(str(target))
            return
    raise AssertionError(f"{old!r} is not in {source}")


#: A number changed in the Văn Quan signing copy, and the one finding it must give.
PLANTED = [
    (
        "a part",
        "Nông - Lâm - Ngư nghiệp: 33 HTX",
        "Nông - Lâm - Ngư nghiệp: 34 HTX",
        "share",
        "34 HTX",
    ),
    ("a total", "có 36 HTX đã đăng ký", "có 37 HTX đã đăng ký", "twice", "37 HTX"),
    ("a share", "chiếm 16,67%", "chiếm 17,67%", "share", "17,67%"),
    ("a named list", "04 HTX, gồm HTX Thương mại", "05 HTX, gồm HTX Thương mại", "list", "05 HTX"),
    (
        "a list's part",
        "gồm 04 sản phẩm đạt 03 sao",
        "gồm 03 sản phẩm đạt 03 sao",
        "parts",
        "3 + 1 = 4",
    ),
]


@pytest.mark.parametrize("what, old, new, check, named", PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_error_is_named_and_nothing_else(
    signing_copy, tmp_path, what, old, new, check, named
):
    changed = tmp_path / "changed.docx"
    _plant(signing_copy, changed, old, new)
    findings = check_document(changed).findings
    assert [(f.check, named in f.message) for f in findings] == [(check, True)], [
        f.message for f in findings
    ]


def test_a_planted_percentage_of_plan_is_named(tmp_path):
    text = (EXCERPTS / "can-tho-2022.txt").read_text(encoding="utf-8")
    changed = tmp_path / "ke-hoach.txt"
    changed.write_text(text.replace("đạt 40% kế hoạch", "đạt 45% kế hoạch"), encoding="utf-8")
    findings = check_document(changed).findings
    assert [f.check for f in findings] == ["plan"] and "45%" in findings[0].message


def test_a_plan_against_its_own_targets_and_rules(tmp_path):
    """A target below the value reached; a 2025 rating under a circular repealed that year."""
    plan = tmp_path / "ke-hoach-2026.txt"
    plan.write_text(
        "KẾ HOẠCH\n\nPhát triển kinh tế tập thể, hợp tác xã năm 2026\n\n"
        "Phần I\n\nĐến ngày 31/12/2025, trên địa bàn xã có 12 HTX và 04 THT.\n\n"
        "Kết quả đánh giá, xếp loại HTX năm 2025 theo Thông tư số 01/2020/TT-BKHĐT: "
        "03 HTX tốt, 05 HTX khá.\n\n"
        "Phần II\n\nMục tiêu cụ thể: tổng số HTX: 10 HTX.\n",
        encoding="utf-8",
    )
    checks = sorted(f.check for f in check_document(plan).findings)
    assert checks == ["target", "validity"]
    earlier = tmp_path / "ke-hoach-2025.txt"
    earlier.write_text(
        plan.read_text(encoding="utf-8")
        .replace("năm 2026", "năm 2025")
        .replace("năm 2025 theo", "năm 2024 theo")
        .replace("10 HTX", "14 HTX"),
        encoding="utf-8",
    )
    assert check_document(earlier).findings == []


def test_many_plans_give_one_table_and_a_summary_per_file(tmp_path):
    """The second README command: relative paths, a folder of tables, exit status 1."""
    folder = tmp_path / "nhan-duoc"
    shutil.copytree(EXCERPTS, folder)
    files = sorted(p.name for p in folder.glob("*.txt"))
    done = run_htx("check", *[f"nhan-duoc/{f}" for f in files], "--out", "kiem-tra", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    with open(tmp_path / "kiem-tra" / "phat-hien.csv", encoding="utf-8-sig") as handle:
        findings = list(csv.DictReader(handle))
    assert len(findings) == sum(len(v) for v in FLAGGED.values())
    assert findings[0]["nội dung kiểm tra"] == "tỷ lệ và số lượng"
    assert findings[0]["phát hiện"].startswith("Trang 1: 119 HTX trên tổng số 181 là 65,75%")
    with open(tmp_path / "kiem-tra" / "tom-tat.csv", encoding="utf-8-sig") as handle:
        summary = list(csv.DictReader(handle))
    assert [row["tệp"] for row in summary] == [f"nhan-duoc/{f}" for f in files]
    assert f"{len(files)} tệp: 6 tệp có chỗ không khớp, 8 tệp không có, 0 tệp không đọc được" in (
        done.stdout
    )
    # a second run writes over its own tables; a file of the user's own is never replaced
    assert (
        run_htx("check", f"nhan-duoc/{files[0]}", "--out", "kiem-tra", cwd=tmp_path).returncode == 1
    )
    mine = tmp_path / "cua-toi"
    mine.mkdir()
    (mine / "phat-hien.csv").write_text("số liệu của tôi\n", encoding="utf-8")
    done = run_htx("check", f"nhan-duoc/{files[0]}", "--out", "cua-toi", cwd=tmp_path)
    assert done.returncode == 2 and "không do htx check ghi ra" in done.stderr
    assert (mine / "phat-hien.csv").read_text(encoding="utf-8") == "số liệu của tôi\n"


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b"a" * (60 * 2**20) + b">")


#: Files an office may receive that cannot be read, and what the user is told of each.
UNREADABLE = {
    "hong.docx": (b"not a zip", "không phải tệp Word đọc được"),
    "hong.pdf": (b"%PDF-1.4\n garbage", "không phải tệp PDF đọc được"),
    "ke-hoach.odt": (b"x", "htx check không đọc loại tệp này"),
    "cp1258.txt": (b"H\xe0p t\xe1c x\xe3 \xf2\xff", "không phải tệp văn bản"),  # not UTF-8
    "bom.docx": (None, "tỷ lệ nén"),
}


def test_a_file_that_cannot_be_read_is_one_line_and_status_2(tmp_path):
    """Each is named on one line with its reason; the readable one is still checked."""
    for name, (content, _said) in UNREADABLE.items():
        if content is None:
            _zip_bomb(tmp_path / name)
        else:
            (tmp_path / name).write_bytes(content)
    (tmp_path / "tot.txt").write_text("Toàn xã có 05 HTX.\n", encoding="utf-8")
    done = run_htx("check", *UNREADABLE, "tot.txt", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    for name, (_content, said) in UNREADABLE.items():
        line = next(line for line in lines if line.startswith(f"{name}: không đọc được: "))
        assert said in line, line
    assert "tot.txt: 1 con số, nhận dạng được 1 (100%), 0 chỗ không khớp" in done.stdout
    assert (
        f"{len(UNREADABLE) + 1} tệp: 0 tệp có chỗ không khớp, 1 tệp không có, 5 tệp không đọc được"
        in done.stdout
    )


def test_the_vocabulary_reads_back_every_label_the_report_prints():
    """The words the report writes a class with are the words the check reads it by."""
    for codes, dimension, unit in (
        (SECTORS, "sector", "HTX"),
        (RATINGS, "rating", "HTX"),
        (STATUSES, "status", "HTX"),
        (THT_PURPOSES, "purpose", "THT"),
    ):
        for code, label in codes.items():
            if dimension == "purpose" and code == "nong_nghiep":
                continue  # "Tổ hợp tác nông nghiệp" is the sector's word, read for THT as such
            assert class_of(f"HTX {label.lower()}", unit) == (dimension, code), label


REAL_UNITS = ROOT / "tests" / "data" / "real_units"


@pytest.fixture(scope="module")
def real_reports(tmp_path_factory) -> Path:
    """The signing and review copies of two real units, built once."""
    from htxlib.cli import main

    out = tmp_path_factory.mktemp("real") / "reports"
    for unit in ("dong-nai-2024", "vinh-phuc-2018"):
        year = unit.rsplit("-", 1)[1]
        args = ["report", "--data", str(REAL_UNITS / unit), "--year", year]
        assert main([*args, "--format", "html,docx", "--out", str(out)]) == 0
    return out


@pytest.mark.slow
@pytest.mark.parametrize("unit", ["dong-nai-2024", "vinh-phuc-2018"])
def test_a_real_units_signing_copy_checks_clean_against_its_data(unit, real_reports):
    """Real units' own signing copies: estimated values are blanks, percentages are of
    what is printed (an estimate of 22 HTX is 62,86% of a plan of 35), and every figure
    agrees with the unit's data.
    """
    year = unit.rsplit("-", 1)[1]
    folder = REAL_UNITS / unit
    signing = real_reports / unit / year / "report.docx"
    result = check_document(signing, load_unit(folder), int(year))
    assert [f.message for f in result.findings] == []
    assert result.share_recognised >= 95 and result.compared >= 5


@pytest.mark.slow
def test_a_list_resting_on_estimated_dates_is_a_blank_in_the_signing_copy(real_reports):
    """Vĩnh Phúc's founding dates are estimated: which HTX are new, how many, in which sector
    and their shares are estimates, so the signing copy leaves them blank and its appendix
    leaves their list out, while the review copy keeps them, marked. Its sectors are known
    for 11 of 617 HTX: a sector's count is said to be of those.
    """
    report = real_reports / "vinh-phuc-2018" / "2018"
    text = "\n".join(p.text for p in Document(str(report / "report.docx")).paragraphs)
    assert "có … HTX được thành lập mới: …; theo nhóm ngành: … HTX nông nghiệp" in text
    assert "Nông - Lâm - Ngư nghiệp: 08 HTX (…)." in text
    assert "HTX thành lập mới từ ngày" not in text.split("PHỤ LỤC", 1)[1]
    assert "1. HTX đang tạm ngừng hoạt động (73 HTX)" in text
    assert "chỉ tính các HTX đã rõ lĩnh vực (… trong tổng số 617 HTX)" in text
    assert "Trong số HTX đã rõ lĩnh vực có 08 HTX hoạt động trong lĩnh vực này" in text
    page = (report / "report.html").read_text(encoding="utf-8")
    assert "HTX thành lập mới từ ngày 01/01/2018 đến ngày 13/7/2018 (11 HTX)" in page


def test_part_one_against_what_part_two_states_for_the_same_year(tmp_path):
    """A percentage of plan against the plan Part II states; a year's total stated twice."""
    plan = tmp_path / "ke-hoach-2025.txt"
    text = (
        "KẾ HOẠCH\n\nPhát triển kinh tế tập thể, hợp tác xã năm 2025\n\nPhần I\n\n"
        "Năm 2024, toàn huyện thành lập mới 09 HTX, đạt 90% kế hoạch. Đến ngày 31/12/2024, "
        "toàn huyện có 40 HTX.\n\nPhần II\n\nKế hoạch năm 2024: 10 HTX thành lập mới. "
        "Năm 2024 có 40 HTX. Mục tiêu năm 2025: tổng số HTX 45 HTX.\n"
    )
    assert _checked(plan, text) == []
    findings = _checked(plan, text.replace("10 HTX thành lập mới", "12 HTX thành lập mới"))
    assert [f.check for f in findings] == ["plan"] and "kế hoạch 12 là 75%" in findings[0].message
    findings = _checked(plan, text.replace("Năm 2024 có 40 HTX", "Năm 2024 có 41 HTX"))
    assert [f.check for f in findings] == ["twice"] and "41 HTX" in findings[0].message


#: A text that holds together, one figure planted in it, and the one finding it gives.
PLANTED = {
    "a total at two dates is two figures, not a contradiction": (
        "Đến ngày 31/3/2024, toàn tỉnh có 35 HTX. Đến ngày 30/6/2024, toàn tỉnh có 36 HTX. "
        "Đến ngày 30/6/2024, trên địa bàn có 36 HTX và 05 THT.\n",
        ("có 36 HTX và", "có 37 HTX và"),
        "Trang 1: số HTX ghi 36 HTX ở một chỗ, 37 HTX ở chỗ khác",
    ),
    "a growth is no share, and a list of every sector is whole": (
        "Toàn tỉnh có 125 HTX, tăng 12% so với năm 2023. Tổng số HTX trên địa bàn: 125 HTX, "
        "trong đó: HTX nông nghiệp 98 HTX; HTX phi nông nghiệp 27 HTX.\n",
        ("27 HTX.", "25 HTX."),
        "Trang 1: 98 + 25 = 123, văn bản ghi tổng số 125 HTX",
    ),
}


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_a_text_that_holds_together_and_its_one_planted_error(tmp_path, case):
    text, (old, new), message = PLANTED[case]
    plan = tmp_path / "bao-cao.txt"
    assert _checked(plan, text) == []
    assert [f.message for f in _checked(plan, text.replace(old, new))] == [message]


def test_a_table_of_indicators_is_not_a_table_with_a_total_row(tmp_path):
    """ "Tổng số HTX" heads an indicator's row; only a row labelled "Tổng số"/"Cộng" adds up."""
    rows = [
        ("Chỉ tiêu", "Năm 2024", "Năm 2025"),
        ("Tổng số HTX", "120", "125"),
        ("HTX nông nghiệp", "90", "95"),
        ("Tổng số thành viên HTX", "5.000", "5.100"),
    ]
    totals = [("Xã", "Số HTX", "Tỷ lệ"), ("Xã A", "12", "40%"), ("Xã B", "18", "60%")]

    def table(body):
        return (
            "<table>"
            + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in body)
            + "</table>"
        )

    page = tmp_path / "bieu.html"
    page.write_text(
        f"<html><body>{table(rows)}{table([*totals, ('Cộng', '30', '100%')])}</body></html>",
        encoding="utf-8",
    )
    assert check_document(page).findings == []
    page.write_text(
        f"<html><body>{table([*totals, ('Cộng', '31', '100%')])}</body></html>", encoding="utf-8"
    )
    found = [f.message for f in check_document(page).findings]
    assert found[0] == "Trang 1, bảng 1: các dòng cộng lại được 30, dòng tổng ghi 31", found


def test_what_a_list_is_and_what_a_share_is_of(tmp_path):
    """ "12 HTX là HTX nông nghiệp" names no HTX; "60% số HTX thành lập mới" is of a part whose
    size the sentence gives, not of the 40; a list of names with numbers in them is counted.
    """
    plan = tmp_path / "bao-cao.txt"
    plan.write_text(
        "Toàn tỉnh có 40 HTX, trong đó 12 HTX là HTX nông nghiệp. Năm 2024 thành lập mới 10 "
        "HTX, trong đó 06 HTX nông nghiệp (chiếm 60% số HTX thành lập mới). Có 02 HTX xếp loại "
        "tốt (HTX Nông nghiệp Bắc Kạn số 013, HTX Đại Quân và HTX An Bình).\n",
        encoding="utf-8",
    )
    found = [f.message for f in check_document(plan).findings]
    assert found == [
        "Trang 1: 02 HTX, văn bản kể tên 3: HTX Nông nghiệp Bắc Kạn số 013; HTX Đại Quân; "
        "HTX An Bình"
    ]


def test_a_paragraph_a_page_break_cuts_is_read_whole():
    """A PDF's list of names that goes on over the page is one sentence, counted whole."""
    from htxlib.data.read.document_text import Block, _across_pages

    blocks = [
        Block(1, "- HTX giải thể: có 03 HTX giải thể (HTX An Bình, HTX"),
        Block(2, "Đại Quân và HTX Hoàng Gia)."),
        Block(2, "- HTX tạm ngừng hoạt động: 01 HTX."),
    ]
    joined = _across_pages(blocks)
    assert [(b.page, b.text) for b in joined] == [
        (1, "- HTX giải thể: có 03 HTX giải thể (HTX An Bình, HTX Đại Quân và HTX Hoàng Gia)."),
        (2, "- HTX tạm ngừng hoạt động: 01 HTX."),
    ]
