"""`htx batch`: every unit under a folder, a broken one named while the others are built, and
a re-run that skips what has not changed."""

from __future__ import annotations

import shutil

import pytest

from htxlib.cli import main
from htxlib.data.unit_folders import find_units
from htxlib.report.publishing.publish import page_meta

from .conftest import SMALL_UNIT, VAN_QUAN, write_rows

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow


@pytest.fixture
def many(tmp_path):
    root = tmp_path / "units"
    shutil.copytree(VAN_QUAN, root / "lang-son" / "van-quan")
    for name in ("tan-lap", "broken"):
        folder = root / name
        folder.mkdir(parents=True)
        for table, rows in SMALL_UNIT.items():
            rows = [list(r) for r in rows]
            if table == "unit":
                rows[1][0] = name
            write_rows(folder / f"{table}.csv", rows)
    annual = root / "broken" / "annual.csv"
    lines = annual.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(",", ",x", 1)
    annual.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_units_are_found_at_any_depth(many):
    assert [p.name for p in find_units(many)] == ["broken", "van-quan", "tan-lap"]  # path order


@pytest.mark.lang("en")
def test_batch_builds_the_others_names_the_broken_one_and_skips_on_rerun(
    many, tmp_path, capsys, monkeypatch
):
    out = tmp_path / "reports"
    year = ["--year", "2025", "--out", str(out), "--format", "html"]
    assert main(["batch", "--data", str(many), *year]) == 1
    captured = capsys.readouterr()
    assert "1 built, 0 unchanged (skipped), 2 failed, of 3 units" in captured.out
    assert "broken" in captured.err and "van-quan" in captured.err  # no 2025 period there
    assert "annual.csv, row 2, column 'year': value 'x2025'" in captured.err  # the problem itself
    page = out / "tan-lap" / "2025" / "report.html"
    first = page_meta(page)["run"]
    assert main(["batch", "--data", str(many), *year]) == 1
    assert "0 built, 1 unchanged (skipped), 2 failed" in capsys.readouterr().out
    assert page_meta(page)["run"] == first  # not rebuilt
    (many / "tan-lap" / "texts" / "2025").mkdir(parents=True)
    (many / "tan-lap" / "texts" / "2025" / "law.md").write_text("Văn bản mới.", "utf-8")
    assert main(["batch", "--data", str(many), *year]) == 1
    assert "1 built, 0 unchanged" in capsys.readouterr().out  # a changed input is rebuilt
    # other formats asked for, then the toolkit's code changed: rebuilt each time
    formats = [*year[:-1], "html,docx"]
    assert main(["batch", "--data", str(many), *formats]) == 1
    assert "1 built, 0 unchanged" in capsys.readouterr().out
    assert (page.parent / "report.docx").is_file()
    assert main(["batch", "--data", str(many), *formats]) == 1
    assert "0 built, 1 unchanged" in capsys.readouterr().out
    from htxlib.report.publishing import runner

    monkeypatch.setattr(runner, "code_version", lambda: "a later version of the toolkit")
    assert main(["batch", "--data", str(many), *formats]) == 1
    assert "1 built, 0 unchanged" in capsys.readouterr().out
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Tỉnh Mẫu" in index and 'href="tan-lap/2025/report.html"' in index


def test_the_index_puts_the_province_first_then_its_units_in_vietnamese_order(tmp_path):
    from htxlib.report.publishing.index import list_reports

    units = [
        ("xa-van-quan", "Xã Văn Quan", "xa"),
        ("xa-diem-he", "Xã Điềm He", "xa"),
        ("van-quan", "Huyện Văn Quan", "huyen"),
        ("lang-son", "Tỉnh Lạng Sơn", "tinh"),
    ]
    for unit_id, name, level in units:
        page = tmp_path / unit_id / "2024" / "report.html"
        page.parent.mkdir(parents=True)
        meta = {"unit": name, "level": level, "province": "Lạng Sơn", "year": "2024"}
        meta |= {"cutoff": "31/12/2024", "generated": "01/01/2025 08:00"}
        tags = "".join(f'<meta name="htx:{k}" content="{v}">' for k, v in meta.items())
        page.write_text(f"<html><head>{tags}</head><body></body></html>", encoding="utf-8")
    assert [r["unit"] for r in list_reports(tmp_path)] == [
        "Tỉnh Lạng Sơn",
        "Huyện Văn Quan",
        "Xã Điềm He",  # Đ comes after D, before V
        "Xã Văn Quan",
    ]


