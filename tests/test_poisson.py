"""Tests for ``mathlab.poisson``: probabilities, the sampler and the two Poisson processes.

Oracles, none of them sharing the implementation's algorithms:

* ``tests.oracles_poisson``: mpmath at 60 digits straight from the definitions
  (``λ^k e^{−λ}/k!``, and quadrature of the gamma integral for the CDF), valid
  for every λ up to 1e15;
* SciPy where it is accurate: ``poisson.pmf`` to within its own rounding error
  (``k·log λ − λ − gammaln(k+1)`` loses ~``1e-16·k·log λ``) and ``poisson.cdf``
  for λ <= 1e5 (its tails are off by 5e-6 relative at λ = 1e6 and by 35 % at
  1e8, as measured against the mpmath oracle);
* exact identities: ``Σ_k pmf(k) = 1``, ``pmf(k) = 0`` for ``k < 0``, the point
  mass at λ = 0;
* statistical tests with fixed seeds: Pearson's χ² (``scipy.stats.chisquare``
  on bins built by a plain loop), Kolmogorov–Smirnov (``scipy.stats.kstest``)
  and the third cumulant (Fisher's ``k₃``, whose variance is exact for Poisson).
  Each states its significance level; a wrong sampler must fail them (the
  negative controls check that they have the power to notice).  They test the
  law of the samples only, so a correct sampler of any algorithm passes.

Judge tiers (``practice/statements/poisson.py`` states the constraints):
core tests hold a learner to the stated relative tolerance ``1e-6`` for
``λ <= 10^15`` (pmf), ``λ <= 10^6`` (cdf) and ``λ <= 10^9`` (sampler); the
same properties at our own accuracy (Loader's pmf, Temme's expansion for the
cdf up to ``λ = 10^15``) are reference-only twins.  Bad-input types, array
means and means up to ``2^52`` are contract; error wording, exact ``float``/
``int64`` types and our limits (``λ <= 2^52``, ``10^8`` expected arrivals)
are reference-only.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.oracles_poisson import chi_square_bins, mp_cdf_by_sum, mp_pmf, mp_smaller_tail

EPS = 2.220446049250313e-16
# Significance level of every statistical test below: a correct sampler fails
# one with probability 1e-4 (with the fixed seeds here, it never does).
ALPHA = 1e-4
MAX_SAMPLE_LAM = 2.0**52  # the documented largest λ of sample_poisson
# The statements' tolerance: a learner's pmf and cdf are judged to this relative error.
STATED_RTOL = 1e-6
PROBABILITIES = ["poisson_pmf", "poisson_cdf"]


def tolerances(stated, ours):
    """Run a property twice: at the statement's tolerance (core) and at ours (reference-only)."""
    return pytest.mark.parametrize(
        "rtol",
        [
            pytest.param(stated, id="stated"),
            pytest.param(ours, id="ours", marks=pytest.mark.reference_only),
        ],
    )


# λ log-uniform over [1e-3, 1e15], and counts k = λ + z·√λ (+ a small shift so
# that small λ also meets k > 0): the bulk and both tails, down to underflow.
lams = st.floats(min_value=-3.0, max_value=15.0).map(lambda e: 10.0**e)
zs = st.floats(min_value=-40.0, max_value=40.0)
shifts = st.integers(min_value=0, max_value=20)


def count_near(lam: float, z: float, shift: int) -> int:
    return max(0, round(lam + z * math.sqrt(lam))) + shift


def assert_relatively_close(got: float, want, rtol: float) -> None:
    """``got`` within ``rtol`` of the mpmath value ``want`` (or both below 1e-300)."""
    want = float(want) if want >= 1e-300 else 0.0
    if want == 0.0:
        assert got <= 1e-290, (got, want)
    else:
        assert abs(got - want) <= rtol * want, (got, want, abs(got - want) / want)


def pmf_rtol(want) -> float:
    # Loader's form errs by a few ulps of the exponent: ~2e-15·(10 + |ln pmf|).
    magnitude = -math.log(float(want)) if want >= 1e-300 else 0.0
    return 2e-15 * (10 + magnitude)


# ---------------------------------------------------------------------------
# poisson_pmf
# ---------------------------------------------------------------------------


@tolerances(lambda want: STATED_RTOL, pmf_rtol)
@given(lams, zs, shifts)
def test_pmf_matches_mpmath_for_every_lam_up_to_1e15(impl, rtol, lam, z, shift):
    poisson_pmf = impl("poisson_pmf")
    k = count_near(lam, z, shift)
    want = mp_pmf(k, lam)
    assert_relatively_close(poisson_pmf(k, lam), want, rtol(want))


