"""Fitting the first-cause map of issue #12: how often the leading cause is right, by its probability.

The model's probabilities say how likely each cause is to play a part. People
also ask how far to trust the first cause; on the development cases the
leading cause was right far more often than its probability in the middle of
the range (0.4-0.9 shown, 0.86-0.92 right), because a case often has more than
one acceptable cause. This module fits a monotone step map from the leading
cause's probability to the share of development cases in which it was right:
pool-adjacent-violators (isotonic regression) over blocks of at least
`MIN_CASES` cases, so that no step rests on a handful. The map is stored in
causes.yaml (`display.first_cause`) and is only ever fitted on development
cases; `bench/fit_first_cause.py` refits it and prints the block.
"""

from __future__ import annotations

from collections.abc import Sequence

from twitchcheck.assessment import Assessor
from twitchcheck.evaluation.cases import Case
from twitchcheck.evaluation.structured import assess_case
from twitchcheck.knowledge.models import CalibrationStep

MIN_CASES = 20


def fit_first_cause_steps(pairs: Sequence[tuple[float, bool]], *, min_cases: int = MIN_CASES) -> list[CalibrationStep]:
    """Isotonic steps from (leading probability, right) pairs, each over at least `min_cases` cases.

    A step starts halfway between the highest probability of the step below and
    the lowest of its own (the first at 0), rounded to three decimals.
    """
    if len(pairs) < min_cases:
        raise ValueError(f"{len(pairs)} cases are fewer than the {min_cases} a single step needs")
    ordered = sorted(pairs)
    # blocks of consecutive cases: [right count, cases, lowest p, highest p]
    blocks: list[list[float]] = []
    for probability, right in ordered:
        if blocks and blocks[-1][1] < min_cases:
            blocks[-1] = [blocks[-1][0] + right, blocks[-1][1] + 1, blocks[-1][2], probability]
        else:
            blocks.append([float(right), 1.0, probability, probability])
    if len(blocks) > 1 and blocks[-1][1] < min_cases:
        last = blocks.pop()
        blocks[-1] = [blocks[-1][0] + last[0], blocks[-1][1] + last[1], blocks[-1][2], last[3]]
    merged = True
    while merged:  # pool adjacent violators until the share right never falls
        merged = False
        for i in range(len(blocks) - 1):
            if blocks[i][0] / blocks[i][1] > blocks[i + 1][0] / blocks[i + 1][1]:
                a, b = blocks[i], blocks[i + 1]
                blocks[i : i + 2] = [[a[0] + b[0], a[1] + b[1], a[2], b[3]]]
                merged = True
                break
    pooled: list[tuple[float, list[float]]] = []  # (where the step starts, its block)
    for block in blocks:
        start = 0.0 if not pooled else round((pooled[-1][1][3] + block[2]) / 2, 3)
        if pooled and (start >= 1.0 or start <= pooled[-1][0]):  # no room for a step of its own: pool it down
            below = pooled.pop()
            block = [below[1][0] + block[0], below[1][1] + block[1], below[1][2], block[3]]
            start = below[0]
        pooled.append((start, block))
    return [
        CalibrationStep(at_least=start, right=round(right / cases, 3), cases=int(cases))
        for start, (right, cases, _lowest, _highest) in pooled
    ]


def development_pairs(assessor: Assessor, cases: Sequence[Case]) -> list[tuple[float, bool]]:
    """(leading cause's probability, whether it is one of the case's expected causes), structured mode."""
    pairs = []
    for case in cases:
        if case.expected is None:
            continue
        leader = assess_case(assessor, case).causes[0]
        pairs.append((leader.probability, leader.id in case.expected.causes))
    return pairs
