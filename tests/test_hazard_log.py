"""The hazard log's controls name tests that exist: a control is only as real as its test."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAZARD_LOG = ROOT / "docs" / "hazard-log.md"
TEST_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def functions_defined_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


def test_every_control_in_the_hazard_log_names_an_existing_test() -> None:
    references = TEST_REFERENCE.findall(HAZARD_LOG.read_text(encoding="utf-8"))
    assert len(references) >= 20, "the hazard log should name the tests behind its controls"
    missing = [
        f"{file}::{name}"
        for file, name in references
        if not (ROOT / file).is_file() or name not in functions_defined_in(ROOT / file)
    ]
    assert not missing, f"the hazard log names tests that do not exist: {missing}"


def test_every_hazard_has_causes_harm_controls_and_residual_risk() -> None:
    text = HAZARD_LOG.read_text(encoding="utf-8")
    sections = re.split(r"\n## ", text)[1:]
    built = sections
    assert len(built) >= 6
    for section in built:
        for field in ("**Causes.**", "**Effect / harm.**", "**Controls.**", "**Residual risk.**"):
            assert field in section, f"hazard {section.splitlines()[0]!r} lacks {field}"