# Where SciPy gives up: the exact log pmf vs scipy.stats.poisson.logpmf (1.17),
#   λ = 1e15, k = 10^15:         exact −18.188326730660, SciPy −16.0
#   λ = 1e15, k = 10^15 + 10^8:  exact −23.188326613993, SciPy −20.0
#   λ = 1e13, k = 10^13:         exact −15.885741637666, SciPy −15.875
# (k·log λ ≈ 3.5e16 minus λ + lgamma(k+1) ≈ 3.5e16 leaves only rounding noise.)
@tolerances(STATED_RTOL, 1e-12)
@pytest.mark.parametrize("lam", [1e12, 1e13, 1e15])
@pytest.mark.parametrize("z", [-38.0, -10.0, -3.0, -0.5, 0.0, 0.5, 3.0, 10.0, 38.0])
def test_pmf_is_accurate_at_huge_lam_where_scipy_loses_every_digit(impl, rtol, lam, z):
    # The point of the exercise: k·log λ − λ − log k! cancels to noise here.
    poisson_pmf = impl("poisson_pmf")
    k = round(lam + z * math.sqrt(lam))
    want = mp_pmf(k, lam)
    assert_relatively_close(poisson_pmf(k, lam), want, rtol)


@tolerances(STATED_RTOL, 1e-13)
@given(
    st.floats(min_value=-3.0, max_value=5.0).map(lambda e: 10.0**e),
    st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=20),
)
def test_pmf_of_an_array_matches_scipy_within_scipys_own_rounding(impl, rtol, lam, ks):
    poisson_pmf = impl("poisson_pmf")
    k = np.array(ks)
    got = poisson_pmf(k, lam)
    assert isinstance(got, np.ndarray) and got.shape == k.shape
    want = scipy.stats.poisson.pmf(k, lam)
    # SciPy's log pmf carries an absolute error of a few ulps of its largest term.
    scipy_error = 4 * EPS * (k * abs(math.log(lam)) + lam + scipy.special.gammaln(k + 1.0))
    tol = (rtol + scipy_error) * want
    tiny = want < 1e-290
    assert np.all(np.abs(got - want)[~tiny] <= tol[~tiny])
    assert np.all(got[tiny] <= 1e-280)


@tolerances(STATED_RTOL, 1e-13)
@given(st.floats(min_value=0.0, max_value=1e3))
def test_pmf_sums_to_one(impl, rtol, lam):
    poisson_pmf = impl("poisson_pmf")
    top = int(lam + 40 * math.sqrt(lam) + 40)  # the mass beyond is below 1e-30
    assert abs(math.fsum(np.asarray(poisson_pmf(np.arange(top + 1), lam)).tolist()) - 1.0) < rtol


def test_pmf_at_lam_zero_is_the_point_mass_at_zero(impl):
    poisson_pmf = impl("poisson_pmf")
    assert poisson_pmf(0, 0.0) == 1.0
    assert poisson_pmf(0, 0) == 1.0
    assert poisson_pmf(1, 0.0) == 0.0
    assert poisson_pmf(10**6, 0.0) == 0.0
    assert poisson_pmf(np.array([0, 1, 2]), 0.0).tolist() == [1.0, 0.0, 0.0]


@pytest.mark.parametrize("name", PROBABILITIES)
@given(
    st.integers(min_value=-(10**18), max_value=-1),
    st.one_of(st.just(0.0), st.floats(min_value=-3.0, max_value=6.0).map(lambda e: 10.0**e)),
)
def test_pmf_and_cdf_are_zero_for_negative_k(impl, name, k, lam):
    assert impl(name)(k, lam) == 0.0


@tolerances(STATED_RTOL, 1e-15)
def test_pmf_small_cases_by_hand(impl, rtol):
    poisson_pmf = impl("poisson_pmf")
    assert poisson_pmf(0, 1.0) == pytest.approx(math.exp(-1), rel=rtol)
    assert poisson_pmf(2, 3.0) == pytest.approx(4.5 * math.exp(-3), rel=rtol)
    assert poisson_pmf(3, 2) == pytest.approx(8 / 6 * math.exp(-2), rel=rtol)  # an int λ


@pytest.mark.parametrize("name", PROBABILITIES)
def test_pmf_and_cdf_return_a_float_for_an_int_and_an_array_of_the_same_shape(impl, name):
    fn = impl(name)
    assert isinstance(fn(3, 2.0), float)
    grid = np.arange(12).reshape(3, 4)
    out = fn(grid, 2.0)
    assert isinstance(out, np.ndarray) and out.shape == (3, 4)
    assert np.issubdtype(out.dtype, np.floating)
    want = getattr(scipy.stats.poisson, name.removeprefix("poisson_"))(grid, 2.0)
    np.testing.assert_allclose(out, want, rtol=STATED_RTOL)


