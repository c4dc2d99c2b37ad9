"""Stochastic approximation: roots and minima from noisy evaluations."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def robbins_monro(
    g: Callable,
    x0: float | np.ndarray,
    n_steps: int,
    step: Callable[[int], float] = lambda n: 1 / n,
    rng=None,
    average: bool = False,
) -> np.ndarray:
    """Find the root of ``E[g(x, ξ)] = 0`` from one noisy evaluation of ``g`` per step.

    ``g(x, rng)`` returns one noisy observation at ``x`` (it draws its noise
    from the Generator ``rng``).  Starting from ``x_0 = x0``, iterate ::

        x_n = x_(n-1) - step(n) · g(x_(n-1), rng),      n = 1, 2, ..., n_steps

    and return the trajectory ``x_0, x_1, ..., x_(n_steps)`` as a float array:
    shape ``(n_steps + 1,)`` when ``x0`` is a number, ``(n_steps + 1, dim)``
    when it is a vector of length ``dim`` (then ``g`` gets and returns vectors).

    Randomness: turn ``rng`` (``None``, an int seed or a
    ``numpy.random.Generator``) into a Generator with
    ``numpy.random.default_rng(rng)`` and hand that same Generator to every
    call of ``g``; call ``g`` exactly once per step, in order.  The judge
    replays ``g``'s noise from the same seed.

    ``average=True`` returns the Polyak–Ruppert averages instead:
    ``x̄_0 = x_0`` and ``x̄_n = (x_1 + ... + x_n)/n`` (the start is left out).

    Constraints
    -----------
    - ``x0`` is a float, or a 1-D array or list of floats of length ``<= 200``
    - ``0 <= n_steps <= 2·10^4``
    - ``step(n)`` returns a positive finite float; ``g`` returns a float (a
      length-``dim`` array for a vector ``x0``)

    Errors (contract)
    -----------------
    ``step(n)`` zero, negative, NaN or inf; ``g`` returning a value of the
    wrong shape or not finite; iterates overflowing to inf; ``x0`` not finite,
    empty or 2-D; ``n_steps < 0`` → ``ValueError``.  ``g`` or ``step`` not
    callable or returning a non-number; ``n_steps``, ``rng`` or ``average`` of
    the wrong type → ``TypeError``.  Also a contract: ``g`` receives a float
    for a number ``x0`` and a copy of the iterate for a vector (changing it
    must not disturb the trajectory).

    Examples
    --------
    The root of ``E[x - 3 + noise] = x - 3``: with ``step(n) = 1/n`` the
    iterate ``x_n`` is 3 minus the mean of the first ``n`` noise values.

    >>> path = robbins_monro(lambda x, rng: x - 3 + rng.normal(), 0.0, 10_000, rng=1)
    >>> path.shape
    (10001,)
    >>> bool(abs(path[-1] - 3) < 0.05)
    True
    >>> robbins_monro(lambda x, rng: x - 3, 0.0, 2).tolist()  # no noise: 0, then 3
    [0.0, 3.0, 3.0]

    Complexity
    ----------
    ``n_steps`` calls of ``g`` and ``step``, ``O(n_steps·dim)`` time and memory besides.

    Hint: ``Σ step(n) = ∞`` lets the iterates travel anywhere, ``Σ step(n)² < ∞``
    tames the accumulated noise; ``1/n`` has both.
    """
    raise NotImplementedError


def incremental_mean(samples: list[float] | np.ndarray) -> np.ndarray:
    """Return the running means ``m_n = (s_1 + ... + s_n)/n`` of ``samples``.

    Robbins–Monro's plainest instance: ``m_n = m_(n-1) - (1/n)·(m_(n-1) - s_n)``
    is the step for the root of ``E[m - s] = 0`` with ``a_n = 1/n``.  Return a
    float array of ``samples``' shape: ``m_1, ..., m_n`` (one row per sample
    when the samples are vectors); an empty array for no samples.

    Constraints
    -----------
    - ``samples`` is a list or NumPy array of floats, shape ``(n,)`` or
      ``(n, dim)``, ``0 <= n <= 10^4``, ``dim <= 10``, ``|s| <= 10^6``
    - answers are judged with a relative tolerance of ``1e-9``
    - ``samples`` must not be modified

    Errors (contract)
    -----------------
    A NaN or infinite sample, a scalar, a ragged or 3-D ``samples`` →
    ``ValueError``; samples that are not real numbers (strings, complex,
    ``None``) → ``TypeError``.  Also a contract: samples near ``10^308``,
    where a running sum would overflow, give finite means.

    Examples
    --------
    >>> incremental_mean([2, 4, 9])
    array([2., 3., 5.])
    >>> incremental_mean([[0, 1], [2, 3]]).tolist()
    [[0.0, 1.0], [1.0, 2.0]]

    Complexity
    ----------
    ``O(n·dim)`` time and memory.

    Hint: the update needs no running sum, so it cannot overflow where the sum would.
    """
    raise NotImplementedError


def kiefer_wolfowitz(
    f: Callable,
    x0: float | np.ndarray,
    n_steps: int,
    a: float = 1.0,
    c: float = 1.0,
    rng=None,
) -> np.ndarray:
    """Minimise ``E[f(x, ξ)]`` from noisy values of ``f`` by finite differences.

    ``f(x, rng)`` returns one noisy value (a float) at ``x``.  Step ``n = 1, 2,
    ..., n_steps`` uses ``a_n = a/n`` and ``c_n = c/n^(1/6)``: for every
    coordinate ``i`` evaluate ``f`` once at ``x + c_n·e_i`` and once at
    ``x - c_n·e_i`` (``e_i`` the ``i``-th unit vector), estimate
    ``g_i = (f(x + c_n e_i) - f(x - c_n e_i)) / (2 c_n)``, then move
    ``x ← x - a_n·g``.  That is exactly ``2·dim`` calls of ``f`` per step.

    Return the trajectory ``x_0 = x0, x_1, ..., x_(n_steps)`` as a float array
    of shape ``(n_steps + 1,)`` for a number ``x0`` (then ``f`` gets numbers)
    or ``(n_steps + 1, dim)`` for a vector.  ``rng`` is handled as in
    :func:`robbins_monro`: one Generator, handed to every call of ``f``.

    Constraints
    -----------
    - ``x0`` is a float, or a 1-D array or list of floats of length ``<= 30``
    - ``0 <= n_steps <= 5000``; ``a`` and ``c`` positive floats
    - ``f`` returns a finite float

    Errors (contract)
    -----------------
    ``a`` or ``c`` not positive and finite, ``n_steps < 0``, ``x0`` not
    finite, ``f`` returning a non-finite value or an array, iterates
    overflowing → ``ValueError``; ``f`` not callable or returning a non-number,
    arguments of the wrong type → ``TypeError``.  Also a contract: ``f`` gets a
    float for a number ``x0``.

    Examples
    --------
    Minimise ``E[(x - 2)² + noise]``:

    >>> path = kiefer_wolfowitz(lambda x, rng: (x - 2) ** 2 + rng.normal(), 0.0, 5000, rng=7)
    >>> path.shape, bool(abs(path[-1] - 2) < 0.1)
    ((5001,), True)

    Without noise, central differences are exact for a quadratic: from 0 the
    first step is ``-1·f'(0) = 4``.

    >>> kiefer_wolfowitz(lambda x, rng: (x - 2) ** 2, 0.0, 1).tolist()
    [0.0, 4.0]

    Complexity
    ----------
    ``2·dim·n_steps`` calls of ``f``, ``O(n_steps·dim²)`` time to build the
    probe points, ``O(n_steps·dim)`` memory.

    Hint: shrinking ``c_n`` removes the bias of the difference quotient but
    amplifies its noise; ``a/n`` with ``c/n^(1/6)`` balances the two.
    """
    raise NotImplementedError
