"""The Word document an office edits and signs: Decree 30/2020/NĐ-CP layout, every seed figure,
and no code identifier in either product.

Opened with python-docx, as another program would read it.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from docx import Document
from docx.shared import Mm

from htxlib.data import codes
from htxlib.data.codebook import TABLES
from htxlib.plan.indicators import INDICATORS
from htxlib.plan.projections import METHOD_LABELS
from htxlib.report.writing.html_page import ANNEX, DOCUMENT, report_page
from htxlib.report.writing.word import to_docx

from .seed import REVIEW_ONLY, SEED_PHRASES


def squash(text: str) -> str:
    """Drop whitespace: Word joins runs where HTML puts spaces around tags."""
    return re.sub(r"\s+", "", text)


def lines(cell) -> str:
    """A cell's non-empty paragraphs (the short rules under names are empty paragraphs)."""
    return "\n".join(p.text for p in cell.paragraphs if p.text)


def all_text(document) -> str:
    """Every paragraph of the body, the tables (nested too) and the footnotes."""
    parts = [p.text for p in document.paragraphs]

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    parts.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    cells(document.tables)
    footnotes = [
        part for part in document.part.package.parts if part.partname.endswith("footnotes.xml")
    ]
    for part in footnotes:
        parts.append(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", part.blob.decode("utf-8"))))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def docx_files(vq_report):
    folder = vq_report[0] / "van-quan" / "2024"
    return Document(str(folder / "report.docx")), Document(str(folder / "annex.docx"))


def test_a4_and_the_decree_margins(docx_files):
    for document in docx_files:
        section = document.sections[0]
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
        assert abs(section.top_margin - Mm(20)) < Mm(1)
        assert abs(section.bottom_margin - Mm(20)) < Mm(1)
        assert abs(section.left_margin - Mm(30)) < Mm(1)
        assert abs(section.right_margin - Mm(15)) < Mm(1)


def test_page_numbers_from_page_two(docx_files):
    section = docx_files[0].sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_times_new_roman_13_to_14_points(docx_files):
    styles = docx_files[0].styles
    for name in ("Normal", "Body Text", "First Paragraph", "Heading 3", "Tên loại văn bản"):
        assert styles[name].font.name == "Times New Roman", name  # the decree's, not a constant
    assert 13 <= styles["Body Text"].font.size.pt <= 14


def test_header_table(docx_files):
    header = docx_files[0].tables[0]
    texts = [lines(cell) for row in header.rows for cell in row.cells]
    assert texts[0] == "ỦY BAN NHÂN DÂN\nHUYỆN VĂN QUAN"
    assert texts[1] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    assert texts[2] == "Số: …/KH-UBND"
    assert texts[3] == "Văn Quan, ngày … tháng … năm …"
    assert "w:tblBorders" in header._tbl.xml and 'w:val="nil"' in header._tbl.xml
    styles = {p.style.name for row in header.rows for cell in row.cells for p in cell.paragraphs}
    assert {"Cơ quan ban hành", "Quốc hiệu", "Tiêu ngữ", "Số, ký hiệu"} <= styles


def test_title_opening_closing_and_signature(docx_files):
    document = docx_files[0]
    paragraphs = [p.text for p in document.paragraphs]
    assert "KẾ HOẠCH" in paragraphs
    assert "Phát triển kinh tế tập thể, hợp tác xã năm 2025" in paragraphs
    assert any(
        p.startswith("Thực hiện Công văn số 1811/SKHĐT-ĐKKD ngày 29/6/2024") for p in paragraphs
    )
    assert any(p.startswith("Trên đây là Kế hoạch") and p.endswith("./.") for p in paragraphs)
    # the signature table; the appendix issued with the plan follows it
    closing = next(t for t in document.tables if lines(t.rows[0].cells[0]).startswith("Nơi nhận"))
    recipients, signer = (lines(cell) for cell in closing.rows[0].cells)
    assert recipients.startswith("Nơi nhận:\n- Sở Kế hoạch và Đầu tư tỉnh;")
    assert recipients.endswith("- Lưu: VT, TCKH.")
    assert signer == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTriệu Đức Dũng"


def test_real_headings_lists_tables_and_charts(docx_files, vq_report, tmp_path):
    from htxlib.report.writing.signing_copy import signing_copy
    from htxlib.report.writing.word import to_docx

    document = docx_files[0]
    used = {p.style.name for p in document.paragraphs}
    assert {"Heading 2", "Heading 3", "Heading 4", "Heading 5", "Heading 6"} <= used
    assert len(document.inline_shapes) == 0  # the signing copy has no chart by default
    with_charts = to_docx(signing_copy(vq_report[1], charts=True), tmp_path / "c.docx", "t")
    assert len(Document(str(with_charts)).inline_shapes) == 4  # htx report --charts
    numbering = document.part.numbering_part.element.xml
    assert 'w:lvlText w:val="-"' in numbering and 'w:lvlText w:val="+"' in numbering
    assert len(document.tables) >= 3  # letterhead, managers, recipients and signature


HEADING = re.compile("^h[1-6]$")


def docx_section(document, page: str, section_id: str) -> str:
    """The Word text of one section of the page: from its first heading to the next one after it.

    The section's bounds are the page's headings, found again among the Word paragraphs in
    order, so a figure stated in another section is not found in this one.
    """
    soup = BeautifulSoup(page, "html.parser")
    node = soup.find(id=section_id)
    first = squash(node.find(HEADING).get_text())
    after = next((h for h in node.find_all_next(HEADING) if node not in h.parents), None)
    last = squash(after.get_text()) if after else None

    def text(block) -> str:
        if hasattr(block, "rows"):
            return " ".join(text(inner) for row in block.rows for c in row.cells for inner in
                            c.iter_inner_content())  # fmt: skip
        return block.text

    blocks = [text(block) for block in document.iter_inner_content()]
    start = next(i for i, block in enumerate(blocks) if squash(block) == first)
    end = next((i for i in range(start + 1, len(blocks)) if squash(blocks[i]) == last), None)
    assert last is None or end is not None, f"the heading after {section_id} is not in Word"
    return "\n".join(blocks[start:end])


@pytest.mark.parametrize("section", sorted(SEED_PHRASES))
def test_every_seed_figure_in_its_section_of_the_docx(docx_files, vq_report, section):
    text = squash(docx_section(docx_files[0], vq_report[1], section))
    proposed = REVIEW_ONLY.get(section, ())
    missing = [p for p in SEED_PHRASES[section] if p not in proposed and squash(p) not in text]
    assert not missing
    assert not [p for p in proposed if squash(p) in text]


def test_a_docx_section_holds_only_its_own_figures(docx_files, vq_report):
    # the section search would not find a figure of another section
    rating = squash(docx_section(docx_files[0], vq_report[1], "i-2-d"))
    assert squash("Tổ hợp tác dùng nước: 25 tổ, 148 thành viên") not in rating
    assert squash(SEED_PHRASES["i-2-d"][0]) in rating


def test_provenance_marks_stay_in_the_review_copy(docx_files, vq_report):
    text = all_text(docx_files[0])
    assert "[UT]" not in text and "[DL]" not in text and "là số liệu dựng lại" not in text
    assert vq_report[1].count("là số liệu dựng lại") == 1  # the review copy's footnote


def _identifiers() -> set[str]:
    """Names only code uses: tables, columns, codes, indicators and methods."""
    names = set(TABLES)
    for table in TABLES.values():
        names |= set(table.names)
    for values in codes.CODE_LISTS.values():
        names |= set(values)
    names |= set(INDICATORS) | set(METHOD_LABELS)
    # a name is an identifier when it has an underscore or is a plain-ASCII word of 4+
    # letters; shorter codes ("tot", "kha") and a few that are also Vietnamese words are not
    vietnamese = {"tinh", "khac", "nong", "dich", "thuong", "nghiep", "quan"}
    return {
        n
        for n in names
        if ("_" in n or (n.isascii() and n.isalpha() and len(n) >= 4)) and n not in vietnamese
    }


def _code_identifiers_in(text: str) -> list[str]:
    text = re.sub(r"\S+\.(csv|xlsx|md)\b", " ", text)  # file names are what an analyst opens
    return sorted(
        i for i in _identifiers() if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)
    )


