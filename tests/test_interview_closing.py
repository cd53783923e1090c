"""Before it settles, the interview asks once about what could bring another cause into the first three.

The stop rule ends the interview when no answer could change the advice or the leading cause. A
deficiency the answers never touched (little sun, covered skin, no dairy) changes neither, so it
was never asked and never named, although the person reads the first three causes as the ones to
take to a doctor. One closing screen asks those findings together (docs/benchmarks.md, ninth session).
"""

from __future__ import annotations

import numpy as np

from twitchcheck import Assessor
from twitchcheck.assessment import RELEVANT_PROBABILITY
from twitchcheck.engine.posterior import compute_posterior
from twitchcheck.interview import Interview
from twitchcheck.interview.questions import QuestionBank
from twitchcheck.interview.selection import Situation, shortlist_entries
from twitchcheck.interview.simulate import SimulatedPerson, run_interview

# A woman of 30 with calf twitching and cramps for months, who covers her skin, is seldom outdoors
# and takes no dairy (the vitamin D deficiency picture of NHS Vitamin D); she volunteers only the twitch.
COVERED_AND_INDOORS = {
    "present": [
        "twitch_leg_calf",
        "muscle_cramps",
        "duration_over_3_months",
        "darker_skin_or_covered",
        "low_sun_exposure",
        "low_calcium_diet",
    ],
    "absent": ["tingling_mouth_fingers", "carpopedal_spasm", "muscle_weakness"],
}


def test_the_closing_screen_names_a_deficiency_the_answers_never_touched(assessor: Assessor) -> None:
    person = SimulatedPerson.knowing(COVERED_AND_INDOORS["present"], COVERED_AND_INDOORS["absent"])
    interview = run_interview(
        person, initial=["twitch_leg_calf", "muscle_cramps"], age=30, sex="female", assessor=assessor
    )
    closing = [r for r in interview.state.history if r.question_id.startswith("closing:")]
    assert [r.question_id for r in closing] == ["closing:1"]
    assert closing[0].replies.get("low_sun_exposure") == "yes"
    first_three = [cause.id for cause in interview.assessment(ranges=False).causes[:3]]
    assert "vitamin_d_deficiency" in first_three


def test_each_closing_finding_brings_a_new_cause_into_the_first_three_and_no_other_does(
    assessor: Assessor,
) -> None:
    kb, network = assessor.kb, assessor.network
    evidence = assessor.evidence(present=["twitch_leg_calf", "muscle_cramps"], absent=[], age=30, sex="female")
    situation = Situation.of(kb, network, evidence)
    bank = QuestionBank(kb)
    unknown = set(kb.finding_ids) - evidence.present - evidence.absent
    drafts = bank.adaptive_drafts(unknown, frozenset(evidence.present))
    entries = set(shortlist_entries(situation, drafts))
    possible = RELEVANT_PROBABILITY
    listed = network.listed

    def first_three(probability: np.ndarray) -> set[int]:
        return set(np.argsort(-probability[:listed], kind="stable")[:3].tolist())

    now = first_three(situation.posterior.probability)
    singles = {fid for d in drafts if d.kind != "exclusive" for fid in d.finding_ids}
    assert entries and entries <= singles
    for fid in singles:
        after = compute_posterior(network, situation.extended(present=[fid]), prior=situation.prior).probability
        entering = first_three(after) - now
        brings_one = any(after[i] >= possible for i in entering)
        assert brings_one == (fid in entries), fid


def test_the_closing_screen_comes_once_after_every_warning_sign_and_never_when_urgent(assessor: Assessor) -> None:
    person = SimulatedPerson.knowing(COVERED_AND_INDOORS["present"], COVERED_AND_INDOORS["absent"])
    interview = run_interview(
        person, initial=["twitch_leg_calf", "muscle_cramps"], age=30, sex="female", assessor=assessor
    )
    ids = [r.question_id for r in interview.state.history]
    phases = [question_id.partition(":")[0] for question_id in ids]
    assert phases.count("closing") == 1
    assert phases.index("closing") > max(i for i, phase in enumerate(phases) if phase == "warning_signs")

    urgent = Interview.start(evidence={"present": ["twitch_eyelid", "breathing_difficulty"]}, assessor=assessor)
    assert urgent.next_question() is None and urgent.stop_reason == "urgent"
