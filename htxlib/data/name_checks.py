"""Names that repeat, or only look alike: two HTX a count would take for one, or one for two."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from htxlib.data.problems import Problem
from htxlib.data.read.text import fold
from htxlib.messages import N_, _


def _named_rows(ds, table: str, column: str) -> Iterator[tuple]:
    """Yield (row, name, entity_id, folded name) of a name column, folded once for both checks.

    The folding is kept by the column's length too: a table narrowed later (a report's
    scope) is another.
    """
    frame = ds.tables[table]
    cells = frame[column]
    folded = ds.once(("folded", table, column, len(cells)), lambda: [fold(c) for c in cells])
    return zip(frame.index, cells, frame["entity_id"], folded, strict=True)


def names_unique(ds, loc) -> Iterator[Problem]:
    """Flag a name given twice (case and spacing aside), and an alias that is another's name."""
    seen: dict[str, str] = {}
    for row, name, entity_id, key in _named_rows(ds, "entities", "name"):
        if key in seen:
            yield loc.problem(
                "entities", row, "name", name, _("same name as {other}").format(other=seen[key])
            )
        seen[key] = entity_id
    for row, alias, entity_id, key in _named_rows(ds, "aliases", "alias"):
        owner = seen.get(key)
        if owner is not None and owner != entity_id:
            yield loc.problem(
                "aliases", row, "alias", alias, _("already the name of {other}").format(other=owner)
            )
        seen.setdefault(key, entity_id)


#: A character outside printable ASCII, the Latin blocks (Vietnamese included) and the
#: combining marks that are not Greek: a name without one is in one alphabet, and ICU's
#: mixed-script check passes it (a test tries each of those characters).
_OUTSIDE_LATIN = re.compile("[^\u0020-\u007e\u00a0-\u024f\u0300-\u033f\u1e00-\u1eff]")


def spoof_checks():
    """Return ICU's spoof checker and the checks that flag a name mixing alphabets."""
    import icu

    mixed = icu.USpoofChecks.RESTRICTION_LEVEL | icu.USpoofChecks.MIXED_SCRIPT_CONFUSABLE
    return icu.SpoofChecker(), mixed


def names_confusable(ds, loc) -> Iterator[Problem]:
    """Warn of names that only look alike, or that mix alphabets (ICU's spoof checks).

    "HTX Văn Quаn" with a Cyrillic "а" reads as "HTX Văn Quan" but is another name to every
    count; a reader cannot tell them apart, so each is named with the one it resembles.
    """
    checker, mixed = spoof_checks()
    seen: dict[str, tuple[str, str]] = {}  # skeleton -> (folded name, entity_id)
    for table, column in (("entities", "name"), ("aliases", "alias")):
        for row, name, entity_id, folded in _named_rows(ds, table, column):
            if not isinstance(name, str):
                continue
            if _OUTSIDE_LATIN.search(name) and checker.check(name) & mixed:
                problem = loc.problem(table, row, column, name, N_("mixes letters of alphabets"))
                yield replace(problem, warning=True)
            skeleton = checker.getSkeleton(0, name)
            first, owner = seen.setdefault(skeleton, (folded, entity_id))
            if first != folded and owner != entity_id:
                rule = _("looks like the name of {other}, but is written differently")
                problem = loc.problem(table, row, column, name, rule.format(other=owner))
                yield replace(problem, warning=True)
