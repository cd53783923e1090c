"""The JSON API: every endpoint and every error, through FastAPI's test client."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from twitchcheck.cli import app as cli_app


def assert_error(response, status: int, *, field: str | None = None, contains: str = "") -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) <= {"status", "code", "message", "field"}
    assert error["status"] == status
    assert contains in error["message"]
    if field is not None:
        assert error["field"] == field


def test_health_check_reports_knowledge_version_and_database(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["knowledge_version"].startswith("kb-")


def test_assess_returns_exactly_what_the_cli_prints(client: TestClient) -> None:
    case = {"age": 30, "sex": "female", "present": ["twitch_eyelid", "poor_sleep"], "absent": ["fever"]}
    api = client.post("/api/v1/assess", json=case).json()
    cli = CliRunner().invoke(
        cli_app,
        [
            "assess",
            "--present",
            "twitch_eyelid,poor_sleep",
            "--absent",
            "fever",
            "--age",
            "30",
            "--sex",
            "female",
            "--json",
        ],
    )
    assert api == json.loads(cli.output)


def test_an_emergency_case_is_an_emergency_through_the_api(client: TestClient) -> None:
    body = client.post("/api/v1/assess", json={"present": ["breathing_difficulty"]}).json()
    assert body["triage"]["level"] == "emergency_ambulance"
    assert body["red_flags"][0]["id"] == "breathing_difficulty"


def test_unknown_finding_is_422_naming_the_field_and_the_fix(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json={"present": ["twitch_eyelids"]})
    assert_error(response, 422, field="present", contains="did you mean 'twitch_eyelid'")


def test_finding_both_present_and_absent_is_422(client: TestClient) -> None:
    response = client.post("/api/v1/assess", json={"present": ["fever"], "absent": ["fever"]})
    assert_error(response, 422, field="absent", contains="both present and absent")


def test_age_out_of_range_is_422_on_age(client: TestClient) -> None:
    assert_error(client.post("/api/v1/assess", json={"age": 300}), 422, field="age")


def test_unknown_field_is_422_naming_it(client: TestClient) -> None:
    assert_error(client.post("/api/v1/assess", json={"agee": 30}), 422, field="agee", contains="unknown field")


def test_malformed_json_is_422_never_500(client: TestClient) -> None:
    response = client.post("/api/v1/assess", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(response, 422, field="body", contains="not valid JSON")


def test_a_body_that_is_not_an_object_is_422(client: TestClient) -> None:
    assert_error(client.post("/api/v1/assess", json=["fever"]), 422)


def test_body_too_large_is_413(client: TestClient) -> None:
    big = json.dumps({"present": ["x" * 70_000]}).encode()
    response = client.post("/api/v1/assess", content=big, headers={"content-type": "application/json"})
    assert_error(response, 413, contains="larger than")


def test_body_too_large_without_content_length_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"present": ["'
        for _ in range(80):
            yield b"x" * 1000
        yield b'"]}'

    response = client.post("/api/v1/assess", content=chunks(), headers={"content-type": "application/json"})
    assert_error(response, 413)


def test_unknown_route_is_404_in_the_same_shape(client: TestClient) -> None:
    assert_error(client.get("/api/v1/nothing-here"), 404, contains="/api/v1/docs")


def test_wrong_method_is_405_in_the_same_shape(client: TestClient) -> None:
    response = client.get("/api/v1/assess")
    assert_error(response, 405)
    assert response.json()["error"]["message"].endswith("use POST") and response.headers["allow"] == "POST"
    entry = client.put("/api/v1/diary/entries/1")
    assert entry.headers["allow"] == "DELETE, GET, PATCH"


def test_switching_language_on_the_page_after_a_form_error_shows_the_start_page(client: TestClient) -> None:
    response = client.get("/start?lang=fr", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    assert "Décrivez" in client.get("/start?lang=fr").text


def test_knowledge_endpoints_list_causes_and_findings_with_sources(client: TestClient) -> None:
    causes = client.get("/api/v1/knowledge/causes").json()
    findings = client.get("/api/v1/knowledge/findings").json()
    assert {"als", "benign_fasciculation"} <= {c["id"] for c in causes}
    assert all(c["source"] for c in causes)
    weakness = next(f for f in findings if f["id"] == "muscle_weakness")
    assert weakness["warning_sign"] and weakness["why_it_matters"] and weakness["question"]


def test_openapi_is_served_under_the_versioned_prefix(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/assess" in spec["paths"]


def test_a_request_may_not_report_more_findings_than_a_person_can(client: TestClient) -> None:
    """At most 30 present findings: no one request can make the engine do its worst-case work."""
    findings = sorted(client.get("/api/v1/knowledge/findings").json(), key=lambda f: f["id"])
    ids = [f["id"] for f in findings if not f["id"].startswith("duration_")][:31]
    assert_error(client.post("/api/v1/assess", json={"present": ids}), 422, contains="30")
