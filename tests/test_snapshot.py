"""The dataset a report run hands its notebooks is data, read only as the run wrote it.

The notebooks take the CLI's validated dataset (the unit is read once per run), but only
through the digest the run passes them, and only while the unit's files are unchanged.
Nothing in the snapshot can run code when read: tables are Arrow IPC, the rest JSON.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from htxlib.data.dataset import load_unit
from htxlib.data.problems import Problem
from htxlib.data.snapshot import (
    MANIFEST,
    input_digest,
    load_for_run,
    read_snapshot,
    write_snapshot,
)
from htxlib.report.publishing.runner import build_report

from .conftest import ROOT, VAN_QUAN

DATA = ROOT / "data"


def _same(saved, ds):
    """Assert two datasets hold the same tables, sources, warnings and children."""
    assert saved.folder == ds.folder
    assert saved.tables.keys() == ds.tables.keys()
    for name, table in ds.tables.items():
        pd.testing.assert_frame_equal(saved.tables[name], table, check_index_type=True)
    assert saved.stated_totals.keys() == ds.stated_totals.keys()
    assert saved.sources == ds.sources
    assert saved.warnings == ds.warnings
    assert [(c.path, c.name, c.unit_id, c.problems) for c in saved.children] == [
        (c.path, c.name, c.unit_id, c.problems) for c in ds.children
    ]
    for mine, theirs in zip(saved.children, ds.children, strict=True):
        if theirs.data is not None:
            _same(mine.data, theirs.data)


@pytest.mark.parametrize("unit", ["van-quan", "lang-son-mau"])
def test_a_snapshot_gives_back_the_dataset_it_saved(unit, tmp_path):
    ds = load_unit(DATA / unit)
    ds.warnings.append(Problem("annual.csv", np.int64(7), "năm", "2024", "a warning"))
    folder, digest = write_snapshot(ds, tmp_path / "dataset", input_digest(DATA / unit))
    _same(read_snapshot(folder, digest, DATA / unit), ds)
    if unit == "lang-son-mau":
        assert any(child.data is not None for child in ds.children)  # the tree is there


def test_a_snapshot_holds_only_data(tmp_path):
    folder, _ = write_snapshot(load_unit(VAN_QUAN), tmp_path / "dataset", input_digest(VAN_QUAN))
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    for path in folder.iterdir():
        if path.name == MANIFEST:
            json.loads(path.read_text(encoding="utf-8"))
        else:
            assert path.read_bytes()[:6] == b"ARROW1", path.name


def test_a_snapshot_is_used_only_while_the_files_are_unchanged(tmp_path):
    unit = tmp_path / "van-quan"
    shutil.copytree(VAN_QUAN, unit)
    ds = load_unit(unit)
    ds.warnings = []
    ds.tables["unit"] = ds.tables["unit"].assign(name="marker from the snapshot")
    folder, digest = write_snapshot(ds, tmp_path / "dataset", input_digest(unit))
    assert load_for_run(unit, folder, digest).unit_info["name"] == "marker from the snapshot"
    assert (
        load_for_run(unit, folder, None).unit_info["name"] != "marker from the snapshot"
    )  # no digest
    annual = unit / "annual.csv"
    annual.write_text(annual.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert read_snapshot(folder, digest, unit) is None
    assert load_for_run(unit, folder, digest).unit_info["name"] != "marker from the snapshot"
    assert load_for_run(unit, tmp_path / "missing", digest).unit_info["name"] != "marker"


def test_a_kept_dataset_serves_the_run_s_next_notebook_only(tmp_path):
    digest_of_files = input_digest(VAN_QUAN)
    folder, digest = write_snapshot(load_unit(VAN_QUAN), tmp_path / "dataset", digest_of_files)
    first = load_for_run(VAN_QUAN, folder, digest, keep=True)
    first.once(("marker",), lambda: "computed by the first notebook")
    again = load_for_run(VAN_QUAN, folder, digest, keep=True)
    assert again is first  # the same dataset, with what was computed on it
    assert again.once(("marker",), lambda: "computed again") == "computed by the first notebook"
    other, other_digest = write_snapshot(first, tmp_path / "other", digest_of_files)
    assert load_for_run(VAN_QUAN, other, other_digest, keep=True) is not first  # another run
    assert load_for_run(VAN_QUAN, folder, digest) is not first  # not kept: read again
    assert load_for_run(VAN_QUAN, folder, digest, keep=True) is not first  # and let go


class _Payload:
    """What another user could plant: a pickle that runs a command when loaded."""

    def __reduce__(self):
        return (print, ("this must never run",))


def test_an_altered_snapshot_is_not_read(tmp_path):
    ds = load_unit(VAN_QUAN)
    folder, digest = write_snapshot(ds, tmp_path / "dataset", input_digest(VAN_QUAN))
    assert read_snapshot(folder, "0" * 64, VAN_QUAN) is None  # not the digest the run passed

    # one table swapped for another valid Arrow file, the manifest left as it is
    table = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["dataset"]["tables"]
    target = folder / table["unit"]
    original = target.read_bytes()
    other = pa.Table.from_pandas(ds.tables["unit"].assign(name="planted"), preserve_index=True)
    with pa.OSFile(str(target), "wb") as sink, pa.ipc.new_file(sink, other.schema) as writer:
        writer.write_table(other)
    assert read_snapshot(folder, digest, VAN_QUAN) is None
    target.write_bytes(original)
    assert read_snapshot(folder, digest, VAN_QUAN) is not None

    # the manifest swapped for a pickle, or for a FIFO that would hang a reader
    (folder / MANIFEST).write_bytes(pickle.dumps(_Payload()))
    assert read_snapshot(folder, digest, VAN_QUAN) is None
    (folder / MANIFEST).unlink()
    os.mkfifo(folder / MANIFEST)
    assert read_snapshot(folder, digest, VAN_QUAN) is None


def test_report_notebooks_take_the_validated_snapshot_by_its_digest(tmp_path):
    unit = tmp_path / "van-quan"
    shutil.copytree(VAN_QUAN, unit)
    report = build_report(unit, 2024, out=tmp_path / "reports", formats=("html",))
    for path in report.notebooks:
        notebook = json.loads(path.read_text(encoding="utf-8"))
        injected = next(
            c for c in notebook["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
        )
        source = "".join(injected["source"])
        assert "snapshot = " in source and "/dataset" in source
        assert len(source.split("snapshot_digest = ")[1].split('"')[1]) == 64
    assert not list((tmp_path / "reports").rglob("dataset"))  # left with the staging
    assert not list((tmp_path / "reports").rglob("*.arrow"))
