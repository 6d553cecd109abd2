"""Warm kernels: reused across notebooks with a clean namespace, replaced when one dies or hangs,
and a batch's report identical to the one ``htx report`` builds on fresh kernels."""

from __future__ import annotations

import json
import shutil

import pytest
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from papermill.exceptions import PapermillExecutionError

from htxlib.cli import main
from htxlib.report.publishing import tracked_kernels
from htxlib.report.publishing.kernel_setup import kernel_name
from htxlib.report.publishing.kernels import KernelPool
from htxlib.report.publishing.runner import build_report
from htxlib.report.publishing.tracked_kernels import TrackedKernelManager

from .conftest import ROOT, SMALL_UNIT, ctrl_c_once_kernels_run, write_rows

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow

FIXTURES = ROOT / "tests" / "fixtures" / "notebooks"


def printed(notebook) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    text = next(o["text"] for o in cells[-1]["outputs"] if o.get("name") == "stdout")
    return "".join(text).strip()


def printed_pid(notebook) -> int:
    return int(printed(notebook))


def counts(notebook) -> list[int]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [c["execution_count"] for c in cells if c["cell_type"] == "code"]


@pytest.fixture
def pool():
    with KernelPool(1, kernel_name(), TrackedKernelManager) as kernels:
        yield kernels


def run(pool, name, target, timeout=60):
    pool.execute(FIXTURES / f"{name}.ipynb", target, {"year": 2024}, timeout)