@pytest.mark.contract
@pytest.mark.parametrize("name", PROBABILITIES)
def test_pmf_and_cdf_accept_numpy_ints_lists_integral_floats_and_empty_arrays(impl, name):
    fn = impl(name)
    assert isinstance(fn(np.int32(3), 2.0), float)
    assert fn(3.0, 2) == pytest.approx(fn(3, 2.0), rel=1e-12)  # 3.0 is an integer
    assert np.shape(fn([1, 2], 2.0)) == (2,)
    assert np.shape(fn(np.array([1.0, 2.0]), 2.0)) == (2,)  # integral floats accepted
    assert np.shape(fn(np.array([], dtype=np.int64), 2.0)) == (0,)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", PROBABILITIES)
def test_pmf_and_cdf_return_exactly_float_and_float64(impl, name):
    fn = impl(name)
    assert type(fn(3, 2.0)) is float
    assert type(fn(np.int32(3), 2.0)) is float
    assert fn(np.arange(12).reshape(3, 4), 2.0).dtype == np.float64


@pytest.mark.contract
@pytest.mark.parametrize(
    ("name", "k", "lam", "expected"),
    [
        ("poisson_pmf", 10**400, 1e15, 0.0),
        ("poisson_pmf", -(10**400), 3.0, 0.0),
        ("poisson_cdf", 10**400, 1e6, 1.0),
        ("poisson_cdf", -(10**400), 3.0, 0.0),
    ],
)
def test_pmf_and_cdf_handle_counts_beyond_float_range(impl, name, k, lam, expected):
    assert impl(name)(k, lam) == expected


@pytest.mark.reference_only
def test_cdf_handles_counts_beyond_float_range_at_huge_lam(impl):
    assert impl("poisson_cdf")(10**400, 1e15) == 1.0


@pytest.mark.parametrize("name", PROBABILITIES)
@pytest.mark.parametrize("dtype", [np.int64, np.int32])
def test_pmf_and_cdf_do_not_mutate_their_input(impl, name, dtype):
    # Negative counts too (probability 0): "clamping" them in place is a mutation.
    big = 10**18 if dtype is np.int64 else 2**31 - 1
    k = np.array([[3, -2, 0, -big], [1, big, -1, 5]], dtype=dtype)
    before = k.copy()
    impl(name)(k, 2.5)
    assert np.array_equal(k, before) and k.dtype == before.dtype


@pytest.mark.contract  # integral floats are beyond the statement's arrays of ints
@pytest.mark.parametrize("name", PROBABILITIES)
def test_pmf_and_cdf_do_not_mutate_an_array_of_integral_floats(impl, name):
    k = np.array([3.0, -2.0, 0.0, -7.0, 1e15])
    before = k.copy()
    impl(name)(k, 2.5)
    assert np.array_equal(k, before) and k.dtype == before.dtype


# ---------------------------------------------------------------------------
# poisson_cdf
# ---------------------------------------------------------------------------


@tolerances(STATED_RTOL, 1e-11)
@given(st.floats(min_value=-3.0, max_value=5.0).map(lambda e: 10.0**e), zs, shifts)
def test_cdf_matches_scipy_for_lam_up_to_1e5(impl, rtol, lam, z, shift):
    poisson_cdf = impl("poisson_cdf")
    k = count_near(lam, z, shift)
    want = scipy.stats.poisson.cdf(k, lam)
    got = poisson_cdf(k, lam)
    if want < 1e-290:
        assert got < 1e-280
    else:  # SciPy itself is good to a few 1e-12 here
        assert got == pytest.approx(want, rel=rtol)


def assert_cdf_close(got: float, k: int, lam: float, rtol: float) -> None:
    """``got`` within ``rtol`` of the mpmath ``P(X <= k)``: of the small tail itself if k <= λ."""
    side, tail = mp_smaller_tail(k, lam)
    if side == "cdf":  # k <= λ: the small left tail itself, to rtol relative
        assert_relatively_close(got, tail, rtol)
    else:  # k > λ: 1 − (small right tail), to an ulp of 1 plus the tail's error
        assert abs(got - float(1 - tail)) <= EPS + rtol * float(tail)


@settings(max_examples=40)  # each example integrates in 60-digit arithmetic (~20 ms)
@given(st.floats(min_value=-3.0, max_value=6.0).map(lambda e: 10.0**e), zs, shifts)
def test_cdf_matches_mpmath_quadrature_in_both_tails_for_lam_up_to_1e6(impl, lam, z, shift):
    k = count_near(lam, z, shift)
    assert_cdf_close(impl("poisson_cdf")(k, lam), k, lam, STATED_RTOL)


