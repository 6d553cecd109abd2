"""Percentage shares as officers write them: each rounded half-up on its own."""

from __future__ import annotations

from collections.abc import Sequence

from htxlib.formatting import half_up, is_missing


def rounded_shares(counts: Sequence[float], decimals: int = 2) -> list[float]:
    """Return the percentage share of each count, each rounded half-up on its own.

    The shares may add to a little more or less than 100: 1, 1 and 1 of 3 are 33,33% each.
    Forcing the sum to 100 would print 2 of 36 as 5,55% beside 1 of 36 at 2,78%.

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
    >>> rounded_shares([4, 6, 3, 14, 9])
    [11.11, 16.67, 8.33, 38.89, 25.0]
    >>> rounded_shares([33, 1, 2])
    [91.67, 2.78, 5.56]
    """
    total = sum(counts)
    if total <= 0:
        return [0.0 for _ in counts]
    return [half_up(100.0 * c / total, decimals) for c in counts]


def rounding_slack(parts: int, decimals: int = 2) -> float:
    """Return how far shares rounded on their own may add up from 100: half a unit each."""
    return parts * 0.5 * 10.0**-decimals + 1e-9


def shares_of_known(counts: Sequence[float | None], decimals: int = 2) -> list[float | None]:
    """Return :func:`rounded_shares` when every part is given, else all None.

    A share of a whole with an unknown part would be a guess, so none is stated.

    Examples
    --------
    >>> shares_of_known([1, 3]), shares_of_known([1, None])
    ([25.0, 75.0], [None, None])
    """
    if any(is_missing(c) for c in counts):
        return [None for _ in counts]
    return rounded_shares([float(c) for c in counts], decimals)
