"""The judge's metrics (../shared/vignettes/README.md), computed one way for every mode."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from twitchcheck.knowledge.models import LEVEL_IDS

_RANK: dict[str, int] = {level: rank for rank, level in enumerate(LEVEL_IDS)}


@dataclass(frozen=True)
class CaseOutcome:
    """What the system said for one case, next to what was expected."""

    case_id: str
    ranked_causes: tuple[str, ...]
    triage: str
    red_flags: frozenset[str]
    expected_causes: tuple[str, ...]
    expected_triage: str
    acceptable_triage: tuple[str, ...]
    expected_red_flags: frozenset[str]
    questions_asked: int | None = None
    top1_probability: float | None = None  # the probability shown for the leading cause
    # How often a first cause shown like this one was right in development cases (causes.yaml first_cause).
    first_cause_right_share: float | None = None

    @property
    def names_a_cause(self) -> bool:
        """Whether the case accepts any of the causes: a case written for a condition outside the 17
        (a stroke, sepsis) lists none, so no ranking can be right and top-1/top-3 do not apply to it."""
        return bool(self.expected_causes)

    @property
    def top1(self) -> bool:
        return bool(self.ranked_causes) and self.ranked_causes[0] in self.expected_causes

    @property
    def top3(self) -> bool:
        return any(cause in self.expected_causes for cause in self.ranked_causes[:3])

    @property
    def triage_exact(self) -> bool:
        return self.triage == self.expected_triage

    @property
    def triage_safe(self) -> bool:
        """At least as urgent as the least urgent acceptable level."""
        least_urgent = max(_RANK[level] for level in self.acceptable_triage)
        return _RANK[self.triage] <= least_urgent

    @property
    def over_triage(self) -> bool:
        most_urgent = min(_RANK[level] for level in self.acceptable_triage)
        return _RANK[self.triage] < most_urgent

    @property
    def missed_red_flags(self) -> frozenset[str]:
        return self.expected_red_flags - self.red_flags

    def failure(self) -> dict[str, Any] | None:
        """A description of everything wrong with this case, or None when all is right."""
        problems = []
        if self.names_a_cause and not self.top1:
            problems.append("top1")
        if self.names_a_cause and not self.top3:
            problems.append("top3")
        if not self.triage_exact:
            problems.append("triage_exact")
        if not self.triage_safe:
            problems.append("UNDER-TRIAGE")
        if self.over_triage:
            problems.append("over_triage")
        if self.missed_red_flags:
            problems.append("red_flags")
        if not problems:
            return None
        return {
            "id": self.case_id,
            "problems": problems,
            "expected_causes": list(self.expected_causes),
            "got_causes": list(self.ranked_causes[:3]),
            "expected_triage": self.expected_triage,
            "acceptable_triage": list(self.acceptable_triage),
            "got_triage": self.triage,
            "missed_red_flags": sorted(self.missed_red_flags),
        }


@dataclass
class EvaluationReport:
    """Metrics over a set of cases; fractions from 0 to 1."""

    mode: str
    cases: int
    top1: float
    top3: float
    triage_exact: float
    triage_safe: float
    over_triage: float
    red_flag_recall: float
    failures: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)
    calibration: dict[str, float] = field(default_factory=dict)
    # Cases that accept none of the causes (written for a stroke or sepsis, say): left out of top-1 and top-3,
    # which no ranking could pass, and kept in every other figure (calibration counts their leader as wrong).
    without_an_expected_cause: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The JSON object `twitchcheck evaluate --json` prints; modes add their own keys."""
        return {
            "mode": self.mode,
            "cases": self.cases,
            "top1": self.top1,
            "top3": self.top3,
            "triage_exact": self.triage_exact,
            "triage_safe": self.triage_safe,
            "over_triage": self.over_triage,
            "red_flag_recall": self.red_flag_recall,
            "cases_without_an_expected_cause": self.without_an_expected_cause,
            **self.calibration,
            **self.extra,
            "failures": self.failures,
        }


