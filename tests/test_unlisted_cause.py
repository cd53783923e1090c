"""The unlisted cause: everything the listed causes do not cover, in the network but never a diagnosis (#12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from rich.console import Console

from twitchcheck import KnowledgeBase, assess
from twitchcheck.cli.render import render_assessment
from twitchcheck.engine import Network
from twitchcheck.evaluation import load_cases
from twitchcheck.evaluation.structured import outcome_of
from twitchcheck.i18n import localizer
from twitchcheck.i18n.localize import localize_assessment
from twitchcheck.interop.cds_hooks import PrefetchedEvidence, detail_of
from twitchcheck.settings import Settings
from twitchcheck.web import create_app

from .conftest import PUBLIC_VIGNETTES, VOCABULARY
from .forms import form_data

EYELID_AND_SLEEP: dict[str, Any] = {
    "present": ["twitch_eyelid", "twitch_brief", "duration_under_2_weeks", "poor_sleep", "stress_anxiety_present"],
    "absent": ["muscle_weakness", "fever"],
    "age": 34,
    "sex": "female",
}


def test_the_unlisted_cause_is_no_vocabulary_cause_and_is_never_ranked_among_the_causes(kb: KnowledgeBase) -> None:
    vocabulary = {cause["id"] for cause in yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))["causes"]}
    assert kb.unlisted is not None
    assert kb.unlisted.id not in vocabulary
    assert kb.network_cause_ids == (*kb.cause_ids, kb.unlisted.id)
    result = assess(**EYELID_AND_SLEEP)
    assert {c.id for c in result.causes} == set(kb.cause_ids)
    assert result.unlisted is not None and result.unlisted.id == kb.unlisted.id


def test_evaluation_ranks_and_scores_only_the_listed_causes(kb: KnowledgeBase) -> None:
    case = load_cases(PUBLIC_VIGNETTES)[0]
    result = assess(present=case.present, absent=case.absent, age=case.age, sex=case.sex)
    outcome = outcome_of(case, result)
    assert kb.unlisted is not None and kb.unlisted.id not in outcome.ranked_causes
    assert outcome.top1_probability == result.causes[0].probability


def test_the_network_has_the_unlisted_cause_as_its_last_node_with_its_prior(kb: KnowledgeBase) -> None:
    network = Network.from_knowledge(kb)
    assert kb.unlisted is not None
    assert network.cause_ids[-1] == kb.unlisted.id and network.listed == len(kb.causes)
    assert network.prior_for(age=None, sex=None)[-1] == kb.unlisted.prior.value


def test_a_new_medicine_before_the_twitching_raises_something_not_listed() -> None:
    """NHS-T names medicines among the causes of twitching, and none of the listed causes is one."""
    without = assess(present=["twitch_arm_hand"], absent=["new_medicine"], age=40)
    with_medicine = assess(present=["twitch_arm_hand", "new_medicine"], age=40)
    assert without.unlisted is not None and with_medicine.unlisted is not None
    assert with_medicine.unlisted.probability > 2 * without.unlisted.probability
    assert with_medicine.unlisted.probability > 0.10  # above its prior


def test_answers_that_a_listed_cause_explains_leave_little_to_something_not_listed() -> None:
    result = assess(**EYELID_AND_SLEEP)
    assert result.unlisted is not None and result.unlisted.probability < 0.10
    assert result.causes[0].probability > 4 * result.unlisted.probability


def test_the_terminal_shows_something_not_listed_after_the_causes_table() -> None:
    console = Console(record=True, width=120)
    render_assessment(assess(**EYELID_AND_SLEEP), console)
    text = console.export_text()
    assert text.index("Lack of sleep") < text.index("Something not listed here:") < text.index("does not replace")


@pytest.mark.slow  # two interviews in two languages: about 1 s
def test_the_result_page_shows_something_not_listed_after_the_ranked_causes_in_both_languages(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path)), base_url="http://localhost") as client:
        for lang, name in (("en", "Something not listed here"), ("fr", "Autre chose, non listé ici")):
            started = client.post(
                "/start", data=form_data(client, {"text": "eyelid twitching", "lang": lang}), follow_redirects=False
            )
            page = client.post(str(started.headers["location"]) + "/stop", data=form_data(client, {"lang": lang})).text
            assert page.index('class="causes"') < page.index('class="unlisted"') < page.index(name)
            assert page.count(name) == 1  # once, on its own line: never among the ranked causes


def test_french_gives_the_unlisted_cause_its_french_name_and_keeps_its_probability(kb: KnowledgeBase) -> None:
    result = assess(**EYELID_AND_SLEEP)
    french = localize_assessment(result, localizer("fr"), kb)
    assert french.unlisted is not None and result.unlisted is not None
    assert french.unlisted.name == "Autre chose, non listé ici"
    assert french.unlisted.probability == result.unlisted.probability


def test_the_cds_hooks_card_lists_something_not_listed_last_and_says_it_is_no_diagnosis() -> None:
    detail = detail_of(assess(**EYELID_AND_SLEEP), PrefetchedEvidence())
    causes = detail[detail.index("**Most likely causes:**") :].split("\n\n")[1].splitlines()
    assert causes[-1].startswith("- Something not listed here (not a diagnosis): ")
