"""Error classes found on blind narratives (issue #11), each tested with wording of our own."""

from __future__ import annotations

import pytest

from twitchcheck.nlu import parse_text


def read(text: str, language: str = "en") -> tuple[set[str], set[str]]:
    parsed = parse_text(text, language=language)
    return set(parsed.present_ids), set(parsed.absent_ids)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Since lunchtime my grandad has been very muddled and his hands jerk.", "en"),
        ("She seems dazed and doesn't know where she is.", "en"),
        ("Mon oncle est tout mêlé depuis ce matin.", "fr"),
        ("Ma tante semble désorientée, elle sait pas où elle est.", "fr"),
    ],
)
def test_confusion_with_no_sign_that_it_passes_is_ongoing_not_brief(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "ongoing_confusion" in present
    assert "brief_confusion" not in present


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("After the fit he was muddled for a few minutes, then fine.", "en"),
        ("She gets short spells of confusion now and then.", "en"),
        ("Après sa crise il était confus pendant quelques minutes, puis correct.", "fr"),
    ],
)
def test_confusion_that_passes_is_brief_confusion(text: str, language: str) -> None:
    present, _ = read(text, language)
    assert "brief_confusion" in present


@pytest.mark.parametrize(
    ("text", "language"),
    [("My calves twitch. I'm not confused at all.", "en"), ("Mes mollets sautent. Il est pas confus.", "fr")],
)
def test_not_confused_denies_ongoing_confusion_only(text: str, language: str) -> None:
    _, absent = read(text, language)
    assert "ongoing_confusion" in absent
    assert "brief_confusion" not in absent
