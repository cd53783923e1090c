"""Interview mode: each case starts from `initial`, and a simulated person answers the questions.

Scored with the same metrics as structured mode, plus how many questions were
asked (median and maximum). When an urgent sign stops an interview, the
simulated person also answers the optional hand-over checklists (the other
warning signs, for the ambulance crew), as the terminal offers them; they count
as questions. `handover=False` scores the bare stop instead (`handover` in the
JSON says which). For comparison, a baseline fixed-order
questionnaire asks every finding not yet known, one yes/no question each, in
the knowledge base's order, and is scored the same way.
"""

from __future__ import annotations

from collections import Counter
from statistics import median
from typing import Any

from twitchcheck.assessment import Assessor
from twitchcheck.evaluation.cases import Case
from twitchcheck.evaluation.metrics import CaseOutcome, EvaluationReport, score_outcomes
from twitchcheck.evaluation.structured import outcome_of
from twitchcheck.interview.session import Interview
from twitchcheck.interview.simulate import SimulatedPerson, run_interview
from twitchcheck.interview.state import DEFAULT_MAX_QUESTIONS


def evaluate_interview(
    assessor: Assessor,
    cases: list[Case],
    *,
    handover: bool = True,
    max_questions: int = DEFAULT_MAX_QUESTIONS,
) -> EvaluationReport:
    """Score the adaptive interview on every case, with the fixed-order baseline under `baseline`."""
    outcomes: list[CaseOutcome] = []
    stops: Counter[str] = Counter()
    per_case: list[dict[str, Any]] = []
    for case in cases:
        interview = interview_of(assessor, case, handover=handover, max_questions=max_questions)
        outcomes.append(outcome_of(case, interview.assessment(ranges=False), questions_asked=interview.questions_asked))
        reason = interview.stop_reason or "open"
        stops[reason] += 1
        per_case.append({"id": case.id, "questions": interview.questions_asked, "stop_reason": reason})
    report = score_outcomes("interview", outcomes)
    baseline_outcomes = [_baseline_outcome(assessor, case) for case in cases]
    baseline = score_outcomes("baseline", baseline_outcomes).as_dict()
    failures = baseline.pop("failures")
    report.extra = {
        **question_counts(outcomes),
        "stop_reasons": dict(sorted(stops.items())),
        "handover": handover,
        "baseline": {**baseline, **question_counts(baseline_outcomes), "failures": failures},
        "questions_by_case": per_case,
    }
    return report


def interview_of(assessor: Assessor, case: Case, *, handover: bool, max_questions: int) -> Interview:
    """The adaptive interview of one case: it starts from `initial`, a simulated person answers the rest.

    Conversation mode runs it too, so that its question count is compared with this very interview.
    """
    return run_interview(
        SimulatedPerson.knowing(case.present, case.absent),
        initial=case.initial,
        age=case.age,
        sex=case.sex,
        handover=handover,
        max_questions=max_questions,
        assessor=assessor,
    )


def question_counts(outcomes: list[CaseOutcome]) -> dict[str, float]:
    """Median and maximum questions asked (JSON keys `questions_median`, `questions_max`)."""
    counts = [o.questions_asked or 0 for o in outcomes]
    return {
        "questions_median": float(median(counts)) if counts else 0.0,
        "questions_max": float(max(counts, default=0)),
    }


def _baseline_outcome(assessor: Assessor, case: Case) -> CaseOutcome:
    """A fixed questionnaire: every finding not in `initial`, one question each, answered like the interview."""
    person = SimulatedPerson.knowing(case.present, case.absent)
    initial = set(case.initial)
    asked = [fid for fid in assessor.kb.finding_ids if fid not in initial]
    present = initial | {fid for fid in asked if person.reply(fid) == "yes"}
    absent = {fid for fid in asked if person.reply(fid) == "no"}
    evidence = assessor.evidence(present=present, absent=absent, age=case.age, sex=case.sex)
    return outcome_of(case, assessor.assess(evidence, ranges=False), questions_asked=len(asked))
