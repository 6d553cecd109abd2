"""Large units: generated units give the figures counted independently.

No timing here: speed is measured by ``benchmarks/bench_scale.py``.
"""

from __future__ import annotations

import csv
import os
from collections import Counter

import pytest

from htxlib.data import synthetic
from htxlib.data.dataset import load_unit
from htxlib.figures import counts, people

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def large_unit(tmp_path_factory):
    folder = synthetic.write_unit(tmp_path_factory.mktemp("large") / "unit", 2000, seed=7)
    return folder, synthetic.expected_counts(synthetic.frames(2000, seed=7), 2024)


def test_generated_unit_gives_the_counts_made_independently(large_unit):
    folder, expected = large_unit
    ds = load_unit(folder)
    overview = counts.htx_overview(ds, 2024)
    assert overview.total.value == expected["total_htx"]
    assert len(overview.new) == expected["new_htx"]
    assert len(overview.dissolved) == expected["dissolved_htx"]
    assert counts.tht_overview(ds, 2024).total.value == expected["tht"]
    assert people.members_workers(ds, 2024).members.value == expected["members"]


def test_a_national_registry_with_its_score_history_loads_under_the_default_limits(
    tmp_path, monkeypatch
):
    # 35.000 HTX with a score sheet for every rated HTX and year: over two million rows
    for name in os.environ:
        if name.startswith("HTX_MAX_"):
            monkeypatch.delenv(name)
    folder = synthetic.write_unit(tmp_path / "unit", 35000, seed=3)
    rows, per_year, checked_2024 = 0, Counter(), 0.0
    with (folder / "rating_scores.csv").open(encoding="utf-8", newline="") as handle:
        lines = csv.reader(handle)
        header = next(lines)
        year, checked = header.index("year"), header.index("checked_score")
        for row in lines:  # counted by the csv module, apart from the toolkit's reader
            rows += 1
            per_year[row[year]] += 1
            if row[year] == "2024" and row[checked]:
                checked_2024 += float(row[checked])
    with (folder / "entities.csv").open(encoding="utf-8", newline="") as handle:
        htx = sum(row["kind"] == "HTX" for row in csv.DictReader(handle))
    assert rows > 2_000_000
    ds = load_unit(folder)
    scores = ds.rating_scores
    assert len(scores) == rows
    assert scores["year"].value_counts().to_dict() == {int(y): n for y, n in per_year.items()}
    in_2024 = scores.loc[scores["year"] == 2024, "checked_score"].sum()
    assert in_2024 == pytest.approx(checked_2024, rel=1e-12)
    assert (ds.entities["kind"] == "HTX").sum() == htx == 35000
