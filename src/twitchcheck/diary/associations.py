"""What the person's own diary shows about caffeine, sleep, stress, exercise and alcohol.

The article names these as triggers (§1-§5), and a person can act on them, so
the diary compares days with and without each one. The comparison is kept
simple enough to say in one sentence and check by hand: split the days at a
threshold from diary.yaml, compare the mean bouts per day (and intensity) of
the two groups, and say how many days each mean rests on. It never claims
more than the data shows: too few days gives "not enough data yet", a
difference that could be chance is called that, and a difference is never
called a cause.

    >>> compare_triggers(entries)[0].sentence  # doctest: +SKIP
    'On days with 4+ caffeinated drinks you logged twice as many bouts as on days with fewer
     (8.2 vs 4.1 a day on average; 9 days vs 12 days of data). ...'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from statistics import fmean
from typing import Literal

from pydantic import BaseModel, ConfigDict

from twitchcheck.diary.entry import DiaryDay, DiaryEntry, diary_days
from twitchcheck.diary.rules import AssociationRules, DiaryRules, Trigger, load_diary_rules


class TriggerMessage(BaseModel):
    """What a comparison's sentence says, as a code and numbers, so that any language can word it.

    `code`: "nothing_logged", "not_enough_data" (fewer than `minimum` days in a
    group), "no_bouts" (none on either), "none_on_other_days", or "compared"
    (then `ratio` of the mean bouts). The means are unrounded, as the sentence
    uses them; `intensity` says whether the twitching felt "stronger" or
    "weaker" on exposed days when that difference is notable; `could_be_chance`
    and `linked` (a notable difference, not a cause) the closing sentences.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: Literal["nothing_logged", "not_enough_data", "no_bouts", "none_on_other_days", "compared"]
    minimum: int
    mean_bouts: tuple[float, float] | None = None
    ratio: float | None = None
    notable_ratio: float | None = None
    intensity: Literal["stronger", "weaker"] | None = None
    mean_intensity: tuple[float, float] | None = None
    could_be_chance: bool = False
    linked: bool = False


