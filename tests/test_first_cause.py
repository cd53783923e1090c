"""How far to trust the first cause (#12): how often one shown like it was right, and when it is a close call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from twitchcheck import Assessor, KnowledgeBase, KnowledgeError, assess, load_knowledge
from twitchcheck.cli.render import render_assessment
from twitchcheck.evaluation import Case, evaluate_structured, load_cases
from twitchcheck.evaluation.calibration import MIN_CASES, development_pairs, fit_first_cause_steps
from twitchcheck.formatting import ENGLISH, say_close_call, say_first_cause
from twitchcheck.i18n import localizer

from .conftest import PUBLIC_VIGNETTES
from .test_knowledge import broken_copy

INDEPENDENT = Path(__file__).resolve().parent / "data" / "independent"


def development_cases() -> list[Case]:
    """The cases the map is fitted on: public and set_*_dev, never the held-out halves."""
    return [c for p in [PUBLIC_VIGNETTES, *sorted(INDEPENDENT.glob("set_*_dev.jsonl"))] for c in load_cases(p)]


def test_the_stored_map_is_the_one_the_development_cases_give_with_this_knowledge_base(
    kb: KnowledgeBase, assessor: Assessor
) -> None:
    """Change a prior or a link and this fails until `bench/fit_first_cause.py` is run and its block pasted."""
    cases = development_cases()
    assert kb.display.first_cause is not None
    stale = "stale: run bench/fit_first_cause.py and paste its block over causes.yaml display.first_cause"
    assert kb.display.first_cause.cases == len(cases), stale
    assert list(kb.display.first_cause.steps) == fit_first_cause_steps(development_pairs(assessor, cases)), stale


def test_the_fitted_steps_never_fall_and_each_rests_on_at_least_the_minimum_of_cases() -> None:
    pairs = [(i / 100, i % 3 != 0) for i in range(100)] + [(0.99, True)] * 30 + [(0.2, False)] * 10
    steps = fit_first_cause_steps(pairs)
    assert steps[0].at_least == 0.0
    assert [s.right for s in steps] == sorted(s.right for s in steps)
    assert all(s.cases >= MIN_CASES for s in steps)
    assert sum(s.cases for s in steps) == len(pairs)


def test_a_map_whose_share_right_falls_is_refused_when_the_base_loads(tmp_path: Path) -> None:
    kb = load_knowledge()
    assert kb.display.first_cause is not None
    last = kb.display.first_cause.steps[-1]
    old = f"- {{at_least: {last.at_least}, right: {last.right},"
    kb_dir = broken_copy(tmp_path, "causes.yaml", old, f"- {{at_least: {last.at_least}, right: 0.1,")
    with pytest.raises(KnowledgeError, match="must not fall"):
        load_knowledge(kb_dir)


def test_the_figure_follows_the_first_cause_and_says_a_frequency_never_a_certainty() -> None:
    result = assess(present=["twitch_eyelid", "poor_sleep", "stress_anxiety_present"], age=30)
    first = result.first_cause
    assert first is not None and first.cause == result.causes[0].id
    sure = say_first_cause(0.986, 194, ENGLISH)
    assert sure.endswith("was right more than 9 times in 10.") and "194 written cases" in sure
    assert say_first_cause(0.85, 194, ENGLISH).endswith("was right about 9 times in 10.")
    assert say_first_cause(0.70, 194, ENGLISH).endswith("was right about 7 times in 10.")


def test_evaluate_reports_the_calibration_of_the_first_cause_figure_beside_the_probability(
    assessor: Assessor,
) -> None:
    report = evaluate_structured(assessor, load_cases(PUBLIC_VIGNETTES)).as_dict()
    assert {"brier_top1", "ece_top1", "brier_first_cause", "ece_first_cause"} <= set(report)
    assert 0.0 <= report["ece_first_cause"] <= 1.0


EYELID_SLEEP_STRESS: dict[str, Any] = {
    "present": ["twitch_eyelid", "poor_sleep", "stress_anxiety_present", "duration_under_2_weeks"],
    "absent": ["fever", "muscle_weakness"],
    "age": 34,
    "sex": "female",
}


def test_two_causes_the_answers_cannot_tell_apart_are_said_to_be_close() -> None:
    result = assess(**EYELID_SLEEP_STRESS)
    assert {result.causes[0].id, *result.close_to_first} >= {"stress_anxiety", "sleep_deprivation"}
    console = Console(record=True, width=200)
    render_assessment(result, console)
    assert "The answers do not clearly tell stress and anxiety apart from lack of sleep" in console.export_text()


def test_a_first_cause_far_ahead_of_the_next_is_not_called_close() -> None:
    result = assess(
        present=["muscle_weakness", "muscle_wasting", "twitch_arm_hand", "twitch_tongue", "worsening"],
        absent=["numbness_limbs"],
        age=60,
        sex="male",
    )
    assert result.causes[0].id == "als" and result.close_to_first == []


def test_the_close_call_reads_in_french() -> None:
    sentence = say_close_call("Stress et anxiété", ["Manque de sommeil"], localizer("fr"))
    assert sentence.startswith("Les réponses ne départagent pas nettement stress et anxiété et manque de sommeil")
