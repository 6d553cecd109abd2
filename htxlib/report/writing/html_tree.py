"""Parse a page into a tree to change, and write it back as it was written.

lxml's HTML parser (a C library python-docx already brings) reads a national report's
pages, hundreds of thousands of elements, several times faster than Python's own; Beautiful
Soup gives the tree the same interface either way. A fragment (a test's, a template's) is
written back without the ``<html><body>`` lxml wraps it in.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter


class _AsWritten(HTMLFormatter):
    """Write attributes in the page's own order (Beautiful Soup sorts them by default).

    Text is written back escaped ("<", ">" and "&" as entities): a name such as "HTX <Sao
    Vàng>" or a typed "<img src=…>" stays text, as in the page it came from.
    """

    def __init__(self):
        super().__init__(entity_substitution=EntitySubstitution.substitute_xml)

    def attributes(self, tag):
        return list(tag.attrs.items())


def parse(page: str) -> BeautifulSoup:
    """Return the tree of a page or a fragment of one."""
    return BeautifulSoup(page, "lxml")


def written(tree: BeautifulSoup, page: str) -> str:
    """Return the tree as HTML: a whole page as one, a fragment as the fragment it was.

    Examples
    --------
    >>> written(parse('<p class="b" id="a">x &lt; y</p>'), '<p class="b" id="a">x &lt; y</p>')
    '<p class="b" id="a">x &lt; y</p>'
    """
    formatter = _AsWritten()
    head = page.lstrip()[:15].lower()
    if head.startswith(("<!doctype", "<html")) or tree.body is None:
        return tree.decode(formatter=formatter)
    return "".join(
        node.decode(formatter=formatter)
        if hasattr(node, "decode")
        else EntitySubstitution.substitute_xml(str(node))
        for node in tree.body.contents
    )
