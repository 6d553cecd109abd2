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


def shares_of_known(counts: Sequence[float | None], decimals: int = 2) -> list[float | None]:
    """Return :func:`largest_remainder` shares when every part is given, else all None.

    A share of a whole with an unknown part would be a guess, so none is stated.

    Examples
    --------
    >>> shares_of_known([1, 3]), shares_of_known([1, None])
    ([25.0, 75.0], [None, None])
    """
    from htxlib.formatting import is_missing

    if any(is_missing(c) for c in counts):
        return [None for _ in counts]
    return largest_remainder([float(c) for c in counts], decimals)
