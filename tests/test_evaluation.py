"""The evaluation harness: the judge's definitions, and the targets on the public vignettes."""

from __future__ import annotations

import pytest

from twitchcheck import Assessor
from twitchcheck.evaluation import (
    CaseOutcome,
    evaluate_structured,
    load_cases,
    run_sensitivity,
    score_outcomes,
)

from .conftest import PUBLIC_VIGNETTES


def outcome(triage: str, acceptable: tuple[str, ...], causes: tuple[str, ...] = ("a", "b", "c")) -> CaseOutcome:
    return CaseOutcome(
        case_id="x",
        ranked_causes=causes,
        triage=triage,
        red_flags=frozenset({"fever"}),
        expected_causes=("b",),
        expected_triage=acceptable[0],
        acceptable_triage=acceptable,
        expected_red_flags=frozenset({"fever", "skin_rash"}),
    )


def test_triage_safe_and_over_triage_follow_the_acceptable_range() -> None:
    under = outcome("consultation", ("consultation_24", "emergency"))
    over = outcome("emergency_ambulance", ("consultation_24", "emergency"))
    inside = outcome("emergency", ("consultation_24", "emergency"))
    assert not under.triage_safe and not under.over_triage
    assert over.triage_safe and over.over_triage
    assert inside.triage_safe and not inside.over_triage


def test_top1_top3_and_red_flag_recall_are_counted_as_defined() -> None:
    report = score_outcomes("structured", [outcome("emergency", ("emergency",))])
    assert report.top1 == 0.0
    assert report.top3 == 1.0
    assert report.red_flag_recall == 0.5


def test_a_case_that_accepts_no_cause_is_left_out_of_top1_and_top3_and_counted() -> None:
    from dataclasses import replace

    stroke = replace(
        outcome("emergency_ambulance", ("emergency_ambulance",)),
        expected_causes=(),
        expected_red_flags=frozenset({"fever"}),
        top1_probability=0.8,
    )
    report = score_outcomes("structured", [outcome("emergency", ("emergency",)), stroke]).as_dict()
    assert (report["top1"], report["top3"]) == (0.0, 1.0)  # the one case that names a cause
    assert report["cases_without_an_expected_cause"] == 1
    assert report["cases"] == 2 and report["triage_safe"] == 1.0
    assert stroke.failure() is None  # no "top1"/"top3" problem: no ranking could be right
    assert report["brier_top1"] > 0.5  # calibration still counts its confident leader as wrong


def test_brier_score_and_calibration_error_of_the_leading_cause_are_computed_as_defined() -> None:
    from dataclasses import replace

    right = replace(outcome("emergency", ("emergency",), causes=("b", "a")), top1_probability=0.9)
    wrong = replace(outcome("emergency", ("emergency",), causes=("a", "b")), top1_probability=0.97)
    report = score_outcomes("structured", [right, wrong]).as_dict()
    assert report["brier_top1"] == ((0.9 - 1) ** 2 + 0.97**2) / 2
    # bins [0.9, 1.0): one right at 0.9 and one wrong at 0.97, share right 0.5, mean p 0.935
    assert abs(report["ece_top1"] - abs(0.5 - 0.935)) < 1e-12
    assert report["shown_at_95"] == 0.5


def test_the_sensitivity_draws_report_how_often_the_leading_cause_holds(assessor: Assessor) -> None:
    report = run_sensitivity(assessor, load_cases(PUBLIC_VIGNETTES)[:8], draws=4).as_dict()["sensitivity"]
    assert 0.0 <= report["top1_stable"] <= 1.0
    assert 0 <= report["confident_but_unstable"] <= 8


def test_public_vignettes_meet_the_structured_targets(assessor: Assessor) -> None:
    report = evaluate_structured(assessor, load_cases(PUBLIC_VIGNETTES))
    assert report.triage_safe == 1.0, report.failures
    assert report.red_flag_recall == 1.0, report.failures
    assert report.top3 >= 0.95, report.failures
    assert report.top1 >= 0.85, report.failures
    # Where guidance allows two levels the rules take the more urgent (issue #9), so a case whose
    # expected level is the less urgent of two acceptable ones counts as safe but not exact.
    assert report.triage_exact >= 0.90, report.failures
    assert report.over_triage <= 0.05, report.failures


@pytest.mark.slow  # twenty sensitivity draws over the public cases
def test_results_do_not_hang_on_the_estimates(assessor: Assessor) -> None:
    """Priors ×½–2 and links ±30 %: triage stays safe and top-3 stays at 90 % or more."""
    report = run_sensitivity(assessor, load_cases(PUBLIC_VIGNETTES), draws=20)
    assert report.worst["triage_safe"] == 1.0
    assert report.worst["top3"] >= 0.90
    assert report.worst["red_flag_recall"] == 1.0
