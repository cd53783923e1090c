"""The vocabulary of the Infermedica-compatible API: twitchcheck's findings and causes as Infermedica concepts.

The rule for the two kinds of finding: those of the `context` group
(lifestyle, medicines and history: `poor_sleep`, `pregnant`, `new_medicine`)
are *risk factors*; every other finding (where, how, how long, other
symptoms, warning signs) is a *symptom*. A cause is a *condition*. Names come
from the knowledge base, in the language the `Model` header names.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Request

from twitchcheck import __version__
from twitchcheck.i18n import LANGUAGES, Localizer, localizer
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import Finding
from twitchcheck.nlu import parse_text
from twitchcheck.nlu.language import detect_language
from twitchcheck.web.compat_infermedica_models import (
    Concept,
    ConceptExtras,
    ConceptRef,
    ConceptType,
    ConditionDetails,
    ConditionExtras,
    Info,
    SearchResult,
)
from twitchcheck.web.state import assessor_of

PREFIX = "/compat/infermedica/v3"
API_VERSION = "3"
# The rule for risk factors: the findings of these groups (lifestyle, medicines, history) are risk factors.
RISK_FACTOR_GROUPS = frozenset({"context", "medicines"})
SEARCH_PHRASE_CHARS = 200
DEFAULT_RESULTS = 8

router = APIRouter()
ModelHeader = Annotated[str | None, Header(alias="Model", description="infermedica-en or infermedica-fr: the language")]


def concept_type(finding: Finding) -> ConceptType:
    return "risk_factor" if finding.group in RISK_FACTOR_GROUPS else "symptom"


def model_language(model: str | None) -> str | None:
    """The language a `Model` header names (`infermedica-fr`, `infermedica-fr-ca` -> fr), if it names one."""
    return next((part for part in re.split(r"[-_]", (model or "").lower()) if part in LANGUAGES), None)


def language_of(model: str | None) -> str:
    """The language to answer in: the `Model` header's, else English."""
    return model_language(model) or "en"


def concept(finding: Finding, kb: KnowledgeBase, loc: Localizer) -> Concept:
    label = loc.knowledge("findings", finding.id, "label", finding.label)
    seriousness = "emergency" if finding.acute else "serious" if finding.warning is not None else "normal"
    return Concept(
        id=finding.id,
        name=label,
        common_name=label,
        question=loc.knowledge("findings", finding.id, "question", finding.question),
        category=loc.knowledge("groups", finding.group, "title", kb.finding_groups[finding.group].title),
        seriousness=seriousness,
        extras=ConceptExtras(
            group=finding.group,
            warning_sign=finding.warning is not None,
            acute=finding.acute,
            modifier=finding.modifier,
            why_it_matters=loc.knowledge("findings", finding.id, "why", finding.warning.why)
            if finding.warning
            else None,
        ),
    )


def finding_ref(finding_id: str, kb: KnowledgeBase, loc: Localizer) -> ConceptRef:
    label = loc.knowledge("findings", finding_id, "label", kb.finding(finding_id).label)
    return ConceptRef(id=finding_id, name=label, common_name=label)


def cause_ref(cause_id: str, kb: KnowledgeBase, loc: Localizer) -> ConceptRef:
    name = loc.knowledge("causes", cause_id, "name", kb.cause(cause_id).name)
    return ConceptRef(id=cause_id, name=name, common_name=name)


def concepts_of(request: Request, model: str | None, kind: ConceptType) -> list[Concept]:
    kb = assessor_of(request).kb
    loc = localizer(language_of(model))
    return [concept(f, kb, loc) for f in kb.findings if concept_type(f) == kind]


def one_concept(request: Request, model: str | None, kind: ConceptType, concept_id: str) -> Concept:
    found = next((c for c in concepts_of(request, model, kind) if c.id == concept_id), None)
    if found is None:
        plural = "symptoms" if kind == "symptom" else "risk_factors"
        raise HTTPException(404, f"no {kind.replace('_', ' ')} '{concept_id[:100]}'; GET {PREFIX}/{plural} lists them")
    return found


@router.get("/info", response_model=Info, summary="What this API serves")
def info(request: Request) -> Info:
    kb = assessor_of(request).kb
    kinds = [concept_type(f) for f in kb.findings]
    return Info(
        api_version=API_VERSION,
        twitchcheck_version=__version__,
        knowledge_version=kb.version,
        conditions_count=len(kb.causes),
        symptoms_count=kinds.count("symptom"),
        risk_factors_count=kinds.count("risk_factor"),
        lab_tests_count=0,
    )


@router.get("/symptoms", response_model=list[Concept], summary="The findings that are symptoms")
def symptoms(request: Request, model: ModelHeader = None) -> list[Concept]:
    return concepts_of(request, model, "symptom")


@router.get("/symptoms/{symptom_id}", response_model=Concept, summary="One symptom")
def symptom(symptom_id: str, request: Request, model: ModelHeader = None) -> Concept:
    return one_concept(request, model, "symptom", symptom_id)


@router.get("/risk_factors", response_model=list[Concept], summary="The findings that are risk factors (context)")
def risk_factors(request: Request, model: ModelHeader = None) -> list[Concept]:
    return concepts_of(request, model, "risk_factor")


@router.get("/risk_factors/{risk_factor_id}", response_model=Concept, summary="One risk factor")
def risk_factor(risk_factor_id: str, request: Request, model: ModelHeader = None) -> Concept:
    return one_concept(request, model, "risk_factor", risk_factor_id)


@router.get("/conditions", response_model=list[ConditionDetails], summary="The causes, as conditions")
def conditions(request: Request, model: ModelHeader = None) -> list[ConditionDetails]:
    kb = assessor_of(request).kb
    loc = localizer(language_of(model))
    return [
        ConditionDetails(
            **cause_ref(c.id, kb, loc).model_dump(),
            extras=ConditionExtras(
                serious=c.serious, summary=loc.knowledge("causes", c.id, "summary", c.summary), prior=c.prior.value
            ),
        )
        for c in kb.causes
    ]


@router.get("/conditions/{condition_id}", response_model=ConditionDetails, summary="One cause, as a condition")
def condition(condition_id: str, request: Request, model: ModelHeader = None) -> ConditionDetails:
    found = next((c for c in conditions(request, model) if c.id == condition_id), None)
    if found is None:
        raise HTTPException(404, f"no condition '{condition_id[:100]}'; GET {PREFIX}/conditions lists them")
    return found


@router.get("/search", response_model=list[SearchResult], summary="Findings matching a phrase")
def search(
    request: Request,
    phrase: Annotated[str, Query(max_length=SEARCH_PHRASE_CHARS)],
    max_results: Annotated[int, Query(ge=1, le=100)] = DEFAULT_RESULTS,
    types: str | None = None,
) -> list[SearchResult]:
    """What the parser reads in the phrase first, then findings whose label contains every word of it."""
    kb = assessor_of(request).kb
    wanted = {t.strip() for t in (types or "symptom").split(",") if t.strip()}
    parsed = parse_text(phrase, language=detect_language(phrase, default="en")).present_ids if phrase.strip() else []
    words = phrase.lower().split()
    by_label = [f.id for f in kb.findings if words and all(word in f.label.lower() for word in words)]
    results: list[SearchResult] = []
    for finding_id in dict.fromkeys([*parsed, *by_label]):
        finding = kb.finding(finding_id)
        if concept_type(finding) in wanted:
            results.append(SearchResult(id=finding.id, label=finding.label, type=concept_type(finding)))
    return results[:max_results]
