"""Property tests for ``mathlab.random_walk``.

Oracles, all independent of the implementation's generating-function expansions:

* the binomial closed form ``P(S_n = 2k - n) = C(n, k) p^k q^(n-k)`` with ``Fraction``;
* brute-force enumeration of all ``2^n`` paths for ``n <= 12`` (endpoint,
  first return, first passage and last visit, read off each path);
* the hitting-time theorem ``P(T_r = n) = (r/n)·P(S_n = r)``;
* power-series identities checked term by term with plain ``Fraction`` loops:
  ``U·(1 - F) = 1``, ``F = s·Φ_1``, ``Φ_a·Φ_b = Φ_(a+b)`` and the renewal identity;
* ``Φ_r = Φ_1^r`` expanded with the same loops from the Catalan numbers.

Judge tiers (``practice/statements/random_walk.py`` states the constraints):
core tests stay inside them and accept a ``Fraction`` or an ``int``; the
exception *types* for bad input are contract tests, their wording and the
exact ``Fraction`` type are reference-only.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

MAX_ENUMERATED = 12  # 2^12 = 4096 paths: brute force stays instant

# ---------------------------------------------------------------------------
# Oracles
# ---------------------------------------------------------------------------


def binomial_distribution(n: int, p: Fraction) -> dict[int, Fraction]:
    """``{2k - n: C(n, k) p^k q^(n-k)}``, zero-probability positions dropped."""
    q = 1 - p
    out = {}
    for k in range(n + 1):
        prob = math.comb(n, k) * p**k * q ** (n - k)
        if prob:
            out[2 * k - n] = prob
    return out


def u_oracle(n: int) -> Fraction:
    """``u_n = C(n, n/2)/2^n`` for even n, else 0."""
    return Fraction(math.comb(n, n // 2), 2**n) if n % 2 == 0 else Fraction(0)


def hitting_time_oracle(r: int, n: int) -> Fraction:
    """``(r/n)·P(S_n = r)`` for the symmetric walk (the hitting-time theorem)."""
    if n == 0 or n < r or (n - r) % 2:
        return Fraction(0)
    return Fraction(r, n) * Fraction(math.comb(n, (n + r) // 2), 2**n)


@cache
def all_paths(n: int) -> list[tuple[int, ...]]:
    """Every ±1 path of n steps, as the positions ``(S_0, ..., S_n)``."""
    return [
        tuple(itertools.accumulate(steps, initial=0))
        for steps in itertools.product((-1, 1), repeat=n)
    ]


def enumerate_probability(n: int, event) -> Fraction:
    """``P(event(path))`` for the symmetric walk, by counting all 2^n paths."""
    return Fraction(sum(1 for path in all_paths(n) if event(path)), 2**n)


def series_product(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    """Cauchy product truncated to ``len(a)`` terms (plain double loop)."""
    return [sum((a[i] * b[m - i] for i in range(m + 1)), Fraction(0)) for m in range(len(a))]


PHI_DEGREE = 60  # the largest n of the first-passage series checked against phi_series


@cache
def phi_series(r: int) -> list[Fraction]:
    """``Φ_r = Φ_1^r`` to degree ``PHI_DEGREE``, ``Φ_1(s) = Σ_j Cat_j (s/2)^(2j+1)`` (Catalan)."""
    if r == 1:
        phi = [Fraction(0)] * (PHI_DEGREE + 1)
        for j in range(PHI_DEGREE // 2):
            phi[2 * j + 1] = Fraction(math.comb(2 * j, j), (j + 1) * 2 ** (2 * j + 1))
        return phi
    return series_product(phi_series(r - 1), phi_series(1))


def is_exact(value) -> bool:
    """A ``Fraction`` or an ``int`` (the statements accept both), never a float or a bool."""
    return isinstance(value, Fraction | int) and not isinstance(value, bool)


# ---------------------------------------------------------------------------
# Strategies
# ---------------------------------------------------------------------------

small_n = st.integers(min_value=0, max_value=60)
enumerable_n = st.integers(min_value=0, max_value=MAX_ENUMERATED)
probabilities = st.one_of(
    st.fractions(min_value=0, max_value=1, max_denominator=30),
    st.sampled_from([0, 1, Fraction(1, 2)]),
    st.floats(min_value=0.0, max_value=1.0),
)

# ---------------------------------------------------------------------------
# walk_distribution
# ---------------------------------------------------------------------------


@given(small_n, probabilities)
def test_walk_distribution_equals_binomial_closed_form(impl, n, p):
    walk_distribution = impl("walk_distribution")
    got = walk_distribution(n, p)
    exact_p = Fraction(p)  # floats are converted exactly
    assert got == binomial_distribution(n, exact_p)
    assert all(is_exact(v) for v in got.values())


@pytest.mark.contract
@given(small_n, probabilities)
def test_walk_distribution_lists_positions_in_increasing_order(impl, n, p):
    got = impl("walk_distribution")(n, p)
    assert list(got) == sorted(got), "positions are listed in increasing order"


@pytest.mark.reference_only
@given(small_n, probabilities)
def test_walk_distribution_values_are_fractions(impl, n, p):
    assert all(type(v) is Fraction for v in impl("walk_distribution")(n, p).values())


@given(small_n, probabilities)
def test_walk_distribution_sums_to_one_on_positions_of_the_right_parity(impl, n, p):
    dist = impl("walk_distribution")(n, p)
    assert sum(dist.values()) == 1
    assert all(-n <= x <= n and (x + n) % 2 == 0 for x in dist)
    assert all(v > 0 for v in dist.values()), "zero-probability positions are dropped"


@given(enumerable_n)
def test_walk_distribution_equals_path_enumeration(impl, n):
    dist = impl("walk_distribution")(n)
    for x in range(-n, n + 1):
        expected = enumerate_probability(n, lambda path, x=x: path[-1] == x)
        assert dist.get(x, Fraction(0)) == expected


@given(st.integers(min_value=0, max_value=40))
def test_walk_distribution_with_p_0_or_1_is_a_single_position(impl, n):
    walk_distribution = impl("walk_distribution")
    assert walk_distribution(n, 1) == {n: Fraction(1)}
    assert walk_distribution(n, 0) == {-n: Fraction(1)}
    assert walk_distribution(n, 0.0) == {-n: Fraction(1)}


def test_walk_distribution_default_is_symmetric_and_accepts_float_half(impl):
    walk_distribution = impl("walk_distribution")
    assert walk_distribution(7) == walk_distribution(7, 0.5) == walk_distribution(7, Fraction(1, 2))
    assert walk_distribution(0) == {0: Fraction(1)}


def test_walk_distribution_n_10_000_is_exact(impl):
    n = 10_000
    dist = impl("walk_distribution")(n)
    assert len(dist) == n + 1
    assert dist[0] == Fraction(math.comb(n, n // 2), 2**n)
    for x in (-n, -9_998, -2, 2, 1_000, 9_998, n):
        assert dist[x] == Fraction(math.comb(n, (n + x) // 2), 2**n)
    # Sum over the common denominator 2^n rather than adding 10^4 Fractions.
    assert sum(v.numerator * (2**n // v.denominator) for v in dist.values()) == 2**n


def test_walk_distribution_with_huge_denominators_is_exact(impl):
    # p = 0.1 is really 3602879701896397/2^55: every probability has more than
    # 4300 decimal digits (CPython's default int/str conversion limit) at n = 300.
    n, p = 300, 0.1
    assert impl("walk_distribution")(n, p) == binomial_distribution(n, Fraction(p))


BAD_WALK_ARGS = [
    (-1, Fraction(1, 2), ValueError, "n"),
    (2.0, Fraction(1, 2), TypeError, "n"),
    (True, Fraction(1, 2), TypeError, "n"),
    (3, Fraction(3, 2), ValueError, "p"),
    (3, -0.1, ValueError, "p"),
    (3, float("nan"), ValueError, "p"),
    (3, "1/2", TypeError, "p"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("n", "p", "error", "match"), BAD_WALK_ARGS)
def test_walk_distribution_rejects_bad_input(impl, n, p, error, match):
    with pytest.raises(error):
        impl("walk_distribution")(n, p)


@pytest.mark.reference_only
@pytest.mark.parametrize(("n", "p", "error", "match"), BAD_WALK_ARGS)
def test_walk_distribution_errors_name_the_argument(impl, n, p, error, match):
    with pytest.raises(error, match=match):
        impl("walk_distribution")(n, p)


# ---------------------------------------------------------------------------
# u_n, f_n and the renewal identity
# ---------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=400))
def test_return_probability_equals_central_binomial(impl, n):
    assert impl("return_probability")(n) == u_oracle(n)


@given(enumerable_n)
def test_return_probability_equals_path_enumeration(impl, n):
    expected = enumerate_probability(n, lambda path: path[-1] == 0)
    assert impl("return_probability")(n) == expected


@given(enumerable_n)
def test_first_return_probability_equals_path_enumeration(impl, n):
    def first_return_at_n(path):
        return n > 0 and path[-1] == 0 and all(s != 0 for s in path[1:-1])

    assert impl("first_return_probability")(n) == enumerate_probability(n, first_return_at_n)


@given(st.integers(min_value=1, max_value=200))
def test_first_return_is_u_over_2n_minus_1(impl, m):
    first_return_probability = impl("first_return_probability")
    assert first_return_probability(2 * m) == u_oracle(2 * m) / (2 * m - 1)
    assert first_return_probability(2 * m - 1) == 0


@given(st.integers(min_value=1, max_value=80))
def test_renewal_identity_u_n_is_sum_of_f_k_u_n_minus_k(impl, n):
    first_return_probability = impl("first_return_probability")
    total = sum(first_return_probability(k) * u_oracle(n - k) for k in range(1, n + 1))
    assert total == u_oracle(n)


@pytest.mark.parametrize(
    ("name", "expected"), [("first_return_probability", 0), ("return_probability", 1)]
)
def test_step_0_is_the_start_not_a_return(impl, name, expected):
    assert impl(name)(0) == expected


BAD_N = [(-2, ValueError), (4.0, TypeError), (None, TypeError), (False, TypeError)]


@pytest.mark.contract
@pytest.mark.parametrize("name", ["return_probability", "first_return_probability"])
@pytest.mark.parametrize(("n", "error"), BAD_N)
def test_single_probabilities_reject_bad_n(impl, name, n, error):
    with pytest.raises(error):
        impl(name)(n)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", ["return_probability", "first_return_probability"])
@pytest.mark.parametrize(("n", "error"), BAD_N)
def test_single_probabilities_errors_name_n(impl, name, n, error):
    with pytest.raises(error, match="n"):
        impl(name)(n)


# ---------------------------------------------------------------------------
# First passage
# ---------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=30), st.integers(min_value=0, max_value=90))
def test_first_passage_obeys_hitting_time_theorem(impl, r, n):
    assert impl("first_passage_probability")(r, n) == hitting_time_oracle(r, n)


@given(st.integers(min_value=1, max_value=MAX_ENUMERATED), enumerable_n)
def test_first_passage_equals_path_enumeration(impl, r, n):
    def first_hit_at_n(path):
        return path[-1] == r and all(s < r for s in path[:-1])

    assert impl("first_passage_probability")(r, n) == enumerate_probability(n, first_hit_at_n)


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=PHI_DEGREE))
def test_first_passage_is_the_coefficient_of_the_expanded_series(impl, r, n):
    # Two routes to one number: a single coefficient, and the full expansion
    # of Φ_1(s)^r by plain series multiplication.
    assert impl("first_passage_probability")(r, n) == phi_series(r)[n]


@pytest.mark.parametrize(("r", "n"), [(1, 2_001), (7, 3_001), (600, 2_000), (37, 4_999)])
def test_first_passage_large_n_obeys_hitting_time_theorem(impl, r, n):
    assert impl("first_passage_probability")(r, n) == hitting_time_oracle(r, n)


@pytest.mark.reference_only  # beyond the stated n <= 5000: our O(n) route (one binomial)
@pytest.mark.parametrize(("r", "n"), [(37, 10_001), (1, 20_000)])
def test_first_passage_far_beyond_the_constraints_obeys_hitting_time_theorem(impl, r, n):
    assert impl("first_passage_probability")(r, n) == hitting_time_oracle(r, n)


BAD_PASSAGE_ARGS = [
    (0, 4, ValueError, "r"),
    (-1, 4, ValueError, "r"),
    (1.0, 4, TypeError, "r"),
    (1, -1, ValueError, "n"),
    (1, 3.0, TypeError, "n"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("r", "n", "error", "match"), BAD_PASSAGE_ARGS)
def test_first_passage_rejects_bad_input(impl, r, n, error, match):
    with pytest.raises(error):
        impl("first_passage_probability")(r, n)


@pytest.mark.reference_only
@pytest.mark.parametrize(("r", "n", "error", "match"), BAD_PASSAGE_ARGS)
def test_first_passage_errors_name_the_argument(impl, r, n, error, match):
    with pytest.raises(error, match=match):
        impl("first_passage_probability")(r, n)


# ---------------------------------------------------------------------------
# Arcsine law
# ---------------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=60))
def test_last_visit_terms_sum_to_one_and_are_symmetric(impl, n):
    last_visit_probability = impl("last_visit_probability")
    terms = [last_visit_probability(k, n) for k in range(n + 1)]
    assert sum(terms) == 1
    assert terms == terms[::-1]
    assert terms == [u_oracle(2 * k) * u_oracle(2 * n - 2 * k) for k in range(n + 1)]


@given(st.integers(min_value=0, max_value=MAX_ENUMERATED // 2), st.data())
def test_last_visit_equals_path_enumeration(impl, n, data):
    k = data.draw(st.integers(min_value=0, max_value=n), label="k")

    def last_zero_at_2k(path):
        return max(i for i, s in enumerate(path) if s == 0) == 2 * k

    expected = enumerate_probability(2 * n, last_zero_at_2k)
    assert impl("last_visit_probability")(k, n) == expected


BAD_LAST_VISIT_ARGS = [
    (-1, 3, ValueError, "k"),
    (4, 3, ValueError, "k"),
    (1, -1, ValueError, "n"),
    (1.0, 3, TypeError, "k"),
    (1, "3", TypeError, "n"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("k", "n", "error", "match"), BAD_LAST_VISIT_ARGS)
def test_last_visit_rejects_bad_input(impl, k, n, error, match):
    with pytest.raises(error):
        impl("last_visit_probability")(k, n)


@pytest.mark.reference_only
@pytest.mark.parametrize(("k", "n", "error", "match"), BAD_LAST_VISIT_ARGS)
def test_last_visit_errors_name_the_argument(impl, k, n, error, match):
    with pytest.raises(error, match=match):
        impl("last_visit_probability")(k, n)


# ---------------------------------------------------------------------------
# Generating functions, term by term
# ---------------------------------------------------------------------------


@given(small_n)
def test_u_and_f_series_match_closed_forms(impl, n):
    coefficients = impl("generating_function_coefficients")
    u = coefficients("U", n)
    f = coefficients("F", n)
    assert len(u) == len(f) == n + 1
    assert u == [u_oracle(m) for m in range(n + 1)]
    assert f == [Fraction(0)] + [
        u_oracle(m) / (m - 1) if m % 2 == 0 else Fraction(0) for m in range(1, n + 1)
    ]


@given(small_n)
def test_u_equals_one_over_one_minus_f(impl, n):
    coefficients = impl("generating_function_coefficients")
    u, f = coefficients("U", n), coefficients("F", n)
    one_minus_f = [1 - f[0]] + [-c for c in f[1:]]
    assert series_product(u, one_minus_f) == [Fraction(1)] + [Fraction(0)] * n


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=60))
def test_first_passage_series_obeys_hitting_time_theorem(impl, r, n):
    phi = impl("generating_function_coefficients")("first_passage", n, r=r)
    assert phi == [hitting_time_oracle(r, m) for m in range(n + 1)]


@given(st.integers(min_value=1, max_value=6), st.integers(min_value=1, max_value=6), small_n)
def test_first_passage_series_multiply_phi_a_phi_b_is_phi_a_plus_b(impl, a, b, n):
    coefficients = impl("generating_function_coefficients")
    phi_a = coefficients("first_passage", n, r=a)
    phi_b = coefficients("first_passage", n, r=b)
    assert series_product(phi_a, phi_b) == coefficients("first_passage", n, r=a + b)


@given(small_n)
def test_f_is_s_times_phi_1(impl, n):
    # A first return is one step away from 0 followed by a first passage back.
    coefficients = impl("generating_function_coefficients")
    f = coefficients("F", n)
    phi_1 = coefficients("first_passage", n, r=1)
    assert f == [Fraction(0), *phi_1[:n]]


def test_first_passage_series_is_zero_below_r(impl):
    assert impl("generating_function_coefficients")("first_passage", 3, r=5) == [0, 0, 0, 0]


BAD_SERIES_ARGS = [
    (("G", 3), {}, ValueError, "'U', 'F', 'first_passage'"),
    ((3, 3), {}, TypeError, "name"),
    (("U", -1), {}, ValueError, "n"),
    (("U", 2.0), {}, TypeError, "n"),
    (("first_passage", 3), {}, ValueError, "r"),
    (("first_passage", 3), {"r": 0}, ValueError, "r"),
    (("first_passage", 3), {"r": 1.5}, TypeError, "r"),
    (("U", 3), {"r": 2}, ValueError, "r"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), BAD_SERIES_ARGS)
def test_generating_function_coefficients_rejects_bad_input(impl, args, kwargs, error, match):
    with pytest.raises(error):
        impl("generating_function_coefficients")(*args, **kwargs)


@pytest.mark.reference_only
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), BAD_SERIES_ARGS)
def test_generating_function_coefficients_errors_name_the_rule(impl, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        impl("generating_function_coefficients")(*args, **kwargs)


# ---------------------------------------------------------------------------
# simulate_walks
# ---------------------------------------------------------------------------


@given(
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=0, max_value=20),
    st.floats(min_value=0.0, max_value=1.0),
    st.integers(min_value=0, max_value=2**32),
)
def test_simulated_walks_start_at_zero_and_move_by_one(impl, n_steps, n_walks, p, seed):
    paths = impl("simulate_walks")(n_steps, n_walks, p, rng=seed)
    assert isinstance(paths, np.ndarray)
    assert paths.shape == (n_walks, n_steps + 1)
    assert np.issubdtype(paths.dtype, np.signedinteger)
    assert (paths[:, 0] == 0).all()
    assert (np.abs(np.diff(paths.astype(np.int64), axis=1)) == 1).all()


@pytest.mark.parametrize("n_steps", [127, 128, 40_000, 70_000])
def test_simulated_positions_do_not_overflow(impl, n_steps):
    paths = impl("simulate_walks")(n_steps, 2, 1.0, rng=0)
    assert paths[0, -1] == n_steps and paths[1, -1] == n_steps
    assert (impl("simulate_walks")(n_steps, 1, 0.0, rng=0)[0, -1]) == -n_steps


def test_simulate_walks_is_reproducible_and_leaves_global_state_alone(impl):
    simulate_walks = impl("simulate_walks")
    np.random.seed(12345)
    before = np.random.get_state()[1].copy()
    a = simulate_walks(50, 30, 0.3, rng=7)
    b = simulate_walks(50, 30, 0.3, rng=np.random.default_rng(7))
    assert np.array_equal(a, b)
    assert np.array_equal(np.random.get_state()[1], before)
    gen = np.random.default_rng(7)
    first, second = simulate_walks(50, 30, 0.3, rng=gen), simulate_walks(50, 30, 0.3, rng=gen)
    assert not np.array_equal(first, second), "a Generator is advanced, not reseeded"


@pytest.mark.parametrize("p", [0.5, 0.3, 0.85])
def test_mean_endpoint_is_n_times_2p_minus_1(impl, p):
    # Seeded z-test at significance 1e-6 (two-sided critical value 4.89): the
    # endpoint has mean n(2p - 1) and variance 4np(1 - p).
    n_steps, n_walks = 200, 20_000
    ends = impl("simulate_walks")(n_steps, n_walks, p, rng=2024)[:, -1].astype(np.float64)
    std_error = math.sqrt(4 * n_steps * p * (1 - p) / n_walks)
    z = (ends.mean() - n_steps * (2 * p - 1)) / std_error
    assert abs(z) < 4.89


@pytest.mark.parametrize("p", [Fraction(1, 2), Fraction(2, 5)])
def test_endpoint_histogram_fits_binomial_law(impl, p):
    # Seeded chi-square goodness-of-fit against the exact law, significance 1e-6;
    # bins with expected count < 5 are merged into their neighbour.
    scipy_stats = pytest.importorskip("scipy.stats")
    n_steps, n_walks = 16, 40_000
    ends = impl("simulate_walks")(n_steps, n_walks, float(p), rng=99)[:, -1]
    law = binomial_distribution(n_steps, p)
    observed, expected = [], []
    for x, prob in law.items():
        observed.append(int((ends == x).sum()))
        expected.append(float(prob) * n_walks)
    while expected[0] < 5:
        head_observed, head_expected = observed.pop(0), expected.pop(0)
        observed[0] += head_observed
        expected[0] += head_expected
    while expected[-1] < 5:
        tail_observed, tail_expected = observed.pop(), expected.pop()
        observed[-1] += tail_observed
        expected[-1] += tail_expected
    assert sum(observed) == n_walks
    assert scipy_stats.chisquare(observed, expected).pvalue > 1e-6


BAD_SIMULATE_ARGS = [
    ((-1, 3), {}, ValueError, "n_steps"),
    ((3, -1), {}, ValueError, "n_walks"),
    ((3.0, 3), {}, TypeError, "n_steps"),
    ((3, 3.5), {}, TypeError, "n_walks"),
    ((3, 3, 1.5), {}, ValueError, "p"),
    ((3, 3, -0.5), {}, ValueError, "p"),
    ((3, 3, float("nan")), {}, ValueError, "p"),
    ((3, 3, "0.5"), {}, TypeError, "p"),
    ((3, 3), {"rng": "seed"}, TypeError, "rng"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), BAD_SIMULATE_ARGS)
def test_simulate_walks_rejects_bad_input(impl, args, kwargs, error, match):
    with pytest.raises(error):
        impl("simulate_walks")(*args, **kwargs)


@pytest.mark.reference_only
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), BAD_SIMULATE_ARGS)
def test_simulate_walks_errors_name_the_argument(impl, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        impl("simulate_walks")(*args, **kwargs)


@settings(max_examples=20)
@given(st.integers(min_value=0, max_value=30))
def test_zero_walks_or_zero_steps_give_empty_or_zero_arrays(impl, n):
    simulate_walks = impl("simulate_walks")
    assert simulate_walks(n, 0, rng=1).shape == (0, n + 1)
    zero = simulate_walks(0, n, rng=1)
    assert zero.shape == (n, 1) and not zero.any()