@pytest.mark.parametrize("z", [-38.0, -10.0, -3.0, -0.5, 0.0, 0.5, 3.0, 10.0, 38.0])
def test_cdf_is_accurate_at_the_largest_stated_lam(impl, z):
    lam = 1e6
    k = round(lam + z * math.sqrt(lam))
    assert_cdf_close(impl("poisson_cdf")(k, lam), k, lam, STATED_RTOL)


@pytest.mark.reference_only  # λ up to 1e15, beyond the statement's 1e6: Temme's expansion
@settings(max_examples=40)  # each example integrates in 60-digit arithmetic (~20 ms)
@given(lams, zs, shifts)
def test_cdf_matches_mpmath_quadrature_in_both_tails_for_every_lam_up_to_1e15(impl, lam, z, shift):
    poisson_cdf = impl("poisson_cdf")
    k = count_near(lam, z, shift)
    got = poisson_cdf(k, lam)
    side, tail = mp_smaller_tail(k, lam)
    if side == "cdf":  # k <= λ: the small left tail itself, to ~1e-12 relative
        assert_relatively_close(got, tail, 1e-12)
    else:  # k > λ: 1 − (small right tail), to an ulp of 1 plus the tail's error
        assert abs(got - float(1 - tail)) <= EPS + 1e-12 * float(tail)


@pytest.mark.reference_only  # beyond the statement's λ <= 1e6
@pytest.mark.parametrize("lam", [1e12, 1e13, 1e15])
@pytest.mark.parametrize("z", [-38.0, -10.0, -3.0, -0.5, 0.0, 0.5, 3.0, 10.0, 38.0])
def test_cdf_is_accurate_at_huge_lam(impl, lam, z):
    poisson_cdf = impl("poisson_cdf")
    k = round(lam + z * math.sqrt(lam))
    got = poisson_cdf(k, lam)
    side, tail = mp_smaller_tail(k, lam)
    if side == "cdf":
        assert_relatively_close(got, tail, 1e-12)
    else:
        assert abs(got - float(1 - tail)) <= EPS + 1e-12 * float(tail)


@tolerances(STATED_RTOL, 1e-13)
@given(st.floats(min_value=0.0, max_value=200.0), st.integers(min_value=0, max_value=300))
def test_cdf_is_the_running_sum_of_the_pmf(impl, rtol, lam, k):
    total = float(mp_cdf_by_sum(k, lam))  # the terms λ^j e^{−λ}/j! added up in 60 digits
    assert impl("poisson_cdf")(k, lam) == pytest.approx(total, rel=rtol, abs=1e-300)


def test_cdf_at_lam_zero_is_one_from_zero_on(impl):
    poisson_cdf = impl("poisson_cdf")
    assert poisson_cdf(0, 0.0) == 1.0
    assert poisson_cdf(7, 0.0) == 1.0
    assert poisson_cdf(-1, 0.0) == 0.0


@tolerances(STATED_RTOL, 1e-15)
def test_cdf_small_cases_by_hand(impl, rtol):
    poisson_cdf = impl("poisson_cdf")
    assert poisson_cdf(0, 2.0) == pytest.approx(math.exp(-2), rel=rtol)
    assert poisson_cdf(1, 2.0) == pytest.approx(3 * math.exp(-2), rel=rtol)
    assert poisson_cdf(2, 1.0) == pytest.approx(2.5 * math.exp(-1), rel=rtol)


# ---------------------------------------------------------------------------
# Bad input for pmf and cdf
# ---------------------------------------------------------------------------

BAD_K = [
    (2.5, ValueError),
    (float("nan"), ValueError),
    (float("inf"), ValueError),
    (np.array([1.0, 2.5]), ValueError),
    (np.array([1.0, np.nan]), ValueError),
    ("3", TypeError),
    (True, TypeError),
    (None, TypeError),
    (np.array(["a", "b"]), TypeError),
    (np.array([True, False]), TypeError),
]
BAD_LAM = [
    (-1.0, ValueError),
    (-1e-300, ValueError),
    (float("nan"), ValueError),
    (float("inf"), ValueError),
    ("1", TypeError),
    (None, TypeError),
    (True, TypeError),
]


@pytest.mark.contract
@pytest.mark.parametrize("name", PROBABILITIES)
@pytest.mark.parametrize(("k", "error"), BAD_K)
def test_pmf_and_cdf_reject_a_bad_k(impl, name, k, error):
    with pytest.raises(error):
        impl(name)(k, 2.0)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", PROBABILITIES)
