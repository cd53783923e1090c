"""One emergency number, for where the person is (issue 13, item 8).

Every message said "911 / 112 / 999": three numbers to choose from in an
emergency. The region setting (Canada by default, for the Toronto clinic) gives
one number everywhere, as a `tel:` link on the pages, and the nurse line where
there is one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from twitchcheck import KnowledgeBase
from twitchcheck.assessment import Assessor
from twitchcheck.errors import KnowledgeError
from twitchcheck.i18n import localizer
from twitchcheck.i18n.localize import localize_assessment
from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .forms import form_data


@pytest.mark.parametrize(("region", "number"), [(None, "911"), ("CA", "911"), ("UK", "999"), ("eu", "112")])
def test_every_emergency_message_gives_the_one_number_of_the_region(
    kb: KnowledgeBase, region: str | None, number: str
) -> None:
    assessor = Assessor(kb, region=region)
    result = assessor.assess(assessor.evidence(present=["first_seizure"]))
    assert result.triage.advice == f"Call an ambulance ({number}) now."
    assert f"call {number} now" in result.disclaimer and result.emergency_number == number
    assert f"({number})" in result.unanswered_advice
    others = {"911", "112", "999"} - {number}
    texts = [result.triage.advice, result.disclaimer, result.unanswered_advice]
    assert not any(other in text for other in others for text in texts)
    french = localize_assessment(result, localizer("fr"), kb)
    assert french.triage.advice == f"Appelez une ambulance ({number}) maintenant."
    assert f"le {number} maintenant" in french.disclaimer and "{emergency_number}" not in french.unanswered_advice


def test_an_unknown_region_is_refused_naming_the_choices(kb: KnowledgeBase) -> None:
    with pytest.raises(KnowledgeError, match="unknown region 'XX'; use one of CA, US, UK, EU"):
        Assessor(kb, region="XX")


@pytest.mark.parametrize(("region", "number", "line"), [("", "911", "811"), ("UK", "999", "111"), ("EU", "112", None)])
def test_the_pages_give_the_regions_number_as_a_link_and_its_nurse_line(
    tmp_path: Path, region: str, number: str, line: str | None
) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path, region=region)), base_url="http://localhost") as client:
        start = client.get("/").text
        assert f'href="tel:{number}"' in start and "911 / 112 / 999" not in start
        nurse = f'call <a href="tel:{line}">{line}</a> to speak to a nurse'
        assert (nurse in start) == (line is not None)  # the nurse line is a tap away too
        result = client.post("/start", data=form_data(client, {"text": "I think I'm having my first seizure"}))
        assert f'href="tel:{number}"' in result.text[result.text.index('role="alert"') :]
        assert f"Call an ambulance ({number}) now." in result.text
