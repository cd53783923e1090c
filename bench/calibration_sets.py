"""Calibration and stability of the leading cause over pooled case sets (issue #12): aggregates only.

    .venv/bin/python bench/calibration_sets.py          # development (public, set_*_dev), held out (set_*_holdout)
    .venv/bin/python bench/calibration_sets.py --draws 40 --json

For each pool (development, held out, both) it prints, in structured mode: the
cases, top-1, top-3, the Brier score and expected calibration error of the
top-1 probability, the share shown at 95 % or more, and under `--draws`
sensitivity draws (priors ×½–2, link odds ×0.7–1.3, the seed of `evaluate`) the share
of cases whose leading cause leads in at least 80 % of draws and the number of
cases shown at 95 %+ that fall below 95 % in some draw; and the Brier score and
ECE of the first-cause figure (causes.yaml `display.first_cause`, fitted on the
development cases, so only its held-out figure is a fair test), and the share of
cases whose leader is stable or that say the answers do not tell it from the next
(`display.close_call`, its gap also chosen on the development cases). It prints no case of
the held-out sets, only the pooled figures, so that they stay held out.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from twitchcheck.assessment import default_assessor
from twitchcheck.evaluation import Case, evaluate_structured, load_cases
from twitchcheck.evaluation.sensitivity import run_sensitivity

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT.parent / "shared" / "vignettes" / "public.jsonl"
INDEPENDENT = ROOT / "tests" / "data" / "independent"


def pools() -> dict[str, list[Case]]:
    """The development cases (public and set_*_dev) and the held-out ones (set_*_holdout)."""
    dev = load_cases(PUBLIC) + [c for p in sorted(INDEPENDENT.glob("set_*_dev.jsonl")) for c in load_cases(p)]
    held = [c for p in sorted(INDEPENDENT.glob("set_*_holdout.jsonl")) for c in load_cases(p)]
    return {"development": dev, "held out": held, "both": dev + held}


def measure(cases: list[Case], draws: int) -> dict[str, Any]:
    """The pooled figures of one set of cases."""
    assessor = default_assessor()
    report = evaluate_structured(assessor, cases).as_dict()
    row: dict[str, Any] = {
        "cases": report["cases"],
        "top1": report["top1"],
        "top3": report["top3"],
        "triage_safe": report["triage_safe"],
        "brier_top1": report["brier_top1"],
        "ece_top1": report["ece_top1"],
        "shown_at_95": report["shown_at_95"],
        "brier_first_cause": report.get("brier_first_cause", float("nan")),
        "ece_first_cause": report.get("ece_first_cause", float("nan")),
    }
    if draws:
        sensitivity = run_sensitivity(assessor, cases, draws=draws)
        row["top1_stable"] = sensitivity.top1_stable
        row["confident_but_unstable"] = sensitivity.confident_but_unstable
        row["top1_stable_or_close"] = sensitivity.top1_stable_or_close
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=40)
    parser.add_argument("--pools", default="development,held out,both")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    wanted = args.pools.split(",")
    rows = {name: measure(cases, args.draws) for name, cases in pools().items() if name in wanted}
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(
        "| Pool | Cases | Top-1 | Top-3 | Triage safe | Brier | ECE | Shown ≥ 95 % | Unstable at 95 % | Stable "
        "| Stable or said to be close | Brier, first-cause figure | ECE, first-cause figure |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows.items():
        print(
            f"| {name} | {r['cases']} | {r['top1']:.1%} | {r['top3']:.1%} | {r['triage_safe']:.1%} | "
            f"{r['brier_top1']:.3f} | {r['ece_top1']:.3f} | {r['shown_at_95']:.1%} | "
            f"{r.get('confident_but_unstable', '')} | {r.get('top1_stable', 0.0):.1%} | "
            f"{r.get('top1_stable_or_close', 0.0):.1%} | "
            f"{r['brier_first_cause']:.3f} | {r['ece_first_cause']:.3f} |"
        )


if __name__ == "__main__":
    main()
