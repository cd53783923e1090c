"""A deficit told after an episode that began today is as sudden as the episode (issue #11).

The error class: a carer tells an episode first ("her hand started jerking
about 20 minutes ago"), then what is left after it, a sentence or two later
("Now it has stopped but her left arm is weak, her speech is slurred"). The
stroke warning (NHS Stroke, FAST: sudden weakness of one arm, slurred speech;
after a seizure it cannot be told from a stroke at home) was read only when the
onset and the deficit shared a sentence. The wording here is our own.
"""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text

SUDDEN_ONE_SIDE = "sudden_weakness_or_numbness_one_side"
SUDDEN_SPEECH = "sudden_speech_or_vision_loss"


def present(text: str, language: str = "en") -> set[str]:
    return set(parse_text(text, language=language).present_ids)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "My mother's left hand began jerking about 20 minutes ago and she didn't answer me. "
            "It lasted a minute or so. Now it has stopped but her left arm is weak and her speech is slurred.",
            "en",
        ),
        ("My brother had a fit this afternoon. Since then his right leg is weak and his words come out slurred.", "en"),
        (
            "La main gauche de ma mère s'est mise à sauter il y a 20 minutes. Ça a duré une minute. "
            "Là c'est arrêté mais son bras gauche est faible pis elle parle mal.",
            "fr",
        ),
        (
            "Mon frère a fait une crise cet après-midi. Depuis ce temps sa jambe droite est faible pis il parle mal.",
            "fr",
        ),
    ],
)
def test_a_one_sided_deficit_after_an_episode_today_is_sudden(text: str, language: str) -> None:
    found = present(text, language)
    assert SUDDEN_ONE_SIDE in found
    assert SUDDEN_SPEECH in found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the episode began months ago: weakness now is slow, a reason for a referral, not an ambulance
        ("My calf started jerking 2 months ago and I blanked out once. Now my right leg is weak.", "en"),
        # no episode before the weakness: the day's coffee is not one
        ("I had 3 coffees this morning. My eyelid twitches. Now my right hand is weak.", "en"),
        ("Mon mollet saute depuis 2 mois. Maintenant ma jambe droite est faible.", "fr"),
    ],
)
def test_a_deficit_that_is_not_as_new_as_an_episode_today_is_not_called_sudden(text: str, language: str) -> None:
    assert SUDDEN_ONE_SIDE not in present(text, language)


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Pendant la crise il me répondait pas.", {"loss_of_awareness", "seizure"}, set()),
        ("Elle répondait pas à mes textos hier.", set(), {"loss_of_awareness"}),
    ],
)
def test_french_not_answering_during_a_spell_is_a_loss_of_awareness(
    text: str, expected: set[str], absent: set[str]
) -> None:
    found = present(text, "fr")
    assert expected <= found
    assert not absent & found


def test_a_french_body_part_of_my_husband_makes_the_text_about_him() -> None:
    """In French the person follows the body part: « le visage de mon mari » is his face, and his story."""
    parsed = parse_text("Le côté droit du visage de mon mari s'est mis à sauter.", language="fr")
    assert parsed.subject == "other"
    assert "twitch_face" in parsed.present_ids
