"""An Infermedica API v3-compatible endpoint set, mapped onto twitchcheck's own engine (issue 14).

A clinic whose front-end was built for Infermedica's Engine API can point it at
`/compat/infermedica/v3/` instead. Every answer comes from twitchcheck itself:
the vocabulary from the knowledge base, `parse` from the free-text parser,
`diagnosis` from the adaptive interview (replayed from the evidence list, see
`compat_infermedica_replay`), `explain` and `triage` from the assessment and
its warning-sign rules. Nothing here decides anything medical; it translates.

The mapping, in one place (docs/integration.md has the table):

* A finding is a *risk factor* when it is in the `context` group (lifestyle,
  medicines and history) and a *symptom* otherwise; a cause is a *condition*.
  Ids are twitchcheck's own (`twitch_eyelid`), not Infermedica's (`s_21`).
* `present` / `absent` / `unknown` are the interview's yes / no / don't know.
* Question kinds: single -> `single`, exclusive (one of) -> `group_single`,
  multiple (a checklist) -> `group_multiple`.
* The five triage levels are the same ids.
* The `Model` header chooses the language (`infermedica-fr`: French); the
  `App-Id`, `App-Key` and `Interview-Id` headers are accepted and not checked:
  twitchcheck has no keys to check them against and stores nothing per call.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from twitchcheck.assessment import Assessment, FindingWeightOut
from twitchcheck.engine.evidence import Evidence
from twitchcheck.errors import EvidenceError
from twitchcheck.i18n import Localizer, localizer
from twitchcheck.i18n.localize import localize_assessment, localize_question
from twitchcheck.interview import STOP_EXPLANATIONS, Question
from twitchcheck.interview.questions import QuestionBank
from twitchcheck.interview.selection import Situation, score
from twitchcheck.interview.state import DEFAULT_MAX_QUESTIONS
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.nlu import parse_text
from twitchcheck.nlu.language import detect_language
from twitchcheck.suggest import did_you_mean
from twitchcheck.web import compat_infermedica_concepts as concepts
from twitchcheck.web.api_interviews import check_text
from twitchcheck.web.compat_infermedica_concepts import (
    PREFIX,
    ModelHeader,
    cause_ref,
    concept_type,
    finding_ref,
    language_of,
    model_language,
)
from twitchcheck.web.compat_infermedica_models import (
    Choice,
    ChoiceOut,
    CompatError,
    ConceptRef,
    ConceptType,
    ConditionOut,
    DiagnosisExtras,
    DiagnosisRequest,
    DiagnosisResponse,
    EvidenceRef,
    ExplainRequest,
    ExplainResponse,
    Item,
    Mention,
    ParseExtras,
    ParseRequest,
    ParseResponse,
    QuestionExtras,
    QuestionOut,
    RationaleExtras,
    RationaleResponse,
    SeriousOut,
    SuggestRequest,
    TriageExtras,
    TriageReason,
    TriageResponse,
)
from twitchcheck.web.compat_infermedica_replay import REPLY_OF_CHOICE, Replayed, Reported, read_evidence, replay
from twitchcheck.web.schemas import ErrorBody
from twitchcheck.web.state import assessor_of, compat_plans_of, settings_of

__all__ = ["PREFIX", "error_shape", "router"]

QUESTION_TYPES = {"single": "single", "exclusive": "group_single", "multiple": "group_multiple"}
DEFAULT_SUGGESTIONS = 8

_COMPAT_ERROR = {"model": CompatError}
router = APIRouter(
    tags=["Infermedica API v3-compatible"],
    responses={
        400: {**_COMPAT_ERROR, "description": "Invalid request: unknown or contradictory evidence, malformed JSON"},
        403: {**_COMPAT_ERROR, "description": "Refused: a page of a site not in TWITCHCHECK_COMPAT_CORS_ORIGINS"},
        404: {**_COMPAT_ERROR, "description": "No such concept or endpoint"},
        413: {"model": ErrorBody, "description": "The body is too large"},
        500: {**_COMPAT_ERROR, "description": "Unexpected error (logged)"},
        503: {"model": ErrorBody, "description": "The request took too long"},
    },
)

router.include_router(concepts.router)


def error_shape(status: int, code: str, message: str, field: str | None) -> tuple[int, dict[str, Any]]:
    """Infermedica's error body (`message`), with our `code` and `field`; invalid input is 400, as there."""
    return (400 if status == 422 else status), CompatError(message=message, code=code, field=field).model_dump()


