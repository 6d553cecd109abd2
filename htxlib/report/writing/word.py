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
import os
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor, Twips

from htxlib.messages import _
from htxlib.report.document.letterhead import NATION
from htxlib.report.writing.clock import now

FONT = "Times New Roman"
BODY_SIZE = 14
#: A4 and the decree's margins.
PAGE = {
    "page_width": Mm(210),
    "page_height": Mm(297),
    "top_margin": Mm(20),
    "bottom_margin": Mm(20),
    "left_margin": Mm(30),
    "right_margin": Mm(15),
    "header_distance": Mm(10),
}
TEXT_WIDTH = Mm(210 - 30 - 15)
CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass(frozen=True)
class Look:
    """How a named paragraph style looks (sizes in points)."""

    size: float = BODY_SIZE
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = CENTER
    before: float = 0
    after: float = 0
    indent: float = 0  # first-line indent, cm
    rule: bool = False  # followed by a short line (see :data:`RULE`)


#: The named styles the templates ask for (``data-custom-style``) and the ones pandoc uses.
#: Sizes follow Decree 30/2020/NĐ-CP, Appendix I, section II.
STYLES: dict[str, Look] = {
    "Cơ quan chủ quản": Look(size=12),
    "Cơ quan ban hành": Look(size=12, bold=True, rule=True),
    "Quốc hiệu": Look(size=12, bold=True),
    "Tiêu ngữ": Look(size=14, bold=True, rule=True),
    "Số, ký hiệu": Look(size=13, before=6),
    "Địa danh, ngày tháng": Look(size=14, italic=True, before=6),
    "Tên loại văn bản": Look(size=14, bold=True, before=18),
    "Trích yếu": Look(size=14, bold=True, after=12),
    "Nơi nhận": Look(size=12, bold=True, italic=True, align=LEFT, before=12),
    "Danh sách nơi nhận": Look(size=11, align=LEFT),
    "Thẩm quyền ký": Look(size=14, bold=True, before=12),
    "Họ tên người ký": Look(size=14, bold=True, before=72),
    "Body Text": Look(align=JUSTIFY, before=6, indent=1.0),
    "First Paragraph": Look(align=JUSTIFY, before=6, indent=1.0),
    # Decree 30: at least 6 pt between paragraphs, list items included
    "Compact": Look(align=JUSTIFY, before=6, after=0),
    "Footnote Text": Look(size=11, align=JUSTIFY),
    "Image Caption": Look(size=12, italic=True),
    "Captioned Figure": Look(before=6),
    "Heading 1": Look(bold=True, before=12, after=6),
    "Heading 2": Look(bold=True, before=12, after=6),
    # headings are never justified: a justified heading strands its last word ("NĂM / 2024")
    "Heading 3": Look(bold=True, align=LEFT, before=12, after=3),
    "Heading 4": Look(bold=True, align=LEFT, before=6, after=3),
    "Heading 5": Look(bold=True, italic=True, align=LEFT, before=6, after=3),
    # the kinds under a) (Hợp tác xã, Liên hiệp hợp tác xã, Tổ hợp tác): in the navigation pane
    "Heading 6": Look(bold=True, align=LEFT, before=6, after=0),
}
#: The style of the short line under the issuing body and the motto: an empty paragraph
#: with a bottom border between wide indents (Decree 30: a third to a half of the text).
RULE = "Đường kẻ ngắn"
#: Tables that place text rather than hold data: no borders, fixed column shares.
LAYOUT_TABLES = {NATION: (0.38, 0.62), "Nơi nhận:": (0.50, 0.50)}
#: List marks by level, as administrative documents write them.
LIST_MARKS = ("-", "+", "•")


#: The pandoc filter that keeps only the links and images the review copy keeps.
LINK_FILTER = Path(__file__).with_name("safe_links.lua")


class WordError(RuntimeError):
    """pandoc could not convert the page; the message says why."""


