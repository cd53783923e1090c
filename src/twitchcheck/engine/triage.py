"""Triage: warning-sign rules first, probabilities last.

The level is the most urgent level among the rules that fire (a rule can only
raise urgency). Then the probability of a serious cause may raise the level to
the knowledge base's `probability_escalation.level` (at most `consultation`,
enforced when the base is loaded). So a probability can never lower a level or
decide an emergency, and because no rule may be silenced by a warning sign
(`unless_present` never names one), adding a warning sign never lowers urgency.
"""

from __future__ import annotations

import itertools
from collections.abc import Set as AbstractSet
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
    return condition_holds(
        condition, present=evidence.present, absent=evidence.absent, age=evidence.age, warning_signs=warning_signs
    )


def condition_holds(
    condition: RuleCondition,
    *,
    present: AbstractSet[str],
    absent: AbstractSet[str],
    age: int | None,
    warning_signs: frozenset[str],
) -> bool:
    """`rule_fires` for bare sets of findings, so that hypothetical answers cost no `Evidence` each."""
    if condition.all_present and not present >= set(condition.all_present):
        return False
    if condition.any_present and present.isdisjoint(condition.any_present):
        return False
    minimum = condition.min_present
    if minimum is not None and len(present & set(minimum.of)) < minimum.count:
        return False
    if condition.any_warning_sign and present.isdisjoint(warning_signs):
        return False
    if not present.isdisjoint(condition.unless_present):
        return False
    if not absent.isdisjoint(condition.unless_absent):
        return False
    if condition.age_below is not None and age is not None and age >= condition.age_below:
        return False
    # Unknown age meets both age conditions: a rule that guidance ties to an age group
    # must not stay silent because nobody asked the age.
    return not (condition.age_at_least is not None and age is not None and age < condition.age_at_least)


def answers_to_fire(
    condition: RuleCondition,
    evidence: Evidence,
    warning_signs: frozenset[str],
    open_ids: AbstractSet[str],
    *,
    most: int = 2,
) -> list[frozenset[str]]:
    """Every smallest set of open findings (at most `most`) whose "yes" would make the rule fire.

    Empty when the rule fires already or cannot fire within `most` more answers (a finding it
    needs is absent, an age it excludes). A rule two answers away, a head injury and vomiting
    say, is invisible to a question choice that looks one answer ahead: the interview asks these.
    """
    named = condition.finding_ids() | (warning_signs if condition.any_warning_sign else set())
    candidates = sorted((named - set(condition.unless_present)) & open_ids)
    present, absent, age = evidence.present, evidence.absent, evidence.age

    def fires(extra: tuple[str, ...]) -> bool:
        return condition_holds(
            condition, present=present | set(extra), absent=absent, age=age, warning_signs=warning_signs
        )

    if fires(()):
        return []
    for size in range(1, most + 1):
        found = [frozenset(combo) for combo in itertools.combinations(candidates, size) if fires(combo)]
        if found:
            return found
    return []


def rule_level(kb: KnowledgeBase, evidence: Evidence) -> str:
    """The most urgent level the rules alone give (the probability escalation left out), or the default."""
    fired = [rule.level for rule in kb.rules if rule_fires(rule.when, evidence, kb.warning_sign_ids)]
    return min(fired, key=lambda level: kb.level(level).rank, default=kb.default.level)


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
