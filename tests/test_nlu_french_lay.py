"""French lay wording, by error class: denials said as plain statements, red flags in everyday words, word senses.

Each test names a class of error found on the French development narratives
and checks it with sentences written for the test (not copied from a case), so
that a fix is a statement about French, not about one case.
"""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text
from twitchcheck.nlu.models import ParsedText


def fr(text: str) -> ParsedText:
    return parse_text(text, language="fr")


# ---------------------------------------------------------------- denials said as a plain statement


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Mon œil saute depuis hier. Je vois bien.", "vision_problems"),
        ("ma paupière tressaute, il voit normalement", "vision_problems"),
        ("Ma langue frémit mais j'avale correct.", "swallowing_difficulty"),
        ("la langue bouge toute seule, je parle normalement", "speech_difficulty"),
        ("Mes cuisses twitchent après le gym. Pipi normal.", "dark_urine"),
        ("J'ai sué en masse hier, là j'pisse normal.", "little_or_no_urine"),
        ("Mon pouce saute, j'ai toute ma force dans la main.", "muscle_weakness"),
        ("Ma mère a des spasmes, elle est lucide.", "ongoing_confusion"),
        ("Mon coloc fait des tics de la bouche, il est conscient.", "loss_of_awareness"),
    ],
)
def test_a_plain_statement_that_something_works_denies_its_problem(text: str, denied: str) -> None:
    parsed = fr(text)
    assert denied in parsed.absent_ids
    assert denied not in parsed.present_ids


def test_seeing_well_that_something_is_wrong_denies_no_vision_problem() -> None:
    """ "Je vois bien que ..." is "I can tell that ...", not a statement about sight."""
    assert "vision_problems" not in fr("Je vois bien que mon bras saute plus qu'avant.").absent_ids


def test_urine_as_a_noun_is_its_colour_and_passing_water_is_its_amount() -> None:
    noun = fr("Mes mollets sautent, urine correcte.")
    assert "dark_urine" in noun.absent_ids
    assert "little_or_no_urine" not in noun.absent_ids


def test_a_list_after_ni_denies_each_item() -> None:
    parsed = fr("Mon bras twitch depuis un mois. Pas de trouble à avaler ni à parler.")
    assert {"swallowing_difficulty", "speech_difficulty"} <= set(parsed.absent_ids)


def test_hands_that_do_not_clench_deny_the_claw_spasm() -> None:
    parsed = fr("Ça picote autour de la bouche, mais mes mains se crispent pas.")
    assert "carpopedal_spasm" in parsed.absent_ids
    assert "tingling_mouth_fingers" in parsed.present_ids


def test_a_gradual_onset_denies_the_sudden_form_of_a_stated_symptom() -> None:
    parsed = fr("Ma vue est embrouillée depuis 3 jours, c'est venu graduellement, pas d'un coup.")
    assert "vision_problems" in parsed.present_ids
    assert "sudden_speech_or_vision_loss" in parsed.absent_ids


def test_a_gradual_onset_denies_nothing_sudden_when_no_such_symptom_is_stated() -> None:
    parsed = fr("Mes mollets sautent, ça s'est installé tranquillement.")
    assert "sudden_weakness_or_numbness_one_side" not in parsed.absent_ids
    assert "sudden_speech_or_vision_loss" not in parsed.absent_ids


def test_no_sudden_paralysis_denies_the_sudden_sign_not_all_weakness() -> None:
    parsed = fr("Mon père parle de plus en plus mal. Pas de paralysie soudaine.")
    assert "sudden_weakness_or_numbness_one_side" in parsed.absent_ids
    assert "muscle_weakness" not in parsed.absent_ids


def test_less_than_before_is_not_getting_worse() -> None:
    assert "worsening" in fr("Ma paupière saute encore, mais moins qu'avant.").absent_ids


