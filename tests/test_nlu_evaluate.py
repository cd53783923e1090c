"""The text-mode scorer, and the intake's scores on the public vignettes."""

from __future__ import annotations

from pathlib import Path

import pytest

from twitchcheck.nlu.evaluate import read_cases, score_text_cases

PUBLIC = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "public.jsonl"


def test_scores_count_true_and_false_findings_per_kind() -> None:
    cases = [
        {
            "id": "A",
            "narrative": "No fever but my calf twitches.",
            "text_present": ["twitch_leg_calf"],
            "text_absent": ["fever"],
        },
        {
            "id": "B",
            "narrative": "My eyelid twitches.",
            "text_present": ["twitch_eyelid", "poor_sleep"],
            "text_absent": [],
        },
    ]
    result = score_text_cases(cases)
    assert result["present_counts"] == {"tp": 2, "fp": 0, "fn": 1}
    assert result["negated_counts"] == {"tp": 1, "fp": 0, "fn": 0}
    assert result["present_precision"] == 1.0
    assert result["present_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["misses"] == [{"id": "B", "present_fn": ["poor_sleep"]}]


def test_public_vignettes_meet_the_targets() -> None:
    if not PUBLIC.exists():
        pytest.skip("shared/vignettes/public.jsonl is not beside the repository")
    result = score_text_cases(read_cases(PUBLIC))
    assert result["present_f1"] >= 0.85
    assert result["negated_precision"] >= 0.95
