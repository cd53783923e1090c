"""The diary in French: alerts and trigger sentences worded from their ids and numbers, not from the English."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from importlib import resources
from pathlib import Path

import yaml
from fastapi.testclient import TestClient

from twitchcheck import KnowledgeBase
from twitchcheck.diary import DiaryEntry, compare_triggers
from twitchcheck.diary.review import review_diary
from twitchcheck.diary.rules import load_diary_rules
from twitchcheck.i18n import localizer
from twitchcheck.i18n.extract import diary_texts
from twitchcheck.i18n.localize import localize_triggers, review_in_language
from twitchcheck.settings import Settings
from twitchcheck.web import create_app


def _entries() -> list[DiaryEntry]:
    """Three weeks of eyelid twitching, with caffeine on some days and a new place in the third week."""
    return [
        DiaryEntry(
            when=datetime(2024, 5, day, 20, tzinfo=UTC),
            locations=("twitch_eyelid", "twitch_arm_hand") if day >= 15 else ("twitch_eyelid",),
            bouts=6 if day % 2 else 2,
            bout_seconds=10,
            intensity=3,
            caffeine_drinks=5 if day % 2 else 1,
        )
        for day in range(1, 22)
    ]


def test_a_french_review_has_french_alerts_and_the_same_levels_and_counts(kb: KnowledgeBase) -> None:
    review = review_diary(_entries(), as_of=date(2024, 5, 21))
    french = review_in_language(_entries(), localizer("fr"), kb, as_of=date(2024, 5, 21))
    assert {a.kind for a in review.alerts} >= {"duration", "spreading"}
    assert [(a.kind, a.level_before, a.level_after, a.raised) for a in french.alerts] == [
        (a.kind, a.level_before, a.level_after, a.raised) for a in review.alerts
    ]
    assert [a.message for a in french.alerts] == [a.message for a in review.alerts]
    duration = next(a for a in french.alerts if a.kind == "duration")
    assert duration.title == "Les tressaillements durent depuis plus de 2 semaines"
    spreading = next(a for a in french.alerts if a.kind == "spreading")
    assert spreading.title == "Les tressaillements se sont étendus à un nouvel endroit"
    for alert, english in zip(french.alerts, review.alerts, strict=True):
        assert alert.explanation.startswith(alert.title) and "advice" not in alert.explanation
        assert alert.explanation != english.explanation
        assert alert.details and all("First" not in d and "New:" not in d for d in alert.details)
    assert french.trend_notes and all("days logged" not in note for note in french.trend_notes)
    assert french.assessment.triage.level == review.assessment.triage.level
    assert french.days_logged == review.days_logged


def test_english_localization_reads_exactly_as_the_diary_wrote_it(kb: KnowledgeBase) -> None:
    entries = _entries()
    review = review_diary(entries, as_of=date(2024, 5, 21))
    assert review_in_language(entries, localizer("en"), kb, as_of=date(2024, 5, 21)) == review
    triggers = compare_triggers(entries)
    assert localize_triggers(triggers, localizer("en")) == triggers


def test_french_trigger_sentences_keep_the_numbers_with_a_decimal_comma() -> None:
    triggers = compare_triggers(_entries())
    caffeine = next(t for t in triggers if t.trigger == "caffeine")
    assert caffeine.enough_data and caffeine.message.code == "compared"
    french = next(t for t in localize_triggers(triggers, localizer("fr")) if t.trigger == "caffeine")
    assert french.sentence.startswith("Les jours avec 4 boissons caféinées ou plus, le journal montre")
    assert "6,0 contre 2,0" in french.sentence and "la caféine" in french.sentence
    assert (french.exposed_days, french.other_days, french.p_value) == (
        caffeine.exposed_days,
        caffeine.other_days,
        caffeine.p_value,
    )
    nothing = next(t for t in localize_triggers(triggers, localizer("fr")) if t.trigger == "alcohol")
    assert nothing.sentence == "Rien n'a encore été noté sur l'alcool."


def test_every_diary_text_a_person_reads_is_extracted_and_has_a_french_translation() -> None:
    rules = load_diary_rules()
    texts = {s.sentence for s in rules.duration.stages} | {g.title for g in rules.symptom_chips.groups}
    for trigger in rules.associations.triggers:
        texts |= {trigger.exposed_label, trigger.other_label, trigger.name}
    texts |= set(rules.location_short_labels.values())
    path = resources.files("twitchcheck.knowledge") / "data" / "diary.yaml"
    extracted = set(diary_texts(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert texts <= extracted, sorted(texts - extracted)
    french = localizer("fr")
    assert not [text for text in extracted if french.gettext(text) == text], "untranslated diary.yaml texts"


def test_the_french_diary_page_shows_french_alerts(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path, accounts="off")), base_url="http://localhost") as client:
        start = datetime.now(UTC) - timedelta(days=15)
        for day in range(1, 16):
            entry = {
                "when": (start + timedelta(days=day)).isoformat(),
                "locations": ["twitch_eyelid"],
                "bouts": 6 if day % 2 else 2,
                "intensity": 3,
                "bout_seconds": 20,
                "caffeine_drinks": 5 if day % 2 else 1,
            }
            assert client.post("/api/v1/diary/entries", json=entry).status_code == 201
        english = client.get("/diary?lang=en").text
        french = client.get("/diary?lang=fr").text
    assert "Twitching has lasted more than 2 weeks" in english
    assert "Les tressaillements durent depuis plus de 2 semaines" in french
    assert "Twitching has lasted" not in french
    assert "Cela ne change pas le conseil" in french or "le conseil est" in french.lower()
    assert "le journal montre" in french and "the diary shows" not in french
