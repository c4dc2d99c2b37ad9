"""Stochastic approximation: finding roots and minima from noisy evaluations.

The problem
-----------
We want the root ``θ`` of a function ``M(x) = E[g(x, ξ)]`` that we can only
observe with noise: each call ``g(x, rng)`` returns ``M(x)`` plus a random
error.  Averaging many evaluations at each trial point wastes evaluations far
from the root; Robbins and Monro (1951) showed that one evaluation per step is
enough if the steps shrink at the right rate.

The idea: Robbins–Monro
-----------------------
Start anywhere and step against the observed value::

    x_n = x_{n-1} - a_n · g(x_{n-1}, ξ_n),        n = 1, 2, ...

For an increasing ``M`` (``M(x) < 0`` left of ``θ``, ``> 0`` right of it) the
iterates converge to ``θ`` almost surely when the step sizes satisfy

    Σ a_n = ∞    (the steps can travel any distance), and
    Σ a_n² < ∞   (the accumulated noise, Σ a_n·error_n, has finite variance).

``a_n = 1/n`` is the classic choice.  The plainest instance is the *running
mean*: with ``g(x, ξ_n) = x - s_n`` and ``a_n = 1/n``,
``x_n = x_{n-1} + (s_n - x_{n-1})/n`` is exactly the mean of ``s_1 .. s_n``
(:func:`incremental_mean`).

Rates.  Near ``θ``, with ``M'(θ) = k > 0``, noise variance ``σ²`` and
``a_n = a/n`` with ``2ak > 1``, ``√n·(x_n - θ)`` tends to a normal law of
variance ``a²σ²/(2ak - 1)``; ``a = 1/k`` gives the optimum ``σ²/k²``, but ``k``
is unknown.  Polyak–Ruppert averaging removes the guesswork: take larger steps
(``a_n ∝ n^(-γ)``, ``1/2 < γ < 1``) and report the running average of the
iterates, which reaches the optimal variance ``σ²/(k²n)`` whatever ``a``
(``average=True``).

Minimising without gradients: Kiefer–Wolfowitz
----------------------------------------------
To minimise ``E[f(x, ξ)]`` from noisy values alone, estimate the gradient by
central differences with a shrinking width ``c_n`` and feed it to
Robbins–Monro: in each coordinate ``i``,

    gᵢ = (f(x + c_n·eᵢ, ξ) - f(x - c_n·eᵢ, ξ')) / (2c_n),

``2·dim`` evaluations per step.  Shrinking ``c_n`` removes the bias of the
difference quotient (``O(c_n²)``) but inflates its noise (``O(1/c_n)``); with
``a_n = a/n`` and ``c_n = c/n^(1/6)`` the two balance and the error falls like
``n^(-1/3)``.

Randomness
----------
Every function takes ``rng`` (``None``, a seed or a ``numpy.random.Generator``)
and hands the Generator to ``g`` or ``f``; the routines draw nothing
themselves and never touch NumPy's global state, so a seed reproduces a run.

Complexity
----------
``robbins_monro``: ``n_steps`` calls of ``g`` plus ``O(n_steps·dim)`` work and
memory for the trajectory.  ``kiefer_wolfowitz``: ``2·dim·n_steps`` calls of
``f`` plus ``O(n_steps·dim²)`` work to build the probe points.
``incremental_mean``: ``O(n·dim)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from numbers import Real
from typing import Any

import numpy as np

from mathlab._validate import as_generator, as_real_array, describe, require_int, require_real

__all__ = ["incremental_mean", "kiefer_wolfowitz", "robbins_monro"]


# ---------------------------------------------------------------------------
# Argument checks
# ---------------------------------------------------------------------------


def _as_start(x0: Any) -> np.ndarray:
    """``x0`` as a 0-d (scalar problem) or 1-d non-empty (vector problem) float64 array."""
    x = as_real_array(x0, "x0")
    if x.ndim > 1 or x.size == 0:
        raise ValueError(f"x0 must be a number or a non-empty 1-D vector, got shape {x.shape}")
    return x


def _require_callable(fn: Any, name: str, signature: str) -> None:
    if not callable(fn):
        raise TypeError(f"{name} must be a callable {signature}, got {describe(fn)}")


def _step_size(step: Callable[[int], float], n: int) -> float:
    """``step(n)``, checked: a positive finite real number."""
    a = step(n)
    if not isinstance(a, float):  # float (and numpy.float64) is the common case: skip the rest
        if isinstance(a, np.ndarray) and a.ndim == 0:
            a = a.item()
        if isinstance(a, bool) or not isinstance(a, Real):
            raise TypeError(f"step(n) must return a real number, got step({n}) = {describe(a)}")
        a = float(a)
    if not 0.0 < a < math.inf:  # False for NaN too
        raise ValueError(f"step(n) must be positive and finite, got step({n}) = {a}")
    return a


def _observation(value: Any, shape: tuple[int, ...], name: str, n: int) -> Any:
    """What ``g``/``f`` returned at step ``n``: a float, or an array of ``shape``; finite."""
    if shape == () and isinstance(value, float):  # the common scalar case, kept cheap
        if not math.isfinite(value):
            raise ValueError(f"{name} returned a non-finite value {value!r} at step n = {n}")
        return value
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must return real numbers, got {describe(value)} at step n = {n}")
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must return real numbers, got {describe(value)} at step n = {n}"
        ) from None
    if arr.shape != shape:
        what = "a number" if shape == () else f"an array of shape {shape}, like x0"
        raise ValueError(f"{name} must return {what}, got shape {arr.shape} at step n = {n}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} returned a non-finite value {value!r} at step n = {n}")
    return float(arr) if shape == () else arr


def _check_iterate(x: Any, n: int, gain: str) -> None:
    if not (math.isfinite(x) if isinstance(x, float) else np.isfinite(x).all()):
        raise ValueError(
            f"the iterates overflowed to inf at step n = {n}: the gains ({gain}) are too "
            "large for this problem"
        )


def _start(x: np.ndarray) -> float | np.ndarray:
    """The running iterate: a Python float for a scalar problem (fast), else the array."""
    return float(x) if x.ndim == 0 else x


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def robbins_monro(
    g: Callable[[Any, np.random.Generator], Any],
    x0: Any,
    n_steps: int,
    step: Callable[[int], float] = lambda n: 1 / n,
    rng: Any = None,
    average: bool = False,
) -> np.ndarray:
    """Find the root of ``E[g(x, ξ)] = 0`` from one noisy evaluation per step.

    Parameters
    ----------
    g : callable
        ``g(x, rng)`` returns one noisy evaluation at ``x``: a number when
        ``x0`` is a number, an array of ``x0``'s shape when it is a vector.
        ``rng`` is a ``numpy.random.Generator`` to draw the noise from.
        ``E[g(x, ξ)]`` should increase through the root (for vectors: have a
        Jacobian whose symmetric part is positive definite there).
    x0 : float or array_like, shape (dim,)
        Starting point.
    n_steps : int
        Number of steps, ``>= 0``.
    step : callable, optional
        The step size ``a_n = step(n)`` for ``n = 1, 2, ...``; default ``1/n``.
        Each value must be positive and finite.
    rng : None, int or numpy.random.Generator, optional
        Source of randomness handed to ``g``; ``None`` is a fresh OS-seeded
        Generator.  NumPy's global state is never used.
    average : bool, optional
        Return the Polyak–Ruppert averages instead of the iterates:
        ``x̄_0 = x_0`` and ``x̄_n = (x_1 + ... + x_n)/n`` (the arbitrary start
        ``x_0`` is left out of the averages).

    Returns
    -------
    ndarray of float64
        The trajectory ``x_0, x_1, ..., x_{n_steps}`` (or its running
        averages): shape ``(n_steps + 1,)`` for a scalar ``x0``,
        ``(n_steps + 1, dim)`` for a vector.

    Raises
    ------
    ValueError
        If ``step(n)`` is zero, negative, NaN or inf (naming ``n``); if ``g``
        returns the wrong shape or a non-finite value; if the iterates
        overflow; if ``x0`` holds NaN or inf or ``n_steps < 0``.
    TypeError
        If ``g`` or ``step`` is not callable or returns a non-number, or an
        argument has the wrong type.

    Notes
    -----
    ``x_n = x_{n-1} - step(n)·g(x_{n-1}, rng)``.  ``g`` receives a ``float`` for
    a scalar problem and a copy of the iterate for a vector one.

    ``O(n_steps)`` calls of ``g`` and ``step``, ``O(n_steps·dim)`` time and
    memory besides.

    Examples
    --------
    The root of ``E[x - 3 + noise] = x - 3``; with ``a_n = 1/n`` the iterate
    ``x_n`` is ``3`` minus the mean of the first ``n`` noise values:

    >>> path = robbins_monro(lambda x, rng: x - 3 + rng.normal(), 0.0, 10_000, rng=1)
    >>> path.shape
    (10001,)
    >>> bool(abs(path[-1] - 3) < 0.05)
    True
    """
    _require_callable(g, "g", "g(x, rng)")
    x = _as_start(x0)
    n_steps = require_int(n_steps, "n_steps", minimum=0)
    _require_callable(step, "step", "step(n) -> step size")
    rng = as_generator(rng)
    if not isinstance(average, bool):
        raise TypeError(f"average must be True or False, got {describe(average)}")

    trajectory = np.empty((n_steps + 1, *x.shape))
    trajectory[0] = x
    shape, scalar = x.shape, x.ndim == 0
    x = _start(x)
    for n in range(1, n_steps + 1):
        a = _step_size(step, n)
        # g gets a float, or a copy of the iterate that it may modify freely
        value = _observation(g(x if scalar else x.copy(), rng), shape, "g", n)
        x = x - a * value
        _check_iterate(x, n, "step(n)")
        trajectory[n] = x
    if average and n_steps > 0:
        counts = np.arange(1, n_steps + 1).reshape((-1,) + (1,) * len(shape))
        trajectory[1:] = np.cumsum(trajectory[1:], axis=0) / counts
    return trajectory


def incremental_mean(samples: Any) -> np.ndarray:
    """Running means ``m_n = (s_1 + ... + s_n)/n``, as Robbins–Monro with ``a_n = 1/n``.

    Parameters
    ----------
    samples : array_like, shape (n,) or (n, dim)
        Real numbers (or vectors, one per row).

    Returns
    -------
    ndarray of float64, the shape of ``samples``
        ``m_1, ..., m_n``; empty for empty input.

    Raises
    ------
    ValueError
        If a sample is NaN or inf, or ``samples`` has more than 2 dimensions.
    TypeError
        If ``samples`` does not hold real numbers.

    Notes
    -----
    The update ``m_n = m_{n-1} - (1/n)·(m_{n-1} - s_n)`` is the Robbins–Monro
    step for the root of ``E[m - s] = 0``, i.e. ``m = E[s]``, with the
    "observation" ``g(m) = m - s_n``.  It needs no running sum, so it never
    overflows where the sum would, and each new mean costs ``O(dim)``.

    ``O(n·dim)`` time and memory.

    Examples
    --------
    >>> incremental_mean([2, 4, 9])
    array([2., 3., 5.])
    """
    s = as_real_array(samples, "samples")
    if s.ndim == 0 or s.ndim > 2:
        raise ValueError(
            f"samples must be a 1-D sequence of numbers or a 2-D array of vectors, "
            f"got shape {s.shape}"
        )
    if len(s) == 0:
        return s.copy()
    rows = iter(s)

    def g(m: Any, rng: np.random.Generator) -> Any:  # the noisy observation m - s_n
        return m - next(rows)

    # x_1 = x_0 - 1·(x_0 - s_1) = s_1 whatever x_0, so start from 0.
    return robbins_monro(g, np.zeros(s.shape[1:]), len(s), rng=0)[1:]


def kiefer_wolfowitz(
    f: Callable[[Any, np.random.Generator], Any],
    x0: Any,
    n_steps: int,
    a: float = 1.0,
    c: float = 1.0,
    rng: Any = None,
) -> np.ndarray:
    """Minimise ``E[f(x, ξ)]`` from noisy values by central finite differences.

    Parameters
    ----------
    f : callable
        ``f(x, rng)`` returns one noisy value (a number) at ``x``; ``rng`` is a
        ``numpy.random.Generator`` to draw the noise from.
    x0 : float or array_like, shape (dim,)
        Starting point.
    n_steps : int
        Number of steps, ``>= 0``.
    a : float, optional
        Gain: the step is ``a_n = a/n``.  Positive, finite.
    c : float, optional
        Width: the difference step is ``c_n = c/n^(1/6)``.  Positive, finite.
    rng : None, int or numpy.random.Generator, optional
        Source of randomness handed to ``f``; ``None`` is a fresh OS-seeded
        Generator.

    Returns
    -------
    ndarray of float64
        The trajectory ``x_0, ..., x_{n_steps}``: shape ``(n_steps + 1,)`` for a
        scalar ``x0``, ``(n_steps + 1, dim)`` for a vector.

    Raises
    ------
    ValueError
        If ``a`` or ``c`` is not positive and finite, ``n_steps < 0``, ``f``
        returns a non-finite value, or the iterates overflow.
    TypeError
        If ``f`` is not callable or returns a non-number, or an argument has
        the wrong type.

    Notes
    -----
    Step ``n``, for each coordinate ``i`` (``eᵢ`` the unit vector)::

        gᵢ = (f(x + c_n eᵢ, rng) - f(x - c_n eᵢ, rng)) / (2 c_n)
        x  ← x - a_n · g

    ``Σ a_n = ∞``, ``Σ (a_n/c_n)² < ∞`` and ``Σ a_n c_n² < ∞`` -- the
    convergence conditions.  With curvature ``h`` at the minimiser, ``a·h > 1/3``
    gives the best rate, an error of order ``n^(-1/3)``; the defaults
    ``a = c = 1`` suit problems whose curvature and noise are of order one --
    rescale ``x`` or pick ``a``, ``c`` otherwise.  Central differences are
    exact for quadratics, so on a noiseless quadratic this is gradient descent
    with step ``a/n``.

    ``2·dim·n_steps`` calls of ``f``, ``O(n_steps·dim²)`` time to form the
    probe points, ``O(n_steps·dim)`` memory.

    Examples
    --------
    Minimise ``E[(x - 2)² + noise]``:

    >>> path = kiefer_wolfowitz(lambda x, rng: (x - 2) ** 2 + rng.normal(), 0.0, 5000, rng=7)
    >>> bool(abs(path[-1] - 2) < 0.1)
    True
    """
    _require_callable(f, "f", "f(x, rng) -> number")
    x = _as_start(x0)
    n_steps = require_int(n_steps, "n_steps", minimum=0)
    a = require_real(a, "a", positive=True)
    c = require_real(c, "c", positive=True)
    rng = as_generator(rng)

    shape, dim = x.shape, x.size
    trajectory = np.empty((n_steps + 1, *shape))
    trajectory[0] = x
    x = x.reshape(dim)  # a scalar problem is the case dim = 1
    for n in range(1, n_steps + 1):
        a_n, c_n = a / n, c / n ** (1 / 6)
        grad = np.empty(dim)
        for i in range(dim):
            values = []
            for offset in (c_n, -c_n):
                probe = x.copy()  # fresh for every call: f may modify what it gets
                probe[i] += offset
                values.append(_observation(f(_start(probe.reshape(shape)), rng), (), "f", n))
            grad[i] = (values[0] - values[1]) / (2 * c_n)
        x = x - a_n * grad
        _check_iterate(x, n, "a/n")
        trajectory[n] = x.reshape(shape)
    return trajectory
