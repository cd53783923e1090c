"""The intake on a development set of fresh paraphrases (tests/data/nlu_paraphrases.jsonl).

The texts are written in words unlike the public vignettes (carers, forum
posters, non-native speakers, British and American spellings, typos), so these
floors catch a lexicon change that only fits the public wording. A denial read
as present is dangerous, so the negated precision floor is the strict one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from twitchcheck.nlu import parse_text
from twitchcheck.nlu.evaluate import read_cases, score_text_cases

CASES = Path(__file__).resolve().parent / "data" / "nlu_paraphrases.jsonl"


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    return score_text_cases(read_cases(CASES))


def test_the_set_is_large_and_labelled_with_known_ids() -> None:
    cases = read_cases(CASES)
    assert len(cases) >= 40
    assert len({case["id"] for case in cases}) == len(cases)
    for case in cases:
        assert case["narrative"].strip()
        assert not set(case["text_present"]) & set(case["text_absent"]), case["id"]


def test_present_findings_meet_the_floor(result: dict[str, Any]) -> None:
    assert result["present_f1"] >= 0.94, result["misses"]
    assert result["present_recall"] >= 0.95, result["misses"]


def test_negated_findings_are_precise(result: dict[str, Any]) -> None:
    assert result["negated_precision"] >= 0.97, result["misses"]
    assert result["negated_f1"] >= 0.95, result["misses"]


@pytest.mark.parametrize(
    "text",
    [
        "Arm twitching. Strength is fine, speech is normal.",
        "Calf twitch. I haven't lost any strength and I'm not dropping things.",
        "Twitching legs, not losing weight or muscle, no numbness, walking fine.",
        "Eyelid twitch. No problems swallowing or talking, not short of breath.",
        "My thigh twitches. Balance is good and I can open jars fine.",
    ],
)
def test_denials_are_never_read_as_present(text: str) -> None:
    parsed = parse_text(text)
    serious = {
        "muscle_weakness",
        "muscle_wasting",
        "speech_difficulty",
        "swallowing_difficulty",
        "numbness_limbs",
        "balance_problems",
        "difficulty_walking",
        "breathing_difficulty",
    }
    assert not serious & set(parsed.present_ids), parsed.present_ids
    assert serious & set(parsed.absent_ids)


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can't open jars any more and keep dropping things.", "muscle_weakness"),
        ("His foot slaps down when he walks.", "muscle_weakness"),
        ("I can't get my breath.", "breathing_difficulty"),
        ("I barely see the sun in winter.", "low_sun_exposure"),
        ("The twitching gets worse every week.", "worsening"),
        ("The twitching is stopping me sleeping.", "poor_sleep"),
        ("She has blank spells at school.", "staring_spells"),
        ("Suddenly I can't see out of my left eye.", "vision_problems"),
    ],
)
def test_everyday_phrasings_are_read(text: str, finding: str) -> None:
    assert finding in parse_text(text).present_ids


def test_a_carer_asking_what_to_do_is_not_the_patient() -> None:
    parsed = parse_text("He's fitting right now and won't respond, what do I do??")
    assert parsed.subject == "other"
    assert {"seizure", "seizure_now_or_over_5_min"} <= set(parsed.present_ids)
