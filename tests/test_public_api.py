"""The public surface is explicit: changing it is a decision, not an accident."""

from __future__ import annotations

import twitchcheck


def test_public_api_is_exactly_the_documented_names() -> None:
    assert set(twitchcheck.__all__) == {
        "Assessment",
        "Assessor",
        "CaseFileError",
        "Evidence",
        "EvidenceError",
        "Interview",
        "InterviewError",
        "InterviewState",
        "KnowledgeBase",
        "KnowledgeError",
        "Question",
        "TwitchcheckError",
        "__version__",
        "assess",
        "load_knowledge",
    }
    for name in twitchcheck.__all__:
        assert hasattr(twitchcheck, name)


def test_the_core_never_imports_an_interface_framework() -> None:
    """Dependencies point one way: cli/web -> features -> engine -> knowledge."""
    import ast
    from pathlib import Path

    package = Path(twitchcheck.__file__).parent
    for folder in ("engine", "knowledge", "evaluation"):
        for module in (package / folder).glob("*.py"):
            tree = ast.parse(module.read_text(encoding="utf-8"))
            imported: set[str] = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    imported.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module:
                    imported.add(node.module.split(".")[0])
            assert not imported & {"typer", "rich", "fastapi", "click"}, module
