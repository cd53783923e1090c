"""Words that could be an urgent sign but that the parser cannot settle: listed as unsure, asked first."""

from __future__ import annotations

from twitchcheck.nlu import parse_text

SEIZURE_FLAGS = {
    "first_seizure",
    "seizure_now_or_over_5_min",
    "seizure_injury_or_repeated",
    "not_recovering_after_seizure",
}


def reasons(text: str, language: str = "en") -> dict[str, str]:
    return {m.finding_id: m.reason for m in parse_text(text, language=language).unsure}


def test_a_question_about_seizures_is_not_a_seizure_but_each_urgent_seizure_sign_is_asked() -> None:
    parsed = parse_text("My arm twitches. Am I having seizures??")
    assert "seizure" not in parsed.present_ids
    assert set(parsed.unsure_ids) >= SEIZURE_FLAGS
    assert {m.reason for m in parsed.unsure} == {"question"}
    assert all(m.mentioned == "seizure" and m.text.lower() == "seizures" for m in parsed.unsure)


def test_a_statement_followed_by_a_question_is_still_a_statement() -> None:
    parsed = parse_text("I had a seizure this morning, is that related?")
    assert "seizure" in parsed.present_ids
    assert not [m for m in parsed.unsure if m.reason == "question"]


def test_a_hedged_urgent_sign_is_unsure_never_present() -> None:
    parsed = parse_text("my calf twitches, maybe my face is drooping a bit")
    assert "sudden_weakness_or_numbness_one_side" not in parsed.present_ids
    assert reasons("my calf twitches, maybe my face is drooping a bit")["sudden_weakness_or_numbness_one_side"] == (
        "hedged"
    )


def test_a_question_about_an_urgent_sign_in_french_is_unsure() -> None:
    parsed = parse_text("ma paupière saute. est-ce que je fais des convulsions?", language="fr")
    assert "seizure" not in parsed.present_ids
    assert set(parsed.unsure_ids) >= SEIZURE_FLAGS


def test_a_guessed_spelling_keeps_a_warning_sign_but_asks_the_urgent_ones_first() -> None:
    parsed = parse_text("my leg twitches, i had a seizrue this morning")
    assert "seizure" in parsed.present_ids  # not an urgent sign itself: kept
    assert reasons("my leg twitches, i had a seizrue this morning")["first_seizure"] == "misspelled"


def test_unsure_urgent_signs_are_what_the_interview_asks_first() -> None:
    parsed = parse_text("My arm twitches. Am I having seizures??")
    assert set(parsed.ask_first_ids) >= SEIZURE_FLAGS


def test_a_plain_text_has_nothing_unsure() -> None:
    assert parse_text("My left eyelid has been twitching for 3 days, no fever.").unsure == []
