"""High-precision oracles for the Poisson tests, straight from the definitions (mpmath).

* :func:`mp_pmf` is ``λ^k e^{−λ} / k!`` evaluated in 60-digit arithmetic, where
  the naive formula's cancellation (3.5e16 − 3.5e16 at ``λ = 1e15``) costs only
  17 of the 60 digits; :func:`mp_cdf_by_sum` adds those terms up, for moderate λ.
* :func:`mp_smaller_tail` integrates the gamma density: ``P(X ≤ k)`` is
  ``∫_λ^∞ t^k e^{−t} / k! dt`` and ``P(X > k) = ∫_0^λ`` of the same integrand.
  It returns whichever of the two lies on the far side of the integrand's mode
  ``t = k`` (that tail is the small one), by Gauss–Legendre quadrature on
  panels that march away from ``λ`` (each 1.25× wider) until the integrand has
  dropped by e^{−120}.

Neither uses the library's algorithms (Loader's deviance form, the continued
fraction, Temme's expansion), and neither trusts ``scipy``, whose
``poisson.cdf``/``gammaincc`` lose digits for ``λ ≳ 1e6`` in the tails and
whose ``poisson.logpmf`` loses all of them near ``λ = 1e15``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import mpmath as mp

DPS = 60


def mp_pmf(k: int, lam: float) -> mp.mpf:
    """``P(X = k)`` for ``X ~ Poisson(lam)`` to ~40 significant digits."""
    with mp.workdps(DPS):
        if k < 0:
            return mp.mpf(0)
        if lam == 0:
            return mp.mpf(1 if k == 0 else 0)
        lam = mp.mpf(lam)
        return mp.exp(k * mp.log(lam) - lam - mp.loggamma(k + 1))


def mp_cdf_by_sum(k: int, lam: float) -> mp.mpf:
    """``P(X <= k)`` as the sum of the terms ``λ^j e^{−λ}/j!``, each from the last (moderate λ)."""
    with mp.workdps(DPS):
        if k < 0:
            return mp.mpf(0)
        if lam == 0:
            return mp.mpf(1)
        lam = mp.mpf(lam)
        term = mp.exp(-lam)
        total = term
        for j in range(1, k + 1):
            term = term * lam / j
            total += term
        return total


def mp_smaller_tail(k: int, lam: float) -> tuple[str, mp.mpf]:
    """``("cdf", P(X <= k))`` if ``lam >= k``, else ``("sf", P(X > k))``; for lam > 0, k >= 0."""
    with mp.workdps(DPS):
        x = mp.mpf(lam)
        log_norm = mp.loggamma(k + 1)

        def log_density(t: mp.mpf) -> mp.mpf:
            return k * mp.log(t) - t - log_norm

        def density(t: mp.mpf) -> mp.mpf:
            return mp.exp(log_density(t))

        direction = 1 if x >= k else -1  # away from the mode t = k
        slope = abs(k / x - 1)  # |d/dt log density| at t = λ
        step = mp.sqrt(k + 1)
        if slope > 0:
            step = min(step, 1 / slope)
        points = [x]
        start = log_density(x)
        t = x
        while True:
            t = t + direction * step
            if t <= 0:
                points.append(mp.mpf(0))
                break
            points.append(t)
            if log_density(t) - start < -120:
                break
            step *= 1.25  # the density falls faster and faster away from its mode
        points.sort()
        value = mp.quad(density, points, method="gauss-legendre")
        return ("cdf" if direction > 0 else "sf"), value


def chi_square_bins(
    samples: list[int], pmf: Callable[[int], float]
) -> tuple[list[float], list[float]]:
    """Observed and expected counts of ``chi_square_gof``'s bins, by a plain loop.

    The documented rule: scan ``k`` from ``min(samples)`` to ``max(samples)``,
    closing a bin as soon as it expects >= 5; the remainder plus the mass of
    every unobserved value (``1 − Σ pmf`` over the range) is the tail bin,
    merged into its left neighbour if it expects < 5.  Feed the result to
    ``scipy.stats.chisquare`` for an independent p-value.
    """
    n = len(samples)
    seen: dict[int, int] = {}
    for x in samples:
        seen[x] = seen.get(x, 0) + 1
    observed: list[float] = []
    expected: list[float] = []
    acc_obs = acc_exp = 0.0
    probs = []
    for k in range(min(samples), max(samples) + 1):
        p = float(pmf(k))
        probs.append(p)
        acc_obs += seen.get(k, 0)
        acc_exp += n * p
        if acc_exp >= 5:
            observed.append(acc_obs)
            expected.append(acc_exp)
            acc_obs = acc_exp = 0.0
    acc_exp += n * max(0.0, 1.0 - math.fsum(probs))
    if acc_exp >= 5 or not observed:
        observed.append(acc_obs)
        expected.append(acc_exp)
    else:
        observed[-1] += acc_obs
        expected[-1] += acc_exp
    return observed, expected
