"""The indicator a recognised figure states, named as the report's stated figures are.

The names are those of :mod:`htxlib.checks.stated_meaning` ("total_htx",
"sector_count:nong_nghiep", "rating_count:tot+kha"), so that a figure read from a document is
computed from a unit's data by the same definition the toolkit's own report states it by.
"""

from __future__ import annotations

from htxlib.checks.text.recognise import Figure
from htxlib.data.codes import KINDS, RATINGS, SECTOR_GROUPS, SECTORS, STATUSES, THT_PURPOSES
from htxlib.messages import _

_TOTALS = {"HTX": "total_htx", "THT": "tht_count", "LHHTX": "union_count"}
_MEMBERS = {"HTX": "members", "THT": "tht_members", "LHHTX": "union_members"}
_STATUS_FIGURES = {
    "operating": "operating_htx",
    "suspended": "suspended_htx",
    "dissolved": "dissolved_htx",
}


def indicator_of(figure: Figure, planned: bool = False) -> str | None:
    """Return the stated-figure name of a recognised count, or None when it names none.

    Only figures whose words say what they count have a name: "36 HTX" under "có", "HTX xếp
    loại tốt: 04 HTX", "386 thành viên" of the HTX. A count of something else ("04 HTX thay
    đổi nội dung đăng ký") is recognised but has no indicator.
    """
    if (
        figure.role != "count"
        or figure.qualifier == "range"
        or figure.narrowed
        or (figure.planned and not planned)
    ):
        return None
    unit, dimension, code = figure.unit, figure.dimension, figure.code
    if unit in _TOTALS:
        if dimension is None:
            return _TOTALS[unit] if figure.total else None
        if unit == "THT":
            return f"tht_purpose_count:{code}" if dimension == "purpose" else None
        if unit != "HTX":
            return None
        if dimension == "sector":
            return f"sector_count:{code}"
        if dimension == "rating":
            return f"rating_count:{code}"
        if dimension == "status":
            return _STATUS_FIGURES.get(code, f"status_count:{code}")
        if dimension == "origin" and code == "new":
            return "new_htx"
        return None
    if unit == "members" and figure.subject in _MEMBERS:
        if figure.new:
            return "new_members" if figure.subject == "HTX" and dimension is None else None
        if dimension is None:
            return _MEMBERS[figure.subject] if figure.total else None
        if figure.subject == "THT" and dimension == "purpose":
            return f"tht_purpose_members:{code}"
        return None
    if unit == "managers" and dimension is None and figure.total:
        return "managers"
    return None


def label_of(name: str) -> str:
    """Return an indicator's name in the user's language ("Số HTX — xếp loại tốt")."""
    prefix, _sep, code = name.partition(":")
    plain = {
        "total_htx": _("number of HTX"),
        "tht_count": _("number of THT"),
        "union_count": _("number of LH HTX"),
        "members": _("HTX members"),
        "tht_members": _("THT members"),
        "union_members": _("member HTX of the LH HTX"),
        "new_members": _("new HTX members"),
        "managers": _("HTX managers"),
        "new_htx": _("new HTX"),
        "operating_htx": _("operating HTX"),
        "suspended_htx": _("suspended HTX"),
        "dissolved_htx": _("dissolved HTX"),
    }
    if name in plain:
        return plain[name]
    names = {
        "sector_count": {**SECTORS, **{c: label for c, (label, _m) in SECTOR_GROUPS.items()}},
        "rating_count": RATINGS,
        "status_count": STATUSES,
        "tht_purpose_count": THT_PURPOSES,
        "tht_purpose_members": THT_PURPOSES,
    }.get(prefix, {})
    words = " + ".join(names.get(c, c) for c in code.split("+"))
    what = KINDS["THT"] if prefix.startswith("tht_") else "HTX"
    if prefix == "tht_purpose_members":
        return _("members of {what}").format(what=words)
    return f"{what}: {words}" if prefix != "tht_purpose_count" else words
