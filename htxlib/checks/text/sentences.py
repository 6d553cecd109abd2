"""A plan's text as sentences: each with its page, its part, the year it speaks of, its section.

The plan's year and the year its Part I assesses come from its title; Part II starts at
its "Phần II" heading. A sentence's section heading gives the class "lĩnh vực này" means, and
a unit named in it other than the document's own (the commonest one) marks it as about a
part of the unit, never compared with the unit's totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from htxlib.checks.text.vocabulary import class_of
from htxlib.data.read.document_text import DocumentText

#: "năm 2024": the year a sentence or a figure speaks of.
YEAR = re.compile(r"(?<![\d/])(?:năm|Năm)\s+((?:19|20)\d\d)(?![\d/])")
_PART_TWO = re.compile(r"^(?:PHẦN|Phần)\s+(?:II|2|THỨ HAI)\b")
_LEAD = re.compile(r"^\s*(?:\d+(?:\.\d+)*|[IVXivx]+|[a-zđ]|TM|KT|TL|TUQ)$")
_ABBREVIATION = re.compile(r"\s*\((?:HTX|THT|LH HTX|LHHTX|QTDND)\)")
_PLACE = re.compile(
    r"(?<!hợp tác )(?<!Hợp tác )(?:tỉnh|huyện|xã|phường|thị trấn|thị xã|thành phố|quận|đặc khu)"
    r" ((?:[A-ZĐ][\wÀ-ỹ]*)(?: [A-ZĐ][\wÀ-ỹ]*)*)"
)


@dataclass
class Sentence:
    """A sentence of the document and where it is."""

    text: str
    page: int
    block: int
    part: int
    year: int | None
    table: int = 0
    context: tuple[str, str] | None = None  # the class its section heading names
    place: str | None = None  # a unit named in it other than the document's own
    column: int = -1  # a table cell's column


def _split_sentences(text: str) -> list[str]:
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ".!?" and depth == 0 and i + 2 <= len(text) and not _LEAD.match(text[start:i]):
            rest = text[i + 1 : i + 3]
            if rest[:1] == " " and rest[1:2] and (rest[1].isupper() or rest[1] in "“\"'"):
                out.append(text[start : i + 1].strip())
                start = i + 2
    out.append(text[start:].strip())
    return [s for s in out if s]


def _years(document: DocumentText) -> tuple[int | None, int | None]:
    """Return the plan's year and the year its Part I assesses, from its title.

    The title is the document's first lines ("KẾ HOẠCH" / "Phát triển ... năm 2025"), which
    a Word file keeps in separate paragraphs.
    """
    title = " ".join(block.text for block in document.blocks[:12])
    plan = re.search(r"(?i)kế hoạch.*?năm\s+((?:19|20)\d\d)", title)
    report = re.search(r"(?i)báo cáo.*?năm\s+((?:19|20)\d\d)", title)
    if plan and (not report or plan.start() < report.start()):
        return int(plan.group(1)), int(plan.group(1)) - 1
    if report:
        return None, int(report.group(1))
    return None, None


def _own_place(document: DocumentText) -> str | None:
    counts: dict[str, int] = {}
    for block in document.blocks:
        for match in _PLACE.finditer(block.text):
            counts[match.group(0)] = counts.get(match.group(0), 0) + 1
    return max(counts, key=counts.get) if counts else None


def _is_heading(text: str) -> bool:
    return len(text) < 160 and not text.endswith((".", ":", ";")) and not re.search(r"\d", text)


def sentences_of(
    document: DocumentText,
) -> tuple[list[Sentence], int | None, int | None, str | None]:
    """Split a document into sentences, each with its page, part, year and section class.

    Returns the sentences, the plan's year, the year its Part I assesses and its own unit.
    """
    plan_year, assessed = _years(document)
    own = _own_place(document)
    part, context = 1, None
    out = []
    for index, block in enumerate(document.blocks):
        if _PART_TWO.match(block.text):
            part = 2
        if not block.cells and _is_heading(block.text):
            context = class_of(block.text, "HTX")
        default = plan_year if part == 2 and plan_year else assessed
        pieces = block.cells if block.cells else _split_sentences(block.text)
        for column, piece in enumerate(pieces):
            piece = _ABBREVIATION.sub("", piece)
            if not piece:
                continue
            years = [int(y) for y in YEAR.findall(piece)]
            places = {m.group(0) for m in _PLACE.finditer(piece)} - {own}
            out.append(
                Sentence(
                    piece,
                    block.page,
                    index,
                    part,
                    years[0] if years and part == 1 else default,
                    block.table,
                    context,
                    next(iter(sorted(places)), None),
                    column if block.cells else -1,
                )
            )
    return out, plan_year, assessed, own
