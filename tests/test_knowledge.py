"""The knowledge base: complete against the shared vocabulary, sourced, and validated."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from twitchcheck import KnowledgeBase, KnowledgeError, load_knowledge
from twitchcheck.knowledge.citations import citation_problems

from .conftest import VOCABULARY

PACKAGED = Path(__file__).resolve().parents[1] / "src" / "twitchcheck" / "knowledge" / "data"


def vocabulary() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8"))
    return data


def test_every_vocabulary_cause_is_in_the_knowledge_base(kb: KnowledgeBase) -> None:
    wanted = {cause["id"] for cause in vocabulary()["causes"]}
    assert wanted <= set(kb.cause_ids), f"missing causes: {sorted(wanted - set(kb.cause_ids))}"


def test_every_vocabulary_finding_is_in_the_knowledge_base(kb: KnowledgeBase) -> None:
    wanted = {f["id"] for group in vocabulary()["findings"].values() for f in group}
    assert wanted <= set(kb.finding_ids), f"missing findings: {sorted(wanted - set(kb.finding_ids))}"


def test_a_finding_is_marked_beyond_the_vocabulary_exactly_when_the_vocabulary_lacks_it(kb: KnowledgeBase) -> None:
    """Text scores leave out the ids no case can state, so the mark must be true of the shared vocabulary."""
    in_vocabulary = {f["id"] for group in vocabulary()["findings"].values() for f in group}
    assert kb.beyond_vocabulary_ids == set(kb.finding_ids) - in_vocabulary


def test_triage_levels_match_the_vocabulary_in_order(kb: KnowledgeBase) -> None:
    assert [level["id"] for level in vocabulary()["triage_levels"]] == [level.id for level in kb.levels]


def test_every_vocabulary_warning_sign_is_a_warning_sign(kb: KnowledgeBase) -> None:
    voc = vocabulary()
    wanted = set(voc["warning_signs"]) | {f["id"] for f in voc["findings"]["red_flags_acute"]}
    assert wanted <= kb.warning_sign_ids, f"not marked as warning signs: {sorted(wanted - kb.warning_sign_ids)}"


def test_vocabulary_acute_red_flags_are_acute(kb: KnowledgeBase) -> None:
    acute = {f["id"] for f in vocabulary()["findings"]["red_flags_acute"]}
    assert acute <= kb.acute_red_flag_ids


def test_course_and_duration_findings_are_not_warning_signs(kb: KnowledgeBase) -> None:
    """The vocabulary says course and duration change the level but are not warning signs."""
    course = {"worsening", "spreading", "affects_daily_life", "duration_under_2_weeks"}
    assert not course & kb.warning_sign_ids


def test_the_three_durations_exclude_each_other(kb: KnowledgeBase) -> None:
    groups = kb.exclusive_groups()
    assert set(groups["duration"]) == {
        "duration_under_2_weeks",
        "duration_2_weeks_to_3_months",
        "duration_over_3_months",
    }


def test_every_cause_prior_is_sourced_and_every_link_has_a_valid_citation(kb: KnowledgeBase) -> None:
    keys = set(kb.sources)
    for cause in kb.causes:
        assert not citation_problems(cause.prior.source, known_keys=keys)
        for fid, link in kb.links[cause.id].items():
            assert not citation_problems(link.source, known_keys=keys), (cause.id, fid)


def test_knowledge_version_changes_with_the_data(tmp_path: Path) -> None:
    copy = tmp_path / "kb"
    shutil.copytree(PACKAGED, copy)
    before = load_knowledge(copy).version
    causes = copy / "causes.yaml"
    causes.write_text(causes.read_text(encoding="utf-8").replace("value: 0.25", "value: 0.26"), encoding="utf-8")
    assert load_knowledge(copy).version != before


# ---- broken files give errors that name the file, the entry and the problem ----


def broken_copy(tmp_path: Path, name: str, old: str, new: str) -> Path:
    copy = tmp_path / "kb"
    shutil.copytree(PACKAGED, copy)
    target = copy / name
    text = target.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def test_a_link_to_an_unknown_finding_names_file_entry_and_suggestion(tmp_path: Path) -> None:
    kb_dir = broken_copy(tmp_path, "links.yaml", "    twitch_eyelid: {p: 0.30", "    twitch_eyelids: {p: 0.30")
    with pytest.raises(KnowledgeError) as error:
        load_knowledge(kb_dir)
    message = str(error.value)
    assert "links.yaml" in message
    assert "benign_fasciculation -> twitch_eyelids" in message
    assert "unknown finding id" in message
    assert "'twitch_eyelid'" in message


def test_a_probability_above_one_is_rejected_with_its_entry(tmp_path: Path) -> None:
    kb_dir = broken_copy(tmp_path, "links.yaml", "twitch_eyelid: {p: 0.30", "twitch_eyelid: {p: 1.30")
    with pytest.raises(
        KnowledgeError,
        match=r"links\.yaml: entry 'benign_fasciculation -> twitch_eyelid': p: .*less than or equal to 1",
    ):
        load_knowledge(kb_dir)


def test_a_follow_up_of_an_unknown_finding_is_rejected_with_its_entry(tmp_path: Path) -> None:
    kb_dir = broken_copy(tmp_path, "findings.yaml", "asked_after: [muscle_cramps]", "asked_after: [muscle_cramp]")
    with pytest.raises(
        KnowledgeError,
        match=r"findings\.yaml: entry 'cramp_over_10_minutes': asked_after names 'muscle_cramp', which is not another",
    ):
        load_knowledge(kb_dir)


def test_a_warning_sign_held_back_as_a_follow_up_is_rejected(tmp_path: Path) -> None:
    """Every warning sign is asked (not asked is not absent), so none may wait for another answer."""
    kb_dir = broken_copy(
        tmp_path, "findings.yaml", "  - id: muscle_weakness\n", "  - id: muscle_weakness\n    asked_after: [fatigue]\n"
    )
    with pytest.raises(KnowledgeError, match=r"entry 'muscle_weakness': a warning sign cannot wait for another answer"):
        load_knowledge(kb_dir)


def test_a_negative_prior_is_rejected(tmp_path: Path) -> None:
    kb_dir = broken_copy(
        tmp_path, "causes.yaml", 'prior: {value: 0.10, source: "estimate: knowledge', 'prior: {value: -0.10, source: "'
    )
    with pytest.raises(
        KnowledgeError, match=r"causes\.yaml: entry 'overexertion\.prior': value: Input should be greater"
    ):
        load_knowledge(kb_dir)


def test_a_bare_estimate_is_rejected_because_it_says_nothing_of_how_the_figure_was_reached(tmp_path: Path) -> None:
    kb_dir = broken_copy(
        tmp_path,
        "links.yaml",
        'twitch_eyelid: {p: 0.30, source: "Myok: eyelid myokymia is the commonest benign twitch"}',
        'twitch_eyelid: {p: 0.30, source: "estimate"}',
    )
    with pytest.raises(
        KnowledgeError,
        match=r"links\.yaml: entry 'benign_fasciculation -> twitch_eyelid': source: 'estimate' gives no reasoning",
    ):
        load_knowledge(kb_dir)


def test_a_link_above_the_cap_is_rejected_so_that_no_single_answer_rules_a_cause_out(tmp_path: Path) -> None:
    kb_dir = broken_copy(tmp_path, "links.yaml", "twitch_eyelid: {p: 0.30", "twitch_eyelid: {p: 0.95")
    with pytest.raises(
        KnowledgeError, match=r"'benign_fasciculation -> twitch_eyelid': p 0\.95 is above the cap of 0\.9"
    ):
        load_knowledge(kb_dir)


def test_every_link_and_leak_gives_a_source_or_the_reasoning_of_its_estimate(kb: KnowledgeBase) -> None:
    """Issue #12: 163 links and 63 leaks were a bare 'estimate'."""
    sources = [link.source for links in kb.links.values() for link in links.values()]
    sources += [finding.leak.source for finding in kb.findings]
    bare = [s for s in sources if any(part.strip() in ("estimate", "estimate:") for part in s.split(";"))]
    assert not bare
    assert kb.link_cap is not None
    assert max(link.p for links in kb.links.values() for link in links.values()) <= kb.link_cap.value


