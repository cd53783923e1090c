"""Putting an Assessment, an interview Question or a diary review into another language, by id.

The engine and the interview speak English; these functions return copies in
the localizer's language. Anything without a translation stays English, so a
half-translated language degrades gracefully rather than breaking.
"""

from __future__ import annotations

from collections.abc import Iterable

from twitchcheck.assessment import Assessment, FindingWeightOut
from twitchcheck.diary.associations import TriggerComparison, TriggerMessage
from twitchcheck.diary.review import Alert, DiaryReview, explain_alert
from twitchcheck.diary.rules import DiaryRules, Trigger, load_diary_rules
from twitchcheck.diary.trends import Rising
from twitchcheck.i18n.catalog import Localizer
from twitchcheck.interview import Question
from twitchcheck.interview.questions import WhyReason
from twitchcheck.interview.why import word_why
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import EMERGENCY_NUMBER


def localize_assessment(assessment: Assessment, loc: Localizer, kb: KnowledgeBase) -> Assessment:
    """The assessment with every patient-facing text in the localizer's language."""
    if loc.language == "en":
        return assessment
    level = assessment.triage.level

    def k(section: str, item_id: str, field_name: str, default: str) -> str:
        """The knowledge text in this language, with the number to call where the person is."""
        text = loc.knowledge(section, item_id, field_name, default)
        return text.replace(EMERGENCY_NUMBER, assessment.emergency_number)

    def weights(cause_id: str, items: list[FindingWeightOut]) -> list[FindingWeightOut]:
        return [
            w.model_copy(
                update={
                    "label": k("findings", w.finding, "label", w.label),
                    "caution": k("links", f"{cause_id}.{w.finding}", "caution", w.caution) if w.caution else None,
                }
            )
            for w in items
        ]

    def reason_text(rule: str, text: str) -> str:
        if rule == "probability_escalation":
            likely = ", ".join(
                f"{k('causes', c.id, 'name', c.name)} {loc.percent(c.probability)}"
                for c in assessment.causes
                if c.serious and c.probability >= kb.probability_escalation.threshold
            )
            return k("texts", "probability_escalation", "text", text).replace("{causes}", likely)
        if rule in ("default", "default_unasked"):
            return k("texts", rule, "text", text)
        return k("rules", rule, "reason", text)

    triage = assessment.triage.model_copy(
        update={
            "title": k("levels", level, "title", assessment.triage.title),
            "advice": k("levels", level, "advice", assessment.triage.advice),
            "reasons": [r.model_copy(update={"text": reason_text(r.rule, r.text)}) for r in assessment.triage.reasons],
        }
    )
    return assessment.model_copy(
        update={
            "triage": triage,
            "emergency_conditions": [
                c.model_copy(update={"name": k("conditions", c.id, "name", c.name)})
                for c in assessment.emergency_conditions
            ],
            "causes": [
                c.model_copy(
                    update={
                        "name": k("causes", c.id, "name", c.name),
                        "summary": k("causes", c.id, "summary", c.summary),
                        "supporting": weights(c.id, c.supporting),
                        "opposing": weights(c.id, c.opposing),
                    }
                )
                for c in assessment.causes
            ],
            "red_flags": [
                f.model_copy(
                    update={"label": k("findings", f.id, "label", f.label), "why": k("findings", f.id, "why", f.why)}
                )
                for f in assessment.red_flags
            ],
            "unanswered_red_flags": [
                f.model_copy(update={"label": k("findings", f.id, "label", f.label)})
                for f in assessment.unanswered_red_flags
            ],
            "unanswered_advice": k("levels", kb.levels[0].id, "advice", assessment.unanswered_advice),
            "advice": [a.model_copy(update={"text": k("advice", a.id, "text", a.text)}) for a in assessment.advice],
            "tests": [
                t.model_copy(
                    update={"name": k("tests", t.id, "name", t.name), "detail": k("tests", t.id, "detail", t.detail)}
                )
                for t in assessment.tests
            ],
            "doctor_questions": [
                q.model_copy(update={"text": k("doctor_questions", q.id, "text", q.text)})
                for q in assessment.doctor_questions
            ],
            "disclaimer": k("texts", "disclaimer", "text", assessment.disclaimer),
        }
    )


def localize_question(question: Question, loc: Localizer, kb: KnowledgeBase) -> Question:
    """The question, its options and its "why we ask" in the localizer's language."""
    if loc.language == "en":
        return question
    k = loc.knowledge
    kind, _, name = question.id.partition(":")
    if kind == "finding":
        text = k("findings", name, "question", question.text)
    elif kind == "group":
        text = k("groups", name, "title", question.text)
    else:
        text = k("texts", f"{question.phase}_text", "text", question.text)
    options = tuple(o.model_copy(update={"label": k("findings", o.id, "label", o.label)}) for o in question.options)
    already = tuple(o.model_copy(update={"label": k("findings", o.id, "label", o.label)}) for o in question.already)
    return question.model_copy(
        update={"text": text, "options": options, "already": already, "why": why_text(question.reason, loc, kb)}
    )


