"""Build the reports of every unit under a folder: communes, provinces and their roll-ups.

Units are found as :func:`htxlib.data.unit_folders.find_units` finds them.
Each report is built as ``htx report`` builds it, but on kernels started once for the
whole batch (:mod:`htxlib.report.publishing.kernels`): a small unit's notebooks one after
the other on one kernel held for its report, a large unit's side by side. A unit whose
inputs and toolkit version match its published report is skipped; a unit that fails is
listed and the others go on. A progress bar shows the count and the time left; the index
is written once, at the end.
"""

from __future__ import annotations

import contextlib
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from htxlib.data.problems import DataError
from htxlib.data.snapshot import input_digest
from htxlib.data.unit_folders import find_units
from htxlib.messages import N_, _, shown
from htxlib.report.publishing.runner import DEFAULT_FORMATS

#: How many of a failed unit's data problems the batch prints (htx validate gives them all).
PROBLEMS_SHOWN = 20
#: How the progress bar names each state, in the user's language.
STATE_WORDS = {"built": N_("built"), "skipped": N_("unchanged"), "failed": N_("failed")}


@dataclass
class Outcome:
    """What happened to one unit: ``built``, ``skipped`` (unchanged) or ``failed``."""

    folder: Path
    state: str
    detail: str = ""


def _one(
    folder: Path, year: int, out: Path, formats, timeout, published, kernels, charts
) -> Outcome:
    from htxlib.report.publishing.publish import source_id
    from htxlib.report.publishing.runner import build_report, inputs_key, runs_on_one_kernel

    digest = input_digest(folder)
    if published.get((source_id(folder), str(year))) == inputs_key(
        folder, year, formats, digest, charts
    ):
        return Outcome(folder, "skipped")
    # a small unit's notebooks run on one kernel held for its report, a large one's side by side
    shared = runs_on_one_kernel(folder)
    try:
        with kernels.held() if shared else contextlib.nullcontext(kernels) as runs_on:
            report = build_report(
                folder,
                year,
                out=out,
                formats=formats,
                timeout=timeout,
                pool=runs_on,
                index=False,
                digest=digest,
                charts=charts,
                shared=shared,
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
        Units built at the same time, on warm kernels started once for the whole batch
        (:class:`~htxlib.report.publishing.kernels.KernelPool`): one per small unit, its
        notebooks one after the other; two per large unit, side by side.
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
