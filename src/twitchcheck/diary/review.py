"""A diary reviewed: its alerts, each with the triage level before and after, and the assessment now.

Each change the diary shows (`twitchcheck.diary.trends`) becomes findings,
the diary's evidence is assessed with the same `Assessor` as an interview,
and each alert is compared with the evidence just before it (without its own
findings, nor those of later changes), so that a person is told in words what
changed the advice. Nothing here stores anything: entries in, a `DiaryReview` out.

    >>> from datetime import datetime, timezone
    >>> entries = [
    ...     DiaryEntry(when=datetime(2024, 5, day, 20, tzinfo=timezone.utc), locations=("twitch_eyelid",),
    ...                bouts=3, bout_seconds=10, intensity=2)
    ...     for day in range(1, 16)
    ... ]
    >>> review = review_diary(entries, as_of=date(2024, 5, 15))
    >>> review.alerts[0].explanation  # doctest: +ELLIPSIS
    'Twitching has lasted more than 2 weeks, so the advice is now: book an appointment with a doctor... manage at home.'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from twitchcheck.assessment import Assessment, Assessor, default_assessor
from twitchcheck.diary.entry import DiaryDay, DiaryEntry, diary_days
from twitchcheck.diary.rules import DiaryRules, load_diary_rules
from twitchcheck.diary.trends import (
    AlertKind,
    Change,
    Rising,
    check_worsening,
    detect_duration,
    detect_new_symptoms,
    detect_spreading,
    duration_stage,
)
from twitchcheck.formatting import ENGLISH, Wording, lower_first
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import EMERGENCY_NUMBER


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WarningSignOut(_Out):
    id: str
    label: str
    why: str


class FirstLogged(_Out):
    """A finding new in the diary (a place or a symptom) and the day it was first logged."""

    finding: str
    day: date


class CauseShare(_Out):
    """A serious cause and its probability, as named by the probability escalation."""

    id: str
    probability: float


class AlertMessage(_Out):
    """What an alert's title and explanation say, as ids and numbers, so that any language can word them.

    `explanation` is "raised" (the advice is now more urgent), "unchanged",
    "changed" (less urgent), or "at_the_time" when what the alert called for is
    no longer the diary's headline (a later change moved it): an alert says "the
    advice is now" only about the headline. The title's facts depend on the alert's kind:
    `duration_stage` (the duration finding crossed), `rising` (what got worse),
    `first_logged` (new places or symptoms, in the title's order) and
    `warning_signs` (which of those are warning signs). When the level is
    unchanged, `standing_rule` is the triage rule that already called for it
    (None: the level's advice was quoted), with `standing_causes` for the
    probability escalation.
    """

    explanation: Literal["raised", "unchanged", "changed", "at_the_time"]
    level_before: str
    level_after: str
    duration_stage: str | None = None
    rising: list[Rising] = Field(default_factory=list)
    first_logged: list[FirstLogged] = Field(default_factory=list)
    warning_signs: list[str] = Field(default_factory=list)
    standing_rule: str | None = None
    standing_causes: list[CauseShare] = Field(default_factory=list)


class Alert(_Out):
    """One change in the diary, the findings it adds, and what it did to the triage level."""

    kind: AlertKind
    since: date
    title: str
    details: list[str]
    findings: list[str]
    warning_signs: list[WarningSignOut]
    level_before: str
    level_after: str
    raised: bool
    explanation: str
    message: AlertMessage


class DiaryReview(_Out):
    """Everything the diary says now: alerts, what the trend tests found, and the assessment."""

    as_of: date
    first_day: date | None
    last_day: date | None
    days_logged: int
    alerts: list[Alert]
    trend_notes: list[str]
    assessment: Assessment


def review_diary(
    entries: Iterable[DiaryEntry],
    *,
    as_of: date | None = None,
    age: int | None = None,
    sex: str | None = None,
    baseline_present: Iterable[str] = (),
    baseline_absent: Iterable[str] = (),
    assessor: Assessor | None = None,
    rules: DiaryRules | None = None,
    wording: Wording = ENGLISH,
) -> DiaryReview:
    """Review a diary as of a day (default: today in the time zone of the latest entry).

    `wording` says the alerts and the trend notes in a language (the levels and
    findings do not depend on it); the assessment stays in the knowledge base's
    English, for `twitchcheck.i18n.localize_assessment`.

    `baseline_present`/`baseline_absent` are findings known from elsewhere
    (an interview); entries after `as_of` are ignored, so a past day's review
    can be reproduced. Raises `EvidenceError` if the baseline findings are invalid.
    """
    assessor = assessor if assessor is not None else default_assessor()
    rules = rules if rules is not None else load_diary_rules()
    all_entries = sorted(entries, key=lambda e: e.when)
    day = as_of if as_of is not None else _today(all_entries)
    days = [d for d in diary_days(all_entries) if d.day <= day]
    baseline = frozenset(baseline_present)
    changes, notes = _changes(days, rules, assessor, baseline, as_of=day, wording=wording)
    present, absent = diary_evidence(
        days, changes, rules, as_of=day, baseline_present=baseline, baseline_absent=baseline_absent
    )

    assessed: dict[frozenset[str], Assessment] = {}

    def assess(findings: frozenset[str]) -> Assessment:
        if findings not in assessed:
            evidence = assessor.evidence(present=findings, absent=absent - findings, age=age, sex=sex)
            assessed[findings] = assessor.assess(evidence)
        return assessed[findings]

    # Oldest change first: each alert is weighed against the evidence just before it, i.e. without its own
    # findings and those of later changes, so the change that moved the advice is the one that says so.
    states = [_state_before(present, changes[k:], baseline) for k in range(len(changes))] + [present]
    alerts = [
        _alert(change, assess(states[k]), assess(states[k + 1]), assessor.kb, wording)
        for k, change in enumerate(changes)
    ]
    headline = assess(present)
    kb = assessor.kb
    for k, alert in enumerate(alerts):
        # A recent change that called for more urgent care than the diary as a whole now does (difficulty
        # walking logged while the twitching was new, before it passed 2 weeks) keeps the headline there.
        called_for = assess(states[k + 1])
        recent = (day - alert.since).days <= rules.alerts.stays_current_days.value
        if recent and kb.level(called_for.triage.level).rank < kb.level(headline.triage.level).rank:
            headline = _more_urgent(headline, called_for)
    return DiaryReview(
        as_of=day,
        first_day=days[0].day if days else None,
        last_day=days[-1].day if days else None,
        days_logged=len(days),
        alerts=[_as_of_headline(alert, headline, kb, wording) for alert in alerts],
        trend_notes=list(notes),
        assessment=headline,
    )


def _more_urgent(current: Assessment, called_for: Assessment) -> Assessment:
    """The current assessment with the more urgent triage an earlier state called for, and its reasons first."""
    level = called_for.triage.level
    reasons = [r for r in called_for.triage.reasons if r.level == level]
    triage = called_for.triage.model_copy(update={"reasons": [*reasons, *current.triage.reasons]})
    return current.model_copy(
        update={
            "triage": triage,
            "emergency_conditions": called_for.emergency_conditions,
            "advice": called_for.advice,
            "doctor_questions": called_for.doctor_questions,
        }
    )


def _as_of_headline(alert: Alert, headline: Assessment, kb: KnowledgeBase, wording: Wording) -> Alert:
    """An alert says "the advice is now" only when that is the headline; otherwise what it called for then."""
    if alert.level_after == headline.triage.level:
        return alert
    message = alert.message.model_copy(update={"explanation": "at_the_time"})
    explanation = explain_alert(message, alert.title, kb, wording, emergency_number=headline.emergency_number)
    return alert.model_copy(update={"explanation": explanation, "message": message})


def diary_evidence(
    days: Sequence[DiaryDay],
    changes: Sequence[Change],
    rules: DiaryRules,
    *,
    as_of: date,
    baseline_present: Iterable[str] = (),
    baseline_absent: Iterable[str] = (),
) -> tuple[frozenset[str], frozenset[str]]:
    """Findings present and absent: the baseline, the places and symptoms logged, the duration, each change.

    What the diary shows wins over a baseline denial (a place denied in an
    interview but logged since is present), and the diary's duration replaces
    a shorter reported one, since the duration findings exclude each other.
    """
    stage_ids = [stage.finding for stage in rules.duration.stages]
    present = set(baseline_present)
    reported = [i for i, fid in enumerate(stage_ids) if fid in present]
    if days:
        stage = max([duration_stage((as_of - days[0].day).days, rules), *reported])
        present -= set(stage_ids)
        present.add(stage_ids[stage])
    for day in days:
        present |= day.locations | day.new_symptoms
    for change in changes:
        present |= set(change.findings)
    return frozenset(present), frozenset(set(baseline_absent) - present)


def _changes(
    days: Sequence[DiaryDay],
    rules: DiaryRules,
    assessor: Assessor,
    baseline: frozenset[str],
    *,
    as_of: date,
    wording: Wording,
) -> tuple[list[Change], tuple[str, ...]]:
    if not days:
        return [], (wording.gettext("Nothing logged yet."),)
    kb = assessor.kb
    stage_ids = [stage.finding for stage in rules.duration.stages]
    reported = max([i for i, fid in enumerate(stage_ids) if fid in baseline], default=0)
    trend = check_worsening(days, rules, as_of=as_of, wording=wording)
    found = [
        detect_duration(days[0].day, rules, as_of=as_of, reported_stage=reported, wording=wording),
        trend.change,
        detect_spreading(days, rules, kb, known=baseline, wording=wording),
        detect_new_symptoms(days, kb, known=baseline, wording=wording),
    ]
    changes = sorted((c for c in found if c is not None), key=lambda c: c.since)
    return changes, trend.notes


def _state_before(present: frozenset[str], later: Sequence[Change], baseline: frozenset[str]) -> frozenset[str]:
    """The findings present before the `later` changes happened (what they replaced comes back)."""
    added = {f for change in later for f in change.findings} - baseline
    replaced = {f for change in later for f in change.replaces}
    return frozenset((present - added) | replaced)


def _alert(change: Change, before: Assessment, after: Assessment, kb: KnowledgeBase, wording: Wording) -> Alert:
    """The alert with its levels, and why the level changed (or did not), in words."""
    was, now = before.triage, after.triage
    raised = kb.level(now.level).rank < kb.level(was.level).rank
    standing_reason = next((r for r in was.reasons if r.level == was.level), None)
    unchanged = now.level == was.level
    message = AlertMessage(
        explanation="raised" if raised else "unchanged" if unchanged else "changed",
        level_before=was.level,
        level_after=now.level,
        duration_stage=change.findings[0] if change.kind == "duration" else None,
        rising=list(change.rising),
        first_logged=[FirstLogged(finding=finding, day=day) for finding, day in change.first_logged],
        warning_signs=[w.id for w in change.warning_signs],
        standing_rule=standing_reason.rule if standing_reason is not None and unchanged else None,
        standing_causes=[
            CauseShare(id=c.id, probability=c.probability)
            for c in before.causes
            if c.serious and c.probability >= kb.probability_escalation.threshold
        ]
        if unchanged and standing_reason is not None and standing_reason.rule == "probability_escalation"
        else [],
    )
    return Alert(
        kind=change.kind,
        since=change.since,
        title=change.title,
        details=list(change.details),
        findings=list(change.findings),
        warning_signs=[WarningSignOut(id=w.id, label=w.label, why=w.why) for w in change.warning_signs],
        level_before=was.level,
        level_after=now.level,
        raised=raised,
        explanation=explain_alert(message, change.title, kb, wording, emergency_number=after.emergency_number),
        message=message,
    )


def explain_alert(
    message: AlertMessage, title: str, kb: KnowledgeBase, wording: Wording = ENGLISH, *, emergency_number: str = ""
) -> str:
    """Why the advice changed, or did not, after an alert: the one wording of it, in any language.

    `title` is the alert's title in the same language; `emergency_number` fills the number
    to call into the ambulance advice. English and every other language go through here.
    """
    k = wording.knowledge
    before, after = kb.level(message.level_before), kb.level(message.level_after)
    advice = lower_first(k("levels", after.id, "advice", after.advice)).replace(EMERGENCY_NUMBER, emergency_number)
    if message.explanation == "raised":
        return wording.gettext(
            "%(change)s, so the advice is now: %(advice)s Before this it was: %(before)s.",
            change=title,
            advice=advice,
            before=lower_first(k("levels", before.id, "title", before.title)),
        )
    if message.explanation == "changed":
        return wording.gettext("%(change)s. The advice is now: %(advice)s", change=title, advice=advice)
    if message.explanation == "at_the_time":
        return wording.gettext(
            "%(change)s. At the time this called for: %(level)s.",
            change=title,
            level=lower_first(k("levels", after.id, "title", after.title)),
        )
    standing = _standing_reason(message, kb, wording).replace(EMERGENCY_NUMBER, emergency_number)
    return wording.gettext(
        "%(change)s. This does not change the advice, which was already: %(level)s (%(reason)s).",
        change=title,
        level=lower_first(k("levels", after.id, "title", after.title)),
        reason=lower_first(standing).rstrip("."),
    )


def _standing_reason(message: AlertMessage, kb: KnowledgeBase, wording: Wording) -> str:
    """The triage reason that already called for the level (or the level's advice)."""
    k = wording.knowledge
    rule = message.standing_rule
    if rule is None:
        level = kb.level(message.level_before)
        return k("levels", level.id, "advice", level.advice)
    if rule == "probability_escalation":
        causes = ", ".join(
            f"{k('causes', c.id, 'name', kb.cause(c.id).name)} {wording.percent(c.probability)}"
            for c in sorted(message.standing_causes, key=lambda c: c.probability, reverse=True)
        )
        return k("texts", rule, "text", kb.probability_escalation.reason).replace("{causes}", causes)
    if rule == "default":
        return k("texts", rule, "text", kb.default.reason)
    if rule == "default_unasked":
        return k("texts", rule, "text", kb.default.reason_when_unasked)
    english = next((r.reason for r in kb.rules if r.id == rule), "")
    return k("rules", rule, "reason", english)


def _today(entries: Sequence[DiaryEntry]) -> date:
    if not entries:
        return date.today()
    return datetime.now(entries[-1].when.tzinfo).date()
