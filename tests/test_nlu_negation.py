"""Negation and its scope: what is denied, and where a denial stops."""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text


def found(text: str) -> tuple[list[str], list[str]]:
    parsed = parse_text(text)
    return parsed.present_ids, parsed.absent_ids


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("No fever or rash.", ["fever", "skin_rash"]),
        ("I haven't been sleeping badly.", ["poor_sleep"]),
        ("Denies weakness.", ["muscle_weakness"]),
        ("I'm not weak.", ["muscle_weakness"]),
        ("Without any pain.", ["twitch_painful"]),
        ("I don't drink coffee.", ["high_caffeine"]),
        ("Never had a fever.", ["fever"]),
        (
            "No numbness, no tingling and no cramps.",
            ["muscle_cramps", "numbness_limbs", "numbness_one_side", "tingling_mouth_fingers"],
        ),
    ],
)
def test_a_denied_finding_is_absent_and_nothing_is_present(text: str, absent: list[str]) -> None:
    assert found(text) == ([], absent)


def test_negation_does_not_cross_but() -> None:
    assert found("No fever but my calf twitches.") == (["twitch_leg_calf"], ["fever"])


def test_negation_does_not_cross_a_sentence_boundary() -> None:
    assert found("No fever. My calf twitches.") == (["twitch_leg_calf"], ["fever"])


def test_negation_stops_where_a_new_clause_starts_after_a_comma() -> None:
    assert found("No weakness, my eyelid twitches.") == (["twitch_eyelid"], ["muscle_weakness"])


def test_negation_stops_at_just_after_a_comma() -> None:
    assert found("I'm not anxious, just tired.") == (["fatigue"], ["stress_anxiety_present"])


def test_negation_reaches_every_item_of_a_list() -> None:
    assert found("I have no fever, rash or weakness.") == ([], ["fever", "muscle_weakness", "skin_rash"])


def test_a_denial_names_its_cue_and_keeps_the_original_span() -> None:
    text = "Twitchy eye. NO fever."
    mention = parse_text(text).absent[0]
    assert (mention.finding_id, mention.cue, mention.text) == ("fever", "NO", "fever")
    assert text[mention.start : mention.end] == "fever"


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("I don't like milk.", ["low_calcium_diet"]),
        ("I'm not sleeping well.", ["poor_sleep"]),
        ("Can't concentrate at all.", ["poor_concentration"]),
        ("My right eye won't stop twitching.", ["twitch_eyelid"]),
        ("I didn't drink enough water.", ["low_fluid_intake"]),
        ("She hasn't come round.", ["loss_of_awareness"]),
    ],
)
def test_a_negation_word_inside_a_symptom_phrase_is_not_a_denial(text: str, present: list[str]) -> None:
    assert found(text) == (present, [])


def test_a_denial_before_a_normal_finding_does_not_flip_it() -> None:
    present, absent = found("No droop, speech is normal.")
    assert present == []
    assert absent == ["speech_difficulty", "sudden_weakness_or_numbness_one_side"]


def test_a_negated_normal_finding_is_present() -> None:
    assert found("My speech is not normal.") == (["speech_difficulty"], [])


def test_normal_findings_are_read_as_absent() -> None:
    present, absent = found("My legs feel strong. My breathing is fine. I still walk miles every day.")
    assert present == []
    assert absent == ["breathing_difficulty", "difficulty_walking", "muscle_weakness"]


def test_no_history_of_seizures_denies_seizures_and_epilepsy() -> None:
    assert found("No history of seizures.") == ([], ["known_epilepsy", "seizure"])


def test_never_had_a_fit_before_is_a_first_seizure_not_a_denial() -> None:
    present, absent = found("She went stiff and shook. She's never had a fit before.")
    assert "first_seizure" in present
    assert "seizure" in present
    assert absent == ["known_epilepsy"]


@pytest.mark.parametrize(
    ("text", "language", "denied", "not_denied"),
    [
        ("No chest pain.", "en", "chest_pain", "muscle_pain"),
        ("No chest pain.", "en", "chest_pain", "twitch_painful"),
        ("Pas de douleur à la poitrine.", "fr", "chest_pain", "muscle_pain"),
        ("pas de douleur dans la poitrine, je respire bien", "fr", "chest_pain", "twitch_painful"),
    ],
)
def test_denying_a_specific_pain_does_not_deny_every_pain(
    text: str, language: str, denied: str, not_denied: str
) -> None:
    parsed = parse_text(text, language=language)
    assert denied in parsed.absent_ids and not_denied not in parsed.absent_ids


@pytest.mark.parametrize(
    ("text", "language"), [("no pain or weakness", "en"), ("pas de douleur ni de faiblesse", "fr")]
)
def test_a_plain_no_pain_still_denies_painful_twitching(text: str, language: str) -> None:
    assert "twitch_painful" in parse_text(text, language=language).absent_ids


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Shoulder twitching for a week. Any weakness? No.", "muscle_weakness"),
        ("My calf twitches. Fever? None.", "fever"),
        ("Thigh jumping since Sunday. Trouble swallowing? No!", "swallowing_difficulty"),
    ],
)
def test_a_question_mark_after_a_symptom_then_no_is_a_denial(text: str, denied: str) -> None:
    present, absent = found(text)
    assert denied in absent
    assert denied not in present


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Could my arm be weak? No idea. My arm is weak when I lift things.", "muscle_weakness"),
        ("Is it serious? No. My hand feels weak though.", "muscle_weakness"),
        ("Any fever? No, but my calf twitches.", "twitch_leg_calf"),
    ],
)
def test_an_answer_with_more_words_or_to_another_question_denies_nothing_else(text: str, kept: str) -> None:
    present, _absent = found(text)
    assert kept in present


@pytest.mark.parametrize(
    "text",
    ["Eyelid going for 3 days. Numbness? Nope.", "Jaw twitching. Weakness? Nah.", "Calf twitch. Weakness? Not really."],
)
def test_a_texted_no_after_a_question_is_a_denial(text: str) -> None:
    present, absent = found(text)
    assert {"muscle_weakness", "numbness_limbs"} & set(absent)
    assert not {"muscle_weakness", "numbness_limbs"} & set(present)


def test_nope_denies_only_the_question_before_it_not_the_sentence_after() -> None:
    present, absent = found("Fever? Nope. My calf twitches every night.")
    assert "fever" in absent
    assert "twitch_leg_calf" in present
