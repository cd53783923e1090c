"""When the interview stops asking, and how that is said to the person.

The adaptive phase stops when, for every question still open,

* the chance that its answer changes the triage level is below
  `LEVEL_SETTLED_BELOW` (the advice is settled), and
* the chance that its answer puts a different cause clearly in the lead is
  below `LEADER_STABLE_BELOW` (the leading cause is stable; a swap between two
  causes that are both "very likely" before and after is no change, see
  `selection.changes_leader`),

or when the question budget is spent. Until then the next question is the most
valuable of the open ones (`open_questions`): a question that cannot change the
advice or the leading cause does not keep the interview going, so it is not asked
ahead of one that can. Warning signs are not left to this
test: the warning-sign checklist that follows the urgent screen asks every one
of them before any adaptive question, so no warning sign is ever missed for
lack of a question, whatever the thresholds and the budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from twitchcheck.interview.selection import Outlook

# A 1-in-100 chance of changing the advice is worth one more question.
LEVEL_SETTLED_BELOW = 0.01
# A 1-in-10 chance of a new leading cause is worth one more question.
LEADER_STABLE_BELOW = 0.10

StopReason = Literal["urgent", "stopped_by_person", "settled", "max_questions", "no_questions_left"]

STOP_EXPLANATIONS: dict[StopReason, str] = {
    "urgent": "An urgent warning sign is present, so the interview stopped at once: act on the advice now.",
    "stopped_by_person": "You stopped the interview; this is the result so far.",
    "settled": (
        "No further question is likely to change the advice or the leading cause, "
        "and every warning sign has been asked about."
    ),
    "max_questions": "The question limit was reached (every warning sign had been asked about).",
    "no_questions_left": "There is nothing left to ask.",
}


def keeps_open(outlook: Outlook) -> bool:
    """True when this question could still change the advice or the leading cause."""
    return outlook.level_change >= LEVEL_SETTLED_BELOW or outlook.leader_change >= LEADER_STABLE_BELOW


def open_questions(outlooks: Sequence[Outlook]) -> list[Outlook]:
    """The questions that could still change the advice or the leading cause."""
    return [outlook for outlook in outlooks if keeps_open(outlook)]


def is_settled(outlooks: Sequence[Outlook]) -> bool:
    """The adaptive phase may end: no open question is likely to change the advice or the leader."""
    return not open_questions(outlooks)
