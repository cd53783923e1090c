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

A diary's Bundle (`diary_bundle`) holds the same for the assessment the diary
leads to, plus one `Observation` a diary day (the bouts as a UCUM `/d`
quantity, the places in `bodySite`, intensity, bout length, sleep, caffeine
and stress as components) and the doctor's PDF report in a `DocumentReference`,
so a clinic files the numbers and the document a person brings in one go.

Codes are twitchcheck's own (`CODE_SYSTEM`), served at /fhir/CodeSystem/twitchcheck;
each cause also carries its ICD-10 (WHO) and ICD-10-CM codes (causes.yaml), and
each finding that has one its ICD-10 R-code (findings.yaml), every mapping with
its source; SNOMED CT is licensed and left empty. Every Bundle is validated with
`fhir.resources` (its R4B models, which share these resources' R4 shape) before
it is returned, so an invalid one is a bug, never an export; the tests check the
same resources with two Node validators as well (tools/fhir-validate).
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from twitchcheck.assessment import Assessment, Assessor, default_assessor
from twitchcheck.diary.entry import DiaryDay, DiaryEntry, diary_days
from twitchcheck.errors import DiaryError
from twitchcheck.formatting import ENGLISH, say_close_call, say_first_cause
from twitchcheck.interview.state import InterviewState
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import CauseCodes, FindingCodes

CODE_SYSTEM = "https://twitchcheck.example/fhir/CodeSystem/twitchcheck"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm"
MODULE_URI = "https://twitchcheck.example/fhir/module/twitch-assessment"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
TRIAGE_LEVELS = "https://twitchcheck.example/fhir/CodeSystem/triage-level"
UCUM = "http://unitsofmeasure.org"
AGE_EXTENSION = "https://twitchcheck.example/fhir/StructureDefinition/age-years"

# The diary's own concepts in twitchcheck's CodeSystem (hyphenated, so never a finding id):
# the day's Observation, and each component as (code, DiaryDay field, display, UCUM unit or None for an integer).
DIARY_DAY = ("diary-day", "Twitch diary: bouts of twitching in one day")
DIARY_COMPONENTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("diary-intensity", "intensity", "Strongest twitching that day, 0 (none) to 10 (worst)", None),
    ("diary-bout-seconds", "bout_seconds", "Typical length of a bout", "s"),
    ("diary-sleep-hours", "sleep_hours", "Hours slept the night before", "h"),
    ("diary-caffeine-drinks", "caffeine_drinks", "Coffees, teas or colas that day", None),
    ("diary-stress", "stress", "Stress that day, 0 (none) to 10 (worst)", None),
)
REPORT_FILE = "twitch-diary-report.pdf"


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
    if interview is not None:
        unknown = unknown | {
            fid for record in interview.history for fid, reply in record.replies.items() if reply == "unknown"
        }
    entries = _assessment_entries(assessment, kb, unknown, moment, patient_url)
    if interview is not None:
        entries.append(_entry(_questionnaire_response(interview, kb, moment, {"reference": patient_url})))
    return _bundle(entries, moment)


