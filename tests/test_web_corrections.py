"""Corrections to "What we understood", on the page (a plain form) and in the API, before the first answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .forms import form_data

BREATHING = "breathing_difficulty"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path)), base_url="http://localhost") as test_client:
        yield test_client


def start_page(client: TestClient, text: str, lang: str = "en") -> tuple[str, str]:
    """Start from the page's form; the interview's address and the first page the person sees."""
    response = client.post("/start", data=form_data(client, {"text": text, "lang": lang}), follow_redirects=False)
    assert response.status_code == 303, response.text
    interview = str(response.headers["location"])
    return interview, client.get(interview).text


def version_of(page: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', page)
    assert match
    return match.group(1)


def test_the_understood_list_offers_yes_no_and_remove_for_each_finding(client: TestClient) -> None:
    _url, page = start_page(client, "My eyelid keeps twitching, no fever")
    assert 'action="/i/' in page and '/understood"' in page
    assert 'name="c-twitch_eyelid" value="yes" checked' in page
    assert 'name="c-fever" value="no" checked' in page
    assert 'name="c-fever" value="remove"' in page
    assert "Save corrections" in page


@pytest.mark.slow
def test_a_flip_and_a_removal_on_the_page_change_the_evidence_before_the_interview_goes_on(
    client: TestClient,
) -> None:
    url, page = start_page(client, "My eyelid keeps twitching, no fever, I drink lots of coffee")
    fields = {"version": version_of(page), "c-twitch_eyelid": "yes", "c-fever": "yes", "c-high_caffeine": "remove"}
    response = client.post(url + "/understood", data=form_data(client, fields), follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].endswith("/q/1")
    interview_id = url.rsplit("/", 1)[-1]
    view = client.get(f"/api/v1/interviews/{interview_id}").json()
    assert view["understood"]["present"] == ["fever", "twitch_eyelid"]
    assert view["understood"]["absent"] == []
    assert "high_caffeine" not in view["understood"]["present"]


def test_flipping_an_urgent_sign_to_yes_on_the_page_goes_straight_to_the_emergency(client: TestClient) -> None:
    url, page = start_page(client, "My eyelid twitches. No trouble breathing, no fever.")
    assert f'name="c-{BREATHING}" value="no" checked' in page  # an acute red flag the text denied
    fields = {"version": version_of(page), f"c-{BREATHING}": "yes"}
    response = client.post(url + "/understood", data=form_data(client, fields), follow_redirects=False)
    assert response.headers["location"].endswith("/result")


@pytest.mark.slow
def test_corrections_that_contradict_each_other_are_explained_on_the_page(client: TestClient) -> None:
    # Findings carried to the start page (as a CDS Hooks link does): started 3 days ago, not over 3 months.
    fields = {"text": "", "present": ["duration_under_2_weeks"], "absent": ["duration_over_3_months"]}
    response = client.post("/start", data=form_data(client, fields), follow_redirects=False)
    url = str(response.headers["location"])
    page = client.get(url).text
    flip = {"version": version_of(page), "c-duration_under_2_weeks": "yes", "c-duration_over_3_months": "yes"}
    answer = client.post(url + "/understood", data=form_data(client, flip))
    assert "could not be saved" in answer.text
    assert 'name="c-duration_over_3_months" value="no" checked' in answer.text  # nothing was changed


@pytest.mark.slow
def test_text_that_gave_nothing_is_shown_as_could_not_use(client: TestClient) -> None:
    _url, page = start_page(client, "Eyelid twitching for 3 days. The weather is lovely today.")
    assert "We could not use:" in page
    assert "The weather is lovely today" in page


@pytest.mark.slow
def test_the_page_is_in_french_with_a_space_before_the_colon(client: TestClient) -> None:
    _url, page = start_page(client, "ma paupière saute depuis 3 jours, pas de fièvre", lang="fr")
    assert "Ce que nous avons compris" in page
    assert "Enregistrer les corrections" in page
    assert "Non\u00a0: Fièvre" in page  # fr-CA: a no-break space before the colon


def test_the_api_corrects_before_the_first_answer_and_refuses_after_it(client: TestClient) -> None:
    started = client.post("/api/v1/interviews", json={"text": "eyelid twitching, no fever, lots of coffee"}).json()
    assert started["understood"]["correctable"] is True
    corrected = client.post(
        f"/api/v1/interviews/{started['id']}/corrections",
        json={"flip": ["fever"], "remove": ["high_caffeine"], "version": started["version"]},
    )
    assert corrected.status_code == 200, corrected.text
    view = corrected.json()
    assert "fever" in view["understood"]["present"] and "high_caffeine" not in view["understood"]["present"]
    question = view["next_question"]
    client.post(
        f"/api/v1/interviews/{started['id']}/answers", json={"question_id": question["id"], "answer": "unknown"}
    )
    late = client.post(f"/api/v1/interviews/{started['id']}/corrections", json={"flip": ["fever"]})
    assert late.status_code == 422
    assert "before the first answer" in late.json()["error"]["message"]


def test_the_api_refuses_to_correct_a_finding_that_was_not_understood(client: TestClient) -> None:
    started = client.post("/api/v1/interviews", json={"text": "eyelid twitching"}).json()
    response = client.post(f"/api/v1/interviews/{started['id']}/corrections", json={"remove": ["fever"]})
    assert response.status_code == 422
    assert "was not among the findings understood" in response.json()["error"]["message"]


def test_an_interview_from_a_question_about_seizures_asks_the_urgent_seizure_signs_first(client: TestClient) -> None:
    started = client.post("/api/v1/interviews", json={"text": "My arm twitches. Am I having seizures??"}).json()
    assert "seizure" not in started["understood"]["present"]
    assert started["parsed"]["unsure"], started["parsed"]
    question = started["next_question"]
    assert question["phase"] == "urgent"
    first = [option["id"] for option in question["options"]][:4]
    assert set(first) == {m["finding_id"] for m in started["parsed"]["unsure"]}
    assert set(started["understood"]["ask_first"]) == set(first)


@pytest.mark.slow
def test_an_emergency_read_from_the_text_comes_first_and_removing_it_asks_the_urgent_screen(
    client: TestClient,
) -> None:
    response = client.post("/start", data=form_data(client, {"text": "I can't breathe and my whole body twitches"}))
    page = response.text
    assert str(response.url).endswith("/result")
    assert page.index('role="alert"') < page.index("What we understood")  # the emergency before anything else
    assert 'name="c-breathing_difficulty" value="yes" checked' in page
    url = str(response.url).removesuffix("/result")
    fields = {"version": version_of(page), "c-breathing_difficulty": "remove"}
    after = client.post(url + "/understood", data=form_data(client, fields))
    assert "/q/1" in str(after.url)
    assert 'id="o-breathing_difficulty"' in after.text  # unknown again, so the urgent screen asks it
