"""A plan target's bounds: at least one is given, and the low one is not above the high one."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from htxlib.data.problems import Problem
from htxlib.formatting import number
from htxlib.messages import N_, _


def target_bounds(ds, loc) -> Iterator[Problem]:
    """Flag a ``targets`` row with no bound at all, or with its low bound above its high one.

    Such a row is no target: nothing can be judged or restated against it.
    """
    targets = ds.targets
    for row, low, high in zip(targets.index, targets["low"], targets["high"], strict=True):
        if pd.isna(low) and pd.isna(high):
            yield loc.problem(
                "targets", row, "low", None, N_("a target needs a value: fill low, high or both")
            )
        elif not pd.isna(low) and not pd.isna(high) and high < low:
            message = _("below the low bound {low}").format(low=number(low))
            yield loc.problem("targets", row, "high", number(high), message)
