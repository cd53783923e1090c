"""The adaptive interview as a library: order, urgent stop, don't know, back, saved state, errors."""

from __future__ import annotations

import doctest
import json

import pytest

import twitchcheck.interview.session
from twitchcheck import Assessment, EvidenceError, Interview, InterviewError, InterviewState, KnowledgeBase
from twitchcheck.interview.questions import MAX_CHECKLIST_OPTIONS, Question

EYELID = {"present": ["twitch_eyelid", "poor_sleep"]}


def reply_all(question: Question, reply: str) -> str | dict[str, str]:
    """The same reply for every option; a one-of-several question gets "unknown" unless `reply` is an option."""
    if question.kind == "exclusive" and reply not in question.finding_ids:
        return "unknown"
    return reply


def run(interview: Interview, reply: str = "unknown") -> list[Question]:
    asked = []
    while (question := interview.next_question()) is not None:
        asked.append(question)
        interview.answer(question.id, reply_all(question, reply))
    return asked


def test_the_first_question_screens_every_urgent_sign_on_one_screen(kb: KnowledgeBase) -> None:
    question = Interview.start(age=30, evidence=EYELID).next_question()
    assert question is not None
    assert question.phase == "urgent" and question.kind == "multiple"
    assert set(question.finding_ids) == kb.acute_red_flag_ids
    assert len(question.options) <= MAX_CHECKLIST_OPTIONS


def test_the_urgent_screen_is_skipped_when_every_urgent_sign_is_already_answered(kb: KnowledgeBase) -> None:
    interview = Interview.start(
        age=30, evidence={"present": ["twitch_eyelid"], "absent": sorted(kb.acute_red_flag_ids)}
    )
    question = interview.next_question()
    assert question is not None and question.phase == "warning_signs"


def test_a_red_flag_answered_yes_stops_the_interview_at_once() -> None:
    interview = Interview.start(age=40, evidence=EYELID)
    screen = interview.next_question()
    assert screen is not None
    interview.answer(screen.id, {"sudden_weakness_or_numbness_one_side": "yes"})
    assert interview.urgent
    assert interview.next_question() is None
    assert interview.stop_reason == "urgent"
    assert interview.questions_asked == 1
    assert interview.assessment().triage.level == "emergency_ambulance"


def test_an_urgent_sign_in_the_first_report_stops_before_any_question() -> None:
    interview = Interview.start(age=81, evidence={"present": ["first_seizure", "seizure"]})
    assert interview.next_question() is None
    assert interview.stop_reason == "urgent"
    assert interview.assessment().triage.level == "emergency_ambulance"


def test_the_handover_checklist_is_offered_only_after_an_urgent_stop(kb: KnowledgeBase) -> None:
    interview = Interview.start(age=40, evidence=EYELID)
    assert interview.handover_question() is None
    interview = Interview.start(age=40, evidence={"present": ["breathing_difficulty"]})
    seen: set[str] = set()
    while (question := interview.handover_question()) is not None:
        assert question.phase == "handover" and len(question.options) <= MAX_CHECKLIST_OPTIONS
        seen.update(question.finding_ids)
        interview.answer(question.id, "no")
    assert seen == kb.warning_sign_ids - {"breathing_difficulty"}
    assert interview.assessment().triage.level == "emergency_ambulance"


def test_every_warning_sign_is_asked_before_any_adaptive_question(kb: KnowledgeBase) -> None:
    asked: set[str] = set()
    for question in run(Interview.start(age=30, evidence=EYELID)):
        if question.phase == "adaptive":
            assert kb.warning_sign_ids <= asked
            break
        asked.update(question.finding_ids)
    else:
        pytest.fail("no adaptive question was asked")


def test_dont_know_stays_unknown_and_is_never_asked_again() -> None:
    interview = Interview.start(age=30, evidence=EYELID)
    asked = run(interview, "unknown")
    first_single = next(q for q in asked if q.kind == "single")
    finding = first_single.finding_ids[0]
    assert finding not in interview.evidence.present | interview.evidence.absent
    assert sum(finding in q.finding_ids for q in asked) == 1
    assert interview.history[asked.index(first_single)].replies == {finding: "unknown"}


def test_a_checklist_answered_with_a_mapping_leaves_unmentioned_options_unknown() -> None:
    interview = Interview.start(age=30, evidence=EYELID)
    screen = interview.next_question()
    assert screen is not None
    interview.answer(screen.id, {"breathing_difficulty": "no"})
    assert "breathing_difficulty" in interview.evidence.absent
    assert "choking_on_food_or_drink" not in interview.evidence.absent | interview.evidence.present


