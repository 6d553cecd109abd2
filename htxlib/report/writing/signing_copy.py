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
from htxlib.report.writing.html_tree import classes, parse, replace_with_text, written

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
    return signed_text(signing_tree(page, charts))


def signed_text(tree) -> str:
    """Write a signing copy's tree (see :func:`signing_tree`) as HTML."""
    # a blank at a sentence's end takes no full stop of its own: "…", never "…."
    return written(tree).replace(BLANK + ".", BLANK)


def _dropped(element, tag: str, names: set[str], charts: bool) -> bool:
    return (
        "review-only" in names
        or (tag == "sup" and "prov" in names)
        or (tag == "a" and "footnote-ref" in names)
        or (tag == "section" and "footnotes" in names)
        or (not charts and tag == "figure" and "chart" in names)
    )


def signing_tree(page: str, charts: bool = False):
    """Return the tree of the signing copy of ``page`` (see :func:`signing_copy`)."""
    tree = parse(page)
    # one walk over the tree sorts what changes: a national page has 400.000 elements
    dropped, missing, blanks, texts = [], [], [], []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        names = classes(element)
        if not names:
            continue
        if _dropped(element, element.tag, names, charts):
            dropped.append(element)
        elif element.tag == "p" and "missing-text" in names:
            missing.append(element)
        elif "proposal" in names or "assumed" in names:
            blanks.append(element)
        elif "analyst-text" in names:
            texts.append(element)
    for element in dropped:
        if _still_in(element, tree):
            element.drop_tree()  # its tail, the text after it, stays
    for element in missing:
        if _still_in(element, tree):
            tail = element.tail
            element.clear()
            element.set("class", "blank-line")
            element.text = BLANK_LINE + BLANK * 10  # one printed line
            element.tail = tail
    for blank in blanks:
        if _still_in(blank, tree):
            replace_with_text(blank, BLANK)
    for text in texts:
        if not _still_in(text, tree):
            continue
        for node in text.iter():
            if node.text and SAMPLE_MARK in node.text:
                node.text = _SAMPLE.sub("", node.text)
            if node is not text and node.tail and SAMPLE_MARK in node.tail:
                node.tail = _SAMPLE.sub("", node.tail)
        for element in reversed(list(text.iterdescendants())):  # innermost first
            if element.tag not in ("br", "img") and not element.text_content().strip():
                element.drop_tree()  # what held only the tag
    return tree


def _still_in(element, tree) -> bool:
    """Whether an element is still in the tree (not inside one removed before it)."""
    while element is not None:
        if element is tree:
            return True
        element = element.getparent()
    return False