def test_no_code_identifier_in_any_product(vq_report, docx_files):
    folder = vq_report[0] / "van-quan" / "2024"
    for name in ("report.html", "annex.html"):
        page = BeautifulSoup((folder / name).read_text(encoding="utf-8"), "html.parser")
        for hidden in page(["style", "head"]):
            hidden.decompose()
        assert _code_identifiers_in(page.get_text(" ")) == [], name
    for document in docx_files:
        assert _code_identifiers_in(all_text(document)) == []


def test_one_narrative_source(vq_report, tmp_path):
    """The Word file is made from the HTML page: the same words, in the same order."""
    folder = vq_report[0] / "van-quan" / "2024"
    run = sorted((folder / "runs").iterdir())[0]
    notebooks = [run / "assessment.ipynb", run / "targets.ipynb"]
    for product in (DOCUMENT, ANNEX):
        page = report_page(notebooks, "t", product=product)
        docx = Document(str(to_docx(page, tmp_path / f"{product}.docx", "t")))
        main = BeautifulSoup(page, "html.parser").find("main")
        html_words = squash(main.get_text())
        for paragraph in docx.paragraphs:
            if paragraph.text.strip():
                assert squash(paragraph.text) in html_words, paragraph.text
        # and the other way: every block of the page is in the Word file, none dropped (a
        # footnote's mark becomes Word's own footnote reference)
        for mark in main.select("a.footnote-ref"):
            mark.decompose()
        word_words = squash(all_text(docx))
        blocks = main.find_all(["h1", "h2", "h3", "h4", "p", "li", "th", "td"])
        dropped = [b.get_text() for b in blocks if squash(b.get_text()) not in word_words]
        assert len(blocks) > 50 and not dropped, dropped[:5]


