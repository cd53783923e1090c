"""Diary entries: validation that says what was wrong and what is allowed, and the per-day view."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from pydantic import ValidationError

from twitchcheck.diary import DiaryEntry, diary_days, explain_invalid_entry

TZ = timezone(timedelta(hours=1))


def valid(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "when": "2024-05-06T21:00:00+01:00",
        "locations": ["twitch_eyelid"],
        "bouts": 3,
        "bout_seconds": 20,
        "intensity": 2,
    }
    data.update(changes)
    return data


def problem(**changes: Any) -> str:
    with pytest.raises(ValidationError) as raised:
        DiaryEntry.model_validate(valid(**changes))
    return explain_invalid_entry(raised.value)


def test_a_valid_entry_keeps_every_field() -> None:
    entry = DiaryEntry.model_validate(
        valid(sleep_hours=5.5, caffeine_drinks=4, stress=7, exercise=45, alcohol_units=2, notes="late night")
    )
    assert entry.day == date(2024, 5, 6)
    assert (entry.sleep_hours, entry.caffeine_drinks, entry.stress, entry.exercise) == (5.5, 4, 7, 45)


def test_exercise_may_be_yes_no_or_minutes() -> None:
    assert DiaryEntry.model_validate(valid(exercise=True)).exercise is True
    assert DiaryEntry.model_validate(valid(exercise=False)).exercise is False
    assert DiaryEntry.model_validate(valid(exercise=30)).exercise == 30


def test_a_misspelt_location_is_named_with_a_suggestion_and_the_allowed_ids() -> None:
    message = problem(locations=["twitch_eyelids"])
    assert message.startswith("locations: unknown twitch location 'twitch_eyelids'; did you mean 'twitch_eyelid'?")
    assert "allowed: twitch_eyelid, twitch_face, twitch_tongue" in message


def test_a_symptom_that_is_not_a_finding_is_rejected_with_a_suggestion() -> None:
    message = problem(new_symptoms=["muscle_weaknes"])
    assert "new_symptoms: unknown finding 'muscle_weaknes'; did you mean 'muscle_weakness'?" in message


def test_a_time_without_time_zone_is_rejected_with_an_example() -> None:
    message = problem(when="2024-05-06T21:00:00")
    assert "when: time 2024-05-06T21:00:00 has no time zone" in message
    assert "'2024-05-06T21:00:00+01:00'" in message


def test_an_unknown_field_is_named_with_the_allowed_fields() -> None:
    message = problem(sleep=6)
    assert "unknown field 'sleep'" in message
    assert "allowed fields: when, locations, bouts, bout_seconds, intensity, sleep_hours" in message


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("intensity", 11, "intensity: Input should be less than or equal to 10"),
        ("bouts", -1, "bouts: Input should be greater than or equal to 0"),
        ("bout_seconds", 0, "bout_seconds: Input should be greater than 0"),
        ("sleep_hours", 25, "sleep_hours: Input should be less than or equal to 24"),
        ("stress", -2, "stress: Input should be greater than or equal to 0"),
        ("notes", "x" * 1001, "notes: String should have at most 1000 characters"),
    ],
)
def test_out_of_range_values_say_the_allowed_range(field: str, value: object, expected: str) -> None:
    assert expected in problem(**{field: value})


def test_bouts_without_a_place_or_a_length_are_rejected() -> None:
    assert "bouts is 3 but no location is given" in problem(locations=[])
    assert "bouts is 3 but bout_seconds is missing" in problem(bout_seconds=None)


def test_a_day_without_twitching_has_no_places_and_intensity_zero() -> None:
    assert "bouts is 0 (no twitching) but locations" in problem(bouts=0)
    quiet = DiaryEntry.model_validate({"when": "2024-05-06T21:00:00+01:00", "bouts": 0, "intensity": 0})
    assert quiet.locations == ()


def test_duplicate_ids_are_kept_once() -> None:
    entry = DiaryEntry.model_validate(valid(locations=["twitch_eyelid", "twitch_eyelid", "twitch_face"]))
    assert entry.locations == ("twitch_eyelid", "twitch_face")


def test_a_day_adds_bouts_keeps_the_strongest_and_the_latest_context() -> None:
    morning = DiaryEntry(
        when=datetime(2024, 5, 6, 8, tzinfo=TZ),
        locations=("twitch_eyelid",),
        bouts=2,
        bout_seconds=10,
        intensity=2,
        caffeine_drinks=1,
        sleep_hours=5,
    )
    evening = DiaryEntry(
        when=datetime(2024, 5, 6, 21, tzinfo=TZ),
        locations=("twitch_leg_calf",),
        bouts=6,
        bout_seconds=30,
        intensity=5,
        caffeine_drinks=4,
    )
    later = DiaryEntry(when=datetime(2024, 5, 8, 21, tzinfo=TZ), bouts=0, intensity=0)
    days = diary_days([later, evening, morning])
    assert [d.day for d in days] == [date(2024, 5, 6), date(2024, 5, 8)]  # 7 May: no entry, so no day
    first = days[0]
    assert (first.entries, first.bouts, first.intensity) == (2, 8, 5)
    assert first.bout_seconds == pytest.approx((2 * 10 + 6 * 30) / 8)
    assert first.locations == {"twitch_eyelid", "twitch_leg_calf"}
    assert (first.caffeine_drinks, first.sleep_hours) == (4, 5)
    assert days[1].bouts == 0 and days[1].bout_seconds is None


def test_the_day_is_the_persons_own_calendar_day() -> None:
    late = DiaryEntry.model_validate(valid(when="2024-05-06T23:30:00-05:00"))  # already 7 May in UTC
    assert late.day == date(2024, 5, 6)


def test_an_entry_survives_a_json_round_trip_with_its_time_zone() -> None:
    """Storage may keep entries as JSON; the offset must survive, or the calendar day (and every trend) shifts."""
    entry = DiaryEntry.model_validate(
        valid(when="2024-05-06T23:30:00-05:00", exercise=True, new_symptoms=["fatigue"], notes="é ✓")
    )
    again = DiaryEntry.model_validate_json(entry.model_dump_json())
    assert again == entry
    assert again.day == date(2024, 5, 6) and again.when.utcoffset() == timedelta(hours=-5)


def test_exercise_outside_yes_no_or_minutes_gets_one_plain_message() -> None:
    assert problem(exercise=-5) == "exercise: give true/false, or minutes as a whole number from 0 to 1440; got -5"
