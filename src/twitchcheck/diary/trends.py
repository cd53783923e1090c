"""What has changed in a diary: getting worse, spreading, new symptoms, lasting longer.

The article's advice is to see a doctor when twitching is "worsening,
progressing, or you experience some new symptoms" (§13), and public guidance
adds "lasts more than 2 weeks" (NHS-T). A diary can notice each of these
before the person does. This module only detects them, from the per-day view
of the diary and the thresholds of diary.yaml; `twitchcheck.diary.review`
turns each change into findings and re-runs triage.

Every detector is conservative in its own way: the worsening test is a
one-sided trend test at a stated family-wise level, so a flat diary rarely
alarms; spreading waits for a baseline week; a new symptom is always reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from twitchcheck.diary.entry import LOCATION_GROUP, DiaryDay
from twitchcheck.diary.rules import DiaryRules, DurationStage
from twitchcheck.diary.statistics import compare_rates, mann_kendall
from twitchcheck.knowledge import KnowledgeBase

AlertKind = Literal["worsening", "spreading", "new_symptoms", "duration"]
# What rises when twitching gets worse: an id for each of the English words the title uses.
Rising = Literal["frequency", "intensity"]
RISING_WORDS: dict[Rising, str] = {"frequency": "more frequent", "intensity": "stronger"}


@dataclass(frozen=True)
class WarningSignNote:
    """A warning sign among the diary's new findings, and why it matters (from the knowledge base)."""

    id: str
    label: str
    why: str


@dataclass(frozen=True)
class Change:
    """One change the diary shows, before triage: what, since when, and which findings it adds.

    `since` is the day it began or was first logged; for worsening, which is
    tested on the recent weeks as a whole, the first day of the last week.
    `replaces` holds what the evidence said instead before the change (the
    shorter duration), so that the level before can be computed fairly.
    `rising` (worsening) and `first_logged` (spreading, new symptoms: each new
    finding and the day it was first logged) are the facts the title is worded
    from, so that another language can word it too.
    """

    kind: AlertKind
    since: date
    title: str
    details: tuple[str, ...]
    findings: tuple[str, ...]
    replaces: tuple[str, ...] = ()
    warning_signs: tuple[WarningSignNote, ...] = field(default=())
    rising: tuple[Rising, ...] = ()
    first_logged: tuple[tuple[str, date], ...] = ()


@dataclass(frozen=True)
class TrendCheck:
    """The outcome of the worsening tests: the change if any, and what was tested, in words."""

    change: Change | None
    notes: tuple[str, ...]


