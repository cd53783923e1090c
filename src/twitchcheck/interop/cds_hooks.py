"""CDS Hooks 2.0: an EHR opens a patient's chart and gets twitchcheck's triage as a card (issue 14, part 4).

The logic without the web: the discovery entry, reading a service call
(`read_call`), reading the prefetched FHIR data as evidence
(`evidence_from_prefetch`), and turning the `Assessment` into cards
(`cards_for`). `twitchcheck.web.cds_hooks` serves them.

What the prefetch is read for, and why:

- `Patient`: `gender` (female or male), and age in years, from our own export's
  `.../age-years` extension or else from `birthDate` on the day of the call.
- `Observation` and `Condition` coded in twitchcheck's CodeSystem (the finding
  ids, as our FHIR export writes them). An Observation's `valueBoolean` says
  present or absent; one without it (a "don't know", `dataAbsentReason`) is
  unknown, and unknown is never read as absent. A Condition is present unless
  refuted (then absent) or no longer active (then not evidence either way).
- Codes of other systems (ICD-10, LOINC, SNOMED CT) are not mapped yet: they
  are left out and the card says so. A code of *our* system that names no
  finding is a mistake in the EHR's mapping, so it is refused with the nearest
  ids, never guessed.
- A resource about another patient than `context.patientId` stops the call: a
  card about the wrong person is worse than no card.

A chart with no finding of ours present gets no card (`{"cards": []}`): the
service has nothing to say about that patient, and CDS Hooks asks for an
empty list rather than noise. Any finding present, a warning sign alone
included, gets its card.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from twitchcheck.assessment import Assessment
from twitchcheck.errors import CdsHooksError, PrefetchMissingError
from twitchcheck.formatting import ENGLISH, percent, say_close_call, say_first_cause
from twitchcheck.interop.fhir import CODE_SYSTEM
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.suggest import did_you_mean

SERVICE_ID = "twitchcheck-patient-view"
HOOK = "patient-view"
SOURCE_LABEL = "twitchcheck"
SUMMARY_LIMIT = 139  # the specification: "<140-character summary"
AGE_EXTENSION_SUFFIX = "/age-years"  # how `fhir.assessment_bundle` writes the age it knows
PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "observations": f"Observation?patient={{{{context.patientId}}}}&code={CODE_SYSTEM}|",
    "conditions": f"Condition?patient={{{{context.patientId}}}}&code={CODE_SYSTEM}|",
}
# The canonical 8-4-4-4-12 form: `uuid.UUID` alone also takes braces, "urn:uuid:" and no hyphens.
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NOT_CURRENT = {"inactive", "resolved", "remission"}  # Condition.clinicalStatus that is not a finding now
_WITHDRAWN = {"entered-in-error", "cancelled"}  # a record that says nothing at all
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")  # inline markup; list and heading marks need a line start


def discovery() -> dict[str, Any]:
    """The body of `GET /cds-services`: the one service, its hook and the data it wants prefetched."""
    return {
        "services": [
            {
                "hook": HOOK,
                "title": "twitchcheck: involuntary muscle twitching",
                "description": (
                    "When a chart with twitching findings opens, the triage (how urgently to be seen, any "
                    "emergency first), the warning signs and their reasons, the urgent signs not yet asked, "
                    "and a link to continue the interview. Information for a clinician, not a diagnosis."
                ),
                "id": SERVICE_ID,
                "prefetch": dict(PREFETCH),
                "usageRequirements": (
                    "Send the prefetch: twitchcheck does not call the FHIR server itself. Observations and "
                    f"Conditions are read only when coded in {CODE_SYSTEM} (valueBoolean true or false for an "
                    "Observation); other code systems are listed as not used."
                ),
            }
        ]
    }


@dataclass(frozen=True)
class HookCall:
    """A service call that passed the checks: its hook instance, patient id and prefetch."""

    hook_instance: str
    patient_id: str
    prefetch: dict[str, Any]


def read_call(body: object) -> HookCall:
    """Check a service call against CDS Hooks 2.0 and this service; raise `CdsHooksError` naming the fix."""
    if not isinstance(body, dict):
        raise CdsHooksError("the request body must be a JSON object (a CDS Hooks service call)", field="body")
    hook = body.get("hook")
    if hook != HOOK:
        raise CdsHooksError(
            f"hook {hook!r} is not served here; this service answers only {HOOK!r} (see GET /cds-services)",
            field="hook",
        )
    instance = body.get("hookInstance")
    if not isinstance(instance, str) or not _UUID.match(instance):
        raise CdsHooksError(
            f"hookInstance must be a UUID such as 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea', not {instance!r}",
            field="hookInstance",
        )
    context = body.get("context")
    if not isinstance(context, dict) or not isinstance(context.get("patientId"), str) or not context["patientId"]:
        raise CdsHooksError("context.patientId is required for patient-view (the patient's FHIR id)", field="context")
    if body.get("fhirAuthorization") is not None and not body.get("fhirServer"):
        raise CdsHooksError("fhirAuthorization needs fhirServer, as CDS Hooks 2.0 requires", field="fhirServer")
    prefetch = body.get("prefetch")
    if prefetch is not None and not isinstance(prefetch, dict):
        raise CdsHooksError("prefetch must be an object of prefetch keys (see GET /cds-services)", field="prefetch")
    if not prefetch:
        where = " it was given a fhirServer, but" if body.get("fhirServer") else ""
        raise PrefetchMissingError(
            f"there is no prefetch to assess;{where} twitchcheck does not fetch from FHIR servers: send the "
            f"prefetch keys {', '.join(PREFETCH)} as listed by GET /cds-services",
            field="prefetch",
        )
    return HookCall(hook_instance=instance, patient_id=context["patientId"], prefetch=prefetch)


@dataclass
class PrefetchedEvidence:
    """What the prefetch says about the person, and what in it was left out (with why, for the card)."""

    present: set[str] = field(default_factory=set)
    absent: set[str] = field(default_factory=set)
    age: int | None = None
    sex: str | None = None
    not_used: list[str] = field(default_factory=list)


def evidence_from_prefetch(
    prefetch: Mapping[str, Any], kb: KnowledgeBase, *, patient_id: str | None = None, today: date
) -> PrefetchedEvidence:
    """Read the prefetched resources (each key a resource, a Bundle, or null) as twitchcheck's evidence.

    `today` is the day of the call, for an age from `birthDate`; `patient_id`, when
    given, must match every Patient and every `Patient/...` subject. Two records
    that disagree about one finding: the later (by `effectiveDateTime` or
    `recordedDate`) wins when both are dated, else the call is refused.
    """
    read = PrefetchedEvidence()
    said: dict[str, list[tuple[str, bool, str]]] = {}  # finding -> (when, present?, where)
    for key, resource, where in _resources(prefetch):
        kind = resource.get("resourceType")
        if kind == "OperationOutcome":
            read.not_used.append(f"the EHR could not prefetch '{key}'")
        elif kind == "Patient":
            _read_patient(resource, read, patient_id=patient_id, today=today, where=where)
        elif kind in ("Observation", "Condition"):
            _check_subject(resource, patient_id, where)
            reading = _read_finding(resource, kb, read, where)
            if reading is not None:
                finding, is_present = reading
                when = str(resource.get("effectiveDateTime") or resource.get("recordedDate") or "")
                said.setdefault(finding, []).append((when, is_present, where))
    for finding, readings in said.items():
        values = {is_present for _when, is_present, _where in readings}
        if len(values) > 1:
            if not all(when for when, _is_present, _where in readings):
                places = ", ".join(where for _when, _is_present, where in readings)
                raise CdsHooksError(
                    f"the prefetch says both yes and no to '{finding}' ({places}) without a date on each to tell "
                    "which is current; send the latest record, or date them (effectiveDateTime)",
                    field="prefetch",
                )
            readings = [max(readings)]
        (read.present if readings[0][1] else read.absent).add(finding)
    return read


def _resources(prefetch: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every resource of the prefetch, with its key and where it sits (for messages); null keys hold nothing."""
    for key, value in prefetch.items():
        if value is None:
            continue
        if not isinstance(value, dict) or not isinstance(value.get("resourceType"), str):
            raise CdsHooksError(
                f"prefetch.{key} must be a FHIR resource or Bundle (with resourceType), or null",
                field=f"prefetch.{key}",
            )
        if value["resourceType"] != "Bundle":
            yield key, value, f"prefetch.{key}"
            continue
        for number, entry in enumerate(value.get("entry") or []):
            resource = entry.get("resource") if isinstance(entry, dict) else None
            if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
                raise CdsHooksError(
                    f"prefetch.{key}.entry[{number}] has no resource with a resourceType",
                    field=f"prefetch.{key}",
                )
            yield key, resource, f"prefetch.{key}.entry[{number}]"