def test_a_rash_that_fades_under_a_glass_denies_the_non_blanching_rash() -> None:
    faded = fr("J'ai des plaques rouges sur les bras, mais elles pâlissent quand je presse un verre dessus.")
    assert "non_blanching_rash" in faded.absent_ids
    assert "skin_rash" in faded.present_ids
    kept = fr(
        "Mon fils de 4 ans fait de la fièvre. Il a des taches sur les jambes qui disparaissent pas"
        " quand j'appuie un verre dessus."
    )
    assert "non_blanching_rash" in kept.present_ids


# ---------------------------------------------------------------- red flags in everyday words


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("Ma fille a des sursauts des bras plusieurs fois par jour.", "uncontrollable_jerks"),
        ("Elle a fait 3 crises une en arrière de l'autre.", "seizure_injury_or_repeated"),
        ("Il a fait une crise il y a une heure pis il est encore pas réveillé.", "not_recovering_after_seizure"),
        ("Depuis ce matin il bouge plus son bras gauche.", "muscle_weakness"),
        ("Mon père sait plus quel jour on est depuis hier.", "ongoing_confusion"),
        ("Mon mari a des secousses pis il voit des bibittes sur le mur.", "behavior_change"),
        ("Depuis hier je fais 38,9 pis mes jambes sautent.", "fever"),
        ("J'ai de la misère à retenir mon pipi depuis 2 jours.", "bladder_bowel_problems"),
        ("Avant la crise elle voyait des éclairs.", "vision_problems"),
        ("D'un coup je vois presque plus rien de l'œil droit.", "vision_problems"),
        ("Ma mère parle de plus en plus mal.", "speech_difficulty"),
        ("Mon gars fait des absences à l'école.", "loss_of_awareness"),
        ("J'ai le cœur qui bat super vite pis mes bras sautent.", "rapid_heartbeat"),
        ("Il prend des pilules pour le cœur.", "heart_problems"),
        ("Je sens ma langue trembloter le soir.", "twitch_tongue"),
    ],
)
def test_a_red_flag_in_everyday_french_is_read(text: str, flag: str) -> None:
    assert flag in fr(text).present_ids


def test_the_patient_acting_on_the_writer_is_still_the_patient() -> None:
    """In "il me reconnaît pas" the object "me" is the carer; the sentence is about the husband."""
    parsed = fr("Mon mari a fait une crise. Là il me reconnaît pas.")
    assert "ongoing_confusion" in parsed.present_ids


def test_not_answering_normally_is_not_unresponsive() -> None:
    parsed = fr("Mon père a fait une crise tantôt, il répond pas normalement depuis.")
    assert "loss_of_awareness" not in parsed.present_ids
    assert "not_recovering_after_seizure" in parsed.present_ids


def test_limbs_that_jerk_with_eyes_rolled_back_are_a_convulsion() -> None:
    parsed = fr("Mon bébé fait de la fièvre, ses bras pis ses jambes sursautaient, les yeux virés à l'envers.")
    assert {"uncontrollable_jerks", "seizure"} <= set(parsed.present_ids)


def test_a_tongue_that_trembles_is_not_a_tremor() -> None:
    assert "tremor" not in fr("Ma langue tremblote quand je la sors.").present_ids


# ---------------------------------------------------------------- word senses and lists


def test_pis_lists_places_it_does_not_say_the_twitching_spread() -> None:
    parsed = fr("J'ai des sautillements dans les cuisses pis les mollets depuis 2 jours.")
    assert "spreading" not in parsed.present_ids
    assert "twitch_leg_calf" in parsed.present_ids


def test_pis_apres_says_the_twitching_moved() -> None:
    assert "spreading" in fr("Mon mollet a commencé à sauter, pis après le bras aussi.").present_ids


def test_numbness_that_spreads_is_not_twitching_that_spreads() -> None:
    parsed = fr("Ma jambe saute. L'engourdissement a commencé au pied pis s'est étendu au genou.")
    assert "spreading" not in parsed.present_ids


