"""The trend and rate tests, checked against hand-worked answers and independent methods."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from twitchcheck.diary.statistics import compare_rates, mann_kendall, pearson_dispersion
from twitchcheck.errors import DiaryError


def brute_force_s(values: list[float]) -> int:
    """S by its definition: the sum over all pairs i < j of sign(x_j - x_i)."""
    return sum(
        (values[j] > values[i]) - (values[j] < values[i]) for i, j in itertools.combinations(range(len(values)), 2)
    )


def test_mann_kendall_matches_the_hand_worked_example_without_ties() -> None:
    # x = 1..5: all 10 pairs rise, so S = 10; Var S = n(n-1)(2n+5)/18 = 5*4*15/18;
    # Z = (S - 1)/sqrt(Var) = 9/4.0825 = 2.2045; one-sided p = 1 - Phi(2.2045) = 0.01374.
    result = mann_kendall([1, 2, 3, 4, 5])
    assert result.s == 10
    assert result.variance == pytest.approx(50 / 3)
    assert result.z == pytest.approx(2.2045, abs=1e-4)
    assert result.p_increasing == pytest.approx(0.013745, abs=1e-5)
    assert result.sen_slope == 1


def test_mann_kendall_corrects_the_variance_for_ties() -> None:
    # x = 1, 1, 2, 2, 2: S = 6 (pairs across the two tie groups);
    # Var S = [5*4*15 - 2*1*9 - 3*2*11]/18 = (300 - 18 - 66)/18 = 12.
    result = mann_kendall([1, 1, 2, 2, 2])
    assert result.s == 6
    assert result.variance == pytest.approx(12.0)
    assert result.z == pytest.approx(5 / math.sqrt(12))


def test_mann_kendall_agrees_with_scipys_kendall_tau_on_tied_data() -> None:
    """Independent check: with time untied, S = tau_b * sqrt(n0 (n0 - n2)) and the two-sided
    p-value without continuity correction equals scipy's asymptotic Kendall tau p-value."""
    from scipy import stats  # here, not at the top: scipy.stats takes seconds to import in every test worker

    rng = np.random.default_rng(11)
    values = rng.poisson(4, 25).astype(float) + np.arange(25) * 0.1 // 1
    result = mann_kendall(list(values))
    tau = stats.kendalltau(np.arange(25), values, method="asymptotic")
    n0 = 25 * 24 / 2
    n2 = sum(t * (t - 1) / 2 for t in np.unique(values, return_counts=True)[1])
    assert result.s == pytest.approx(tau.statistic * math.sqrt(n0 * (n0 - n2)))
    assert 2 * stats.norm.sf(abs(result.s) / math.sqrt(result.variance)) == pytest.approx(tau.pvalue)


@given(st.lists(st.integers(min_value=0, max_value=6), min_size=3, max_size=30))
def test_mann_kendall_s_is_the_sum_of_pairwise_signs(values: list[int]) -> None:
    assert mann_kendall(values).s == brute_force_s([float(v) for v in values])


@given(st.integers(min_value=3, max_value=40), st.integers(min_value=0, max_value=20))
def test_a_constant_series_has_no_trend(n: int, level: int) -> None:
    result = mann_kendall([level] * n, correct_autocorrelation=True)
    assert (result.s, result.z, result.sen_slope) == (0, 0.0, 0.0)
    assert result.p_increasing == 0.5


def test_sens_slope_uses_the_days_between_entries() -> None:
    # Bouts rise by 2 a day; a missing day (no day 2) must not change the slope.
    assert mann_kendall([1, 3, 7, 9], times=[0, 1, 3, 4]).sen_slope == pytest.approx(2.0)


def test_the_autocorrelation_correction_only_ever_widens_the_test() -> None:
    rng = np.random.default_rng(5)
    for _ in range(50):
        values = list(rng.poisson(5, 28) + np.arange(28) // 7)
        assert mann_kendall(values, correct_autocorrelation=True).p_increasing >= mann_kendall(values).p_increasing


def test_a_trend_test_needs_three_values() -> None:
    with pytest.raises(DiaryError, match="at least 3 values"):
        mann_kendall([1, 2])


def test_poisson_rate_comparison_matches_the_hand_worked_wald_test() -> None:
    from scipy import stats

    # 20 vs 10 bouts in 7 days each, no extra dispersion (every day the same within a week):
    # RR = 2, Var(log RR) = 1/20 + 1/10 = 0.15, z = ln 2 / sqrt(0.15) = 1.7897, one-sided p = 0.03675.
    rate = compare_rates([4, 4, 4, 4, 4, 0, 0], [2, 2, 2, 2, 2, 0, 0])
    assert rate.ratio == pytest.approx(2.0)
    assert rate.recent_count == 20 and rate.earlier_count == 10
    rate = compare_rates([3, 3, 3, 3, 3, 3, 2], [1, 2, 1, 2, 1, 2, 1])
    assert rate.dispersion == 1.0
    assert rate.p_increase == pytest.approx(stats.norm.sf(math.log(2) / math.sqrt(1 / 20 + 1 / 10)), abs=1e-9)
    assert rate.p_increase == pytest.approx(0.03675, abs=1e-4)


def test_bursty_days_widen_the_rate_test() -> None:
    steady = compare_rates([3, 3, 3, 3, 3, 3, 2], [1, 2, 1, 2, 1, 2, 1])
    bursty = compare_rates([0, 0, 0, 20, 0, 0, 0], [0, 10, 0, 0, 0, 0, 0])
    assert bursty.ratio == steady.ratio
    assert bursty.dispersion > 5
    assert bursty.p_increase > 0.2 > steady.p_increase


def test_no_bouts_before_gives_an_infinite_ratio_and_a_valid_p_value() -> None:
    rate = compare_rates([2, 3, 2, 3], [0, 0, 0, 0])
    assert rate.ratio == math.inf
    assert 0 < rate.p_increase < 0.05


def test_pearson_dispersion_is_one_for_equal_counts_and_never_below_one() -> None:
    assert pearson_dispersion([[5, 5, 5], [2, 2, 2]]) == 1.0
    assert pearson_dispersion([[0, 10, 0, 10]]) == pytest.approx(4 * 25 / 5 / 3)
