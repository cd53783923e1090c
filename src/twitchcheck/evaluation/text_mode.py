"""Text mode: each case from its `narrative`, `age` and `sex` only.

Finding-level precision and recall are measured against what the narrative
itself states (`text_present`) and denies (`text_absent`); triage and causes
are still judged by `expected`, and red-flag recall counts only the flags the
narrative states (`expected.red_flags` ∩ `text_present`).
"""

from __future__ import annotations

from twitchcheck.assessment import Assessor
from twitchcheck.evaluation.cases import Case
from twitchcheck.evaluation.metrics import EvaluationReport, score_outcomes
from twitchcheck.evaluation.structured import outcome_of
from twitchcheck.nlu import parse_text
from twitchcheck.nlu.evaluate import score_text_cases
from twitchcheck.nlu.language import detect_language

WORST_MISSES_SHOWN = 10
# The finding-level metrics of text mode, as JSON keys.
TEXT_METRICS = (
    "present_precision",
    "present_recall",
    "present_f1",
    "negated_precision",
    "negated_recall",
    "negated_f1",
)


def evaluate_text(assessor: Assessor, cases: list[Case]) -> EvaluationReport:
    """Parse each narrative, assess the parsed evidence, and score both."""
    outcomes = []
    for case in cases:
        parsed = parse_text(case.narrative, language=case.language or detect_language(case.narrative, default="en"))
        evidence = assessor.evidence(
            present=parsed.present_ids,
            absent=parsed.absent_ids,
            age=case.age if case.age is not None else parsed.age,
            sex=case.sex if case.sex is not None else parsed.sex,
        )
        outcome = outcome_of(case, assessor.assess(evidence, ranges=False))
        stated_flags = outcome.expected_red_flags & frozenset(case.text_present)
        outcomes.append(outcome.__class__(**{**outcome.__dict__, "expected_red_flags": stated_flags}))
    report = score_outcomes("text", outcomes)
    findings = score_text_cases([case.model_dump() for case in cases])
    misses = sorted(
        findings["misses"],
        key=lambda miss: -sum(len(v) for k, v in miss.items() if k != "id"),
    )
    report.extra = {
        **{key: findings[key] for key in TEXT_METRICS},
        "worst_misses": misses[:WORST_MISSES_SHOWN],
    }
    return report
