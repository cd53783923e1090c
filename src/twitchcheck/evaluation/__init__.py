"""Scoring twitchcheck against case files (vignettes): metrics, modes, sensitivity."""

from twitchcheck.evaluation.cases import Case, load_cases
from twitchcheck.evaluation.metrics import CaseOutcome, EvaluationReport, score_outcomes
from twitchcheck.evaluation.sensitivity import SensitivityReport, run_sensitivity
from twitchcheck.evaluation.structured import evaluate_structured

__all__ = [
    "Case",
    "CaseOutcome",
    "EvaluationReport",
    "SensitivityReport",
    "evaluate_structured",
    "load_cases",
    "run_sensitivity",
    "score_outcomes",
]