def _read_patient(
    patient: dict[str, Any], read: PrefetchedEvidence, *, patient_id: str | None, today: date, where: str
) -> None:
    if patient_id is not None and patient.get("id") not in (None, patient_id):
        raise CdsHooksError(
            f"{where} is Patient/{patient.get('id')}, but context.patientId is {patient_id!r}; "
            "twitchcheck will not assess one patient from another's record",
            field="prefetch",
        )
    gender = patient.get("gender")
    read.sex = gender if gender in ("female", "male") else None
    if gender not in (None, "female", "male"):
        read.not_used.append(f"gender '{gender}' (the knowledge base has priors for female and male only)")
    for extension in patient.get("extension") or []:
        if (
            isinstance(extension, dict)
            and str(extension.get("url", "")).endswith(AGE_EXTENSION_SUFFIX)
            and isinstance(extension.get("valueInteger"), int)
        ):
            read.age = extension["valueInteger"]
            return
    birth_date = patient.get("birthDate")
    if isinstance(birth_date, str):
        read.age = _age_on(birth_date, today, where)


def _age_on(birth_date: str, today: date, where: str) -> int:
    """Whole years on `today`; a birthDate of only a year or a month counts from its first day."""
    parts = birth_date.split("-")
    try:
        born = date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError) as error:
        raise CdsHooksError(
            f"{where}.birthDate {birth_date!r} is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)", field="prefetch"
        ) from error
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _check_subject(resource: dict[str, Any], patient_id: str | None, where: str) -> None:
    subject = resource.get("subject")
    reference = subject.get("reference") if isinstance(subject, dict) else None
    if (
        patient_id is not None
        and isinstance(reference, str)
        and reference.startswith("Patient/")
        and reference != f"Patient/{patient_id}"
    ):
        raise CdsHooksError(
            f"{where} is about {reference}, but context.patientId is {patient_id!r}; "
            "twitchcheck will not assess one patient from another's record",
            field="prefetch",
        )


