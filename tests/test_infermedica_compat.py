"""The Infermedica API v3-compatible endpoints (issue 14, part 1).

The acceptance test is Infermedica's own Python client, `infermedica-api`
1.0.0, unpatched, against a live server in a child process: info, the
vocabulary, parse, a whole diagnosis loop, explain, suggest, rationale and
triage. The in-process tests pin what a client cannot see for itself: that
the loop is the native interview (same questions, same triage, for every
public case), the error shapes, "don't know" remembered, and CORS.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import infermedica_api  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient

from twitchcheck.errors import SettingsError
from twitchcheck.interview.simulate import SimulatedPerson, run_interview
from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .conftest import FAST, PUBLIC_VIGNETTES
from .servers import served

V3 = "/compat/infermedica/v3"
CLINIC_SITE = "https://app.clinic.example"
OTHER_SITE = "https://evil.example"
INTEGRATION = Path(__file__).resolve().parents[1] / "docs" / "integration.md"
CASES: list[dict[str, Any]] = [json.loads(line) for line in PUBLIC_VIGNETTES.read_text(encoding="utf-8").splitlines()]
# `make test-fast` replays every fourth case (all five triage levels still among them); `make test` all of them.
REPLAYED_CASES = CASES[::4] if FAST else CASES


@pytest.fixture(scope="module")
def compat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("compat"), compat_cors_origins=CLINIC_SITE)
    with TestClient(create_app(settings), base_url="http://localhost") as client:
        yield client


def case_by_id(case_id: str) -> dict[str, Any]:
    return next(case for case in CASES if case["id"] == case_id)


def body(case: dict[str, Any], evidence: list[dict[str, str]]) -> dict[str, Any]:
    return {"sex": case["sex"], "age": {"value": case["age"]}, "evidence": evidence}


def initial_evidence(case: dict[str, Any]) -> list[dict[str, str]]:
    return [{"id": finding, "choice_id": "present", "source": "initial"} for finding in case["initial"]]


def answers_from(case: dict[str, Any], question: dict[str, Any]) -> list[dict[str, str]]:
    """The case answering like the native interview's simulated person, in Infermedica's terms.

    A checklist or a single question: present, absent, or unknown where the case says nothing. A one-of
    question (group_single) as a radio button: the one present item, or "don't know" for every item.
    """
    present, absent = set(case["present"]), set(case["absent"])
    ids = [item["id"] for item in question["items"]]
    if question["type"] == "group_single":
        chosen = [finding for finding in ids if finding in present]
        if chosen:
            return [{"id": chosen[0], "choice_id": "present"}]
        return [{"id": finding, "choice_id": "unknown"} for finding in ids]
    return [{"id": f, "choice_id": "present" if f in present else "absent" if f in absent else "unknown"} for f in ids]


# --- the acceptance test: Infermedica's own client against a live server ------------------------------


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`twitchcheck serve` in a child process on a free loopback port, with a fresh data folder."""
    env = {"TWITCHCHECK_DATA_DIR": str(tmp_path_factory.mktemp("live")), "TWITCHCHECK_COMPAT_CORS_ORIGINS": CLINIC_SITE}
    with served(env) as (url, _process):
        yield url


