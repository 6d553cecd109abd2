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


def _report(args: argparse.Namespace) -> int:
    from htxlib.runner import ReportError, build_report

    try:
        report = build_report(args.data, args.year, args.as_of, args.out, args.kernel, args.timeout)
    except DataError as err:
        print(f"{args.data}: data has problems; no report was written.", file=sys.stderr)
        print(err.render(limit=args.max_problems), file=sys.stderr)
        return 1
    except ReportError as err:
        print(f"report failed; the previous report, if any, is unchanged.\n{err}", file=sys.stderr)
        return 3
    print(report.html)
    return 0


def _export(args: argparse.Namespace) -> int:
    from htxlib.spreadsheets import figure_tables, write_tables

    try:
        ds = load_unit(args.data)
    except DataError as err:
        print(f"{args.data}: data has problems; nothing was written.", file=sys.stderr)
        print(err.render(limit=200), file=sys.stderr)
        return 1
    folder = Path(args.out) / ds.unit_id / str(args.year) / "figures"
    for path in write_tables(figure_tables(ds, args.year, args.as_of), folder):
        print(path)
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

    rep = sub.add_parser(
        "report", help="run the notebooks and write the HTML report of a unit and year"
    )
    rep.add_argument("--data", required=True, help="unit folder, e.g. data/van-quan")
    rep.add_argument("--year", type=int, required=True, help="assessed year")
    rep.add_argument("--as-of", dest="as_of", help="cutoff date dd/mm/yyyy (default: the period's)")
    rep.add_argument("--out", default="reports", help="reports folder (default: reports)")
    rep.add_argument("--kernel", help="Jupyter kernel name (default: htx, this environment)")
    rep.add_argument("--timeout", type=int, default=600, help="seconds a cell may run")
    rep.add_argument("--max-problems", type=int, default=200, help="data problems to print at most")
    rep.set_defaults(func=_report)

    exp = sub.add_parser("export", help="write the figure tables as CSV and Excel")
    exp.add_argument("--data", required=True, help="unit folder")
    exp.add_argument("--year", type=int, required=True, help="assessed year")
    exp.add_argument("--as-of", dest="as_of", help="cutoff date dd/mm/yyyy")
    exp.add_argument("--out", default="reports", help="reports folder (default: reports)")
    exp.set_defaults(func=_export)

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