# --- free text -----------------------------------------------------------------------------------------


@router.post("/parse", response_model=ParseResponse, summary="Read free text as mentions of findings")
def parse(body: ParseRequest, request: Request, model: ModelHeader = None) -> ParseResponse:
    """The parser's present and absent findings as mentions; hedged ones are not evidence and stay in `extras`."""
    text = check_text(body.text, settings_of(request))
    language = model_language(model) or detect_language(text, default="en")
    parsed = parse_text(text, language=language)
    kb = assessor_of(request).kb
    loc = localizer(language)
    present = set(parsed.present_ids)
    mentions: dict[str, Mention] = {}
    chosen = [m for m in parsed.present if m.finding_id] + [m for m in parsed.absent if m.finding_id not in present]
    for mention in sorted(chosen, key=lambda m: m.start):
        if mention.finding_id not in mentions:
            ref = finding_ref(mention.finding_id, kb, loc)
            mentions[mention.finding_id] = Mention(
                **ref.model_dump(),
                orth=mention.text,
                choice_id=mention.status,
                type=concept_type(kb.finding(mention.finding_id)),
            )
    return ParseResponse(
        mentions=list(mentions.values()),
        obvious=not parsed.not_understood and not parsed.uncertain,
        extras=ParseExtras(
            language=language,
            uncertain=parsed.uncertain_ids,
            historical=sorted({m.finding_id for m in parsed.historical}),
            not_understood=parsed.not_understood,
            age=parsed.age,
            sex=parsed.sex,
            subject=parsed.subject,
        ),
    )


# --- the interview and the result -----------------------------------------------------------------------


def _reported(body: DiagnosisRequest, request: Request) -> list[Reported]:
    items = (Reported(item.id, REPLY_OF_CHOICE[item.choice_id], item.before_interview) for item in body.evidence)
    return read_evidence(assessor_of(request), items, age=body.age_years, sex=body.sex)


def _replayed(body: DiagnosisRequest, request: Request) -> Replayed:
    return replay(
        _reported(body, request),
        age=body.age_years,
        sex=body.sex,
        plans=compat_plans_of(request),
        max_questions=DEFAULT_MAX_QUESTIONS,
    )


def _evidence(reported: list[Reported], body: DiagnosisRequest, request: Request) -> Evidence:
    return assessor_of(request).evidence(
        present=[r.finding_id for r in reported if r.reply == "yes"],
        absent=[r.finding_id for r in reported if r.reply == "no"],
        age=body.age_years,
        sex=body.sex,
    )


def _assessment(body: DiagnosisRequest, request: Request, loc: Localizer) -> tuple[Assessment, list[Reported]]:
    """The assessment of the evidence list (checked as for /diagnosis), in the caller's language."""
    assessor = assessor_of(request)
    reported = _reported(body, request)
    assessment = assessor.assess(_evidence(reported, body, request))
    return localize_assessment(assessment, loc, assessor.kb), reported


def question_out(question: Question, loc: Localizer) -> QuestionOut:
    choices = [
        ChoiceOut(id="present", label=loc.gettext("Yes")),
        ChoiceOut(id="absent", label=loc.gettext("No")),
        ChoiceOut(id="unknown", label=loc.gettext("Don't know")),
    ]
    return QuestionOut(
        type=QUESTION_TYPES[question.kind],
        text=question.text,
        items=[Item(id=option.id, name=option.label, choices=choices) for option in question.options],
        extras=QuestionExtras(
            question_id=question.id,
            phase=question.phase,
            why=question.why,
            part=question.part,
            parts=question.parts,
            already=[option.id for option in question.already],
        ),
    )


