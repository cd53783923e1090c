"""The diary's headline and its alerts never disagree about what to do now (issue 13, item 1).

A page said "Book an appointment" in its headline while an alert in the same box
said "the advice is now: go to an emergency department now": difficulty walking
was logged while the twitching was new (a new problem over days, an emergency),
and later entries took the twitching past 2 weeks, so the whole diary no longer
fired that rule. Now a recent alert keeps the headline at what it called for,
and an alert says "the advice is now" only about the headline.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from twitchcheck import Assessor, KnowledgeBase
from twitchcheck.diary import DiaryEntry
from twitchcheck.diary.review import review_diary

from .conftest import examples

START = datetime(2026, 10, 1, 9, tzinfo=UTC)


def entry(day: int, *, symptoms: tuple[str, ...] = ()) -> DiaryEntry:
    return DiaryEntry(
        when=START + timedelta(days=day),
        locations=("twitch_leg_calf",),
        bouts=4,
        bout_seconds=5,
        intensity=3,
        new_symptoms=symptoms,
    )


def walking_diary(days_after: int) -> list[DiaryEntry]:
    """Difficulty walking on day 3 of new twitching, then an entry `days_after` days later."""
    return [entry(0), entry(3, symptoms=("difficulty_walking",)), entry(3 + days_after)]


def test_a_recent_emergency_alert_keeps_the_headline_at_the_emergency(assessor: Assessor) -> None:
    review = review_diary(walking_diary(12), assessor=assessor, as_of=(START + timedelta(days=15)).date())
    assert review.assessment.triage.emergency
    walking = next(a for a in review.alerts if "difficulty_walking" in a.findings)
    assert walking.level_after == review.assessment.triage.level
    assert "the advice is now" in walking.explanation
    assert review.assessment.triage.reasons[0].level == review.assessment.triage.level


def test_an_old_alert_says_what_it_called_for_at_the_time_not_now(assessor: Assessor) -> None:
    review = review_diary(walking_diary(40), assessor=assessor, as_of=(START + timedelta(days=43)).date())
    walking = next(a for a in review.alerts if "difficulty_walking" in a.findings)
    assert walking.level_after != review.assessment.triage.level
    assert walking.message.explanation == "at_the_time"
    assert "At the time this called for" in walking.explanation and "the advice is now" not in walking.explanation


@settings(max_examples=examples(60), deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000))
def test_no_alert_says_the_advice_is_now_anything_but_the_headline(
    assessor: Assessor, kb: KnowledgeBase, seed: int
) -> None:
    rng = random.Random(seed)
    places = [f.id for f in kb.findings if f.group == "twitch_location"]
    symptoms = ["muscle_weakness", "fever", "rapid_heartbeat", "muscle_cramps", "fatigue", "difficulty_walking"]
    entries = [
        DiaryEntry(
            when=START + timedelta(days=rng.randint(0, 60)),
            locations=tuple(rng.sample(places, rng.randint(1, 2))),
            bouts=rng.randint(1, 30),
            bout_seconds=5,
            intensity=rng.randint(1, 10),
            new_symptoms=tuple(rng.sample(symptoms, rng.choice([0, 0, 1, 2]))),
        )
        for _ in range(rng.randint(1, 20))
    ]
    review = review_diary(entries, assessor=assessor, as_of=date(2026, 12, 1) - timedelta(days=rng.randint(0, 30)))
    headline = review.assessment.triage.level
    for alert in review.alerts:
        assert alert.message.explanation == "at_the_time" or alert.level_after == headline
