"""Time `htx validate` on a commune's workbook against the same tables as CSV, in one run.

Usage: .venv/bin/python benchmarks/bench_workbook.py [--runs N]

The commune is the sample's xã Điềm He (data/lang-son-mau/units/xa-diem-he). Its tables are
written into one workbook, one sheet per table, and each sheet is given a thousand styled
empty rows below its data; the workbook is then opened and saved by LibreOffice Calc
(`soffice --convert-to xlsx`), as an officer's office suite saves it. Without soffice the
bench says so and times the workbook as written. Each form is validated N times as
the real process (`htx validate --data FOLDER`), alternately; the medians and their ratio are
printed. The target is a workbook within 1.5 times the CSV time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMUNE = ROOT / "data" / "lang-son-mau" / "units" / "xa-diem-he"
HTX = ROOT / ".venv" / "bin" / "htx"
EMPTY_ROWS = 1000


def office_workbook(folder: Path, target: Path) -> Path:
    """Write a unit folder's tables into one workbook with styled empty rows below each."""
    import pandas as pd
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    target.parent.mkdir(parents=True)
    with pd.ExcelWriter(target) as writer:
        for csv in sorted(folder.glob("*.csv")):
            frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
            frame.to_excel(writer, sheet_name=csv.stem, index=False)
    book = load_workbook(target)
    for sheet in book.worksheets:
        for row in range(sheet.max_row + 1, sheet.max_row + 1 + EMPTY_ROWS):
            sheet.cell(row, 1).font = Font(bold=True)
    book.save(target)
    if shutil.which("soffice"):
        saved = target.parent / "saved"
        subprocess.run(
            ["soffice", "--headless", "--calc", "--convert-to", "xlsx", "--outdir", str(saved),
             str(target)],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
        shutil.move(saved / target.name, target)
        saved.rmdir()
    else:
        print("soffice not found: the workbook is timed as openpyxl wrote it")
    return target


def timed(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(HTX), "validate", "--data", str(folder)], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as work:
        csv = Path(work) / "csv"
        shutil.copytree(COMMUNE, csv)
        workbook = office_workbook(COMMUNE, Path(work) / "xlsx" / "xa-diem-he.xlsx").parent
        timed(csv), timed(workbook)  # warm the disk cache
        times: dict[str, list[float]] = {"csv": [], "xlsx": []}
        for _ in range(runs):
            times["csv"].append(timed(csv))
            times["xlsx"].append(timed(workbook))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name:5} median {medians[name]:.2f} s  ({', '.join(f'{v:.2f}' for v in values)})")
    print(f"workbook / CSV: {medians['xlsx'] / medians['csv']:.2f}x (target 1.5x)")


if __name__ == "__main__":
    main()
