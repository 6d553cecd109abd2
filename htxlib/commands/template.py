"""`htx template`: write the input workbook a unit fills in."""

from __future__ import annotations

import argparse
from pathlib import Path

from htxlib.commands.common import (
    EXIT_USAGE,
    cannot_write,
    echo,
    say,
)
from htxlib.messages import _


def add(sub) -> None:
    """Add the ``template`` command to the ``htx`` parser's sub-commands."""
    tpl = sub.add_parser(
        "template",
        help=_(
            "write the input workbook a unit fills in (one sheet per table, drop-down lists, "
            "the unit pre-filled from the 2025 map)"
        ),
    )
    tpl.add_argument(
        "--unit",
        required=True,
        help=_(
            "official code (htx map finds it): 1-2 digits for a province, up to 5 for a "
            "commune, leading zeros optional"
        ),
    )
    tpl.add_argument("--year", type=int, required=True, help=_("assessed year"))
    tpl.add_argument("--out", required=True, help=_("the .xlsx file to write"))
    tpl.add_argument(
        "--former",
        action="store_true",
        help=_(
            "the code is a commune of the map before 01/07/2025: write its workbook for the "
            "years before the merger (the new commune's workbook names the command)"
        ),
    )
    tpl.add_argument(
        "--force",
        action="store_true",
        help=_("replace an existing workbook, keeping it beside the new one as a dated copy"),
    )
    tpl.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx template``; return its exit status."""
    from htxlib.data.admin_map import MapError
    from htxlib.data.read.locate import KEPT_MARK
    from htxlib.data.template import TemplateExists, former_template, write_template

    if Path(args.out).suffix.lower() != ".xlsx":  # "x.csv" would be a workbook named .csv
        say(_("{path}: the workbook's name must end in .xlsx").format(path=args.out))
        return EXIT_USAGE
    from htxlib.data.years import year_outside

    if year_outside(args.year):
        say(year_outside(args.year))
        return EXIT_USAGE
    existed = Path(args.out).exists()
    try:
        write = former_template if args.former else write_template
        path = write(args.unit, args.year, args.out, force=args.force)
    except MapError as err:
        say(str(err))
        return EXIT_USAGE
    except TemplateExists:
        say(
            _(
                "{path} already exists and may hold data you entered; nothing was written. "
                "Choose another --out, or add --force to write a new workbook and keep the "
                "old one beside it as a dated copy"
            ).format(path=args.out)
        )
        return EXIT_USAGE
    except OSError as err:
        return cannot_write(err)
    if existed:
        kept = sorted(path.parent.glob(f"{path.stem}{KEPT_MARK}*{path.suffix}"))
        say(_("the previous workbook was kept as {path}").format(path=kept[-1] if kept else "?"))
    echo(path)
    return 0
