"""Argument checks shared by the ``algorithms`` modules.

Every public function validates its input up front, so a learner sees a
``TypeError`` or ``ValueError`` that names the argument and the rule it broke,
never an ``IndexError`` from deep inside a loop.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real
from typing import Any


def describe(value: Any) -> str:
    """Return ``repr(value)`` with its type, for error messages."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def is_nan(value: Any) -> bool:
    """True for a float-like NaN (the only value that is not equal to itself)."""
    try:
        return value != value
    except Exception:  # exotic objects whose == raises are not NaN
        return False


def require_int(value: Any, name: str, *, minimum: int | None = None) -> int:
    """Return ``value`` as an ``int`` if it is integral (``bool`` excluded) and ``>= minimum``.

    NumPy integers are accepted (they register as ``numbers.Integral``) and
    converted, so arrays from a REPL session work and arithmetic stays exact.
    """
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {describe(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def require_real(
    value: Any, name: str, *, minimum: float | None = None, finite: bool = True
) -> Any:
    """Return ``value`` if it is a real number (``bool`` excluded), finite by default."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    if is_nan(value):
        raise ValueError(f"{name} must not be NaN")
    if finite and isinstance(value, float) and math.isinf(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def as_list(values: Any, name: str) -> list:
    """Copy an iterable into a new list (so the caller's object is never mutated)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an iterable of values, got {describe(values)}")
    return list(values)
