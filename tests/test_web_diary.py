"""The diary over the API and the pages: every route, every error, and one person's diary only."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from .forms import form_data

ENTRY = {
    "when": "2026-11-20T21:15:00-05:00",
    "locations": ["twitch_eyelid"],
    "bouts": 6,
    "intensity": 3,
    "bout_seconds": 20,
    "sleep_hours": 5,
    "caffeine_drinks": 4,
}
PASSWORD = "a long enough password"


def register(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/api/v1/accounts", json={"username": username, "password": PASSWORD})
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def add(client: TestClient, headers: dict[str, str] | None = None, **changes: Any) -> int:
    response = client.post("/api/v1/diary/entries", json={**ENTRY, **changes}, headers=headers or {})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


# ---- one person, no sign-in ---------------------------------------------------------------------


def test_log_list_get_edit_and_delete_an_entry(local: TestClient) -> None:
    entry_id = add(local)
    assert [e["id"] for e in local.get("/api/v1/diary/entries").json()] == [entry_id]
    assert local.get(f"/api/v1/diary/entries/{entry_id}").json()["entry"]["bouts"] == 6
    edited = local.patch(f"/api/v1/diary/entries/{entry_id}", json={"bouts": 9})
    assert edited.status_code == 200 and edited.json()["entry"]["bouts"] == 9
    assert local.delete(f"/api/v1/diary/entries/{entry_id}").status_code == 204
    assert local.get(f"/api/v1/diary/entries/{entry_id}").status_code == 404


def test_an_invalid_entry_is_422_naming_the_field_and_nothing_is_saved(local: TestClient) -> None:
    response = local.post("/api/v1/diary/entries", json={**ENTRY, "intensity": 12})
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "intensity"
    assert local.get("/api/v1/diary/entries").json() == []


def test_an_edit_that_breaks_the_entry_keeps_it_as_it_was(local: TestClient) -> None:
    entry_id = add(local)
    assert local.patch(f"/api/v1/diary/entries/{entry_id}", json={"bouts": -1}).status_code == 422
    assert local.get(f"/api/v1/diary/entries/{entry_id}").json()["entry"]["bouts"] == 6


def test_review_and_report_come_from_the_diary(local: TestClient) -> None:
    for day in range(1, 16):
        add(local, when=f"2026-11-{day:02d}T21:00:00-05:00")
    review = local.get("/api/v1/diary/review").json()
    assert review["assessment"]["triage"]["level"] == "consultation"
    assert any(alert["kind"] == "duration" for alert in review["alerts"])
    report = local.get("/api/v1/diary/report.pdf")
    assert report.status_code == 200 and report.content[:4] == b"%PDF"


def test_a_report_of_an_empty_diary_is_refused_with_the_fix(local: TestClient) -> None:
    response = local.get("/api/v1/diary/report.pdf")
    assert response.status_code == 422
    assert "log at least one entry" in response.json()["error"]["message"]


def test_export_then_import_into_an_empty_diary_restores_it(local: TestClient) -> None:
    add(local)
    add(local, when="2026-11-21T08:00:00-05:00", bouts=2)
    document = local.get("/api/v1/diary/export").json()
    local.post("/api/v1/diary/erase", json={"confirm": "erase everything"})
    assert local.get("/api/v1/diary/entries").json() == []
    outcome = local.post("/api/v1/diary/import", json=document).json()
    assert outcome == {"added": 2, "updated": 0, "unchanged": 0}
    assert local.post("/api/v1/diary/import", json=document).json() == {"added": 0, "updated": 0, "unchanged": 2}


def test_a_bad_import_changes_nothing(local: TestClient) -> None:
    add(local)
    document = local.get("/api/v1/diary/export").json()
    document["entries"].append({**ENTRY, "bouts": "many"})
    response = local.post("/api/v1/diary/import", json=document)
    assert response.status_code == 422
    assert len(local.get("/api/v1/diary/entries").json()) == 1


def test_erasure_needs_the_exact_confirmation(local: TestClient) -> None:
    add(local)
    assert local.post("/api/v1/diary/erase", json={"confirm": "yes"}).status_code == 422
    assert len(local.get("/api/v1/diary/entries").json()) == 1
    erased = local.post("/api/v1/diary/erase", json={"confirm": "erase everything"}).json()
    assert erased["entries"] == 1
    assert local.get("/api/v1/diary/entries").json() == []


def test_accounts_routes_say_they_are_off_for_one_person(local: TestClient) -> None:
    response = local.post("/api/v1/accounts", json={"username": "ann", "password": PASSWORD})
    assert response.status_code == 404
    assert "accounts are off" in response.json()["error"]["message"]


def test_the_diary_page_logs_a_twitch_from_the_quick_form(local: TestClient) -> None:
    page = local.get("/diary")
    assert page.status_code == 200 and "Log a twitch" in page.text
    response = local.post(
        "/diary/entries",
        data=form_data(
            local,
            {"locations": ["twitch_eyelid", "twitch_leg_calf"], "bouts": "4", "intensity": "5", "bout_seconds": "30"},
        ),
    )
    assert response.status_code == 200 and "Logged." in response.text
    assert "Download the report for your doctor" in response.text
    assert '<img src="/diary/chart.svg?size=wide' in response.text
    for size in ("wide", "compact"):
        chart = local.get(f"/diary/chart.svg?size={size}")
        assert chart.headers["content-type"].startswith("image/svg+xml") and "<svg" in chart.text
    entries = local.get("/api/v1/diary/entries").json()
    assert entries[0]["entry"]["locations"] == ["twitch_eyelid", "twitch_leg_calf"]


def test_a_bad_form_entry_is_explained_and_not_saved(local: TestClient) -> None:
    response = local.post("/diary/entries", data=form_data(local, {"bouts": "4", "intensity": "15"}))
    assert "Not saved" in response.text
    assert local.get("/api/v1/diary/entries").json() == []


def test_the_erase_page_asks_for_confirmation_then_deletes_everything(local: TestClient) -> None:
    add(local)
    assert "cannot be undone" in local.get("/diary/erase").text
    local.post("/diary/erase", data=form_data(local))
    assert len(local.get("/api/v1/diary/entries").json()) == 1
    response = local.post("/diary/erase", data=form_data(local, {"confirm": "yes"}))
    assert "Everything was deleted." in response.text
    assert local.get("/api/v1/diary/entries").json() == []


# ---- a shared server: each person sees only their own diary --------------------------------------


def test_without_a_token_the_diary_is_401_with_the_fix(server: TestClient) -> None:
    response = server.get("/api/v1/diary/entries")
    assert response.status_code == 401
    assert "POST /api/v1/sessions" in response.json()["error"]["message"]
    assert server.get("/api/v1/diary/entries", headers={"Authorization": "Bearer nonsense"}).status_code == 401


def test_sign_in_and_sign_out(server: TestClient) -> None:
    register(server, "ann")
    wrong = server.post("/api/v1/sessions", json={"username": "ann", "password": "not her password"})
    assert wrong.status_code == 401
    token = server.post("/api/v1/sessions", json={"username": "ann", "password": PASSWORD}).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert server.get("/api/v1/diary/entries", headers=headers).status_code == 200
    assert server.delete("/api/v1/sessions/current", headers=headers).status_code == 204
    assert server.get("/api/v1/diary/entries", headers=headers).status_code == 401


def test_account_rules_are_explained(server: TestClient) -> None:
    register(server, "ann")
    taken = server.post("/api/v1/accounts", json={"username": "ann", "password": PASSWORD})
    assert taken.status_code == 409
    weak = server.post("/api/v1/accounts", json={"username": "bob", "password": "short"})
    assert weak.status_code == 422 and "use at least 8" in weak.json()["error"]["message"]


def test_one_person_cannot_read_change_or_delete_anothers_diary_through_any_endpoint(server: TestClient) -> None:
    ann, bob = register(server, "ann"), register(server, "bob")
    anns_entry = add(server, ann, notes="ann's private note")
    add(server, bob, bouts=1)
    assert server.get(f"/api/v1/diary/entries/{anns_entry}", headers=bob).status_code == 404
    assert server.patch(f"/api/v1/diary/entries/{anns_entry}", json={"bouts": 1}, headers=bob).status_code == 404
    assert server.delete(f"/api/v1/diary/entries/{anns_entry}", headers=bob).status_code == 404
    bobs_list = server.get("/api/v1/diary/entries", headers=bob).json()
    assert [e["entry"]["bouts"] for e in bobs_list] == [1]
    assert "ann's private note" not in server.get("/api/v1/diary/export", headers=bob).text
    assert server.get("/api/v1/diary/review", headers=bob).json()["days_logged"] == 1
    server.post("/api/v1/diary/erase", json={"confirm": "erase everything"}, headers=bob)
    kept = server.get(f"/api/v1/diary/entries/{anns_entry}", headers=ann).json()
    assert kept["entry"]["notes"] == "ann's private note" and kept["entry"]["bouts"] == 6
    server.cookies.clear()
    assert "ann's private note" not in server.get("/diary").text


def test_pages_need_sign_in_and_show_only_ones_own_entries(server: TestClient) -> None:
    assert server.get("/diary", follow_redirects=False).status_code == 303
    server.post("/register", data=form_data(server, {"username": "ann", "password": PASSWORD}))
    server.post(
        "/diary/entries",
        data=form_data(server, {"locations": ["twitch_eyelid"], "bouts": "3", "intensity": "2", "notes": "ann only"}),
    )
    server.post("/signout", data=form_data(server))
    server.cookies.clear()
    server.post("/register", data=form_data(server, {"username": "bob", "password": PASSWORD}))
    page = server.get("/diary").text
    assert "ann only" not in page and "No entries yet" in page
    server.post("/signout", data=form_data(server))
    server.cookies.clear()
    assert server.get("/diary", follow_redirects=False).status_code == 303
    bad = server.post("/signin", data=form_data(server, {"username": "ann", "password": "wrong password!"}))
    assert bad.status_code == 401 and "Wrong username or password" in bad.text


def test_an_interview_result_can_be_saved_in_the_diary(local: TestClient) -> None:
    started = local.post(
        "/start", data=form_data(local, {"text": "eyelid twitching for 3 days"}), follow_redirects=False
    )
    interview = started.headers["location"]
    local.post(interview + "/stop", data=form_data(local))
    page = local.post(interview + "/save", data=form_data(local))
    assert "The result was saved in your diary." in page.text
    assert "Saved results (1)" in page.text


def test_a_saved_result_opens_again_as_it_was_in_either_language(local: TestClient) -> None:
    started = local.post(
        "/start", data=form_data(local, {"text": "eyelid twitching for 3 days"}), follow_redirects=False
    )
    interview = started.headers["location"]
    local.post(interview + "/stop", data=form_data(local))
    diary = local.post(interview + "/save", data=form_data(local)).text
    link = diary.split('href="/diary/saved/')[1].split('"')[0]
    page = local.get(f"/diary/saved/{link}")
    assert page.status_code == 200 and "A result saved on" in page.text and "Manage at home" in page.text
    assert "/save" not in page.text  # nothing to save again, no interview to go back in
    french = local.get(f"/diary/saved/{link}?lang=fr").text
    assert "Un résultat enregistré le" in french and "Prenez soin de vous à la maison" in french
    assert local.get("/diary/saved/999999").status_code == 404


def test_another_persons_saved_result_is_not_found(server: TestClient) -> None:
    server.post("/register", data=form_data(server, {"username": "ann", "password": PASSWORD}))
    started = server.post("/start", data=form_data(server, {"text": "eyelid twitching"}), follow_redirects=False)
    server.post(started.headers["location"] + "/stop", data=form_data(server))
    diary = server.post(started.headers["location"] + "/save", data=form_data(server)).text
    link = diary.split('href="/diary/saved/')[1].split('"')[0]
    server.post("/signout", data=form_data(server))
    server.cookies.clear()
    server.post("/register", data=form_data(server, {"username": "bob", "password": PASSWORD}))
    assert server.get(f"/diary/saved/{link}").status_code == 404


def test_the_diary_page_says_what_the_data_show_about_triggers(local: TestClient) -> None:
    for day in range(1, 15):
        coffees = 5 if day % 2 else 0
        add(local, when=f"2026-11-{day:02d}T21:00:00-05:00", caffeine_drinks=coffees, bouts=9 if coffees else 2)
    page = local.get("/diary").text
    assert "What your own diary shows about triggers" in page
    assert "days" in page


def test_an_entry_can_be_changed_on_the_web_and_a_mistake_keeps_the_changes_typed(local: TestClient) -> None:
    entry = {
        "when": "2024-05-01T08:00:00+00:00",
        "locations": ["twitch_eyelid"],
        "bouts": 3,
        "bout_seconds": 20,
        "intensity": 2,
        "notes": "first",
    }
    entry_id = local.post("/api/v1/diary/entries", json=entry).json()["id"]
    form = local.get(f"/diary/entries/{entry_id}/edit").text
    assert 'value="twitch_eyelid" checked' in form and ">first</textarea>" in form
    assert '<option value="20" selected>' in form  # a duration the quick form does not offer is kept
    changed = {
        "when": "2024-05-01T08:00",
        "locations": ["twitch_eyelid", "twitch_face"],
        "bouts": "5",
        "intensity": "4",
        "bout_seconds": "20",
        "notes": "changed",
    }
    done = local.post(f"/diary/entries/{entry_id}", data=form_data(local, changed))
    assert done.status_code == 200 and "Entry changed." in done.text
    stored = local.get(f"/api/v1/diary/entries/{entry_id}").json()["entry"]
    assert stored["bouts"] == 5 and stored["notes"] == "changed" and "twitch_face" in stored["locations"]
    refused = local.post(f"/diary/entries/{entry_id}", data=form_data(local, {**changed, "intensity": "15"}))
    assert refused.status_code == 422 and 'value="15"' in refused.text and "Not saved" in refused.text
    assert local.get(f"/api/v1/diary/entries/{entry_id}").json()["entry"]["intensity"] == 4
    assert local.get("/diary/entries/999999/edit").status_code == 404


def test_the_chart_image_is_in_the_pages_language_and_an_empty_diary_has_none(local: TestClient) -> None:
    assert local.get("/diary/chart.svg").status_code == 404
    entry = {"locations": ["twitch_eyelid"], "bouts": "2", "intensity": "3", "bout_seconds": "5"}
    local.post("/diary/entries", data=form_data(local, entry))
    assert "Chronologie du journal des tressaillements" in local.get("/diary/chart.svg?lang=fr").text
    assert "Timeline of the twitch diary" in local.get("/diary/chart.svg?lang=en").text
