"""The Poisson distribution: stable probabilities, fast sampling, Poisson processes.

The problem
-----------
``X ~ Poisson(λ)`` counts rare independent events: ``P(X = k) = λ^k e^{−λ} / k!``
for ``k = 0, 1, 2, …``, with mean and variance both ``λ``.  We want

* its probabilities ``P(X = k)`` and ``P(X ≤ k)`` to full double precision for
  every ``λ`` from 0 to ``10^15``                (:func:`poisson_pmf`, :func:`poisson_cdf`);
* many samples of ``X``, fast                     (:func:`sample_poisson`);
* the arrival times of a Poisson process, built in its two classical ways
  (:func:`poisson_process`, :func:`poisson_process_conditional`).

Probabilities without cancellation
----------------------------------
The obvious ``log pmf = k·log λ − λ − log k!`` is a difference of numbers of size
``k·log λ`` (≈ 3.5e16 when ``λ = 10^15``), so rounding alone (~4 there) wipes out
the answer (≈ −19): SciPy's ``poisson.logpmf`` returns garbage at such ``λ``.
Loader's saddle-point form (2000; R's ``dpois``) instead writes ::

    P(X = k) = exp(−stirlerr(k) − bd0(k, λ)) / √(2πk),

where ``stirlerr(k) = log k! − log(√(2πk)(k/e)^k) ≈ 1/(12k)`` is the error of
Stirling's formula and ``bd0(k, λ) = k·log(k/λ) + λ − k ≥ 0`` is the deviance,
summed as a series in ``v = (k − λ)/(k + λ)`` whose terms are all positive.
Nothing large is ever subtracted.

The CDF is the regularized upper incomplete gamma function,
``P(X ≤ k) = Q(k + 1, λ)`` (both sides are 1 at ``λ = 0``, and differentiating
in ``λ`` gives ``−P(X = k)`` for each).  ``Q`` is computed (in
``mathlab._special``) by the power series or Legendre's continued fraction
away from the mode, and by Temme's uniform asymptotic expansion near it when
``k`` is large, so a value costs O(1) even at ``λ = 10^15``; the smaller of
the two tails is always computed directly, so both tails keep their relative
accuracy.

Sampling
--------
* ``λ < 10``: the *multiplication method*.  The gaps ``−log U`` of a rate-1
  Poisson process are exponential, so ``X`` (its arrivals up to time ``λ``) is
  the number of uniforms whose running product stays above ``e^{−λ}``:
  ``λ + 1`` uniforms per sample on average.
* ``λ ≥ 10``: *PTRS*, Hörmann's transformed rejection with squeeze (1993).  A
  uniform ``U`` is pushed through a cheap hat-shaped transformation
  ``x = (2a/u_s + b)·U + λ + 0.43`` that nearly matches the Poisson shape, and
  ``k = ⌊x⌋`` is accepted with probability ``pmf(k) / hat(x)``; a squeeze
  accepts most proposals (55 % at ``λ = 30``, 80 % for large ``λ``) without
  evaluating the pmf.  1.33 pairs of uniforms per sample at ``λ = 10``, 1.12
  as ``λ → ∞``.  The acceptance test uses a table of ``log k!`` for
  ``k < 1024`` and the Loader form above beyond, so it stays exact up to
  ``λ = 2^52`` (past 2^53 neighbouring integers near ``λ`` stop being distinct
  doubles).

Both loops are compiled with Numba.  They consume uniforms that the caller's
``numpy.random.Generator`` produces in blocks (``Generator.random``), so
results are reproducible from a seed and no global state is touched.

Poisson processes
-----------------
A rate-``r`` Poisson process on ``[0, T]`` has two equivalent descriptions:
independent ``Exp(r)`` gaps between arrivals, or ``N ~ Poisson(rT)`` arrivals
placed uniformly at random (then sorted).  :func:`poisson_process` builds the
first, :func:`poisson_process_conditional` the second; the tests check that
they agree in law.

Complexity
----------
``poisson_pmf``/``poisson_cdf``: O(1) per value (at most a few dozen series
terms), vectorised over arrays of ``k``.  ``sample_poisson``: O(1) expected
uniforms per sample (``λ + 1`` below 10, 2.25 to 2.7 above).  Both processes:
O(rT) expected time and memory (plus a sort for the conditional one,
O(N log N)).
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any

import numpy as np
from numba import njit

from mathlab._special import gamma_q, log_poisson_term
from mathlab._validate import as_generator, describe, require_int, require_real

__all__ = [
    "poisson_cdf",
    "poisson_pmf",
    "poisson_process",
    "poisson_process_conditional",
    "sample_poisson",
]

#: Largest ``lam`` accepted by :func:`sample_poisson`.  PTRS computes
#: ``k = ⌊x⌋`` in float64 for ``x ≈ λ ± 40√λ``; up to 2^53 every integer there
#: is a double and rounding only shifts all cell boundaries alike (which keeps
#: the rejection step exact), so 2^52 leaves a margin of a factor 2.
MAX_SAMPLE_LAM = 2.0**52

#: Largest expected number of arrivals ``rate * t_end`` of the process
#: functions: the arrival times are held in memory (8 bytes each).
MAX_EXPECTED_ARRIVALS = 1e8

# Hörmann fitted PTRS's hat for λ >= 10; below, the multiplication method
# (λ + 1 uniforms, no transcendental function per uniform) is cheap enough.
_PTRS_MIN_LAM = 10.0

# log k! for k < 1024, for PTRS's acceptance test at moderate λ: there
# k·log λ − λ − log k! loses at most ~1e-12 (absolute) to cancellation, which
# changes acceptance probabilities by a relative 1e-12, and a table lookup is
# much cheaper than Loader's series.  Larger k use Loader's form.
_LOG_FACTORIAL = np.array([math.lgamma(k + 1.0) for k in range(1024)])


# ---------------------------------------------------------------------------
# Argument checks
# ---------------------------------------------------------------------------


def _as_k(k: Any) -> tuple[np.ndarray, bool]:
    """``k`` as a float64 array, and whether it was a scalar.

    Integers and integral floats are accepted; float64 holds every integer up
    to 2^53 exactly.  Python ints too large for a double become ±inf, which
    the kernels treat as "beyond any λ" (pmf 0, cdf 0 or 1).
    """
    if isinstance(k, bool | np.bool_):
        raise TypeError(f"k must be an integer or an array of integers, got {describe(k)}")
    if isinstance(k, Integral):
        try:
            return np.array([float(k)]), True
        except OverflowError:
            return np.array([math.inf if k > 0 else -math.inf]), True
    if isinstance(k, Real):
        x = float(k)
        if not math.isfinite(x) or x != math.floor(x):
            raise ValueError(f"k must be an integer, got {k!r}")
        return np.array([x]), True
    if isinstance(k, np.ndarray | list | tuple):
        arr = np.asarray(k)
        if arr.dtype.kind in "iu":
            return arr.astype(np.float64), False
        if arr.dtype.kind == "f":
            bad = ~np.isfinite(arr) | (arr != np.floor(arr))
            if bad.any():
                index = tuple(int(i) for i in np.argwhere(bad)[0])
                raise ValueError(
                    f"k must contain only integers, got {arr[index]!r} at index {index}"
                )
            return arr.astype(np.float64), False
        raise TypeError(f"k must be an integer or an array of integers, got dtype {arr.dtype}")
    raise TypeError(f"k must be an integer or an array of integers, got {describe(k)}")


def _require_lam(lam: Any, name: str = "lam") -> float:
    return require_real(lam, name, minimum=0.0)


# ---------------------------------------------------------------------------
# pmf and cdf
# ---------------------------------------------------------------------------


@njit(cache=True)
def _pmf_kernel(ks: np.ndarray, lam: float, out: np.ndarray) -> None:
    for i in range(ks.size):
        k = ks[i]
        if k < 0.0 or math.isinf(k):
            out[i] = 0.0
        elif lam == 0.0:
            out[i] = 1.0 if k == 0.0 else 0.0
        else:
            out[i] = math.exp(log_poisson_term(k, lam))


@njit(cache=True)
def _cdf_kernel(ks: np.ndarray, lam: float, out: np.ndarray) -> None:
    for i in range(ks.size):
        k = ks[i]
        if k < 0.0:
            out[i] = 0.0
        elif lam == 0.0 or math.isinf(k):
            out[i] = 1.0
        else:
            out[i] = gamma_q(k + 1.0, lam)


def _apply(kernel: Any, k: Any, lam: Any) -> float | np.ndarray:
    ks, scalar = _as_k(k)
    lam = _require_lam(lam)
    flat = np.ascontiguousarray(ks).ravel()
    out = np.empty_like(flat)
    kernel(flat, lam, out)
    return float(out[0]) if scalar else out.reshape(ks.shape)


def poisson_pmf(k: Any, lam: float) -> float | np.ndarray:
    """Probability ``P(X = k)`` that a ``Poisson(lam)`` variable equals ``k``.

    Parameters
    ----------
    k : int or array_like of int
        Count(s).  Integral floats (``3.0``) are accepted; negative ``k`` has
        probability 0.
    lam : float
        The mean ``λ``, finite and ``>= 0``.  ``λ = 0`` is the point mass at 0.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``k``; a float64 array of ``k``'s shape otherwise.

    Raises
    ------
    TypeError
        If ``k`` is not an integer (or integer array) or ``lam`` not a real number.
    ValueError
        If ``k`` holds a non-integral, NaN or infinite value, or ``lam`` is
        negative, NaN or infinite.

    Notes
    -----
    Loader's form ``exp(−stirlerr(k) − bd0(k, λ)) / √(2πk)`` (see the module
    docstring): no large terms cancel, so the relative error is ~1e-15 when
    the answer is above 1e-10 and grows to ~1e-12 in the far tails (it is
    about ``2e-15·(1 + |log pmf|)``), for every ``λ`` up to ``10^15`` and
    beyond.  ``k`` is converted to float64, exact up to ``2^53``.
    O(1) time per value (a few dozen flops), O(len(k)) memory.

    Examples
    --------
    >>> poisson_pmf(2, 3.0)  # 3² e^{-3} / 2!
    0.2240418
    >>> poisson_pmf([0, 1, 2], 0.0).tolist()
    [1.0, 0.0, 0.0]
    >>> poisson_pmf(10**15, 1e15)  # ≈ 1/√(2π·10^15); k·log λ − λ − lgamma(k+1) gives garbage
    1.2615662610e-08
    """
    return _apply(_pmf_kernel, k, lam)


def poisson_cdf(k: Any, lam: float) -> float | np.ndarray:
    """Probability ``P(X <= k)`` for ``X ~ Poisson(lam)``.

    Parameters
    ----------
    k : int or array_like of int
        Count(s); integral floats accepted; ``P(X <= k) = 0`` for ``k < 0``.
    lam : float
        The mean ``λ``, finite and ``>= 0``.

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar ``k``; a float64 array of ``k``'s shape otherwise.

    Raises
    ------
    TypeError
        If ``k`` is not an integer (or integer array) or ``lam`` not a real number.
    ValueError
        If ``k`` holds a non-integral, NaN or infinite value, or ``lam`` is
        negative, NaN or infinite.

    Notes
    -----
    ``P(X <= k) = Q(k + 1, λ)``, the regularized upper incomplete gamma
    function, by series / continued fraction away from the mode and Temme's
    uniform expansion near it.  When ``k < λ`` the (small) left tail is
    computed directly, so it keeps its relative accuracy deep into the tail;
    when ``k >= λ`` the small right tail ``P(X > k)`` is computed and
    subtracted from 1.  Relative error ~1e-15 where the value exceeds 1e-10,
    up to ~1e-12 in the far left tail, for all ``λ`` up to ``10^15``.
    O(1) time per value, O(len(k)) memory.

    Examples
    --------
    >>> poisson_cdf(1, 2.0)  # e^{-2} (1 + 2)
    0.4060058
    >>> poisson_cdf(-1, 5.0), poisson_cdf(0, 0.0)
    (0.0, 1.0)
    >>> poisson_cdf(10**15, 1e15)  # just above 1/2
    0.5000000
    """
    return _apply(_cdf_kernel, k, lam)


# ---------------------------------------------------------------------------
# Sampling
# ---------------------------------------------------------------------------


# Uniforms are drawn from the caller's Generator in blocks (Generator.random
# fills an array in C, ~30 % cheaper per number than one call per uniform from
# compiled code) and consumed by the Numba loops below.  A loop stops when its
# block runs dry and the driver draws another; the multiplication method carries
# its half-finished sample (count, running product) over, and a PTRS proposal
# (always two uniforms) is never split: an odd uniform left at the end of a
# block is skipped.  Whether to skip is decided before that uniform is looked
# at, so the uniforms actually used are still i.i.d. and every sample has
# exactly the law it would have from one endless stream.
_BLOCK = 1 << 15  # 256 KiB of uniforms: amortises the call, stays in cache


@njit(cache=True)
def _multiplication_from(
    uniforms: np.ndarray, threshold: float, out: np.ndarray, done: int, count: int, product: float
) -> tuple[int, int, float]:
    """Multiplication method (λ < 10) for out[done:], one λ, resumable.

    X = max{n : U_1·…·U_n > e^{−λ}}: the −log U_i are Exp(1) gaps of a rate-1
    process, and X counts its arrivals up to time λ.  Returns the new
    ``(done, count, product)``.
    """
    i = done
    for pos in range(uniforms.size):
        if i == out.size:
            break
        product *= uniforms[pos]
        if product <= threshold:
            out[i] = count
            i += 1
            count = 0
            product = 1.0
        else:
            count += 1
    return i, count, product


@njit(cache=True)
def _ptrs_constants(lam: float) -> tuple[float, float, float, float, float]:
    # Hörmann's constants of the hat (b, a), the hat's area factor 1/α and
    # the squeeze bound v_r, all fitted to the Poisson shape by √λ.
    b = 0.931 + 2.53 * math.sqrt(lam)
    a = -0.059 + 0.02483 * b
    inv_alpha = 1.1239 + 1.1328 / (b - 3.4)
    v_r = 0.9277 - 3.6224 / (b - 2.0)
    return a, b, inv_alpha, v_r, math.log(lam)


@njit(cache=True)
def _ptrs_try(
    u: float, v: float, lam: float, a: float, b: float, inv_alpha: float, v_r: float, log_lam: float
) -> int:
    """One PTRS proposal from uniforms (u, v): the accepted count, or −1 if rejected."""
    u -= 0.5
    us = 0.5 - abs(u)
    # Kept as a float until accepted: us → 0 sends it to ±huge (or −inf).
    kf = math.floor((2.0 * a / us + b) * u + lam + 0.43)
    if us >= 0.07 and v <= v_r:
        return int(kf)  # the squeeze: a region where pmf(k) ≥ v·hat(x) for sure
    if kf < 0.0 or (us < 0.013 and v > us):
        return -1
    # Accept iff v·hat(x) <= pmf(k), in logs.  Above the table, Loader's log
    # pmf: k·log λ − λ − lgamma(k+1) would lose every digit at λ ~ 1e15.
    if kf < _LOG_FACTORIAL.size:
        log_pmf = kf * log_lam - lam - _LOG_FACTORIAL[int(kf)]
    else:
        log_pmf = log_poisson_term(kf, lam)
    if math.log(v * inv_alpha / (a / (us * us) + b)) <= log_pmf:
        return int(kf)
    return -1


@njit(cache=True)
def _ptrs_from(uniforms: np.ndarray, lam: float, out: np.ndarray, done: int) -> int:
    """PTRS (λ ≥ 10) for out[done:], one λ; returns the new ``done``."""
    a, b, inv_alpha, v_r, log_lam = _ptrs_constants(lam)
    i = done
    pos = 0
    while i < out.size and pos + 2 <= uniforms.size:
        k = _ptrs_try(uniforms[pos], uniforms[pos + 1], lam, a, b, inv_alpha, v_r, log_lam)
        pos += 2
        if k >= 0:
            out[i] = k
            i += 1
    return i


@njit(cache=True)
def _each_from(
    uniforms: np.ndarray, lams: np.ndarray, out: np.ndarray, done: int, count: int, product: float
) -> tuple[int, int, float]:
    """Like the two loops above, with its own λ per element (lams[i] for out[i])."""
    i = done
    pos = 0
    while i < out.size:
        lam = lams[i]
        if lam == 0.0:
            out[i] = 0
        elif lam < _PTRS_MIN_LAM:
            threshold = math.exp(-lam)
            while True:
                if pos == uniforms.size:
                    return i, count, product
                product *= uniforms[pos]
                pos += 1
                if product <= threshold:
                    break
                count += 1
            out[i] = count
            count = 0
            product = 1.0
        else:
            a, b, inv_alpha, v_r, log_lam = _ptrs_constants(lam)
            k = -1
            while k < 0:
                if pos + 2 > uniforms.size:
                    return i, count, product
                k = _ptrs_try(uniforms[pos], uniforms[pos + 1], lam, a, b, inv_alpha, v_r, log_lam)
                pos += 2
            out[i] = k
        i += 1
    return i, count, product


# Expected uniforms per sample: λ + 1 (multiplication); for PTRS 2 per proposal,
# measured 2.66 at λ = 10, 2.35 at 100, 2.25 as λ → ∞ (a slight overestimate).
def _uniforms_per_sample(lam: np.ndarray | float) -> np.ndarray | float:
    return np.where(lam < _PTRS_MIN_LAM, lam + 1.0, 2.25 + 1.3 / np.sqrt(np.maximum(lam, 1.0)))


def _block_size(expected: float) -> int:
    # Ask for the expected need plus a margin, so one block usually suffices
    # for small requests, and never more than _BLOCK at a time.
    return int(min(_BLOCK, 1.05 * expected + 64))


def _fill_same_lam(gen: np.random.Generator, lam: float, out: np.ndarray) -> None:
    per_sample = float(_uniforms_per_sample(lam))
    done = 0
    if lam < _PTRS_MIN_LAM:
        threshold = math.exp(-lam)
        count, product = 0, 1.0
        while done < out.size:
            block = gen.random(_block_size(per_sample * (out.size - done)))
            done, count, product = _multiplication_from(block, threshold, out, done, count, product)
    else:
        while done < out.size:
            block = gen.random(_block_size(per_sample * (out.size - done)))
            done = _ptrs_from(block, lam, out, done)


def _fill_each_lam(gen: np.random.Generator, lams: np.ndarray, out: np.ndarray) -> None:
    need = np.cumsum(np.where(lams == 0.0, 0.0, _uniforms_per_sample(lams)))
    done, count, product = 0, 0, 1.0
    while done < out.size:
        remaining = need[-1] - (need[done - 1] if done else 0.0)
        block = gen.random(_block_size(remaining))
        done, count, product = _each_from(block, lams, out, done, count, product)


def _as_shape(size: Any) -> tuple[int, ...]:
    if isinstance(size, tuple | list):
        return tuple(require_int(s, "size", minimum=0) for s in size)
    return (require_int(size, "size", minimum=0),)


def _as_lam_array(lam: Any) -> np.ndarray:
    arr = np.asarray(lam)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"lam must be a real number or an array of them, got dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if np.isnan(arr).any():
        raise ValueError("lam must not contain NaN")
    if np.isinf(arr).any():
        raise ValueError("lam must be finite")
    if (arr < 0).any():
        raise ValueError(f"lam must be >= 0, got {arr.min()}")
    if (arr > MAX_SAMPLE_LAM).any():
        raise ValueError(f"lam must be <= 2**52 (MAX_SAMPLE_LAM), got {arr.max()}")
    return arr


def sample_poisson(lam: Any, size: Any = None, rng: Any = None) -> int | np.ndarray:
    """Draw samples from the Poisson distribution with mean ``lam``.

    Parameters
    ----------
    lam : float or array_like of float
        The mean(s) ``λ``, each finite and in ``[0, 2**52]``.  An array of means
        is broadcast against ``size``.
    size : None, int or tuple of int
        Output shape.  ``None``: one Python ``int`` for a scalar ``lam``, or
        ``lam``'s shape for an array.
    rng : None, int or numpy.random.Generator
        Source of randomness; ``None`` is a fresh OS-seeded generator.  The
        Generator's own stream is consumed (its state advances), so a seed
        makes the result reproducible; global NumPy state is never used.

    Returns
    -------
    int or numpy.ndarray
        An ``int`` when ``size`` is None and ``lam`` a scalar, else an
        ``int64`` array of shape ``size``.

    Raises
    ------
    TypeError
        If ``lam`` is not real, ``size`` not an integer (tuple), or ``rng`` not
        a seed or Generator.
    ValueError
        If ``lam`` is negative, NaN, infinite or above ``2**52``, a ``size``
        entry is negative, or an array ``lam`` does not broadcast to ``size``.

    Notes
    -----
    Numba-compiled loops: the multiplication method for ``λ < 10`` (``λ + 1``
    uniforms per sample) and Hörmann's PTRS for ``λ >= 10`` (2.25–2.7 uniforms);
    ``λ = 0`` gives zeros without drawing.  The uniforms come from
    ``rng.random`` in blocks of at most 2^15, so the Generator advances a
    little past what was used.  O(n) expected time for ``n`` samples, O(n)
    memory.  The first call in a process loads the compiled code (about a
    second; the first ever call also compiles it).  Mean, variance and the
    parity of samples are checked at ``λ = 2**52``, the largest accepted:
    above 2^53 the doubles near ``λ`` skip integers, and PTRS could no longer
    return every count.

    Examples
    --------
    >>> x = sample_poisson(4.5, size=100_000, rng=1)
    >>> x.dtype, bool(abs(x.mean() - 4.5) < 0.05), bool(abs(x.var() - 4.5) < 0.1)
    (dtype('int64'), True, True)
    >>> sample_poisson(0.0, size=3, rng=1).tolist()
    [0, 0, 0]
    >>> type(sample_poisson(1e6, rng=1))
    <class 'int'>
    """
    gen = as_generator(rng)
    if not isinstance(lam, np.ndarray | list | tuple):
        value = require_real(lam, "lam", minimum=0.0)
        if value > MAX_SAMPLE_LAM:
            raise ValueError(f"lam must be <= 2**52 (MAX_SAMPLE_LAM), got {lam}")
        shape = () if size is None else _as_shape(size)
        out = np.zeros(shape, dtype=np.int64)
        if value > 0.0 and out.size:
            _fill_same_lam(gen, value, out.reshape(-1))
        return int(out[()]) if size is None else out
    lams = _as_lam_array(lam)
    shape = lams.shape if size is None else _as_shape(size)
    try:
        lams = np.broadcast_to(lams, shape)
    except ValueError:
        raise ValueError(f"lam of shape {lams.shape} does not broadcast to size {shape}") from None
    out = np.empty(shape, dtype=np.int64)
    if out.size:
        _fill_each_lam(gen, np.ascontiguousarray(lams).reshape(-1), out.reshape(-1))
    return out


# ---------------------------------------------------------------------------
# Poisson processes
# ---------------------------------------------------------------------------


def _process_args(rate: Any, t_end: Any) -> tuple[float, float]:
    rate = require_real(rate, "rate", minimum=0.0)
    t_end = require_real(t_end, "t_end", minimum=0.0)
    if rate * t_end > MAX_EXPECTED_ARRIVALS:
        raise ValueError(
            f"rate * t_end (the expected number of arrivals) must be <= "
            f"{MAX_EXPECTED_ARRIVALS:.0e}, got {rate * t_end:.3g}"
        )
    return rate, t_end


def poisson_process(rate: float, t_end: float, rng: Any = None) -> np.ndarray:
    """Arrival times of a rate-``rate`` Poisson process on ``[0, t_end]``, from exponential gaps.

    Parameters
    ----------
    rate : float
        Arrivals per unit time, finite and ``>= 0`` (0 gives no arrivals).
    t_end : float
        End of the observation window, finite and ``>= 0``.
    rng : None, int or numpy.random.Generator
        Source of randomness (a fresh OS-seeded generator for ``None``).

    Returns
    -------
    numpy.ndarray
        Sorted float64 arrival times in ``[0, t_end]``: the partial sums of
        i.i.d. ``Exp(rate)`` gaps that do not exceed ``t_end``.

    Raises
    ------
    TypeError
        If ``rate`` or ``t_end`` is not a real number, or ``rng`` is invalid.
    ValueError
        If ``rate`` or ``t_end`` is negative, NaN or infinite, or
        ``rate * t_end`` exceeds ``1e8`` (``MAX_EXPECTED_ARRIVALS``).

    Notes
    -----
    Gaps are drawn vectorised in batches, as standard exponentials divided by
    ``rT`` (time measured in units of ``t_end``, so nothing overflows for tiny
    rates): first ``rT + 5√(rT) + 16`` of them (enough with probability
    > 1 − 3e-7), then more batches only while the last partial sum is still
    below ``t_end``.  O(rT) expected time and memory.

    Examples
    --------
    >>> times = poisson_process(2.0, 10.0, rng=7)
    >>> bool(np.all(np.diff(times) > 0)), bool(0 < times[0] and times[-1] <= 10.0)
    (True, True)
    >>> poisson_process(0.0, 5.0).size
    0
    """
    rate, t_end = _process_args(rate, t_end)
    gen = as_generator(rng)
    expected = rate * t_end
    if expected == 0.0:
        return np.empty(0)
    # Work in units of the window, u = t / t_end, where the process has rate
    # rT: no 1/rate to overflow, and u <= 1 keeps every time <= t_end exactly.
    batch = int(expected + 5.0 * math.sqrt(expected) + 16)
    pieces = []
    start = 0.0
    while True:
        with np.errstate(over="ignore"):  # a subnormal rT sends u to inf: no arrival
            u = start + np.cumsum(gen.standard_exponential(batch)) / expected
        if u[-1] > 1.0:
            pieces.append(u[: np.searchsorted(u, 1.0, side="right")])
            return np.concatenate(pieces) * t_end
        pieces.append(u)
        start = float(u[-1])
        # Rarely needed: only the few arrivals beyond the first batch remain.
        batch = int(5.0 * math.sqrt(expected) + 16)


def poisson_process_conditional(rate: float, t_end: float, rng: Any = None) -> np.ndarray:
    """Arrival times of a Poisson process on ``[0, t_end]``: a Poisson count of sorted uniforms.

    Parameters
    ----------
    rate : float
        Arrivals per unit time, finite and ``>= 0`` (0 gives no arrivals).
    t_end : float
        End of the observation window, finite and ``>= 0``.
    rng : None, int or numpy.random.Generator
        Source of randomness (a fresh OS-seeded generator for ``None``).

    Returns
    -------
    numpy.ndarray
        Sorted float64 arrival times in ``[0, t_end)``: ``N ~ Poisson(rate·t_end)``
        independent uniforms on the window, sorted.  Same law as
        :func:`poisson_process`.

    Raises
    ------
    TypeError
        If ``rate`` or ``t_end`` is not a real number, or ``rng`` is invalid.
    ValueError
        If ``rate`` or ``t_end`` is negative, NaN or infinite, or
        ``rate * t_end`` exceeds ``1e8`` (``MAX_EXPECTED_ARRIVALS``).

    Notes
    -----
    Given ``N = n`` arrivals in ``[0, T]``, a Poisson process places them like
    ``n`` sorted independent uniforms (the order statistics property).
    O(rT log(rT)) expected time for the sort, O(rT) memory.

    Examples
    --------
    >>> times = poisson_process_conditional(2.0, 10.0, rng=7)
    >>> bool(np.all(np.diff(times) >= 0)), bool(0 <= times[0] and times[-1] < 10.0)
    (True, True)
    >>> poisson_process_conditional(3.0, 0.0).size
    0
    """
    rate, t_end = _process_args(rate, t_end)
    gen = as_generator(rng)
    if rate == 0.0 or t_end == 0.0:
        return np.empty(0)
    count = sample_poisson(rate * t_end, rng=gen)
    return np.sort(gen.uniform(0.0, t_end, count))
