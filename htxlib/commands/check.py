"""`htx check`: a plan's figures checked from its text alone, for the offices that receive them.

Exit status: 0 when nothing is found, 1 when an inconsistency is, 2 when a file cannot be
read (or the command line is wrong).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from htxlib.commands.common import EXIT_DATA, EXIT_USAGE, cannot_write, echo, say
from htxlib.messages import _, shown

#: Characters of a sentence quoted under a finding.
QUOTE = 220


def add(sub) -> None:
    """Add the ``check`` command to the ``htx`` parser's sub-commands."""
    chk = sub.add_parser(
        "check",
        help=_(
            "check the figures of plans written by hand (.docx, .pdf, .txt, .html): parts "
            "against totals, shares against counts, percentages of plan, named lists, rules "
            "outside their validity"
        ),
    )
    chk.add_argument("files", nargs="+", metavar=_("FILE"), help=_("the plans to check"))
    chk.add_argument(
        "--out", help=_("folder for the tables of findings, figures and a summary per file")
    )
    chk.add_argument("--data", help=_("unit folder: also compare the figures with its data"))
    chk.add_argument(
        "--year", type=int, help=_("year the data are compared for (default: read from the title)")
    )
    chk.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx check``; return its exit status."""
    from htxlib.checks.text.document_check import check_document

    ds = None
    if args.data:
        from htxlib.commands.common import load_checked

        # any year of the folder may be the one a plan assesses: none is checked here
        unit = argparse.Namespace(
            data=args.data, year=None, as_of=None, allow_missing_period=True, max_problems=20
        )
        ds = load_checked(unit, _("nothing was checked."))
        if isinstance(ds, int):
            return ds
    paths = [Path(p) for p in args.files]
    results = []
    for path in _progress(paths):
        results.append(check_document(path, ds, args.year))
    for result in results:
        _print(result, figures=args.out is None)
    if args.out:
        from htxlib.report.writing.check_tables import NotOurs, write_check_tables

        try:
            written = write_check_tables(results, Path(args.out))
        except NotOurs as err:
            say(
                _(
                    "{path} was not written by htx check; it is left as it is: choose another --out"
                ).format(path=shown(str(err)))
            )
            return EXIT_USAGE
        except OSError as err:
            return cannot_write(err)
        for path in written:
            echo(path)
    if len(results) > 1:
        _print_totals(results)
    if any(r.error for r in results):
        return EXIT_USAGE
    return EXIT_DATA if any(r.findings for r in results) else 0


def _progress(paths: list[Path]):
    if len(paths) < 2:
        return paths
    from tqdm import tqdm

    return tqdm(
        paths, desc=_("checking"), unit=_("file"), file=sys.stderr, disable=None, leave=False
    )


def _quote(text: str) -> str:
    return "“" + (text if len(text) <= QUOTE else text[: QUOTE - 1] + "…") + "”"


def _print(result, figures: bool) -> None:
    from htxlib.checks.text.indicators import indicator_of, label_of
    from htxlib.formatting import number

    name = shown(str(result.path))
    if result.error:
        say(_("{file}: cannot be read: {reason}").format(file=name, reason=result.error))
        return
    recognised = result.recognised
    echo(
        _(
            "{file}: {numbers} numbers, {known} recognised ({share}), {findings} inconsistencies"
        ).format(
            file=name,
            numbers=recognised.numbers,
            known=recognised.numbers - len(recognised.unrecognised),
            share=number(result.share_recognised, 1) + "%",
            findings=len(result.findings),
        )
    )
    if result.compared is not None:
        echo(_("{compared} figures compared with the unit's data").format(compared=result.compared))
    if figures:
        echo(_("Figures recognised:"))
        last = None
        for figure in recognised.figures:
            indicator = indicator_of(figure)
            what = f" [{label_of(indicator)}]" if indicator else ""
            if figure.sentence is not last:
                echo(
                    "  "
                    + _("page {page}: {sentence}").format(
                        page=figure.page, sentence=_quote(figure.sentence.text)
                    )
                )
                last = figure.sentence
            echo(f"    {figure.text}{what}")
        if recognised.unrecognised:
            echo(_("Numbers not recognised:"))
            for sentence, text in recognised.unrecognised:
                echo(
                    "  "
                    + _("page {page}: {number} in {sentence}").format(
                        page=sentence.page, number=text, sentence=_quote(sentence.text)
                    )
                )
    if result.findings:
        echo(_("Inconsistencies:"))
    for finding in result.findings:
        echo(f"- {finding.message}")
        for sentence in dict.fromkeys(finding.sentences):
            echo(f"    {_quote(sentence)}")


def _print_totals(results) -> None:
    unread = sum(1 for r in results if r.error)
    found = sum(1 for r in results if r.findings)
    echo(
        _("{files} files: {found} with inconsistencies, {clean} without, {unread} not read").format(
            files=len(results), found=found, clean=len(results) - found - unread, unread=unread
        )
    )