def test_a_missing_source_is_rejected(tmp_path: Path) -> None:
    kb_dir = broken_copy(
        tmp_path,
        "links.yaml",
        'twitch_eyelid: {p: 0.30, source: "Myok: eyelid myokymia is the commonest benign twitch"}',
        "twitch_eyelid: {p: 0.30}",
    )
    with pytest.raises(
        KnowledgeError,
        match=r"links\.yaml: entry 'benign_fasciculation -> twitch_eyelid': source: required key is missing",
    ):
        load_knowledge(kb_dir)


def test_an_unknown_source_key_is_rejected(tmp_path: Path) -> None:
    kb_dir = broken_copy(
        tmp_path, "links.yaml", 'source: "Myok: eyelid myokymia', 'source: "Wikipedia: eyelid myokymia'
    )
    with pytest.raises(KnowledgeError, match=r"'Wikipedia' is not a known source"):
        load_knowledge(kb_dir)


def test_an_article_section_out_of_range_is_rejected() -> None:
    assert citation_problems("article §15", known_keys=set()) == [
        "'article §15' names a section outside article §0-§14"
    ]
    assert citation_problems("article §7; estimate: the legs most, as in overexertion", known_keys=set()) == []


def test_an_unknown_key_in_a_record_is_rejected(tmp_path: Path) -> None:
    kb_dir = broken_copy(
        tmp_path,
        "causes.yaml",
        "    serious: false\n    prior: {value: 0.10",
        "    serius: false\n    prior: {value: 0.10",
    )
    with pytest.raises(
        KnowledgeError,
        match=r"causes\.yaml: .*entry 'overexertion': 'serius' is an unknown key; did you mean 'serious'\? "
        r"\(allowed keys: id, name",
    ):
        load_knowledge(kb_dir)


