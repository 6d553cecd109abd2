"""`htx codebook`: write the description of the data format (Markdown)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from htxlib.commands.common import echo
from htxlib.messages import _


def add(sub) -> None:
    """Add the ``codebook`` command to the ``htx`` parser's sub-commands."""
    book = sub.add_parser("codebook", help=_("write the data format description (Markdown)"))
    book.add_argument(
        "--output",
        help=_(
            "file to write, '-' for stdout (default: data/README.vi.md in Vietnamese, "
            "data/README.md in English)"
        ),
    )
    book.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx codebook``; return its exit status."""
    from htxlib.messages import language
    from htxlib.report.document.codebook_page import render, render_vi

    english = language() == "en"
    text = render() if english else render_vi()
    args.output = args.output or ("data/README.md" if english else "data/README.vi.md")
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        echo(_("wrote {path}").format(path=args.output))
    return 0
