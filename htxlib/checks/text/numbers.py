"""Vietnamese numbers in running text, and the numbers that are not figures.

A plan writes "1.439" for one thousand four hundred and thirty-nine and "36,3" for a decimal.
Among its numbers are dates ("30/6/2024"), years, the numbers of documents ("222/KH-UBND",
"20-NQ/TW"), articles ("khoản 7 Điều 4"), headings ("1.", "5.2.") and spans of time ("6
tháng đầu năm"): none of them is a figure to check, and each is told apart here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A number as plans write it: thousands with ".", decimals with ",".
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

#: Spans whose digits are no figure, by what they are (the first that matches wins).
_NOT_FIGURES = [
    ("title", r"“[^”]{0,200}”"),
    ("date", r"\d{1,2}/\d{1,2}/\d{2,4}"),
    ("document", r"\d+[A-Za-z]?/\d{4}/[\wĐđ\-]+"),
    ("document", r"\d+/[A-ZĐ][\wĐđ]*(?:[\-/][\wĐđ]+)*"),
    ("document", r"\d+-[A-ZĐ]+/[A-ZĐ]+"),
    ("date", r"(?:[IV]+|\d{1,2})/(?:19|20)\d\d"),
    ("date", r"(?<=ngày )\d{1,2}/\d{1,2}"),
    ("year", r"(?:19[4-9]\d|20\d\d)\s*[-–]\s*(?:19[4-9]\d|20\d\d)"),
    ("year", r"(?<![\d.,])(?:19[4-9]\d|20\d\d)(?![\d]|[.,]\d)"),
    (
        "reference",
        r"(?i:điều|khoản|điểm|chương|mục|phụ lục|tiết|phần|bước|giai đoạn|lần thứ|lần|thứ|khóa"
        r"|trung ương|hội nghị)"
        r"\s+\d+[a-z]?",
    ),
    (
        "reference",
        r"(?<![Tt]ổng )(?<![Tt]rong )số\s+\d+\b(?!\s*[/%])",
    ),
    ("code", r"[A-Za-zÀ-ỹ]+-?\d+"),
]
_NOT_FIGURE = re.compile("|".join(f"(?P<{k}{i}>{p})" for i, (k, p) in enumerate(_NOT_FIGURES)))

#: A heading's or list item's number at the start of a paragraph: "1.", "5.2.", "a)", "II.".
HEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[IVX]+\.)\s")

_NUMBER = re.compile(rf"(?<![\w,.])(?:{NUMBER})(?![\w]|[.,]\d)")
_RANGE = re.compile(rf"({NUMBER})\s*(?:[-–]|đến)\s*({NUMBER})")


@dataclass
class Number:
    """A number in a sentence: its place, value and the decimals it was written with."""

    start: int
    end: int
    value: float
    decimals: int
    text: str


def value_of(text: str) -> tuple[float, int]:
    """Return a Vietnamese number's value and its decimals.

    Examples
    --------
    >>> value_of("1.439"), value_of("36,3"), value_of("3.327,272"), value_of("03")
    ((1439.0, 0), (36.3, 1), (3327.272, 3), (3.0, 0))
    """
    whole, _, decimals = text.partition(",")
    value = float(whole.replace(".", "") + ("." + decimals if decimals else ""))
    return value, len(decimals)


def numbers_in(sentence: str) -> tuple[list[Number], list[tuple[int, int, str]]]:
    """Return the figures' numbers in a sentence, and the spans that are not figures.

    Each span is ``(start, end, what)``, ``what`` one of "date", "document", "year",
    "reference", "code", "heading", "title" (a name in quotation marks).
    """
    skipped: list[tuple[int, int, str]] = []
    taken = [False] * len(sentence)
    heading = HEADING_NUMBER.match(sentence)
    if heading:
        skipped.append((heading.start(), heading.end(), "heading"))
        taken[: heading.end()] = [True] * heading.end()
    for match in _NOT_FIGURE.finditer(sentence):
        if any(taken[match.start() : match.end()]):
            continue
        if not any(ch.isdigit() for ch in match.group(0)):
            continue
        what = re.sub(r"\d+$", "", match.lastgroup or "")
        skipped.append((match.start(), match.end(), what))
        taken[match.start() : match.end()] = [True] * (match.end() - match.start())
    found = []
    for match in _NUMBER.finditer(sentence):
        if any(taken[match.start() : match.end()]):
            continue
        value, decimals = value_of(match.group(0))
        found.append(Number(match.start(), match.end(), value, decimals, match.group(0)))
    return found, skipped


def range_after(sentence: str, number: Number) -> Number | None:
    """Return the upper number of a range that starts at ``number`` ("3-8 hộ"), else None."""
    match = _RANGE.match(sentence, number.start)
    if not match or match.start(1) != number.start:
        return None
    value, decimals = value_of(match.group(2))
    return Number(match.start(2), match.end(2), value, decimals, match.group(2))
