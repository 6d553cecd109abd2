"""What a unit's figures cost by its size: the part of a report that is the same for any unit.

Usage: .venv/bin/python benchmarks/bench_unit_size.py [--sizes 36 360 3600] [--runs 3]

It generates units of each size (``htxlib.data.synthetic``: N HTX, 2N THT, ten years) and
times, in this one process and on processor time, what a report's kernel computes for them:
Part I's figures with its charts (``part_one.build``) and Part II's (``part_two.build``),
each on a freshly loaded dataset. The median of ``--runs`` is printed per size, with the cost
the smallest size would have if it grew in proportion to its HTX. A unit of Văn Quan's size
costing about as much as one a hundred times larger says where a batch of small units spends
its time: on what each unit pays once (pandas' calls on small tables, the charts, the
templates), not on its rows. Loading and validating the folder is timed apart.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from htxlib.data.dataset import load_unit
from htxlib.data.synthetic import write_unit
from htxlib.report.document import part_one, part_two


def timed(unit: Path, year: int) -> tuple[float, float]:
    """Return the processor time of loading ``unit`` and of computing both parts for it."""
    start = time.process_time()
    ds = load_unit(unit)
    loaded = time.process_time()
    part_one.build(ds, year, None, with_charts=True)
    part_two.build(ds, year, None, None)
    return loaded - start, time.process_time() - loaded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[36, 360, 3600])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    year = 2024
    rows = []
    with tempfile.TemporaryDirectory(prefix="htx-size-") as folder:
        for size in args.sizes:
            unit = write_unit(Path(folder) / f"n{size}", size, seed=1, name=f"Xã {size}")
            timed(unit, year)  # the first run of a size pays for imports and caches
            runs = [timed(unit, year) for _ in range(args.runs)]
            load = statistics.median(r[0] for r in runs)
            parts = statistics.median(r[1] for r in runs)
            rows.append((size, load, parts))
            print(f"N = {size}: load {load:.2f} s, Part I + Part II {parts:.2f} s", flush=True)
    print()
    print("| N HTX | load and validate | Part I + Part II | Part I + II in proportion to N |")
    print("|---|---|---|---|")
    smallest, _load, base = rows[0]
    for size, load, parts in rows:
        print(f"| {size} | {load:.2f} s | {parts:.2f} s | {base * size / smallest:.2f} s |")
    print()
    print(f"Processor time, median of {args.runs} runs, in one process (no kernel, no files).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
