"""Durations in words or numbers ("for 3 weeks", "since last month", "a few days") to one duration id.

Every time expression is read as a range of days, because people are vague:
"a few days" is 2 to 5 days, "a couple of months" 2 to 3 months, "for
months" 2 to 12 months. A range decides a duration finding only when both ends
fall in the same category; "a few months" straddles 3 months and decides
nothing, which is more honest than a guess.

Which expression is the onset of the complaint, when a text has several:

0. An expression said in the very clause that mentions the twitching ("my
   eyelid has been twitching for 3 weeks") beats every other; then one in a
   sentence that mentions the twitching ("Tonight my hands cramped and my face
   twitches") beats those of other sentences ("I had my baby 4 weeks ago"),
   even when it is shorter than a day.
1. Seconds are never an onset ("stare for a few seconds" is how long a spell
   lasts); nor are rates ("five hours of sleep a night", "every two hours"),
   ages ("six weeks old"), or a long-ago event told as history ("like it did
   two years ago").
2. Spans of a day or more beat minutes and hours ("twitch for an hour after
   each session" is a bout; "joined a gym ten days ago" is the onset).
3. A long span of a habit or a medicine ("been on omeprazole for years",
   "smoker for 20 years") is background, never the onset; a short one ("on
   speed all weekend") dates the episode but loses to anything else. Minutes
   and hours count only as "ago", "in the last hour" or "has been going on
   for"; "for a minute" alone is how long a bout lasts.
4. Then expressions in a sentence that mentions twitching beat those next to
   another symptom, which beat those next to nothing at all.
5. Then an expression with a marker ("for", "since", "ago") beats a bare one.
6. Among the rest the longest wins: the complaint began at the earliest time
   mentioned. If that one is ambiguous, no duration is reported.

Minutes and seconds still matter for episodes: a seizure that went on "for six
minutes" (see `episode_findings`).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from twitchcheck.nlu.lexicon import DurationsSection
from twitchcheck.nlu.tokens import TokenStream

MINUTES_PER_DAY = 1440.0
_BACKGROUND_WINDOW = 12
_SUB_DAY_WINDOW = 5
_TWITCH = 2  # the relevance of a sentence that mentions twitching


@dataclass(frozen=True)
class TimeSpan:
    """One time expression: its range in days, where it is, and whether it can be an onset."""

    low_days: float
    high_days: float
    start: int
    end: int
    sentence: int
    unit: str
    marked: bool
    onset: bool
    background: bool = False
    clause: int = 0
    ago: bool = False  # a point in time ("a fit 90 minutes ago"), not how long something has lasted

    @property
    def sub_day(self) -> bool:
        return self.high_days < 1.0


@dataclass(frozen=True)
class Phrases:
    """The multi-word phrases of a durations section, tokenised like the input."""

    relative: Mapping[tuple[str, ...], tuple[float, float]]
    relative_by_first: Mapping[str, tuple[tuple[tuple[str, ...], tuple[float, float]], ...]]
    more_than: tuple[tuple[str, ...], ...]
    less_than: tuple[tuple[str, ...], ...]
    nearly: tuple[tuple[str, ...], ...]
    not_onset_context: tuple[tuple[str, ...], ...]
    not_after: tuple[tuple[str, ...], ...]
    and_a_half: tuple[str, ...]
    ago_before: tuple[tuple[str, ...], ...] = ()
    not_before: tuple[tuple[str, ...], ...] = ()
    recovered_after: tuple[tuple[str, ...], ...] = ()
    months: Mapping[str, int] = field(default_factory=dict)
    holidays: tuple[tuple[tuple[str, ...], tuple[int, int]], ...] = ()
    calendar_markers: frozenset[str] = frozenset()
    calendar_fillers: frozenset[str] = frozenset()
    onset_calendar_markers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DurationReader:
    """Reads time expressions with the words of one lexicon's `durations` section."""

    words: DurationsSection
    phrases: Phrases

    def is_number(self, norm: str) -> bool:
        """True for "3", "1.5" and number words ("three"); not for articles ("a")."""
        return _parse_float(norm) is not None or norm in self.words.numbers

    def number_value(self, norm: str) -> float | None:
        """The value of a number token, or None."""
        value = _parse_float(norm)
        return value if value is not None else self.words.numbers.get(norm)

    def spans(self, stream: TokenStream, *, today: date | None = None) -> list[TimeSpan]:
        """Every time expression in the stream, in text order; a date on the calendar counts from `today`."""
        norms = [t.norm for t in stream.tokens]
        found: list[TimeSpan] = []
        on = today or date.today()
        i = 0
        while i < len(norms):
            span = (
                self._calendar_at(stream, norms, i, on)
                or self._relative_at(stream, norms, i)
                or self._quantity_at(stream, norms, i)
            )
            if span is None:
                i += 1
                continue
            found.append(span)
            i = max(span.end, i + 1)
        return found

    def _calendar_at(self, stream: TokenStream, norms: Sequence[str], i: int, today: date) -> TimeSpan | None:
        """ "Since March", "since Christmas", « depuis le jour de l'an »: the days from that date to today.

        A month gives a range, from its last day (or today, in the month itself) to its first; a month
        later in the year than today's is last year's ("since November", said in March).
        """
        p = self.phrases
        after_onset = i > 0 and norms[i] in p.onset_calendar_markers and norms[i - 1] in self.words.onset_words
        if norms[i] not in p.calendar_markers and not after_onset:
            return None  # "in March" alone may be any March; "started in March" is the onset
        j = i + 1
        while j < len(norms) and j - i <= 6 and norms[j] in p.calendar_fillers:
            j += 1
        if j >= len(norms):
            return None
        for phrase, (month, day) in p.holidays:
            if tuple(norms[j : j + len(phrase)]) == phrase:
                year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
                days = float((today - date(year, month, day)).days)
                return self._finish(stream, norms, i, j + len(phrase), days, days, "day", marked=True, relative=True)
        named = p.months.get(norms[j])
        if named is None:
            return None
        year = today.year if named <= today.month else today.year - 1
        first = date(year, named, 1)
        last = min(date(year, named, calendar.monthrange(year, named)[1]), today)
        low, high = float((today - last).days), float((today - first).days)
        return self._finish(stream, norms, i, j + 1, low, high, "day", marked=True, relative=True)

    def _relative_at(self, stream: TokenStream, norms: Sequence[str], i: int) -> TimeSpan | None:
        w = self.words
        for phrase, (low, high) in self.phrases.relative_by_first.get(norms[i], ()):
            if tuple(norms[i : i + len(phrase)]) == phrase:
                return self._finish(stream, norms, i, i + len(phrase), low, high, "day", marked=True, relative=True)
        if norms[i] in w.weekday_markers and i + 1 < len(norms) and norms[i + 1] in w.weekdays:
            return self._finish(stream, norms, i, i + 2, 1.0, 7.0, "day", marked=True, relative=True)
        return None

    def _quantity_at(self, stream: TokenStream, norms: Sequence[str], i: int) -> TimeSpan | None:
        w = self.words
        n = len(norms)
        j = i
        rate = False
        if norms[j] in w.half and j + 1 < n and norms[j + 1] in w.articles:
            low = high = 0.5
            j += 2
        elif norms[j] in w.articles and j + 1 < n and norms[j + 1] in w.vague_numbers:
            low, high = w.vague_numbers[norms[j + 1]]
            j += 2
        elif norms[j] in w.vague_numbers:
            low, high = w.vague_numbers[norms[j]]
            j += 1
        elif norms[j] in w.articles:
            low = high = 1.0
            j += 1
            rate = True
        elif self.is_number(norms[j]):
            low = high = self.number_value(norms[j]) or 0.0
            j += 1
            unit_after = self.number_value(norms[j]) if j < n and self.is_number(norms[j]) else None
            if unit_after is not None and low >= 20 and unit_after < 10:
                low = high = low + unit_after
                j += 1
            upper = self._range_end(norms, j)
            if upper is not None:
                high, j = max(upper[0], low), upper[1]
        elif norms[j] in w.bare_plurals and any(word in w.markers for word in norms[max(0, j - 3) : j]):
            low, high = w.bare_plurals[norms[j]]
            return self._finish(stream, norms, j, j + 1, low, high, "day", marked=True)
        else:
            return None
        if j < n and norms[j] in w.unit_linkers:
            j += 1
        if j >= n or norms[j] not in w.units:
            return None
        unit = w.units[norms[j]]
        j += 1
        half = self.phrases.and_a_half
        if half and tuple(norms[j : j + len(half)]) == half:
            low, high = low + 0.5, high + 0.5
            j += len(half)
        days = w.unit_days[unit]
        return self._finish(stream, norms, i, j, low * days, high * days, unit, marked=False, rate=rate)

    def _range_end(self, norms: Sequence[str], j: int) -> tuple[float, int] | None:
        if j + 1 < len(norms) and norms[j] in self.words.range_joiners and self.is_number(norms[j + 1]):
            return (self.number_value(norms[j + 1]) or 0.0), j + 2
        if j < len(norms) and self.is_number(norms[j]):
            return (self.number_value(norms[j]) or 0.0), j + 1
        return None

    def _finish(
        self,
        stream: TokenStream,
        norms: Sequence[str],
        start: int,
        end: int,
        low: float,
        high: float,
        unit: str,
        *,
        marked: bool,
        rate: bool = False,
        relative: bool = False,
    ) -> TimeSpan:
        """Qualify a span ("about", "over") and decide whether it can be an onset.

        `rate` marks "a night" in "five hours of sleep a night": an article
        with a unit and no marker is a rate, not a duration.
        """
        w = self.words
        lead_in_start = start
        while lead_in_start > 0 and norms[lead_in_start - 1] in w.approximately:
            lead_in_start -= 1  # "depuis à peu près un an": the marker comes before the "about" words
        before = norms[max(0, lead_in_start - 3) : start]
        after = norms[end] if end < len(norms) else ""
        low, high = self._qualify(norms, start, low, high)
        ago_before = self._after_phrase(norms, start, self.phrases.ago_before)
        is_ago = after in w.ago
        marked = marked or is_ago or ago_before or any(word in w.markers for word in before)
        onset = unit not in w.ignore_units and not (rate and not marked)
        if not ago_before and self._after_phrase(norms, start, self.phrases.not_before):
            onset = False  # "j'ai 34 ans": an age
        is_ago = is_ago or ago_before
        if any(tuple(norms[end : end + len(p)]) == p for p in self.phrases.not_after):
            onset = False
        if start > 0 and norms[start - 1] in w.frequency_before:
            onset = False
        lead = norms[max(stream.clause_start(start), start - _BACKGROUND_WINDOW) : start]
        background = any(_contains(lead, phrase) for phrase in self.phrases.not_onset_context)
        if background and high >= w.background_up_to_days:
            onset = False  # "on omeprazole for years", "smoker for 20 years": a habit, not the onset
        lead_in = norms[max(0, start - _SUB_DAY_WINDOW) : start]
        if high < 1.0 and not relative and not is_ago and not any(word in w.sub_day_markers for word in lead_in):
            onset = False  # "stare for a few seconds", "twitch for an hour": a bout, not the onset
        if is_ago and low >= w.history_from_days:
            first, last = stream.sentences[stream.tokens[start].sentence]
            if not any(word in w.onset_words for word in norms[first:last]):
                onset = False
        sentence = stream.tokens[start].sentence
        first = self._lead_start(stream, norms, start)
        past_end = end + (1 if after in w.ago else 0)
        clause = stream.clause_start(start)
        # "had a fit 90 minutes ago" dates the fit; "started fitting 6 minutes ago", and "went stiff 10
        # minutes ago and keeps jerking", say how long it has gone on
        point = (
            is_ago
            and not any(word in w.onset_words for word in norms[clause:start])
            and not self._still_going(norms[end : stream.sentences[sentence][1]])
        )
        # "back to normal after about 20 minutes" times the recovery from the event, not the event's length
        # ("it has not stopped for 6 minutes", « ça a pas arrêté depuis 6 minutes » is still going on: its length)
        point = point or self._after_phrase(norms, start, self.phrases.recovered_after, unless_negated=True)
        return TimeSpan(low, high, first, past_end, sentence, unit, marked, onset, background, clause, point)

    def _still_going(self, rest: Sequence[str]) -> bool:
        """Whether the words after a span say that what it dates has not stopped ("still", "won't stop")."""
        w = self.words
        if any(word in w.ongoing_words for word in rest):
            return True
        if any(word in w.still_words and set(rest[i + 1 : i + 3]) & set(w.still_doing) for i, word in enumerate(rest)):
            return True
        negations = set(w.stop_negations)
        return any(word in w.stop_words and set(rest[max(0, i - 1) : i + 2]) & negations for i, word in enumerate(rest))

    def _after_phrase(
        self, norms: Sequence[str], start: int, phrases: tuple[tuple[str, ...], ...], *, unless_negated: bool = False
    ) -> bool:
        """Whether one of `phrases` ends just before `start` (or before its "about" words).

        With `unless_negated`, a phrase with a negation in the two words before it does not count.
        """
        if not phrases:
            return False
        k = start
        while k > 0 and norms[k - 1] in self.words.approximately:
            k -= 1
        negations = set(self.words.stop_negations)
        for p in phrases:
            for at in {k, start}:
                begin = at - len(p)
                if begin < 0 or tuple(norms[begin:at]) != p:
                    continue
                if unless_negated and negations & set(norms[max(0, begin - 2) : begin]):
                    continue
                return True
        return False

    def _lead_start(self, stream: TokenStream, norms: Sequence[str], start: int) -> int:
        """Widen the span over its lead-in words ("for the last", "since", "about")."""
        w = self.words
        lead = {*w.markers, *w.weekday_markers, *w.approximately, *w.articles, *w.determiners}
        lead.update(word for phrase in (*self.phrases.more_than, *self.phrases.less_than) for word in phrase)
        lead.update(word for phrase in self.phrases.nearly for word in phrase)
        first = start
        while first > 0 and norms[first - 1] in lead and not stream.boundary_before[first]:
            first -= 1
        while first < start and norms[first] in {*w.articles, *w.determiners}:
            first += 1
        return first

    def _qualify(self, norms: Sequence[str], start: int, low: float, high: float) -> tuple[float, float]:
        k = start
        while k > 0 and norms[k - 1] in self.words.approximately:
            k -= 1

        def ends_with(phrases: tuple[tuple[str, ...], ...]) -> bool:
            return any(tuple(norms[max(0, k - len(p)) : k]) == p for p in phrases)

        if ends_with(self.phrases.more_than):
            return low * 1.01, max(high * 2.0, low * 1.02)
        if ends_with(self.phrases.less_than):
            return high * 0.5, high * 0.99
        if ends_with(self.phrases.nearly):
            return low * 0.8, high * 0.99
        return low, high


