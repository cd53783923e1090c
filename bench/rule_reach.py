"""Can the interview reach every emergency rule from a bare twitch? (a safety probe, not a speed benchmark)

For every triage rule at an emergency level and every smallest set of findings that fires it
(one of its `any_present`, each combination of its `min_present`, all of its `all_present`, an
age that meets its age limit), a simulated person who has exactly those findings and an eyelid
twitch starts the interview from the twitch alone and answers truthfully. The rule should be
reached: the final level at least as urgent as the rule's.

A rule that needs two findings neither of which changes the level alone (a head injury and
vomiting; at 65 or over, dizziness on standing and tiredness) is invisible to a question choice
that looks one answer ahead. This prints every set that ends less urgent than its rule.

    .venv/bin/python bench/rule_reach.py
"""

from __future__ import annotations

import itertools

from twitchcheck import Assessor
from twitchcheck.interview.simulate import SimulatedPerson, run_interview

EMERGENCY_LEVELS = frozenset({"emergency", "emergency_ambulance"})
START = "twitch_eyelid"


def main() -> None:
    assessor = Assessor()
    kb = assessor.kb
    rank = {level.id: level.rank for level in kb.levels}
    runs, missed = 0, []
    for rule in kb.rules:
        if rule.level not in EMERGENCY_LEVELS:
            continue
        when = rule.when
        any_sets = [(finding,) for finding in when.any_present] or [()]
        min_sets = (
            list(itertools.combinations(when.min_present.of, when.min_present.count)) if when.min_present else [()]
        )
        age = when.age_below - 1 if when.age_below else when.age_at_least or 40
        for one_of, some_of in itertools.product(any_sets, min_sets):
            findings = sorted({*when.all_present, *one_of, *some_of, START})
            for sex in ("female", "male"):
                runs += 1
                person = SimulatedPerson.knowing(findings, [])
                interview = run_interview(person, initial=[START], age=age, sex=sex, assessor=assessor)
                level = interview.assessment(ranges=False).triage.level
                if rank[level] > rank[rule.level]:
                    missed.append(
                        f"{rule.id}: {', '.join(f for f in findings if f != START)} ({sex}, {age}) -> {level}"
                    )
    print(f"{runs - len(missed)} of {runs} smallest sets reach their emergency rule from a bare twitch")
    for line in missed:
        print("  not reached:", line)


if __name__ == "__main__":
    main()