def _read_finding(
    resource: dict[str, Any], kb: KnowledgeBase, read: PrefetchedEvidence, where: str
) -> tuple[str, bool] | None:
    """(finding id, present?) for a resource that says yes or no to one of our findings, else None (noted)."""
    kind = resource["resourceType"]
    if resource.get("status") in _WITHDRAWN or _status(resource, "verificationStatus") == "entered-in-error":
        return None
    code: dict[str, Any] = resource["code"] if isinstance(resource.get("code"), dict) else {}
    codings = [c for c in code.get("coding") or [] if isinstance(c, dict)]
    ours = [str(c.get("code")) for c in codings if c.get("system") == CODE_SYSTEM]
    if not ours:
        shown = ", ".join(f"{c.get('system', '?')}|{c.get('code', '?')}" for c in codings) or code.get("text", "?")
        read.not_used.append(f"{kind} {shown} (only twitchcheck's codes are mapped so far)")
        return None
    finding_ids = {f.id for f in kb.findings}
    finding = ours[0]
    if finding not in finding_ids:
        if finding in {c.id for c in kb.causes}:
            read.not_used.append(f"{kind} '{finding}' (a cause, not a finding: the assessment works it out)")
            return None
        raise CdsHooksError(
            f"{where}: unknown twitchcheck code '{finding}'"
            + did_you_mean(finding, finding_ids, fallback="; the codes are listed at /fhir/CodeSystem/twitchcheck"),
            field="prefetch",
        )
    if kind == "Condition":
        if _status(resource, "clinicalStatus") in _NOT_CURRENT:
            read.not_used.append(f"Condition '{finding}' (no longer active)")
            return None
        return finding, _status(resource, "verificationStatus") != "refuted"
    value = resource.get("valueBoolean")
    if isinstance(value, bool):
        return finding, value
    if "dataAbsentReason" not in resource:
        read.not_used.append(f"Observation '{finding}' (no valueBoolean)")
    return None  # "don't know": unknown, which is not absent


def _status(resource: dict[str, Any], name: str) -> str | None:
    concept = resource.get(name)
    if not isinstance(concept, dict):
        return None
    codes = [c.get("code") for c in concept.get("coding") or [] if isinstance(c, dict)]
    return str(codes[0]) if codes else None


