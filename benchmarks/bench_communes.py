"""Time of ``htx validate`` on a province of N communes: it must grow in proportion to N.

Each commune is the small test unit (six HTX, two THT) with its own unit id and names, so
that nothing is listed twice. The counts are measured in one run, with ``import pandas``
alone as the floor, so that the ratios hold on a shared machine.

Usage: ``.venv/bin/python benchmarks/bench_communes.py [--counts 100 200 400 1000]``
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_hostile import measure  # noqa: E402
from tests.conftest import read_rows, write_rows, write_small_unit  # noqa: E402


def province(base: Path, communes: int) -> Path:
    """Write a province folder of ``communes`` communes; return it."""
    root = base / f"tinh-{communes}"
    (root / "units").mkdir(parents=True)
    write_rows(root / "unit.csv", [["unit_id", "name", "level"], ["tinh-mau", "Mẫu", "tinh"]])
    scratch = base / f"scratch-{communes}"
    scratch.mkdir()
    model = write_small_unit(scratch)
    write_rows(root / "periods.csv", read_rows(model / "periods.csv"))
    for number in range(communes):
        folder = root / "units" / f"xa-{number}"
        shutil.copytree(model, folder)
        rows = read_rows(folder / "unit.csv")
        rows[1][0], rows[1][1] = f"xa-{number}", f"Xã số {number}"
        write_rows(folder / "unit.csv", rows)
        for name in ("entities", "ocop"):
            rows = read_rows(folder / f"{name}.csv")
            column = rows[0].index("name" if name == "entities" else "owner")
            for row in rows[1:]:
                row[column] = f"{row[column]} {number}"
            if name == "entities":
                commune = rows[0].index("commune")
                for row in rows[1:]:
                    row[commune] = f"Xã số {number}"
            write_rows(folder / f"{name}.csv", rows)
    shutil.rmtree(scratch)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", nargs="+", type=int, default=[100, 200, 400, 1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        base = Path(work)
        floor, *_ = measure([sys.executable, "-c", "import pandas"])
        print(f"{'communes':>9} {'seconds':>8} {'MB':>7} {'rc':>3} {'s per 100':>10}")
        print(f"{'floor':>9} {floor:8.2f}")
        for count in args.counts:
            folder = province(base, count)
            command = [sys.executable, "-m", "htxlib.cli", "--lang", "en", "validate", "--data"]
            seconds, mb, code, _last = measure([*command, str(folder)])
            print(f"{count:9d} {seconds:8.2f} {mb:7.0f} {code:3d} {seconds / count * 100:10.2f}")


if __name__ == "__main__":
    main()
