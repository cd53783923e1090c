"""The adaptive interview: one question at a time, urgent signs first, then the most useful.

The order of an interview:

1. **Urgent screen.** The acute red flags not yet answered, as one checklist.
   If any is present (at the start or later) the interview stops at once:
   `next_question()` returns None and `assessment()` says what to do now.
   `handover_question()` then offers, optionally, checklists of the other
   warning signs to tell the ambulance crew while waiting.
2. **Warning-sign checklist.** Every other warning sign not yet answered, in
   one or two screens, so none is ever missed whatever the answers later.
   Then **together**: the findings that, with at most one other answer, would
   make an emergency rule fire (a head injury and vomiting; at 65, dizziness on
   standing and tiredness). Neither changes the advice alone, so a choice that
   looks one answer ahead would never ask them; asked again whenever new answers
   bring another emergency rule that close.
3. **Adaptive questions.** Each next question has the highest expected value
   (`selection`): information on the causes plus, weighted more, on the
   triage level. Each carries a short "why we ask".
4. **Stop** when the advice and the leading cause are settled (`stopping`),
   at the question limit, or when the person stops.

The interview is its `InterviewState` (plain data); everything else is
recomputed from it, so it can be saved anywhere and resumed.

    >>> from twitchcheck import Interview
    >>> interview = Interview.start(age=34, sex="female", evidence={"present": ["twitch_eyelid", "poor_sleep"]})
    >>> question = interview.next_question()          # the urgent warning signs come first
    >>> question.id, question.kind
    ('urgent:1', 'multiple')
    >>> interview.answer(question.id, "no")            # none of them; or per option: {"breathing_difficulty": "no"}
    >>> question = interview.next_question()
    >>> question.why                                   # every question says why it is asked
    'These are warning signs: any of them means a doctor should see you, so we check them all early.'
    >>> interview.answer(question.id, "unknown")       # "don't know" is always allowed
    >>> interview.back().question_id                   # undo (change) the last answer
    'warning_signs:1'
    >>> saved = interview.to_json()                    # store it anywhere (web session, database) ...
    >>> interview = Interview.resume(saved)            # ... and carry on later
    >>> while (question := interview.next_question()) is not None:
    ...     # single: "yes" / "no" / "unknown"; one-of: an option id or "unknown"; checklist: a mapping or a word
    ...     interview.answer(question.id, "unknown" if question.kind == "exclusive" else "no")
    >>> interview.stop_reason, interview.questions_asked
    ('settled', 11)
    >>> interview.assessment().triage.level            # the result: the same Assessment as `assess`
    'self_care'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from twitchcheck.assessment import Assessment, Assessor, default_assessor
from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.triage import answers_to_fire, rule_level
from twitchcheck.errors import EvidenceError, InterviewError
from twitchcheck.interview.questions import MAX_CHECKLIST_OPTIONS, Draft, Question, QuestionBank, WhyReason
from twitchcheck.interview.selection import TRIAGE_WEIGHT, Outlook, Situation, score, shortlist_entries
from twitchcheck.interview.state import (
    DEFAULT_MAX_QUESTIONS,
    AnsweredQuestion,
    InterviewState,
    KnownFindings,
    Reply,
)
from twitchcheck.interview.stopping import STOP_EXPLANATIONS, StopReason, open_questions
from twitchcheck.interview.why import word_why
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import EMERGENCY_LEVEL_IDS

REPLIES: tuple[Reply, ...] = ("yes", "no", "unknown")


@dataclass(frozen=True)
class _Plan:
    """What comes next for one state: a question, or why there is none."""

    question: Question | None
    stop_reason: StopReason | None


class Interview:
    """One person's interview. Create with `start` or `resume`; never shares state with another."""

    def __init__(self, state: InterviewState, *, assessor: Assessor | None = None) -> None:
        self._assessor = assessor if assessor is not None else default_assessor()
        self._bank = QuestionBank(self.kb)
        self._state = state.model_copy(deep=True)
        self._plan: _Plan | None = None
        self._evidence = self._build_evidence(self._state)

    # ---- creating and saving ----------------------------------------------------------

    @classmethod
    def start(
        cls,
        *,
        age: int | None = None,
        sex: str | None = None,
        evidence: KnownFindings | Mapping[str, Sequence[str]] | None = None,
        max_questions: int = DEFAULT_MAX_QUESTIONS,
        text_not_used: Sequence[str] = (),
        assessor: Assessor | None = None,
    ) -> Interview:
        """Begin from what the person already said; raises `EvidenceError` for unknown ids or contradictions.

        `text_not_used` keeps the parts of a free text nothing was read from, to show them back.
        """
        assessor = assessor if assessor is not None else default_assessor()
        try:
            known = evidence if isinstance(evidence, KnownFindings) else KnownFindings.model_validate(evidence or {})
        except ValidationError as error:
            raise _invalid(error) from error
        assessor.evidence(present=known.present, absent=known.absent, age=age, sex=sex)  # clear EvidenceError early
        assessor.evidence(absent=known.ask_first)  # the same message for an unknown id among those to ask first
        try:
            state = InterviewState(
                knowledge_version=assessor.kb.version,
                age=age,
                sex=sex,  # pydantic checks it is 'female' or 'male'
                initial=known,
                max_questions=max_questions,
                text_not_used=list(text_not_used),
            )
        except ValidationError as error:
            raise _invalid(error) from error
        return cls(state, assessor=assessor)

    @classmethod
    def resume(
        cls, state: InterviewState | str | Mapping[str, object], *, assessor: Assessor | None = None
    ) -> Interview:
        """Carry on from a saved state (the model, its JSON text, or the decoded JSON object)."""
        if isinstance(state, InterviewState):
            return cls(state, assessor=assessor)
        try:
            data = json.loads(state) if isinstance(state, str) else state
            return cls(InterviewState.model_validate(data), assessor=assessor)
        except json.JSONDecodeError as error:
            raise InterviewError(f"the saved interview is not valid JSON ({error.msg})") from error
        except ValidationError as error:
            raise _invalid(error) from error

    @property
    def state(self) -> InterviewState:
        """A copy of the state: evidence at the start and every answer (serialise it to save)."""
        return self._state.model_copy(deep=True)

    def to_json(self) -> str:
        return self._state.model_dump_json()

    # ---- what is known ----------------------------------------------------------------

    @property
    def kb(self) -> KnowledgeBase:
        return self._assessor.kb

    @property
    def evidence(self) -> Evidence:
        """The evidence so far: the start plus every answer ("don't know" leaves a finding unknown)."""
        return self._evidence

    @property
    def questions_asked(self) -> int:
        return len(self._state.history)

    @property
    def max_questions(self) -> int:
        return self._state.max_questions

    @property
    def history(self) -> list[AnsweredQuestion]:
        return [record.model_copy(deep=True) for record in self._state.history]

    @property
    def urgent(self) -> bool:
        """An acute red flag is present: act now; the interview asks nothing more."""
        return not self._evidence.present.isdisjoint(self.kb.acute_red_flag_ids)

    def assessment(self, *, ranges: bool = True) -> Assessment:
        """The full result for the evidence so far (the same model `assess` returns).

        `ranges=False` leaves out each cause's range (about twenty more posteriors) where only the
        triage or the ranking is read, as after every answer.
        """
        return self._assessor.assess(self._evidence, ranges=ranges)

    # ---- asking -----------------------------------------------------------------------

    def next_question(self) -> Question | None:
        """The next question to ask, or None when the interview is over (see `stop_reason`)."""
        return self._next().question

    @property
    def stop_reason(self) -> StopReason | None:
        """Why the interview is over, or None while it still has a question."""
        return self._next().stop_reason

    @property
    def stop_explanation(self) -> str | None:
        reason = self.stop_reason
        return None if reason is None else STOP_EXPLANATIONS[reason]

    def handover_question(self) -> Question | None:
        """After an urgent stop only: an optional checklist of the other warning signs, for the crew."""
        if not self.urgent:
            return None
        recheck = self._recheck(self.kb.warning_sign_ids)
        open_signs = self.kb.warning_sign_ids & (self._unknown() | recheck)
        screens = self._bank.checklists("handover", open_signs, start=self._state.count("handover:") + 1, first=recheck)
        return screens[0] if screens else None

    def answer(self, question_id: str, reply: str | Mapping[str, str]) -> None:
        """Record the answer to a question: the current one, an earlier one (to change it), or any finding.

        * single question: "yes", "no" or "unknown" (don't know);
        * one-of-several: the chosen option's finding id, or "unknown";
        * checklist: a mapping of option id to "yes" / "no" / "unknown" (options left out are unknown),
          or one of those words for every option. A single question takes such a mapping too.
        """
        kind, options, position = self._resolve(question_id)
        record = AnsweredQuestion(question_id=question_id, kind=kind, replies=_replies(kind, options, reply))
        history = list(self._state.history)
        if position is None:
            history.append(record)
        else:
            history[position] = record
        self._commit(self._state.model_copy(update={"history": history, "undone": None}))

    def correct(self, *, remove: Iterable[str] = (), flip: Iterable[str] = ()) -> None:
        """Correct what was understood before the first answer: forget findings, or turn yes into no and back.

        Free text is read by a parser that can be wrong; the person sees "What we understood"
        and fixes it before the interview goes on. A finding removed is unknown again (an
        urgent sign among them is then asked on the urgent screen); one flipped is the person's
        own answer, so it is not asked again. Raises `InterviewError` once a question has been
        answered (go back first) or for a finding that was not understood at the start, and
        `EvidenceError` when the flips contradict each other (two places of a one-of group).
        """
        if self._state.history:
            raise InterviewError(
                "what was understood can be corrected only before the first answer; go back to the first question"
            )
        removed, flipped = set(remove), set(flip)
        initial = self._state.initial
        stated = set(initial.present) | set(initial.absent)
        unknown = sorted((removed | flipped) - stated)
        if unknown:
            listed = ", ".join(sorted(stated)) if stated else "none"
            raise InterviewError(
                f"'{unknown[0]}' was not among the findings understood at the start, so it cannot be corrected; "
                f"those are: {listed}"
            )
        both = sorted(removed & flipped)
        if both:
            raise InterviewError(f"'{both[0]}' is both removed and flipped; give it once")
        present = {f for f in initial.present if f not in removed and f not in flipped} | (
            flipped & set(initial.absent)
        )
        absent = {f for f in initial.absent if f not in removed and f not in flipped} | (flipped & set(initial.present))
        corrected = initial.model_copy(
            update={
                "present": sorted(present),
                "absent": sorted(absent),
                "ask_first": [f for f in initial.ask_first if f not in flipped],
            }
        )
        self._commit(self._state.model_copy(update={"initial": corrected, "undone": None}))

    def back(self) -> AnsweredQuestion | None:
        """Undo the last answer (and a stop); returns it, or None when nothing was answered yet."""
        if self._state.stopped_by_person:
            self._commit(self._state.model_copy(update={"stopped_by_person": False}))
            return None if not self._state.history else self._state.history[-1].model_copy(deep=True)
        if not self._state.history:
            return None
        undone = self._state.history[-1]
        self._commit(self._state.model_copy(update={"history": self._state.history[:-1], "undone": undone}))
        return undone.model_copy(deep=True)

    def previous_replies(self, question_id: str) -> dict[str, str]:
        """The replies "back" took away from this question, so that its screen shows them again; else empty."""
        undone = self._state.undone
        return dict(undone.replies) if undone is not None and undone.question_id == question_id else {}

    def stop(self) -> None:
        """The person stops here; `assessment()` gives the result so far."""
        self._commit(self._state.model_copy(update={"stopped_by_person": True}))

    # ---- internals --------------------------------------------------------------------

    def _commit(self, state: InterviewState) -> None:
        evidence = self._build_evidence(state)
        self._state, self._evidence, self._plan = state, evidence, None

    def _build_evidence(self, state: InterviewState) -> Evidence:
        present, absent = state.findings()
        try:
            return Evidence.build(self.kb, present=present, absent=absent, age=state.age, sex=state.sex)
        except EvidenceError as error:
            if not state.history:
                raise
            raise InterviewError(f"that answer contradicts an earlier one: {error}") from error

    def _unknown(self) -> set[str]:
        """The findings still open to ask: not answered, not asked, and not a follow-up whose lead is not present."""
        evidence = self._evidence
        answered = evidence.present | evidence.absent | self._state.asked()
        return set(self.kb.finding_ids) - answered - self.kb.waiting_follow_ups(evidence.present)

    def _recheck(self, signs: frozenset[str]) -> set[str]:
        """The `signs` free text left unsure or denied that no question has asked yet.

        A denial read from free text is not the person's answer ("no pain" read as denying
        weakness), so each warning sign among them is asked at the top of its screen: an
        acute red flag on the urgent screen, any other on the warning-sign checklist, and
        every one at the top of the hand-over when another urgent sign already stopped the
        interview (the crew needs to know of a stroke sign beside a fit).
        """
        return set(signs & (set(self._state.initial.ask_first) - self._state.asked()))

    def _next(self) -> _Plan:
        if self._plan is None:
            self._plan = self._plan_next()
        return self._plan

    def _plan_next(self) -> _Plan:
        if self.urgent:
            return _Plan(None, "urgent")
        if self._state.stopped_by_person:
            return _Plan(None, "stopped_by_person")
        checklist = self._checklist_due()
        if checklist is not None:
            return _Plan(checklist, None)
        unknown = self._unknown()
        if self.questions_asked >= self._state.max_questions:
            return _Plan(None, "max_questions")
        drafts = self._bank.adaptive_drafts(unknown, frozenset(self._evidence.present))
        if not drafts:
            return _Plan(None, "no_questions_left")
        situation = Situation.of(self.kb, self._assessor.network, self._evidence)
        # Only a question that could change the advice or the leading cause keeps the interview going,
        # so the next one is the most informative of those: asking the others first only delays the one
        # that matters (a conversation asked eleven of them before the one open question).
        candidates = open_questions(score(situation, drafts))
        if not candidates:
            closing = self._closing_screen(situation, drafts)
            return _Plan(closing, None) if closing is not None else _Plan(None, "settled")
        best = max(candidates, key=lambda outlook: outlook.value)
        why, reason = self._why(best, level_now=situation.level)
        return _Plan(self._bank.question(best.draft, phase="adaptive", why=why, reason=reason), None)

    def _checklist_due(self) -> Question | None:
        """The urgent, warning-sign or together screen due now, if any: always before any adaptive question.

        The urgent screen also asks the acute red flags of `initial.ask_first` not yet
        asked, first and even when the free text denied them: a denial read from free
        text ("no drooping" taken to deny sudden weakness) is not a person's answer.
        """
        unknown = self._unknown()
        for prefix, signs in (("urgent", self.kb.acute_red_flag_ids), ("warning_signs", self.kb.warning_sign_ids)):
            recheck = self._recheck(signs)
            screens = self._bank.checklists(
                prefix, signs & (unknown | recheck), start=self._state.count(f"{prefix}:") + 1, first=recheck
            )
            if screens:
                return screens[0]
        if self.questions_asked >= self._state.max_questions:
            return None
        together = self._bank.checklists(
            "together", self._emergency_within_reach(unknown), start=self._state.count("together:") + 1
        )
        return together[0] if together else None

    def _closing_screen(self, situation: Situation, drafts: list[Draft]) -> Question | None:
        """Once, before the interview settles: the answers that would bring another cause into the first three.

        One screen, not one question each: asked singly they doubled the questions for under one
        point of top-3 (docs/benchmarks.md, eighth session); as one checklist they cost one answer.
        """
        if self._state.count("closing:") > 0:
            return None
        entries = shortlist_entries(situation, drafts)[:MAX_CHECKLIST_OPTIONS]
        screens = self._bank.checklists("closing", entries, start=1)
        return screens[0] if screens else None

    def _emergency_within_reach(self, unknown: set[str]) -> set[str]:
        """The open findings that, with at most one other "yes", would fire an emergency rule more urgent than now.

        Hazard log H8: such a pair (a head injury and vomiting) changes nothing alone, so the
        adaptive choice, which looks one answer ahead, never asked it and the emergency was missed.
        One-of-several findings (the durations) are left to their own question, not ticked here.
        """
        evidence, kb = self._evidence, self.kb
        now = kb.level(rule_level(kb, evidence)).rank
        due: set[str] = set()
        for rule in kb.rules:
            if rule.level in EMERGENCY_LEVEL_IDS and kb.level(rule.level).rank < now:
                for answers in answers_to_fire(rule.when, evidence, kb.warning_sign_ids, unknown):
                    due |= answers
        return due - {fid for members in kb.exclusive_groups().values() for fid in members}

    def _why(self, outlook: Outlook, *, level_now: str) -> tuple[str, WhyReason]:
        """Why this question is worth asking now, as data and in words (`interview.why`)."""
        if outlook.other_levels and TRIAGE_WEIGHT * outlook.triage_entropy >= outlook.cause_gain:
            ranks = {level.id: level.rank for level in self.kb.levels}
            other = min(outlook.other_levels, key=lambda level: ranks[level])
            reason = WhyReason(kind="level_change", level_now=level_now, level_other=other)
        else:
            # The listed causes only: the unlisted cause (the network's last row) is never named as a cause.
            order = sorted(range(len(self.kb.causes)), key=lambda i: -outlook.shift[i])
            ids = tuple(self.kb.causes[i].id for i in order[:2] if outlook.shift[i] > 0.0)
            kind = "tell_apart" if len(ids) == 2 else "confirm" if ids else "complete"
            reason = WhyReason(kind=kind, causes=ids)
        return word_why(reason, self.kb), reason

    def _resolve(self, question_id: str) -> tuple[str, tuple[str, ...], int | None]:
        """The kind and options of the question answered, and its place in the history if it is a change."""
        for position, record in enumerate(self._state.history):
            if record.question_id == question_id:
                return record.kind, tuple(record.replies), position
        # The screens due now and the catalogue of off-path questions are cheap to build; choosing the
        # adaptive question is not (it weighs every candidate), and an adaptive question is always in the
        # catalogue, so it is chosen here only when nothing cheaper names the question answered.
        if self.urgent:
            cheap = self.handover_question()
        elif self._state.stopped_by_person:
            cheap = None
        else:
            cheap = self._checklist_due()
        if cheap is not None and cheap.id == question_id:
            return cheap.kind, cheap.finding_ids, None
        draft = self._catalogue(question_id)
        if draft is not None:
            return draft.kind, draft.finding_ids, None
        current = self.next_question() or self.handover_question()
        if current is not None and current.id == question_id:
            return current.kind, current.finding_ids, None
        expected = f"the current question is '{current.id}'" if current else "the interview has no open question"
        raise InterviewError(f"unknown question '{question_id}'; {expected}")

    def _catalogue(self, question_id: str) -> Draft | None:
        """Questions the person may answer off the planned path: any finding, or any small group."""
        kind, _, name = question_id.partition(":")
        if kind == "finding" and name in self.kb.finding_ids:
            return self._bank.single(name)
        if kind == "group":
            drafts = self._bank.adaptive_drafts(self._unknown(), frozenset(self._evidence.present))
            return next((d for d in drafts if d.id == question_id), None)
        return None