def counted(started: list) -> type:
    """Return a kernel manager class that adds each kernel it launches to ``started``."""

    class Counted(TrackedKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            started.append(kernel_cmd)
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return Counted


def test_one_kernel_runs_many_notebooks_each_in_a_clean_namespace(pool, tmp_path):
    pids = []
    for i in range(3):
        target = tmp_path / f"run{i}.ipynb"
        run(pool, "leaks", target)  # fails if the previous run's name were still defined
        pids.append(printed_pid(target))
        assert counts(target) == [1, 2, 3]  # parameters, injected parameters, the cell
    assert len(set(pids)) == 1 and len(pool.kernels) == 1


def test_a_report_kernel_keeps_no_history_of_its_cells(pool, tmp_path):
    target = tmp_path / "history.ipynb"
    run(pool, "history", target)
    assert printed(target) == "False"


def test_a_failing_notebook_keeps_the_kernel_a_dead_or_hung_one_is_replaced(pool, tmp_path):
    run(pool, "leaks", tmp_path / "a.ipynb")
    first = printed_pid(tmp_path / "a.ipynb")
    with pytest.raises(PapermillExecutionError, match="deliberate failure"):
        run(pool, "fails", tmp_path / "fails.ipynb")
    run(pool, "leaks", tmp_path / "b.ipynb")
    assert printed_pid(tmp_path / "b.ipynb") == first  # a cell's error leaves the kernel as it was
    with pytest.raises(CellTimeoutError):
        run(pool, "hangs", tmp_path / "hangs.ipynb", timeout=2)
    run(pool, "leaks", tmp_path / "c.ipynb")
    second = printed_pid(tmp_path / "c.ipynb")
    assert second != first  # the hung kernel was stopped and another started
    with pytest.raises(DeadKernelError):
        run(pool, "dies", tmp_path / "dies.ipynb")
    run(pool, "leaks", tmp_path / "d.ipynb")
    assert printed_pid(tmp_path / "d.ipynb") not in (first, second)
    assert len(pool.kernels) == 1


def test_a_batch_builds_the_report_htx_report_builds(small_unit, tmp_path, monkeypatch):
    # the README's batch: two jobs sharing warm kernels and the Word writer, four units
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    root = tmp_path / "units"
    shutil.copytree(small_unit, root / "tan-lap")
    others = ("other", "third", "fourth")
    for name in others:
        (root / name).mkdir()
        for table, rows in SMALL_UNIT.items():
            rows = [list(r) for r in rows]
            if table == "unit":
                rows[1][0] = name
            write_rows(root / name / f"{table}.csv", rows)
    build_report(root / "tan-lap", 2025, out=tmp_path / "alone", formats=("html", "docx"))
    started = []
    monkeypatch.setattr(tracked_kernels, "TrackedKernelManager", counted(started))
    year = ["--year", "2025", "--format", "html,docx", "--jobs", "2"]
    assert main(["batch", "--data", str(root), "--out", str(tmp_path / "batch"), *year]) == 0
    # a small unit's notebooks run one after the other on a kernel held for its report: two
    # jobs, two kernels (not one per notebook), and the same files as the lone report's
    assert len(started) == 2
    for name in ("report.html", "annex.html", "report.docx", "annex.docx"):
        alone = (tmp_path / "alone" / "tan-lap" / "2025" / name).read_bytes()
        assert (tmp_path / "batch" / "tan-lap" / "2025" / name).read_bytes() == alone, name
    for name in others:
        assert {"report.html", "report.docx"} <= {
            p.name for p in (tmp_path / "batch" / name / "2025").iterdir()
        }


def test_a_small_unit_s_notebooks_share_one_kernel_and_make_the_same_report(
    small_unit, tmp_path, monkeypatch
):
    from htxlib.report.publishing import runner

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    started = []
    monkeypatch.setattr(runner, "TrackedKernelManager", counted(started))
    build_report(small_unit, 2025, out=tmp_path / "one", formats=("html",))
    assert len(started) == 1  # both notebooks ran on it, each in a clean namespace
    # it stops while the files are written, and the run waits for it before it returns
    assert not TrackedKernelManager.live
    build_report(small_unit, 2025, out=tmp_path / "two", formats=("html",), shared=False)
    assert len(started) == 3
    for name in ("report.html", "annex.html"):
        one = (tmp_path / "one" / "tan-lap" / "2025" / name).read_bytes()
        assert (tmp_path / "two" / "tan-lap" / "2025" / name).read_bytes() == one, name


def test_ctrl_c_stops_a_batch_and_its_warm_kernels(small_unit, tmp_path):
    from htxlib.commands.common import EXIT_INTERRUPTED

    # the README's batch, two units on two jobs, stopped by Ctrl-C while its kernels run
    root, out = tmp_path / "units", tmp_path / "reports"
    shutil.copytree(small_unit, root / "tan-lap")
    shutil.copytree(small_unit, root / "tan-lap-2")
    (root / "tan-lap-2" / "unit.csv").write_text(
        (root / "tan-lap" / "unit.csv").read_text(encoding="utf-8").replace("tan-lap", "tan-lap-2"),
        encoding="utf-8",
    )
    code, said, alive = ctrl_c_once_kernels_run(
        "batch", "--data", "units", "--year", "2025", "--jobs", "2", cwd=tmp_path
    )
    assert code == EXIT_INTERRUPTED, said
    assert "đã dừng theo yêu cầu" in said and "Traceback" not in said, said
    assert not alive, f"kernels left running: {alive}"
    assert not list(out.glob(".staging-*"))


def test_a_lone_report_s_kernels_start_with_their_own_notebook_s_imports():
    from htxlib.report.publishing.kernels import imports_of

    assessment = imports_of(ROOT / "notebooks" / "assessment.ipynb").splitlines()
    targets = imports_of(ROOT / "notebooks" / "targets.ipynb").splitlines()
    assert "from htxlib.report.document import part_one" in assessment
    assert "from htxlib.report.document import part_two" in targets
    # Part II's kernel does not import Part I's charts, and no line that does more than
    # import (the loading and building lines) runs early
    assert not any("part_one" in line for line in targets)
    assert all(line.startswith(("from ", "import ")) for line in assessment + targets)
    assert not any("load_unit(" in line or "=" in line for line in assessment + targets)
