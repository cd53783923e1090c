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
from twitchcheck.formatting import DAY_MONTH, ENGLISH, N_, Wording, lower_first, say_date, say_number
from twitchcheck.knowledge import KnowledgeBase

AlertKind = Literal["worsening", "spreading", "new_symptoms", "duration"]
# What rises when twitching gets worse: an id for each of the English words the title uses.
Rising = Literal["frequency", "intensity"]
RISING_WORDS: dict[Rising, str] = {"frequency": N_("more frequent"), "intensity": N_("stronger")}


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


def p_words(p: float, wording: Wording = ENGLISH) -> str:
    """A p-value as a doctor reads it: 'p < 0.001' or 'p = 0.034' ('p = 0,034')."""
    if p < 0.001:
        return "p < " + say_number(0.001, wording, digits=3)
    return "p = " + say_number(p, wording, digits=3, fixed=True)


def day_words(day: date, wording: Wording = ENGLISH) -> str:
    """'6 May' ('6 mai'; the year only matters across years, which a report header states)."""
    return say_date(day, DAY_MONTH, wording)


def worsening_title(rising: Sequence[Rising], wording: Wording = ENGLISH) -> str:
    """'Twitching is getting more frequent and stronger': the one wording of a worsening alert's title."""
    words = [wording.gettext(RISING_WORDS[r]) for r in rising]
    what = wording.gettext("%(first)s and %(second)s", first=words[0], second=words[1]) if len(words) == 2 else words[0]
    return wording.gettext("Twitching is getting %(what)s", what=what)


def spreading_title(count: int, wording: Wording = ENGLISH) -> str:
    return wording.ngettext("Twitching has spread to a new place", "Twitching has spread to new places", count)


def new_symptoms_title(
    first_logged: Sequence[str], warning_signs: Iterable[str], kb: KnowledgeBase, wording: Wording = ENGLISH
) -> str:
    """'New symptoms logged: fatigue, muscle weakness (a warning sign)'."""
    warnings = set(warning_signs)
    names = ", ".join(
        wording.gettext("%(symptom)s (a warning sign)", symptom=_label(s, kb, wording))
        if s in warnings
        else _label(s, kb, wording)
        for s in first_logged
    )
    return wording.ngettext(
        "New symptom logged: %(names)s", "New symptoms logged: %(names)s", len(first_logged), names=names
    )


def check_worsening(
    days: Sequence[DiaryDay], rules: DiaryRules, *, as_of: date, wording: Wording = ENGLISH
) -> TrendCheck:
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
            (N_("Bouts a day"), "frequency", [float(d.bouts) for d in recent_days]),
            (N_("Intensity (0-10)"), "intensity", [float(d.intensity) for d in recent_days]),
        )
        for name, rises, series in series_tested:
            trend = mann_kendall(series, times, correct_autocorrelation=True)
            slope = say_number(trend.sen_slope, wording, digits=2, fixed=True)
            words = wording.gettext(
                "%(series)s, last %(window)s days (%(n)s logged): Mann–Kendall (autocorrelation-corrected)"
                " one-sided %(p)s, Sen's slope %(slope)s a day",
                series=wording.gettext(name),
                window=window,
                n=trend.n,
                p=p_words(trend.p_increasing, wording),
                slope=slope if trend.sen_slope < 0 else "+" + slope,
            )
            results.append((trend.p_increasing, trend.s > 0, words, rises))
    else:
        notes.append(
            wording.gettext(
                "Trend test not run: %(logged)s days logged in the last %(window)s; it needs at least %(needed)s.",
                logged=len(recent_days),
                window=window,
                needed=rules_w.min_days.value,
            )
        )

    week = rules_w.week_days.value
    last_week = [d for d in recent_days if d.day > as_of - timedelta(days=week)]
    week_before = [d for d in recent_days if as_of - timedelta(days=2 * week) < d.day <= as_of - timedelta(days=week)]
    counts = sum(d.bouts for d in last_week), sum(d.bouts for d in week_before)
    needed_days = rules_w.rate_min_days_per_week.value
    if min(len(last_week), len(week_before)) >= needed_days and sum(counts) >= rules_w.rate_min_count.value:
        rate = compare_rates([d.bouts for d in last_week], [d.bouts for d in week_before])

        def one(value: float) -> str:
            return say_number(value, wording, digits=1, fixed=True)

        ratio = (
            wording.gettext("no bouts before")
            if rate.earlier_count == 0
            else wording.gettext("ratio %(ratio)s", ratio=one(rate.ratio))
        )
        words = wording.gettext(
            "Bouts a day, last %(week)s days vs the %(week)s before: %(recent)s vs %(earlier)s (%(ratio)s;"
            " quasi-Poisson test, dispersion %(dispersion)s, one-sided %(p)s)",
            week=week,
            recent=one(rate.recent_rate),
            earlier=one(rate.earlier_rate),
            ratio=ratio,
            dispersion=one(rate.dispersion),
            p=p_words(rate.p_increase, wording),
        )
        big_enough = rate.ratio >= rules_w.rate_ratio_min.value
        results.append((rate.p_increase, big_enough, words, "frequency"))
    else:
        notes.append(
            wording.gettext(
                "Week-on-week comparison not run: it needs %(days)s+ logged days in each of the last two weeks"
                " (got %(last)s and %(before)s) and %(bouts)s+ bouts in all (got %(total)s).",
                days=needed_days,
                last=len(last_week),
                before=len(week_before),
                bouts=rules_w.rate_min_count.value,
                total=sum(counts),
            )
        )

    if not results:
        return TrendCheck(change=None, notes=tuple(notes))
    alpha = rules_w.significance.value / len(results)
    rising = [(words, rises) for p, big_enough, words, rises in results if p < alpha and big_enough]
    notes.extend(
        wording.gettext("%(test)s: rising.", test=words)
        if any(w == words for w, _ in rising)
        else wording.gettext("%(test)s: no clear rise.", test=words)
        for _, _, words, _ in results
    )
    notes.append(
        wording.gettext(
            "Each test is significant below p = %(alpha)s (%(level)s shared by %(tests)s tests).",
            alpha=say_number(alpha, wording, digits=3, fixed=True),
            level=say_number(rules_w.significance.value, wording, digits=3),
            tests=len(results),
        )
    )
    if not rising:
        return TrendCheck(change=None, notes=tuple(notes))
    risen = tuple(dict.fromkeys(rises for _, rises in rising))
    change = Change(
        kind="worsening",
        since=as_of - timedelta(days=week - 1),
        title=worsening_title(risen, wording),
        details=tuple(f"{words}." for words, _ in rising),
        findings=(rules_w.finding,),
        rising=risen,
    )
    return TrendCheck(change=change, notes=tuple(notes))


