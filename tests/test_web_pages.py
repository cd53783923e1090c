"""The server-rendered pages without a browser: forms, redirects, errors, language."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .forms import form_data


def start(client: TestClient, text: str, **fields: str) -> str:
    response = client.post("/start", data=form_data(client, {"text": text, **fields}), follow_redirects=False)
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def heading(html: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, html[:500]
    return match.group(1).strip()


def test_start_page_says_what_the_tool_is_and_is_not(client: TestClient) -> None:
    page = client.get("/").text
    assert "Describe your twitching" in page
    assert "does not replace a doctor" in page
    assert "911" in page
    assert '<label for="text">' in page and '<label for="age">' in page and '<label for="sex">' in page


def test_free_text_starts_an_interview_that_shows_what_was_understood(client: TestClient) -> None:
    url = start(client, "My eyelid keeps twitching for 4 days, no fever", age="30")
    page = client.get(url).text
    assert "What we understood" in page
    assert "Twitching of an eyelid" in page
    assert "No: Fever" in page
    assert "Why we ask:" in page


def test_answering_moves_to_the_next_question_and_back_returns(client: TestClient) -> None:
    url = start(client, "calf twitching")
    first = heading(client.get(url).text)
    client.post(url + "/answer", data=form_data(client, {"question_id": "urgent:1", "answer": "none"}))
    second = heading(client.get(url).text)
    assert second != first
    client.post(url + "/back", data=form_data(client))
    assert heading(client.get(url).text) == first


def test_an_urgent_answer_goes_straight_to_the_emergency_message(client: TestClient) -> None:
    url = start(client, "hand twitching")
    response = client.post(
        url + "/answer",
        data=form_data(client, {"question_id": "urgent:1", "answer": "ticked", "ticked": "first_seizure"}),
    )
    assert response.url.path.endswith("/result")
    page = response.text
    main = page[page.index("<main") :]
    assert main.index('role="alert"') < main.index("A seizure emergency") < main.index("Call an ambulance now")
    assert main.index("Call an ambulance now") < main.index("Other things the answers suggest")
    assert "Most likely causes" not in main and "What the doctor is likely to ask" not in main


def test_stop_shows_the_result_so_far(client: TestClient) -> None:
    url = start(client, "eyelid twitching")
    response = client.post(url + "/stop", data=form_data(client))
    assert response.url.path.endswith("/result")
    assert "Most likely causes" in response.text
    assert re.search(r'<p class="cause-range">range \d+–\d+%</p>', response.text)  # issue #12: the stated uncertainty


def test_a_bad_age_is_explained_and_the_text_kept(client: TestClient) -> None:
    response = client.post("/start", data=form_data(client, {"text": "eyelid twitching", "age": "200"}))
    assert response.status_code == 422
    assert "whole years from 0 to 120" in response.text
    assert "eyelid twitching" in response.text


def test_an_unknown_interview_is_a_friendly_404_page(client: TestClient) -> None:
    response = client.get("/i/not-a-real-id")
    assert response.status_code == 404
    assert "not available" in response.text and "<html" in response.text


def test_a_stale_answer_shows_the_current_question_again(client: TestClient) -> None:
    url = start(client, "eyelid twitching")
    response = client.post(url + "/answer", data=form_data(client, {"question_id": "group:nonsense", "answer": "yes"}))
    assert response.status_code == 200
    assert "urgent signs" in response.text


def test_french_is_chosen_by_query_and_remembered(client: TestClient) -> None:
    page = client.get("/?lang=fr")
    assert 'lang="fr"' in page.text
    assert client.cookies.get("lang") == "fr"
    assert 'lang="fr"' in client.get("/").text


def test_french_is_chosen_from_the_browser(client: TestClient) -> None:
    page = client.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.9"}).text
    assert 'lang="fr"' in page and "Commencer" in page


def test_the_result_page_in_french_shows_french_knowledge(client: TestClient) -> None:
    url = start(client, "eyelid twitching", lang="fr")
    page = client.post(url + "/stop", data=form_data(client, {"lang": "fr"})).text
    assert 'lang="fr"' in page
    assert "Most likely causes" not in page
    assert re.search(r'<p class="cause-range">fourchette \d+–\d+\u00a0%</p>', page)


def test_a_mistyped_page_address_is_a_page_in_the_persons_language_with_a_way_on(client: TestClient) -> None:
    response = client.get("/no-such-page?lang=fr")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Cette page n&#39;existe pas" in response.text and 'href="/?lang=fr"' in response.text


def test_a_page_asked_the_wrong_way_is_a_page_not_json(client: TestClient) -> None:
    response = client.put("/start")
    assert response.status_code == 405
    assert "<html" in response.text and "cannot be used that way" in response.text


def test_an_api_address_that_does_not_exist_still_answers_in_json(client: TestClient) -> None:
    response = client.get("/api/v1/interviews/nope")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_each_question_has_its_own_address_so_the_browsers_back_and_forward_work(client: TestClient) -> None:
    url = start(client, "calf twitching")
    first = client.get(url)
    assert first.url.path == url + "/q/1"
    answered = client.post(
        url + "/answer", data=form_data(client, {"question_id": "urgent:1", "answer": "none"}), follow_redirects=False
    )
    assert answered.headers["location"] == url + "/q/2"
    assert client.get(url + "/q/9").url.path == url + "/q/2"  # Forward past the present: the question it is now


def test_the_browsers_back_shows_the_earlier_answer_and_changes_nothing(client: TestClient) -> None:
    url = start(client, "calf twitching")
    client.post(url + "/answer", data=form_data(client, {"question_id": "urgent:1", "answer": "none"}))
    earlier = client.get(url + "/q/1").text
    assert heading(earlier) == "Question 1: your answer" and "<strong>No</strong>" in earlier
    assert client.get(url).url.path == url + "/q/2"  # looking back changed nothing


def test_changing_an_earlier_answer_returns_to_that_question_with_its_answer_ticked_again(client: TestClient) -> None:
    url = start(client, "calf twitching")
    client.post(url + "/answer", data=form_data(client, {"question_id": "urgent:1", "answer": "none"}))
    warning_signs = client.get(url).text  # question 2: the first screen of warning signs (not acute: it goes on)
    question_id = re.search(r'name="question_id" value="([^"]+)"', warning_signs)
    ticked = re.findall(r'name="ticked" value="([^"]+)"', warning_signs)[:1]
    assert question_id and question_id.group(1).startswith("warning_signs") and ticked
    fields = {"question_id": question_id.group(1), "answer": "ticked", "ticked": ticked}
    client.post(url + "/answer", data=form_data(client, fields))
    assert client.get(url).url.path == url + "/q/3"
    revised = client.post(url + "/revise", data=form_data(client, {"to": "2"}), follow_redirects=True)
    assert revised.url.path == url + "/q/2"
    assert f'value="{ticked[0]}" checked' in revised.text
