"""What is known about one person: findings present, findings absent, age, sex.

Anything not listed is unknown. Validation happens here, once, so that the
engine can trust its input and every interface (CLI, API, interview) gets the
same clear messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from twitchcheck.errors import EvidenceError
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import Sex
from twitchcheck.suggest import did_you_mean

MAX_AGE = 120


@dataclass(frozen=True)
class Evidence:
    """Validated evidence about one person.

    `absent` includes what an exclusive group implies: if a person says the
    twitching started under 2 weeks ago, the two longer durations are absent.
    """

    present: frozenset[str]
    absent: frozenset[str]
    age: int | None = None
    sex: Sex | None = None
    implied_absent: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        kb: KnowledgeBase,
        *,
        present: Iterable[str] = (),
        absent: Iterable[str] = (),
        age: int | None = None,
        sex: str | None = None,
    ) -> Evidence:
        """Check ids, contradictions, age and sex; raise `EvidenceError` with the fix."""
        present_set = frozenset(present)
        absent_set = frozenset(absent)
        known = set(kb.finding_ids)
        for finding_id in sorted(present_set | absent_set):
            if finding_id not in known:
                raise EvidenceError(
                    f"unknown finding '{finding_id}'"
                    + did_you_mean(finding_id, known, fallback="; see `twitchcheck findings` for the valid ids"),
                    field="present" if finding_id in present_set else "absent",
                )
        both = present_set & absent_set
        if both:
            raise EvidenceError(
                f"finding '{sorted(both)[0]}' is given as both present and absent; give it once", field="absent"
            )
        implied_absent: set[str] = set()
        for group, members in kb.exclusive_groups().items():
            chosen = sorted(present_set.intersection(members))
            if len(chosen) > 1:
                raise EvidenceError(
                    f"findings {', '.join(repr(c) for c in chosen)} exclude each other "
                    f"(group '{group}'); give at most one",
                    field="present",
                )
            if chosen:
                implied_absent.update(m for m in members if m != chosen[0])
        if age is not None and not (0 <= age <= MAX_AGE):
            raise EvidenceError(f"age {age} is out of range; give whole years from 0 to {MAX_AGE}", field="age")
        if sex is not None and sex not in ("female", "male"):
            raise EvidenceError(f"sex '{sex}' is not recognised; use 'female' or 'male', or leave it out", field="sex")
        return cls(
            present=present_set,
            absent=absent_set | frozenset(implied_absent),
            age=age,
            sex=sex,  # type: ignore[arg-type]  # checked just above
            implied_absent=frozenset(implied_absent - absent_set),
        )
