"""Places listed after a twitch twitch too, and a place that starts a new clause does not (issue #11).

The error class: on the development narratives, lists of places ("all over -
calves, biceps, even my back"; "spread to my arms, my back and now my eyelid")
lost every place past the first few words. The wording here is our own.
"""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text


def present(text: str, language: str = "en") -> set[str]:
    return set(parse_text(text, language=language).present_ids)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Twitches all over - shins, forearms, even my belly.", {"twitch_leg_calf", "twitch_arm_hand", "twitch_trunk"}),
        (
            "The twitching began in my left thigh and has spread to my hands, my chest and now my eyelid.",
            {"twitch_leg_calf", "twitch_arm_hand", "twitch_trunk", "twitch_eyelid"},
        ),
        (
            "My foot started twitching in May. Now it's in both arms and my back too.",
            {"twitch_arm_hand", "twitch_trunk"},
        ),
    ],
)
def test_every_place_in_a_list_after_a_twitch_is_read(text: str, places: set[str]) -> None:
    assert places <= present(text)


@pytest.mark.parametrize(
    ("text", "not_a_twitch"),
    [
        ("My calf twitches, fingers and lips tingle.", "twitch_face"),
        ("My calf twitches, and my shoulder aches.", "twitch_arm_hand"),
        ("Eyelid twitching. My back hurts from the desk.", "twitch_trunk"),
    ],
)
def test_a_place_that_starts_a_clause_of_its_own_is_not_a_twitch(text: str, not_a_twitch: str) -> None:
    assert not_a_twitch not in present(text)


def test_the_place_list_needs_a_twitch_nearby_to_open() -> None:
    """ "Spread to" without a twitch in the sentence or the one before opens no list: numbness spreads too."""
    assert "twitch_arm_hand" not in present("Eyelid flicker last year. I hurt my knee. The bruise spread to my arm.")


def test_another_symptom_said_before_spread_to_is_what_spread() -> None:
    """After a twitch, in "my foot went numb and then it spread to my arm" the numbness spread: no arm twitch."""
    found = present("My calves twitch all day. Then my right foot went numb and then it spread to my right arm.")
    assert "twitch_arm_hand" not in found
    assert "numbness_one_side" in found


def test_a_denied_symptom_before_spread_to_is_not_what_spread() -> None:
    """Only a symptom that is there can be what spread: "no numbness, but it has spread to my arms" is the twitch."""
    assert "twitch_arm_hand" in present("My calf twitches every day. No numbness, but it has spread to my arms now.")


def test_french_lists_of_places_are_read_the_same_way() -> None:
    found = present("J'ai des secousses partout : cuisses, avant-bras, même dans le dos.", language="fr")
    assert {"twitch_leg_calf", "twitch_arm_hand", "twitch_trunk"} <= found


def test_eyes_in_a_seizure_are_not_a_place_in_a_french_list() -> None:
    """ "Les yeux dans la tête" during a fit: a place followed by a preposition ends the list, it is not in it."""
    found = present("Ses jambes sursautaient, les yeux dans la tête, pendant une minute.", language="fr")
    assert "twitch_eyelid" not in found


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Heavy squat session two days ago. Today my quads are sore and keep twitching.", "twitch_after_exercise"),
        ("I can barely get up the stairs since Tuesday.", "difficulty_walking"),
        ("I had to give up running because of it.", "affects_daily_life"),
        ("My sister had SLA.", "family_history_neuromuscular"),
        ("Grandad is not making much sense tonight.", "ongoing_confusion"),
    ],
)
def test_everyday_wording_of_a_finding_is_read(text: str, finding: str) -> None:
    assert finding in present(text)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("My thumb twitches when I hold my coffee mug.", "high_caffeine"),
        ("Her handwriting has become small and cramped.", "muscle_cramps"),
        ("My hands went into a spasm.", "twitch_arm_hand"),
    ],
)
def test_a_word_in_another_sense_is_not_the_finding(text: str, finding: str) -> None:
    assert finding not in present(text)


def test_a_non_native_denial_of_speech_and_swallowing_denies_both() -> None:
    absent = set(parse_text("No problem to swallow or to talk.").absent_ids)
    assert {"speech_difficulty", "swallowing_difficulty"} <= absent


@pytest.mark.parametrize(
    ("text", "language", "place"),
    [
        ("My thigh cramped after the game and the muscle is still twitching.", "en", "twitch_leg_calf"),
        ("Crampe dans la cuisse hier soir, pis ça saute encore dans le muscle.", "fr", "twitch_leg_calf"),
    ],
)
def test_a_twitch_of_the_muscle_is_the_place_named_before(text: str, language: str, place: str) -> None:
    assert place in present(text, language=language)


def test_a_muscle_that_names_its_own_place_does_not_take_the_one_before() -> None:
    found = present("My foot cramps in bed. In the daytime the muscles in my shoulder twitch.")
    assert "twitch_leg_calf" not in found
    assert "twitch_arm_hand" in found


@pytest.mark.parametrize(
    ("text", "language", "place"),
    [
        ("My thighs are rock hard, swollen and painful, they keep twitching.", "en", "twitch_leg_calf"),
        ("His calves look big and hard, they twitch sometimes.", "en", "twitch_leg_calf"),
        ("My calf cramped last night and I can see twitches in it.", "en", "twitch_leg_calf"),
        ("Ses mollets sont gros et durs, des fois ils tressautent.", "fr", "twitch_leg_calf"),
        ("Ses mollets sont gros et durs, pis des fois je vois des petits twitchs dedans.", "fr", "twitch_leg_calf"),
    ],
)
def test_a_twitch_said_of_a_pronoun_is_the_place_named_before(text: str, language: str, place: str) -> None:
    assert place in present(text, language=language)


