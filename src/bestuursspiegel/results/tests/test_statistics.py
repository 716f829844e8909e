"""Every statistic against a case computed by hand."""

import math
import statistics
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bestuursspiegel.results.statistics import UNIFORM_VARIANCE, flags, group_alpha, spread, spread_of_counts


def test_uniform_variance_of_the_five_point_scale():
    assert UNIFORM_VARIANCE == 2.0  # (5² − 1) / 12


def test_spread_of_a_divided_group():
    # 1, 1, 4, 5: median (1+4)/2 = 2.5; inclusive quartiles: Q1 = 1, Q3 = 4.25 → IQR 3.25;
    # sample variance = ((1.75² × 2) + 1.25² + 2.25²) / 3 = 4.25 → rwg = max(0, 1 − 4.25/2) = 0.
    result = spread([1, 1, 4, 5])
    assert (result.median, result.q1, result.q3, result.low, result.high) == (2.5, 1, 4.25, 1, 5)
    assert result.iqr == pytest.approx(3.25)
    assert result.rwg == 0.0


def test_spread_of_an_agreeing_group():
    # 4, 4, 4, 5: median 4; Q1 4, Q3 4.25; variance 0.25 → rwg = 1 − 0.25/2 = 0.875.
    result = spread([4, 4, 4, 5])
    assert result.median == 4 and result.q1 == 4 and result.q3 == 4.25
    assert result.rwg == pytest.approx(0.875)


def test_spread_of_one_or_no_answer():
    assert spread([]) is None
    single = spread([3])
    assert (single.median, single.iqr, single.rwg) == (3, 0, None)


def test_flags_follow_norm_and_rwg():
    assert flags(meets_norm=False, rwg=0.3) == ["outside_norm", "divided"]
    assert flags(meets_norm=True, rwg=0.9) == ["unanimous"]
    assert flags(meets_norm=None, rwg=0.6) == []
    assert flags(meets_norm=True, rwg=None) == []


def test_alpha_is_one_for_identical_respondents_and_none_when_undefined():
    assert group_alpha([[1, 2, 3, 4], [1, 2, 3, 4]]) == pytest.approx(1.0)
    assert group_alpha([[1, 2, 3]]) is None
    assert group_alpha([[3, 3, 3], [3, 3, 3]]) is None  # no variation: alpha undefined


def test_alpha_against_a_hand_computed_case():
    # Two coders, four units: (1,1), (2,2), (3,3), (4,5). Coincidences: o_11 = o_22 = o_33 = 2,
    # o_45 = o_54 = 1; n_1..n_5 = 2, 2, 2, 1, 1; n = 8. Ordinal metric
    # δ_ck = Σ_{g=c..k} n_g − (n_c + n_k)/2, so δ²_45 = 1 and Σ o·δ² = 2. Over all ordered pairs
    # Σ n_c·n_k·δ²_ck = 2 × 324 = 648. α = 1 − (n − 1)·2/648 = 1 − 14/648 = 0.978395...
    assert group_alpha([[1, 2, 3, 4], [1, 2, 3, 5]]) == pytest.approx(1 - 14 / 648)


def test_alpha_ignores_dont_know():
    with_gap = group_alpha([[1, 2, 3, math.nan], [1, 2, 3, 4], [1, 2, 3, 4]])
    assert with_gap == pytest.approx(1.0)


@given(st.lists(st.integers(min_value=1, max_value=5), max_size=300))
def test_spread_from_counts_equals_the_statistics_module_on_the_list(values):
    """The results page computes from counts (constant time); the figures are those of Python's
    `statistics` module on the list of answers."""
    result = spread_of_counts(Counter(values))
    if len(values) < 2:
        assert result == (spread(values) if values else None)
        return
    q1, _q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert (result.q1, result.q3) == (pytest.approx(q1), pytest.approx(q3))
    assert result.median == pytest.approx(statistics.median(values))
    assert (result.low, result.high) == (min(values), max(values))
    assert result.rwg == pytest.approx(max(0.0, 1 - statistics.variance(values) / UNIFORM_VARIANCE), abs=1e-12)