def test_every_place_of_a_list_after_the_twitch_word_is_read() -> None:
    parsed = fr("Mes muscles ondulent, comme des vers sous la peau, dans le dos pis les jambes.")
    assert {"twitch_trunk", "twitch_leg_calf"} <= set(parsed.present_ids)


def test_every_place_listed_after_a_colon_is_read() -> None:
    parsed = fr("J'ai des twitchs partout : mollets, bras, dans le dos.")
    assert {"twitch_widespread", "twitch_leg_calf", "twitch_arm_hand", "twitch_trunk"} <= set(parsed.present_ids)


def test_small_jolts_are_twitching_not_uncontrollable_jerks() -> None:
    parsed = fr("J'ai des petites secousses dans le bras depuis une semaine.")
    assert "twitch_arm_hand" in parsed.present_ids
    assert "uncontrollable_jerks" not in parsed.present_ids


def test_jolts_here_and_there_are_widespread_twitching_not_a_convulsion() -> None:
    parsed = fr("Des secousses un peu partout depuis 3 semaines, chaque fois quelques secondes.")
    assert "twitch_widespread" in parsed.present_ids
    assert not {"seizure", "uncontrollable_jerks"} & set(parsed.present_ids)


def test_plain_jolts_stay_the_warning_sign() -> None:
    """ "Secousses" alone can be myoclonus: the ambiguous word keeps the warning sign rather than drop it."""
    assert "uncontrollable_jerks" in fr("Depuis hier il a des secousses pis il tremble.").present_ids


def test_a_jerk_in_the_clause_after_falling_asleep_is_a_sleep_start() -> None:
    parsed = fr("Quand je m'endors, j'ai un gros sursaut pis ça me réveille.")
    assert "jerks_when_falling_asleep" in parsed.present_ids
    assert "uncontrollable_jerks" not in parsed.present_ids


def test_a_fall_without_jolts_denies_no_convulsion() -> None:
    parsed = fr("Elle fait des absences. Elle est jamais tombée, pas de secousses des bras.")
    assert "seizure" not in parsed.absent_ids
    assert "uncontrollable_jerks" in parsed.absent_ids


def test_how_often_is_not_how_long() -> None:
    assert "twitch_brief" not in fr("Des fois ma joue saute aussi.").present_ids


def test_the_evening_is_not_rest() -> None:
    assert "twitch_at_rest" not in fr("Ma paupière saute, surtout le soir.").present_ids


def test_staring_into_space_is_not_feeling_drained() -> None:
    """ "Vidé" (drained) and "vide" (empty) fold to one word: "dans le vide" is a stare, not fatigue."""
    assert "fatigue" not in fr("Mon gars fixe dans le vide quelques secondes.").present_ids
    assert "fatigue" in fr("Je me sens vidé depuis des semaines.").present_ids


def test_becoming_weak_is_a_new_symptom_not_getting_worse() -> None:
    assert "worsening" not in fr("D'un coup mon bras est devenu faible pis il saute.").present_ids
    assert "worsening" in fr("Mon bras est devenu plus faible qu'avant.").present_ids


def test_stiff_in_a_convulsion_is_not_a_stiff_muscle_symptom() -> None:
    parsed = fr("Mon coloc est tombé raide pis il a convulsé 2 minutes.")
    assert "seizure" in parsed.present_ids
    assert not {"muscle_stiffness", "balance_problems"} & set(parsed.present_ids)


def test_a_sport_named_as_an_ability_is_not_recent_exercise() -> None:
    assert "recent_intense_exercise" not in fr("Mes cuisses sautent, mais je fais du vélo sans problème.").present_ids


def test_a_head_that_hit_something_is_a_head_injury() -> None:
    assert "recent_head_injury" in fr("Au hockey sa tête a frappé la bande hier.").present_ids


def test_i_do_not_think_so_hedges_rather_than_denies() -> None:
    parsed = fr("Je pense pas être faible, mais mon bras saute depuis un mois.")
    assert "muscle_weakness" not in parsed.absent_ids
    assert "muscle_weakness" in parsed.uncertain_ids


