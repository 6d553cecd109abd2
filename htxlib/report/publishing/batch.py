"""Build the reports of every unit under a folder: communes, provinces and their roll-ups.

Units are found by their ``unit`` table (a folder of files, or a folder holding the unit's
workbook) or as workbooks in a parent's ``units/`` folder.
Each report is built as ``htx report`` builds it, but on kernels started once for the
whole batch (:mod:`htxlib.report.publishing.kernels`); a unit whose inputs and toolkit
version match its published report is skipped; a unit that fails is listed and the others
go on. A progress bar shows the count and the time left; the index is written once, at the
end.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from htxlib.data.problems import DataError
from htxlib.data.read.text import fold
from htxlib.data.snapshot import input_digest
from htxlib.data.template import is_kept_copy
from htxlib.messages import N_, _, shown
from htxlib.report.publishing.runner import DEFAULT_FORMATS

#: How many of a failed unit's data problems the batch prints (htx validate gives them all).
PROBLEMS_SHOWN = 20
#: How the progress bar names each state, in the user's language.
STATE_WORDS = {"built": N_("built"), "skipped": N_("unchanged"), "failed": N_("failed")}
#: Names of a unit table's file (English and Vietnamese stems).
UNIT_STEMS = ("unit", "don_vi")
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm")


@dataclass
class Outcome:
    """What happened to one unit: ``built``, ``skipped`` (unchanged) or ``failed``."""

    folder: Path
    state: str
    detail: str = ""


def _workbook_units(files: list[Path]) -> list[Path]:
    """Return the workbooks among ``files`` that hold a unit sheet (a unit in one workbook)."""
    from htxlib.data.read.locate import visible_sheets

    found = []
    for path in files:
        if path.suffix.lower() == ".csv" or path.name.startswith("~$") or is_kept_copy(path):
            continue
        try:
            visible, _hidden = visible_sheets(path)
        except ValueError:  # an unreadable workbook is named by validate, not here
            continue
        if any(fold(sheet) in UNIT_STEMS for sheet in visible):
            found.append(path)
    return found


#: How many folders below the batch folder are looked into at most. A country's units are
#: about 3.400 folders with their ``texts/`` and ``units/``; the bound keeps a folder planted
#: with millions of empty ones from holding the batch, and what it leaves out is said.
MAX_FOLDERS = 100_000


def _folders(root: Path) -> tuple[list[Path], int]:
    """Return ``root`` and the folders below it, walked without recursion, at any depth.

    Links and hidden folders (``.staging-…``, ``.git``) are not entered. Past
    :data:`MAX_FOLDERS`, the rest are not looked into; their number is returned.
    """
    folders, pending = [], [root]
    while pending and len(folders) < MAX_FOLDERS:
        folder = pending.pop()
        folders.append(folder)
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue  # unreadable: validate names it when the unit is built
        pending += [
            child
            for child in entries
            if child.is_dir() and not child.is_symlink() and not child.name.startswith(".")
        ]
    return sorted(folders), len(pending)


def find_units(root: str | Path) -> list[Path]:
    """Return every unit under ``root``.

    A unit is a folder with a unit table (``unit.csv``, ``don_vi.xlsx``, or a workbook with a
    ``unit`` sheet, as ``htx template`` makes it: ``units/thuong-lam/thuong-lam.xlsx``), or a
    workbook with a unit sheet placed straight in a parent's ``units/`` folder.
    """
    root = Path(root).resolve()
    found = []
    folders, unseen = _folders(root)
    if unseen:
        print(
            _(
                "warning: {root} holds more than {count} folders; {unseen} were not looked into"
            ).format(root=root, count=MAX_FOLDERS, unseen=unseen),
            file=sys.stderr,
        )
    for folder in folders:
        if folder.name == "units":  # a parent's children may be single workbooks
            found += _workbook_units(_table_files(folder))
        elif is_unit(folder):
            found.append(folder)
    return found


def _table_files(folder: Path) -> list[Path]:
    """Return the files of a folder that may hold tables (none when it cannot be read)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in TABLE_SUFFIXES)
    except OSError:
        return []


