"""Figures recognised in a plan's text: each number with its unit, class, qualifier and role.

A figure is a number a unit word follows ("36 HTX", "81.233 triệu đồng", "11,11%"), or a bare
number beside a class word, which takes the unit of the organisations or people the sentence
counts ("38 đang hoạt động", "tốt 58"). Its class comes from the words after it, else from
the label before it ("Nông - Lâm - Ngư nghiệp: 33 HTX"); a percentage is the share of the
count before it, or the percentage of plan when "kế hoạch" or "đạt" goes with it.

What cannot be read this way is never guessed: the number is listed as not recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from htxlib.checks.text.numbers import NUMBER, Number, numbers_in, range_after, value_of
from htxlib.checks.text.sentences import YEAR, Sentence, sentences_of
from htxlib.checks.text.vocabulary import (
    CLASS_PATTERN,
    MONEY_SCALE,
    NOT_FIGURE_PATTERN,
    ORGANISATION_DIMENSIONS,
    ORGANISATIONS,
    QUALIFIER_PATTERN,
    QUALIFIER_WORDS,
    UNIT_PATTERN,
    UNIT_WORD_PATTERN,
    UNIT_WORDS,
    class_of,
)
from htxlib.data.read.document_text import DocumentText

#: Where the words that go with a number stop: punctuation, a list, another number.
_BOUNDARY = re.compile(r"[,;:()\[\]=+.]|\s(?:và|là|gồm|bao gồm|trong đó|với|của|so với)\s|\d")
_HEAD_BOUNDARY = re.compile(r"[,;()\[\]=+]|:(?!\s*$)|\s(?:và|trong đó|với)\s")
_ESTIMATE = re.compile(r"(?i)(?<![\wÀ-ỹ])(?:ước|dự kiến)(?![\wÀ-ỹ])")
_PLAN_AFTER = re.compile(r"^\s*(?:\S+\s+){0,2}?kế hoạch", re.IGNORECASE)
_STATED_PLAN = re.compile(
    r"^\s*(?:\S+\s+){0,2}?kế hoạch(?:\s+(?:năm\s+)?(?:19|20)\d\d)?(?:\s+là)?\s*\(?\s*(\d[\d.,]*)"
    r"(?!\s*[/%])",
    re.IGNORECASE,
)
_YEAR_CELL = re.compile(r"^\s*(?:19[4-9]\d|20\d\d)\s*$")
_CELL = re.compile(rf"^\s*({NUMBER})\s*(%)?\s*$")
#: The words that open a bracket quoting another source's figure.
_QUOTED = re.compile(
    r"(?i)^\s*(?:đơn vị báo cáo|theo báo cáo|số liệu báo cáo|báo cáo của|văn bản ghi)"
)
#: Words that make the figure after them a plan or a target, not a value reached.
_PLANNED = re.compile(r"(?i)kế hoạch|chỉ tiêu|mục tiêu|phấn đấu")
_PLAN_LATER = re.compile(rf"(?i)kế hoạch\s*:\s*(?:từ\s+)?({NUMBER})")
_AMONG = re.compile(r"\s+trong số\s+(?=\d)")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")
#: The whole a share names after it: "60% số HTX thành lập mới" (a part: its size unknown),
#: "27,78% tổng số HTX" (the whole).
_NAMED_BASE = re.compile(
    r"(?i)^\s*(?:của\s+|trên\s+|so với\s+)?(?:tổng\s+)?số\s+(?:HTX|THT|hợp tác xã|tổ hợp tác"
    r"|thành viên|cán bộ quản lý|lao động)([^,;.)]*)"
)
_COMPARED = re.compile(r"(?i)^\s*(?:so với|so cùng kỳ)")
_ON = re.compile(r"(?i)(?:tính|chia|tỷ lệ|bình quân)\s*$")
_OTHERS = re.compile(r"(?i)^\s*khác\b")
_JOINED = re.compile(r"([^,;:()]{1,60})\svà\s*$")
#: Words after a count that make it a part of its class, not the class's count ("01 HTX
#: thành lập mới trình hỗ trợ" is not the number of new HTX).
_NARROWING = re.compile(
    r"(?i)hỗ trợ|tham gia|sản phẩm|nộp|thay đổi|đề nghị|vay|liên kết|ứng dụng|chuỗi|trình"
    r"|chứng nhận|được cấp|có vốn|xây dựng mô hình|đạt chuẩn|kiểm tra|đào tạo"
)
_CHANGE = re.compile(r"(?i)(?:tăng|giảm)(?: thêm)?\s*$")
_STATED_AS = re.compile(r"(?i)(?:là|:|khoảng|gần|hơn|trên|đạt)\s*$")
_SHARED_TAIL = re.compile(r"[;.(:]|\strong đó|\sgồm")
_TOTAL_WORDS = re.compile(r"(?i)tổng số|tổng cộng|toàn bộ")
#: Words that point back to the class just named, or to the section's: "lĩnh vực này", "các
#: HTX trong lĩnh vực".
_THIS = re.compile(r"(?i)(?<![\wÀ-ỹ])(?:này|trong lĩnh vực)(?![\wÀ-ỹ])")
#: What makes "… có N thành viên" a total of people: it speaks of all the HTX or the place.
_ALL_OF = re.compile(r"(?i)(?<![\wÀ-ỹ])(?:các|tổng|toàn|địa bàn|hiện có)(?![\wÀ-ỹ])")


@dataclass
class Figure:
    """A recognised figure.

    Attributes
    ----------
    unit : str
        A key of :data:`~htxlib.checks.text.vocabulary.UNITS`, or "percent".
    role : str
        "count" (or an amount), "share", "part share" (of a part the text names but does not
        count: "60% số HTX thành lập mới"), "achievement" (a percentage of plan), "change" (a
        growth: "tăng 12%"), "fraction" ("23/36 HTX": ``whole`` is the 36), "cell" (a table's
        number) or "quoted" (another source's figure, in brackets).
    of : Figure or None
        The count a share or an achievement is of.
    subject : str
        For people: the organisations they belong to ("HTX", "THT", "LHHTX").
    """

    sentence: Sentence
    start: int
    end: int
    value: float
    decimals: int
    unit: str
    qualifier: str = "exact"
    high: float | None = None
    dimension: str | None = None
    code: str | None = None
    depth: int = 0
    clause: int = 0
    inherited: bool = False
    role: str = "count"
    of: Figure | None = None
    whole: float | None = None
    plan: float | None = None
    total: bool = False
    new: bool = False
    subject: str = ""
    estimate: bool = False
    narrowed: bool = False
    planned: bool = False
    own_year: int | None = None
    as_of: str | None = None
    tail: str = ""
    head: str = ""

    @property
    def text(self) -> str:
        """The figure as the document writes it."""
        return self.sentence.text[self.start : self.end]

    @property
    def year(self) -> int | None:
        """The year the figure is of: the one named nearest it, else its sentence's."""
        if self.own_year is not None:
            return self.own_year
        return self.sentence.year

    @property
    def page(self) -> int:
        """The page the figure is on."""
        return self.sentence.page


@dataclass
class Recognised:
    """What was read from one document."""

    sentences: list[Sentence]
    figures: list[Figure]
    unrecognised: list[tuple[Sentence, str]] = field(default_factory=list)
    plan_year: int | None = None
    own_place: str | None = None
    assessed_year: int | None = None

    @property
    def numbers(self) -> int:
        """Numbers that look like figures: those recognised and those not."""
        return len(self.figures) + len(self.unrecognised)


def _depths(text: str) -> tuple[list[int], list[int]]:
    depths, clauses, depth, clause = [], [], 0, 0
    for ch in text:
        if ch in "([":
            depth += 1
        depths.append(depth)
        clauses.append(clause)
        if ch in ")]":
            depth = max(0, depth - 1)
        if ch == ";" and depth == 0:
            clause += 1
    return depths, clauses


def _tail(text: str, start: int) -> str:
    match = _BOUNDARY.search(text, start)
    end = match.start() if match else len(text)
    if match and match.group(0) == ",":
        # a class word may hold a comma ("khá, giỏi"): take it whole when it spans this one
        for word in CLASS_PATTERN.finditer(text, start, min(len(text), end + 12)):
            if word.start() < end < word.end():
                return text[start : word.end()]
    return text[start:end]


def _head(text: str, end: int, floor: int) -> str:
    head = text[floor:end]
    cut = 0
    for match in _HEAD_BOUNDARY.finditer(head):
        cut = match.end()
    return head[cut:]


def _qualifier(text: str, start: int) -> str:
    before = text[max(0, start - 24) : start]
    match = QUALIFIER_PATTERN.search(before)
    if match is None or _ON.search(before[: match.start()]) and match.group(1).lower() == "trên":
        return "exact"  # "tính trên 02 HTX" is a base, not "more than 02"
    return QUALIFIER_WORDS[match.group(1).lower()]


def _units_named(text: str) -> list[tuple[int, str, str]]:
    """Return each unit word of a text: (where, the word, its unit)."""
    return [
        (m.start(), m.group(0).lower(), UNIT_WORDS[m.group(0).lower()])
        for m in UNIT_WORD_PATTERN.finditer(text)
    ]


def _subject(text: str, end: int) -> str:
    """Return the organisations named last before a place in a sentence ("thành viên HTX")."""
    named = [
        unit
        for where, word, unit in _units_named(text[:end])
        if unit in ORGANISATIONS and word not in ("tổ", "lh")
    ]
    return named[-1] if named else ""


def figures_in(sentence: Sentence) -> tuple[list[Figure], list[str]]:
    """Recognise the figures of one sentence; return them and the numbers not recognised."""
    text = sentence.text
    cell = _CELL.match(text) if sentence.table else None
    if cell and not _YEAR_CELL.match(text):
        value, decimals = value_of(cell.group(1))
        unit = "percent" if cell.group(2) else "cell"
        return [Figure(sentence, 0, len(text), value, decimals, unit, role="cell")], []
    numbers, _skipped = numbers_in(text)
    depths, clauses = _depths(text)
    figures: list[Figure] = []
    unrecognised: list[str] = []
    used: set[int] = set()
    previous_end = 0
    for number in numbers:
        if number.start in used:
            continue
        figure = _figure(sentence, number, numbers, used, figures, previous_end)
        if figure is None:
            if not NOT_FIGURE_PATTERN.match(text, number.end):
                unrecognised.append(number.text)
            continue
        figure.depth, figure.clause = depths[number.start], clauses[number.start]
        figures.append(figure)
        previous_end = figure.end
    _attach_percentages(sentence, figures)
    return figures, unrecognised


def _figure(sentence, number: Number, numbers, used, figures, previous_end) -> Figure | None:
    text = sentence.text
    if NOT_FIGURE_PATTERN.match(text, number.end):
        return None
    high = range_after(text, number)
    after = high.end if high else number.end
    fraction = re.match(r"/(\d[\d.,]*)", text[after:])
    whole = None
    among = _AMONG.match(text, after)
    if among and not high:
        # "03 trong số 194 đơn vị cấp xã": a part of a whole, the unit after the whole
        whole_number = next((n for n in numbers if n.start == among.end()), None)
        if whole_number is not None:
            used.add(whole_number.start)
            whole, after = whole_number.value, whole_number.end
            fraction = None
    if fraction and not high:
        whole_number = next((n for n in numbers if n.start == after + 1), None)
        if whole_number is None:
            return None
        used.add(whole_number.start)
        whole, after = whole_number.value, whole_number.end
    if high:
        used.add(high.start)
    unit_match = UNIT_PATTERN.match(text, after)
    qualifier = _qualifier(text, number.start)
    before = text[max(0, number.start - 6) : number.start].lower()
    if before.rstrip().endswith("từ") and high is None and "trở lên" in text[after : after + 40]:
        qualifier = "at_least"
    head = _head(text, number.start, previous_end)
    if unit_match:
        word = unit_match.group(1).lower()
        unit = "percent" if word == "%" else UNIT_WORDS[word]
        end = unit_match.end()
        tail = _tail(text, end)
        inherited = False
    else:
        tail = _tail(text, after)
        found = class_of(tail, "HTX") or class_of(head, "HTX")
        unit = _inherited_unit(figures, found[0]) if found else None
        if unit is None and _CHANGE.search(head) and figures:
            unit = _inherited_unit(
                figures, ""
            )  # "tăng 02 so với năm 2018": a change of the count before
        if unit is None:
            unit = _unit_before(head)  # "số thành viên của các HTX là 4.202"
        if unit is None:
            return None
        end, inherited = after, True
    value = number.value
    if unit == "money":
        value *= MONEY_SCALE.get(unit_match.group(1).lower(), 1.0)
    figure = Figure(
        sentence,
        number.start,
        end,
        value,
        number.decimals,
        unit,
        qualifier="range" if high else qualifier,
        high=(high.value if high else None),
        inherited=inherited,
        whole=whole,
        role="fraction" if whole is not None else "count",
        tail=tail,
        head=head,
    )
    if unit != "percent":
        _classify(figure, figures[-1] if figures else None)
    if _QUOTED.search(_open_bracket(text, number.start)):
        figure.role = "quoted"  # "(đơn vị báo cáo: 38 HTX)": another source's figure
    return figure


def _unit_before(head: str) -> str | None:
    """Return the unit a number takes from the words before it ("số thành viên là")."""
    if not _STATED_AS.search(head):
        return None
    found = {u for _w, _word, u in _units_named(head) if u not in ("money", "area", "items")}
    # "số thành viên của các HTX là": the people are counted, the HTX only name whose
    people = found - set(ORGANISATIONS)
    if len(people) == 1:
        return people.pop()
    return next(iter(found)) if len(found) == 1 else None


def _open_bracket(text: str, position: int) -> str:
    """Return the text from the bracket a position is in to the position ("" at depth 0)."""
    depth = 0
    for i in range(position - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            if depth == 0:
                return text[i + 1 : position]
            depth -= 1
    return ""


def _inherited_unit(figures: list[Figure], dimension: str) -> str | None:
    for earlier in reversed(figures):
        if earlier.unit == "percent":
            continue
        if dimension in ORGANISATION_DIMENSIONS and earlier.unit not in ORGANISATIONS:
            continue
        return earlier.unit
    return None


def _classify(figure: Figure, previous: Figure | None = None) -> None:
    """Give a figure its class, subject, year, and whether it is a total, new or an estimate."""
    text = figure.sentence.text
    unit = figure.unit
    if figure.unit not in ORGANISATIONS:
        figure.subject = _subject(text, figure.start) or ""
        unit = figure.subject or "HTX"
    found = class_of(figure.tail, unit)
    if found is not None and _OTHERS.match(figure.tail):
        found = None  # "27 HTX khác" are 27 other HTX, not the sector "Khác"
    if found is None:
        found = class_of(figure.head, unit)
        joined = _JOINED.search(text[: figure.start - len(figure.head)]) if found else None
        other = class_of(joined.group(1), unit) if joined else None
        if other and other[0] == found[0] and other[1] != found[1]:
            found = (found[0], f"{other[1]}+{found[1]}")  # "Thương mại và lĩnh vực khác: 03"
    if found is None and (_THIS.search(figure.tail) or _THIS.search(figure.head)):
        # "lĩnh vực này": the class named last before it, else its section's heading
        found = class_of(text[: figure.start], unit, last=True) or figure.sentence.context
    if found:
        figure.dimension, figure.code = found
    # "HTX thành lập mới: ... 25 HTX nông nghiệp": a class of a part of the HTX, not of all
    earlier = class_of(text[: figure.start - len(figure.head)], unit)
    figure.narrowed = bool(earlier and found and earlier[0] != found[0])
    words = figure.tail + " " + figure.head
    figure.new = bool(re.search(r"(?<![\wÀ-ỹ])mới(?![\wÀ-ỹ])", words))
    figure.narrowed = figure.narrowed or bool(_NARROWING.search(figure.tail))
    figure.estimate = bool(_ESTIMATE.search(text[: figure.start]))
    clause_start = max(text.rfind(";", 0, figure.start), text.rfind("(", 0, figure.start)) + 1
    figure.planned = bool(_PLANNED.search(text[clause_start : figure.start]))
    after = YEAR.search(text[figure.end : figure.end + len(figure.tail) + 12])
    before = YEAR.findall(text[: figure.start])
    dates = _DATE.findall(text[: figure.start])
    figure.as_of = "/".join(dates[-1]) if dates else None  # "đến ngày 30/06/2024 có 36 HTX"
    if after:
        figure.own_year = int(after.group(1))
    elif before:
        figure.own_year = int(before[-1])
    elif dates:
        figure.own_year = int(dates[-1][2])
    # "184 HTX, 02 LH HTX đang hoạt động": a class after a list is every item's
    rest = text[figure.end :]
    cut = _SHARED_TAIL.search(rest)
    shared = class_of(rest[: cut.start() if cut else len(rest)], unit)
    if found is None and shared and shared[0] in ORGANISATION_DIMENSIONS and unit in ORGANISATIONS:
        return
    # "toàn tỉnh có 931 tổ hợp tác và 833 hợp tác xã": both are totals
    joined_total = (
        previous is not None
        and previous.total
        and not figure.head.strip()
        and text[: figure.start].rstrip().endswith(" và")
    )
    figure.total = found is None and (
        joined_total
        or bool(_TOTAL_WORDS.search(figure.head))
        or (
            figure.head.rstrip().endswith("có")
            and not re.search(r"\S", re.split(r"đã đăng ký|với|và", figure.tail)[0])
            # "HTX có 09 thành viên" is one HTX's; "Các HTX có 386 thành viên" all of them
            and (figure.unit in ORGANISATIONS or bool(_ALL_OF.search(figure.head)))
        )
    )


def _attach_percentages(sentence: Sentence, figures: list[Figure]) -> None:
    """Make each percentage a share of its count, or a percentage of plan."""
    text = sentence.text
    for index, figure in enumerate(figures):
        if figure.unit != "percent":
            continue
        after = text[figure.end : figure.end + 60]
        before = text[max(0, figure.start - 12) : figure.start].lower()
        count = _count_before(figures, index)
        if _CHANGE.search(before) or _COMPARED.match(after):
            figure.role = "change"  # "tăng 12% so với năm 2023" is a growth, not a share
            continue
        if _PLAN_AFTER.match(after) or before.rstrip().endswith("đạt"):
            figure.role, figure.of = "achievement", count
            stated = _STATED_PLAN.match(after) or _PLAN_LATER.search(after.split(";")[0])
            if stated:
                figure.plan = _plain_value(stated.group(1))
            continue
        label = class_of(figure.head, "HTX") or class_of(_tail(text, figure.end), "HTX")
        if count is not None and _adjacent(text, count, figure):
            figure.role, figure.of = "share", count
            base = _NAMED_BASE.match(after)
            if base and re.search(r"[\wÀ-ỹ]", base.group(1)):
                figure.role = "part share"  # "60% số HTX thành lập mới": of a part, unchecked
        elif label is not None:
            figure.role = "share"
            figure.dimension, figure.code = label


def _adjacent(text: str, count: Figure, share: Figure) -> bool:
    """Whether a percentage follows its count closely: a few words, brackets aside."""
    between = re.sub(r"\([^()]*\)", "", text[count.end : share.start])
    return len(between) <= 25 and not re.search(r"[;]|\d", between)


def _count_before(figures: list[Figure], index: int) -> Figure | None:
    share = figures[index]
    for earlier in reversed(figures[:index]):
        if earlier.unit in ("percent", "money", "area") or earlier.clause != share.clause:
            continue
        if earlier.depth > share.depth:
            continue  # a part in brackets: the percentage outside them is of the whole
        return earlier
    return None


def _plain_value(text: str) -> float | None:
    try:
        return value_of(text.rstrip(".,"))[0]
    except ValueError:
        return None


def unit_word(figure: Figure) -> str:
    """Return the unit as the text writes it ("HTX", "triệu đồng", "%"), else the unit's key."""
    digits = re.match(r"[\d.,\s\-–]+(?:đến\s+[\d.,]+)?\s*", figure.text)
    written = figure.text[digits.end() :].strip() if digits else ""
    return written or figure.unit


def recognise(document: DocumentText) -> Recognised:
    """Recognise every figure of a document."""
    sentences, plan_year, assessed, own = sentences_of(document)
    figures: list[Figure] = []
    unrecognised: list[tuple[Sentence, str]] = []
    for sentence in sentences:
        found, missed = figures_in(sentence)
        figures.extend(found)
        unrecognised.extend((sentence, m) for m in missed)
    return Recognised(sentences, figures, unrecognised, plan_year, own, assessed)
