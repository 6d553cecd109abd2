"""Names of HTX in the analyst texts, written as the registry writes them.

A text may spell a name another way ("HTX Quản lý chợ Điềm He" where the registry has
"Diềm He"). One HTX printed under two spellings on one page reads as two, so the report
prints the registry's spelling, and validate names each place it changed. Only a spelling
that differs in accents or case is taken for the same name: any other difference may be
another HTX, and is left as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Names shorter than this (accents and case dropped) are too common to match in a text.
SHORTEST = 8


def skeleton(text: str) -> str:
    """Return the text without accents, in lower case, one character for each of ``text``'s.

    Examples
    --------
    >>> skeleton("Điềm He"), skeleton("Diềm HE")
    ('diem he', 'diem he')
    """
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[0]
        out.append("d" if base in "đĐ" else base.lower())
    return "".join(out)


def _spans(text: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where a name is written in another spelling: (start, end, registry name), no overlaps."""
    bare = skeleton(text)
    found: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    spellings: dict[str, set[str]] = {}
    for name in {str(n) for n in names if str(n).strip()}:
        spellings.setdefault(skeleton(name), set()).add(name)
    # the longest names first: "HTX Văn Quan Xanh" before "HTX Văn Quan"
    for key in sorted(spellings, key=len, reverse=True):
        if len(key) < SHORTEST:
            continue
        registered = spellings[key]
        name = next(iter(registered))
        for match in re.finditer(re.escape(key), bare):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            before = text[start - 1] if start else " "
            after = text[end] if end < len(text) else " "
            if before.isalnum() or after.isalnum():
                continue  # part of a longer word
            for i in range(start, end):
                taken[i] = True
            # two registry names alike but for accents: which one is meant is the text's
            if text[start:end] not in registered and len(registered) == 1:
                found.append((start, end, name))
    return sorted(found)


def registry_spelling(text: str, names: Iterable[str]) -> tuple[str, list[tuple[str, str]]]:
    """Write every name of ``names`` in ``text`` as the registry does.

    Parameters
    ----------
    text : str
        An analyst text (NFC).
    names : iterable of str
        The registry's names.

    Returns
    -------
    tuple
        The text, and each change as (as written, as registered), in text order.

    Examples
    --------
    >>> registry_spelling("HTX Quản lý chợ Điềm He cho thuê.", ["HTX Quản lý chợ Diềm He"])
    ('HTX Quản lý chợ Diềm He cho thuê.', [('HTX Quản lý chợ Điềm He', 'HTX Quản lý chợ Diềm He')])
    """
    spans = _spans(text, names)
    if not spans:
        return text, []
    parts, changes, last = [], [], 0
    for start, end, name in spans:
        parts += [text[last:start], name]
        changes.append((text[start:end], name))
        last = end
    parts.append(text[last:])
    return "".join(parts), changes
