"""Error classes found on blind narratives (issue #11), each tested with wording of our own."""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text

from .conftest import read


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Since lunchtime my grandad has been very muddled and his hands jerk.", "en"),
        ("She seems dazed and doesn't know where she is.", "en"),
        ("Mon oncle est tout mêlé depuis ce matin.", "fr"),
        ("Ma tante semble désorientée, elle sait pas où elle est.", "fr"),
    ],
)
def test_confusion_with_no_sign_that_it_passes_is_ongoing_not_brief(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "ongoing_confusion" in present
    assert "brief_confusion" not in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("After the fit he was muddled for a few minutes, then fine.", "en"),
        ("She gets short spells of confusion now and then.", "en"),
        ("Après sa crise il était confus pendant quelques minutes, puis correct.", "fr"),
    ],
)
def test_confusion_that_passes_is_brief_confusion(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "brief_confusion" in present


@pytest.mark.parametrize(
    ("text", "language"),
    [("My calves twitch. I'm not confused at all.", "en"), ("Mes mollets sautent. Il est pas confus.", "fr")],
)
def test_not_confused_denies_ongoing_confusion_only(text: str, language: str) -> None:
    _, absent = read(text, language)
    assert "ongoing_confusion" in absent
    assert "brief_confusion" not in absent


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My watch says my pulse is 128 and my arm twitches.", "en"),
        ("Resting HR around 115, calves twitching.", "en"),
        ("Mon pouls est à 140 sur ma montre pis mes bras sautent.", "fr"),
    ],
)
def test_a_heart_rate_over_100_read_off_a_device_is_a_fast_heartbeat(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "rapid_heartbeat" in present


def test_a_normal_heart_rate_number_is_not_a_fast_heartbeat() -> None:
    present, _ = read("My pulse was 72 when I checked, the eyelid still twitches.")
    assert "rapid_heartbeat" not in present


@pytest.mark.parametrize(
    ("text", "language"),
    [("I was diagnosed with MS in 2015 and my calf twitches.", "en"), ("J'ai la sclérose en plaques.", "fr")],
)
def test_multiple_sclerosis_is_both_a_known_nerve_condition_and_an_autoimmune_one(text: str, language: str) -> None:
    """As the public cases mark it: MS is an autoimmune disease of the nerves."""
    present, _ = read(text, language)
    assert {"known_neurological_condition", "known_autoimmune_disease"} <= present


@pytest.mark.parametrize(
    ("text", "language"),
    [("I'm epileptic and take Keppra.", "en"), ("Mon fils est épileptique.", "fr")],
)
def test_epilepsy_is_known_epilepsy_and_a_known_brain_condition(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert {"known_epilepsy", "known_neurological_condition"} <= present


@pytest.mark.parametrize(
    ("text", "language", "widespread"),
    [
        ("My thighs and forearms twitch.", "en", True),
        ("Twitches in my shoulders, shins and stomach.", "en", True),
        ("Mes cuisses pis mes avant-bras sautent.", "fr", True),
        ("My calves twitch.", "en", False),
    ],
)
def test_twitching_in_two_regions_or_more_is_twitching_in_many_places(
    text: str, language: str, widespread: bool
) -> None:
    """The cautious reading, as the public cases read "my arms and legs": many places is a reason to see a doctor."""
    present, _ = read(text, language)
    assert ("twitch_widespread" in present) is widespread


@pytest.mark.parametrize(
    ("text", "muscle_pain_denied"),
    [
        ("My shoulder twitches but there's no pain.", False),
        ("The twitch doesn't hurt.", False),
        ("My shoulder twitches, no aches or soreness.", True),
    ],
)
def test_a_bare_no_pain_is_about_the_twitch_and_aching_words_deny_muscle_pain(
    text: str, muscle_pain_denied: bool
) -> None:
    _, absent = read(text)
    assert "twitch_painful" in absent or muscle_pain_denied
    assert ("muscle_pain" in absent) is muscle_pain_denied


@pytest.mark.parametrize(
    ("text", "language"),
    [("Eyelid twitching, no tightness in my chest.", "en"), ("Ma paupière saute, pas d'oppression thoracique.", "fr")],
)
def test_denying_chest_pain_does_not_deny_a_heart_condition(text: str, language: str) -> None:
    _, absent = read(text, language)
    assert "heart_problems" not in absent


@pytest.mark.parametrize(
    "text",
    [
        "Mon frère s'est raidi pis a tremblé des bras pendant une minute.",
        "Elle est devenue raide puis secouée de partout.",
    ],
)
def test_stiffening_then_shaking_in_everyday_french_is_a_seizure(text: str) -> None:
    present, _ = read(text, "fr")
    assert "seizure" in present


@pytest.mark.parametrize(
    "text",
    [
        "Mon fils a convulsé ce soir, il a jamais fait de crise de sa vie.",
        "Mon mari a fait une crise, ça lui est jamais arrivé avant.",
    ],
)
def test_a_seizure_said_never_to_have_happened_before_is_a_first_seizure_in_french(text: str) -> None:
    present, _ = read(text, "fr")
    assert "first_seizure" in present


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Ma cuisse gauche elle saute toute la journée.", "twitch_leg_calf"),
        ("Mon pouce il tressaute depuis lundi.", "twitch_arm_hand"),
    ],
)
def test_a_pronoun_repeating_my_body_part_is_not_another_person(text: str, finding: str) -> None:
    parsed = parse_text(text, language="fr")
    assert parsed.subject == "self"
    assert finding in parsed.present_ids


