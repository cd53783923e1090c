"""Findings that follow from other findings: implications, combinations, episode lengths.

These run after the context stage, on mentions already known to be asserted,
so a denied source never derives anything ("no sudden weakness" derives no
stroke sign). Every rule is data in the lexicon:

- `implies`: saying one thing says another ("first ever fit" is a fit).
- `derive`: findings that come together ("twitching in my arms and legs" is
  twitching in many places; slurred speech in a sentence that says "suddenly"
  (or right after one) is sudden speech loss; twitching in a sentence with
  "after" next to a sentence about a race is twitching after exercise).
- `episodes`: how long an episode lasted decides a finding (a seizure that has
  gone on for six minutes is `seizure_now_or_over_5_min`; one of two minutes
  is not). "A seizure 90 minutes ago" says when it was, not how long it went on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from twitchcheck.nlu.durations import TimeSpan, episode_minutes
from twitchcheck.nlu.lexicon import DeriveRule, Lexicon
from twitchcheck.nlu.models import Status


@dataclass(frozen=True)
class Mention:
    """A finding read from the text; tokens [first, last] are the words that gave it."""

    finding_id: str
    status: Status
    first: int
    last: int
    sentence: int
    cue: str | None = None
    derived: bool = False
    # tokens [first, last] of other words that said it: "they keep twitching" for the place named before it
    said_at: tuple[int, int] | None = None


def apply_implications(mentions: Sequence[Mention], lexicon: Lexicon) -> list[Mention]:
    """Add what present mentions imply, transitively (same span, marked derived)."""
    result = list(mentions)
    seen = {(m.finding_id, m.first, m.last) for m in result}
    queue = [m for m in result if m.status == "present"]
    while queue:
        mention = queue.pop()
        entry = lexicon.findings.get(mention.finding_id)
        for other in entry.implies if entry else ():
            key = (other, mention.first, mention.last)
            if key in seen:
                continue
            seen.add(key)
            implied = replace(mention, finding_id=other, derived=True)
            result.append(implied)
            queue.append(implied)
    return result


def apply_derivations(
    mentions: Sequence[Mention],
    lexicon: Lexicon,
    class_hits: Mapping[str, Mapping[int, str]],
    spans: Sequence[TimeSpan],
) -> list[Mention]:
    """Add findings whose `derive` rules hold; `class_hits[name][sentence]` is a cue text."""
    result = list(mentions)
    for finding_id, entry in lexicon.findings.items():
        for rule in entry.derive:
            result.extend(_derive(finding_id, rule, result, class_hits, spans))
    return result


def _derive(
    finding_id: str,
    rule: DeriveRule,
    mentions: Sequence[Mention],
    class_hits: Mapping[str, Mapping[int, str]],
    spans: Sequence[TimeSpan],
) -> Iterable[Mention]:
    present = [m for m in mentions if m.status == "present"]
    sources = [m for m in present if m.finding_id in rule.any_of]
    if len({m.finding_id for m in sources}) < rule.at_least:
        return []
    near = {m.sentence for m in present if m.finding_id in rule.near_findings}
    derived = []
    for source in sources:
        window = (source.sentence,) if rule.same_sentence else (source.sentence, source.sentence - 1)
        cues = [_cue(class_hits.get(name, {}), window) for name in rule.sentence_has]
        if any(cue is None for cue in cues):
            continue
        if rule.span_within_days is not None and not any(
            span.sentence in window and span.unit in rule.span_units and span.high_days <= rule.span_within_days
            for span in spans
        ):
            continue
        if rule.no_span_over_days is not None and any(
            span.sentence == source.sentence and span.low_days > rule.no_span_over_days for span in spans
        ):
            continue
        reach = set(range(source.sentence - rule.near_sentences_before, source.sentence + 1)) & near
        if rule.near_findings and not reach:
            continue
        if not _story_dated(rule, reach if rule.near_findings else set(range(source.sentence + 1)), class_hits, spans):
            continue
        derived.append(replace(source, finding_id=finding_id, cue=cues[0] if cues else None, derived=True))
        if rule.at_least > 1:
            break
    return derived


def _story_dated(
    rule: DeriveRule, story: set[int], class_hits: Mapping[str, Mapping[int, str]], spans: Sequence[TimeSpan]
) -> bool:
    """Whether the episode's sentences say it began recently: a word of `story_has` or a short onset.

    A rule with neither asks nothing. "A fit this afternoon" dates it by a word, "started jerking 15
    minutes ago" by its onset; either will do.
    """
    if not rule.story_has and rule.story_onset_within_days is None:
        return True
    if any(story & set(class_hits.get(name, {})) for name in rule.story_has):
        return True
    limit = rule.story_onset_within_days
    return limit is not None and any(
        span.sentence in story and (span.onset or span.ago) and span.high_days <= limit for span in spans
    )


def _cue(hits: Mapping[int, str], sentences: Sequence[int]) -> str | None:
    """The cue words of a class in the first of `sentences` that has one."""
    return next((hits[s] for s in sentences if s in hits), None)


def apply_episodes(
    mentions: Sequence[Mention],
    spans: Sequence[TimeSpan],
    lexicon: Lexicon,
) -> list[Mention]:
    """Decide episode findings (e.g. seizure over 5 minutes) from how long the episode lasted."""
    result = list(mentions)
    for rule in lexicon.episodes:
        episodes = [m for m in mentions if m.status == "present" and m.finding_id in rule.during]
        others = [m for m in mentions if m.status == "present" and m.finding_id in rule.lengths_of_others]
        during = {m.sentence for m in episodes}
        for span in spans:
            if span.ago or span.unit not in rule.units or not ({span.sentence, span.sentence - 1} & during):
                continue
            if _nearer_to_other(span, episodes, others):
                continue
            low, high = episode_minutes(span)
            first, end = span.start, span.end
            if low >= rule.at_least_minutes:
                result.append(Mention(rule.finding, "present", first, end - 1, span.sentence, derived=True))
            elif high < rule.at_least_minutes and rule.deny_when_shorter:
                result.append(Mention(rule.finding, "absent", first, end - 1, span.sentence, derived=True))
    return result


def _nearer_to_other(span: TimeSpan, episodes: Sequence[Mention], others: Sequence[Mention]) -> bool:
    """Whether the nearest mention before the span in its sentence is a finding with a length of its own.

    A length follows what it measures ("confused for 10 minutes", "a seizure that lasted 7 minutes"),
    so only mentions before the span compete; a span with none before it stays the episode's.
    """
    # (where the mention ends, whether it is the episode): on a tie the episode wins, the more urgent reading
    before = [
        (m.last, is_episode)
        for group, is_episode in ((episodes, True), (others, False))
        for m in group
        if m.sentence == span.sentence and m.last < span.start
    ]
    return bool(before) and not max(before)[1]
