"""A small commune-level unit built by the tests: figures match hand counting.

Tân Lập at 31/12/2025: HTX A, B, C and E exist (D dissolved 31/03/2025, F founded 2026);
E is new; B is suspended; C changed registration once in 2025; L1 is an LH HTX of A, B, C.
"""

from __future__ import annotations

import pytest

from htxlib import figures as m
from htxlib.data.dataset import load_unit
from htxlib.figures.counts import status_counts

YEAR = 2025


@pytest.fixture
def tl(small_unit):
    return load_unit(small_unit)


def test_htx_counts(tl):
    o = m.htx_overview(tl, YEAR)
    assert o.total.value == 4
    assert list(o.new["name"]) == ["HTX Epsilon"]
    assert list(o.dissolved["name"]) == ["HTX Delta"]
    assert list(o.suspended["name"]) == ["HTX Beta"]
    assert list(o.registration_changes["name"]) == ["HTX Gamma"]  # the 2024 change is outside
    assert o.paper_only.empty


def test_htx_by_sector(tl):
    sectors = m.htx_overview(tl, YEAR).by_sector.set_index("sector")
    assert sectors["count"].to_dict() == {"nong_nghiep": 3, "cong_nghiep": 1}
    assert sectors["share"].to_dict() == {"nong_nghiep": 75.0, "cong_nghiep": 25.0}


def test_earlier_cutoff_changes_the_picture(tl):
    o = m.htx_overview(tl, YEAR, as_of="30/06/2025")
    assert o.total.value == 3  # E not founded yet, D already dissolved
    assert o.new.empty and list(o.dissolved["name"]) == ["HTX Delta"]
    assert o.suspended.empty


def test_union(tl):
    u = m.union_overview(tl, YEAR)
    assert (u.total.value, u.members.value) == (1, 3)


def test_tht(tl):
    t = m.tht_overview(tl, YEAR)
    assert (t.total.value, t.members.value) == (2, 15)
    by = t.by_purpose.set_index("purpose")
    assert (by.loc["san_xuat", "members"], by.loc["dung_nuoc", "members"]) == (4, 11)


def test_members_and_workers(tl):
    mw = m.members_workers(tl, YEAR)
    values = (mw.members.value, mw.new_members.value, mw.workers.value, mw.workers_members.value)
    assert values == (88, 16, 62, 47)


def test_managers(tl):
    t = m.manager_training(tl, YEAR)
    assert t.total.value == 13
    assert list(t.levels["count"]) == [3, 2, 8]
    assert sum(t.levels["share"]) == pytest.approx(100)


def test_capital(tl):
    cap = m.capital_by_sector(tl, YEAR).set_index("sector")["capital"].to_dict()
    assert cap == {"nong_nghiep": pytest.approx(2600.5), "cong_nghiep": pytest.approx(2500.0)}


def test_ratings(tl):
    r = m.rating_distribution(tl, YEAR).set_index("rating")
    assert r["count"].to_dict() == {
        "tot": 1,
        "kha": 0,
        "trung_binh": 1,
        "yeu": 1,
        "khong_xep_loai": 1,
    }
    assert r["share"].to_dict() == {
        "tot": 25.0,
        "kha": 0.0,
        "trung_binh": 25.0,
        "yeu": 25.0,
        "khong_xep_loai": 25.0,
    }


def test_support_period_adds_spans(tl):
    s = m.support_results(tl, YEAR).set_index("programme").loc["interest_subsidy"]
    assert (s["period_dossiers_received"], s["period_dossiers_eligible"]) == (5, 4)
    assert s["period_amount_paid"] == pytest.approx(19.75)
    assert s["cumulative_amount_paid"] == pytest.approx(101.75)


def test_support_at_mid_year_uses_first_span_only(tl):
    s = (
        m.support_results(tl, YEAR, as_of="2025-06-30")
        .set_index("programme")
        .loc["interest_subsidy"]
    )
    assert s["period_amount_paid"] == pytest.approx(12.5)
    assert s["cumulative_amount_paid"] is None or s.isna()["cumulative_amount_paid"]


def test_ocop(tl):
    row = m.ocop_by_year(tl).set_index("year").loc[2025]
    assert (row["products"], row["by_stars"], row["reward"]) == (2, {3: 1, 4: 1}, 30.0)


def test_status_counts(tl):
    table = status_counts(tl, YEAR)
    assert table.loc["HTX"].to_dict() == {
        "operating": 3,
        "suspended": 1,
        "paper_only": 0,
        "dissolving": 0,
        "dissolved": 1,
        "total": 5,
    }
    assert table.loc["LHHTX", "total"] == 1 and table.loc["THT", "total"] == 2


def test_all_published_without_provenance_table(tl):
    assert m.members_workers(tl, YEAR).members.status == "published"
