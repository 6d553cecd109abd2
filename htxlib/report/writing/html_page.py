"""Turn executed notebooks into self-contained HTML pages: the plan document and the annex.

nbconvert's ``basic`` template gives the cells' outputs without any page chrome, scripts or
stylesheet links; the page around them (inline CSS, no external URL) is
``templates/page.html.j2``. Code cells, prompts and the papermill parameters cell are left
out. Cells tagged ``annex`` make the analyst annex; the others make the plan document, those
tagged ``appendix`` after the signature.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from htxlib.report.writing.clock import now

if TYPE_CHECKING:
    from nbconvert import HTMLExporter

#: Cells tagged with these are dropped from both pages.
REMOVE_TAGS = {"remove-cell", "parameters", "injected-parameters"}
#: The tag of the cells that make the analyst annex.
ANNEX_TAG = "annex"
#: The tag of the cells that make the appendix issued with the plan: after the signature.
APPENDIX_TAG = "appendix"
#: The two products of a report run.
DOCUMENT, ANNEX = "document", "annex"
#: The part of the document that follows both notebooks' main cells.
APPENDIX = "appendix"


@cache
def exporter() -> HTMLExporter:
    """One exporter for the process: building it loads the templates.

    nbconvert (and pandas, for the page) are imported when used, not with the module: a run
    imports this module for its names before its kernels start.
    """
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    exporter.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags=REMOVE_TAGS, enabled=True), enabled=True
    )
    return exporter


def notebook_body(path: Path, product: str = DOCUMENT) -> str:
    """Return the HTML of an executed notebook's outputs for one product (no code, no prompts).

    Parameters
    ----------
    path : Path
        Executed notebook.
    product : str
        :data:`DOCUMENT` (cells tagged neither ``annex`` nor ``appendix``), :data:`ANNEX` or
        :data:`APPENDIX` (the cells tagged so).
    """
    import nbformat

    notebook = nbformat.read(str(path), as_version=4)

    def part(cell) -> str:
        tags = cell.get("metadata", {}).get("tags", [])
        return ANNEX if ANNEX_TAG in tags else APPENDIX if APPENDIX_TAG in tags else DOCUMENT

    notebook.cells = [cell for cell in notebook.cells if part(cell) == product]
    body, _ = exporter().from_notebook_node(notebook)
    return body


def report_page(
    notebooks: list[Path],
    title: str,
    generated: dt.datetime | None = None,
    meta: dict[str, str] | None = None,
    product: str = DOCUMENT,
) -> str:
    """Assemble one product's page from executed notebooks, in order.

    Parameters
    ----------
    notebooks : list of Path
        Executed notebooks (Part I, then Part II when present).
    title : str
        Page title.
    generated : datetime, optional
        Generation time printed at the end of the annex (default: now).
    meta : dict, optional
        ``<meta>`` names and contents for the page head (the report's metadata).
    product : str
        :data:`DOCUMENT` or :data:`ANNEX`.

    Returns
    -------
    str
        A complete HTML document with inline CSS, embedded images and no scripts.
    """
    from htxlib.report.document.narrative import render

    bodies = [notebook_body(path, product) for path in notebooks]
    if product == DOCUMENT:  # the appendix issued with the plan follows the signature
        bodies += [notebook_body(path, APPENDIX) for path in notebooks]
    stamp = (generated or now()).strftime("%d/%m/%Y %H:%M")
    return str(
        render(
            "page.html.j2",
            title=title,
            bodies=bodies,
            generated=stamp,
            meta=meta or {},
            annex=product == ANNEX,
        )
    )