@pytest.mark.subprocess
def test_infermedicas_own_client_drives_a_whole_interview_on_a_live_server(live_server: str) -> None:
    api = infermedica_api.APIv3Connector(
        app_id="clinic-front-end", app_key="not-checked", endpoint=f"{live_server}/compat/infermedica/"
    )
    case = case_by_id("P001")  # eyelid twitching, short sleep and stress: self-care

    info = api.info()
    symptoms = api.symptom_list(age=case["age"])
    risk_factors = api.risk_factor_list(age=case["age"])
    assert info["symptoms_count"] == len(symptoms) and info["risk_factors_count"] == len(risk_factors)
    assert {"poor_sleep", "stress_anxiety_present"} <= {r["id"] for r in risk_factors}
    assert "twitch_eyelid" in {s["id"] for s in symptoms}
    assert api.symptom_details("twitch_eyelid", age=case["age"])["question"] == "Is an eyelid twitching?"

    parsed = api.parse(case["narrative"], age=case["age"])  # the client sends no sex to parse
    mentions = {m["id"]: m["choice_id"] for m in parsed["mentions"]}
    assert mentions["twitch_eyelid"] == "present" and mentions["poor_sleep"] == "present"
    evidence = [{"id": m["id"], "choice_id": m["choice_id"], "source": "initial"} for m in parsed["mentions"]]

    questions = 0
    interview_id = "d083e76f-3c29-44aa-8893-587f3691c0c5"
    while not (result := api.diagnosis(evidence, case["sex"], case["age"], interview_id=interview_id))["should_stop"]:
        question = result["question"]
        assert question["type"] in {"single", "group_single", "group_multiple"} and question["text"]
        assert all({c["id"] for c in item["choices"]} == {"present", "absent", "unknown"} for item in question["items"])
        if questions == 0:
            rationale = api.rationale(evidence, case["sex"], case["age"])
            assert rationale["extras"]["question_id"] == question["extras"]["question_id"] == "urgent:1"
            suggested = api.suggest(evidence, case["sex"], case["age"], suggest_method="red_flags", max_results=3)
            assert len(suggested) == 3 and all(s["id"] not in mentions for s in suggested)
        evidence += answers_from(case, question)
        questions += 1
        assert questions <= 40, "the interview never stopped"
    assert result["question"] is None and not result["has_emergency_evidence"]
    assert result["conditions"][0]["id"] in case["expected"]["causes"]

    explained = api.explain(result["conditions"][0]["id"], evidence, case["sex"], case["age"])
    assert "poor_sleep" in {e["id"] for e in explained["supporting_evidence"]}
    assert api.triage(evidence, case["sex"], case["age"])["triage_level"] == "self_care"

    breathing = [{"id": "breathing_difficulty", "choice_id": "present", "source": "initial"}]
    emergency = api.triage(breathing, "male", 58)
    assert emergency["triage_level"] == "emergency_ambulance"
    assert emergency["serious"] == [
        {
            "id": "breathing_difficulty",
            "name": "Trouble breathing",
            "common_name": "Trouble breathing",
            "is_emergency": True,
            "seriousness": "emergency",
        }
    ]
    stopped = api.diagnosis(breathing, "male", 58)
    assert stopped["should_stop"] and stopped["has_emergency_evidence"] and stopped["question"] is None


@pytest.mark.subprocess
def test_infermedicas_client_gets_its_own_exception_for_unknown_evidence(live_server: str) -> None:
    api = infermedica_api.APIv3Connector(app_id="a", app_key="b", endpoint=f"{live_server}/compat/infermedica/")
    with pytest.raises(infermedica_api.exceptions.BadRequest) as refused:
        api.diagnosis([{"id": "s_21", "choice_id": "present"}], "female", 30)
    assert refused.value.response.status_code == 400
    assert "unknown id 's_21'" in json.loads(refused.value.content)["message"]


def python_example(document: str) -> str:
    """The Python block of the Infermedica-compatible API section."""
    section = document.split("## The Infermedica-compatible API", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "no python example in the Infermedica-compatible section of docs/integration.md"
    return match.group(1)


@pytest.mark.subprocess
def test_the_documented_client_example_runs_and_prints_what_the_docs_say(live_server: str) -> None:
    code = python_example(INTEGRATION.read_text(encoding="utf-8"))
    promised = re.search(r"# prints: (.+)", code)
    assert promised and "http://127.0.0.1:8000/" in code
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code.replace("http://127.0.0.1:8000/", f"{live_server}/"), "integration.md", "exec"), {})
    assert printed.getvalue().strip() == promised.group(1).strip()


