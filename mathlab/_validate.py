"""Argument checks shared by the ``mathlab`` modules.

Bad input raises ``TypeError`` or ``ValueError`` naming the argument and the
rule it broke, before any computation (or Numba compilation) starts.
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Integral, Rational, Real
from typing import Any

import numpy as np


def describe(value: Any) -> str:
    """Return ``repr(value)`` with its type, for error messages."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def require_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an ``int`` if it is integral (``bool`` excluded) and ``>= minimum``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def require_real(
    value: Any,
    name: str,
    *,
    minimum: float | None = None,
    positive: bool = False,
    finite: bool = True,
) -> float:
    """Return ``value`` as a ``float`` if it is a real number satisfying the rules."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    x = float(value)
    if math.isnan(x):
        raise ValueError(f"{name} must not be NaN")
    if finite and math.isinf(x):
        raise ValueError(f"{name} must be finite, got {x}")
    if positive and not x > 0:
        raise ValueError(f"{name} must be positive, got {value}")
    if minimum is not None and x < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return x


def require_probability(value: Any, name: str) -> Fraction:
    """Return ``value`` as an exact ``Fraction`` in ``[0, 1]``.

    Rationals (``int``, ``Fraction``) stay exact; a float is converted exactly
    (``Fraction(0.1)`` is the binary value the float really holds).
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a probability (a real number), got {describe(value)}")
    if not isinstance(value, Rational):
        if not math.isfinite(float(value)):
            raise ValueError(f"{name} must be a probability in [0, 1], got {value}")
        value = Fraction(float(value))
    p = Fraction(value)
    if not 0 <= p <= 1:
        raise ValueError(f"{name} must be a probability in [0, 1], got {value}")
    return p


def as_generator(rng: Any, name: str = "rng") -> np.random.Generator:
    """A ``numpy.random.Generator`` from ``None``, a seed or a Generator.

    Never the global NumPy state: ``None`` gives a fresh, OS-seeded Generator.
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, Integral) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    if isinstance(rng, np.random.SeedSequence):
        return np.random.default_rng(rng)
    raise TypeError(
        f"{name} must be None, an integer seed or a numpy.random.Generator, got {describe(rng)}"
    )


def as_real_array(value: Any, name: str) -> np.ndarray:
    """A float64 array of finite reals from an array-like: a view if it already is one.

    Object arrays (``Fraction``, huge ``int``) are accepted when every entry is a
    real number.  Callers only read the result, so no copy is made when
    ``value`` already is a float64 array.
    """
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a real number or an array of them, got {describe(value)}")
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):  # ragged nested lists
        raise ValueError(
            f"{name} must be a rectangular array of real numbers, got {describe(value)}"
        ) from None
    if arr.dtype.kind == "O":  # Fractions, huge ints, ...: fine if every entry is real
        if not all(isinstance(v, Real) and not isinstance(v, bool) for v in arr.flat):
            raise TypeError(f"{name} must hold real numbers, got {describe(value)}")
    elif arr.dtype.kind not in "iuf":  # bool, complex, strings
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    try:
        arr = arr.astype(np.float64, copy=False)
    except OverflowError:  # an int beyond the float range
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)") from None
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must contain only finite numbers (no NaN or inf)")
    return arr
