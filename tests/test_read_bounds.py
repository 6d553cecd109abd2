"""Reads bounded before they cost: each hostile file is refused naming its limit, and a
shortage of memory is said as such. Each case starts the real ``htx`` process.

The files are small copies of the hostile ones (``benchmarks/bench_hostile.py`` measures the
full-size ones), with the limit lowered through its variable so that the same check fires.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess

import pytest

from .conftest import HTX, VAN_QUAN, write_small_unit
from .hostile_files import bloated_styles, many_names, many_strings, repeated_rows

pytestmark = pytest.mark.slow


def _validate(folder, env=None, limit_mb: int | None = None) -> subprocess.CompletedProcess:
    def cap():
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb << 20, limit_mb << 20))

    return subprocess.run(
        [str(HTX), "--lang", "en", "validate", "--data", str(folder)],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=cap,
    )


@pytest.mark.parametrize(
    ("make", "env", "said"),
    [
        (
            lambda f: bloated_styles(f / "ocop.xlsx", 3),
            {"HTX_MAX_PART_MB": "2"},
            "the uncompressed size of a part (MB) is",
        ),
        (
            lambda f: many_names(f / "ocop.xlsx", 50_000),
            {"HTX_MAX_PART_MB": "2"},
            "(xl/workbook.xml), over the limit of 2 (set HTX_MAX_PART_MB",
        ),
        (
            lambda f: many_strings(f / "ocop.xlsx", 20_000),
            {"HTX_MAX_STRINGS": "10000"},
            "the number of distinct texts is > 10000, over the limit of 10000",
        ),
    ],
    ids=["styles", "defined-names", "shared-strings"],
)
def test_a_workbook_part_is_bounded_before_it_is_read(tmp_path, make, env, said):
    folder = shutil.copytree(VAN_QUAN, tmp_path / "unit")
    (folder / "ocop.csv").unlink()
    make(folder)
    done = _validate(folder, env)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "ocop.xlsx: cannot be read: " in done.stderr and said in done.stderr, done.stderr


def test_a_million_copies_of_a_row_are_one_line_each_rule(tmp_path):
    folder = shutil.copytree(VAN_QUAN, tmp_path / "unit")
    repeated_rows(folder / "annual.csv", 8)
    done = _validate(folder)
    assert done.returncode == 1
    assert "another row has the same 'entity_id' and 'year' (and " in done.stderr, done.stderr[
        -2000:
    ]
    assert done.stderr.count("\n") < 250


def test_a_shortage_of_memory_is_said_as_such(tmp_path):
    folder = shutil.copytree(VAN_QUAN, tmp_path / "unit")
    repeated_rows(folder / "annual.csv", 40)
    done = _validate(folder, limit_mb=900)
    assert done.returncode == 6, done.stderr[-2000:]
    assert "not enough memory to finish: the data is not at fault" in done.stderr
    assert "Traceback" not in done.stderr and "cannot be read" not in done.stderr


def test_batch_discovery_opens_no_workbook_beyond_its_list_of_sheets(tmp_path):
    """A junk workbook of millions of texts under the batch folder costs discovery nothing."""
    root = tmp_path / "units"
    root.mkdir()
    write_small_unit(root)
    (root / "junk").mkdir()
    many_strings(root / "junk" / "rac.xlsx", 2_000_000)
    done = subprocess.run(
        [str(HTX), "batch", "--data", "units", "--year", "2025", "--format", "html"],
        cwd=tmp_path,
        env={**os.environ, "HTX_LANG": "vi"},
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30)),
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "reports" / "tan-lap" / "2025" / "report.html").is_file()
