"""The marginal cost of one report in ``htx batch``, against the import floor, in one run.

Usage: .venv/bin/python benchmarks/bench_batch.py [--units 20] [--jobs 2] [--htx 36] [--repeat 3]
       [--format html,docx]

It generates units of Văn Quan's size (``htxlib.data.synthetic``), times ``htx batch`` with the
default formats (HTML and Word) on
half of them and on all of them, and takes the difference per report as the marginal cost
(what the batch's fixed start-up, kernels included, does not explain). Each pair of batches
is repeated and the median taken, with ``import pandas, matplotlib.pyplot`` timed between
the batches of the same run: the machine is shared and its speed drifts. The CPU time of the
batch and its kernels is measured too, which the other loads of a shared machine disturb
less than the wall time, and split by process: the batch's own, its kernels', and the rest
(pandoc's, mostly). It estimates a national run (34 provinces and 3.321 communes) from the
median marginal cost.

It also says what a faster computation of the figures could at best give: Part I and Part
II's figures are timed for one of the units in this process (as ``bench_unit_size.py`` does),
and taken from the marginal CPU per report; what is left, on the cores the batch uses, is
the least a report would cost if its figures cost nothing.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from htxlib.data.synthetic import write_unit

BIN = Path(sys.executable).parent
NATIONAL = 34 + 3321


def timed(cmd: list[str]) -> float:
    """Run a command; return its wall time."""
    return measured(cmd)[0]


def measured(
    cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, ok=(0,), watch=None
) -> tuple[float, float]:
    """Run a command; return its wall time and the CPU time of it and its children (kernels).

    ``ok``: the exit statuses that are not a failure of the run (``htx validate`` exits 1
    when it finds problems). ``watch(pid)``, when given, is called every 0,1 s while the
    command runs (the wall time still ends when the command does).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as said:
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=said, env=env, cwd=cwd)
        while True:
            if watch is not None:
                watch(process.pid)
            try:
                process.wait(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                continue
        wall = time.perf_counter() - start
        if process.returncode not in ok:
            said.seek(0)
            raise RuntimeError(said.read().decode("utf-8", "replace")[-800:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def measured_by_process(cmd: list[str]) -> tuple[float, float, dict[str, float]]:
    """Run a command as :func:`measured` does; also split its CPU time by process.

    The command's own process and its kernels live as long as the batch: psutil reads their
    CPU time every 0,1 s and the last reading is kept (the last tenth of a second of the
    batch's own process may be missed). Whatever the total of all its children has beyond
    those two is the short-lived processes' (pandoc's).
    """
    import psutil

    last: dict[int, tuple[str, float]] = {}

    def watch(pid: int) -> None:
        try:
            root = psutil.Process(pid)
            found = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        for proc in found:
            try:
                kind = last[proc.pid][0] if proc.pid in last else _kind(proc, pid)
                times = proc.cpu_times()
            except psutil.Error:
                continue
            last[proc.pid] = (kind, times.user + times.system)

    wall, cpu = measured(cmd, watch=watch)
    split = {kind: sum(t for k, t in last.values() if k == kind) for kind in ("batch", "kernels")}
    split["pandoc and other"] = cpu - sum(split.values())
    return wall, cpu, split


def _kind(proc, root: int) -> str:
    if proc.pid == root:
        return "batch"
    return "kernels" if "ipykernel" in " ".join(proc.cmdline()) else "pandoc and other"


def figures_cpu(unit: Path, year: int = 2024) -> float:
    """Return the processor time of Part I and Part II's figures for a unit, in this process.

    The median of three runs after a first one (which pays for imports and caches).
    """
    from bench_unit_size import timed as parts_timed

    parts_timed(unit, year)
    return statistics.median(parts_timed(unit, year)[1] for _ in range(3))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--htx", type=int, default=36, help="HTX per unit (Văn Quan has 36)")
    parser.add_argument("--format", default="html,docx", help="as for htx batch")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of batches timed")
    args = parser.parse_args()
    half = args.units // 2
    floors, marginals, cpus, splits = [], [], [], []
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for i in range(args.units):
            group = "first" if i < half else "second"
            write_unit(work / "all" / group / f"u{i:02d}", args.htx, seed=i, name=f"Đơn vị {i:02d}")
        batch = [str(BIN / "htx"), "batch", "--year", "2024", "--format", args.format]
        batch += ["--jobs", str(args.jobs)]
        sizes = f"{half:>3} units s {args.units:>3} units s"
        print(f"{'run':>4} {'floor s':>8} {sizes} {'marginal s':>11} {'marginal CPU s':>15}")
        added = args.units - half
        for run in range(args.repeat):
            out = work / f"run{run}"
            floors.append(timed([sys.executable, "-c", "import pandas, matplotlib.pyplot"]))
            small = measured_by_process(
                [*batch, "--data", str(work / "all" / "first"), "--out", str(out / "a")]
            )
            floors.append(timed([sys.executable, "-c", "import pandas, matplotlib.pyplot"]))
            full = measured_by_process(
                [*batch, "--data", str(work / "all"), "--out", str(out / "b")]
            )
            marginals.append((full[0] - small[0]) / added)
            cpus.append((full[1] - small[1]) / added)
            splits.append({k: (full[2][k] - small[2][k]) / added for k in full[2]})
            print(
                f"{run + 1:>4} {floors[-1]:>8.2f} {small[0]:>9.1f} {full[0]:>9.1f} "
                f"{marginals[-1]:>11.2f} {cpus[-1]:>15.2f}"
            )
        rerun = timed([*batch, "--data", str(work / "all"), "--out", str(out / "b")])
        figures = figures_cpu(work / "all" / "first" / "u00")
    floor, marginal = statistics.median(floors), statistics.median(marginals)
    print(f"import floor (median of {len(floors)}): {floor:.2f} s")
    print(f"re-run of {args.units} unchanged units: {rerun:.1f} s (jobs {args.jobs})")
    print(
        f"marginal cost per report (median): {marginal:.2f} s = {marginal / floor:.2f}x the "
        "import floor (target 0.6x)"
    )
    cpu = statistics.median(cpus)
    print(
        f"marginal CPU per report (median, all processes): {cpu:.2f} s; on {args.jobs} cores "
        f"fully used that is {cpu / args.jobs:.2f} s = {cpu / args.jobs / floor:.2f}x the floor"
    )
    for kind in splits[0]:
        print(f"  of which {kind}: {statistics.median(s[kind] for s in splits):.2f} s")
    rest = cpu - figures
    print(
        f"Part I and Part II's figures of one unit, in one process: {figures:.2f} s of CPU; "
        f"without them a report would still cost {rest:.2f} s of CPU, {rest / args.jobs:.2f} s "
        f"on {args.jobs} cores = {rest / args.jobs / floor:.2f}x the floor"
    )
    hours = marginal * NATIONAL / 3600
    print(f"national run ({NATIONAL} units) at this cost on this machine: about {hours:.1f} h")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