def _pandoc() -> str:
    """Return the pandoc program: ``PYPANDOC_PANDOC`` when set, else the one the wheel ships.

    Found by its path alone: pypandoc's own look-up runs ``pandoc --version`` with no time
    limit, and a pandoc that does not answer would hold the run.
    """
    import shutil

    given = os.environ.get("PYPANDOC_PANDOC")
    if given:
        return given
    import pypandoc  # for the file it ships; importing it runs nothing

    shipped = Path(pypandoc.__file__).with_name("files") / "pandoc"
    found = str(shipped) if shipped.is_file() else shutil.which("pandoc")
    if not found:
        raise WordError(_("pandoc is not installed: reinstall the toolkit (make setup)"))
    return found


def _font(style, look: Look) -> None:
    font = style.font
    font.name = FONT
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = look.italic
    font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _rule_style(document) -> None:
    """Add the style of :data:`RULE`: a tiny empty paragraph whose bottom border is the line."""
    style = document.styles.add_style(RULE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.font.size = Pt(2)
    fmt = style.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.left_indent = fmt.right_indent = Cm(1.9)
    p_pr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)


def _style(document, name: str, look: Look) -> None:
    styles = document.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.quick_style = True
    _font(style, look)
    fmt = style.paragraph_format
    fmt.alignment = look.align
    fmt.space_before = Pt(look.before)
    fmt.space_after = Pt(look.after)
    fmt.line_spacing = 1.0 if name not in ("Body Text", "First Paragraph", "Compact") else 1.15
    fmt.first_line_indent = Cm(look.indent)  # 0 too: styles based on body text inherit it


def _page_number_header(section) -> None:
    """Centre the page number in the top margin, and leave the first page without one."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    run.font.name, run.font.size = FONT, Pt(BODY_SIZE)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
        else:
            field = OxmlElement("w:instrText")
            field.set(qn("xml:space"), "preserve")
            field.text = text
        run._r.append(field)


@cache
def reference_docx() -> bytes:
    """Build the reference document pandoc takes its page and styles from (once a process).

    Built in memory: a folder in the system's temporary folder would be left behind by a
    kernel that is stopped rather than shut down.
    """
    from htxlib.report.writing.processes import ConverterTimeout, run_bounded

    try:
        done = run_bounded([_pandoc(), "--print-default-data-file", "reference.docx"], 60)
    except (OSError, ConverterTimeout) as err:
        raise WordError(_("pandoc did not start: {error}").format(error=err)) from err
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace")[-300:]
        raise WordError(_("pandoc did not start: {error}").format(error=said))
    data = done.stdout
    document = Document(io.BytesIO(data))
    _font(document.styles["Normal"], Look(align=JUSTIFY))
    for name, look in STYLES.items():
        _style(document, name, look)
    _rule_style(document)
    section = document.sections[0]
    for key, value in PAGE.items():
        setattr(section, key, value)
    _page_number_header(section)
    built = io.BytesIO()
    document.save(built)
    return built.getvalue()


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    tbl_pr.append(borders)


def _grid_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:color", "808080")):
            element.set(qn(key), value)
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _full_width(table, shares: tuple[float, ...] | None = None, rows=None) -> None:
    """Span the text width; with ``shares``, give the columns fixed widths.

    ``rows`` are the table's cells by row when the caller has them (see :func:`_cells`).
    """
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")  # fiftieths of a percent: 100%
    if shares is None:
        return
    table.autofit = False
    twips = [int(TEXT_WIDTH.twips * share) for share in shares]
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=False):
        column.set(qn("w:w"), str(value))
    for cells in rows if rows is not None else _cells(table):
        for cell, value in zip(cells, twips, strict=False):
            cell.width = Twips(value)


def _cells(table) -> list[tuple]:
    """Return a table's cells by row, read once: python-docx rebuilds them on each access."""
    return [row.cells for row in table.rows]


