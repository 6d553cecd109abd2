"""Time one htx command on the working tree and on an earlier commit, alternately, in one run.

Usage: .venv/bin/python benchmarks/bench_compare.py --base COMMIT [--runs 6] -- htx ARGS...

A change's effect is a ratio of two timings taken side by side: the machine's speed drifts
between runs. The earlier commit is checked out into a temporary worktree (its files only;
the environment is this one) and compiled; each run starts the command as a user does
(``.venv/bin/htx ...``, from a temporary folder, so relative paths in ARGS are resolved
against the project folder first), with ``PYTHONPATH`` naming the worktree for the base
side. The two sides alternate, the first of each pair changing every run. It prints the
wall and processor times (the command's and its children's, kernels included) of every
run, their medians and the ratios new / base.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import BIN, measured  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _absolute(args: list[str]) -> list[str]:
    """Resolve arguments that name a file or folder of the project, as a user typed them."""
    return [str(ROOT / a) if not a.startswith("-") and (ROOT / a).exists() else a for a in args]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the earlier commit")
    parser.add_argument("--runs", type=int, default=6, help="runs of each side")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- htx ARGS...")
    args = parser.parse_args()
    command = [a for a in args.command if a != "--"]
    if not command or command[0] != "htx":
        parser.error("give the command after --, starting with htx")
    command = [str(BIN / "htx"), *_absolute(command[1:])]
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        base = work / "base"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(base), args.base],
            check=True,
        )
        try:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(base / "htxlib")],
                           check=True, capture_output=True)  # fmt: skip
            sides = {"base": {**os.environ, "PYTHONPATH": str(base)}, "new": dict(os.environ)}
            sides["new"].pop("PYTHONPATH", None)
            times: dict[str, list[tuple[float, float]]] = {"base": [], "new": []}
            for run in range(args.runs):
                for side in ("base", "new") if run % 2 == 0 else ("new", "base"):
                    runs = work / "runs" / f"{side}-{run}"  # a fresh folder: nothing is reused
                    runs.mkdir(parents=True)
                    times[side].append(measured(command, sides[side], runs, ok=(0, 1)))
                    wall, cpu = times[side][-1]
                    print(f"{run + 1:>3} {side:>4}: wall {wall:.2f} s, processor {cpu:.2f} s")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)])
    medians = {
        side: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
        for side, t in times.items()
    }
    for side, (wall, cpu) in medians.items():
        print(f"{side:>4} median: wall {wall:.2f} s, processor {cpu:.2f} s")
    print(
        f"new / base: wall {medians['new'][0] / medians['base'][0]:.2f}, "
        f"processor {medians['new'][1] / medians['base'][1]:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
