"""Why a question is asked, in words: written once, here, and translated from here.

The interview records the reason as data (`WhyReason`); this module words it.
English is the default; `twitchcheck.i18n.localize` passes its own `gettext`
and knowledge-text lookup, so every language words the same reason from the
same sentence (`make i18n-extract` finds them through the `gettext(` calls).
"""

from __future__ import annotations

from typing import Any, Protocol

from twitchcheck.interview.questions import CHECKLIST_WHY, WhyReason
from twitchcheck.knowledge import KnowledgeBase


class Translate(Protocol):
    def __call__(self, message: str, **values: Any) -> str: ...


class KnowledgeText(Protocol):
    def __call__(self, section: str, item_id: str, field_name: str, default: str) -> str: ...


def english(message: str, **values: Any) -> str:
    """The message itself, with its %(name)s placeholders filled in."""
    return message % values if values else message


def english_knowledge(section: str, item_id: str, field_name: str, default: str) -> str:
    """The knowledge base's own (English) text."""
    return default


def word_why(
    reason: WhyReason,
    kb: KnowledgeBase,
    *,
    gettext: Translate = english,
    knowledge: KnowledgeText = english_knowledge,
) -> str:
    """One sentence on why a question is asked, in the language of `gettext` and `knowledge`."""
    if reason.kind in CHECKLIST_WHY:
        return knowledge("texts", f"{reason.kind}_why", "text", CHECKLIST_WHY[reason.kind])
    if reason.kind == "level_change" and reason.level_now and reason.level_other:
        return gettext(
            "Your answer could change what to do: now “%(now)s”, it could become “%(other)s”.",
            now=knowledge("levels", reason.level_now, "title", kb.level(reason.level_now).title),
            other=knowledge("levels", reason.level_other, "title", kb.level(reason.level_other).title),
        )
    names = [knowledge("causes", c, "name", kb.cause(c).name) for c in reason.causes]
    if reason.kind == "tell_apart" and len(names) == 2:
        return gettext(
            "It helps tell apart likely causes, such as %(first)s and %(second)s.", first=names[0], second=names[1]
        )
    if reason.kind == "confirm" and names:
        return gettext("It helps confirm or rule out %(cause)s.", cause=names[0])
    return gettext("It completes the picture.")
