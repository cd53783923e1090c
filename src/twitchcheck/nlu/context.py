"""Who, whether and when: ConText-style scope of negation, uncertainty, history and other people.

The idea comes from NegEx/ConText (Chapman et al.): a trigger phrase ("no",
"not sure if", "years ago", "my dad") casts a scope over the words after it
(forward) or before it (backward), up to the end of the clause or a maximum
number of words; a finding mentioned inside that scope is negated, hedged,
past, or about someone else. The trigger words are data in the lexicon; this
module only knows the mechanics.

Rules that make it work on what people actually write:

- Overlapping triggers: the longest wins, so "not sure if" (uncertainty) beats
  "not" (negation), and a pseudo-trigger ("no longer", "my wife says", "can't")
  silences the triggers it covers.
- A trigger that is part of a finding's own "present" phrase is consumed by
  it: "no dairy" is a diet, not a denial; "not sleeping well" is poor sleep;
  "never had a fit before" is a first seizure. Consumed triggers negate
  nothing else. A trigger inside an "absent" phrase ("no history of
  seizures") does not flip that phrase, but still denies the other findings
  in its scope (the seizures).
- Scopes end at clause boundaries (`twitchcheck.nlu.tokens`), so "no fever but
  my calf twitches" leaves the twitch present.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from twitchcheck.nlu.tokens import TokenStream

Category = Literal["negation", "uncertainty", "history", "other_person", "pseudo"]
# "after": the trigger's first word is negated too, for languages that negate
# after the verb ("je fume pas"); its scope then runs forward like "forward".
# "object": a verb that negates its object ("quit coffee"); forward, to the next comma.
Direction = Literal["forward", "backward", "after", "object"]
SCOPED_CATEGORIES: tuple[Category, ...] = ("negation", "uncertainty", "history", "other_person")


@dataclass(frozen=True)
class Trigger:
    """A trigger phrase found in the text: its category, direction and tokens."""

    category: Category
    direction: Direction
    start: int
    end: int
    explicit: frozenset[int]
    cue: str

    @property
    def size(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Scope:
    """The tokens [first, end) that a trigger applies to."""

    trigger: Trigger
    first: int
    end: int

    def covers(self, index: int) -> bool:
        return self.first <= index < self.end


@dataclass(frozen=True)
class Context:
    """The triggers whose scope covers a mention, one per category at most."""

    negation: Trigger | None = None
    uncertainty: Trigger | None = None
    history: Trigger | None = None
    other_person: Trigger | None = None


def resolve_overlaps(triggers: Iterable[Trigger]) -> list[Trigger]:
    """Keep the longest of overlapping triggers (pseudo-triggers included), then drop pseudo ones."""
    ordered = sorted(triggers, key=lambda t: (-t.size, t.start))
    taken: set[int] = set()
    kept: list[Trigger] = []
    spans: set[tuple[int, int]] = set()
    for trigger in ordered:
        tokens = set(range(trigger.start, trigger.end))
        if tokens & taken and (trigger.start, trigger.end) not in spans:
            continue  # the same words may trigger both ways ("as a child"), nothing else may overlap
        taken |= tokens
        spans.add((trigger.start, trigger.end))
        kept.append(trigger)
    return sorted((t for t in kept if t.category != "pseudo"), key=lambda t: t.start)


def drop_consumed(triggers: Sequence[Trigger], phrases: Iterable[frozenset[int]]) -> list[Trigger]:
    """Remove triggers whose every token is an explicit word of some finding's phrase.

    Other-person triggers are never consumed: the family-history phrase "my dad
    had ALS" is marked `about_others` in the lexicon instead.
    """
    spans = list(phrases)
    return [t for t in triggers if t.category == "other_person" or not any(t.explicit <= phrase for phrase in spans)]


def build_scopes(stream: TokenStream, triggers: Iterable[Trigger], max_tokens: int) -> list[Scope]:
    """The scope of each trigger: to the clause edge, at most `max_tokens` words away."""
    scopes = []
    for trigger in triggers:
        if trigger.direction == "after":
            scopes.append(Scope(trigger, trigger.start, trigger.start + 1))
        if trigger.direction in ("forward", "after"):
            # a trigger that ends on a clause break ("my husband who") opens the clause after it
            opens = trigger.end > trigger.start and stream.is_break[trigger.end - 1]
            scopes.append(Scope(trigger, trigger.end, _forward_end(stream, trigger.end, max_tokens, opens=opens)))
        elif trigger.direction == "object":
            scopes.append(Scope(trigger, trigger.end, _object_end(stream, trigger.end, max_tokens)))
        else:
            scopes.append(Scope(trigger, _backward_start(stream, trigger.start, max_tokens), trigger.start))
        question = _question_answered(stream, trigger)
        if question is not None:
            scopes.append(Scope(trigger, *question))
    return scopes


def _question_answered(stream: TokenStream, trigger: Trigger) -> tuple[int, int] | None:
    """The question a bare negation answers ("weakness? no."), as tokens [first, end), or None.

    A negation that is a whole sentence by itself, right after a sentence that
    ends in a question mark, denies what that question named; an answer with
    more words ("No idea", "No weakness though") is an ordinary sentence.
    """
    if trigger.category != "negation" or trigger.direction != "forward" or not stream.tokens:
        return None
    sentence = stream.tokens[trigger.start].sentence
    first, end = stream.sentences[sentence]
    if sentence == 0 or first != trigger.start:
        return None
    if any(stream.tokens[j].norm[:1].isalnum() for j in range(trigger.end, end)):
        return None
    asked_first, asked_end = stream.sentences[sentence - 1]
    if "?" not in stream.tokens[asked_end - 1].norm:
        return None
    return asked_first, asked_end


def _forward_end(stream: TokenStream, first: int, max_tokens: int, *, opens: bool = False) -> int:
    """The end of a forward scope from `first`; `opens`: the trigger itself ended the clause before `first`."""
    words = 0
    j = first
    while j < len(stream.tokens):
        if j > first and stream.boundary_before[j]:
            break
        if stream.is_break[j] or (j == first and stream.boundary_before[j] and j > 0 and not opens):
            break
        if stream.tokens[j].norm[:1].isalnum():
            words += 1
            if words > max_tokens:
                break
        j += 1
    return j


def _object_end(stream: TokenStream, first: int, max_tokens: int) -> int:
    """Like `_forward_end`, but a comma or semicolon ends the scope too (the verb's object is over)."""
    end = _forward_end(stream, first, max_tokens)
    return next((j for j in range(first, end) if stream.tokens[j].norm in (",", ";")), end)


def _backward_start(stream: TokenStream, end: int, max_tokens: int) -> int:
    words = 0
    j = end
    while j > 0:
        if stream.boundary_before[j] or stream.is_break[j - 1]:
            break
        if stream.tokens[j - 1].norm[:1].isalnum():
            words += 1
            if words > max_tokens:
                break
        j -= 1
    return j


def context_of(tokens: frozenset[int], scopes: Sequence[Scope]) -> Context:
    """Which triggers cover any of a mention's explicit tokens (the nearest one per category)."""
    found: dict[str, Trigger] = {}
    distance: dict[str, int] = {}
    for scope in scopes:
        trigger = scope.trigger
        if trigger.explicit <= tokens:
            continue  # the phrase's own words ("no history of seizures") do not flip it
        own = tokens if trigger.direction == "after" else tokens - trigger.explicit
        hits = [i for i in own if scope.covers(i)]
        if not hits:
            continue
        gap = min(abs(i - (trigger.end if trigger.direction in ("forward", "object") else trigger.start)) for i in hits)
        if trigger.category not in found or gap < distance[trigger.category]:
            found[trigger.category] = trigger
            distance[trigger.category] = gap
    return Context(
        negation=found.get("negation"),
        uncertainty=found.get("uncertainty"),
        history=found.get("history"),
        other_person=found.get("other_person"),
    )
