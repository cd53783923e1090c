"""The questions an interview can ask, built from the knowledge base alone.

Every question is about findings, worded by the knowledge base: a single
finding uses its `question`; a small group (where, how, how long) is asked as
one screen with the group `title` and the findings' labels as options. Large
groups (lifestyle, other symptoms) are asked a finding at a time, because a
checklist of thirty items is not one question but thirty. Checklists of
warning signs (the urgent screen, the warning-sign checklist, the hand-over) are cut
into screens of at most `MAX_CHECKLIST_OPTIONS`.

Question ids are stable strings, so that an answer can name its question:
`finding:<id>`, `group:<group>`, and numbered checklists `urgent:<n>`,
`warning_signs:<n>`, `together:<n>` (findings that with one more answer make an
emergency), `handover:<n>`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from twitchcheck.interview.state import QuestionKind
from twitchcheck.knowledge import KnowledgeBase

# A group this small reads as one question ("where is the twitching?"); larger ones are asked item by item.
MAX_GROUP_OPTIONS = 8
# The most options one checklist screen shows; longer lists are split into balanced screens.
MAX_CHECKLIST_OPTIONS = 14

Phase = Literal["urgent", "adaptive", "warning_signs", "together", "closing", "handover"]

URGENT_TEXT = "First, the urgent signs. Does any of these apply to you?"
URGENT_WHY = "These need help at once, so we always ask about them first."
SWEEP_TEXT = "Do you have any of these? Tick all that apply."
SWEEP_WHY = "These are warning signs: any of them means a doctor should see you, so we check them all early."
TOGETHER_TEXT = "Do any of these apply to you? Some of them need help quickly when they come together."
TOGETHER_WHY = "With one other answer, each of these can mean you need help quickly, so we check them."
CLOSING_TEXT = "Before the result: do any of these apply to you?"
CLOSING_WHY = "Each of these could point to another cause worth naming to a doctor, so we check them before we finish."
HANDOVER_TEXT = "While you wait for help: do you have any of these? Tell the ambulance crew or the doctor."
HANDOVER_WHY = "Getting help comes first. If you can, note these for the people who will treat you."


WhyKind = Literal[
    "urgent", "warning_signs", "together", "closing", "handover", "level_change", "tell_apart", "confirm", "complete"
]


class WhyReason(BaseModel):
    """Why a question is asked, as data: so that every language can word it (`why` is the English)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: WhyKind
    level_now: str | None = None
    level_other: str | None = None
    causes: tuple[str, ...] = ()