def make_reader(words: DurationsSection, tokenize: Callable[[str], tuple[str, ...]]) -> DurationReader:
    """A reader whose multi-word phrases were tokenised the way the input is."""

    def many(texts: Sequence[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(tokenize(text) for text in texts)

    relative = {
        tokenize(text): ((float(v), float(v)) if isinstance(v, (int, float)) else (float(v[0]), float(v[1])))
        for text, v in words.relative.items()
    }
    longest_first = sorted(relative.items(), key=lambda kv: -len(kv[0]))
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[float, float]]]] = {}
    for phrase, value in longest_first:
        by_first.setdefault(phrase[0], []).append((phrase, value))
    phrases = Phrases(
        relative=dict(longest_first),
        relative_by_first={k: tuple(v) for k, v in by_first.items()},
        more_than=many(words.more_than),
        less_than=many(words.less_than),
        nearly=many(words.nearly),
        not_onset_context=many(words.not_onset_context),
        not_after=many(words.not_after),
        and_a_half=tokenize(words.and_a_half) if words.and_a_half else (),
        ago_before=many(words.ago_before),
        not_before=many(words.not_before),
        recovered_after=many(words.recovered_after),
        months={tokenize(name)[0]: month for name, month in words.months.items() if tokenize(name)},
        holidays=tuple(
            sorted(((tokenize(name), (m, d)) for name, (m, d) in words.holidays.items()), key=lambda kv: -len(kv[0]))
        ),
        calendar_markers=frozenset(w for text in words.calendar_markers for w in tokenize(text)),
        calendar_fillers=frozenset(w for text in words.calendar_fillers for w in tokenize(text)),
        onset_calendar_markers=frozenset(w for text in words.onset_calendar_markers for w in tokenize(text)),
    )
    return DurationReader(words, phrases)


