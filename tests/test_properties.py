"""Property-based tests: for generated registries, loading round-trips and figures add up."""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htxlib import figures as m
from htxlib.data.codes import RATINGS, SECTORS
from htxlib.data.dataset import load_unit
from htxlib.figures.shares import rounding_slack
from htxlib.formatting import half_up

from .conftest import SMALL_UNIT, write_rows

LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
YEAR = 2025
CUTOFF = dt.date(2025, 12, 31)

words = st.text(alphabet=LETTERS, min_size=1, max_size=8)
names = st.lists(words, min_size=1, max_size=3).map(lambda w: "HTX " + " ".join(w).title())
# founded by the end of the year, since every HTX has a row for the year
dates = st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2025, 12, 31))


@st.composite
def htx_rows(draw, index: int):
    founded = draw(dates)
    dissolved = draw(
        st.one_of(st.none(), st.dates(min_value=founded, max_value=dt.date(2026, 12, 31)))
    )
    members = draw(st.integers(min_value=0, max_value=600))
    managers = [draw(st.integers(min_value=0, max_value=5)) for _ in range(3)]
    entity = [
        f"H{index}",
        "HTX",
        f"{draw(names)} {index}",
        "",
        draw(st.sampled_from(list(SECTORS))),
        founded.isoformat(),
        dissolved.isoformat() if dissolved else "",
        draw(st.one_of(st.just(""), st.integers(min_value=0, max_value=90000))),
        "",
        "",
    ]
    annual = [
        f"H{index}",
        YEAR,
        members,
        draw(st.integers(min_value=0, max_value=members)),
        members,
        members,
        sum(managers),
        *managers,
        draw(st.sampled_from(["", *RATINGS])),
    ]
    return entity, annual


@st.composite
def registries(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    rows = [draw(htx_rows(i)) for i in range(n)]
    return rows, draw(st.booleans())


# the same columns as the hand-counted test unit
HEADERS = {name: SMALL_UNIT[name][0] for name in ("entities", "annual")}


def save(folder: Path, rows, excel: bool) -> None:
    tables = {
        "unit": [["unit_id", "name", "level"], ["sinh", "Sinh Thử", "xa"]],
        "periods": [["year", "cutoff_date"], [YEAR, CUTOFF.isoformat()]],
        "entities": [HEADERS["entities"]] + [e for e, _ in rows],
        "annual": [HEADERS["annual"]] + [a for _, a in rows],
    }
    for name, data in tables.items():
        if excel and name in ("entities", "annual"):
            pd.DataFrame(data[1:], columns=data[0]).to_excel(folder / f"{name}.xlsx", index=False)
        else:
            write_rows(folder / f"{name}.csv", data)


@contextmanager
def saved_and_loaded(registry):
    """Save a generated registry (CSV, or xlsx for the two big tables) and load it back."""
    rows, excel = registry
    with tempfile.TemporaryDirectory() as tmp:
        save(Path(tmp), rows, excel)
        yield rows, load_unit(tmp)


FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(registries())
def test_load_of_save_is_identity(registry):
    with saved_and_loaded(registry) as (rows, ds):
        for (entity, _annual), (_, loaded) in zip(rows, ds.entities.iterrows(), strict=True):
            assert loaded["entity_id"] == entity[0] and loaded["name"] == entity[2]
            assert loaded["sector"] == entity[4]
            assert loaded["founded_on"] == pd.Timestamp(entity[5])
            assert (pd.isna(loaded["dissolved_on"]) and entity[6] == "") or loaded[
                "dissolved_on"
            ] == pd.Timestamp(entity[6])
            assert (pd.isna(loaded["charter_capital"]) and entity[7] == "") or loaded[
                "charter_capital"
            ] == entity[7]
        for annual, (_, loaded) in zip([a for _, a in rows], ds.annual.iterrows(), strict=True):
            assert [loaded[c] for c in HEADERS["annual"][2:10]] == annual[2:10]
            assert (loaded["rating"] if pd.notna(loaded["rating"]) else "") == annual[10]


@FAST
@given(registries())
def test_parts_add_to_wholes(registry):
    with saved_and_loaded(registry) as (rows, ds):
        overview = m.htx_overview(ds, YEAR)
        total = overview.total.value
        alive = [
            e
            for e, _ in rows
            if e[5] <= CUTOFF.isoformat() and (not e[6] or e[6] > CUTOFF.isoformat())
        ]
        assert total == len(alive) >= 0
        assert overview.by_sector["count"].sum() == total
        ratings = m.rating_distribution(ds, YEAR)
        assert ratings["count"].sum() == total and (ratings["count"] >= 0).all()
        managers = m.manager_training(ds, YEAR)
        if managers.total.known:
            assert managers.levels["count"].sum() == managers.total.value >= 0
        capital = m.capital_by_sector(ds, YEAR)
        expected = sum(float(e[7]) for e in alive if e[7] != "")
        assert capital["capital"].fillna(0).sum() == pytest.approx(expected)
        assert capital["capital"].isna().sum() == sum(
            1 for row in capital.itertuples() if row.capital_given == 0
        )
        founded = sum(1 for e, _ in rows if e[5] <= CUTOFF.isoformat())
        assert m.status_counts(ds, YEAR).loc["HTX", "total"] == founded
        mw = m.members_workers(ds, YEAR)
        assert mw.members.known and mw.new_members.known  # every generated row gives them
        assert 0 <= mw.new_members.value <= mw.members.value


@FAST
@given(registries())
def test_shares_are_rounded_on_their_own_and_add_to_100_within_rounding(registry):
    with saved_and_loaded(registry) as (rows, ds):
        total = m.htx_overview(ds, YEAR).total.value
        for table in (m.rating_distribution(ds, YEAR), m.htx_overview(ds, YEAR).by_sector):
            shares = table["share"]
            assert abs(sum(shares) - (100 if total else 0)) <= rounding_slack(len(shares))
            assert (shares >= 0).all()
            whole = table["count"].sum()
            for count, share in zip(table["count"], shares, strict=True):
                assert share == (half_up(100 * count / whole) if whole else 0)


@given(
    st.one_of(
        st.from_regex(r"[+-]?[0-9]{1,7}([.,][0-9]{1,5})?", fullmatch=True),
        st.text(alphabet="0123456789.,+- e１²", min_size=1, max_size=8),
    )
)
def test_plain_numbers_read_as_babel_reads_them(text):
    """The column-wise reading of plain cells agrees with the cell-by-cell locale reading."""
    from htxlib.data.column_parsing import _plain_numbers
    from htxlib.data.parsing import number_readings

    values, evidence = _plain_numbers(pd.Series([text]))
    if pd.isna(values[0]):  # left to the locale rules, which read it or name the error
        return
    readings = number_readings(text)
    assert set(readings.values()) == {values[0]}
    if evidence:  # a decimal mark that only one convention can read
        assert set(readings) == evidence


@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(1, 10**6)), min_size=1, max_size=30))
def test_leave_one_out_median_matches_dropping_the_row(rows):
    from htxlib.checks.contradictions import _leave_one_out_median

    frame = pd.DataFrame(rows, columns=["entity_id", "revenue"])
    frame = frame[frame.groupby("entity_id")["revenue"].transform("size") >= 2]
    if frame.empty:
        return
    typical = _leave_one_out_median(frame, "revenue")
    for row in frame.index:
        group = frame[frame["entity_id"] == frame.at[row, "entity_id"]]
        assert typical[row] == group.drop(index=row)["revenue"].median()
