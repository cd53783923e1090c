"""How far each cause's probability could move if the knowledge base's own numbers are off (issue #12).

The priors are judgement and the links estimates, each with an uncertainty the
knowledge base states (causes.yaml `display.uncertainty`). Shaking every prior
and every link by that much, many times over, and recomputing the exact
posterior each time gives a spread of probabilities for each cause: the range a
result shows beside its figure, and the draws `evaluate --sensitivity` scores.
Both use `shaken_networks`, so the range people read and the stability the
benchmarks report are the same uncertainty.
"""

from __future__ import annotations

import numpy as np

from twitchcheck.engine.evidence import Evidence
from twitchcheck.engine.network import FloatArray, Network
from twitchcheck.engine.posterior import compute_posterior


def shaken_networks(
    network: Network,
    *,
    draws: int,
    seed: int,
    prior_factor: tuple[float, float],
    link_odds_factor: tuple[float, float],
) -> tuple[Network, ...]:
    """`draws` copies of the network, each prior × a log-uniform factor, each link's odds × a uniform one.

    The seed is fixed by the caller, so the same answers always get the same range: a range that
    moved when a page was reloaded would say more about the dice than about the person.
    """
    rng = np.random.default_rng(seed)
    low, high = np.log(prior_factor[0]), np.log(prior_factor[1])
    networks = []
    for _ in range(draws):
        prior_scale = np.exp(rng.uniform(low, high, size=network.base_prior.shape))
        link_odds_scale = rng.uniform(*link_odds_factor, size=network.link.shape)
        networks.append(network.perturbed(prior_scale=prior_scale, link_odds_scale=link_odds_scale))
    return tuple(networks)


def probability_ranges(
    networks: tuple[Network, ...], evidence: Evidence, *, middle: float, shown: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Each cause's lowest and highest probability over the middle share of the draws, in cause order.

    The range always contains the figure `shown` (the unshaken posterior): it would read as a
    contradiction if "45 %" sat beside "50–70 %", and the unshaken network is one of the networks the
    stated uncertainty allows.
    """
    draws = np.stack(
        [
            compute_posterior(shaken, evidence, prior=shaken.prior_for(age=evidence.age, sex=evidence.sex)).probability
            for shaken in networks
        ]
    )
    tail = (1.0 - middle) / 2.0
    low = np.minimum(np.quantile(draws, tail, axis=0), shown)
    high = np.maximum(np.quantile(draws, 1.0 - tail, axis=0), shown)
    return low, high
