"""The signing copy: the plan document as the committee signs it, from the review copy's page.

One narrative source makes two copies. The review copy (``report.html``) shows everything an
analyst checks: the provenance marks [DL]/[UT] and their legend, notes on method, references
to the analyst annex, the missing texts by file, proposed targets and charts. The signing
copy (``report.docx``, ``report.pdf``) keeps only what the committee signs:

- marks (``sup.prov``), their footnote (``a.footnote-ref``, ``section.footnotes``), method
  notes and annex references (``class="review-only"``) go;
- a text not yet written becomes a visible blank line, as an officer leaves one to fill in;
  a sample text's "(Nội dung mẫu …)" tag goes;
- a target the unit has not adopted (a proposal, or none) becomes a blank "…" to fill in;
- so does a value the unit did not give as such (rebuilt or estimated, ``class="assumed"``),
  and a sentence that rests on one: the committee states no estimate as a fact (the
  toolkit's own year-end estimate is worded as one, "ước thực hiện cả năm", and stays);
- charts go, unless asked for (``htx report --charts``).

Templates say what is review-only by class; nothing here knows a sentence.
"""

from __future__ import annotations

import re

from htxlib.data.texts import SAMPLE_MARK
from htxlib.report.document.letterhead import BLANK, BLANK_LINE
from htxlib.report.writing.html_tree import parse, written

_SAMPLE = re.compile(re.escape(SAMPLE_MARK) + r"[^)]*\)\s*")


def signing_copy(page: str, charts: bool = False) -> str:
    """Return the signing copy of a document page.

    Parameters
    ----------
    page : str
        The review copy's HTML (``report.html``).
    charts : bool
        Keep the charts.

    Examples
    --------
    >>> page = ('<p>Có 36 HTX<sup class="prov">[UT]</sup>.</p>'
    ...         '<p class="review-only">Chi tiết tại Phụ lục phân tích.</p>'
    ...         '<p class="missing-text">(Chưa có nội dung: texts/2024/law.md)</p>'
    ...         '<p>Mục tiêu: <span class="proposal">đề xuất khoảng 05 HTX</span>.</p>'
    ...         '<p><span class="assumed">13</span><sup class="prov">[UT]</sup> HTX.</p>')
    >>> print(signing_copy(page).replace(BLANK_LINE + BLANK * 10, "<dòng trống>"))
    <p>Có 36 HTX.</p><p class="blank-line"><dòng trống></p><p>Mục tiêu: …</p><p>… HTX.</p>
    >>> signing_copy('<div class="analyst-text"><p>Viết.</p><p><em>(Nội dung mẫu.)</em></p></div>')
    '<div class="analyst-text"><p>Viết.</p></div>'

    """
    return signed_text(signing_tree(page, charts), page)


def signed_text(tree, page: str) -> str:
    """Write a signing copy's tree (see :func:`signing_tree`) as HTML."""
    # a blank at a sentence's end takes no full stop of its own: "…", never "…."
    return written(tree, page).replace(BLANK + ".", BLANK)


def signing_tree(page: str, charts: bool = False):
    """Return the tree of the signing copy of ``page`` (see :func:`signing_copy`)."""
    soup = parse(page)
    # one walk over the tree sorts what changes: a national page has 400.000 elements, and
    # a CSS selector walks them all once per selector
    dropped, missing, blanks, texts = [], [], [], []
    for element in soup.find_all(True):
        classes = element.get("class") or ()
        if (
            "review-only" in classes
            or (element.name == "sup" and "prov" in classes)
            or (element.name == "a" and "footnote-ref" in classes)
            or (element.name == "section" and "footnotes" in classes)
            or (not charts and element.name == "figure" and "chart" in classes)
        ):
            dropped.append(element)
        elif element.name == "p" and "missing-text" in classes:
            missing.append(element)
        elif "proposal" in classes or "assumed" in classes:
            blanks.append(element)
        elif "analyst-text" in classes:
            texts.append(element)
    for element in dropped:
        if not element.decomposed:  # one inside a dropped one went with it
            element.decompose()
    for element in missing:
        if element.decomposed:
            continue
        element.attrs = {"class": ["blank-line"]}
        element.string = BLANK_LINE + BLANK * 10  # one printed line
    for blank in blanks:
        if not blank.decomposed:
            blank.replace_with(BLANK)
    for text in texts:
        if text.decomposed:
            continue
        for node in text.find_all(string=_SAMPLE):
            node.replace_with(_SAMPLE.sub("", str(node)))
        for element in reversed(text.find_all()):  # innermost first: <em> before its <p>
            if element.name not in ("br", "img") and not element.get_text(strip=True):
                element.decompose()  # what held only the tag
    return soup
