"""Pearson's χ² goodness-of-fit test for samplers on the non-negative integers.

The problem
-----------
A sampler claims to draw from a distribution with probabilities ``pmf(k)``,
``k = 0, 1, 2, …`` (a Poisson sampler, say).  Given ``n`` of its samples, how
surprising are they if the claim is true?  The answer is a p-value: small
values (below 1e-4, say) are evidence that the sampler is wrong.

The idea
--------
Group the integers into bins ``B_1, …, B_m``, count the samples in each
(``O_i``) and compare with what the claim predicts (``E_i = n·P(X ∈ B_i)``)::

    X² = Σ (O_i − E_i)² / E_i.

Under the claim, ``X²`` is approximately χ²-distributed with ``m − 1`` degrees
of freedom (one is lost because the counts sum to ``n``), and the p-value is
the χ² survival function ``P(χ²_{m−1} ≥ X²) = Q((m − 1)/2, X²/2)``, a
regularized upper incomplete gamma function (shared with ``poisson_cdf`` in
``mathlab._special``).  The approximation needs every ``E_i`` to be not too
small, hence the classical rule: merge neighbouring integers until each bin
expects at least 5 samples.

The bins here
-------------
``pmf`` is evaluated once for every integer from ``min(samples)`` to
``max(samples)``; scanning left to right, integers join the current bin until
its expected count reaches 5.  What remains at the right end forms the *tail
bin*, which also receives the probability of every unobserved value (above
``max(samples)`` and below ``min(samples)``: ``1 − Σ pmf`` over the range),
so the bins partition all of ``{0, 1, 2, …}``; if the tail bin still expects
fewer than 5 it is merged into its left neighbour.  When ``min(samples) = 0``
(the usual case) this is exactly "bins of ≥ 5 expected, then ``P(X ≥ last)``".

Complexity
----------
O(n + w) time and O(w) memory for ``w = max − min + 1`` integers in the
sample range (at most ``10^7``), plus ``w`` calls of ``pmf`` (one vectorised
call if ``pmf`` accepts an array).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numba import njit

from mathlab._special import chi2_sf
from mathlab._validate import describe

__all__ = ["chi_square_gof"]

#: Smallest expected count of a bin (Cochran's classical rule of thumb).
MIN_EXPECTED = 5.0

#: Largest sample range ``max − min + 1`` (pmf is evaluated at each integer in it).
MAX_RANGE = 10**7

_MAX_SAMPLE = 2**62


def _as_counts(samples: Any) -> np.ndarray:
    """``samples`` as a flat int64 array of non-negative integers, else an error."""
    if isinstance(samples, str | bytes) or np.ndim(samples) == 0:
        raise TypeError(
            f"samples must be an array-like of non-negative integers, got {describe(samples)}"
        )
    arr = np.asarray(samples)
    if arr.size == 0:
        raise ValueError("samples must not be empty")
    if arr.dtype.kind == "f":
        bad = ~np.isfinite(arr) | (arr != np.floor(arr))
        if bad.any():
            raise ValueError(f"samples must be integers, got {arr[bad][0]!r}")
    elif arr.dtype.kind not in "iu":
        raise TypeError(f"samples must be integers, got an array of dtype {arr.dtype}")
    if (arr < 0).any():
        raise ValueError(f"samples must be non-negative integers, got {arr.min()}")
    if (arr > _MAX_SAMPLE).any():  # before int64 conversion could wrap around
        raise ValueError(f"samples must be below 2**62, got {arr.max()}")
    return arr.astype(np.int64).ravel()


def _pmf_values(pmf: Callable[[Any], Any], ks: np.ndarray) -> np.ndarray:
    """``pmf`` at every ``k`` in ``ks``: one vectorised call if it accepts arrays."""
    try:
        values = np.asarray(pmf(ks), dtype=np.float64)
        if values.shape == ks.shape:
            return values
    except (TypeError, ValueError):
        pass  # a scalar-only pmf (math.factorial, `if k < 0`, ...): call it per k
    return np.array([float(pmf(int(k))) for k in ks], dtype=np.float64)


@njit(cache=True)
def _merge_bins(observed: np.ndarray, expected: np.ndarray, unobserved: float) -> tuple:
    """Greedy left-to-right bins of >= MIN_EXPECTED expected; the rest is the tail bin."""
    bin_obs = np.zeros(observed.size + 1)
    bin_exp = np.zeros(observed.size + 1)
    m = 0
    acc_obs = 0.0
    acc_exp = 0.0
    for j in range(observed.size):
        acc_obs += observed[j]
        acc_exp += expected[j]
        if acc_exp >= MIN_EXPECTED:
            bin_obs[m] = acc_obs
            bin_exp[m] = acc_exp
            m += 1
            acc_obs = 0.0
            acc_exp = 0.0
    acc_exp += unobserved
    if acc_exp >= MIN_EXPECTED or m == 0:
        bin_obs[m] = acc_obs
        bin_exp[m] = acc_exp
        m += 1
    else:  # too small on its own: join the last full bin
        bin_obs[m - 1] += acc_obs
        bin_exp[m - 1] += acc_exp
    return bin_obs[:m], bin_exp[:m]


def chi_square_gof(samples: Any, pmf: Callable[[Any], Any]) -> float:
    """p-value of Pearson's χ² test that ``samples`` come from the distribution ``pmf``.

    Parameters
    ----------
    samples : array_like of int
        Draws of a sampler on the non-negative integers (any shape; flattened).
        Integral floats are accepted.  Not modified.
    pmf : callable
        ``pmf(k)``: the probability of ``k`` under the hypothesised
        distribution.  Called once with an int64 array of every ``k`` in
        ``[min(samples), max(samples)]`` if it returns an array of the same
        shape; otherwise once per ``k`` with a Python ``int``.

    Returns
    -------
    float
        ``P(χ²_{m−1} ≥ X²)``, where ``X² = Σ (O_i − E_i)²/E_i`` over ``m``
        bins that each expect at least 5 samples (see the module docstring).
        Small values are evidence against ``pmf``.

    Raises
    ------
    TypeError
        If ``samples`` is not an array-like of integers or ``pmf`` not callable.
    ValueError
        If ``samples`` is empty or holds a negative or non-integral value;
        if the sample range exceeds ``10**7`` integers; if ``pmf`` returns a
        value outside ``[0, 1]`` (or NaN) or values summing above 1; or if
        fewer than 2 bins of expected count >= 5 can be formed (too few
        samples for the test).

    Notes
    -----
    O(n + w) time and O(w) memory for ``n`` samples spanning ``w`` integers,
    plus ``w`` evaluations of ``pmf``.  The χ² survival function is the
    regularized incomplete gamma ``Q(dof/2, X²/2)`` of ``mathlab._special``,
    accurate far into the tail (p-values like 1e-200 keep their digits).

    Examples
    --------
    >>> fair_die_minus_one = lambda k: 1 / 6 if 0 <= k <= 5 else 0.0
    >>> rolls = [0, 1, 2, 3, 4, 5] * 10
    >>> chi_square_gof(rolls, fair_die_minus_one)  # a perfect fit
    1.0
    >>> chi_square_gof([0] * 60, fair_die_minus_one) < 1e-50  # all zeros: no
    True
    """
    if not callable(pmf):
        raise TypeError(f"pmf must be callable, got {describe(pmf)}")
    counts = _as_counts(samples)
    n = counts.size
    lo = int(counts.min())
    hi = int(counts.max())
    width = hi - lo + 1
    if width > MAX_RANGE:
        raise ValueError(
            f"samples span {width} integers ({lo} to {hi}); chi_square_gof evaluates pmf "
            f"at each and supports at most {MAX_RANGE}"
        )
    ks = np.arange(lo, hi + 1, dtype=np.int64)
    probs = _pmf_values(pmf, ks)
    bad = ~np.isfinite(probs) | (probs < 0.0) | (probs > 1.0)
    if bad.any():
        j = int(np.argmax(bad))
        raise ValueError(f"pmf(k) must be a probability in [0, 1], got {probs[j]!r} at k={lo + j}")
    total = float(probs.sum())
    if total > 1.0 + 1e-9:
        raise ValueError(
            f"pmf must sum to at most 1, but pmf(k) for k in [{lo}, {hi}] sums to {total!r}"
        )
    observed = np.bincount(counts - lo, minlength=width).astype(np.float64)
    bin_obs, bin_exp = _merge_bins(observed, n * probs, n * max(0.0, 1.0 - total))
    if bin_obs.size < 2:
        raise ValueError(
            f"chi_square_gof needs at least 2 bins expecting >= {MIN_EXPECTED:g} samples each, "
            f"but the {n} samples allow only {bin_obs.size}: use more samples"
        )
    statistic = float(np.sum((bin_obs - bin_exp) ** 2 / bin_exp))
    return chi2_sf(statistic, bin_obs.size - 1)
