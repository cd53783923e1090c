"""What free text left unsure, or denied, about an urgent sign is asked first on the urgent screen."""

from __future__ import annotations

import pytest

from twitchcheck import Assessor, Interview
from twitchcheck.errors import EvidenceError

WEAKNESS = "sudden_weakness_or_numbness_one_side"


def test_an_unsure_urgent_sign_comes_first_on_the_urgent_screen(assessor: Assessor) -> None:
    interview = Interview.start(
        evidence={"present": ["twitch_eyelid"], "ask_first": ["non_blanching_rash"]}, assessor=assessor
    )
    question = interview.next_question()
    assert question is not None and question.phase == "urgent"
    assert question.finding_ids[0] == "non_blanching_rash"


def test_an_urgent_sign_denied_only_in_free_text_is_asked_again_and_the_answer_wins(assessor: Assessor) -> None:
    interview = Interview.start(
        evidence={"present": ["twitch_eyelid"], "absent": [WEAKNESS], "ask_first": [WEAKNESS]}, assessor=assessor
    )
    question = interview.next_question()
    assert question is not None and question.finding_ids[0] == WEAKNESS
    interview.answer(question.id, {WEAKNESS: "yes"})
    assert interview.urgent
    assert WEAKNESS in interview.evidence.present


def test_an_urgent_sign_denied_as_an_explicit_finding_is_not_asked_again(assessor: Assessor) -> None:
    interview = Interview.start(evidence={"present": ["twitch_eyelid"], "absent": [WEAKNESS]}, assessor=assessor)
    question = interview.next_question()
    assert question is not None and WEAKNESS not in question.finding_ids


def test_a_finding_to_ask_first_that_is_not_urgent_changes_nothing(assessor: Assessor) -> None:
    plain = Interview.start(evidence={"present": ["twitch_eyelid"]}, assessor=assessor).next_question()
    unsure = Interview.start(
        evidence={"present": ["twitch_eyelid"], "ask_first": ["fever"]}, assessor=assessor
    ).next_question()
    assert plain == unsure


def test_an_unknown_finding_to_ask_first_is_refused_with_the_nearest_id(assessor: Assessor) -> None:
    with pytest.raises(EvidenceError, match="did you mean 'fever'"):
        Interview.start(evidence={"ask_first": ["fevr"]}, assessor=assessor)


def test_after_an_urgent_stop_an_urgent_sign_denied_only_in_free_text_heads_the_hand_over(
    assessor: Assessor,
) -> None:
    """The text's denial is not the person's answer, even when another urgent sign already stopped the interview."""
    interview = Interview.start(
        evidence={"present": ["seizure_now_or_over_5_min"], "absent": [WEAKNESS], "ask_first": [WEAKNESS]},
        assessor=assessor,
    )
    assert interview.next_question() is None and interview.stop_reason == "urgent"
    question = interview.handover_question()
    assert question is not None and question.finding_ids[0] == WEAKNESS
    interview.answer(question.id, {WEAKNESS: "yes"})
    assert WEAKNESS in interview.evidence.present


def test_after_an_urgent_stop_an_urgent_sign_denied_as_an_explicit_finding_is_not_asked_again(
    assessor: Assessor,
) -> None:
    interview = Interview.start(
        evidence={"present": ["seizure_now_or_over_5_min"], "absent": [WEAKNESS]}, assessor=assessor
    )
    question = interview.handover_question()
    assert question is None or WEAKNESS not in question.finding_ids


def test_a_warning_sign_denied_only_in_free_text_is_asked_again_on_the_warning_sign_checklist(
    assessor: Assessor,
) -> None:
    """'No pain, arm feels weak' misread as denying weakness must not settle weakness without a question."""
    interview = Interview.start(
        evidence={"present": ["twitch_arm_hand"], "absent": ["muscle_weakness"], "ask_first": ["muscle_weakness"]},
        assessor=assessor,
    )
    while (question := interview.next_question()) is not None and question.phase == "urgent":
        interview.answer(question.id, "no")
    assert question is not None and question.phase == "warning_signs"
    assert question.finding_ids[0] == "muscle_weakness"
    interview.answer(question.id, {"muscle_weakness": "yes"})
    assert "muscle_weakness" in interview.evidence.present


def test_a_warning_sign_denied_as_an_explicit_finding_is_not_asked_again_on_the_checklist(
    assessor: Assessor,
) -> None:
    interview = Interview.start(
        evidence={"present": ["twitch_arm_hand"], "absent": ["muscle_weakness"]}, assessor=assessor
    )
    while (question := interview.next_question()) is not None and question.phase in ("urgent", "warning_signs"):
        assert "muscle_weakness" not in question.finding_ids
        interview.answer(question.id, "no")


def test_after_an_urgent_stop_any_warning_sign_denied_only_in_free_text_is_on_the_hand_over(
    assessor: Assessor,
) -> None:
    interview = Interview.start(
        evidence={
            "present": ["seizure_now_or_over_5_min"],
            "absent": ["muscle_weakness"],
            "ask_first": ["muscle_weakness"],
        },
        assessor=assessor,
    )
    question = interview.handover_question()
    assert question is not None and question.finding_ids[0] == "muscle_weakness"
