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

from .conftest import VAN_QUAN, run_htx

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

#: Terms a Vietnamese officer reads as they are: commands, formats, programs and codes.
ALLOWED = {
    # the sub-commands, as typed
    "validate", "report", "texts", "batch", "template", "map", "export", "codebook",
    # formats and programs
    "csv", "xlsx", "html", "docx", "pdf", "markdown", "word", "excel", "libreoffice",
    "jupyter", "htx", "lang", "vi", "en", "ocop", "dd", "mm", "yyyy", "kb", "mb",
    # Vietnamese abbreviations, and the default output folder's name
    "tht", "lh", "lhhtx", "reports",
}  # fmt: skip

#: Common English words that are also well-formed Vietnamese syllables without marks.
ENGLISH_SYLLABLES = {"the", "to", "on", "at", "no", "not", "set", "can", "get", "it", "then"}

_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$"
)
#: What the user typed or the toolkit names: paths, file names, options, unit ids.
_TYPED = re.compile(
    r"\S*[/\\]\S*|--?[\w-]+|\S+\.(csv|xlsx|md|html|docx|pdf|ipynb|bak)\b|'[^'\s]*'|\{[^}]*\}"
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
    return work


#: Each command as a user runs it, from the folder above the units.
COMMANDS = {
    "help": ["--help"],
    **{f"{c} --help": [c, "--help"] for c in (
        "validate", "report", "texts", "batch", "template", "map", "export", "codebook")},
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
}  # fmt: skip


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_speaks_vietnamese_by_default(work, name):
    done = run_htx(*COMMANDS[name], cwd=work, lang=None)
    printed = done.stdout + done.stderr
    assert printed.strip(), "the command printed nothing"
    assert "Traceback" not in printed, printed
    assert not english_words(printed), (sorted(english_words(printed)), printed[-3000:])


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
