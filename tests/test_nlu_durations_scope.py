"""Which time expression dates the twitching (issue #11): the one said of the twitching, not of something else."""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text


def durations(text: str, language: str = "en") -> set[str]:
    return {i for i in parse_text(text, language=language).present_ids if i.startswith("duration_")}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("My eyelid has been twitching for 3 weeks.", "en", "duration_2_weeks_to_3_months"),
        ("For about ten days my thigh has been jumping.", "en", "duration_under_2_weeks"),
        ("ça fait 5 semaines que ma paupière saute", "fr", "duration_2_weeks_to_3_months"),
        ("Mon mollet saute depuis 4 jours.", "fr", "duration_under_2_weeks"),
    ],
)
def test_a_duration_said_of_the_twitching_dates_it(text: str, language: str, expected: str) -> None:
    assert durations(text, language) == {expected}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "My toes have felt numb for years, and my thigh has been jumping for five weeks.",
            "en",
            "duration_2_weeks_to_3_months",
        ),
        (
            "J'ai les pieds engourdis depuis des années, pis ma cuisse saute depuis 5 semaines.",
            "fr",
            "duration_2_weeks_to_3_months",
        ),
    ],
)
def test_the_twitching_clause_beats_a_longer_span_of_another_symptom_in_the_sentence(
    text: str, language: str, expected: str
) -> None:
    assert durations(text, language) == {expected}


@pytest.mark.parametrize(
    "text",
    [
        "Cheek flickering, been on lansoprazole 30 mg for over two years.",
        "Calf jumping a lot, I have been taking 40 mg of omeprazole every morning for 3 years.",
    ],
)
def test_a_medicine_taken_for_years_is_background_even_with_its_dose_between(text: str) -> None:
    assert "duration_over_3_months" not in durations(text)


@pytest.mark.parametrize(
    "text",
    [
        "Je prends des anti-inflammatoires, pis je bois du vin tous les soirs depuis des années. Ma cuisse saute.",
        "I've been drinking half a bottle of whisky a night for decades. My calf flickers.",
    ],
)
def test_a_drinking_habit_of_years_does_not_date_the_twitching(text: str) -> None:
    language = "fr" if text.startswith("Je") else "en"
    assert "duration_over_3_months" not in durations(text, language)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J'ai mal partout depuis l'an passé.", "duration_over_3_months"),
        ("J'ai bu trois cafés depuis midi pis ma lèvre tressaute.", "duration_under_2_weeks"),
    ],
)
def test_french_relative_times_of_speech_are_read(text: str, expected: str) -> None:
    assert durations(text, "fr") == {expected}


def test_today_in_the_twitching_sentence_beats_an_older_event_told_elsewhere() -> None:
    text = "I had my knee operation five weeks ago. Tonight my hands cramped into claws and my cheek keeps twitching."
    assert durations(text) == {"duration_under_2_weeks"}


@pytest.mark.parametrize(
    "text",
    [
        "My wife is 40. She had a fit at lunch, it lasted a minute and she was back to normal after about 30 minutes.",
        "My dad is 70. He had a seizure and came round after 15 minutes.",
    ],
)
def test_a_recovery_timed_from_a_fit_is_not_how_long_the_fit_lasted(text: str) -> None:
    assert "seizure_now_or_over_5_min" not in parse_text(text).present_ids


def test_a_fit_that_went_on_for_minutes_still_counts_beside_a_recovery_time() -> None:
    text = "My son is 12. His seizure went on for 7 minutes and he came round after 20 minutes."
    assert "seizure_now_or_over_5_min" in parse_text(text).present_ids
