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
