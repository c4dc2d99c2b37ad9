"""Numerical derivatives by central differences, and harmonic numbers."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np


def gradient(f: Callable, x: float | np.ndarray, h: float | None = None) -> np.ndarray:
    """Return the gradient of a scalar function ``f`` at ``x`` by central differences.

    For each coordinate ``i`` (``e_i`` the ``i``-th unit vector) ::

        ∂f/∂x_i ≈ (f(x + h_i·e_i) - f(x - h_i·e_i)) / (2·h_i)

    with ``h_i = h`` when ``h`` is given, else ``h_i = ε^(1/3)·max(1, |x_i|)``,
    ``ε = 2^-52`` (``numpy.finfo(float).eps``).  ``x`` may have any shape; the
    gradient has the same shape (for a number ``x``, return a float or a 0-d
    array).  ``f`` is called with float arrays shaped like ``x`` (or a number).

    The answer is judged against the exact derivative with the error bound of
    the method: ``h_i²/6·|∂³f/∂x_i³|`` (truncation) plus a few roundings of
    ``f``'s terms divided by ``h_i`` -- a step far from the default one breaks it.

    Constraints
    -----------
    - ``x`` is a float, or a list or NumPy array of floats (any shape, at most
      10 entries), ``|x_i| <= 10``
    - ``h`` is ``None`` or a float, ``10^-4 <= h <= 10^-2``
    - ``f`` returns a float; ``x`` must not be modified

    Errors (contract)
    -----------------
    ``f`` not callable, ``x`` not real numbers (strings, complex, ragged
    lists), ``h`` not a real number, or ``f`` returning a non-scalar →
    ``TypeError``; a NaN or infinite entry of ``x``, or ``h <= 0`` →
    ``ValueError``.  Also a contract: ``f`` gets its own copy of the point
    (changing it must not disturb the result).

    Examples
    --------
    >>> g = gradient(lambda v: v[0] ** 2 + 3 * v[0] * v[1], [1.0, 2.0])
    >>> [round(float(c), 8) for c in g]  # (2x + 3y, 3x)
    [8.0, 3.0]
    >>> round(float(gradient(lambda t: t**3, 2.0)), 8)
    12.0

    Complexity
    ----------
    ``2·x.size`` calls of ``f``; ``O(x.size)`` memory besides.

    Hint: truncation error falls like ``h²``, rounding error grows like
    ``ε/h``; ``h ∝ ε^(1/3)`` balances them.
    """
    raise NotImplementedError


def directional_derivative(
    f: Callable, x: float | np.ndarray, v: float | np.ndarray, h: float | None = None
) -> float:
    """Return the derivative of ``f`` at ``x`` along the direction ``v``.

    Normalise the direction first, ``u = v/‖v‖`` (only the direction of ``v``
    matters), then take one central difference along it ::

        D_u f(x) ≈ (f(x + h·u) - f(x - h·u)) / (2h)

    with the given ``h``, or by default ``h = ε^(1/3)·max(1, ‖x‖)``,
    ``ε = 2^-52`` (Euclidean norms).  Return a float.

    The answer is judged against the exact ``∇f(x)·u`` with the error bound of
    the method, as in :func:`gradient`.

    Constraints
    -----------
    - ``x`` and ``v`` are floats, or lists, tuples or NumPy arrays of floats of
      the same shape (at most 10 entries), ``|x_i| <= 10``, ``0.001 <= |v_i| <= 100``
    - ``h`` is ``None`` or a float, ``h > 0``
    - ``f`` returns a float; ``x`` and ``v`` must not be modified

    Errors (contract)
    -----------------
    ``v`` zero, ``x`` and ``v`` of different shapes, a NaN or infinite entry,
    or ``h <= 0`` → ``ValueError``; ``f`` not callable, ``x`` or ``v`` not real
    numbers → ``TypeError``.

    Examples
    --------
    ``f = x² + y²`` at ``(1, 2)`` along ``(3, 4)``: ``∇f = (2, 4)`` and
    ``u = (0.6, 0.8)``, so the answer is ``1.2 + 3.2 = 4.4``.

    >>> f = lambda p: p[0] ** 2 + p[1] ** 2
    >>> round(directional_derivative(f, [1.0, 2.0], [3.0, 4.0]), 10)
    4.4
    >>> round(directional_derivative(f, [1.0, 2.0], [30.0, 40.0]), 10)
    4.4

    Complexity
    ----------
    Two calls of ``f``, whatever the dimension; ``O(x.size)`` time besides.

    Hint: ``D_u f(x)`` is the ordinary derivative of ``t ↦ f(x + t·u)`` at ``t = 0``.
    """
    raise NotImplementedError


def harmonic_number(n: int, exact: bool = False) -> Fraction | float:
    """Return the ``n``-th harmonic number ``H_n = 1 + 1/2 + ... + 1/n`` (``H_0 = 0``).

    With ``exact=True`` return it as a ``Fraction`` in lowest terms (an int is
    accepted when the value is one: ``H_0 = 0``, ``H_1 = 1``); otherwise as a
    float with a relative error of at most ``1e-12`` -- also for ``n`` far too
    large to add the terms one by one.

    Constraints
    -----------
    - ``n`` is an int; ``0 <= n <= 2·10^4`` with ``exact=True``,
      ``0 <= n <= 10^15`` otherwise
    - ``exact`` is a bool

    Errors (contract)
    -----------------
    ``n`` not an int (a bool or a float included) or ``exact`` not a bool →
    ``TypeError``; ``n < 0`` → ``ValueError``.  Also a contract: the float for
    ``n`` beyond the float range (``10^400``) is about ``ln n + γ``.

    Examples
    --------
    >>> harmonic_number(4, exact=True)
    Fraction(25, 12)
    >>> harmonic_number(4)
    2.0833333333333335
    >>> round(harmonic_number(10**15), 12)
    35.115992059812

    Complexity
    ----------
    Float: ``O(1)`` for large ``n``.  Exact: adding the ``n`` fractions one by
    one reduces a huge fraction ``n`` times; sum over a common denominator, or
    split the range in halves and combine, to stay well below a second at
    ``n = 2·10^4``.

    Hint: ``H_n = ln n + γ + 1/(2n) - 1/(12n²) + 1/(120n⁴) - ...`` (Euler–Maclaurin),
    ``γ = 0.5772156649015329``.
    """
    raise NotImplementedError