@pytest.mark.parametrize(("k", "error"), BAD_K)
def test_pmf_and_cdf_reject_a_bad_k_naming_it(impl, name, k, error):
    with pytest.raises(error, match="k"):
        impl(name)(k, 2.0)


@pytest.mark.contract
@pytest.mark.parametrize("name", PROBABILITIES)
@pytest.mark.parametrize(("lam", "error"), BAD_LAM)
def test_pmf_and_cdf_reject_a_bad_lam(impl, name, lam, error):
    with pytest.raises(error):
        impl(name)(3, lam)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", PROBABILITIES)
@pytest.mark.parametrize(("lam", "error"), BAD_LAM)
def test_pmf_and_cdf_reject_a_bad_lam_naming_it(impl, name, lam, error):
    with pytest.raises(error, match="lam"):
        impl(name)(3, lam)


# ---------------------------------------------------------------------------
# sample_poisson
# ---------------------------------------------------------------------------


def scipy_gof_pvalue(samples: np.ndarray, lam: float) -> float:
    """Pearson's χ² p-value from SciPy on the documented bins, built by a plain loop."""
    lo = int(samples.min())
    probs = scipy.stats.poisson.pmf(np.arange(lo, samples.max() + 1), lam).tolist()
    observed, expected = chi_square_bins(samples.tolist(), lambda k: probs[k - lo])
    return float(scipy.stats.chisquare(observed, expected).pvalue)


# Small means (Knuth's range, and both sides of our method switch at 10) and
# large ones up to the statement's 1e9 (λ = 1e6 is the point of the exercise).
@pytest.mark.parametrize("lam", [0.3, 3.0, 9.99, 10.0, 42.0, 1e4, 1e6, 1e8])
def test_samples_pass_the_chi_square_test(impl, lam):
    samples = impl("sample_poisson")(lam, size=100_000, rng=20240601)
    assert isinstance(samples, np.ndarray) and samples.shape == (100_000,)
    assert np.issubdtype(samples.dtype, np.integer)
    assert scipy_gof_pvalue(samples, lam) > ALPHA


@pytest.mark.parametrize(("lam", "wrong"), [(3.0, 3.1), (10.0, 10.2), (1e4, 1.001e4)])
def test_chi_square_rejects_samples_of_the_wrong_lam(impl, lam, wrong):
    # Negative control: the test above has the power to notice a 1-3 % error in λ.
    samples = impl("sample_poisson")(lam, size=100_000, rng=7)
    assert scipy_gof_pvalue(samples, wrong) < ALPHA


@pytest.mark.parametrize("lam", [1e6, 1e9])
def test_samples_at_large_lam_are_normal_after_standardising(impl, lam):
    # Poisson(λ) is N(λ, λ) up to skewness 1/√λ <= 1e-3 here, below what KS can
    # see with 20 000 samples (the largest CDF gap it causes is ~1e-4); level ALPHA.
    samples = np.asarray(impl("sample_poisson")(lam, size=20_000, rng=5))
    z = (samples - round(lam)).astype(np.float64) / math.sqrt(lam)
    assert scipy.stats.kstest(z + 0.5 / math.sqrt(lam), "norm").pvalue > ALPHA


def third_cumulant_z(samples: np.ndarray, lam: float) -> float:
    """``(k₃ − λ)/sd(k₃)``: the z-score of the sample third cumulant of Poisson(λ) samples.

    ``k₃`` is Fisher's unbiased estimator of the third cumulant, and every
    cumulant of Poisson(λ) is ``λ``, so Fisher's exact variance
    ``κ₆/n + 9κ₂κ₄/(n−1) + 9κ₃²/(n−1) + 6nκ₂³/((n−1)(n−2))`` of ``k₃`` is known.
    A normal approximation ``round(λ + √λ·Z)`` has ``κ₃ ≈ 0`` instead: its z
    is about ``−√(n/(6λ))``.
    """
    n = samples.size
    dev = (samples - round(lam)).astype(np.float64)  # exact in int64, then small
    dev -= dev.mean()
    k3 = n * n / ((n - 1) * (n - 2)) * float(np.mean(dev**3))
    var = (lam + 18 * lam**2 * n / (n - 1) + 6 * lam**3 * n * n / ((n - 1) * (n - 2))) / n
    return (k3 - lam) / math.sqrt(var)


