"""The interview as an SDC adaptive Questionnaire: `$next-question` (issue 14, part 3).

A form engine that speaks FHIR SDC sends a `QuestionnaireResponse` whose
contained `Questionnaire` holds the questions asked so far; it gets the same
back with the next question added, or `status: completed` and the result. The
answers are replayed, in order, onto twitchcheck's own `Interview`: our
question ids are the `linkId`s, so the questions, their order and the stopping
rule are the native interview's, never a second one.

Answers are codings in `ANSWER_SYSTEM`, one per option, coded
`<finding id>=<yes|no|unknown>` (a one-of question: its chosen option `=yes`,
or `unknown`). An optional first item with linkId `initial` carries what was
known before the interview (the same coding). The result, when the interview
is over, is a contained `GuidanceResponse`: the triage level as its reason
and the advice as its note.
"""

from __future__ import annotations

from typing import Any

from twitchcheck.assessment import Assessor
from twitchcheck.errors import InterviewError
from twitchcheck.interop.fhir import CODE_SYSTEM, MODULE_URI, TRIAGE_LEVELS, validate
from twitchcheck.interview import Interview, Question

ANSWER_SYSTEM = CODE_SYSTEM + "/answer"
QUESTIONNAIRE_URL = "https://twitchcheck.example/fhir/Questionnaire/twitchcheck-adaptive"
CONTAINED_ID = "questions"
INITIAL = "initial"
REPLIES = ("yes", "no", "unknown")


def next_question(response: dict[str, Any], assessor: Assessor) -> dict[str, Any]:
    """The QuestionnaireResponse with the next question added to its Questionnaire, or completed with the result.

    Raises `InterviewError` naming the item at fault when an answer does not fit its question.
    """
    if response.get("resourceType") != "QuestionnaireResponse":
        raise InterviewError("send a QuestionnaireResponse (resourceType 'QuestionnaireResponse')")
    items = list(response.get("item", []))
    initial = next((item for item in items if item.get("linkId") == INITIAL), None)
    present, absent = _initial(initial)
    interview = Interview.start(evidence={"present": present, "absent": absent}, assessor=assessor)
    for item in items:
        if item.get("linkId") == INITIAL:
            continue
        question = interview.next_question()
        link_id = str(item.get("linkId", ""))
        if question is None or question.id != link_id:
            expected = question.id if question is not None else "none (the interview is over)"
            raise InterviewError(f"item '{link_id}' is not the question the interview asks next ({expected})")
        interview.answer(link_id, _reply(item, question))
    questions = list(_contained_questionnaire(response).get("item", []))
    question = interview.next_question()
    result = dict(response)
    if question is None:
        result["status"] = "completed"
        result["contained"] = [_questionnaire(questions), _guidance(interview)]
    else:
        result["status"] = "in-progress"
        result["contained"] = [_questionnaire([*questions, _item(question)])]
    result["questionnaire"] = f"#{CONTAINED_ID}"
    validate(result)
    return result


def _initial(item: dict[str, Any] | None) -> tuple[list[str], list[str]]:
    if item is None:
        return [], []
    replies = _codes(item)
    return [f for f, r in replies.items() if r == "yes"], [f for f, r in replies.items() if r == "no"]


def _codes(item: dict[str, Any]) -> dict[str, str]:
    """The item's answers as {finding id: reply}."""
    replies: dict[str, str] = {}
    for answer in item.get("answer", []):
        coding = answer.get("valueCoding", {})
        finding, _, reply = str(coding.get("code", "")).partition("=")
        if coding.get("system") != ANSWER_SYSTEM or reply not in REPLIES:
            raise InterviewError(
                f"item '{item.get('linkId')}': each answer is a valueCoding of {ANSWER_SYSTEM} "
                "coded '<finding id>=yes|no|unknown'"
            )
        replies[finding] = reply
    return replies


def _reply(item: dict[str, Any], question: Question) -> str | dict[str, str]:
    replies = _codes(item)
    if question.kind == "exclusive":
        chosen = [f for f, r in replies.items() if r == "yes"]
        return chosen[0] if chosen else "unknown"
    return replies


def _item(question: Question) -> dict[str, Any]:
    """One question as a Questionnaire item: a choice of one coding per option and reply."""
    options = [
        {"valueCoding": {"system": ANSWER_SYSTEM, "code": f"{o.id}={reply}", "display": f"{o.label}: {reply}"}}
        for o in question.options
        for reply in REPLIES
    ]
    return {
        "linkId": question.id,
        "text": question.text,
        "type": "choice",
        "repeats": question.kind != "single",
        "answerOption": options,
    }


def _contained_questionnaire(response: dict[str, Any]) -> dict[str, Any]:
    for resource in response.get("contained", []):
        if resource.get("resourceType") == "Questionnaire":
            return dict(resource)
    return {}


def _questionnaire(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "resourceType": "Questionnaire",
        "id": CONTAINED_ID,
        "url": QUESTIONNAIRE_URL,
        "status": "active",
        "item": items,
    }


def _guidance(interview: Interview) -> dict[str, Any]:
    triage = interview.assessment().triage
    return {
        "resourceType": "GuidanceResponse",
        "id": "result",
        "moduleUri": MODULE_URI,
        "status": "success",
        "reasonCode": [{"coding": [{"system": TRIAGE_LEVELS, "code": triage.level, "display": triage.title}]}],
        "note": [{"text": f"{triage.title}. {triage.advice}"}, *({"text": r.text} for r in triage.reasons)],
    }
