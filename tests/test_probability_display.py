"""Honest display of probabilities (issue #12): plain-word bands from the knowledge base, and no figure above 95 %."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from twitchcheck import Assessor, KnowledgeBase
from twitchcheck.formatting import SHOWN_AT_MOST, percent
from twitchcheck.i18n.catalog import localizer
from twitchcheck.i18n.localize import localize_assessment
from twitchcheck.knowledge.models import ProbabilityDisplay


def test_no_percentage_above_95_is_ever_shown() -> None:
    assert percent(0.9999) == "95%"
    assert percent(0.96) == "95%"
    assert percent(0.37) == "37%"
    assert percent(0.001) == "<1%"
    assert localizer("fr").percent(0.9999) == "95\u00a0%"


def test_the_shown_maximum_is_the_knowledge_bases_sourced_figure(kb: KnowledgeBase) -> None:
    assert kb.display.shown_at_most.value == SHOWN_AT_MOST
    assert kb.display.shown_at_most.source.startswith("estimate:")


def test_each_cause_carries_the_band_its_probability_falls_in(assessor: Assessor, kb: KnowledgeBase) -> None:
    result = assessor.assess(assessor.evidence(present=["muscle_weakness", "muscle_wasting", "twitch_tongue"], age=62))
    floors = {band.id: band.at_least for band in kb.display.bands}
    for cause in result.causes:
        band = kb.display.band_for(cause.probability)
        assert (cause.band, cause.band_words) == (band.id, band.words)
        assert cause.probability >= floors[cause.band]
    assert {c.band for c in result.causes} >= {"unlikely_checked"}


def test_band_thresholds_are_read_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    display = kb.display
    assert [band.id for band in display.bands] == ["very_likely", "possible", "unlikely_checked"]
    assert display.band_for(0.80).id == "very_likely"
    assert display.band_for(0.79).id == "possible"
    assert display.band_for(0.19).id == "unlikely_checked"
    assert display.band_for(0.0).id == "unlikely_checked"
    assert all(band.source.startswith("estimate:") for band in display.bands)


def test_bands_out_of_order_or_not_reaching_zero_are_refused() -> None:
    value = {"value": 0.95, "source": "estimate: test"}
    with pytest.raises(ValidationError, match="most likely first"):
        ProbabilityDisplay.model_validate(
            {
                "shown_at_most": value,
                "bands": [
                    {"id": "low", "words": "low", "at_least": 0.0, "source": "estimate: t"},
                    {"id": "high", "words": "high", "at_least": 0.8, "source": "estimate: t"},
                ],
            }
        )
    with pytest.raises(ValidationError, match="start at 0"):
        only_high = [{"id": "high", "words": "high", "at_least": 0.5, "source": "estimate: t"}]
        ProbabilityDisplay.model_validate({"shown_at_most": value, "bands": only_high})


def test_band_words_read_in_french(assessor: Assessor, kb: KnowledgeBase) -> None:
    result = assessor.assess(assessor.evidence(present=["twitch_eyelid", "poor_sleep"], age=30))
    french = localize_assessment(result, localizer("fr"), kb)
    assert [c.band for c in french.causes] == [c.band for c in result.causes]
    words = {c.band: c.band_words for c in french.causes}
    assert words.get("unlikely_checked") == "peu probable, mais vérifié"
