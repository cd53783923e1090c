"""Answers to the doctor's history questions (article §11), read off the diary.

"They may ask about the exact day it started, when does it occur more
frequently, how does it feel, and how do you deal with it" (§11). People
forget, and memory favours the worst days; a diary answers from what was
logged. The questions' words come from the knowledge base (advice.yaml
`doctor_questions`), so the report asks exactly what the interview asks.

    >>> [a.question_id for a in history_answers(entries)]  # doctest: +SKIP
    ['started', 'when_most', 'how_it_feels', 'what_helps', 'other_symptoms']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from statistics import fmean, median

from pydantic import BaseModel, ConfigDict

from twitchcheck.diary.associations import TriggerComparison, compare_triggers
from twitchcheck.diary.entry import DiaryDay, DiaryEntry, diary_days
from twitchcheck.diary.rules import DiaryRules, load_diary_rules
from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge import KnowledgeBase, load_knowledge

QUESTION_IDS = ("started", "when_most", "how_it_feels", "what_helps", "other_symptoms")
# A weekday is mentioned only with two weeks of entries, and when its mean is this much above the overall mean.
WEEKDAY_MIN_DAYS = 14
WEEKDAY_NOTABLE_RATIO = 1.5
NOTES_SHOWN = 5
NOTE_CHARS = 160


class HistoryAnswer(BaseModel):
    """One doctor's question and the diary's answer, as short sentences."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question_id: str
    question: str
    answer: list[str]


def history_answers(
    entries: Iterable[DiaryEntry],
    *,
    as_of: date | None = None,
    comparisons: Sequence[TriggerComparison] | None = None,
    baseline_present: Iterable[str] = (),
    kb: KnowledgeBase | None = None,
    rules: DiaryRules | None = None,
) -> list[HistoryAnswer]:
    """Answer the §11 questions (start, when most, how it feels, what helps) and 'other symptoms'."""
    kb = kb if kb is not None else load_knowledge()
    rules = rules if rules is not None else load_diary_rules()
    logged = sorted(entries, key=lambda e: e.when)
    days = diary_days(logged)
    day = as_of if as_of is not None else (days[-1].day if days else date.today())
    if comparisons is None:
        comparisons = compare_triggers(logged, rules=rules)
    questions = {q.id: q.text for q in kb.doctor_questions}
    missing = [qid for qid in QUESTION_IDS if qid not in questions]
    if missing:
        raise KnowledgeError(f"advice.yaml: doctor_questions lacks {missing}, which the diary history answers")
    answers = {
        "started": _started(days, day, set(baseline_present), kb, rules),
        "when_most": _when_most(logged, days),
        "how_it_feels": _how_it_feels(days, kb),
        "what_helps": _what_helps(comparisons, days),
        "other_symptoms": _other_symptoms(days, kb),
    }
    return [HistoryAnswer(question_id=qid, question=questions[qid], answer=answers[qid]) for qid in QUESTION_IDS]