def _replies(kind: str, options: tuple[str, ...], reply: str | Mapping[str, str]) -> dict[str, Reply]:
    """Turn an answer into one reply per option, or raise `InterviewError` saying what is allowed."""
    allowed = "'yes', 'no' or 'unknown'"
    if isinstance(reply, str):
        if kind == "exclusive":
            if reply == "unknown":
                return dict.fromkeys(options, "unknown")
            if reply not in options:
                raise InterviewError(
                    f"answer '{reply}' is not an option; give one of {', '.join(options)} or 'unknown'"
                )
            return {fid: ("yes" if fid == reply else "no") for fid in options}
        if reply not in REPLIES:
            raise InterviewError(f"answer '{reply}' is not allowed; give {allowed}")
        return {fid: _as_reply(reply) for fid in options}
    if kind == "exclusive":
        raise InterviewError(f"a one-of question takes the chosen option's id or 'unknown', not a mapping of {allowed}")
    extra = sorted(set(reply) - set(options))
    if extra:
        raise InterviewError(f"'{extra[0]}' is not an option of this question; the options are {', '.join(options)}")
    replies: dict[str, Reply] = {}
    for fid in options:
        value = reply.get(fid, "unknown")
        if value not in REPLIES:
            raise InterviewError(f"answer '{value}' for '{fid}' is not allowed; give {allowed}")
        replies[fid] = _as_reply(value)
    return replies


def _as_reply(value: str) -> Reply:
    for reply in REPLIES:
        if value == reply:
            return reply
    raise InterviewError(f"answer '{value}' is not allowed; give 'yes', 'no' or 'unknown'")


def _invalid(error: ValidationError) -> InterviewError:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "state"
    return InterviewError(f"interview field '{where}': {first['msg']}")