def as_workbook(folder, workbook):
    """Put a unit folder's tables into one workbook, one sheet per table, as a user hands it in."""
    import pandas as pd

    with pd.ExcelWriter(workbook) as writer:
        for csv in sorted(folder.glob("*.csv")):
            pd.read_csv(csv, dtype=str, keep_default_na=False).to_excel(
                writer, sheet_name=csv.stem, index=False
            )


def test_batch_finds_the_readme_layout_of_commune_workbooks(tmp_path):
    """`htx batch --data units` as the README lays a province out: each commune is a folder
    holding its workbook (units/<commune>/<commune>.xlsx); run as the real process."""
    from .conftest import ROOT, run_htx

    province = tmp_path / "units" / "lang-son"
    shutil.copytree(
        ROOT / "data" / "lang-son-mau", province, ignore=shutil.ignore_patterns("units")
    )
    for child in sorted((ROOT / "data" / "lang-son-mau" / "units").iterdir()):
        folder = province / "units" / child.name
        folder.mkdir(parents=True)
        as_workbook(child, folder / f"{child.name}.xlsx")
    run = run_htx("batch", "--data", "units", "--year", "2024", "--format", "html", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "4 báo cáo đã lập" in run.stdout, run.stdout
    for unit_id in ("lang-son-mau", "thi-tran-van-quan", "xa-diem-he", "xa-tri-le"):
        assert (tmp_path / "reports" / unit_id / "2024" / "report.html").is_file(), unit_id
    # a folder with no unit in it is said, and is a failure
    (tmp_path / "empty").mkdir()
    run = run_htx("batch", "--data", "empty", "--year", "2024", "--jobs", "1000", cwd=tmp_path)
    assert run.returncode != 0 and "không tìm thấy đơn vị nào" in run.stderr
    assert "--jobs 1000 được giảm xuống" in run.stderr  # two kernels a job: capped at the cores


def test_a_broken_commune_workbook_is_named_once(tmp_path):
    """A commune handed in as one workbook straight in units/ (units/xa-tri-le.xlsx) with a bad
    cell: the province's validate names the workbook once, never "x.xlsx/x.xlsx"."""
    from .conftest import ROOT, run_htx, set_cell

    province = tmp_path / "lang-son"
    shutil.copytree(ROOT / "data" / "lang-son-mau", province)
    child = province / "units" / "xa-tri-le"
    set_cell(child / "annual.csv", 2, "members", "-5")
    as_workbook(child, province / "units" / "xa-tri-le.xlsx")
    shutil.rmtree(child)
    run = run_htx("validate", "--data", "lang-son", cwd=tmp_path)
    said = run.stdout + run.stderr
    assert "units/xa-tri-le.xlsx" in said, said
    assert "xa-tri-le.xlsx/xa-tri-le.xlsx" not in said


def test_a_batch_builds_one_unit_per_core_unless_memory_is_short(monkeypatch):
    """Without --jobs a batch uses the machine's cores, one GiB of free memory per job."""
    import psutil

    from htxlib.commands.batch import JOB_MEMORY, default_jobs

    class Memory:
        available = 0

    monkeypatch.setattr(psutil, "virtual_memory", lambda: Memory)
    Memory.available = 64 * JOB_MEMORY
    assert default_jobs(2) == 2 and default_jobs(16) == 16
    Memory.available = 3 * JOB_MEMORY + JOB_MEMORY // 2
    assert default_jobs(16) == 3
    Memory.available = JOB_MEMORY // 4  # a machine short of memory still builds, one at a time
    assert default_jobs(8) == 1
