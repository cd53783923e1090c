"""The engine's posteriors equal independent exact methods to 1e-9."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twitchcheck import Assessor, KnowledgeBase
from twitchcheck.engine import Evidence, Network, compute_posterior
from twitchcheck.engine.oracle import brute_force_posterior, pgmpy_posterior, plain_numpy_posterior
from twitchcheck.engine.posterior import _posterior

from .conftest import examples

TOLERANCE = 1e-9


def random_network(rng: np.random.Generator, causes: int, findings: int, *, rare: bool = False) -> tuple[Any, ...]:
    prior = rng.uniform(0.001, 0.6, size=causes)
    link = rng.uniform(0.0, 0.95, size=(causes, findings)) * (rng.random((causes, findings)) < 0.6)
    leak = rng.uniform(0.0005, 0.02, size=findings) if rare else rng.uniform(0.001, 0.3, size=findings)
    if rare:
        link *= 0.2
    return prior, link, leak


def split_evidence(rng: np.random.Generator, findings: int) -> tuple[np.ndarray, np.ndarray]:
    order = rng.permutation(findings)
    n_present = int(rng.integers(0, findings + 1))
    n_absent = int(rng.integers(0, findings - n_present + 1))
    return np.sort(order[:n_present]), np.sort(order[n_present : n_present + n_absent])


@pytest.mark.parametrize("seed", range(40))
def test_posterior_equals_brute_force_enumeration_on_small_random_networks(seed: int) -> None:
    rng = np.random.default_rng(seed)
    causes, findings = int(rng.integers(1, 9)), int(rng.integers(1, 12))
    prior, link, leak = random_network(rng, causes, findings, rare=seed % 3 == 0)
    present, absent = split_evidence(rng, findings)
    ids = tuple(f"c{j}" for j in range(causes))
    got = _posterior(link, leak, prior, present, absent, ids).probability
    want = brute_force_posterior(prior.tolist(), link.tolist(), leak.tolist(), present.tolist(), absent.tolist())
    np.testing.assert_allclose(got, want, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("seed", range(20))
def test_plain_numpy_reference_of_the_benchmark_equals_brute_force(seed: int) -> None:
    """`make bench` times the engine against this reference, so it must itself be exact."""
    rng = np.random.default_rng(100 + seed)
    causes, findings = int(rng.integers(1, 9)), int(rng.integers(1, 12))
    prior, link, leak = random_network(rng, causes, findings, rare=seed % 3 == 0)
    present, absent = split_evidence(rng, findings)
    got = plain_numpy_posterior(link, leak, prior, present, absent)
    want = brute_force_posterior(prior.tolist(), link.tolist(), leak.tolist(), present.tolist(), absent.tolist())
    np.testing.assert_allclose(got, want, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("seed", range(6))
def test_the_two_halves_grid_equals_plain_enumeration_with_many_causes_and_rare_leaks(seed: int) -> None:
    """More than ONE_BLOCK_CAUSES causes: the grid path, its cross findings multiplied in groups."""
    rng = np.random.default_rng(300 + seed)
    prior, link, leak = random_network(rng, 13, 16, rare=seed % 2 == 0)
    present, absent = np.sort(rng.permutation(16)[:11]), np.array([], dtype=np.intp)
    got = _posterior(link, leak, prior, present, absent, tuple(f"c{j}" for j in range(13)))
    want = plain_numpy_posterior(link, leak, prior, present, absent)
    assert got.method == "enumeration"
    np.testing.assert_allclose(got.probability, want, rtol=0, atol=TOLERANCE)


def test_every_finding_present_at_once_is_exact(kb: KnowledgeBase) -> None:
    """The engine's heaviest case (every cause enumerated, the grid built one finding at a time)."""
    network = Network.from_knowledge(kb)
    grouped = {fid for members in kb.exclusive_groups().values() for fid in sorted(members)[1:]}
    present = [fid for fid in network.finding_ids if fid not in grouped]
    evidence = Evidence.build(kb, present=present, absent=[], age=50, sex="male")
    prior = network.prior_for(age=50, sex="male")
    got = compute_posterior(network, evidence, prior=prior)
    want = plain_numpy_posterior(
        network.link,
        network.leak,
        prior,
        network.finding_index(evidence.present),
        network.finding_index(evidence.absent),
    )
    assert got.method == "enumeration"
    np.testing.assert_allclose(got.probability, want, rtol=0, atol=TOLERANCE)


