"""The words a plan states its figures in: units, classes, qualifiers, kinds.

This is the reverse of what the report writes. The classes are the code lists the report
prints its labels from (:mod:`htxlib.data.codes`), each label read back as itself, with the
other words documents use for the same class beside it; a test reads every printed label
back, so that the two cannot drift apart.
"""

from __future__ import annotations

import re

from htxlib.data.codes import RATINGS, SECTOR_GROUPS, SECTORS, STATUSES, THT_PURPOSES

#: What a number counts or measures, by the words that follow it ("36 HTX", "81.233 triệu
#: đồng"). Organisations first: their counts are the ones with parts, shares and lists.
UNITS: dict[str, tuple[str, ...]] = {
    "LHHTX": ("liên hiệp hợp tác xã", "liên hiệp htx", "lh htx", "lhhtx", "lh"),
    "HTX": ("hợp tác xã", "htx"),
    "THT": ("tổ hợp tác", "tht", "tổ"),
    "members": ("hộ thành viên", "thành viên", "xã viên"),
    "workers": ("người lao động", "lao động"),
    "managers": ("cán bộ quản lý", "cán bộ"),
    "people": ("người", "trí thức trẻ", "học viên", "lượt người", "lượt", "hộ gia đình", "hộ"),
    "money": ("triệu đồng", "tỷ đồng", "nghìn đồng", "ngàn đồng", "đồng", "tỷ", "triệu"),
    "area": ("héc-ta", "héc ta", "hecta", "ha", "m2", "m²", "km"),
    "products": ("sản phẩm",),
    "items": (
        "hồ sơ",
        "trường hợp",
        "đối tượng",
        "đơn vị",
        "dự án",
        "mô hình",
        "chuỗi",
        "cơ sở",
        "doanh nghiệp",
        "xã",
        "phường",
        "huyện",
        "tỉnh",
        "thôn",
        "lớp",
        "hội nghị",
        "cuộc",
        "văn bản",
        "quy định",
        "chỉ tiêu",
        "điểm",
        "tấn",
        "con",
        "lần",
        "chương trình",
        "nhiệm vụ",
        "công trình",
        "hợp đồng",
        "tiêu chí",
        "đoàn",
        "tổ chức",
        "dòng",
        "máy",
        "cây",
    ),
}

#: Units that count organisations: a class word next to a bare number ("38 đang hoạt động")
#: takes the last of these in the sentence.
ORGANISATIONS = ("HTX", "LHHTX", "THT")

#: How a money amount is converted to triệu đồng, the unit plans compare in.
MONEY_SCALE = {
    "triệu đồng": 1.0,
    "triệu": 1.0,
    "tỷ đồng": 1000.0,
    "tỷ": 1000.0,
    "nghìn đồng": 0.001,
    "ngàn đồng": 0.001,
    "đồng": 1e-6,
}

#: Words after a number that make it no figure: a time, a rank ("6 tháng", "03 sao").
NOT_FIGURES = ("tháng", "năm", "ngày", "quý", "tuần", "giờ", "sao", "tuổi")


def _label(text: str) -> str:
    return text.lower().replace("tổ hợp tác ", "")


#: The other words documents use for each class, beside the report's own label.
_SECTOR_WORDS = {
    "nong_nghiep": (
        "nông, lâm, ngư nghiệp",
        "nông, lâm nghiệp",
        "nông lâm ngư nghiệp",
        "nông lâm nghiệp",
        "nông nghiệp",
        "nn",
    ),
    "cong_nghiep": ("tiểu thủ công nghiệp", "công nghiệp", "cn-ttcn", "ttcn", "công thương"),
    "xay_dung": ("xây dựng",),
    "van_tai": ("giao thông vận tải", "vận tải", "gtvt", "vt"),
    "thuong_mai": (
        "thương mại - dịch vụ",
        "thương mại, dịch vụ",
        "dịch vụ - du lịch",
        "thương mại",
        "dịch vụ",
        "du lịch",
        "tm-dv",
        "kinh doanh tổng hợp",
    ),
    "tin_dung": ("quỹ tín dụng", "tín dụng", "qtdnd"),
    "moi_truong": ("môi trường", "quản lý chợ", "chợ"),
    "khac": ("lĩnh vực khác", "khác"),
}
_STATUS_WORDS = {
    "operating": ("còn hoạt động",),
    "suspended": (
        "tạm ngừng",
        "ngừng hoạt động",
        "ngưng hoạt động",
        "tạm dừng hoạt động",
        "dừng hoạt động",
    ),
    "paper_only": ("chỉ còn tồn tại trên danh nghĩa", "trên danh nghĩa", "không hoạt động"),
    "dissolving": ("đang giải thể", "chờ giải thể", "đang thực hiện giải thể"),
    "dissolved": ("đã giải thể", "giải thể"),
}
_RATING_WORDS = {
    "tot": ("giỏi",),
    "tot+kha": (
        "khá, giỏi",
        "khá giỏi",
        "tốt, khá",
        "tốt và khá",
        "tốt hoặc khá",
        "khá trở lên",
        "hiệu quả",
    ),
    "yeu": ("yếu kém", "kém", "hoạt động chưa hiệu quả", "chưa hiệu quả"),
    "yeu+khong_xep_loai": ("yếu hoặc không được xếp loại", "yếu hoặc không xếp loại"),
    "khong_xep_loai": (
        "không đánh giá, xếp loại",
        "không được xếp loại",
        "không đủ điều kiện xếp loại",
        "chưa xếp loại",
        "chưa đánh giá",
    ),
}
_ORIGIN_WORDS = {
    "new": ("thành lập mới", "mới thành lập", "thành lập"),
    "reorganised": ("tổ chức lại", "chuyển đổi"),
}


