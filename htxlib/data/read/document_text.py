"""The text of a plan someone wrote: .docx, .pdf, .txt or .html, by page, paragraph and table.

``htx check`` reads documents that arrive from other offices, so every read is bounded as a
unit folder's files are: the file's size and, for a Word file, its zip parts (a zip bomb is
refused before python-docx opens it); a PDF's pages; the characters taken in all. A file
that cannot be read raises :class:`~htxlib.data.read.text.ReadError` with the reason.

Pages: a PDF has its own. A Word file has the page breaks it was saved with (Word records
where each page began; a file written by other programs may have none, and is then one
page). A text file's pages are separated by form feeds. An HTML page is one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from htxlib.data.limits import exceeded, limits
from htxlib.data.read.bounds import check_file
from htxlib.data.read.text import ReadError
from htxlib.messages import N_, _

#: The kinds of files ``htx check`` reads, by suffix.
SUFFIXES = (".docx", ".pdf", ".txt", ".html", ".htm")


@dataclass
class Block:
    """One paragraph, or one table row, of a document.

    Attributes
    ----------
    page : int
        The page it starts on (1 when the file records no pages).
    text : str
        Its text, whitespace collapsed.
    cells : list of str
        A table row's cells; empty for a paragraph.
    table : int
        The table's number in the document (from 1); 0 for a paragraph.
    """

    page: int
    text: str
    cells: list[str] = field(default_factory=list)
    table: int = 0


@dataclass
class DocumentText:
    """A document's blocks in reading order, and its file."""

    path: Path
    blocks: list[Block]


_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\u2011", "-")).strip()


class _Budget:
    """Counts the characters taken from a document against ``HTX_MAX_DOCUMENT_CHARS``."""

    def __init__(self) -> None:
        self.bound = limits().HTX_MAX_DOCUMENT_CHARS
        self.used = 0

    def take(self, text: str) -> str:
        self.used += len(text)
        if self.used > self.bound:
            raise ReadError(
                exceeded(
                    N_("the length of the text"),
                    f"> {self.bound}",
                    "HTX_MAX_DOCUMENT_CHARS",
                    self.bound,
                )
            )
        return text


def read_document(path: Path) -> DocumentText:
    """Read a document's text, bounded.

    Raises
    ------
    ReadError
        When the file is not of a kind read here, too large, or not what its name says.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(
            _("not a kind of file htx check reads (it reads {kinds})").format(
                kinds=", ".join(SUFFIXES)
            )
        )
    if not path.is_file():
        raise ReadError(_("no such file"))
    check_file(path)
    budget = _Budget()
    reader = {".docx": _docx, ".pdf": _pdf, ".txt": _txt}.get(suffix, _html)
    return DocumentText(path, reader(path, budget))


def _docx(path: Path, budget: _Budget) -> list[Block]:
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(path))
    except Exception as err:  # python-docx raises many kinds on a damaged file
        raise ReadError(
            _("not a readable Word file ({error})").format(error=type(err).__name__)
        ) from None
    blocks: list[Block] = []
    page, tables = 1, 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            page += _breaks_before(child)
            text = _clean(budget.take(_text_of(child)))
            if text:
                blocks.append(Block(page, text))
        elif child.tag == qn("w:tbl"):
            tables += 1
            for row in child.iter(qn("w:tr")):
                page += _breaks_before(row)
                cells = [
                    _clean(budget.take(" ".join(_text_of(p) for p in cell.iter(qn("w:p")))))
                    for cell in row.iter(qn("w:tc"))
                ]
                if any(cells):
                    blocks.append(Block(page, " | ".join(cells), cells, tables))
    return blocks


def _text_of(paragraph) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _breaks_before(element) -> int:
    """Pages that begin inside or before an element: Word's rendered breaks and page breaks."""
    from docx.oxml.ns import qn

    rendered = sum(1 for _x in element.iter(qn("w:lastRenderedPageBreak")))
    explicit = sum(1 for b in element.iter(qn("w:br")) if b.get(qn("w:type")) == "page")
    before = element.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
    return rendered + explicit + (1 if before is not None else 0)


def _pdf(path: Path, budget: _Budget) -> list[Block]:
    import pypdf
    from pypdf.errors import PyPdfError

    bound = limits().HTX_MAX_PAGES
    try:
        reader = pypdf.PdfReader(str(path))
        pages = len(reader.pages)
        if pages > bound:
            raise ReadError(exceeded(N_("the number of pages"), pages, "HTX_MAX_PAGES", bound))
        blocks: list[Block] = []
        tables = 0
        for number, page in enumerate(reader.pages, start=1):
            text = _PAGE_NUMBER.sub("", budget.take(page.extract_text() or ""))
            previous_row = False
            for paragraph in _paragraphs(text):
                row = _TABLE_ROW.match(paragraph)
                if row:
                    tables += 0 if previous_row else 1
                    cells = [row.group(1).strip(), *row.group(2).split()]
                    blocks.append(Block(number, paragraph, cells, tables))
                else:
                    blocks.append(Block(number, paragraph))
                previous_row = bool(row)
        return _across_pages(blocks)
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as err:
        raise ReadError(
            _("not a readable PDF file ({error})").format(error=type(err).__name__)
        ) from None