def detect_spreading(
    days: Sequence[DiaryDay],
    rules: DiaryRules,
    kb: KnowledgeBase,
    *,
    known: Iterable[str] = (),
    wording: Wording = ENGLISH,
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
    places = ", ".join(
        wording.gettext("%(place)s (first logged %(day)s)", place=_label(loc, kb, wording), day=day_words(day, wording))
        for loc, day in new_places
    )
    usual = ", ".join(_label(loc, kb, wording) for loc in sorted(usual_places)) or wording.gettext("no twitching")
    return Change(
        kind="spreading",
        since=new_places[0][1],
        title=spreading_title(len(new_places), wording),
        details=(
            wording.gettext(
                "New: %(places)s. The first %(days)s days showed: %(usual)s.",
                places=places,
                days=rules.spreading.baseline_days.value,
                usual=usual,
            ),
        ),
        findings=(rules.spreading.finding, *(loc for loc, _ in new_places)),
        warning_signs=_warning_signs(kb, (loc for loc, _ in new_places), wording),
        first_logged=tuple(new_places),
    )


def detect_new_symptoms(
    days: Sequence[DiaryDay], kb: KnowledgeBase, *, known: Iterable[str] = (), wording: Wording = ENGLISH
) -> Change | None:
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
    warnings = _warning_signs(kb, (s for s, _ in first_logged), wording)
    dates = ", ".join(
        wording.gettext("%(symptom)s %(day)s", symptom=_label(s, kb, wording), day=day_words(day, wording))
        for s, day in first_logged
    )
    details = [wording.gettext("First logged: %(dates)s.", dates=dates)]
    details.extend(
        wording.gettext("%(sign)s is a warning sign: %(why)s", sign=note.label, why=note.why) for note in warnings
    )
    return Change(
        kind="new_symptoms",
        since=first_logged[0][1],
        title=new_symptoms_title([s for s, _ in first_logged], (note.id for note in warnings), kb, wording),
        details=tuple(details),
        findings=tuple(s for s, _ in first_logged),
        warning_signs=warnings,
        first_logged=tuple(first_logged),
    )


def duration_stage(days_since_start: int, rules: DiaryRules) -> int:
    """Index in diary.yaml's duration stages for this many days since the twitching started."""
    stages = rules.duration.stages
    return max(i for i, stage in enumerate(stages) if stage.from_days.value <= days_since_start)


def detect_duration(
    first_day: date, rules: DiaryRules, *, as_of: date, reported_stage: int = 0, wording: Wording = ENGLISH
) -> Change | None:
    """The diary has crossed into a longer duration than the person reported (or than under 2 weeks)."""
    stages: tuple[DurationStage, ...] = rules.duration.stages
    stage = duration_stage((as_of - first_day).days, rules)
    if stage <= reported_stage:
        return None
    crossed = first_day + timedelta(days=stages[stage].from_days.value)
    return Change(
        kind="duration",
        since=crossed,
        title=wording.gettext(stages[stage].sentence),
        details=(
            wording.gettext(
                "First entry %(first)s; %(days)s days ago on %(as_of)s.",
                first=day_words(first_day, wording),
                days=(as_of - first_day).days,
                as_of=day_words(as_of, wording),
            ),
        ),
        findings=(stages[stage].finding,),
        replaces=(stages[stage - 1].finding,),
    )


def _warning_signs(
    kb: KnowledgeBase, finding_ids: Iterable[str], wording: Wording = ENGLISH
) -> tuple[WarningSignNote, ...]:
    notes = []
    for finding_id in finding_ids:
        finding = kb.finding(finding_id)
        if finding.warning is not None:
            label = wording.knowledge("findings", finding.id, "label", finding.label)
            why = wording.knowledge("findings", finding.id, "why", finding.warning.why)
            notes.append(WarningSignNote(id=finding.id, label=label, why=why))
    return tuple(notes)


def _label(finding_id: str, kb: KnowledgeBase, wording: Wording) -> str:
    """A finding's label in the wording's language, lower case as it reads inside a sentence."""
    return lower_first(wording.knowledge("findings", finding_id, "label", kb.finding(finding_id).label))
