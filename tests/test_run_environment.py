"""What runs a report is the toolkit's own: no startup file, kernel spec or home of the user's
decides a figure, and a run stopped at any step leaves nothing behind.

Each test starts the real ``htx report`` in a folder laid out as a user has it, with its own
``TMPDIR``, and looks at what the user would: the report, the exit status, the temporary
folder, the processes still running.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from htxlib.report.writing import pdf

from .conftest import HTX, write_small_unit

pytestmark = pytest.mark.slow


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    private = tmp / "tmp"
    private.mkdir(exist_ok=True)
    return {**os.environ, "HTX_LANG": "vi", "TMPDIR": str(private), **extra}


def _report(cwd: Path, env: dict[str, str], *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(HTX), "report", "--data", "tan-lap", "--year", "2025", *extra],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _start(cwd: Path, env: dict[str, str], *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(HTX), "report", "--data", "tan-lap", "--year", "2025", *extra],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _left_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _page(cwd: Path) -> str:
    return (cwd / "reports" / "tan-lap" / "2025" / "report.html").read_text(encoding="utf-8")


def test_a_user_s_startup_files_and_kernel_spec_do_not_run(tmp_path):
    write_small_unit(tmp_path)
    clean = _report(tmp_path, _env(tmp_path), "--format", "html")
    assert clean.returncode == 0, clean.stderr
    expected = _page(tmp_path)
    marker = tmp_path / "ran"
    # an IPython profile whose startup file changes round() and leaves a mark
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-patch.py").write_text(
        f"import builtins, pathlib\npathlib.Path({str(marker)!r}).write_text('ipython')\n"
        "builtins.round = lambda *a, **k: 999\n",
        encoding="utf-8",
    )
    python_startup = tmp_path / "startup.py"
    python_startup.write_text(f"open({str(marker)!r}, 'w').write('PYTHONSTARTUP')\n", "utf-8")
    # a kernel spec named htx on JUPYTER_PATH that would run something else
    spec = tmp_path / "jupyter" / "kernels" / "htx"
    spec.mkdir(parents=True)
    other = [sys.executable, "-c", f"open({str(marker)!r}, 'w').write('kernel.json')"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": other, "display_name": "x", "language": "python"}), "utf-8"
    )
    env = _env(
        tmp_path,
        IPYTHONDIR=str(tmp_path / "ipython"),
        PYTHONSTARTUP=str(python_startup),
        JUPYTER_PATH=str(tmp_path / "jupyter"),
    )
    done = _report(tmp_path, env, "--format", "html")
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), marker.read_text()
    strip = "htx:generated", "htx:run", "runs/run-"
    same = [line for line in _page(tmp_path).splitlines() if not any(s in line for s in strip)]
    assert same == [line for line in expected.splitlines() if not any(s in line for s in strip)]
    assert _left_in(tmp_path / "tmp") == []


def test_a_missing_home_is_not_made_and_nothing_is_left(tmp_path):
    write_small_unit(tmp_path)
    home = tmp_path / "no-home"
    done = _report(tmp_path, _env(tmp_path, HOME=str(home)), "--format", "html,docx")
    assert done.returncode == 0, done.stderr
    assert not home.exists()
    assert _left_in(tmp_path / "tmp") == []


def _wait_for(condition, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_at_start_up_leaves_no_connection_file(tmp_path, signum):
    write_small_unit(tmp_path)
    process = _start(tmp_path, _env(tmp_path))
    scratch = tmp_path / "tmp"
    _wait_for(lambda: list(scratch.glob("htx-*/kernel-*/connection.json")))
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert _left_in(scratch) == []
    assert not (tmp_path / "reports" / "tan-lap" / "2025" / "report.html").exists()


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in command:
            found.append(command)
    return found


@pytest.mark.skipif(pdf.engine() is None, reason="LibreOffice is not installed")
def test_a_signal_during_the_pdf_step_stops_libreoffice_and_leaves_nothing(tmp_path):
    write_small_unit(tmp_path)
    go = tmp_path / "go"
    env = _env(tmp_path, HTX_PAUSE_AT="pdf", HTX_PAUSE_UNTIL=str(go))
    process = _start(tmp_path, env, "--format", "docx,pdf")
    scratch = tmp_path / "tmp"
    _wait_for(lambda: list(scratch.glob("htx-*/kernel-*")))
    go.touch()
    # LibreOffice has started once its profile exists
    _wait_for(lambda: list(scratch.glob("htx-*/pdf-*/profile")))
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert _left_in(scratch) == []
    assert _processes_mentioning(str(scratch)) == []


def test_a_converter_that_hangs_is_stopped_at_its_limit(tmp_path):
    """A pandoc that never ends (stopped, or stuck) is killed with its group; htx says why."""
    write_small_unit(tmp_path)
    import pypandoc

    real = pypandoc.get_pandoc_path()
    fake = tmp_path / "pandoc"
    fake.write_text(
        "#!/bin/sh\n"
        'case "$*" in *--print-default-data-file*) exec ' + real + ' "$@";; esac\n'
        "sleep 300 &\nwait\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    env = _env(tmp_path, PYPANDOC_PANDOC=str(fake), HTX_CONVERT_SECONDS="3")
    started = time.monotonic()
    done = _report(tmp_path, env, "--format", "html,docx")
    assert time.monotonic() - started < 120
    assert done.returncode == 4, done.stderr
    assert "HTX_CONVERT_SECONDS" in done.stderr and "Traceback" not in done.stderr
    assert _processes_mentioning(str(fake)) == []
    assert _processes_mentioning("sleep 300") == []


@pytest.mark.skipif(pdf.engine() is None, reason="LibreOffice is not installed")
def test_an_unusable_temporary_folder_with_pdf_asked(tmp_path):
    """A TMPDIR that cannot be written: the run uses the system's, LibreOffice its own."""
    write_small_unit(tmp_path)
    done = _report(tmp_path, _env(tmp_path, TMPDIR="/proc/htx-no-such-folder"), "--format", "pdf")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "terminate called" not in done.stderr
    assert (tmp_path / "reports" / "tan-lap" / "2025" / "report.pdf").is_file()


def test_a_killed_run_s_private_folder_is_removed_by_the_next(tmp_path):
    """SIGKILL leaves a private folder behind; the next run removes it, never a live one's."""
    import fcntl

    from htxlib.report.writing.scratch import LOCK, remove_stale

    dead, live = tmp_path / "htx-dead", tmp_path / "htx-live"
    for folder in (dead, live):
        (folder / "kernel-x").mkdir(parents=True)
        (folder / LOCK).touch()
    handle = os.open(live / LOCK, os.O_RDWR)
    fcntl.flock(handle, fcntl.LOCK_EX)  # a process that still runs
    try:
        remove_stale(tmp_path)
    finally:
        os.close(handle)
    assert not dead.exists() and live.is_dir()