def conditions_of(assessment: Assessment) -> list[ConditionOut]:
    return [
        ConditionOut(id=c.id, name=c.name, common_name=c.name, probability=round(c.probability, 4))
        for c in assessment.causes
    ]


@router.post("/diagnosis", response_model=DiagnosisResponse, summary="The next question and the likely causes")
def diagnosis(body: DiagnosisRequest, request: Request, model: ModelHeader = None) -> DiagnosisResponse:
    """twitchcheck's own interview, rebuilt from the evidence list: urgent signs first, then the most useful."""
    assessor = assessor_of(request)
    loc = localizer(language_of(model))
    replayed = _replayed(body, request)
    interview, plan = replayed.interview, replayed.plan
    assessment = localize_assessment(interview.assessment(), loc, assessor.kb)
    question = None if plan.question is None else localize_question(plan.question, loc, assessor.kb)
    return DiagnosisResponse(
        question=None if question is None else question_out(question, loc),
        conditions=conditions_of(assessment),
        extras=DiagnosisExtras(
            stop_reason=plan.stop_reason,
            stop_explanation=None if plan.stop_reason is None else STOP_EXPLANATIONS[plan.stop_reason],
            triage_level=assessment.triage.level,
            questions_asked=interview.questions_asked,
            max_questions=interview.max_questions,
            knowledge_version=assessment.knowledge_version,
        ),
        has_emergency_evidence=interview.urgent,
        should_stop=question is None,
    )


_OBSERVED: dict[str, Choice] = {"present": "present", "absent": "absent"}


def _evidence_refs(weights: list[FindingWeightOut]) -> list[EvidenceRef]:
    return [
        EvidenceRef(id=w.finding, name=w.label, common_name=w.label, choice_id=_OBSERVED[w.observed]) for w in weights
    ]


@router.post("/explain", response_model=ExplainResponse, summary="The evidence for and against one cause")
def explain(body: ExplainRequest, request: Request, model: ModelHeader = None) -> ExplainResponse:
    """For and against: the cause's supporting and opposing findings; unconfirmed: its findings answered unknown."""
    kb = assessor_of(request).kb
    loc = localizer(language_of(model))
    assessment, reported = _assessment(body, request, loc)
    cause = next((c for c in assessment.causes if c.id == body.target), None)
    if cause is None:
        raise EvidenceError(
            f"unknown target '{body.target}'"
            + did_you_mean(body.target, kb.cause_ids, fallback=f"; GET {PREFIX}/conditions lists the condition ids"),
            field="target",
        )
    linked = kb.links.get(cause.id, {})
    return ExplainResponse(
        supporting_evidence=_evidence_refs(cause.supporting),
        conflicting_evidence=_evidence_refs(cause.opposing),
        unconfirmed_evidence=[
            EvidenceRef(**finding_ref(r.finding_id, kb, loc).model_dump(), choice_id="unknown")
            for r in reported
            if r.reply == "unknown" and r.finding_id in linked
        ],
    )


def _emergency_findings(kb: KnowledgeBase, assessment: Assessment) -> set[str]:
    """The findings named by the emergency rules that fired: with those, a sign is an emergency here."""
    rules = {rule.id: rule for rule in kb.rules}
    named: set[str] = set()
    for reason in assessment.triage.reasons:
        rule = rules.get(reason.rule)
        if rule is None or not kb.level(rule.level).emergency:
            continue
        when = rule.when
        named.update(when.all_present, when.any_present, when.min_present.of if when.min_present else ())
        if when.any_warning_sign:
            named.update(kb.warning_sign_ids)
    return named


