"""CDS Hooks 2.0 (issue 14, part 4): discovery, the patient-view card, and clear refusals.

Every response is checked against pydantic models written from the CDS Hooks
2.0 specification's tables (no maintained validator exists: `cds-validator`
on npm follows a pre-1.0 draft). The models forbid unknown keys and encode the
spec's rules: a summary under 140 characters, `indicator` one of three, a link
`absolute` or `smart` (`appContext` only on `smart`), `selectionBehavior`
whenever there are suggestions, and no empty optional values.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field, model_validator

from twitchcheck import KnowledgeBase, assess
from twitchcheck.evaluation import load_cases
from twitchcheck.interop.cds_hooks import PREFETCH, SERVICE_ID, evidence_from_prefetch
from twitchcheck.interop.fhir import CODE_SYSTEM, assessment_bundle
from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .conftest import PUBLIC_VIGNETTES

SERVICE = f"/cds-services/{SERVICE_ID}"
INTEGRATION = Path(__file__).resolve().parents[1] / "docs" / "integration.md"
ICD_10 = "http://hl7.org/fhir/sid/icd-10"
# An age that does not depend on the day the tests run (a birthDate would).
AGE_35 = {"url": "https://twitchcheck.example/fhir/StructureDefinition/age-years", "valueInteger": 35}


# --- the specification's tables as models -----------------------------------------------------------


class _Spec(BaseModel):
    """CDS Hooks 2.0: no key outside the table; an OPTIONAL value is omitted, never null or empty."""

    model_config = ConfigDict(extra="forbid", strict=True)

    @model_validator(mode="before")
    @classmethod
    def no_empty_values(cls, data: Any) -> Any:
        if isinstance(data, dict):
            empty = [key for key, value in data.items() if value in (None, "", [], {})]
            assert not empty or empty == ["cards"], f"null or empty values are not allowed: {empty}"
        return data


class Service(_Spec):
    hook: str
    title: str | None = None
    description: str
    id: str
    prefetch: dict[str, str] | None = None
    usageRequirements: str | None = None


class Discovery(_Spec):
    services: list[Service]


class Coding(_Spec):
    code: str
    system: str | None = None
    display: str | None = None


class Source(_Spec):
    label: str
    url: str | None = None
    icon: str | None = None
    topic: Coding | None = None


class Action(_Spec):
    type: Literal["create", "update", "delete"]
    description: str
    resource: dict[str, Any] | None = None
    resourceId: str | None = None


class Suggestion(_Spec):
    label: str
    uuid: str | None = None
    isRecommended: bool | None = None
    actions: list[Action] | None = None


class Link(_Spec):
    label: str
    url: str
    type: Literal["absolute", "smart"]
    appContext: str | None = None

    @model_validator(mode="after")
    def app_context_only_for_smart(self) -> Link:
        assert self.appContext is None or self.type == "smart", "appContext is not valid on absolute links"
        if self.type == "absolute":
            assert urlsplit(self.url).scheme in ("http", "https"), "an absolute link needs an absolute URL"
        return self


class Card(_Spec):
    uuid: str | None = None
    summary: str = Field(max_length=139)
    detail: str | None = None
    indicator: Literal["info", "warning", "critical"]
    source: Source
    suggestions: list[Suggestion] | None = None
    selectionBehavior: Literal["at-most-one", "any"] | None = None
    overrideReasons: list[Coding] | None = None
    links: list[Link] | None = None

    @model_validator(mode="after")
    def suggestions_need_a_selection_behavior(self) -> Card:
        assert not self.suggestions or self.selectionBehavior is not None
        return self


class CdsResponse(_Spec):
    cards: list[Card]
    systemActions: list[Action] | None = None


# --- helpers ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One server for the module: the service keeps nothing between calls, as CDS Hooks services must not."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("cds"), accounts="off")
    with TestClient(create_app(settings), base_url="http://localhost") as client:
        yield client


def observation(code: str, value: bool | None, *, system: str = CODE_SYSTEM, patient: str = "p1") -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "subject": {"reference": f"Patient/{patient}"},
        "code": {"coding": [{"system": system, "code": code}]},
    }
    if value is None:
        resource["dataAbsentReason"] = {"coding": [{"code": "asked-unknown"}]}
    else:
        resource["valueBoolean"] = value
    return resource


def call(
    observations: list[dict[str, Any]], *, patient: dict[str, Any] | None = None, **changes: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "hook": "patient-view",
        "hookInstance": str(uuid.uuid4()),
        "context": {"patientId": "p1", "userId": "Practitioner/example"},
        "prefetch": {
            "patient": patient or {"resourceType": "Patient", "id": "p1", "gender": "female", "extension": [AGE_35]},
            "observations": {
                "resourceType": "Bundle",
                "type": "searchset",
                "entry": [{"resource": o} for o in observations],
            },
            "conditions": None,
        },
    }
    body.update(changes)
    return body


def cards(client: TestClient, body: dict[str, Any]) -> list[Card]:
    answer = client.post(SERVICE, json=body)
    assert answer.status_code == 200, answer.text
    return CdsResponse.model_validate(answer.json()).cards


# --- discovery -------------------------------------------------------------------------------------


def test_discovery_lists_the_patient_view_service_in_the_specifications_shape(client: TestClient) -> None:
    answer = client.get("/cds-services")
    assert answer.status_code == 200
    (service,) = Discovery.model_validate(answer.json()).services
    assert (service.hook, service.id, service.prefetch) == ("patient-view", SERVICE_ID, PREFETCH)
    assert all("{{context.patientId}}" in template for template in PREFETCH.values())


# --- cards -----------------------------------------------------------------------------------------


def test_trouble_breathing_gives_a_critical_card_naming_the_emergency_first(client: TestClient) -> None:
    (card,) = cards(client, call([observation("twitch_eyelid", True), observation("breathing_difficulty", True)]))
    result = assess(present=["twitch_eyelid", "breathing_difficulty"], age=35, sex="female")
    assert result.triage.level == "emergency_ambulance" and result.emergency_conditions
    assert card.indicator == "critical"
    assert card.summary.startswith(result.emergency_conditions[0].name)
    assert card.detail is not None and "Trouble breathing" in card.detail and result.triage.advice in card.detail
    assert card.source.label == "twitchcheck" and card.uuid is not None and uuid.UUID(card.uuid)


def test_an_eyelid_twitch_gives_an_info_card_with_the_reasons_and_the_unanswered_urgent_signs(
    client: TestClient,
) -> None:
    (card,) = cards(client, call([observation("twitch_eyelid", True), observation("fever", False)]))
    result = assess(present=["twitch_eyelid"], absent=["fever"], age=35, sex="female")
    assert result.triage.level == "self_care"
    assert card.indicator == "info" and card.summary == f"Muscle twitching: {result.triage.title}"
    assert card.detail is not None
    assert result.triage.reasons[0].text.split(":")[0] in card.detail
    assert "unknown is not absent" in card.detail
    assert all(flag.label in card.detail for flag in result.unanswered_red_flags)


@pytest.mark.parametrize(
    ("present", "indicator"),
    [(["twitch_eyelid"], "info"), (["twitch_eyelid", "muscle_weakness"], "warning")],
)
def test_the_indicator_follows_the_triage_level(client: TestClient, present: list[str], indicator: str) -> None:
    (card,) = cards(client, call([observation(code, True) for code in present]))
    level = assess(present=present, age=35, sex="female").triage
    assert card.indicator == indicator, level.level
    assert (indicator == "warning") == (not level.emergency and level.level != "self_care")


def test_a_chart_with_nothing_of_ours_present_gets_no_card(client: TestClient) -> None:
    assert cards(client, call([observation("fever", False)])) == []
    assert cards(client, call([], prefetch={"patient": None, "observations": None})) == []


def test_an_urgent_sign_without_any_twitching_still_gets_its_critical_card(client: TestClient) -> None:
    (card,) = cards(client, call([observation("first_seizure", True)]))
    assert card.indicator == "critical"


def test_dont_know_is_not_read_as_absent(kb: KnowledgeBase) -> None:
    prefetch = call([observation("twitch_eyelid", True), observation("breathing_difficulty", None)])["prefetch"]
    read = evidence_from_prefetch(prefetch, kb, patient_id="p1", today=date(2025, 5, 1))
    assert read.present == {"twitch_eyelid"} and read.absent == set()


def test_codes_of_other_systems_are_left_out_and_named_in_the_card(client: TestClient) -> None:
    icd = observation("R25.3", True, system=ICD_10)
    (card,) = cards(client, call([observation("twitch_eyelid", True), icd]))
    assert card.detail is not None and "Not used from the record" in card.detail and "R25.3" in card.detail


def test_age_comes_from_our_extension_or_from_the_birth_date_on_the_day_of_the_call(kb: KnowledgeBase) -> None:
    def age(patient: dict[str, Any], today: date) -> int | None:
        return evidence_from_prefetch({"patient": patient}, kb, today=today).age

    born = {"resourceType": "Patient", "birthDate": "1990-05-02"}
    assert (age(born, date(2025, 5, 1)), age(born, date(2025, 5, 2))) == (34, 35)
    ours = {"resourceType": "Patient", "extension": [{"url": "https://x.example/age-years", "valueInteger": 61}]}
    assert age({**ours, **born}, date(2025, 5, 1)) == 61


def test_the_later_of_two_disagreeing_dated_records_wins(kb: KnowledgeBase) -> None:
    old = {**observation("fever", True), "effectiveDateTime": "2024-01-03"}
    new = {**observation("fever", False), "effectiveDateTime": "2025-02-01"}
    read = evidence_from_prefetch({"o": old, "n": new}, kb, today=date(2025, 5, 1))
    assert read.absent == {"fever"} and read.present == set()


@pytest.mark.parametrize("case", load_cases(PUBLIC_VIGNETTES)[:10], ids=lambda c: c.id)
def test_our_own_fhir_export_as_prefetch_gives_the_triage_it_came_from(
    client: TestClient, kb: KnowledgeBase, case: Any
) -> None:
    result = assess(present=case.present, absent=case.absent, age=case.age, sex=case.sex)
    bundle = json.loads(json.dumps(assessment_bundle(result, kb)))
    read = evidence_from_prefetch({"record": bundle}, kb, patient_id="p1", today=date(2025, 5, 1))
    again = assess(present=read.present, absent=read.absent, age=read.age, sex=read.sex)
    assert again.triage.level == result.triage.level
    assert [(c.id, c.probability) for c in again.causes] == [(c.id, c.probability) for c in result.causes]
    answered = cards(client, call([], prefetch={"record": bundle}))
    if result.evidence.present:
        assert answered[0].summary == (
            f"{result.emergency_conditions[0].name}: {result.triage.title}"
            if result.emergency_conditions
            else f"Muscle twitching: {result.triage.title}"
        )


# --- the link: it shows the findings; only the person's Start begins an interview --------------------


def test_the_cards_link_prefills_the_start_page_without_starting_anything(client: TestClient) -> None:
    (card,) = cards(client, call([observation("twitch_eyelid", True), observation("fever", False)]))
    assert card.links is not None and card.links[0].type == "absolute"
    link = urlsplit(card.links[0].url)
    assert parse_qs(link.query) == {"present": ["twitch_eyelid"], "absent": ["fever"], "age": ["35"], "sex": ["female"]}
    page = client.get(f"{link.path}?{link.query}")
    assert page.status_code == 200
    assert '<input type="hidden" name="present" value="twitch_eyelid">' in page.text
    assert '<input type="hidden" name="absent" value="fever">' in page.text
    assert re.search(r'name="age"[^>]*value="35"', page.text)
    token = re.search(r'name="form_token" value="([^"]+)"', page.text)
    assert token
    started = client.post(
        "/start",
        data={
            "form_token": token.group(1),
            "present": "twitch_eyelid",
            "absent": "fever",
            "age": "35",
            "sex": "female",
        },
        follow_redirects=False,
    )
    assert started.status_code == 303
    first = client.get(started.headers["location"])
    assert "What we understood" in first.text and "No: Fever" in first.text


def test_a_link_with_unknown_or_contradictory_ids_carries_only_what_is_known(client: TestClient) -> None:
    page = client.get("/?present=twitch_eyelid,not_a_finding,fever&absent=fever&age=abc")
    assert page.status_code == 200
    assert 'name="present" value="twitch_eyelid"' in page.text
    assert "not_a_finding" not in page.text and 'value="fever"' not in page.text


# --- refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"hook": "order-select"}, "hook", "answers only 'patient-view'"),
        ({"hookInstance": "not-a-uuid"}, "hookInstance", "must be a UUID"),
        ({"hookInstance": "{d1577c69-dfbe-44ad-ba6d-3e05e953b2ea}"}, "hookInstance", "must be a UUID"),
        ({"context": {}}, "context", "context.patientId is required"),
        ({"prefetch": {"observations": "Observation?patient=p1"}}, "prefetch.observations", "FHIR resource"),
        ({"prefetch": {"x": observation("twitch_eyelids", True)}}, "prefetch", "did you mean 'twitch_eyelid'"),
        ({"prefetch": {"x": observation("twitch_eyelid", True, patient="p2")}}, "prefetch", "another's record"),
        ({"fhirAuthorization": {"access_token": "t"}}, "fhirServer", "needs fhirServer"),
        ({"prefetch": {"p": {"resourceType": "Patient", "birthDate": "05/01/1990"}}}, "prefetch", "not a FHIR date"),
    ],
)
def test_a_malformed_call_gets_a_400_that_names_the_fix(
    client: TestClient, change: dict[str, Any], field: str, words: str
) -> None:
    answer = client.post(SERVICE, json=call([observation("twitch_eyelid", True)], **change))
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["field"] == field and words in error["message"]


def test_a_contradiction_in_the_record_is_a_400_not_a_guess(client: TestClient) -> None:
    answer = client.post(SERVICE, json=call([observation("fever", True), observation("fever", False)]))
    assert answer.status_code == 400 and "both yes and no to 'fever'" in answer.json()["error"]["message"]


@pytest.mark.parametrize("change", [{"prefetch": None}, {"prefetch": {}}, {"fhirServer": "https://ehr.example/fhir"}])
def test_a_call_without_prefetch_gets_the_412_the_specification_names(
    client: TestClient, change: dict[str, Any]
) -> None:
    body = call([])
    body.pop("prefetch")
    body.update(change)
    answer = client.post(SERVICE, json=body)
    assert answer.status_code == 412
    assert (
        answer.json()["error"]["code"] == "prefetch_missing" and "does not fetch" in answer.json()["error"]["message"]
    )


@pytest.mark.parametrize("sent", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe"])
def test_a_body_that_is_not_a_call_is_a_400_never_a_500(client: TestClient, sent: bytes) -> None:
    answer = client.post(SERVICE, content=sent, headers={"content-type": "application/json"})
    assert answer.status_code == 400 and answer.json()["error"]["field"] == "body"


def test_a_page_of_another_site_may_not_call_the_service_from_a_browser(client: TestClient) -> None:
    answer = client.post(
        SERVICE, json=call([observation("twitch_eyelid", True)]), headers={"Origin": "https://evil.example"}
    )
    assert answer.status_code == 403


# --- the documented example ------------------------------------------------------------------------


def test_the_documented_curl_call_answers_as_the_docs_show(client: TestClient) -> None:
    section = INTEGRATION.read_text(encoding="utf-8").split("## CDS Hooks", 1)[1]
    curl = re.search(r"```sh\n(curl .*?)```", section, re.DOTALL)
    assert curl, "no curl example in the CDS Hooks section of docs/integration.md"
    path = re.search(r"http://127\.0\.0\.1:8000(/\S+)", curl.group(1))
    sent = re.search(r"-d '(.*?)'", curl.group(1), re.DOTALL)
    assert path and sent
    answer = client.post(
        path.group(1).strip("'\""), content=sent.group(1), headers={"content-type": "application/json"}
    )
    (card,) = CdsResponse.model_validate(answer.json()).cards
    promised = re.search(r'# -> .*"indicator": "(\w+)"', curl.group(1))
    assert promised and card.indicator == promised.group(1)
