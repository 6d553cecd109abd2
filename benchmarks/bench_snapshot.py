"""Time a report's dataset snapshot written and read with and without compression, in one run.

Usage: .venv/bin/python benchmarks/bench_snapshot.py [--htx 35000] [--runs 3]

It generates a unit (``htxlib.data.synthetic``, N HTX, 2N THT, ten years), loads it once,
then writes its snapshot (``htxlib.data.snapshot.write_snapshot``) and reads it back
(``read_snapshot``, as each notebook does) N times each way, alternately: with the
compression the toolkit uses (``snapshot.COMPRESSION``) and with none. It prints the
medians, their ratio and the size of each snapshot.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from htxlib.data import snapshot
from htxlib.data.dataset import load_unit
from htxlib.data.synthetic import write_unit


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.iterdir())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--htx", type=int, default=35000, help="HTX in the generated unit")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ways = {"compressed": snapshot.COMPRESSION, "uncompressed": None}
    times: dict[str, dict[str, list[float]]] = {w: {"write": [], "read": []} for w in ways}
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        unit = write_unit(work / "unit", args.htx, seed=1, name="Đơn vị")
        digest = snapshot.input_digest(unit)
        ds = load_unit(unit)
        for run in range(args.runs):
            for way, compression in ways.items():
                snapshot.COMPRESSION = compression
                start = time.perf_counter()
                folder, manifest = snapshot.write_snapshot(ds, work / f"{way}-{run}", digest)
                times[way]["write"].append(time.perf_counter() - start)
                start = time.perf_counter()
                if snapshot.read_snapshot(folder, manifest, unit) is None:
                    raise RuntimeError("the snapshot was not read back")
                times[way]["read"].append(time.perf_counter() - start)
                sizes[way] = _size(folder)
    print(f"{args.htx} HTX, {args.runs} runs each way, medians:")
    for way in ways:
        write, read = (statistics.median(times[way][step]) for step in ("write", "read"))
        print(f"{way:>13}: write {write:.2f} s, read {read:.2f} s, {sizes[way] / 1e6:.0f} MB")
    for step in ("write", "read"):
        ratio = statistics.median(times["compressed"][step]) / statistics.median(
            times["uncompressed"][step]
        )
        print(f"compressed / uncompressed, {step}: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