def test_a_dose_raised_from_one_amount_to_another_is_a_changed_medicine() -> None:
    assert "new_medicine" in fr("Le docteur a augmenté mon Concerta de 36 à 54 mg le mois passé.").present_ids


def test_many_coffees_today_is_a_large_dose_but_a_daily_habit_is_not() -> None:
    assert "large_stimulant_dose" in fr("J'ai pris 7 cafés depuis ce matin pour mon examen.").present_ids
    assert "large_stimulant_dose" not in fr("Je bois 7 cafés par jour depuis des années.").present_ids


def test_a_spouse_who_has_als_is_the_patient_with_a_known_condition() -> None:
    parsed = fr("Mon mari a la SLA. Depuis hier il s'étouffe en mangeant.")
    assert "known_neurological_condition" in parsed.present_ids
    assert "family_history_neuromuscular" not in parsed.present_ids


def test_late_nights_and_symptoms_that_wake_one_up_are_poor_sleep() -> None:
    assert "poor_sleep" in fr("Mon gars a veillé jusqu'à 2h du matin toute la semaine.").present_ids
    assert "poor_sleep" in fr("Des crampes la nuit qui me réveillent, pis mes mollets sautent.").present_ids


def test_earlier_now_and_then_now_every_day_is_getting_worse() -> None:
    parsed = fr("Ma paupière saute. Au début c'était rare, maintenant c'est tous les jours.")
    assert "worsening" in parsed.present_ids


def test_an_operation_dated_years_back_is_not_recent_neck_surgery() -> None:
    assert "recent_neck_surgery" not in fr("On m'a enlevé la thyroïde en 2015. Ma face saute.").present_ids
    assert "recent_neck_surgery" in fr("On m'a enlevé la thyroïde il y a 5 jours.").present_ids


def test_a_day_of_physical_work_is_intense_exercise() -> None:
    assert "recent_intense_exercise" in fr("J'ai pelleté toute la journée hier, mes cuisses sautent.").present_ids


def test_a_cheek_that_pulls_by_itself_is_a_face_twitch() -> None:
    assert "twitch_face" in fr("Des fois ma joue gauche tire toute seule.").present_ids


def test_a_sleepless_night_is_not_a_duration() -> None:
    parsed = fr("J'ai fait une nuit blanche pis mes bras sautent.")
    assert not {"duration_under_2_weeks", "duration_2_weeks_to_3_months"} & set(parsed.present_ids)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Ça me fait mal quand ça saute.", "twitch_painful"),
        ("Je me suis fait opérer de la thyroïde la semaine passée.", "recent_neck_surgery"),
        ("J'ai pu le goût de rien depuis un mois.", "apathy"),
        ("Mon père est plus capable de parler depuis tantôt.", "speech_difficulty"),
        ("Il boit comme un trou.", "heavy_alcohol_use"),
        ("Je parle pas clair depuis une heure.", "speech_difficulty"),
        ("J'étouffe, ma gorge serre.", "breathing_difficulty"),
    ],
)
def test_a_spoken_phrasing_names_its_finding(text: str, finding: str) -> None:
    assert finding in fr(text).present_ids


def test_losing_taste_for_everything_is_apathy_not_its_denial() -> None:
    """In "j'ai pu le goût de rien" the Québec "pu" (no more) is part of the phrase, not a denial."""
    assert "apathy" not in fr("J'ai pu le goût de rien.").absent_ids


def test_taking_no_medicine_denies_a_new_one() -> None:
    assert "new_medicine" in fr("Je prends aucun médicament.").absent_ids


def test_a_denial_stops_at_a_comma_before_avec() -> None:
    parsed = fr("Sans fièvre, avec des crampes dans les mollets.")
    assert "fever" in parsed.absent_ids
    assert "muscle_cramps" in parsed.present_ids


