"""French readings of how people write, one class per test (sentences written for the test, not copied from a case).

Each test names a general reading of French (Canada) wording: how many places make
twitching widespread (two regions or more, as in English), Québec "pu" for "plus", a pronoun
that takes up a body part, the jolts of a seizure, how far a denial reaches,
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
        "Mes bras, mes jambes pis mon dos sautent.",
        "J'ai des twitchs dans les mollets, les bras et le ventre.",
        "Ça saute dans le dos, dans les cuisses pis dans les bras.",
    ],
)
def test_arms_legs_and_trunk_named_together_are_twitching_all_over(text: str) -> None:
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
        (
            "Ça saute partout : les deux mollets, les bras, le dos.",
            {"twitch_leg_calf", "twitch_arm_hand", "twitch_trunk"},
        ),
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


# ---------------------------------------------------------------- word senses and everyday phrasings


@pytest.mark.parametrize(
    "text",
    [
        "Le matin j'ai des secousses des bras, je renverse mon café.",
        "Mes mains sautent pis j'échappe ma tasse.",
        "J'ai lancé mon café par terre quand mon bras a sauté.",
    ],
)
def test_spilling_or_dropping_a_coffee_is_not_caffeine_taken(text: str) -> None:
    assert "high_caffeine" not in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Depuis 2h mon cœur est irrégulier pis rapide.",
        "Mon coeur est super rapide depuis le café.",
        "J'ai le cœur accéléré pis les bras qui sautent.",
        "Mon cœur s'emballe le soir.",
    ],
)
def test_a_heart_said_to_be_fast_by_an_adjective_is_a_rapid_heartbeat(text: str) -> None:
    assert "rapid_heartbeat" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Mon médecin a monté mon Vyvanse à 50 mg il y a un mois.",
        "Ils ont augmenté mon Concerta à 36 mg.",
        "Mon psy a baissé ma sertraline à 50 mg la semaine passée.",
        "Le Keppra a été doublé à 1000 mg.",
    ],
)
def test_a_medicine_raised_or_lowered_to_a_stated_dose_is_a_new_medicine(text: str) -> None:
    assert "new_medicine" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Il est raide dans ses mouvements.",
        "Je suis raide dans les jambes le matin.",
        "Elle est raide dans son cou depuis une semaine.",
    ],
)
def test_stiff_in_the_movements_or_a_limb_is_muscle_stiffness(text: str) -> None:
    assert "muscle_stiffness" in fr(text).present_ids


def test_stiff_dead_or_falling_stiff_is_still_no_muscle_stiffness() -> None:
    assert "muscle_stiffness" not in fr("J'étais raide mort de fatigue hier.").present_ids
    assert "muscle_stiffness" not in fr("Il est tombé raide dans le salon pis il a convulsé.").present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Ma femme trouve que je parle pâteux depuis quelque temps.",
        "Mon père parle mou depuis hier.",
        "Elle parle croche pis sa bouche tombe.",
        "Il parle drôle, les mots sortent mal.",
    ],
)
def test_a_way_of_speaking_said_by_an_adjective_is_a_speech_difficulty(text: str) -> None:
    assert "speech_difficulty" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Depuis à matin je vois presque pu rien de l'œil gauche.",
        "Depuis tantôt je vois plus rien de l'œil droit.",
        "Je vois presque plus rien de cet œil depuis cet après-midi.",
        "Depuis à soir mon père parle pâteux.",
    ],
)
def test_a_loss_of_sight_or_speech_since_earlier_today_is_sudden(text: str) -> None:
    assert "sudden_speech_or_vision_loss" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Il a fait une crise. Après il était mêlé genre 5 minutes, là il est correct.",
        "Après sa convulsion elle était confuse environ 10 minutes.",
        "J'ai fait une crise, après j'étais désorienté une couple de minutes.",
    ],
)
def test_confusion_for_some_minutes_after_a_seizure_is_brief_confusion(text: str) -> None:
    parsed = fr(text)
    assert "brief_confusion" in parsed.present_ids
    assert "ongoing_confusion" not in parsed.present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Je game tard, je me couche vers 3h pis je me lève à 8h.",
        "Je me suis couché à 2h du matin toute la semaine.",
        "Elle se couche pas avant minuit.",
    ],
)
def test_going_to_bed_after_midnight_is_poor_sleep(text: str) -> None:
    assert "poor_sleep" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Je pense que c'est la SLA, mon oncle est mort de ça en 2015.",
        "C'est peut-être la dystrophie, ma tante l'avait.",
        "Mes mollets sautent. La SLA, mon père en est mort.",
    ],
)
def test_a_relative_who_had_the_nerve_disease_just_named_is_family_history(text: str) -> None:
    parsed = fr(text)
    seen = {m.finding_id for m in (*parsed.present, *parsed.uncertain)}
    assert "family_history_neuromuscular" in seen
    assert "family_history_neuromuscular" not in parsed.absent_ids


# ---------------------------------------------------------------- the jolts of a seizure


@pytest.mark.parametrize(
    "text",
    [
        "Il a fait une crise ce matin, avec des secousses dans les bras pis il a perdu connaissance.",
        "Elle a convulsé 2 minutes, elle avait des secousses des bras.",
        "Après le coup sur la tête il a eu des saccades des bras, pis une convulsion.",
    ],
)
def test_in_a_text_about_a_seizure_the_jolts_of_the_limbs_are_the_seizure_not_a_twitch(text: str) -> None:
    parsed = fr(text)
    assert "seizure" in parsed.present_ids
    assert "twitch_arm_hand" not in parsed.present_ids


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("J'ai des secousses dans les bras le soir.", "twitch_arm_hand"),
        ("Des soubresauts dans les jambes depuis une semaine.", "twitch_leg_calf"),
        ("Il a des secousses dans le dos.", "twitch_trunk"),
    ],
)
def test_without_a_seizure_the_jolts_of_a_limb_are_a_twitch_there(text: str, place: str) -> None:
    assert place in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Il a eu des secousses de tout le corps pendant une minute.",
        "Elle a tremblé de tout son corps pendant 2 minutes.",
        "Tout son corps a tremblé genre 3 minutes.",
    ],
)
def test_the_whole_body_jerking_for_minutes_is_a_seizure(text: str) -> None:
    assert "seizure" in fr(text).present_ids


def test_whole_body_jolts_without_a_length_in_minutes_stay_twitching() -> None:
    parsed = fr("J'ai des secousses dans tout le corps depuis des mois.")
    assert "seizure" not in parsed.present_ids
    assert "twitch_widespread" in parsed.present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Il a fait une convulsion. Là il a les yeux ouverts mais il sait pas où il est.",
        "Après sa crise elle sait plus où elle est.",
        "J'ai fait une crise pis je savais pu où j'étais.",
    ],
)
def test_not_knowing_where_one_is_after_a_seizure_is_not_recovering(text: str) -> None:
    assert "not_recovering_after_seizure" in fr(text).present_ids


# ---------------------------------------------------------------- how far a denial reaches


@pytest.mark.parametrize(
    ("text", "stopped", "kept"),
    [
        ("J'ai arrêté le café, depuis mon œil saute.", "high_caffeine", "twitch_eyelid"),
        ("J'ai lâché l'alcool, mes mollets sautent encore.", "heavy_alcohol_use", "twitch_leg_calf"),
        ("J'évite le café, ma paupière saute pareil.", "high_caffeine", "twitch_eyelid"),
        ("Elle a cessé la cigarette, depuis ses bras sautent.", "smoking_or_toxin_exposure", "twitch_arm_hand"),
    ],
)
def test_a_verb_that_stops_something_denies_its_object_not_the_clause_after_the_comma(
    text: str, stopped: str, kept: str
) -> None:
    parsed = fr(text)
    assert stopped in parsed.absent_ids
    assert kept in parsed.present_ids
    assert kept not in parsed.absent_ids


@pytest.mark.parametrize(
    ("text", "denied", "stated"),
    [
        ("Pas de trouble à avaler, de la misère à parler.", "swallowing_difficulty", "speech_difficulty"),
        ("Aucune faiblesse, de la difficulté à dormir.", "muscle_weakness", "poor_sleep"),
        ("Pas de douleur, de l'engourdissement dans le bras.", "muscle_pain", "numbness_limbs"),
        ("Pas de fièvre, de la misère à respirer.", "fever", "breathing_difficulty"),
    ],
)
def test_a_partitive_after_a_comma_ends_the_denial_and_states_the_next_item(
    text: str, denied: str, stated: str
) -> None:
    parsed = fr(text)
    assert denied in parsed.absent_ids
    assert stated in parsed.present_ids
    assert stated not in parsed.absent_ids


@pytest.mark.parametrize(
    "text",
    [
        "Je bois pas de café, mon mollet saute souvent.",
        "Pas de café, ma paupière saute pareil.",
        "Je fume pas, mes bras sautent.",
    ],
)
def test_a_denied_drink_does_not_deny_the_twitch_of_the_next_clause(text: str) -> None:
    parsed = fr(text)
    assert not {"twitch_leg_calf", "twitch_eyelid", "twitch_arm_hand"} & set(parsed.absent_ids)
    assert {"twitch_leg_calf", "twitch_eyelid", "twitch_arm_hand"} & set(parsed.present_ids)


def test_a_bare_de_after_a_comma_still_continues_the_denial() -> None:
    parsed = fr("Pas de fièvre, de rash ou de faiblesse.")
    assert {"fever", "skin_rash", "muscle_weakness"} <= set(parsed.absent_ids)


# ---------------------------------------------------------------- double negatives and "not like before"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Il a pas arrêté de convulser depuis 10 minutes.", "seizure"),
        ("Elle arrête pas de convulser!", "seizure"),
        ("Ma paupière a pas arrêté de sauter de la journée.", "twitch_eyelid"),
        ("Mon bras lâche pu de sauter.", "twitch_arm_hand"),
        ("Ses jambes cessent pas de sauter.", "twitch_leg_calf"),
    ],
)
def test_not_having_stopped_doing_something_says_it_goes_on(text: str, finding: str) -> None:
    parsed = fr(text)
    assert finding in parsed.present_ids
    assert finding not in parsed.absent_ids


def test_a_fit_that_has_not_stopped_for_ten_minutes_is_a_long_seizure() -> None:
    assert "seizure_now_or_over_5_min" in fr("Il a pas arrêté de convulser depuis 10 minutes.").present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Je sens pu ma jambe gauche depuis 20 minutes.",
        "Il sent plus son bras droit.",
        "Elle sent pas sa main depuis hier.",
    ],
)
def test_not_feeling_a_limb_is_numbness(text: str) -> None:
    assert "numbness_limbs" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Il parle pas comme d'habitude depuis tantôt.",
        "Elle parle plus comme avant.",
        "Mon père parle pu comme d'habitude.",
    ],
)
def test_not_speaking_as_usual_is_a_speech_difficulty_not_its_denial(text: str) -> None:
    parsed = fr(text)
    assert "speech_difficulty" in parsed.present_ids
    assert "speech_difficulty" not in parsed.absent_ids


# ---------------------------------------------------------------- a fall in a fit


@pytest.mark.parametrize(
    "text",
    [
        "Il est tombé pis il a convulsé 2 minutes.",
        "Elle a perdu connaissance pis elle est tombée par terre.",
        "Mon chum a fait une crise, il est tombé dans la cuisine.",
    ],
)
def test_a_fall_in_a_seizure_or_a_faint_is_not_a_balance_problem(text: str) -> None:
    assert "balance_problems" not in fr(text).present_ids


def test_a_fall_without_a_fit_is_still_read_as_balance() -> None:
    assert "balance_problems" in fr("Je suis tombée deux fois cette semaine.").present_ids


# ---------------------------------------------------------------- last year, with or without a comma; more than before


@pytest.mark.parametrize(
    "text",
    [
        "L'an passé j'ai eu de la misère à respirer pendant une semaine.",
        "L'an dernier il a eu de la misère à respirer, c'est passé.",
        "Il y a 3 ans j'ai eu de la misère à respirer après une pneumonie.",
    ],
)
def test_a_sign_last_year_is_past_and_asked_not_stated(text: str) -> None:
    parsed = fr(text)
    assert "breathing_difficulty" not in parsed.present_ids
    assert "breathing_difficulty" in {m.finding_id for m in parsed.unsure}


@pytest.mark.parametrize(
    "text",
    [
        "J'ai plus de misère à marcher qu'avant.",
        "Depuis 3 semaines j'ai beaucoup plus de secousses des bras le matin.",
        "J'ai plus de spasmes que le mois passé.",
        "Elle a encore plus de difficulté à avaler.",
    ],
)
def test_more_trouble_or_more_twitches_than_before_is_worsening(text: str) -> None:
    assert "worsening" in fr(text).present_ids


# ---------------------------------------------------------------- not breathing; short nights


@pytest.mark.parametrize(
    "text",
    [
        "Il respire pu!",
        "Elle respirait presque pas quand on l'a trouvée.",
        "Mon père respire plus, il est bleu.",
        "Il respire pas bien.",
    ],
)
def test_not_breathing_said_with_any_spoken_negation_is_breathing_difficulty(text: str) -> None:
    parsed = fr(text)
    assert "breathing_difficulty" in parsed.present_ids
    assert "breathing_difficulty" not in parsed.absent_ids


def test_breathing_well_still_denies_breathing_difficulty() -> None:
    assert "breathing_difficulty" in fr("Là il respire bien.").absent_ids


@pytest.mark.parametrize(
    "text",
    [
        "Je fais des nuits de 4h.",
        "Des nuits de trois heures depuis le bébé.",
        "Cette semaine j'ai eu des nuits de 5h30.",
    ],
)
def test_nights_of_a_few_hours_are_poor_sleep(text: str) -> None:
    assert "poor_sleep" in fr(text).present_ids


# ---------------------------------------------------------------- the glass test done by the carer


@pytest.mark.parametrize(
    "text",
    [
        "Il a des taches rouges qui partent pas quand je pèse dessus avec un verre.",
        "Elle a des points mauves qui disparaissent pas quand je presse un verre.",
        "Mon fils a des taches, quand j'appuie un verre dessus elles partent pas.",
        "Ses taches partent pas quand j'appuie avec un verre.",
    ],
)
def test_a_rash_that_stays_under_the_carers_glass_is_non_blanching(text: str) -> None:
    parsed = fr(text)
    assert "non_blanching_rash" in parsed.present_ids


# ---------------------------------------------------------------- a limb gone soft


@pytest.mark.parametrize(
    "text",
    [
        "Mon bras est devenu mou.",
        "Sa jambe est molle.",
        "Mon bras est comme de la guenille.",
        "Sa face est toute molle du côté gauche.",
    ],
)
def test_a_limb_or_the_face_gone_soft_is_weakness(text: str) -> None:
    assert "muscle_weakness" in fr(text).present_ids


def test_a_limb_gone_soft_on_one_side_all_of_a_sudden_is_a_stroke_sign() -> None:
    assert (
        "sudden_weakness_or_numbness_one_side"
        in fr("Mon bras droit pis ma face sont devenus mous d'un coup.").present_ids
    )


@pytest.mark.parametrize("text", ["Il est mou pis fatigué.", "Le matelas est mou pis j'ai mal au dos."])
def test_soft_said_of_a_person_or_a_thing_is_no_weakness(text: str) -> None:
    assert "muscle_weakness" not in fr(text).present_ids


# ---------------------------------------------------------------- "à peu près" before a duration


DURATIONS = {"duration_under_2_weeks", "duration_2_weeks_to_3_months", "duration_over_3_months"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ça fait à peu près un an que ma cuisse tressaute.", "duration_over_3_months"),
        ("Depuis à peu près une semaine mon pouce saute.", "duration_under_2_weeks"),
        ("Mon dos twitch depuis genre à peu près un mois.", "duration_2_weeks_to_3_months"),
    ],
)
def test_about_words_between_depuis_and_an_article_keep_the_duration(text: str, expected: str) -> None:
    assert [f for f in fr(text).present_ids if f in DURATIONS] == [expected]


def test_about_a_night_with_no_since_word_is_still_a_rate_not_a_duration() -> None:
    parsed = fr("Je me réveille à peu près une nuit sur deux pis mon œil saute.")
    assert not DURATIONS & set(parsed.present_ids)


# ---------------------------------------------------------------- "pas mal" before where it hurts


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Mon mari a pas mal dans la poitrine, juste le cœur qui bat vite.", "chest_pain"),
        ("J'ai pas mal à la poitrine pantoute.", "chest_pain"),
    ],
)
def test_pas_mal_before_a_place_is_a_denial_of_pain_there(text: str, finding: str) -> None:
    parsed = fr(text)
    assert finding in parsed.absent_ids
    assert finding not in parsed.present_ids


@pytest.mark.parametrize(
    "text",
    ["J'ai pas mal de spasmes dans les mollets.", "Je suis pas mal fatigué pis mes cuisses sautent."],
)
def test_pas_mal_as_quite_still_denies_nothing(text: str) -> None:
    assert fr(text).absent_ids == []


def test_a_denial_of_pain_by_pas_mal_ends_at_mais() -> None:
    parsed = fr("J'ai pas mal au bras, mais mon bras est plus faible.")
    assert "muscle_weakness" in parsed.present_ids


# ---------------------------------------------------------------- "moins bien": done worse, not done well


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Depuis le déménagement je dors moins bien.", "poor_sleep"),
        ("Elle voit moins bien de l'œil droit.", "vision_problems"),
        ("Il avale moins bien qu'avant.", "swallowing_difficulty"),
        ("Mon père parle pas aussi bien qu'avant.", "speech_difficulty"),
        ("Je marche plus mal depuis l'automne.", "difficulty_walking"),
        ("Je respire moins bien quand je monte l'escalier.", "breathing_difficulty"),
    ],
)
def test_a_function_done_less_well_than_before_is_the_difficulty_not_its_denial(text: str, finding: str) -> None:
    parsed = fr(text)
    assert finding in parsed.present_ids
    assert finding not in parsed.absent_ids


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Je dors bien, c'est juste ma paupière qui saute.", "poor_sleep"),
        ("Elle voit ben, pas de flou.", "vision_problems"),
        ("J'avale ben pis je parle normal.", "swallowing_difficulty"),
        ("Je dors ben depuis que j'ai arrêté le café.", "poor_sleep"),
    ],
)
def test_a_function_done_well_or_ben_is_still_a_denial(text: str, finding: str) -> None:
    assert finding in fr(text).absent_ids


# ---------------------------------------------------------------- Québec "raide" as "very"


@pytest.mark.parametrize(
    "text",
    [
        "Je suis stressée ben raide avec le travail, pis mon œil saute.",
        "Chu fatigué raide depuis une semaine pis ma cuisse twitch.",
        "On est débordés raide au bureau.",
    ],
)
def test_raide_after_a_state_is_very_not_stiff_muscles(text: str) -> None:
    assert "muscle_stiffness" not in fr(text).present_ids


@pytest.mark.parametrize("text", ["Mon cou est ben raide depuis à matin.", "Mes jambes sont raides le matin."])
def test_a_body_part_gone_raide_is_still_stiffness(text: str) -> None:
    assert "muscle_stiffness" in fr(text).present_ids


# ---------------------------------------------------------------- Québec "pus" for "pu"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Il sait pus quel jour on est depuis hier soir.", "ongoing_confusion"),
        ("Mon chum sent pus sa jambe.", "numbness_limbs"),
        ("Je fume pus depuis des années.", "smoking_or_toxin_exposure"),
    ],
)
def test_pus_written_for_pu_is_no_longer(text: str, finding: str) -> None:
    parsed = fr(text)
    assert finding in (parsed.absent_ids if finding == "smoking_or_toxin_exposure" else parsed.present_ids)


# ---------------------------------------------------------------- a tongue that ripples, in lay words


@pytest.mark.parametrize(
    "text",
    [
        "Le dentiste a vu que ma langue fait des vagues.",
        "Sa langue ondule toute seule quand elle la sort.",
        "J'ai la langue qui grouille comme des vers.",
    ],
)
def test_a_tongue_that_ripples_or_makes_waves_is_a_tongue_twitch(text: str) -> None:
    assert "twitch_tongue" in fr(text).present_ids


def test_waves_of_something_else_in_the_text_are_no_tongue_twitch() -> None:
    assert "twitch_tongue" not in fr("J'ai des vagues de chaleur pis ma langue est sèche.").present_ids


# ---------------------------------------------------------------- passing little urine, verb first


@pytest.mark.parametrize(
    "text",
    [
        "Mon père pisse presque pus depuis hier.",
        "Elle urine quasiment pas depuis la canicule.",
        "Le petit fait presque pas de pipi.",
        "Il pisse très peu depuis ce matin.",
    ],
)
def test_urinating_almost_not_said_verb_first_is_little_urine(text: str) -> None:
    assert "little_or_no_urine" in fr(text).present_ids


@pytest.mark.parametrize("text", ["Je pisse correct, pas de brûlure.", "Je pisse souvent la nuit."])
def test_urinating_normally_or_often_is_no_little_urine(text: str) -> None:
    assert "little_or_no_urine" not in fr(text).present_ids


# ---------------------------------------------------------------- lay words: memory, sleep starts, fear, tiredness


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Mon père a des troubles de mémoire depuis l'an passé.", True),
        ("J'ai de la misère à me souvenir des noms de mes petits-enfants.", True),
        ("Elle a pas de problème de mémoire, c'est juste ses mains qui sautent.", False),
    ],
)
def test_trouble_with_memory_named_as_such_is_a_memory_problem(text: str, present: bool) -> None:
    parsed = fr(text)
    assert ("memory_problems" in parsed.present_ids) is present
    assert ("memory_problems" in parsed.absent_ids) is not present


@pytest.mark.parametrize(
    "text",
    [
        "Des fois quand je m'endors, tout mon corps fait un saut pis je me réveille.",
        "Quand elle s'endort, ses jambes sautent d'un coup.",
        "À l'endormissement, je fais un saut comme si je tombais.",
    ],
)
def test_a_jump_of_the_body_while_falling_asleep_is_a_sleep_start(text: str) -> None:
    assert "jerks_when_falling_asleep" in fr(text).present_ids


def test_jumping_for_joy_before_sleeping_is_no_sleep_start() -> None:
    assert "jerks_when_falling_asleep" not in fr("Je saute de joie quand je m'endors tôt.").present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Une panique subite me prend, pis mon bras tire.",
        "J'ai une angoisse intense qui monte d'un coup avant la crise.",
    ],
)
def test_a_fear_that_comes_all_at_once_is_sudden_fear(text: str) -> None:
    assert "sudden_fear" in fr(text).present_ids


@pytest.mark.parametrize("text", ["J'ai une peur intense des aiguilles.", "J'ai peur que ce soit grave."])
def test_a_fear_of_something_or_a_worry_is_no_sudden_fear(text: str) -> None:
    assert "sudden_fear" not in fr(text).present_ids


def test_tiredness_listed_after_a_limb_is_fatigue_not_a_tired_limb() -> None:
    assert "fatigue" in fr("J'ai des crampes aux mollets, fatigue tout le temps.").present_ids


def test_a_limb_that_tires_is_still_no_general_fatigue() -> None:
    assert "fatigue" not in fr("Mes jambes se fatiguent vite quand je marche.").present_ids


# ---------------------------------------------------------------- falls from weak legs, heat without effort


@pytest.mark.parametrize(
    "text",
    [
        "Ma fille tombe souvent depuis l'automne, ses jambes sont faibles.",
        "Il fait des chutes parce que ses cuisses sont plus faibles.",
    ],
)
def test_falling_often_with_weak_legs_is_the_weakness_not_a_balance_problem(text: str) -> None:
    parsed = fr(text)
    assert "muscle_weakness" in parsed.present_ids
    assert "balance_problems" not in parsed.present_ids


def test_falling_often_with_no_weakness_said_is_still_a_balance_problem() -> None:
    assert "balance_problems" in fr("Mon grand-père tombe souvent depuis deux semaines.").present_ids


def test_a_heatwave_while_resting_is_no_sweating() -> None:
    parsed = fr("Pendant la canicule il reste dans son salon pis il boit pas assez.")
    assert "heavy_sweating_exercise" not in parsed.present_ids


def test_a_heatwave_with_exercise_is_still_sweating() -> None:
    assert "heavy_sweating_exercise" in fr("J'ai joué au soccer deux heures pendant la canicule.").present_ids


# ---------------------------------------------------------------- a hand locked in a claw; rest after the time of day


@pytest.mark.parametrize(
    "text", ["Ses mains se sont barrées en griffe.", "Mes doigts sont bloqués en forme de griffe."]
)
def test_hands_locked_into_a_claw_are_the_spasm_not_stiff_muscles(text: str) -> None:
    parsed = fr(text)
    assert "carpopedal_spasm" in parsed.present_ids
    assert "muscle_stiffness" not in parsed.present_ids


def test_hands_never_locked_into_a_claw_deny_the_spasm_only() -> None:
    parsed = fr("Ses doigts se sont jamais barrés en griffe.")
    assert "carpopedal_spasm" in parsed.absent_ids
    assert "muscle_stiffness" not in parsed.absent_ids


def test_mainly_at_rest_with_the_time_of_day_between_is_twitching_at_rest() -> None:
    parsed = fr("Mes cuisses sautent, surtout le soir quand je suis étendu sur le divan.")
    assert "twitch_at_rest" in parsed.present_ids


def test_mainly_after_the_gym_is_no_twitching_at_rest() -> None:
    assert "twitch_at_rest" not in fr("Mes cuisses sautent, surtout le soir après le gym.").present_ids


# ---------------------------------------------------------------- a muscle that moves by itself


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("J'ai un muscle qui bouge dans la cuisse depuis lundi.", "twitch_leg_calf"),
        ("Les muscles bougent dans mon bras.", "twitch_arm_hand"),
    ],
)
def test_a_muscle_as_the_subject_of_bouger_is_a_twitch_there(text: str, place: str) -> None:
    assert place in fr(text).present_ids


def test_moving_ones_own_muscles_is_no_twitch() -> None:
    assert fr("Je bouge mes muscles en faisant du yoga le matin.").present_ids == []


@pytest.mark.parametrize("text", ["ça fait ~3 semaines que ma paupière saute", "mon mollet saute depuis ~3 semaines"])
def test_a_tilde_before_a_number_is_about_in_french_too(text: str) -> None:
    assert "duration_2_weeks_to_3_months" in parse_text(text, language="fr").present_ids


# ---------------------------------------------------------------- a heart test found normal


@pytest.mark.parametrize(
    "text",
    ["Ma paupière saute. L'ECG était normal.", "Le bras me saute, pis les tests du cœur étaient beaux."],
)
def test_a_heart_test_found_normal_denies_a_heart_condition_not_a_racing_heart(text: str) -> None:
    parsed = fr(text)
    assert "heart_problems" in parsed.absent_ids
    assert "rapid_heartbeat" not in parsed.absent_ids


# ---------------------------------------------------------------- everyday wording


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("J'ai les jambes toutes courbaturées pis le mollet saute.", "muscle_pain"),
        ("Ma paupière saute, j'ai de la misère à faire mes journées de travail.", "affects_daily_life"),
        ("Hier tout d'un coup une peur terrible, pis mon bras a sauté.", "sudden_fear"),
    ],
)
def test_everyday_french_ways_of_saying_a_finding_are_read(text: str, finding: str) -> None:
    assert finding in fr(text).present_ids


def test_an_intense_fear_of_an_illness_is_worry_not_a_sudden_fear() -> None:
    assert "sudden_fear" not in fr("Mon bras saute pis j'ai une peur intense d'avoir la SLA.").present_ids


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Mon mollet saute, mon pipi est de couleur normale.", "dark_urine"),
        ("Pas de faiblesse, je monte les marches normal.", "difficulty_walking"),
        ("Son bras saute. Sa mémoire est encore bonne.", "memory_problems"),
        ("Ma mère a des sursauts, elle perd jamais connaissance.", "loss_of_awareness"),
    ],
)
def test_a_plain_french_denial_denies_the_finding(text: str, denied: str) -> None:
    parsed = fr(text)
    assert denied in parsed.absent_ids and denied not in parsed.present_ids


def test_memory_that_is_not_good_is_a_memory_problem() -> None:
    assert "memory_problems" in fr("Son bras saute pis sa mémoire est pas bonne.").present_ids


def test_coffee_drunk_before_and_stopped_is_not_caffeine_now() -> None:
    parsed = fr("Mon mollet saute. Avant je buvais 6 cafés par jour mais j'ai arrêté il y a un mois.")
    assert "high_caffeine" not in parsed.present_ids