_P, _R, _LINK = qn("w:p"), qn("w:r"), qn("w:hyperlink")
#: The parts of a run that have a text (a line break "\n", a tab "\t", ...).
_RUN_TEXT = tuple(qn(f"w:{tag}") for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))


def cell_text(cell) -> str:
    """Return a cell's text as python-docx's ``cell.text`` does, element by element.

    python-docx runs an XPath query for each paragraph and run: a national registry's
    name lists and rating table, tens of thousands of cells, took it most of a minute.
    """
    paragraphs = []
    for paragraph in cell._tc.iterchildren(_P):
        texts = []
        for child in paragraph.iterchildren(_R, _LINK):
            runs = [child] if child.tag == _R else child.iterchildren(_R)
            texts += [str(part) for run in runs for part in run.iterchildren(*_RUN_TEXT)]
        paragraphs.append("".join(texts))
    return "\n".join(paragraphs)


#: How long the short line under a ruled style is, as a share of its text's longest line
#: (Decree 30: a third to a half under the issuing body; the motto's own length under it).
RULE_SHARES = {"Cơ quan ban hành": 0.4, "Tiêu ngữ": 1.0}
#: The average width of a character of those styles (bold, mostly capitals), in cm.
CHAR_WIDTHS = {"Cơ quan ban hành": 0.26, "Tiêu ngữ": 0.22}


def _add_rules(table, shares: tuple[float, ...]) -> None:
    """Put a short line under each paragraph whose style asks for one, sized to its text."""
    ruled = {name for name, look in STYLES.items() if look.rule}
    for row in table.rows:
        for cell, share in zip(row.cells, shares, strict=False):
            for paragraph in list(cell.paragraphs):
                name = paragraph.style.name if paragraph.style is not None else ""
                if name not in ruled:
                    continue
                longest = max((len(line) for line in paragraph.text.split("\n")), default=0)
                rule_cm = longest * CHAR_WIDTHS.get(name, 0.25) * RULE_SHARES.get(name, 0.5)
                margin = max((TEXT_WIDTH.cm * share - rule_cm) / 2, 0)
                line = OxmlElement("w:p")
                paragraph._p.addnext(line)
                rule = cell.paragraphs[[p._p for p in cell.paragraphs].index(line)]
                rule.style = RULE
                rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Cm(margin)


def _layout_table(table, shares: tuple[float, float]) -> None:
    _no_borders(table)
    _add_rules(table, shares)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _full_width(table, shares)


#: A cell holding only a figure (with its provenance mark) is aligned right; a lone "%" or
#: "-" is a unit or a dash, not a figure.
FIGURE_CELL = re.compile(r"[\s-]*\d[\d.,%\s-]*(\[[A-Z]{2}\])?")
#: Characters of a cell's text that count towards its column's width, at most, and at least.
WIDEST, NARROWEST = 40, 6


#: The width of a character of the tables' text, and a cell's side padding, in cm.
TABLE_CHAR_CM, CELL_PADDING_CM = 0.3, 0.5


def _fitted_shares(texts: list[list[str]], columns: int) -> tuple[float, ...]:
    """Share the text width by what the columns hold: "Chỉ tiêu" wide, "Đơn vị tính" narrow.

    ``texts`` are the table's cell texts by row (stripped), for its ``columns`` columns.
    Each column weighs its longest cell, bounded so that no column takes the page or is
    squeezed below a short word; and no column is narrower than its longest word, which
    would otherwise break in the middle ("đồng/nă" over "m").
    """
    weights = [NARROWEST] * columns
    words = [0] * columns
    for row in texts:
        for index, text in enumerate(row[:columns]):
            weights[index] = max(weights[index], min(len(text), WIDEST))
            words[index] = max([words[index], *(len(word) for word in text.split())])
    total = sum(weights)
    shares = [weight / total for weight in weights]
    floors = [(w * TABLE_CHAR_CM + CELL_PADDING_CM) / TEXT_WIDTH.cm for w in words]
    short = [i for i in range(columns) if shares[i] < floors[i]]
    if short and sum(floors) < 1:
        rest = [i for i in range(columns) if i not in short]
        left = 1 - sum(floors[i] for i in short)
        scale = left / sum(shares[i] for i in rest) if rest else 0
        shares = [floors[i] if i in short else shares[i] * scale for i in range(columns)]
    return tuple(shares)


