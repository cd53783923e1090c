"""The JSON API, versioned under /api/v1. Thin: validation and translation only."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from twitchcheck.assessment import Assessment
from twitchcheck.web.schemas import ERROR_RESPONSES, AssessRequest, CauseInfo, FindingInfo
from twitchcheck.web.state import assessor_of

router = APIRouter(responses=ERROR_RESPONSES)


@router.post("/assess", response_model=Assessment, summary="Assess one person from finding ids")
def assess(body: AssessRequest, request: Request) -> Response:
    """The same `Assessment` that `twitchcheck assess --json` prints.

    Serialised directly: the Assessment is already validated, and validating it
    again on the way out would double the cost of the busiest endpoint.
    """
    assessor = assessor_of(request)
    evidence = assessor.evidence(present=body.present, absent=body.absent, age=body.age, sex=body.sex)
    return Response(assessor.assess(evidence).model_dump_json(), media_type="application/json")


@router.get("/knowledge/causes", response_model=list[CauseInfo], summary="The causes twitchcheck weighs")
def causes(request: Request) -> list[CauseInfo]:
    kb = assessor_of(request).kb
    return [
        CauseInfo(
            id=c.id, name=c.name, summary=c.summary, serious=c.serious, prior=c.prior.value, source=c.prior.source
        )
        for c in kb.causes
    ]


@router.get("/knowledge/findings", response_model=list[FindingInfo], summary="Findings with question wording")
def findings(request: Request) -> list[FindingInfo]:
    kb = assessor_of(request).kb
    return [
        FindingInfo(
            id=f.id,
            label=f.label,
            group=f.group,
            question=f.question,
            warning_sign=f.warning is not None,
            acute=f.acute,
            why_it_matters=f.warning.why if f.warning else None,
            source=f.warning.source if f.warning else None,
        )
        for f in kb.findings
    ]
