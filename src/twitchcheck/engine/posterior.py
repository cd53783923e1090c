"""Exact posterior probabilities in the noisy-OR network.

Two exact methods, no sampling:

* Quickscore (Heckerman 1989): inclusion-exclusion over the subsets of the
  findings reported present, 2**k terms for k present findings. Fast, but the
  alternating sum cancels: with many rare findings present the result can lose
  most of its digits. It runs in extended precision (np.longdouble) and
  measures its own cancellation (sum of |terms| / |sum|); when the rounding
  error this allows could exceed `ACCURACY`, its answer is not used.
* Enumeration: every on/off state of the causes that can explain a present
  finding (at most 2**17 here). Every term is positive, so nothing cancels;
  it takes 0.3–1.5 ms on typical cases and about 6 ms with every finding present (`make bench`).

Both start the same way. Findings reported absent factorise over causes and
are absorbed into each cause's prior: p'_j = p_j a_j / (p_j a_j + 1 - p_j),
with a_j = prod_f (1 - q_jf). Causes with no link to a present finding are then
independent of the rest, so their posterior is p'_j.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from twitchcheck.engine.enumeration import ONE_BLOCK_CAUSES, causes_explaining, enumerate_states
from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.network import FloatArray, Network

# Posteriors are guaranteed to this absolute accuracy (the oracle tests check 1e-9).
ACCURACY = 1e-10
# Above this many present findings enumeration is cheaper than Quickscore.
MAX_QUICKSCORE_FINDINGS = 10
# estimate: one Quickscore product in np.longdouble, with its bookkeeping, measured at about 4x the
# cost of one float64 product of the enumeration (bench/bench_assess.py, the "plain NumPy" ratio).
QUICKSCORE_COST = 4


@dataclass(frozen=True, eq=False)
class Posterior:
    """P(cause present | evidence) for every cause, in the network's cause order.

    `log_evidence` is log P(evidence) under the person's priors: the interview
    uses differences of it to weigh how likely each answer is.
    """

    cause_ids: tuple[str, ...]
    probability: FloatArray
    log_evidence: float
    prior: FloatArray
    # How it was computed: "closed form" (no present finding), "quickscore" or "enumeration".
    method: str = "closed form"

    def of(self, cause_id: str) -> float:
        return float(self.probability[self.cause_ids.index(cause_id)])


def compute_posterior(network: Network, evidence: Evidence, *, prior: FloatArray | None = None) -> Posterior:
    """Exact P(cause | evidence) for every cause; `prior` overrides the demographic one."""
    if prior is None:
        prior = network.prior_for(age=evidence.age, sex=evidence.sex)
    present = network.finding_index(evidence.present)
    absent = network.finding_index(evidence.absent)
    return _posterior(network.link, network.leak, prior, present, absent, network.cause_ids)


def _posterior(
    link: FloatArray,
    leak: FloatArray,
    prior: FloatArray,
    present: npt.NDArray[np.intp],
    absent: npt.NDArray[np.intp],
    cause_ids: tuple[str, ...],
) -> Posterior:
    # 1. absorb absent findings into the priors
    log_keep = np.log1p(-link[:, absent]).sum(axis=1)  # log a_j
    keep = np.exp(log_keep)
    weighted = prior * keep
    adjusted = weighted / (weighted + 1.0 - prior)
    # log P(absent findings) = sum_f log(1 - l_f) + sum_j log(1 - p_j + p_j a_j)
    log_evidence = float(np.log1p(-leak[absent]).sum() + np.log(weighted + 1.0 - prior).sum())

    probability = adjusted.copy()
    if present.size == 0:
        return Posterior(cause_ids, probability, log_evidence, prior)

    relevant = causes_explaining(link, present)
    if present.size <= MAX_QUICKSCORE_FINDINGS and _quickscore_is_cheaper(link.shape[0], present.size, relevant.size):
        quick = _quickscore(link, leak, adjusted, present)
        if quick is not None:
            probability, log_likelihood = quick
            return Posterior(cause_ids, probability, log_evidence + log_likelihood, prior, method="quickscore")
    # 2. exact enumeration over the causes that can produce a present finding
    grid = enumerate_states(link, leak, adjusted, present, relevant)
    total = float(grid.joint.sum())
    probability[grid.relevant[: grid.half]] = grid.states_a.T @ grid.joint.sum(axis=1) / total
    probability[grid.relevant[grid.half :]] = grid.states_b.T @ grid.joint.sum(axis=0) / total
    return Posterior(cause_ids, probability, log_evidence + float(np.log(total)), prior, method="enumeration")


def _quickscore_is_cheaper(causes: int, present: int, involved: int) -> bool:
    """Whether Quickscore's 2**k subsets cost less than enumerating the 2**m states of the causes involved.

    Quickscore touches every cause for each subset of the k present findings, in
    extended precision (about `QUICKSCORE_COST` times a float64 product);
    enumeration touches each present finding (and cause) once per state. When a
    few causes explain many findings, enumeration is both cheaper and free of
    cancellation.
    """
    if involved <= ONE_BLOCK_CAUSES:  # a few states in one block: fewer array operations than any subset sum
        return False
    return bool(QUICKSCORE_COST * 2**present * causes < 2**involved * (present + involved))


def _quickscore(
    link: FloatArray, leak: FloatArray, adjusted: FloatArray, present: npt.NDArray[np.intp]
) -> tuple[FloatArray, float] | None:
    """Posteriors by Quickscore in extended precision, or None when cancellation makes them unreliable."""
    p = adjusted.astype(np.longdouble)
    # Row S of each table is a subset of the present findings, built by doubling so that
    # every entry is a product (no exp/log rounding): not_produced[S, j] = prod_{f in S} (1 - q_jf).
    not_produced = np.ones((1, p.size), dtype=np.longdouble)
    leak_silent = np.ones(1, dtype=np.longdouble)
    sign = np.ones(1, dtype=np.longdouble)
    for f in present:
        not_produced = np.concatenate((not_produced, not_produced * (1.0 - link[:, f].astype(np.longdouble))))
        leak_silent = np.concatenate((leak_silent, leak_silent * np.longdouble(1.0 - leak[f])))
        sign = np.concatenate((sign, -sign))
    per_cause = (1.0 - p) + p * not_produced  # P(no finding of S comes from cause j)
    term = sign * leak_silent * np.prod(per_cause, axis=1)
    with_cause = term[:, None] * (not_produced / per_cause)  # terms of P(evidence, cause j present) / p_j
    total = term.sum()
    total_with = with_cause.sum(axis=0)
    if total <= 0.0 or np.any(total_with <= 0.0):
        return None
    cancellation = max(float(np.abs(term).sum() / total), float((np.abs(with_cause).sum(axis=0) / total_with).max()))
    if cancellation * float(np.finfo(np.longdouble).eps) * (present.size + 1) > ACCURACY:
        return None
    probability = (p * total_with / total).astype(np.float64)
    return np.clip(probability, 0.0, 1.0), float(np.log(total))
