"""Every vocabulary id is reachable from every input: a structured case, an interview question, free text.

The shared vocabulary is the contract. A finding the knowledge base knows but
no input can give is a rule that never fires; these tests read the vocabulary
itself, so a new id without its three paths fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from twitchcheck import Assessor, KnowledgeBase
from twitchcheck.interview.questions import QuestionBank
from twitchcheck.nlu import parse_text

from .conftest import VOCABULARY

PHRASES = yaml.safe_load((Path(__file__).parent / "data" / "vocabulary_phrases.yaml").read_text(encoding="utf-8"))


def vocabulary_finding_ids() -> list[str]:
    if not VOCABULARY.is_file():
        pytest.skip("shared/vocabulary.yaml is not beside the repository")
    vocabulary = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    return [f["id"] for group in vocabulary["findings"].values() for f in group]


@pytest.mark.parametrize("finding_id", vocabulary_finding_ids())
def test_a_structured_case_can_give_every_vocabulary_id_and_it_counts(
    assessor: Assessor, kb: KnowledgeBase, finding_id: str
) -> None:
    """Given as present, the id is accepted, and it moves a probability or a triage rule can use it."""
    result = assessor.assess(assessor.evidence(present=[finding_id], age=40, sex="female"))
    assert result.causes
    linked = any(finding_id in by_finding for by_finding in kb.links.values())
    in_a_rule = any(finding_id in rule.when.finding_ids() for rule in kb.rules)
    assert linked or in_a_rule or finding_id in kb.warning_sign_ids, f"{finding_id} changes nothing"


@pytest.mark.parametrize("finding_id", vocabulary_finding_ids())
def test_the_interview_can_ask_every_vocabulary_id(kb: KnowledgeBase, finding_id: str) -> None:
    """Acute red flags are on the urgent screen, warning signs on the checklist, the rest are adaptive questions."""
    bank = QuestionBank(kb)
    everything = set(kb.finding_ids)
    askable = {fid for draft in bank.adaptive_drafts(everything) for fid in draft.finding_ids}
    askable |= {fid for q in bank.checklists("urgent", kb.acute_red_flag_ids, start=1) for fid in q.finding_ids}
    askable |= {fid for q in bank.checklists("warning_signs", kb.warning_sign_ids, start=1) for fid in q.finding_ids}
    assert finding_id in askable
    assert kb.finding(finding_id).question.strip().endswith("?")


@pytest.mark.parametrize("finding_id", vocabulary_finding_ids())
def test_an_english_phrase_parses_to_every_vocabulary_id(finding_id: str) -> None:
    phrases = PHRASES["en"].get(finding_id)
    assert phrases, f"no English phrase for {finding_id} in tests/data/vocabulary_phrases.yaml"
    for phrase in phrases:
        assert finding_id in parse_text(phrase).present_ids, phrase


@pytest.mark.parametrize("finding_id", vocabulary_finding_ids())
def test_a_french_phrase_parses_to_every_vocabulary_id(finding_id: str) -> None:
    phrases = PHRASES["fr"].get(finding_id)
    assert phrases, f"no French phrase for {finding_id} in tests/data/vocabulary_phrases.yaml"
    for phrase in phrases:
        assert finding_id in parse_text(phrase, language="fr").present_ids, phrase