def score_outcomes(mode: str, outcomes: list[CaseOutcome]) -> EvaluationReport:
    """Aggregate case outcomes into the judge's metrics.

    Red-flag recall is over flags, not cases: the share of all expected flags
    (across every case) that were reported. Top-1 and top-3 are over the cases that accept at
    least one cause; a case written for a condition outside the 17 names none, and is counted
    in `without_an_expected_cause` instead.
    """
    n = len(outcomes)

    def share(values: list[bool]) -> float:
        return sum(values) / len(values) if values else 1.0

    expected_flags = sum(len(o.expected_red_flags) for o in outcomes)
    missed_flags = sum(len(o.missed_red_flags) for o in outcomes)
    failures = [f for o in outcomes if (f := o.failure()) is not None]
    ranked = [o for o in outcomes if o.names_a_cause]  # top-1 / top-3 are over the cases that accept a cause
    return EvaluationReport(
        mode=mode,
        cases=n,
        top1=share([o.top1 for o in ranked]),
        top3=share([o.top3 for o in ranked]),
        triage_exact=share([o.triage_exact for o in outcomes]),
        triage_safe=share([o.triage_safe for o in outcomes]),
        over_triage=share([o.over_triage for o in outcomes]),
        red_flag_recall=1.0 if expected_flags == 0 else (expected_flags - missed_flags) / expected_flags,
        failures=failures,
        calibration=calibration_of(outcomes),
        without_an_expected_cause=n - len(ranked),
    )


CALIBRATION_BINS = 10
CONFIDENT = 0.95


def calibration_of(outcomes: list[CaseOutcome]) -> dict[str, float]:
    """How far the leading cause's probability can be trusted, over the cases that have one.

    - `brier_top1`: mean of (p − 1 if the leading cause is an expected cause, else p)²;
    - `ece_top1`: expected calibration error, |share right − mean p| weighted over ten equal-width bins of p;
    - `shown_at_95`: the share of cases whose leading cause is shown at 95 % or more;
    - `brier_first_cause`, `ece_first_cause`: the same two for the first-cause figure (how often a first
      cause shown like this was right in development cases), when the knowledge base has the map. It is
      fitted on the development cases, so on them it is calibrated by construction: read it on held-out cases.

    "Right" is the judge's top-1: the leading cause is among the case's expected causes. A case that
    accepts no cause is kept here, its leader counted as wrong: a confident figure for a cause the case
    does not have is miscalibration.
    """
    pairs = [(o.top1_probability, o.top1) for o in outcomes if o.top1_probability is not None]
    if not pairs:
        return {}
    brier, ece = brier_and_ece(pairs)
    result = {
        "brier_top1": brier,
        "ece_top1": ece,
        "shown_at_95": sum(p >= CONFIDENT for p, _ in pairs) / len(pairs),
    }
    mapped = [(o.first_cause_right_share, o.top1) for o in outcomes if o.first_cause_right_share is not None]
    if mapped:  # the same, for the first-cause figure fitted on development cases (only honest on held-out ones)
        result["brier_first_cause"], result["ece_first_cause"] = brier_and_ece(mapped)
    return result


def brier_and_ece(pairs: list[tuple[float, bool]]) -> tuple[float, float]:
    """The Brier score and the expected calibration error (ten equal-width bins) of (probability, right) pairs."""
    n = len(pairs)
    brier = sum((p - float(right)) ** 2 for p, right in pairs) / n
    bins: dict[int, list[tuple[float, bool]]] = {}
    for p, right in pairs:
        bins.setdefault(min(int(p * CALIBRATION_BINS), CALIBRATION_BINS - 1), []).append((p, right))
    ece = sum(
        len(members) / n * abs(sum(r for _, r in members) / len(members) - sum(p for p, _ in members) / len(members))
        for members in bins.values()
    )
    return brier, ece
