"""Structured mode: every finding of `present` and `absent` given at once."""

from __future__ import annotations

from twitchcheck.assessment import Assessment, Assessor
from twitchcheck.engine.network import Network
from twitchcheck.errors import CaseFileError
from twitchcheck.evaluation.cases import Case
from twitchcheck.evaluation.metrics import CaseOutcome, EvaluationReport, score_outcomes


def outcome_of(case: Case, assessment: Assessment, *, questions_asked: int | None = None) -> CaseOutcome:
    """Pair what the system said with what the case expects."""
    if case.expected is None:
        raise CaseFileError(f"case {case.id}: has no 'expected' block, so it cannot be scored")
    return CaseOutcome(
        case_id=case.id,
        ranked_causes=tuple(c.id for c in assessment.causes),
        triage=assessment.triage.level,
        red_flags=frozenset(flag.id for flag in assessment.red_flags),
        expected_causes=tuple(case.expected.causes),
        expected_triage=case.expected.triage,
        acceptable_triage=tuple(case.expected.triage_acceptable),
        expected_red_flags=frozenset(case.expected.red_flags),
        questions_asked=questions_asked,
        top1_probability=assessment.causes[0].probability if assessment.causes else None,
        first_cause_right_share=assessment.first_cause.right_share if assessment.first_cause else None,
    )


def assess_case(assessor: Assessor, case: Case, *, network: Network | None = None) -> Assessment:
    """Assess a case from its structured fields (age, sex, present, absent)."""
    evidence = assessor.evidence(present=case.present, absent=case.absent, age=case.age, sex=case.sex)
    return assessor.assess(evidence, network=network, ranges=False)  # scoring reads no range


def evaluate_structured(assessor: Assessor, cases: list[Case], *, network: Network | None = None) -> EvaluationReport:
    """Score every case with all its findings given at once."""
    outcomes = [outcome_of(case, assess_case(assessor, case, network=network)) for case in cases]
    return score_outcomes("structured", outcomes)
