"""Tokens, sentences and clause boundaries of a text, with offsets into the original.

spaCy does the tokenising (`spacy.blank(language)`, no model, nothing
downloaded) and the sentence splitting (the rule-based "sentencizer"). The
pipeline is built once per language and cached, because building it costs
about 100 ms and parsing must stay well under 20 ms.

On top of spaCy this module marks clause boundaries, which bound both the
gaps of patterns and the scope of negation and the other context triggers:

- hard breaks: termination words ("but", "however"), and ";", ":", brackets,
  free-standing dashes;
- soft breaks: a joiner ("," "and" "so") followed by a clause starter ("I",
  "my", "she"), unless it only continues a list of body parts ("calves, my
  arms"). So "no fever, my calf twitches" ends the negation at the comma, while
  "no fever, rash or cough" keeps it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

_EXTRA_INFIXES = (r"(?<=[A-Za-z]);(?=[A-Za-z])", r"(?<=[A-Za-z])/(?=[A-Za-z])", r"(?<=[A-Za-z])\.(?=[A-Z])")
# A unit typed onto its number ("4hrs", "3wks", "10mins", "4days") is split off, and so is a tilde before a
# number ("~4 hrs"), so both read as the number and unit written apart. A bare "h" stays glued: French "4h"
# and "1h30" are read as they are written.
_EXTRA_PREFIXES = (r"~(?=[0-9])",)
_EXTRA_SUFFIXES = (r"(?<=[0-9])(?:hrs|hr|mins|min|secs|sec|days|wks|wk|weeks|mths|months|yrs|yr|years)",)
_HARD_PUNCT = frozenset({";", ":", "(", ")", "[", "]", "-", "--", "...", "…"})
_SENTENCE_END = frozenset({".", "!", "?"})
# A dash or colon that opens a list of places ("twitching all over - calves, biceps, back") names where
# the words before it happen: it does not end the clause.
_LIST_OPENERS = frozenset({":", "-", "--"})
_LIST_LEAD_INS = frozenset({"my", "the", "in", "both"})


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its original text and span, its normalised form, its sentence."""

    text: str
    norm: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class TokenStream:
    """The tokens of a text plus the clause structure the matcher and context rules use.

    `boundary_before[i]` is True when a clause (or sentence) starts at token i;
    `is_break[i]` is True for tokens that end a clause themselves ("but", ";").
    """

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]
    boundary_before: tuple[bool, ...]
    is_break: tuple[bool, ...]

    def span_text(self, first: int, last: int) -> str:
        """The original text from token `first` to token `last` (inclusive)."""
        return self.text[self.tokens[first].start : self.tokens[last].end]

    def clause_end(self, index: int) -> int:
        """Index one past the last token of the clause containing token `index`."""
        j = index + 1
        while j < len(self.tokens) and not self.boundary_before[j] and not self.is_break[j]:
            j += 1
        return j

    def clause_start(self, index: int) -> int:
        """Index of the first token of the clause containing token `index`."""
        j = index
        while j > 0 and not self.boundary_before[j] and not self.is_break[j - 1]:
            j -= 1
        return j


@dataclass(frozen=True)
class ClauseRules:
    """The words that end a clause, join clauses, or start one (from the lexicon)."""

    termination: frozenset[str]
    termination_phrases: tuple[tuple[str, ...], ...]
    joiners: frozenset[str]
    starters: frozenset[str]
    list_items: frozenset[str]
    fixed_phrases: tuple[tuple[str, ...], ...] = ()
    list_modifiers: frozenset[str] = frozenset()  # "left" in "calves and my left hand": the item follows


@lru_cache(maxsize=4)
def spacy_pipeline(language: str) -> Language:
    """A blank spaCy pipeline with the rule-based sentencizer; built once per language."""
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    infixes: list[Any] = [*(nlp.Defaults.infixes or ()), *_EXTRA_INFIXES]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes: list[Any] = [*(nlp.Defaults.prefixes or ()), *_EXTRA_PREFIXES]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    suffixes: list[Any] = [*(nlp.Defaults.suffixes or ()), *_EXTRA_SUFFIXES]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


def tokenize_phrase(language: str, phrase: str) -> list[str]:
    """spaCy's normalised words of a lexicon phrase (so "can't" gives "can", "not")."""
    nlp = spacy_pipeline(language)
    return [t.norm_ for t in nlp.tokenizer(phrase) if not t.is_space and not _is_glue_hyphen(t)]


