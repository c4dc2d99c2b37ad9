"""Properties of the stochastic-approximation routines.

Oracles, independent of the code under test:

* a closed form: for ``g(x) = x - θ + σξ`` and ``a_n = 1/n`` the Robbins–Monro
  iterate is ``x_n = θ - σ·mean(ξ_1..ξ_n)`` exactly, whatever ``x_0``; the noise
  ``ξ`` is replayed from a second Generator with the same seed (``g`` draws
  one normal per call, in order);
* a plain loop of the recursion ``x_n = x_{n-1} - a_n·g(x_{n-1})`` for other
  step schedules, and of gradient descent with step ``a/n`` for
  Kiefer–Wolfowitz on a noiseless quadratic (central differences are exact
  there);
* ``numpy.cumsum / numpy.arange`` for running means and Polyak averages;
* the asymptotic normal laws: ``√n(x_n - θ) → N(0, a²σ²/(2ak - 1))`` for
  Robbins–Monro with ``a_n = a/n`` and slope ``k``; for Kiefer–Wolfowitz with
  ``a_n = a/n``, ``c_n = c/n^(1/6)`` the error variance is about
  ``a²s²·n^(-2/3)/(2ak - 2/3)``, ``s² = σ²/(2c²)``.  Independent coordinates of a
  vector problem are independent replicates, so the sum of squared
  standardised errors is approximately χ² with ``dim`` degrees of freedom.

Statistical tests use fixed seeds; each states its significance level (the
probability that a correct implementation fails it, for a random seed).

Judge tiers (``practice/statements/stochastic_approx.py`` states the
constraints and how ``rng`` reaches ``g``/``f``): the recursions, averages and
statistical behaviour are core; bad input, warnings about the iterates and
the copies handed to ``g``/``f`` are contract; exact ``float``/float64 types
and error wording are reference-only.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

seeds = st.integers(0, 2**32 - 1)
reals = st.floats(-10, 10)


# One check, two tiers: the exception type (contract), then its wording on the
# reference only.
CONTRACT_THEN_WORDING = pytest.mark.parametrize(
    "wording",
    [
        pytest.param(False, id="type", marks=pytest.mark.contract),
        pytest.param(True, id="wording", marks=pytest.mark.reference_only),
    ],
)


def check_raises(error, pattern: str, wording: bool):
    """``pytest.raises(error)``, and its wording too in the reference-only variant."""
    return pytest.raises(error, match=pattern if wording else None)


def chi2_bounds(dof: int, alpha: float) -> tuple[float, float]:
    """Two-sided acceptance interval of a χ²(dof) statistic at significance ``alpha``."""
    return stats.chi2.ppf(alpha / 2, dof), stats.chi2.ppf(1 - alpha / 2, dof)


# ---------------------------------------------------------------------------
# robbins_monro: exact behaviour


@given(reals, st.floats(0.01, 5), reals, st.integers(0, 60), seeds)
def test_harmonic_steps_give_theta_minus_the_running_mean_of_the_noise(
    impl, theta, sigma, x0, n_steps, seed
):
    robbins_monro = impl("robbins_monro")
    path = robbins_monro(
        lambda x, rng: x - theta + sigma * rng.standard_normal(), x0, n_steps, rng=seed
    )
    xi = np.random.default_rng(seed).standard_normal(n_steps)
    expected = theta - sigma * np.cumsum(xi) / np.arange(1, n_steps + 1)
    assert path.shape == (n_steps + 1,) and np.issubdtype(path.dtype, np.floating)
    assert path[0] == x0
    np.testing.assert_allclose(path[1:], expected, rtol=1e-9, atol=1e-9)


@st.composite
def linear_problems(draw):
    """``g(x) = M(x - θ) + σξ`` with M symmetric positive definite, and a step schedule."""
    dim = draw(st.integers(1, 3))
    seed = draw(seeds)
    rng = np.random.default_rng(seed)
    B = rng.uniform(-1, 1, (dim, dim))
    M = B @ B.T + np.eye(dim)
    theta = np.array(draw(st.lists(reals, min_size=dim, max_size=dim)))
    x0 = np.array(draw(st.lists(reals, min_size=dim, max_size=dim)))
    a0 = draw(st.floats(0.01, 1.0))
    gamma = draw(st.floats(0.5, 1.0))
    sigma = draw(st.floats(0, 3))
    return M, theta, x0, a0, gamma, sigma, seed


@given(linear_problems(), st.integers(0, 40))
def test_iterates_follow_the_recursion_for_any_step_schedule(impl, problem, n_steps):
    robbins_monro = impl("robbins_monro")
    M, theta, x0, a0, gamma, sigma, seed = problem

    def g(x, rng):
        return M @ (x - theta) + sigma * rng.standard_normal(len(x))

    def step(n):
        return a0 / n**gamma

    path = robbins_monro(g, x0, n_steps, step=step, rng=seed)
    # the plain loop, with its own Generator on the same seed
    rng = np.random.default_rng(seed)
    x, expected = x0.copy(), [x0.copy()]
    for n in range(1, n_steps + 1):
        x = x - step(n) * (M @ (x - theta) + sigma * rng.standard_normal(len(x)))
        expected.append(x)
    assert path.shape == (n_steps + 1, len(x0))
    np.testing.assert_allclose(path, np.array(expected), rtol=1e-9, atol=1e-9)


@given(linear_problems(), st.integers(0, 40))
def test_polyak_average_is_the_running_mean_of_the_iterates_after_x0(impl, problem, n_steps):
    robbins_monro = impl("robbins_monro")
    M, theta, x0, a0, gamma, sigma, seed = problem

    def g(x, rng):
        return M @ (x - theta) + sigma * rng.standard_normal(len(x))

    def step(n):
        return a0 / n**gamma

    path = robbins_monro(g, x0, n_steps, step=step, rng=seed)
    averaged = robbins_monro(g, x0, n_steps, step=step, rng=seed, average=True)
    assert averaged.shape == path.shape
    np.testing.assert_array_equal(averaged[0], x0)
    expected = np.cumsum(path[1:], axis=0) / np.arange(1, n_steps + 1)[:, None]
    np.testing.assert_allclose(averaged[1:], expected, rtol=1e-9, atol=1e-9)


def test_same_seed_same_path_and_a_generator_is_used_in_place(impl):
    robbins_monro = impl("robbins_monro")

    def g(x, rng):
        return x - 1 + rng.standard_normal()

    np.testing.assert_array_equal(
        robbins_monro(g, 0.0, 50, rng=3), robbins_monro(g, 0.0, 50, rng=3)
    )
    gen = np.random.default_rng(3)
    first = robbins_monro(g, 0.0, 50, rng=gen)
    second = robbins_monro(g, 0.0, 50, rng=gen)  # the Generator has moved on
    np.testing.assert_array_equal(first, robbins_monro(g, 0.0, 50, rng=3))
    assert not np.array_equal(first, second)


@pytest.mark.parametrize(
    ("name", "fn"),
    [
        ("robbins_monro", lambda x, rng: x + rng.standard_normal()),
        ("kiefer_wolfowitz", lambda x, rng: x**2 + rng.standard_normal()),
    ],
)
def test_global_numpy_random_state_is_never_touched(impl, name, fn):
    state = np.random.get_state()[1].copy()
    impl(name)(fn, 1.0, 20)
    np.testing.assert_array_equal(np.random.get_state()[1], state)


def scalar_argument_types(impl) -> list[type]:
    seen = []

    def scalar_g(x, rng):
        seen.append(type(x))
        return x - 2.0

    impl("robbins_monro")(scalar_g, 1, 3)
    return seen


@pytest.mark.contract
def test_g_receives_a_float_for_a_scalar_problem(impl):
    assert all(issubclass(kind, float) for kind in scalar_argument_types(impl))


@pytest.mark.reference_only
def test_g_receives_exactly_a_python_float(impl):
    assert scalar_argument_types(impl) == [float] * 3


@pytest.mark.contract
def test_g_receives_a_private_copy_of_the_iterate(impl):
    robbins_monro = impl("robbins_monro")

    def vandal(x, rng):  # modifies its argument: must not corrupt the trajectory
        result = x - 2.0
        x[:] = 1e6
        return result

    x0 = np.array([0.0, 4.0])
    path = robbins_monro(vandal, x0, 2)
    np.testing.assert_array_equal(x0, [0.0, 4.0])
    np.testing.assert_allclose(path, [[0, 4], [2, 2], [2, 2]])


def test_zero_steps_return_only_the_start(impl):
    robbins_monro = impl("robbins_monro")
    np.testing.assert_array_equal(robbins_monro(lambda x, rng: x, 2.5, 0), [2.5])
    assert robbins_monro(lambda x, rng: x, [1, 2], 0, average=True).shape == (1, 2)


# ---------------------------------------------------------------------------
# robbins_monro: statistical behaviour


@pytest.mark.parametrize("seed", range(4))
def test_nonlinear_root_is_found_within_the_asymptotic_normal_bound(impl, seed):
    """g(x) = 2·tanh(x - θ) + σξ, a_n = 1/n: slope k = 2, √N(x_N - θ) → N(0, σ²/3).

    200 independent coordinates = 200 replicates.  Single coordinate:
    |x_N - θ| <= 4.9·σ/√(3N) (two-sided normal, significance 1e-6 each, 2e-4 for
    all 200); all together: Σ z² within the χ²(200) interval at significance 1e-4.
    """
    robbins_monro = impl("robbins_monro")
    dim, n, sigma, theta = 200, 4000, 1.5, 0.7
    path = robbins_monro(
        lambda x, rng: 2 * np.tanh(x - theta) + sigma * rng.standard_normal(dim),
        np.full(dim, 3.0),
        n,
        rng=seed,
    )
    sd = sigma / math.sqrt(3 * n)
    z = (path[-1] - theta) / sd
    assert np.abs(z).max() <= 4.9
    lo, hi = chi2_bounds(dim, 1e-4)
    assert lo <= (z**2).sum() <= hi


def test_scalar_root_within_the_asymptotic_bound(impl):
    """g(x) = x - θ + σξ with a_n = 1/n: x_N - θ ~ N(0, σ²/N) exactly; z = 3.89 is
    the two-sided 1e-4 significance level."""
    theta, sigma, n = -4.0, 2.0, 20_000
    path = impl("robbins_monro")(
        lambda x, rng: x - theta + sigma * rng.standard_normal(), 10.0, n, rng=2024
    )
    assert abs(path[-1] - theta) <= 3.89 * sigma / math.sqrt(n)


@pytest.mark.parametrize("seed", range(3))
def test_polyak_averaging_reduces_the_error_of_slowly_decaying_steps(impl, seed):
    """a_n = n^(-0.6), g = x - θ + σξ: the last iterate has variance ≈ a_N σ²/2
    (≈ 0.0118 here), the average ≈ σ²/N (0.0011).  Over 200 replicates the mean
    squared error of the average must be below half that of the last iterate;
    the averages' standardised errors must also pass a χ²(200) test at
    significance 1e-4 against the variance σ²/N (loosely: factor 1.3 either way
    for the finite-N transient)."""
    robbins_monro = impl("robbins_monro")
    dim, n, sigma, theta = 200, 2000, 1.5, 0.7

    def g(x, rng):
        return x - theta + sigma * rng.standard_normal(dim)

    def step(k):
        return k**-0.6

    last = robbins_monro(g, np.full(dim, 3.0), n, step=step, rng=seed)[-1]
    averaged = robbins_monro(g, np.full(dim, 3.0), n, step=step, rng=seed, average=True)[-1]
    mse_last = ((last - theta) ** 2).mean()
    mse_avg = ((averaged - theta) ** 2).mean()
    assert mse_avg < 0.5 * mse_last
    lo, hi = chi2_bounds(dim, 1e-4)
    statistic = ((averaged - theta) ** 2).sum() / (sigma**2 / n)
    assert lo / 1.3 <= statistic <= hi * 1.3


# ---------------------------------------------------------------------------
# incremental_mean


@given(st.lists(st.floats(-1e6, 1e6), max_size=200))
def test_incremental_mean_equals_cumsum_over_count(impl, samples):
    incremental_mean = impl("incremental_mean")
    got = incremental_mean(samples)
    n = len(samples)
    assert got.shape == (n,)
    if n:
        expected = np.cumsum(samples) / np.arange(1, n + 1)
        # both orders of summation err by about n·ε·max|s|
        atol = 1e-13 * n * max(abs(s) for s in samples) + 1e-300
        np.testing.assert_allclose(got, expected, rtol=1e-9, atol=atol)


@given(
    st.integers(1, 4).flatmap(
        lambda d: st.lists(st.lists(reals, min_size=d, max_size=d), min_size=1, max_size=50)
    )
)
def test_incremental_mean_of_vectors_is_the_columnwise_running_mean(impl, rows):
    got = impl("incremental_mean")(rows)
    arr = np.array(rows)
    expected = np.cumsum(arr, axis=0) / np.arange(1, len(arr) + 1)[:, None]
    assert got.shape == arr.shape
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)


def test_incremental_mean_examples_and_inputs_left_alone(impl):
    incremental_mean = impl("incremental_mean")
    np.testing.assert_array_equal(incremental_mean([2, 4, 9]), [2, 3, 5])
    samples = np.array([1.0, 2.0, 6.0])
    incremental_mean(samples)
    np.testing.assert_array_equal(samples, [1.0, 2.0, 6.0])
    assert np.shape(incremental_mean([])) == (0,)


@pytest.mark.contract  # beyond the stated |s| <= 10^6
def test_incremental_mean_of_huge_samples_does_not_overflow(impl):
    # no running sum: 1e308-sized samples do not overflow
    np.testing.assert_allclose(impl("incremental_mean")([1e308, 1e308, 1e308]), [1e308] * 3)


@pytest.mark.reference_only
def test_trajectories_and_means_are_float64(impl):
    assert impl("robbins_monro")(lambda x, rng: x - 1, 0, 3).dtype == np.float64
    assert impl("kiefer_wolfowitz")(lambda x, rng: x * x, 0, 3).dtype == np.float64
    assert impl("incremental_mean")([2, 4, 9]).dtype == np.float64
    assert impl("incremental_mean")([]).dtype == np.float64


# ---------------------------------------------------------------------------
# kiefer_wolfowitz


@given(st.integers(1, 3), seeds, st.floats(0.05, 0.4), st.floats(0.1, 2), st.integers(0, 30))
def test_kw_on_a_noiseless_quadratic_is_gradient_descent_with_step_a_over_n(
    impl, dim, seed, a, c, n_steps
):
    """Central differences are exact for quadratics: g = 2Mx + m."""
    kiefer_wolfowitz = impl("kiefer_wolfowitz")
    rng = np.random.default_rng(seed)
    B = rng.uniform(-1, 1, (dim, dim))
    M = B @ B.T / dim + np.eye(dim)  # eigenvalues in [1, 2]: a/n·2λ < 2
    m = rng.uniform(-3, 3, dim)
    x0 = rng.uniform(-3, 3, dim)
    path = kiefer_wolfowitz(lambda x, _: x @ M @ x + m @ x, x0, n_steps, a=a, c=c, rng=seed)
    x, expected = x0.copy(), [x0.copy()]
    for n in range(1, n_steps + 1):
        x = x - a / n * (2 * M @ x + m)
        expected.append(x)
    assert path.shape == (n_steps + 1, dim)
    # round-off of a difference quotient: about ε·|f|/c_n
    np.testing.assert_allclose(path, np.array(expected), rtol=1e-7, atol=1e-7)


@given(st.integers(1, 4), st.integers(1, 5), seeds)
def test_kw_probes_each_coordinate_symmetrically_about_the_iterate(impl, dim, n_steps, seed):
    """2·dim evaluations per step: x ± c_n·eᵢ for each i, centred on the current iterate."""
    kiefer_wolfowitz = impl("kiefer_wolfowitz")
    calls = []

    def f(x, rng):
        calls.append(np.array(x, dtype=float))
        return float(np.sum(x**2) + 0.1 * rng.standard_normal())

    x0 = np.random.default_rng(seed).uniform(-2, 2, dim)
    path = kiefer_wolfowitz(f, x0, n_steps, rng=seed)
    assert len(calls) == 2 * dim * n_steps
    for n in range(n_steps):
        probes = np.array(calls[2 * dim * n : 2 * dim * (n + 1)])
        centre = path[n]
        offsets = probes - centre
        # per coordinate: one probe on each side along eᵢ only
        for i in range(dim):
            pair = [o for o in offsets if abs(o[i]) > 1e-12]
            assert len(pair) == 2
            assert pair[0][i] == pytest.approx(-pair[1][i])
            others = np.delete(np.array(pair), i, axis=1)
            assert np.abs(others).max(initial=0.0) <= 1e-12


def kw_scalar_run(impl) -> tuple[np.ndarray, list[type]]:
    seen = []

    def f(x, rng):
        seen.append(type(x))
        return (x - 1) ** 2

    return impl("kiefer_wolfowitz")(f, 0, 10), seen


def test_kw_scalar_start_gives_a_1d_trajectory(impl):
    path, _ = kw_scalar_run(impl)
    assert path.shape == (11,)
    # noiseless quadratic: gradient descent with step 1/n on (x - 1)², from 0
    x, expected = 0.0, [0.0]
    for n in range(1, 11):
        x -= 2 * (x - 1) / n
        expected.append(x)
    np.testing.assert_allclose(path, expected, rtol=1e-9, atol=1e-12)


@pytest.mark.contract
def test_kw_scalar_start_gives_float_probes(impl):
    _, seen = kw_scalar_run(impl)
    assert all(issubclass(kind, float) for kind in seen)


@pytest.mark.reference_only
def test_kw_scalar_probes_are_exactly_python_floats(impl):
    _, seen = kw_scalar_run(impl)
    assert set(seen) == {float}


@pytest.mark.parametrize("seed", range(3))
def test_kw_converges_on_a_noisy_quadratic_with_the_predicted_spread(impl, seed):
    """f(x) = Σ(xᵢ - θ)² + σξ, a = c = 1, slope k = 2: Var(x_N - θ) ≈ 0.5σ²N^(-2/3)/(4 - 2/3).

    The 30 coordinates are independent replicates (each uses its own two
    evaluations per step); Σ z² must lie in the χ²(30) interval at
    significance 1e-4, widened by a factor 1.5 for the finite-N approximation.
    """
    kiefer_wolfowitz = impl("kiefer_wolfowitz")
    dim, n, sigma, theta = 30, 600, 1.0, 0.7
    path = kiefer_wolfowitz(
        lambda x, rng: float(((x - theta) ** 2).sum() + sigma * rng.standard_normal()),
        np.full(dim, 2.0),
        n,
        rng=seed,
    )
    variance = 0.5 * sigma**2 * n ** (-2 / 3) / (4 - 2 / 3)
    statistic = ((path[-1] - theta) ** 2).sum() / variance
    lo, hi = chi2_bounds(dim, 1e-4)
    assert lo / 1.5 <= statistic <= hi * 1.5


def test_kw_scalar_minimum_is_found(impl):
    """Scalar (x - 3)² + ξ: sd ≈ 0.022 at N = 5000 (formula above); bound 5 sd."""
    path = impl("kiefer_wolfowitz")(
        lambda x, rng: (x - 3) ** 2 + rng.standard_normal(), -5.0, 5000, rng=11
    )
    assert abs(path[-1] - 3) <= 5 * math.sqrt(0.5 * 5000 ** (-2 / 3) / (4 - 2 / 3))


# ---------------------------------------------------------------------------
# Bad input


def ok_g(x, rng):
    return x - 1.0


@CONTRACT_THEN_WORDING
@pytest.mark.parametrize(
    ("bad_value", "error"),
    [
        (0.0, ValueError),
        (-0.5, ValueError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (0, ValueError),
        (None, TypeError),
        ("0.1", TypeError),
        (1j, TypeError),
    ],
)
def test_a_bad_step_is_rejected_naming_step_and_n(impl, wording, bad_value, error):
    def step(n):
        return bad_value if n == 3 else 1 / n

    with check_raises(error, r"step\(3\)", wording):
        impl("robbins_monro")(ok_g, 0.0, 5, step=step)


@CONTRACT_THEN_WORDING
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"g": 3}, TypeError, "g"),
        ({"step": 0.1}, TypeError, "step"),
        ({"x0": float("nan")}, ValueError, "x0"),
        ({"x0": [1.0, float("inf")]}, ValueError, "x0"),
        ({"x0": [[1.0, 2.0]]}, ValueError, "x0"),
        ({"x0": []}, ValueError, "x0"),
        ({"x0": "1"}, TypeError, "x0"),
        ({"x0": None}, TypeError, "x0"),
        ({"n_steps": -1}, ValueError, "n_steps"),
        ({"n_steps": 2.0}, TypeError, "n_steps"),
        ({"n_steps": True}, TypeError, "n_steps"),
        ({"rng": "seed"}, TypeError, "rng"),
        ({"average": "yes"}, TypeError, "average"),
    ],
)
def test_bad_robbins_monro_arguments_are_rejected(impl, wording, kwargs, error, name):
    args = {"g": ok_g, "x0": 0.0, "n_steps": 5} | kwargs
    with check_raises(error, rf"\b{name}\b", wording):
        impl("robbins_monro")(**args)


@CONTRACT_THEN_WORDING
@pytest.mark.parametrize(
    ("g", "x0", "error"),
    [
        (lambda x, rng: float("nan"), 0.0, ValueError),
        (lambda x, rng: np.array([1.0, 2.0]), 0.0, ValueError),  # vector for a scalar x0
        (lambda x, rng: np.array([1.0]), [0.0, 0.0], ValueError),  # wrong length
        (lambda x, rng: "up", 0.0, TypeError),
        (lambda x, rng: None, 0.0, TypeError),
    ],
)
def test_a_bad_observation_from_g_is_rejected(impl, wording, g, x0, error):
    with check_raises(error, r"\bg\b", wording):
        impl("robbins_monro")(g, x0, 3)


@CONTRACT_THEN_WORDING
def test_diverging_iterates_raise_instead_of_returning_inf(impl, wording):
    with check_raises(ValueError, "overflow", wording):
        impl("robbins_monro")(lambda x, rng: x, 1.0, 3000, step=lambda n: 3.0)


@CONTRACT_THEN_WORDING
@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"f": None}, TypeError, "f"),
        ({"a": 0.0}, ValueError, "a"),
        ({"a": -1.0}, ValueError, "a"),
        ({"a": float("inf")}, ValueError, "a"),
        ({"c": 0.0}, ValueError, "c"),
        ({"c": float("nan")}, ValueError, "c"),
        ({"c": "1"}, TypeError, "c"),
        ({"x0": [float("nan")]}, ValueError, "x0"),
        ({"n_steps": -2}, ValueError, "n_steps"),
        ({"rng": 1.5}, TypeError, "rng"),
        ({"f": lambda x, rng: np.ones(2)}, ValueError, "f"),
        ({"f": lambda x, rng: float("inf")}, ValueError, "f"),
        ({"f": lambda x, rng: "low"}, TypeError, "f"),
    ],
)
def test_bad_kiefer_wolfowitz_arguments_are_rejected(impl, wording, kwargs, error, name):
    args = {"f": lambda x, rng: x**2, "x0": 1.0, "n_steps": 3} | kwargs
    with check_raises(error, rf"\b{name}\b", wording):
        impl("kiefer_wolfowitz")(**args)


@CONTRACT_THEN_WORDING
@pytest.mark.parametrize(
    ("samples", "error"),
    [
        ([1.0, float("nan")], ValueError),
        ([float("inf")], ValueError),
        (np.zeros((2, 2, 2)), ValueError),
        (5.0, ValueError),
        (["a", "b"], TypeError),
        ([1 + 2j], TypeError),
        (None, TypeError),
        ([[1.0, 2.0], [3.0]], ValueError),
    ],
)
def test_bad_samples_are_rejected_naming_samples(impl, wording, samples, error):
    with check_raises(error, "samples", wording):
        impl("incremental_mean")(samples)
