"""Typos and British/American/Canadian spellings read the same; real words are never 'corrected'."""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text
from twitchcheck.nlu.compiler import compiled_lexicon


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My eylid is twiching.", ["twitch_eyelid"]),
        ("Too much coffe lately.", ["high_caffeine"]),
        ("My musle is weak.", ["muscle_weakness"]),
        ("My tounge is twitching.", ["twitch_tongue"]),
        ("I had a siezure.", ["seizure"]),
        ("Lots of caffiene.", ["high_caffeine"]),
        ("Numbess in my legs.", ["numbness_limbs"]),
        ("I feel exausted.", ["fatigue"]),
    ],
)
def test_common_misspellings_are_understood(text: str, expected: list[str]) -> None:
    assert parse_text(text).present_ids == expected


@pytest.mark.parametrize(
    ("word", "not_this"),
    [
        ("tried", "tired"),
        ("fewer", "fever"),
        ("heard", "heart"),
        ("stuff", "stiff"),
        ("sweet", "sweat"),
        ("cramming", "cramping"),
        ("there", "three"),
        ("making", "shaking"),
    ],
)
def test_real_words_are_never_corrected_into_symptom_words(word: str, not_this: str) -> None:
    assert compiled_lexicon().normalise(word) == word != not_this


@pytest.mark.parametrize(
    "text",
    [
        "I tried everything.",
        "Fewer problems now.",
        "I heard a noise.",
        "Lots of stuff to do.",
        "I ate something sweet.",
        "We crammed into the car.",
        "The fit of my shoes.",
        "I went there on the weekend.",
    ],
)
def test_real_words_near_symptom_words_give_no_findings(text: str) -> None:
    parsed = parse_text(text)
    assert [f for f in parsed.present_ids if not f.startswith("duration")] == []
    assert parsed.absent_ids == []


def test_short_words_are_never_fuzzy_matched() -> None:
    corrector = compiled_lexicon().fuzzy
    assert [corrector.correct(w) for w in ("fat", "wek", "fot", "ache", "leq")] == ["fat", "wek", "fot", "ache", "leq"]


def test_a_typo_equally_close_to_two_words_is_left_alone() -> None:
    corrector = compiled_lexicon().fuzzy
    assert corrector.correct("zzzzzz") == "zzzzzz"


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("Changes in behaviour.", "Changes in behavior."),
        ("I have anaemia and my vision is blurry.", "I have anemia and my vision is blurry."),
        ("My paediatric nurse says I'm paralysed.", "My pediatric nurse says I'm paralyzed."),
        ("Diarrhoea and laboured breathing.", "Diarrhea and labored breathing."),
        ("Pins and needles, paraesthesia in my legs.", "Pins and needles, paresthesia in my legs."),
    ],
)
def test_british_and_american_spellings_read_the_same(british: str, american: str) -> None:
    assert parse_text(british).present_ids == parse_text(american).present_ids != []


@pytest.mark.parametrize(
    ("word", "canonical"),
    [
        ("behaviour", "behavior"),
        ("behavioural", "behavioral"),
        ("colour", "color"),
        ("tyre", "tire"),
        ("anaemia", "anemia"),
        ("paediatric", "pediatric"),
        ("centre", "center"),
        ("oesophagus", "esophagus"),
    ],
)
def test_spelling_variants_map_to_one_canonical_form(word: str, canonical: str) -> None:
    assert compiled_lexicon().normaliser.canonical(word) == canonical


def test_typographic_apostrophes_read_like_plain_ones() -> None:
    assert parse_text("I can\u2019t breathe and I haven\u2019t slept.").present_ids == [
        "breathing_difficulty",
        "poor_sleep",
    ]