def long_date(day: date) -> str:
    """'Monday 6 May 2024'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def duration_words(seconds: float) -> str:
    """'25 seconds', '2 minutes', '1.5 hours'."""
    if seconds < 90:
        return f"{seconds:.0f} seconds" if seconds != 1 else "1 second"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds / 3600:.1f} hours"


def _started(
    days: Sequence[DiaryDay], as_of: date, baseline: set[str], kb: KnowledgeBase, rules: DiaryRules
) -> list[str]:
    lines = []
    reported = [s.finding for s in rules.duration.stages if s.finding in baseline]
    if reported:
        lines.append(f"Before the diary: {kb.finding(reported[-1]).label.lower()}.")
    if not days:
        return [*lines, "Nothing logged in the diary yet."]
    first = days[0].day
    span = (as_of - first).days + 1
    lines.append(f"First diary entry: {long_date(first)}, {span - 1} days before {long_date(as_of)}.")
    lines.append(f"{len(days)} of those {span} days have an entry.")
    return lines


def _when_most(entries: Sequence[DiaryEntry], days: Sequence[DiaryDay]) -> list[str]:
    """Which days of the week stand out; never the time of day.

    An entry's time is usually when it was logged (the quick form fills in "now"), not
    when the twitching happened, so "most bouts in the evening" would describe the
    person's habits, not the twitching. Days are counted by their date, which holds.
    """
    total = sum(e.bouts for e in entries)
    if total == 0:
        return ["No bouts logged yet."]
    lines = [
        "The diary records when entries were made, not the time of day of each bout, so it says nothing "
        "about the time of day."
    ]
    if len(days) >= WEEKDAY_MIN_DAYS:
        by_weekday: dict[int, list[int]] = defaultdict(list)
        for day in days:
            by_weekday[day.day.weekday()].append(day.bouts)
        overall = fmean(d.bouts for d in days)
        weekday, bouts = max(((w, b) for w, b in by_weekday.items() if len(b) >= 2), key=lambda wb: fmean(wb[1]))
        if overall > 0 and fmean(bouts) >= WEEKDAY_NOTABLE_RATIO * overall:
            name = datetime(2024, 1, 1 + weekday).strftime("%A")  # 1 Jan 2024 was a Monday
            lines.append(f"More bouts on {name}s: {fmean(bouts):.1f} a day vs {overall:.1f} on average.")
        else:
            lines.append("No day of the week stands out.")
    return lines


def _how_it_feels(days: Sequence[DiaryDay], kb: KnowledgeBase) -> list[str]:
    twitching = [d for d in days if d.bouts > 0]
    if not twitching:
        return ["No bouts logged yet."]
    strengths = [d.intensity for d in twitching]
    bouts = [d.bouts for d in days]
    lines = [
        f"Strength: {median(strengths):g} out of 10 every day it twitched."
        if min(strengths) == max(strengths)
        else f"Strength: typically {median(strengths):g} out of 10 (median of each day's strongest; "
        f"range {min(strengths)}–{max(strengths)}).",
        f"Bouts a day: {bouts[0]} on each of the {len(days)} days logged."
        if min(bouts) == max(bouts)
        else f"Bouts a day: typically {median(bouts):g} (range {min(bouts)}–{max(bouts)}) "
        f"on the {len(days)} days logged.",
    ]
    lengths = [d.bout_seconds for d in twitching if d.bout_seconds is not None]
    if lengths and min(lengths) == max(lengths):
        lines.append(f"A bout lasts {duration_words(lengths[0])} each time.")
    elif lengths:
        lines.append(
            f"A bout lasts about {duration_words(median(lengths))} (median; "
            f"range {duration_words(min(lengths))} to {duration_words(max(lengths))})."
        )
    places: Counter[str] = Counter(loc for d in twitching for loc in d.locations)
    where = "; ".join(
        f"{kb.finding(loc).label.lower()} on {n} day{'s' if n > 1 else ''}"
        for loc, n in sorted(places.items(), key=lambda item: (-item[1], item[0]))
    )
    lines.append(f"Where: {where}.")
    return lines


def _what_helps(comparisons: Sequence[TriggerComparison], days: Sequence[DiaryDay]) -> list[str]:
    lines = [c.sentence for c in comparisons if c.enough_data]
    waiting = [c.name for c in comparisons if not c.enough_data]
    if waiting:
        lines.append(f"Not enough days logged yet to compare: {', '.join(waiting)}.")
    notes = [(d.day, note) for d in days for note in d.notes][-NOTES_SHOWN:]
    for day, note in notes:
        text = note.strip().replace("\n", " ")
        text = text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1].rstrip() + "…"
        lines.append(f"Note of {day.day} {day:%b}: “{text}”")
    return lines


def _other_symptoms(days: Sequence[DiaryDay], kb: KnowledgeBase) -> list[str]:
    first: dict[str, date] = {}
    for day in days:
        for symptom in sorted(day.new_symptoms):
            first.setdefault(symptom, day.day)
    if not first:
        return ["No other symptoms logged in the diary."]
    lines = []
    for symptom, first_day in first.items():
        finding = kb.finding(symptom)
        warning = " — a warning sign" if finding.warning is not None else ""
        lines.append(f"{finding.label} (first logged {first_day.day} {first_day:%b}){warning}.")
    return lines
