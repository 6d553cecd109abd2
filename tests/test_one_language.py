"""One language on the screen: every sub-command, run as the real process in Vietnamese (the
default), prints no English word outside a short list of terms.

A word is suspect when it is written in plain ASCII letters and either cannot be a Vietnamese
syllable ("data", "rows", "built") or is a common English word that could ("the", "not").
Paths, file names and options are what the user typed, and are left out of the scan.
"""

from __future__ import annotations

import re
import shutil

import pytest
from openpyxl import load_workbook

from htxlib.data.codebook import TABLES
from htxlib.data.template import FIRST_DATA_ROW

from .conftest import ROOT, VAN_QUAN, run_htx, type_rows

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

#: Terms a Vietnamese officer reads as they are: commands, formats, programs and codes.
ALLOWED = {
    # the sub-commands, as typed
    "validate", "report", "texts", "batch", "template", "map", "export", "check", "codebook",
    # formats and programs
    "csv", "xlsx", "html", "docx", "pdf", "txt", "markdown", "word", "excel", "libreoffice",
    "jupyter", "htx", "lang", "vi", "en", "ocop", "dd", "mm", "yyyy", "kb", "mb", "gb",
    # Vietnamese abbreviations, and the default output folder's name
    "tht", "lh", "lhhtx", "ttcn", "reports",
}  # fmt: skip

#: Common English words that are also well-formed Vietnamese syllables without marks.
ENGLISH_SYLLABLES = {"the", "to", "on", "at", "no", "not", "set", "can", "get", "it", "then"}

_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$"
)
#: What the user typed or the toolkit names: paths, file names, options, unit ids.
_TYPED = re.compile(
    r"=[A-Z]+\([^)]*\)|\[\w+\]|\S*[/\\]\S*|--?[\w-]+|\S+\.(csv|xlsx|md|html|docx|pdf|ipynb|bak)\b|'[^'\s]*'|\{[^}]*\}"
)


