"""The package's folders are the stages of the data flow, and imports only point down it."""

from __future__ import annotations

import ast

from .conftest import ROOT

#: Stages in flow order; a module may import from its own stage and the ones before it.
STAGES = ("data", "figures", "rules", "plan", "checks", "report")
#: Shared by every stage.
SHARED = {"messages", "formatting", "docs"}


def imported_stages(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "htxlib" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_imports_point_down_the_flow():
    wrong = []
    for rank, stage in enumerate(STAGES):
        allowed = set(STAGES[: rank + 1]) | SHARED
        for path in sorted((ROOT / "htxlib" / stage).rglob("*.py")):
            for used in imported_stages(path) - allowed:
                wrong.append(f"{path.relative_to(ROOT)} imports htxlib.{used}")
    assert wrong == []


def test_shared_modules_import_no_stage():
    for name in SHARED:
        used = imported_stages(ROOT / "htxlib" / f"{name}.py") & set(STAGES)
        assert used == set(), f"{name}.py imports {used}"


#: The report's own folders, in flow order: what a document says, how it is written out,
#: how a run is published.
REPORT_LAYERS = ("document", "writing", "publishing")


def test_the_report_layers_point_down_too():
    wrong = []
    for rank, layer in enumerate(REPORT_LAYERS):
        later = set(REPORT_LAYERS[rank + 1 :])
        for path in sorted((ROOT / "htxlib" / "report" / layer).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                module = node.module if isinstance(node, ast.ImportFrom) else None
                parts = (module or "").split(".")
                if parts[:2] == ["htxlib", "report"] and len(parts) > 2 and parts[2] in later:
                    wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert wrong == []
    assert not list((ROOT / "htxlib" / "report").glob("*.py"))[1:]  # only __init__.py above
