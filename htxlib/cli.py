"""The ``htx`` command line.

Exit status: 0 success; 1 the data has problems; 2 a bad command line (an unknown option, a
year without data, a cutoff date that is not a date or not in the year); 3 a notebook failed;
4 the output cannot be written; 5 a parent was built but some of its children were left out;
6 the machine ran out of memory; 130 interrupted (Ctrl-C), 143 and 129 stopped by SIGTERM
and SIGHUP.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from htxlib.data.problems import DataError, ScopeError
from htxlib.messages import LANGUAGES, N_, _, readable, shown

if TYPE_CHECKING:  # pandas is not imported for --help: the data stage loads it when needed
    from htxlib.data.dataset import Dataset

EXIT_DATA, EXIT_USAGE, EXIT_NOTEBOOK, EXIT_OUTPUT = 1, 2, 3, 4
EXIT_CHILD = 5  # a parent was built, but some of its children were left out
EXIT_MEMORY = 6  # the machine ran out of memory: no fault of the data
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C


def _say(message: str) -> None:
    _print(message, file=sys.stderr)


def _print(*values, file=None) -> None:
    """Print to the terminal with controls from the data escaped.

    A name cannot clear the screen, set the window's title or write to the clipboard.
    """
    from htxlib.messages import terminal_safe

    print(*(terminal_safe(str(v)) for v in values), file=file)


def _data_problems(args: argparse.Namespace, err: DataError, outcome: str) -> int:
    """Print a unit folder's problems; ``outcome`` says what was not done."""
    _say(
        _("{folder}: the data has problems; {outcome}").format(
            folder=shown(args.data), outcome=outcome
        )
    )
    _say(err.render(limit=args.max_problems))
    return EXIT_DATA


