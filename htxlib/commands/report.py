"""`htx report`: build the plan document and the analyst annex of a unit and year."""

from __future__ import annotations

import argparse
from pathlib import Path

from htxlib.commands.common import (
    EXIT_NOTEBOOK,
    EXIT_OUTPUT,
    EXIT_USAGE,
    cannot_write,
    data_problems,
    echo,
    interrupted,
    left_out,
    not_one_unit,
    output_options,
    say,
    text_warnings,
    unit_options,
    word_error,
)
from htxlib.data.problems import DataError, NoChildRead, ScopeError
from htxlib.messages import _


def add(sub) -> None:
    """Add the ``report`` command to the ``htx`` parser's sub-commands."""
    rep = sub.add_parser(
        "report",
        help=_(
            "run the notebooks and write the plan document and the analyst annex of a unit "
            "and year (HTML, Word, PDF)"
        ),
    )
    unit_options(rep, year_required=True)
    output_options(rep)
    rep.add_argument("--kernel", help=_("Jupyter kernel name (default: htx, this environment)"))
    rep.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``htx report``; return its exit status."""
    from htxlib.report.publishing.notebook_execution import ReportError
    from htxlib.report.publishing.publish import PublishError
    from htxlib.report.publishing.runner import DEFAULT_FORMATS, build_report
    from htxlib.report.writing.pdf import PdfError
    from htxlib.report.writing.scratch import ScratchError

    wrong = not_one_unit(args.data)
    if wrong is not None:
        return wrong
    try:
        report = build_report(
            args.data,
            args.year,
            args.as_of,
            args.out,
            args.kernel,
            args.timeout,
            allow_missing_period=args.allow_missing_period,
            formats=args.formats or DEFAULT_FORMATS,
            charts=args.charts,
        )
    except DataError as err:
        return data_problems(args, err, _("no report was written."))
    except ScopeError as err:
        say(str(err))
        return EXIT_USAGE
    except NoChildRead as err:
        say(_("no report was written: none of the units in units/ could be read."))
        return left_out(err.children)
    except ReportError as err:
        say(_("report failed; the previous report, if any, is unchanged.") + f"\n{err}")
        return EXIT_NOTEBOOK
    except (PublishError, PdfError, ScratchError, word_error()) as err:
        say(str(err))
        return EXIT_OUTPUT
    except OSError as err:
        return cannot_write(err, args.out)
    except KeyboardInterrupt as err:
        return interrupted(err)
    echo(report.html)
    for path in report.files:
        if path != report.html:
            echo(path)
    text_warnings(Path(args.data), args.year, report.level)
    return left_out(list(report.left_out))
