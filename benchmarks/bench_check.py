"""Time `htx check` on a 20-page plan, and on 150 plans in one command, in one run.

Usage: .venv/bin/python benchmarks/bench_check.py [--runs N] [--plans 150]

The plan is the Văn Quan signing copy (`htx report --format docx`, 13 pages when LibreOffice
renders it) with its Part I repeated until it holds 20 pages' worth of text; with soffice
on the machine its page count is read from the PDF LibreOffice makes of it. Three things are
timed as the real process, alternately, N times each, and their medians printed:

- the floor: `htx --version` (starting Python and the command line);
- one plan: `htx check plan.docx`;
- many plans: `htx check` on ``--plans`` copies of it with `--out` (one table for all).

The targets: one 20-page plan in under 2 s, with no kernel; 150 plans in one command.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTX = ROOT / ".venv" / "bin" / "htx"
PAGES = 20
PAGE_CHARS = 1950  # characters of text on one A4 page of the signing copy, about


def signing_copy(work: Path) -> Path:
    """Build the Văn Quan signing copy into ``work``."""
    subprocess.run(
        [str(HTX), "report", "--data", str(ROOT / "data" / "van-quan"), "--year", "2024",
         "--format", "docx", "--out", str(work / "reports")],
        check=True, capture_output=True, timeout=900,
    )  # fmt: skip
    return work / "reports" / "van-quan" / "2024" / "report.docx"


def twenty_pages(source: Path, target: Path) -> int:
    """Write a plan of at least 20 pages from a signing copy; return its characters."""
    from docx import Document
    from docx.oxml.ns import qn

    def length(paragraph) -> int:
        return sum(len(t.text or "") for t in paragraph.iter(qn("w:t")))

    document = Document(str(source))
    body = document.element.body
    paragraphs = [p for p in body if p.tag.endswith("}p")]
    chars = sum(length(p) for p in paragraphs)
    part_one = paragraphs[: len(paragraphs) // 2]
    anchor = body[-1]  # the section properties stay last
    while chars < PAGES * PAGE_CHARS:
        for paragraph in part_one:
            anchor.addprevious(copy.deepcopy(paragraph))
            chars += length(paragraph)
            if chars >= PAGES * PAGE_CHARS:
                break
    document.save(str(target))
    return chars


def pages_of(plan: Path, work: Path) -> int | None:
    """The plan's pages as LibreOffice lays them out, when soffice is on the machine."""
    if not shutil.which("soffice"):
        return None
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(plan)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    import pypdf

    return len(pypdf.PdfReader(str((work / plan.name).with_suffix(".pdf"))).pages)


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=3600)
    return time.perf_counter() - started, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plans", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        plan = work / "ke-hoach.docx"
        chars = twenty_pages(signing_copy(work), plan)
        pages = pages_of(plan, work)
        many = work / "nhan-duoc"
        many.mkdir()
        for number in range(args.plans):
            shutil.copy(plan, many / f"xa-{number:03d}.docx")
        names = sorted(str(p.relative_to(work)) for p in many.glob("*.docx"))
        commands = {
            "floor (htx --version)": [str(HTX), "--version"],
            "one plan": [str(HTX), "check", plan.name],
            f"{args.plans} plans, --out": [str(HTX), "check", *names, "--out", "kiem-tra"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _run in range(args.runs):
            for name, command in commands.items():
                seconds, status = timed(command, work)
                if status not in (0, 1):
                    raise SystemExit(f"{name}: exit status {status}")
                times[name].append(seconds)
        print(f"plan: {chars} characters, {pages or '?'} pages (LibreOffice), {args.runs} runs")
        floor = statistics.median(times["floor (htx --version)"])
        for name, values in times.items():
            median = statistics.median(values)
            print(f"{name:24} median {median:6.2f} s  {median / floor:5.1f}× the floor")
        per_plan = statistics.median(times[f"{args.plans} plans, --out"]) / args.plans
        print(f"per plan in the batch: {per_plan:.3f} s")


if __name__ == "__main__":
    main()
