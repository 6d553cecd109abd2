"""Parse a page into a tree to change, and write it back.

lxml (a C library python-docx already brings) parses and writes a national report's pages,
hundreds of thousands of elements, in well under a second; a tree of Python objects for
each element (Beautiful Soup's) takes several seconds a parse. A whole page is written back
with its doctype; a fragment (a test's, a template's) as the fragment it was.
"""

from __future__ import annotations

import html

from lxml import html as lxml_html

#: The element that holds a fragment while it is changed.
_FRAGMENT = "htx-fragment"


def _is_page(page: str) -> bool:
    return page.lstrip()[:15].lower().startswith(("<!doctype", "<html"))


def parse(page: str):
    """Return the tree of a page, or of a fragment of one (held in one element).

    Examples
    --------
    >>> written(parse('<p class="b" id="a">x &lt; y</p> z'))
    '<p class="b" id="a">x &lt; y</p> z'
    """
    if _is_page(page):
        return lxml_html.document_fromstring(page)
    return lxml_html.fragment_fromstring(page, create_parent=_FRAGMENT)


def written(tree) -> str:
    """Return a tree from :func:`parse` as HTML."""
    if tree.tag != _FRAGMENT:
        return lxml_html.tostring(tree.getroottree(), encoding="unicode", doctype="<!DOCTYPE html>")
    head = html.escape(tree.text or "", quote=False)  # the fragment's text before its elements
    return head + "".join(lxml_html.tostring(child, encoding="unicode") for child in tree)


def classes(element) -> set[str]:
    """Return an element's classes."""
    return set((element.get("class") or "").split())


def text_of(element) -> str:
    """Return an element's text as a reader sees it: its words, single-spaced."""
    return " ".join(element.text_content().split())


def replace_with_text(element, text: str) -> None:
    """Put ``text`` where ``element`` was (its tail kept), as a string, not an element."""
    parent, previous = element.getparent(), element.getprevious()
    after = text + (element.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + after
    else:
        parent.text = (parent.text or "") + after
    parent.remove(element)
