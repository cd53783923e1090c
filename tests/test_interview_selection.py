"""Question choice: exact answer probabilities, the value of a question, and the stopping criterion."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from twitchcheck import Assessor, Interview
from twitchcheck.engine.posterior import compute_posterior
from twitchcheck.engine.what_if import absent_hypotheses
from twitchcheck.interview.questions import QuestionBank
from twitchcheck.interview.selection import LEADER_MARGIN, TRIAGE_WEIGHT, Situation, changes_leader, score
from twitchcheck.interview.stopping import (
    LEADER_STABLE_BELOW,
    LEVEL_SETTLED_BELOW,
    is_settled,
    keeps_open,
    open_questions,
)

from .conftest import examples

MANY_PRESENT = [  # 12 present findings: past Quickscore's limit, so the engine enumerates
    "twitch_widespread",
    "twitch_arm_hand",
    "twitch_leg_calf",
    "twitch_trunk",
    "twitch_brief",
    "twitch_at_rest",
    "duration_over_3_months",
    "spreading",
    "affects_daily_life",
    "muscle_cramps",
    "poor_sleep",
    "stress_anxiety_present",
]


@pytest.mark.parametrize(
    "present",
    [[], ["twitch_eyelid", "poor_sleep"], ["muscle_weakness", "muscle_wasting", "twitch_tongue"], MANY_PRESENT],
)
def test_batched_no_answers_match_the_exact_posterior_one_by_one(assessor: Assessor, present: list[str]) -> None:
    evidence = assessor.evidence(present=present, absent=["fever"], age=58, sex="male")
    network = assessor.network
    prior = network.prior_for(age=58, sex="male")
    current = compute_posterior(network, evidence, prior=prior)
    candidates = [f for f in assessor.kb.finding_ids if f not in evidence.present | evidence.absent][:25]
    hypotheses = [[], *([f] for f in candidates), ["duration_under_2_weeks", "duration_over_3_months"]]
    hypotheses = [h for h in hypotheses if not set(h) & (evidence.present | evidence.absent)]
    batch = absent_hypotheses(network, evidence, prior, hypotheses)
    for row, hypothesis in enumerate(hypotheses):
        one = assessor.evidence(present=present, absent=["fever", *hypothesis], age=58, sex="male")
        exact = compute_posterior(network, one, prior=prior)
        assert batch.probability[row] == pytest.approx(math.exp(exact.log_evidence - current.log_evidence), abs=1e-9)
        np.testing.assert_allclose(batch.posterior(row), exact.probability, atol=1e-9)


def situation_for(assessor: Assessor, present: list[str]) -> Situation:
    evidence = assessor.evidence(present=present, age=30, sex="female")
    return Situation.of(assessor.kb, assessor.network, evidence)


def test_answer_probabilities_sum_to_one_and_average_back_to_what_is_believed_now(assessor: Assessor) -> None:
    """The law of total probability: sum over answers of P(answer) * belief after it = belief now."""
    from twitchcheck.interview.selection import _one_of, _yes_no

    situation = situation_for(assessor, ["twitch_eyelid", "poor_sleep"])
    options = ("duration_under_2_weeks", "duration_2_weeks_to_3_months", "duration_over_3_months")
    hypotheses = [(), ("high_caffeine",), *(tuple(f for f in options if f != c) for c in options), options]
    batch = absent_hypotheses(situation.network, situation.evidence, situation.prior, hypotheses)
    yes, no = _yes_no(situation, batch, "high_caffeine", 1)
    assert yes.probability + no.probability == pytest.approx(1.0)
    mixed = yes.probability * yes.causes + no.probability * no.causes
    np.testing.assert_allclose(mixed, situation.posterior.probability, atol=1e-9)
    branches = _one_of(situation, batch, options, {h: i for i, h in enumerate(hypotheses)})
    assert sum(b.probability for b in branches) == pytest.approx(1.0)
    assert [b.level for b in branches] == ["self_care", "consultation", "consultation"]


def test_a_question_that_could_change_the_advice_is_worth_more_than_its_information_on_causes(
    assessor: Assessor,
) -> None:
    situation = situation_for(assessor, ["twitch_eyelid", "poor_sleep"])
    bank = QuestionBank(assessor.kb)
    duration = next(d for d in bank.adaptive_drafts(set(assessor.kb.finding_ids)) if d.id == "group:duration")
    sun = bank.single("low_sun_exposure")
    by_id = {o.draft.id: o for o in score(situation, [duration, sun])}
    assert by_id["group:duration"].other_levels == {"consultation"}
    assert by_id["group:duration"].triage_entropy > 0.0
    assert by_id["group:duration"].value == pytest.approx(
        by_id["group:duration"].cause_gain + TRIAGE_WEIGHT * by_id["group:duration"].triage_entropy
    )
    assert by_id["finding:low_sun_exposure"].triage_entropy == 0.0
    assert by_id["group:duration"].value > by_id["finding:low_sun_exposure"].value


def test_the_interview_stops_only_when_no_open_question_could_change_the_advice_or_the_leader(
    assessor: Assessor,
) -> None:
    """The stopping criterion, checked at every step of a whole interview."""
    interview = Interview.start(age=30, sex="female", evidence={"present": ["twitch_eyelid", "poor_sleep"]})
    bank = QuestionBank(assessor.kb)
    while True:
        question = interview.next_question()
        evidence = interview.evidence
        answered = evidence.present | evidence.absent | interview.state.asked()
        unknown = set(assessor.kb.finding_ids) - answered - assessor.kb.waiting_follow_ups(evidence.present)
        if question is not None and question.phase != "adaptive":
            interview.answer(question.id, "unknown")
            continue
        outlooks = score(Situation.of(assessor.kb, assessor.network, evidence), bank.adaptive_drafts(unknown))
        if question is None and interview.stop_reason == "max_questions":
            break  # every answer "don't know": the question limit, not the criterion, ends it
        if question is None:
            assert interview.stop_reason == "settled"
            assert all(o.level_change < LEVEL_SETTLED_BELOW for o in outlooks)
            assert all(o.leader_change < LEADER_STABLE_BELOW for o in outlooks)
            break
        assert not is_settled(outlooks)
        # the most valuable of the questions that could still change the advice or the leading cause
        assert question.id == max(open_questions(outlooks), key=lambda o: o.value).draft.id
        assert keeps_open(next(o for o in outlooks if o.draft.id == question.id))
        interview.answer(question.id, "unknown")
    assert interview.questions_asked > 4  # it went past the checklists into the adaptive phase


def test_why_names_the_advice_a_triage_question_could_change(assessor: Assessor) -> None:
    interview = Interview.start(
        age=30,
        sex="female",
        evidence={"present": ["twitch_eyelid"], "absent": sorted(assessor.kb.warning_sign_ids)},
    )
    question = interview.next_question()
    while question is not None and not question.why.startswith("Your answer could change"):
        interview.answer(question.id, "unknown")
        question = interview.next_question()
    assert question is not None
    assert "“Manage at home”" in question.why and "“Book an appointment with a doctor”" in question.why


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    answers=st.lists(st.sampled_from(["yes", "no", "unknown"]), min_size=80, max_size=80),
    age=st.one_of(st.none(), st.integers(min_value=5, max_value=90)),
    urgent=st.booleans(),
)
def test_whatever_the_answers_the_interview_ends_within_its_limit_and_asks_every_warning_sign(
    assessor: Assessor, answers: list[str], age: int | None, urgent: bool
) -> None:
    kb = assessor.kb
    interview = Interview.start(age=age, evidence={"present": ["twitch_leg_calf"]}, max_questions=12, assessor=assessor)
    replies = iter(answers)
    while (question := interview.next_question()) is not None:
        if question.phase == "urgent":
            interview.answer(question.id, {question.finding_ids[-1]: "yes"} if urgent else "no")
        elif question.kind == "exclusive":
            reply = next(replies)
            interview.answer(question.id, question.finding_ids[0] if reply == "yes" else "unknown")
        else:
            interview.answer(question.id, {fid: next(replies, "unknown") for fid in question.finding_ids})
    assert interview.questions_asked <= 12
    assert (interview.stop_reason == "urgent") == urgent
    if urgent:
        assert interview.assessment().triage.level in {"emergency_ambulance", "emergency"}
    else:
        known = interview.evidence.present | interview.evidence.absent | interview.state.asked()
        assert kb.warning_sign_ids <= known
        flagged = {flag.id for flag in interview.assessment().red_flags}
        assert interview.evidence.present & kb.warning_sign_ids <= flagged


def _believing(situation: Situation, probabilities: dict[int, float]) -> Situation:
    """The situation with the causes' probabilities set by hand (the others near zero)."""
    probability = np.full(len(situation.posterior.probability), 0.01)
    for index, value in probabilities.items():
        probability[index] = value
    posterior = dataclasses.replace(situation.posterior, probability=probability)
    return dataclasses.replace(situation, posterior=posterior, leader=int(np.argmax(probability)))


