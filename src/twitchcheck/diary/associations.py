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
    'On days with 4+ caffeinated drinks the diary shows twice as many bouts as on days with fewer
     (8.2 vs 4.1 a day on average; 9 days vs 12 days of data). ...'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from statistics import fmean
from typing import Literal

from pydantic import BaseModel, ConfigDict

from twitchcheck.diary.entry import DiaryDay, DiaryEntry, diary_days
from twitchcheck.diary.rules import AssociationRules, DiaryRules, Trigger, load_diary_rules
from twitchcheck.formatting import ENGLISH, N_, Wording, say_number, say_percent_whole


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
        waiting = TriggerMessage(
            code="nothing_logged" if not exposed and not other else "not_enough_data", minimum=minimum
        )
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
            sentence=trigger_sentence(waiting, len(exposed), len(other), trigger),
            message=waiting,
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
    stronger: Literal["stronger", "weaker"] = "stronger" if mean_intensity[0] > mean_intensity[1] else "weaker"
    message = TriggerMessage(
        code="no_bouts" if mean_bouts == (0.0, 0.0) else "none_on_other_days" if mean_bouts[1] == 0 else "compared",
        minimum=minimum,
        mean_bouts=mean_bouts,
        ratio=ratio if mean_bouts[1] != 0 else None,
        notable_ratio=rules.notable_ratio.value,
        intensity=stronger if intensity_notable else None,
        mean_intensity=mean_intensity,
        could_be_chance=bool(mentioned) and max(mentioned) >= rules.significance.value,
        linked=bool(mentioned),
    )
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
        sentence=trigger_sentence(message, len(exposed), len(other), trigger),
        message=message,
    )


def trigger_sentence(
    message: TriggerMessage, exposed_days: int, other_days: int, trigger: Trigger, wording: Wording = ENGLISH
) -> str:
    """What the diary shows about one trigger, worded once from its `message`, in the wording's language.

    It speaks of "the diary", not "you", so that the same sentence serves the
    person's page and the doctor's report.
    """
    name = wording.gettext(trigger.name)
    exposed, other = wording.gettext(trigger.exposed_label), wording.gettext(trigger.other_label)
    if message.code == "nothing_logged":
        return wording.gettext("Nothing logged about %(name)s yet.", name=name)
    if message.code == "not_enough_data":
        return wording.gettext(
            "Not enough data yet on %(name)s: %(exposed)s and %(other)s; at least %(minimum)s of each are needed"
            " to compare.",
            name=name,
            exposed=_days(exposed_days, trigger.exposed_label, wording),
            other=_days(other_days, trigger.other_label, wording),
            minimum=message.minimum,
        )
    counts = wording.gettext("%(exposed)s days vs %(other)s days of data", exposed=exposed_days, other=other_days)
    sentences = [_bouts_sentence(message, exposed, other, counts, wording)]
    if message.intensity is not None and message.mean_intensity is not None:
        felt = {
            "stronger": N_("The twitching felt stronger on those days (%(exposed)s vs %(other)s out of 10)."),
            "weaker": N_("The twitching felt weaker on those days (%(exposed)s vs %(other)s out of 10)."),
        }[message.intensity]
        sentences.append(
            wording.gettext(
                felt,
                exposed=_decimal(message.mean_intensity[0], wording),
                other=_decimal(message.mean_intensity[1], wording),
            )
        )
    if message.linked:
        if message.could_be_chance:
            sentences.append(wording.gettext("With this few days the difference could be chance."))
        sentences.append(
            wording.gettext(
                "This does not prove that %(name)s affects the twitching: other things can change on the same days.",
                name=name,
            )
        )
    else:
        sentences.append(wording.gettext("No clear link with %(name)s in the diary so far.", name=name))
    return " ".join(sentences)


# One sentence per way of saying how many bouts, as whole sentences so that each language words it its own way.
AMOUNT_SENTENCES = {
    "slightly more": N_(
        "On %(exposed)s the diary shows slightly more bouts than on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "slightly fewer": N_(
        "On %(exposed)s the diary shows slightly fewer bouts than on %(other)s"
        " (%(means)s a day on average; %(counts)s)."
    ),
    "about as many": N_(
        "On %(exposed)s the diary shows about as many bouts as on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "twice as many": N_(
        "On %(exposed)s the diary shows twice as many bouts as on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "three times as many": N_(
        "On %(exposed)s the diary shows three times as many bouts as on %(other)s"
        " (%(means)s a day on average; %(counts)s)."
    ),
    "times as many": N_(
        "On %(exposed)s the diary shows %(times)s times as many bouts as on %(other)s"
        " (%(means)s a day on average; %(counts)s)."
    ),
    "half as many": N_(
        "On %(exposed)s the diary shows half as many bouts as on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "fewer": N_(
        "On %(exposed)s the diary shows %(percent)s fewer bouts than on %(other)s"
        " (%(means)s a day on average; %(counts)s)."
    ),
}


def times_words(ratio: float, *, notable_ratio: float = 1.5) -> str:
    """Which AMOUNT_SENTENCES says a ratio of mean bouts: below `notable_ratio` either way 'slightly more',
    'slightly fewer' or 'about as many' (a small difference is neither hidden nor inflated)."""
    if 1 / notable_ratio < ratio < notable_ratio:
        return "slightly more" if ratio >= 1.1 else "slightly fewer" if ratio <= 0.9 else "about as many"
    if 1.9 <= ratio < 2.1:
        return "twice as many"
    if 2.9 <= ratio < 3.1:
        return "three times as many"
    if ratio >= notable_ratio:
        return "times as many"
    if 0.45 <= ratio < 0.55:
        return "half as many"
    return "fewer"


def _bouts_sentence(message: TriggerMessage, exposed: str, other: str, counts: str, wording: Wording) -> str:
    means = message.mean_bouts or (0.0, 0.0)
    if message.code == "no_bouts":
        return wording.gettext(
            "The diary shows no bouts on either %(exposed)s or %(other)s (%(counts)s).",
            exposed=exposed,
            other=other,
            counts=counts,
        )
    if message.code == "none_on_other_days" or message.ratio is None:
        return wording.gettext(
            "On %(exposed)s the diary shows %(mean)s bouts a day on average, and none on %(other)s (%(counts)s).",
            exposed=exposed,
            mean=_decimal(means[0], wording),
            other=other,
            counts=counts,
        )
    ratio = message.ratio
    return wording.gettext(
        AMOUNT_SENTENCES[times_words(ratio, notable_ratio=message.notable_ratio or 1.5)],
        exposed=exposed,
        other=other,
        means=wording.gettext(
            "%(exposed)s vs %(other)s", exposed=_decimal(means[0], wording), other=_decimal(means[1], wording)
        ),
        counts=counts,
        times=_decimal(ratio, wording),
        percent=say_percent_whole(1 - ratio, wording),
    )


def _days(number: int, english_label: str, wording: Wording) -> str:
    """'3 days with …'; in English '1 day with …' (the labels start with 'days')."""
    label = wording.gettext(english_label)
    if wording.language == "en" and number == 1 and label.startswith("days "):
        return f"1 day {label.removeprefix('days ')}"
    return wording.gettext("%(number)s %(label)s", number=number, label=label)


def _decimal(value: float, wording: Wording) -> str:
    """One decimal always ('3.0 vs 1.5'), as the language writes it."""
    return say_number(value, wording, digits=1, fixed=True)


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
