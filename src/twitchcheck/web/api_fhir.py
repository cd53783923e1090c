"""FHIR resources that stand on their own: twitchcheck's CodeSystem, at the canonical path a FHIR client expects."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from twitchcheck.web.state import assessor_of

router = APIRouter(tags=["fhir"])


@router.get(
    "/fhir/CodeSystem/twitchcheck",
    summary="twitchcheck's CodeSystem: every cause and finding code used in the exported FHIR resources",
    response_class=JSONResponse,
    responses={200: {"content": {"application/fhir+json": {}}, "description": "A FHIR CodeSystem"}},
)
def twitchcheck_code_system(request: Request) -> JSONResponse:
    from twitchcheck.interop.fhir import code_system  # fhir.resources is large: loaded only here

    return JSONResponse(code_system(assessor_of(request).kb), media_type="application/fhir+json")
