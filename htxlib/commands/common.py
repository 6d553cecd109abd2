"""What the commands share: exit statuses, printing, loading a unit, common options.

Exit status: 0 success; 1 the data has problems; 2 a bad command line (an unknown option, a
year without data, a cutoff date that is not a date or not in the year); 3 a notebook failed;
4 the output cannot be written; 5 a parent was built but some of its children were left out;
6 the machine ran out of memory; 130 interrupted (Ctrl-C), 143 and 129 stopped by SIGTERM
and SIGHUP.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from htxlib.data.problems import DataError, ScopeError
from htxlib.messages import N_, _, readable, shown

if TYPE_CHECKING:  # pandas is not imported for --help: the data stage loads it when needed
    from htxlib.data.dataset import Dataset


EXIT_DATA, EXIT_USAGE, EXIT_NOTEBOOK, EXIT_OUTPUT = 1, 2, 3, 4
EXIT_CHILD = 5  # a parent was built, but some of its children were left out
EXIT_MEMORY = 6  # the machine ran out of memory: no fault of the data
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C


def say(message: str) -> None:
    """Print a message to the terminal's error stream (see :func:`echo`)."""
    echo(message, file=sys.stderr)


def echo(*values, file=None) -> None:
    """Print to the terminal with controls from the data escaped.

    A name cannot clear the screen, set the window's title or write to the clipboard.
    """
    from htxlib.messages import terminal_safe

    print(*(terminal_safe(str(v)) for v in values), file=file)


def data_problems(args: argparse.Namespace, err: DataError, outcome: str) -> int:
    """Print a unit folder's problems; ``outcome`` says what was not done."""
    say(
        _("{folder}: the data has problems; {outcome}").format(
            folder=shown(args.data), outcome=outcome
        )
    )
    say(err.render(limit=args.max_problems))
    return EXIT_DATA


def not_one_unit(data: str) -> int | None:
    """Say why ``--data`` names no unit a user can build, and return the exit status.

    A path that does not exist is a mistake in the command (the path is read from the
    current folder); a folder that is no unit but holds units (a folder of communes) is
    built with ``htx batch``. None when ``data`` may be one unit.
    """
    from htxlib.data.unit_folders import find_units, is_unit

    path = Path(data)
    if not path.exists():
        say(
            _("{path}: no such folder or file (the path is read from the current folder, {cwd})")
            .format(path=data, cwd=Path.cwd())
        )  # fmt: skip
        return EXIT_USAGE
    if not path.is_dir() or is_unit(path):
        return None  # the folder itself is a unit: nothing below it is walked
    units = find_units(path)
    if not units:
        return None
    listed = [readable(u.relative_to(path.resolve())) for u in units[:5]]
    more = f" (+{len(units) - 5})" if len(units) > 5 else ""
    say(
        _(
            "{path} is not the folder of one unit: it holds {count} units ({names}{more}). "
            "Build them all with: htx batch --data {path} --year YEAR; check one with: "
            "htx validate --data {first}"
        ).format(
            path=data,
            count=f"{len(units):02d}",
            names=", ".join(listed),
            more=more,
            first=readable(Path(data) / listed[0]),
        )
    )
    return EXIT_USAGE


def load_checked(args: argparse.Namespace, outcome: str) -> Dataset | int:
    """Load the unit folder and check the year and cutoff asked for.

    Returns the dataset, or the exit status after printing why it cannot be used.
    """
    from htxlib.data.dataset import load_unit

    wrong = not_one_unit(args.data)
    if wrong is not None:
        return wrong
    try:
        ds = load_unit(args.data)
        if args.year is not None:
            ds.check_year(args.year, args.allow_missing_period)
            ds.period(args.year, args.as_of)
    except DataError as err:
        return data_problems(args, err, outcome)
    except ScopeError as err:
        say(str(err))
        return EXIT_USAGE
    return ds


def left_out(children: list, summary: bool = True) -> int:
    """Say which children of a parent were left out of it; return the exit status."""
    from htxlib.report.document.summary import child_lines

    if not children:
        return 0
    if summary:
        say("\n".join(child_lines(children)))
    say(
        _(
            "{count} unit(s) of units/ left out of the parent's figures; fix them and run again"
        ).format(count=len(children))
    )
    return EXIT_CHILD


