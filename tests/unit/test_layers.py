"""The package's layers, read from the source: imports point down only, never in a circle, and only the UI
(and the page scripts) import Streamlit.

    ui  ->  figures, training  ->  engine, tasks  ->  limits

`lstm_viz.models`, `.runs`, `.grads` and `.interventions` are public re-exports for notebooks: they may
import any layer below the UI, and nothing inside the package imports them. `limits.py` imports nothing.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "lstm_viz"
FACADES = {"lstm_viz.models", "lstm_viz.runs", "lstm_viz.grads", "lstm_viz.interventions"}
# layer -> the layers its modules may import (itself included)
ALLOWED = {
    "limits": set(),
    "engine": {"limits", "engine"},
    "tasks": {"limits", "tasks"},
    "training": {"limits", "engine", "tasks", "training"},
    "figures": {"limits", "engine", "figures"},
    "text": {"limits", "engine", "tasks", "training", "text"},
    "sweeps": {"limits", "engine", "tasks", "training", "sweeps"},
    "ui": {"limits", "engine", "tasks", "training", "figures", "ui", "text", "sweeps"},
    "facade": {"limits", "engine", "tasks", "training", "figures"},
    "root": set(),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    if module in FACADES:
        return "facade"
    parts = module.split(".")
    if parts == ["lstm_viz"]:
        return "root"
    return parts[1]


def imports_of(path: Path) -> list[tuple[str, int]]:
    """(imported module, line) for every import in the file, at any depth, relative ones resolved."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from lstm_viz import tasks` imports the module lstm_viz.tasks; `from .x import y`, module .x
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                is_module = (ROOT / Path(*submodule.split("."))).with_suffix(".py").is_file() or (
                    ROOT / Path(*submodule.split(".")) / "__init__.py"
                ).is_file()
                found.append((submodule if is_module else base, node.lineno))
    return found


def package_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py") if "pretrained" not in path.parts}


def internal_edges() -> dict[str, set[str]]:
    """module -> the package modules it imports."""
    modules = package_modules()
    return {
        name: {target for target, _ in imports_of(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def test_every_layer_imports_only_the_layers_below_it():
    wrong = []
    for name, targets in internal_edges().items():
        for target in targets:
            if target == "lstm_viz":
                continue
            if target in FACADES or layer_of(target) not in ALLOWED[layer_of(name)]:
                wrong.append(f"{name} -> {target}")
    assert not wrong, wrong


def test_limits_imports_nothing():
    assert imports_of(PACKAGE / "limits.py") == []


def test_there_is_no_import_circle():
    edges = internal_edges()
    state, stack, cycles = {}, [], []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                cycles.append(stack[stack.index(target) :] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not cycles, cycles


def test_only_the_ui_and_the_pages_import_streamlit():
    outside = [
        f"{name}:{line}"
        for name, path in package_modules().items()
        if layer_of(name) != "ui"
        for target, line in imports_of(path)
        if target.split(".")[0] == "streamlit"
    ]
    assert not outside, outside


@pytest.mark.parametrize("layer", ["engine", "tasks", "training", "figures", "ui", "text", "sweeps"])
def test_every_layer_says_what_it_is(layer):
    docstring = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
    assert docstring and len(docstring.splitlines()[0]) > 20


def test_the_checker_sees_an_upward_import():
    """The graph is read from real imports: a figure importing training code would be caught."""
    names = [target for target, _ in imports_of(PACKAGE / "figures" / "heatmaps.py")]
    assert "lstm_viz.engine.trace" in names and "lstm_viz.figures.style" in names
    assert layer_of("lstm_viz.training.loop") not in ALLOWED[layer_of("lstm_viz.figures.heatmaps")]


def test_no_module_is_longer_than_about_400_lines():
    long = {
        str(path.relative_to(ROOT)): length
        for path in [*PACKAGE.rglob("*.py"), *(ROOT / "pages").glob("*.py")]
        if (length := len(path.read_text().splitlines())) > 400
    }
    assert not long, long
