"""The analyst's JupyterLab: the tour runs top to bottom with its charts shown inline, and
``make lab`` starts as root only with the flag JupyterLab asks for."""

from __future__ import annotations

import json
import os
import subprocess
import urllib.request

import nbformat
import pytest

from htxlib import lab
from htxlib.report.publishing.kernel_setup import kernel_name

from .conftest import ROOT, free_port, served_tour

#: It starts many reports, servers or other processes: `make test-fast` leaves it out.
pytestmark = pytest.mark.slow


def test_allow_root_exactly_when_root(monkeypatch):
    assert "--allow-root" in lab.lab_command(as_root=True)
    assert "--allow-root" not in lab.lab_command(as_root=False)
    monkeypatch.setattr(lab.os, "geteuid", lambda: 0)
    assert "--allow-root" in lab.lab_command()
    monkeypatch.setattr(lab.os, "geteuid", lambda: 1000)
    assert "--allow-root" not in lab.lab_command()


def test_lab_starts_from_any_folder_and_serves_the_tour(tmp_path):
    """What ``make lab`` runs, started as a real server from another folder, asked over HTTP."""
    port = free_port()
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "python"),
                "-m",
                "htxlib.lab",
                "--no-browser",
                f"--ServerApp.port={port}",
                "--IdentityProvider.token=",
            ],
            cwd=tmp_path,  # JupyterLab resolves a file argument against this folder
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "HOME": str(tmp_path)},
        )
    try:
        tour = served_tour(server, lambda: f"http://127.0.0.1:{port}/api/contents/tour.ipynb")
        assert server.poll() is None, log.read_text()
        assert tour is not None and tour["name"] == "tour.ipynb", log.read_text()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab/tree/tour.ipynb") as page:
            assert page.status == 200
        kernels = f"http://127.0.0.1:{port}/api/kernelspecs"
        with urllib.request.urlopen(kernels) as answer:
            offered = json.loads(answer.read())
        assert offered["default"] == kernel_name()
        assert list(offered["kernelspecs"]) == [kernel_name()]  # one kernel to choose
        # the interface speaks Vietnamese: the pack is offered, and chosen unless the user chose
        base = f"http://127.0.0.1:{port}/lab/api"
        with urllib.request.urlopen(f"{base}/translations/") as answer:
            assert "vi_VN" in json.loads(answer.read())["data"]
        with urllib.request.urlopen(f"{base}/translations/vi_VN") as answer:
            assert json.loads(answer.read())["data"]["jupyterlab"][""]["language"] == "vi-VN"
        with urllib.request.urlopen(f"{base}/settings/{lab.TRANSLATION}") as answer:
            settings = json.loads(answer.read())
        assert settings["schema"]["properties"]["locale"]["default"] == "vi_VN"
        assert "locale" not in settings["settings"]  # no user choice in this fresh HOME
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "No such file" not in log.read_text()


def test_vietnamese_is_the_default_language_and_a_choice_is_kept(tmp_path):
    path = lab.default_language(prefix=str(tmp_path))
    assert json.loads(path.read_text())[lab.TRANSLATION]["locale"] == "vi_VN"
    path.write_text(json.dumps({lab.TRANSLATION: {"locale": "en"}}))
    lab.default_language(prefix=str(tmp_path))
    assert json.loads(path.read_text())[lab.TRANSLATION]["locale"] == "en"


def test_tour_runs_and_shows_its_charts(tmp_path):
    # run as JupyterLab runs it: from its own folder, with the parameters it is saved with
    # (the data folder "../data/van-quan" is relative); papermill's own process, since its
    # cwd is a chdir. pyproject's addopts leave the tour out of nbval: this is its run.
    out = tmp_path / "tour.ipynb"
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "papermill"), "tour.ipynb", str(out),
         "-k", kernel_name(), "--cwd", str(ROOT / "notebooks"), "--no-progress-bar"],
        cwd=ROOT / "notebooks", capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    notebook = nbformat.read(out, as_version=4)
    charts = [c for c in notebook.cells if c.cell_type == "code" and "_chart(" in c.source]
    assert len(charts) == 2
    for cell in charts:
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(images) == 1, cell.source  # shown once, as a picture
    rebuilt = next(c for c in notebook.cells if 'show_section("ii"' in c.source)
    shown = json.dumps(rebuilt.outputs, ensure_ascii=False)
    assert "Năm nay, các văn bản mới về hợp tác xã" in shown  # the edited text, in its section
    assert not [
        c
        for c in notebook.cells
        if any(o.get("output_type") == "error" for o in c.get("outputs", []))
    ]