def test_samples_at_lam_1000_have_the_poisson_skewness(impl):
    # The skewness 1/√λ ≈ 0.032 at λ = 1000 is below what χ² and KS see, but a
    # normal approximation drops it.  6·10^5 samples (three calls of the stated
    # at most 2·10^5) from one Generator: a rounded normal gives z ≈ −10, a
    # correct sampler |z| < 4.5 (two-sided level 7e-6).
    lam, rng = 1000.0, np.random.default_rng(20240601)
    samples = np.concatenate([impl("sample_poisson")(lam, size=200_000, rng=rng) for _ in range(3)])
    z = third_cumulant_z(samples, lam)
    assert abs(z) < 4.5, f"third cumulant {z:+.1f} standard errors from λ (Poisson: κ₃ = λ)"


@pytest.mark.contract  # beyond the statement's λ <= 1e9
def test_samples_at_the_largest_lam_have_the_right_mean_variance_and_parity(impl):
    n = 200_000
    samples = impl("sample_poisson")(MAX_SAMPLE_LAM, size=n, rng=11)
    dev = (samples - int(MAX_SAMPLE_LAM)).astype(np.float64)  # exact: int64 arithmetic
    # Each check is a z-test at |z| < 4.9, two-sided level 1e-6 (normal approximation).
    assert abs(dev.mean()) < 4.9 * math.sqrt(MAX_SAMPLE_LAM / n)
    # Var(sample variance) ≈ 2σ⁴/n for this nearly normal distribution.
    assert abs(dev.var(ddof=1) / MAX_SAMPLE_LAM - 1) < 4.9 * math.sqrt(2 / n)
    # Odd counts about half the time: above 2^53 doubles near λ would all be even.
    assert abs((samples % 2).mean() - 0.5) < 4.9 * math.sqrt(0.25 / n)


@pytest.mark.contract  # beyond the statement's λ <= 1e9
@pytest.mark.parametrize("lam", [1e12, 1e15, MAX_SAMPLE_LAM])
def test_samples_at_huge_lam_are_normal_after_standardising(impl, lam):
    # Poisson(λ) is N(λ, λ) up to skewness 1/√λ < 1e-6 here, far below what KS
    # can see with 20 000 samples; level ALPHA.
    samples = impl("sample_poisson")(lam, size=20_000, rng=5)
    z = (samples - round(lam)).astype(np.float64) / math.sqrt(lam)
    assert scipy.stats.kstest(z, "norm").pvalue > ALPHA


@given(
    st.one_of(st.floats(min_value=0.0, max_value=20.0), st.floats(min_value=20.0, max_value=1e9)),
    st.integers(min_value=0, max_value=2**32),
)
def test_sample_mean_is_within_six_standard_errors_of_lam(impl, lam, seed):
    # The sum of n samples is Poisson(nλ): a two-sided test at level 2e-9 per
    # example (|z| < 6).  Exact Poisson tails while nλ <= 1e5, where SciPy's
    # are accurate and the normal approximation is not (at λ = 1e-5 a single
    # 1 among 2000 samples is a 2 % event, yet 7 standard errors away); the
    # normal one beyond, where the skewness 1/√(nλ) < 0.003 no longer matters.
    n = 2_000
    samples = impl("sample_poisson")(lam, size=n, rng=seed)
    assert np.issubdtype(samples.dtype, np.integer) and samples.min() >= 0
    total, mean = int(samples.sum()), n * lam
    if mean <= 1e5:
        assert scipy.stats.poisson.cdf(total, mean) > 1e-9
        assert scipy.stats.poisson.sf(total - 1, mean) > 1e-9
    else:
        assert abs(total - mean) <= 6 * math.sqrt(mean)


@given(st.floats(min_value=0.0, max_value=1e6), st.integers(min_value=0, max_value=2**32))
def test_the_same_seed_gives_the_same_samples(impl, lam, seed):
    sample_poisson = impl("sample_poisson")
    first = sample_poisson(lam, size=50, rng=seed)
    again = sample_poisson(lam, size=50, rng=np.random.default_rng(seed))
    assert np.array_equal(first, again)


def test_the_generator_advances_between_calls(impl):
    rng = np.random.default_rng(3)
    a = impl("sample_poisson")(30.0, size=100, rng=rng)
    b = impl("sample_poisson")(30.0, size=100, rng=rng)
    assert not np.array_equal(a, b)  # equal with probability < 1e-100


def test_lam_zero_gives_zeros(impl):
    sample_poisson = impl("sample_poisson")
    out = sample_poisson(0.0, size=(2, 3), rng=1)
    assert np.issubdtype(out.dtype, np.integer) and out.shape == (2, 3) and not out.any()
    assert sample_poisson(0, rng=1) == 0


