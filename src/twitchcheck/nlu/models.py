"""The result of reading a person's free text: findings with the words that gave them.

Every mention keeps the exact span of the original text (`text`, `start`,
`end`), so a clinician or a person can see *why* a finding was read, and a
user interface can highlight it.

Statuses and lists, and why they are separate:

- `present` / `absent`: asserted by the text ("my calf twitches", "no fever").
- `uncertain`: hedged ("not sure if my hand is weaker", "maybe a rash"). These
  are NOT evidence either way: the engine should treat them as unknown and may
  ask about them. Their `status` is the polarity the words would have had
  without the hedge.
- `unsure`: the mentions above (hedged, past, another person's), and those
  in a question ("am I having seizures??") or a guessed spelling, that could
  be an acute red flag, each named as the flag to ask about. Those asked as a
  question, and an acute red flag guessed from a misspelling, are kept out of
  `present`: an urgent sign is never assumed from words the parser is unsure
  of, and never dropped either; the interview's urgent screen asks them first.
- `historical`: said about the past ("I had a seizure years ago") and kept out
  of `present` because the lexicon maps them to nothing current (an acute red
  flag in the past is not an emergency now). A past seizure is reported as the
  history finding `seizure` in `present`, never as an acute flag.

Conflicts: a finding is never in both `present_ids` and `absent_ids`. An
explicit present mention (the person's own words) beats any denial; a present
mention that was only derived by a rule (implied, escalated, combined) beats a
denial only when it comes later in the text. See `twitchcheck.nlu.resolve`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from twitchcheck.knowledge.models import Sex

Status = Literal["present", "absent"]
Subject = Literal["self", "other"]


class FindingMention(BaseModel):
    """One finding read from the text, with the span of the original text that gave it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    finding_id: str
    status: Status
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    cue: str | None = None


UnsureReason = Literal["hedged", "question", "misspelled", "past", "other_person"]


class UnsureMention(BaseModel):
    """Words that could mean an urgent sign the parser cannot settle: the interview asks about it first.

    `finding_id` is the acute red flag to ask about; `mentioned` is what the words
    themselves gave ("am I having seizures??" mentions `seizure`, which any of the
    acute seizure flags may be). Never evidence either way.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    finding_id: str
    mentioned: str
    reason: UnsureReason
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class ParsedText(BaseModel):
    """Everything read from one free text: findings, age, sex, who it is about, leftovers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    present: list[FindingMention] = Field(default_factory=list)
    absent: list[FindingMention] = Field(default_factory=list)
    uncertain: list[FindingMention] = Field(default_factory=list)
    historical: list[FindingMention] = Field(default_factory=list)
    unsure: list[UnsureMention] = Field(
        default_factory=list,
        description=(
            "Mentions that could be an acute red flag but were hedged, asked as a question, misspelled, "
            "or said of the past or of someone else: asked first, never assumed present, never dropped"
        ),
    )
    age: int | None = None
    sex: Sex | None = None
    subject: Subject = "self"
    not_understood: list[str] = Field(default_factory=list)

    @property
    def present_ids(self) -> list[str]:
        """Sorted unique ids of the findings asserted present."""
        return sorted({m.finding_id for m in self.present})

    @property
    def absent_ids(self) -> list[str]:
        """Sorted unique ids of the findings asserted absent (never also present)."""
        present = {m.finding_id for m in self.present}
        return sorted({m.finding_id for m in self.absent} - present)

    @property
    def ask_first_ids(self) -> list[str]:
        """Ids an interview should ask directly before trusting the text: every unsure mention, every denial.

        The interview keeps the warning signs among them (its urgent screen asks the acute
        red flags first, its warning-sign checklist the others); the rest stay as read,
        unknown or absent.
        """
        hedged = {m.finding_id for m in self.uncertain}
        return sorted(hedged | set(self.unsure_ids) | set(self.absent_ids))

    @property
    def unsure_ids(self) -> list[str]:
        """Sorted unique ids of the acute red flags the text may mean but did not settle."""
        return sorted({m.finding_id for m in self.unsure})

    @property
    def uncertain_ids(self) -> list[str]:
        """Sorted unique ids mentioned only with a hedge: unknown, not evidence."""
        return sorted({m.finding_id for m in self.uncertain})
