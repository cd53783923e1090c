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
  it takes a few milliseconds.

Both start the same way. Findings reported absent factorise over causes and
are absorbed into each cause's prior: p'_j = p_j a_j / (p_j a_j + 1 - p_j),
with a_j = prod_f (1 - q_jf). Causes with no link to a present finding are then
independent of the rest, so their posterior is p'_j.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.network import FloatArray, Network

MAX_ENUMERATED_CAUSES = 24
# Posteriors are guaranteed to this absolute accuracy (the oracle tests check 1e-9).
ACCURACY = 1e-10
# Above this many present findings enumeration is cheaper than Quickscore.
MAX_QUICKSCORE_FINDINGS = 10


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

    if present.size <= MAX_QUICKSCORE_FINDINGS:
        quick = _quickscore(link, leak, adjusted, present)
        if quick is not None:
            probability, log_likelihood = quick
            return Posterior(cause_ids, probability, log_evidence + log_likelihood, prior)
    # 2. only causes that can produce a present finding need enumerating
    relevant = np.flatnonzero((link[:, present] > 0.0).any(axis=1))
    if relevant.size > MAX_ENUMERATED_CAUSES:
        raise ValueError(f"{relevant.size} causes exceed the exact enumeration limit of {MAX_ENUMERATED_CAUSES}")
    # 3. exact enumeration over the relevant causes, split into halves A and B
    log_not_produced = np.log1p(-link[np.ix_(relevant, present)])  # (m, k)
    leak_absent = 1.0 - leak[present]  # (k,)
    p = adjusted[relevant]
    half = relevant.size // 2
    states_a = _states(half)
    states_b = _states(relevant.size - half)
    # P(finding f absent | state) = (1 - l_f) * exp(states_a @ L_a)[a, f] * exp(states_b @ L_b)[b, f]
    absent_a = np.exp(states_a @ log_not_produced[:half]) * leak_absent  # (2**a, k)
    absent_b = np.exp(states_b @ log_not_produced[half:])  # (2**b, k)
    likelihood = np.prod(1.0 - absent_a.T[:, :, None] * absent_b.T[:, None, :], axis=0)  # (2**a, 2**b)
    weight_a = _state_weights(states_a, p[:half])
    weight_b = _state_weights(states_b, p[half:])
    joint = likelihood * weight_a[:, None] * weight_b[None, :]
    total = float(joint.sum())
    probability[relevant[:half]] = states_a.T @ joint.sum(axis=1) / total
    probability[relevant[half:]] = states_b.T @ joint.sum(axis=0) / total
    return Posterior(cause_ids, probability, log_evidence + float(np.log(total)), prior)


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


def _state_weights(states: FloatArray, p: FloatArray) -> FloatArray:
    """P(state) for independent causes with probabilities p."""
    return np.exp(states @ np.log(p) + (1.0 - states) @ np.log1p(-p))


@cache
def _states(size: int) -> FloatArray:
    """All 2**size on/off states of `size` causes, one row each (row 0 all off)."""
    codes = np.arange(2**size, dtype=np.int64)
    bits = (codes[:, None] >> np.arange(size, dtype=np.int64)) & 1
    states = bits.astype(np.float64)
    states.setflags(write=False)
    return states
