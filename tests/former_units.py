"""Units of the 2025 map made of former units, written as a user lays them out.

A new unit folder holds its own ``unit``, ``periods`` and registry (the HTX it lists since
the merger), and one folder per former unit in ``units/``, each with ``ended_on`` and its
own registry, periods and yearly facts for the years it existed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

YEARS = (2021, 2022, 2023, 2024)


@dataclass
class Former:
    """A former unit: its row of ``unit`` and its HTX (name, founded, dissolved, members)."""

    unit_id: str
    name: str
    level: str
    code: str
    province: str
    htx: list[tuple[str, str, str, int]] = field(default_factory=list)


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


PERIOD_HEADER = ["year", "period_start", "cutoff_date", "plan_year", "source"]


def write_former(root: Path, unit: Former) -> Path:
    """Write a former unit's folder: 2021-2024 whole years and 2025 to 30/06."""
    folder = root / unit.unit_id
    issuing = f"Ủy ban nhân dân {unit.level.replace('_', ' ')} {unit.name}"
    _write(
        folder / "unit.csv",
        ["unit_id", "name", "level", "code", "province", "issuing_body", "ended_on"],
        [[unit.unit_id, unit.name, unit.level, unit.code, unit.province, issuing, "30/06/2025"]],
    )
    periods = [[y, f"01/01/{y}", f"31/12/{y}", y + 1, "Báo cáo năm"] for y in YEARS]
    periods.append([2025, "01/01/2025", "30/06/2025", 2026, "Báo cáo 6 tháng"])
    _write(folder / "periods.csv", PERIOD_HEADER, periods)
    entities, annual = [], []
    for number, (name, founded, dissolved, members) in enumerate(unit.htx, 1):
        entity_id = f"HTX{number:03d}"
        entities.append([entity_id, "HTX", name, "nong_nghiep", founded, dissolved])
        for year in YEARS:
            if pd.Timestamp(founded).year <= year:
                annual.append([entity_id, year, members])
    _write(
        folder / "entities.csv",
        ["entity_id", "kind", "name", "sector", "founded_on", "dissolved_on"],
        entities,
    )
    _write(folder / "annual.csv", ["entity_id", "year", "members"], annual)
    return folder


def write_successor(
    root: Path,
    row: list[str],
    former: list[Former],
    own: list[tuple[str, str, int]],
) -> Path:
    """Write a new unit (``row`` of ``unit``) with its former units in ``units/``.

    ``own`` lists the HTX its own registry holds (name, founded, members in 2025 and 2026):
    new ones, and former ones listed again under the same name.
    """
    folder = root / row[0]
    _write(
        folder / "unit.csv",
        ["unit_id", "name", "level", "code", "province", "issuing_body"],
        [row],
    )
    _write(
        folder / "periods.csv",
        PERIOD_HEADER,
        [
            [2025, "01/01/2025", "31/12/2025", 2026, "Báo cáo năm 2025"],
            [2026, "01/01/2026", "30/06/2026", 2027, "Báo cáo 6 tháng đầu năm 2026"],
        ],
    )
    entities = [
        [f"M{n:03d}", "HTX", name, "nong_nghiep", founded, ""]
        for n, (name, founded, _members) in enumerate(own, 1)
    ]
    annual = [
        [f"M{n:03d}", year, members]
        for n, (_name, _founded, members) in enumerate(own, 1)
        for year in (2025, 2026)
    ]
    _write(
        folder / "entities.csv",
        ["entity_id", "kind", "name", "sector", "founded_on", "dissolved_on"],
        entities,
    )
    _write(folder / "annual.csv", ["entity_id", "year", "members"], annual)
    for unit in former:
        write_former(folder / "units", unit)
    return folder


def expected_htx(former: list[Former], own: list[tuple[str, str, int]], cutoff: str) -> int:
    """Count the HTX registered and not dissolved at ``cutoff``, each name once."""
    day = pd.Timestamp(cutoff)
    names = {
        name
        for unit in former
        for name, founded, dissolved, _members in unit.htx
        if pd.Timestamp(founded) <= day and (not dissolved or pd.Timestamp(dissolved) > day)
    }
    names |= {name for name, founded, _members in own if pd.Timestamp(founded) <= day}
    return len(names)
