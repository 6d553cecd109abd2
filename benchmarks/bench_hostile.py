"""Time and peak memory of ``htx validate`` on hostile unit folders, beside a normal one.

Each case copies the Văn Quan folder and replaces one table with a small file built to
exhaust a naive reader: a 5 KB workbook with a cell at XFD1048576, a 1,5 MB zip bomb, a
sheet with 10.000 merged ranges, a 150 KB one-line CSV of quotes. Every one must be
refused with a message; the table shows how long that took and the peak RSS of the process,
measured in the same run as ``import pandas`` alone (the floor of any run).

Usage: ``.venv/bin/python benchmarks/bench_hostile.py [--runs 3]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
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


def wide(base: Path) -> Path:
    from openpyxl import Workbook

    folder = unit(base, "wide")
    book = Workbook()
    book.active.title = "ocop"
    book.active["A1"] = "product"
    book.active["XFD1048576"] = "x"
    book.save(folder / "ocop.xlsx")
    return folder


def bomb(base: Path) -> Path:
    from openpyxl import Workbook

    folder = unit(base, "bomb")
    book = Workbook()
    book.active.title = "ocop"
    book.active["A1"] = "product"
    book.save(base / "plain.xlsx")
    with (
        zipfile.ZipFile(base / "plain.xlsx") as plain,
        zipfile.ZipFile(folder / "ocop.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
    ):
        for item in plain.infolist():
            out.writestr(item, plain.read(item.filename))
        # written in chunks: the benchmark itself must stay small (a child's peak RSS
        # counts the memory it was forked with)
        with out.open("xl/media/padding.bin", "w", force_zip64=True) as part:
            for _ in range(1500):
                part.write(bytes(2**20))
    return folder


def merged(base: Path) -> Path:
    from openpyxl import Workbook

    folder = unit(base, "merged")
    book = Workbook()
    book.active.title = "ocop"
    book.active.append(["product", "owner", "owner_type", "year"])
    for row in range(2, 10_002):
        book.active.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    book.save(folder / "ocop.xlsx")
    return folder


def quotes(base: Path) -> Path:
    folder = unit(base, "quotes")
    (folder / "ocop.csv").write_text('"a,' * 50_000, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cases = {
            "import pandas (floor)": [sys.executable, "-c", "import pandas"],
            "Văn Quan as it is": [*HTX, str(ROOT / "data" / "van-quan")],
        }
        for make in (wide, bomb, merged, quotes):
            folder = make(base)
            size = sum(p.stat().st_size for p in folder.glob("ocop.*")) / 1024
            cases[f"{folder.name} ({size:,.0f} KB)"] = [*HTX, str(folder)]
        print("| case | median s | peak RSS MB | exit | message |\n|---|---|---|---|---|")
        for name, command in cases.items():
            results = sorted(measure(command) for _ in range(runs))
            seconds, rss, code, message = results[len(results) // 2]
            peak = max(r[1] for r in results)
            print(f"| {name} | {seconds:.2f} | {peak:.0f} | {code} | {message[:110]} |")


if __name__ == "__main__":
    main()
