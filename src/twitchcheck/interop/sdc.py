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

`static_questionnaire` is the same interview as one whole `Questionnaire`, for
a form engine that renders a form once instead of calling `$next-question`:
every question the interview can ask, with the interview's own conditions as
`enableWhen` (see its docstring).
"""

from __future__ import annotations

from typing import Any

from twitchcheck.assessment import Assessor
from twitchcheck.errors import InterviewError
from twitchcheck.interop.fhir import CODE_SYSTEM, MODULE_URI, TRIAGE_LEVELS, validate
from twitchcheck.interview import Interview, Question
from twitchcheck.interview.questions import Option, QuestionBank
from twitchcheck.interview.state import QuestionKind
from twitchcheck.knowledge import KnowledgeBase

ANSWER_SYSTEM = CODE_SYSTEM + "/answer"
QUESTIONNAIRE_URL = "https://twitchcheck.example/fhir/Questionnaire/twitchcheck-adaptive"
STATIC_QUESTIONNAIRE_URL = "https://twitchcheck.example/fhir/Questionnaire/twitchcheck"
NO_URGENT_SIGN = "no-urgent-sign"  # the group of questions asked when no urgent sign applies
WHILE_YOU_WAIT = "while-you-wait"  # the group asked when one does: the hand-over checklist
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


def static_questionnaire(kb: KnowledgeBase) -> dict[str, Any]:
    """Every question the interview can ask, in its order, as one validated Questionnaire.

    The conditions are the interview's: the urgent signs are always asked; the
    other warning signs and the questions of the adaptive phase only when no
    urgent sign applies (group `no-urgent-sign`, `enableWhen` every urgent
    answer `!= <sign>=yes`), since an urgent sign ends the interview with a call
    for help; and the hand-over checklist for the ambulance crew only when one
    does (group `while-you-wait`, `enableWhen` any `= <sign>=yes`). A static form
    asks every adaptive question the knowledge base has; `$next-question` asks
    only those worth asking. Items and answer codings are those of `$next-question`.
    """
    bank = QuestionBank(kb)
    acute = kb.acute_red_flag_ids
    others = kb.warning_sign_ids - acute
    urgent = bank.checklists("urgent", acute, start=1)
    sweep = bank.checklists("warning_signs", others, start=1)
    # After the two checklists every warning sign is answered: the adaptive phase asks about the rest.
    adaptive = bank.adaptive_drafts(set(kb.finding_ids) - kb.warning_sign_ids)
    handover = bank.checklists("handover", others, start=1)
    urgent_yes = [
        (screen.id, {"system": ANSWER_SYSTEM, "code": f"{option.id}=yes"})
        for screen in urgent
        for option in screen.options
    ]
    after_urgent = [
        *(_item(q) for q in sweep),
        *(_question_item(d.id, d.text, d.kind, tuple(bank.option(f) for f in d.finding_ids)) for d in adaptive),
    ]
    asks = [
        *((q.id, tuple(o.id for o in q.options)) for q in (*urgent, *sweep)),
        *((d.id, d.finding_ids) for d in adaptive),
    ]
    # the urgent screens ask warning signs only, which never wait for another answer (checked at load)
    for item, conditions in zip(after_urgent, _follow_up_conditions(kb, asks)[len(urgent) :], strict=True):
        if conditions:
            item.update(enableWhen=conditions, enableBehavior="any")
    questionnaire = {
        "resourceType": "Questionnaire",
        "id": "twitchcheck",
        "url": STATIC_QUESTIONNAIRE_URL,
        "version": kb.version,
        "name": "TwitchcheckInterview",
        "title": "twitchcheck: muscle twitching",
        "status": "active",
        "subjectType": ["Patient"],
        "description": (
            "Every question of twitchcheck's interview. Urgent signs first: if any applies, get help now. "
            "This is information, not a diagnosis."
        ),
        "item": [
            *(_item(q) for q in urgent),
            {
                "linkId": NO_URGENT_SIGN,
                "text": "If none of the urgent signs applies",
                "type": "group",
                "enableWhen": [{"question": q, "operator": "!=", "answerCoding": c} for q, c in urgent_yes],
                "enableBehavior": "all",
                "item": after_urgent,
            },
            {
                "linkId": WHILE_YOU_WAIT,
                "text": "Get help now. While you wait",
                "type": "group",
                "enableWhen": [{"question": q, "operator": "=", "answerCoding": c} for q, c in urgent_yes],
                "enableBehavior": "any",
                "item": [_item(q) for q in handover],
            },
        ],
    }
    validate(questionnaire)
    return questionnaire


def _follow_up_conditions(kb: KnowledgeBase, asks: list[tuple[str, tuple[str, ...]]]) -> list[list[dict[str, Any]]]:
    """For each item (its link id and findings), the `enableWhen` of a follow-up: one of its leads answered yes.

    As in the interview (`Finding.asked_after`): how long a cramp lasted is asked of someone with cramps.
    """
    where = {fid: link_id for link_id, findings in asks for fid in findings}
    conditions = []
    for _link_id, findings in asks:
        leads = sorted({lead for fid in findings for lead in kb.finding(fid).asked_after})
        conditions.append(
            [
                {
                    "question": where[lead],
                    "operator": "=",
                    "answerCoding": {"system": ANSWER_SYSTEM, "code": f"{lead}=yes"},
                }
                for lead in leads
            ]
        )
    return conditions


def _item(question: Question) -> dict[str, Any]:
    """One question as a Questionnaire item: a choice of one coding per option and reply."""
    return _question_item(question.id, question.text, question.kind, question.options)


def _question_item(link_id: str, text: str, kind: QuestionKind, options: tuple[Option, ...]) -> dict[str, Any]:
    return {
        "linkId": link_id,
        "text": text,
        "type": "choice",
        "repeats": kind != "single",
        "answerOption": [
            {"valueCoding": {"system": ANSWER_SYSTEM, "code": f"{o.id}={reply}", "display": f"{o.label}: {reply}"}}
            for o in options
            for reply in REPLIES
        ],
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
    triage = interview.assessment(ranges=False).triage
    return {
        "resourceType": "GuidanceResponse",
        "id": "result",
        "moduleUri": MODULE_URI,
        "status": "success",
        "reasonCode": [{"coding": [{"system": TRIAGE_LEVELS, "code": triage.level, "display": triage.title}]}],
        "note": [{"text": f"{triage.title}. {triage.advice}"}, *({"text": r.text} for r in triage.reasons)],
    }