def test_run_metadata_stays_out_of_the_word_file(vq_report):
    import zipfile

    folder = vq_report[0] / "van-quan" / "2024"
    with zipfile.ZipFile(folder / "report.docx") as package:
        names = package.namelist()
        custom = (
            package.read("docProps/custom.xml").decode() if "docProps/custom.xml" in names else ""
        )
    assert "htx-run-id" not in custom and "htx:" not in custom


def test_decree_30_layout_in_the_word_xml(docx_files):
    """What an officer checks on the printed pages, read in the .docx itself."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    from htxlib.report.writing.word import TITLE
    from htxlib.report.writing.word_styles import RULE, TEXT_WIDTH

    document = docx_files[0]
    body = document.element.body
    # no row breaks across a page, in any table (the targets, the signature)
    rows = list(body.iter(qn("w:tr")))
    assert rows and all(r.find(qn("w:trPr")) is not None for r in rows)
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    # the closing sentence is kept with the recipients and the signature
    closing = next(p for p in document.paragraphs if p.text.startswith("Trên đây là Kế hoạch"))
    assert closing.paragraph_format.keep_with_next
    # a short line, a third of the text, under the title
    paragraphs = document.paragraphs
    title = next(i for i, p in enumerate(paragraphs) if p.style.name == TITLE)
    rule = paragraphs[title + 1]
    assert rule.style.name == RULE and rule.text == ""
    width = TEXT_WIDTH - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
    assert TEXT_WIDTH / 4 < width < TEXT_WIDTH / 2
    # under the issuing body a line of a third to a half of its text; under the motto, its own
    from htxlib.report.writing.word_tables import CHAR_WIDTHS

    for style, low, high in (("Cơ quan ban hành", 0.3, 0.55), ("Tiêu ngữ", 0.8, 1.2)):
        cell = next(
            c for c in document.tables[0].rows[0].cells
            if any(p.style.name == style for p in c.paragraphs)
        )  # fmt: skip
        ruled = next(i for i, p in enumerate(cell.paragraphs) if p.style.name == style)
        line = cell.paragraphs[ruled + 1]
        assert line.style.name == RULE
        text_cm = max(map(len, cell.paragraphs[ruled].text.split("\n"))) * CHAR_WIDTHS[style]
        rule_cm = cell.width.cm - 2 * line.paragraph_format.left_indent.cm
        assert low * text_cm <= rule_cm <= high * text_cm, (style, rule_cm, text_cm)
    # columns fitted to what they hold; a figure keeps its "%" (the managers' table: the
    # signing copy lists its targets, the table of targets is the review copy's)
    levels = next(t for t in document.tables if t.rows[0].cells[0].text == "Trình độ")
    grid = [int(c.get(qn("w:w"))) for c in levels._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[0] > 1.5 * grid[1], grid  # "Trình độ" wide, "Số người" narrow
    assert levels.rows[1].cells[2].text.endswith("%")
    # its header in bold, repeated on each page the table runs onto
    header = levels.rows[0]
    assert all(run.bold for c in header.cells for p in c.paragraphs for run in p.runs)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert levels.rows[1].cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    # at least 6 pt between paragraphs, list items too; headings never justified
    styles = document.styles
    for name in ("Body Text", "First Paragraph", "Compact"):
        assert styles[name].paragraph_format.space_before.pt >= 6, name
    for name in ("Heading 3", "Heading 4", "Heading 5"):
        assert styles[name].paragraph_format.alignment != WD_ALIGN_PARAGRAPH.JUSTIFY, name
    # no leftover bookmarks from the notebooks' cells
    names = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    assert not [n for n in names if n.startswith("cell-id")]


def test_the_appendix_issued_with_the_plan_starts_a_page(tmp_path):
    page = (
        "<html><body><h1>KẾ HOẠCH</h1><p>Trên đây là Kế hoạch.</p>"
        '<h2 class="part">PHỤ LỤC<br>DANH SÁCH KÈM THEO KẾ HOẠCH</h2><p>1. HTX A</p>'
        "</body></html>"
    )
    document = Document(str(to_docx(page, tmp_path / "report.docx", "Kế hoạch")))
    heading = next(p for p in document.paragraphs if p.text.startswith("PHỤ LỤC"))
    assert heading.paragraph_format.page_break_before


def test_writing_a_word_file_leaves_nothing_behind(tmp_path, monkeypatch):
    # a kernel stopped rather than shut down runs no clean-up: nothing may go to the
    # system's temporary folder, and only the Word file stays beside it
    import tempfile

    from htxlib.report.writing import word

    system_tmp = tmp_path / "system-tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    word.reference_docx.cache_clear()
    out = tmp_path / "staging"
    out.mkdir()
    page = "<html><body><h1>KẾ HOẠCH</h1><p>Năm 2025 có 03 HTX.</p></body></html>"
    to_docx(page, out / "report.docx", "Kế hoạch")
    assert [p.name for p in out.iterdir()] == ["report.docx"]
    assert not [p.name for p in system_tmp.iterdir() if p.name.startswith("htx-")]
    assert "03 HTX" in "\n".join(p.text for p in Document(out / "report.docx").paragraphs)


def test_a_cell_s_text_is_read_as_python_docx_reads_it(docx_files, tmp_path):
    """The fast reading of cell texts (column widths, alignment) gives python-docx's text,
    line breaks, tabs and links included."""
    from htxlib.report.writing.word_tables import cell_text

    page = (
        "<html><body><table><tr><td>a<br>b</td><td>x\tz <a href='https://e.vn'>link</a></td>"
        "<td><p>one</p><p>two</p></td><td></td></tr></table></body></html>"
    )
    made = to_docx(page, tmp_path / "cells.docx", "t")
    cells = [
        cell
        for document in [*docx_files, Document(str(made))]
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    ]
    assert len(cells) > 200
    assert [cell_text(cell) for cell in cells] == [cell.text for cell in cells]
    assert {"a\nb", "one\ntwo"} <= {cell.text for cell in cells}


def test_document_numbers_do_not_break_at_their_hyphens(tmp_path):
    """A number such as "01/2020/TT-BKHĐT" keeps one line: Word's non-breaking hyphen."""
    said = (
        "Căn cứ Thông tư số 01/2020/TT-BKHĐT, Kế hoạch số 222/KH-UBND và Nghị quyết số "
        "20-NQ/TW; 2024 - 2025."
    )
    to_docx(f"<p>{said}</p>", tmp_path / "so.docx", "Số hiệu")
    paragraph = Document(str(tmp_path / "so.docx")).paragraphs[0]
    assert paragraph.text == said  # read back, the hyphens are hyphens
    xml = paragraph._p.xml
    assert xml.count("<w:noBreakHyphen/>") == 3  # those of the numbers, not " - "
    assert "01/2020/TT<" in xml and ">BKHĐT" in xml


def test_list_items_of_analyst_texts_take_the_body_style(docx_files):
    """ "1. …", "2. …" in a text (Part II.I of Văn Quan): justified and spaced, never Normal."""
    document = docx_files[0]
    items = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert any("phải nằm trong Kế hoạch" in p.text for p in items)  # the case in point
    assert {p.style.name for p in items} == {"Compact"}
