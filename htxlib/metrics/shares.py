"""Percentages that add up: largest-remainder rounding."""

from __future__ import annotations

import math
from collections.abc import Sequence


def largest_remainder(counts: Sequence[float], decimals: int = 2) -> list[float]:
    """Return percentage shares of ``counts`` rounded so that they add to exactly 100.

    Each share is first truncated to ``decimals`` places; the units left over go,
    one each, to the shares with the largest remainders (ties to the earlier one).

    Parameters
    ----------
    counts : sequence of float
        Non-negative parts of a whole.
    decimals : int
        Decimal places of the shares.

    Returns
    -------
    list of float
        Shares in percent; all zero when the counts sum to zero.

    Examples
    --------
    >>> largest_remainder([4, 6, 3, 14, 9])
    [11.11, 16.67, 8.33, 38.89, 25.0]
    """
    total = sum(counts)
    if total <= 0:
        return [0.0 for _ in counts]
    scale = 10**decimals
    exact = [c * 100 * scale / total for c in counts]
    floors = [math.floor(e + 1e-9) for e in exact]
    left = 100 * scale - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return [f / scale for f in floors]
