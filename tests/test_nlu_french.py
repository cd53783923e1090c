"""French free text (Canada and France): negation, hedges, history, other people, durations, numbers, brands.

The French lexicon (knowledge/data/lexicon/fr.yaml) mirrors the English one;
these tests check what French grammar changes: "ne ... pas" around the verb
and "pas" after it ("je fume pas"), elisions ("j'ai", "l'œil"), accents left
out ("fievre"), "il y a 3 jours" for "3 days ago", "j'ai 34 ans" as an age,
and Québec words ("mon chum", "j'ai pogné", "full stressé").
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from twitchcheck.nlu import load_lexicon, parse_text
from twitchcheck.nlu.compiler import compiled_lexicon
from twitchcheck.nlu.models import ParsedText

LEXICON = Path(__file__).resolve().parents[1] / "src" / "twitchcheck" / "knowledge" / "data" / "lexicon" / "fr.yaml"


def fr(text: str) -> ParsedText:
    return parse_text(text, language="fr")


def found(text: str) -> tuple[list[str], list[str]]:
    parsed = fr(text)
    return parsed.present_ids, parsed.absent_ids


# ---------------------------------------------------------------- the lexicon itself


def test_the_french_lexicon_loads_and_covers_what_the_english_one_covers() -> None:
    french, english = load_lexicon(language="fr"), load_lexicon(language="en")
    assert french.language == "fr"
    assert french.source == "fr.yaml"
    assert set(french.findings) == set(english.findings)
    assert {c.finding for c in french.durations.categories} == {c.finding for c in english.durations.categories}


def test_words_compared_one_by_one_are_written_as_the_input_is_normalised() -> None:
    """Durations words, pronouns and possessives are compared to folded tokens: an accent there would never match."""
    lex = compiled_lexicon("fr")
    words, subject, context = lex.lexicon.durations, lex.lexicon.subject, lex.lexicon.context
    single = [
        *words.numbers,
        *words.articles,
        *words.vague_numbers,
        *words.units,
        *words.bare_plurals,
        *words.weekdays,
        *words.weekday_markers,
        *words.markers,
        *words.approximately,
        *words.unit_linkers,
        *words.determiners,
        *words.half,
        *words.range_joiners,
        *words.frequency_before,
        *words.onset_words,
        *words.sub_day_markers,
        *context.first_person,
        *subject.possessives,
        *subject.female_pronouns,
        *subject.male_pronouns,
        *(w for phrase in subject.writer_acting for w in phrase.split()),
    ]
    assert [w for w in single if " " not in w and lex.normaliser.canonical(w) != w] == []


def test_the_yaml_has_no_accidental_booleans() -> None:
    """YAML reads a bare `on` or `no` as a boolean; the lexicon quotes them."""
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    assert all(isinstance(w, str) for w in data["fuzzy"]["protected"])
    assert all(isinstance(w, str) for w in data["context"]["clause_starters"])


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("ma paupiere saute", ["twitch_eyelid"]),
        ("j'ai l'oeil qui tressaute", ["twitch_eyelid"]),
        ("j’ai l’œil qui tressaute", ["twitch_eyelid"]),
        ("jai de la fievre", ["fever"]),
        ("mes molets tressautent", ["twitch_leg_calf"]),
        ("chu fatiguée", ["fatigue"]),
        ("je suis fatiguer", ["fatigue"]),
        ("DIARHÉE depuis hier", ["diarrhoea_or_vomiting", "duration_under_2_weeks"]),
    ],
)
def test_accents_elisions_typos_and_spoken_spellings_are_read(text: str, present: list[str]) -> None:
    assert fr(text).present_ids == present


def test_a_real_word_one_letter_from_a_lexicon_word_is_not_corrected() -> None:
    """ "diabétique" is not a typo of "diurétique" (a water tablet)."""
    assert fr("Je suis diabétique de type 1.").present_ids == []


# ---------------------------------------------------------------- negation


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Pas de fièvre.", ["fever"]),
        ("Je n'ai pas de fièvre.", ["fever"]),
        ("J'ai pas de fievre.", ["fever"]),
        ("Aucune faiblesse.", ["muscle_weakness"]),
        ("Je ne fais pas de fièvre, de frissons ou de toux.", ["fever"]),
        ("Je n'ai ni fièvre ni éruption.", ["fever", "skin_rash"]),
        ("Sans douleur.", ["muscle_pain", "twitch_painful"]),
        ("Je bois pas de café.", ["high_caffeine"]),
        ("Je ne bois pas d'alcool.", ["heavy_alcohol_use"]),
        ("Jamais eu de fièvre.", ["fever"]),
        ("Je suis pas enceinte.", ["pregnant"]),
        ("Non-fumeur.", []),
        ("Je suis pas fumeur.", ["smoking_or_toxin_exposure"]),
        ("Aucun antécédent familial de SLA.", ["family_history_neuromuscular"]),
    ],
)
def test_a_denied_finding_is_absent_and_nothing_is_present(text: str, absent: list[str]) -> None:
    assert found(text) == ([], absent)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Je fume pas.", ["smoking_or_toxin_exposure"]),
        ("Je ne fume pas.", ["smoking_or_toxin_exposure"]),
        ("Je fume plus depuis 2 ans.", ["smoking_or_toxin_exposure"]),
        ("Je tremble pas.", ["tremor"]),
        ("Je vomis pas.", ["diarrhoea_or_vomiting"]),
        ("Je m'étouffe jamais.", ["choking_on_food_or_drink"]),
    ],
)
def test_pas_after_the_verb_denies_the_verb(text: str, absent: list[str]) -> None:
    assert found(text) == ([], absent)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Je fume pas mal.", ["smoking_or_toxin_exposure"]),
        ("J'ai pas mal de stress au travail.", ["stress_anxiety_present"]),
        ("Je tremble plus qu'avant.", ["tremor"]),
    ],
)
def test_pas_mal_and_plus_que_say_more_not_less(text: str, present: list[str]) -> None:
    assert found(text) == (present, [])


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("Je dors pas bien.", ["poor_sleep"]),
        ("Je ne dors pas bien.", ["poor_sleep"]),
        ("Je n'ai pas bien dormi.", ["poor_sleep"]),
        ("Je ne peux pas marcher.", ["difficulty_walking"]),
        ("Je suis pas capable de me concentrer.", ["poor_concentration"]),
        ("Je bois pas assez d'eau.", ["low_fluid_intake"]),
        ("Ma paupière arrête pas de sauter.", ["twitch_continuous", "twitch_eyelid"]),
        ("Je sais pas pourquoi ma paupière saute.", ["twitch_eyelid"]),
    ],
)
def test_a_negation_that_is_part_of_the_phrase_is_no_denial(text: str, present: list[str]) -> None:
    assert found(text) == (present, [])


def test_negation_does_not_cross_mais() -> None:
    assert found("Aucune faiblesse, mais mon mollet saute.") == (["twitch_leg_calf"], ["muscle_weakness"])


def test_negation_stops_where_a_new_clause_starts_after_a_comma() -> None:
    assert found("Pas de fièvre, ma paupière saute.") == (["twitch_eyelid"], ["fever"])


def test_negation_does_not_cross_a_sentence_boundary() -> None:
    assert found("Pas de fièvre. Mon mollet saute.") == (["twitch_leg_calf"], ["fever"])


def test_negation_reaches_every_item_of_a_list_but_not_the_next_clause() -> None:
    text = "J'ai pas de fièvre, pas de rash, pas de faiblesse, juste ma paupière qui saute."
    assert found(text) == (["twitch_eyelid"], ["fever", "muscle_weakness", "skin_rash"])


def test_a_finding_after_et_des_is_not_denied() -> None:
    assert found("Pas de fièvre et des spasmes dans le mollet.") == (["twitch_leg_calf"], ["fever"])


def test_pas_after_the_verb_stops_at_mais() -> None:
    assert found("Mes mains tremblent pas, mais ma paupière saute.") == (["twitch_eyelid"], ["tremor"])


def test_a_denial_names_its_cue_and_keeps_the_original_span() -> None:
    text = "Paupière qui saute. PAS de fièvre."
    mention = fr(text).absent[0]
    assert (mention.finding_id, mention.cue, mention.text) == ("fever", "PAS de", "fièvre")
    assert text[mention.start : mention.end] == "fièvre"


# ---------------------------------------------------------------- uncertainty


@pytest.mark.parametrize(
    ("text", "uncertain"),
    [
        ("Peut-être que j'ai de la fièvre.", ["fever"]),
        ("Je pense que j'ai de la fièvre.", ["fever"]),
        ("Pas sûr si ma main est plus faible.", ["muscle_weakness"]),
        ("Je suis pas sûre si c'est une crise.", ["seizure"]),
        ("On dirait que ma jambe est plus faible.", ["muscle_weakness"]),
        ("J'ai l'impression que mes muscles fondent.", ["muscle_wasting"]),
    ],
)
def test_a_hedged_finding_is_uncertain_not_present(text: str, uncertain: list[str]) -> None:
    parsed = fr(text)
    assert (parsed.present_ids, parsed.absent_ids, parsed.uncertain_ids) == ([], [], uncertain)


def test_an_estimate_is_no_hedge() -> None:
    assert "high_caffeine" in fr("Je bois peut-être 6 cafés par jour.").present_ids


def test_a_carer_who_thinks_she_is_having_a_seizure_is_not_hedging() -> None:
    parsed = fr("Ma fille a 12 ans. Je pense qu'elle fait une crise en ce moment.")
    assert "seizure_now_or_over_5_min" in parsed.present_ids


# ---------------------------------------------------------------- history


def test_a_seizure_years_ago_is_a_past_seizure_not_an_acute_one() -> None:
    parsed = fr("J'ai déjà fait une crise il y a 10 ans.")
    assert parsed.present_ids == ["seizure"]
    assert "seizure_now_or_over_5_min" not in parsed.present_ids
    assert "duration_over_3_months" not in parsed.present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Avant je fumais un paquet par jour.",
        "Je fumais avant.",
        "Je suis un ancien fumeur.",
        "Quand j'étais ado je fumais.",
        "Quand j'étais ado, je fumais.",
        "Il y a 10 ans, je fumais.",
    ],
)
def test_smoking_in_the_past_is_historical_not_present(text: str) -> None:
    parsed = fr(text)
    assert "smoking_or_toxin_exposure" not in parsed.present_ids
    assert [m.finding_id for m in parsed.historical] == ["smoking_or_toxin_exposure"]


def test_stopping_is_a_denial() -> None:
    assert found("J'ai arrêté de fumer il y a 5 ans.") == ([], ["smoking_or_toxin_exposure"])
    assert found("J'ai arrêté le café.") == ([], ["high_caffeine"])


def test_avant_de_is_only_before() -> None:
    assert "jerks_when_falling_asleep" in fr("J'ai des secousses avant de m'endormir.").present_ids


# ---------------------------------------------------------------- other people and carers


def test_a_parent_with_als_is_family_history_not_the_writers_als() -> None:
    parsed = fr("Mon père a la SLA et mon mollet tressaute depuis un mois.")
    assert parsed.present_ids == ["duration_2_weeks_to_3_months", "family_history_neuromuscular", "twitch_leg_calf"]
    assert parsed.subject == "self"


@pytest.mark.parametrize(
    "text",
    ["Mon père a la SLA.", "Ma tante avait la dystrophie musculaire.", "Mon grand-père avait la maladie de Charcot."],
)
def test_a_relatives_neuromuscular_disease_is_family_history(text: str) -> None:
    parsed = fr(text)
    assert parsed.present_ids == ["family_history_neuromuscular"]
    assert "known_neurological_condition" not in parsed.present_ids


def test_someone_elses_disease_is_not_the_writers() -> None:
    parsed = fr("Ma sœur a le lupus. Moi, j'ai des spasmes dans la jambe.")
    assert parsed.present_ids == ["twitch_leg_calf"]


def test_what_a_partner_noticed_is_about_the_writer() -> None:
    parsed = fr("Mon chum dit que je tremble la nuit.")
    assert (parsed.present_ids, parsed.subject) == (["tremor"], "self")


@pytest.mark.parametrize(
    ("text", "age", "sex", "present"),
    [
        (
            "Ma mère, 78 ans, tremble depuis quelques semaines.",
            78,
            "female",
            ["duration_2_weeks_to_3_months", "tremor"],
        ),
        (
            "Mon père a 79 ans et il est confus depuis hier.",
            79,
            "male",
            ["duration_under_2_weeks", "ongoing_confusion"],
        ),
        ("Ma mère (72 ans) a des tremblements aux mains.", 72, "female", ["tremor"]),
        ("Mon fils de 7 ans fait une crise en ce moment!", 7, "male", ["seizure", "seizure_now_or_over_5_min"]),
        ("J'écris pour ma grand-mère qui a 85 ans : elle a de la fièvre.", 85, "female", ["fever"]),
    ],
)
def test_a_carers_text_is_about_the_person_cared_for(text: str, age: int, sex: str, present: list[str]) -> None:
    parsed = fr(text)
    assert (parsed.subject, parsed.age, parsed.sex, parsed.present_ids) == ("other", age, sex, present)


def test_a_carers_own_tiredness_is_not_the_patients() -> None:
    parsed = fr("Ma mère, 80 ans, tremble des mains. Je suis épuisée.")
    assert parsed.present_ids == ["tremor"]


def test_a_text_about_her_without_a_name_is_about_someone_else() -> None:
    parsed = fr("Elle fixe dans le vide et elle répond pas.")
    assert parsed.subject == "other"
    assert {"loss_of_awareness", "staring_spells"} <= set(parsed.present_ids)


@pytest.mark.parametrize(
    "text",
    [
        "Il y a des jours où mes jambes tremblent.",
        "Ma jambe, elle tremble tout le temps.",
        "Il fait chaud et je tremble.",
    ],
)
def test_an_impersonal_il_or_a_body_part_elle_is_no_one(text: str) -> None:
    parsed = fr(text)
    assert (parsed.subject, parsed.sex, parsed.present_ids[-1]) == ("self", None, "tremor")


# ---------------------------------------------------------------- demographics


@pytest.mark.parametrize(
    ("text", "age", "sex"),
    [
        ("J'ai 34 ans et ma paupière saute.", 34, None),
        ("34F, paupière qui saute.", 34, "female"),
        ("H45, crampes aux mollets.", 45, "male"),
        ("Femme de 45 ans, crampes aux mollets.", 45, "female"),
        ("Je suis un homme de 52 ans.", 52, "male"),
        ("Je suis une femme, 29 ans.", 29, "female"),
    ],
)
def test_age_and_sex_of_the_writer(text: str, age: int, sex: str | None) -> None:
    parsed = fr(text)
    assert (parsed.age, parsed.sex, parsed.subject) == (age, sex, "self")


@pytest.mark.parametrize(
    "text",
    [
        "J'ai 34 ans.",
        "Femme de 45 ans, crampes aux mollets.",
        "Mon père, 79 ans, a de la misère à marcher.",
        "Je suis enceinte de 28 semaines.",
    ],
)
def test_an_age_or_a_pregnancy_is_no_duration(text: str) -> None:
    assert not [f for f in fr(text).present_ids if f.startswith("duration_")]


def test_hours_are_not_a_sex() -> None:
    parsed = fr("Je dors 5h par nuit.")
    assert (parsed.age, parsed.sex, parsed.present_ids) == (None, None, ["poor_sleep"])


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("Ça fait 2 semaines que mon œil saute.", "duration_2_weeks_to_3_months"),
        ("Ma paupière saute depuis 3 jours.", "duration_under_2_weeks"),
        ("Mon mollet tressaute depuis environ un mois.", "duration_2_weeks_to_3_months"),
        ("Ma cuisse tressaute depuis lundi.", "duration_under_2_weeks"),
        ("Ma paupière saute depuis hier.", "duration_under_2_weeks"),
        ("Ma paupière a commencé à sauter ce matin.", "duration_under_2_weeks"),
        ("Les spasmes ont commencé il y a 6 mois.", "duration_over_3_months"),
        ("Ça fait un mois et demi que ça saute dans mon bras.", "duration_2_weeks_to_3_months"),
        ("Ça tressaute dans mes jambes depuis plus d'un an.", "duration_over_3_months"),
        ("Mes mollets sautent depuis les 3 derniers jours.", "duration_under_2_weeks"),
        ("Ma paupière saute depuis une quinzaine de jours.", "duration_2_weeks_to_3_months"),
        ("ma paupiere saute depuis 3 jour", "duration_under_2_weeks"),
    ],
)
def test_the_onset_of_the_twitching_is_one_duration(text: str, duration: str) -> None:
    durations = [f for f in fr(text).present_ids if f.startswith("duration_")]
    assert durations == [duration]


def test_a_habit_of_years_is_no_onset() -> None:
    parsed = fr("Je fume depuis 20 ans. Ma paupière saute depuis 4 jours.")
    assert "duration_under_2_weeks" in parsed.present_ids
    assert "duration_over_3_months" not in parsed.present_ids


def test_a_seizure_of_six_minutes_is_an_emergency_and_of_two_minutes_is_not_said_either_way() -> None:
    assert "seizure_now_or_over_5_min" in fr("Elle a convulsé pendant 6 minutes.").present_ids
    short = fr("Il a convulsé pendant 2 minutes.")
    assert "seizure_now_or_over_5_min" not in short.present_ids + short.absent_ids


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text",
    [
        "Ma température est à 38,6.",
        "Ma température est à 38.6.",
        "J'ai 38,6 de fièvre.",
        "Thermomètre: 39,2°C",
        "Temp de 38,5 ce matin",
    ],
)
def test_a_reading_of_38_or_more_is_a_fever(text: str) -> None:
    assert "fever" in fr(text).present_ids


@pytest.mark.parametrize("text", ["Ma température est à 37,2.", "Ça fait 40 ans que je fume.", "J'ai 38 ans."])
def test_a_normal_reading_or_another_number_is_no_fever(text: str) -> None:
    assert "fever" not in fr(text).present_ids


@pytest.mark.parametrize(
    "text",
    [
        "J'ai pris 8 comprimés de caféine.",
        "J'ai pris 6 pilules de caféine ce matin.",
        "J'ai bu 4 Red Bull d'affilée ce soir.",
        "J'ai bu 3 Red Bull aujourd'hui.",
    ],
)
def test_a_large_stimulant_dose_is_also_a_lot_of_caffeine(text: str) -> None:
    assert {"high_caffeine", "large_stimulant_dose"} <= set(fr(text).present_ids)


def test_a_few_coffees_a_day_is_a_lot_of_caffeine_but_no_overdose() -> None:
    present = fr("Je bois 6 cafés par jour.").present_ids
    assert "high_caffeine" in present
    assert "large_stimulant_dose" not in present


def test_urine_the_colour_of_coke_is_no_caffeine() -> None:
    present = fr("Mon pipi est brun foncé comme du coke.").present_ids
    assert "dark_urine" in present
    assert "high_caffeine" not in present


# ---------------------------------------------------------------- brands and medicines


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Je prends de l'oméprazole.", "acid_or_water_tablets"),
        ("Je prends du pantoprazole (Tecta).", "acid_or_water_tablets"),
        ("Il prend du furosémide.", "acid_or_water_tablets"),
        ("Elle prend du Lasix.", "acid_or_water_tablets"),
        ("Je prends de l'hydrochlorothiazide pour ma pression.", "acid_or_water_tablets"),
        ("Je prends du Vyvanse.", "amphetamine_use"),
        ("Adderall pour mon TDAH.", "amphetamine_use"),
        ("Mon fils prend du Ritalin.", "amphetamine_use"),
        ("Je suis sous Concerta.", "amphetamine_use"),
        ("Je prends de la dexamfétamine.", "amphetamine_use"),
        ("Je prends de la prednisone depuis 3 mois.", "weakened_immune_system"),
        ("Elle prend du tacrolimus depuis sa greffe.", "weakened_immune_system"),
        ("Je suis en chimio.", "weakened_immune_system"),
        ("Je prends du Keppra.", "known_epilepsy"),
    ],
)
def test_drug_and_brand_names(text: str, finding: str) -> None:
    assert finding in fr(text).present_ids


# ---------------------------------------------------------------- everyday Québec French


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("J'ai pogné un coup de chaleur.", ["heavy_sweating_exercise"]),
        ("Je suis full stressé.", ["stress_anxiety_present"]),
        ("J'ai le goût de rien.", ["apathy"]),
        ("Je m'enfarge dans mes pieds.", ["difficulty_walking"]),
        ("J'ai de la misère à avaler.", ["swallowing_difficulty"]),
        ("Ma blonde trouve que je parle tout croche.", ["speech_difficulty"]),
        ("Je bois une caisse de 24 par fin de semaine.", ["heavy_alcohol_use"]),
        ("J'ai renvoyé toute la nuit.", ["diarrhoea_or_vomiting"]),
    ],
)
def test_quebec_words(text: str, present: list[str]) -> None:
    assert fr(text).present_ids == present


@pytest.mark.parametrize(
    "text",
    [
        "J'ai des sautes d'humeur.",
        "Je saute des repas.",
        "Ça saute aux yeux que je suis stressé.",
        "J'ai une crise de panique.",
        "De mon point de vue, c'est pire.",
    ],
)
def test_words_that_only_look_like_a_finding(text: str) -> None:
    present = set(fr(text).present_ids)
    assert not present & {"twitch_eyelid", "twitch_brief", "seizure", "vision_problems", "twitch_continuous"}
