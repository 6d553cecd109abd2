"""Large units: a generated 2.000-HTX unit gives the figures counted independently, and a
report validates its data once (the notebooks take the CLI's validated snapshot).

No timing here: speed is measured by ``benchmarks/bench_scale.py``.
"""

from __future__ import annotations

import json
import shutil

import pytest

from htxlib.data import synthetic
from htxlib.data.dataset import load_unit
from htxlib.data.snapshot import input_digest, read_snapshot, write_snapshot
from htxlib.figures import counts, people
from htxlib.report.publishing.runner import build_report

from .conftest import VAN_QUAN


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


def test_snapshot_is_used_only_while_the_files_are_unchanged(vq_copy, tmp_path):
    ds = load_unit(vq_copy)
    ds.warnings = ["marker: this object came from the snapshot"]
    snapshot = write_snapshot(ds, tmp_path / "dataset.pickle", input_digest(vq_copy))
    assert load_unit(vq_copy, snapshot).warnings == ds.warnings  # not read again
    annual = vq_copy / "annual.csv"
    annual.write_text(annual.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert read_snapshot(snapshot, vq_copy) is None
    assert load_unit(vq_copy, snapshot).warnings == []  # the folder, validated again
    assert load_unit(vq_copy, tmp_path / "missing.pickle").warnings == []


def test_report_notebooks_take_the_validated_snapshot(tmp_path):
    unit = tmp_path / "van-quan"
    shutil.copytree(VAN_QUAN, unit)
    report = build_report(unit, 2024, out=tmp_path / "reports", formats=("html",))
    for path in report.notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        injected = next(
            c for c in notebook["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
        )
        assert "snapshot = " in "".join(injected["source"])
        assert "dataset.pickle" in "".join(injected["source"])
    assert not list((tmp_path / "reports").rglob("dataset.pickle"))  # left with the staging
