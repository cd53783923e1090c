"""Everyday words, body parts and acute red flags map to the right finding ids."""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text


def present(text: str) -> list[str]:
    return parse_text(text).present_ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My eye keeps jumping.", ["twitch_eyelid"]),
        ("Eyelid flickering.", ["twitch_eyelid"]),
        ("My calves twitch.", ["twitch_leg_calf"]),
        ("Twitching in my tummy.", ["twitch_trunk"]),
        ("My tongue is rippling.", ["twitch_tongue"]),
        ("The corner of my mouth twitches.", ["twitch_face"]),
        ("My biceps twitch.", ["twitch_arm_hand"]),
        ("My muscles twitch all over.", ["twitch_widespread"]),
        ("Twitching in my arms and legs.", ["twitch_arm_hand", "twitch_leg_calf", "twitch_widespread"]),
        (
            "Twitching in my arms, legs and back.",
            ["twitch_arm_hand", "twitch_leg_calf", "twitch_trunk", "twitch_widespread"],
        ),
        ("Pins and needles in my lips.", ["tingling_mouth_fingers"]),
        ("Pins and needles in my fingers.", ["tingling_mouth_fingers"]),
        ("Pins and needles in my legs.", ["numbness_limbs"]),
        ("I live on energy drinks.", ["high_caffeine"]),
        ("Too much coffee.", ["high_caffeine"]),
        ("I take pre-workout.", ["high_caffeine"]),
        ("I can't get my words out.", ["speech_difficulty"]),
        ("He's slurring.", ["speech_difficulty"]),
        ("Food keeps going down the wrong way.", ["swallowing_difficulty"]),
        ("Pulling all-nighters.", ["poor_sleep"]),
        ("I'm shattered.", ["fatigue"]),
        ("Totally exhausted.", ["fatigue"]),
        ("Really stressed out.", ["stress_anxiety_present"]),
        ("Sudden jerks in my legs.", ["twitch_leg_calf", "uncontrollable_jerks"]),
        ("I keep zoning out.", ["staring_spells"]),
        ("Blank stares at school.", ["staring_spells"]),
        ("I had a fit.", ["seizure"]),
        ("I had a convulsion.", ["seizure"]),
        ("My heart is racing.", ["rapid_heartbeat"]),
        ("My handwriting has got tiny.", ["small_handwriting", "worsening"]),
        ("I shuffle when I walk.", ["difficulty_walking"]),
        ("I keep losing my balance.", ["balance_problems"]),
        ("I sweat for no reason.", ["excessive_sweating"]),
        ("I'm lactose intolerant.", ["low_calcium_diet"]),
        ("I'm housebound.", ["low_sun_exposure"]),
        ("I drink a bottle of wine a night.", ["heavy_alcohol_use"]),
        ("I have myasthenia gravis.", ["known_autoimmune_disease", "known_neurological_condition"]),
        ("I have epilepsy.", ["known_epilepsy", "known_neurological_condition"]),
        ("My hands shake.", ["tremor"]),
        ("She's lost interest in everything.", ["apathy"]),
        ("I've become really forgetful.", ["memory_problems", "worsening"]),
        ("My muscles cramp at night.", ["muscle_cramps"]),
        ("The muscle between my thumb and finger has gone thin.", ["muscle_wasting", "worsening"]),
        ("I have a fever and a rash.", ["fever", "skin_rash"]),
    ],
)
def test_everyday_words_map_to_findings(text: str, expected: list[str]) -> None:
    assert present(text) == expected


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("She's having a seizure right now.", "seizure_now_or_over_5_min"),
        ("He has been fitting for 6 minutes.", "seizure_now_or_over_5_min"),
        ("This is her first ever seizure.", "first_seizure"),
        ("My face is drooping on one side suddenly.", "sudden_weakness_or_numbness_one_side"),
        ("My left arm suddenly went weak.", "sudden_weakness_or_numbness_one_side"),
        ("I suddenly can't speak.", "sudden_speech_or_vision_loss"),
        ("I suddenly lost vision in one eye.", "sudden_speech_or_vision_loss"),
        ("I can't breathe.", "breathing_difficulty"),
        ("He's struggling to breathe.", "breathing_difficulty"),
        ("He choked on his food.", "choking_on_food_or_drink"),
    ],
)
def test_acute_red_flags_are_recognised(text: str, flag: str) -> None:
    assert flag in present(text)


def test_a_seizure_now_is_also_a_seizure() -> None:
    assert present("She's having a seizure right now.") == ["seizure", "seizure_now_or_over_5_min"]


def test_slow_weakness_over_months_is_not_a_sudden_stroke_sign() -> None:
    found = present("Over four months my right hand has got weak.")
    assert "sudden_weakness_or_numbness_one_side" not in found
    assert "muscle_weakness" in found


def test_sweating_after_exercise_is_exercise_sweating_not_unexplained_sweating() -> None:
    assert present("Ran a marathon and I was soaked in sweat.") == [
        "heavy_sweating_exercise",
        "recent_intense_exercise",
    ]
    assert present("I'm drenched in sweat even when it's cold.") == ["excessive_sweating"]


def test_shaking_all_over_in_a_fit_is_not_a_tremor() -> None:
    assert "tremor" not in present("She went stiff and shook all over for two minutes.")


def test_being_fit_is_not_a_fit() -> None:
    assert present("I'm fit and healthy and go to the gym.") == ["recent_intense_exercise"]


def test_twitching_that_came_back_is_not_in_the_back() -> None:
    assert present("The twitching came back in my calf.") == ["twitch_leg_calf"]


def test_a_run_of_night_shifts_is_not_exercise() -> None:
    assert present("I'm doing a run of night shifts.") == ["poor_sleep"]
