"""Other websites and other hosts cannot act on someone's diary (issue 15, items 1, 2 and 6).

Each test is one attack a tester ran against a live server, now refused: a form
posted from another origin, a page without its form token, DNS rebinding, a
remote client of a server without accounts, and inputs that used to reach the
database as 500s (ids past 32 bits, NUL bytes, dates at the edge of the range).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from twitchcheck.errors import SettingsError
from twitchcheck.settings import Settings
from twitchcheck.web import create_app
from twitchcheck.web.protection import FORM_COOKIE, RequestDeadline

from .forms import form_data

EVIL = "http://evil.example"
ENTRY = {"when": "2024-05-01T08:00:00+00:00", "locations": ["twitch_eyelid"], "bouts": 3, "bout_seconds": 5}


def entry_count(client: TestClient, headers: dict[str, str] | None = None) -> int:
    return len(client.get("/api/v1/diary/entries", headers=headers).json())


def test_a_form_posted_from_another_website_adds_nothing_and_erases_nothing(local: TestClient) -> None:
    assert local.post("/api/v1/diary/entries", json={**ENTRY, "intensity": 2}).status_code == 201
    fields = form_data(local, {"locations": ["twitch_eyelid"], "bouts": "3", "intensity": "2", "bout_seconds": "5"})

    added = local.post("/diary/entries", data=fields, headers={"Origin": EVIL})
    erased = local.post("/diary/erase", data=form_data(local, {"confirm": "yes"}), headers={"Referer": EVIL + "/x"})

    assert added.status_code == erased.status_code == 403
    assert "another site" in added.text or "this site" in added.text
    assert entry_count(local) == 1


def test_a_page_form_without_this_browsers_token_is_refused_even_without_an_origin(local: TestClient) -> None:
    local.get("/")
    refused = local.post("/diary/erase", data={"confirm": "yes", "form_token": "guessed-token-guessed-token"})
    missing = local.post("/start", data={"text": "eyelid twitching"})
    assert refused.status_code == missing.status_code == 403
    assert local.post("/start", data=form_data(local, {"text": "eyelid twitching"})).status_code == 200


def test_the_json_api_refuses_a_browser_request_from_another_origin_but_serves_programs(local: TestClient) -> None:
    refused = local.post("/api/v1/diary/entries", json={**ENTRY, "intensity": 2}, headers={"Origin": EVIL})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "request_refused"
    assert (
        local.post("/api/v1/diary/erase", json={"confirm": "erase everything"}, headers={"Origin": "null"}).status_code
        == 403
    )
    same_site = local.post(
        "/api/v1/diary/entries", json={**ENTRY, "intensity": 2}, headers={"Origin": "http://localhost"}
    )
    assert same_site.status_code == 201
    assert local.post("/api/v1/diary/entries", json={**ENTRY, "intensity": 3}).status_code == 201  # curl, scripts
    assert entry_count(local) == 2


def test_a_request_for_another_host_name_gets_nothing_which_stops_dns_rebinding(local: TestClient) -> None:
    local.post("/api/v1/diary/entries", json={**ENTRY, "intensity": 2})
    rebound = local.get("/api/v1/diary/export", headers={"Host": "attacker.example"})
    assert rebound.status_code == 400 and "entries" not in rebound.text
    assert local.get("/api/v1/diary/export", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_a_clinic_server_answers_only_the_host_names_it_is_given(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, accounts="on", host="0.0.0.0", allowed_hosts="twitch.clinic.example")
    with TestClient(create_app(settings), base_url="https://twitch.clinic.example") as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/healthz", headers={"Host": "localhost"}).status_code == 400


def test_sign_in_from_another_website_is_refused_so_no_one_is_signed_into_an_attackers_account(
    server: TestClient,
) -> None:
    credentials = {"username": "mallory", "password": "a long enough password for mallory"}
    assert server.post("/api/v1/accounts", json=credentials).status_code == 201
    server.cookies.clear()
    response = server.post("/signin", data=form_data(server, credentials), headers={"Origin": EVIL})
    assert response.status_code == 403
    assert "twitchcheck_session" not in response.cookies


def test_a_signed_in_persons_diary_cannot_be_changed_from_another_website(server: TestClient) -> None:
    credentials = {"username": "ann", "password": "a long enough password for ann"}
    token = server.post("/api/v1/accounts", json=credentials).json()["token"]
    server.post("/signin", data=form_data(server, credentials))
    fields = form_data(server, {"locations": ["twitch_eyelid"], "bouts": "3", "intensity": "2", "bout_seconds": "5"})
    assert server.post("/diary/entries", data=fields, headers={"Origin": EVIL}).status_code == 403
    assert entry_count(server, {"Authorization": f"Bearer {token}"}) == 0


def test_every_answer_carries_the_security_headers_and_personal_pages_are_not_cached(local: TestClient) -> None:
    for path in ("/", "/diary", "/api/v1/diary/entries", "/nowhere"):
        headers = local.get(path).headers
        policy = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["cache-control"] == "no-store"
    assert local.get("/static/style.css").headers.get("cache-control") != "no-store"


def test_the_form_token_cookie_is_http_only_and_same_site(local: TestClient) -> None:
    cookie = local.get("/").headers["set-cookie"]
    assert cookie.startswith(FORM_COOKIE) and "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_the_app_refuses_to_be_built_to_listen_on_the_network_without_accounts(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="without sign-in"):
        create_app(Settings(data_dir=tmp_path, accounts="off", host="0.0.0.0"))


def test_without_accounts_a_client_on_another_machine_is_refused_however_the_server_was_started(
    tmp_path: Path,
) -> None:
    app = create_app(Settings(data_dir=tmp_path, accounts="off"))
    with TestClient(app, base_url="http://localhost", client=("203.0.113.9", 40000)) as remote:
        response = remote.get("/api/v1/diary/entries")
        assert response.status_code == 403 and "only on the machine" in response.json()["error"]["message"]
    with TestClient(app, base_url="http://localhost", client=("127.0.0.1", 40000)) as here:
        assert here.get("/api/v1/diary/entries").status_code == 200


def test_a_request_past_its_deadline_gets_503_and_its_late_answer_is_dropped() -> None:
    async def slow(_request: Request) -> PlainTextResponse:
        await asyncio.sleep(2)
        return PlainTextResponse("late")

    async def quick(_request: Request) -> PlainTextResponse:
        return PlainTextResponse("on time")

    app = RequestDeadline(Starlette(routes=[Route("/slow", slow), Route("/quick", quick)]), seconds=0.05)
    with TestClient(app) as client:
        late = client.get("/slow")
        assert late.status_code == 503 and late.json()["error"]["code"] == "timeout"
        assert "retry-after" in late.headers
        assert client.get("/quick").text == "on time"


# --- every edge a clean 4xx, on both databases ------------------------------------------------------------


def signed_in(server: TestClient) -> dict[str, str]:
    credentials = {"username": "edgy", "password": "a long enough password for edgy"}
    token = server.post("/api/v1/accounts", json=credentials).json()["token"]
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("entry_id", [2**31, 2**63 - 1, 10**30])
def test_an_entry_id_past_what_the_database_holds_is_refused_before_any_query(
    server: TestClient, entry_id: int
) -> None:
    response = server.get(f"/api/v1/diary/entries/{entry_id}", headers=signed_in(server))
    assert response.status_code == 422 and response.json()["error"]["field"] == "path.entry_id"


def test_a_nul_byte_in_notes_or_an_interview_id_is_a_clean_refusal(server: TestClient) -> None:
    headers = signed_in(server)
    notes = server.post("/api/v1/diary/entries", json={**ENTRY, "intensity": 2, "notes": "a\u0000b"}, headers=headers)
    assert notes.status_code == 422 and "U+0000" in notes.json()["error"]["message"]
    assert server.get("/api/v1/interviews/abc%00def").status_code == 404
    assert server.get("/api/v1/interviews/" + "x" * 5000).status_code == 404
    sign_in = server.post("/api/v1/sessions", json={"username": "ed\u0000gy", "password": "whatever password"})
    assert sign_in.status_code in {401, 422}


@pytest.mark.parametrize(
    ("when", "words"),
    [
        ("0001-01-01T00:00:00+14:00", "outside the diary's range"),
        ("0001-01-01T05:00:00+01:00", "outside the diary's range"),
        ("1899-12-31T23:00:00+00:00", "from 1900-01-01"),
        ("9999-12-31T23:59:59-12:00", "outside the diary's range"),
        ("2024-05-01T08:00:00+23:00", "not a real one"),
    ],
)
def test_a_date_outside_the_diarys_range_is_refused_with_the_range(server: TestClient, when: str, words: str) -> None:
    response = server.post(
        "/api/v1/diary/entries", json={**ENTRY, "when": when, "intensity": 2}, headers=signed_in(server)
    )
    assert response.status_code == 422 and words in response.json()["error"]["message"]


def test_tomorrow_is_the_latest_day_an_entry_can_have(local: TestClient) -> None:
    soon = datetime.now(UTC) + timedelta(hours=20)
    later = datetime.now(UTC) + timedelta(days=3)
    assert (
        local.post("/api/v1/diary/entries", json={**ENTRY, "when": soon.isoformat(), "intensity": 2}).status_code == 201
    )
    assert (
        local.post("/api/v1/diary/entries", json={**ENTRY, "when": later.isoformat(), "intensity": 2}).status_code
        == 422
    )


def test_a_zero_width_space_does_not_hide_a_finding_from_the_parser(local: TestClient) -> None:
    parsed = local.post("/api/v1/parse", json={"text": "I had a seizure\u200b today"}).json()
    assert "seizure" in [mention["finding_id"] for mention in parsed["present"]]


def test_an_export_larger_than_the_ordinary_body_limit_imports_back(local: TestClient) -> None:
    entries: list[dict[str, Any]] = [
        {
            **ENTRY,
            "when": f"2024-05-{1 + n % 28:02d}T{n % 24:02d}:{n % 60:02d}:00+00:00",
            "intensity": 2,
            "notes": f"n{n}",
        }
        for n in range(600)
    ]
    document = {"format": "twitchcheck-diary", "version": 2, "entries": entries}
    response = local.post("/api/v1/diary/import", json=document)
    assert response.status_code == 200 and response.json()["added"] == 600
    assert len(local.get("/api/v1/diary/export").content) > 64 * 1024
    assert local.post("/api/v1/assess", content=b" " * (70 * 1024)).status_code == 413


def test_a_link_cannot_make_the_diary_page_show_its_own_text_as_a_notice(local: TestClient) -> None:
    page = local.get("/diary?message=Your%20doctor%20says%20ignore%20it&done=deleted").text
    assert "Your doctor says" not in page and 'class="notice"' not in page


def test_a_notice_is_shown_once_after_the_action_and_never_from_the_url(local: TestClient) -> None:
    entry = {"locations": "twitch_eyelid", "bout_seconds": "5"}
    response = local.post("/diary/entries", data=form_data(local, entry), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/diary"
    assert 'class="notice"' in local.get("/diary").text  # the redirect's page says "Logged."
    assert 'class="notice"' not in local.get("/diary").text  # a reload does not say it again


def test_a_forged_notice_cookie_shows_nothing_but_a_listed_notice(local: TestClient) -> None:
    local.cookies.set("twitchcheck_notice", "Your doctor says ignore it", path="/diary")
    assert 'class="notice"' not in local.get("/diary").text


def test_a_refused_diary_entry_is_explained_as_an_error_not_as_a_success(local: TestClient) -> None:
    response = local.post("/diary/entries", data=form_data(local, {"bouts": "4", "intensity": "15"}))
    assert response.status_code == 422
    error = response.text[response.text.index('class="error"') :]
    assert "Not saved" in error[:400] and 'class="notice"' not in response.text


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"text": "eyelid twitching " * 400}, "please shorten it"),
        ({"text": "eyelid twitching", "age": "²"}, "whole years"),
        ({"text": "eyelid twitching", "age": "3²"}, "whole years"),
    ],
)
def test_the_start_page_explains_a_long_text_or_an_odd_age_instead_of_failing(
    local: TestClient, fields: dict[str, str], words: str
) -> None:
    response = local.post("/start", data=form_data(local, fields))
    assert response.status_code == 422 and words in response.text


def test_a_refused_diary_entry_keeps_everything_that_was_typed(local: TestClient) -> None:
    fields = {
        "locations": ["twitch_eyelid", "twitch_leg_calf"],
        "bouts": "4",
        "intensity": "15",
        "bout_seconds": "300",
        "notes": "after the long run <b>",
        "new_symptoms": ["muscle_cramps"],
        "exercise": "yes",
    }
    page = local.post("/diary/entries", data=form_data(local, fields)).text
    assert 'value="twitch_eyelid" checked' in page and 'value="twitch_leg_calf" checked' in page
    assert 'value="4"' in page and 'value="15"' in page and '<option value="300" selected>' in page
    assert "after the long run &lt;b&gt;</textarea>" in page
    assert 'value="muscle_cramps" checked' in page and '<option value="yes" selected>' in page
