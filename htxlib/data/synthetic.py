"""Synthetic unit folders of any size in the codebook's format, for tours, tests and benchmarks.

The unit has N HTX, 2N THT and one LH HTX per 230 HTX, ten years of annual facts, the last
year's rating score sheets, status events, support programmes and OCOP products: the shape of
a province (N in the hundreds or thousands) or of the national registry (N = 35.000). It
passes ``htx validate``; every value is drawn from a seeded generator, so a size and a seed
always give the same files.

``benchmarks/synthetic_unit.py`` writes one from the command line.

:func:`expected_counts` recomputes a few figures straight from the generated frames, for the
test that checks the toolkit against them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SECTORS = ["nong_nghiep"] * 6 + ["cong_nghiep", "xay_dung", "van_tai", "thuong_mai", "khac"]
PURPOSES = ["trong_trot", "chan_nuoi", "thuy_san", "lam_nghiep", "dung_nuoc", "dich_vu"]
RATINGS = ["tot", "kha", "trung_binh", "yeu"]
CRITERIA_MAX = [7, 6, 11, 6, 8, 6, 6, 6, 4, 7, 7, 7, 7, 6, 6]
COMMUNES = [f"Xã {n}" for n in ("An", "Bình", "Cường", "Đông", "Hòa", "Lạc", "Minh", "Phú")]


def _dates(rng, start: str, end: str, size: int) -> pd.Series:
    day = 86_400 * 10**9
    first, last = pd.Timestamp(start).value // day, pd.Timestamp(end).value // day
    days = rng.integers(first, last + 1, size)
    return pd.Series(pd.to_datetime(days, unit="D"))


def frames(
    n_htx: int, years: int = 10, last_year: int = 2024, seed: int = 0, name: str = ""
) -> dict:
    """Return the unit's tables as DataFrames (dates as Timestamps).

    ``name`` names the unit (default "Tổng hợp N"); its unit id is made from it.
    """
    from htxlib.data.unit import slug

    name = name or f"Tổng hợp {n_htx}"
    rng = np.random.default_rng(seed)
    first_year = last_year - years + 1
    n_union, n_tht = max(1, n_htx // 230), 2 * n_htx
    kinds = ["HTX"] * n_htx + ["LHHTX"] * n_union + ["THT"] * n_tht
    # ids as registries write them, and as the template's examples teach: "HTX00012",
    # "THT00345" (a first cell that starts like "Tổng"/"Total" must not slow the reader)
    prefix = {"HTX": "HTX", "LHHTX": "LH", "THT": "THT"}
    ids = [f"{prefix[k]}{i:06d}" for i, k in enumerate(kinds)]
    entities = pd.DataFrame({"entity_id": ids, "kind": kinds})
    entities["name"] = [
        f"{'HTX' if k == 'HTX' else 'LH HTX' if k == 'LHHTX' else 'THT'} Tổng hợp số {i}"
        for i, k in enumerate(kinds)
    ]
    entities["commune"] = rng.choice(COMMUNES, len(kinds))
    registered = entities["kind"] != "THT"
    entities["sector"] = np.where(registered, rng.choice(SECTORS, len(kinds)), None)
    founded = _dates(rng, "2000-01-01", f"{last_year}-06-30", len(kinds))
    entities["founded_on"] = founded.where(registered.to_numpy(), pd.NaT)
    dissolve = registered & (rng.random(len(kinds)) < 0.08)
    gap = pd.to_timedelta(rng.integers(400, 4000, len(kinds)), unit="D")
    dissolved = (founded + gap).where(dissolve.to_numpy(), pd.NaT)
    dissolved = dissolved.where(dissolved <= pd.Timestamp(f"{last_year}-12-31"), pd.NaT)
    entities["dissolved_on"] = dissolved
    entities["charter_capital"] = np.where(
        registered, rng.integers(100, 20000, len(kinds)).astype(float), np.nan
    )
    tht = entities["kind"] == "THT"
    entities["purpose"] = np.where(tht, rng.choice(PURPOSES, len(kinds)), None)
    unions = entities.loc[entities["kind"] == "LHHTX", "entity_id"].to_numpy()
    joins = (entities["kind"] == "HTX") & (rng.random(len(kinds)) < 0.05)
    entities["union_id"] = np.where(joins, rng.choice(unions, len(kinds)), None)

    # annual facts: one row per entity and year it existed (founded by the year's end)
    year_grid = pd.DataFrame({"year": range(first_year, last_year + 1)})
    facts = ["entity_id", "kind", "founded_on", "dissolved_on"]
    annual = entities[facts].merge(year_grid, how="cross")
    founded_year = annual["founded_on"].dt.year.fillna(first_year)
    gone_year = annual["dissolved_on"].dt.year.fillna(9999)
    keep = (annual["year"] >= founded_year) & (annual["year"] <= gone_year)
    annual = annual[keep].reset_index(drop=True)
    founded_year = annual["founded_on"].dt.year.fillna(first_year)
    size = len(annual)
    htx = (annual["kind"] == "HTX").to_numpy()
    union = (annual["kind"] == "LHHTX").to_numpy()
    members = np.where(union, rng.integers(4, 12, size), rng.integers(7, 60, size))
    annual["members"] = members
    annual["new_members"] = np.minimum(rng.integers(0, 6, size), members)
    workers = np.where(htx, rng.integers(2, 40, size), np.nan)
    annual["workers"] = workers
    annual["workers_members"] = np.where(htx, np.floor(workers * rng.random(size)), np.nan)
    university = rng.integers(0, 3, size)
    vocational = rng.integers(0, 3, size)
    untrained = rng.integers(0, 4, size)
    for column, values in (
        ("managers", university + vocational + untrained),
        ("managers_university", university),
        ("managers_vocational", vocational),
        ("managers_untrained", untrained),
    ):
        annual[column] = np.where(htx, values, np.nan)
    annual["revenue"] = np.where(htx, rng.integers(50, 5000, size), np.nan)
    annual["profit"] = np.where(htx, rng.integers(-50, 500, size), np.nan)
    annual["member_income"] = np.where(htx, np.round(rng.uniform(20, 80, size), 1), np.nan)
    annual["report_filed"] = np.where(htx, rng.random(size) < 0.8, None)
    rated = htx & (annual["year"] >= 2020).to_numpy() & (annual["year"] > founded_year).to_numpy()
    annual["rating"] = np.where(rated, rng.choice(RATINGS, size), None)
    annual = annual.drop(columns=["kind", "founded_on", "dissolved_on"])

    # a score sheet of 15 criteria for every rated HTX and year, as a registry keeps them
    sheets = annual.loc[annual["rating"].notna(), ["entity_id", "year"]]
    scores = sheets.merge(pd.DataFrame({"criterion": range(1, 16)}), how="cross")
    caps = np.array(CRITERIA_MAX)[scores["criterion"].to_numpy() - 1]
    scores["self_score"] = np.round(caps * rng.uniform(0.3, 1.0, len(scores)), 1)
    scores["checked_score"] = scores["self_score"]
    scores = scores[["entity_id", "year", "criterion", "self_score", "checked_score"]]

    # status events of HTX still registered: suspensions, changes, paper-only findings
    live = entities[(entities["kind"] == "HTX") & entities["dissolved_on"].isna()]
    picks = live.sample(frac=0.06, random_state=seed)
    third = len(picks) // 3
    start = picks["founded_on"] + pd.to_timedelta(rng.integers(30, 300, len(picks)), unit="D")
    start = start.clip(upper=pd.Timestamp(f"{last_year}-11-30"))
    events = pd.DataFrame(
        {
            "entity_id": picks["entity_id"].to_numpy(),
            "event": ["suspension"] * third
            + ["registration_change"] * third
            + ["paper_only"] * (len(picks) - 2 * third),
            "start_date": start.to_numpy(),
        }
    )
    events["end_date"] = np.where(
        events["event"] == "suspension", events["start_date"] + pd.Timedelta(days=180), pd.NaT
    )
    events["end_date"] = pd.to_datetime(events["end_date"])
    events["detail"] = "Sự kiện tổng hợp"
    events["reason"] = None

    support = pd.DataFrame(
        {
            "programme": ["interest_subsidy", "new_htx", "young_graduates"],
            "period_start": pd.to_datetime([f"{last_year}-01-01"] * 3),
            "period_end": pd.to_datetime([f"{last_year}-12-31"] * 3),
            "cumulative": [False] * 3,
            "dossiers_received": [n_htx // 50 + 2] * 3,
            "dossiers_appraised": [n_htx // 50 + 2] * 3,
            "dossiers_eligible": [n_htx // 60 + 1] * 3,
            "dossiers_not_eligible": [1] * 3,
            "beneficiaries": [n_htx // 60 + 1] * 3,
            "amount_paid": [float(n_htx), float(n_htx) / 2, float(n_htx) / 10],
        }
    )
    owners = live.sample(n=min(len(live), max(3, n_htx // 20)), random_state=seed + 1)
    # households' products too: no entity, so the first cell (the id, written first as a
    # registry export does) is empty on their rows
    households = max(3, n_htx // 10)
    products = len(owners) + households
    ocop = pd.DataFrame(
        {
            "entity_id": [*owners["entity_id"], *[None] * households],
            "product": [f"Sản phẩm {i}" for i in range(products)],
            "owner": [*owners["name"], *(f"Hộ kinh doanh số {i}" for i in range(households))],
            "owner_type": ["htx"] * len(owners) + ["ho_kinh_doanh"] * households,
            "year": rng.integers(last_year - 3, last_year + 1, products),
            "stars": rng.integers(3, 5, products),
            "reward": 5.0,
            "status": "awarded",
            "assessment": "new",
        }
    )
    periods = pd.DataFrame(
        {
            "year": range(first_year, last_year + 1),
            "period_start": [pd.Timestamp(f"{y}-01-01") for y in range(first_year, last_year + 1)],
            "cutoff_date": [pd.Timestamp(f"{y}-12-31") for y in range(first_year, last_year + 1)],
            "plan_year": range(first_year + 1, last_year + 2),
        }
    )
    unit = pd.DataFrame(
        [
            {
                "unit_id": slug(name),
                "name": name,
                "level": "tinh",
                "province": name,
                "issuing_body": f"Ủy ban nhân dân tỉnh {name}",
            }
        ]
    )
    return {
        "unit": unit,
        "periods": periods,
        "entities": entities,
        "annual": annual,
        "rating_scores": scores,
        "status_events": events,
        "support": support,
        "ocop": ocop,
    }


def write_unit(folder: Path, n_htx: int, years: int = 10, seed: int = 0, name: str = "") -> Path:
    """Write the unit's CSV files into ``folder`` (created) and return it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for table, frame in frames(n_htx, years, seed=seed, name=name).items():
        out = frame.copy()
        for column in out.columns:
            if pd.api.types.is_datetime64_any_dtype(out[column]):
                out[column] = out[column].dt.strftime("%Y-%m-%d")
        out.to_csv(folder / f"{table}.csv", index=False)
    return folder


def expected_counts(tables: dict, year: int) -> dict:
    """Count a few figures straight from the generated frames, independently of htxlib."""
    entities = tables["entities"]
    cutoff = pd.Timestamp(f"{year}-12-31")
    htx = entities[entities["kind"] == "HTX"]
    alive = htx[(htx["founded_on"] <= cutoff) & ~(htx["dissolved_on"] <= cutoff)]
    new = htx[htx["founded_on"].dt.year == year]
    gone = htx[htx["dissolved_on"].dt.year == year]
    annual = tables["annual"].merge(entities[["entity_id", "kind"]], on="entity_id")
    this_year = annual[(annual["year"] == year) & (annual["kind"] == "HTX")]
    this_year = this_year[this_year["entity_id"].isin(alive["entity_id"])]
    tht = entities[entities["kind"] == "THT"]
    return {
        "total_htx": len(alive),
        "new_htx": len(new),
        "dissolved_htx": len(gone),
        "members": int(this_year["members"].sum()),
        "tht": len(tht),
    }
