"""Build a unit's report: run the notebooks with papermill, export one HTML page, publish safely.

Everything is written to a staging folder first and published as one unit only when every
step succeeded (see :mod:`htxlib.report.publishing.publish`). A failed run leaves the
previous report as it was and keeps the failed notebook for debugging; Ctrl-C stops the
kernels at once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from htxlib.data.snapshot import input_digest, input_size, write_snapshot
from htxlib.messages import _, readable
from htxlib.report.publishing import publish
from htxlib.report.publishing.kernel_setup import kernel_name
from htxlib.report.publishing.notebook_execution import ReportError, cannot_be_written, execute
from htxlib.report.publishing.tracked_kernels import TrackedKernelManager
from htxlib.report.writing import pdf
from htxlib.report.writing.clock import now
from htxlib.report.writing.html_page import ANNEX, DOCUMENT

if TYPE_CHECKING:
    from htxlib.report.publishing.kernels import KernelPool

# nbformat (under papermill and nbconvert) imports jsonschema, which imports the optional
# rfc3987_syntax only to check "iri" string formats that notebook schemas never use; that
# import builds a grammar and costs about a second per run. Marking it absent skips it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

NOTEBOOK_DIR = Path(__file__).resolve().parents[3] / "notebooks"
#: Notebooks that make up a report, in page order.
REPORT_NOTEBOOKS = ("assessment", "targets")


#: A report of a unit whose input files are smaller runs its notebooks on one kernel, one
#: after the other, the second on the dataset the first loaded (see
#: :class:`~htxlib.report.publishing.kernels.NotebookKernels` and ``KernelPool.held``).
#: ``benchmarks/bench_kernels.py`` measured both ways: on one kernel, a unit of 300 HTX
#: (0,9 MB) or 3.000 HTX (8,7 MB) took as long and 15% less processor time; one of 10.000
#: HTX (29 MB) took 14% longer, a national registry (101 MB) 22% longer.
ONE_KERNEL_BYTES = 10 * 2**20

#: Formats a report can be written in; HTML is always written (it carries the metadata).
FORMATS = ("html", "docx", "pdf")
DEFAULT_FORMATS = ("html", "docx")


@dataclass(frozen=True)
class Report:
    """Where a built report was published."""

    html: Path
    notebooks: tuple[Path, ...]
    files: tuple[Path, ...] = ()
    left_out: tuple = ()  # children of a parent that failed and are not in its figures
    level: str = ""  # the unit's level: which text slots its document shows


def _pause(stage: str) -> None:
    """Stop at a named stage when ``HTX_PAUSE_AT`` names it (lets tests kill a run there).

    With ``HTX_PAUSE_UNTIL``, the run goes on once that file exists (lets tests interleave
    two runs).
    """
    if os.environ.get("HTX_PAUSE_AT") == stage:
        print(f"paused at {stage}", file=sys.stderr, flush=True)
        until = os.environ.get("HTX_PAUSE_UNTIL")  # a file whose creation ends the pause
        for _second in range(3600):
            if until and os.path.exists(until):
                return
            time.sleep(1)


def build_report(
    data_dir: str | Path,
    year: int,
    as_of: str | None = None,
    out: str | Path = "reports",
    kernel: str | None = None,
    timeout: int = 600,
    notebooks: tuple[str, ...] = REPORT_NOTEBOOKS,
    notebook_dir: Path = NOTEBOOK_DIR,
    allow_missing_period: bool = False,
    formats: tuple[str, ...] = DEFAULT_FORMATS,
    pool: KernelPool | None = None,
    index: bool = True,
    digest: str = "",
    charts: bool = False,
    shared: bool | None = None,
) -> Report:
    """Build and publish the report of a unit and year: the plan document and the annex.

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
        Jupyter kernel name of a lone report's kernels (default: the ``htx`` kernel of this
        environment); a ``pool`` runs its own.
    timeout : int
        Seconds a cell may run before the run is stopped.
    notebooks : tuple of str
        Notebook names (without ``.ipynb``) making up the report, in order.
    notebook_dir : Path
        Folder holding them.
    allow_missing_period : bool
        Accept a year without a ``periods`` row (see :meth:`Dataset.check_year`).
    formats : tuple of str
        Among :data:`FORMATS`; HTML is always written.
    pool : KernelPool, optional
        Warm kernels to run the notebooks on (``htx batch``), left running. By default
        the run starts one kernel per notebook before it reads the data, and stops them
        (:class:`~htxlib.report.publishing.kernels.NotebookKernels`).
    index : bool
        Rewrite ``<out>/index.html`` (a batch writes it once, at the end).
    digest : str
        The folder's :func:`~htxlib.data.snapshot.input_digest` when the caller has just
        computed it (a batch does, to decide whether to build); computed here otherwise.
    charts : bool
        Put the charts in the signing copy too (the review copy and the annex always have
        them; see :mod:`htxlib.report.writing.signing_copy`).
    shared : bool, optional
        Run the notebooks on one kernel, one after the other, the second on the dataset the
        first loaded, instead of one kernel each side by side. By default a lone report
        does for a unit that :func:`runs_on_one_kernel`; with a ``pool``, the caller says
        whether the pool is one kernel held for this report (``KernelPool.held``).

    Returns
    -------
    Report

    Raises
    ------
    DataError
        The data has problems; no notebook is run and nothing is written (the kernels
        started meanwhile are stopped at once).
    ScopeError
        The year or cutoff does not fit the data; likewise.
    PdfError
        PDF was asked for and LibreOffice is missing (checked before anything runs) or failed.
    ReportError
        A notebook failed; the previous report is untouched and the failed
        notebook is kept in ``<out>/<unit_id>/<year>/failed/``.
    PublishError
        The reports folder cannot take the report (a link inside it, or another unit's
        report under the same id).
    KeyboardInterrupt
        Ctrl-C: the kernels are stopped at once and the published report is untouched.
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        known = ", ".join(FORMATS)
        raise ValueError(f"unknown format {', '.join(sorted(unknown))}; known: {known}")
    if "pdf" in formats:
        pdf.require()  # say what to install before any kernel starts
    from htxlib.report.writing.scratch import scratch_dir

    scratch_dir()  # where the kernels' and converters' files go: refused now if unwritable
    own = None
    if pool is None:  # a lone report: its kernels start while its data is read and checked
        from htxlib.report.publishing.kernels import NotebookKernels

        kernel = kernel or kernel_name()
        sources = [Path(notebook_dir) / f"{notebook}.ipynb" for notebook in notebooks]
        if shared is None:
            shared = runs_on_one_kernel(data_dir)
        own = pool = NotebookKernels(kernel, TrackedKernelManager, sources, shared)
    # the run's own kernels are stopped when it ends, killed at once if it fails (bad data,
    # Ctrl-C: no kernel still starting is waited for); a batch's pool is left running
    with own or contextlib.nullcontext():
        # imported here, after the kernels have started: pandas and pandera take a second or
        # two to import, which the kernels' own start overlaps
        from htxlib import formatting
        from htxlib.data.dataset import load_unit
        from htxlib.data.rollup import require_some_data
        from htxlib.data.unit import unit_of
        from htxlib.report.publishing.index import write_index
        from htxlib.report.writing.html_page import report_page

        data_dir = Path(data_dir).resolve()
        digest = digest or input_digest(data_dir)
        ds = load_unit(data_dir)  # validated once here, while the kernels start
        require_some_data(ds)
        ds.check_year(year, allow_missing_period)
        period = ds.period(year, as_of)
        unit = unit_of(ds)
        out = publish.reports_folder(out)
        final = publish.report_dir(out, unit.unit_id, year)
        source = publish.source_id(data_dir)
        _check_same_unit(final, source, data_dir, unit)  # before the work, and again below
        publish.remove_stale(out)
        staging = publish.Staging(out)
        plan_year = ds.plan_year(year)
        left_out = tuple(child for child in ds.children if not child.loaded)
        try:
            snapshot, snapshot_digest = write_snapshot(ds, staging.path / "dataset", digest)
            del ds  # the notebooks read the snapshot: a national registry's tables are let go
            parameters = {
                "data_dir": str(data_dir),
                "year": int(year),
                "as_of": as_of,
                "snapshot": str(snapshot),
                "snapshot_digest": snapshot_digest,
                # one kernel runs both notebooks: the second reads no snapshot again, and
                # finds the figures the first computed (the same dataset object)
                "keep_dataset": bool(shared),
            }
            executed = [staging.path / f"{notebook}.ipynb" for notebook in notebooks]
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="htx-writers") as preparing:
                # this process waits on the kernels meanwhile
                writers = preparing.submit(_prepare_writers, formats)
                _run_side_by_side(notebook_dir, executed, parameters, timeout, out, final, pool)
                if own is not None:
                    # a national registry's kernels hold a gigabyte the pages need: they are
                    # stopped first; a small unit's stops while its files are written
                    own.close(wait=not shared)
                writers.result()
            title = (
                f"Kế hoạch phát triển kinh tế tập thể, hợp tác xã năm {plan_year}: "
                f"{unit.full_name}{' (mẫu)' if unit.sample else ''} (đánh giá năm {year})"
            )
            products = _products(formats)
            meta = {
                "unit_id": unit.unit_id,
                "unit": unit.full_name,
                "sample": "1" if unit.sample else "",
                "level": unit.level,
                "province": unit.province,
                "year": int(year),
                "cutoff": formatting.date(period.cutoff),
                "generated": now().strftime("%d/%m/%Y %H:%M"),
                "code": unit.code,
                "source": source,
                "source_name": readable(data_dir.name),
                "source_folder": readable(data_dir),
                "run": publish.RUN_PLACEHOLDER,
                "files": ",".join(products),
                "inputs": inputs_key(data_dir, year, formats, digest, charts),
            }

            def page(product: str) -> str:
                tags = publish.meta_tags(meta) if product == DOCUMENT else {}
                return report_page(executed, title, meta=tags, product=product)

            html, files = _write_formats(staging.path, page, title, formats, charts)
            # the check and the publish are one step: a run of another folder with this
            # unit id, or of this one, may have published since the check above
            with publish.report_lock(out, unit.unit_id, year, _say_waiting):
                _check_same_unit(final, source, data_dir, unit)
                html = publish.publish(out, staging.path, final, executed, html, files, _pause)
        finally:
            staging.close()
        if index:
            write_index(out)
        run = publish.page_meta(html)["run"]
        notebooks_run = tuple(final / "runs" / run / p.name for p in executed)
        # the long tables' spreadsheets, when the Word copies left any to one
        sheets = [final / path.name for path in files if path.suffix == ".xlsx"]
        files = tuple(final / name for name in products) + tuple(sheets)
        return Report(html, notebooks_run, files, left_out, unit.level)


