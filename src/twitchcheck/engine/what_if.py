"""Exact posteriors for many "these findings are absent" hypotheses at once.

Choosing a question means asking "and if the answer were no?" for every
candidate. Each such hypothesis keeps the same present findings and only adds
absent ones, so the expensive part of exact inference (the likelihood of the
present findings over every on/off state of the causes that can explain them)
is shared. This module computes it once and then, for every hypothesis h (a set
of findings all absent), exactly:

    P(h absent | evidence)            and    P(cause j present, h absent | evidence)

by the same enumeration as `twitchcheck.engine.posterior` (`engine.enumeration`:
halves A and B, so the per-hypothesis work is two small matrix products), with the
causes that explain no present finding handled in closed form. Answers agree
with `compute_posterior` to rounding (tests check 1e-9). A "yes" follows from
these by subtraction: P(f present, rest) = P(rest) - P(f absent, rest).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from twitchcheck.engine.enumeration import StateGrid, enumerate_states
from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.network import FloatArray, Network


@dataclass(frozen=True, eq=False)
class AbsentHypotheses:
    """For hypotheses h = 0..H-1: P(h absent | e), shape (H,), and P(cause, h absent | e), shape (H, causes)."""

    probability: FloatArray
    joint: FloatArray

    def posterior(self, index: int) -> FloatArray:
        """P(cause | evidence, hypothesis `index` absent)."""
        posterior: FloatArray = np.clip(self.joint[index] / self.probability[index], 0.0, 1.0)
        return posterior


def absent_hypotheses(
    network: Network, evidence: Evidence, prior: FloatArray, hypotheses: Sequence[Sequence[str]]
) -> AbsentHypotheses:
    """Exact probabilities for each hypothesis (a list of finding ids, all absent); [] is the evidence alone."""
    link = network.link
    position = network.column_of
    present = network.finding_index(evidence.present)
    absent = network.finding_index(evidence.absent)
    # 1. absent findings already known fold into the priors
    keep = np.exp(np.log1p(-link[:, absent]).sum(axis=1))
    adjusted = prior * keep / (prior * keep + 1.0 - prior)
    # 2. each hypothesis as log P(its findings silent | cause j present), and its leak factor
    log_silent = np.zeros((link.shape[0], len(hypotheses)))
    leak_silent = np.ones(len(hypotheses))
    for h, finding_ids in enumerate(hypotheses):
        columns = [position[fid] for fid in finding_ids]
        log_silent[:, h] = np.log1p(-link[:, columns]).sum(axis=1)
        leak_silent[h] = float(np.prod(1.0 - network.leak[columns]))
    silent = np.exp(log_silent)  # (causes, H)
    grid = enumerate_states(link, network.leak, adjusted, present) if present.size else None
    relevant = grid.relevant if grid is not None else np.array([], dtype=np.intp)
    others = np.setdiff1d(np.arange(link.shape[0]), relevant)
    # 3. causes that explain no present finding are independent: closed form
    p = adjusted[others][:, None]
    factor = 1.0 - p + p * silent[others]  # P(h silent from cause j), cause j marginalised
    independent = np.prod(factor, axis=0)  # (H,)
    joint = np.empty((len(hypotheses), link.shape[0]))
    joint[:, others] = (independent[None, :] * p * silent[others] / factor).T
    # 4. causes that explain a present finding: the shared enumeration, summed per hypothesis
    if grid is not None and relevant.size:
        explained, joint_relevant = _through_states(grid, log_silent[relevant])
    else:
        explained, joint_relevant = np.ones(len(hypotheses)), np.zeros((len(hypotheses), 0))
    joint[:, others] *= explained[:, None]
    joint[:, relevant] = joint_relevant * independent[:, None]
    probability = leak_silent * explained * independent
    return AbsentHypotheses(probability=probability, joint=joint * leak_silent[:, None])


def _through_states(grid: StateGrid, log_silent: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Over every state of the relevant causes: P(h silent | e) and P(cause j on, h silent | e), j relevant."""
    state_joint = grid.joint / grid.joint.sum()
    half = grid.half
    silent_a = np.exp(grid.states_a @ log_silent[:half])  # (2**a, H)
    silent_b = np.exp(grid.states_b @ log_silent[half:])  # (2**b, H)
    through_b = silent_a * (state_joint @ silent_b)  # (2**a, H): summed over B
    through_a = silent_b * (state_joint.T @ silent_a)  # (2**b, H): summed over A
    probability = through_b.sum(axis=0)
    joint = np.concatenate([grid.states_a.T @ through_b, grid.states_b.T @ through_a], axis=0)  # (m, H)
    return probability, joint.T