def diary_bundle(
    entries: Sequence[DiaryEntry],
    *,
    age: int | None = None,
    sex: str | None = None,
    assessor: Assessor | None = None,
    made_at: datetime | None = None,
) -> dict[str, Any]:
    """The diary as a validated FHIR Bundle: the assessment it leads to, one Observation a day, the PDF report.

    The assessment is the diary review's (`review_diary`), the same one the app
    and the report show; the report is the PDF `report_pdf_bytes` makes, carried
    whole (base64) so the record keeps the document the doctor reads. Raises
    `DiaryError` for an empty diary: there is nothing to file.
    """
    from twitchcheck.diary.review import review_diary
    from twitchcheck.reports import report_pdf_bytes  # WeasyPrint is large: loaded only for a diary export

    if not entries:
        raise DiaryError("the diary is empty: log at least one entry before exporting it as FHIR")
    assessor = assessor if assessor is not None else default_assessor()
    moment = (made_at or datetime.now(UTC)).isoformat()
    patient_url = f"urn:uuid:{uuid.uuid4()}"
    subject = {"reference": patient_url}
    review = review_diary(entries, age=age, sex=sex, assessor=assessor)
    days = diary_days(entries)
    pdf = report_pdf_bytes(entries, age=age, sex=sex, assessor=assessor)
    bundle_entries = [
        *_assessment_entries(review.assessment, assessor.kb, frozenset(), moment, patient_url),
        *(_entry(_diary_day(day, assessor.kb, subject)) for day in days),
        _entry(_report_document(pdf, days, moment, subject)),
    ]
    return _bundle(bundle_entries, moment)


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
    """twitchcheck's CodeSystem: every cause and finding, with its label and source, and the diary's measures."""
    named = [(cause.id, cause.name, cause.summary) for cause in kb.causes]
    if kb.unlisted is not None:
        named.append((kb.unlisted.id, kb.unlisted.name, kb.unlisted.summary))
    concepts = [{"code": code, "display": name, "definition": summary} for code, name, summary in named] + [
        {"code": finding.id, "display": finding.label, "definition": finding.question} for finding in kb.findings
    ]
    concepts.append({"code": DIARY_DAY[0], "display": DIARY_DAY[1], "definition": "Bouts logged in a day (/d)"})
    concepts += [{"code": code, "display": display} for code, _field, display, _unit in DIARY_COMPONENTS]
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


def _assessment_entries(
    assessment: Assessment, kb: KnowledgeBase, unknown: frozenset[str], moment: str, patient_url: str
) -> list[dict[str, Any]]:
    """The Patient, GuidanceResponse, RiskAssessment and one Observation per answer: what every Bundle of ours holds."""
    subject = {"reference": patient_url}
    observations = _observations(assessment, kb, unknown, moment, subject)
    observation_url = {finding: url for finding, url, _resource in observations}
    return [
        _entry(_patient(assessment), patient_url),
        _entry(_guidance_response(assessment, moment, subject)),
        _entry(_risk_assessment(assessment, kb, observation_url, moment, subject)),
        *(_entry(resource, url) for _finding, url, resource in observations),
    ]


def _bundle(entries: list[dict[str, Any]], moment: str) -> dict[str, Any]:
    bundle = {"resourceType": "Bundle", "type": "collection", "timestamp": moment, "entry": entries}
    validate(bundle)
    return bundle


def _entry(resource: dict[str, Any], url: str | None = None) -> dict[str, Any]:
    return {"fullUrl": url or f"urn:uuid:{uuid.uuid4()}", "resource": resource}


def _coding(code: str, display: str, system: str = CODE_SYSTEM) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def _classified(concept: dict[str, Any], codes: CauseCodes | FindingCodes | None) -> dict[str, Any]:
    """The concept with its ICD-10 (WHO) and ICD-10-CM codings added, when the knowledge base maps it (with sources)."""
    if codes is not None:
        concept["coding"] += [{"system": ICD10, "code": codes.icd10}, {"system": ICD10_CM, "code": codes.icd10_cm}]
    return concept


