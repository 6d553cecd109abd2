"""`htx texts`: write the year's analyst text files, each with guidance on what to write."""

from __future__ import annotations

import argparse
from pathlib import Path

from htxlib.commands.common import (
    EXIT_USAGE,
    cannot_write,
    echo,
    load_checked,
    say,
    unit_options,
)
from htxlib.messages import _


def add(sub) -> None:
    """Add the ``texts`` command to the ``htx`` parser's sub-commands."""
    texts = sub.add_parser(
        "texts",
        help=_(
            "create the year's analyst text files (Markdown), each with guidance on what to "
            "write; existing files are kept"
        ),
    )
    unit_options(texts, year_required=True)
    texts.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx texts``; return its exit status."""
    from htxlib.data.texts import is_sample, write_guidance

    ds = load_checked(args, _("nothing was written."))
    if isinstance(ds, int):
        return ds
    folder = Path(ds.folder).resolve()
    if is_sample(folder):
        say(
            _(
                "{folder} is sample data of the toolkit, which htx never writes into; copy the "
                "unit folder first (for example: cp -r {folder} my-unit) and run htx texts on "
                "the copy"
            ).format(folder=args.data)
        )
        return EXIT_USAGE
    try:
        created, kept = write_guidance(folder, args.year)
    except OSError as err:
        return cannot_write(err)
    for path in created:
        echo(path)
    if kept:
        say(_("{count} texts already exist and were left as they are").format(count=len(kept)))
    return 0
