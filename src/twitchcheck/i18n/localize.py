"""Putting an Assessment, an interview Question or a diary review into another language, by id.

The engine and the interview speak English; these functions return copies in
the localizer's language. Anything without a translation stays English, so a
half-translated language degrades gracefully rather than breaking.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from twitchcheck.assessment import Assessment, Assessor, FindingWeightOut
from twitchcheck.diary.associations import TriggerComparison, trigger_sentence
from twitchcheck.diary.entry import DiaryEntry
from twitchcheck.diary.review import DiaryReview, review_diary
from twitchcheck.diary.rules import DiaryRules, load_diary_rules
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
                        "band_words": k("bands", c.band, "words", c.band_words),
                        "supporting": weights(c.id, c.supporting),
                        "opposing": weights(c.id, c.opposing),
                    }
                )
                for c in assessment.causes
            ],
            "unlisted": None
            if assessment.unlisted is None
            else assessment.unlisted.model_copy(
                update={
                    "name": k("causes", assessment.unlisted.id, "name", assessment.unlisted.name),
                    "summary": k("causes", assessment.unlisted.id, "summary", assessment.unlisted.summary),
                }
            ),
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
# diary.yaml's texts are extracted from the file itself (i18n/extract.py) and translated by their English text.


def review_in_language(
    entries: Iterable[DiaryEntry],
    loc: Localizer,
    kb: KnowledgeBase,
    *,
    as_of: date | None = None,
    age: int | None = None,
    sex: str | None = None,
    baseline_present: Iterable[str] = (),
    baseline_absent: Iterable[str] = (),
    assessor: Assessor | None = None,
) -> DiaryReview:
    """`review_diary` in the localizer's language: its alerts and notes worded in it, its assessment localized.

    The alerts are worded once, from their facts, by the diary's own functions
    given this language; in English the result is exactly what `review_diary` returns.
    """
    worded = review_diary(
        entries,
        as_of=as_of,
        age=age,
        sex=sex,
        baseline_present=baseline_present,
        baseline_absent=baseline_absent,
        assessor=assessor,
        wording=loc,
    )
    return worded.model_copy(update={"assessment": localize_assessment(worded.assessment, loc, kb)})


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
        sentence = trigger_sentence(item.message, item.exposed_days, item.other_days, trigger, loc)
        out.append(item.model_copy(update={"name": loc.gettext(trigger.name), "sentence": sentence}))
    return out