def test_back_undoes_the_last_answer_and_recomputes_the_state() -> None:
    interview = Interview.start(age=40, evidence=EYELID)
    screen = interview.next_question()
    assert screen is not None
    interview.answer(screen.id, {"sudden_speech_or_vision_loss": "yes"})
    assert interview.urgent
    undone = interview.back()
    assert undone is not None and undone.question_id == screen.id
    assert not interview.urgent
    assert interview.next_question() == screen
    assert interview.assessment().triage.level != "emergency_ambulance"
    assert interview.back() is None


def test_changing_an_earlier_answer_recomputes_the_evidence_and_keeps_later_answers() -> None:
    interview = Interview.start(age=30, evidence=EYELID)
    asked = run(interview, "unknown")
    duration = next(q for q in asked if q.kind == "exclusive")
    interview.answer(duration.id, "duration_over_3_months")
    assert "duration_over_3_months" in interview.evidence.present
    assert len(interview.history) == len(asked)
    assert interview.assessment().triage.level == "consultation"


def test_state_round_trips_through_json_and_resumes_the_same_interview() -> None:
    interview = Interview.start(age=52, sex="male", evidence={"present": ["twitch_trunk"], "absent": ["fever"]})
    for _ in range(4):
        question = interview.next_question()
        assert question is not None
        interview.answer(question.id, reply_all(question, "no"))
    text = interview.to_json()
    state = InterviewState.model_validate(json.loads(text))
    assert state == interview.state
    resumed = Interview.resume(text)
    assert resumed.state == interview.state
    assert resumed.next_question() == interview.next_question()
    assert resumed.assessment() == interview.assessment()
    assert Interview.resume(state).to_json() == text


def test_a_damaged_saved_state_is_an_interview_error_naming_the_problem() -> None:
    with pytest.raises(InterviewError, match="not valid JSON"):
        Interview.resume("{not json")
    with pytest.raises(InterviewError, match="knowledge_version"):
        Interview.resume('{"format": 1}')
    with pytest.raises(InterviewError, match="surprise"):
        Interview.resume({"knowledge_version": "kb-x", "surprise": True})


def test_an_answer_that_does_not_fit_its_question_is_an_interview_error() -> None:
    interview = Interview.start(age=30, evidence=EYELID)
    screen = interview.next_question()
    assert screen is not None
    with pytest.raises(InterviewError, match="'maybe' is not allowed"):
        interview.answer(screen.id, "maybe")
    with pytest.raises(InterviewError, match="'fever' is not an option"):
        interview.answer(screen.id, {"fever": "yes"})
    with pytest.raises(InterviewError, match="'2 weeks' is not an option"):
        interview.answer("group:duration", "2 weeks")
    with pytest.raises(InterviewError, match="unknown question 'group:nonsense'; the current question is 'urgent:1'"):
        interview.answer("group:nonsense", "yes")
    assert interview.questions_asked == 0


def test_an_unknown_finding_at_the_start_is_an_evidence_error_with_a_suggestion() -> None:
    with pytest.raises(EvidenceError, match="did you mean 'twitch_eyelid'"):
        Interview.start(evidence={"present": ["twitch_eyelids"]})


def test_the_person_can_stop_and_get_the_current_result_then_carry_on() -> None:
    interview = Interview.start(age=30, evidence=EYELID)
    interview.stop()
    assert interview.next_question() is None
    assert interview.stop_reason == "stopped_by_person"
    assert isinstance(interview.assessment(), Assessment)
    interview.back()
    assert interview.next_question() is not None


def test_every_adaptive_question_says_why_it_is_asked() -> None:
    adaptive = [q for q in run(Interview.start(age=30, evidence=EYELID)) if q.phase == "adaptive"]
    assert adaptive
    assert all(q.why.startswith(("It helps", "Your answer could change", "It completes")) for q in adaptive)


def test_the_interview_never_asks_more_than_its_limit() -> None:
    interview = Interview.start(age=30, evidence=EYELID, max_questions=5)
    run(interview, "unknown")
    assert interview.questions_asked == 5
    assert interview.stop_reason == "max_questions"


def test_the_docstring_example_runs_as_written() -> None:
    result = doctest.testmod(twitchcheck.interview.session, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
