"""The Word page and named styles of Decree 30/2020/NĐ-CP, and the reference document."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from htxlib.messages import _
from htxlib.report.writing.pandoc_program import WordError, pandoc

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
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
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
        done = run_bounded([pandoc(), "--print-default-data-file", "reference.docx"], 60)
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


def style_names(document) -> Callable[[Paragraph], str]:
    """Return a function naming a paragraph's style, the styles being read once.

    ``paragraph.style`` looks its style up among all of them on every call: on a long
    document, most of the time a pass over its paragraphs takes. A paragraph that names no
    style, or one the document lacks, has the default paragraph style, as in Word.
    """
    names = {style.style_id: style.name for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = default.name if default is not None else ""
    return lambda paragraph: names.get(paragraph._p.style, fallback)
