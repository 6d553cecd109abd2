"""Notebooks are committed clean, parameterised and thin."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: Signs of business logic that belongs in htxlib, not in a notebook.
FORBIDDEN = ("groupby(", "pd.read_", "import pandas", ".merge(", "def ", "class ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_has_parameters_cell(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    assert "data_dir" in "".join(tagged[0]["source"]) and "year" in "".join(tagged[0]["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_thin(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert not [f for f in FORBIDDEN if f in code]


def test_report_notebooks_exist():
    from htxlib.report.publishing.runner import NOTEBOOK_DIR, REPORT_NOTEBOOKS

    for name in REPORT_NOTEBOOKS:
        assert (NOTEBOOK_DIR / f"{name}.ipynb").is_file()
