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
from datetime import date
from statistics import fmean, median

from pydantic import BaseModel, ConfigDict

from twitchcheck.diary.associations import TriggerComparison, compare_triggers, trigger_sentence
from twitchcheck.diary.entry import DiaryDay, DiaryEntry, diary_days
from twitchcheck.diary.rules import DiaryRules, load_diary_rules
from twitchcheck.errors import KnowledgeError
from twitchcheck.formatting import DAY_MONTH, ENGLISH, LONG_DATE, Wording, lower_first, say_date, say_number
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
    wording: Wording = ENGLISH,
) -> list[HistoryAnswer]:
    """Answer the §11 questions (start, when most, how it feels, what helps) and 'other symptoms'.

    The answers speak of "the diary" and "the twitching", never "you": they are
    read by the doctor. `wording` says them in the person's language.
    """
    kb = kb if kb is not None else load_knowledge()
    rules = rules if rules is not None else load_diary_rules()
    logged = sorted(entries, key=lambda e: e.when)
    days = diary_days(logged)
    day = as_of if as_of is not None else (days[-1].day if days else date.today())
    if comparisons is None:
        comparisons = compare_triggers(logged, rules=rules)
    questions = {q.id: wording.knowledge("doctor_questions", q.id, "text", q.text) for q in kb.doctor_questions}
    missing = [qid for qid in QUESTION_IDS if qid not in questions]
    if missing:
        raise KnowledgeError(f"advice.yaml: doctor_questions lacks {missing}, which the diary history answers")
    say = _Saying(kb, wording)
    answers = {
        "started": _started(days, day, set(baseline_present), say, rules),
        "when_most": _when_most(logged, days, say),
        "how_it_feels": _how_it_feels(days, say),
        "what_helps": _what_helps(comparisons, days, say, rules),
        "other_symptoms": _other_symptoms(days, say),
    }
    return [HistoryAnswer(question_id=qid, question=questions[qid], answer=answers[qid]) for qid in QUESTION_IDS]


def long_date(day: date, wording: Wording = ENGLISH) -> str:
    """'Monday 6 May 2024' ('lundi 6 mai 2024')."""
    return say_date(day, LONG_DATE, wording)


def duration_words(seconds: float, wording: Wording = ENGLISH) -> str:
    """'25 seconds', '2 minutes', '1.5 hours' ('1,5 heure')."""
    if seconds < 90:
        return wording.ngettext("%(n)s second", "%(n)s seconds", round(seconds))
    if seconds < 90 * 60:
        return wording.ngettext("%(n)s minute", "%(n)s minutes", round(seconds / 60))
    return wording.gettext("%(hours)s hours", hours=say_number(seconds / 3600, wording, digits=1, fixed=True))


class _Saying:
    """What the answers need to word themselves: the language and the knowledge base's labels in it."""

    def __init__(self, kb: KnowledgeBase, wording: Wording) -> None:
        self.kb = kb
        self.wording = wording
        self.gettext = wording.gettext
        self.ngettext = wording.ngettext

    def label(self, finding_id: str) -> str:
        return self.wording.knowledge("findings", finding_id, "label", self.kb.finding(finding_id).label)

    def number(self, value: float) -> str:
        return say_number(value, self.wording, digits=1)

    def day(self, day: date) -> str:
        return say_date(day, DAY_MONTH, self.wording)


def _started(days: Sequence[DiaryDay], as_of: date, baseline: set[str], say: _Saying, rules: DiaryRules) -> list[str]:
    lines = []
    reported = [s.finding for s in rules.duration.stages if s.finding in baseline]
    if reported:
        lines.append(say.gettext("Before the diary: %(finding)s.", finding=lower_first(say.label(reported[-1]))))
    if not days:
        return [*lines, say.gettext("Nothing logged in the diary yet.")]
    first = days[0].day
    span = (as_of - first).days + 1
    lines.append(
        say.ngettext(
            "First diary entry: %(first)s, %(n)s day before %(as_of)s.",
            "First diary entry: %(first)s, %(n)s days before %(as_of)s.",
            span - 1,
            first=long_date(first, say.wording),
            as_of=long_date(as_of, say.wording),
        )
    )
    lines.append(
        say.ngettext(
            "%(logged)s of those %(n)s day has an entry.",
            "%(logged)s of those %(n)s days have an entry.",
            span,
            logged=len(days),
        )
    )
    return lines


