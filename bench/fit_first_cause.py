"""Refit the first-cause map of issue #12 on the development cases only, and print it for causes.yaml.

    .venv/bin/python bench/fit_first_cause.py           # the block for causes.yaml
    .venv/bin/python bench/fit_first_cause.py --folds 5  # and its 5-fold cross-validated ECE, development only

Development cases: ../shared/vignettes/public.jsonl and tests/data/independent/set_*_dev.jsonl,
structured mode (every finding given). The held-out sets are never read. Paste the block it
prints over `display.first_cause` in src/twitchcheck/knowledge/data/causes.yaml; a test
(tests/test_first_cause.py) fails when the stored map is not the one these cases give.
Cross-validation fits the map on four fifths of the development cases and scores the fifth
left out, five times over ten shuffles: an estimate of how it does on cases it was not fitted on.
"""

from __future__ import annotations

import argparse
import random
import statistics
from pathlib import Path

from twitchcheck.assessment import default_assessor
from twitchcheck.evaluation import load_cases
from twitchcheck.evaluation.calibration import MIN_CASES, development_pairs, fit_first_cause_steps
from twitchcheck.evaluation.metrics import brier_and_ece
from twitchcheck.knowledge.models import CalibrationStep

ROOT = Path(__file__).resolve().parents[1]
DEVELOPMENT = [
    ROOT.parent / "shared" / "vignettes" / "public.jsonl",
    *sorted((ROOT / "tests/data/independent").glob("set_*_dev.jsonl")),
]
SOURCE = (
    "estimate: fitted by bench/fit_first_cause.py on the development cases only (public and set_*_dev, structured "
    f"mode): isotonic over the leading cause's probability, at least {MIN_CASES} cases a step, right when the "
    "leading cause was one the case accepts, and never on held-out cases"
)


def right_share(steps: list[CalibrationStep], probability: float) -> float:
    return [step for step in steps if probability >= step.at_least][-1].right


def cross_validated(pairs: list[tuple[float, bool]], folds: int, shuffles: int = 10) -> tuple[float, float]:
    """Median Brier score and ECE of the map on the fold left out, over `shuffles` shuffles."""
    briers, eces = [], []
    for seed in range(shuffles):
        order = list(range(len(pairs)))
        random.Random(seed).shuffle(order)
        scored = []
        for fold in range(folds):
            held = set(order[fold::folds])
            steps = fit_first_cause_steps([pairs[i] for i in order if i not in held])
            scored += [(right_share(steps, pairs[i][0]), pairs[i][1]) for i in held]
        brier, ece = brier_and_ece(scored)
        briers.append(brier)
        eces.append(ece)
    return statistics.median(briers), statistics.median(eces)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=0, help="also print a k-fold cross-validated Brier and ECE")
    args = parser.parse_args()
    cases = [case for path in DEVELOPMENT for case in load_cases(path)]
    pairs = development_pairs(default_assessor(), cases)
    print("  first_cause:")
    print(f"    cases: {len(pairs)}")
    print(f'    source: "{SOURCE}"')
    print("    steps:")
    for step in fit_first_cause_steps(pairs):
        print(f"      - {{at_least: {step.at_least}, right: {step.right}, cases: {step.cases}}}")
    if args.folds:
        raw_brier, raw_ece = brier_and_ece(pairs)
        brier, ece = cross_validated(pairs, args.folds)
        print(f"# the leading cause's own probability: Brier {raw_brier:.3f}, ECE {raw_ece:.3f}")
        print(f"# the map, {args.folds}-fold cross-validated (median of 10 shuffles): Brier {brier:.3f}, ECE {ece:.3f}")


if __name__ == "__main__":
    main()
