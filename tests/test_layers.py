"""The folders are the layers: interfaces -> features -> assessment -> engine -> knowledge, with no cycles.

Every module of the package is read (no exceptions list): a module may import
its own package, the layers below it, and the shared base modules (errors,
settings, small helpers). Features may use each other, but the package graph
has no cycle, so each can be understood and tested from below.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "twitchcheck"
# Lowest first. The base is importable from everywhere: it knows nothing of the layers above.
LAYERS: dict[str, int] = {
    "errors": 0,
    "settings": 0,
    "formatting": 0,
    "suggest": 0,
    "threads": 0,
    "knowledge": 1,
    "engine": 2,
    "assessment": 3,
    "interview": 4,
    "nlu": 4,
    "diary": 4,
    "reports": 4,
    "evaluation": 4,
    "interop": 4,
    "storage": 4,
    "i18n": 4,
    "cli": 5,
    "web": 5,
    "__main__": 5,
    "__init__": 5,  # the public surface re-exports from the layers
}
INTERFACE_FRAMEWORKS = {"typer", "rich", "fastapi", "starlette", "uvicorn", "click"}


def package_of(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    return parts[0]


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """The twitchcheck packages and the third-party top-level modules a file imports."""
    ours: set[str] = set()
    theirs: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "twitchcheck":
                ours.add(parts[1] if len(parts) > 1 else "__init__")
            else:
                theirs.add(parts[0])
    return ours, theirs


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in SOURCE.rglob("*.py"):
        package = package_of(path)
        ours, _ = imports_of(path)
        graph[package] |= ours - {package}
    return graph


def test_every_package_has_a_layer() -> None:
    assert set(package_graph()) <= set(LAYERS), set(package_graph()) - set(LAYERS)


def test_every_import_points_down_or_sideways() -> None:
    wrong = [
        f"{path.relative_to(SOURCE)} imports {target}"
        for path in SOURCE.rglob("*.py")
        for target in imports_of(path)[0] - {package_of(path)}
        if LAYERS[target] > LAYERS[package_of(path)]
    ]
    assert not wrong, wrong


def test_the_package_graph_has_no_cycle() -> None:
    graph = package_graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert not cycles, cycles


def test_only_the_interfaces_import_an_interface_framework() -> None:
    wrong = []
    for path in SOURCE.rglob("*.py"):
        package = package_of(path)
        _, theirs = imports_of(path)
        if LAYERS[package] < 5 and theirs & INTERFACE_FRAMEWORKS:
            wrong.append(f"{path.relative_to(SOURCE)}: {sorted(theirs & INTERFACE_FRAMEWORKS)}")
    assert not wrong, wrong
