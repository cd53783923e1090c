"""CDS Hooks 2.0 over HTTP: `GET /cds-services` (discovery) and the patient-view service.

The body is read by hand, not by a pydantic model, so that every malformed
call is a 400 that names the fix (FastAPI's own validation answers 422, which
CDS clients do not expect), and a call with no prefetch is the 412 the
specification asks for. The errors keep twitchcheck's one shape
(`{"error": {...}}`); CDS Hooks defines no error body.

EHRs call server to server, with no `Origin` header, which the cross-site check
lets through; a page of another site calling from a browser is refused, as for
the rest of the API (the CORS setting opens only `/compat/`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from twitchcheck.errors import CdsHooksError, EvidenceError
from twitchcheck.interop import cds_hooks
from twitchcheck.web.state import assessor_of

PREFIX = "/cds-services"
router = APIRouter(prefix=PREFIX, tags=["cds-hooks"])


@router.get("", summary="CDS Hooks discovery: the services, their hooks and prefetch templates")
def discovery() -> JSONResponse:
    return JSONResponse(cds_hooks.discovery())


@router.post(
    f"/{cds_hooks.SERVICE_ID}",
    summary="CDS Hooks patient-view: the triage of the chart's twitching findings as a card",
    responses={400: {"description": "A malformed call"}, 412: {"description": "No prefetch"}},
)
async def patient_view(request: Request) -> JSONResponse:
    """Read the call, assess its prefetch, answer the card; every refusal is a `CdsHooksError` (400, or 412)."""
    try:
        body = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise CdsHooksError("the request body is not valid JSON; send a CDS Hooks service call", field="body") from None
    assessor = assessor_of(request)
    call = cds_hooks.read_call(body)
    read = cds_hooks.evidence_from_prefetch(
        call.prefetch, assessor.kb, patient_id=call.patient_id, today=datetime.now(UTC).date()
    )
    try:
        evidence = assessor.evidence(present=read.present, absent=read.absent, age=read.age, sex=read.sex)
    except EvidenceError as error:  # the record contradicts itself: the EHR sent it, so a 400 of the call
        raise CdsHooksError(f"the prefetch does not make usable evidence: {error}", field="prefetch") from None
    assessment = assessor.assess(evidence)
    base_url = str(request.base_url)
    return JSONResponse({"cards": cds_hooks.cards_for(assessment, read, assessor.kb, base_url=base_url)})
