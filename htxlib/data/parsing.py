"""Turn one text cell into a typed value, or say why it cannot be read.

Numbers may be written as a program writes them ("3327.272") or as Vietnamese documents
do ("3.327,272", "81.233", "11,11%", "1,5 tỷ"); Babel's locale data reads both. A cell
that means different numbers under the two conventions ("81.233": 81,233 or 81233) takes
the convention the rest of its column shows, and is an error when the column shows none
or both: the toolkit never guesses (:mod:`htxlib.data.column_parsing` reads the column).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal

import pandas as pd
from babel.numbers import NumberFormatError, parse_decimal

from htxlib.data.codebook import Column
from htxlib.data.codes import CODE_LISTS
from htxlib.data.read.text import fold
from htxlib.messages import N_

_TRUE = {"true", "yes", "1", "x", "có", "co", "đã", "da"}
_FALSE = {"false", "no", "0", "không", "khong", "chưa", "chua"}
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_VN_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$")
_SERIAL = re.compile(r"^\d{5}(\.0+)?$")
EXCEL_EPOCH = pd.Timestamp("1899-12-30")
#: Unit words an amount in triệu đồng may carry, with their factor to triệu đồng.
UNIT_WORDS = (
    ("triệu đồng", 1),
    ("tỷ đồng", 1000),
    ("tỉ đồng", 1000),
    ("tỷ", 1000),
    ("tỉ", 1000),
    ("triệu", 1),
    ("trđ", 1),
    ("tr", 1),
    ("%", 1),
)
#: Number conventions: name, Babel locale.
CONVENTIONS = (("dot-decimal", "en_US"), ("comma-decimal", "vi_VN"))


class CellError(ValueError):
    """A cell that cannot be read as its column's type; the message says what was expected."""


#: The largest number a count or amount may hold: a trillion (10^12) triệu đồng or people is
#: far beyond any real registry, and well inside what a 64-bit column stores exactly.
MAX_NUMBER = 10**12

#: Dates a registry can hold: anything outside is a typing slip, and pandas cannot hold it.
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2200, 12, 31))


def parse_date(value: object) -> pd.Timestamp:
    """Read a date given as an Excel date or serial, ``yyyy-mm-dd`` or ``dd/mm/yyyy``."""
    day = _date_of(value)
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise CellError(N_("date outside 01/01/1900-31/12/2200; check the year"))
    return pd.Timestamp(day)


def _date_of(value: object) -> dt.date:
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(float(value)).date()
    text = str(value).strip()
    if " " in text:  # "2024-06-30 00:00:00" from a spreadsheet export
        text = text.split(" ")[0]
    try:
        if _ISO.match(text):
            return dt.date.fromisoformat(_pad_iso(text))
        if _VN_DATE.match(text):
            day, month, year = (int(p) for p in re.split(r"[/.-]", text))
            return dt.date(year, month, day)
    except ValueError:
        raise CellError(N_("not a real date")) from None
    if _SERIAL.match(text):
        return _serial(float(text)).date()
    raise CellError(N_("not a date; write dd/mm/yyyy or yyyy-mm-dd"))


def _serial(number: float) -> pd.Timestamp:
    # Excel counts days from 30/12/1899; 20000-80000 covers 1954-2119, and keeps small
    # numbers (a year, a count typed by mistake) from passing as dates.
    if not 20000 <= number <= 80000 or not float(number).is_integer():
        raise CellError(N_("not a date; write dd/mm/yyyy or yyyy-mm-dd"))
    return EXCEL_EPOCH + pd.Timedelta(days=int(number))


