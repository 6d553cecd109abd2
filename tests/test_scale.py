"""Large units: a generated 2.000-HTX unit gives the figures counted independently.

No timing here: speed is measured by ``benchmarks/bench_scale.py``.
"""

from __future__ import annotations

import pytest

from htxlib.data import synthetic
from htxlib.data.dataset import load_unit
from htxlib.figures import counts, people


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
