"""The interview as an SDC adaptive questionnaire (issue 14, part 3): `$next-question` to the end.

A form engine sends what it has, gets the next question, and at the end the
result; the questions and the triage are the native interview's.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from twitchcheck import Assessor, KnowledgeBase
from twitchcheck.evaluation import load_cases
from twitchcheck.interop.fhir import validate
from twitchcheck.interop.sdc import (
    ANSWER_SYSTEM,
    INITIAL,
    NO_URGENT_SIGN,
    STATIC_QUESTIONNAIRE_URL,
    WHILE_YOU_WAIT,
    static_questionnaire,
)
from twitchcheck.interview import Question
from twitchcheck.interview.simulate import SimulatedPerson, run_interview
from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .conftest import FAST, PUBLIC_VIGNETTES

CASES = load_cases(PUBLIC_VIGNETTES)[: 1 if FAST else None]  # each case replays its interview at every step


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with TestClient(create_app(Settings(data_dir=tmp_path_factory.mktemp("sdc"))), base_url="http://localhost") as c:
        yield c


def coding(finding: str, reply: str) -> dict[str, Any]:
    return {"valueCoding": {"system": ANSWER_SYSTEM, "code": f"{finding}={reply}"}}


def answer_item(item: dict[str, Any], person: SimulatedPerson) -> dict[str, Any]:
    findings = list(dict.fromkeys(o["valueCoding"]["code"].split("=")[0] for o in item["answerOption"]))
    return {"linkId": item["linkId"], "answer": [coding(f, person.reply(f)) for f in findings]}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_next_question_completes_the_interview_with_the_native_questions_and_triage(
    client: TestClient, assessor: Assessor, case: Any
) -> None:
    person = SimulatedPerson.knowing(case.present, case.absent)
    response: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "status": "in-progress",
        "item": [{"linkId": INITIAL, "answer": [coding(f, "yes") for f in case.initial]}] if case.initial else [],
    }
    asked = []
    for _ in range(60):
        reply = client.post("/fhir/Questionnaire/$next-question", json=response)
        assert reply.status_code == 200, reply.text
        response = reply.json()
        validate(response)
        if response["status"] == "completed":
            break
        item = response["contained"][0]["item"][-1]
        asked.append(item["linkId"])
        response["item"].append(answer_item(item, person))
    assert response["status"] == "completed"
    native = run_interview(person, initial=case.initial, age=None, sex=None, handover=False, assessor=assessor)
    assert asked == [record.question_id for record in native.state.history]
    result = next(r for r in response["contained"] if r["resourceType"] == "GuidanceResponse")
    assert result["reasonCode"][0]["coding"][0]["code"] == native.assessment().triage.level


def test_an_answer_to_a_question_that_was_not_asked_is_refused_naming_it(client: TestClient) -> None:
    response = {
        "resourceType": "QuestionnaireResponse",
        "status": "in-progress",
        "item": [{"linkId": "finding:poor_sleep", "answer": [coding("poor_sleep", "yes")]}],
    }
    refused = client.post("/fhir/Questionnaire/$next-question", json=response)
    assert refused.status_code == 422 and "finding:poor_sleep" in refused.json()["error"]["message"]
    bad = client.post("/fhir/Questionnaire/$next-question", json={"resourceType": "Patient"})
    assert bad.status_code == 422
    assert client.post("/fhir/Questionnaire/$next-question", content=b"{nope").status_code == 422


def test_parameters_wrapping_the_response_are_accepted(client: TestClient) -> None:
    wrapped = {
        "resourceType": "Parameters",
        "parameter": [
            {
                "name": "questionnaire-response",
                "resource": {"resourceType": "QuestionnaireResponse", "status": "in-progress"},
            }
        ],
    }
    first = client.post("/fhir/Questionnaire/$next-question", json=wrapped).json()
    assert first["contained"][0]["item"][0]["linkId"] == "urgent:1"


def test_each_question_offers_yes_no_and_dont_know_for_every_option(assessor: Assessor) -> None:
    from twitchcheck.interop.sdc import _item
    from twitchcheck.interview import Interview

    question: Question | None = Interview.start(assessor=assessor).next_question()
    assert question is not None
    item = _item(question)
    assert len(item["answerOption"]) == 3 * len(question.options) and item["repeats"]


# --- the whole interview as one static Questionnaire ------------------------------------------------


def items_of(questionnaire: dict[str, Any]) -> dict[str, tuple[str | None, dict[str, Any]]]:
    """Every question item by linkId, with the group it sits in (None at the top)."""
    found: dict[str, tuple[str | None, dict[str, Any]]] = {}
    for item in questionnaire["item"]:
        if item["type"] == "group":
            found.update({child["linkId"]: (item["linkId"], child) for child in item["item"]})
        else:
            found[item["linkId"]] = (None, item)
    return found


def findings_of(item: dict[str, Any]) -> set[str]:
    return {option["valueCoding"]["code"].split("=")[0] for option in item["answerOption"]}


STATIC_CASES = load_cases(PUBLIC_VIGNETTES)[:: 35 if FAST else 1]  # the first, and an emergency with its hand-over


@pytest.mark.parametrize("case", STATIC_CASES, ids=lambda c: c.id)
def test_the_static_questionnaire_holds_every_question_the_interview_asks_under_its_condition(
    assessor: Assessor, case: Any
) -> None:
    items = items_of(static_questionnaire(assessor.kb))
    person = SimulatedPerson.knowing(case.present, case.absent)
    native = run_interview(person, initial=case.initial, age=case.age, sex=case.sex, assessor=assessor)
    urgent = native.urgent
    for record in native.state.history:
        phase = record.question_id.partition(":")[0]
        if phase in ("together", "closing"):
            continue  # made from the answers so far; a static form asks each of its findings on its own (checked below)
        group, item = items[record.question_id]
        expected = None if phase == "urgent" else WHILE_YOU_WAIT if phase == "handover" else NO_URGENT_SIGN
        assert group == expected, record.question_id
        assert set(record.replies) <= findings_of(item) or phase in ("warning_signs", "handover"), record.question_id
        if phase == "handover":
            assert urgent
    asked = {fid for record in native.state.history for fid in record.replies}
    offered = {fid for _group, item in items.values() for fid in findings_of(item)}
    assert asked <= offered


def test_the_static_questionnaire_asks_the_rest_only_when_no_urgent_sign_applies(kb: KnowledgeBase) -> None:
    questionnaire = static_questionnaire(kb)
    groups = {item["linkId"]: item for item in questionnaire["item"] if item["type"] == "group"}
    yes = {(w["question"], w["answerCoding"]["code"]) for w in groups[NO_URGENT_SIGN]["enableWhen"]}
    urgent_items = [item for item in questionnaire["item"] if item["linkId"].startswith("urgent:")]
    assert yes == {(item["linkId"], f"{fid}=yes") for item in urgent_items for fid in findings_of(item)}
    assert {fid for item in urgent_items for fid in findings_of(item)} == kb.acute_red_flag_ids
    assert {w["operator"] for w in groups[NO_URGENT_SIGN]["enableWhen"]} == {"!="}
    assert groups[NO_URGENT_SIGN]["enableBehavior"] == "all"
    assert {w["operator"] for w in groups[WHILE_YOU_WAIT]["enableWhen"]} == {"="}
    assert groups[WHILE_YOU_WAIT]["enableBehavior"] == "any"
    every_finding = {fid for _group, item in items_of(questionnaire).values() for fid in findings_of(item)}
    assert every_finding == set(kb.finding_ids)  # nothing the knowledge base can ask is left out


def test_the_static_questionnaire_asks_a_follow_up_only_after_its_lead_is_answered_yes(kb: KnowledgeBase) -> None:
    items = items_of(static_questionnaire(kb))
    follow_ups = {f.id: f.asked_after for f in kb.findings if f.asked_after}
    assert follow_ups, "test setup: the knowledge base has a follow-up question"
    for fid, leads in follow_ups.items():
        item = next(item for _group, item in items.values() if fid in findings_of(item))
        expected = {
            (items_link, f"{lead}=yes")
            for lead in leads
            for items_link, (_g, it) in items.items()
            if lead in findings_of(it)
        }
        assert {(w["question"], w["answerCoding"]["code"]) for w in item["enableWhen"]} == expected
        assert {w["operator"] for w in item["enableWhen"]} == {"="}
        assert item["enableBehavior"] == "any"


def test_the_static_questionnaire_is_served_at_its_canonical_path(client: TestClient) -> None:
    response = client.get("/fhir/Questionnaire/twitchcheck")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/fhir+json")
    assert response.json()["url"] == STATIC_QUESTIONNAIRE_URL
    validate(response.json())
