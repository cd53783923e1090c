"""Triage safety: warning signs decide, probabilities never talk the system out of them."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchcheck import Assessor, KnowledgeBase, load_knowledge

from .conftest import examples

RANK = {"emergency_ambulance": 0, "emergency": 1, "consultation_24": 2, "consultation": 3, "self_care": 4}
_KB = load_knowledge()
ALL_FINDINGS = sorted(_KB.finding_ids)
WARNING_SIGNS = sorted(_KB.warning_sign_ids)
ACUTE = sorted(_KB.acute_red_flag_ids)
Case = dict[str, Any]  # present, absent, age, sex: the keyword arguments of Assessor.evidence
DURATIONS = set(_KB.exclusive_groups()["duration"])
MODIFIERS = sorted(_KB.modifier_ids)


@st.composite
def evidence_strategy(draw: st.DrawFn) -> Case:
    """Random but valid evidence: at most one duration, nothing both present and absent."""
    present = set(draw(st.lists(st.sampled_from(ALL_FINDINGS), max_size=12, unique=True)))
    durations = sorted(present & DURATIONS)
    present -= set(durations[1:])
    rest = [f for f in ALL_FINDINGS if f not in present]
    absent = set(draw(st.lists(st.sampled_from(rest), max_size=10, unique=True))) if rest else set()
    age = draw(st.one_of(st.none(), st.integers(0, 100)))
    sex = draw(st.sampled_from([None, "female", "male"]))
    return {"present": present, "absent": absent, "age": age, "sex": sex}


def level_of(assessor: Assessor, case: Case) -> str:
    evidence = assessor.evidence(**case)
    return assessor.assess(evidence).triage.level


@given(case=evidence_strategy(), sign=st.sampled_from(WARNING_SIGNS))
@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_adding_a_warning_sign_never_lowers_triage(assessor: Assessor, case: Case, sign: str) -> None:
    before = level_of(assessor, case)
    if sign in DURATIONS:
        return
    added = {**case, "present": case["present"] | {sign}, "absent": case["absent"] - {sign}}
    after = level_of(assessor, added)
    assert RANK[after] <= RANK[before], f"adding {sign} lowered {before} to {after}"


@given(case=evidence_strategy(), modifier=st.sampled_from(MODIFIERS))
@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_adding_a_modifier_never_lowers_triage(assessor: Assessor, case: Case, modifier: str) -> None:
    """Pregnancy, a weak immune system, a known condition, a head injury or a large dose only ever add urgency."""
    before = level_of(assessor, case)
    added = {**case, "present": case["present"] | {modifier}, "absent": case["absent"] - {modifier}}
    after = level_of(assessor, added)
    assert RANK[after] <= RANK[before], f"adding {modifier} lowered {before} to {after}"


@given(case=evidence_strategy(), age=st.integers(0, 110))
@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_an_unknown_age_is_at_least_as_urgent_as_any_known_age(assessor: Assessor, case: Case, age: int) -> None:
    """Age conditions (children, older people) count as met when nobody asked the age.

    Rules only: the age also moves the priors, so the probability escalation (a routine
    appointment at most) may fire for a known age and not for an unknown one.
    """

    def rule_rank(age_now: int | None) -> int:
        result = assessor.assess(assessor.evidence(**{**case, "age": age_now}))
        ranks = [RANK[r.level] for r in result.triage.reasons if r.rule != "probability_escalation"]
        return min(ranks, default=RANK["self_care"])

    assert rule_rank(None) <= rule_rank(age)


def minimal_evidence(kb: KnowledgeBase, rule_id: str) -> Case:
    """The least evidence a rule's condition describes: what a person with that syndrome reports."""
    rule = next(r for r in kb.rules if r.id == rule_id)
    when = rule.when
    present = set(when.all_present)
    if when.any_present and present.isdisjoint(when.any_present):
        present.add(when.any_present[0])
    if when.min_present is not None:
        missing = when.min_present.count - len(present & set(when.min_present.of))
        present.update([f for f in when.min_present.of if f not in present][: max(missing, 0)])
    if when.any_warning_sign and present.isdisjoint(kb.warning_sign_ids):
        present.add(sorted(kb.warning_sign_ids)[0])
    durations = sorted(present & DURATIONS)
    present -= set(durations[1:])
    age = when.age_at_least if when.age_at_least is not None else (when.age_below - 1 if when.age_below else 40)
    return {"present": present, "absent": set(), "age": age, "sex": "female"}