def build_stream(
    text: str,
    *,
    language: str,
    normalise: Callable[[str], str],
    rules: ClauseRules,
) -> TokenStream:
    """Tokenise `text` and mark its sentences and clause boundaries."""
    doc: Doc = spacy_pipeline(language)(text)
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    for sentence_index, sentence in enumerate(doc.sents):
        first = len(tokens)
        for tok in sentence:
            if tok.is_space or _is_glue_hyphen(tok):
                continue
            tokens.append(Token(tok.text, normalise(tok.norm_), tok.idx, tok.idx + len(tok.text), sentence_index))
        if len(tokens) > first:
            sentences.append((first, len(tokens)))
    renumbered = _renumber(tokens, sentences)
    boundary, is_break = _clause_marks(renumbered, sentences, rules)
    return TokenStream(text, tuple(renumbered), tuple(sentences), tuple(boundary), tuple(is_break))


def _is_glue_hyphen(tok: spacy.tokens.Token) -> bool:
    """A hyphen inside a word ("pre-workout", "eye-lid"): dropped so it matches "pre workout"."""
    if tok.text != "-" or tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return False
    return not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_


def _renumber(tokens: list[Token], sentences: list[tuple[int, int]]) -> list[Token]:
    """Give tokens consecutive sentence numbers (empty spaCy sentences are skipped)."""
    result = list(tokens)
    for number, (first, last) in enumerate(sentences):
        for i in range(first, last):
            t = result[i]
            if t.sentence != number:
                result[i] = Token(t.text, t.norm, t.start, t.end, number)
    return result


def _clause_marks(
    tokens: Sequence[Token], sentences: Sequence[tuple[int, int]], rules: ClauseRules
) -> tuple[list[bool], list[bool]]:
    n = len(tokens)
    boundary = [False] * n
    is_break = [False] * n
    for first, _ in sentences:
        boundary[first] = True
    norms = [t.norm for t in tokens]
    for i, norm in enumerate(norms):
        if norm in _LIST_OPENERS and _opens_list_of_places(norms, i, rules.list_items):
            continue
        if norm in rules.termination or norm in _HARD_PUNCT or norm in _SENTENCE_END:
            is_break[i] = True
            if i + 1 < n:
                boundary[i + 1] = True
    for phrase in rules.termination_phrases:
        size = len(phrase)
        for i in range(n - size + 1):
            if tuple(norms[i : i + size]) == phrase:
                for j in range(i, i + size):
                    is_break[j] = True
                if i + size < n:
                    boundary[i + size] = True
    inside_phrase = _inside_fixed_phrases(norms, rules.fixed_phrases)
    for i, norm in enumerate(norms[:-1]):
        if norm not in rules.joiners or norms[i + 1] not in rules.starters or i in inside_phrase:
            continue
        if tokens[i].sentence != tokens[i + 1].sentence:
            continue
        if _continues_list(norms, i, rules.list_items, rules.list_modifiers):
            continue
        is_break[i] = True
        boundary[i + 1] = True
    return boundary, is_break


def _opens_list_of_places(norms: Sequence[str], mark: int, list_items: frozenset[str]) -> bool:
    """True for the dash in "twitching all over - calves, biceps": places follow, then a comma or "and"."""
    j = mark + 1
    while j < len(norms) and norms[j] in _LIST_LEAD_INS:
        j += 1
    if j >= len(norms) or norms[j] not in list_items:
        return False
    return j + 1 < len(norms) and norms[j + 1] in (",", "and")


def _inside_fixed_phrases(norms: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> set[int]:
    """Indices of joiners inside a lexicon phrase ("here and there", "on and off")."""
    inside: set[int] = set()
    for phrase in phrases:
        size = len(phrase)
        for i in range(len(norms) - size + 1):
            if tuple(norms[i : i + size]) == phrase:
                inside.update(range(i + 1, i + size - 1))
    return inside


def _continues_list(
    norms: Sequence[str], joiner: int, list_items: frozenset[str], modifiers: frozenset[str] = frozenset()
) -> bool:
    """True for "calves, my arms": the words either side of the joiner are both list items.

    A modifier may stand before the item ("calves and my left hand"): it says
    which one, it does not start a clause.
    """
    before = norms[joiner - 1] if joiner > 0 else ""
    after = joiner + 2
    if after < len(norms) and norms[after] in modifiers:
        after += 1
    return before in list_items and after < len(norms) and norms[after] in list_items