def why_text(reason: WhyReason, loc: Localizer, kb: KnowledgeBase) -> str:
    """Word a question's reason in the localizer's language, from the one sentence in `interview.why`."""
    return word_why(reason, kb, gettext=loc.gettext, knowledge=loc.knowledge)


# ---- the diary ------------------------------------------------------------------------------------
# diary.yaml's English texts that a person reads, marked so that `make i18n-extract` finds them: they are
# translated by their English text, so a text changed in diary.yaml but not here stays English.
def N_(message: str) -> str:
    return message


DIARY_TEXTS = (
    N_("Twitching started less than 2 weeks ago"),
    N_("Twitching has lasted more than 2 weeks"),
    N_("Twitching has lasted more than 3 months"),
    N_("days with 4+ caffeinated drinks"),
    N_("days with fewer"),
    N_("caffeine"),
    N_("days after less than 6 hours of sleep"),
    N_("days after 6 hours or more"),
    N_("short sleep"),
    N_("days with stress of 7/10 or more"),
    N_("calmer days"),
    N_("stress"),
    N_("days with an hour or more of exercise"),
    N_("days with less or none"),
    N_("exercise"),
    N_("days with 3+ units of alcohol"),
    N_("alcohol"),
    # location_short_labels: the diary's quick form and its chart
    N_("Eyelid"),
    N_("Face"),
    N_("Tongue"),
    N_("Arm / hand"),
    N_("Leg / calf"),
    N_("Chest / back"),
    N_("Widespread"),
)
RISING_TEXTS: dict[Rising, str] = {"frequency": N_("more frequent"), "intensity": N_("stronger")}


def localize_review(
    review: DiaryReview, loc: Localizer, kb: KnowledgeBase, *, rules: DiaryRules | None = None
) -> DiaryReview:
    """The review with its alerts' titles and explanations, and its assessment, in the localizer's language.

    Worded from each alert's `message` (ids and numbers), never translated from
    the English sentence; in English the result reads exactly as `review_diary` wrote it.
    """
    rules = rules if rules is not None else load_diary_rules()
    alerts = []
    for alert in review.alerts:
        title = alert_title(alert, loc, kb, rules)
        explanation = explain_alert(alert.message, title, kb, loc, emergency_number=review.assessment.emergency_number)
        alerts.append(alert.model_copy(update={"title": title, "explanation": explanation}))
    return review.model_copy(update={"alerts": alerts, "assessment": localize_assessment(review.assessment, loc, kb)})


def alert_title(alert: Alert, loc: Localizer, kb: KnowledgeBase, rules: DiaryRules) -> str:
    """What changed, in a few words: the alert's title in the localizer's language."""
    message = alert.message
    if alert.kind == "duration":
        stage = next((s for s in rules.duration.stages if s.finding == message.duration_stage), None)
        return loc.gettext(stage.sentence) if stage is not None else alert.title
    if alert.kind == "worsening":
        words = [loc.gettext(RISING_TEXTS[r]) for r in message.rising]
        what = loc.gettext("%(first)s and %(second)s", first=words[0], second=words[1]) if len(words) == 2 else words[0]
        return loc.gettext("Twitching is getting %(what)s", what=what)
    count = len(message.first_logged)
    if alert.kind == "spreading":
        return loc.ngettext("Twitching has spread to a new place", "Twitching has spread to new places", count)
    names = ", ".join(
        loc.gettext("%(symptom)s (a warning sign)", symptom=_label(item.finding, loc, kb))
        if item.finding in message.warning_signs
        else _label(item.finding, loc, kb)
        for item in message.first_logged
    )
    return loc.ngettext("New symptom logged: %(names)s", "New symptoms logged: %(names)s", count, names=names)


def localize_triggers(
    items: Iterable[TriggerComparison], loc: Localizer, *, rules: DiaryRules | None = None
) -> list[TriggerComparison]:
    """Trigger comparisons with their names and sentences in the localizer's language (the numbers unchanged)."""
    rules = rules if rules is not None else load_diary_rules()
    triggers = {t.id: t for t in rules.associations.triggers}
    out = []
    for item in items:
        trigger = triggers.get(item.trigger)
        if trigger is None:
            out.append(item)
            continue
        sentence = trigger_sentence(item, trigger, loc)
        out.append(item.model_copy(update={"name": loc.gettext(trigger.name), "sentence": sentence}))
    return out


