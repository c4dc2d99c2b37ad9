"""Numerical derivatives and harmonic numbers.

Derivatives by central differences
----------------------------------
For a smooth ``f`` Taylor's theorem gives

    f(x + h) - f(x - h) = 2h·f'(x) + (h³/3)·f'''(ξ),

so ``(f(x + h) - f(x - h))/(2h)`` has *truncation* error ``h²·|f'''|/6`` -- one
order better than the one-sided ``(f(x + h) - f(x))/h``.  A smaller ``h`` is not
always better: ``f`` is evaluated with a relative rounding error of about
``ε = 2^-52``, and dividing the difference by ``2h`` turns that into a
*rounding* error of about ``ε·|f|/h``.  The sum ``h²·M/6 + ε·|f|/h`` is smallest
near ``h ∝ ε^(1/3)``, so the default step is ``h_i = ε^(1/3)·max(1, |x_i|)``
(about ``6e-6`` times the scale of ``x_i``) and the error is then of order
``ε^(2/3) ≈ 4e-11`` relative.  For polynomials of degree <= 2 the truncation
error vanishes and only rounding remains.

The gradient needs two evaluations per coordinate (``2·d`` in all for ``x`` in
``R^d``).  A directional derivative is the derivative of ``t ↦ f(x + t·u)`` at
0 for the *unit* vector ``u = v/|v|``: one central difference along ``u``, two
evaluations whatever ``d`` is.

Harmonic numbers
----------------
``H_n = 1 + 1/2 + ... + 1/n``.  Exactly, the sum of ``n`` fractions is best done
by *binary splitting*: add the two halves of the range recursively as
numerator/denominator integer pairs and reduce once at the end, so the big
multiplications pair numbers of similar size (summing left to right would
reduce a fraction with a huge denominator at every one of the ``n`` steps).

As a float, a direct (correctly rounded, ``math.fsum``) sum is fine for small
``n`` but ``O(n)``; for large ``n`` the Euler–Maclaurin formula gives the
asymptotic expansion

    H_n = ln n + γ + 1/(2n) - 1/(12n²) + 1/(120n⁴) - 1/(252n⁶) + 1/(240n⁸) - ...

(the coefficients are ``B_2k/(2k)``, Bernoulli numbers).  Its error is below
the first omitted term, ``1/(132·n^10)``, i.e. ``< 1e-20`` for ``n > 100``, so
the float result is as accurate as ``ln n`` itself, in ``O(1)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from numbers import Real
from typing import Any

import numpy as np

from mathlab._validate import describe, require_int, require_real

__all__ = ["directional_derivative", "gradient", "harmonic_number"]

# The cube root of machine epsilon: the step that balances truncation against rounding.
_CBRT_EPS = float(np.finfo(np.float64).eps) ** (1.0 / 3.0)

# Euler's constant γ, to double precision.
_EULER_GAMMA = 0.57721566490153286060651209008240243

# Below this n the float H_n is a correctly rounded direct sum (cheap, and exact
# to the last bit); above it the Euler–Maclaurin expansion is already accurate
# far beyond double precision (first omitted term 1/(132·n^10) < 1e-20).
_DIRECT_SUM_MAX = 100

# Euler–Maclaurin correction -B_2k/(2k) for k = 1..4: the terms -1/(12n²), +1/(120n⁴),
# -1/(252n⁶), +1/(240n⁸).
_EM_COEFFS = ((2, -1 / 12), (4, 1 / 120), (6, -1 / 252), (8, 1 / 240))


def _as_point(x: Any, name: str) -> np.ndarray:
    """``x`` as a new float64 array (never a view of the caller's data), finite entries only."""
    raw = x if isinstance(x, np.ndarray) else np.asarray(x, dtype=object if _ragged(x) else None)
    kind = raw.dtype.kind
    if kind == "O":  # e.g. Fractions or Decimals: accept if every entry is a real number
        ok = all(isinstance(e, Real) and not isinstance(e, bool) for e in raw.reshape(-1))
        kind = "f" if ok and raw.size else "?"
    if kind not in "iuf":
        raise TypeError(f"{name} must be a real number or an array of them, got {describe(x)}")
    arr = np.array(raw, dtype=np.float64)  # np.array copies: the caller's x is never touched
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must have finite entries, got {x!r}")
    return arr


def _ragged(x: Any) -> bool:
    # np.asarray raises on ragged nested lists; let it build an object array we reject.
    try:
        np.asarray(x)
    except ValueError:
        return True
    return False


def _step(h: Any) -> float | None:
    if h is None:
        return None
    return require_real(h, "h", positive=True)


def _evaluate(f: Callable[..., Any], point: np.ndarray) -> float:
    """``f(point)`` as a float; ``f`` gets its own copy so it cannot disturb our arrays."""
    value = f(point.copy())
    if isinstance(value, Real) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        return float(value)
    raise TypeError(f"f must return a real scalar, got {describe(value)}")


def gradient(f: Callable[..., Any], x: Any, h: float | None = None) -> np.ndarray:
    """Gradient of a scalar function by central differences.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real scalar.  It is called with float64 arrays of
        the same shape as ``x`` (a 0-d array when ``x`` is a scalar).
    x : float or array_like of float
        The point; any shape.  Not modified.
    h : float, optional
        Step, ``> 0``, used for every coordinate.  Default
        ``h_i = ε^(1/3)·max(1, |x_i|)`` with ``ε`` the float64 machine epsilon.

    Returns
    -------
    numpy.ndarray
        float64 array of the same shape as ``x`` (0-d for a scalar ``x``):
        ``(f(x + h_i e_i) - f(x - h_i e_i)) / (2 h_i)`` in each coordinate.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not real numeric, ``h`` is not a
        real number or ``f`` does not return a real scalar.
    ValueError
        If ``x`` has non-finite entries or ``h`` is not positive and finite.

    Notes
    -----
    ``2·x.size`` evaluations of ``f``.  Error per coordinate about
    ``h²·|∂³f/∂x_i³|/6 + ε·|f|/h``: ``O(ε^(2/3))`` relative with the default
    step, and only the rounding part for quadratics.  The step actually used
    is ``(x_i + h) - (x_i - h)`` as represented in floating point, which
    removes the error of ``x_i ± h`` not being exact.

    Examples
    --------
    >>> g = gradient(lambda v: v[0] ** 2 + 3 * v[0] * v[1], [1.0, 2.0])
    >>> [round(float(c), 8) for c in g]
    [8.0, 3.0]
    >>> round(float(gradient(lambda t: t**3, 2.0)), 8)
    12.0
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {describe(f)}")
    point = _as_point(x, "x")
    step = _step(h)
    flat = point.ravel()
    grad = np.empty_like(flat)
    for i in range(flat.size):
        xi = flat[i]
        hi = step if step is not None else _CBRT_EPS * max(1.0, abs(xi))
        upper, lower = flat.copy(), flat.copy()
        upper[i] += hi
        lower[i] -= hi
        f_upper = _evaluate(f, upper.reshape(point.shape))
        f_lower = _evaluate(f, lower.reshape(point.shape))
        grad[i] = (f_upper - f_lower) / (upper[i] - lower[i])
    return grad.reshape(point.shape)


def directional_derivative(f: Callable[..., Any], x: Any, v: Any, h: float | None = None) -> float:
    """Derivative of ``f`` at ``x`` along the unit vector ``v/|v|``.

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a real scalar; called with float64 arrays shaped like ``x``.
    x : float or array_like of float
        The point.  Not modified.
    v : float or array_like of float
        The direction, same shape as ``x``, not zero.  It is normalised to
        unit length, so only its direction matters.  Not modified.
    h : float, optional
        Step along the unit direction, ``> 0``.  Default
        ``ε^(1/3)·max(1, |x|)`` (Euclidean norm of ``x``).

    Returns
    -------
    float
        ``(f(x + h·u) - f(x - h·u)) / (2h)`` with ``u = v/|v|``; for smooth
        ``f`` this approximates ``∇f(x)·u``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x``/``v`` are not real numeric, ``h`` is
        not a real number or ``f`` does not return a real scalar.
    ValueError
        If ``v`` is zero, ``x`` and ``v`` differ in shape, an entry is not
        finite or ``h`` is not positive.

    Notes
    -----
    Two evaluations of ``f`` whatever the dimension; error about
    ``h²·|D_u³f|/6 + ε·|f|/h``, so ``O(ε^(2/3))`` relative with the default step.

    Examples
    --------
    ``f = x² + y²`` at ``(1, 2)`` along ``(3, 4)``: ``∇f = (2, 4)`` and
    ``u = (0.6, 0.8)``, so the answer is ``1.2 + 3.2 = 4.4``.

    >>> f = lambda p: p[0] ** 2 + p[1] ** 2
    >>> round(directional_derivative(f, [1.0, 2.0], [3.0, 4.0]), 10)
    4.4
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {describe(f)}")
    point = _as_point(x, "x")
    direction = _as_point(v, "v")
    if direction.shape != point.shape:
        raise ValueError(
            f"v must have the same shape as x, got v.shape={direction.shape} "
            f"and x.shape={point.shape}"
        )
    norm = float(np.linalg.norm(direction))
    if norm == 0.0:
        raise ValueError("v must be a non-zero direction, got the zero vector")
    unit = direction / norm
    step = _step(h)
    if step is None:
        step = _CBRT_EPS * max(1.0, float(np.linalg.norm(point)))
    return (_evaluate(f, point + step * unit) - _evaluate(f, point - step * unit)) / (2 * step)


def _harmonic_split(a: int, b: int) -> tuple[int, int]:
    """``Σ_{k=a}^{b-1} 1/k`` as an unreduced pair ``(numerator, a·(a+1)···(b-1))``.

    Binary splitting: the two halves have denominators of similar size, so the
    work is dominated by a few large balanced multiplications at the top.
    """
    if b - a == 1:
        return 1, a
    if b - a == 2:  # 1/a + 1/(a+1), saves the deepest level of recursion
        return 2 * a + 1, a * (a + 1)
    mid = (a + b) // 2
    p_left, q_left = _harmonic_split(a, mid)
    p_right, q_right = _harmonic_split(mid, b)
    return p_left * q_right + p_right * q_left, q_left * q_right


def harmonic_number(n: int, exact: bool = False) -> Fraction | float:
    """The ``n``-th harmonic number ``H_n = 1 + 1/2 + ... + 1/n``.

    Parameters
    ----------
    n : int
        ``n >= 0``; ``H_0 = 0``.
    exact : bool, default False
        ``True``: the exact ``Fraction``.  ``False``: a float.

    Returns
    -------
    Fraction or float
        Exact: in lowest terms.  Float: relative error about ``1e-16``
        (``math.fsum`` of the terms ``1/k`` for ``n <= 100``, the Euler–Maclaurin
        expansion through ``1/(240n⁸)`` above that; any size of ``n``).

    Raises
    ------
    TypeError
        If ``n`` is not an integer or ``exact`` is not a bool.
    ValueError
        If ``n < 0``.

    Notes
    -----
    Exact: binary splitting over ``1..n``, ``O(log n)`` levels of big-integer
    products whose operands have ``O(n log n)`` bits at the top, plus one gcd
    to reduce; ``n = 10^4`` takes milliseconds.  Float: ``O(1)`` for
    ``n > 100`` (``O(n)`` below).

    Examples
    --------
    >>> harmonic_number(4, exact=True)
    Fraction(25, 12)
    >>> harmonic_number(4)
    2.0833333333333335
    >>> round(harmonic_number(10**15), 12)
    35.115992059812
    """
    n = require_int(n, "n", minimum=0)
    if not isinstance(exact, bool):
        raise TypeError(f"exact must be a bool, got {describe(exact)}")
    if exact:
        if n == 0:
            return Fraction(0)
        numerator, denominator = _harmonic_split(1, n + 1)
        return Fraction(numerator, denominator)
    if n <= _DIRECT_SUM_MAX:
        return math.fsum(1.0 / k for k in range(1, n + 1))
    inv = 1 / n  # int / int: no overflow however large n is (it underflows to 0.0)
    terms = [math.log(n), _EULER_GAMMA, inv / 2]
    terms += [c * inv**power for power, c in _EM_COEFFS]
    return math.fsum(terms)