def test_the_documented_curl_call_answers_as_the_docs_show(compat: TestClient) -> None:
    section = INTEGRATION.read_text(encoding="utf-8").split("## The Infermedica-compatible API", 1)[1]
    curl = re.search(r"```sh\n(curl .*?)```", section, re.DOTALL)
    assert curl, "no curl example in the Infermedica-compatible section of docs/integration.md"
    command = curl.group(1)
    path = re.search(r"http://127\.0\.0\.1:8000(/\S+)", command)
    sent = re.search(r"-d '(.*?)'", command)
    assert path and sent
    headers = dict(tuple(h.split(": ", 1)) for h in re.findall(r"-H '([^']+)'", command))
    answer = compat.post(path.group(1), content=sent.group(1), headers=headers).json()
    assert answer["question"]["type"] == "group_multiple" and answer["should_stop"] is False
    assert answer["question"]["text"].startswith("First, the urgent signs.")
    assert answer["question"]["extras"]["question_id"] == "urgent:1"


# --- the same engine: the loop is the native interview ------------------------------------------------


@pytest.mark.parametrize("case", REPLAYED_CASES, ids=[case["id"] for case in REPLAYED_CASES])
def test_the_diagnosis_loop_asks_the_native_questions_and_reaches_the_native_triage(
    compat: TestClient, case: dict[str, Any]
) -> None:
    evidence = initial_evidence(case)
    asked: list[str] = []
    while not (result := compat.post(f"{V3}/diagnosis", json=body(case, evidence)).json())["should_stop"]:
        asked.append(result["question"]["extras"]["question_id"])
        evidence += answers_from(case, result["question"])
    person = SimulatedPerson.knowing(case["present"], case["absent"])
    native = run_interview(person, initial=case["initial"], age=case["age"], sex=case["sex"], handover=False)
    triage = compat.post(f"{V3}/triage", json=body(case, evidence)).json()

    assert asked == [record.question_id for record in native.history]
    assert result["extras"]["stop_reason"] == native.stop_reason
    assert triage["triage_level"] == result["extras"]["triage_level"] == native.assessment().triage.level


def test_a_dont_know_is_remembered_so_the_same_question_is_never_asked_again(compat: TestClient) -> None:
    case = case_by_id("P001")
    first = compat.post(f"{V3}/diagnosis", json=body(case, initial_evidence(case))).json()["question"]
    dont_know = [{"id": item["id"], "choice_id": "unknown"} for item in first["items"]]
    after = compat.post(f"{V3}/diagnosis", json=body(case, initial_evidence(case) + dont_know)).json()
    asked_again = {item["id"] for item in after["question"]["items"]} & {item["id"] for item in first["items"]}
    assert after["question"]["extras"]["question_id"] != first["extras"]["question_id"] and not asked_again
    assert after["extras"]["questions_asked"] == 1


def test_an_urgent_sign_read_from_free_text_never_stands_for_the_whole_urgent_checklist(compat: TestClient) -> None:
    """One urgent item denied outside the checklist (no source): the checklist still asks all the others."""
    case = case_by_id("P001")
    denied = [{"id": "breathing_difficulty", "choice_id": "absent"}]
    full = compat.post(f"{V3}/diagnosis", json=body(case, initial_evidence(case))).json()["question"]
    rest = compat.post(f"{V3}/diagnosis", json=body(case, initial_evidence(case) + denied)).json()["question"]
    assert rest["extras"]["phase"] == "urgent"
    assert {item["id"] for item in rest["items"]} == {item["id"] for item in full["items"]} - {"breathing_difficulty"}


def test_trouble_breathing_is_an_ambulance_and_stops_the_interview_at_once(compat: TestClient) -> None:
    evidence = [{"id": "breathing_difficulty", "choice_id": "present", "source": "initial"}]
    triage = compat.post(f"{V3}/triage", json={"age": {"value": 58}, "evidence": evidence}).json()
    diagnosis = compat.post(f"{V3}/diagnosis", json={"age": {"value": 58}, "evidence": evidence}).json()
    assert triage["triage_level"] == "emergency_ambulance" and triage["serious"][0]["is_emergency"]
    assert triage["root_cause"] == "breathing_trouble" and "911" in triage["extras"]["advice"]
    assert diagnosis["should_stop"] and diagnosis["has_emergency_evidence"]
    assert diagnosis["extras"]["stop_reason"] == "urgent"


