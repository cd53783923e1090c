"""The pattern matcher: skipping patterns the text cannot meet must never lose a match.

The matcher tries a pattern only when each of its required elements has a word (or, for a number
element, some number) in the text. These tests pin the cases where that shortcut could go wrong:
optional elements, gaps, alternatives of several words, and numbers.
"""

from __future__ import annotations

from twitchcheck.nlu.matcher import PatternSet
from twitchcheck.nlu.tokens import ClauseRules, TokenStream, build_stream

NO_CLAUSE_RULES = ClauseRules(
    termination=frozenset(), termination_phrases=(), joiners=frozenset(), starters=frozenset(), list_items=frozenset()
)


def _patterns(*texts: str) -> PatternSet[str]:
    def number_value(norm: str) -> float | None:
        return float(norm) if norm.replace(".", "", 1).isdigit() else None

    patterns: PatternSet[str] = PatternSet(
        words=lambda text: text.lower().split(),
        classes={"limb": (("arm",), ("left", "leg"))},
        is_number=lambda norm: number_value(norm) is not None,
        number_value=number_value,
    )
    for text in texts:
        patterns.add(text, text)
    return patterns


def _stream(text: str) -> TokenStream:
    return build_stream(text, language="en", normalise=str.lower, rules=NO_CLAUSE_RULES)


def _found(patterns: PatternSet[str], text: str) -> set[str]:
    return {payload for payload, _ in patterns.find(_stream(text))}


def test_a_pattern_whose_optional_word_is_absent_still_matches() -> None:
    assert _found(_patterns("calf really? twitches"), "my calf twitches") == {"calf really? twitches"}


def test_a_pattern_whose_required_word_is_absent_is_not_found() -> None:
    assert _found(_patterns("calf ... twitches"), "my calf aches") == set()


def test_a_gap_needs_no_word_of_its_own() -> None:
    assert _found(_patterns("calf ... twitches"), "my calf often twitches") == {"calf ... twitches"}


def test_a_class_of_several_word_phrases_is_met_by_its_first_word() -> None:
    assert _found(_patterns("{limb} twitches"), "my left leg twitches") == {"{limb} twitches"}


def test_a_number_element_needs_a_number_in_the_text() -> None:
    patterns = _patterns("{#38-45} degrees")
    assert _found(patterns, "it was 38.6 degrees") == {"{#38-45} degrees"}
    assert _found(patterns, "it was many degrees") == set()
