"""French readings of how people write, one class per test (sentences written for the test, not copied from a case).

Each test names a general reading of French (Canada) wording: how many places make
twitching widespread, Québec "pu" for "plus", a pronoun that takes up a body part,
and so on; every one is checked on several phrasings of the same meaning.
"""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text
from twitchcheck.nlu.models import ParsedText


def fr(text: str) -> ParsedText:
    return parse_text(text, language="fr")


# ---------------------------------------------------------------- how many places make "partout"


@pytest.mark.parametrize(
    "text",
    [
        "Mes bras pis mes mollets twitchent le soir.",
        "J'ai des spasmes dans les cuisses et dans les bras depuis hier.",
        "Ça saute dans le dos pis dans les jambes.",
        "mes mains sautent, mes pieds aussi",
    ],
)
def test_two_named_places_are_two_places_not_twitching_all_over(text: str) -> None:
    assert "twitch_widespread" not in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Mes bras, mes jambes pis mon dos sautent.",
        "J'ai des twitchs dans les mollets, les bras et le ventre.",
        "Ça saute dans le dos, dans les cuisses pis dans les bras.",
    ],
)
def test_arms_legs_and_trunk_together_are_twitching_all_over(text: str) -> None:
    assert "twitch_widespread" in fr(text).present_ids


# ---------------------------------------------------------------- Québec "pu" for "plus"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Je suis tellement stressé, je dors pu.", "poor_sleep"),
        ("Depuis le bébé on dort presque pu.", "poor_sleep"),
        ("J'arrive pu à dormir avec le stress.", "poor_sleep"),
        ("Au travail j'arrive pu à me concentrer.", "poor_concentration"),
        ("J'arrive plus à me concentrer depuis un mois.", "poor_concentration"),
        ("Elle arrivait pu à se concentrer.", "poor_concentration"),
        ("Depuis hier j'arrive pu à retenir mon urine.", "bladder_bowel_problems"),
        ("Il peut pu se retenir, il a fait pipi dans son pantalon.", "bladder_bowel_problems"),
        ("Ma mère se souvient pu de rien.", "memory_problems"),
        ("Il reconnaît pu personne.", "ongoing_confusion"),
    ],
)
def test_quebec_pu_after_a_verb_says_no_longer_like_plus(text: str, finding: str) -> None:
    parsed = fr(text)
    assert finding in parsed.present_ids
    assert finding not in parsed.absent_ids


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("J'arrive pu à avaler comme avant.", "swallowing_difficulty"),
        ("Je peux pu monter les escaliers.", "difficulty_walking"),
    ],
)
def test_cannot_any_more_said_with_pu_is_a_difficulty_not_a_denial(text: str, finding: str) -> None:
    parsed = fr(text)
    assert finding in parsed.present_ids
    assert finding not in parsed.absent_ids


# ---------------------------------------------------------------- a pronoun takes up the place said before


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Ses cuisses sont enflées, super douloureuses, ça twitch dedans.", "twitch_leg_calf"),
        ("Mon mollet est dur comme de la roche, il saute tout le temps.", "twitch_leg_calf"),
        ("Mes bras sont fatigués, ils font des spasmes le soir.", "twitch_arm_hand"),
        ("J'ai mal dans le bas du dos, ça tressaute.", "twitch_trunk"),
        ("Ma main est raide, elle sursaute toute seule.", "twitch_arm_hand"),
    ],
)
def test_a_twitch_said_by_a_pronoun_after_a_comma_is_in_the_place_named_before(text: str, place: str) -> None:
    assert place in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Ma jambe est engourdie, ça saute dans mon œil.",
        "J'ai des crampes dans les mollets, ça saute dans la paupière aussi.",
        "Mon bras est fatigué, ça tressaute dans la face.",
    ],
)
def test_a_pronouns_twitch_with_a_place_of_its_own_stays_there(text: str) -> None:
    present = set(fr(text).present_ids)
    assert not {"twitch_leg_calf", "twitch_arm_hand"} & present


# ---------------------------------------------------------------- where it started, where it is now


@pytest.mark.parametrize(
    "text",
    [
        "J'ai des twitchs. Ça a commencé dans le mollet gauche, là c'est rendu partout.",
        "Ça a commencé dans le mollet droit il y a 2 mois, maintenant c'est les deux jambes pis les bras.",
        "ça a commencé au pouce, astheure c'est toute la main",
        "Mon œil sautait, pis là c'est rendu dans la joue.",
        "Ma paupière saute. Ça s'est rendu jusqu'au coin de la bouche.",
    ],
)
def test_where_a_twitch_started_then_where_it_is_now_is_spreading(text: str) -> None:
    assert "spreading" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "L'engourdissement a commencé au pied, là c'est rendu au genou.",
        "La douleur a commencé dans le dos, maintenant c'est rendu dans la jambe.",
        "Les picotements ont commencé dans les doigts, là c'est rendu dans le bras.",
    ],
)
def test_a_numbness_or_pain_that_moved_is_not_a_spreading_twitch(text: str) -> None:
    assert "spreading" not in fr(text).present_ids


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Ça saute partout : les deux mollets, les bras, le dos.", {"twitch_leg_calf", "twitch_arm_hand", "twitch_trunk"}),
        ("J'ai des spasmes un peu partout : mes deux bras, le ventre.", {"twitch_arm_hand", "twitch_trunk"}),
        ("Des twitchs partout : les deux cuisses pis le dos.", {"twitch_leg_calf", "twitch_trunk"}),
    ],
)
def test_a_list_of_places_after_partout_may_count_them(text: str, places: set[str]) -> None:
    assert places <= set(fr(text).present_ids)


# ---------------------------------------------------------------- a jolt in a small part is a twitch of it


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Depuis une semaine elle a des secousses dans les mains.", "twitch_arm_hand"),
        ("J'ai des secousses dans les mollets la nuit.", "twitch_leg_calf"),
        ("Des secousses dans les doigts pis des picotements.", "twitch_arm_hand"),
        ("J'ai des soubresauts dans la paupière depuis lundi.", "twitch_eyelid"),
        ("des saccades dans le pouce", "twitch_arm_hand"),
    ],
)
def test_a_jolt_inside_a_small_part_is_a_twitch_of_it_not_an_uncontrollable_jerk(text: str, place: str) -> None:
    parsed = fr(text)
    assert place in parsed.present_ids
    assert "uncontrollable_jerks" not in parsed.present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Le matin j'ai des secousses des bras, j'échappe mes affaires.",
        "Il a des secousses de tout le corps.",
        "Ma mère a des secousses soudaines dans les bras.",
    ],
)
def test_the_jerk_of_a_whole_limb_or_the_body_stays_an_uncontrollable_jerk(text: str) -> None:
    assert "uncontrollable_jerks" in fr(text).present_ids
