"""The one enumeration core: every on/off state of the causes that can explain the present findings.

Both the posterior (`engine.posterior`) and the what-if posteriors of the
interview (`engine.what_if`) enumerate the same states, split into halves A and
B so that a state is a pair (a, b) and the work is a few matrix products. The
likelihood grid is built one present finding at a time, so memory stays at one
(2**a, 2**b) grid however many findings are present; and there is one size
guard, `MAX_ENUMERATED_CAUSES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from twitchcheck.engine.network import FloatArray
from twitchcheck.errors import EvidenceError

MAX_ENUMERATED_CAUSES = 24
# Up to 2**10 states are cheaper as one block than as a grid of two halves (fewer array operations).
ONE_BLOCK_CAUSES = 10


@dataclass(frozen=True, eq=False)
class StateGrid:
    """The joint P(state, present findings) over states (a, b) of the relevant causes, unnormalised."""

    relevant: npt.NDArray[np.intp]
    states_a: FloatArray  # (2**a, a)
    states_b: FloatArray  # (2**b, b)
    joint: FloatArray  # (2**a, 2**b)

    @property
    def half(self) -> int:
        return int(self.states_a.shape[1])


def causes_explaining(link: FloatArray, present: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """The causes linked to at least one present finding: the only ones whose states must be enumerated."""
    return np.flatnonzero((link[:, present] > 0.0).any(axis=1))


def enumerate_states(
    link: FloatArray,
    leak: FloatArray,
    adjusted: FloatArray,
    present: npt.NDArray[np.intp],
    relevant: npt.NDArray[np.intp] | None = None,
) -> StateGrid:
    """Enumerate the causes linked to a present finding; raise `EvidenceError` past the size guard."""
    if relevant is None:
        relevant = causes_explaining(link, present)
    if relevant.size > MAX_ENUMERATED_CAUSES:
        raise EvidenceError(
            f"{relevant.size} causes would have to be enumerated, more than the limit of {MAX_ENUMERATED_CAUSES}"
        )
    log_not_produced = np.log1p(-link[np.ix_(relevant, present)])  # (m, k)
    leak_silent = 1.0 - leak[present]
    p = adjusted[relevant]
    if relevant.size <= ONE_BLOCK_CAUSES:
        # Few states: one block, every finding a vector over it (half B holds no cause).
        states_a = states(relevant.size)
        absent_a = np.exp(states_a @ log_not_produced) * leak_silent
        weight = state_weights(states_a, p) * np.prod(1.0 - absent_a, axis=1)
        return StateGrid(relevant=relevant, states_a=states_a, states_b=states(0), joint=weight[:, None])
    half = relevant.size // 2
    states_a, states_b = states(half), states(relevant.size - half)
    # P(finding f absent | state) = (1 - l_f) * exp(states_a @ L_a)[a, f] * exp(states_b @ L_b)[b, f]
    absent_a = np.exp(states_a @ log_not_produced[:half]) * leak_silent  # (2**a, k)
    absent_b = np.exp(states_b @ log_not_produced[half:])  # (2**b, k)
    weight_a = state_weights(states_a, p[:half])
    weight_b = state_weights(states_b, p[half:])
    # A finding whose causes all lie in one half varies along that half only: a vector, not the grid.
    in_a = (log_not_produced[:half] != 0.0).any(axis=0)
    in_b = (log_not_produced[half:] != 0.0).any(axis=0)
    weight_a = weight_a * np.prod(1.0 - absent_a[:, ~in_b], axis=1)
    only_b = ~in_a & in_b  # (a finding with no cause at all is counted once, in the A factor, by its leak)
    weight_b = weight_b * np.prod(1.0 - absent_b[:, only_b] * leak_silent[only_b], axis=1)
    joint = np.outer(weight_a, weight_b)
    # One finding at a time, into one scratch grid written in place: constant memory, and no fresh
    # 1 MiB array per finding (allocating one each time, and faulting its pages in, cost 7x the arithmetic).
    scratch = np.empty_like(joint)
    for f in np.flatnonzero(in_a & in_b):
        np.multiply(absent_a[:, f, None], absent_b[None, :, f], out=scratch)
        np.subtract(1.0, scratch, out=scratch)
        joint *= scratch
    return StateGrid(relevant=relevant, states_a=states_a, states_b=states_b, joint=joint)


def state_weights(states_of: FloatArray, p: FloatArray) -> FloatArray:
    """P(state) for independent causes with probabilities p."""
    weights: FloatArray = np.exp(states_of @ np.log(p) + (1.0 - states_of) @ np.log1p(-p))
    return weights


@cache
def states(size: int) -> FloatArray:
    """All 2**size on/off states of `size` causes, one row each (row 0 all off)."""
    codes = np.arange(2**size, dtype=np.int64)
    bits = (codes[:, None] >> np.arange(size, dtype=np.int64)) & 1
    table = bits.astype(np.float64)
    table.setflags(write=False)
    return table
