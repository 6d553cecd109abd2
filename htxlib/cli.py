"""The ``htx`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from htxlib.dataset import load_unit
from htxlib.problems import DataError


def _validate(args: argparse.Namespace) -> int:
    from htxlib.summary import summary_text

    try:
        ds = load_unit(args.data)
    except DataError as err:
        print(f"{args.data}: data has problems, nothing was computed.", file=sys.stderr)
        print(err.render(limit=args.max_problems), file=sys.stderr)
        return 1
    print(summary_text(ds, args.year, args.as_of))
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from htxlib.codebook import render

    text = render()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``htx`` command."""
    parser = argparse.ArgumentParser(
        prog="htx",
        description="Annual cooperative-economy (HTX) reports from registry data.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    val = sub.add_parser(
        "validate", help="load and check a unit folder; print a summary or the problems"
    )
    val.add_argument("--data", required=True, help="unit folder, e.g. data/van-quan")
    val.add_argument("--year", type=int, help="year to summarise (default: latest in periods)")
    val.add_argument("--as-of", dest="as_of", help="cutoff date dd/mm/yyyy (default: the period's)")
    val.add_argument("--max-problems", type=int, default=200, help="problems to print at most")
    val.set_defaults(func=_validate)

    book = sub.add_parser("codebook", help="write the data format description (Markdown)")
    book.add_argument("--output", default="data/README.md", help="file to write, '-' for stdout")
    book.set_defaults(func=_codebook)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the ``htx`` command.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0 on success, 1 on data problems, 2 on usage errors.
    """
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
