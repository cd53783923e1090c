"""An assessment as FHIR R4 resources, for a clinic's record (issue 14, part 2).

One `Bundle` (type `collection`) holds:

- a `GuidanceResponse`: the decision-support result, the triage level as its
  reason and the advice and each triage reason as notes;
- a `RiskAssessment`: one `prediction` per cause, its outcome coded in
  twitchcheck's `CodeSystem`, `probabilityDecimal`, and `basis` pointing at the
  findings that support it;
- one `Observation` per finding the person answered (category `survey`):
  `valueBoolean` true or false, or `dataAbsentReason` "asked-unknown" for
  "don't know" (unknown is not absent);
- for an interview, the answers as a `QuestionnaireResponse`, our question ids
  as `linkId`s.

Codes are twitchcheck's own (`CODE_SYSTEM`), served at /fhir/CodeSystem/twitchcheck;
each cause also carries its ICD-10 (WHO) and ICD-10-CM codes (causes.yaml, each
mapping with its source); SNOMED CT is licensed and left empty. Every Bundle is
validated with `fhir.resources` (its R4B models, which share these resources'
R4 shape) before it is returned, so an invalid one is a bug, never an export.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from twitchcheck.assessment import Assessment
from twitchcheck.interview.state import InterviewState
from twitchcheck.knowledge import KnowledgeBase

CODE_SYSTEM = "https://twitchcheck.example/fhir/CodeSystem/twitchcheck"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
MODULE_URI = "https://twitchcheck.example/fhir/module/twitch-assessment"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
TRIAGE_LEVELS = "https://twitchcheck.example/fhir/CodeSystem/triage-level"


def assessment_bundle(
    assessment: Assessment,
    kb: KnowledgeBase,
    *,
    interview: InterviewState | None = None,
    unknown: frozenset[str] = frozenset(),
    made_at: datetime | None = None,
) -> dict[str, Any]:
    """The assessment (and the interview that led to it) as a validated FHIR Bundle, ready for `json.dumps`.

    `unknown` lists findings the person answered "don't know"; with an interview they
    are read from its answers.
    """
    moment = (made_at or datetime.now(UTC)).isoformat()
    patient_url = f"urn:uuid:{uuid.uuid4()}"
    subject = {"reference": patient_url}
    if interview is not None:
        unknown = unknown | {
            fid for record in interview.history for fid, reply in record.replies.items() if reply == "unknown"
        }
    observations = _observations(assessment, kb, unknown, moment, subject)
    observation_url = {finding: url for finding, url, _resource in observations}
    entries: list[dict[str, Any]] = [
        _entry(_patient(assessment), patient_url),
        _entry(_guidance_response(assessment, moment, subject)),
        _entry(_risk_assessment(assessment, kb, observation_url, moment, subject)),
        *(_entry(resource, url) for _finding, url, resource in observations),
    ]
    if interview is not None:
        entries.append(_entry(_questionnaire_response(interview, kb, moment, subject)))
    bundle = {"resourceType": "Bundle", "type": "collection", "timestamp": moment, "entry": entries}
    validate(bundle)
    return bundle


def evidence_from_bundle(bundle: dict[str, Any]) -> dict[str, Any]:
    """What a Bundle of ours says about the person: present and absent finding ids, age and sex.

    The inverse of `assessment_bundle` for the evidence, so that a clinic's stored
    Bundle gives the same assessment when it is read back.
    """
    validate(bundle)
    present: list[str] = []
    absent: list[str] = []
    age = sex = None
    for entry in bundle.get("entry", []):
        resource = entry["resource"]
        if resource["resourceType"] == "Patient":
            sex = resource.get("gender")
            for extension in resource.get("extension", []):
                if extension.get("url", "").endswith("/age-years"):
                    age = extension.get("valueInteger")
        elif resource["resourceType"] == "Observation" and "valueBoolean" in resource:
            codes = [c["code"] for c in resource["code"]["coding"] if c.get("system") == CODE_SYSTEM]
            if codes:
                (present if resource["valueBoolean"] else absent).append(codes[0])
    return {"present": sorted(present), "absent": sorted(absent), "age": age, "sex": sex}


def validate(resource: dict[str, Any]) -> None:
    """Raise `ValueError` (pydantic's, naming the field) unless the resource is valid FHIR."""
    from fhir.resources.R4B import get_fhir_model_class  # a large package: loaded only when exporting

    get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def code_system(kb: KnowledgeBase) -> dict[str, Any]:
    """twitchcheck's CodeSystem: every cause and finding, with its label and source."""
    concepts = [{"code": cause.id, "display": cause.name, "definition": cause.summary} for cause in kb.causes] + [
        {"code": finding.id, "display": finding.label, "definition": finding.question} for finding in kb.findings
    ]
    system = {
        "resourceType": "CodeSystem",
        "url": CODE_SYSTEM,
        "version": kb.version,
        "name": "Twitchcheck",
        "title": "twitchcheck causes and findings",
        "status": "active",
        "content": "complete",
        "caseSensitive": True,
        "count": len(concepts),
        "concept": concepts,
    }
    validate(system)
    return system


def _entry(resource: dict[str, Any], url: str | None = None) -> dict[str, Any]:
    return {"fullUrl": url or f"urn:uuid:{uuid.uuid4()}", "resource": resource}


def _coding(code: str, display: str, system: str = CODE_SYSTEM) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def _patient(assessment: Assessment) -> dict[str, Any]:
    """The person, as little as the assessment knows: sex, and age as a note (no name, no birth date)."""
    patient: dict[str, Any] = {"resourceType": "Patient"}
    if assessment.evidence.sex is not None:
        patient["gender"] = assessment.evidence.sex
    if assessment.evidence.age is not None:
        patient["extension"] = [
            {
                "url": "https://twitchcheck.example/fhir/StructureDefinition/age-years",
                "valueInteger": assessment.evidence.age,
            }
        ]
    return patient


def _guidance_response(assessment: Assessment, moment: str, subject: dict[str, str]) -> dict[str, Any]:
    triage = assessment.triage
    notes = [{"text": f"{triage.title}. {triage.advice}"}] + [{"text": r.text} for r in triage.reasons]
    notes += [{"text": f"Emergency: {c.name}"} for c in assessment.emergency_conditions]
    return {
        "resourceType": "GuidanceResponse",
        "moduleUri": MODULE_URI,
        "status": "success",
        "subject": subject,
        "occurrenceDateTime": moment,
        "reasonCode": [_coding(triage.level, triage.title, TRIAGE_LEVELS)],
        "note": [*notes, {"text": assessment.disclaimer}],
    }


def _risk_assessment(
    assessment: Assessment, kb: KnowledgeBase, observation_url: dict[str, str], moment: str, subject: dict[str, str]
) -> dict[str, Any]:
    predictions = []
    for cause in assessment.causes:
        outcome = _coding(cause.id, cause.name)
        codes = kb.cause(cause.id).codes
        if codes is not None:  # the same cause in the classifications a record uses (causes.yaml, with sources)
            outcome["coding"] += [
                {"system": ICD10, "code": codes.icd10},
                {"system": ICD10_CM, "code": codes.icd10_cm},
            ]
        prediction: dict[str, Any] = {
            "outcome": outcome,
            "probabilityDecimal": round(cause.probability, 6),
        }
        basis = [observation_url[w.finding] for w in cause.supporting if w.finding in observation_url]
        if basis:
            prediction["rationale"] = "Supported by: " + "; ".join(w.label for w in cause.supporting)
        predictions.append(prediction)
    supporting = sorted(
        {url for cause in assessment.causes for w in cause.supporting if (url := observation_url.get(w.finding))}
    )
    return {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": subject,
        "occurrenceDateTime": moment,
        "method": {"text": "twitchcheck noisy-OR model over the knowledge base " + assessment.knowledge_version},
        "basis": [{"reference": url} for url in supporting],
        "prediction": predictions,
        "note": [{"text": "Each probability is for that cause on its own; several can be present together."}],
    }


def _observations(
    assessment: Assessment, kb: KnowledgeBase, unknown: frozenset[str], moment: str, subject: dict[str, str]
) -> list[tuple[str, str, dict[str, Any]]]:
    answered = [(f, True) for f in assessment.evidence.present] + [(f, False) for f in assessment.evidence.absent]
    observations = []
    for finding_id, value in answered:
        observations.append(
            (finding_id, f"urn:uuid:{uuid.uuid4()}", _observation(finding_id, kb, moment, value, subject))
        )
    for finding_id in sorted(unknown - set(assessment.evidence.present) - set(assessment.evidence.absent)):
        observations.append(
            (finding_id, f"urn:uuid:{uuid.uuid4()}", _observation(finding_id, kb, moment, None, subject))
        )
    return observations


def _observation(
    finding_id: str, kb: KnowledgeBase, moment: str, value: bool | None, subject: dict[str, str]
) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [_coding("survey", "Survey", OBSERVATION_CATEGORY)],
        "code": _coding(finding_id, kb.finding(finding_id).label),
        "subject": subject,
        "effectiveDateTime": moment,
    }
    if value is None:
        observation["dataAbsentReason"] = _coding("asked-unknown", "Asked But Unknown", DATA_ABSENT)
    else:
        observation["valueBoolean"] = value
    return observation


def _questionnaire_response(
    interview: InterviewState, kb: KnowledgeBase, moment: str, subject: dict[str, str]
) -> dict[str, Any]:
    items = []
    for record in interview.history:
        answers = [
            {
                "valueCoding": {
                    "system": CODE_SYSTEM,
                    "code": f"{fid}={reply}",
                    "display": f"{kb.finding(fid).label}: {reply}",
                }
            }
            for fid, reply in record.replies.items()
        ]
        items.append({"linkId": record.question_id, "answer": answers} if answers else {"linkId": record.question_id})
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "stopped" if interview.stopped_by_person else "completed",
        "subject": subject,
        "authored": moment,
        "item": items,
    }
