"""Word (.docx) documents from the report's HTML, laid out as Decree 30/2020/NĐ-CP prescribes.

The HTML page is the one narrative source. pandoc (shipped as a wheel by
``pypandoc-binary``, so nothing is installed by hand) turns it into real Word headings,
lists, tables, footnotes and images; python-docx then builds the reference document that
carries the page and the named styles, and finishes what pandoc does not set: the
borderless letterhead and signature tables and the "-"/"+" list marks.

The page (Decree 30/2020/NĐ-CP, Appendix I): A4; margins top and bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman; page numbers centred in the top margin from page 2 on.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

from htxlib.messages import _
from htxlib.report.writing.clock import now
from htxlib.report.writing.pandoc_program import WordError, pandoc
from htxlib.report.writing.word_styles import (
    CENTER,
    FONT,
    RULE,
    TEXT_WIDTH,
    reference_docx,
    style_names,
)
from htxlib.report.writing.word_tables import (
    LAYOUT_TABLES,
    LIST_TABLES,
    align_cells,
    cell_text,
    fitted_shares,
    full_width,
    grid_borders,
    header_row,
    layout_table,
    rows_whole,
    table_cells,
)

#: List marks by level, as administrative documents write them.
LIST_MARKS = ("-", "+", "•")


#: The pandoc filter that keeps only the links and images the review copy keeps.
LINK_FILTER = Path(__file__).with_name("safe_links.lua")


def _list_marks(document) -> None:
    """Write bullet lists with "-" at the first level and "+" at the second, in the body style."""
    numbering = document.part.numbering_part.element
    for level in numbering.iter(qn("w:lvl")):
        fmt = level.find(qn("w:numFmt"))
        if fmt is None or fmt.get(qn("w:val")) != "bullet":
            continue
        depth = int(level.get(qn("w:ilvl")))
        level.find(qn("w:lvlText")).set(qn("w:val"), LIST_MARKS[min(depth, len(LIST_MARKS) - 1)])
        r_pr = level.find(qn("w:rPr"))
        if r_pr is None:
            r_pr = OxmlElement("w:rPr")
            level.append(r_pr)
        for old in r_pr.findall(qn("w:rFonts")):
            r_pr.remove(old)
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), FONT)
        r_pr.append(fonts)
    # a list item of paragraphs ("1. …" apart from "2. …" in an analyst's text) comes from
    # pandoc in style Normal: it takes the list items' body style, justified and spaced
    style = style_names(document)
    for paragraph in document.paragraphs:
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.numPr is not None and style(paragraph) == "Normal":
            paragraph.style = document.styles["Compact"]


#: The first words of the recipients' cell, which opens the signature table.
RECIPIENTS = "Nơi nhận"
#: The style of the document's title (trích yếu), which a short line follows.
TITLE = "Trích yếu"
#: The heading of the appendix issued with the plan, which starts on a new page.
APPENDIX_HEADING = "PHỤ LỤC"
#: How the line under the appendix's title starts (Decree 30/2020/NĐ-CP, Appendix I).
ATTACHED_TO = "(Kèm theo Kế hoạch"


def finish(path: Path, title: str) -> None:
    """Set what pandoc leaves out: layout tables, list marks, data-table borders, title."""
    document = Document(str(path))
    for table in document.tables:
        rows = table_cells(table)
        header = "\n".join(cell_text(c) for c in rows[0]) if rows else ""
        shares = next((s for key, s in LAYOUT_TABLES.items() if key in header), None)
        if shares:
            layout_table(table, shares)
            continue
        # a national registry's name lists run to thousands of rows: each cell's text is
        # read once, for both the column widths and the alignment
        texts = [[cell_text(cell).strip() for cell in cells] for cells in rows]
        columns = len(table.columns)
        grid_borders(table)
        header_row(rows)
        listed = LIST_TABLES.get(columns) if header.startswith("STT") else None
        full_width(table, listed or fitted_shares(texts, columns), rows)
        align_cells(rows, texts)
    _list_marks(document)
    rows_whole(document)
    _signature_kept_together(document)
    _title_rule(document)
    _document_numbers_whole(document)
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(APPENDIX_HEADING):  # the appendix starts a page of its own
            paragraph.paragraph_format.page_break_before = True
        elif paragraph.text.startswith(ATTACHED_TO):  # "(Kèm theo …)" under its title
            paragraph.alignment = CENTER
            paragraph.paragraph_format.first_line_indent = Cm(0)
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = ""
    properties.created = properties.modified = now().replace(tzinfo=None, microsecond=0)
    buffer = io.BytesIO()
    document.save(buffer)
    _stable_zip(buffer, path)


#: A document's number and symbol ("01/2020/TT-BKHĐT", "222/KH-UBND"): one word on a line.
#: Also a Party resolution's "20-NQ/TW".
DOCUMENT_NUMBER = re.compile(
    r"\d+(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)+|\d+-[A-ZĐ]+(?:/[A-ZĐ0-9]+)+"
)


def _document_numbers_whole(document) -> None:
    """Keep each document number on one line: its hyphens become Word's non-breaking hyphen.

    Word breaks a line after "-", not at "/". The text still reads "-" to anything that
    reads the file (python-docx, LibreOffice, a search in Word).
    """
    for text in list(document.element.body.iter(qn("w:t"))):
        value = text.text or ""
        if "-" not in value or not DOCUMENT_NUMBER.search(value):
            continue
        marked = DOCUMENT_NUMBER.sub(lambda m: m[0].replace("-", "\0"), value)
        first, *rest = re.split("(\0)", marked)  # a match starts with a digit: first is text
        text.text = first
        text.set(qn("xml:space"), "preserve")
        anchor = text
        for part in filter(None, rest):
            element = OxmlElement("w:noBreakHyphen" if part == "\0" else "w:t")
            if part != "\0":
                element.text = part
                element.set(qn("xml:space"), "preserve")
            anchor.addnext(element)
            anchor = element


def _signature_kept_together(document) -> None:
    """Keep the closing sentence on the page of the recipients and the signature."""
    body = document.element.body
    for table in document.tables:
        if not table.rows or not table.rows[0].cells[0].text.startswith(RECIPIENTS):
            continue
        before = table._tbl.getprevious()
        while before is not None and before.tag == qn("w:p") and not "".join(before.itertext()):
            before = before.getprevious()  # empty paragraphs pandoc leaves
        if before is not None and before.tag == qn("w:p") and before.getparent() is body:
            p_pr = before.get_or_add_pPr()
            p_pr.insert(0, OxmlElement("w:keepNext"))


def _title_rule(document) -> None:
    """Put the decree's short line under the title (trích yếu): a third of the text width."""
    margin = Cm((TEXT_WIDTH.cm * 2 / 3) / 2)
    style = style_names(document)
    for paragraph in list(document.paragraphs):
        if style(paragraph) != TITLE:
            continue
        line = OxmlElement("w:p")
        paragraph._p.addnext(line)
        rule = Paragraph(line, paragraph._parent)
        rule.style = RULE
        rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = margin