def test_risk_factors_are_the_context_and_medicine_findings_and_symptoms_all_the_others(compat: TestClient) -> None:
    from twitchcheck.knowledge import load_knowledge

    kb = load_knowledge()
    symptoms = {s["id"] for s in compat.get(f"{V3}/symptoms").json()}
    risk_factors = {r["id"] for r in compat.get(f"{V3}/risk_factors").json()}
    assert risk_factors == {f.id for f in kb.findings if f.group in {"context", "medicines"}}
    assert symptoms == set(kb.finding_ids) - risk_factors
    assert len(compat.get(f"{V3}/conditions").json()) == len(kb.causes)


def test_parse_gives_present_and_absent_mentions_and_keeps_hedged_ones_out_of_the_evidence(
    compat: TestClient,
) -> None:
    text = "my left eyelid keeps jumping, no fever, not sure if my hand is weaker"
    parsed = compat.post(f"{V3}/parse", json={"text": text, "age": {"value": 30}}).json()
    assert {m["id"]: m["choice_id"] for m in parsed["mentions"]} == {"twitch_eyelid": "present", "fever": "absent"}
    assert "muscle_weakness" in parsed["extras"]["uncertain"] and parsed["obvious"] is False


def test_explain_lists_the_unknown_findings_the_cause_is_linked_to_as_unconfirmed(compat: TestClient) -> None:
    evidence = [
        {"id": "twitch_eyelid", "choice_id": "present", "source": "initial"},
        {"id": "poor_sleep", "choice_id": "present"},
        {"id": "fatigue", "choice_id": "unknown"},
        {"id": "fever", "choice_id": "absent"},
    ]
    explained = compat.post(
        f"{V3}/explain",
        json={"sex": "female", "age": {"value": 30}, "evidence": evidence, "target": "sleep_deprivation"},
    ).json()
    assert {"id": "poor_sleep", "choice_id": "present"}.items() <= explained["supporting_evidence"][0].items()
    assert [e["id"] for e in explained["unconfirmed_evidence"]] == ["fatigue"]


def test_infermedicas_headers_are_accepted_and_model_chooses_the_language(compat: TestClient) -> None:
    headers = {"App-Id": "clinic", "App-Key": "anything", "Interview-Id": "abc-123", "Model": "infermedica-fr"}
    french = compat.post(
        f"{V3}/diagnosis",
        headers=headers,
        json={"age": {"value": 30}, "evidence": [{"id": "fever", "choice_id": "absent"}]},
    )
    assert french.status_code == 200
    assert french.json()["question"]["items"][0]["choices"][0]["label"] == "Oui"


# --- errors: Infermedica's shape, never a 500 ----------------------------------------------------------


