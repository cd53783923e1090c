"""The lexicon is data, validated at load with errors that name the file, the entry and the problem."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from twitchcheck.errors import KnowledgeError
from twitchcheck.knowledge.loader import load_knowledge
from twitchcheck.nlu import load_lexicon

SHARED_VOCABULARY = Path(__file__).resolve().parents[2] / "shared" / "vocabulary.yaml"


def english_text() -> str:
    return resources.files("twitchcheck.knowledge").joinpath("data", "lexicon", "en.yaml").read_text("utf-8")


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = english_text()
    assert old in text, f"test setup: {old!r} is not in en.yaml"
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def vocabulary_ids() -> set[str]:
    if not SHARED_VOCABULARY.exists():
        pytest.skip("shared/vocabulary.yaml is not beside the repository")
    data = yaml.safe_load(SHARED_VOCABULARY.read_text(encoding="utf-8"))
    return {item["id"] for group in data["findings"].values() for item in group}


def test_the_packaged_lexicon_loads() -> None:
    lexicon = load_lexicon()
    assert lexicon.language == "en"
    assert lexicon.source == "en.yaml"


def test_every_finding_id_in_the_lexicon_is_in_the_shared_vocabulary_or_marked_beyond_it() -> None:
    lexicon = load_lexicon()
    used = (
        set(lexicon.findings)
        | {c.finding for c in lexicon.durations.categories}
        | {e.finding for e in lexicon.episodes}
    )
    for entry in lexicon.findings.values():
        used.update(entry.implies)
        for rule in entry.derive:
            used.update(rule.any_of)
            used.update(rule.near_findings)
    assert used - vocabulary_ids() - load_knowledge().beyond_vocabulary_ids == set()


def test_every_vocabulary_finding_can_be_read_from_text() -> None:
    lexicon = load_lexicon()
    readable = set(lexicon.findings) | {c.finding for c in lexicon.durations.categories}
    assert vocabulary_ids() - readable == set()


def test_an_unknown_finding_id_names_file_entry_and_a_suggestion(tmp_path: Path) -> None:
    path = broken(tmp_path, "\n  twitch_eyelid:\n", "\n  twitch_eyelids:\n")
    with pytest.raises(KnowledgeError) as error:
        load_lexicon(path)
    message = str(error.value)
    assert "broken.yaml" in message
    assert "findings.twitch_eyelids: unknown finding id 'twitch_eyelids'" in message
    assert "did you mean 'twitch_eyelid'" in message


def test_an_unknown_class_in_a_pattern_is_named(tmp_path: Path) -> None:
    path = broken(tmp_path, '- "{eye} ...8 {twitch}"', '- "{eyes} ...8 {twitch}"')
    with pytest.raises(KnowledgeError, match=r"findings\.twitch_eyelid\.present: pattern .*unknown class '\{eyes\}'"):
        load_lexicon(path)


def test_an_unknown_implied_finding_is_named(tmp_path: Path) -> None:
    path = broken(tmp_path, "implies: [seizure]", "implies: [seizures]")
    with pytest.raises(KnowledgeError, match=r"implies: unknown finding id 'seizures'"):
        load_lexicon(path)


def test_an_unknown_finding_with_a_length_of_its_own_is_named(tmp_path: Path) -> None:
    path = broken(tmp_path, "lengths_of_others: [brief_confusion,", "lengths_of_others: [brief_confusions,")
    with pytest.raises(KnowledgeError, match=r"episodes.*unknown finding id 'brief_confusions'"):
        load_lexicon(path)


def test_an_unknown_unit_of_a_derived_course_is_named(tmp_path: Path) -> None:
    course = "        span_within_days: 7\n"
    path = broken(tmp_path, course, course + "        span_units: [days]\n")
    with pytest.raises(KnowledgeError, match=r"derive: unit 'days' has no entry in durations.unit_days"):
        load_lexicon(path)


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    path = broken(tmp_path, "  twitch_tongue:\n    present:", "  twitch_tongue:\n    presnt:")
    with pytest.raises(
        KnowledgeError,
        match=r"broken\.yaml: entry 'findings\.twitch_tongue': 'presnt' is an unknown key; "
        r"did you mean 'present'\? \(allowed keys: present, absent",
    ):
        load_lexicon(path)


def test_a_pattern_cannot_start_with_a_gap(tmp_path: Path) -> None:
    path = broken(tmp_path, "      - blepharospasm", "      - ... blepharospasm")
    with pytest.raises(KnowledgeError, match=r"cannot start or end with a gap"):
        load_lexicon(path)


def test_a_duration_unit_without_days_is_named(tmp_path: Path) -> None:
    path = broken(tmp_path, "    fortnight: fortnight\n", "    fortnight: fortnite\n")
    with pytest.raises(KnowledgeError, match=r"durations\.units\.fortnight: unit 'fortnite' has no entry"):
        load_lexicon(path)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "fr.yaml"
    path.write_text("language: fr\nclasses: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"^fr\.yaml: not valid YAML"):
        load_lexicon(path)


def test_ids_can_be_checked_against_any_vocabulary(tmp_path: Path) -> None:
    path = tmp_path / "en.yaml"
    path.write_text(english_text(), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"unknown finding id"):
        load_lexicon(path, finding_ids={"twitch_eyelid"}, group_ids={"twitch_location"})


def test_a_language_without_a_lexicon_is_a_clear_error() -> None:
    with pytest.raises(KnowledgeError, match=r"no lexicon for language 'xx'"):
        load_lexicon(language="xx")


def test_a_key_given_twice_in_an_entry_is_refused_with_both_lines(tmp_path: Path) -> None:
    """YAML keeps the last of two equal keys in silence: a second `absent:` would drop the first list."""
    path = broken(tmp_path, "  twitch_widespread:\n", "  twitch_widespread:\n    absent: [nowhere at all]\n")
    with pytest.raises(
        KnowledgeError, match=r"broken\.yaml: not valid YAML: the key 'absent' is given twice \(lines \d+ and \d+\)"
    ):
        load_lexicon(path)
