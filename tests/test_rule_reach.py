"""Every emergency rule can be reached by the interview (hazard log H8), and the "together" screen that does it.

A rule that needs two findings, neither of which changes the advice alone, was invisible to the
question choice (it looks one answer ahead): a head injury with vomiting, or at 65 dizziness on
standing with tiredness, ended in "Manage at home".
"""

from __future__ import annotations

import pytest

from twitchcheck import Assessor, Interview
from twitchcheck.engine.triage import answers_to_fire, rule_fires
from twitchcheck.evaluation.rule_reach import probes, run_probe
from twitchcheck.interview.simulate import SimulatedPerson, run_interview
from twitchcheck.knowledge.models import EMERGENCY_LEVEL_IDS, MinPresent, RuleCondition

HEAD_INJURY = RuleCondition(
    all_present=("recent_head_injury",),
    min_present=MinPresent(count=1, of=("brief_confusion", "diarrhoea_or_vomiting")),
)


@pytest.mark.parametrize(
    ("findings", "age", "rule"),
    [
        (("diarrhoea_or_vomiting", "recent_head_injury"), 40, "head_injury_with_warning_sign"),
        (("dizzy_on_standing", "fatigue"), 65, "older_person_dehydrated_and_dizzy"),
        (("fatigue", "heavy_sweating_exercise"), 78, "older_person_dehydrated_and_dizzy"),
    ],
)
def test_two_findings_that_only_together_are_an_emergency_are_both_asked(
    assessor: Assessor, findings: tuple[str, ...], age: int, rule: str
) -> None:
    person = SimulatedPerson.knowing(["twitch_eyelid", *findings], [])
    interview = run_interview(person, initial=["twitch_eyelid"], age=age, sex="female", assessor=assessor)
    triage = interview.assessment(ranges=False).triage
    assert triage.level == "emergency"
    assert rule in {reason.rule for reason in triage.reasons}
    together = [r for r in interview.history if r.question_id.startswith("together:")]
    assert together and set(findings) <= {fid for r in together for fid in r.replies}


def test_the_together_screen_comes_after_the_warning_signs_and_names_why(assessor: Assessor) -> None:
    interview = Interview.start(age=70, evidence={"present": ["twitch_eyelid"]}, assessor=assessor)
    phases = []
    while (question := interview.next_question()) is not None and question.phase != "adaptive":
        phases.append(question.phase)
        if question.phase == "together":
            assert {"recent_head_injury", "dizzy_on_standing", "fatigue"} <= set(question.finding_ids)
            assert not set(question.finding_ids) & assessor.kb.warning_sign_ids  # those have their own screen
            assert question.why.startswith("With one other answer")
        interview.answer(question.id, "no")
    assert phases.index("together") > phases.index("warning_signs")


def test_no_together_screen_once_every_emergency_rule_is_out_of_reach(assessor: Assessor) -> None:
    kb = assessor.kb
    named = {fid for rule in kb.rules for fid in rule.when.finding_ids()} - kb.warning_sign_ids
    interview = Interview.start(
        age=30, evidence={"present": ["twitch_eyelid"], "absent": sorted(named - {"twitch_eyelid"})}, assessor=assessor
    )
    while (question := interview.next_question()) is not None:
        assert question.phase != "together"
        interview.answer(question.id, "unknown" if question.kind == "exclusive" else "no")


def test_answers_to_fire_gives_the_smallest_sets_of_open_findings(assessor: Assessor) -> None:
    signs = assessor.kb.warning_sign_ids
    nothing = assessor.evidence(present=["twitch_eyelid"])
    open_ids = {"recent_head_injury", "brief_confusion", "diarrhoea_or_vomiting"}
    assert set(answers_to_fire(HEAD_INJURY, nothing, signs, open_ids)) == {
        frozenset({"recent_head_injury", "brief_confusion"}),
        frozenset({"recent_head_injury", "diarrhoea_or_vomiting"}),
    }
    injured = assessor.evidence(present=["twitch_eyelid", "recent_head_injury"])
    assert answers_to_fire(HEAD_INJURY, injured, signs, open_ids - {"recent_head_injury"}) == [
        frozenset({"brief_confusion"}),
        frozenset({"diarrhoea_or_vomiting"}),
    ]
    assert answers_to_fire(HEAD_INJURY, nothing, signs, open_ids, most=1) == []  # two answers away
    no_injury = assessor.evidence(present=["twitch_eyelid"], absent=["recent_head_injury"])
    assert answers_to_fire(HEAD_INJURY, no_injury, signs, open_ids - {"recent_head_injury"}) == []
    fired = assessor.evidence(present=["recent_head_injury", "brief_confusion"])
    assert answers_to_fire(HEAD_INJURY, fired, signs, {"diarrhoea_or_vomiting"}) == []  # nothing more is needed


def test_an_age_the_rule_excludes_puts_it_out_of_reach(assessor: Assessor) -> None:
    older = RuleCondition(min_present=MinPresent(count=2, of=("dizzy_on_standing", "fatigue")), age_at_least=65)
    open_ids = {"dizzy_on_standing", "fatigue"}
    signs = assessor.kb.warning_sign_ids
    assert answers_to_fire(older, assessor.evidence(present=["twitch_eyelid"], age=40), signs, open_ids) == []
    assert answers_to_fire(older, assessor.evidence(present=["twitch_eyelid"], age=65), signs, open_ids)
    assert answers_to_fire(older, assessor.evidence(present=["twitch_eyelid"]), signs, open_ids)  # age not given


@pytest.mark.slow
def test_every_smallest_set_of_every_emergency_rule_is_reached_from_a_bare_twitch(assessor: Assessor) -> None:
    missed = [str(outcome.probe) for p in probes(assessor.kb) if not (outcome := run_probe(assessor, p)).reached]
    assert missed == []


def test_the_probe_sets_cover_every_emergency_rule_and_each_fires_it(assessor: Assessor) -> None:
    kb = assessor.kb
    every = list(probes(kb))
    assert {probe.rule for probe in every} == {rule.id for rule in kb.rules if rule.level in EMERGENCY_LEVEL_IDS}
    rules = {rule.id: rule for rule in kb.rules}
    for probe in every:
        evidence = assessor.evidence(present=list(probe.findings), age=probe.age, sex=probe.sex)
        assert rule_fires(rules[probe.rule].when, evidence, kb.warning_sign_ids), probe
