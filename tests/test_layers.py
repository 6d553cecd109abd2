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


def _module_imports() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports (in functions too)."""
    modules = {}
    for path in sorted((ROOT / "htxlib").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            found |= {t for t in targets if t in modules and t != name}
        # a package's own __init__ importing its modules is how a package is built, no cycle
        graph[name] = {t for t in found if not name.startswith(t + ".")}
    return graph


def test_no_module_imports_itself_through_others():
    """No import cycle, not even through an import inside a function."""
    graph = _module_imports()
    cycles = []
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for used in sorted(graph[name]):
            if state.get(used) == 1:
                cycles.append(" -> ".join(path[path.index(used) :] + [name, used]))
            elif used not in state:
                walk(used, path + [name])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [])
    assert cycles == []


#: The most lines a module may have: a reader holds one room at a time.
MOST_LINES = 500


def test_no_module_is_larger_than_a_reader_holds():
    large = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "htxlib").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert large == {}


def test_a_report_starts_its_kernels_before_it_imports_pandas():
    # `htx report` starts its kernels, then reads its data while they start: what it imports
    # up to the kernels' start (the command, the unit finder, the runner and the kernels) must
    # not import pandas, or each report waits for it (about 0,4 s) before its kernels start
    import subprocess
    import sys

    code = (
        "import sys, htxlib.cli, htxlib.commands.report, htxlib.data.unit_folders, "
        "htxlib.report.publishing.runner, htxlib.report.publishing.kernels; "
        "print(sorted(m for m in ('pandas', 'pandera', 'matplotlib') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_validating_does_not_import_the_test_tool_pandera_could_use():
    # pandera's strategies import hypothesis when it is installed (here, for the tests) at
    # the first validation, for what the toolkit never calls: a tenth of a second of every
    # command; hidden for that import only, so that a process that wants it later gets it
    import subprocess
    import sys

    code = (
        "import sys; from htxlib.data.dataset import load_unit; load_unit('data/van-quan'); "
        "print('hypothesis' in sys.modules); import hypothesis.strategies; print('imported')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "imported"]