def _across_pages(blocks: list[Block]) -> list[Block]:
    """Join the paragraphs a page break cut in two.

    A page's last paragraph that ends with no stop goes on in the next page's first one,
    unless that starts an item, a heading or a table row: a list of names goes on.
    """
    joined: list[Block] = []
    for block in blocks:
        last = joined[-1] if joined else None
        if (
            last is not None
            and not last.cells
            and not block.cells
            and block.page == last.page + 1
            and not last.text.endswith((".", ":", ";", "!", "?"))
            and not _NEW_PARAGRAPH.match(block.text)
            and not _HEADING.match(block.text)
        ):
            last.text = f"{last.text} {block.text}"
            continue
        joined.append(block)
    return joined


#: A page's number, alone on its first or last line.
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*\n|\n\s*\d{1,3}\s*$")

#: A line that starts a new paragraph in extracted text: a list mark, a heading number.
_NEW_PARAGRAPH = re.compile(r"^\s*(?:[-+•–]\s|[IVX]+\.\s|\d+(?:\.\d+)*\.\s|[a-zđ]\)\s|Phần\s)")


#: A heading's first line: "b) Lĩnh vực ...", "2.", "II." (a list mark is no heading).
_HEADING = re.compile(r"^\s*(?:[a-zđ]\)|\d+(?:\.\d+)*\.|[IVX]+\.)\s")

#: A line of a table as text extraction gives it: a label, then two numbers or more.
_TABLE_ROW = re.compile(r"^([^\d.;:]*[^\d\s.;:])\s+((?:\d[\d.,]*%?\s+)+\d[\d.,]*%?)$")


def _paragraphs(text: str) -> list[str]:
    """Join a page's wrapped lines into paragraphs.

    A line ends its paragraph when it is empty, is short beside the page's full lines (a
    heading, a table row, a paragraph's last line; a sentence's end a little shorter), is a
    heading's line before a capital, or the next line starts a list item or a heading.
    """
    lines = [_clean(line) for line in text.splitlines()]
    widths = sorted(len(line) for line in lines if line)
    full = widths[int(0.9 * (len(widths) - 1))] if widths else 0
    out: list[str] = []
    current: list[str] = []
    for index, line in enumerate(lines):
        if not line or (current and (_NEW_PARAGRAPH.match(line) or _TABLE_ROW.match(line))):
            if current:
                out.append(" ".join(current))
                current = []
            if not line:
                continue
        if line.isdigit() and not current and out and out[-1].endswith(" số"):
            out[-1] += " " + line  # a name's number wrapped alone ("HTX ... số" / "026")
            continue
        current.append(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        heading = _HEADING.match(line) and following[:1].isupper() and line[-1:] not in ",;"
        short = len(line) < (0.95 if line.endswith(".") else 0.75) * full
        if short or heading or _TABLE_ROW.match(line):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def _txt(path: Path, budget: _Budget) -> list[Block]:
    raw = path.read_bytes()
    # UTF-16 only with its byte-order mark (Notepad's "Unicode"): without one, any even
    # number of bytes decodes, and a legacy file would be read as nonsense
    encoding = "utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise ReadError(_("not a text file in UTF-8 or UTF-16")) from None
    budget.take(text)
    blocks = []
    for number, page in enumerate(text.split("\f"), start=1):
        for paragraph in re.split(r"\n\s*\n|\n(?=\s*[-+•]\s)", page):
            paragraph = _clean(paragraph.replace("\n", " "))
            if paragraph:
                blocks.append(Block(number, paragraph))
    return blocks


def _html(path: Path, budget: _Budget) -> list[Block]:
    from lxml import etree, html

    raw = path.read_bytes()
    # the page's own charset, else UTF-8: lxml alone reads a page without one as Latin-1
    declared = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", raw[:4096], re.IGNORECASE)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        text = raw.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadError(_("not a text file in UTF-8 or UTF-16")) from None
    try:
        tree = html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text))
    except (etree.ParserError, ValueError) as err:
        raise ReadError(_("not a readable HTML file ({error})").format(error=err)) from None
    for junk in tree.xpath("//script|//style|//head"):
        junk.drop_tree()
    blocks: list[Block] = []
    tables = 0
    for element in tree.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"):
        if element.tag == "table":
            tables += 1
            for row in element.iter("tr"):
                cells = [
                    _clean(budget.take(c.text_content())) for c in row if c.tag in ("td", "th")
                ]
                if any(cells):
                    blocks.append(Block(1, " | ".join(cells), cells, tables))
            continue
        if any(a.tag in ("li", "p", "table") for a in element.iterancestors()):
            continue
        text = _clean(budget.take(element.text_content()))
        if text:
            blocks.append(Block(1, text))
    return blocks
