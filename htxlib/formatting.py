"""Vietnamese number, date and list formats, as administrative documents write them.

Numbers take their symbols from Babel's ``vi_VN`` locale data (``.`` groups thousands, ``,``
marks decimals, CLDR's minus sign), so "81.233 triệu đồng", "3.327,272 triệu đồng" and
"11,11%" follow CLDR. Python writes the digits, grouped by three as the locale's pattern
``#,##0.###`` groups them: the same text as Babel's ``format_decimal`` (a test compares them
on many numbers) in a sixth of the time, which a national registry's annex, with tens of
thousands of numbers, notices.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pandas as pd

LOCALE = "vi_VN"


def is_missing(value: object) -> bool:
    """Return True for None, NaN, NaT and pandas' NA.

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), pd.NaT, pd.NA, 0, 0.0, "", [None])]
    [True, True, True, True, False, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, float):  # numpy's floats too; NaN alone is not equal to itself
        return value != value
    if isinstance(value, int | str | list | tuple | dict):  # a table's cells, by the thousand
        return False
    return bool(pd.isna(value))


def half_up(value: float, decimals: int = 2) -> float:
    """Round half away from zero at ``decimals`` places, as written by hand (5,555 → 5,56).

    Examples
    --------
    >>> half_up(5.555), half_up(2.775), half_up(-0.125)
    (5.56, 2.78, -0.13)
    """
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def number(value: float | int | None, decimals: int = 3) -> str:
    """Format a number with up to ``decimals`` decimal places, trailing zeros dropped.

    A half is rounded up, as by hand (Babel alone rounds it to even).

    Examples
    --------
    >>> number(81233), number(3327.272), number(38.74), number(280.0), number(4500.25, 1)
    ('81.233', '3.327,272', '38,74', '280', '4.500,3')
    """
    if is_missing(value):
        return "-"
    if isinstance(value, float):
        value = half_up(value, decimals)
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")  # "#" places: trailing zeros are not written
    return text.translate(_symbols())