def _patient(assessment: Assessment) -> dict[str, Any]:
    """The person, as little as the assessment knows: sex, and age as a note (no name, no birth date)."""
    patient: dict[str, Any] = {"resourceType": "Patient"}
    if assessment.evidence.sex is not None:
        patient["gender"] = assessment.evidence.sex
    if assessment.evidence.age is not None:
        patient["extension"] = [
            {
                "url": AGE_EXTENSION,
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
        outcome = _classified(_coding(cause.id, cause.name), kb.cause(cause.id).codes)
        prediction: dict[str, Any] = {
            "outcome": outcome,
            "probabilityDecimal": round(cause.probability, 6),
        }
        basis = [observation_url[w.finding] for w in cause.supporting if w.finding in observation_url]
        if basis:
            prediction["rationale"] = "Supported by: " + "; ".join(w.label for w in cause.supporting)
        predictions.append(prediction)
    if assessment.unlisted is not None:  # last, and said to be no diagnosis: what the listed causes do not cover
        predictions.append(
            {
                "outcome": _coding(assessment.unlisted.id, assessment.unlisted.name),
                "probabilityDecimal": round(assessment.unlisted.probability, 6),
                "rationale": "Not a diagnosis: the chance that a cause twitchcheck does not list plays a part. "
                + assessment.unlisted.summary,
            }
        )
    supporting = sorted(
        {url for cause in assessment.causes for w in cause.supporting if (url := observation_url.get(w.finding))}
    )
    notes = [
        "Each probability is the chance that this cause plays a part; several can at once, so they "
        "do not add up to 1. The last prediction is no diagnosis: a cause the model does not list."
    ]
    if assessment.close_to_first:
        others = [c.name for c in assessment.causes if c.id in assessment.close_to_first]
        notes.append(say_close_call(assessment.causes[0].name, others, ENGLISH))
    if assessment.first_cause is not None:
        first = assessment.first_cause
        notes.append(say_first_cause(first.right_share, first.development_cases, ENGLISH))
    return {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": subject,
        "occurrenceDateTime": moment,
        "method": {"text": "twitchcheck noisy-OR model over the knowledge base " + assessment.knowledge_version},
        "basis": [{"reference": url} for url in supporting],
        "prediction": predictions,
        "note": [{"text": note} for note in notes],
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
        "code": _classified(_coding(finding_id, kb.finding(finding_id).label), kb.finding(finding_id).codes),
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


def _diary_day(day: DiaryDay, kb: KnowledgeBase, subject: dict[str, str]) -> dict[str, Any]:
    """One diary day: its bouts per day, where it twitched, and the day's measures as components.

    FHIR R4 allows one `bodySite`; when several places twitched that day its codings
    list each place (the knowledge base's twitch-location codes) and its text names
    them all, rather than splitting one day into several Observations.
    """
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [_coding("survey", "Survey", OBSERVATION_CATEGORY)],
        "code": _coding(*DIARY_DAY),
        "subject": subject,
        "effectiveDateTime": day.day.isoformat(),
        "valueQuantity": {"value": day.bouts, "unit": "/d", "system": UCUM, "code": "/d"},
    }
    places = [kb.finding(fid) for fid in kb.finding_ids if fid in day.locations]  # in the knowledge base's order
    if places:
        observation["bodySite"] = {
            "coding": [{"system": CODE_SYSTEM, "code": place.id, "display": place.label} for place in places],
            "text": "; ".join(place.label for place in places),
        }
    components = []
    for code, field, display, unit in DIARY_COMPONENTS:
        value = getattr(day, field)
        if value is None:
            continue
        component: dict[str, Any] = {"code": _coding(code, display)}
        if unit is None:
            component["valueInteger"] = int(value)
        else:
            component["valueQuantity"] = {"value": round(float(value), 1), "unit": unit, "system": UCUM, "code": unit}
        components.append(component)
    observation["component"] = components
    if day.notes:
        observation["note"] = [{"text": note} for note in day.notes]
    return observation


def _report_document(pdf: bytes, days: Sequence[DiaryDay], moment: str, subject: dict[str, str]) -> dict[str, Any]:
    """The doctor's PDF report, whole, as the record's document for the diary's period."""
    sha1 = hashlib.sha1(pdf, usedforsecurity=False).digest()  # Attachment.hash is SHA-1 in FHIR R4
    document: dict[str, Any] = {
        "resourceType": "DocumentReference",
        "status": "current",
        "type": {"text": "Twitch diary report for the doctor"},
        "subject": subject,
        "date": moment,
        "description": "twitchcheck's report on the twitch diary: trends, alerts, the triage and its reasons",
        "content": [
            {
                "attachment": {
                    "contentType": "application/pdf",
                    "language": "en",
                    "data": base64.b64encode(pdf).decode("ascii"),
                    "size": len(pdf),
                    "hash": base64.b64encode(sha1).decode("ascii"),
                    "title": REPORT_FILE,
                    "creation": moment,
                }
            }
        ],
    }
    if days:
        document["context"] = {"period": {"start": days[0].day.isoformat(), "end": days[-1].day.isoformat()}}
    return document
