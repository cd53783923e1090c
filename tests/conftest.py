"""Shared fixtures: the packaged knowledge base, an assessor, the shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from twitchcheck import Assessor, KnowledgeBase, load_knowledge

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PUBLIC_VIGNETTES = SHARED / "vignettes" / "public.jsonl"
VOCABULARY = SHARED / "vocabulary.yaml"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def assessor(kb: KnowledgeBase) -> Assessor:
    return Assessor(kb)
