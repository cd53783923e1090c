"""Age and sex, of the writer or of the person a carer writes about."""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text


@pytest.mark.parametrize(
    ("text", "age", "sex", "subject"),
    [
        ("I'm a 34 year old woman with a twitchy eye.", 34, "female", "self"),
        ("34F, calf twitching for a week.", 34, "female", "self"),
        ("Male, 52, twitching all over.", 52, "male", "self"),
        ("52 yo male here.", 52, "male", "self"),
        ("I am 45 and my thumb twitches.", 45, None, "self"),
        ("28 year old guy, eye twitch.", 28, "male", "self"),
        ("My son (7) has jerks in his legs.", 7, "male", "other"),
        ("My mum, 78, has started shaking.", 78, "female", "other"),
        ("I'm writing about my mum, who is 80. She forgets things.", 80, "female", "other"),
        ("My son is 7. He falls a lot.", 7, "male", "other"),
        ("My 5 year old daughter keeps staring into space.", 5, "female", "other"),
        ("I'm writing for my husband. His face keeps twitching.", None, "male", "other"),
        ("My partner is 40. She has had a seizure.", 40, "female", "other"),
    ],
)
def test_age_sex_and_subject_are_read(text: str, age: int | None, sex: str | None, subject: str) -> None:
    parsed = parse_text(text)
    assert (parsed.age, parsed.sex, parsed.subject) == (age, sex, subject)


def test_an_age_in_weeks_is_not_an_age_in_years() -> None:
    parsed = parse_text("My baby is six weeks old and I'm up every two hours.")
    assert (parsed.age, parsed.subject) == (None, "self")
    assert parsed.present_ids == ["poor_sleep"]


def test_nothing_stated_gives_no_age_or_sex() -> None:
    parsed = parse_text("My calf twitches.")
    assert (parsed.age, parsed.sex, parsed.subject) == (None, None, "self")


def test_an_observer_does_not_make_the_text_a_carers() -> None:
    parsed = parse_text("My wife noticed my eyelid twitching.")
    assert (parsed.subject, parsed.sex, parsed.present_ids) == ("self", None, ["twitch_eyelid"])


@pytest.mark.parametrize(
    ("text", "age", "sex", "condition"),
    [
        ("I support a 41 year old man with epilepsy. He had a seizure.", 41, "male", "known_epilepsy"),
        ("I am a support worker for a woman with MS.", None, "female", "known_neurological_condition"),
    ],
)
def test_a_paid_carer_naming_the_person_by_a_plain_noun_writes_about_that_person(
    text: str, age: int | None, sex: str, condition: str
) -> None:
    parsed = parse_text(text)
    assert (parsed.subject, parsed.age, parsed.sex) == ("other", age, sex)
    assert condition in parsed.present_ids  # the "I" of "I support a man with epilepsy" does not take it


def test_looking_after_a_family_member_leaves_the_writer_the_patient() -> None:
    parsed = parse_text("I look after my mum. I have been so stressed and my eyelid twitches.")
    assert parsed.subject == "self"
    assert "twitch_eyelid" in parsed.present_ids


@pytest.mark.parametrize(
    "text",
    [
        "Need help quick - my husband's face started jerking and he couldn't answer me. Now his arm is weak.",
        "URGENT: my son is shaking all over and won't wake up.",
        "Help please - my mum's arms keep jerking and she isn't making sense.",
    ],
)
def test_a_call_for_help_before_a_dash_or_colon_does_not_hide_whom_the_text_is_about(text: str) -> None:
    assert parse_text(text).subject == "other"


def test_a_symptom_before_a_dash_with_an_observer_after_it_stays_the_writers() -> None:
    parsed = parse_text("Eyelid twitch - my wife noticed it first. I drink 5 coffees a day.")
    assert parsed.subject == "self"
    assert {"twitch_eyelid", "high_caffeine"} <= set(parsed.present_ids)
