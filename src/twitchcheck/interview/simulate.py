"""A simulated person who answers an interview from a case, as the judge defines it.

Yes for a finding in `present`, no for one in `absent`, "don't know" for
anything else; a checklist is answered option by option by the same rule, and
a one-of-several question with the present option, else "don't know".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from twitchcheck.assessment import Assessor
from twitchcheck.interview.questions import Question
from twitchcheck.interview.session import Interview
from twitchcheck.interview.state import DEFAULT_MAX_QUESTIONS, Reply


@dataclass(frozen=True)
class SimulatedPerson:
    """Knows exactly the case's present and absent findings, nothing more."""

    present: frozenset[str]
    absent: frozenset[str]

    @classmethod
    def knowing(cls, present: Iterable[str], absent: Iterable[str]) -> SimulatedPerson:
        return cls(frozenset(present), frozenset(absent))

    def reply(self, finding_id: str) -> Reply:
        if finding_id in self.present:
            return "yes"
        if finding_id in self.absent:
            return "no"
        return "unknown"

    def answer(self, question: Question) -> str | dict[str, str]:
        """The answer in the form `Interview.answer` takes for this kind of question."""
        if question.kind == "single":
            return self.reply(question.finding_ids[0])
        if question.kind == "exclusive":
            chosen = [fid for fid in question.finding_ids if fid in self.present]
            return chosen[0] if chosen else "unknown"
        return {fid: self.reply(fid) for fid in question.finding_ids}


def run_interview(
    person: SimulatedPerson,
    *,
    initial: Iterable[str],
    age: int | None,
    sex: str | None,
    initial_absent: Iterable[str] = (),
    ask_first: Iterable[str] = (),
    handover: bool = True,
    max_questions: int = DEFAULT_MAX_QUESTIONS,
    assessor: Assessor | None = None,
) -> Interview:
    """Run an interview to its end; after an urgent stop, answer the hand-over checklists when `handover`.

    `initial` and `initial_absent` are what the interview starts from, right or wrong:
    the person corrects a finding only when a question asks about it.
    """
    interview = Interview.start(
        age=age,
        sex=sex,
        evidence={"present": list(initial), "absent": list(initial_absent), "ask_first": list(ask_first)},
        max_questions=max_questions,
        assessor=assessor,
    )
    while (question := interview.next_question()) is not None:
        interview.answer(question.id, person.answer(question))
    while handover and (question := interview.handover_question()) is not None:
        interview.answer(question.id, person.answer(question))
    return interview