def english_words(text: str) -> set[str]:
    """Return the words of ``text`` that read as English.

    Examples
    --------
    >>> sorted(english_words("số liệu hợp lệ; data OK, 3 rows (see data/van-quan/annual.csv)"))
    ['data', 'ok', 'rows']
    >>> english_words("theo danh mục, trong bảng chi_tieu của htx")
    set()
    """
    found = set()
    for word in re.findall(r"[^\W\d_]+", _TYPED.sub(" ", text)):
        if not word.isascii() or word.casefold() in ALLOWED:
            continue
        folded = word.casefold()
        if not _SYLLABLE.match(folded) or folded in ENGLISH_SYLLABLES:
            found.add(folded)
    return found


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """A folder as a user has it: a copy of the sample unit, a broken copy and an empty one."""
    work = tmp_path_factory.mktemp("lang")
    shutil.copytree(VAN_QUAN, work / "van-quan")
    broken = work / "hong"
    shutil.copytree(VAN_QUAN, broken)
    annual = broken / "annual.csv"
    lines = annual.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("members")] = "mười hai"
    lines[1] = ",".join(cells)
    annual.write_text("\n".join(lines) + "\n", encoding="utf-8")
    entities = broken / "entities.csv"
    text = entities.read_text(encoding="utf-8-sig")
    entities.write_text(text.replace("nong_nghiep", "trong_trot", 1), encoding="utf-8")
    (work / "trong").mkdir()
    # the CSV path of the workbook cases below: an unknown id, a row twice, no yearly table
    for name in ("csv-ma-la", "csv-trung-dong", "csv-thieu-bang"):
        shutil.copytree(VAN_QUAN, work / name)
    with (work / "csv-ma-la" / "annual.csv").open("a", encoding="utf-8") as handle:
        handle.write("VQ99,2024" + "," * (len(header) - 2) + "\n")
    first = (VAN_QUAN / "annual.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    with (work / "csv-trung-dong" / "annual.csv").open("a", encoding="utf-8") as handle:
        handle.write(first + "\n")
    (work / "csv-thieu-bang" / "annual.csv").unlink()
    _workbooks(work)
    return work


def _workbooks(work) -> None:
    """A commune's workbook from `htx template`, filled, and copies broken as users break them.

    The formula is written by a program, not an office suite: it has no saved value.
    """
    made = run_htx("template", "--unit", "02269", "--year", "2025", "--out", "xa/xa.xlsx", cwd=work)
    assert made.returncode == 0, made.stderr
    rows = {
        "entities": [
            {
                "entity_id": "HTX01",
                "kind": "HTX",
                "name": "HTX Chè Thượng Lâm",
                "founded_on": "15/3/2018",
            },
        ],
        "annual": [{"entity_id": "HTX01", "year": 2025, "members": 12, "revenue": "1.250"}],
    }
    broken = {
        "so-lieu-chu": ("annual", {"entity_id": "HTX01", "year": 2024, "revenue": "ba trăm"}),
        "trung-dong": ("annual", {"entity_id": "HTX01", "year": 2025, "members": 13}),
        "cong-thuc": ("annual", {"entity_id": "Tổng cộng", "members": "=SUM(C4:C4)"}),
        "ma-la": ("annual", {"entity_id": "HTX09", "year": 2025, "members": 3}),
        "thieu-trang": ("annual", None),
        "thieu-ky": ("periods", None),
    }
    for name, (table, extra) in {"xa": (None, None), **broken}.items():
        book = load_workbook(work / "xa" / "xa.xlsx")
        for sheet_of, typed in rows.items():
            type_rows(book, sheet_of, typed + ([extra] if extra and table == sheet_of else []))
        if extra is None and table:
            sheet = book[TABLES[table].vi]
            if table == "periods":
                sheet.delete_rows(FIRST_DATA_ROW, sheet.max_row)
            else:
                del book[TABLES[table].vi]
        (work / name).mkdir(exist_ok=True)
        book.save(work / name / f"{name}.xlsx")


#: Each command as a user runs it, from the folder above the units.
COMMANDS = {
    "help": ["--help"],
    **{f"{c} --help": [c, "--help"] for c in (
        "validate", "report", "texts", "batch", "template", "map", "export", "check",
        "codebook")},
    "no command": [],
    "missing --data": ["validate"],
    "bad --format": ["report", "--data", "van-quan", "--year", "2024", "--format", "odt"],
    "validate": ["validate", "--data", "van-quan"],
    "validate broken": ["validate", "--data", "hong"],
    "report broken": ["report", "--data", "hong", "--year", "2024"],
    "report year without period": ["report", "--data", "van-quan", "--year", "2031"],
    "texts": ["texts", "--data", "van-quan", "--year", "2025", "--allow-missing-period"],
    "texts again": ["texts", "--data", "van-quan", "--year", "2025", "--allow-missing-period"],
    "template": ["template", "--unit", "02269", "--year", "2025", "--out", "thuong-lam.xlsx"],
    "template again": ["template", "--unit", "02269", "--year", "2025", "--out", "thuong-lam.xlsx"],
    "template unknown code": ["template", "--unit", "99", "--year", "2025", "--out", "x.xlsx"],
    "map": ["map"],
    "map name": ["map", "thuong lam"],
    "map province": ["map", "--province", "tuyen quang"],
    "map nothing": ["map", "khong co dau"],
    "export": ["export", "--data", "van-quan", "--year", "2024", "--out", "xuat"],
    "batch empty": ["batch", "--data", "trong", "--year", "2024"],
    "batch broken": ["batch", "--data", "hong", "--year", "2024", "--jobs", "64"],
    "codebook": ["codebook", "--output", "dinh-dang.md"],
    "check": ["check", str(ROOT / "tests" / "data" / "check_excerpts" / "da-teh-2020.txt")],
    "check unreadable": ["check", "khong-co.docx"],
    # the workbook path: a commune's workbook, and copies broken as users break them
    "validate workbook": ["validate", "--data", "xa"],
    "workbook not a number": ["validate", "--data", "so-lieu-chu"],
    "workbook formula without value": ["validate", "--data", "cong-thuc"],
    "workbook unknown id": ["validate", "--data", "ma-la"],
    "workbook row twice": ["validate", "--data", "trung-dong"],
    "workbook without its yearly sheet": ["validate", "--data", "thieu-trang"],
    "workbook year without period": ["report", "--data", "thieu-ky", "--year", "2025"],
    "export workbook": ["export", "--data", "xa", "--year", "2025", "--out", "xuat-xa"],
    "csv unknown id": ["validate", "--data", "csv-ma-la"],
    "csv row twice": ["validate", "--data", "csv-trung-dong"],
    "csv without its yearly table": ["validate", "--data", "csv-thieu-bang"],
}  # fmt: skip

#: What each broken copy must be told, in its own words: the scan alone passes a silent run.
SAID = {
    "check": "Trang 1: 17 + 3 = 20, văn bản ghi tổng số 21 HTX",
    "check unreadable": "khong-co.docx: không đọc được: không có tệp này",
    "validate workbook": "số liệu hợp lệ",
    "workbook not a number": "không phải số",
    "workbook formula without value": "chưa có giá trị được lưu",
    "workbook unknown id": "mã này không có trong",
    "workbook row twice": "đã có một dòng khác cùng 'Mã' và 'Năm'",
    "workbook without its yearly sheet": "thiếu bảng bắt buộc",
    "workbook year without period": "không có dòng cho năm 2025",
    "csv unknown id": "mã này không có trong",
    "csv row twice": "đã có một dòng khác cùng 'entity_id' và 'year'",
    "csv without its yearly table": "thiếu bảng bắt buộc",
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_speaks_vietnamese_by_default(work, name):
    done = run_htx(*COMMANDS[name], cwd=work, lang=None)
    printed = done.stdout + done.stderr
    assert printed.strip(), "the command printed nothing"
    assert "Traceback" not in printed, printed
    assert not english_words(printed), (sorted(english_words(printed)), printed[-3000:])
    assert SAID.get(name, "") in printed, printed[-3000:]


@pytest.mark.parametrize("unit", ["van-quan", "xa"])
def test_exported_tables_have_vietnamese_headers(work, unit):
    """What `htx export` writes is read too: the header of every CSV and every sheet."""
    out = f"xuat-{unit}-bang"
    done = run_htx("export", "--data", unit, "--year", "2024" if unit == "van-quan" else "2025",
                   "--out", out, cwd=work, lang=None)  # fmt: skip
    assert done.returncode == 0, done.stderr
    tables = sorted((work / out).rglob("*.csv"))
    assert len(tables) == 10, tables
    for path in tables:
        header = path.read_text(encoding="utf-8-sig").splitlines()[0]
        assert not english_words(header.replace('"', " ")), (path.name, header)
    book = load_workbook(next((work / out).rglob("figures.xlsx")), read_only=True)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))  # a table with no rows may have none
        header = " ".join(str(c) for c in (rows[0] if rows else ()) if c is not None)
        assert not english_words(header), (sheet.title, header)


def test_the_scan_catches_english(work):
    """The same command in English is caught: the scan can fail."""
    done = run_htx("validate", "--data", "hong", "--lang", "en", cwd=work, lang=None)
    assert {"row", "column"} & english_words(done.stdout + done.stderr)


@pytest.mark.parametrize(("flag", "environment"), [("en", "vi"), ("vi", "en")])
def test_the_lang_flag_wins_over_the_environment(work, flag, environment):
    # a --lang that is ignored leaves the environment's language: this fails then
    done = run_htx("validate", "--data", "hong", "--lang", flag, cwd=work, lang=environment)
    printed = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in printed
    english = english_words(printed)
    assert (flag == "en") == bool({"row", "column"} & english), printed[-2000:]
    if flag == "vi":
        assert not english and "dòng" in printed, printed[-2000:]
