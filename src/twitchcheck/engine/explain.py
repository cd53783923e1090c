"""Why a cause ranks where it does: likelihood ratios of the findings given.

For cause i and a finding f, the likelihood ratio compares how likely the
observation is with the cause present versus absent, the other causes held at
their priors for this person (so it is the same for everyone with the same
age and sex, and easy to read):

    absent finding:   LR = 1 - q_if
    present finding:  LR = (1 - A (1 - q_if)) / (1 - A),
                      A = (1 - l_f) * prod_{j != i} (1 - p_j q_jf)

LR > 1 supports the cause, LR < 1 speaks against it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.network import FloatArray, Network

# Ratios this close to 1 change nothing a person would notice; they are not shown.
NOTABLE_RATIO = 1.25


@dataclass(frozen=True)
class FindingWeight:
    """One observation and how strongly it speaks for (>1) or against (<1) a cause."""

    finding_id: str
    observed: str  # "present" or "absent"
    likelihood_ratio: float


def likelihood_ratios(network: Network, evidence: Evidence, prior: FloatArray) -> dict[str, list[FindingWeight]]:
    """For every cause, the notable likelihood ratios of the findings given, strongest first."""
    present = network.finding_index(evidence.present)
    # Absences implied by an exclusive group (the other durations) repeat what the
    # present finding already says; listing them would count it twice.
    absent = network.finding_index(evidence.absent - evidence.implied_absent)
    link = network.link
    # P(f silent from every cause) at the priors, then divide out cause i.
    silent_each = 1.0 - prior[:, None] * link[:, present]  # (causes, k)
    silent_all = (1.0 - network.leak[present]) * np.prod(silent_each, axis=0)
    silent_others = silent_all[None, :] / silent_each  # A for each (cause, finding)
    ratio_present = (1.0 - silent_others * (1.0 - link[:, present])) / (1.0 - silent_others)
    ratio = np.concatenate((ratio_present, 1.0 - link[:, absent]), axis=1)
    columns = np.concatenate((present, absent))
    observed = ["present"] * present.size + ["absent"] * absent.size
    strength = np.abs(np.log(ratio))
    notable = strength >= np.log(NOTABLE_RATIO)
    result: dict[str, list[FindingWeight]] = {}
    for row, cause_id in enumerate(network.cause_ids):
        order = [n for n in np.argsort(-strength[row], kind="stable") if notable[row, n]]
        result[cause_id] = [
            FindingWeight(network.finding_ids[columns[n]], observed[n], float(ratio[row, n])) for n in order
        ]
    return result


def split_support(weights: list[FindingWeight]) -> tuple[list[FindingWeight], list[FindingWeight]]:
    """The weights that support a cause (ratio above 1), and those that oppose it."""
    supporting = [w for w in weights if w.likelihood_ratio > 1.0]
    opposing = [w for w in weights if w.likelihood_ratio < 1.0]
    return supporting, opposing
