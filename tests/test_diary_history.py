"""History answers: the doctor's §11 questions answered from what was logged."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from twitchcheck import KnowledgeBase
from twitchcheck.diary import DiaryEntry, history_answers
from twitchcheck.diary.history import duration_words

TZ = timezone(timedelta(hours=2))
START = date(2024, 4, 1)  # a Monday


def entry(index: int, hour: int, bouts: int, **fields: object) -> DiaryEntry:
    day = START + timedelta(days=index)
    return DiaryEntry.model_validate(
        {
            "when": datetime(day.year, day.month, day.day, hour, tzinfo=TZ),
            "locations": fields.pop("locations", ["twitch_leg_calf"]) if bouts else [],
            "bouts": bouts,
            "bout_seconds": fields.pop("bout_seconds", 20) if bouts else None,
            "intensity": fields.pop("intensity", 3) if bouts else 0,
            **fields,
        }
    )


def answers(
    entries: list[DiaryEntry], *, as_of: date | None = None, baseline_present: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    result = history_answers(entries, as_of=as_of, baseline_present=baseline_present)
    return {a.question_id: a.answer for a in result}


def test_the_questions_are_the_knowledge_bases_own_words(kb: KnowledgeBase) -> None:
    texts = {q.id: q.text for q in kb.doctor_questions}
    result = history_answers([entry(0, 9, 2)])
    assert [(a.question_id, a.question) for a in result] == [
        (qid, texts[qid]) for qid in ("started", "when_most", "how_it_feels", "what_helps", "other_symptoms")
    ]


def test_the_start_is_the_first_entry_with_how_many_days_were_logged() -> None:
    result = answers([entry(0, 9, 2), entry(3, 9, 4), entry(9, 9, 1)], as_of=START + timedelta(days=9))
    assert result["started"] == [
        "First diary entry: Monday 1 April 2024, 9 days before Wednesday 10 April 2024.",
        "3 of those 10 days have an entry.",
    ]


def test_a_duration_reported_before_the_diary_is_mentioned() -> None:
    result = answers([entry(0, 9, 2)], baseline_present=("duration_over_3_months",))
    assert result["started"][0] == "Before the diary: started more than 3 months ago."


def test_the_report_says_nothing_about_the_time_of_day_as_entries_record_when_they_were_made() -> None:
    """ "100 % of 207 bouts in the evening" described when people log, not when it twitches (issue 13)."""
    entries = [entry(0, 8, 1), entry(0, 21, 6), entry(1, 14, 2), entry(1, 22, 1)]
    when_most = answers(entries)["when_most"]
    assert when_most == [
        "The diary records when entries were made, not the time of day of each bout, so it says nothing about "
        "the time of day."
    ]
    assert not any(part in " ".join(when_most) for part in ("evening", "morning", "afternoon", "%"))


def test_a_range_with_one_value_says_each_time_instead_of_from_x_to_x() -> None:
    entries = [entry(day, 9, 3) for day in range(3)]
    feels = answers(entries)["how_it_feels"]
    assert "A bout lasts 20 seconds each time." in feels and "Bouts a day: 3 on each of the 3 days logged." in feels
    assert not any("range" in line for line in feels), feels


def test_a_weekday_that_stands_out_is_named() -> None:
    entries = [entry(i, 20, 9 if (START + timedelta(days=i)).weekday() == 0 else 2) for i in range(21)]
    assert "More bouts on a Monday: 9.0 a day vs 3.0 on average." in answers(entries)["when_most"]


def test_how_it_feels_gives_strength_length_and_places() -> None:
    entries = [
        entry(0, 20, 3, intensity=2, bout_seconds=10),
        entry(1, 20, 5, intensity=6, bout_seconds=30, locations=["twitch_leg_calf", "twitch_eyelid"]),
        entry(2, 20, 4, intensity=4, bout_seconds=150),
    ]
    assert answers(entries)["how_it_feels"] == [
        "Strength: typically 4 out of 10 (median of each day's strongest; range 2–6).",
        "Bouts a day: typically 4 (range 3–5) on the 3 days logged.",
        "A bout lasts about 30 seconds (median; range 10 seconds to 2 minutes).",
        "Where: twitching in a leg or calf on 3 days; twitching of an eyelid on 1 day.",
    ]


def test_what_helps_lists_comparisons_and_the_persons_notes() -> None:
    entries = [entry(i, 20, 2, notes="Magnesium started" if i == 1 else "") for i in range(3)]
    result = answers(entries)["what_helps"]
    assert result[0] == "Not enough days logged yet to compare: caffeine, short sleep, stress, exercise, alcohol."
    assert result[1] == "Note of 2 Apr: “Magnesium started”"


def test_other_symptoms_are_listed_with_their_first_date_and_warning_signs_marked() -> None:
    entries = [entry(0, 20, 2, new_symptoms=["fatigue"]), entry(2, 20, 2, new_symptoms=["muscle_weakness", "fatigue"])]
    assert answers(entries)["other_symptoms"] == [
        "Feeling tired all the time (first logged 1 Apr).",
        "Muscle weakness (first logged 3 Apr) — a warning sign.",
    ]


def test_an_empty_diary_answers_plainly() -> None:
    result = answers([], as_of=START)
    assert result["started"] == ["Nothing logged in the diary yet."]
    assert result["when_most"] == ["No bouts logged yet."]
    assert result["other_symptoms"] == ["No other symptoms logged in the diary."]


def test_bout_lengths_read_naturally() -> None:
    assert [duration_words(s) for s in (1, 45, 120, 5400)] == ["1 second", "45 seconds", "2 minutes", "1.5 hours"]
