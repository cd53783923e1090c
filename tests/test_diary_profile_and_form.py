"""Age and sex asked once; the entry form's problems in plain words; the symptom chips; the report in French."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from starlette.datastructures import FormData

from twitchcheck.diary import DiaryEntry
from twitchcheck.diary.review import review_diary
from twitchcheck.diary.rules import load_diary_rules
from twitchcheck.errors import DiaryError, KnowledgeError
from twitchcheck.i18n import localizer
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.reports import build_report_html
from twitchcheck.reports.sample import SAMPLE_AGE, SAMPLE_SEX, sample_entries
from twitchcheck.storage import Database, DiaryProfile, DiaryStore
from twitchcheck.web.diary_form import entry_from_form, form_limits, form_problems

from .forms import form_data

AS_OF = datetime(2024, 6, 2, tzinfo=UTC).date()
# English-only words: one of them in the French report is an untranslated sentence (user notes aside).
ENGLISH_ONLY = re.compile(r"\b(the|and|with|your|you|of|is|not|this|from|bouts|entry|days?|diary|doctor|twitching)\b")


@pytest.fixture
def store(database: Database) -> DiaryStore:
    return DiaryStore.for_local_account(database)


def test_the_age_and_sex_are_kept_until_changed_and_erased_with_the_diary(store: DiaryStore) -> None:
    assert store.profile() == DiaryProfile()
    store.set_profile(DiaryProfile(age=52, sex="female"))
    assert store.profile() == DiaryProfile(age=52, sex="female")
    store.set_profile(DiaryProfile(age=53, sex=None))
    assert store.profile() == DiaryProfile(age=53, sex=None)
    store.erase()
    assert store.profile() == DiaryProfile()


@pytest.mark.parametrize("profile", [DiaryProfile(age=-1), DiaryProfile(age=121)])
def test_an_impossible_age_is_refused_with_the_range(store: DiaryStore, profile: DiaryProfile) -> None:
    with pytest.raises(DiaryError, match="from 0 to 120"):
        store.set_profile(profile)
    assert store.profile() == DiaryProfile()


def test_the_api_keeps_the_profile_and_the_review_uses_it(local: TestClient) -> None:
    assert local.put("/api/v1/diary/profile", json={"age": 70, "sex": "male"}).status_code == 200
    assert local.get("/api/v1/diary/profile").json() == {"age": 70, "sex": "male"}
    assert local.put("/api/v1/diary/profile", json={"age": "seventy"}).status_code == 422
    entry = {"when": datetime.now(UTC).isoformat(), "locations": ["twitch_eyelid"], "bouts": 2, "bout_seconds": 5}
    local.post("/api/v1/diary/entries", json={**entry, "intensity": 3})
    evidence = local.get("/api/v1/diary/review").json()["assessment"]["evidence"]
    assert (evidence["age"], evidence["sex"]) == (70, "male")


def test_the_diary_page_asks_age_and_sex_once_and_says_when_they_are_wrong(local: TestClient) -> None:
    refused = local.post("/diary/profile", data=form_data(local, {"age": "200", "sex": "female"}))
    assert refused.status_code == 422 and 'id="profile-error"' in refused.text and 'value="200"' in refused.text
    saved = local.post("/diary/profile", data=form_data(local, {"age": "44", "sex": "female"}))
    assert saved.status_code == 200 and "age 44, female" in saved.text
    assert '<details class="profile" open' not in saved.text  # told: the form folds away


def form(**fields: Any) -> FormData:
    items = [(k, v) for k, value in fields.items() for v in (value if isinstance(value, list) else [value])]
    return FormData(items)


def problems_of(language: str = "en", **fields: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        entry_from_form(form(**{"bout_seconds": "5", "locations": ["twitch_eyelid"], **fields}))
    return form_problems(refused.value, localizer(language))


def test_each_problem_is_said_in_plain_words_at_its_own_field_with_the_models_limits() -> None:
    assert problems_of(intensity="15") == {"intensity": "Give the strength as a whole number from 0 to 10."}
    assert problems_of(bouts="lots") == {"bouts": "Give the number of bouts as a whole number from 0 to 1000."}
    assert problems_of(locations=[]) == {
        "locations": "Tick where it twitched, or set the bouts to 0 for a day without twitching."
    }
    assert list(problems_of(sleep_hours="30", stress="11")) == ["sleep_hours", "stress"]
    assert problems_of(when="yesterday") == {"when": "Give a date and time from 1900 to today."}


def test_the_problems_are_said_in_french_on_a_french_page() -> None:
    assert problems_of("fr", intensity="15") == {"intensity": "Indiquez l'intensité par un nombre entier de 0 à 10."}


def test_the_forms_limits_are_the_models() -> None:
    limits = form_limits()
    assert limits["intensity"] == ("0", "10") and limits["sleep_hours"] == ("0", "24")
    assert entry_from_form(form(bouts="3", intensity="4", bout_seconds="30", locations=["twitch_face"])).bouts == 3


def test_every_symptom_is_offered_once_in_the_grouped_chips(kb: KnowledgeBase) -> None:
    chips = load_diary_rules().symptom_chips
    offered = [*chips.common, *(s for group in chips.groups for s in group.symptoms)]
    symptoms = {f.id for f in kb.findings if f.group == "symptoms"}
    assert sorted(offered) == sorted(symptoms) and len(chips.common) <= 8


def test_a_symptom_left_out_of_the_chips_is_refused_when_the_diary_rules_load(
    tmp_path: Path, kb: KnowledgeBase
) -> None:
    packaged = Path(__file__).resolve().parents[1] / "src" / "twitchcheck" / "knowledge" / "data" / "diary.yaml"
    text = packaged.read_text(encoding="utf-8").replace(", dark_urine", "")
    (tmp_path / "diary.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="'dark_urine' is in no group"):
        load_diary_rules(tmp_path / "diary.yaml", kb=kb)


def french_report() -> str:
    entries = sample_entries()
    loc = localizer("fr")
    from twitchcheck.i18n.localize import review_in_language

    review = review_in_language(entries, loc, load_kb(), as_of=AS_OF, age=SAMPLE_AGE, sex=SAMPLE_SEX)
    return build_report_html(entries, review.assessment, review=review, loc=loc)


def load_kb() -> KnowledgeBase:
    from twitchcheck.knowledge import load_knowledge

    return load_knowledge()


def test_the_french_report_has_no_english_sentence() -> None:
    html = french_report()
    assert '<html lang="fr">' in html
    text = re.sub(r"<[^>]+>", " ", html[html.index("<body") :])
    notes = {entry.notes for entry in sample_entries() if entry.notes}  # what the person typed stays as typed
    for note in notes:
        text = text.replace(note, "")
    assert not ENGLISH_ONLY.findall(text), ENGLISH_ONLY.findall(text)[:10]
    assert "34 ans, femme" in text and "Réponses aux questions du médecin" in text


def test_the_english_report_speaks_of_the_person_not_to_them() -> None:
    entries = sample_entries()
    review = review_diary(entries, as_of=AS_OF, age=SAMPLE_AGE, sex=SAMPLE_SEX)
    html = build_report_html(entries, review.assessment, review=review)
    answers = re.findall(r"<li>(.*?)</li>", html, re.S)
    assert answers and not [a for a in answers if re.search(r"\b(you|your)\b", a)]


@pytest.mark.slow  # renders a PDF: make test, not the inner loop
def test_the_cli_writes_the_report_in_french_with_the_diarys_age_and_sex(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from twitchcheck.cli.app import app
    from twitchcheck.diary.transfer import dump_document, export_document

    backup = tmp_path / "diary.json"
    backup.write_text(dump_document(export_document(sample_entries())), encoding="utf-8")
    runner = CliRunner(env={"TWITCHCHECK_DATA_DIR": str(tmp_path)})
    assert runner.invoke(app, ["diary", "import", str(backup)]).exit_code == 0
    from twitchcheck.storage import open_database

    database = open_database(f"sqlite:///{tmp_path / 'twitchcheck.db'}")
    DiaryStore.for_local_account(database).set_profile(DiaryProfile(age=52, sex="female"))  # told on the web page
    database.engine.dispose()
    out = tmp_path / "rapport.pdf"
    result = runner.invoke(app, ["report", "--out", str(out), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    wrong = runner.invoke(app, ["report", "--out", str(out), "--lang", "de"])
    assert wrong.exit_code != 0 and "use one of: en, fr" in wrong.output
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert "Journal des tressaillements" in text and "52 ans, femme" in text  # the diary's own age and sex


def test_a_day_with_no_twitching_logged_from_the_form_needs_no_place() -> None:
    entry = entry_from_form(form(bouts="0", intensity="0", bout_seconds=""))
    assert isinstance(entry, DiaryEntry) and entry.bouts == 0 and entry.locations == ()
    assert entry.when <= datetime.now().astimezone() + timedelta(seconds=1)