@pytest.mark.parametrize(("finding", "kind"), [("fever", "warning sign"), ("pregnant", "modifier")])
def test_a_rule_silenced_by_a_warning_sign_or_a_modifier_is_rejected(tmp_path: Path, finding: str, kind: str) -> None:
    """Adding a warning sign, or pregnancy, a weak immune system and the like, must never lower urgency."""
    kb_dir = broken_copy(
        tmp_path,
        "triage.yaml",
        "unless_present: [sudden_fear]}",
        f"unless_present: [sudden_fear, {finding}]}}",
    )
    with pytest.raises(KnowledgeError, match=rf"rule 'racing_heart': unless_present names the {kind} '{finding}'"):
        load_knowledge(kb_dir)


def test_probability_may_not_escalate_beyond_consultation(tmp_path: Path) -> None:
    kb_dir = broken_copy(
        tmp_path,
        "triage.yaml",
        "never higher.\n  level: consultation",
        "never higher.\n  level: emergency",
    )
    with pytest.raises(KnowledgeError, match="probability_escalation may raise the level to 'consultation' at most"):
        load_knowledge(kb_dir)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    kb_dir = broken_copy(tmp_path, "advice.yaml", "advice:", "advice: [")
    with pytest.raises(KnowledgeError, match=r"advice\.yaml: not valid YAML"):
        load_knowledge(kb_dir)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    copy = tmp_path / "kb"
    shutil.copytree(PACKAGED, copy)
    (copy / "triage.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"triage\.yaml: file is missing"):
        load_knowledge(copy)


@pytest.mark.parametrize("finding", ["twitch_tongue", "muscle_weakness", "first_seizure"])
def test_a_warning_sign_linked_as_evidence_for_benign_twitching_is_rejected(tmp_path: Path, finding: str) -> None:
    """Benign twitching is twitching without warning signs: no warning sign or acute red flag may count for it."""
    kb_dir = broken_copy(
        tmp_path,
        "links.yaml",
        "  benign_fasciculation:\n",
        f'  benign_fasciculation:\n    {finding}: {{p: 0.01, source: "estimate: test"}}\n',
    )
    with pytest.raises(KnowledgeError, match=rf"'benign_fasciculation -> {finding}': '{finding}' is a warning sign"):
        load_knowledge(kb_dir)


def test_a_warning_sign_supporting_a_harmless_cause_must_say_what_it_means_for_it(tmp_path: Path) -> None:
    kb_dir = broken_copy(
        tmp_path,
        "links.yaml",
        ', caution: "With a racing heart, dehydration needs a doctor today, not just more to drink."',
        "",
    )
    with pytest.raises(KnowledgeError, match=r"'dehydration -> rapid_heartbeat': the warning sign .* give a caution"):
        load_knowledge(kb_dir)


def test_no_warning_sign_ever_counts_for_a_reassuring_cause_in_the_packaged_knowledge(kb: KnowledgeBase) -> None:
    alarming = kb.warning_sign_ids | kb.acute_red_flag_ids
    reassuring = [cause.id for cause in kb.causes if cause.reassuring]
    assert reassuring == ["benign_fasciculation"]
    for cause_id in reassuring:
        assert not set(kb.links[cause_id]) & alarming


def test_a_caution_without_its_source_is_rejected(tmp_path: Path) -> None:
    kb_dir = broken_copy(tmp_path, "links.yaml", ', caution_source: "NHS-Palp"', "")
    with pytest.raises(
        KnowledgeError, match=r"'stress_anxiety -> rapid_heartbeat': a caution needs its caution_source"
    ):
        load_knowledge(kb_dir)
