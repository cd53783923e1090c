"""What a length of time belongs to, how a deficit moved over days, and whose condition a relative clause names.

Error classes found on blind development narratives in the tenth session (issue #11), each tested
with wording of our own: the 10 minutes of confusion after a fit are not the fit's, a cramp that has
not let go for 20 minutes is the NHS's urgent cramp, numbness that spread over two days is a new
deficit over hours to days, and "my husband, who has had a stroke" is the husband's stroke.
"""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text

from .conftest import read


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He was muddled for 15 minutes after his seizure, then himself again.", "en"),
        ("She was confused for 10 minutes after the seizure.", "en"),
        ("Il a été confus pendant 10 minutes après sa crise.", "fr"),
    ],
)
def test_the_length_of_the_confusion_after_a_fit_is_not_the_length_of_the_fit(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "seizure" in present
    assert "seizure_now_or_over_5_min" not in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He had a fit that lasted 7 minutes and was confused after.", "en"),
        ("The fit went on for 6 minutes, afterwards she was dazed for 20 minutes.", "en"),
        ("Sa crise a duré 6 minutes, après il était mêlé.", "fr"),
    ],
)
def test_a_long_fit_stays_long_when_confusion_follows_it(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "seizure_now_or_over_5_min" in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Afterwards she was confused 5-10 minutes.", "en"),
        ("Après, chu restée mêlée 5 minutes.", "fr"),
    ],
)
def test_confusion_said_to_last_some_minutes_is_brief(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "brief_confusion" in present
    assert "ongoing_confusion" not in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My mum has been confused for 40 minutes and it is not getting better.", "en"),
        ("Ma mère est mêlée depuis 30 minutes pis ça passe pas.", "fr"),
    ],
)
def test_confusion_still_going_on_after_some_minutes_stays_ongoing(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "ongoing_confusion" in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My calf cramped up 20 minutes ago and it still won't let go, stretching does nothing.", "en"),
        ("I've had a cramp in my foot for 25 minutes now.", "en"),
        ("Crampe dans la cuisse depuis 15 minutes, ça lâche pas même quand je marche.", "fr"),
    ],
)
def test_a_cramp_that_has_gone_on_for_over_10_minutes_is_read(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "cramp_over_10_minutes" in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I get calf cramps at night, they last a minute or so.", "en"),
        ("I get cramps at night and my calf twitched for 20 minutes afterwards.", "en"),
        ("J'ai des crampes la nuit, ça dure une minute.", "fr"),
    ],
)
def test_a_short_cramp_or_a_long_twitch_is_no_long_cramp(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "muscle_cramps" in present
    assert "cramp_over_10_minutes" not in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Over the last 3 days my right leg has got weaker and weaker and my calf twitches.", "en"),
        ("Since Sunday the numbness has spread from my feet to my knees.", "en"),
        ("For 2 days walking has been harder and harder, and my thighs jump.", "en"),
        ("Depuis 3 jours mes jambes sont engourdies pis ça a empiré hier.", "fr"),
        ("Ma faiblesse dans le bras s'est étendue à la main depuis avant-hier.", "fr"),
    ],
)
def test_a_deficit_that_worsened_over_days_is_rapidly_progressing(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "rapidly_progressing_symptoms" in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("For 5 months my hand has slowly got weaker.", "en"),
        ("My eyelid has twitched for 3 days and it is getting worse. I feel a bit tired.", "en"),
        ("Je monte les escaliers sur une jambe sans problème, ça saute dans le mollet depuis 3 jours.", "fr"),
        ("Ça a commencé dans le mollet il y a 4 mois, là ça gagne les bras.", "fr"),
    ],
)
def test_a_slow_course_a_worse_twitch_or_climbing_stairs_is_not_rapidly_progressing(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "rapidly_progressing_symptoms" not in present


@pytest.mark.parametrize(
    ("text", "language", "theirs"),
    [
        ("I'm 70 and I look after my wife, who has dementia. My eyelid flickers.", "en", "memory_problems"),
        ("I care for my husband who has had a stroke, and my calf twitches.", "en", "known_neurological_condition"),
        ("Je m'occupe de mon mari qui a eu un AVC, pis ma paupière saute.", "fr", "known_neurological_condition"),
    ],
)
def test_a_condition_named_in_a_relative_clause_is_the_relatives(text: str, language: str, theirs: str) -> None:
    present, _ = read(text, language)
    assert theirs not in present


def test_a_carer_writing_about_a_relative_with_a_condition_still_gives_it_to_them() -> None:
    present, _ = read("Writing about my mum, 82, who has dementia; her arms jerk.")
    assert {"known_neurological_condition", "uncontrollable_jerks"} <= present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Just as he's dropping off, his whole body gives one big jerk.", "en"),
        ("When I fall asleep, my legs jerk and wake me.", "en"),
        ("Juste quand il s'endort, tout son corps fait une grosse secousse.", "fr"),
    ],
)
def test_a_jerk_in_the_clause_after_falling_asleep_is_a_sleep_start(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "jerks_when_falling_asleep" in present
    assert "uncontrollable_jerks" not in present


def test_a_written_and_still_ends_the_clause_for_a_fit() -> None:
    present, _ = read("I nearly passed out and my hands were shaking.")
    assert "seizure" not in present


@pytest.mark.parametrize(
    ("text", "walking"),
    [
        ("I tripped on the kerb and banged my head.", False),
        ("He keeps tripping over his own feet.", True),
        ("She has tripped a few times this month.", True),
    ],
)
def test_one_trip_is_an_accident_and_tripping_again_is_a_walking_problem(text: str, walking: bool) -> None:
    present, _ = read(text)
    assert ("difficulty_walking" in present) is walking


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My brother collapsed and his arms and legs are jerking, it has been 6 minutes.", "en"),
        ("Ma fille est tombée par terre pis ses bras pis ses jambes donnent des grands coups depuis 6 minutes.", "fr"),
    ],
)
def test_jerking_limbs_after_a_fall_to_the_floor_is_a_fit_and_its_length_counts(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert {"seizure", "seizure_now_or_over_5_min"} <= present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My arms jerk in the mornings and I dropped my cup.", "en"),
        ("My legs jerk when I wake up, I fell asleep late.", "en"),
        ("Her arms jerk in the mornings and she dropped her cereal on the floor.", "en"),
        ("Ses bras sursautent le matin pis elle échappe son café par terre.", "fr"),
    ],
)
def test_jerks_without_the_person_falling_are_not_read_as_a_fit(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "seizure" not in present


@pytest.mark.parametrize(
    "text",
    [
        "My wife has epilepsy, she is fitting right now, it's been 6 minutes. Her seizures usually last a minute.",
        "My son has epilepsy. He had a seizure, then before he came round he had another one.",
    ],
)
def test_a_fit_longer_than_the_usual_one_or_a_second_before_recovery_is_read(text: str) -> None:
    present, _ = read(text)
    assert "seizure_injury_or_repeated" in present


def test_the_usual_length_of_something_else_is_no_seizure_longer_than_usual() -> None:
    present, _ = read("My daughter has epilepsy and had a seizure today. She usually naps for 20 minutes after lunch.")
    assert "seizure_injury_or_repeated" not in present


@pytest.mark.parametrize(
    ("text", "finding", "language"),
    [
        ("I have to strain to read the screen, my eyelid twitches.", "bladder_bowel_problems", "en"),
        ("C'est pas lui qui conduit, ma jambe saute.", "behavior_change", "fr"),
    ],
)
def test_the_same_words_in_another_sense_are_not_these_findings(text: str, finding: str, language: str) -> None:
    present, _ = read(text, language)
    assert finding not in present


@pytest.mark.parametrize(
    ("text", "finding", "language"),
    [
        ("He has hardly passed any urine since yesterday.", "little_or_no_urine", "en"),
        ("Since this morning I have trouble peeing and have to strain.", "bladder_bowel_problems", "en"),
        ("The doctor upped my sertraline from 50 to 100mg.", "new_medicine", "en"),
        ("My heart feels racy at night.", "rapid_heartbeat", "en"),
        ("Ma mère boit quasiment rien depuis jeudi.", "low_fluid_intake", "fr"),
        ("Il traîne des pieds quand il marche.", "difficulty_walking", "fr"),
        ("Il s'énerve pour rien, c'est pas lui ça.", "behavior_change", "fr"),
        ("Il est plus capable de faire ses comptes.", "impaired_thinking", "fr"),
    ],
)
def test_everyday_wording_of_these_findings_is_read(text: str, finding: str, language: str) -> None:
    present, _ = read(text, language)
    assert finding in present


def test_muscle_twitches_called_muscular_jolts_are_no_jerks_of_a_limb() -> None:
    present, _ = read("J'ai des secousses musculaires dans les mollets depuis un mois.", "fr")
    assert "twitch_leg_calf" in present
    assert "uncontrollable_jerks" not in present


def test_not_being_able_to_say_whether_a_limb_is_weaker_is_a_hedge() -> None:
    present, _ = read("My calves ripple all day. Can't say if my legs are weaker honestly.")
    assert "muscle_weakness" not in present


def test_mon_gars_is_someone_else_so_the_writers_own_words_do_not_take_the_story() -> None:
    """Québec French "mon gars de 16 ans" is the writer's son: what follows is his, even after "je l'appelle"."""
    parsed = parse_text(
        "Mon gars de 16 ans vient de tomber pis ses bras donnent des grands coups. Il répond pas quand je l'appelle.",
        language="fr",
    )
    assert parsed.subject == "other"
    assert {"seizure", "loss_of_awareness"} <= set(parsed.present_ids)


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("My left thumb keeps going, has done for days.", "twitch_arm_hand"),
        ("My eye keeps going when I'm tired.", "twitch_eyelid"),
        ("My calf kept going all night.", "twitch_leg_calf"),
    ],
)
def test_a_part_that_keeps_going_is_twitching_there(text: str, site: str) -> None:
    present, _ = read(text)
    assert site in present


def test_keeping_going_oneself_is_no_twitch() -> None:
    present, _ = read("My arm hurts but I keep going to work.")
    assert "twitch_arm_hand" not in present


@pytest.mark.parametrize("text", ["I'm sleeping ok, my calf twitches.", "Sleeping good, eating good."])
def test_sleeping_ok_denies_poor_sleep(text: str) -> None:
    _, absent = read(text)
    assert "poor_sleep" in absent


def test_not_sleeping_ok_is_poor_sleep() -> None:
    present, _ = read("I have not slept ok for weeks.")
    assert "poor_sleep" in present
