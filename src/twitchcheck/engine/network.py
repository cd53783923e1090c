"""The two-layer noisy-OR network (the QMR-DT model) as NumPy arrays.

Causes are not mutually exclusive: each may be present or not, independently a
priori. Each present cause j produces finding f with probability q[j, f],
independently of the others; a leak l[f] covers everything else:

    P(f absent | causes) = (1 - l[f]) * prod_j (1 - q[j, f]) ** c_j
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from twitchcheck.knowledge import KnowledgeBase
from twitchcheck.knowledge.models import Sex

FloatArray = npt.NDArray[np.float64]

# Probabilities of exactly 0 or 1 make logarithms infinite; keep them just inside.
_EPSILON = 1e-12
MAX_PRIOR = 0.95


@dataclass(frozen=True, eq=False)
class Network:
    """Arrays of the noisy-OR network, built once from a knowledge base."""

    cause_ids: tuple[str, ...]  # every cause node: the listed causes, then the unlisted one
    finding_ids: tuple[str, ...]
    base_prior: FloatArray  # (causes,)
    link: FloatArray  # (causes, findings): q[j, f]
    leak: FloatArray  # (findings,)
    kb: KnowledgeBase

    @classmethod
    def from_knowledge(cls, kb: KnowledgeBase) -> Network:
        cause_ids = kb.network_cause_ids
        finding_ids = kb.finding_ids
        column = {fid: i for i, fid in enumerate(finding_ids)}
        link = np.zeros((len(cause_ids), len(finding_ids)))
        for row, cause_id in enumerate(cause_ids):
            for finding_id, entry in kb.links[cause_id].items():
                link[row, column[finding_id]] = entry.p
        return cls(
            cause_ids=cause_ids,
            finding_ids=finding_ids,
            base_prior=np.array(
                [c.prior.value for c in kb.causes] + ([kb.unlisted.prior.value] if kb.unlisted is not None else [])
            ),
            link=np.clip(link, 0.0, 1.0 - _EPSILON),
            leak=np.clip(np.array([f.leak.value for f in kb.findings]), 0.0, 1.0 - _EPSILON),
            kb=kb,
        )

    @property
    def listed(self) -> int:
        """How many cause rows are the knowledge base's listed causes (the unlisted one, if any, comes after)."""
        return len(self.kb.causes)

    def prior_for(self, *, age: int | None, sex: Sex | None) -> FloatArray:
        """Each cause's prior for this person: the base rate times every adjustment that applies."""
        key = (age, sex)
        if key not in self._priors:  # a few hundred (age, sex) pairs at most; each is asked for again and again
            prior = self.base_prior.copy()
            for row, cause in enumerate(self.kb.causes):
                for adjustment in cause.adjustments:
                    if adjustment.when.holds(age=age, sex=sex):
                        prior[row] *= adjustment.multiplier
            self._priors[key] = np.clip(prior, _EPSILON, MAX_PRIOR)
        return self._priors[key].copy()

    @cached_property
    def _priors(self) -> dict[tuple[int | None, Sex | None], FloatArray]:
        return {}

    def finding_index(self, finding_ids: frozenset[str] | set[str]) -> npt.NDArray[np.intp]:
        """Column numbers of the given findings, in a stable (sorted) order."""
        position = self.column_of
        return np.array(sorted(position[f] for f in finding_ids), dtype=np.intp)

    @cached_property
    def column_of(self) -> dict[str, int]:
        """Each finding's column in `link` and `leak` (built once: every request looks findings up)."""
        return {fid: i for i, fid in enumerate(self.finding_ids)}

    def perturbed(self, *, prior_scale: FloatArray, link_odds_scale: FloatArray) -> Network:
        """A copy with priors multiplied and every link's odds p / (1 - p) multiplied (sensitivity analysis).

        On the odds scale a small link moves by about the factor itself (0.05 x 1.3 is about 0.065)
        while a strong one stays below 1 (0.9 x 1.3 on the odds is 0.92): multiplying p itself
        pushed every link above 0.77 to 1, so that one "no" ruled its cause out entirely.
        """
        odds = self.link / (1.0 - self.link) * link_odds_scale
        return Network(
            cause_ids=self.cause_ids,
            finding_ids=self.finding_ids,
            base_prior=np.clip(self.base_prior * prior_scale, _EPSILON, MAX_PRIOR),
            link=np.clip(odds / (1.0 + odds), 0.0, 1.0 - _EPSILON),
            leak=self.leak,
            kb=self.kb,
        )