def is_unit(folder: Path) -> bool:
    """Whether a folder is one unit's: it holds a unit table, or a workbook with a unit sheet."""
    files = _table_files(folder)
    return any(fold(p.stem) in UNIT_STEMS for p in files) or bool(_workbook_units(files))


def _one(
    folder: Path, year: int, out: Path, formats, timeout, published, kernels, charts
) -> Outcome:
    from htxlib.report.publishing.publish import source_id
    from htxlib.report.publishing.runner import build_report, inputs_key

    digest = input_digest(folder)
    if published.get((source_id(folder), str(year))) == inputs_key(
        folder, year, formats, digest, charts
    ):
        return Outcome(folder, "skipped")
    try:
        report = build_report(
            folder,
            year,
            out=out,
            formats=formats,
            timeout=timeout,
            pool=kernels,
            index=False,
            digest=digest,
            charts=charts,
        )
    except KeyboardInterrupt:
        raise
    except DataError as err:  # every problem, as htx validate gives them
        return Outcome(folder, "failed", err.render(limit=PROBLEMS_SHOWN))
    except MemoryError:
        return Outcome(folder, "failed", _("not enough memory to build this unit"))
    except Exception as err:  # noqa: BLE001 - one unit's failure never stops the batch
        return Outcome(folder, "failed", str(err).strip() or type(err).__name__)
    return Outcome(folder, "built", str(report.html))


def run_batch(
    root: str | Path,
    year: int,
    out: str | Path = "reports",
    jobs: int = 1,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    timeout: int = 600,
    progress: bool = True,
    charts: bool = False,
) -> list[Outcome]:
    """Build the report of every unit under ``root`` for a year.

    Parameters
    ----------
    root : str or Path
        Folder holding unit folders (at any depth), parents with their ``units/``.
    year : int
        Assessed year.
    out : str or Path
        Reports folder (resolved once).
    jobs : int
        Units built at the same time. Each runs its notebooks side by side on warm kernels
        (:class:`~htxlib.report.publishing.kernels.KernelPool`), started once for the whole batch.
    formats : tuple of str
        As for ``htx report``.
    timeout : int
        Seconds a cell may run.
    progress : bool
        Show a progress bar with the time left (on standard error).
    charts : bool
        Put the charts in each signing copy too, as for ``htx report --charts``.

    Returns
    -------
    list of Outcome
        One per unit, in the order the units were found.
    """
    from tqdm.auto import tqdm

    from htxlib.report.publishing import publish
    from htxlib.report.publishing.index import list_reports, write_index
    from htxlib.report.publishing.kernel_setup import kernel_name
    from htxlib.report.publishing.kernels import KernelPool
    from htxlib.report.publishing.runner import REPORT_NOTEBOOKS
    from htxlib.report.publishing.tracked_kernels import TrackedKernelManager

    out = publish.reports_folder(out)
    units = find_units(root)
    # what each data folder's published reports were built from, by folder and year
    published = {(r.get("source"), r["year"]): r.get("inputs") for r in list_reports(out)}
    outcomes: dict[Path, Outcome] = {}
    bar = tqdm(total=len(units), unit=" " + _("units"), disable=not progress, file=sys.stderr)
    jobs = max(1, jobs)
    # each unit runs its notebooks side by side, so a unit at a time needs that many kernels
    kernels = KernelPool(jobs * len(REPORT_NOTEBOOKS), kernel_name(), TrackedKernelManager)
    pool = ThreadPoolExecutor(max_workers=jobs)
    try:
        args = (year, out, formats, timeout, published, kernels, charts)
        runs = [pool.submit(_one, unit, *args) for unit in units]
        for run in as_completed(runs):
            outcome = run.result()
            outcomes[outcome.folder] = outcome
            bar.set_postfix_str(f"{shown(outcome.folder.name)}: {_(STATE_WORDS[outcome.state])}")
            bar.update()
    except KeyboardInterrupt:
        TrackedKernelManager.kill_all()  # the running notebooks fail now instead of running on
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        kernels.close()
        bar.close()
        write_index(out)  # once, at the end: it reads every published report
    return [outcomes[u] for u in units]
