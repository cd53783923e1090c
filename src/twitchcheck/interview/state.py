"""The interview as plain data: what was known at the start, and every answer since.

Nothing here is derived or cached, so a state saved anywhere (a web session, a
database row, a file) resumes to exactly the same interview: the evidence so
far and the next question are recomputed from it. Pydantic gives the JSON
round trip and rejects unknown keys, so a damaged state is an error that names
the field, not a silently different interview.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from twitchcheck.knowledge.models import Sex

# "unknown" is the person's "don't know": the finding stays unknown, and is not asked again.
Reply = Literal["yes", "no", "unknown"]
QuestionKind = Literal["single", "exclusive", "multiple"]
DEFAULT_MAX_QUESTIONS = 20


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KnownFindings(_Data):
    """Finding ids the person reported before the interview began."""

    present: list[str] = Field(default_factory=list)
    absent: list[str] = Field(default_factory=list)
    ask_first: list[str] = Field(
        default_factory=list,
        description=(
            "Findings the person's words left unsure (hedged, a question, another person or time) or denied "
            "only in free text: the acute red flags among them are asked first on the urgent screen (or at the top "
            "of the hand-over after an urgent stop), and the other warning signs first on the warning-sign "
            "checklist, even when the text denied them, because a misread warning sign must never be settled "
            "without a direct question"
        ),
    )


class AnsweredQuestion(_Data):
    """One question as it was asked, with the reply for each of its findings."""

    question_id: str
    kind: QuestionKind
    replies: dict[str, Reply] = Field(description="Finding id to 'yes', 'no' or 'unknown', for every option asked")


class InterviewState(_Data):
    """Everything needed to resume an interview; serialise with `model_dump_json()`."""

    format: Literal[1] = 1
    knowledge_version: str = Field(description="The knowledge base the interview started on (for the record)")
    age: int | None = None
    sex: Sex | None = None
    initial: KnownFindings = Field(default_factory=KnownFindings)
    history: list[AnsweredQuestion] = Field(default_factory=list)
    stopped_by_person: bool = False
    # The answer "back" last took away: shown again (ticks restored) when its question comes back.
    undone: AnsweredQuestion | None = None
    max_questions: int = Field(default=DEFAULT_MAX_QUESTIONS, ge=1, le=200)
    # Parts of the person's free text from which nothing was read: shown back to them ("We could not use: ...").
    text_not_used: list[str] = Field(default_factory=list)

    def findings(self) -> tuple[set[str], set[str]]:
        """Present and absent finding ids: the start, then each answer in order (a later answer wins)."""
        present = set(self.initial.present)
        absent = set(self.initial.absent)
        for record in self.history:
            for finding_id, reply in record.replies.items():
                present.discard(finding_id)
                absent.discard(finding_id)
                if reply == "yes":
                    present.add(finding_id)
                elif reply == "no":
                    absent.add(finding_id)
        return present, absent

    def asked(self) -> set[str]:
        """Every finding the person has been asked about, whatever the reply."""
        return {finding_id for record in self.history for finding_id in record.replies}

    def count(self, prefix: str) -> int:
        """How many answered questions have an id starting with `prefix` (numbering of checklists)."""
        return sum(1 for record in self.history if record.question_id.startswith(prefix))
