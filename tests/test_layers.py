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
        for path in sorted((ROOT / "htxlib" / stage).glob("*.py")):
            for used in imported_stages(path) - allowed:
                wrong.append(f"{path.relative_to(ROOT)} imports htxlib.{used}")
    assert wrong == []


def test_shared_modules_import_no_stage():
    for name in SHARED:
        used = imported_stages(ROOT / "htxlib" / f"{name}.py") & set(STAGES)
        assert used == set(), f"{name}.py imports {used}"
