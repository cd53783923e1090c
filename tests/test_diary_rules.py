"""diary.yaml: thresholds as data, each with a source, validated with messages naming file, entry and problem."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from twitchcheck import KnowledgeBase, KnowledgeError
from twitchcheck.diary import load_diary_rules
from twitchcheck.diary.rules import Count, Level, Number
from twitchcheck.knowledge.citations import citation_problems

PACKAGED = Path(str(resources.files("twitchcheck.knowledge") / "data" / "diary.yaml"))


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = PACKAGED.read_text(encoding="utf-8")
    assert old in text, f"the test's anchor {old!r} is not in diary.yaml"
    path = tmp_path / "diary.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_packaged_rules_load_and_every_threshold_cites_a_valid_source(kb: KnowledgeBase) -> None:
    rules = load_diary_rules()
    assert rules.worsening.window_days.value == 28
    keys = set(kb.sources)
    thresholds = [
        value
        for section in (rules.worsening, rules.spreading, rules.associations)
        for _, value in section
        if isinstance(value, Count | Number | Level)
    ]
    thresholds += [s.from_days for s in rules.duration.stages] + [t.threshold for t in rules.associations.triggers]
    assert len(thresholds) >= 20
    for threshold in thresholds:
        assert citation_problems(threshold.source, known_keys=keys) == []


def test_an_unknown_source_is_rejected_naming_the_entry(tmp_path: Path) -> None:
    path = broken_copy(
        tmp_path, 'window_days: {value: 28, source: "estimate:', 'window_days: {value: 28, source: "Wikipedia:'
    )
    with pytest.raises(
        KnowledgeError, match=r"diary\.yaml: entry 'worsening\.window_days': source: 'Wikipedia' is not"
    ):
        load_diary_rules(path)


def test_a_misspelt_key_is_rejected_naming_the_entry(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "  min_days_per_group:", "  min_day_per_group:")
    with pytest.raises(KnowledgeError, match=r"entry 'associations': 'min_day_per_group' is an unknown key"):
        load_diary_rules(path)


def test_a_bad_trigger_value_names_the_trigger_by_its_id(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "threshold: {value: 6,", "threshold: {value: -6,")
    with pytest.raises(KnowledgeError, match=r"entry 'associations\.triggers\.sleep\.threshold': value: Input should"):
        load_diary_rules(path)


def test_a_trigger_on_an_unknown_entry_field_is_rejected(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "field: caffeine_drinks", "field: coffee")
    with pytest.raises(KnowledgeError, match=r"entry 'associations\.triggers\.caffeine': field: Input should be"):
        load_diary_rules(path)


def test_an_unknown_finding_id_is_rejected_with_a_suggestion(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "  finding: spreading", "  finding: spreding")
    with pytest.raises(
        KnowledgeError, match=r"entry 'spreading\.finding': unknown finding id 'spreding'; did you mean"
    ):
        load_diary_rules(path)


def test_a_minimum_longer_than_the_window_is_rejected(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "min_days: {value: 10,", "min_days: {value: 40,")
    with pytest.raises(KnowledgeError, match=r"'worsening\.min_days': must not exceed window_days"):
        load_diary_rules(path)


def test_duration_stages_must_rise(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "from_days: {value: 90,", "from_days: {value: 10,")
    with pytest.raises(KnowledgeError, match=r"from_days must start at 0 and rise strictly; got \[0, 14, 10\]"):
        load_diary_rules(path)
