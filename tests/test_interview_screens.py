"""Every screen says what it asks, and nothing already said is asked again (issue 13, item 3).

Questions 2 and 3 shared one heading and page title; "Where is the twitching?"
was asked after the person had said "eyelid", with the eyelid quietly left off.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from twitchcheck import Assessor
from twitchcheck.interview import Interview, Question
from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .forms import form_data


def questions_of(interview: Interview, count: int) -> list[Question]:
    seen: list[Question] = []
    for _ in range(count):
        question = interview.next_question()
        if question is None:
            break
        seen.append(question)
        interview.answer(question.id, "unknown" if question.kind == "exclusive" else "no")
    return seen


def test_a_checklist_on_several_screens_numbers_its_parts(assessor: Assessor) -> None:
    interview = Interview.start(evidence={"present": ["twitch_eyelid"], "absent": []}, assessor=assessor)
    sweep = [q for q in questions_of(interview, 6) if q.id.startswith("warning_signs:")]
    assert len(sweep) >= 2
    assert [(q.part, q.parts) for q in sweep] == [(n + 1, len(sweep)) for n in range(len(sweep))]


def test_a_group_question_shows_what_was_already_said_instead_of_asking_it_again(assessor: Assessor) -> None:
    interview = Interview.start(evidence={"present": ["twitch_eyelid"], "absent": []}, assessor=assessor)
    location = next(q for q in questions_of(interview, 12) if q.id == "group:twitch_location")
    assert [o.id for o in location.already] == ["twitch_eyelid"]
    assert "twitch_eyelid" not in location.finding_ids


def test_each_checklist_screen_has_its_own_heading_and_title_in_each_language(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path)), base_url="http://localhost") as client:
        for language, words in (("en", "part {n} of {total}"), ("fr", "partie {n} sur {total}")):
            start = client.post("/start", data=form_data(client, {"text": "eyelid twitching", "lang": language}))
            url = str(start.url).split("?")[0].rsplit("/q/", 1)[0]  # the interview, not its question
            page = client.post(url + "/answer", data=form_data(client, {"question_id": "urgent:1", "answer": "none"}))
            titles = []
            for _ in range(3):
                text = page.text
                title = text[text.index("<title>") + 7 : text.index("</title>")]
                if "warning_signs" not in text:
                    break
                titles.append(title)
                question_id = text.split('name="question_id" value="')[1].split('"')[0]
                page = client.post(
                    url + "/answer", data=form_data(client, {"question_id": question_id, "answer": "none"})
                )
            assert len(titles) >= 2 and len(set(titles)) == len(titles), titles
            assert words.format(n=1, total=len(titles)) in titles[0]


def test_back_shows_the_question_again_with_the_answers_given_before(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path)), base_url="http://localhost") as client:
        start = client.post("/start", data=form_data(client, {"text": "eyelid twitching"}))
        url = str(start.url).split("?")[0].rsplit("/q/", 1)[0]  # the interview, not its question
        client.post(url + "/answer", data=form_data(client, {"question_id": "urgent:1", "answer": "none"}))
        ticked = {"question_id": "warning_signs:1", "answer": "ticked", "ticked": ["twitch_tongue", "skin_rash"]}
        client.post(url + "/answer", data=form_data(client, ticked))
        page = client.post(url + "/back", data=form_data(client)).text
        assert 'value="twitch_tongue" checked' in page and 'value="skin_rash" checked' in page
        assert 'value="numbness_one_side">' in page  # not ticked before, not ticked now


def test_a_new_answer_forgets_what_back_took_away(assessor: Assessor) -> None:
    interview = Interview.start(evidence={"present": ["twitch_eyelid"], "absent": []}, assessor=assessor)
    interview.answer("urgent:1", "no")
    interview.back()
    assert interview.previous_replies("urgent:1")
    interview.answer("urgent:1", "no")
    assert interview.previous_replies("urgent:1") == {}