@router.post("/triage", response_model=TriageResponse, summary="How urgently to get help, and why")
def triage(body: DiagnosisRequest, request: Request, model: ModelHeader = None) -> TriageResponse:
    """twitchcheck's rule-first triage of the evidence; `serious` lists every warning sign present."""
    kb = assessor_of(request).kb
    assessment, _ = _assessment(body, request, localizer(language_of(model)))
    emergency = _emergency_findings(kb, assessment)
    decided = assessment.triage
    return TriageResponse(
        triage_level=decided.level,
        serious=[
            SeriousOut(
                id=flag.id,
                name=flag.label,
                common_name=flag.label,
                is_emergency=flag.acute or flag.id in emergency,
                seriousness="emergency" if flag.acute or flag.id in emergency else "serious",
            )
            for flag in assessment.red_flags
        ],
        root_cause=decided.reasons[0].rule,
        extras=TriageExtras(
            title=decided.title,
            advice=decided.advice,
            reasons=[TriageReason(**reason.model_dump()) for reason in decided.reasons],
            emergency_conditions=[
                ConceptRef(id=c.id, name=c.name, common_name=c.name) for c in assessment.emergency_conditions
            ],
            emergency_number=assessment.emergency_number,
            disclaimer=assessment.disclaimer,
        ),
    )


@router.post("/rationale", response_model=RationaleResponse, summary="Why the next question is asked")
def rationale(body: DiagnosisRequest, request: Request, model: ModelHeader = None) -> RationaleResponse:
    """r0: asked of everyone (warning-sign checklists) or to complete the picture; r1: to confirm or tell
    apart causes (`condition_params`); r2: its answer could change what to do (`observation_params`)."""
    kb = assessor_of(request).kb
    loc = localizer(language_of(model))
    plan = _replayed(body, request).plan
    if plan.question is None:
        text = STOP_EXPLANATIONS[plan.stop_reason] if plan.stop_reason else ""
        return RationaleResponse(
            type="r0", observation_params=[], condition_params=[], extras=RationaleExtras(question_id=None, text=text)
        )
    question = localize_question(plan.question, loc, kb)
    reason = question.reason
    observations: list[ConceptRef] = []
    causes: list[ConceptRef] = []
    if reason.kind in {"tell_apart", "confirm"}:
        kind, causes = "r1", [cause_ref(c, kb, loc) for c in reason.causes]
    elif reason.kind == "level_change":
        kind, observations = "r2", [finding_ref(o.id, kb, loc) for o in question.options]
    else:
        kind = "r0"
    return RationaleResponse(
        type=kind,
        observation_params=observations,
        condition_params=causes,
        extras=RationaleExtras(question_id=question.id, text=question.why),
    )


@router.post("/suggest", response_model=list[ConceptRef], summary="Findings worth asking about next")
def suggest(
    body: SuggestRequest,
    request: Request,
    model: ModelHeader = None,
    max_results: Annotated[int, Query(ge=1, le=100)] = DEFAULT_SUGGESTIONS,
) -> list[ConceptRef]:
    """red_flags: the warning signs nobody answered, urgent ones first. symptoms, risk_factors: the unanswered
    findings of that kind the interview values most (its own expected value of asking each)."""
    assessor = assessor_of(request)
    kb = assessor.kb
    reported = _reported(body, request)
    evidence = _evidence(reported, body, request)
    answered = {r.finding_id for r in reported} | evidence.absent  # absent includes what a one-of answer implies
    open_ids = [f.id for f in kb.findings if f.id not in answered]
    if body.suggest_method == "red_flags":
        ranked = sorted(
            (fid for fid in open_ids if fid in kb.warning_sign_ids), key=lambda fid: fid not in kb.acute_red_flag_ids
        )
    else:
        kind: ConceptType = "symptom" if body.suggest_method == "symptoms" else "risk_factor"
        ranked = _most_useful([fid for fid in open_ids if concept_type(kb.finding(fid)) == kind], evidence, request)
    loc = localizer(language_of(model))
    return [finding_ref(fid, kb, loc) for fid in ranked[:max_results]]


def _most_useful(candidates: list[str], evidence: Evidence, request: Request) -> list[str]:
    """The candidates by the interview's expected value of asking each (cause information plus triage)."""
    if not candidates:
        return []
    assessor = assessor_of(request)
    single = QuestionBank(assessor.kb).single
    outlooks = score(Situation.of(assessor.kb, assessor.network, evidence), [single(fid) for fid in candidates])
    order = sorted(range(len(candidates)), key=lambda n: -outlooks[n].value)
    return [candidates[n] for n in order]
