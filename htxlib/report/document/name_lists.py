"""The HTX a plan names: a few in the sentence, all of them in the appendix issued with it.

A sentence names at most the unit's ``list_limit`` HTX (10 by default). A longer list is
cut there, the sentence says how many more there are and points to the appendix
("Phụ lục kèm theo Kế hoạch"), which the signing copy carries after the signature with every
list in full. HTX that share a note (the reason they were not rated) are grouped under it
once: "05 HTX không nộp hồ sơ tự đánh giá: A, B, …", not the note repeated five times.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from htxlib import formatting

#: What a cut sentence points to.
APPENDIX = "Phụ lục kèm theo Kế hoạch"


@dataclass(frozen=True)
class NameList:
    """One list of HTX the plan names.

    Attributes
    ----------
    title : str
        What the list is, as the appendix heads it ("HTX xếp loại khá năm 2024").
    names : list of str
        The HTX, in the order the sentence names them.
    notes : list of str
        A note per HTX ("" where none) that sentences group the HTX under, e.g. why it was
        not rated.
    details : list of str
        A detail per HTX that only the appendix shows (the dates of a suspension).
    status : str
        Provenance of the list's membership: a list of the HTX founded in the period, where
        founding dates were estimated, is itself an estimate, which the signing copy does
        not state (its appendix leaves it out; the review copy keeps it, marked).
    """

    title: str
    names: list[str]
    notes: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    status: str = "published"

    def rows(self) -> list[tuple[str, str]]:
        """Return the appendix's rows: each name with its note or detail ("" when none)."""
        extra = self.notes or self.details or [""] * len(self.names)
        return list(zip(self.names, extra, strict=True))

    def groups(self) -> list[tuple[str, list[str]]]:
        """Return the names under each note, in first-seen order ("" for those without one)."""
        notes = self.notes or [""] * len(self.names)
        grouped: dict[str, list[str]] = {}
        for name, note in zip(self.names, notes, strict=True):
            grouped.setdefault(note, []).append(name)
        return list(grouped.items())


def phrase(names: NameList, limit: int) -> str:
    """Write a list as a sentence names it, cut at ``limit`` names with the rest pointed to.

    Examples
    --------
    >>> phrase(NameList("x", ["A", "B", "C"]), 10)
    'A, B và C'
    >>> phrase(NameList("x", ["A", "B", "C"]), 2)
    'A, B và 01 HTX khác; danh sách tại Phụ lục kèm theo Kế hoạch'
    >>> phrase(NameList("x", ["A", "B", "C", "D"], ["hết hạn", "hết hạn", "", "mới"]), 10)
    '02 HTX hết hạn: A và B; C; D: mới'
    """
    long = len(names.names) > limit
    groups = names.groups()
    if any(note for note, _ in groups):
        parts = []
        for note, members in groups:
            if not note:
                parts.append(formatting.join(members) if not long else "")
                continue
            note = formatting.lower_first(note)
            if len(members) == 1 and not long:  # a note of its own stays with its HTX
                parts.append(f"{members[0]}: {note}")
                continue
            head = f"{formatting.count(len(members))} HTX {note}"
            parts.append(head if long else f"{head}: {formatting.join(members)}")
        text = "; ".join(p for p in parts if p)
        return f"{text}; danh sách tại {APPENDIX}" if long else text
    if not long:
        return formatting.join(names.names)
    return f"{cut(names.names, limit)}; danh sách tại {APPENDIX}"


def cut(names: list[str], limit: int, what: str = "HTX") -> str:
    """Name at most ``limit`` of ``names`` and count the others.

    Examples
    --------
    >>> cut(["A", "B"], 10), cut(["A", "B", "C"], 2), cut(["X", "Y", "Z"], 1, "sản phẩm")
    ('A và B', 'A, B và 01 HTX khác', 'X và 02 sản phẩm khác')
    """
    if len(names) <= limit:
        return formatting.join(names)
    shown = ", ".join(formatting.nfc(n) for n in names[:limit])
    return f"{shown} và {formatting.count(len(names) - limit)} {what} khác"


def appendix(lists: dict[str, NameList], limit: int) -> list[NameList]:
    """Return the lists the sentences cut, in document order: the plan's appendix."""
    return [names for names in lists.values() if len(names.names) > limit]