@pytest.mark.parametrize(
    ("text", "language", "not_a_twitch"),
    [
        ("My calves are fine, they don't twitch.", "en", "twitch_leg_calf"),
        ("My calves ache, it twitches in my arm.", "en", "twitch_leg_calf"),
        ("My calves ache. It twitches a lot.", "en", "twitch_leg_calf"),
        ("Mes mollets sont durs, ils ne tressautent jamais.", "fr", "twitch_leg_calf"),
    ],
)
def test_a_pronoun_twitch_that_is_denied_placed_elsewhere_or_in_another_sentence_takes_no_place(
    text: str, language: str, not_a_twitch: str
) -> None:
    assert not_a_twitch not in present(text, language=language)


def test_small_contractions_all_over_are_twitching_in_many_places_but_not_in_pregnancy() -> None:
    found = present("J'ai des petites contractions partout, dans les bras, les cuisses, les mollets.", language="fr")
    assert {"twitch_widespread", "twitch_arm_hand", "twitch_leg_calf"} <= found
    pregnant = present("Je suis enceinte de 30 semaines, j'ai des petites contractions partout.", language="fr")
    assert "twitch_widespread" not in pregnant


def test_staring_spells_said_as_spells_are_read() -> None:
    assert "staring_spells" in present("Her teacher noticed a few staring episodes this week.")


@pytest.mark.parametrize(
    ("text", "language", "places"),
    [
        (
            "Quick question - my wife's left foot and the left side of her mouth began jerking just now.",
            "en",
            {"twitch_leg_calf", "twitch_face"},
        ),
        ("Both forearms and calves twitch at night.", "en", {"twitch_arm_hand", "twitch_leg_calf"}),
        ("Cramps, thumb and cheek twitching since Monday.", "en", {"twitch_arm_hand", "twitch_face"}),
        (
            "Le pied gauche pis le coin de la bouche de ma blonde se sont mis à sauter.",
            "fr",
            {"twitch_leg_calf", "twitch_face"},
        ),
    ],
)
def test_places_listed_before_a_twitch_twitch_too(text: str, language: str, places: set[str]) -> None:
    assert places <= present(text, language)


@pytest.mark.parametrize(
    "text",
    [
        # the place belongs to the numbness or the weakness before it, not to the twitch after it (far enough
        # from the twitch that no single pattern reaches it)
        "Numbness in my foot and the left side of my face has started twitching.",
        "A weak foot and the left side of my face has started twitching.",
        "My foot is weak and the left side of my face has started twitching.",
        # the places before the comma are where the numbness is
        "My whole left side went numb, the arm and the foot, and now my cheek twitches.",
    ],
)
def test_a_place_read_back_from_a_twitch_must_be_a_list_of_its_own(text: str) -> None:
    assert "twitch_leg_calf" not in present(text)


def test_a_pronoun_that_gave_its_place_is_not_shown_as_not_understood() -> None:
    """The words "they keep twitching" said the twitch: listing them under "could not use" would be wrong."""
    parsed = parse_text("My shins feel tight after the hike, they keep twitching.")
    assert "twitch_leg_calf" in parsed.present_ids
    assert not any("twitching" in clause for clause in parsed.not_understood)


@pytest.mark.parametrize(
    ("text", "language", "place"),
    [
        ("My eyelid flickers all day. My thigh does it too.", "en", "twitch_leg_calf"),
        ("My cheek has been jumping since Monday. Now my forearm is doing the same.", "en", "twitch_arm_hand"),
        ("Ma paupière saute depuis lundi. Là mon avant-bras fait pareil.", "fr", "twitch_arm_hand"),
    ],
)
def test_a_place_that_does_what_the_twitch_just_told_does_twitches(text: str, language: str, place: str) -> None:
    assert place in present(text, language)


def test_a_place_said_to_do_it_too_needs_a_twitch_just_before() -> None:
    """ "My leg is weak. My arm does it too" is weakness, not a twitch, in the arm."""
    assert "twitch_arm_hand" not in present("My leg is weak. My arm does it too.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My left calf has flickered for a month. Now my right calf has joined in.", "en"),
        ("Mon mollet gauche saute depuis un mois. Là mon mollet droit s'y est mis.", "fr"),
    ],
)
def test_a_new_place_joining_in_is_spreading(text: str, language: str) -> None:
    assert "spreading" in present(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My shins ache after the hike. They keep twitching.", "en"),
        ("Mes cuisses sont raides depuis le match. Elles sautent le soir.", "fr"),
    ],
)
def test_a_plural_pronoun_opening_a_sentence_takes_the_plural_place_before(text: str, language: str) -> None:
    assert "twitch_leg_calf" in present(text, language=language)


@pytest.mark.parametrize(
    "text",
    [
        "My shin aches after the hike. They keep twitching.",  # one shin, and "they" is someone else
        "My shins ache after the hike. Today they told me it keeps twitching.",  # not opening the sentence
    ],
)
def test_a_pronoun_in_a_new_sentence_needs_a_plural_place_and_to_open_it(text: str) -> None:
    assert "twitch_leg_calf" not in present(text)


def test_a_place_that_does_it_too_may_follow_a_twitch_word_without_a_place() -> None:
    assert "twitch_leg_calf" in present("Twitching since the spring, and now my thigh does it too.")
