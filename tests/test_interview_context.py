"""The interview asks the context that can raise the level (a dose, surgery, pregnancy, speed of onset)
whenever the evidence makes it matter, and finds it without being told."""

from __future__ import annotations

import pytest

from twitchcheck import Assessor
from twitchcheck.interview.simulate import SimulatedPerson, run_interview


@pytest.mark.parametrize(
    ("initial", "hidden", "age", "sex", "level"),
    [
        # Epilepsy Society: call an ambulance for a seizure in pregnancy, even with known epilepsy.
        (["twitch_arm_hand", "seizure", "known_epilepsy"], ["pregnant"], 28, "female", "emergency_ambulance"),
        # NHS chemotherapy / NICE NG51: fever with a weak immune system.
        (["twitch_leg_calf", "fever"], ["weakened_immune_system"], 60, "male", "emergency"),
        # SfE: tingling after thyroid or parathyroid surgery is acute low calcium.
        (["twitch_face", "tingling_mouth_fingers"], ["recent_neck_surgery"], 45, "female", "emergency"),
        # NICE NG127: a deficit progressing over hours to days.
        (["twitch_leg_calf", "numbness_limbs"], ["rapidly_progressing_symptoms"], 35, "male", "emergency"),
        # MedlinePlus caffeine overdose: a large dose today with a racing heart.
        (
            ["twitch_arm_hand", "rapid_heartbeat", "high_caffeine"],
            ["large_stimulant_dose"],
            22,
            "male",
            "emergency_ambulance",
        ),
        # NHS dehydration: no urine for 8 hours.
        (["twitch_leg_calf", "low_fluid_intake"], ["little_or_no_urine"], 80, "female", "emergency"),
        # NHS Leg cramps: an urgent appointment for a cramp that lasts longer than 10 minutes (our own id).
        (["twitch_leg_calf", "muscle_cramps"], ["cramp_over_10_minutes"], 55, "male", "consultation_24"),
    ],
)
def test_the_interview_finds_the_context_that_raises_the_level(
    assessor: Assessor, initial: list[str], hidden: list[str], age: int, sex: str, level: str
) -> None:
    person = SimulatedPerson.knowing(set(initial) | set(hidden), [])
    interview = run_interview(person, initial=initial, age=age, sex=sex, assessor=assessor)
    assert set(hidden) <= interview.evidence.present
    assert interview.assessment().triage.level == level


@pytest.mark.parametrize(
    ("initial", "hidden", "age", "sex", "cause"),
    [
        # MHRA: long-term PPIs (and diuretics) lower magnesium; tingling and cramps are its symptoms.
        (
            ["tingling_mouth_fingers", "twitch_leg_calf"],
            ["acid_or_water_tablets", "muscle_cramps"],
            71,
            "female",
            "hypomagnesemia",
        ),
        # NHS Twitching: a prescribed medicine (here a stimulant dose raised) can cause the twitch.
        (["twitch_face", "twitch_arm_hand"], ["new_medicine", "amphetamine_use"], 26, "male", "stimulants"),
    ],
)
def test_the_drug_history_is_taken_as_one_screen_and_finds_the_medicine(
    assessor: Assessor, initial: list[str], hidden: list[str], age: int, sex: str, cause: str
) -> None:
    person = SimulatedPerson.knowing(set(initial) | set(hidden), [])
    interview = run_interview(person, initial=initial, age=age, sex=sex, assessor=assessor)
    drug_history = [record for record in interview.history if record.question_id == "group:medicines"]
    assert len(drug_history) == 1
    asked = set(drug_history[0].replies)
    assert {"high_caffeine", "heavy_alcohol_use", "acid_or_water_tablets", "new_medicine"} <= asked
    assert set(hidden) <= interview.evidence.present
    assert cause in [c.id for c in interview.assessment().causes[:3]]


def test_a_follow_up_question_waits_for_the_finding_it_follows(assessor: Assessor) -> None:
    """How long a cramp lasted is asked of someone with cramps, never of everyone (`asked_after`)."""
    without = run_interview(
        SimulatedPerson.knowing({"twitch_eyelid", "duration_under_2_weeks"}, []),
        initial=["twitch_eyelid"],
        age=30,
        sex="female",
        assessor=assessor,
    )
    assert "cramp_over_10_minutes" not in without.state.asked()
    with_cramps = run_interview(
        SimulatedPerson.knowing({"twitch_leg_calf", "muscle_cramps"}, []),
        initial=["twitch_leg_calf", "muscle_cramps"],
        age=30,
        sex="female",
        assessor=assessor,
    )
    assert "cramp_over_10_minutes" in with_cramps.state.asked()
