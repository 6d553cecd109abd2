"""Time and peak memory of ``htx validate`` on hostile unit folders, beside a normal one.

Each case copies the Văn Quan folder and replaces one table with a small file built to
exhaust a naive reader: a 5 KB workbook with a cell at XFD1048576 (and the same one
declaring itself a single cell), a 1,5 MB zip bomb, a sheet with 10.000 merged ranges, a
150 KB one-line CSV of quotes, a workbook of 100.000 rows, one whose shared strings are
5 million short strings, one with 127 MB of styles, one with 1,5 million defined names; and
as the annual table, 190 MB of one row repeated, 100 MB of empty lines after the data, and
190 MB of short rows of differing widths. Each must be refused with a message or read within
bounds (a shortage of memory is said as such, exit 6); the
table shows how long that took and the peak RSS of the process, measured in the same run
as ``import pandas`` alone (the floor of any run).

Usage: ``.venv/bin/python benchmarks/bench_hostile.py [--runs 3] [--cases wide bomb ...]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.hostile_files import (  # noqa: E402
    bloated_styles,
    declaring_a1,
    empty_tail,
    many_names,
    many_strings,
    merged_workbook,
    quote_storm,
    ragged_rows,
    repeated_rows,
    tall_workbook,
    wide_workbook,
    zip_bomb,
)

HTX = [sys.executable, "-m", "htxlib.cli", "--lang", "en", "validate", "--data"]


def measure(command: list[str]) -> tuple[float, float, int, str]:
    """Run a command; return (seconds, peak RSS in MB, exit code, last line of stderr)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    err = process.stderr.read().decode("utf-8", "replace").strip().splitlines()
    process.stdout.close()
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), (err or [""])[-1]


def unit(base: Path, name: str) -> Path:
    folder = base / name
    shutil.copytree(ROOT / "data" / "van-quan", folder)
    (folder / "ocop.csv").unlink()
    return folder


def _annual(folder: Path) -> Path:
    shutil.copy(ROOT / "data" / "van-quan" / "annual.csv", folder / "annual.csv")
    return folder / "annual.csv"


#: Each hostile case: how its ``ocop`` (or ``annual``) table is made in a unit folder.
CASES = {
    "wide": lambda f: wide_workbook(f / "ocop.xlsx"),
    "wide-declared-A1": lambda f: declaring_a1(wide_workbook(f / "ocop.xlsx")),
    "bomb": lambda f: zip_bomb(f / "ocop.xlsx", megabytes=1500),
    "merged": lambda f: merged_workbook(f / "ocop.xlsx", ranges=10_000),
    "quotes": lambda f: quote_storm(f / "ocop.csv"),
    "tall": lambda f: tall_workbook(f / "ocop.xlsx", rows=100_000),
    "strings": lambda f: many_strings(f / "ocop.xlsx", count=5_000_000),
    "styles": lambda f: bloated_styles(f / "ocop.xlsx", megabytes=127),
    "names": lambda f: many_names(f / "ocop.xlsx", count=1_500_000),
    # the CSV cases replace the annual table (ocop.csv stays out)
    "rows": lambda f: repeated_rows(_annual(f), megabytes=190),
    "empty-tail": lambda f: empty_tail(_annual(f), megabytes=100),
    "ragged": lambda f: ragged_rows(_annual(f), megabytes=190),
}


def hostile_folders(base: Path, cases: list[str]) -> dict[str, tuple[Path, Path]]:
    """The hostile folders, each a copy of Văn Quan with one table replaced: (folder, file)."""
    folders = {}
    for name in cases:
        folder = unit(base, name)
        folders[name] = folder, CASES[name](folder)
    return folders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        commands = {
            "import pandas (floor)": [sys.executable, "-c", "import pandas"],
            "Văn Quan as it is": [*HTX, str(ROOT / "data" / "van-quan")],
        }
        for folder, made in hostile_folders(base, args.cases).values():
            size = made.stat().st_size / 1024
            commands[f"{folder.name} ({size:,.0f} KB)"] = [*HTX, str(folder)]
        print("| case | median s | peak RSS MB | exit | message |\n|---|---|---|---|---|")
        for name, command in commands.items():
            results = sorted(measure(command) for _ in range(args.runs))
            seconds, rss, code, message = results[len(results) // 2]
            peak = max(r[1] for r in results)
            print(f"| {name} | {seconds:.2f} | {peak:.0f} | {code} | {message[:110]} |")


if __name__ == "__main__":
    main()
