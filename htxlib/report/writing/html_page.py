"""Turn executed notebooks into self-contained HTML pages: the plan document and the annex.

Every cell of the report's notebooks shows HTML its templates wrote (charts are embedded in
it), so a page is those outputs in order, each in a ``<div class="cell">``: no code, no
prompts, no re-serialisation. nbconvert's exporter would parse and rewrite every output with
Beautiful Soup, the larger part of a page's cost, for the same document. The page around the
outputs (inline CSS, no external URL) is ``templates/page.html.j2``. Code cells that are not
shown (markdown cells, the papermill parameters cell, cells tagged ``remove-cell``) are left
out. Cells tagged ``annex`` make the analyst annex; the others make the plan document, those
tagged ``appendix`` after the signature.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from htxlib.report.writing.clock import now

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


def _text(value: str | list[str]) -> str:
    """Return a notebook field as text: it is a string, or the list of lines nbformat writes."""
    return value if isinstance(value, str) else "".join(value)


def output_html(output: dict) -> str:
    """Return one cell output as HTML: its HTML, its picture, or its text escaped.

    Examples
    --------
    >>> output_html({"output_type": "display_data", "data": {"text/html": ["<p>A</p>"]}})
    '<p>A</p>'
    >>> output_html({"output_type": "stream", "name": "stdout", "text": "a < b"})
    '<pre>a &lt; b</pre>'
    >>> output_html({"output_type": "error", "ename": "ValueError"})
    ''
    """
    kind = output.get("output_type")
    if kind == "stream":
        return f"<pre>{html.escape(_text(output.get('text', '')))}</pre>"
    if kind not in ("display_data", "execute_result"):
        return ""  # an error: a failed run publishes no page
    data = output.get("data", {})
    if "text/html" in data:
        return _text(data["text/html"])
    if "image/png" in data:
        return f'<img src="data:image/png;base64,{_text(data["image/png"]).strip()}" alt="">'
    return f"<pre>{html.escape(_text(data.get('text/plain', '')))}</pre>"


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
    notebook = json.loads(Path(path).read_text(encoding="utf-8"))

    def part(tags: list[str]) -> str:
        return ANNEX if ANNEX_TAG in tags else APPENDIX if APPENDIX_TAG in tags else DOCUMENT

    cells = []
    for cell in notebook.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") != "code" or REMOVE_TAGS & set(tags) or part(tags) != product:
            continue
        shown = "".join(output_html(output) for output in cell.get("outputs", []))
        if shown:
            cells.append(f'<div class="cell">\n{shown}\n</div>')
    return "\n".join(cells)


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