def test_many_rare_present_findings_stay_exact_where_plain_quickscore_cancels() -> None:
    """Twelve rare findings: inclusion-exclusion in float64 loses digits here; the engine must not."""
    rng = np.random.default_rng(7)
    prior, link, leak = random_network(rng, 8, 12, rare=True)
    present = np.arange(12)
    got = _posterior(link, leak, prior, present, np.array([], dtype=np.intp), tuple("abcdefgh")).probability
    want = brute_force_posterior(prior.tolist(), link.tolist(), leak.tolist(), present.tolist(), [])
    np.testing.assert_allclose(got, want, rtol=0, atol=TOLERANCE)


def test_log_evidence_equals_brute_force_probability_of_the_evidence() -> None:
    rng = np.random.default_rng(3)
    prior, link, leak = random_network(rng, 5, 6)
    present, absent = np.array([0, 2, 3]), np.array([1, 5])
    got = _posterior(link, leak, prior, present, absent, tuple("abcde")).log_evidence
    import itertools

    total = 0.0
    for state in itertools.product((0, 1), repeat=5):
        weight = np.prod([prior[j] if on else 1 - prior[j] for j, on in enumerate(state)])
        for f in [*present, *absent]:
            silent = (1 - leak[f]) * np.prod([1 - link[j, f] for j, on in enumerate(state) if on])
            weight *= (1 - silent) if f in present else silent
        total += weight
    assert got == pytest.approx(np.log(total), abs=1e-9)


@given(
    seed=st.integers(0, 2**32 - 1),
    present_count=st.integers(0, 14),
)
@pytest.mark.slow
@settings(max_examples=examples(25), deadline=None)
def test_real_network_matches_brute_force_for_random_evidence(kb: KnowledgeBase, seed: int, present_count: int) -> None:
    """The real network (17 causes) with random evidence, both engine paths, against enumeration."""
    network = Network.from_knowledge(kb)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(network.finding_ids))
    present, absent = np.sort(order[:present_count]), np.sort(order[present_count : present_count + 6])
    prior = network.prior_for(age=int(rng.integers(5, 90)), sex="female")
    got = _posterior(network.link, network.leak, prior, present, absent, network.cause_ids).probability
    want = brute_force_posterior(
        prior.tolist(), network.link.tolist(), network.leak.tolist(), present.tolist(), absent.tolist()
    )
    np.testing.assert_allclose(got, want, rtol=0, atol=TOLERANCE)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize(
    ("present", "absent", "age", "sex"),
    [
        (["twitch_eyelid", "poor_sleep"], ["muscle_weakness", "fever"], 30, "female"),
        (["muscle_weakness", "muscle_wasting", "twitch_tongue"], ["numbness_limbs"], 62, "male"),
        (["tingling_mouth_fingers", "muscle_cramps", "acid_or_water_tablets"], ["heavy_alcohol_use"], 55, "female"),
        (["staring_spells", "uncontrollable_jerks"], ["known_epilepsy", "seizure"], 15, "female"),
    ],
)
def test_real_network_matches_pgmpy_variable_elimination(
    kb: KnowledgeBase, present: list[str], absent: list[str], age: int, sex: str
) -> None:
    network = Network.from_knowledge(kb)
    evidence = Evidence.build(kb, present=present, absent=absent, age=age, sex=sex)
    prior = network.prior_for(age=age, sex=sex)  # type: ignore[arg-type]
    got = compute_posterior(network, evidence, prior=prior).probability
    want = pgmpy_posterior(network, prior, present, absent)
    np.testing.assert_allclose(got, want, rtol=0, atol=TOLERANCE)


def test_no_evidence_gives_the_priors(assessor: Assessor) -> None:
    evidence = assessor.evidence(age=40, sex="male")
    posterior = compute_posterior(assessor.network, evidence)
    np.testing.assert_allclose(posterior.probability, assessor.network.prior_for(age=40, sex="male"))


def test_weakness_and_wasting_raise_als_and_their_absence_lowers_it(assessor: Assessor) -> None:
    base = assessor.evidence(present=["twitch_arm_hand"], age=58, sex="male")
    weak = assessor.evidence(present=["twitch_arm_hand", "muscle_weakness", "muscle_wasting"], age=58, sex="male")
    strong = assessor.evidence(
        present=["twitch_arm_hand"], absent=["muscle_weakness", "muscle_wasting"], age=58, sex="male"
    )
    als = [compute_posterior(assessor.network, e).of("als") for e in (base, weak, strong)]
    assert als[2] < als[0] < als[1]


def test_age_moves_the_priors_where_sources_say(assessor: Assessor) -> None:
    network = assessor.network
    young = dict(zip(network.cause_ids, network.prior_for(age=25, sex="male"), strict=True))
    old = dict(zip(network.cause_ids, network.prior_for(age=75, sex="male"), strict=True))
    assert old["parkinsons"] > young["parkinsons"]
    assert old["alzheimers"] > young["alzheimers"]
    assert old["als"] > young["als"]
