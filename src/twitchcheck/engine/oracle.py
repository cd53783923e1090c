"""Independent exact methods that check the engine (tests and benchmarks only).

* `brute_force_posterior`: plain Python enumeration of every cause state, no
  NumPy, no shared code with `posterior.py`: the simplest possible truth.
* `plain_numpy_posterior`: the textbook vectorised enumeration, one
  (states x present findings) array in log space, with none of the engine's
  shortcuts (no Quickscore, no split into halves, no one-finding-at-a-time
  grid). `make bench` times the engine against it, case by case.
* `pgmpy_posterior`: the same noisy-OR model built as a pgmpy Bayesian network
  (full conditional probability tables) and solved by variable elimination.

pgmpy is a development dependency, never needed at run time; it is imported
only inside `pgmpy_posterior`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from twitchcheck.engine.network import FloatArray, Network


def brute_force_posterior(
    prior: Sequence[float],
    link: Sequence[Sequence[float]],
    leak: Sequence[float],
    present: Sequence[int],
    absent: Sequence[int],
) -> list[float]:
    """P(cause j | evidence) by summing P(causes, evidence) over all 2**n cause states."""
    n = len(prior)
    total = 0.0
    with_cause = [0.0] * n
    for state in itertools.product((0, 1), repeat=n):
        weight = 1.0
        for j, on in enumerate(state):
            weight *= prior[j] if on else 1.0 - prior[j]
        for f in itertools.chain(present, absent):
            silent = 1.0 - leak[f]
            for j, on in enumerate(state):
                if on:
                    silent *= 1.0 - link[j][f]
            weight *= (1.0 - silent) if f in present else silent
        total += weight
        for j, on in enumerate(state):
            if on:
                with_cause[j] += weight
    return [w / total for w in with_cause]


def plain_numpy_posterior(
    link: FloatArray, leak: FloatArray, prior: FloatArray, present: npt.NDArray[np.intp], absent: npt.NDArray[np.intp]
) -> FloatArray:
    """P(cause j | evidence): absent findings folded into the priors, then every state of the causes that
    explain a present finding, all at once as one (2**m, k) array."""
    keep = np.exp(np.log1p(-link[:, absent]).sum(axis=1))
    posterior: FloatArray = prior * keep / (prior * keep + 1.0 - prior)
    if present.size == 0:
        return posterior
    relevant = np.flatnonzero((link[:, present] > 0.0).any(axis=1))
    p = posterior[relevant]
    on = ((np.arange(2**relevant.size)[:, None] >> np.arange(relevant.size)) & 1).astype(np.float64)
    log_absent = on @ np.log1p(-link[np.ix_(relevant, present)]) + np.log1p(-leak[present])
    log_joint = np.log1p(-np.exp(log_absent)).sum(axis=1) + on @ np.log(p) + (1.0 - on) @ np.log1p(-p)
    weight = np.exp(log_joint - log_joint.max())
    posterior[relevant] = on.T @ weight / weight.sum()
    return posterior


def pgmpy_model(network: Network, prior: FloatArray, finding_ids: Sequence[str]) -> Any:
    """A pgmpy DiscreteBayesianNetwork of all causes and the given findings (noisy-OR CPTs).

    Findings that are not observed are barren nodes and do not change the
    posterior, so only observed findings are included.
    """
    from pgmpy.factors.discrete import TabularCPD
    from pgmpy.models import DiscreteBayesianNetwork

    columns = [network.finding_ids.index(fid) for fid in finding_ids]
    edges: list[tuple[str, str]] = []
    cpds: list[Any] = []
    for j, cause_id in enumerate(network.cause_ids):
        cpds.append(TabularCPD(cause_id, 2, [[1.0 - prior[j]], [prior[j]]]))
    for fid, col in zip(finding_ids, columns, strict=True):
        parents = [j for j in range(len(network.cause_ids)) if network.link[j, col] > 0.0]
        edges.extend((network.cause_ids[j], fid) for j in parents)
        on_row = []
        for state in itertools.product((0, 1), repeat=len(parents)):  # last parent changes fastest, as pgmpy expects
            silent = (1.0 - network.leak[col]) * math.prod(
                1.0 - network.link[j, col] for j, on in zip(parents, state, strict=True) if on
            )
            on_row.append(1.0 - silent)
        cpds.append(
            TabularCPD(
                fid,
                2,
                [[1.0 - v for v in on_row], on_row],
                evidence=[network.cause_ids[j] for j in parents] or None,
                evidence_card=[2] * len(parents) or None,
            )
        )
    model = DiscreteBayesianNetwork()
    model.add_nodes_from([*network.cause_ids, *finding_ids])
    model.add_edges_from(edges)
    model.add_cpds(*cpds)
    return model


def pgmpy_posterior(network: Network, prior: FloatArray, present: Sequence[str], absent: Sequence[str]) -> list[float]:
    """P(cause | evidence) for every cause by pgmpy's exact variable elimination."""
    from pgmpy.inference import VariableElimination

    model = pgmpy_model(network, prior, [*present, *absent])
    inference = VariableElimination(model)
    evidence = {**{f: 1 for f in present}, **{f: 0 for f in absent}}
    result = []
    for cause_id in network.cause_ids:
        factor = inference.query([cause_id], evidence=evidence, show_progress=False)
        result.append(float(factor.values[1]))
    return result
