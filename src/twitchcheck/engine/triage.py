"""Triage: warning-sign rules first, probabilities last.

The level is the most urgent level among the rules that fire (a rule can only
raise urgency). Then the probability of a serious cause may raise the level to
the knowledge base's `probability_escalation.level` (at most `consultation`,
enforced when the base is loaded). So a probability can never lower a level or
decide an emergency, and because no rule may be silenced by a warning sign
(`unless_present` never names one), adding a warning sign never lowers urgency.
"""

from __future__ import annotations

from dataclasses import dataclass

from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.posterior import Posterior
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import RuleCondition


@dataclass(frozen=True)
class TriageReason:
    """Why the level is what it is: the rule that fired, in words, with its source."""

    rule: str
    level: str
    text: str
    source: str


@dataclass(frozen=True)
class TriageDecision:
    """The triage level and every reason that supports it, most urgent first."""

    level: str
    reasons: tuple[TriageReason, ...]


def rule_fires(condition: RuleCondition, evidence: Evidence, warning_signs: frozenset[str]) -> bool:
    """True when every condition given in the rule holds for this evidence."""
    present = evidence.present
    if condition.all_present and not present.issuperset(condition.all_present):
        return False
    if condition.any_present and present.isdisjoint(condition.any_present):
        return False
    minimum = condition.min_present
    if minimum is not None and len(present.intersection(minimum.of)) < minimum.count:
        return False
    if condition.any_warning_sign and present.isdisjoint(warning_signs):
        return False
    if not present.isdisjoint(condition.unless_present):
        return False
    if not evidence.absent.isdisjoint(condition.unless_absent):
        return False
    age = evidence.age
    if condition.age_below is not None and age is not None and age >= condition.age_below:
        return False
    # Unknown age meets both age conditions: a rule that guidance ties to an age group
    # must not stay silent because nobody asked the age.
    return not (condition.age_at_least is not None and age is not None and age < condition.age_at_least)


def decide_triage(kb: KnowledgeBase, evidence: Evidence, posterior: Posterior) -> TriageDecision:
    """The triage level for this evidence, with its reasons."""
    rank = {level.id: level.rank for level in kb.levels}
    warning_signs = kb.warning_sign_ids
    reasons = [
        TriageReason(rule=rule.id, level=rule.level, text=rule.reason, source=rule.source)
        for rule in kb.rules
        if rule_fires(rule.when, evidence, warning_signs)
    ]
    escalation = kb.probability_escalation
    likely_serious = [
        (posterior.of(cause.id), cause.name)
        for cause in kb.causes
        if cause.serious and posterior.of(cause.id) >= escalation.threshold
    ]
    if likely_serious:
        names = ", ".join(f"{name} {probability:.0%}" for probability, name in sorted(likely_serious, reverse=True))
        reasons.append(
            TriageReason(
                rule="probability_escalation",
                level=escalation.level,
                text=escalation.reason.format(causes=names),
                source=escalation.source,
            )
        )
    if not reasons:
        default = kb.default
        if warning_signs <= evidence.present | evidence.absent:
            reason = TriageReason(rule="default", level=default.level, text=default.reason, source=default.source)
        else:  # a warning sign nobody asked about is unknown, not absent: never say "no warning sign"
            reason = TriageReason(
                rule="default_unasked", level=default.level, text=default.reason_when_unasked, source=default.source
            )
        return TriageDecision(level=default.level, reasons=(reason,))
    reasons.sort(key=lambda reason: rank[reason.level])
    return TriageDecision(level=reasons[0].level, reasons=tuple(reasons))
