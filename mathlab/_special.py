"""Numba kernels for the gamma-function family, shared by Poisson and χ².

Two public routines need the same special function:

* ``poisson_cdf(k, lam) = Q(k + 1, lam)`` and
* the χ² survival function ``sf(x; dof) = Q(dof / 2, x / 2)``,

where ``Q(a, x) = Γ(a, x) / Γ(a)`` is the regularized upper incomplete gamma
function (and ``P = 1 − Q`` the lower one).  Both live here, once.

Log space without cancellation (Loader 2000)
--------------------------------------------
The textbook ``log pmf = k·log λ − λ − lgamma(k + 1)`` subtracts numbers of size
``k·log λ`` (3.5e16 at ``λ = 1e15``) to get an answer of size ~20, so every digit
is lost.  Loader's saddle-point form avoids the subtraction::

    log(x^a e^{-x} / Γ(a+1)) = −stirlerr(a) − bd0(a, x) − ½·log(2πa)

* ``stirlerr(a) = log Γ(a+1) − (a+½)·log a + a − ½·log 2π`` is the error of
  Stirling's formula, ~1/(12a): a table for small (half-)integers, its
  asymptotic series ``1/(12a) − 1/(360a³) + …`` beyond.
* ``bd0(a, x) = a·log(a/x) + x − a ≥ 0`` is the "deviance".  When ``a ≈ x``
  the two terms nearly cancel, so with ``v = (a − x)/(a + x)`` it is evaluated as
  ``(a − x)·v + 2a·(v³/3 + v⁵/5 + …)``: every term is positive and small.

Incomplete gamma: three regimes
-------------------------------
``x^a e^{-x} / Γ(a+1)`` (computed as above) is the common prefactor of

* the power series ``P(a, x) = pref · Σ xⁿ / ((a+1)…(a+n))`` for ``x < a + 1``;
* Legendre's continued fraction for ``Q(a, x)`` when ``x ≥ a + 1``;
* near the transition ``x ≈ a`` with ``a`` large both need O(√a) terms, so
  there a uniform asymptotic expansion (Temme 1979) takes over.  Substituting
  ``t = a·μ`` and ``½ζ² = μ − 1 − log μ`` in ``Γ(a, x)`` gives exactly::

      Q(a, x) = √(a/2π) / Γ*(a) · ∫_η^∞ exp(−aζ²/2) f(ζ) dζ,   f(ζ) = ζ / (μ(ζ) − 1),

  with ``η = sign(x − a)·√(2·bd0(a, x)/a)`` and ``Γ*(a) = exp(stirlerr(a))``.
  ``f`` is analytic near 0 (its Taylor coefficients are the table ``_TEMME_F``),
  and ``∫_η^∞ ζⁿ exp(−aζ²/2) dζ`` obeys a two-term recurrence started from
  ``erfc``.  For ``a ≥ 10`` and ``|η| ≤ 1`` thirty-two terms reach full double
  precision in O(1) work, however large ``a`` is (checked against mpmath in
  the tests up to ``a = 1e15``).

The smaller of ``P`` and ``Q`` is always computed directly and the other as its
complement, so both tails keep their relative accuracy (~1e-13 or better where
the value does not underflow).

Maintenance note: Numba's on-disk cache (``cache=True``) is keyed on each
function's own source file, so after editing this module delete the ``*.nbi``
and ``*.nbc`` files in ``mathlab/__pycache__``; otherwise the compiled callers
in ``poisson.py`` and ``goodness_of_fit.py`` keep running the old code.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_SQRT_2PI = math.sqrt(2.0 * math.pi)
_EPS = 2.220446049250313e-16
_TINY = 1e-300

# stirlerr(n/2) for n = 0..30, i.e. a = 0, ½, 1, …, 15, computed with mpmath at
# 50 digits as log Γ(a+1) − (a+½)·log a + a − ½·log 2π (entry 0 is unused).
# Below 15 the asymptotic series is not yet accurate enough, and these are the
# only small arguments the library needs (integers for Poisson, halves for χ²).
_STIRLERR_HALVES = np.array(
    [
        0.0,
        0.15342640972002736,
        0.08106146679532726,
        0.05481412105191765,
        0.0413406959554093,
        0.03316287351993629,
        0.02767792568499834,
        0.023746163656297496,
        0.020790672103765093,
        0.018488450532673187,
        0.016644691189821193,
        0.015134973221917378,
        0.013876128823070748,
        0.012810465242920227,
        0.01189670994589177,
        0.011104559758206917,
        0.010411265261972096,
        0.009799416126158804,
        0.009255462182712733,
        0.008768700134139386,
        0.00833056343336287,
        0.00793411456431402,
        0.007573675487951841,
        0.007244554301320383,
        0.00694284010720953,
        0.006665247032707682,
        0.006408994188004207,
        0.006171712263039458,
        0.0059513701127588475,
        0.0057462165130101155,
        0.005554733551962801,
    ]
)

# Taylor coefficients f_n of f(ζ) = ζ / (μ(ζ) − 1), where μ > 0 solves
# μ − 1 − log μ = ζ²/2 on the branch sign(μ − 1) = sign(ζ).  Computed exactly
# with fractions.Fraction by series reversion of ζ = w·√(2(w − log(1+w))/w²),
# w = μ − 1, then rounded.  f_2 = 1/12 and 3·f_4 = 1/288 are Stirling's
# coefficients, as they must be: ∫ exp(−aζ²/2) f(ζ) dζ over ℝ is √(2π/a)·Γ*(a).
_TEMME_F = np.array(
    [
        1.0,
        -0.3333333333333333,
        0.08333333333333333,
        -0.014814814814814815,
        0.0011574074074074073,
        0.0003527336860670194,
        -0.0001787551440329218,
        3.919263178522438e-05,
        -2.185448510679992e-06,
        -1.85406221071516e-06,
        8.296711340953087e-07,
        -1.7665952736826078e-07,
        6.707853543401498e-09,
        1.0261809784240309e-08,
        -4.382036018453353e-09,
        9.14769958223679e-10,
        -2.5514193994946248e-11,
        -5.830772132550426e-11,
        2.4361948020667415e-11,
        -5.0276692801141755e-12,
        1.1004392031956135e-13,
        3.371763262400985e-13,
        -1.392388722418162e-13,
        2.8534893807047445e-14,
        -5.139111834242572e-16,
        -1.9752288294349442e-15,
        8.099521156704561e-16,
        -1.6522531216398162e-16,
        2.5305430097478883e-18,
        1.1686939738559576e-17,
        -4.770037049820485e-18,
        9.699126059056237e-19,
    ]
)

# max_n |f_n| / 0.3ⁿ (attained at n = 1): a geometric bound on the coefficients.
_F_BOUND = 1.12

# Regime boundaries of the incomplete gamma function (see the module docstring).
_TEMME_MIN_A = 10.0
_TEMME_MAX_ETA = 1.0
_MAX_ITER = 100_000

# 1/(2j+1) for bd0's series: a multiplication is several times cheaper than a
# division in its inner loop.  |v| < 0.5 there, so 40 terms are never exhausted
# (v^80 < 1e-24 relative to the first term).
_ODD_RECIPROCALS = 1.0 / (2.0 * np.arange(40) + 1.0)


@njit(cache=True)
def stirlerr(a: float) -> float:
    """log Γ(a+1) − (a+½)·log a + a − ½·log 2π for a > 0, to ~1e-16 absolute."""
    if a <= 15.0:
        twice = 2.0 * a
        if twice == math.floor(twice):
            return _STIRLERR_HALVES[int(twice)]
        # Other small arguments: direct formula.  Its cancellation costs a few
        # ulps of lgamma(a+1) ≤ 28, i.e. ~1e-14 absolute; no caller needs them.
        return math.lgamma(a + 1.0) - (a + 0.5) * math.log(a) + a - _LOG_SQRT_2PI
    # Asymptotic series in 1/a with coefficients B_{2j} / (2j(2j−1)); the
    # omitted term is below 2e-3 / a^11 < 1e-16 for a > 15, and fewer terms
    # suffice as a grows.
    inv = 1.0 / a
    inv2 = inv * inv
    if a > 500.0:
        return (1.0 / 12.0 - inv2 / 360.0) * inv
    if a > 80.0:
        return (1.0 / 12.0 - (1.0 / 360.0 - inv2 / 1260.0) * inv2) * inv
    if a > 35.0:
        return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0 - inv2 / 1680.0) * inv2) * inv2) * inv
    return (
        1.0 / 12.0
        - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0 - inv2 / 1188.0) * inv2) * inv2) * inv2
    ) * inv


@njit(cache=True)
def bd0(a: float, x: float) -> float:
    """a·log(a/x) + x − a ≥ 0 for a ≥ 0, x > 0, without cancellation near a = x."""
    if a == 0.0:
        return x
    d = a - x
    if abs(d) < 0.5 * (a + x):
        # a/x = (1+v)/(1−v), so a·log(a/x) = 2a·(v + v³/3 + v⁵/5 + …) and the
        # first term combines with x − a into d·v: no cancellation is left.
        v = d / (a + x)
        total = d * v
        term = 2.0 * a * v
        v2 = v * v
        for j in range(1, _ODD_RECIPROCALS.size):
            term *= v2
            updated = total + term * _ODD_RECIPROCALS[j]
            if updated == total:
                return updated
            total = updated
        return total
    # Far from a = x (a/x outside (1/3, 3)) the terms a·log(a/x) and x − a
    # cancel by at most a factor 2.6: a few ulps of bd0.  (With the series
    # stopped at |v| < 0.1 instead, the factor was 10, and the pmf lost twice
    # the accuracy its docstring promises just beyond that boundary.)  Between
    # x/2 and 2x the difference a − x is exact (Sterbenz), and log1p keeps the
    # logarithm's relative accuracy; outside, a/x is far from 1.
    if 0.5 * x <= a <= 2.0 * x:
        return a * math.log1p(d / x) + x - a
    return a * math.log(a / x) + x - a


@njit(cache=True)
def log_poisson_term(a: float, x: float) -> float:
    """log(x^a · e^{−x} / Γ(a+1)) for a ≥ 0, x ≥ 0: the Poisson log-pmf for integer a."""
    if x == 0.0:
        return 0.0 if a == 0.0 else -math.inf
    if a == 0.0:
        return -x
    return -stirlerr(a) - bd0(a, x) - 0.5 * math.log(2.0 * math.pi * a)


@njit(cache=True)
def _temme_tail(a: float, b: float, sign: float) -> float:
    """∫_{|η|}^∞ of the integrand in the module docstring, normalised.

    ``b = bd0(a, x) = a·η²/2``.  ``sign = +1`` gives Q(a, x) (use when x ≥ a);
    ``sign = −1`` gives P(a, x) (use when x < a), through f(−ζ) = Σ (−1)ⁿ f_n ζⁿ.
    """
    eta = math.sqrt(2.0 * b / a)
    e = math.exp(-b) / (_SQRT_2PI * math.sqrt(a))
    # K_n = √(a/2π) ∫_η^∞ ζⁿ exp(−aζ²/2) dζ:  K_0 = ½·erfc(η√(a/2)), K_1 = e, and
    # K_n = η^{n−1}·e + (n−1)·K_{n−2} / a.  All terms are positive (η ≥ 0), so the
    # upward recurrence is stable.
    k_older = 0.5 * math.erfc(math.sqrt(b))
    k_old = e
    total = _TEMME_F[0] * k_older + sign * _TEMME_F[1] * k_old
    coef_sign = sign
    eta_pow = 1.0
    # Early exit: |f_n| <= 1.12·0.3ⁿ, and with a >= 10, η <= 1 the bounds
    # B_n = 1.12·0.3ⁿ·K_n obey B_{n+1} <= 0.3·B_n + 0.28·B_{n−1} (a geometric
    # decay, ratio 0.7), so once two consecutive bounds are below 4e-18·total
    # the rest adds < 2e-17·total.
    # Near the mode (η small, the common case) this stops after a few terms.
    power = 0.3
    bound_old = _F_BOUND * power * k_old
    for n in range(2, _TEMME_F.shape[0]):
        eta_pow *= eta
        k_new = eta_pow * e + (n - 1) * k_older / a
        coef_sign *= sign
        total += coef_sign * _TEMME_F[n] * k_new
        power *= 0.3
        bound = _F_BOUND * power * k_new
        if bound + bound_old < 4e-18 * abs(total):
            break
        bound_old = bound
        k_older = k_old
        k_old = k_new
    return total * math.exp(-stirlerr(a))


@njit(cache=True)
def _lower_series(a: float, x: float) -> float:
    """P(a, x) by its power series; use for x < a + 1 (terms shrink by x/(a+n) < 1)."""
    log_pref = log_poisson_term(a, x)
    if log_pref < -745.0:
        return 0.0
    total = 1.0
    term = 1.0
    for n in range(1, _MAX_ITER):
        term *= x / (a + n)
        total += term
        if term < total * _EPS * 0.5:
            break
    return math.exp(log_pref) * total


@njit(cache=True)
def _upper_fraction(a: float, x: float) -> float:
    """Q(a, x) by Legendre's continued fraction (modified Lentz); use for x ≥ a + 1.

    Q(a, x) = x^a e^{−x}/Γ(a) · 1/(x+1−a − 1·(1−a)/(x+3−a − 2·(2−a)/(x+5−a − …))).
    """
    log_pref = log_poisson_term(a, x)
    if log_pref < -745.0:
        return 0.0
    b = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / b
    h = d
    for i in range(1, _MAX_ITER):
        an = -i * (i - a)
        b += 2.0
        d = an * d + b
        if abs(d) < _TINY:
            d = _TINY
        c = b + an / c
        if abs(c) < _TINY:
            c = _TINY
        d = 1.0 / d
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    # x^a e^{−x} / Γ(a) = a · x^a e^{−x} / Γ(a+1)
    return a * math.exp(log_pref) * h


@njit(cache=True)
def gamma_pq(a: float, x: float) -> tuple[float, float]:
    """Regularized incomplete gammas ``(P(a, x), Q(a, x))`` for a ≥ ½, x ≥ 0."""
    if x == 0.0:
        return 0.0, 1.0
    if math.isinf(x):
        return 1.0, 0.0
    if a >= _TEMME_MIN_A:
        b = bd0(a, x)
        if b <= 0.5 * a * _TEMME_MAX_ETA * _TEMME_MAX_ETA:
            if x >= a:
                q = _temme_tail(a, b, 1.0)
                return 1.0 - q, q
            p = _temme_tail(a, b, -1.0)
            return p, 1.0 - p
    if x < a + 1.0:
        p = _lower_series(a, x)
        return p, 1.0 - p
    q = _upper_fraction(a, x)
    return 1.0 - q, q


@njit(cache=True)
def gamma_q(a: float, x: float) -> float:
    """Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) for a ≥ ½, x ≥ 0."""
    return gamma_pq(a, x)[1]


def chi2_sf(statistic: float, dof: int) -> float:
    """P(χ²_dof ≥ statistic) = Q(dof/2, statistic/2), for dof ≥ 1 and statistic ≥ 0."""
    return float(gamma_q(0.5 * dof, 0.5 * statistic))