def _when_most(entries: Sequence[DiaryEntry], days: Sequence[DiaryDay], say: _Saying) -> list[str]:
    """Which days of the week stand out; never the time of day.

    An entry's time is usually when it was logged (the quick form fills in "now"), not
    when the twitching happened, so "most bouts in the evening" would describe the
    person's habits, not the twitching. Days are counted by their date, which holds.
    """
    total = sum(e.bouts for e in entries)
    if total == 0:
        return [say.gettext("No bouts logged yet.")]
    lines = [
        say.gettext(
            "The diary records when entries were made, not the time of day of each bout, so it says nothing "
            "about the time of day."
        )
    ]
    if len(days) >= WEEKDAY_MIN_DAYS:
        by_weekday: dict[int, list[int]] = defaultdict(list)
        for day in days:
            by_weekday[day.day.weekday()].append(day.bouts)
        overall = fmean(d.bouts for d in days)
        weekday, bouts = max(((w, b) for w, b in by_weekday.items() if len(b) >= 2), key=lambda wb: fmean(wb[1]))
        if overall > 0 and fmean(bouts) >= WEEKDAY_NOTABLE_RATIO * overall:
            name = say_date(date(2024, 1, 1 + weekday), "EEEE", say.wording)  # 1 Jan 2024 was a Monday
            lines.append(
                say.gettext(
                    "More bouts on a %(weekday)s: %(mean)s a day vs %(overall)s on average.",
                    weekday=name,
                    mean=say_number(fmean(bouts), say.wording, digits=1, fixed=True),
                    overall=say_number(overall, say.wording, digits=1, fixed=True),
                )
            )
        else:
            lines.append(say.gettext("No day of the week stands out."))
    return lines


def _how_it_feels(days: Sequence[DiaryDay], say: _Saying) -> list[str]:
    twitching = [d for d in days if d.bouts > 0]
    if not twitching:
        return [say.gettext("No bouts logged yet.")]
    strengths = [d.intensity for d in twitching]
    bouts = [d.bouts for d in days]
    lines = [
        say.gettext("Strength: %(strength)s out of 10 every day it twitched.", strength=strengths[0])
        if min(strengths) == max(strengths)
        else say.gettext(
            "Strength: typically %(median)s out of 10 (median of each day's strongest; range %(low)s–%(high)s).",
            median=say.number(median(strengths)),
            low=min(strengths),
            high=max(strengths),
        ),
        say.ngettext(
            "Bouts a day: %(bouts)s on the %(n)s day logged.",
            "Bouts a day: %(bouts)s on each of the %(n)s days logged.",
            len(days),
            bouts=bouts[0],
        )
        if min(bouts) == max(bouts)
        else say.ngettext(
            "Bouts a day: typically %(median)s (range %(low)s–%(high)s) on the %(n)s day logged.",
            "Bouts a day: typically %(median)s (range %(low)s–%(high)s) on the %(n)s days logged.",
            len(days),
            median=say.number(median(bouts)),
            low=min(bouts),
            high=max(bouts),
        ),
    ]
    lengths = [d.bout_seconds for d in twitching if d.bout_seconds is not None]
    if lengths and min(lengths) == max(lengths):
        lines.append(say.gettext("A bout lasts %(length)s each time.", length=duration_words(lengths[0], say.wording)))
    elif lengths:
        lines.append(
            say.gettext(
                "A bout lasts about %(length)s (median; range %(low)s to %(high)s).",
                length=duration_words(median(lengths), say.wording),
                low=duration_words(min(lengths), say.wording),
                high=duration_words(max(lengths), say.wording),
            )
        )
    places: Counter[str] = Counter(loc for d in twitching for loc in d.locations)
    where = "; ".join(
        say.ngettext("%(place)s on %(n)s day", "%(place)s on %(n)s days", n, place=lower_first(say.label(loc)))
        for loc, n in sorted(places.items(), key=lambda item: (-item[1], item[0]))
    )
    lines.append(say.gettext("Where: %(places)s.", places=where))
    return lines


def _what_helps(
    comparisons: Sequence[TriggerComparison], days: Sequence[DiaryDay], say: _Saying, rules: DiaryRules
) -> list[str]:
    triggers = {t.id: t for t in rules.associations.triggers}

    def sentence(c: TriggerComparison) -> str:
        trigger = triggers.get(c.trigger)
        if trigger is None:
            return c.sentence
        return trigger_sentence(c.message, c.exposed_days, c.other_days, trigger, say.wording)

    lines = [sentence(c) for c in comparisons if c.enough_data]
    waiting = [say.gettext(c.name) for c in comparisons if not c.enough_data]
    if waiting:
        lines.append(say.gettext("Not enough days logged yet to compare: %(names)s.", names=", ".join(waiting)))
    notes = [(d.day, note) for d in days for note in d.notes][-NOTES_SHOWN:]
    for day, note in notes:
        text = note.strip().replace("\n", " ")
        text = text if len(text) <= NOTE_CHARS else text[: NOTE_CHARS - 1].rstrip() + "…"
        lines.append(say.gettext("Note of %(day)s: “%(note)s”", day=say.day(day), note=text))
    return lines


def _other_symptoms(days: Sequence[DiaryDay], say: _Saying) -> list[str]:
    first: dict[str, date] = {}
    for day in days:
        for symptom in sorted(day.new_symptoms):
            first.setdefault(symptom, day.day)
    if not first:
        return [say.gettext("No other symptoms logged in the diary.")]
    lines = []
    for symptom, first_day in first.items():
        warning = say.kb.finding(symptom).warning is not None
        values = {"symptom": say.label(symptom), "day": say.day(first_day)}
        lines.append(
            say.gettext("%(symptom)s (first logged %(day)s) — a warning sign.", **values)
            if warning
            else say.gettext("%(symptom)s (first logged %(day)s).", **values)
        )
    return lines
