"""A stateless interview: the evidence list is the state, replayed onto twitchcheck's own `Interview`.

Infermedica's API keeps nothing between calls: each /diagnosis request carries
every answer so far, and the answer is the next question. twitchcheck's
interview keeps an `InterviewState` instead (what was known at the start, then
one record per question answered), and a "don't know" matters: it is remembered
so the question is not asked again. This module rebuilds that state from an
evidence list, so that the same engine, questions and stopping rule decide:

1. Evidence with a `source` (`initial`, `suggest`, `predefined`, `red_flags`,
   or the older `initial: true`) that is present or absent is what the person
   said before the interview: the state's `initial` findings.
2. Everything else (answers, and every "unknown") is replayed: the interview
   is asked its next question, and when the evidence answers it, the answer is
   recorded as that question's, exactly as `Interview.answer` would; then the
   next question, and so on. A question counts as answered when the evidence
   covers every item (for a one-of question, one item present is enough, as
   the others are then absent).
3. Evidence that covers only part of the question at hand is folded in as
   what the person said (present or absent: `initial`; unknown: a single-finding
   record `finding:<id>`), and the replay goes on. So a checklist is never
   taken as answered because one of its items came from elsewhere (free text,
   say): the items nobody answered are still asked.

For a client that answers the questions it is given, this reproduces the
native interview: the same questions in the same order, the same question
budget, the same result. Each step's plan is remembered (`PlanCache`, keyed by
a SHA-256 hash of the whole state, so the cache holds no findings), and a call
costs one new plan, not one per answer so far; the cache changes no answer,
only how soon it comes, and another worker or a restart simply recomputes.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from twitchcheck.assessment import Assessor
from twitchcheck.errors import EvidenceError
from twitchcheck.interview import (
    AnsweredQuestion,
    Interview,
    InterviewState,
    KnownFindings,
    Question,
    Reply,
    StopReason,
)
from twitchcheck.knowledge.models import Sex
from twitchcheck.suggest import did_you_mean
from twitchcheck.web.schemas import MAX_PRESENT_FINDINGS

# Infermedica's choice ids and twitchcheck's replies, one to one.
REPLY_OF_CHOICE: dict[str, Reply] = {"present": "yes", "absent": "no", "unknown": "unknown"}
CHOICE_OF_REPLY: dict[Reply, str] = {reply: choice for choice, reply in REPLY_OF_CHOICE.items()}
PLAN_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Reported:
    """One item of the evidence list: a finding, the reply, and whether it was said before the interview."""

    finding_id: str
    reply: Reply
    before_interview: bool


@dataclass(frozen=True)
class Plan:
    """What the interview does next from one state: a question, or why it is over."""

    question: Question | None
    stop_reason: StopReason | None


@dataclass(frozen=True)
class Replayed:
    """An evidence list replayed: the interview it amounts to, and its next step."""

    interview: Interview
    plan: Plan


def read_evidence(assessor: Assessor, items: Iterable[Reported], *, age: int | None, sex: Sex | None) -> list[Reported]:
    """The evidence list checked: known ids, no contradiction, one item per finding (first place kept).

    Raises `EvidenceError` (field `evidence`, `age` or `sex`) saying what is wrong and what is allowed.
    """
    known = set(assessor.kb.finding_ids)
    by_id: dict[str, Reported] = {}
    for position, item in enumerate(items):
        if item.finding_id not in known:
            raise EvidenceError(
                f"evidence[{position}]: unknown id '{item.finding_id}'"
                + did_you_mean(
                    item.finding_id,
                    known,
                    fallback="; the ids are listed by GET /compat/infermedica/v3/symptoms and /risk_factors",
                ),
                field="evidence",
            )
        earlier = by_id.get(item.finding_id)
        if earlier is not None and earlier.reply != item.reply:
            raise EvidenceError(
                f"evidence[{position}]: '{item.finding_id}' is given as both "
                f"{CHOICE_OF_REPLY[earlier.reply]} and {CHOICE_OF_REPLY[item.reply]}; give it once",
                field="evidence",
            )
        if earlier is None:
            by_id[item.finding_id] = item
    reported = list(by_id.values())
    present = [r.finding_id for r in reported if r.reply == "yes"]
    if len(present) > MAX_PRESENT_FINDINGS:
        raise EvidenceError(
            f"{len(present)} findings are present; give at most {MAX_PRESENT_FINDINGS} in one request", field="evidence"
        )
    absent = [r.finding_id for r in reported if r.reply == "no"]
    try:
        assessor.evidence(present=present, absent=absent, age=age, sex=sex)
    except EvidenceError as error:
        raise EvidenceError(str(error), field=error.field if error.field in {"age", "sex"} else "evidence") from error
    return reported


class PlanCache:
    """The interview's plan for a state, remembered by the state's hash (least recently used out first)."""

    def __init__(self, assessor: Assessor, *, size: int = PLAN_CACHE_SIZE) -> None:
        self.assessor = assessor
        self.size = size
        self._plans: OrderedDict[str, Plan] = OrderedDict()
        self._lock = threading.Lock()

    def plan(self, state: InterviewState) -> Plan:
        key = hashlib.sha256(state.model_dump_json().encode()).hexdigest()
        with self._lock:
            found = self._plans.get(key)
            if found is not None:
                self._plans.move_to_end(key)
                return found
        interview = Interview(state, assessor=self.assessor)
        plan = Plan(interview.next_question(), interview.stop_reason)
        with self._lock:
            self._plans[key] = plan
            while len(self._plans) > self.size:
                self._plans.popitem(last=False)
        return plan


def replay(
    reported: Sequence[Reported], *, age: int | None, sex: Sex | None, plans: PlanCache, max_questions: int
) -> Replayed:
    """The interview that checked evidence (`read_evidence`) amounts to, and what it does next."""
    assessor = plans.assessor
    state = InterviewState(
        knowledge_version=assessor.kb.version,
        age=age,
        sex=sex,
        initial=KnownFindings(
            present=[r.finding_id for r in reported if r.before_interview and r.reply == "yes"],
            absent=[r.finding_id for r in reported if r.before_interview and r.reply == "no"],
        ),
        max_questions=max_questions,
    )
    pending = {r.finding_id: r.reply for r in reported if not r.before_interview or r.reply == "unknown"}
    while pending:
        question = plans.plan(state).question
        if question is None:
            break
        given = {fid: pending.pop(fid) for fid in question.finding_ids if fid in pending}
        if not given:
            break
        record = _as_answer(question, given)
        state = _with_answer(state, record) if record is not None else _folded(state, given)
    state = _folded(state, pending)
    return Replayed(Interview(state, assessor=assessor), plans.plan(state))


def _as_answer(question: Question, given: dict[str, Reply]) -> AnsweredQuestion | None:
    """The record of `question` answered by `given`, or None when `given` leaves some of it open."""
    options = question.finding_ids
    chosen = [fid for fid in options if given.get(fid) == "yes"]
    if question.kind == "exclusive" and chosen:
        replies: dict[str, Reply] = {fid: "yes" if fid == chosen[0] else "no" for fid in options}
    elif len(given) == len(options):
        replies = {fid: given[fid] for fid in options}
    else:
        return None
    return AnsweredQuestion(question_id=question.id, kind=question.kind, replies=replies)


def _with_answer(state: InterviewState, record: AnsweredQuestion) -> InterviewState:
    return state.model_copy(update={"history": [*state.history, record]})


def _folded(state: InterviewState, given: dict[str, Reply]) -> InterviewState:
    """`given` as said outside any question: present and absent as known, unknown as asked about that finding."""
    if not given:
        return state
    present = [*state.initial.present, *(fid for fid, reply in given.items() if reply == "yes")]
    absent = [*state.initial.absent, *(fid for fid, reply in given.items() if reply == "no")]
    unknown = [
        AnsweredQuestion(question_id=f"finding:{fid}", kind="single", replies={fid: "unknown"})
        for fid, reply in given.items()
        if reply == "unknown"
    ]
    return state.model_copy(
        update={"initial": KnownFindings(present=present, absent=absent), "history": [*state.history, *unknown]}
    )
