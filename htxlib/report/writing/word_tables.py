"""Word tables as administrative documents set them: layout tables bare, data tables ruled."""

from __future__ import annotations

import re

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Twips

from htxlib.report.document.letterhead import NATION
from htxlib.report.writing.word_styles import LEFT, RULE, STYLES, TEXT_WIDTH

_P, _R, _LINK = qn("w:p"), qn("w:r"), qn("w:hyperlink")
#: Characters of a cell's text that count towards its column's width, at most, and at least.
WIDEST, NARROWEST = 40, 6


#: The width of a character of the tables' text, and a cell's side padding, in cm.
TABLE_CHAR_CM, CELL_PADDING_CM = 0.3, 0.5


#: Tables that place text rather than hold data: no borders, fixed column shares.
LAYOUT_TABLES = {NATION: (0.38, 0.62), "Nơi nhận:": (0.50, 0.50)}


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


def grid_borders(table) -> None:
    """Rule a data table: a single line around and between its cells."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:color", "808080")):
            element.set(qn(key), value)
        borders.append(element)
    table._tbl.tblPr.append(borders)


def full_width(table, shares: tuple[float, ...] | None = None, rows=None) -> None:
    """Span the text width; with ``shares``, give the columns fixed widths.

    ``rows`` are the table's cells by row when the caller has them (see :func:`cells`).
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
    for cells in rows if rows is not None else table_cells(table):
        for cell, value in zip(cells, twips, strict=False):
            cell.width = Twips(value)


def table_cells(table) -> list[tuple]:
    """Return a table's cells by row, read once: python-docx rebuilds them on each access."""
    return [row.cells for row in table.rows]


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


def layout_table(table, shares: tuple[float, float]) -> None:
    """Set a table that places text (letterhead, signature): no borders, fixed shares."""
    _no_borders(table)
    _add_rules(table, shares)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    full_width(table, shares)


#: A cell holding only a figure (with its provenance mark) is aligned right; a lone "%" or
#: "-" is a unit or a dash, not a figure.
FIGURE_CELL = re.compile(r"[\s-]*\d[\d.,%\s-]*(\[[A-Z]{2}\])?")


def fitted_shares(texts: list[list[str]], columns: int) -> tuple[float, ...]:
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


def align_cells(rows: list[tuple], texts: list[list[str]]) -> None:
    """Align figures right and text left: justified text in a narrow cell leaves gaps.

    ``rows`` are a table's cells by row and ``texts`` their stripped texts.
    """
    for number, (cells, row_texts) in enumerate(zip(rows, texts, strict=True)):
        for cell, text in zip(cells, row_texts, strict=True):
            figure = number > 0 and FIGURE_CELL.fullmatch(text or "x")
            alignment = WD_ALIGN_PARAGRAPH.RIGHT if figure else LEFT
            for p in cell._tc.p_lst:  # as Paragraph.alignment sets it, without the proxies
                p.get_or_add_pPr().jc_val = alignment


#: Column shares of the appendix's name lists (STT, name[, note]) by their number of columns.
LIST_TABLES = {2: (0.1, 0.9), 3: (0.08, 0.52, 0.4)}


def header_row(rows) -> None:
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


def rows_whole(document) -> None:
    """Keep every table row on one page ("Tỷ lệ cán bộ quản" / "lý HTX …" never splits)."""
    for table in document.tables:
        for row in table.rows:
            tr_pr = row._tr.get_or_add_trPr()
            if tr_pr.find(qn("w:cantSplit")) is None:
                tr_pr.append(OxmlElement("w:cantSplit"))