@cache
def _symbols() -> dict[int, str]:
    """Map Python's group, decimal and minus marks to the locale's (CLDR, through Babel)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

    marks = {",": get_group_symbol(LOCALE), ".": get_decimal_symbol(LOCALE)}
    return str.maketrans({**marks, "-": get_minus_sign_symbol(LOCALE)})


def count(value: int | None) -> str:
    """Format a count: two digits under ten ("03"), grouped thousands above ("1.250").

    Examples
    --------
    >>> count(3), count(36), count(0), count(1250)
    ('03', '36', '0', '1.250')
    """
    if is_missing(value):
        return "-"
    value = int(value)
    if 0 < value < 10:
        return f"{value:02d}"
    return number(value, 0)


def percent(value: float | None, decimals: int = 2) -> str:
    """Format a percentage with up to two decimals.

    Examples
    --------
    >>> percent(11.11), percent(25.0), percent(8.333)
    ('11,11%', '25%', '8,33%')
    """
    if is_missing(value):
        return "-"
    return number(half_up(float(value), decimals), decimals) + "%"


def date(value: dt.date | pd.Timestamp | None) -> str:
    """Write a date as documents do in their text: "30/6/2024", "05/01/2024".

    The rule of the date line (:func:`long_date`, Decree 30/2020/NĐ-CP, Appendix I): days
    below 10 and the months January and February take a leading zero, other months none.

    Examples
    --------
    >>> date(pd.Timestamp("2024-06-30")), date(pd.Timestamp("2024-01-05"))
    ('30/6/2024', '05/01/2024')
    """
    if is_missing(value):
        return "-"
    day, month, year = _date_parts(value)
    return f"{day}/{month}/{year}"


def _date_parts(value: dt.date | pd.Timestamp) -> tuple[str, str, int]:
    """Day and month as Decree 30 writes them, and the year."""
    day = pd.Timestamp(value)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}", month, day.year


def long_date(value: dt.date | pd.Timestamp | None) -> str:
    """Write a date as a document's date line does: "ngày 05 tháng 02 năm 2025".

    Days below 10 and the months January and February take a leading zero (Decree
    30/2020/NĐ-CP, Appendix I); a date not given stays a visible blank to fill by hand.

    Examples
    --------
    >>> long_date(pd.Timestamp("2025-02-05")), long_date(pd.Timestamp("2024-07-15"))
    ('ngày 05 tháng 02 năm 2025', 'ngày 15 tháng 7 năm 2024')
    >>> long_date(None)
    'ngày … tháng … năm …'
    """
    if is_missing(value):
        return "ngày … tháng … năm …"
    day, month, year = _date_parts(value)
    return f"ngày {day} tháng {month} năm {year}"


def sentence(text: str) -> str:
    """Close a typed sentence with a full stop unless it already ends with a stop mark.

    Examples
    --------
    >>> sentence(" Tổng hợp, báo cáo kết quả "), sentence("Rà soát HTX.")
    ('Tổng hợp, báo cáo kết quả.', 'Rà soát HTX.')
    """
    text = text.strip()
    return text if not text or text[-1] in ".!?:;…" else text + "."


def money(value: float | None) -> str:
    """Format an amount in millions of đồng: "81.233 triệu đồng"."""
    return f"{number(value)} triệu đồng"


def join(names: Iterable[str]) -> str:
    """Join names as a sentence does: "A, B và C".

    Names that contain commas or colons themselves are separated by semicolons instead.

    Examples
    --------
    >>> join(["HTX A"]), join(["HTX A", "HTX B", "HTX C"])
    ('HTX A', 'HTX A, HTX B và HTX C')
    >>> join(["HTX xây dựng, thương mại", "HTX B"])
    'HTX xây dựng, thương mại; HTX B'
    """
    items = [nfc(n) for n in names]
    if not items:
        return ""
    if any("," in n or ":" in n for n in items):
        return "; ".join(items)
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " và " + items[-1]


def sort_key(name: object) -> bytes:
    """Return the key that sorts names in Vietnamese alphabetical order.

    ICU's Vietnamese collation (CLDR) puts each letter where the alphabet does
    (a, ă, â, b, c, d, đ, e, ê, ...) and tones after the bare letter, which byte order
    and the default Unicode order do not.

    Examples
    --------
    >>> sorted(["HTX Đại Quân", "HTX Ân", "HTX An", "HTX Ăn", "HTX Dũng"], key=sort_key)
    ['HTX An', 'HTX Ăn', 'HTX Ân', 'HTX Dũng', 'HTX Đại Quân']
    """
    return _collator().getSortKey(nfc("" if is_missing(name) else name))


def sort_names(names: Iterable[str]) -> list[str]:
    """Return names in Vietnamese alphabetical order (see :func:`sort_key`)."""
    return sorted(names, key=sort_key)


@cache
def _collator():
    import icu

    return icu.Collator.createInstance(icu.Locale("vi_VN"))


def lower_first(text: str) -> str:
    """Lower-case the first letter of a sentence used mid-sentence, but never an acronym.

    Examples
    --------
    >>> lower_first("Thông báo tạm ngừng"), lower_first("HTX có ít hơn"), lower_first("LH HTX")
    ('thông báo tạm ngừng', 'HTX có ít hơn', 'LH HTX')
    """
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return text
    return text[:1].lower() + text[1:]


def nfc(text: str) -> str:
    """Return text in Unicode NFC form (precomposed Vietnamese letters)."""
    return unicodedata.normalize("NFC", str(text))


def period_phrase(start: pd.Timestamp, cutoff: pd.Timestamp) -> str:
    """Describe a reporting period the way documents do.

    Examples
    --------
    >>> period_phrase(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-06-30"))
    '6 tháng đầu năm 2024'
    >>> period_phrase(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31"))
    'năm 2024'
    >>> period_phrase(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-09-15"))
    'từ 01/01/2024 đến 15/9/2024'
    """
    year_start = start.month == 1 and start.day == 1
    month_end = cutoff.is_month_end
    if year_start and month_end and cutoff.year == start.year:
        if cutoff.month == 12:
            return f"năm {start.year}"
        return f"{cutoff.month} tháng đầu năm {start.year}"
    return f"từ {date(start)} đến {date(cutoff)}"


def period_in(start: pd.Timestamp, cutoff: pd.Timestamp) -> str:
    """Say when something happened within a period, as an adverbial phrase of its own.

    "trong" goes before a named span, never before "từ ... đến ...".

    Examples
    --------
    >>> period_in(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-06-30"))
    'trong 6 tháng đầu năm 2024'
    >>> period_in(pd.Timestamp("2023-01-01"), pd.Timestamp("2023-09-15"))
    'từ ngày 01/01/2023 đến ngày 15/9/2023'
    """
    phrase = period_phrase(start, cutoff)
    if phrase.startswith("từ "):
        return f"từ ngày {date(start)} đến ngày {date(cutoff)}"
    return f"trong {phrase}"
