"""How validation, Part I and a report scale with the size of a unit, against fixed floors.

Usage: .venv/bin/python benchmarks/bench_scale.py [--sizes 36 1000 5000 35000]
                                                  [--report-up-to 35000] [--out FILE.md]

For each size N it generates a unit with ``synthetic_unit.py`` (N HTX, 2N THT, ten years)
and times, each as its own process, with its peak resident memory:

- ``htx validate``;
- loading the unit and computing every Part I figure (``part_one.build``, charts included);
- ``htx report`` with the default formats, HTML and Word (up to ``--report-up-to`` HTX).

In the same run it times the floors the ratios are taken against: ``import pandas,
matplotlib.pyplot`` (the import floor) and papermill running a notebook that only imports
them (the papermill floor). It prints a Markdown table, and the cost per 1.000 HTX between
the two largest sizes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_report import FLOOR_NOTEBOOK, FLOOR_RUN  # noqa: E402

from htxlib.data.synthetic import write_unit  # noqa: E402

BIN = Path(sys.executable).parent
PART_ONE = (
    "import sys; from htxlib.data.dataset import load_unit; "
    "from htxlib.report.document import part_one; "
    "part_one.build(load_unit(sys.argv[1]), int(sys.argv[2]))"
)


def measure(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return its wall time (s) and its peak resident memory (MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {process.stderr.read().decode()[-800:]}")
    return elapsed, usage.ru_maxrss / 1024


def floors(folder: Path, runs: int = 3) -> tuple[float, float]:
    """Time the import floor and the papermill floor (best of ``runs`` each)."""
    from htxlib.report.publishing.kernel_setup import kernel_name

    notebook = folder / "floor.ipynb"
    notebook.write_text(FLOOR_NOTEBOOK, encoding="utf-8")
    run = FLOOR_RUN.format(nb=notebook, out=folder / "floor_out.ipynb", kernel=kernel_name())
    imports = min(
        measure([sys.executable, "-c", "import pandas, matplotlib.pyplot"])[0] for _ in range(runs)
    )
    papermill = min(measure([sys.executable, "-c", run])[0] for _ in range(runs))
    return imports, papermill


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[36, 1000, 5000, 35000])
    parser.add_argument("--report-up-to", type=int, default=35000)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--out", type=Path, help="also write the table to this Markdown file")
    parser.add_argument("--floor-runs", type=int, default=3, help="runs of each floor (best kept)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        imports, papermill = floors(work, args.floor_runs)
        for n in args.sizes:
            unit = write_unit(work / f"unit-{n}", n)
            validate = measure([str(BIN / "htx"), "--lang", "en", "validate", "--data", str(unit)])
            part_one = measure([sys.executable, "-c", PART_ONE, str(unit), str(args.year)])
            report = None
            if n <= args.report_up_to:
                report = measure(
                    [
                        str(BIN / "htx"),
                        "report",
                        "--data",
                        str(unit),
                        "--year",
                        str(args.year),
                        "--out",
                        str(work / "reports"),
                        "--timeout",
                        "7200",
                    ]
                )
            rows.append((n, validate, part_one, report))
            print(
                f"N = {n}: validate {validate[0]:.1f} s, Part I {part_one[0]:.1f} s, "
                f"report {report[0]:.1f} s"
                if report
                else f"N = {n}: done",
                flush=True,
            )
    lines = [
        f"Floors in this run: import {imports:.2f} s, papermill {papermill:.2f} s.",
        "",
        "| N HTX | `htx validate` | load + Part I | `htx report` (HTML + Word) "
        "| peak RSS (validate / Part I / report) |",
        "|---|---|---|---|---|",
    ]
    for n, validate, part_one, report in rows:
        shown = f"{report[0]:.1f} s ({report[0] / imports:.1f}×)" if report else "-"
        memory = (
            f"{validate[1]:.0f} / {part_one[1]:.0f} / {report[1]:.0f} MB"
            if report
            else (f"{validate[1]:.0f} / {part_one[1]:.0f} / - MB")
        )
        lines.append(
            f"| {n:,} | {validate[0]:.1f} s ({validate[0] / imports:.1f}×) | "
            f"{part_one[0]:.1f} s ({part_one[0] / imports:.1f}×) | {shown} | {memory} |"
        )
    if len(rows) >= 2:
        (n0, v0, p0, _), (n1, v1, p1, _) = rows[-2], rows[-1]
        per = 1000 / (n1 - n0)
        lines += [
            "",
            f"Cost per 1.000 HTX between N = {n0:,} and {n1:,}: validate "
            f"{(v1[0] - v0[0]) * per:.2f} s, load + Part I {(p1[0] - p0[0]) * per:.2f} s.",
        ]
    lines.append("Ratios (×) are against the import floor measured above.")
    table = "\n".join(lines)
    print(table)
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
