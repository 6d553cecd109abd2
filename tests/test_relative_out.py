"""The README's main command, run as a user runs it: relative paths, the default --out, a clone.

Papermill's ``cwd=`` changes the directory of the whole process; with the two notebooks run
side by side, a relative output folder used to point somewhere else half of the time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, VAN_QUAN

HTX = [sys.executable, "-m", "htxlib.cli"]
INSTALL_KERNEL = "from htxlib.report.publishing.runner import install_kernel; install_kernel('htx')"


def stray_folders(top: Path) -> list[Path]:
    names = {"failed"}
    return [
        p
        for p in top.rglob("*")
        if p.is_dir() and (p.name in names or p.name.startswith(".staging-"))
    ]


def test_relative_default_out_three_runs_in_a_row(tmp_path):
    shutil.copytree(VAN_QUAN, tmp_path / "data" / "van-quan")
    for run in range(3):  # a run after a run, and one after that: each replaces the last
        done = subprocess.run(
            [*HTX, "report", "--data", "data/van-quan", "--year", "2024"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"run {run + 1}: {done.stderr}"
        assert done.stdout.splitlines()[0].endswith("reports/van-quan/2024/report.html")
    published = tmp_path / "reports" / "van-quan" / "2024"
    assert {p.name for p in published.iterdir()} == {
        "runs",
        "report.html",
        "annex.html",
        "report.docx",
        "annex.docx",
    }
    assert len(list((published / "runs").iterdir())) == 1  # older runs are removed
    assert stray_folders(tmp_path) == []
    assert not (ROOT / "notebooks" / "reports").exists()


def _clone_with_this_environment(tmp_path: Path) -> Path:
    """Clone the repository and give it a .venv that reuses this environment's packages.

    Installing every dependency again would only test PyPI; the clone's own package is
    installed (editable, so its code is the clone's) and its kernelspec points at its .venv.
    """
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(clone / ".venv")], check=True
    )
    python = clone / ".venv" / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # the clone's package first, then this environment's libraries
    (Path(site) / "zz_reuse.pth").write_text(f"{clone}\n{ours}\n", encoding="utf-8")
    bin_dir = clone / ".venv" / "bin"
    (bin_dir / "htx").write_text(
        f"#!{python}\nimport sys\nfrom htxlib.cli import main\nsys.exit(main())\n",
        encoding="utf-8",
    )
    (bin_dir / "htx").chmod(0o755)
    subprocess.run(
        [
            str(python),
            "-c",
            "from htxlib.report.publishing.runner import install_kernel; install_kernel('htx')",
        ],
        check=True,
        cwd=clone,
    )
    # nbconvert's templates are data files of this environment, not importable modules
    shared = clone / ".venv" / "share" / "jupyter"
    shared.mkdir(parents=True, exist_ok=True)
    (shared / "nbconvert").symlink_to(Path(sys.prefix) / "share" / "jupyter" / "nbconvert")
    earlier = (clone / "pyproject.toml").stat().st_mtime - 60
    os.utime(clone / "pyproject.toml", (earlier, earlier))
    (clone / ".venv" / ".installed").touch()
    return clone


def test_make_report_twice_from_a_fresh_clone(tmp_path):
    clone = _clone_with_this_environment(tmp_path)
    for run in range(2):
        done = subprocess.run(
            ["make", "report"], cwd=clone, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"run {run + 1}: {done.stdout}\n{done.stderr}"
        assert "reports/van-quan/2024/report.html" in done.stdout
    assert (clone / "reports" / "van-quan" / "2024" / "report.html").is_file()
    assert (clone / "reports" / "index.html").is_file()
    assert stray_folders(clone / "reports") == []
    assert not (clone / "notebooks" / "reports").exists()
    assert (
        subprocess.run(
            ["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True
        ).stdout.strip()
        == ""
    )