class Option(BaseModel):
    """One finding a question asks about."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    label: str
    warning_sign: bool


class Question(BaseModel):
    """One screen of the interview, as the terminal shows it and the API serves it.

    `single`: yes / no / don't know about one finding. `exclusive`: pick at
    most one option (or don't know). `multiple`: yes / no / don't know for
    each option ("tick all that apply").
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: QuestionKind
    phase: Phase
    text: str
    options: tuple[Option, ...]
    why: str
    reason: WhyReason
    part: int | None = Field(default=None, description="For a checklist on several screens: which screen this is")
    parts: int | None = Field(default=None, description="For a checklist on several screens: how many there are")
    already: tuple[Option, ...] = Field(
        default=(),
        description="Findings of this question's group the person already reported: shown, never asked again",
    )

    @property
    def finding_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


@dataclass(frozen=True)
class Draft:
    """A candidate question before the selection has said why it is worth asking."""

    id: str
    kind: QuestionKind
    text: str
    finding_ids: tuple[str, ...]
    already: tuple[str, ...] = ()


class QuestionBank:
    """Builds questions for one knowledge base; holds no interview state."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.warning_signs = kb.warning_sign_ids
        self.acute = kb.acute_red_flag_ids
        self._group_members: dict[str, tuple[str, ...]] = {
            name: tuple(f.id for f in kb.findings if f.group == name) for name in kb.finding_groups
        }

    def option(self, finding_id: str) -> Option:
        return Option(
            id=finding_id, label=self.kb.finding(finding_id).label, warning_sign=finding_id in self.warning_signs
        )

    def question(self, draft: Draft, *, phase: Phase, why: str, reason: WhyReason) -> Question:
        return Question(
            id=draft.id,
            kind=draft.kind,
            phase=phase,
            text=draft.text,
            options=tuple(self.option(fid) for fid in draft.finding_ids),
            why=why,
            reason=reason,
            already=tuple(self.option(fid) for fid in draft.already),
        )

    def single(self, finding_id: str) -> Draft:
        return Draft(f"finding:{finding_id}", "single", self.kb.finding(finding_id).question, (finding_id,))

    def adaptive_drafts(self, unknown: set[str], present: frozenset[str] = frozenset()) -> list[Draft]:
        """Every question the adaptive phase may ask about the still-unknown findings.

        Acute red flags are left out: the urgent screen asks them first. A group question
        carries the members the person already reported, so the screen can say so
        ("You already told us: ...") instead of seeming to ask again.
        """
        drafts: list[Draft] = []
        for name, group in self.kb.finding_groups.items():
            members = [fid for fid in self._group_members[name] if fid not in self.acute]
            open_members = tuple(fid for fid in members if fid in unknown)
            # An exclusive group with a present member has no open member left (the others are implied absent).
            if len(open_members) > 1 and (group.kind == "exclusive" or len(members) <= MAX_GROUP_OPTIONS):
                already = tuple(fid for fid in members if fid in present)
                drafts.append(Draft(f"group:{name}", group.kind, group.title, open_members, already))
            else:
                drafts.extend(self.single(fid) for fid in open_members)
        return drafts

    def checklists(
        self, prefix: str, finding_ids: Iterable[str], *, start: int, first: Iterable[str] = ()
    ) -> list[Question]:
        """`finding_ids` as numbered checklist screens (`prefix:<n>`): those in `first`, then knowledge-base order.

        `first` puts what the person's own words raised but left unsure at the top of the
        first screen, where it is read before anything else.
        """
        order = {fid: i for i, fid in enumerate(self.kb.finding_ids)}
        leading = frozenset(first)
        ids = sorted(set(finding_ids), key=lambda fid: (fid not in leading, order[fid]))
        text, why, phase = _CHECKLISTS[prefix]
        chunks = balanced_chunks(ids, MAX_CHECKLIST_OPTIONS)
        parts = start - 1 + len(chunks)  # the screens already answered count: "part 2 of 3" after the first
        several = parts > 1
        return [
            self.question(
                Draft(f"{prefix}:{start + n}", "multiple", text, tuple(chunk)),
                phase=phase,
                why=why,
                reason=WhyReason(kind=phase),
            ).model_copy(update={"part": start + n if several else None, "parts": parts if several else None})
            for n, chunk in enumerate(chunks)
        ]


# Why each checklist is asked, by phase (worded by `twitchcheck.interview.why`).
CHECKLIST_WHY: dict[str, str] = {
    "urgent": URGENT_WHY,
    "warning_signs": SWEEP_WHY,
    "together": TOGETHER_WHY,
    "closing": CLOSING_WHY,
    "handover": HANDOVER_WHY,
}

_CHECKLISTS: dict[str, tuple[str, str, Phase]] = {
    "urgent": (URGENT_TEXT, URGENT_WHY, "urgent"),
    "warning_signs": (SWEEP_TEXT, SWEEP_WHY, "warning_signs"),
    "together": (TOGETHER_TEXT, TOGETHER_WHY, "together"),
    "closing": (CLOSING_TEXT, CLOSING_WHY, "closing"),
    "handover": (HANDOVER_TEXT, HANDOVER_WHY, "handover"),
}


def balanced_chunks(items: Sequence[str], size: int) -> list[list[str]]:
    """Split into the fewest chunks of at most `size`, as even as possible (14 items, size 8 -> 7 + 7)."""
    if not items:
        return []
    count = math.ceil(len(items) / size)
    base, extra = divmod(len(items), count)
    chunks, start = [], 0
    for n in range(count):
        end = start + base + (1 if n < extra else 0)
        chunks.append(list(items[start:end]))
        start = end
    return chunks
