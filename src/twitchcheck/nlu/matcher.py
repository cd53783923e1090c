"""Compile lexicon patterns and find them in a token stream.

Why not spaCy's `Matcher`: patterns here need gaps that stop at clause
boundaries, and for each match the exact tokens that the explicit words
matched (so that a "no" inside "no dairy" is known to be part of the phrase,
not a denial). A small backtracking matcher with an index on each pattern's
first word does this and stays fast: only patterns whose first word occurs in
the text are tried, and of those only the ones whose every required element
has a word (or a number) somewhere in the text.

Syntax of a pattern (elements separated by spaces):

- `word` matches the word after normalisation (spelling variants, typos);
  a word that spaCy splits ("can't") becomes a fixed sequence ("can not").
- `a|b|c` matches any of the words; `(a b|c|{class})` any of the phrases.
- `{class}` matches any phrase of the lexicon's word class; `{#}` any number,
  `{#38-45}` a number from 38 to 45 (a temperature, a count of pills).
- a trailing `?` makes an element optional.
- `...` skips 0 to 4 tokens, `...N` 0 to N, never across a clause boundary (unless the
  pattern writes the comma that ends the clause just before it: "{sleep_onset} , ...8 {jerk}").

The first and last elements must be words or classes, so a match's span is
always tight around real words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from twitchcheck.nlu.lexicon import split_pattern
from twitchcheck.nlu.tokens import TokenStream

PayloadT = TypeVar("PayloadT")
DEFAULT_GAP = 4
_GAP = re.compile(r"\.\.\.(\d*)")
_CLASS = re.compile(r"\{([^{}]+)\}")
_RANGE = re.compile(r"\{#(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)\}")


@dataclass(frozen=True)
class Element:
    """One element of a compiled pattern: alternatives (token sequences), a number, or a gap."""

    options: tuple[tuple[str, ...], ...] = ()
    number: bool = False
    low: float | None = None
    high: float | None = None
    gap: int = 0
    optional: bool = False
    by_first: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict, compare=False)

    @property
    def is_gap(self) -> bool:
        return self.gap > 0


def _element(options: Iterable[tuple[str, ...]], *, optional: bool) -> Element:
    """An element of alternatives, indexed by first word so matching tries only the ones that fit."""
    ordered = sort_options(o for o in options if o)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for option in ordered:
        by_first.setdefault(option[0], []).append(option)
    return Element(options=ordered, optional=optional, by_first={k: tuple(v) for k, v in by_first.items()})


@dataclass(frozen=True)
class Match:
    """Where a pattern matched: token span [start, end) and the tokens of its explicit words."""

    start: int
    end: int
    explicit: frozenset[int]


@dataclass
class PatternSet(Generic[PayloadT]):
    """A set of compiled patterns, each with a payload saying what a match means."""

    words: Callable[[str], list[str]]
    classes: Mapping[str, tuple[tuple[str, ...], ...]]
    is_number: Callable[[str], bool]
    number_value: Callable[[str], float | None] = lambda norm: None
    _patterns: list[tuple[tuple[Element, ...], PayloadT]] = field(default_factory=list)
    _index: dict[str, list[int]] = field(default_factory=dict)
    _number_first: list[int] = field(default_factory=list)
    # per pattern: for each required (not optional, not gap) element, the words it can start with,
    # and whether some element needs a number; a pattern whose needs the text cannot meet is not tried
    _needs: list[tuple[tuple[frozenset[str], ...], bool]] = field(default_factory=list)

    def add(self, text: str, payload: PayloadT) -> None:
        """Compile `text` and register it with `payload`."""
        elements = tuple(self._compile(text))
        pattern_id = len(self._patterns)
        self._patterns.append((elements, payload))
        required = [e for e in elements if not e.is_gap and not e.optional]
        self._needs.append(
            (
                tuple(frozenset(option[0] for option in e.options) for e in required if not e.number),
                any(e.number for e in required),
            )
        )
        first = elements[0]
        if first.number:
            self._number_first.append(pattern_id)
        for option in first.options:
            self._index.setdefault(option[0], []).append(pattern_id)

    def vocabulary(self) -> set[str]:
        """Every word the patterns can match (for the typo corrector's targets)."""
        words: set[str] = set()
        for elements, _ in self._patterns:
            for element in elements:
                for option in element.options:
                    words.update(option)
        return words

    def find(self, stream: TokenStream) -> list[tuple[PayloadT, Match]]:
        """All matches in the stream: for each pattern and start token, the shortest match."""
        found: list[tuple[PayloadT, Match]] = []
        norms = [t.norm for t in stream.tokens]
        words = set(norms)
        has_number = any(self.is_number(norm) for norm in words)
        possible: dict[int, bool] = {}
        for start, norm in enumerate(norms):
            candidates = list(self._index.get(norm, ()))
            if self._number_first and self.is_number(norm):
                candidates.extend(self._number_first)
            for pattern_id in dict.fromkeys(candidates):
                if pattern_id not in possible:
                    starts, needs_number = self._needs[pattern_id]
                    possible[pattern_id] = (has_number or not needs_number) and all(
                        not words.isdisjoint(first_words) for first_words in starts
                    )
                if not possible[pattern_id]:
                    continue
                elements, payload = self._patterns[pattern_id]
                explicit: list[int] = []
                end = _match(elements, 0, start, stream, norms, explicit, self._number_fits)
                if end is not None:
                    found.append((payload, Match(start, end, frozenset(explicit))))
        return found

    def _number_fits(self, element: Element, norm: str) -> bool:
        """True when the token is a number and, for a ranged element, its value is in range."""
        if not self.is_number(norm):
            return False
        if element.low is None or element.high is None:
            return True
        value = self.number_value(norm)
        return value is not None and element.low <= value <= element.high

    def _compile(self, text: str) -> Iterable[Element]:
        for raw in split_pattern(text):
            gap = _GAP.fullmatch(raw)
            if gap:
                yield Element(gap=int(gap.group(1) or DEFAULT_GAP))
                continue
            optional = raw.endswith("?") and len(raw) > 1
            body = raw[:-1] if optional else raw
            if len(body) > 1 and body.startswith("(") and body.endswith(")"):
                body = body[1:-1]
            if body == "{#}":
                yield Element(number=True, optional=optional)
                continue
            ranged = _RANGE.fullmatch(body)
            if ranged:
                yield Element(number=True, low=float(ranged.group(1)), high=float(ranged.group(2)), optional=optional)
                continue
            options: list[tuple[str, ...]] = []
            for part in body.split("|"):
                ref = _CLASS.fullmatch(part.strip())
                if ref:
                    options.extend(self.classes[ref.group(1)])
                else:
                    options.append(tuple(self.words(part)))
            yield _element(options, optional=optional)


def _match(
    elements: Sequence[Element],
    ei: int,
    ti: int,
    stream: TokenStream,
    norms: Sequence[str],
    explicit: list[int],
    number_fits: Callable[[Element, str], bool],
) -> int | None:
    """Match elements[ei:] from token ti; return the end token or None (explicit is filled)."""
    if ei == len(elements):
        return ti
    element = elements[ei]
    n = len(norms)
    sentence = stream.tokens[ti - 1].sentence if ti > 0 and ei > 0 else None
    if element.is_gap:
        for size in range(element.gap + 1):
            if size and not _gap_token_ok(stream, ti + size - 1, sentence):
                return None
            nxt = ti + size
            # a gap never crosses into the next clause, unless the pattern writes the comma that ends the
            # clause ("{sleep_onset} , ...8 {jerk}": the next clause is meant); a written "and" still stops
            # at a new clause ("passed out and my hands were shaking" is two things)
            named_break = (
                size == 0
                and ti > 0
                and stream.is_break[ti - 1]
                and norms[ti - 1] == ","
                and not elements[ei - 1].is_gap
            )
            if nxt < n and stream.boundary_before[nxt] and ei > 0 and not named_break:
                return None
            end = _match(elements, ei + 1, nxt, stream, norms, explicit, number_fits)
            if end is not None:
                return end
        return None
    if ti < n and (sentence is None or stream.tokens[ti].sentence == sentence):
        if element.number and number_fits(element, norms[ti]):
            explicit.append(ti)
            end = _match(elements, ei + 1, ti + 1, stream, norms, explicit, number_fits)
            if end is not None:
                return end
            explicit.pop()
        for option in element.by_first.get(norms[ti], ()):
            size = len(option)
            if size > 1 and tuple(norms[ti : ti + size]) != option:
                continue
            if any(stream.tokens[ti + k].sentence != stream.tokens[ti].sentence for k in range(size)):
                continue
            explicit.extend(range(ti, ti + size))
            end = _match(elements, ei + 1, ti + size, stream, norms, explicit, number_fits)
            if end is not None:
                return end
            del explicit[len(explicit) - size :]
    if element.optional:
        return _match(elements, ei + 1, ti, stream, norms, explicit, number_fits)
    return None


def _gap_token_ok(stream: TokenStream, index: int, sentence: int | None) -> bool:
    if index >= len(stream.tokens) or stream.is_break[index]:
        return False
    return sentence is None or stream.tokens[index].sentence == sentence


def sort_options(options: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Longest alternatives first, so "lower back" wins over "back" where both fit."""
    return tuple(sorted(set(options), key=lambda o: (-len(o), o)))
