"""How a reporting unit is named in prose."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from htxlib.data.codes import COVERAGES, LEVEL_TIERS, LEVELS, SCOPES

if TYPE_CHECKING:  # pandas is imported where it is used: `htx report` starts its kernels first
    import pandas as pd

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
PROSE_LEVELS = {"thanh_pho_tw": "thành phố", "thanh_pho": "thành phố"}

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
    ended_on : Timestamp or None
        For a former unit, its last day; None for a unit in force.
    coverage_detail : str
        For a parent built from some of its units, whose (see
        :mod:`htxlib.data.rollup_scope`): "số liệu của 03 trong số 65 đơn vị cấp xã".
    sample : bool
        A unit made up to show the toolkit, not a real one.
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
    ended_on: pd.Timestamp | None = None
    coverage_detail: str = ""
    sample: bool = False

    def former_on(self, day) -> bool:
        """Whether the unit no longer existed on ``day`` (a former unit that ended before it)."""
        import pandas as pd

        return self.ended_on is not None and self.ended_on < pd.Timestamp(day)

    @property
    def tier(self) -> str:
        """The tier of its level, as a group of units is named: "xã", "huyện" or "tỉnh"."""
        return LEVEL_TIERS[self.level]

    @property
    def partial(self) -> bool:
        """Whether the registry holds only part of the unit's HTX."""
        return self.coverage != "all"

    @property
    def coverage_note(self) -> str:
        """What the registry holds, for a sentence: "" when it holds every HTX."""
        return "" if not self.partial else self.coverage_detail or COVERAGES[self.coverage]

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

    @property
    def counted_place(self) -> str:
        """The place its counts cover: the unit, with the scope of a partial roll-up.

        "trên địa bàn tỉnh Lạng Sơn (số liệu của 03 trong số 194 đơn vị cấp xã)": a count of
        some communes is never said as the province's.
        """
        return f"{self.place} ({self.coverage_detail})" if self.coverage_detail else self.place


def unit_of(ds) -> Unit:
    """Return the unit's names as prose uses them.

    A parent built from some of its units, not all, covers part of its HTX: its coverage is
    then partial, with the scope of its children (see :mod:`htxlib.data.rollup_scope`).
    """
    unit = _named(ds.unit_info)
    if unit.coverage != "all":
        return unit
    scope = children_scope_of(ds)
    if scope is None or not scope.partial:
        return unit
    from dataclasses import replace

    return replace(unit, coverage="partial", coverage_detail=scope.note)


def children_scope_of(ds):
    """Return how much of the unit its children cover (see :mod:`htxlib.data.rollup_scope`).

    Counted once per loaded dataset; None for a unit without children, or when it cannot
    be told.
    """
    if not getattr(ds, "children", None):
        return None
    from htxlib.data.rollup_scope import children_scope

    def scope():
        children = [unit_of(c.data) for c in ds.children if c.loaded]
        return children_scope(ds, _named(ds.unit_info), children, tier_of(children))

    return ds.once(("children_scope",), scope)


def _named(info: dict) -> Unit:
    """Return the unit's names from its row of ``unit``."""
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
        ended_on=_date(info.get("ended_on")),
        sample=info.get("sample") is True,
    )


def _date(value) -> pd.Timestamp | None:
    """Return a table's date cell as a Timestamp, None when empty."""
    import pandas as pd

    return None if value is None or pd.isna(value) else pd.Timestamp(value)


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


def tier_of(units: list[Unit]) -> str:
    """Name the tier of a group of units: "đơn vị cấp xã", or "đơn vị" when they differ."""
    tiers = {u.tier for u in units}
    return f"đơn vị cấp {tiers.pop()}" if len(tiers) == 1 else "đơn vị"


def former_group(units: list[Unit]) -> str:
    """Name a group of former units, for "tổng số liệu của các …": "xã cũ", "tỉnh cũ".

    Units of one tier are named by their levels ("xã, thị trấn cũ"); others as "đơn vị cũ".
    """
    levels = [level for level in LEVELS if level in {u.level for u in units}]
    if len({LEVEL_TIERS[level] for level in levels}) != 1:
        return "đơn vị cũ"
    names = dict.fromkeys(PROSE_LEVELS.get(level, LEVELS[level]) for level in levels)
    return f"{', '.join(names)} cũ"
