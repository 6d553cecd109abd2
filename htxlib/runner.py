"""Build a unit's report: run the notebooks with papermill, export one HTML page, publish safely.

Everything is written to a staging folder first; the published files are replaced
only when every step succeeded, each with an atomic rename, the HTML last. A failed
run leaves the previous report as it was and keeps the failed notebook for debugging.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from htxlib.clock import now
from htxlib.dataset import load_unit

# nbformat (under papermill and nbconvert) imports jsonschema, which imports the optional
# rfc3987_syntax only to check "iri" string formats that notebook schemas never use; that
# import builds a grammar and costs about a second per run. Marking it absent skips it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
#: Notebooks that make up a report, in page order.
REPORT_NOTEBOOKS = ("assessment", "targets")
KERNEL = "htx"


class ReportError(RuntimeError):
    """A notebook failed or timed out; the message names the cell and the error."""


@dataclass(frozen=True)
class Report:
    """Where a built report was published."""

    html: Path
    notebooks: tuple[Path, ...]


def install_kernel(name: str = KERNEL, prefix: str = sys.prefix) -> Path:
    """Install the kernelspec of this Python environment under ``prefix``; return its folder.

    The kernel logs only errors: a report run should not print the kernel's notices about
    its local transport on every start.
    """
    from ipykernel.kernelspec import install

    folder = Path(install(kernel_name=name, display_name="Python (htx)", prefix=prefix))
    spec = json.loads((folder / "kernel.json").read_text(encoding="utf-8"))
    spec["argv"].append("--Application.log_level=40")
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return folder


def kernel_name(preferred: str = KERNEL) -> str:
    """Return a kernel that runs this Python environment, installing its spec if needed.

    The ``htx`` kernelspec is installed into ``sys.prefix`` (the virtual environment)
    so that papermill never picks up another Python by accident.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    if preferred in KernelSpecManager().find_kernel_specs():
        return preferred
    try:
        install_kernel(preferred)
        return preferred
    except OSError:
        return "python3"


def report_dir(out: Path, unit_id: str, year: int) -> Path:
    """Return the folder a unit's report for a year is published in."""
    return Path(out) / unit_id / str(year)


def _execute(source: Path, target: Path, parameters: dict, kernel: str, timeout: int) -> None:
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    try:
        pm.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name=kernel,
            # no ``cwd=``: papermill implements it with a process-wide chdir, which would move
            # every relative path of the other notebook's thread; all paths here are absolute
            execution_timeout=timeout,
            progress_bar=False,
            request_save_on_cell_execute=False,
            # outputs are collected by then; waiting for a graceful exit costs ~0.5 s
            shutdown_kernel="immediate",
        )
    except PapermillExecutionError as err:
        raise ReportError(
            f"notebook {source.name} failed in cell {err.exec_count}: {err.ename}: {err.evalue}"
        ) from err
    except Exception as err:  # kernel died, timeout, ...
        raise ReportError(
            f"notebook {source.name} did not run: {type(err).__name__}: {err}"
        ) from err


def _publish(staging: Path, final: Path, names: list[str]) -> None:
    final.mkdir(parents=True, exist_ok=True)
    for name in names:  # report.html comes last: readers never see a new page with old parts
        os.replace(staging / name, final / name)
        _pause(f"published:{name}")
    shutil.rmtree(final / "failed", ignore_errors=True)


def _pause(stage: str) -> None:
    """Stop at a named stage when ``HTX_PAUSE_AT`` names it (lets tests kill a run there)."""
    if os.environ.get("HTX_PAUSE_AT") == stage:
        print(f"paused at {stage}", file=sys.stderr, flush=True)
        time.sleep(3600)


def _remove_stale_staging(out: Path) -> None:
    """Remove staging folders left by runs that were killed (their process is gone)."""
    for folder in out.glob(".staging-*"):
        try:
            pid = int(folder.name.split("-")[1])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (ValueError, IndexError, PermissionError):
            continue


def _keep_failed(staging: Path, final: Path) -> Path:
    failed = final / "failed"
    failed.mkdir(parents=True, exist_ok=True)
    for path in staging.glob("*.ipynb"):
        os.replace(path, failed / path.name)
    return failed


def build_report(
    data_dir: str | Path,
    year: int,
    as_of: str | None = None,
    out: str | Path = "reports",
    kernel: str | None = None,
    timeout: int = 600,
    notebooks: tuple[str, ...] = REPORT_NOTEBOOKS,
    notebook_dir: Path = NOTEBOOK_DIR,
) -> Report:
    """Build and publish the report of a unit and year.

    Parameters
    ----------
    data_dir : str or Path
        Unit folder.
    year : int
        Assessed year.
    as_of : str, optional
        Cutoff date overriding the period's (dd/mm/yyyy or yyyy-mm-dd).
    out : str or Path
        Reports folder; the report goes to ``<out>/<unit_id>/<year>/``.
    kernel : str, optional
        Jupyter kernel name (default: the ``htx`` kernel of this environment).
    timeout : int
        Seconds a cell may run before the run is stopped.
    notebooks : tuple of str
        Notebook names (without ``.ipynb``) making up the report, in order.
    notebook_dir : Path
        Folder holding them.

    Returns
    -------
    Report

    Raises
    ------
    DataError
        The data has problems; nothing is run or written.
    ReportError
        A notebook failed; the previous report is untouched and the failed
        notebook is kept in ``<out>/<unit_id>/<year>/failed/``.
    """
    from htxlib.html_page import report_page
    from htxlib.index import write_index
    from htxlib.unit import unit_of

    data_dir = Path(data_dir).resolve()
    out = Path(out).resolve()  # before any thread runs: nothing below depends on the cwd
    ds = load_unit(data_dir)  # fail fast, before any kernel starts
    period = ds.period(year, as_of)
    unit = unit_of(ds)
    out.mkdir(parents=True, exist_ok=True)
    final = report_dir(out, unit.unit_id, year)
    _remove_stale_staging(out)
    staging = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=out))
    try:
        parameters = {"data_dir": str(data_dir), "year": int(year), "as_of": as_of}
        kernel = kernel or kernel_name()
        executed = [staging / f"{notebook}.ipynb" for notebook in notebooks]
        # The notebooks are independent (each reads the data itself): run them side by side,
        # one kernel each, so a report takes about as long as its slowest part.
        with ThreadPoolExecutor(max_workers=len(notebooks)) as pool:
            runs = [
                pool.submit(
                    _execute, Path(notebook_dir) / target.name, target, parameters, kernel, timeout
                )
                for target in executed
            ]
            errors = [run.exception() for run in runs]
        failures = [err for err in errors if err is not None]
        if failures:
            kept = _keep_failed(staging, final)
            raise ReportError(f"{failures[0]}\nfailed notebook kept in {kept}") from failures[0]
        title = (
            f"Kế hoạch phát triển kinh tế tập thể, hợp tác xã năm {ds.plan_year(year)}: "
            f"{unit.full_name} (đánh giá năm {year})"
        )
        (staging / "report.html").write_text(report_page(executed, title), encoding="utf-8")
        meta = {
            "unit_id": unit.unit_id,
            "unit": unit.full_name,
            "province": unit.province,
            "year": int(year),
            "cutoff": period.cutoff.strftime("%d/%m/%Y"),
            "generated": now().strftime("%d/%m/%Y %H:%M"),
        }
        (staging / "report.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=1), "utf-8"
        )
        names = [p.name for p in executed] + ["report.json", "report.html"]
        _pause("exported")
        _publish(staging, final, names)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_index(out)
    return Report(final / "report.html", tuple(final / p.name for p in executed))
