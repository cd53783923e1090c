"""How long choosing the next interview question takes (target: under 50 ms).

Runs the adaptive interview on every public vignette with the simulated
person, timing each `next_question()` call on a fresh state (the choice is
cached per state, so only the first call after an answer does the work).
Three passes:

* as judged: yes for `present`, no for `absent`, don't know otherwise;
* closed world: no for everything not in `present`;
* heavy: the interview starts from every present finding at once (up to 12),
  the hardest case for exact inference (Quickscore gives way to enumeration).

Only adaptive choices are timed in the summary line "adaptive only"; the
checklist screens cost well under a millisecond.

    .venv/bin/python bench/bench_interview.py [CASES.jsonl]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from twitchcheck.assessment import default_assessor
from twitchcheck.evaluation import load_cases
from twitchcheck.interview import Interview
from twitchcheck.interview.simulate import SimulatedPerson

DEFAULT_CASES = Path(__file__).resolve().parents[1].parent / "shared" / "vignettes" / "public.jsonl"
TARGET_MS = 50.0


def timed_interview(
    person: SimulatedPerson, *, initial: list[str], age: int | None, sex: str | None
) -> list[tuple[float, bool]]:
    """(milliseconds, adaptive?) of every next-question choice in one interview."""
    interview = Interview.start(age=age, sex=sex, evidence={"present": initial})
    timings = []
    while True:
        start = time.perf_counter()
        question = interview.next_question()
        elapsed = (time.perf_counter() - start) * 1000.0
        timings.append((elapsed, question is None or question.phase == "adaptive"))
        if question is None:
            return timings
        interview.answer(question.id, person.answer(question))


def report(name: str, timings: list[tuple[float, bool]]) -> None:
    for label, values in (
        (name, np.array([ms for ms, _ in timings])),
        ("  adaptive only", np.array([ms for ms, adaptive in timings if adaptive])),
    ):
        print(
            f"{label:<34} {len(values):>5} choices  median {np.median(values):6.2f} ms  "
            f"p99 {np.percentile(values, 99):6.2f} ms  max {values.max():6.2f} ms  (target < {TARGET_MS:.0f} ms)"
        )


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CASES
    cases = load_cases(path)
    every_finding = set(default_assessor().kb.finding_ids)
    cold = timed_interview(SimulatedPerson.knowing([], []), initial=[], age=None, sex=None)
    print(f"first adaptive choice in a fresh process (one-off warm-up): {max(ms for ms, _ in cold):.1f} ms")
    # The CLI and the server run with one BLAS thread (twitchcheck.threads); measure both, in this one run.
    for threads in (None, 1):
        with threadpool_limits(limits=threads, user_api="blas"):
            for _run in ("warm-up", "measured"):  # the first run fills one-off caches (state tables per size)
                passes: dict[str, list[tuple[float, bool]]] = {"as judged": [], "closed world": [], "heavy": []}
                for case in cases:
                    judged = SimulatedPerson.knowing(case.present, case.absent)
                    closed = SimulatedPerson.knowing(case.present, every_finding - set(case.present))
                    passes["as judged"] += timed_interview(judged, initial=case.initial, age=case.age, sex=case.sex)
                    passes["closed world"] += timed_interview(closed, initial=case.initial, age=case.age, sex=case.sex)
                    passes["heavy"] += timed_interview(judged, initial=case.present, age=case.age, sex=case.sex)
        label = "BLAS threads as the machine sets them" if threads is None else "one BLAS thread (as served)"
        print(f"next_question() latency over {len(cases)} cases from {path} (after a warm-up run), {label}")
        for name, timings in passes.items():
            report(name, timings)


if __name__ == "__main__":
    main()