def text_warnings(folder: Path, year: int, level: str) -> None:
    """Say which analyst texts the signing copy will leave blank, and which are still samples."""
    from htxlib.data.texts import text_states

    states = text_states(folder, year, level)
    for state, message in (
        ("empty", N_("warning: {count} texts not written yet in {texts} ({slots}); the signing "
                     "copy leaves a blank line for each; htx texts --data {data} --year {year} "
                     "starts each file with what to write")),
        ("sample", N_("warning: {count} texts in {texts} are still samples ({slots}); "
                      "replace them before the document goes out")),
    ):  # fmt: skip
        slots = [slot for slot, found in states.items() if found == state]
        if slots:
            where = readable(Path(folder) / "texts" / str(year)) + "/"
            say(
                _(message).format(
                    count=len(slots), texts=where, data=readable(folder), year=year,
                    slots=", ".join(f"{slot}.md" for slot in slots),  # the files, as named
                )
            )  # fmt: skip


#: Why an output could not be written, in words a user can act on.
_OS_REASONS = {
    errno.EEXIST: N_("it is a file, not a folder"),
    errno.ENOTDIR: N_("it is a file, not a folder"),
    errno.EACCES: N_("no permission to write there"),
    errno.EPERM: N_("no permission to write there"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
}


def cannot_write(err: OSError, where: str | Path = "") -> int:
    """Say what could not be written and why; ``where`` names it when the error does not."""
    reason = _OS_REASONS.get(err.errno)
    reason = _(reason) if reason else (err.strerror or str(err))
    path = err.filename or where
    say(_("cannot write {path}: {reason}").format(path=shown(path), reason=reason))
    return EXIT_OUTPUT


def _formats(text: str) -> tuple[str, ...]:
    """Parse ``--format``: a comma-separated list of formats."""
    from htxlib.report.publishing.runner import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            _("unknown format '{value}'; choose among {known}").format(
                value=", ".join(unknown) or text, known=", ".join(FORMATS)
            )
        )
    return chosen


def output_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of commands that build reports: where, in which formats, how long."""
    parser.add_argument("--out", default="reports", help=_("reports folder (default: reports)"))
    parser.add_argument("--timeout", type=int, default=600, help=_("seconds a cell may run"))
    parser.add_argument(
        "--format",
        dest="formats",
        type=_formats,
        help=_(
            "comma-separated among html, docx, pdf (default: html,docx; html is always "
            "written; pdf needs LibreOffice)"
        ),
    )
    parser.add_argument(
        "--charts",
        action="store_true",
        help=_("put the charts in the signing copy (Word, PDF) too; the HTML always has them"),
    )


def word_error() -> type:
    """Return the Word error class (``pandoc_program.WordError``), imported when caught.

    An ``except`` clause names its classes only once an error reaches it: imported up front,
    python-docx and pandas would delay the start of the report's kernels by most of a second.
    """
    from htxlib.report.writing.pandoc_program import WordError

    return WordError


def interrupted(err: KeyboardInterrupt) -> int:
    """Say that the run stopped cleanly; return 130 for Ctrl-C, 128 + N for signal N."""
    say(_("interrupted; the kernels were stopped and the previous report is unchanged."))
    return 128 + err.signum if hasattr(err, "signum") else EXIT_INTERRUPTED


def unit_options(parser: argparse.ArgumentParser, year_required: bool) -> None:
    """Add the options of commands that read one unit folder: which, which year, how."""
    parser.add_argument("--data", required=True, help=_("unit folder, e.g. data/van-quan"))
    parser.add_argument(
        "--year",
        type=int,
        required=year_required,
        help=_("assessed year")
        if year_required
        else _("assessed year (default: latest in periods)"),
    )
    parser.add_argument(
        "--as-of", dest="as_of", help=_("cutoff date dd/mm/yyyy (default: the period's)")
    )
    parser.add_argument(
        "--allow-missing-period",
        action="store_true",
        help=_("accept a year with no row in periods (period 01/01-31/12)"),
    )
    parser.add_argument(
        "--max-problems", type=int, default=200, help=_("data problems to print at most")
    )