def test_twitching_since_last_year_is_its_onset_not_the_past() -> None:
    parsed = fr("Mon bras saute depuis l'an passé.")
    assert "twitch_arm_hand" in parsed.present_ids
    assert "duration_over_3_months" in parsed.present_ids


@pytest.mark.parametrize(
    ("text", "finding", "status"),
    [
        ("Ma vue est embrouiller depuis hier.", "vision_problems", "present"),
        ("Elle a perdue connaissance au souper.", "loss_of_awareness", "present"),
        ("Pas de faiblese dans les bras.", "muscle_weakness", "absent"),
        ("Aucune difficultee a respirer.", "breathing_difficulty", "absent"),
    ],
)
def test_a_common_french_spelling_slip_is_still_read(text: str, finding: str, status: str) -> None:
    """-er for -é, a wrong agreement, a letter missing where the corrector has two equal guesses."""
    parsed = fr(text)
    assert finding in (parsed.present_ids if status == "present" else parsed.absent_ids)


@pytest.mark.parametrize(
    "text",
    [
        "Elle a fait une convulsion tantôt. Là elle respire mais elle est pas encore revenue à elle.",
        "Mon père a convulsé, il est pas revenu à lui depuis.",
        "Après la crise il est pas vraiment conscient.",
    ],
)
def test_not_yet_back_to_oneself_after_a_seizure_is_not_recovering(text: str) -> None:
    """'Pas encore revenue à elle': the negation comes before 'encore', so the phrase of recovery is denied."""
    parsed = fr(text)
    assert "not_recovering_after_seizure" in {m.finding_id for m in parsed.present}
    assert "not_recovering_after_seizure" not in {m.finding_id for m in parsed.absent}


def test_back_to_oneself_after_a_seizure_still_denies_not_recovering() -> None:
    parsed = fr("Il a fait une convulsion mais il est revenu à lui après deux minutes.")
    assert "not_recovering_after_seizure" in {m.finding_id for m in parsed.absent}


def test_a_seizure_some_minutes_ago_that_does_not_stop_has_lasted_that_long() -> None:
    parsed = fr("Il a fait une convulsion il y a 10 minutes pis ça arrête pas.")
    assert "seizure_now_or_over_5_min" in {m.finding_id for m in parsed.present}
    assert "seizure_now_or_over_5_min" not in {
        m.finding_id for m in fr("Elle a fait une convulsion il y a une heure.").present
    }


@pytest.mark.parametrize(
    "text",
    [
        "Depuis ce matin il sent plus sa jambe droite.",
        "J'ai un engourdissement dans le pied droit qui est monté au bras droit.",
    ],
)
def test_une_perte_de_sensation_d_un_cote_nomme_est_un_engourdissement_d_un_cote(text: str) -> None:
    assert "numbness_one_side" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    ["Depuis avant-hier mon coeur se met à battre vite et fort par bouts.", "Mon cœur battait super vite hier soir."],
)
def test_a_heart_said_to_beat_fast_in_any_form_of_the_verb_is_a_racing_heart(text: str) -> None:
    assert "rapid_heartbeat" in fr(text).present_ids


def test_eyes_rolling_back_while_the_limbs_jump_is_a_seizure_in_french() -> None:
    text = "Ses bras pis ses jambes se sont mis à sauter tout seuls, ses yeux roulaient par en arrière."
    assert "seizure" in fr(text).present_ids


def test_a_corner_of_the_mouth_that_pulls_by_itself_is_no_face_droop_and_a_crooked_mouth_is() -> None:
    assert "sudden_weakness_or_numbness_one_side" not in fr("Le coin de ma bouche tire tout seul.").present_ids
    assert "sudden_weakness_or_numbness_one_side" in fr("Sa bouche est croche depuis une heure.").present_ids


def test_denying_a_hand_cramped_into_a_claw_does_not_deny_cramps() -> None:
    parsed = fr("Pas de crampe de la main en griffe.")
    assert "carpopedal_spasm" in parsed.absent_ids
    assert "muscle_cramps" not in parsed.absent_ids