#: The file name of each product, by format.
FILE_NAMES = {DOCUMENT: "report", ANNEX: "annex"}


def _sheet_file(product: str) -> str:
    """Name the spreadsheet that holds a product's long tables (see ``writing.long_tables``)."""
    return f"{FILE_NAMES[product]}-danh-sach.xlsx"


def _products(formats: tuple[str, ...]) -> list[str]:
    """Name the files a run publishes: the document first, then the annex, by format."""
    chosen = [f for f in FORMATS if f == "html" or f in formats]
    return [f"{FILE_NAMES[p]}.{f}" for f in chosen for p in (DOCUMENT, ANNEX)]


def _write_formats(
    folder: Path, page, title: str, formats, charts: bool = False
) -> tuple[str, list[Path]]:
    """Make both pages; write the annex page and the Word and PDF files into ``folder``.

    ``page(product)`` makes a product's page. The document's own page (the review copy) is
    returned, for :func:`publish.publish` to write last, as the switch; its Word and PDF
    files are the signing copy.

    Most of a Word conversion is pandoc, a process of its own, so the annex's runs while
    the document's page and signing copy are made, and the document's beside it; the long
    tables' spreadsheets are written meanwhile, in a process of their own too
    (:func:`~htxlib.report.writing.sheet_process.write_workbook`), while this one finishes the
    Word copies.
    """
    from htxlib.report.writing.long_tables import move_long_tables, split_long_tables
    from htxlib.report.writing.sheet_process import write_workbook
    from htxlib.report.writing.signing_copy import signed_text, signing_tree
    from htxlib.report.writing.word import to_docx
    from htxlib.report.writing.word_styles import reference_docx

    word = "docx" in formats or "pdf" in formats
    titles = {DOCUMENT: title, ANNEX: f"Phụ lục phân tích: {title}"}
    targets = {p: folder / f"{FILE_NAMES[p]}.docx" for p in (DOCUMENT, ANNEX)}
    if word:
        reference_docx()  # built once, before the two conversions share it
    # the spreadsheets go with the Word and PDF copies that name them, one per product
    # whose Word copy leaves long tables to it
    workbooks = []
    # two conversions and two workbooks, each waiting on a process of its own
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="htx-docx") as converting:
        annex_page = page(ANNEX)
        annex = folder / f"{FILE_NAMES[ANNEX]}.html"
        annex.write_text(annex_page, encoding="utf-8")
        runs = {}
        if word:
            source, found = split_long_tables(annex_page, _sheet_file(ANNEX))
            runs[ANNEX] = converting.submit(to_docx, source, targets[ANNEX], titles[ANNEX])
            if found:
                path = folder / _sheet_file(ANNEX)
                workbooks.append(converting.submit(write_workbook, found, path))
        html = page(DOCUMENT)
        _pause("exported")
        if word:
            signed = signing_tree(html, charts)  # one parse: the signing copy, its long tables
            found = move_long_tables(signed, _sheet_file(DOCUMENT))
            source = signed_text(signed)
            runs[DOCUMENT] = converting.submit(to_docx, source, targets[DOCUMENT], titles[DOCUMENT])
            if found:
                path = folder / _sheet_file(DOCUMENT)
                workbooks.append(converting.submit(write_workbook, found, path))
        documents = [runs[p].result() for p in (DOCUMENT, ANNEX) if p in runs]
        spreadsheets = [workbook.result() for workbook in workbooks]
    files = [annex]
    if "docx" in formats:
        files += documents
    files += spreadsheets
    if "pdf" in formats:
        _pause("pdf")
        files += pdf.to_pdf(documents, folder)
    return html, files


