"""`htx export`: write the figure tables as CSV and Excel."""

from __future__ import annotations

import argparse

from htxlib.commands.common import (
    EXIT_OUTPUT,
    cannot_write,
    echo,
    load_checked,
    say,
    unit_options,
)
from htxlib.messages import _


def add(sub) -> None:
    """Add the ``export`` command to the ``htx`` parser's sub-commands."""
    exp = sub.add_parser("export", help=_("write the figure tables as CSV and Excel"))
    unit_options(exp, year_required=True)
    exp.add_argument("--out", default="reports", help=_("reports folder (default: reports)"))
    exp.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx export``; return its exit status."""
    from htxlib.report.writing.spreadsheets import figure_tables, write_tables

    ds = load_checked(args, _("nothing was written."))
    if isinstance(ds, int):
        return ds
    from htxlib.report.publishing.publish import PublishError, inside, report_dir, reports_folder

    try:
        out = reports_folder(args.out)
        folder = inside(out, report_dir(out, ds.unit_id, args.year) / "figures")
        for path in write_tables(figure_tables(ds, args.year, args.as_of), folder):
            echo(path)
    except PublishError as err:
        say(str(err))
        return EXIT_OUTPUT
    except OSError as err:
        return cannot_write(err)
    return 0
