"""Normalise words before matching: case, apostrophes, spelling variants, typos.

Why a separate stage: people write "behaviour" or "behavior", "can’t" or
"cant", "twiching" or "twitching". The lexicon is written once, in one
spelling; both the lexicon and the input go through the same `Normaliser`, so
a phrase written either way matches either way.

Offsets are never changed: `fold_text` only swaps characters one for one, and
the matcher keeps each token's position in the original text.

Typos are corrected with RapidFuzz's optimal-string-alignment distance (a
swap of two letters counts as one edit) against the words of the lexicon,
but only when it is safe:

- the word is at least `min_length` letters (short words like "fit", "weak",
  "week" are too close to each other to guess);
- the word is not itself a known word (the lexicon's own words or the
  `protected` list of real English words that sit one typo away from a
  lexicon word, e.g. "tried" next to "tired", "fewer" next to "fever");
- the first letter is kept, and the best candidate is unique.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def clean_text(text: str) -> str:
    """The text as the parser reads it: Unicode NFC, invisible characters dropped, control characters spaced.

    A zero-width space pasted from a chat app ("I had a seizure\u200b today") or
    a soft hyphen must not hide a word, and "é" typed as e + accent must match
    "é". Format characters (Unicode category Cf) are removed; control characters
    other than tab and newline become spaces. Mention offsets refer to this text.
    """
    composed = unicodedata.normalize("NFC", text)
    return "".join(
        " " if unicodedata.category(c) == "Cc" and c not in "\t\n\r" else c
        for c in composed
        if unicodedata.category(c) != "Cf"
    )


def fold_text(text: str) -> str:
    """Replace typographic quotes and dashes one character for one, keeping offsets."""
    return text.translate(_FOLD)


def strip_accents(word: str) -> str:
    """The word without accents ("fièvre" -> "fievre", "cœur" -> "coeur"); only for a token's norm."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Normaliser:
    """Map a token to its canonical spelling: lower case, spaCy's norm, spelling variants.

    `exact` maps whole words ("tyre" -> "tire"); `prefix` maps word starts, so
    one entry covers a word's inflections ("behaviour" -> "behavior" also turns
    "behavioural" into "behavioral"). With `fold_accents` accents are dropped
    first (French: "fièvre" and "fievre" are one word), in the mappings too.
    """

    def __init__(self, exact: Mapping[str, str], prefix: Mapping[str, str], *, fold_accents: bool = False) -> None:
        self._fold = fold_accents
        self._exact = {self._lower(k): self._lower(v) for k, v in exact.items()}
        self._prefixes = sorted(
            ((self._lower(k), self._lower(v)) for k, v in prefix.items()), key=lambda kv: -len(kv[0])
        )
        self.canonical = lru_cache(maxsize=16384)(self._canonical)

    def _lower(self, word: str) -> str:
        return strip_accents(word.lower()) if self._fold else word.lower()

    def _canonical(self, word: str) -> str:
        """The canonical form of one (already lower-cased or spaCy-normed) word."""
        result = self._lower(word)
        if result in self._exact:
            result = self._exact[result]
        else:
            for old, new in self._prefixes:
                if result.startswith(old):
                    result = new + result[len(old) :]
                    break
        return result


class FuzzyCorrector:
    """Correct a misspelt word to the one lexicon word it is a typo of, or leave it alone."""

    def __init__(
        self,
        *,
        targets: Iterable[str],
        known: Iterable[str],
        min_length: int,
        two_edits_from_length: int,
    ) -> None:
        self._targets_by_initial: dict[str, list[str]] = {}
        for word in sorted(set(targets)):
            if word.isalpha() and len(word) >= min_length - 1:
                self._targets_by_initial.setdefault(word[0], []).append(word)
        self._known = frozenset(known)
        self._min_length = min_length
        self._two_edits_from = two_edits_from_length
        self.correct = lru_cache(maxsize=4096)(self._correct)

    def is_known(self, word: str) -> bool:
        """True for words the corrector will never change."""
        return word in self._known

    def _correct(self, word: str) -> str:
        if len(word) < self._min_length or not word.isalpha() or word in self._known:
            return word
        candidates = self._targets_by_initial.get(word[0])
        if not candidates:
            return word
        allowed = 2 if len(word) >= self._two_edits_from else 1
        best = process.extract(word, candidates, scorer=OSA.distance, score_cutoff=allowed, limit=2)
        if not best:
            return word
        if len(best) == 2 and best[1][1] == best[0][1]:
            return word  # two equally close words: do not guess
        return str(best[0][0])
