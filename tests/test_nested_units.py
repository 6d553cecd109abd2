"""A chain of nested units: every unit is found, and a parent's key covers what it is built from.

A parent is built from its children down to ``MAX_NESTING`` levels; the digest that tells
whether its report is unchanged covers exactly those levels, and a unit deeper than that is
left out of its ancestors with a message, and still found and built by ``htx batch``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from htxlib.data.dataset import load_unit
from htxlib.data.snapshot import input_digest
from htxlib.data.unit_folders import MAX_NESTING, find_units

from .conftest import run_htx, set_cell, write_rows, write_small_unit


def _chain(root: Path, levels: int) -> list[Path]:
    """Write ``levels`` units, each the only child of the one above; the last holds the HTX."""
    (root / "scratch").mkdir()
    leaf = write_small_unit(root / "scratch")
    folders = []
    folder = root / "chain"
    for level in range(levels):
        folder.mkdir(parents=True)
        if level == levels - 1:
            for path in leaf.iterdir():
                shutil.copy(path, folder / path.name)
        else:
            write_rows(folder / "periods.csv", [["year", "cutoff_date"], [2025, "31/12/2025"]])
            write_rows(
                folder / "unit.csv",
                [["unit_id", "name", "level", "province"], ["x", "x", "tinh", "Tỉnh Mẫu"]],
            )
        set_cell(folder / "unit.csv", 2, "unit_id", f"cap-{level}")
        set_cell(folder / "unit.csv", 2, "name", f"Cấp {level}")
        folders.append(folder)
        folder = folder / "units" / "u"  # short: a deep chain stays under PATH_MAX
    shutil.rmtree(root / "scratch")
    return folders


def test_every_unit_of_a_deep_chain_is_found(tmp_path):
    folders = _chain(tmp_path, 14)
    assert find_units(tmp_path / "chain") == sorted(f.resolve() for f in folders)


def test_a_parent_s_key_covers_every_child_it_is_built_from(tmp_path):
    folders = _chain(tmp_path, MAX_NESTING + 1)  # the leaf is the deepest a parent reads
    top, leaf = folders[0], folders[-1]
    assert len(load_unit(top).tables["entities"]) > 0  # the leaf's HTX are the top's
    before = input_digest(top)
    set_cell(leaf / "annual.csv", 2, "members", "85")
    assert input_digest(top) != before


def test_a_unit_deeper_than_a_parent_reads_is_said(tmp_path):
    folders = _chain(tmp_path, MAX_NESTING + 2)
    top, leaf = folders[0], folders[-1]
    done = run_htx("validate", "--data", "chain", cwd=tmp_path)
    assert "Traceback" not in done.stderr
    said = done.stdout + done.stderr
    assert f"sâu hơn {MAX_NESTING} cấp thư mục units/" in said, said
    before = input_digest(top)
    set_cell(leaf / "annual.csv", 2, "members", "85")  # not part of the top: not in its key
    assert input_digest(top) == before
    assert input_digest(leaf) != before


@pytest.mark.slow
def test_a_chain_of_nested_units_is_validated_without_recursion(tmp_path):
    _chain(tmp_path, 400)
    done = run_htx("validate", "--data", "chain", cwd=tmp_path, timeout=300)
    assert "Traceback" not in done.stderr and "RecursionError" not in done.stderr
