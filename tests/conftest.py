"""Shared fixtures: the embedded unit, copies of it to break, and a small second unit."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from htxlib.data.dataset import load_unit

# A shared 2-core machine: a slow moment while other tests run is no failure of a property.
settings.register_profile("htx", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("htx")

ROOT = Path(__file__).resolve().parents[1]
VAN_QUAN = ROOT / "data" / "van-quan"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "lang(code): the language (vi or en) in which the test reads the messages"
    )
    config.addinivalue_line(
        "markers", "slow: starts many reports, servers or processes (make test-fast leaves it out)"
    )
    if not hasattr(config, "workerinput"):  # once, in the process that starts the workers
        config.stash[TEMPORARY] = _private_temporary_folder()


def _private_temporary_folder() -> Path:
    """Give the session, its workers and every process they start a temporary folder of its own.

    What the toolkit leaves there is then this session's alone: the system's temporary
    folder is shared with other runs (a suite that a README test starts, another user's).
    """
    import tempfile

    private = Path(tempfile.mkdtemp(prefix="tests-"))
    os.environ["TMPDIR"] = str(private)
    tempfile.tempdir = None  # computed again from TMPDIR
    return private


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when a test or a notebook left an ``htx-*`` entry in the temporary folder."""
    private = session.config.stash.get(TEMPORARY, None)
    if private is None:
        return
    left = sorted(p.name for p in private.glob("htx-*"))
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if left:
        if reporter:
            reporter.write_line(f"left in the temporary folder: {', '.join(left)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    session.config.stash[PASSED] = exitstatus == 0 and not left
    if reporter and not session.config.stash[PASSED]:
        reporter.write_line(f"temporary files kept in {private}")


def pytest_unconfigure(config):
    """Remove the session's temporary folder when it passed; keep it to look into otherwise."""
    private = config.stash.get(TEMPORARY, None)
    if private is not None and config.stash.get(PASSED, False):
        shutil.rmtree(private, ignore_errors=True)


#: The session's own temporary folder (see _private_temporary_folder), and whether it passed.
TEMPORARY = pytest.StashKey[Path]()
PASSED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def messages_language(request, monkeypatch):
    """Give each test the language its ``lang`` mark names; unmarked, the users' default (vi).

    Set through monkeypatch, so that what a test's ``htx --lang`` writes into ``HTX_LANG``
    (for its kernels) is undone before the next test.
    """
    marker = request.node.get_closest_marker("lang")
    monkeypatch.setenv("HTX_LANG", marker.args[0] if marker else "vi")
    if not marker:
        monkeypatch.delenv("HTX_LANG")


def user_environment() -> dict[str, str]:
    """A terminal's environment: no language or limit set, no other environment active.

    Nor is it inside a make: `make test` runs the suite, and a user's `make` typed in a
    terminal has no outer make's level or flags ("make[1]: Entering directory …").
    """
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HTX_", "VIRTUAL"))
        and k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")
    }
    environment["PATH"] = os.pathsep.join(
        p for p in environment.get("PATH", "").split(os.pathsep) if ".venv" not in p
    )
    environment.pop("PYTHONPATH", None)
    return environment


#: The installed command, as the README's users run it.
HTX = ROOT / ".venv" / "bin" / "htx"


def run_htx(*args: str, cwd=None, lang: str | None = "vi", timeout: int = 600, env=None):
    """Run the real `htx` process; ``lang`` None leaves the language to its default.

    ``env`` adds variables to the test's environment.
    """
    env = {k: v for k, v in {**os.environ, **(env or {})}.items() if k != "HTX_LANG"}
    if lang:
        env["HTX_LANG"] = lang
    return subprocess.run(
        [str(HTX), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout
    )


def kernels_running(process: subprocess.Popen) -> list:
    """Wait until a kernel of a running `htx` process runs; return its kernels (psutil)."""
    import contextlib

    import psutil

    kernels, deadline = [], time.monotonic() + 300
    while not kernels and process.poll() is None and time.monotonic() < deadline:
        for child in psutil.Process(process.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if "ipykernel" in " ".join(child.cmdline()):
                    kernels.append(child)
        time.sleep(0.05)
    assert kernels, "no kernel of the run was seen running"
    return kernels


def ctrl_c_once_kernels_run(*args: str, cwd=None, until=None) -> tuple[int, str, list]:
    """Start the real `htx` as a terminal does, press Ctrl-C once a kernel of it runs.

    With ``until``, a function, Ctrl-C is pressed once it also returns true (polled).
    Returns its exit code, what it printed on stderr, and the kernels still running 10 s
    after it ended (none, when Ctrl-C stops them).
    """
    import psutil

    env = {k: v for k, v in os.environ.items() if k != "HTX_LANG"}
    process = subprocess.Popen(
        [str(HTX), *args],
        cwd=cwd,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # a test runner started in the background, or its workers, may ignore Ctrl-C
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    kernels = kernels_running(process)
    deadline = time.monotonic() + 300
    while until is not None and not until() and time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before the moment to press Ctrl-C"
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    said = process.stderr.read()
    code = process.wait(timeout=300)
    return code, said, psutil.wait_procs(kernels, timeout=10)[1]


def save_with_office_suite(*paths: Path) -> None:
    """Open and save workbooks with LibreOffice Calc, as an officer's office suite does.

    Each call has its own LibreOffice profile, so that test workers never share one; the
    workbooks of one call are saved by one start of LibreOffice (its first start with a new
    profile takes seconds). Their file names must differ.
    """
    work = paths[0].parent / f".office-{paths[0].stem}"
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--calc", "--convert-to", "xlsx", "--outdir", str(work / "saved"), *map(str, paths)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    for path in paths:
        saved = work / "saved" / path.name
        assert saved.is_file(), done.stdout + done.stderr
        shutil.move(saved, path)
    shutil.rmtree(work)


#: Skip a test that needs LibreOffice where it is missing, never on CI (which installs it).
needs_office_suite = pytest.mark.skipif(
    not shutil.which("soffice") and not os.environ.get("CI"),
    reason="LibreOffice is not installed on this machine (CI installs it)",
)


def free_port() -> int:
    """A TCP port no one listens on now, for a server a test starts."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def served_tour(server: subprocess.Popen, contents_url) -> dict | None:
    """Poll a starting JupyterLab until it serves the tour; return the tour, or None.

    ``contents_url()`` gives the tour's ``/api/contents`` address once it is known (the port
    and token a server prints), else None.
    """
    import json
    import urllib.request

    for _ in range(240):
        if server.poll() is not None:
            return None
        url = contents_url()
        if url:
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:
                    return json.loads(answer.read())
            except OSError:
                pass
        time.sleep(0.5)
    return None


@pytest.fixture(scope="session")
def vq():
    """The embedded Văn Quan data, loaded once."""
    return load_unit(VAN_QUAN)


@pytest.fixture
def vq_copy(tmp_path) -> Path:
    """A writable copy of the Văn Quan folder."""
    target = tmp_path / "van-quan"
    shutil.copytree(VAN_QUAN, target)
    return target


def read_rows(path: Path) -> list[list[str]]:
    """Read a CSV file as rows of strings (header first)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[object]], encoding: str = "utf-8", delimiter: str = ","):
    """Write rows to a CSV file."""
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\n").writerows(rows)


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Change one cell of a CSV file; ``row`` is the spreadsheet row (header is 1)."""
    rows = read_rows(path)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(path, rows)


def append_row(path: Path, values: dict[str, object]) -> int:
    """Append a row given by column name; return its spreadsheet row number."""
    rows = read_rows(path)
    rows.append([values.get(h, "") for h in rows[0]])
    write_rows(path, rows)
    return len(rows)


SMALL_UNIT = {
    "unit": [
        ["unit_id", "name", "level", "province", "issuing_body"],
        ["tan-lap", "Tân Lập", "xa", "Tỉnh Mẫu", "Ủy ban nhân dân xã Tân Lập"],
    ],
    "periods": [
        ["year", "period_start", "cutoff_date", "plan_year", "source"],
        [2025, "01/01/2025", "31/12/2025", 2026, "Báo cáo mẫu"],
    ],
    "entities": [
        [
            "entity_id",
            "kind",
            "name",
            "commune",
            "sector",
            "founded_on",
            "dissolved_on",
            "charter_capital",
            "purpose",
            "union_id",
        ],
        [
            "L1",
            "LHHTX",
            "Liên hiệp HTX Tân Lập",
            "Tân Lập",
            "thuong_mai",
            "2020-01-15",
            "",
            3000,
            "",
            "",
        ],
        ["A", "HTX", "HTX Alpha", "Tân Lập", "nong_nghiep", "2018-03-01", "", 1200, "", "L1"],
        ["B", "HTX", "HTX Beta", "Tân Lập", "nong_nghiep", "2019-07-01", "", 800.5, "", "L1"],
        ["C", "HTX", "HTX Gamma", "Tân Lập", "cong_nghiep", "2021-05-20", "", 2500, "", "L1"],
        ["D", "HTX", "HTX Delta", "Tân Lập", "van_tai", "2016-02-02", "2025-03-31", 400, "", ""],
        ["E", "HTX", "HTX Epsilon", "Tân Lập", "nong_nghiep", "2025-08-08", "", 600, "", ""],
        ["F", "HTX", "HTX Future", "Tân Lập", "nong_nghiep", "2026-02-01", "", 100, "", ""],
        ["T1", "THT", "Tổ hợp tác chăn nuôi", "Tân Lập", "", "", "", "", "san_xuat", ""],
        ["T2", "THT", "Tổ hợp tác dùng nước", "Tân Lập", "", "2022-01-01", "", "", "dung_nuoc", ""],
    ],
    "annual": [
        [
            "entity_id",
            "year",
            "members",
            "new_members",
            "workers",
            "workers_members",
            "managers",
            "managers_university",
            "managers_vocational",
            "managers_untrained",
            "rating",
        ],
        ["A", 2025, 60, 5, 40, 30, 5, 2, 1, 2, "tot"],
        ["B", 2025, 12, 0, 8, 8, 3, 0, 1, 2, "trung_binh"],
        ["C", 2025, 7, 2, 10, 5, 3, 1, 0, 2, "yeu"],
        ["E", 2025, 9, 9, 4, 4, 2, 0, 0, 2, "khong_xep_loai"],
        ["T1", 2025, 4, "", "", "", "", "", "", "", ""],
        ["T2", 2025, 11, "", "", "", "", "", "", "", ""],
    ],
    "status_events": [
        ["entity_id", "event", "start_date", "end_date", "detail", "reason"],
        ["B", "suspension", "2025-09-01", "2026-02-28", "Tạm ngừng", "Sửa chữa nhà xưởng"],
        ["C", "registration_change", "2025-04-04", "", "Tăng vốn điều lệ", ""],
        ["C", "registration_change", "2024-11-04", "", "Đổi trụ sở", ""],
    ],
    "support": [
        [
            "programme",
            "period_start",
            "period_end",
            "cumulative",
            "dossiers_received",
            "dossiers_appraised",
            "dossiers_eligible",
            "dossiers_not_eligible",
            "amount_paid",
        ],
        ["interest_subsidy", "2025-01-01", "2025-06-30", "false", 3, 3, 2, 1, 12.5],
        ["interest_subsidy", "2025-07-01", "2025-12-31", "false", 2, 2, 2, 0, 7.25],
        ["interest_subsidy", "2021-01-01", "2025-12-31", "true", "", "", "", "", 101.75],
    ],
    "targets": [
        ["indicator", "plan_year", "low", "high", "unit", "source"],
        ["total_htx", 2025, 5, "", "HTX", "Kế hoạch mẫu 2025"],
        ["new_htx", 2025, 1, 2, "HTX", "Kế hoạch mẫu 2025"],
        ["effective_htx", 2025, 2, "", "HTX", "Kế hoạch mẫu 2025"],
        ["paper_only_htx", 2025, "", 0, "HTX", "Kế hoạch mẫu 2025"],
        ["new_htx", 2026, 2, 3, "HTX", "Kế hoạch mẫu 2026"],
    ],
    "ocop": [
        ["product", "owner", "owner_type", "entity_id", "year", "stars", "reward", "status"],
        ["Gạo Alpha", "HTX Alpha", "htx", "A", 2025, 4, 20, "awarded"],
        ["Chè Tân Lập", "Nguyễn Văn Mẫu", "ho_kinh_doanh", "", 2025, 3, 10, "awarded"],
    ],
}


def write_small_unit(parent: Path) -> Path:
    """Write the small unit's CSV files into ``parent/tan-lap`` and return that folder."""
    folder = parent / "tan-lap"
    folder.mkdir()
    for name, rows in SMALL_UNIT.items():
        write_rows(folder / f"{name}.csv", rows)
    return folder


@pytest.fixture
def small_unit(tmp_path) -> Path:
    """A commune-level unit with a dissolved HTX and an LH HTX; figures easy to count by hand."""
    return write_small_unit(tmp_path)


@pytest.fixture(scope="module")
def _published_once(tmp_path_factory):
    """The small unit and its published report, built once for the module's tests."""
    from htxlib.report.publishing.runner import build_report

    top = tmp_path_factory.mktemp("published")
    unit = write_small_unit(top)
    built = top / "built"
    build_report(unit, 2025, out=built)
    pristine = top / "pristine"
    shutil.copytree(unit, pristine)
    return unit, pristine, built


@pytest.fixture
def published(_published_once, tmp_path):
    """A unit with its published report, in the state the module's first build left.

    The unit stays at one path (a report names its data folder by path); its files are put
    back as they were, since a test may change them, and each test has its own copy of
    the reports folder.
    """
    unit, pristine, built = _published_once
    shutil.rmtree(unit)
    shutil.copytree(pristine, unit)
    out = tmp_path / "reports"
    shutil.copytree(built, out, symlinks=True)
    report = next(out.glob("*/2025/report.html"))
    return unit, out, report.parent


@pytest.fixture(scope="session")
def vq_report(tmp_path_factory):
    """The Văn Quan 2024 report built once with the default formats: (reports folder, page)."""
    from htxlib.cli import main

    out = tmp_path_factory.mktemp("reports")
    assert main(["report", "--data", str(VAN_QUAN), "--year", "2024", "--out", str(out)]) == 0
    html = (out / "van-quan" / "2024" / "report.html").read_text(encoding="utf-8")
    return out, html


def type_rows(book, table: str, rows: list) -> None:
    """Type rows into a workbook from `htx template`, under the sheet's Vietnamese headers,
    in place of its own rows, as an officer types them.

    ``rows`` are dicts of column name to value; None leaves a row blank, and a callable value
    is called with the cell's column letter and row number (a formula over the rows above).
    """
    from openpyxl.utils import get_column_letter

    from htxlib.data.codebook import TABLES
    from htxlib.data.template import FIRST_DATA_ROW, HEADER_ROW

    if TABLES[table].vi not in book.sheetnames:
        return
    sheet = book[TABLES[table].vi]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    sheet.delete_rows(FIRST_DATA_ROW, sheet.max_row)
    for offset, values in enumerate(rows):
        row = FIRST_DATA_ROW + offset
        for name, value in (values or {}).items():
            column = header.index(TABLES[table].column(name).vi) + 1
            shown = value(get_column_letter(column), row) if callable(value) else value
            sheet.cell(row, column, shown)
