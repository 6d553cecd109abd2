"""The signing copy: the plan document as the committee signs it, from the review copy's page.

One narrative source makes two copies. The review copy (``report.html``) shows everything an
analyst checks: the provenance marks [DL]/[UT] and their legend, notes on method, references
to the analyst annex, the missing texts by file, proposed targets and charts. The signing
copy (``report.docx``, ``report.pdf``) keeps only what the committee signs:

- marks, their footnote, method notes and annex references (``class="review-only"``) go;
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

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from htxlib.data.texts import SAMPLE_MARK
from htxlib.report.document.letterhead import BLANK, BLANK_LINE

#: What the review copy shows and the signing copy leaves out, as CSS selectors.
REVIEW_ONLY = (
    "sup.prov",  # the [DL]/[UT] marks
    "a.footnote-ref",
    "section.footnotes",  # the marks' legend
    ".review-only",  # method notes, references to the annex
)


class _AsWritten(HTMLFormatter):
    """Write attributes in the page's own order (Beautiful Soup sorts them by default).

    Text is written back escaped ("<", ">" and "&" as entities): a name such as "HTX <Sao
    Vàng>" or a typed "<img src=…>" stays text in the signing copy, as in the review copy.
    """

    def __init__(self):
        super().__init__(entity_substitution=EntitySubstitution.substitute_xml)

    def attributes(self, tag):
        return list(tag.attrs.items())


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
    soup = BeautifulSoup(page, "html.parser")
    for selector in (*REVIEW_ONLY, *(() if charts else ("figure.chart",))):
        for element in soup.select(selector):
            element.decompose()
    for missing in soup.select("p.missing-text"):
        missing.attrs = {"class": ["blank-line"]}
        missing.string = BLANK_LINE + BLANK * 10  # one printed line
    for blank in soup.select(".proposal, .assumed"):
        blank.replace_with(BLANK)
    for text in soup.select(".analyst-text"):
        for node in text.find_all(string=_SAMPLE):
            node.replace_with(_SAMPLE.sub("", str(node)))
        for element in reversed(text.find_all()):  # innermost first: <em> before its <p>
            if element.name not in ("br", "img") and not element.get_text(strip=True):
                element.decompose()  # what held only the tag
    # a blank at a sentence's end takes no full stop of its own: "…", never "…."
    return soup.decode(formatter=_AsWritten()).replace(BLANK + ".", BLANK)