def test_a_pronoun_repeating_my_relative_still_means_that_person() -> None:
    parsed = parse_text("Ma sœur elle a des spasmes dans les mollets.", language="fr")
    assert parsed.subject == "other"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("J'ai des petites contractions dans le bras droit depuis hier.", "twitch_arm_hand"),
        ("Les muscles de mes cuisses ondulent le soir.", "twitch_leg_calf"),
        ("Les paupières de mon fils papillotent souvent.", "twitch_eyelid"),
        ("Mes bras sursautent quand je suis couchée.", "twitch_arm_hand"),
    ],
)
def test_general_french_wordings_of_twitching_in_a_place(text: str, finding: str) -> None:
    present, _ = read(text, "fr")
    assert finding in present


@pytest.mark.parametrize(
    "text",
    [
        "J'ai des contractions dans le ventre, je suis enceinte de 38 semaines.",
        "Je me suis réveillée en sursaut cette nuit.",
    ],
)
def test_labour_contractions_and_a_startle_are_not_twitching(text: str) -> None:
    present, _ = read(text, "fr")
    assert not {f for f in present if f.startswith("twitch_")}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I'm frightened it could be a stroke.", "en"),
        ("Do I need to be worried about this?", "en"),
        ("J'ai peur que ça recommence cette nuit.", "fr"),
        ("Est-ce que je devrais m'inquiéter pour ça?", "fr"),
    ],
)
def test_a_fear_of_what_may_happen_or_a_question_about_worrying_is_not_stress(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "stress_anxiety_present" not in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I've been so worried and on edge for weeks.", "en"),
        ("Depuis le décès de mon père je vis dans la peur.", "fr"),
    ],
)
def test_worry_lived_with_is_still_stress(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "stress_anxiety_present" in present


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I was put on citalopram three weeks ago and now my calf twitches.", "new_medicine"),
        ("My GP upped my levothyroxine dose last month.", "new_medicine"),
        ("Since the dose went up my eyelid flickers.", "new_medicine"),
        ("I necked 5 red bulls before the match and my arms twitch.", "large_stimulant_dose"),
        ("He swallowed 6 pro plus to stay awake.", "large_stimulant_dose"),
        ("Left the water bottle at home and ran in the sun all day.", "low_fluid_intake"),
        ("She can't keep anything down.", "low_fluid_intake"),
        ("Two litres of cider a night, my legs twitch.", "heavy_alcohol_use"),
        ("Getting maybe 4 hrs a night with the baby, sleeping 4 hours at most.", "poor_sleep"),
        ("Dad is slower getting dressed these days.", "slow_movement"),
        ("Her food goes down the wrong way.", "swallowing_difficulty"),
        ("I'm Black Caribbean and my calves twitch.", "darker_skin_or_covered"),
    ],
)
def test_common_lay_wording_states_the_finding(text: str, finding: str) -> None:
    present, _ = read(text)
    assert finding in present


def test_many_energy_drinks_every_day_is_a_habit_not_a_large_dose_today() -> None:
    present, _ = read("I have 3 monsters a day and my eyelid twitches.")
    assert "large_stimulant_dose" not in present
    assert "high_caffeine" in present


@pytest.mark.parametrize(
    "text",
    [
        "I'm scared I'll have a seizure, my arms keep twitching.",
        "Terrified it is a stroke, my hand twitches.",
    ],
)
def test_a_fear_of_what_may_come_is_not_a_statement_of_it(text: str) -> None:
    present, _ = read(text)
    assert not {"seizure", "sudden_weakness_or_numbness_one_side"} & present


def test_weight_lost_without_trying_does_not_deny_what_follows() -> None:
    present, absent = read("My calves twitch. I've lost weight without trying and I'm exhausted.")
    assert {"weight_loss", "fatigue"} <= present
    assert "fatigue" not in absent


def test_reassurance_from_someone_else_denies_no_worry() -> None:
    _, absent = read("My eyelid twitches and my husband says I should not worry.")
    assert "stress_anxiety_present" not in absent