def test_sample_shapes_and_scalar_result(impl):
    sample_poisson = impl("sample_poisson")
    for lam in (5.0, 5e6):
        one = sample_poisson(lam, rng=1)
        assert isinstance(one, numbers.Integral) and not isinstance(one, bool) and one >= 0
    assert sample_poisson(5.0, size=0, rng=1).shape == (0,)
    assert sample_poisson(5.0, size=(4, 0), rng=1).shape == (4, 0)
    assert sample_poisson(50.0, size=(3, 4), rng=1).shape == (3, 4)


@pytest.mark.reference_only
def test_samples_are_int64_and_a_single_sample_is_a_python_int(impl):
    sample_poisson = impl("sample_poisson")
    assert type(sample_poisson(5.0, rng=1)) is int
    assert type(sample_poisson(1e6, rng=1)) is int
    for lam in (0.0, 3.0, 1e6):
        assert sample_poisson(lam, size=(2, 3), rng=1).dtype == np.int64


@pytest.mark.contract  # the statement's lam is one number
def test_an_array_of_lam_broadcasts_and_each_column_has_its_own_law(impl):
    lam = np.array([0.0, 0.5, 7.0, 10.0, 300.0, 1e6])
    before = lam.copy()
    samples = impl("sample_poisson")(lam, size=(20_000, lam.size), rng=99)
    assert samples.shape == (20_000, lam.size) and samples.dtype == np.int64
    assert np.array_equal(lam, before)  # not mutated
    assert not samples[:, 0].any()
    for j in range(1, lam.size):  # each column: χ² at level ALPHA
        assert scipy_gof_pvalue(samples[:, j], lam[j]) > ALPHA
    assert impl("sample_poisson")(lam, rng=1).shape == lam.shape


BAD_SAMPLE_ARGS = [
    ({"lam": -1.0}, ValueError, "lam"),
    ({"lam": float("nan")}, ValueError, "lam"),
    ({"lam": float("inf")}, ValueError, "lam"),
    ({"lam": "3"}, TypeError, "lam"),
    ({"lam": None}, TypeError, "lam"),
    ({"lam": np.array([1.0, -2.0])}, ValueError, "lam"),
    ({"lam": np.array([1.0, np.nan])}, ValueError, "lam"),
    ({"lam": np.array([1.0, np.inf])}, ValueError, "lam"),
    ({"lam": np.array(["a"])}, TypeError, "lam"),
    ({"lam": np.array([1.0, 2.0]), "size": 3}, ValueError, "lam"),
    ({"lam": 3.0, "size": -1}, ValueError, "size"),
    ({"lam": 3.0, "size": 2.5}, TypeError, "size"),
    ({"lam": 3.0, "size": (2, -1)}, ValueError, "size"),
    ({"lam": 3.0, "rng": "seed"}, TypeError, "rng"),
]


@pytest.mark.contract
@pytest.mark.parametrize(("kwargs", "error", "name"), BAD_SAMPLE_ARGS)
def test_sample_poisson_rejects_bad_arguments(impl, kwargs, error, name):
    with pytest.raises(error):
        impl("sample_poisson")(**kwargs)


@pytest.mark.reference_only
@pytest.mark.parametrize(
    ("kwargs", "error", "name"), [*BAD_SAMPLE_ARGS, ({"lam": 2.0**53}, ValueError, "lam")]
)
def test_sample_poisson_rejects_bad_arguments_naming_them(impl, kwargs, error, name):
    # Our limit λ <= 2^52: above 2^53 doubles near λ skip integers.
    with pytest.raises(error, match=name):
        impl("sample_poisson")(**kwargs)


# ---------------------------------------------------------------------------
# The two Poisson processes
# ---------------------------------------------------------------------------

PROCESSES = ["poisson_process", "poisson_process_conditional"]


@pytest.mark.parametrize("name", PROCESSES)
@given(
    st.floats(min_value=0.0, max_value=50.0),
    st.floats(min_value=0.0, max_value=20.0),
    st.integers(min_value=0, max_value=2**32),
)
def test_arrivals_are_sorted_times_inside_the_window(impl, name, rate, t_end, seed):
    times = impl(name)(rate, t_end, rng=seed)
    assert isinstance(times, np.ndarray) and times.ndim == 1
    assert np.issubdtype(times.dtype, np.floating)
    assert np.all(np.diff(times) >= 0)
    assert np.all((times >= 0) & (times <= t_end))
    if rate == 0 or t_end == 0:
        assert times.size == 0


def test_gaps_of_the_gap_construction_are_exponential(impl):
    # KS at level ALPHA on ~20 000 gaps (the first one measured from 0).
    rate = 4.0
    times = impl("poisson_process")(rate, 5_000.0, rng=2024)
    gaps = np.diff(times, prepend=0.0)
    assert scipy.stats.kstest(gaps, "expon", args=(0, 1 / rate)).pvalue > ALPHA


