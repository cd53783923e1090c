"""The public surface of twitchcheck.nlu and the invariants every parse keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import twitchcheck.nlu as nlu
from twitchcheck.nlu import FindingMention, ParsedText, parse_text
from twitchcheck.nlu.resolve import resolve_conflicts
from twitchcheck.nlu.rules import Mention

from .conftest import examples

PUBLIC = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "public.jsonl"
DURATIONS = {"duration_under_2_weeks", "duration_2_weeks_to_3_months", "duration_over_3_months"}
FRAGMENTS = [
    "no fever",
    "my calf twitches",
    "not sure if I'm weaker",
    "my dad had ALS",
    "for 3 weeks",
    "since last month",
    "but",
    "I had a seizure years ago",
    "my mum, 78,",
    "can't breathe",
    "eylid twiching",
    "pins and needles in my fingers",
    "no pain or numbness",
    "she's having a fit right now",
    "I'm shattered",
    "maybe",
    "and",
    "tired",
    "not",
]


def test_the_public_api_is_pinned() -> None:
    assert sorted(nlu.__all__) == [
        "FindingMention",
        "Lexicon",
        "ParsedText",
        "UnsureMention",
        "load_lexicon",
        "parse_text",
    ]


def test_result_models_reject_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        FindingMention(finding_id="fever", status="present", text="fever", start=0, end=5, cue=None, extra=1)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        ParsedText(mood="fine")  # type: ignore[call-arg]


def test_an_empty_text_gives_an_empty_result() -> None:
    parsed = parse_text("")
    assert parsed == ParsedText()
    assert (parsed.present_ids, parsed.absent_ids, parsed.subject) == ([], [], "self")


def test_clauses_that_gave_nothing_are_reported() -> None:
    parsed = parse_text("The weather is lovely. My calf twitches.")
    assert parsed.not_understood == ["The weather is lovely"]
    assert parsed.present_ids == ["twitch_leg_calf"]


def test_an_explicit_symptom_beats_a_denial_elsewhere() -> None:
    parsed = parse_text("No pain in my arms. My calves ache.")
    assert "muscle_pain" in parsed.present_ids
    assert "muscle_pain" not in parsed.absent_ids


def test_a_derived_finding_loses_to_a_later_denial_but_beats_an_earlier_one() -> None:
    derived = Mention("seizure", "present", 10, 12, 1, derived=True)
    later_denial = Mention("seizure", "absent", 20, 21, 2)
    earlier_denial = Mention("seizure", "absent", 1, 2, 0)
    assert resolve_conflicts([derived, later_denial]) == ([], [later_denial])
    assert resolve_conflicts([derived, earlier_denial]) == ([derived], [])


def test_an_explicit_mention_beats_a_later_denial() -> None:
    said = Mention("fever", "present", 1, 1, 0)
    denied = Mention("fever", "absent", 9, 9, 1, cue="no")
    assert resolve_conflicts([said, denied]) == ([said], [])


def test_every_mention_points_at_its_words_in_the_public_narratives() -> None:
    if not PUBLIC.exists():
        pytest.skip("shared/vignettes/public.jsonl is not beside the repository")
    for line in PUBLIC.read_text(encoding="utf-8").splitlines():
        narrative = json.loads(line)["narrative"]
        parsed = parse_text(narrative)
        for mention in (*parsed.present, *parsed.absent, *parsed.uncertain, *parsed.historical):
            assert narrative[mention.start : mention.end] == mention.text != ""


@settings(max_examples=examples(150), deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8), st.sampled_from([" ", ", ", ". ", "; ", "\n"]))
def test_no_finding_is_ever_both_present_and_absent(fragments: list[str], joiner: str) -> None:
    parsed = parse_text(joiner.join(fragments))
    assert not set(parsed.present_ids) & set(parsed.absent_ids)
    assert len(DURATIONS & set(parsed.present_ids)) <= 1
    assert not set(parsed.uncertain_ids) & (set(parsed.present_ids) | set(parsed.absent_ids))


@settings(max_examples=examples(150), deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_and_spans_match_the_original(text: str) -> None:
    parsed = parse_text(text)
    for mention in (*parsed.present, *parsed.absent, *parsed.uncertain, *parsed.historical):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
