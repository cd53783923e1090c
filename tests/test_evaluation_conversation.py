"""Conversation mode: the narrative parsed, the interview started from it, a simulated person answering."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from twitchcheck import Assessor
from twitchcheck.evaluation import Case
from twitchcheck.evaluation.conversation_mode import evaluate_conversation
from twitchcheck.interview.simulate import SimulatedPerson, run_interview
from twitchcheck.nlu import FindingMention, ParsedText

WEAKNESS = "sudden_weakness_or_numbness_one_side"


def case(**fields: Any) -> Case:
    base: dict[str, Any] = {"id": "c1", "age": 40, "sex": "female", "initial": ["twitch_eyelid"]}
    return Case.model_validate({**base, **fields})


def mention(finding_id: str, status: str = "present") -> FindingMention:
    return FindingMention(finding_id=finding_id, status=status, text=finding_id, start=0, end=1)


def stroke_case() -> Case:
    return case(
        narrative="My eyelid twitches. No drooping, no fever. My left arm went numb all of a sudden an hour ago.",
        present=["twitch_eyelid", WEAKNESS],
        absent=["fever"],
        text_present=["twitch_eyelid", WEAKNESS],
        expected={
            "triage": "emergency_ambulance",
            "triage_acceptable": ["emergency_ambulance"],
            "causes": ["benign_fasciculation"],
            "red_flags": [WEAKNESS],
        },
    )


def test_a_misread_denial_of_an_urgent_sign_is_corrected_by_the_urgent_screen(assessor: Assessor) -> None:
    # The parser denies sudden weakness ("no drooping" read too widely); the person has it.
    misread = ParsedText(
        present=[mention("twitch_eyelid")], absent=[mention(WEAKNESS, "absent"), mention("fever", "absent")]
    )
    report = evaluate_conversation(assessor, [stroke_case()], parse=lambda _case: misread).as_dict()
    assert report["triage_safe"] == 1.0
    assert report["stated_acute_lost"] == 0
    assert report["under_triaged"] == []
    assert report["red_flag_recall"] == 1.0


def test_a_misread_finding_that_no_question_asks_about_stays_wrong(assessor: Assessor) -> None:
    # The parser read poor sleep the person never had; nothing asks about it again, so it stays.
    person = SimulatedPerson.knowing(["twitch_eyelid"], ["poor_sleep"])
    interview = run_interview(
        person, initial=["twitch_eyelid", "poor_sleep"], age=40, sex="female", max_questions=3, assessor=assessor
    )
    assert "poor_sleep" in interview.evidence.present
    assert "poor_sleep" not in interview.state.asked()


@pytest.mark.slow
def test_an_acute_red_flag_stated_in_the_text_ends_the_interview_at_once(assessor: Assessor) -> None:
    first_fit = case(
        narrative="My arm has been twitching and an hour ago I had my first ever seizure.",
        present=["twitch_arm_hand", "first_seizure"],
        text_present=["twitch_arm_hand", "first_seizure"],
        expected={
            "triage": "emergency_ambulance",
            "triage_acceptable": ["emergency_ambulance", "emergency"],
            "causes": ["epilepsy"],
            "red_flags": ["first_seizure"],
        },
    )
    report = evaluate_conversation(assessor, [first_fit], handover=False).as_dict()
    assert report["stated_acute_lost"] == 0
    assert report["triage_safe"] == 1.0
    assert report["questions_by_case"] == [{"id": "c1", "questions": 0, "stop_reason": "urgent"}]


@pytest.mark.slow
def test_conversation_mode_on_the_public_cases_loses_no_stated_urgent_sign_and_asks_no_more_than_the_interview(
    assessor: Assessor,
) -> None:
    from twitchcheck.evaluation import load_cases

    from .conftest import PUBLIC_VIGNETTES

    report = evaluate_conversation(assessor, load_cases(PUBLIC_VIGNETTES)).as_dict()
    assert report["stated_acute_lost"] == 0
    assert report["under_triaged"] == []
    assert report["questions_median"] <= report["interview_questions_median"]


@pytest.mark.slow
def test_evaluate_mode_conversation_prints_the_stated_urgent_signs_lost_and_the_under_triaged(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from twitchcheck.cli import app

    cases = tmp_path / "cases.jsonl"
    cases.write_text(stroke_case().model_dump_json() + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(cases), "--mode", "conversation", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "conversation mode, 1 cases" in result.output
    assert "acute red flags stated in the text and lost: 0; under-triaged: none" in " ".join(result.output.split())
    as_json = CliRunner().invoke(app, ["evaluate", str(cases), "--mode", "conversation", "--json"])
    report = json.loads(as_json.output)
    assert report["mode"] == "conversation" and report["stated_acute_lost"] == 0