def _stable_zip(buffer: io.BytesIO, path: Path) -> None:
    """Write the package with fixed entry times, so the same inputs give the same bytes."""
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(item.filename))


def to_docx(html: str, target: Path, title: str) -> Path:
    """Convert a report page to a Word document at ``target``.

    pandoc runs sandboxed (it reads no file and no URL but the ones named on its command
    line, whatever the page asks for), with the review copy's link and image rules
    (:data:`LINK_FILTER`), a bounded heap (``HTX_PANDOC_MB``) and a time limit
    (``HTX_CONVERT_SECONDS``), in a process group that is killed whole if the run stops.

    Parameters
    ----------
    html : str
        A complete page from :func:`htxlib.report.writing.html_page.report_page`.
    target : Path
        Where to write the .docx.
    title : str
        The document's title property.

    Raises
    ------
    WordError
        pandoc failed, ran out of its memory or time.
    """
    from htxlib.data.limits import limits
    from htxlib.report.writing.processes import ConverterTimeout, run_bounded

    # the page's <title> would become a title block above the letterhead, and its run
    # metadata (written before the run is named) custom properties of the Word file
    body = re.sub(r"<title>.*?</title>", "", html, count=1, flags=re.S)
    body = re.sub(r'<meta\b[^>]*\bname="htx:[^>]*>', "", body)
    # beside the target (a run's private staging folder), gone with it whatever happens
    reference = target.with_name(f".reference-{target.name}")
    bound = limits()
    command = [
        pandoc(),
        "+RTS",
        f"-M{bound.HTX_PANDOC_MB}m",
        "-RTS",
        "--from=html",
        "--to=docx",
        "--sandbox",
        f"--reference-doc={reference}",
        f"--lua-filter={LINK_FILTER}",
        f"--output={target}",
    ]
    try:
        reference.write_bytes(reference_docx())
        done = run_bounded(command, bound.HTX_CONVERT_SECONDS, input=body.encode("utf-8"))
    except (OSError, ConverterTimeout) as err:
        message = _("pandoc could not write {file}: {error}")
        raise WordError(message.format(file=target.name, error=err)) from err
    finally:
        reference.unlink(missing_ok=True)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip()
        if "heap overflow" in said:
            said = _(
                "it needs more memory than HTX_PANDOC_MB={mb} allows (set HTX_PANDOC_MB to "
                "raise it)"
            ).format(mb=bound.HTX_PANDOC_MB)
        message = _("pandoc could not write {file}: {error}")
        raise WordError(message.format(file=target.name, error=said[-500:]))
    finish(target, title)
    return target
