"""Hedges, the past, other people and carers: who has a finding, and whether it is asserted."""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text

ACUTE = {
    "seizure_now_or_over_5_min",
    "first_seizure",
    "sudden_weakness_or_numbness_one_side",
    "sudden_speech_or_vision_loss",
    "breathing_difficulty",
    "choking_on_food_or_drink",
}


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("Not sure if my hand is weaker.", "muscle_weakness"),
        ("Maybe a rash on my arm.", "skin_rash"),
        ("I think possibly my speech is slurred.", "speech_difficulty"),
        ("I'm not sure whether I have a fever.", "fever"),
    ],
)
def test_a_hedged_finding_is_uncertain_not_present(text: str, hedged: str) -> None:
    parsed = parse_text(text)
    assert parsed.present_ids == []
    assert parsed.absent_ids == []
    assert parsed.uncertain_ids == [hedged]


def test_an_uncertain_mention_keeps_its_hedge_as_cue() -> None:
    mention = parse_text("Maybe a rash on my arm.").uncertain[0]
    assert (mention.finding_id, mention.status, mention.cue) == ("skin_rash", "present", "Maybe")


def test_i_think_alone_is_not_a_hedge() -> None:
    assert parse_text("I think my hand is weak.").present_ids == ["muscle_weakness"]


def test_a_finding_asserted_elsewhere_is_not_also_uncertain() -> None:
    parsed = parse_text("Maybe a fever last week. I definitely have a fever now.")
    assert parsed.present_ids == ["duration_under_2_weeks", "fever"]
    assert parsed.uncertain_ids == []


def test_a_seizure_years_ago_is_seizure_history_not_an_acute_flag() -> None:
    parsed = parse_text("I had a seizure years ago.")
    assert parsed.present_ids == ["seizure"]
    assert not ACUTE & set(parsed.present_ids)


def test_a_first_seizure_in_childhood_is_history_not_a_first_seizure_now() -> None:
    parsed = parse_text("I had my first seizure as a child.")
    assert parsed.present_ids == ["seizure"]
    assert [m.finding_id for m in parsed.historical] == ["first_seizure"]


def test_a_habit_given_up_long_ago_is_history_only() -> None:
    parsed = parse_text("I used to smoke.")
    assert parsed.present_ids == []
    assert [m.finding_id for m in parsed.historical] == ["smoking_or_toxin_exposure"]


@pytest.mark.parametrize(
    "text",
    ["My dad had ALS.", "My sister has muscular dystrophy.", "ALS runs in my family.", "My uncle died of MND."],
)
def test_a_relative_with_a_neuromuscular_disease_is_family_history(text: str) -> None:
    parsed = parse_text(text)
    assert (parsed.present_ids, parsed.subject) == (["family_history_neuromuscular"], "self")


def test_a_relatives_diagnosis_is_not_the_writers_finding() -> None:
    parsed = parse_text("My mum has lupus and epilepsy. My eyelid twitches.")
    assert parsed.present_ids == ["twitch_eyelid"]


def test_family_history_and_own_twitching_in_one_sentence() -> None:
    parsed = parse_text("My dad had ALS and now my calf twitches.")
    assert parsed.present_ids == ["family_history_neuromuscular", "twitch_leg_calf"]
    assert parsed.subject == "self"


def test_someone_who_only_observes_does_not_take_the_findings() -> None:
    parsed = parse_text("My wife says I've slowed down and my husband says my tongue ripples.")
    assert parsed.subject == "self"
    assert parsed.present_ids == ["slow_movement", "twitch_tongue", "worsening"]


def test_a_carer_text_gives_the_patients_findings_age_and_sex() -> None:
    parsed = parse_text("My mum, 78, has started shaking.")
    assert (parsed.age, parsed.sex, parsed.subject) == (78, "female", "other")
    assert parsed.present_ids == ["tremor"]


def test_a_carer_writing_about_her_son() -> None:
    parsed = parse_text("I'm writing about my son. He gets jerks in his arms when he wakes up.")
    assert (parsed.subject, parsed.sex) == ("other", "male")
    assert parsed.present_ids == ["twitch_arm_hand", "uncontrollable_jerks"]


def test_the_carers_own_tiredness_is_not_the_patients() -> None:
    parsed = parse_text("My husband has had a fit. I'm exhausted.")
    assert (parsed.subject, parsed.sex) == ("other", "male")
    assert parsed.present_ids == ["seizure"]


def test_another_relative_in_a_carers_text_is_family_history() -> None:
    parsed = parse_text("My son is 7. He falls a lot. My brother had muscular dystrophy.")
    assert (parsed.subject, parsed.age, parsed.sex) == ("other", 7, "male")
    assert parsed.present_ids == ["balance_problems", "family_history_neuromuscular"]


def test_a_text_only_in_the_third_person_is_about_someone_else() -> None:
    parsed = parse_text("She keeps zoning out, blank stares.")
    assert (parsed.subject, parsed.sex) == ("other", "female")
    assert parsed.present_ids == ["staring_spells"]
