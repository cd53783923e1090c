"""Conversation mode: the way people use the web page, parse first, then the interview.

For each case:

1. the `narrative` is parsed, in the case's `language` (else the language its
   words show);
2. the interview starts from what was understood: the parsed present and
   absent findings, right or wrong, and the mentions the parser was unsure of
   (`ParsedText.unsure`) and its denials of urgent signs, which the urgent
   screen asks first (`KnownFindings.ask_first`);
3. a simulated person answers every question from the case's `present` /
   `absent` ("don't know" otherwise). A finding the parser got wrong stays
   wrong unless a question asks about it; then the answer replaces it.

Scored like interview mode (triage, causes, red-flag recall against every
expected flag, questions asked), plus the two safety figures this mode exists
for: `stated_acute_lost`, the acute red flags the narrative states (in
`text_present` and `present`) that ended neither present nor asked (must be
0), and `under_triaged`, the ids of the cases triaged less urgently than
acceptable. `interview_questions_median` is interview mode's median on the
same cases, for comparison: starting from the text should not cost questions.
"""

from __future__ import annotations

from collections.abc import Callable
from statistics import median
from typing import Any

from twitchcheck.assessment import Assessor
from twitchcheck.evaluation.cases import Case
from twitchcheck.evaluation.interview_mode import interview_of, question_counts
from twitchcheck.evaluation.metrics import CaseOutcome, EvaluationReport, score_outcomes
from twitchcheck.evaluation.structured import outcome_of
from twitchcheck.interview.simulate import SimulatedPerson, run_interview
from twitchcheck.interview.state import DEFAULT_MAX_QUESTIONS
from twitchcheck.nlu import ParsedText, parse_text
from twitchcheck.nlu.language import detect_language


def evaluate_conversation(
    assessor: Assessor,
    cases: list[Case],
    *,
    handover: bool = True,
    max_questions: int = DEFAULT_MAX_QUESTIONS,
    parse: Callable[[Case], ParsedText] | None = None,
) -> EvaluationReport:
    """Parse each narrative, run the interview from it with a simulated person, and score the result.

    `parse` replaces the parser (a test gives one that misreads on purpose); by
    default each narrative is read in its language by `parse_text`.
    """
    read = parse if parse is not None else parse_case
    acute = assessor.kb.acute_red_flag_ids
    outcomes: list[CaseOutcome] = []
    interview_counts: list[int] = []
    lost: list[dict[str, Any]] = []
    per_case: list[dict[str, Any]] = []
    for case in cases:
        parsed = read(case)
        person = SimulatedPerson.knowing(case.present, case.absent)
        interview = run_interview(
            person,
            initial=parsed.present_ids,
            initial_absent=parsed.absent_ids,
            ask_first=parsed.ask_first_ids,
            age=case.age if case.age is not None else parsed.age,
            sex=case.sex if case.sex is not None else parsed.sex,
            handover=handover,
            max_questions=max_questions,
            assessor=assessor,
        )
        outcomes.append(outcome_of(case, interview.assessment(ranges=False), questions_asked=interview.questions_asked))
        stated_acute = acute & set(case.text_present) & set(case.present)
        missing = sorted(stated_acute - interview.evidence.present - interview.state.asked())
        if missing:
            lost.append({"id": case.id, "findings": missing})
        per_case.append(
            {"id": case.id, "questions": interview.questions_asked, "stop_reason": interview.stop_reason or "open"}
        )
        interview_counts.append(
            interview_of(assessor, case, handover=handover, max_questions=max_questions).questions_asked
        )
    report = score_outcomes("conversation", outcomes)
    report.extra = {
        **question_counts(outcomes),
        "interview_questions_median": float(median(interview_counts)) if interview_counts else 0.0,
        "stated_acute_lost": sum(len(entry["findings"]) for entry in lost),
        "stated_acute_lost_cases": lost,
        "under_triaged": [outcome.case_id for outcome in outcomes if not outcome.triage_safe],
        "handover": handover,
        "questions_by_case": per_case,
    }
    return report


def parse_case(case: Case) -> ParsedText:
    """The case's narrative read in its `language`, else the language its words show (English by default)."""
    return parse_text(case.narrative, language=case.language or detect_language(case.narrative, default="en"))
