"""The Assessment: what every interface shows a person."""

from __future__ import annotations

from typing import Any

import pytest

from twitchcheck import Assessment, Assessor, EvidenceError, assess


def test_assessment_has_every_documented_field() -> None:
    result = assess(present=["twitch_eyelid", "poor_sleep"], absent=["fever"], age=30, sex="female")
    data = result.model_dump()
    assert set(data) == {
        "triage",
        "emergency_conditions",
        "causes",
        "close_to_first",
        "first_cause",
        "unlisted",
        "red_flags",
        "unanswered_red_flags",
        "unanswered_advice",
        "advice",
        "tests",
        "doctor_questions",
        "evidence",
        "disclaimer",
        "emergency_number",
        "knowledge_version",
    }
    assert set(data["triage"]) == {"level", "rank", "emergency", "title", "advice", "reasons"}
    assert {"id", "name", "probability", "supporting", "opposing"} <= set(data["causes"][0])


def test_unasked_urgent_signs_are_listed_and_the_result_never_says_no_warning_sign(assessor: Assessor) -> None:
    """Unknown is not absent: a person who answered nothing is not told there is no warning sign."""
    result = assessor.assess(assessor.evidence(present=["twitch_eyelid"], age=30))
    assert result.triage.level == "self_care"
    assert {f.id for f in result.unanswered_red_flags} == set(assessor.kb.acute_red_flag_ids)
    assert result.unanswered_advice.startswith("Call an ambulance")
    assert all("no warning sign" not in r.text.lower() for r in result.triage.reasons)


def test_no_warning_sign_is_said_only_when_every_warning_sign_was_answered(assessor: Assessor) -> None:
    kb = assessor.kb
    denied = sorted(kb.warning_sign_ids)
    result = assessor.assess(assessor.evidence(present=["twitch_eyelid"], absent=denied, age=30))
    assert result.unanswered_red_flags == []
    assert [r.rule for r in result.triage.reasons] == ["default"]
    assert result.triage.reasons[0].text.startswith("No warning sign")
    one_unasked = assessor.assess(assessor.evidence(present=["twitch_eyelid"], absent=denied[1:], age=30))
    assert [r.rule for r in one_unasked.triage.reasons] == ["default_unasked"]


def test_causes_are_ranked_by_probability_and_cover_every_cause(assessor: Assessor) -> None:
    result = assessor.assess(assessor.evidence(present=["twitch_eyelid", "high_caffeine"], age=21))
    probabilities = [c.probability for c in result.causes]
    assert probabilities == sorted(probabilities, reverse=True)
    assert {c.id for c in result.causes} == set(assessor.kb.cause_ids)
    assert result.causes[0].id == "stimulants"


def test_explanation_names_findings_for_and_against(assessor: Assessor) -> None:
    result = assessor.assess(
        assessor.evidence(present=["muscle_weakness", "muscle_wasting"], absent=["numbness_limbs"], age=60, sex="male")
    )
    als = next(c for c in result.causes if c.id == "als")
    assert {w.finding for w in als.supporting} >= {"muscle_weakness", "muscle_wasting"}
    assert all(w.likelihood_ratio > 1 for w in als.supporting)
    assert all(w.likelihood_ratio < 1 for w in als.opposing)


def test_implied_absent_durations_are_not_listed_as_evidence_against(assessor: Assessor) -> None:
    result = assessor.assess(assessor.evidence(present=["twitch_eyelid", "duration_under_2_weeks"]))
    for cause in result.causes:
        assert not {w.finding for w in cause.opposing} & {"duration_2_weeks_to_3_months", "duration_over_3_months"}


def test_no_home_remedies_are_offered_in_an_emergency(assessor: Assessor) -> None:
    result = assessor.assess(assessor.evidence(present=["first_seizure", "seizure"], age=40))
    assert result.triage.level == "emergency_ambulance"
    assert result.advice == []
    assert result.red_flags[0].acute


def test_advice_fits_the_likely_causes(assessor: Assessor) -> None:
    result = assessor.assess(
        assessor.evidence(
            present=["twitch_leg_calf", "recent_intense_exercise", "low_fluid_intake", "heavy_sweating_exercise"],
            age=40,
        )
    )
    ids = {a.id for a in result.advice}
    assert {"hydrate", "electrolytes"} <= ids
    assert "stop_stimulant_drugs" not in ids


def test_stimulant_drug_advice_needs_stimulant_drugs(assessor: Assessor) -> None:
    coffee = assessor.assess(assessor.evidence(present=["twitch_eyelid", "high_caffeine"], age=30))
    pills = assessor.assess(
        assessor.evidence(present=["twitch_eyelid", "amphetamine_use"], absent=["fever", "rapid_heartbeat"], age=30)
    )
    assert "stop_stimulant_drugs" not in {a.id for a in coffee.advice}
    assert "stop_stimulant_drugs" in {a.id for a in pills.advice}


def test_tests_include_the_examination_and_those_for_likely_causes(assessor: Assessor) -> None:
    result = assessor.assess(assessor.evidence(present=["staring_spells", "uncontrollable_jerks"], age=15))
    ids = {t.id for t in result.tests}
    assert {"examination", "eeg"} <= ids


def test_disclaimer_says_it_does_not_replace_a_doctor() -> None:
    result = assess(present=["twitch_eyelid"])
    assert "does not replace a doctor" in result.disclaimer
    assert "911" in result.disclaimer


def test_assessment_round_trips_through_json() -> None:
    result = assess(present=["twitch_eyelid", "poor_sleep"], age=30)
    assert Assessment.model_validate_json(result.model_dump_json()) == result


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"present": ["twitch_eyelids"]}, "unknown finding 'twitch_eyelids'; did you mean 'twitch_eyelid'"),
        ({"present": ["fever"], "absent": ["fever"]}, "finding 'fever' is given as both present and absent"),
        ({"present": ["duration_under_2_weeks", "duration_over_3_months"]}, "exclude each other"),
        ({"present": ["fever"], "age": 150}, "age 150 is out of range"),
        ({"present": ["fever"], "sex": "other"}, "sex 'other' is not recognised"),
    ],
)
def test_invalid_evidence_gives_a_message_with_the_fix(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(EvidenceError, match=message):
        assess(**kwargs)