def _not_one_unit(data: str) -> int | None:
    """Say why ``--data`` names no unit a user can build, and return the exit status.

    A path that does not exist is a mistake in the command (the path is read from the
    current folder); a folder that is no unit but holds units (a folder of communes) is
    built with ``htx batch``. None when ``data`` may be one unit.
    """
    from htxlib.report.publishing.batch import find_units, is_unit

    path = Path(data)
    if not path.exists():
        _say(
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
    _say(
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


def _unit(args: argparse.Namespace, outcome: str) -> Dataset | int:
    """Load the unit folder and check the year and cutoff asked for.

    Returns the dataset, or the exit status after printing why it cannot be used.
    """
    from htxlib.data.dataset import load_unit

    wrong = _not_one_unit(args.data)
    if wrong is not None:
        return wrong
    try:
        ds = load_unit(args.data)
        if args.year is not None:
            ds.check_year(args.year, args.allow_missing_period)
            ds.period(args.year, args.as_of)
    except DataError as err:
        return _data_problems(args, err, outcome)
    except ScopeError as err:
        _say(str(err))
        return EXIT_USAGE
    return ds


def _validate(args: argparse.Namespace) -> int:
    from htxlib.report.document.summary import summary_text

    ds = _unit(args, _("nothing was computed."))
    if isinstance(ds, int):
        return ds
    _print(summary_text(ds, args.year, args.as_of))
    year = args.year or (ds.years[-1] if ds.years else None)
    if year is not None:
        _text_warnings(ds.folder, year, str(ds.unit_info.get("level", "")))
    return _left_out([child for child in ds.children if not child.loaded], summary=False)


def _left_out(children: list, summary: bool = True) -> int:
    """Say which children of a parent were left out of it; return the exit status."""
    from htxlib.report.document.summary import child_lines

    if not children:
        return 0
    if summary:
        _say("\n".join(child_lines(children)))
    _say(
        _(
            "{count} unit(s) of units/ left out of the parent's figures; fix them and run again"
        ).format(count=len(children))
    )
    return EXIT_CHILD


def _text_warnings(folder: Path, year: int, level: str) -> None:
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
            _say(
                _(message).format(
                    count=len(slots), texts=where, data=readable(folder), year=year,
                    slots=", ".join(f"{slot}.md" for slot in slots),  # the files, as named
                )
            )  # fmt: skip


def _texts(args: argparse.Namespace) -> int:
    from htxlib.data.texts import is_sample, write_guidance

    ds = _unit(args, _("nothing was written."))
    if isinstance(ds, int):
        return ds
    folder = Path(ds.folder).resolve()
    if is_sample(folder):
        _say(
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
        return _cannot_write(err)
    for path in created:
        _print(path)
    if kept:
        _say(_("{count} texts already exist and were left as they are").format(count=len(kept)))
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from htxlib.report.document.codebook_page import render

    text = render()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        _print(_("wrote {path}").format(path=args.output))
    return 0


#: Why an output could not be written, in words a user can act on.
_OS_REASONS = {
    errno.EEXIST: N_("it is a file, not a folder"),
    errno.ENOTDIR: N_("it is a file, not a folder"),
    errno.EACCES: N_("no permission to write there"),
    errno.EPERM: N_("no permission to write there"),
    errno.EROFS: N_("the disk is read-only"),
    errno.ENOSPC: N_("the disk is full"),
}


def _cannot_write(err: OSError, where: str | Path = "") -> int:
    """Say what could not be written and why; ``where`` names it when the error does not."""
    reason = _OS_REASONS.get(err.errno)
    reason = _(reason) if reason else (err.strerror or str(err))
    path = err.filename or where
    _say(_("cannot write {path}: {reason}").format(path=shown(path), reason=reason))
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


def _output_options(parser: argparse.ArgumentParser) -> None:
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


def _word_error() -> type:
    """Return :class:`~htxlib.report.writing.word.WordError`, imported when an error is caught.

    An ``except`` clause names its classes only once an error reaches it: imported up front,
    python-docx and pandas would delay the start of the report's kernels by most of a second.
    """
    from htxlib.report.writing.word import WordError

    return WordError


def _report(args: argparse.Namespace) -> int:
    from htxlib.data.rollup import NoChildRead
    from htxlib.report.publishing.publish import PublishError
    from htxlib.report.publishing.runner import DEFAULT_FORMATS, ReportError, build_report
    from htxlib.report.writing.pdf import PdfError
    from htxlib.report.writing.scratch import ScratchError

    wrong = _not_one_unit(args.data)
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
        return _data_problems(args, err, _("no report was written."))
    except ScopeError as err:
        _say(str(err))
        return EXIT_USAGE
    except NoChildRead as err:
        _say(_("no report was written: none of the units in units/ could be read."))
        return _left_out(err.children)
    except ReportError as err:
        _say(_("report failed; the previous report, if any, is unchanged.") + f"\n{err}")
        return EXIT_NOTEBOOK
    except (PublishError, PdfError, ScratchError, _word_error()) as err:
        _say(str(err))
        return EXIT_OUTPUT
    except OSError as err:
        return _cannot_write(err, args.out)
    except KeyboardInterrupt as err:
        return _interrupted(err)
    _print(report.html)
    for path in report.files:
        if path != report.html:
            _print(path)
    _text_warnings(Path(args.data), args.year, report.level)
    return _left_out(list(report.left_out))


def _interrupted(err: KeyboardInterrupt) -> int:
    """Say that the run stopped cleanly; return 130 for Ctrl-C, 128 + N for signal N."""
    _say(_("interrupted; the kernels were stopped and the previous report is unchanged."))
    return 128 + err.signum if hasattr(err, "signum") else EXIT_INTERRUPTED


def _batch(args: argparse.Namespace) -> int:
    from htxlib.report.publishing.batch import run_batch
    from htxlib.report.publishing.publish import PublishError
    from htxlib.report.publishing.runner import DEFAULT_FORMATS

    cores = os.cpu_count() or 1
    jobs = max(1, min(args.jobs, cores))
    if jobs != args.jobs:  # each job runs two kernels: more jobs than cores only slows it
        _say(_("--jobs {asked} lowered to {jobs}, the cores of this machine").format(
            asked=args.jobs, jobs=jobs))  # fmt: skip
    try:
        formats = args.formats or DEFAULT_FORMATS
        outcomes = run_batch(
            args.data, args.year, args.out, jobs, formats, args.timeout, charts=args.charts
        )
    except (PublishError, OSError) as err:
        _say(str(err))
        return EXIT_OUTPUT
    except KeyboardInterrupt as err:
        return _interrupted(err)
    if not outcomes:
        _say(
            _(
                "no unit found under {folder}: a unit is a folder with a unit table (unit.csv, "
                "or a workbook with a 'don_vi' sheet made by htx template)"
            ).format(folder=args.data)
        )
        return EXIT_DATA
    counts = {
        state: sum(o.state == state for o in outcomes) for state in ("built", "skipped", "failed")
    }
    _print(
        _("{built} built, {skipped} unchanged (skipped), {failed} failed, of {total} units").format(
            total=len(outcomes), **counts
        )
    )
    for outcome in outcomes:
        if outcome.state == "built":
            _print(outcome.detail)
    _print(Path(args.out) / "index.html")
    for outcome in outcomes:
        if outcome.state == "failed":
            _say(
                _("failed: {folder}: {detail}").format(
                    folder=shown(outcome.folder), detail=outcome.detail
                )
            )
    return EXIT_DATA if counts["failed"] else 0


def _template(args: argparse.Namespace) -> int:
    from htxlib.data.admin_map import MapError
    from htxlib.data.template import KEPT_MARK, TemplateExists, write_template

    if Path(args.out).suffix.lower() != ".xlsx":  # "x.csv" would be a workbook named .csv
        _say(_("{path}: the workbook's name must end in .xlsx").format(path=args.out))
        return EXIT_USAGE
    from htxlib.data.dataset import year_outside

    if year_outside(args.year):
        _say(year_outside(args.year))
        return EXIT_USAGE
    existed = Path(args.out).exists()
    try:
        path = write_template(args.unit, args.year, args.out, force=args.force)
    except MapError as err:
        _say(str(err))
        return EXIT_USAGE
    except TemplateExists:
        _say(
            _(
                "{path} already exists and may hold data you entered; nothing was written. "
                "Choose another --out, or add --force to write a new workbook and keep the "
                "old one beside it as a dated copy"
            ).format(path=args.out)
        )
        return EXIT_USAGE
    except OSError as err:
        return _cannot_write(err)
    if existed:
        kept = sorted(path.parent.glob(f"{path.stem}{KEPT_MARK}*{path.suffix}"))
        _say(_("the previous workbook was kept as {path}").format(path=kept[-1] if kept else "?"))
    _print(path)
    return 0


def _map(args: argparse.Namespace) -> int:
    from htxlib.data import admin_map

    try:
        province = admin_map.province(args.province) if args.province else None
    except admin_map.MapError as err:
        _say(str(err))
        return EXIT_USAGE
    found = admin_map.search(args.name, province.code if province else None)
    # a name of the map before 01/07/2025: what it is now (not with --province, which lists
    # a province of the 2025 map)
    former, districts = [], {}
    if args.name and not province:
        from htxlib.data import former_map

        former = former_map.search(args.name)
        districts = former_map.district_communes(args.name)
    if not found and not former and not districts:
        closest = admin_map.closest_names(args.name)
        if closest:
            _say(
                _(
                    "no unit of the 2025 map, nor of the map before 01/07/2025, has '{name}' in "
                    "its name; the closest: {closest}"
                ).format(name=args.name, closest=", ".join(closest))
            )
        else:
            _say(_("no unit on the 2025 map has '{name}' in its name").format(name=args.name))
        return EXIT_USAGE
    provinces = admin_map.provinces()
    if found and (former or districts):
        _print(_("on the 2025 map:"))
    for division in found:
        where = f"  ({provinces[division.province].name})" if division.province else ""
        _print(f"{admin_map.shown_code(division)}  {division.name}{where}")
    if former or districts:
        _print(_("on the map before 01/07/2025:"))
    for commune in former:
        # its former code first, as the 2025 map's lines: a former unit's unit.csv gives it
        _print(f"{commune.code}  {former_map.describe(commune)}")
    for (district, former_province), communes in districts.items():
        _print("\n".join(former_map.describe_district(district, former_province, communes)))
    return 0


def _export(args: argparse.Namespace) -> int:
    from htxlib.report.writing.spreadsheets import figure_tables, write_tables

    ds = _unit(args, _("nothing was written."))
    if isinstance(ds, int):
        return ds
    from htxlib.report.publishing.publish import PublishError, inside, report_dir, reports_folder

    try:
        out = reports_folder(args.out)
        folder = inside(out, report_dir(out, ds.unit_id, args.year) / "figures")
        for path in write_tables(figure_tables(ds, args.year, args.as_of), folder):
            _print(path)
    except PublishError as err:
        _say(str(err))
        return EXIT_OUTPUT
    except OSError as err:
        return _cannot_write(err)
    return 0


def _unit_options(parser: argparse.ArgumentParser, year_required: bool) -> None:
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

    val = sub.add_parser(
        "validate", help=_("load and check a unit folder; print a summary or the problems")
    )
    _unit_options(val, year_required=False)
    val.set_defaults(func=_validate)

    rep = sub.add_parser(
        "report",
        help=_(
            "run the notebooks and write the plan document and the analyst annex of a unit "
            "and year (HTML, Word, PDF)"
        ),
    )
    _unit_options(rep, year_required=True)
    _output_options(rep)
    rep.add_argument("--kernel", help=_("Jupyter kernel name (default: htx, this environment)"))
    rep.set_defaults(func=_report)

    texts = sub.add_parser(
        "texts",
        help=_(
            "create the year's analyst text files (Markdown), each with guidance on what to "
            "write; existing files are kept"
        ),
    )
    _unit_options(texts, year_required=True)
    texts.set_defaults(func=_texts)

    bat = sub.add_parser(
        "batch",
        help=_(
            "build the reports of every unit folder under a folder (communes, provinces and "
            "their roll-ups); unchanged ones are skipped"
        ),
    )
    bat.add_argument("--data", required=True, help=_("folder holding the unit folders"))
    bat.add_argument("--year", type=int, required=True, help=_("assessed year"))
    _output_options(bat)
    bat.add_argument(
        "--jobs", type=int, default=1, help=_("units built at once (two kernels each)")
    )
    bat.set_defaults(func=_batch)

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
        "--force",
        action="store_true",
        help=_("replace an existing workbook, keeping it beside the new one as a dated copy"),
    )
    tpl.set_defaults(func=_template)

    mp = sub.add_parser(
        "map",
        help=_(
            "find a unit's official code on the 2025 map: the provinces, a province's "
            "communes, or the names that contain a word (with or without diacritics); a name "
            "of the map before 01/07/2025 (a former commune or district) says what it is now"
        ),
    )
    mp.add_argument("name", nargs="?", default="", help=_("part of a name, e.g. 'thuong lam'"))
    mp.add_argument("--province", help=_("a province's code or name: list its communes"))
    mp.set_defaults(func=_map)

    exp = sub.add_parser("export", help=_("write the figure tables as CSV and Excel"))
    _unit_options(exp, year_required=True)
    exp.add_argument("--out", default="reports", help=_("reports folder (default: reports)"))
    exp.set_defaults(func=_export)

    book = sub.add_parser("codebook", help=_("write the data format description (Markdown)"))
    book.add_argument("--output", default="data/README.md", help=_("file to write, '-' for stdout"))
    book.set_defaults(func=_codebook)
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
        _say(str(err))
        return EXIT_USAGE
    from htxlib.report.publishing.stopping import stop_on_signals

    stop_on_signals()  # SIGTERM and SIGHUP stop a run as Ctrl-C does: nothing left behind
    try:
        return args.func(args)
    except MemoryError:
        _say(
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
