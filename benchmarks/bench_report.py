"""Time `htx report` for Văn Quan against importing pandas and matplotlib, in one run.

Usage: .venv/bin/python benchmarks/bench_report.py [--runs N] [--no-warm-up]

Each command runs N times (after one warm-up run each, so that all read from a warm
disk cache); the medians and their ratios are printed. The target is a report within 1.5 times
the papermill floor below (about 4 times the import floor).

For scale, it also times the least any papermill-run report can cost: papermill executing a
notebook whose only cell imports pandas and matplotlib.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from htxlib.report.publishing.kernel_setup import kernel_name

ROOT = Path(__file__).resolve().parents[1]
FLOOR_RUN = (
    "import htxlib.report.publishing.runner, papermill; "
    "papermill.execute_notebook('{nb}', '{out}', kernel_name='{kernel}', "
    "progress_bar=False, shutdown_kernel='immediate')"
)
FLOOR_NOTEBOOK = """{"cells": [{"cell_type": "code", "execution_count": null, "id": "p",
  "metadata": {"tags": ["parameters"]}, "outputs": [], "source": ["x = 1"]},
 {"cell_type": "code", "execution_count": null, "id": "i", "metadata": {}, "outputs": [],
  "source": ["import pandas, matplotlib.pyplot"]}],
 "metadata": {"kernelspec": {"name": "htx", "display_name": "Python (htx)", "language": "python"}},
 "nbformat": 4, "nbformat_minor": 5}"""
BIN = Path(sys.executable).parent


def timed(cmd: list[str], runs: int, warm_up: bool = True) -> list[float]:
    if warm_up:
        subprocess.run(cmd, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def add_warm_up_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--no-warm-up``: skip the warm-up runs (a quick check that the script runs)."""
    parser.add_argument(
        "--no-warm-up",
        dest="warm_up",
        action="store_false",
        help="skip the warm-up runs (a quick check that the script runs)",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    add_warm_up_option(parser)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        report = [
            str(BIN / "htx"),
            "report",
            "--data",
            str(ROOT / "data" / "van-quan"),
            "--year",
            "2024",
            "--out",
            out,
        ]
        baseline = [sys.executable, "-c", "import pandas, matplotlib.pyplot"]
        floor_nb = Path(out) / "floor.ipynb"
        floor_nb.write_text(FLOOR_NOTEBOOK, encoding="utf-8")
        # the call the runner makes (importing htxlib.report.publishing.runner applies its
        # start-up savings), on a notebook that only imports pandas and matplotlib
        code = FLOOR_RUN.format(
            nb=floor_nb, out=Path(out) / "floor_out.ipynb", kernel=kernel_name()
        )
        floor = [sys.executable, "-c", code]
        base = timed(baseline, args.runs, args.warm_up)
        bare = timed(floor, args.runs, args.warm_up)
        rep = timed(report, args.runs, args.warm_up)
    b, f, r = statistics.median(base), statistics.median(bare), statistics.median(rep)
    print(
        f"import pandas, matplotlib.pyplot:   median {b:.2f} s  runs {[round(t, 2) for t in base]}"
    )
    print(
        f"papermill, one import-only notebook: median {f:.2f} s  runs {[round(t, 2) for t in bare]}"
    )
    print(
        f"htx report (Văn Quan 2024):         median {r:.2f} s  runs {[round(t, 2) for t in rep]}"
    )
    print(f"ratio report / import: {r / b:.2f}")
    print(
        f"ratio papermill floor / import: {f / b:.2f}; report / floor: {r / f:.2f} (target <= 1.5)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