def _align_cells(rows: list[tuple], texts: list[list[str]]) -> None:
    """Align figures right and text left: justified text in a narrow cell leaves gaps.

    ``rows`` are a table's cells by row and ``texts`` their stripped texts.
    """
    for number, (cells, row_texts) in enumerate(zip(rows, texts, strict=True)):
        for cell, text in zip(cells, row_texts, strict=True):
            figure = number > 0 and FIGURE_CELL.fullmatch(text or "x")
            alignment = WD_ALIGN_PARAGRAPH.RIGHT if figure else LEFT
            for p in cell._tc.p_lst:  # as Paragraph.alignment sets it, without the proxies
                p.get_or_add_pPr().jc_val = alignment


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
    for paragraph in document.paragraphs:
        p_pr = paragraph._p.pPr
        if paragraph.style.name == "Normal" and p_pr is not None and p_pr.numPr is not None:
            paragraph.style = document.styles["Compact"]


#: The first words of the recipients' cell, which opens the signature table.
RECIPIENTS = "Nơi nhận"
#: The style of the document's title (trích yếu), which a short line follows.
TITLE = "Trích yếu"
#: The heading of the appendix issued with the plan, which starts on a new page.
APPENDIX_HEADING = "PHỤ LỤC"
#: How the line under the appendix's title starts (Decree 30/2020/NĐ-CP, Appendix I).
ATTACHED_TO = "(Kèm theo Kế hoạch"
#: Column shares of the appendix's name lists (STT, name[, note]) by their number of columns.
LIST_TABLES = {2: (0.1, 0.9), 3: (0.08, 0.52, 0.4)}


def finish(path: Path, title: str) -> None:
    """Set what pandoc leaves out: layout tables, list marks, data-table borders, title."""
    document = Document(str(path))
    for table in document.tables:
        rows = _cells(table)
        header = "\n".join(cell_text(c) for c in rows[0]) if rows else ""
        shares = next((s for key, s in LAYOUT_TABLES.items() if key in header), None)
        if shares:
            _layout_table(table, shares)
            continue
        # a national registry's name lists run to thousands of rows: each cell's text is
        # read once, for both the column widths and the alignment
        texts = [[cell_text(cell).strip() for cell in cells] for cells in rows]
        columns = len(table.columns)
        _grid_borders(table)
        _header_row(rows)
        listed = LIST_TABLES.get(columns) if header.startswith("STT") else None
        _full_width(table, listed or _fitted_shares(texts, columns), rows)
        _align_cells(rows, texts)
    _list_marks(document)
    _rows_whole(document)
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
DOCUMENT_NUMBER = re.compile(r"\d+(?:/\d{4})?/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)+")


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


def _header_row(rows) -> None:
    """Set a data table's header in bold, repeated at the top of each page it runs onto."""
    if not rows:
        return
    for cell in rows[0]:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True
    tr_pr = rows[0][0]._tc.getparent().get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _rows_whole(document) -> None:
    """Keep every table row on one page ("Tỷ lệ cán bộ quản" / "lý HTX …" never splits)."""
    for table in document.tables:
        for row in table.rows:
            tr_pr = row._tr.get_or_add_trPr()
            if tr_pr.find(qn("w:cantSplit")) is None:
                tr_pr.append(OxmlElement("w:cantSplit"))


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
    for paragraph in list(document.paragraphs):
        if paragraph.style is None or paragraph.style.name != TITLE:
            continue
        line = OxmlElement("w:p")
        paragraph._p.addnext(line)
        rule = next(p for p in document.paragraphs if p._p is line)
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
        _pandoc(),
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
