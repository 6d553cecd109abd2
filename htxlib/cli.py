"""The ``htx`` command line: the parser built from :mod:`htxlib.commands`, and ``main``.

Exit statuses: see :mod:`htxlib.commands.common`.
"""

from __future__ import annotations

import argparse
import os
import sys

from htxlib.commands import COMMANDS
from htxlib.commands.common import EXIT_MEMORY, EXIT_USAGE, say
from htxlib.messages import LANGUAGES, N_, _


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``htx`` command."""
    from htxlib import __version__

    parser = argparse.ArgumentParser(
        prog="htx",
        description=_("Annual cooperative-economy (HTX) reports from registry data."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"htx {__version__}",
        help=_("show program's version number and exit"),
    )
    lang_help = _("language of messages (default: HTX_LANG, else vi)")
    parser.add_argument("--lang", choices=LANGUAGES, help=lang_help)
    sub = parser.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))

    for module in COMMANDS:
        module.add(sub)
    for command in sub.choices.values():  # `htx validate … --lang en` as well as `htx --lang en …`
        command.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=lang_help)
        for action in command._actions:  # "--data THƯ_MỤC", not argparse's English "DATA"
            if action.dest in METAVARS and action.metavar is None:
                action.metavar = _(METAVARS[action.dest])
    return parser


#: The placeholders help shows after each option, by option.
METAVARS = {
    "data": N_("FOLDER"),
    "year": N_("YEAR"),
    "as_of": N_("DATE"),
    "max_problems": N_("NUMBER"),
    "out": N_("OUTPUT"),
    "output": N_("FILE"),
    "timeout": N_("SECONDS"),
    "formats": N_("FORMATS"),
    "kernel": N_("KERNEL"),
    "jobs": N_("NUMBER"),
    "unit": N_("CODE"),
    "province": N_("PROVINCE"),
    "name": N_("NAME"),
}


def _language_asked(argv: list[str]) -> str | None:
    """Return the language ``--lang`` asks for, read before the parser is built in it."""
    for i, word in enumerate(argv):
        if word.startswith("--lang="):
            return word.split("=", 1)[1] if word.split("=", 1)[1] in LANGUAGES else None
        if word == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the ``htx`` command.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status (see the module docstring).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    for stream in (sys.stdout, sys.stderr):
        # a terminal that cannot show Vietnamese (LC_ALL=C, PYTHONIOENCODING=ascii) shows
        # escapes for what it cannot print, never a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    chosen = _language_asked(argv)
    if chosen:
        os.environ["HTX_LANG"] = chosen  # the help, the errors and the notebooks' kernels
    argparse._ = _  # argparse's own words ("usage:", "error:") in the user's language
    args = build_parser().parse_args(argv)
    from htxlib.report.writing.clock import ClockError, source_date_epoch

    try:
        source_date_epoch()  # before any kernel starts: one that cannot read it never answers
    except ClockError as err:
        say(str(err))
        return EXIT_USAGE
    from htxlib.report.publishing.stopping import stop_on_signals

    stop_on_signals()  # SIGTERM and SIGHUP stop a run as Ctrl-C does: nothing left behind
    try:
        return args.func(args)
    except MemoryError:
        say(
            _(
                "not enough memory to finish: the data is not at fault; close other programs, "
                "use a machine with more memory, or build the units of a large parent one by "
                "one (htx batch)"
            )
        )
        return EXIT_MEMORY
    except BrokenPipeError:  # the output was cut short (htx map | head): nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
