"""The marginal cost of one report in ``htx batch``, against the import floor, in one run.

Usage: .venv/bin/python benchmarks/bench_batch.py [--units 20] [--jobs 2] [--htx 10]

It generates small units (``htxlib.data.synthetic``), times ``htx batch --format html`` on
half of them and on all of them, and takes the difference per report as the marginal cost
(what the batch's fixed start-up does not explain). It times ``import pandas,
matplotlib.pyplot`` in the same run, and estimates a national run (34 provinces and 3.321
communes) from the marginal cost.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from htxlib.data.synthetic import write_unit

BIN = Path(sys.executable).parent
NATIONAL = 34 + 3321


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-800:])
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--htx", type=int, default=10, help="HTX per unit")
    args = parser.parse_args()
    half = args.units // 2
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for i in range(args.units):
            group = "first" if i < half else "second"
            write_unit(work / "all" / group / f"u{i:02d}", args.htx, seed=i, name=f"Đơn vị {i:02d}")
        floor = min(
            timed([sys.executable, "-c", "import pandas, matplotlib.pyplot"]) for _ in range(3)
        )
        batch = [
            str(BIN / "htx"),
            "batch",
            "--year",
            "2024",
            "--format",
            "html",
            "--jobs",
            str(args.jobs),
        ]
        small = timed([*batch, "--data", str(work / "all" / "first"), "--out", str(work / "r1")])
        full = timed([*batch, "--data", str(work / "all"), "--out", str(work / "r2")])
        rerun = timed([*batch, "--data", str(work / "all"), "--out", str(work / "r2")])
    marginal = (full - small) / (args.units - half)
    print(f"import floor: {floor:.2f} s")
    print(
        f"batch of {half} units: {small:.1f} s; of {args.units}: {full:.1f} s; "
        f"re-run of {args.units} unchanged: {rerun:.1f} s (jobs {args.jobs})"
    )
    print(
        f"marginal cost per report: {marginal:.2f} s = {marginal / floor:.2f}x the import "
        f"floor (target 0.6x)"
    )
    hours = marginal * NATIONAL / 3600
    print(f"national run ({NATIONAL} units) at this cost on this machine: about {hours:.1f} h")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
