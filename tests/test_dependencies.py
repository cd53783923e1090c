"""The declared dependencies are true to the code: everything imported is declared, nothing declared is dead.

scipy once arrived only through a development tool (pgmpy), so an install
without the dev group broke the diary; this test reads the imports of the
package itself and the `[project] dependencies` of pyproject.toml.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "twitchcheck"
# Declared for what they plug in, not imported by name: the ASGI server's extras, the form
# parser FastAPI loads, the PostgreSQL driver SQLAlchemy loads from a URL.
LOADED_BY_OTHERS = {"python-multipart", "psycopg"}
# Imported only inside the test oracle (`engine/oracle.py`), never at run time: a dev dependency.
DEVELOPMENT_ONLY = {"pgmpy"}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normal(re.split(r"[\[<>=!~ ;]", spec, maxsplit=1)[0]) for spec in project["dependencies"]}


def imported_distributions() -> set[str]:
    modules: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    third_party = modules - set(sys.stdlib_module_names) - {"twitchcheck", "__future__"}
    owners = packages_distributions()
    return {_normal(dist) for module in third_party for dist in owners.get(module, [module])}


def test_every_imported_package_is_a_declared_runtime_dependency() -> None:
    assert imported_distributions() - declared() - DEVELOPMENT_ONLY == set()


def test_every_declared_runtime_dependency_is_used() -> None:
    assert declared() - imported_distributions() - LOADED_BY_OTHERS == set()
