"""Write a synthetic unit folder of any size (see :mod:`htxlib.data.synthetic`).

Usage::

    python benchmarks/synthetic_unit.py OUT_FOLDER --htx 5000 [--years 10] [--seed 0]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from htxlib.data.synthetic import expected_counts, frames, write_unit

__all__ = ["expected_counts", "frames", "write_unit"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--htx", type=int, required=True)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(write_unit(args.out, args.htx, args.years, args.seed))


if __name__ == "__main__":
    main()