def test_no_drooping_in_an_eyelid_story_is_about_the_eyelid_not_a_face_droop() -> None:
    _, absent = read("My left eyelid flickers a few seconds at a time. No drooping, vision fine.")
    assert "sudden_weakness_or_numbness_one_side" not in absent


def test_a_parent_named_by_the_family_word_alone_is_the_patient() -> None:
    parsed = parse_text("Mum is 81. She keeps forgetting conversations and her arms jerk.")
    assert parsed.subject == "other"
    assert "memory_problems" in parsed.present_ids


def test_nearly_fainting_on_standing_is_dizziness_not_a_loss_of_awareness() -> None:
    present, _ = read("My calf twitches and I nearly fainted when I stood up.")
    assert "dizzy_on_standing" in present
    assert "loss_of_awareness" not in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He had a fit, shaking all over for about two minutes, and it has stopped.", "en"),
        ("Il a convulsé pendant genre 2 minutes, là il respire.", "fr"),
    ],
)
def test_a_short_seizure_leaves_seizure_over_5_minutes_unknown_not_denied(text: str, language: str) -> None:
    present, absent = read(text, language)
    assert "seizure" in present
    assert "seizure_now_or_over_5_min" not in absent


def test_a_seizure_that_started_minutes_ago_and_goes_on_is_still_over_5_minutes() -> None:
    present, _ = read("She started fitting 7 minutes ago and it hasn't stopped.")
    assert "seizure_now_or_over_5_min" in present


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Le médecin m'a prescrit du Cymbalta le mois passé, depuis mon mollet saute.", "new_medicine"),
        ("J'ai pris 4 Wake-Up pis bu 3 Guru ce soir, mes bras sautent.", "large_stimulant_dose"),
        ("Mon père mange pis boit presque rien depuis 2 jours.", "low_fluid_intake"),
        ("Je garde rien, même pas l'eau.", "low_fluid_intake"),
        ("Ce matin ma vue est devenue noire d'un coup de l'œil droit.", "sudden_speech_or_vision_loss"),
    ],
)
def test_common_quebec_french_wording_states_the_finding(text: str, finding: str) -> None:
    present, _ = read(text, "fr")
    assert finding in present


@pytest.mark.parametrize(
    "text",
    [
        "My son is 8. During these spells he stares and does not answer me.",
        "My wife is 50. She went blank and didn't reply when I called her name.",
        "My daughter is 6, her eyelids flicker and she doesn't react at all for a few seconds.",
    ],
)
def test_not_answering_the_people_there_is_loss_of_awareness(text: str) -> None:
    present, _ = read(text)
    assert "loss_of_awareness" in present


@pytest.mark.parametrize(
    "text",
    [
        "My husband is 70. He didn't answer the phone when I rang, his arm twitches.",
        "My dad is 70. After the fit he was answering us slowly.",
        "My mum is 60, her calf twitches. She did not answer my texts yesterday.",
    ],
)
def test_a_phone_not_answered_or_slow_answers_are_not_loss_of_awareness(text: str) -> None:
    present, _ = read(text)
    assert "loss_of_awareness" not in present


@pytest.mark.parametrize(
    "text",
    [
        "At the bus stop I blacked out and shook for a minute or so, people told me. My arm twitches today.",
        "My husband is 50. He passed out at dinner and was jerking, he is awake now.",
    ],
)
def test_out_cold_and_shaking_is_a_fit(text: str) -> None:
    present, _ = read(text)
    assert "seizure" in present


@pytest.mark.parametrize(
    "text",
    [
        "I nearly passed out and my hands were shaking, my calf twitches.",
        "I blacked out from drinking last night. Today my hands are shaking.",
    ],
)
def test_nearly_passing_out_or_shaking_another_time_is_not_a_fit(text: str) -> None:
    present, _ = read(text)
    assert "seizure" not in present


@pytest.mark.parametrize(
    "text",
    [
        "My gran is 90. Since this morning she does not know what day it is and her hands twitch.",
        "My uncle is 70, his legs twitch and he keeps asking what year it is.",
    ],
)
def test_not_knowing_what_day_it_is_is_ongoing_confusion(text: str) -> None:
    present, _ = read(text)
    assert "ongoing_confusion" in present


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("My dad is 80, his arm twitches. He knows what day it is and where he is.", True),
        ("My calf twitches. I never know what day it is on holiday lol.", False),
    ],
)
def test_knowing_the_day_or_a_habit_of_losing_it_is_no_confusion(text: str, denied: bool) -> None:
    present, absent = read(text)
    assert "ongoing_confusion" not in present
    assert ("ongoing_confusion" in absent) is denied
