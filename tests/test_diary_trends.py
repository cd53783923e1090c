"""Trend alerts: worsening, spreading, new symptoms and duration, each re-running triage with the diary's evidence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchcheck import Assessor
from twitchcheck.diary import DiaryEntry, diary_days, load_diary_rules, review_diary
from twitchcheck.diary.trends import check_worsening

from .conftest import examples

TZ = timezone(timedelta(hours=-4))
START = date(2024, 3, 4)  # a Monday


def day_entry(
    index: int,
    bouts: int,
    *,
    intensity: int = 3,
    locations: Sequence[str] = ("twitch_leg_calf",),
    symptoms: Sequence[str] = (),
) -> DiaryEntry:
    day = START + timedelta(days=index)
    return DiaryEntry(
        when=datetime(day.year, day.month, day.day, 20, tzinfo=TZ),
        locations=tuple(locations) if bouts else (),
        bouts=bouts,
        bout_seconds=10.0 if bouts else None,
        intensity=intensity if bouts else 0,
        new_symptoms=tuple(symptoms),
    )


def diary(bouts: Sequence[int], intensities: Sequence[int] | None = None) -> list[DiaryEntry]:
    strengths = intensities if intensities is not None else [3] * len(bouts)
    return [day_entry(i, b, intensity=x) for i, (b, x) in enumerate(zip(bouts, strengths, strict=True))]


def last_day(entries: Sequence[DiaryEntry]) -> date:
    return max(e.day for e in entries)


# ---- worsening -------------------------------------------------------------------------------------------------


def test_bouts_rising_over_four_weeks_are_called_worsening() -> None:
    entries = diary([2, 3, 2, 3, 3, 4, 3, 4, 4, 5, 4, 5, 6, 5, 6, 7, 6, 7, 8, 7, 8, 9, 8, 9, 10, 9, 11, 10])
    check = check_worsening(diary_days(entries), load_diary_rules(), as_of=last_day(entries))
    assert check.change is not None
    assert check.change.title == "Twitching is getting more frequent"
    assert check.change.findings == ("worsening",)
    assert any("Mann–Kendall" in d and "p < 0.001" in d for d in check.change.details)


def test_a_flat_but_noisy_diary_is_not_called_worsening() -> None:
    rng = np.random.default_rng(2024)
    entries = diary([int(b) for b in rng.poisson(5, 28)], [int(x) for x in rng.integers(2, 5, 28)])
    check = check_worsening(diary_days(entries), load_diary_rules(), as_of=last_day(entries))
    assert check.change is None
    assert any("no clear rise" in note for note in check.notes)


def test_a_jump_in_the_last_week_is_caught_by_the_rate_ratio() -> None:
    two_steady_weeks = [4, 5, 4, 4, 5, 4, 4, 4, 5, 4, 4, 5, 4, 4]
    entries = diary([*two_steady_weeks, 4, 5, 4, 5, 4, 4, 5, 9, 10, 11, 9, 10, 12, 10])
    check = check_worsening(diary_days(entries), load_diary_rules(), as_of=last_day(entries))
    assert check.change is not None
    assert any("last 7 days vs the 7 before" in d and "rising" not in d for d in check.change.details)
    assert check.change.since == last_day(entries) - timedelta(days=6)


@settings(max_examples=examples(60), deadline=None)
@given(
    bouts=st.integers(min_value=0, max_value=50),
    intensity=st.integers(min_value=1, max_value=10),
    days=st.integers(min_value=1, max_value=40),
)
def test_a_strictly_constant_diary_never_triggers_worsening(bouts: int, intensity: int, days: int) -> None:
    entries = diary([bouts] * days, [intensity] * days)
    check = check_worsening(diary_days(entries), load_diary_rules(), as_of=last_day(entries))
    assert check.change is None


@pytest.mark.slow
def test_flat_diaries_raise_a_false_alarm_at_most_about_one_time_in_twenty() -> None:
    """Measured, not assumed: 400 flat bursty diaries (negative binomial, mean 5 a day)."""
    rng = np.random.default_rng(7)
    rules = load_diary_rules()
    alarms = 0
    for _ in range(400):
        counts = [int(b) for b in rng.negative_binomial(2, 2 / 7, 28)]
        entries = diary(counts, [int(x) for x in rng.integers(2, 5, 28)])
        alarms += check_worsening(diary_days(entries), rules, as_of=START + timedelta(days=27)).change is not None
    assert alarms / 400 <= 0.07


def test_too_few_days_say_why_no_trend_was_tested() -> None:
    entries = diary([1, 2, 3, 4, 5, 6])
    check = check_worsening(diary_days(entries), load_diary_rules(), as_of=last_day(entries))
    assert check.change is None
    assert check.notes[0] == "Trend test not run: 6 days logged in the last 28; it needs at least 10."


def test_a_worsening_alert_raises_a_fresh_diary_to_an_appointment() -> None:
    # Ten days of rising bouts, under 2 weeks: only the worsening can move the advice.
    entries = diary([1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 8, 9, 10])
    review = review_diary(entries, as_of=last_day(entries))
    (alert,) = review.alerts
    assert alert.kind == "worsening"
    assert (alert.level_before, alert.level_after, alert.raised) == ("self_care", "consultation", True)
    assert alert.explanation.startswith("Twitching is getting more frequent, so the advice is now: book an appointment")


# ---- spreading -------------------------------------------------------------------------------------------------


def test_a_place_first_logged_after_the_baseline_week_is_spreading() -> None:
    entries = [day_entry(i, 3) for i in range(10)] + [
        day_entry(10, 3, locations=["twitch_arm_hand", "twitch_leg_calf"])
    ]
    review = review_diary(entries, as_of=last_day(entries))
    (alert,) = [a for a in review.alerts if a.kind == "spreading"]
    assert alert.since == START + timedelta(days=10)
    assert alert.findings == ["spreading", "twitch_arm_hand"]
    assert "twitching in an arm or hand (first logged 14 Mar)" in alert.details[0]
    assert alert.raised and alert.level_after == "consultation"
    assert alert.explanation.startswith(
        "Twitching has spread to a new place, so the advice is now: book an appointment"
    )


def test_places_logged_during_the_baseline_week_are_not_spreading() -> None:
    entries = [
        day_entry(0, 3),
        day_entry(5, 3, locations=["twitch_eyelid"]),
        day_entry(9, 3, locations=["twitch_eyelid"]),
    ]
    review = review_diary(entries, as_of=last_day(entries))
    assert [a.kind for a in review.alerts] == []


def test_a_place_reported_before_the_diary_is_not_spreading() -> None:
    entries = [day_entry(i, 3) for i in range(10)] + [day_entry(10, 3, locations=["twitch_eyelid"])]
    review = review_diary(entries, as_of=last_day(entries), baseline_present=["twitch_eyelid"])
    assert "spreading" not in [a.kind for a in review.alerts]


def test_spreading_to_the_tongue_names_the_warning_sign() -> None:
    entries = [day_entry(i, 3) for i in range(8)] + [day_entry(8, 2, locations=["twitch_tongue"])]
    (alert,) = review_diary(entries, as_of=last_day(entries)).alerts
    assert [w.id for w in alert.warning_signs] == ["twitch_tongue"]
    assert "motor nerve" in alert.warning_signs[0].why


# ---- new symptoms ----------------------------------------------------------------------------------------------


def test_a_new_warning_sign_raises_triage_and_is_named() -> None:
    entries = [day_entry(i, 3) for i in range(5)] + [day_entry(5, 3, symptoms=["muscle_weakness", "fatigue"])]
    review = review_diary(entries, as_of=last_day(entries))
    (alert,) = review.alerts
    assert alert.kind == "new_symptoms"
    assert alert.title == "New symptoms logged: muscle weakness (a warning sign), feeling tired all the time"
    assert [w.id for w in alert.warning_signs] == ["muscle_weakness"]
    assert any(d.startswith("Muscle weakness is a warning sign: ") for d in alert.details)
    assert (alert.level_before, alert.raised) == ("self_care", True)
    assert alert.explanation.startswith(alert.title + ", so the advice is now: ")
    assert "muscle_weakness" in {flag.id for flag in review.assessment.red_flags}


def test_a_symptom_already_reported_before_the_diary_is_not_new() -> None:
    entries = [day_entry(0, 3, symptoms=["fatigue"])]
    review = review_diary(entries, as_of=last_day(entries), baseline_present=["fatigue"])
    assert review.alerts == []


# ---- duration --------------------------------------------------------------------------------------------------


def test_crossing_two_weeks_raises_self_care_to_an_appointment_and_says_why() -> None:
    entries = [day_entry(i, 3) for i in range(15)]  # steady: no worsening, no spreading
    before = review_diary(entries[:13], as_of=START + timedelta(days=13))
    assert before.assessment.triage.level == "self_care" and before.alerts == []
    review = review_diary(entries, as_of=START + timedelta(days=14))
    (alert,) = review.alerts
    assert alert.kind == "duration"
    assert alert.since == START + timedelta(days=14)
    assert alert.findings == ["duration_2_weeks_to_3_months"]
    assert (alert.level_before, alert.level_after) == ("self_care", "consultation")
    assert alert.explanation == (
        "Twitching has lasted more than 2 weeks, so the advice is now: book an appointment with a doctor in the next "
        "days to few weeks, sooner if things change. Before this it was: manage at home."
    )
    assert "duration_2_weeks_to_3_months" in review.assessment.evidence.present


def test_three_months_of_diary_is_over_three_months() -> None:
    entries = [day_entry(0, 3), day_entry(95, 3)]
    review = review_diary(entries, as_of=START + timedelta(days=95))
    assert "duration_over_3_months" in review.assessment.evidence.present
    assert [a.title for a in review.alerts if a.kind == "duration"] == ["Twitching has lasted more than 3 months"]


def test_a_longer_reported_duration_is_kept_and_raises_no_alert() -> None:
    entries = [day_entry(i, 3) for i in range(3)]
    review = review_diary(entries, as_of=last_day(entries), baseline_present=["duration_over_3_months"])
    assert review.alerts == []
    assert "duration_over_3_months" in review.assessment.evidence.present
    assert "duration_under_2_weeks" not in review.assessment.evidence.present


# ---- the review as a whole -------------------------------------------------------------------------------------


def test_entries_after_the_review_day_are_ignored() -> None:
    entries = [day_entry(i, 3) for i in range(20)]
    review = review_diary(entries, as_of=START + timedelta(days=5))
    assert review.days_logged == 6 and review.last_day == START + timedelta(days=5)
    assert review.alerts == []


def test_what_the_diary_shows_wins_over_an_earlier_denial() -> None:
    entries = [day_entry(0, 3, locations=["twitch_eyelid"])]
    review = review_diary(entries, as_of=START, baseline_absent=["twitch_eyelid", "fever"])
    assert "twitch_eyelid" in review.assessment.evidence.present
    assert "fever" in review.assessment.evidence.absent


def test_overlapping_alerts_credit_the_change_that_moved_the_advice() -> None:
    """Oldest first: the 2-week mark raised the level; spreading a week later leaves it and says why."""
    entries = [day_entry(i, 3) for i in range(21)] + [day_entry(21, 3, locations=["twitch_arm_hand"])]
    review = review_diary(entries, as_of=last_day(entries))
    assert [(a.kind, a.raised) for a in review.alerts] == [("duration", True), ("spreading", False)]
    assert review.alerts[1].explanation.startswith(
        "Twitching has spread to a new place. This does not change the advice, which was already: "
        "book an appointment with a doctor (twitching that has lasted more than 2 weeks"
    )


def test_an_empty_diary_is_assessed_from_the_baseline_alone(assessor: Assessor) -> None:
    review = review_diary([], as_of=START, baseline_present=["twitch_eyelid"], assessor=assessor)
    assert review.alerts == [] and review.days_logged == 0 and review.first_day is None
    assert review.assessment.evidence.present == ["twitch_eyelid"]
