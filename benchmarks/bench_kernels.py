"""Time a lone report with its notebooks on one kernel and on one kernel each, in one run.

Usage: .venv/bin/python benchmarks/bench_kernels.py [--sizes 300 3000 35000] [--runs 3]
[--no-warm-up]

For each size, a synthetic unit of that many HTX (``benchmarks/synthetic_unit.py``) is
written and its report built both ways, alternately, with the default formats. The medians
of the wall time and of the processor time (the report's process and its kernels) are
printed, with the ratio of one kernel to two. It is what sets
``htxlib.report.publishing.runner.ONE_KERNEL_BYTES``, the input size under which a lone
report runs its notebooks on one kernel.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import measured  # noqa: E402
from bench_report import add_warm_up_option  # noqa: E402

from htxlib.data.snapshot import input_size  # noqa: E402
from htxlib.data.synthetic import write_unit  # noqa: E402

BUILD = (
    "import sys; from htxlib.report.publishing.runner import build_report; "
    "build_report(sys.argv[1], 2024, out=sys.argv[2], shared=sys.argv[3] == 'one')"
)


def timed(unit: Path, out: Path, way: str) -> tuple[float, float]:
    """Build the report once; return its wall time and the processor time of its processes."""
    return measured([sys.executable, "-c", BUILD, str(unit), str(out), way])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--runs", type=int, default=3)
    add_warm_up_option(parser)
    args = parser.parse_args()
    print("| HTX | input | way | wall (median) | processor (median) |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for size in args.sizes:
            unit = write_unit(Path(work) / f"unit-{size}", size)
            megabytes = input_size(unit) / 2**20
            times: dict[str, list[tuple[float, float]]] = {"one": [], "two": []}
            if args.warm_up:  # the disk cache, compiled files
                timed(unit, Path(work) / "out", "one")
            for _ in range(args.runs):
                for way in times:
                    times[way].append(timed(unit, Path(work) / "out", way))
            medians = {
                way: (statistics.median(t[0] for t in runs), statistics.median(t[1] for t in runs))
                for way, runs in times.items()
            }
            for way, (wall, cpu) in medians.items():
                print(
                    f"| {size} | {megabytes:.1f} MB | {way} kernel(s) "
                    f"| {wall:.2f} s | {cpu:.2f} s |"
                )
            (w1, c1), (w2, c2) = medians["one"], medians["two"]
            print(f"| {size} | | one / two | {w1 / w2:.2f} | {c1 / c2:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
