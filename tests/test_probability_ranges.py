"""Each cause's range under the knowledge base's stated uncertainty (issue #12): computed, shown, said."""

from __future__ import annotations

import numpy as np

from twitchcheck import Assessor
from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.posterior import compute_posterior
from twitchcheck.engine.uncertainty import probability_ranges, shaken_networks
from twitchcheck.evaluation import load_cases, run_sensitivity
from twitchcheck.formatting import ENGLISH, say_range
from twitchcheck.i18n import localizer

from .conftest import PUBLIC_VIGNETTES


def worried(assessor: Assessor) -> Evidence:
    """A tired, stressed 30-year-old with an eyelid twitch: causes close enough for their ranges to matter."""
    return assessor.evidence(
        present=["twitch_eyelid", "poor_sleep", "stress_anxiety_present"], absent=["fever"], age=30
    )


def test_every_cause_gets_a_range_that_contains_its_figure(assessor: Assessor) -> None:
    result = assessor.assess(worried(assessor))
    stated = assessor.kb.display.uncertainty
    assert stated is not None
    for cause in result.causes:
        spread = cause.probability_range
        assert spread is not None, cause.id
        assert spread.low <= cause.probability <= spread.high, cause.id
        assert (spread.draws, spread.middle) == (stated.draws, stated.middle)
    assert any(c.probability_range and c.probability_range.high - c.probability_range.low > 0.05 for c in result.causes)


def test_the_same_answers_always_get_the_same_range(assessor: Assessor) -> None:
    again = Assessor()  # a new assessor draws its shaken networks afresh, from the knowledge base's seed
    evidence = worried(assessor)
    first = [c.probability_range for c in assessor.assess(evidence).causes]
    assert first == [c.probability_range for c in again.assess(worried(again)).causes]


def test_no_uncertainty_means_a_range_of_one_point(assessor: Assessor) -> None:
    still = shaken_networks(assessor.network, draws=5, seed=1, prior_factor=(1.0, 1.0), link_odds_factor=(1.0, 1.0))
    evidence = worried(assessor)
    network = assessor.network
    probability = compute_posterior(
        network, evidence, prior=network.prior_for(age=evidence.age, sex=evidence.sex)
    ).probability
    low, high = probability_ranges(still, evidence, middle=0.9, shown=probability)
    assert np.allclose(low, probability, atol=1e-6) and np.allclose(high, probability, atol=1e-6)


def test_scoring_and_triage_only_steps_can_leave_the_ranges_out(assessor: Assessor) -> None:
    result = assessor.assess(worried(assessor), ranges=False)
    assert all(c.probability_range is None for c in result.causes)
    shaken = assessor.shaken[0]
    assert all(c.probability_range is None for c in assessor.assess(worried(assessor), network=shaken).causes)


def test_no_range_is_shown_for_causes_the_answers_do_not_tell_apart(assessor: Assessor) -> None:
    for case in load_cases(PUBLIC_VIGNETTES):
        result = assessor.assess(
            assessor.evidence(present=case.present, absent=case.absent, age=case.age, sex=case.sex)
        )
        for cause in result.causes:
            undecided = bool(result.close_to_first) and (cause.id in result.close_to_first or cause is result.causes[0])
            assert (result.shown_range(cause) is None) == undecided, (case.id, cause.id)


def test_the_sensitivity_analysis_shakes_by_the_same_stated_uncertainty(assessor: Assessor) -> None:
    stated = assessor.kb.display.uncertainty
    assert stated is not None
    report = run_sensitivity(assessor, load_cases(PUBLIC_VIGNETTES)[:3], draws=2).as_dict()["sensitivity"]
    assert report["prior_factor"] == list(stated.prior_factor)
    assert report["link_factor"] == list(stated.link_odds_factor)


def test_a_range_is_said_as_the_figures_are_in_each_language() -> None:
    assert say_range(0.30, 0.62, ENGLISH) == "range 30–62%"
    assert say_range(0.002, 0.03, ENGLISH) == "range up to 3%"
    assert say_range(0.97, 0.999, ENGLISH) == "holds at 95%"  # never above the figure shown at most
    assert say_range(0.30, 0.62, localizer("fr")) == "fourchette 30–62\u00a0%"
