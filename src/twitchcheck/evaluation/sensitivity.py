"""Do the results hang on the estimates? Re-run with every prior and link shaken.

Each draw multiplies every cause's prior (the unlisted cause's too) by a
factor drawn log-uniformly between 1/2 and 2, and every link's odds
p / (1 - p) by a factor drawn uniformly between 0.7 and 1.3 (for a small link
that is ±30 %; a strong one can no longer be pushed to 1, issue #12), then
re-scores the whole set. The factors are the knowledge base's stated
uncertainty (causes.yaml `display.uncertainty`), the same that gives each
cause its range on a result (`engine.uncertainty`); only the number of draws
and the seed are the evaluation's own. The worst and the median draw of each metric are
reported. Triage is rule-first, so triage safety should not move at all; cause
ranking may.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median
from typing import Any

from twitchcheck.assessment import Assessor
from twitchcheck.engine.uncertainty import shaken_networks
from twitchcheck.errors import KnowledgeError
from twitchcheck.evaluation.cases import Case
from twitchcheck.evaluation.metrics import CONFIDENT, score_outcomes
from twitchcheck.evaluation.structured import assess_case, outcome_of

METRICS = ("top1", "top3", "triage_exact", "triage_safe", "over_triage", "red_flag_recall")
# Over-triage is an error when it is high, so its "worst" is its maximum.
HIGHER_IS_WORSE = frozenset({"over_triage"})


STABLE_SHARE = 0.8  # a leading cause is "stable" when it still leads in at least 80 % of draws


@dataclass(frozen=True)
class SensitivityReport:
    draws: int
    seed: int
    prior_factor: tuple[float, float]
    link_odds_factor: tuple[float, float]
    worst: dict[str, float]
    median: dict[str, float]
    top1_stable: float = 1.0  # share of cases whose leading cause leads in >= STABLE_SHARE of draws
    confident_but_unstable: int = 0  # cases shown at >= 95 % that fall below 95 % in some draw
    # share of cases whose leading cause is stable, or that say the answers do not tell it from the next
    top1_stable_or_close: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "sensitivity": {
                "draws": self.draws,
                "seed": self.seed,
                "prior_factor": list(self.prior_factor),
                "link_factor": list(self.link_odds_factor),
                "link_factor_multiplies": "odds",
                "worst": self.worst,
                "median": self.median,
                "top1_stable": self.top1_stable,
                "confident_but_unstable": self.confident_but_unstable,
                "top1_stable_or_close": self.top1_stable_or_close,
            }
        }


def run_sensitivity(
    assessor: Assessor, cases: list[Case], *, draws: int = 20, seed: int = 20261124
) -> SensitivityReport:
    """Score the cases under `draws` random perturbations drawn from a fixed seed."""
    stated = assessor.kb.display.uncertainty
    if stated is None:
        raise KnowledgeError("causes.yaml has no display.uncertainty: the sensitivity draws have nothing to shake by")
    scores: dict[str, list[float]] = {metric: [] for metric in METRICS}
    baseline = [assess_case(assessor, case) for case in cases]
    leaders = [a.causes[0].id for a in baseline]
    said_close = [bool(a.close_to_first) for a in baseline]
    shown = [a.causes[0].probability for a in baseline]
    still_leading = [0] * len(cases)
    lowest = list(shown)
    networks = shaken_networks(
        assessor.network,
        draws=draws,
        seed=seed,
        prior_factor=stated.prior_factor,
        link_odds_factor=stated.link_odds_factor,
    )
    for shaken in networks:
        assessments = [assess_case(assessor, case, network=shaken) for case in cases]
        report = score_outcomes("structured", [outcome_of(c, a) for c, a in zip(cases, assessments, strict=True)])
        for metric in METRICS:
            scores[metric].append(float(report.as_dict()[metric]))
        for index, assessment in enumerate(assessments):
            probability = {c.id: c.probability for c in assessment.causes}
            still_leading[index] += assessment.causes[0].id == leaders[index]
            lowest[index] = min(lowest[index], probability[leaders[index]])
    worst = {metric: (max(values) if metric in HIGHER_IS_WORSE else min(values)) for metric, values in scores.items()}
    return SensitivityReport(
        draws=draws,
        seed=seed,
        prior_factor=stated.prior_factor,
        link_odds_factor=stated.link_odds_factor,
        worst=worst,
        median={m: float(median(v)) for m, v in scores.items()},
        top1_stable=sum(count >= STABLE_SHARE * draws for count in still_leading) / max(1, len(cases)),
        top1_stable_or_close=sum(
            count >= STABLE_SHARE * draws or close for count, close in zip(still_leading, said_close, strict=True)
        )
        / max(1, len(cases)),
        confident_but_unstable=sum(p >= CONFIDENT and low < CONFIDENT for p, low in zip(shown, lowest, strict=True)),
    )