@pytest.mark.parametrize("rule_id", [rule.id for rule in _KB.rules])
def test_every_triage_rule_can_be_reached_from_the_evidence_it_describes(
    assessor: Assessor, kb: KnowledgeBase, rule_id: str
) -> None:
    """A rule no input can reach is a hazard that looks like a control."""
    case = minimal_evidence(kb, rule_id)
    result = assessor.assess(assessor.evidence(**case))
    rule = next(r for r in kb.rules if r.id == rule_id)
    assert rule_id in {r.rule for r in result.triage.reasons}, case
    assert RANK[result.triage.level] <= RANK[rule.level]


@given(case=evidence_strategy(), flag=st.sampled_from(ACUTE))
@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_acute_red_flag_gives_at_least_emergency(assessor: Assessor, case: Case, flag: str) -> None:
    with_flag = {**case, "present": case["present"] | {flag}, "absent": case["absent"] - {flag}}
    assert RANK[level_of(assessor, with_flag)] <= RANK["emergency"]


@given(case=evidence_strategy())
@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_self_care_only_when_no_warning_sign_is_present(assessor: Assessor, case: Case) -> None:
    if level_of(assessor, case) == "self_care":
        assert not case["present"] & set(WARNING_SIGNS)


@given(case=evidence_strategy())
@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_present_warning_sign_is_reported_as_a_red_flag(assessor: Assessor, case: Case) -> None:
    result = assessor.assess(assessor.evidence(**case))
    assert {flag.id for flag in result.red_flags} == case["present"] & set(WARNING_SIGNS)


@given(case=evidence_strategy(), scale=st.floats(0.5, 2.0))
@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_probabilities_never_raise_triage_above_consultation(assessor: Assessor, case: Case, scale: float) -> None:
    """Rules alone decide anything more urgent than a routine appointment."""
    import numpy as np

    result = assessor.assess(assessor.evidence(**case))
    for reason in result.triage.reasons:
        if reason.rule == "probability_escalation":
            assert RANK[reason.level] >= RANK["consultation"]
    shaken = assessor.network.perturbed(
        prior_scale=np.full(assessor.network.base_prior.shape, scale),
        link_odds_scale=np.ones(assessor.network.link.shape),
    )
    rules_only = [r for r in result.triage.reasons if r.rule != "probability_escalation"]
    shaken_result = assessor.assess(assessor.evidence(**case), network=shaken)
    if rules_only and RANK[rules_only[0].level] < RANK["consultation"]:
        assert shaken_result.triage.level == result.triage.level


# ---- specific rules: each guidance statement is a probe in knowledge/data/guidance_probes.yaml,
# run by tests/test_guidance_probes.py ----


def test_each_level_comes_with_its_reasons_in_words(assessor: Assessor) -> None:
    result = assessor.assess(assessor.evidence(present=["fever", "skin_rash", "twitch_widespread"], age=34))
    assert result.triage.level == "consultation_24"
    assert result.triage.reasons[0].rule == "fever_and_rash"
    assert all(reason.text and reason.source for reason in result.triage.reasons)
    assert {r.rule for r in result.triage.reasons} >= {
        "fever_and_rash",
        "any_warning_sign",
        "several_places_or_spreading",
    }


def test_unknown_age_counts_as_young_for_age_limited_rules(kb: KnowledgeBase, assessor: Assessor) -> None:
    """Where the age decides between two levels and is unknown, the more urgent one wins."""
    assert (
        level_of(assessor, {"present": {"uncontrollable_jerks"}, "absent": set(), "age": None, "sex": None})
        == "consultation_24"
    )


def test_shaking_after_a_large_dose_is_an_ambulance_at_every_age(assessor: Assessor) -> None:
    """Tremor after a large stimulant dose is one of issue #9's stimulant-poisoning features; MedlinePlus
    allows 911 or poison control, and the more urgent is taken (hazard log H13)."""
    shaking = {"twitch_eyelid", "large_stimulant_dose", "tremor"}
    for age in (3, 15, None, 16, 30, 70):
        evidence = {"present": shaking, "absent": set(), "age": age, "sex": None}
        assert level_of(assessor, evidence) == "emergency_ambulance"
    alone = {"twitch_eyelid", "large_stimulant_dose"}
    assert level_of(assessor, {"present": alone, "absent": set(), "age": 30, "sex": None}) == "consultation_24"
