"""The Poisson distribution: probabilities without cancellation, a sampler, Poisson processes."""

from __future__ import annotations

import numpy as np


def poisson_pmf(k: int | np.ndarray, lam: float) -> float | np.ndarray:
    """Return ``P(X = k) = λ^k e^(-λ) / k!`` for ``X ~ Poisson(lam)``.

    ``k`` is one count or a NumPy array of counts; return a float for an int
    ``k`` and a float array of ``k``'s shape for an array.  A negative ``k``
    has probability 0; ``lam = 0`` is the point mass at 0 (``P(X = 0) = 1``).

    The answer is judged with a relative tolerance of ``1e-6``; a true value
    below ``1e-300`` may be returned as anything up to ``1e-290`` (0 included).

    Constraints
    -----------
    - ``k`` is an int or a non-empty NumPy array of ints, ``|k| <= 10^18``
    - ``lam`` is a float (or an int), ``0 <= lam <= 10^15``
    - ``k`` must not be modified

    Errors (contract)
    -----------------
    ``k`` a bool, a string, ``None`` or an array of such, or ``lam`` not a real
    number → ``TypeError``; a non-integral, NaN or infinite ``k``, or ``lam``
    negative, NaN or infinite → ``ValueError``.  Also a contract: beyond the
    constraints these counts are ACCEPTED, not errors -- integral floats
    (``3.0``, or a float array of them), lists, empty arrays (an empty result)
    and ints beyond the float range (``10**400`` has probability 0).

    Examples
    --------
    >>> round(poisson_pmf(2, 3.0), 10)  # 3² e^(-3) / 2!
    0.2240418077
    >>> poisson_pmf(np.array([0, 1, 2]), 0.0).tolist()
    [1.0, 0.0, 0.0]
    >>> f"{poisson_pmf(10**15, 1e15):.10e}"  # about 1/√(2π·10^15)
    '1.2615662610e-08'

    At ``λ = 10^15`` the terms ``k·log λ`` and ``log k!`` are both about
    ``3.5·10^16``: their difference in floating point is rounding noise.

    Complexity
    ----------
    ``O(1)`` time per count (no loop up to ``k``), ``O(len(k))`` memory.

    Hint: write ``log P(X = k)`` with Stirling's series for ``log k!`` and
    ``log1p`` for ``log(k/λ)``, so that nothing large is subtracted.
    """
    raise NotImplementedError


def poisson_cdf(k: int | np.ndarray, lam: float) -> float | np.ndarray:
    """Return ``P(X <= k)`` for ``X ~ Poisson(lam)``.

    ``k`` is one count or a NumPy array of counts; return a float for an int
    ``k`` and a float array of ``k``'s shape for an array.  ``P(X <= k) = 0``
    for ``k < 0``; for ``lam = 0`` it is 1 from ``k = 0`` on.

    The answer is judged with a relative tolerance of ``1e-6`` -- also far in
    the left tail, where ``P(X <= k)`` is tiny (``1e-200``, say) and
    ``1 - P(X > k)`` would be 0 or noise.  A true value below ``1e-300`` may be
    returned as anything up to ``1e-290``.

    Constraints
    -----------
    - ``k`` is an int or a non-empty NumPy array of ints, ``|k| <= 10^18``
    - ``lam`` is a float (or an int), ``0 <= lam <= 10^6``
    - ``k`` must not be modified

    Errors (contract)
    -----------------
    ``k`` a bool, a string, ``None`` or an array of such, or ``lam`` not a real
    number → ``TypeError``; a non-integral, NaN or infinite ``k``, or ``lam``
    negative, NaN or infinite → ``ValueError``.  Also a contract: beyond the
    constraints these counts are ACCEPTED, not errors -- integral floats
    (``3.0``, or a float array of them), lists, empty arrays (an empty result)
    and ints beyond the float range (``P(X <= 10**400) = 1``).

    Examples
    --------
    >>> round(poisson_cdf(1, 2.0), 10)  # e^(-2)·(1 + 2)
    0.4060058497
    >>> poisson_cdf(-1, 5.0), poisson_cdf(0, 0.0)
    (0.0, 1.0)
    >>> f"{poisson_cdf(500, 1000.0):.6e}"  # deep in the left tail
    '8.303834e-69'

    Complexity
    ----------
    Aim for ``O(√lam + 1)`` terms per count: sum the *smaller* tail, starting
    next to ``k`` and moving away from the mode, until the terms no longer
    matter.  Summing all ``k + 1`` terms from 0 is too slow at ``lam = 10^6``.

    Hint: neighbouring terms have the ratio ``P(X = j - 1)/P(X = j) = j/λ``.
    """
    raise NotImplementedError


