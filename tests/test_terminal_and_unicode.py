"""Text that reads as it is stored, and a terminal that only shows text.

Names and texts may not hold characters that hide, reorder or fake what a reader sees; a
value printed on the terminal has its control characters escaped, so a cell, a header or a
folder name can neither drive the terminal nor forge a line of the toolkit's own.
"""

from __future__ import annotations

import shutil

import pytest

from .conftest import run_htx, set_cell

ESC = "\x1b"


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("HTX Văn Quan Xanh \u202e,ýuQ nârT XTH", "đổi chiều văn bản"),  # right-to-left override
        ("HTX Trân\u200b Quý", "không có độ rộng"),  # looks like "HTX Trân Quý"
        ("HTX Trân Quý\u009b", "ký tự điều khiển"),  # a C1 control (CSI)
        ("HTX \ufdd0 Mới", "không phải chữ"),  # a non-character
    ],
)
def test_hidden_characters_in_a_name_are_problems_with_their_cell(small_unit, name, says):
    set_cell(small_unit / "entities.csv", 3, "name", name)
    done = run_htx("validate", "--data", small_unit.name, cwd=small_unit.parent)
    assert done.returncode == 1
    line = next(x for x in done.stderr.splitlines() if "entities.csv" in x)
    assert "dòng 3" in line and "'name'" in line and says in line, line
    assert "\u202e" not in done.stderr and "\x9b" not in done.stderr  # shown escaped


def test_a_hidden_character_in_an_analyst_text_names_the_line(small_unit):
    texts = small_unit / "texts" / "2025"
    texts.mkdir(parents=True)
    (texts / "law.md").write_text("Dòng một.\n\nHTX \u202eđảo ngược\n", encoding="utf-8")
    done = run_htx("validate", "--data", small_unit.name, cwd=small_unit.parent)
    assert done.returncode == 1
    assert "texts/2025/law.md, dòng 3" in done.stderr and "đổi chiều" in done.stderr


def test_escape_sequences_in_cells_reach_the_terminal_escaped(small_unit):
    """A name that would clear the screen and print a fake "data OK" in green."""
    fake = f"{ESC}[2J{ESC}[32mdữ liệu hợp lệ{ESC}]0;title\a"
    set_cell(small_unit / "entities.csv", 3, "name", fake)
    set_cell(small_unit / "annual.csv", 2, "members", f"12{ESC}[8m")
    done = run_htx("validate", "--data", small_unit.name, cwd=small_unit.parent)
    printed = done.stdout + done.stderr
    assert ESC not in printed and "\a" not in printed
    assert "\\x1b[2J" in printed  # what the cell holds, as text


def test_a_child_folder_name_cannot_forge_a_line(small_unit, tmp_path):
    """A folder named "x\\nđơn vị con xa-gia: đã tổng hợp" prints on one line."""
    parent = tmp_path / "tinh"
    parent.mkdir()
    for name in ("unit.csv", "periods.csv"):
        shutil.copy(small_unit / name, parent / name)
    set_cell(parent / "unit.csv", 2, "unit_id", "tinh-thu")
    set_cell(parent / "unit.csv", 2, "level", "tinh")
    forged = f"x\nđơn vị con xa-gia: đã tổng hợp{ESC}[8m"
    shutil.copytree(small_unit, parent / "units" / forged)
    done = run_htx("validate", "--data", "tinh", "--year", "2025", cwd=tmp_path)
    lines = (done.stdout + done.stderr).splitlines()
    assert not any(line.startswith("đơn vị con xa-gia") for line in lines), lines
    assert any("units/x\\x0ađơn vị con xa-gia" in line for line in lines), lines
    assert ESC not in done.stdout + done.stderr


def test_a_stray_byte_in_a_utf8_file_is_one_message_not_mojibake(small_unit):
    unit = small_unit / "unit.csv"
    data = unit.read_bytes()
    at = data.index("Tân".encode())
    unit.write_bytes(data[: at + 4] + b"\xff" + data[at + 4 :])
    done = run_htx("validate", "--data", small_unit.name, cwd=small_unit.parent)
    assert done.returncode == 1
    assert "unit.csv" in done.stderr and "0xFF" in done.stderr and "dòng 2" in done.stderr
    assert "TÃ¢n" not in done.stdout + done.stderr


def test_the_names_left_to_the_fast_path_are_those_icu_passes():
    # names of Latin letters alone skip ICU's mixed-script check: each such letter passes it
    from htxlib.data.name_checks import _OUTSIDE_LATIN, spoof_checks

    checker, mixed = spoof_checks()
    kept = [chr(c) for c in range(0xD800) if not _OUTSIDE_LATIN.search(chr(c))]
    assert {"ư", "ơ", "ậ", "Đ", "ễ", "\u0301"} <= set(kept) and "\u0430" not in kept
    flagged = [c for c in kept if checker.check(f"HTX Văn{c}Quan Ưở") & mixed]
    assert flagged == []


def test_a_name_that_only_looks_like_another_is_a_warning(small_unit):
    set_cell(small_unit / "entities.csv", 4, "name", "HTX \u0410lpha")  # Cyrillic "А"
    done = run_htx("validate", "--data", small_unit.name, cwd=small_unit.parent)
    assert done.returncode == 0, done.stderr  # usable: both are counted, as they are
    said = [x for x in (done.stdout + done.stderr).splitlines() if "entities.csv, dòng 4" in x]
    assert any("trông giống tên của A" in line for line in said), said
    assert any("bảng chữ khác" in line for line in said), said
    set_cell(small_unit / "entities.csv", 4, "name", "HTX Alphà")  # another name, in Vietnamese
    done = run_htx("validate", "--data", small_unit.name, cwd=small_unit.parent)
    assert "trông giống" not in done.stdout + done.stderr


def test_a_text_column_is_kept_at_once_only_when_no_cell_hides_a_character():
    from htxlib.data.codebook import TABLES
    from htxlib.data.parsing import read_all_at_once, reader_for

    text = reader_for(TABLES["entities"].column("name"))
    clean = ["HTX Trân Quý", "HTX Văn Quan\nXanh"]  # a line break typed in a cell is text
    assert read_all_at_once(text, clean) == clean
    assert read_all_at_once(text, [*clean, "HTX Trân\u200b Quý"]) is None  # read one by one
    assert read_all_at_once(text, [*clean, 12.0]) is None  # a workbook's number: its own reading
    assert read_all_at_once(reader_for(TABLES["entities"].column("founded_on")), clean) is None
