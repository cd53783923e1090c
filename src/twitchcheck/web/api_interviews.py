"""Interviews over the API: state lives in the database under an unguessable id, never in memory."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from twitchcheck.assessment import Assessment, TriageOut
from twitchcheck.errors import EvidenceError, InterviewChangedError, InterviewNotFoundError
from twitchcheck.interview import Interview, Question
from twitchcheck.interview.stopping import StopReason
from twitchcheck.nlu import ParsedText, parse_text
from twitchcheck.nlu.language import detect_language
from twitchcheck.settings import Settings
from twitchcheck.web.schemas import (
    ERROR_RESPONSES,
    AnswerRequest,
    CorrectionRequest,
    InterviewChangeRequest,
    ParseRequest,
    StartInterviewRequest,
)
from twitchcheck.web.state import assessor_of, interviews_of, settings_of

router = APIRouter(responses=ERROR_RESPONSES)
# Ids are what `secrets.token_urlsafe` makes; anything else (a NUL byte, a megabyte of text) is simply not found.
INTERVIEW_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class Understood(BaseModel):
    """What the interview started from, which the person may correct before the first answer."""

    present: list[str] = Field(description="Findings understood as present (from the text or given)")
    absent: list[str] = Field(description="Findings understood as absent")
    ask_first: list[str] = Field(description="Urgent signs the text left unsure or only denied: asked first")
    text_not_used: list[str] = Field(description="Parts of the free text nothing could be read from")
    correctable: bool = Field(description="True until the first answer: POST corrections to .../corrections")


class InterviewView(BaseModel):
    """Where an interview stands: the next question, or why it is over, and the advice so far."""

    id: str
    version: int = Field(
        description="Changes so far; send it back with the next answer so that an answer to an older state is refused."
    )
    questions_asked: int
    max_questions: int
    done: bool
    urgent: bool
    stop_reason: StopReason | None
    stop_explanation: str | None
    next_question: Question | None
    handover_question: Question | None
    triage: TriageOut
    understood: Understood
    parsed: ParsedText | None = None


def view_of(
    interview_id: str, interview: Interview, *, version: int, parsed: ParsedText | None = None
) -> InterviewView:
    question = interview.next_question()
    return InterviewView(
        id=interview_id,
        version=version,
        questions_asked=interview.questions_asked,
        max_questions=interview.max_questions,
        done=question is None,
        urgent=interview.urgent,
        stop_reason=interview.stop_reason,
        stop_explanation=interview.stop_explanation,
        next_question=question,
        handover_question=interview.handover_question(),
        triage=interview.assessment(ranges=False).triage,
        understood=understood_of(interview),
        parsed=parsed,
    )


def understood_of(interview: Interview) -> Understood:
    state = interview.state
    return Understood(
        present=sorted(state.initial.present),
        absent=sorted(state.initial.absent),
        ask_first=sorted(interview.kb.acute_red_flag_ids & set(state.initial.ask_first)),
        text_not_used=state.text_not_used,
        correctable=not state.history,
    )


def check_text(text: str, settings: Settings) -> str:
    if len(text) > settings.max_text_chars:
        raise EvidenceError(
            f"the text has {len(text)} characters; send at most {settings.max_text_chars}", field="text"
        )
    return text


def load(request: Request, interview_id: str, *, expected_version: int | None = None) -> tuple[Interview, int]:
    """The stored interview and its version.

    Raises `InterviewNotFoundError` when there is none (or it has expired), and
    `InterviewChangedError` when the caller says which version it answered and
    the interview has moved on since.
    """
    saved = interviews_of(request).get(interview_id) if INTERVIEW_ID.fullmatch(interview_id) else None
    if saved is None:
        raise InterviewNotFoundError(f"no interview '{interview_id}': it never existed or has expired; start a new one")
    if expected_version is not None and expected_version != saved.version:
        raise InterviewChangedError(
            f"this answer was given to version {expected_version} of interview '{interview_id}', "
            f"which is now at version {saved.version} (perhaps answered in another tab); "
            "reload it and answer the question it asks now"
        )
    return Interview.resume(saved.state, assessor=assessor_of(request)), saved.version


def save(request: Request, interview_id: str, interview: Interview, *, version: int) -> int:
    """Store the interview changed from `version`; the new version. Raises `InterviewChangedError` if it moved on."""
    return interviews_of(request).update(interview_id, interview.to_json(), version=version)


@router.post("/parse", response_model=ParsedText, summary="Read free text as findings, with the span of each")
def parse(body: ParseRequest, request: Request) -> ParsedText:
    text = check_text(body.text, settings_of(request))
    return parse_text(text, language=body.language or detect_language(text, default="en"))


def start_interview(
    request: Request, body: StartInterviewRequest, *, page_language: str = "en"
) -> tuple[str, Interview, ParsedText | None]:
    """Shared by the API and the pages: free text and explicit findings merged, explicit ones winning.

    The text is read in `body.language`, else in the language its words show, else `page_language`.
    """
    parsed = None
    if body.text:
        text = check_text(body.text, settings_of(request))
        parsed = parse_text(text, language=body.language or detect_language(text, default=page_language))
    present, absent = set(body.present), set(body.absent)
    age, sex = body.age, body.sex
    ask_first: set[str] = set()
    if parsed is not None:
        given = present | absent
        present |= set(parsed.present_ids) - absent
        absent |= set(parsed.absent_ids) - present
        ask_first = set(parsed.ask_first_ids) - given  # what the person gave explicitly is not asked again
        age = age if age is not None else parsed.age
        sex = sex if sex is not None else parsed.sex
    interview = Interview.start(
        age=age,
        sex=sex,
        evidence={"present": sorted(present), "absent": sorted(absent), "ask_first": sorted(ask_first)},
        max_questions=body.max_questions,
        text_not_used=parsed.not_understood if parsed is not None else (),
        assessor=assessor_of(request),
    )
    interview_id = interviews_of(request).create(interview.to_json())
    return interview_id, interview, parsed


@router.post(
    "/interviews",
    response_model=InterviewView,
    status_code=status.HTTP_201_CREATED,
    summary="Start an interview (optionally from free text)",
)
def create(body: StartInterviewRequest, request: Request) -> InterviewView:
    interview_id, interview, parsed = start_interview(request, body)
    return view_of(interview_id, interview, version=0, parsed=parsed)


@router.get("/interviews/{interview_id}", response_model=InterviewView, summary="State and next question")
def show(interview_id: str, request: Request) -> InterviewView:
    interview, version = load(request, interview_id)
    return view_of(interview_id, interview, version=version)


CHANGED: dict[int | str, dict[str, Any]] = {
    409: {"description": "The interview changed since the version given (or since it was read); reload it"}
}


@router.post(
    "/interviews/{interview_id}/answers", response_model=InterviewView, responses=CHANGED, summary="Answer a question"
)
def answer(interview_id: str, body: AnswerRequest, request: Request) -> InterviewView:
    """Answer the current question, or change an earlier answer (which needs the version the client saw)."""

    def apply(interview: Interview) -> None:
        already = any(record.question_id == body.question_id for record in interview.state.history)
        if already and body.version is None:
            # Without a version a change cannot be told from a duplicate or a race, and an acknowledged
            # urgent "yes" must never be replaced by an answer made from the state before it.
            raise InterviewChangedError(
                f"question '{body.question_id}' was already answered; to change the answer, send it with the "
                "interview's current 'version' (GET the interview to see it)"
            )
        interview.answer(body.question_id, body.answer)

    return change(request, interview_id, apply, version=body.version)


@router.post(
    "/interviews/{interview_id}/back", response_model=InterviewView, responses=CHANGED, summary="Undo the last answer"
)
def back(interview_id: str, request: Request, body: InterviewChangeRequest | None = None) -> InterviewView:
    return change(request, interview_id, Interview.back, version=body.version if body else None)


@router.post(
    "/interviews/{interview_id}/stop",
    response_model=InterviewView,
    responses=CHANGED,
    summary="Stop and see the result",
)
def stop(interview_id: str, request: Request, body: InterviewChangeRequest | None = None) -> InterviewView:
    return change(request, interview_id, Interview.stop, version=body.version if body else None)


def change(
    request: Request, interview_id: str, action: Callable[[Interview], object], *, version: int | None
) -> InterviewView:
    """Load the stored interview, apply one change, store it only if nothing changed it meanwhile, and show it.

    `version` is the one the client saw; without it, the version loaded here. Either way the
    write is a compare-and-swap, so a racing change is refused with 409, never lost.
    """
    interview, loaded = load(request, interview_id, expected_version=version)
    action(interview)
    new_version = save(request, interview_id, interview, version=loaded)
    return view_of(interview_id, interview, version=new_version)


@router.post(
    "/interviews/{interview_id}/corrections",
    response_model=InterviewView,
    responses=CHANGED,
    summary="Correct what was understood (remove or flip findings) before the first answer",
)
def correct(interview_id: str, body: CorrectionRequest, request: Request) -> InterviewView:
    """The person's corrections to "What we understood": each finding removed becomes unknown, each flipped
    turns yes to no or no to yes. Refused (422) once a question has been answered."""
    return change(
        request,
        interview_id,
        lambda interview: interview.correct(remove=body.remove, flip=body.flip),
        version=body.version,
    )


@router.get(
    "/interviews/{interview_id}/fhir",
    summary="The result so far as a FHIR R4 Bundle (GuidanceResponse, RiskAssessment, Observations, answers)",
    response_class=JSONResponse,
    responses={200: {"content": {"application/fhir+json": {}}, "description": "A FHIR Bundle of type collection"}},
)
def fhir_bundle(interview_id: str, request: Request) -> JSONResponse:
    from twitchcheck.interop.fhir import assessment_bundle  # fhir.resources is large: loaded only here

    interview, _version = load(request, interview_id)
    bundle = assessment_bundle(interview.assessment(), assessor_of(request).kb, interview=interview.state)
    return JSONResponse(bundle, media_type="application/fhir+json")


@router.get("/interviews/{interview_id}/assessment", response_model=Assessment, summary="The result so far")
def assessment(interview_id: str, request: Request) -> Assessment:
    interview, _version = load(request, interview_id)
    return interview.assessment()
