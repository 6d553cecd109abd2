"""How a reporting unit is named in prose."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from htxlib.data.codes import COVERAGES, LEVELS, SCOPES

#: A unit id is a slug: lowercase ASCII letters and digits in hyphen-joined words, at most
#: 64 characters. It names the unit's output folder, so it can hold no path separator, no
#: dot-segment and nothing a browser would run in a link.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_LENGTH = 64


def slug(text: str) -> str:
    """Turn a name into a unit id: Vietnamese letters without marks, other signs as hyphens.

    Examples
    --------
    >>> slug("Văn Quan"), slug("Đặc khu Phú Quốc"), slug("../../x"), slug("javascript:alert(1)")
    ('van-quan', 'dac-khu-phu-quoc', 'x', 'javascript-alert-1')
    """
    text = unicodedata.normalize("NFKD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:SLUG_LENGTH].strip("-")


def is_slug(text: str) -> bool:
    """Whether a unit id may name an output folder as it is (see :data:`SLUG`)."""
    return len(text) <= SLUG_LENGTH and SLUG.fullmatch(text) is not None


#: How documents name a level before the unit's name, where it differs from the code label:
#: "thành phố Cần Thơ", not "thành phố trực thuộc trung ương Cần Thơ".
PROSE_LEVELS = {"thanh_pho_tw": "thành phố"}

#: How many HTX a sentence names when the unit does not say.
LIST_LIMIT = 10


@dataclass(frozen=True)
class Unit:
    """How a unit is named in prose.

    Attributes
    ----------
    unit_id, name, level, province, issuing_body, scope, code : str
        From the ``unit`` table (``code``: the official administrative code, or "").
    list_limit : int
        How many HTX a sentence names before the list goes to the plan's appendix.
    coverage : str
        How much of the unit's HTX the registry holds (see ``COVERAGES``).
    """

    unit_id: str
    name: str
    level: str
    province: str
    issuing_body: str
    scope: str = "all"
    list_limit: int = LIST_LIMIT
    coverage: str = "all"
    code: str = ""

    @property
    def partial(self) -> bool:
        """Whether the registry holds only part of the unit's HTX."""
        return self.coverage != "all"

    @property
    def coverage_note(self) -> str:
        """What the registry holds, for a sentence: "" when it holds every HTX."""
        return "" if not self.partial else COVERAGES[self.coverage]

    @property
    def full_name(self) -> str:
        """Level and name as documents write them, e.g. "huyện Văn Quan", "thành phố Cần Thơ"."""
        return f"{PROSE_LEVELS.get(self.level, LEVELS[self.level])} {self.name}"

    @property
    def htx_term(self) -> str:
        """What the report calls the HTX it covers: "HTX", or "HTX nông nghiệp"."""
        return "HTX" if self.scope == "all" else SCOPES[self.scope]

    @property
    def scope_note(self) -> str:
        """A sentence saying the report covers only part of the HTX, or "" when it covers all."""
        if self.scope == "all":
            return ""
        return f"Báo cáo này đánh giá các {SCOPES[self.scope]} {self.place}."

    @property
    def place(self) -> str:
        """The unit as the place of a sentence: "trên địa bàn huyện Văn Quan"."""
        return f"trên địa bàn {self.full_name}"


def unit_of(ds) -> Unit:
    """Return the unit's names as prose uses them."""
    info = ds.unit_info
    return Unit(
        unit_id=str(info["unit_id"]),
        name=str(info["name"]),
        level=str(info["level"]),
        province=str(info.get("province") or ""),
        issuing_body=str(info.get("issuing_body") or ""),
        scope=str(info.get("scope") or "all"),
        list_limit=_limit(info.get("list_limit")),
        coverage=str(info.get("coverage") or "all"),
        code=_text(info.get("code")),
    )


def _text(value) -> str:
    """Return a table cell as text: "" when empty (pandas gives NA or NaN)."""
    if value is None or value != value or str(value) in ("<NA>", "nan"):
        return ""
    return str(value).strip()


def _limit(value) -> int:
    """Return the unit's list limit: a positive whole number, else :data:`LIST_LIMIT`."""
    try:
        limit = int(value)
    except (TypeError, ValueError):
        return LIST_LIMIT
    return limit if limit > 0 else LIST_LIMIT
