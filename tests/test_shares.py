from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from htxlib.figures.shares import half_up, rounded_shares, rounding_slack
from htxlib.formatting import percent


def test_seed_rating_shares():
    assert rounded_shares([4, 6, 3, 14, 9]) == [11.11, 16.67, 8.33, 38.89, 25.0]


def test_each_share_is_rounded_on_its_own():
    # 2 of 36 is 5,56%, twice 1 of 36 (2,78%), though the three shares add to 100,01%
    assert rounded_shares([33, 1, 2]) == [91.67, 2.78, 5.56]
    assert percent(100 * 2 / 36) == "5,56%"


def test_half_up_not_to_even():
    assert [half_up(x) for x in (0.125, 0.135, 2.675, 1.005)] == [0.13, 0.14, 2.68, 1.01]
    assert rounded_shares([1, 1, 1]) == [33.33, 33.33, 33.33]


def test_zero_total():
    assert rounded_shares([0, 0]) == [0.0, 0.0]


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12))
def test_shares_are_within_half_a_unit_and_add_up_within_rounding(counts):
    shares = rounded_shares(counts)
    total = sum(counts)
    if total == 0:
        assert shares == [0.0] * len(counts)
        return
    for count, share in zip(counts, shares, strict=True):
        assert abs(share - count * 100 / total) <= 0.005 + 1e-9
    assert abs(sum(shares) - 100) <= rounding_slack(len(counts))