def indicator_of(assessment: Assessment, kb: KnowledgeBase) -> str:
    """`critical` for the emergency levels, `info` for the least urgent (home care), `warning` between."""
    if assessment.triage.emergency:
        return "critical"
    if assessment.triage.rank == len(kb.levels) - 1:
        return "info"
    return "warning"


def summary_of(assessment: Assessment) -> str:
    """One sentence under 140 characters: the emergency condition first when there is one, else the title."""
    if assessment.emergency_conditions:
        text = f"{assessment.emergency_conditions[0].name}: {assessment.triage.title}"
    else:
        text = f"Muscle twitching: {assessment.triage.title}"
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1].rstrip() + "…"


def start_link(base_url: str, assessment: Assessment) -> str:
    """The start page with the chart's findings carried (a GET that shows them; the person's Start begins)."""
    evidence = assessment.evidence
    query: dict[str, str] = {}
    if evidence.present:
        query["present"] = ",".join(evidence.present)
    if evidence.absent:
        query["absent"] = ",".join(evidence.absent)
    if evidence.age is not None:
        query["age"] = str(evidence.age)
    if evidence.sex is not None:
        query["sex"] = evidence.sex
    return f"{base_url.rstrip('/')}/?{urlencode(query)}"


def cards_for(
    assessment: Assessment, read: PrefetchedEvidence, kb: KnowledgeBase, *, base_url: str
) -> list[dict[str, Any]]:
    """The card for this assessment, or none when no finding of ours is present (a warning sign alone gets one)."""
    if not read.present:
        return []
    return [
        {
            "uuid": str(uuid.uuid4()),
            "summary": summary_of(assessment),
            "indicator": indicator_of(assessment, kb),
            "detail": detail_of(assessment, read),
            "source": {"label": SOURCE_LABEL, "url": f"{base_url.rstrip('/')}/"},
            "links": [
                {
                    "label": "Continue the twitchcheck interview with these findings",
                    "url": start_link(base_url, assessment),
                    "type": "absolute",
                }
            ],
        }
    ]


def detail_of(assessment: Assessment, read: PrefetchedEvidence) -> str:
    """The card's markdown: advice, warning signs, reasons, the urgent signs nobody answered, what was left out."""
    triage = assessment.triage
    parts = [f"**{_md(triage.title)}.** {_md(triage.advice)}"]
    if assessment.emergency_conditions:
        parts.append(_section("Emergency", [_md(c.name) for c in assessment.emergency_conditions]))
    if assessment.red_flags:
        parts.append(_section("Warning signs present", [f"{_md(f.label)}: {_md(f.why)}" for f in assessment.red_flags]))
    if triage.reasons:
        parts.append(_section("Why", [f"{_md(r.text)} ({_md(r.source)})" for r in triage.reasons]))
    if assessment.unanswered_red_flags:
        parts.append(
            _section(
                "Urgent signs not recorded either way (unknown is not absent); ask about them",
                [_md(f.label) for f in assessment.unanswered_red_flags],
            )
        )
    likely = [f"{_md(c.name)}: {percent(c.probability)}" for c in assessment.causes[:3]]
    if assessment.unlisted is not None:  # not a diagnosis: last, and said so
        likely.append(f"{_md(assessment.unlisted.name)} (not a diagnosis): {percent(assessment.unlisted.probability)}")
    parts.append(_section("Most likely causes", likely))
    if assessment.close_to_first:
        others = [c.name for c in assessment.causes if c.id in assessment.close_to_first]
        parts.append(_md(say_close_call(assessment.causes[0].name, others, ENGLISH)))
    if assessment.first_cause is not None:
        first = assessment.first_cause
        parts.append(_md(say_first_cause(first.right_share, first.development_cases, ENGLISH)))
    if read.not_used:
        parts.append(_section("Not used from the record", [_md(note) for note in read.not_used]))
    parts.append(f"_{_md(assessment.disclaimer)}_")
    return "\n\n".join(parts)


def _section(title: str, lines: list[str]) -> str:
    return f"**{title}:**\n\n" + "\n".join(f"- {line}" for line in lines)


def _md(text: str) -> str:
    """Text shown as itself in markdown: record codes and wording can hold `*`, `_` or `[`."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
