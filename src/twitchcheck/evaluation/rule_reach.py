"""Can the interview reach every emergency rule from a bare twitch? A safety probe (hazard log H8).

For every triage rule at an emergency level and every smallest set of findings that fires it
(one of its `any_present`, each combination of its `min_present`, all of its `all_present`, an
age that meets its age limit), a simulated person who has exactly those findings and an eyelid
twitch starts the interview from the twitch alone and answers truthfully, for each sex. The
rule is reached when the final level is at least as urgent as the rule's.

A rule that needs two findings neither of which changes the level alone (a head injury and
vomiting; at 65 or over, dizziness on standing and tiredness) is invisible to a question choice
that looks one answer ahead; the interview's "together" screen asks such findings.

    python -m twitchcheck.evaluation.rule_reach      # every set, and the ones not reached
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from twitchcheck.assessment import Assessor
from twitchcheck.interview.simulate import SimulatedPerson, run_interview
from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import EMERGENCY_LEVEL_IDS

START = "twitch_eyelid"
DEFAULT_AGE = 40  # for a rule with no age limit: an adult of working age


@dataclass(frozen=True)
class Probe:
    """One person: the findings that fire an emergency rule, an eyelid twitch, an age and a sex."""

    rule: str
    level: str
    findings: tuple[str, ...]
    age: int
    sex: str

    def __str__(self) -> str:
        said = ", ".join(f for f in self.findings if f != START)
        return f"{self.rule}: {said} ({self.sex}, {self.age})"


@dataclass(frozen=True)
class Outcome:
    """The level one probe's interview ended at, and whether that is the rule's level or more urgent."""

    probe: Probe
    level: str
    reached: bool


def probes(kb: KnowledgeBase) -> Iterator[Probe]:
    """Every smallest firing set of every emergency rule, for each sex."""
    for rule in kb.rules:
        if rule.level not in EMERGENCY_LEVEL_IDS:
            continue
        when = rule.when
        any_sets: list[tuple[str, ...]] = [(finding,) for finding in when.any_present] or [()]
        min_sets = (
            list(itertools.combinations(when.min_present.of, when.min_present.count)) if when.min_present else [()]
        )
        age = when.age_below - 1 if when.age_below else when.age_at_least or DEFAULT_AGE
        for one_of, some_of in itertools.product(any_sets, min_sets):
            findings = tuple(sorted({*when.all_present, *one_of, *some_of, START}))
            for sex in ("female", "male"):
                yield Probe(rule.id, rule.level, findings, age, sex)


def run_probe(assessor: Assessor, probe: Probe) -> Outcome:
    """Interview the probe's person from the twitch alone; reached when the level is the rule's or more urgent."""
    person = SimulatedPerson.knowing(probe.findings, [])
    interview = run_interview(person, initial=[START], age=probe.age, sex=probe.sex, assessor=assessor)
    level = interview.assessment(ranges=False).triage.level
    kb = assessor.kb
    return Outcome(probe, level, kb.level(level).rank <= kb.level(probe.level).rank)


def main() -> None:
    assessor = Assessor()
    outcomes = [run_probe(assessor, probe) for probe in probes(assessor.kb)]
    missed = [outcome for outcome in outcomes if not outcome.reached]
    reached = len(outcomes) - len(missed)
    print(f"{reached} of {len(outcomes)} smallest sets reach their emergency rule from a bare twitch")
    for outcome in missed:
        print(f"  not reached: {outcome.probe} -> {outcome.level}")


if __name__ == "__main__":
    main()