def trigger_sentence(item: TriggerComparison, trigger: Trigger, loc: Localizer) -> str:
    """What the diary shows about one trigger, worded from the comparison's `message`."""
    message = item.message
    name = loc.gettext(trigger.name)
    exposed, other = loc.gettext(trigger.exposed_label), loc.gettext(trigger.other_label)
    if message.code == "nothing_logged":
        return loc.gettext("Nothing logged about %(name)s yet.", name=name)
    if message.code == "not_enough_data":
        return loc.gettext(
            "Not enough data yet on %(name)s: %(exposed)s and %(other)s; at least %(minimum)s of each are needed"
            " to compare.",
            name=name,
            exposed=_days(item.exposed_days, trigger.exposed_label, loc),
            other=_days(item.other_days, trigger.other_label, loc),
            minimum=message.minimum,
        )
    counts = loc.gettext("%(exposed)s days vs %(other)s days of data", exposed=item.exposed_days, other=item.other_days)
    means = message.mean_bouts or (0.0, 0.0)
    sentences = [_bouts_sentence(message, exposed, other, counts, means, loc)]
    if message.intensity is not None and message.mean_intensity is not None:
        felt = {
            "stronger": N_("The twitching felt stronger on those days (%(exposed)s vs %(other)s out of 10)."),
            "weaker": N_("The twitching felt weaker on those days (%(exposed)s vs %(other)s out of 10)."),
        }[message.intensity]
        sentences.append(
            loc.gettext(
                felt, exposed=_decimal(message.mean_intensity[0], loc), other=_decimal(message.mean_intensity[1], loc)
            )
        )
    if message.linked:
        if message.could_be_chance:
            sentences.append(loc.gettext("With this few days the difference could be chance."))
        sentences.append(
            loc.gettext(
                "This does not prove that %(name)s affects your twitching: other things can change on the same days.",
                name=name,
            )
        )
    else:
        sentences.append(loc.gettext("No clear link with %(name)s in your diary so far.", name=name))
    return " ".join(sentences)


# One sentence per way of saying how many bouts: times_words in associations.py, as whole sentences.
AMOUNT_SENTENCES = {
    "slightly more": N_(
        "On %(exposed)s you logged slightly more bouts than on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "slightly fewer": N_(
        "On %(exposed)s you logged slightly fewer bouts than on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "about as many": N_(
        "On %(exposed)s you logged about as many bouts as on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "twice as many": N_(
        "On %(exposed)s you logged twice as many bouts as on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "three times as many": N_(
        "On %(exposed)s you logged three times as many bouts as on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "times as many": N_(
        "On %(exposed)s you logged %(times)s times as many bouts as on %(other)s"
        " (%(means)s a day on average; %(counts)s)."
    ),
    "half as many": N_(
        "On %(exposed)s you logged half as many bouts as on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
    "fewer": N_(
        "On %(exposed)s you logged %(percent)s fewer bouts than on %(other)s (%(means)s a day on average; %(counts)s)."
    ),
}


def _bouts_sentence(
    message: TriggerMessage, exposed: str, other: str, counts: str, means: tuple[float, float], loc: Localizer
) -> str:
    if message.code == "no_bouts":
        return loc.gettext(
            "You logged no bouts on either %(exposed)s or %(other)s (%(counts)s).",
            exposed=exposed,
            other=other,
            counts=counts,
        )
    if message.code == "none_on_other_days" or message.ratio is None:
        return loc.gettext(
            "On %(exposed)s you logged %(mean)s bouts a day on average, and none on %(other)s (%(counts)s).",
            exposed=exposed,
            mean=_decimal(means[0], loc),
            other=other,
            counts=counts,
        )
    ratio, notable = message.ratio, message.notable_ratio or 1.5
    if 1 / notable < ratio < notable:
        amount = "slightly more" if ratio >= 1.1 else "slightly fewer" if ratio <= 0.9 else "about as many"
    elif 1.9 <= ratio < 2.1:
        amount = "twice as many"
    elif 2.9 <= ratio < 3.1:
        amount = "three times as many"
    elif ratio >= notable:
        amount = "times as many"
    elif 0.45 <= ratio < 0.55:
        amount = "half as many"
    else:
        amount = "fewer"
    return loc.gettext(
        AMOUNT_SENTENCES[amount],
        exposed=exposed,
        other=other,
        means=loc.gettext("%(exposed)s vs %(other)s", exposed=_decimal(means[0], loc), other=_decimal(means[1], loc)),
        counts=counts,
        times=_decimal(ratio, loc),
        percent=_percent_whole(1 - ratio, loc),
    )


def _days(number: int, english_label: str, loc: Localizer) -> str:
    """'3 days with …'; in English '1 day with …' (the labels start with 'days')."""
    label = loc.gettext(english_label)
    if loc.language == "en" and number == 1 and label.startswith("days "):
        return f"1 day {label.removeprefix('days ')}"
    return loc.gettext("%(number)s %(label)s", number=number, label=label)


def _decimal(value: float, loc: Localizer) -> str:
    """One decimal, with a decimal comma in French."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if loc.language == "fr" else text


def _percent_whole(fraction: float, loc: Localizer) -> str:
    text = f"{fraction:.0%}"
    return text.replace("%", "\u00a0%") if loc.language == "fr" else text


def _label(finding_id: str, loc: Localizer, kb: KnowledgeBase) -> str:
    return loc.knowledge("findings", finding_id, "label", kb.finding(finding_id).label).lower()


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