class TriggerComparison(BaseModel):
    """Days with a trigger against days without it: counts, means, and the sentence a person reads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    trigger: str
    name: str
    enough_data: bool
    exposed_days: int
    other_days: int
    exposed_mean_bouts: float | None
    other_mean_bouts: float | None
    exposed_mean_intensity: float | None
    other_mean_intensity: float | None
    p_value: float | None
    notable: bool
    sentence: str
    message: TriggerMessage


def compare_triggers(entries: Iterable[DiaryEntry], *, rules: DiaryRules | None = None) -> list[TriggerComparison]:
    """One comparison per trigger of diary.yaml, in its order."""
    rules = rules if rules is not None else load_diary_rules()
    days = diary_days(entries)
    return [compare_trigger(days, trigger, rules.associations) for trigger in rules.associations.triggers]


def compare_trigger(days: Sequence[DiaryDay], trigger: Trigger, rules: AssociationRules) -> TriggerComparison:
    """Compare the days on which `trigger` was high with the other days on which it was logged."""
    exposed: list[DiaryDay] = []
    other: list[DiaryDay] = []
    for day in days:
        value = day.context(trigger.field)
        if value is not None:
            (exposed if trigger.exposed(value) else other).append(day)
    minimum = rules.min_days_per_group.value
    if min(len(exposed), len(other)) < minimum:
        return TriggerComparison(
            trigger=trigger.id,
            name=trigger.name,
            enough_data=False,
            exposed_days=len(exposed),
            other_days=len(other),
            exposed_mean_bouts=None,
            other_mean_bouts=None,
            exposed_mean_intensity=None,
            other_mean_intensity=None,
            p_value=None,
            notable=False,
            sentence=_not_enough(trigger, len(exposed), len(other), minimum),
            message=TriggerMessage(
                code="nothing_logged" if not exposed and not other else "not_enough_data", minimum=minimum
            ),
        )
    bouts = [d.bouts for d in exposed], [d.bouts for d in other]
    intensity = [d.intensity for d in exposed], [d.intensity for d in other]
    mean_bouts = fmean(bouts[0]), fmean(bouts[1])
    mean_intensity = fmean(intensity[0]), fmean(intensity[1])
    ratio = _ratio(*mean_bouts)
    bouts_notable = ratio >= rules.notable_ratio.value or ratio <= 1 / rules.notable_ratio.value
    intensity_notable = abs(mean_intensity[0] - mean_intensity[1]) >= rules.notable_intensity_difference.value
    p_bouts, p_intensity = _p_value(*bouts), _p_value(*intensity)
    mentioned = [p for p, notable in ((p_bouts, bouts_notable), (p_intensity, intensity_notable)) if notable]
    sentence = _bouts_sentence(trigger, mean_bouts, len(exposed), len(other), ratio, rules)
    stronger: Literal["stronger", "weaker"] = "stronger" if mean_intensity[0] > mean_intensity[1] else "weaker"
    if intensity_notable:
        sentence += (
            f" The twitching felt {stronger} on those days "
            f"({mean_intensity[0]:.1f} vs {mean_intensity[1]:.1f} out of 10)."
        )
    if mentioned:
        if max(mentioned) >= rules.significance.value:
            sentence += " With this few days the difference could be chance."
        sentence += (
            f" This does not prove that {trigger.name} affects your twitching:"
            " other things can change on the same days."
        )
    else:
        sentence += f" No clear link with {trigger.name} in your diary so far."
    return TriggerComparison(
        trigger=trigger.id,
        name=trigger.name,
        enough_data=True,
        exposed_days=len(exposed),
        other_days=len(other),
        exposed_mean_bouts=round(mean_bouts[0], 3),
        other_mean_bouts=round(mean_bouts[1], 3),
        exposed_mean_intensity=round(mean_intensity[0], 3),
        other_mean_intensity=round(mean_intensity[1], 3),
        p_value=round(p_bouts, 6),
        notable=bool(mentioned),
        sentence=sentence,
        message=TriggerMessage(
            code="no_bouts" if mean_bouts == (0.0, 0.0) else "none_on_other_days" if mean_bouts[1] == 0 else "compared",
            minimum=minimum,
            mean_bouts=mean_bouts,
            ratio=ratio if mean_bouts[1] != 0 else None,
            notable_ratio=rules.notable_ratio.value,
            intensity=stronger if intensity_notable else None,
            mean_intensity=mean_intensity,
            could_be_chance=bool(mentioned) and max(mentioned) >= rules.significance.value,
            linked=bool(mentioned),
        ),
    )


def times_words(ratio: float, *, notable_ratio: float = 1.5) -> str:
    """'twice as many', '1.7 times as many', 'half as many', '40% fewer'; below `notable_ratio` either way,
    'slightly more', 'slightly fewer' or 'about as many' (a small difference is neither hidden nor inflated)."""
    if 1 / notable_ratio < ratio < notable_ratio:
        return "slightly more" if ratio >= 1.1 else "slightly fewer" if ratio <= 0.9 else "about as many"
    if 1.9 <= ratio < 2.1:
        return "twice as many"
    if 2.9 <= ratio < 3.1:
        return "three times as many"
    if ratio >= notable_ratio:
        return f"{ratio:.1f} times as many"
    if 0.45 <= ratio < 0.55:
        return "half as many"
    return f"{1 - ratio:.0%} fewer"


def _bouts_sentence(
    trigger: Trigger, means: tuple[float, float], exposed: int, other: int, ratio: float, rules: AssociationRules
) -> str:
    counts = f"{exposed} days vs {other} days of data"
    if means == (0.0, 0.0):
        return f"You logged no bouts on either {trigger.exposed_label} or {trigger.other_label} ({counts})."
    if means[1] == 0:
        return (
            f"On {trigger.exposed_label} you logged {means[0]:.1f} bouts a day on average, "
            f"and none on {trigger.other_label} ({counts})."
        )
    amount = times_words(ratio, notable_ratio=rules.notable_ratio.value)
    than = "than" if amount.endswith(("more", "fewer")) else "as"
    return (
        f"On {trigger.exposed_label} you logged {amount} bouts {than} on {trigger.other_label} "
        f"({means[0]:.1f} vs {means[1]:.1f} a day on average; {counts})."
    )


def _not_enough(trigger: Trigger, exposed: int, other: int, minimum: int) -> str:
    if exposed + other == 0:
        return f"Nothing logged about {trigger.name} yet."
    return (
        f"Not enough data yet on {trigger.name}: {_count(exposed, trigger.exposed_label)} and "
        f"{_count(other, trigger.other_label)}; at least {minimum} of each are needed to compare."
    )


def _count(number: int, label: str) -> str:
    """'1 day with …' or '3 days with …' (labels start with 'days')."""
    if number == 1 and label.startswith("days "):
        return f"1 day {label.removeprefix('days ')}"
    return f"{number} {label}"


def _ratio(exposed: float, other: float) -> float:
    if other == 0:
        return float("inf") if exposed > 0 else 1.0
    return exposed / other


def _p_value(exposed: Sequence[float], other: Sequence[float]) -> float:
    """Two-sided Mann–Whitney p-value; 1 when every value is the same (no difference to test)."""
    if len(set(exposed) | set(other)) < 2:
        return 1.0
    from scipy import stats  # imported here: scipy costs a second at start-up

    return float(stats.mannwhitneyu(exposed, other, alternative="two-sided").pvalue)
