"""The one enumeration core: every on/off state of the causes that can explain the present findings.

Both the posterior (`engine.posterior`) and the what-if posteriors of the
interview (`engine.what_if`) enumerate the same states, split into halves A and
B so that a state is a pair (a, b) and the work is a few matrix products. The
likelihood grid is built a few present findings at a time (`CROSS_GROUP`, one
matrix product each), so memory stays at one (2**a, 2**b) grid however many
findings are present; and there is one size guard, `MAX_ENUMERATED_CAUSES`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from twitchcheck.engine.network import FloatArray
from twitchcheck.errors import EvidenceError

MAX_ENUMERATED_CAUSES = 24
# Up to 2**10 states are cheaper as one block than as a grid of two halves (fewer array operations).
ONE_BLOCK_CAUSES = 10
# estimate: findings spanning both halves are multiplied into the grid this many at a time (one matrix
# product of inner size 2**4 each); 4 was the fastest of 1-6 on the every-finding case (bench/bench_assess.py).
CROSS_GROUP = 4


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
    log_leak_silent = np.log1p(-leak[present])
    p = adjusted[relevant]
    if relevant.size <= ONE_BLOCK_CAUSES:
        # Few states: one block, every finding a vector over it (half B holds no cause).
        states_a = states(relevant.size)
        produced = -np.expm1(states_a @ log_not_produced + log_leak_silent)  # P(f present | state)
        weight = state_weights(states_a, p) * np.prod(produced, axis=1)
        return StateGrid(relevant=relevant, states_a=states_a, states_b=states(0), joint=weight[:, None])
    half = relevant.size // 2
    states_a, states_b = states(half), states(relevant.size - half)
    # Half A carries the leak: log P(f not produced by the causes on in a, nor by the leak), and by b.
    log_silent_a = states_a @ log_not_produced[:half] + log_leak_silent  # (2**a, k)
    log_silent_b = states_b @ log_not_produced[half:]  # (2**b, k)
    weight_a = state_weights(states_a, p[:half])
    weight_b = state_weights(states_b, p[half:])
    # A finding whose causes all lie in one half varies along that half only: a vector, not the grid.
    in_a = (log_not_produced[:half] != 0.0).any(axis=0)
    in_b = (log_not_produced[half:] != 0.0).any(axis=0)
    weight_a = weight_a * np.prod(-np.expm1(log_silent_a[:, ~in_b]), axis=1)
    only_b = ~in_a & in_b  # (a finding with no cause at all is counted once, in the A factor, by its leak)
    weight_b = weight_b * np.prod(-np.expm1(log_silent_b[:, only_b] + log_leak_silent[only_b]), axis=1)
    joint = np.outer(weight_a, weight_b)
    cross = np.flatnonzero(in_a & in_b)
    if cross.size:
        _multiply_cross_findings(joint, log_silent_a[:, cross], log_silent_b[:, cross])
    return StateGrid(relevant=relevant, states_a=states_a, states_b=states_b, joint=joint)


def _multiply_cross_findings(joint: FloatArray, log_silent_a: FloatArray, log_silent_b: FloatArray) -> None:
    """Multiply `joint` in place by P(f present | a, b) for every finding f whose causes lie in both halves.

    A finding is present when half A (or the leak) produces it, or when A does not and B does:
    P(f | a, b) = produced_a + silent_a * produced_b, a sum of two non-negative products. So the
    product over a group of G findings expands into 2**G non-negative terms, each a column over A
    times a column over B: one matrix product per group, no cancellation (every term is positive,
    and each "produced" is computed as -expm1 of a logarithm, to full relative precision). It
    replaces G passes of outer product, subtraction and multiplication over the grid (three times
    the memory traffic) with one small BLAS product and one multiplication.
    """
    silent_a, produced_a = np.exp(log_silent_a), -np.expm1(log_silent_a)
    produced_b = -np.expm1(log_silent_b)
    scratch = _scratch_like(joint)
    for start in range(0, log_silent_a.shape[1], CROSS_GROUP):
        columns_a = np.ones((joint.shape[0], 1))
        columns_b = np.ones((joint.shape[1], 1))
        for f in range(start, min(start + CROSS_GROUP, log_silent_a.shape[1])):
            columns_a = np.concatenate((columns_a * produced_a[:, f, None], columns_a * silent_a[:, f, None]), axis=1)
            columns_b = np.concatenate((columns_b, columns_b * produced_b[:, f, None]), axis=1)
        np.matmul(columns_a, columns_b.T, out=scratch)
        joint *= scratch


_SCRATCH = threading.local()
# The packaged network's largest grid is 2**9 x 2**9 (18 causes with the unlisted one): 2 MiB a thread.
MAX_KEPT_SCRATCH = 2**18


def _scratch_like(grid: FloatArray) -> FloatArray:
    """A scratch grid of `grid`'s shape, kept per thread and reused: it never leaves this module.

    A fresh 1 MiB array per call costs more in first-touch page faults than the arithmetic done in it;
    the server answers requests on several threads, so each thread keeps its own.
    """
    if grid.size > MAX_KEPT_SCRATCH:  # a network larger than the packaged one: no memory kept for it
        return np.empty_like(grid)
    kept: dict[tuple[int, ...], FloatArray] = _SCRATCH.__dict__.setdefault("grids", {})
    if grid.shape not in kept:
        kept[grid.shape] = np.empty(grid.shape)
    return kept[grid.shape]


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