def _classes() -> dict[str, dict[str, tuple[str, ...]]]:
    sectors = {c: (_label(label), *_SECTOR_WORDS.get(c, ())) for c, label in SECTORS.items()}
    for code, (label, _members) in SECTOR_GROUPS.items():
        sectors[code] = (_label(label), "phi nông nghiệp") if code == "phi_nong_nghiep" else ()
    statuses = {c: (_label(label), *_STATUS_WORDS.get(c, ())) for c, label in STATUSES.items()}
    statuses["dissolved"] = _STATUS_WORDS["dissolved"]
    ratings = {c: (_label(label), *_RATING_WORDS.get(c, ())) for c, label in RATINGS.items()}
    ratings.update({c: w for c, w in _RATING_WORDS.items() if c not in ratings})
    purposes = {c: (_label(label),) for c, label in THT_PURPOSES.items() if c != "nong_nghiep"}
    purposes["dich_vu"] = (*purposes["dich_vu"], "dịch vụ tổng hợp")
    return {
        "sector": sectors,
        "status": statuses,
        "rating": ratings,
        "origin": _ORIGIN_WORDS,
        "purpose": purposes,
    }


#: Classes by dimension: ``{dimension: {code: words}}``.
CLASSES = _classes()

#: Dimensions whose class words name organisations ("38 đang hoạt động" are 38 HTX).
ORGANISATION_DIMENSIONS = ("status", "rating", "origin")

#: Words that negate the class word after them ("chưa giải thể" is no status).
NEGATIONS = ("chưa", "không", "chưa được", "không được", "chưa có", "chưa phát sinh")


def _pattern(words) -> re.Pattern:
    ordered = sorted(set(words), key=len, reverse=True)  # the longest phrase wins
    body = "|".join(re.escape(w) for w in ordered)
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{body})(?![\wÀ-ỹ])", re.IGNORECASE)


#: Every class word, and where it leads. A word two dimensions share leads to the first
#: one's class: "dịch vụ" is a sector for HTX, and ``class_of`` makes it a purpose for THT.
CLASS_WORDS: dict[str, tuple[str, str]] = {}
for _dimension, _classes_of in CLASSES.items():
    for _code, _words in _classes_of.items():
        for _word in _words:
            CLASS_WORDS.setdefault(_word, (_dimension, _code))
CLASS_PATTERN = _pattern(CLASS_WORDS)
UNIT_WORDS: dict[str, str] = {w: unit for unit, words in UNITS.items() for w in words}
#: Any unit word anywhere in a text ("số thành viên của các HTX"), the longest first.
UNIT_WORD_PATTERN = _pattern(UNIT_WORDS)
UNIT_PATTERN = re.compile(
    r"\s*(%|" + "|".join(re.escape(w) for w in sorted(UNIT_WORDS, key=len, reverse=True)) + r")"
    r"(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
NOT_FIGURE_PATTERN = re.compile(r"\s*(?:" + "|".join(NOT_FIGURES) + r")(?![\wÀ-ỹ])", re.IGNORECASE)

#: Qualifiers, by the words just before a number.
QUALIFIER_WORDS: dict[str, str] = {
    "khoảng": "about",
    "gần": "about",
    "xấp xỉ": "about",
    "ước": "about",
    "hơn": "at_least",
    "trên": "at_least",
    "ít nhất": "at_least",
    "tối thiểu": "at_least",
    "dưới": "at_most",
    "không quá": "at_most",
    "tối đa": "at_most",
    "chưa đến": "at_most",
}
QUALIFIER_PATTERN = re.compile(
    r"(?<![\wÀ-ỹ])("
    + "|".join(re.escape(w) for w in sorted(QUALIFIER_WORDS, key=len, reverse=True))
    + r")\s*$",
    re.IGNORECASE,
)


def class_of(text: str, unit: str, last: bool = False) -> tuple[str, str] | None:
    """Return the (dimension, code) a phrase names for a unit, the first not negated.

    With ``last``, the last one: the class "lĩnh vực này" refers back to.

    Examples
    --------
    >>> class_of("HTX nông nghiệp", "HTX"), class_of("đã đăng ký và chưa giải thể", "HTX")
    (('sector', 'nong_nghiep'), None)
    >>> class_of("dịch vụ tổng hợp", "THT"), class_of("xếp loại khá, giỏi", "HTX")
    (('purpose', 'dich_vu'), ('rating', 'tot+kha'))
    """
    found = None
    for match in CLASS_PATTERN.finditer(text):
        before = text[: match.start()].lower().rstrip()
        if any(before.endswith(n) for n in NEGATIONS) or _in_a_name(text, match, before):
            continue
        word = match.group(0).lower()
        found = CLASS_WORDS[word]
        if unit == "THT" and found[0] == "sector" and _purpose_of(word):
            found = ("purpose", _purpose_of(word))
        if not last:
            return found
    return found


#: Words before a proper name: "huyện Chợ Mới" names a place, not the market sector.
_PLACE_WORDS = (
    "tỉnh",
    "huyện",
    "xã",
    "phường",
    "thị trấn",
    "thị xã",
    "thành phố",
    "quận",
    "thôn",
    "bản",
)


def _in_a_name(text: str, match: re.Match, before: str) -> bool:
    """Whether a class word is part of a proper name (capitalised after a place word)."""
    if not match.group(0)[:1].isupper():
        return False
    return any(before.endswith(word) for word in _PLACE_WORDS) or bool(
        re.match(r"\s+[A-ZĐÀ-Ỹ]", text[match.end() :])
    )


def _purpose_of(word: str) -> str | None:
    for code, words in CLASSES["purpose"].items():
        if word in words or word in code.replace("_", " "):
            return code
    return None
