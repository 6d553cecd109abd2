"""Where a unit's history comes from, when it was made of former units."""

from __future__ import annotations

import pandas as pd

from htxlib.data.unit import former_group, unit_of


def history_note(former: list) -> dict | None:
    """Say which former units a parent's earlier years add up, for the sentence that says so.

    Parameters
    ----------
    former : list of Child
        The children that ended before the report's cutoff (see :mod:`htxlib.data.predecessors`).

    Returns
    -------
    dict or None
        ``before`` (the first year the parent existed in), ``ended`` (the former units' last
        day), ``group`` ("xã cũ"), ``names`` (the former units as prose names them); None
        without former units.
    """
    if not former:
        return None
    units = [unit_of(child.data) for child in former]
    ended = max(unit.ended_on for unit in units)
    return {
        "before": (ended + pd.Timedelta(days=1)).year,
        "ended": ended,
        "group": former_group(units),
        "names": [unit.full_name for unit in units],
    }