def assert_compat_error(response: Any, status: int, *, contains: str, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    error = response.json()
    assert set(error) == {"message", "code", "field"} and contains in error["message"]
    if field is not None:
        assert error["field"] == field


def test_an_unknown_evidence_id_is_a_400_naming_the_nearest_ids(compat: TestClient) -> None:
    evidence = [{"id": "twitch_eyelids", "choice_id": "present"}]
    response = compat.post(f"{V3}/diagnosis", json={"age": {"value": 30}, "evidence": evidence})
    assert_compat_error(response, 400, contains="did you mean 'twitch_eyelid'?", field="evidence")


@pytest.mark.parametrize(
    "evidence",
    [
        [{"id": "fever", "choice_id": "present"}, {"id": "fever", "choice_id": "absent"}],
        [
            {"id": "duration_under_2_weeks", "choice_id": "present", "source": "initial"},
            {"id": "duration_over_3_months", "choice_id": "present"},
        ],
    ],
    ids=["present-and-absent", "two-durations"],
)
@pytest.mark.parametrize("endpoint", ["diagnosis", "triage", "suggest", "rationale"])
def test_contradictory_evidence_is_a_400_in_infermedicas_shape_on_every_endpoint(
    compat: TestClient, endpoint: str, evidence: list[dict[str, str]]
) -> None:
    response = compat.post(f"{V3}/{endpoint}", json={"sex": "male", "age": {"value": 40}, "evidence": evidence})
    assert_compat_error(response, 400, contains="", field="evidence")


def test_malformed_json_a_wrong_choice_and_a_bad_age_are_400_not_422(compat: TestClient) -> None:
    broken = compat.post(f"{V3}/diagnosis", content=b'{"evidence": [', headers={"content-type": "application/json"})
    wrong_choice = compat.post(
        f"{V3}/triage", json={"age": {"value": 3}, "evidence": [{"id": "fever", "choice_id": "yes"}]}
    )
    too_old = compat.post(f"{V3}/triage", json={"age": {"value": 130}, "evidence": []})
    assert_compat_error(broken, 400, contains="not valid JSON")
    assert_compat_error(wrong_choice, 400, contains="choice_id")
    assert_compat_error(too_old, 400, contains="age 130 is out of range", field="age")


def test_an_unknown_target_concept_or_path_is_answered_in_infermedicas_shape(compat: TestClient) -> None:
    target = compat.post(f"{V3}/explain", json={"age": {"value": 30}, "evidence": [], "target": "c_49"})
    assert_compat_error(target, 400, contains="unknown target 'c_49'", field="target")
    assert_compat_error(compat.get(f"{V3}/symptoms/s_21"), 404, contains="no symptom 's_21'")
    assert_compat_error(compat.get(f"{V3}/lab_tests"), 404, contains="nothing at")
    assert_compat_error(compat.delete(f"{V3}/diagnosis"), 405, contains="DELETE is not allowed")


# --- browsers: CORS for the configured sites only --------------------------------------------------------


def preflight(client: TestClient, origin: str) -> Any:
    return client.options(
        f"{V3}/diagnosis",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "app-id, app-key, content-type, interview-id, model",
        },
    )


def test_a_configured_site_gets_the_preflight_and_may_post_with_infermedicas_headers(compat: TestClient) -> None:
    answered = preflight(compat, CLINIC_SITE)
    assert answered.status_code == 200
    assert answered.headers["access-control-allow-origin"] == CLINIC_SITE
    assert {"app-id", "app-key", "interview-id", "model"} <= {
        h.strip().lower() for h in answered.headers["access-control-allow-headers"].split(",")
    }
    posted = compat.post(
        f"{V3}/diagnosis",
        headers={"Origin": CLINIC_SITE, "App-Id": "clinic"},
        json={"age": {"value": 30}, "evidence": [{"id": "twitch_eyelid", "choice_id": "present", "source": "initial"}]},
    )
    assert posted.status_code == 200 and posted.headers["access-control-allow-origin"] == CLINIC_SITE


def test_any_other_site_gets_no_preflight_and_its_posts_are_refused(compat: TestClient) -> None:
    refused = preflight(compat, OTHER_SITE)
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    posted = compat.post(f"{V3}/triage", headers={"Origin": OTHER_SITE}, json={"evidence": []})
    assert_compat_error(posted, 403, contains="TWITCHCHECK_COMPAT_CORS_ORIGINS")
    assert "access-control-allow-origin" not in posted.headers


def test_the_compat_origins_open_only_the_compat_api_not_the_diary(compat: TestClient) -> None:
    entry = {"when": "2024-05-01T08:00:00+00:00", "locations": ["twitch_eyelid"], "bouts": 3, "bout_seconds": 5}
    diary = compat.post("/api/v1/diary/entries", headers={"Origin": CLINIC_SITE}, json={**entry, "intensity": 2})
    assert diary.status_code == 403 and "access-control-allow-origin" not in diary.headers


def test_a_cors_origin_that_is_not_an_origin_stops_the_app_with_the_fix(tmp_path: Path) -> None:
    for wrong in ("*", "app.clinic.example", "https://app.clinic.example/intake"):
        with pytest.raises(SettingsError, match="scheme://host"):
            create_app(Settings(data_dir=tmp_path, compat_cors_origins=wrong))
