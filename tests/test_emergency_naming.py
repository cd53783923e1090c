"""Emergencies named for what they are (issue 12, item 4).

"I suddenly can't move my right arm and my speech is slurred" got a correct
"Call an ambulance now", with multiple sclerosis 56 %, benign 25 % and stress
20 % under it; in French sudden one-sided weakness ranked epilepsy first. NHS
111 shows only the disposition on such a page. Now the Assessment names the
condition each emergency rule exists for, every interface shows it first, the
twitch causes are folded under "Other things the answers suggest", and the
appointment questions are left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from twitchcheck import KnowledgeBase, assess
from twitchcheck.i18n import localizer
from twitchcheck.i18n.localize import localize_assessment
from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .forms import form_data

JOURNEYS = [
    (["sudden_weakness_or_numbness_one_side", "sudden_speech_or_vision_loss"], "possible_stroke"),
    (["first_seizure"], "seizure_emergency"),
    (["carpopedal_spasm"], "tetany"),
    (["high_caffeine", "large_stimulant_dose", "rapid_heartbeat", "chest_pain"], "stimulant_poisoning"),
    (["fever", "ongoing_confusion"], "serious_infection"),
]


def test_every_emergency_rule_names_a_condition_in_both_languages(kb: KnowledgeBase) -> None:
    french = localizer("fr")
    for rule in kb.rules:
        if kb.level(rule.level).emergency:
            assert rule.condition is not None, rule.id
            condition = kb.condition(rule.condition)
            assert french.knowledge("conditions", condition.id, "name", "") not in ("", condition.name)


@pytest.mark.parametrize(("present", "condition"), JOURNEYS)
def test_an_emergency_result_names_its_condition_and_leaves_out_the_appointment(
    kb: KnowledgeBase, present: list[str], condition: str
) -> None:
    result = assess(present=present, age=40)
    assert result.triage.emergency
    assert condition in [c.id for c in result.emergency_conditions]
    assert result.doctor_questions == []
    french = localize_assessment(result, localizer("fr"), kb)
    assert [c.id for c in french.emergency_conditions] == [c.id for c in result.emergency_conditions]
    assert french.emergency_conditions[0].name != result.emergency_conditions[0].name


def test_a_result_that_is_not_an_emergency_names_no_condition_and_keeps_the_doctors_questions() -> None:
    result = assess(present=["twitch_eyelid", "poor_sleep"], absent=["fever"], age=30)
    assert result.emergency_conditions == [] and result.doctor_questions


def test_the_terminal_names_the_stroke_first_and_folds_the_causes() -> None:
    from twitchcheck.cli.app import app

    output = (
        CliRunner()
        .invoke(app, ["assess", "--present", "sudden_weakness_or_numbness_one_side,sudden_speech_or_vision_loss"])
        .output
    )
    assert output.index("Possible stroke") < output.index("CALL AN AMBULANCE NOW")
    assert "Other things the answers suggest" in output and "Most likely causes" not in output
    assert "What the doctor is likely to ask" not in output


@pytest.mark.parametrize(
    ("language", "name", "folded"),
    [
        ("en", "Possible stroke", "Other things the answers suggest"),
        ("fr", "Possible AVC", "Ce que les réponses suggèrent aussi"),
    ],
)
def test_the_stroke_journey_reads_as_a_stroke_first_in_each_language(
    tmp_path: Path, language: str, name: str, folded: str
) -> None:
    text = {
        "en": "I suddenly can't move my right arm and my speech is slurred",
        "fr": "Soudainement je ne peux plus bouger le bras droit et j'ai de la difficulté à parler",
    }[language]
    with TestClient(create_app(Settings(data_dir=tmp_path)), base_url="http://localhost") as client:
        started = client.post("/start", data=form_data(client, {"text": text, "lang": language}))
        page = started.text
        main = page[page.index("<main") :]
        assert name in main, main[:2000]
        assert main.index(name) < main.index('class="do-now"') < main.index(folded)
