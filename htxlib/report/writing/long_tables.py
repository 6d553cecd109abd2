"""Tables too long for a signed document go to a spreadsheet that travels with it.

A national registry lists tens of thousands of HTX. No one reads such a list on paper, and
pandoc takes minutes and gigabytes to set it in Word. A data table of more than
:data:`SHEET_ROWS` rows therefore leaves the Word and PDF copies: each becomes a sheet of
one workbook (``report-danh-sach.xlsx`` beside ``report.docx``), with the table's columns,
and the document says in its place how many rows it has, which file and which sheet hold
it. The HTML review copy keeps every table in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml.html import Element

from htxlib import formatting
from htxlib.report.writing.html_tree import classes, parse, text_of, written

#: A data table longer than this many rows goes to the spreadsheet.
SHEET_ROWS = 200
#: What a sheet's name may not hold (Excel), and its longest length.
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_CHARS = 31
#: The heading nearest before a table, in document order (its title names the sheet).
HEADING_BEFORE = "preceding::*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"


@dataclass
class Sheet:
    """One long table, as its sheet holds it."""

    name: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


def _sheet_name(number: int, title: str, taken: set[str] = frozenset()) -> str:
    """Name a sheet by its table's heading, as Excel allows, keeping the heading's number.

    The sheet of the appendix's list "3. …" is "3. …", as the document numbers it; a
    heading with no number, or whose name another sheet already has, takes the sheet's
    place in the workbook.

    Examples
    --------
    >>> title = "3. HTX xếp loại khá năm 2024 (350 HTX)"
    >>> _sheet_name(2, title), _sheet_name(2, title, {"3. HTX xếp loại khá năm 2024 (3"})
    ('3. HTX xếp loại khá năm 2024 (3', '2. HTX xếp loại khá năm 2024 (3')
    >>> _sheet_name(1, "HTX mới"), _sheet_name(1, "")
    ('1. HTX mới', '1')
    """
    title = " ".join(title.split())
    own = re.match(r"^(\d+)\.\s*", title)
    title = _NOT_IN_SHEET_NAMES.sub("-", title[own.end() :] if own else title)
    for shown in ([own.group(1)] if own else []) + [str(number)]:
        named = (f"{shown}. {title}" if title else shown)[:SHEET_NAME_CHARS].rstrip()
        if named not in taken:
            return named
    return str(number)


def split_long_tables(page: str, workbook: str) -> tuple[str, list[Sheet]]:
    """Move each data table longer than :data:`SHEET_ROWS` rows out of a page.

    Parameters
    ----------
    page : str
        The HTML the Word copy is made from.
    workbook : str
        The spreadsheet's file name, as the document names it.

    Returns
    -------
    str, list of Sheet
        The page, each long table replaced by a sentence naming its file, sheet and rows;
        and the tables as sheets (none when no table is that long: the page is unchanged).

    Examples
    --------
    >>> rows = "".join(f"<tr><td>{i}</td><td>HTX {i}</td></tr>" for i in range(1, 202))
    >>> page = ('<h4>1. HTX mới</h4><table class="data"><thead><tr><th>STT</th>'
    ...         f'<th>Tên HTX</th></tr></thead><tbody>{rows}</tbody></table>')
    >>> shown, sheets = split_long_tables(page, "report-danh-sach.xlsx")
    >>> print(shown)
    <h4>1. HTX mới</h4><p class="long-table">Danh sách gồm 201 dòng, lập thành tệp bảng tính \
report-danh-sach.xlsx (trang “1. HTX mới”) kèm theo.</p>
    >>> sheets[0].header, len(sheets[0].rows), sheets[0].rows[-1]
    (['STT', 'Tên HTX'], 201, ['201', 'HTX 201'])
    """
    if page.count("<tr") <= SHEET_ROWS:  # no table can be that long: nothing to parse
        return page, []
    tree = parse(page)
    sheets = move_long_tables(tree, workbook)
    return (written(tree), sheets) if sheets else (page, [])


def move_long_tables(tree, workbook: str) -> list[Sheet]:
    """Replace each long data table of a page's tree by its sentence; return the sheets."""
    sheets: list[Sheet] = []
    tables = [t for t in tree.iter("table") if "data" in classes(t)]
    for table in tables:
        body = table.find("tbody")
        rows = (body if body is not None else table).findall("tr")
        if len(rows) <= SHEET_ROWS:
            continue
        heading = table.xpath(HEADING_BEFORE)
        title = text_of(heading[-1]) if heading else ""
        name = _sheet_name(len(sheets) + 1, title, {sheet.name for sheet in sheets})
        head = table.find("thead")
        cells = head.iter("th", "td") if head is not None else []
        sheet = Sheet(name, [text_of(c) for c in cells])
        sheet.rows = [[text_of(c) for c in row if c.tag in ("td", "th")] for row in rows]
        sheets.append(sheet)
        said = Element("p", {"class": "long-table"})
        said.text = (
            f"Danh sách gồm {formatting.number(len(rows))} dòng, lập thành tệp bảng tính "
            f"{workbook} (trang “{name}”) kèm theo."
        )
        said.tail = table.tail
        table.getparent().replace(table, said)
    return sheets


def write_sheets(sheets: list[Sheet], path: Path) -> Path:
    """Write the long tables as one workbook, a sheet each, header first; return its path."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from htxlib.report.writing.spreadsheets import neutralise

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        out = book.create_sheet(sheet.name)
        if sheet.header:
            header = [WriteOnlyCell(out, value=neutralise(text)) for text in sheet.header]
            for cell in header:
                cell.font = bold
            out.append(header)
        for row in sheet.rows:
            # the row number a number; a name that starts like a formula stays text
            out.append([int(c) if c.isdigit() and len(c) < 10 else neutralise(c) for c in row])
    book.save(path)
    return path