def _contains(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def _parse_float(text: str) -> float | None:
    if not text or not (text[0].isdigit() or (text[0] == "." and len(text) > 1)):
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def category_of(days: float, categories: Sequence[tuple[str, float | None]]) -> str:
    """The duration finding whose range holds `days` (categories sorted by upper bound)."""
    for finding_id, up_to in categories:
        if up_to is None or days < up_to:
            return finding_id
    return categories[-1][0]


def choose_onset(
    spans: Sequence[TimeSpan],
    relevance: Mapping[int, int],
    categories: Sequence[tuple[str, float | None]],
    twitch_clauses: frozenset[int] = frozenset(),
) -> tuple[str, TimeSpan] | None:
    """The duration finding of the complaint's onset, with the expression that gave it.

    `relevance[sentence]` is 2 when the sentence mentions twitching, 1 for
    another symptom, 0 otherwise (missing means 0). `twitch_clauses` holds the
    first token of every clause that mentions the twitching itself: an
    expression said in that clause ("my eyelid has been twitching for 3
    weeks") beats every other, whatever its length or the other's sentence;
    then any expression of a sentence that mentions twitching.
    """
    usable = [s for s in spans if s.onset]
    if not usable:
        return None

    def rank(span: TimeSpan) -> tuple[int, int, int, int, int, int]:
        return (
            1 if span.clause in twitch_clauses else 0,
            1 if relevance.get(span.sentence, 0) >= _TWITCH else 0,
            0 if span.sub_day else 1,
            0 if span.background else 1,
            relevance.get(span.sentence, 0),
            1 if span.marked else 0,
        )

    best_rank = max(rank(s) for s in usable)
    pool = [s for s in usable if rank(s) == best_rank]
    longest = max(pool, key=lambda s: (s.high_days, -s.start))
    low = category_of(longest.low_days, categories)
    high = category_of(longest.high_days, categories)
    return (low, longest) if low == high else None


def episode_minutes(span: TimeSpan) -> tuple[float, float]:
    """The span's range in minutes (for episode rules such as a seizure over 5 minutes)."""
    return span.low_days * MINUTES_PER_DAY, span.high_days * MINUTES_PER_DAY
