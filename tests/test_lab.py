"""The analyst's JupyterLab: the tour runs top to bottom with its charts shown inline, and
``make lab`` starts as root only with the flag JupyterLab asks for."""

from __future__ import annotations

import json

import nbformat
import papermill as pm

from htxlib import lab
from htxlib.report.runner import kernel_name

from .conftest import ROOT


def test_allow_root_exactly_when_root(monkeypatch):
    assert "--allow-root" in lab.lab_command(as_root=True)
    assert "--allow-root" not in lab.lab_command(as_root=False)
    monkeypatch.setattr(lab.os, "geteuid", lambda: 0)
    assert "--allow-root" in lab.lab_command()
    monkeypatch.setattr(lab.os, "geteuid", lambda: 1000)
    assert "--allow-root" not in lab.lab_command()


def test_lab_opens_the_tour_with_the_htx_kernel():
    command = lab.lab_command(as_root=False, kernel="htx")
    assert f"--ServerApp.root_dir={ROOT / 'notebooks'}" in command
    assert "--MappingKernelManager.default_kernel_name=htx" in command
    assert command[-1] == "tour.ipynb" and (ROOT / "notebooks" / "tour.ipynb").is_file()


def test_vietnamese_is_the_default_language_and_a_choice_is_kept(tmp_path):
    path = lab.default_language(prefix=str(tmp_path))
    assert json.loads(path.read_text())[lab.TRANSLATION]["locale"] == "vi_VN"
    path.write_text(json.dumps({lab.TRANSLATION: {"locale": "en"}}))
    lab.default_language(prefix=str(tmp_path))
    assert json.loads(path.read_text())[lab.TRANSLATION]["locale"] == "en"


def test_the_language_pack_is_installed():
    from importlib.metadata import version

    assert version("jupyterlab-language-pack-vi-VN")


def test_tour_runs_and_shows_its_charts(tmp_path):
    out = tmp_path / "tour.ipynb"
    pm.execute_notebook(
        str(ROOT / "notebooks" / "tour.ipynb"),
        str(out),
        parameters={"data_dir": str(ROOT / "data" / "van-quan")},  # no cwd: it is a chdir
        kernel_name=kernel_name(),
        progress_bar=False,
    )
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
