"""Free text is read in its own language: recognised from its words, else the page's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from twitchcheck.nlu.language import detect_language
from twitchcheck.settings import Settings
from twitchcheck.web.app import create_app

from .forms import form_data


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ma paupière saute depuis 3 jours, pas de fièvre", "fr"),
        ("mon chum dit que je tremble la nuit", "fr"),
        ("ca fait 2 semaines que mon mollet saute", "fr"),  # no accents, texting
        ("my left eyelid keeps twitching since monday", "en"),
        ("I have a fever and my calf twitches", "en"),
    ],
)
def test_the_language_of_a_text_is_recognised_from_its_words(text: str, language: str) -> None:
    assert detect_language(text, default="en" if language == "fr" else "fr") == language


@pytest.mark.parametrize("default", ["en", "fr"])
def test_a_text_that_does_not_say_keeps_the_pages_language(default: str) -> None:
    assert detect_language("Vyvanse", default=default) == default


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=tmp_path)), base_url="http://localhost") as test_client:
        yield test_client


def test_the_api_reads_french_text_as_french(client: TestClient) -> None:
    parsed = client.post("/api/v1/parse", json={"text": "ma paupière saute depuis 3 jours, pas de fièvre"}).json()
    assert "twitch_eyelid" in [m["finding_id"] for m in parsed["present"]]
    assert "fever" in [m["finding_id"] for m in parsed["absent"]]


def test_the_api_takes_the_language_when_it_is_given(client: TestClient) -> None:
    response = client.post("/api/v1/parse", json={"text": "pas de fièvre", "language": "fr"})
    assert [m["finding_id"] for m in response.json()["absent"]] == ["fever"]


def test_a_french_description_starts_an_interview_from_what_it_says(client: TestClient) -> None:
    response = client.post(
        "/start",
        data=form_data(client, {"text": "Je fais une crise d'épilepsie en ce moment", "lang": "fr"}),
        follow_redirects=False,
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"], follow_redirects=True).text
    assert "ambulance" in page.lower()


def test_a_short_french_text_with_an_english_twitch_word_is_french() -> None:
    """Anglicisms ("twitch", "lol", "stress") are common in Québec texting; the everyday short words decide."""
    assert detect_language("oeil qui twitch depuis genre 5 jours lol, stress au max", default="en") == "fr"
    assert detect_language("my eye keeps twitching since monday, stress lol", default="fr") == "en"
