"""Turn executed notebooks into one self-contained HTML page.

nbconvert's ``basic`` template gives the cells' outputs without any page chrome,
scripts or stylesheet links; the page around them (inline CSS, no external URL) is
``templates/page.html.j2``. Code cells, prompts and the papermill parameters cell are
left out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from htxlib.report.clock import now
from htxlib.report.narrative import render

#: Cells tagged with these are dropped from the shared report.
REMOVE_TAGS = {"remove-cell", "parameters", "injected-parameters"}


def _exporter() -> HTMLExporter:
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


def notebook_body(path: Path) -> str:
    """Return the HTML of an executed notebook's outputs (no code, no prompts)."""
    body, _ = _exporter().from_filename(str(path))
    return body


def report_page(
    notebooks: list[Path],
    title: str,
    generated: dt.datetime | None = None,
    meta: dict[str, str] | None = None,
) -> str:
    """Assemble the report page from executed notebooks, in order.

    Parameters
    ----------
    notebooks : list of Path
        Executed notebooks (Part I, then Part II when present).
    title : str
        Page title.
    generated : datetime, optional
        Generation time printed in the footer (default: now).
    meta : dict, optional
        ``<meta>`` names and contents for the page head (the report's metadata).

    Returns
    -------
    str
        A complete HTML document with inline CSS, embedded images and no scripts.
    """
    bodies = [notebook_body(path) for path in notebooks]
    stamp = (generated or now()).strftime("%d/%m/%Y %H:%M")
    return str(render("page.html.j2", title=title, bodies=bodies, generated=stamp, meta=meta or {}))
