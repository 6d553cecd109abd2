"""Time `htx report` for Văn Quan against importing pandas and matplotlib, in one run.

Usage: .venv/bin/python benchmarks/bench_report.py [--runs N]

Each command runs N times (after one warm-up run each, so that both read from a warm
disk cache); the medians and their ratio are printed. The target is a ratio of 2.5 or less.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd: list[str], runs: int) -> list[float]:
    subprocess.run(cmd, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
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
        base = timed(baseline, args.runs)
        rep = timed(report, args.runs)
    b, r = statistics.median(base), statistics.median(rep)
    print(f"import pandas, matplotlib.pyplot: median {b:.2f} s  runs {[round(t, 2) for t in base]}")
    print(f"htx report (Văn Quan 2024):       median {r:.2f} s  runs {[round(t, 2) for t in rep]}")
    print(f"ratio: {r / b:.2f}  (target <= 2.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