def _pad_iso(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def number_readings(value: object) -> dict[str, float]:
    """Return what a cell means under each number convention that can read it.

    Parameters
    ----------
    value : object
        A number, or text such as ``"81.233"``, ``"3.327,272"``, ``"1,5 tỷ"``, ``"11,11%"``.

    Returns
    -------
    dict
        Convention name to value (in the column's unit: a "tỷ" amount becomes triệu).
        A native number gives ``{"native": value}``.

    Raises
    ------
    CellError
        When no convention reads it.
    """
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return {"native": float(value)}
    text = fold(str(value)).replace("\u00a0", " ")
    factor = 1
    for word, scale in UNIT_WORDS:
        if text.endswith(word):
            text, factor = text[: -len(word)].strip(), scale
            break
    text = text.replace(" ", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    readings = {}
    for name, locale in CONVENTIONS:
        try:
            readings[name] = sign * float(parse_decimal(text, locale=locale, strict=True)) * factor
        except (NumberFormatError, ValueError, ArithmeticError):  # decimal.InvalidOperation
            continue
    if not readings or not re.fullmatch(r"[0-9.,]+", text):
        raise CellError(
            N_(
                "not a number; write digits such as 3327.272 or 3.327,272 "
                "(a unit may follow: triệu, tỷ)"
            )
        )
    return readings


def parse_bool(value: object) -> bool:
    """Read yes/no in English or Vietnamese (true/false, có/không, 1/0, x)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = fold(str(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(N_("not yes/no; write true or false (có/không)"))


def code_reader(list_name: str) -> Callable[[object], str]:
    """Return a reader that accepts a code or its Vietnamese label and gives the code.

    Unknown values pass through unchanged so that validation reports them
    against the full list of allowed codes.
    """
    codes = CODE_LISTS[list_name]
    lookup = {fold(code): code for code in codes}
    lookup.update({fold(label): code for code, label in codes.items()})
    # typed without diacritics or with other punctuation ("nong nghiep", "Nong - Lam"): the
    # bare form of a code or label, where no two of the list share it
    bare_forms: dict[str, set[str]] = {}
    for code, label in codes.items():
        for form in (bare(code.replace("_", " ")), bare(label)):
            bare_forms.setdefault(form, set()).add(code)
    loose = {form: next(iter(found)) for form, found in bare_forms.items() if len(found) == 1}

    def read(value: object) -> str:
        text = str(value)
        found = lookup.get(fold(text))
        if found is None:
            # "Số HTX thành lập mới": documents name a count with a leading "số (lượng)"
            form = bare(text)
            found = loose.get(form) or loose.get(_COUNT_WORD.sub("", form), text)
        return found

    return read


#: The word documents put before a count ("số", "số lượng"), in bare form.
_COUNT_WORD = re.compile(r"^so (luong )?")


def bare(text: str) -> str:
    """Fold a label to ASCII words: no diacritics, no punctuation, lower case.

    Examples
    --------
    >>> bare("Nông - Lâm - Ngư nghiệp"), bare("  ĐANG hoạt động "), bare("nong_nghiep")
    ('nong lam ngu nghiep', 'dang hoat dong', 'nong nghiep')
    """
    text = unicodedata.normalize("NFKD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


#: Characters a name or a text never holds, each with why: they hide, reorder or fake text
#: (a right-to-left override prints "HTX Trân Quý" reversed; a zero-width space makes a
#: name look like another's), or are not text at all.
HIDDEN_CHARACTERS = (
    (
        re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"),
        N_("contains an invisible control character; type the text again"),
    ),
    (
        re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"),
        N_("contains a hidden character that changes the direction of the text (it may print "
           "reversed); type the text again"),
    ),
    (
        re.compile("[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]"),
        N_("contains an invisible zero-width character (it can make a name look like "
           "another); type the text again"),
    ),
    (
        re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff\U000ffffe-\U0010ffff]"),
        N_("contains a character that is not text (a Unicode non-character); type the text "
           "again"),
    ),
)  # fmt: skip


_ANY_HIDDEN = re.compile("|".join(pattern.pattern for pattern, _rule in HIDDEN_CHARACTERS))


def hidden_character(text: str) -> str | None:
    """Return why ``text`` cannot be kept as typed (see :data:`HIDDEN_CHARACTERS`), or None.

    Examples
    --------
    >>> hidden_character("HTX Trân Quý") is None, hidden_character("HTX \u202eýuQ")[:30]
    (True, 'contains a hidden character th')
    """
    if not _ANY_HIDDEN.search(text):  # one search for the text that holds none
        return None
    for pattern, rule in HIDDEN_CHARACTERS:
        if pattern.search(text):
            return rule
    return None


def _text(value: object) -> str:
    if isinstance(value, str):
        rule = hidden_character(value)
        if rule:
            raise CellError(rule)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number in Excel
    if isinstance(value, dt.datetime | dt.date):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return str(value)


def read_all_at_once(read: Callable[[object], object], cells) -> list | None:
    """Return what ``read`` gives each cell, where it can be had for all of them at once.

    Text cells that are all strings, none with a hidden character, are kept as typed: one
    search of their joined text answers for all of them (a national registry's names and
    ids are hundreds of thousands of cells). None: read the cells one by one.
    """
    if read is not _text or not all(isinstance(cell, str) for cell in cells):
        return None
    if _ANY_HIDDEN.search("\n".join(cells)):  # "\n" is not a hidden character
        return None
    return list(cells)


def reader_for(column: Column) -> Callable[[object], object]:
    """Return the cell reader for a non-numeric codebook column."""
    if column.type == "code":
        return code_reader(column.codes)
    return {"text": _text, "date": parse_date, "bool": parse_bool}[column.type]
