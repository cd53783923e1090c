"""Trigger comparisons: what the person's own days show, with counts, never claiming cause."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from twitchcheck.diary import DiaryEntry, compare_triggers
from twitchcheck.diary.associations import times_words

TZ = timezone(timedelta(hours=1))
START = date(2024, 5, 6)


def day(index: int, bouts: int, **context: Any) -> DiaryEntry:
    when = START + timedelta(days=index)
    return DiaryEntry(
        when=datetime(when.year, when.month, when.day, 21, tzinfo=TZ),
        locations=("twitch_eyelid",) if bouts else (),
        bouts=bouts,
        bout_seconds=15.0 if bouts else None,
        intensity=3 if bouts else 0,
        **context,
    )


def by_trigger(entries: list[DiaryEntry]) -> dict[str, Any]:
    return {c.trigger: c for c in compare_triggers(entries)}


def test_coffee_days_with_twice_the_bouts_are_described_with_counts_and_no_claim_of_cause() -> None:
    coffee_days = [day(i, 8 + i % 3, caffeine_drinks=5) for i in range(9)]  # 8, 9, 10 ... mean 9
    other_days = [day(9 + i, 4 + i % 3, caffeine_drinks=1) for i in range(12)]  # 4, 5, 6 ... mean 5
    comparison = by_trigger(coffee_days + other_days)["caffeine"]
    assert comparison.enough_data and comparison.notable
    assert (comparison.exposed_days, comparison.other_days) == (9, 12)
    assert comparison.sentence.startswith(
        "On days with 4+ caffeinated drinks the diary shows 1.8 times as many bouts as on days with fewer "
        "(9.0 vs 5.0 a day on average; 9 days vs 12 days of data)."
    )
    assert "This does not prove that caffeine affects the twitching" in comparison.sentence
    assert "could be chance" not in comparison.sentence  # a clear difference on 21 days


def test_a_difference_on_few_days_is_called_possibly_chance() -> None:
    entries = [day(i, b, stress=8) for i, b in enumerate([9, 2, 7, 1, 6])]
    entries += [day(5 + i, b, stress=2) for i, b in enumerate([3, 4, 1, 5, 2])]
    comparison = by_trigger(entries)["stress"]
    assert comparison.notable
    assert (
        "1.7 times as many bouts as on calmer days (5.0 vs 3.0 a day on average; 5 days vs 5 days"
        in comparison.sentence
    )
    assert "With this few days the difference could be chance." in comparison.sentence


def test_too_few_days_in_a_group_says_not_enough_data_yet_with_the_counts() -> None:
    entries = [day(i, 9, caffeine_drinks=6) for i in range(3)] + [day(3 + i, 3, caffeine_drinks=1) for i in range(12)]
    comparison = by_trigger(entries)["caffeine"]
    assert not comparison.enough_data and comparison.exposed_mean_bouts is None
    assert comparison.sentence == (
        "Not enough data yet on caffeine: 3 days with 4+ caffeinated drinks and 12 days with fewer; "
        "at least 5 of each are needed to compare."
    )


def test_a_trigger_never_logged_says_so() -> None:
    assert by_trigger([day(0, 3)])["alcohol"].sentence == "Nothing logged about alcohol yet."


def test_similar_days_say_no_clear_link() -> None:
    entries = [day(i, 5 + i % 2, sleep_hours=5) for i in range(6)] + [
        day(6 + i, 5 + i % 2, sleep_hours=8) for i in range(6)
    ]
    comparison = by_trigger(entries)["sleep"]
    assert not comparison.notable
    assert "the diary shows about as many bouts as on days after 6 hours or more" in comparison.sentence
    assert comparison.sentence.endswith("No clear link with short sleep in the diary so far.")


def test_exercise_yes_counts_as_an_exercise_day() -> None:
    entries = [day(i, 8, exercise=True) for i in range(5)] + [day(5 + i, 4, exercise=False) for i in range(5)]
    comparison = by_trigger(entries)["exercise"]
    assert (comparison.exposed_days, comparison.other_days) == (5, 5)
    assert "twice as many bouts" in comparison.sentence


def test_days_without_any_bouts_elsewhere_are_described_without_a_ratio() -> None:
    entries = [day(i, 4, alcohol_units=4) for i in range(5)] + [day(5 + i, 0, alcohol_units=0) for i in range(5)]
    assert by_trigger(entries)["alcohol"].sentence.startswith(
        "On days with 3+ units of alcohol the diary shows 4.0 bouts a day on average, "
        "and none on days with less or none"
    )


def test_ratio_words_are_plain_and_small_differences_are_called_slight() -> None:
    assert [times_words(r) for r in (2.0, 3.0, 1.7, 1.3, 1.0, 0.8, 0.5, 0.6)] == [
        "twice as many",
        "three times as many",
        "times as many",
        "slightly more",
        "about as many",
        "slightly fewer",
        "half as many",
        "fewer",
    ]


def test_a_small_difference_is_called_slight_and_no_clear_link() -> None:
    entries = [day(i, 6 + i % 2, sleep_hours=5) for i in range(6)] + [
        day(6 + i, 4 + i % 2, sleep_hours=8) for i in range(6)
    ]
    sentence = by_trigger(entries)["sleep"].sentence
    assert sentence.startswith(
        "On days after less than 6 hours of sleep the diary shows slightly more bouts than on days after "
        "6 hours or more "
        "(6.5 vs 4.5 a day on average; 6 days vs 6 days of data)."
    )
    assert sentence.endswith("No clear link with short sleep in the diary so far.")
