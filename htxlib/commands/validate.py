"""`htx validate`: load and check a unit folder; print a summary or the problems."""

from __future__ import annotations

import argparse

from htxlib.commands.common import (
    echo,
    left_out,
    load_checked,
    text_warnings,
    unit_options,
)
from htxlib.messages import _


def add(sub) -> None:
    """Add the ``validate`` command to the ``htx`` parser's sub-commands."""
    val = sub.add_parser(
        "validate", help=_("load and check a unit folder; print a summary or the problems")
    )
    unit_options(val, year_required=False)
    val.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx validate``; return its exit status."""
    from htxlib.report.document.summary import summary_text

    ds = load_checked(args, _("nothing was computed."))
    if isinstance(ds, int):
        return ds
    echo(summary_text(ds, args.year, args.as_of))
    year = args.year or (ds.years[-1] if ds.years else None)
    if year is not None:
        text_warnings(ds.folder, year, str(ds.unit_info.get("level", "")))
    return left_out([child for child in ds.children if not child.loaded], summary=False)
