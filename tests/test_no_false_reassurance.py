"""No warning sign reassures (issue 12, item 3).

"Benign twitching (no serious cause)" is twitching without warning signs. Before
this, tongue twitching, weakness, wasting or tingling around the mouth were
listed "for" it in 60 of 224 vignettes, and tongue twitching alone gave "Benign
twitching 90 %" under a box saying the same sign can mean motor-nerve disease.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from twitchcheck import KnowledgeBase, assess

from .conftest import PUBLIC_VIGNETTES

INDEPENDENT = sorted((Path(__file__).parent / "data" / "independent").glob("*.jsonl"))


def cases() -> list[dict[str, object]]:
    rows = []
    for path in [PUBLIC_VIGNETTES, *INDEPENDENT]:
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def test_no_warning_sign_is_ever_listed_for_benign_twitching_or_raises_it(kb: KnowledgeBase) -> None:
    alarming = kb.warning_sign_ids | kb.acute_red_flag_ids
    prior = kb.cause("benign_fasciculation").prior.value
    checked = 0
    for case in cases():
        known = {f for f in case.get("present", []) if f in kb.finding_ids}  # type: ignore[attr-defined]
        result = assess(present=sorted(known), age=case.get("age"), sex=case.get("sex"), ranges=False)  # type: ignore[arg-type]
        benign = next(c for c in result.causes if c.id == "benign_fasciculation")
        assert not {w.finding for w in benign.supporting} & alarming, case.get("id")
        checked += 1
        for sign in sorted(known & alarming):
            alone = assess(present=[sign], ranges=False)
            assert next(c for c in alone.causes if c.id == "benign_fasciculation").probability <= prior + 1e-9, sign
    assert checked >= 150


@pytest.mark.parametrize("sign", ["twitch_tongue", "muscle_weakness", "muscle_wasting", "tingling_mouth_fingers"])
def test_a_warning_sign_with_ordinary_twitching_does_not_make_benign_twitching_more_likely(sign: str) -> None:
    twitching = ["twitch_arm_hand", "twitch_brief", "twitch_at_rest"]
    without = assess(present=twitching)
    with_sign = assess(present=[*twitching, sign])
    before, after = (
        next(c for c in r.causes if c.id == "benign_fasciculation").probability for r in (without, with_sign)
    )
    assert after <= before + 1e-9


def test_a_warning_sign_that_supports_a_harmless_cause_says_what_it_means() -> None:
    result = assess(present=["low_fluid_intake", "heavy_sweating_exercise", "rapid_heartbeat", "twitch_leg_calf"])
    dehydration = next(c for c in result.causes if c.id == "dehydration")
    racing = next(w for w in dehydration.supporting if w.finding == "rapid_heartbeat")
    assert racing.caution is not None and "doctor today" in racing.caution