def sample_poisson(
    lam: float, size: int | tuple[int, ...] | None = None, rng=None
) -> int | np.ndarray:
    """Draw samples from the Poisson distribution with mean ``lam``.

    Return one int when ``size`` is ``None``, else a NumPy integer array of
    shape ``size`` (an int ``size`` is a 1-D shape).  ``lam = 0`` gives zeros.

    ``rng`` is ``None``, an int seed or a ``numpy.random.Generator``: turn it
    into a Generator with ``numpy.random.default_rng(rng)`` and draw every
    random number from it.  The same seed gives the same samples; a Generator
    passed in is advanced; NumPy's global random state is never used.

    Any correct sampling method is accepted: the judge tests the *law* of the
    samples (mean, χ², Kolmogorov–Smirnov and skewness tests with fixed seeds,
    each at significance ``1e-4`` or less), never the exact numbers.  A normal
    approximation is not the law: at ``lam = 1000`` the skewness ``1/√lam``
    is still visible in ``6·10^5`` samples.

    Constraints
    -----------
    - ``lam`` is a float (or an int), ``0 <= lam <= 10^9``
    - ``size`` is ``None``, an int or a tuple of ints, each ``>= 0``; at most
      ``2·10^5`` samples per call
    - large means are the point: ``lam = 10^6`` must be as fast and as exact
      as ``lam = 3``

    Errors (contract)
    -----------------
    ``lam`` not a real number, ``size`` not an int (or tuple of ints) or
    ``rng`` of another type → ``TypeError``; ``lam`` negative, NaN or infinite,
    or a negative ``size`` → ``ValueError``.  Also a contract: an array of
    means broadcast against ``size``, and means up to ``2^52``.

    Examples
    --------
    >>> x = sample_poisson(4.5, size=100_000, rng=1)
    >>> bool(abs(x.mean() - 4.5) < 0.05), bool(abs(x.var() - 4.5) < 0.1)
    (True, True)
    >>> sample_poisson(0.0, size=3, rng=1).tolist()
    [0, 0, 0]
    >>> sample_poisson(2.0, size=(2, 3), rng=1).shape
    (2, 3)

    Complexity
    ----------
    ``O(1)`` expected time per sample whatever ``lam`` is.  Knuth's
    multiplication method needs ``lam + 1`` uniforms per sample, and
    ``e^(-lam)`` underflows to 0 for ``lam > 745``: fine for small means only.

    Hint: for large ``lam`` use a rejection method with a hat function
    shaped like the Poisson bell (transformed rejection), or split ``lam`` into
    pieces that a small-mean method can handle and add the results.
    """
    raise NotImplementedError


def poisson_process(rate: float, t_end: float, rng=None) -> np.ndarray:
    """Return the arrival times of a Poisson process on ``[0, t_end]``, built from exponential gaps.

    A Poisson process of rate ``rate`` has independent gaps between arrivals,
    each exponentially distributed with mean ``1/rate``.  Return the arrival
    times up to ``t_end`` (the partial sums of the gaps that do not exceed
    ``t_end``) as a sorted 1-D float array; an empty one when ``rate = 0`` or
    ``t_end = 0``.  ``rng`` is handled as in :func:`sample_poisson`.

    Constraints
    -----------
    - ``rate`` and ``t_end`` are floats (or ints), ``>= 0``, with
      ``rate·t_end <= 10^6``

    Errors (contract)
    -----------------
    ``rate`` or ``t_end`` not a real number, or ``rng`` of another type →
    ``TypeError``; ``rate`` or ``t_end`` negative, NaN or infinite → ``ValueError``.

    Examples
    --------
    >>> times = poisson_process(2.0, 10.0, rng=7)
    >>> bool(np.all(np.diff(times) > 0)), bool(0 < times[0] and times[-1] <= 10.0)
    (True, True)
    >>> poisson_process(0.0, 5.0).size
    0

    Complexity
    ----------
    ``O(rate·t_end)`` expected time and memory; draw the gaps in vectorised batches.

    Hint: draw about ``rate·t_end`` gaps plus a few standard deviations at once,
    and draw more only if their sum falls short of ``t_end``.
    """
    raise NotImplementedError


def poisson_process_conditional(rate: float, t_end: float, rng=None) -> np.ndarray:
    """Return the arrival times of a Poisson process on ``[0, t_end]``: a Poisson count of uniforms.

    The same process as :func:`poisson_process`, built the other way: the
    number of arrivals is ``N ~ Poisson(rate·t_end)``, and given ``N`` they are
    ``N`` independent uniform times on ``[0, t_end]``.  Return them as a sorted
    1-D float array; an empty one when ``rate = 0`` or ``t_end = 0``.  ``rng``
    is handled as in :func:`sample_poisson`.

    Constraints
    -----------
    - ``rate`` and ``t_end`` are floats (or ints), ``>= 0``, with
      ``rate·t_end <= 10^6``

    Errors (contract)
    -----------------
    ``rate`` or ``t_end`` not a real number, or ``rng`` of another type →
    ``TypeError``; ``rate`` or ``t_end`` negative, NaN or infinite → ``ValueError``.

    Examples
    --------
    >>> times = poisson_process_conditional(2.0, 10.0, rng=7)
    >>> bool(np.all(np.diff(times) >= 0)), bool(0 <= times[0] and times[-1] <= 10.0)
    (True, True)
    >>> poisson_process_conditional(3.0, 0.0).size
    0

    Complexity
    ----------
    ``O(N log N)`` for ``N ≈ rate·t_end`` arrivals (a sort), ``O(N)`` memory.

    Hint: ``Generator.poisson`` or your own :func:`sample_poisson` for the count,
    ``Generator.uniform`` and a sort for the times.
    """
    raise NotImplementedError