@cache
def code_version() -> str:
    """Return a digest of the toolkit's code, templates, rules and notebooks."""
    package = Path(__file__).resolve().parents[2]  # htxlib/
    digest = hashlib.sha256()
    files = [*package.rglob("*.py"), *package.rglob("*.j2"), *package.rglob("*.yaml")]
    files += list(package.rglob("*.lua"))
    files += list(NOTEBOOK_DIR.glob("*.ipynb"))
    for path in sorted(files):
        digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def inputs_key(
    folder: Path, year: int, formats: tuple[str, ...], digest: str = "", charts: bool = False
) -> str:
    """Return the key a report's inputs give: data files, year, formats, charts, code version.

    ``digest`` is the folder's :func:`input_digest` when the caller already has it.
    """
    digest = digest or input_digest(folder)
    shown = ",".join(sorted(formats)) + ("+charts" if charts else "")
    text = f"{digest}|{year}|{shown}|{code_version()}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _check_same_unit(final: Path, source: str, data_dir: Path, unit) -> None:
    """Refuse to replace another unit's report that happens to have the same unit id.

    The same unit built again, from this folder or another one, replaces its report (see
    :func:`publish.same_unit`); the report then names the folder it was built from.
    """
    page = final / "report.html"
    if not page.is_file():
        return
    meta = publish.page_meta(page)
    if not meta.get("source") or meta["source"] == source or publish.same_unit(meta, unit):
        return
    other = meta.get("source_folder") or meta.get("source_name", "?")
    raise publish.PublishError(
        _(
            "{final} holds the report of another unit with the same unit id '{unit_id}': "
            "{other_unit} (data folder {other}), while {data_dir} is {unit}; give one of them "
            "another unit id (column 'Mã đơn vị' of sheet 'Thông tin đơn vị'), or delete "
            "{final} if that report is no longer wanted"
        ).format(
            final=final,
            unit_id=unit.unit_id,
            other_unit=meta.get("unit", "?"),
            other=other,
            data_dir=data_dir,
            unit=unit.full_name,
        )
    )


