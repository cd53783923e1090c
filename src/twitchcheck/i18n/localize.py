"""Putting an Assessment or an interview Question into another language, by id.

The engine and the interview speak English; these functions return copies in
the localizer's language. Anything without a translation stays English, so a
half-translated language degrades gracefully rather than breaking.
"""

from __future__ import annotations

from twitchcheck.assessment import Assessment, FindingWeightOut
from twitchcheck.i18n.catalog import Localizer
from twitchcheck.interview import Question
from twitchcheck.interview.questions import WhyReason
from twitchcheck.knowledge import KnowledgeBase


def localize_assessment(assessment: Assessment, loc: Localizer, kb: KnowledgeBase) -> Assessment:
    """The assessment with every patient-facing text in the localizer's language."""
    if loc.language == "en":
        return assessment
    k = loc.knowledge
    level = assessment.triage.level

    def weights(items: list[FindingWeightOut]) -> list[FindingWeightOut]:
        return [w.model_copy(update={"label": k("findings", w.finding, "label", w.label)}) for w in items]

    def reason_text(rule: str, text: str) -> str:
        if rule == "probability_escalation":
            likely = ", ".join(
                f"{k('causes', c.id, 'name', c.name)} {loc.percent(c.probability)}"
                for c in assessment.causes
                if c.serious and c.probability >= kb.probability_escalation.threshold
            )
            return k("texts", "probability_escalation", "text", text).replace("{causes}", likely)
        if rule == "default":
            return k("texts", "default", "text", text)
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
            "causes": [
                c.model_copy(
                    update={
                        "name": k("causes", c.id, "name", c.name),
                        "summary": k("causes", c.id, "summary", c.summary),
                        "supporting": weights(c.supporting),
                        "opposing": weights(c.opposing),
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
    return question.model_copy(
        update={"text": text, "options": options, "why": why_text(question.reason, question.why, loc, kb)}
    )


def why_text(reason: WhyReason, english: str, loc: Localizer, kb: KnowledgeBase) -> str:
    """Word a question's reason in the localizer's language."""
    k = loc.knowledge
    if reason.kind in {"urgent", "warning_signs", "handover"}:
        return k("texts", f"{reason.kind}_why", "text", english)
    if reason.kind == "level_change" and reason.level_now and reason.level_other:
        return loc.gettext(
            "Your answer could change what to do: now “%(now)s”, it could become “%(other)s”.",
            now=k("levels", reason.level_now, "title", kb.level(reason.level_now).title),
            other=k("levels", reason.level_other, "title", kb.level(reason.level_other).title),
        )
    names = [k("causes", c, "name", kb.cause(c).name) for c in reason.causes]
    if reason.kind == "tell_apart" and len(names) == 2:
        return loc.gettext(
            "It helps tell apart likely causes, such as %(first)s and %(second)s.", first=names[0], second=names[1]
        )
    if reason.kind == "confirm" and names:
        return loc.gettext("It helps confirm or rule out %(cause)s.", cause=names[0])
    return loc.gettext("It completes the picture.")
