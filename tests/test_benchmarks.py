"""The benchmark scripts the README shows, run as the commands they are, at their smallest.

They time nothing here: each run shows that the script starts from the project folder with
the options its usage line names, measures what it says, and prints its table.
"""

from __future__ import annotations

import subprocess

import pytest

from .conftest import ROOT, read_rows, run_htx, user_environment

pytestmark = pytest.mark.slow

PYTHON = ROOT / ".venv" / "bin" / "python"


def bench(script: str, *args: str) -> list[str]:
    """Run ``.venv/bin/python benchmarks/<script> ARGS`` from the project folder; its lines."""
    done = subprocess.run(
        [str(PYTHON), f"benchmarks/{script}", *args],
        cwd=ROOT, capture_output=True, text=True, env=user_environment(), timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.splitlines()


def test_the_generated_unit_passes_validation(tmp_path):
    unit = tmp_path / "national"
    printed = bench("synthetic_unit.py", str(unit), "--htx", "40", "--years", "3")
    assert printed == [str(unit)]
    run = run_htx("validate", "--data", str(unit))
    assert run.returncode == 0, run.stdout + run.stderr
    kinds = [row[1] for row in read_rows(unit / "entities.csv")[1:]]
    assert (kinds.count("HTX"), kinds.count("THT")) == (40, 80)


def test_bench_scale_prints_its_table_with_both_floors():
    printed = bench("bench_scale.py", "--sizes", "20", "--report-up-to", "20", "--floor-runs", "1")
    assert any(line.startswith("Floors in this run: import ") for line in printed)
    rows = [line for line in printed if line.startswith("| 20 |")]
    assert len(rows) == 1
    cells = rows[0].strip("|").split("|")
    assert len(cells) == 5 and all(" s (" in c for c in cells[1:4]), rows[0]


def test_bench_report_times_the_report_against_the_papermill_floor():
    printed = "\n".join(bench("bench_report.py", "--runs", "1", "--no-warm-up"))
    assert "htx report (Văn Quan 2024):" in printed
    assert "report / floor:" in printed


def test_bench_batch_gives_the_marginal_cost_per_report():
    printed = "\n".join(bench("bench_batch.py", "--units", "2", "--htx", "5", "--repeat", "1"))
    assert "re-run of 2 unchanged units:" in printed
    assert "marginal cost per report (median):" in printed
    # the CPU split by process, and what is left of a report without its figures
    for kind in ("batch", "kernels", "pandoc and other"):
        assert f"  of which {kind}: " in printed
    assert "Part I and Part II's figures of one unit, in one process: " in printed


def test_bench_kernels_builds_a_unit_on_one_kernel_and_on_two():
    printed = bench("bench_kernels.py", "--sizes", "20", "--runs", "1", "--no-warm-up")
    rows = [line.strip("|").split("|") for line in printed if line.startswith("| 20 |")]
    assert [row[2].strip() for row in rows] == ["one kernel(s)", "two kernel(s)", "one / two"]
    assert all(" s" in cell for row in rows[:2] for cell in row[3:5]), printed


def test_bench_workbook_compares_the_workbook_with_its_csv():
    printed = "\n".join(bench("bench_workbook.py", "--runs", "1"))
    assert "workbook / CSV:" in printed


def test_bench_hostile_shows_each_refusal():
    printed = bench("bench_hostile.py", "--runs", "1", "--cases", "wide-declared-A1", "quotes")
    rows = {line.split(" | ")[0].strip("| "): line for line in printed if line.startswith("| ")}
    assert rows["Văn Quan as it is"].split(" | ")[3] == "0"
    for case, message in {
        "wide-declared-A1 (5 KB)": "the number of columns is 16384",
        "quotes (146 KB)": "the number of columns is 25001",
    }.items():
        assert rows[case].split(" | ")[3] == "1" and message in rows[case], rows[case]


def test_bench_snapshot_times_both_ways_and_reads_each_back():
    printed = bench("bench_snapshot.py", "--htx", "20", "--runs", "1")
    assert printed[0] == "20 HTX, 1 runs each way, medians:"
    for way in ("compressed", "uncompressed"):
        assert any(line.strip().startswith(f"{way}: write ") for line in printed), printed
    assert any(line.startswith("compressed / uncompressed, read: ") for line in printed)


def test_bench_compare_times_a_command_on_both_trees():
    def worktrees() -> str:
        return subprocess.run(
            ["git", "worktree", "list"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout

    before = worktrees()
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    printed = bench("bench_compare.py", "--base", base, "--runs", "1", "--", "htx", "validate",
                    "--data", "data/van-quan")  # fmt: skip
    assert any(line.strip().startswith("1 base: wall ") for line in printed), printed
    assert any(line.strip().startswith("1  new: wall ") for line in printed), printed
    assert printed[-1].startswith("new / base: wall ")
    assert worktrees() == before  # the base's worktree is gone


def test_bench_unit_size_prints_the_cost_of_each_size():
    printed = bench("bench_unit_size.py", "--sizes", "5", "10", "--runs", "1")
    rows = [line for line in printed if line.startswith(("| 5 |", "| 10 |"))]
    assert len(rows) == 2, printed
    assert all(len(row.strip("|").split("|")) == 4 and row.count(" s |") == 3 for row in rows)