def p_words(p: float) -> str:
    """A p-value as a doctor reads it: 'p < 0.001' or 'p = 0.034'."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def day_words(day: date) -> str:
    """'6 May' (the year only matters across years, which a report header states)."""
    return f"{day.day} {day:%b}"


def check_worsening(days: Sequence[DiaryDay], rules: DiaryRules, *, as_of: date) -> TrendCheck:
    """Test whether bouts or intensity are rising over the recent window; say what was tested.

    Up to three one-sided tests run when there is enough data: Mann–Kendall on
    bouts per day and on intensity over the last `window_days`, and the
    week-on-week bout rate ratio. The family-wise significance is split equally
    over the tests run (Bonferroni), so adding a test never makes alarms likelier.
    """
    rules_w = rules.worsening
    window = rules_w.window_days.value
    start = as_of - timedelta(days=window - 1)
    recent_days = [d for d in days if start <= d.day <= as_of]
    notes: list[str] = []
    results: list[tuple[float, bool, str, Rising]] = []  # (p, big enough, words, what rises)

    if len(recent_days) >= rules_w.min_days.value:
        times = [float((d.day - start).days) for d in recent_days]
        series_tested: tuple[tuple[str, Rising, list[float]], ...] = (
            ("bouts a day", "frequency", [float(d.bouts) for d in recent_days]),
            ("intensity (0-10)", "intensity", [float(d.intensity) for d in recent_days]),
        )
        for name, rises, series in series_tested:
            trend = mann_kendall(series, times, correct_autocorrelation=True)
            words = (
                f"{name.capitalize()}, last {window} days ({trend.n} logged): Mann–Kendall "
                f"(autocorrelation-corrected) one-sided {p_words(trend.p_increasing)}, "
                f"Sen's slope {trend.sen_slope:+.2f} a day"
            )
            results.append((trend.p_increasing, trend.s > 0, words, rises))
    else:
        notes.append(
            f"Trend test not run: {len(recent_days)} days logged in the last {window}; "
            f"it needs at least {rules_w.min_days.value}."
        )

    week = rules_w.week_days.value
    last_week = [d for d in recent_days if d.day > as_of - timedelta(days=week)]
    week_before = [d for d in recent_days if as_of - timedelta(days=2 * week) < d.day <= as_of - timedelta(days=week)]
    counts = sum(d.bouts for d in last_week), sum(d.bouts for d in week_before)
    needed_days = rules_w.rate_min_days_per_week.value
    if min(len(last_week), len(week_before)) >= needed_days and sum(counts) >= rules_w.rate_min_count.value:
        rate = compare_rates([d.bouts for d in last_week], [d.bouts for d in week_before])
        ratio = "no bouts before" if rate.earlier_count == 0 else f"ratio {rate.ratio:.1f}"
        words = (
            f"Bouts a day, last {week} days vs the {week} before: {rate.recent_rate:.1f} vs {rate.earlier_rate:.1f} "
            f"({ratio}; quasi-Poisson test, dispersion {rate.dispersion:.1f}, one-sided {p_words(rate.p_increase)})"
        )
        big_enough = rate.ratio >= rules_w.rate_ratio_min.value
        results.append((rate.p_increase, big_enough, words, "frequency"))
    else:
        notes.append(
            f"Week-on-week comparison not run: it needs {needed_days}+ logged days in each of the last two weeks "
            f"(got {len(last_week)} and {len(week_before)}) and {rules_w.rate_min_count.value}+ bouts in all "
            f"(got {sum(counts)})."
        )

    if not results:
        return TrendCheck(change=None, notes=tuple(notes))
    alpha = rules_w.significance.value / len(results)
    level = f"significant below p = {alpha:.3f} ({rules_w.significance.value:g} shared by {len(results)} tests)"
    rising = [(words, rises) for p, big_enough, words, rises in results if p < alpha and big_enough]
    notes.extend(
        f"{words}: {'rising' if any(w == words for w, _ in rising) else 'no clear rise'}." for _, _, words, _ in results
    )
    notes.append(f"Each test is {level}.")
    if not rising:
        return TrendCheck(change=None, notes=tuple(notes))
    risen = tuple(dict.fromkeys(rises for _, rises in rising))
    what = " and ".join(RISING_WORDS[r] for r in risen)
    change = Change(
        kind="worsening",
        since=as_of - timedelta(days=week - 1),
        title=f"Twitching is getting {what}",
        details=tuple(f"{words}." for words, _ in rising),
        findings=(rules_w.finding,),
        rising=risen,
    )
    return TrendCheck(change=change, notes=tuple(notes))


def detect_spreading(
    days: Sequence[DiaryDay], rules: DiaryRules, kb: KnowledgeBase, *, known: Iterable[str] = ()
) -> Change | None:
    """A twitch location first logged after the baseline days (places in `known` were reported before)."""
    if not days:
        return None
    baseline_end = days[0].day + timedelta(days=rules.spreading.baseline_days.value)
    seen = set(known) & {f.id for f in kb.findings if f.group == LOCATION_GROUP}
    for day in days:
        if day.day < baseline_end:
            seen |= day.locations
    usual_places = set(seen)
    new_places: list[tuple[str, date]] = []
    for day in days:
        if day.day >= baseline_end:
            for location in sorted(day.locations - seen):
                new_places.append((location, day.day))
                seen.add(location)
    if not new_places:
        return None
    places = ", ".join(f"{kb.finding(loc).label.lower()} (first logged {day_words(day)})" for loc, day in new_places)
    usual = ", ".join(kb.finding(loc).label.lower() for loc in sorted(usual_places)) or "no twitching"
    plural = "new places" if len(new_places) > 1 else "a new place"
    return Change(
        kind="spreading",
        since=new_places[0][1],
        title=f"Twitching has spread to {plural}",
        details=(f"New: {places}. The first {rules.spreading.baseline_days.value} days showed: {usual}.",),
        findings=(rules.spreading.finding, *(loc for loc, _ in new_places)),
        warning_signs=_warning_signs(kb, (loc for loc, _ in new_places)),
        first_logged=tuple(new_places),
    )


def detect_new_symptoms(days: Sequence[DiaryDay], kb: KnowledgeBase, *, known: Iterable[str] = ()) -> Change | None:
    """Symptoms logged in the diary that were not reported before (`known`); warning signs named, and first."""
    seen = set(known)
    first_logged: list[tuple[str, date]] = []
    warning_first = kb.warning_sign_ids
    for day in days:
        for symptom in sorted(day.new_symptoms - seen, key=lambda s: (s not in warning_first, s)):
            first_logged.append((symptom, day.day))
            seen.add(symptom)
    if not first_logged:
        return None
    warnings = _warning_signs(kb, (s for s, _ in first_logged))
    warning_ids = {note.id for note in warnings}
    names = ", ".join(
        kb.finding(s).label.lower() + (" (a warning sign)" if s in warning_ids else "") for s, _ in first_logged
    )
    dates = ", ".join(f"{kb.finding(s).label.lower()} {day_words(day)}" for s, day in first_logged)
    details = [f"First logged: {dates}."]
    details.extend(f"{note.label} is a warning sign: {note.why}" for note in warnings)
    return Change(
        kind="new_symptoms",
        since=first_logged[0][1],
        title=f"New symptom{'s' if len(first_logged) > 1 else ''} logged: {names}",
        details=tuple(details),
        findings=tuple(s for s, _ in first_logged),
        warning_signs=warnings,
        first_logged=tuple(first_logged),
    )


def duration_stage(days_since_start: int, rules: DiaryRules) -> int:
    """Index in diary.yaml's duration stages for this many days since the twitching started."""
    stages = rules.duration.stages
    return max(i for i, stage in enumerate(stages) if stage.from_days.value <= days_since_start)


def detect_duration(first_day: date, rules: DiaryRules, *, as_of: date, reported_stage: int = 0) -> Change | None:
    """The diary has crossed into a longer duration than the person reported (or than under 2 weeks)."""
    stages: tuple[DurationStage, ...] = rules.duration.stages
    stage = duration_stage((as_of - first_day).days, rules)
    if stage <= reported_stage:
        return None
    crossed = first_day + timedelta(days=stages[stage].from_days.value)
    return Change(
        kind="duration",
        since=crossed,
        title=stages[stage].sentence,
        details=(f"First entry {day_words(first_day)}; {(as_of - first_day).days} days ago on {day_words(as_of)}.",),
        findings=(stages[stage].finding,),
        replaces=(stages[stage - 1].finding,),
    )


def _warning_signs(kb: KnowledgeBase, finding_ids: Iterable[str]) -> tuple[WarningSignNote, ...]:
    notes = []
    for finding_id in finding_ids:
        finding = kb.finding(finding_id)
        if finding.warning is not None:
            notes.append(WarningSignNote(id=finding.id, label=finding.label, why=finding.warning.why))
    return tuple(notes)
