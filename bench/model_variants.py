"""Model variants of issue #12 that were tried and not kept, measured exactly on the development cases only.

    .venv/bin/python bench/model_variants.py

1. Duration as one categorical finding (noisy-MAX): each present cause starts the twitching in one
   of the three windows with the probabilities its three duration links give (they sum to 1),
   the leak likewise, and the twitching started when the earliest of them did, so
   P(duration <= k | causes) = L(k) * prod_j F_j(k) and one answer counts once. Exact: the
   answer's likelihood is a difference of two products over the causes, applied to the engine's
   enumeration grid as rank-one terms, with the causes outside the grid in closed form
   (checked against brute force while it was built).
2. Findings that travel together counted once: within each group (the twitch sites with
   twitch_widespread; stress, poor sleep and fatigue; exercise, sweating and low fluids) each
   of k present members contributes its likelihood to the power 1/k (plain enumeration).

It prints top-1, top-3, the ECE of the top-1 probability and the under-triaged cases for the
knowledge base as it is and for each variant. Held-out cases are never read.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from twitchcheck.assessment import Assessor, default_assessor
from twitchcheck.engine.enumeration import causes_explaining, enumerate_states
from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.network import FloatArray
from twitchcheck.engine.posterior import Posterior
from twitchcheck.engine.triage import decide_triage
from twitchcheck.evaluation import Case, load_cases
from twitchcheck.evaluation.metrics import brier_and_ece
from twitchcheck.knowledge.models import LEVEL_IDS

ROOT = Path(__file__).resolve().parents[1]
DEVELOPMENT = [
    ROOT.parent / "shared" / "vignettes" / "public.jsonl",
    *sorted((ROOT / "tests/data/independent").glob("set_*_dev.jsonl")),
]
TRAVEL_TOGETHER = (
    {"twitch_eyelid", "twitch_face", "twitch_tongue", "twitch_arm_hand", "twitch_leg_calf", "twitch_trunk"}
    | {"twitch_widespread"},
    {"stress_anxiety_present", "poor_sleep", "fatigue"},
    {"recent_intense_exercise", "heavy_sweating_exercise", "low_fluid_intake"},
)


def categorical_posterior(assessor: Assessor, evidence: Evidence) -> FloatArray:
    """P(cause | evidence) with the duration group as one noisy-MAX answer."""
    network, kb = assessor.network, assessor.kb
    durations = kb.exclusive_groups()["duration"]
    columns = [network.column_of[d] for d in durations]
    theta = network.link[:, columns]  # (causes, 3): the windows' probabilities for each cause
    theta_leak = network.leak[columns]
    link, leak = network.link.copy(), network.leak.copy()
    link[:, columns], leak[columns] = 0.0, 0.0
    cumulative = np.concatenate([1.0 - theta.sum(axis=1, keepdims=True), theta], axis=1).cumsum(axis=1)
    cumulative_leak = np.concatenate([[1.0 - theta_leak.sum()], theta_leak]).cumsum()
    chosen = [k + 1 for k, d in enumerate(durations) if d in evidence.present]
    refused = {k + 1 for k, d in enumerate(durations) if d in evidence.absent - evidence.implied_absent}
    if chosen:
        allowed = chosen
    elif refused:  # some windows denied: any other (0 is "no cause set the start")
        allowed = sorted(set(range(4)) - refused)
    else:
        allowed = []
    terms = [(1.0, cumulative[:, k], cumulative_leak[k]) for k in allowed]
    terms += [(-1.0, cumulative[:, k - 1], cumulative_leak[k - 1]) for k in allowed if k > 0]
    if not terms:
        terms = [(1.0, np.ones(link.shape[0]), 1.0)]
    prior = network.prior_for(age=evidence.age, sex=evidence.sex)
    present = network.finding_index(evidence.present - set(durations))
    absent = network.finding_index(evidence.absent - set(durations))
    keep = np.exp(np.log1p(-link[:, absent]).sum(axis=1))
    p = prior * keep / (prior * keep + 1.0 - prior)
    relevant = causes_explaining(link, present) if present.size else np.array([], dtype=np.intp)
    others = np.setdiff1d(np.arange(link.shape[0]), relevant)
    if present.size:
        grid = enumerate_states(link, leak, p, present, relevant)
        joint, states_a, states_b, half = grid.joint / grid.joint.max(), grid.states_a, grid.states_b, grid.half
    else:
        joint, states_a, states_b, half = np.ones((1, 1)), np.zeros((1, 0)), np.zeros((1, 0)), 0
    total, with_relevant, with_others = 0.0, np.zeros(relevant.size), np.zeros(others.size)
    for sign, factor, leak_factor in terms:
        g = factor[relevant]
        u = np.exp(states_a @ np.log(np.maximum(g[:half], 1e-300)))
        v = np.exp(states_b @ np.log(np.maximum(g[half:], 1e-300)))
        outside = 1.0 - p[others] + p[others] * factor[others]
        weight = sign * leak_factor * float(np.prod(outside))
        along_b, along_a = joint @ v, joint.T @ u
        term = weight * float(u @ along_b)
        total += term
        with_relevant += weight * np.concatenate([states_a.T @ (u * along_b), states_b.T @ (v * along_a)])
        with_others += term * p[others] * factor[others] / outside
    probability = p.copy()
    probability[relevant] = with_relevant / total
    probability[others] = with_others / total
    return np.clip(probability, 0.0, 1.0)


def tempered_posterior(assessor: Assessor, evidence: Evidence) -> FloatArray:
    """P(cause | evidence) with each of k present members of a travel-together group counted to the power 1/k."""
    network = assessor.network
    link, leak = network.link, network.leak
    prior = network.prior_for(age=evidence.age, sex=evidence.sex)
    present = sorted(evidence.present)
    power = dict.fromkeys(present, 1.0)
    for group in TRAVEL_TOGETHER:
        members = [f for f in present if f in group]
        power.update(dict.fromkeys(members, 1.0 / max(1, len(members))))
    columns = np.array([network.column_of[f] for f in present], dtype=np.intp)
    absent = network.finding_index(evidence.absent)
    keep = np.exp(np.log1p(-link[:, absent]).sum(axis=1))
    p = prior * keep / (prior * keep + 1.0 - prior)
    relevant = causes_explaining(link, columns) if columns.size else np.array([], dtype=np.intp)
    on = ((np.arange(2**relevant.size)[:, None] >> np.arange(relevant.size)) & 1).astype(np.float64)
    log_joint = on @ np.log(p[relevant]) + (1.0 - on) @ np.log1p(-p[relevant])
    if columns.size:
        silent = on @ np.log1p(-link[np.ix_(relevant, columns)]) + np.log1p(-leak[columns])
        log_joint += (np.log1p(-np.exp(silent)) * np.array([power[f] for f in present])).sum(axis=1)
    weight = np.exp(log_joint - log_joint.max())
    probability = p.copy()
    probability[relevant] = on.T @ weight / weight.sum()
    return probability


def scores(assessor: Assessor, cases: list[Case], method: str) -> dict[str, float]:
    kb, network = assessor.kb, assessor.network
    top1 = top3 = under = 0
    pairs = []
    for case in cases:
        assert case.expected is not None
        evidence = assessor.evidence(present=case.present, absent=case.absent, age=case.age, sex=case.sex)
        if method == "as it is":
            probability = assessor.assess(evidence, ranges=False)
            ranked = [(c.id, c.probability) for c in probability.causes]
            level = probability.triage.level
        else:
            full = (
                categorical_posterior(assessor, evidence)
                if method == "categorical"
                else tempered_posterior(assessor, evidence)
            )
            listed = full[: network.listed]
            ranked = sorted(zip(kb.cause_ids, listed, strict=True), key=lambda pair: -pair[1])
            posterior = Posterior(network.cause_ids, full, 0.0, full)
            level = decide_triage(kb, evidence, posterior).level
        ids = [cause for cause, _ in ranked]
        top1 += ids[0] in case.expected.causes
        top3 += any(cause in case.expected.causes for cause in ids[:3])
        pairs.append((float(ranked[0][1]), ids[0] in case.expected.causes))
        least_urgent = max(LEVEL_IDS.index(level) for level in case.expected.triage_acceptable)
        under += LEVEL_IDS.index(level) > least_urgent
    n = len(cases)
    return {"top1": top1 / n, "top3": top3 / n, "ece": brier_and_ece(pairs)[1], "under": under}


def main() -> None:
    assessor = default_assessor()
    cases = [case for path in DEVELOPMENT for case in load_cases(path)]
    print(f"| Development cases ({len(cases)}), structured | Top-1 | Top-3 | ECE, top-1 | Under-triaged |")
    print("|---|---|---|---|---|")
    for method in ("as it is", "categorical", "tempered"):
        row = scores(assessor, cases, method)
        print(f"| {method} | {row['top1']:.1%} | {row['top3']:.1%} | {row['ece']:.3f} | {row['under']} |")


if __name__ == "__main__":
    main()