def test_two_very_likely_causes_trading_places_do_not_keep_the_interview_open(assessor: Assessor) -> None:
    situation = _believing(situation_for(assessor, ["twitch_eyelid"]), {0: 0.92, 1: 0.85})
    after = situation.posterior.probability.copy()
    after[0], after[1] = 0.84, 0.93
    assert assessor.kb.display.bands[0].at_least <= 0.84
    assert not changes_leader(situation, after)


def test_a_new_leader_among_possible_causes_or_out_of_the_top_band_is_a_change(assessor: Assessor) -> None:
    possible = _believing(situation_for(assessor, ["twitch_eyelid"]), {0: 0.50, 1: 0.40})
    after = possible.posterior.probability.copy()
    after[0], after[1] = 0.40, 0.55
    assert changes_leader(possible, after)
    leaving_the_top = _believing(possible, {0: 0.92, 1: 0.60})
    after = leaving_the_top.posterior.probability.copy()
    after[0], after[1] = 0.50, 0.90
    assert changes_leader(leaving_the_top, after)


def test_a_near_tie_for_the_lead_is_no_change(assessor: Assessor) -> None:
    situation = _believing(situation_for(assessor, ["twitch_eyelid"]), {0: 0.50, 1: 0.40})
    after = situation.posterior.probability.copy()
    after[1] = after[0] + LEADER_MARGIN / 2
    assert not changes_leader(situation, after)