def test_a_condition_met_by_another_conditional_finding_still_counts() -> None:
    """The eyes rolling back are a fit only beside jerking, and "la première fois" a first fit only beside a fit."""
    text = "Ses bras pis ses jambes sautaient tout seuls, ses yeux roulaient par en arrière. C'est la première fois."
    assert {"seizure", "first_seizure"} <= set(fr(text).present_ids)


# ---------------------------------------------------------------- set M and set N development classes (issue #11)


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Mes mollets sautent. Je mange pis je parle normal, j'avale pis je parle normal.", "swallowing_difficulty"),
        ("Ma paupière saute. Il boit pu une goutte, sobre depuis 3 ans.", "heavy_alcohol_use"),
    ],
)
def test_a_plain_french_statement_denies_the_problem(text: str, denied: str) -> None:
    assert denied in fr(text).absent_ids


def test_muscles_that_have_not_thinned_deny_wasting_not_weight_loss() -> None:
    parsed = fr("Mes cuisses sautent le soir, mes muscles ont pas maigri.")
    assert "muscle_wasting" in parsed.absent_ids
    assert "weight_loss" not in parsed.absent_ids


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Depuis ce matin elle lève pu son bras gauche.", "muscle_weakness"),
        ("Je sors vraiment peu depuis l'automne pis mes cuisses sautent.", "low_sun_exposure"),
        ("J'ai une rougeur en forme de papillon sur le nez pis les joues.", "skin_rash"),
    ],
)
def test_everyday_french_for_a_finding_is_read(text: str, finding: str) -> None:
    assert finding in fr(text).present_ids


def test_the_time_since_a_fit_stopped_is_not_its_length() -> None:
    """« Ça a arrêté depuis 10 minutes » dates the end of the fit; it did not last 10 minutes."""
    parsed = fr("Ma fille a fait une crise d'une minute au déjeuner. Là c'est arrêté depuis 12 minutes, elle dort.")
    assert "seizure" in parsed.present_ids
    assert "seizure_now_or_over_5_min" not in parsed.present_ids


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Elle a convulsé, ça a pas arrêté depuis 6 minutes.", "fr"),
        ("Il a convulsé pis ça a jamais arrêté depuis 8 minutes.", "fr"),
        ("She had a fit and it hasn't stopped for 6 minutes.", "en"),
    ],
)
def test_a_fit_that_has_not_stopped_for_minutes_is_a_fit_that_long(text: str, language: str) -> None:
    """The near miss of the time since a fit stopped: "not stopped for 6 minutes" is its length (an ambulance)."""
    assert "seizure_now_or_over_5_min" in parse_text(text, language=language).present_ids


def test_arms_and_legs_jumping_in_a_fit_are_the_fit_not_twitches() -> None:
    fit = fr("Hier soir il a fait une crise sur le divan, ses jambes pis ses bras ont sauté une minute.")
    assert "seizure" in fit.present_ids
    assert not {"twitch_arm_hand", "twitch_leg_calf", "twitch_widespread"} & set(fit.present_ids)
    evenings = fr("Mes jambes pis mes bras sautent le soir devant la télé.")
    assert {"twitch_arm_hand", "twitch_leg_calf"} <= set(evenings.present_ids)


@pytest.mark.parametrize(
    "text",
    [
        "Depuis l'été ma main gauche a faibli.",
        "J'échappe mes outils à la job depuis un mois.",
        "Elle ouvre pu les pots toute seule.",
    ],
)
def test_a_hand_that_has_weakened_in_everyday_french_is_weakness(text: str) -> None:
    assert "muscle_weakness" in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Ce matin j'échappe mon café par terre, ma paupière saute.",  # one coffee dropped is no weakness
        "Mes twitchs faiblissent depuis que je dors mieux.",  # twitches that fade
    ],
)
def test_a_dropped_coffee_or_a_fading_twitch_is_not_weakness(text: str) -> None:
    assert "muscle_weakness" not in fr(text).present_ids
