"""The package's structure: no import circles, and no import against the layer order.

Every ``import`` of ``src/thucydides`` counts, at module level or inside a function (a circle
hidden in a function is still a circle); only imports under ``if TYPE_CHECKING:`` do not. The
layers, lowest first; a module may import its own layer and those below:

    records, errors, settings (and the shared plumbing: datafiles, pipeline)
    -> ingest -> nlp -> actors -> events, quotes -> output, eval, train -> api -> store
    -> runner -> cli, web
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "thucydides"
LAYERS = (
    ("records", "errors", "settings", "datafiles", "pipeline"),
    ("ingest",),
    ("nlp",),
    ("actors",),
    ("events", "quotes"),
    ("output", "eval", "train"),
    ("api",),
    ("store",),
    ("runner",),
    ("cli", "web", "component"),
)
LAYER = {name: n for n, names in enumerate(LAYERS) for name in names}
DATA_ONLY = ("samples",)  # packages of data files, no code to place


def module_name(path: Path) -> str:
    parts = ["thucydides", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(path: Path) -> set[str]:
    """The ``thucydides`` modules ``path`` imports, except under ``if TYPE_CHECKING:``."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("thucydides"))
        elif (isinstance(node, ast.ImportFrom) and node.module and node.level == 0
              and node.module.startswith("thucydides")):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in SRC.rglob("*.py")}
    return {name: {m for m in imports(path) if m in modules and m != name}
            for name, path in modules.items()}


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    return None if len(parts) < 2 else LAYER.get(parts[1])


def test_every_package_has_a_layer(graph: dict[str, set[str]]) -> None:
    unplaced = {m for m in graph if m != "thucydides" and layer_of(m) is None
                and m.split(".")[1] not in DATA_ONLY}
    assert not unplaced, f"place these in LAYERS: {sorted(unplaced)}"


def test_no_import_runs_against_the_layer_order(graph: dict[str, set[str]]) -> None:
    wrong = sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets
                   if a != "thucydides" and layer_of(b) is not None and layer_of(a) is not None
                   and layer_of(b) > layer_of(a))
    assert not wrong, "imports against the layer order:\n" + "\n".join(wrong)


def test_no_import_circles(graph: dict[str, set[str]]) -> None:
    circles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                circles.append(" -> ".join([*stack[stack.index(n):], n]))
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not circles, "import circles:\n" + "\n".join(circles)


def test_the_checks_see_a_circle_and_a_violation(tmp_path: Path) -> None:
    """The checks themselves: a circle hidden in a function and an upward import are found,
    an import under TYPE_CHECKING is not."""
    src = tmp_path / "m.py"
    src.write_text("from typing import TYPE_CHECKING\n"
                   "if TYPE_CHECKING:\n    from thucydides.web import app\n"
                   "def f():\n    from thucydides.api import Coder\n", encoding="utf-8")
    assert imports(src) == {"thucydides.api", "thucydides.api.Coder"}
    assert layer_of("thucydides.api") > layer_of("thucydides.events.coder")
