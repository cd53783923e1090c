"""FHIR resources that stand on their own, at the canonical paths a FHIR client expects.

twitchcheck's CodeSystem, the whole interview as a static Questionnaire, and the
SDC `$next-question` operation that asks it one question at a time.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from twitchcheck.errors import InterviewError
from twitchcheck.web.schemas import ERROR_RESPONSES
from twitchcheck.web.state import assessor_of

router = APIRouter(tags=["fhir"], responses=ERROR_RESPONSES)


@router.get(
    "/fhir/CodeSystem/twitchcheck",
    summary="twitchcheck's CodeSystem: every cause and finding code used in the exported FHIR resources",
    response_class=JSONResponse,
    responses={200: {"content": {"application/fhir+json": {}}, "description": "A FHIR CodeSystem"}},
)
def twitchcheck_code_system(request: Request) -> JSONResponse:
    from twitchcheck.interop.fhir import code_system  # fhir.resources is large: loaded only here

    return JSONResponse(code_system(assessor_of(request).kb), media_type="application/fhir+json")


@router.get(
    "/fhir/Questionnaire/twitchcheck",
    summary="The whole interview as a Questionnaire, with enableWhen, for a form engine that renders it statically",
    response_class=JSONResponse,
    responses={200: {"content": {"application/fhir+json": {}}, "description": "A FHIR Questionnaire"}},
)
def twitchcheck_questionnaire(request: Request) -> JSONResponse:
    from twitchcheck.interop.sdc import static_questionnaire  # fhir.resources is large: loaded only here

    return JSONResponse(static_questionnaire(assessor_of(request).kb), media_type="application/fhir+json")


@router.post(
    "/fhir/Questionnaire/$next-question",
    summary="SDC adaptive questionnaire: the QuestionnaireResponse with the next question added, or completed",
    response_class=JSONResponse,
    responses={200: {"content": {"application/fhir+json": {}}, "description": "A FHIR QuestionnaireResponse"}},
)
async def next_question(request: Request) -> JSONResponse:
    """Takes a QuestionnaireResponse (or Parameters with `questionnaire-response`); answers 422 naming the item."""
    from twitchcheck.interop.sdc import next_question as advance  # fhir.resources is large: loaded only here

    try:
        body: Any = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InterviewError("the body is not JSON; send a FHIR QuestionnaireResponse") from None
    if isinstance(body, dict) and body.get("resourceType") == "Parameters":
        parts = [p.get("resource") for p in body.get("parameter", []) if p.get("name") == "questionnaire-response"]
        body = parts[0] if parts else None
    if not isinstance(body, dict):
        raise InterviewError("send a QuestionnaireResponse, or Parameters with a 'questionnaire-response' part")
    try:
        result = advance(body, assessor_of(request))
    except ValueError as error:  # pydantic's, from fhir.resources: the answer built is not valid FHIR
        raise InterviewError(f"the QuestionnaireResponse is not valid FHIR: {error}") from None
    return JSONResponse(result, media_type="application/fhir+json")
