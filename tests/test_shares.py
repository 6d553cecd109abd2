from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from htxlib.figures.shares import largest_remainder


def test_seed_rating_shares():
    assert largest_remainder([4, 6, 3, 14, 9]) == [11.11, 16.67, 8.33, 38.89, 25.0]


def test_thirds():
    assert largest_remainder([1, 1, 1]) == [33.34, 33.33, 33.33]


def test_zero_total():
    assert largest_remainder([0, 0]) == [0.0, 0.0]


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_shares_add_to_100_and_stay_close(counts):
    shares = largest_remainder(counts)
    total = sum(counts)
    if total == 0:
        assert shares == [0.0] * len(counts)
        return
    assert sum(round(s * 100) for s in shares) == 10_000
    for count, share in zip(counts, shares, strict=True):
        assert abs(share - count * 100 / total) < 0.01 + 1e-9
        assert share >= 0
    assert shares == pytest.approx(largest_remainder(counts))