def test_arrivals_of_the_conditional_construction_are_uniform(impl):
    # KS at level ALPHA on ~20 000 arrival times.
    t_end = 5_000.0
    times = impl("poisson_process_conditional")(4.0, t_end, rng=2024)
    assert scipy.stats.kstest(times / t_end, "uniform").pvalue > ALPHA


def test_gap_construction_fails_a_uniform_gap_negative_control(impl):
    # The KS test above can tell exponential gaps from uniform ones of the same mean.
    times = impl("poisson_process")(4.0, 5_000.0, rng=2024)
    gaps = np.diff(times, prepend=0.0)
    assert scipy.stats.kstest(gaps, "uniform", args=(0, 0.5)).pvalue < ALPHA


@pytest.mark.parametrize("name", PROCESSES)
def test_the_count_of_arrivals_is_poisson(impl, name):
    rate, t_end, runs = 2.0, 2.5, 3_000  # Poisson(5) counts; χ² at level ALPHA
    rng = np.random.default_rng(77)
    counts = [impl(name)(rate, t_end, rng=rng).size for _ in range(runs)]
    assert scipy_gof_pvalue(np.array(counts), rate * t_end) > ALPHA


@pytest.mark.reference_only  # two exercises in one test: our two constructions agree
def test_both_constructions_give_the_same_law_of_counts(impl):
    rate, t_end, runs = 2.0, 2.5, 3_000  # Poisson(5) counts
    rng = np.random.default_rng(77)
    gap = [impl("poisson_process")(rate, t_end, rng=rng).size for _ in range(runs)]
    cond = [impl("poisson_process_conditional")(rate, t_end, rng=rng).size for _ in range(runs)]
    # Homogeneity of the two count histograms (χ² contingency, level ALPHA);
    # counts of 11 and more are pooled so every cell expects >= 5.
    edges = np.arange(13) - 0.5
    edges[-1] = np.inf
    table = np.array([np.histogram(gap, edges)[0], np.histogram(cond, edges)[0]])
    assert scipy.stats.chi2_contingency(table).pvalue > ALPHA


@pytest.mark.reference_only
@pytest.mark.parametrize("name", PROCESSES)
def test_arrival_times_are_float64(impl, name):
    assert impl(name)(3.0, 2.0, rng=1).dtype == np.float64
    assert impl(name)(0.0, 2.0, rng=1).dtype == np.float64


@pytest.mark.contract  # beyond the constraints: rate·t_end is tiny, t_end huge
@pytest.mark.parametrize("name", PROCESSES)
def test_processes_survive_a_subnormal_rate(impl, name):
    times = impl(name)(5e-324, 1e300, rng=1)
    assert times.size <= 1 and np.all(times <= 1e300)


BAD_PROCESS_ARGS = [
    ((-1.0, 1.0), ValueError, "rate"),
    ((float("nan"), 1.0), ValueError, "rate"),
    ((float("inf"), 1.0), ValueError, "rate"),
    (("1", 1.0), TypeError, "rate"),
    ((1.0, -1.0), ValueError, "t_end"),
    ((1.0, float("nan")), ValueError, "t_end"),
    ((1.0, float("inf")), ValueError, "t_end"),
    ((1.0, None), TypeError, "t_end"),
]


@pytest.mark.contract
@pytest.mark.parametrize("name", PROCESSES)
@pytest.mark.parametrize(("args", "error", "match"), BAD_PROCESS_ARGS)
def test_processes_reject_bad_arguments(impl, name, args, error, match):
    with pytest.raises(error):
        impl(name)(*args)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", PROCESSES)
@pytest.mark.parametrize(
    ("args", "error", "match"),
    # Our limit: 1e12 expected arrivals are refused, not an out-of-memory crash.
    [*BAD_PROCESS_ARGS, ((1e6, 1e6), ValueError, "rate")],
)
def test_processes_reject_bad_arguments_naming_them(impl, name, args, error, match):
    with pytest.raises(error, match=match):
        impl(name)(*args)


@pytest.mark.contract
@pytest.mark.parametrize("name", PROCESSES)
def test_processes_reject_a_bad_rng(impl, name):
    with pytest.raises(TypeError):
        impl(name)(1.0, 1.0, rng="seed")


@pytest.mark.reference_only
@pytest.mark.parametrize("name", PROCESSES)
def test_processes_reject_a_bad_rng_naming_it(impl, name):
    with pytest.raises(TypeError, match="rng"):
        impl(name)(1.0, 1.0, rng="seed")
