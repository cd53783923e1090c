"""Formatting numbers for people, shared by the terminal, the pages and the report; the wording seam.

`Wording` is what a sentence needs to be said in a language: a gettext, the
knowledge base's texts, and percentages. A sentence is worded once, by one
function that takes a `Wording`; `ENGLISH` says it in the knowledge base's
English, and `twitchcheck.i18n.Localizer` in any other language. So no sentence
exists twice (an English f-string and a translated copy).
"""

from __future__ import annotations

from typing import Any, Protocol


class Wording(Protocol):
    """The three things a sentence needs from a language (see the module docstring)."""

    def gettext(self, message: str, **values: Any) -> str: ...

    def knowledge(self, section: str, item_id: str, field_name: str, default: str) -> str: ...

    def percent(self, probability: float) -> str: ...


class _English:
    """The knowledge base's own English: messages as written, knowledge texts as loaded."""

    def gettext(self, message: str, **values: Any) -> str:
        return message % values if values else message

    def knowledge(self, section: str, item_id: str, field_name: str, default: str) -> str:
        return default

    def percent(self, probability: float) -> str:
        return percent(probability)


ENGLISH: Wording = _English()


def percent(probability: float) -> str:
    """A percentage that never claims certainty the model cannot have: '>99%', '<1%', else '37%'."""
    if probability >= 0.995:
        return ">99%"
    if probability < 0.005:
        return "<1%"
    return f"{probability:.0%}"