def runs_on_one_kernel(data_dir) -> bool:
    """Whether a unit's notebooks run on one kernel, one after the other.

    They do when its input files are smaller than :data:`ONE_KERNEL_BYTES`; an unreadable
    folder is left to the reader to name.
    """
    try:
        return input_size(data_dir) < ONE_KERNEL_BYTES
    except OSError:
        return True


def _say_waiting() -> None:
    print(
        _("waiting for another run that is publishing the same report…"),
        file=sys.stderr,
        flush=True,
    )


def _prepare_writers(formats: tuple[str, ...]) -> None:
    """Import and build what writes the pages and documents.

    The page's templates and the Word reference document take about a second, spent while
    the notebooks run.
    """
    from htxlib.report.document import narrative  # noqa: F401 - jinja2, for the page

    if "docx" in formats or "pdf" in formats:
        from htxlib.report.writing import signing_copy  # noqa: F401 - lxml
        from htxlib.report.writing.word_styles import reference_docx

        reference_docx()


def _run_side_by_side(notebook_dir, executed, parameters, timeout, out, final, kernels):
    """Run the notebooks side by side, one kernel each; keep them in ``failed/`` on failure."""
    pool = ThreadPoolExecutor(max_workers=len(executed))
    runs = [
        pool.submit(execute, Path(notebook_dir) / t.name, t, parameters, timeout, kernels)
        for t in executed
    ]
    try:
        errors = [run.exception() for run in runs]
    except KeyboardInterrupt:
        TrackedKernelManager.kill_all()  # the notebooks fail now instead of running on
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    failures = [err for err in errors if err is not None]
    unwritten = [err for err in failures if cannot_be_written(err)]
    if unwritten:
        raise unwritten[0]  # nothing worth keeping, and no room to keep it
    if failures:
        kept = publish.keep_failed(out, executed[0].parent, final)
        raise ReportError(
            _("{error}\nfailed notebook kept in {folder}").format(error=failures[0], folder=kept)
        ) from failures[0]
