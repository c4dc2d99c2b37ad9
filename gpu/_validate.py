"""Argument checks shared by the ``gpu`` modules.

Every public kernel validates its arguments here, *before* any Numba function is
compiled or launched, so bad input surfaces as a ``TypeError`` or ``ValueError``
that names the argument and the rule it broke — never as a Numba typing error
from deep inside a JIT compile, and never as an ``IndexError``.

The checks are array-module agnostic: ``xp`` is ``numpy`` or ``cupy`` (see
:func:`gpu.backend.array_module`), and an array is converted with ``xp.asarray``
so NumPy arrays stay NumPy and CuPy arrays stay on the device.

Dtype rules (one place, so every kernel documents the same thing):

* scans (:data:`SCAN_DTYPES`): ``float32``, ``float64``, ``int32``, ``int64``
  are accepted as they are; anything else (``bool``, small or unsigned
  integers, ``float16``, complex, object) is a ``TypeError`` — convert
  explicitly with ``x.astype(...)``;
* float kernels (:data:`FLOAT_DTYPES`): ``float32`` and ``float64`` are kept;
  signed or unsigned integer input (a list of Python ints, say) is promoted to
  ``float64``; ``bool``, ``float16``, complex and object arrays are a ``TypeError``.
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from types import ModuleType
from typing import Any

import numpy as np

SCAN_DTYPES: tuple[np.dtype, ...] = tuple(
    np.dtype(t) for t in (np.float32, np.float64, np.int32, np.int64)
)
FLOAT_DTYPES: tuple[np.dtype, ...] = (np.dtype(np.float32), np.dtype(np.float64))


def describe(value: Any) -> str:
    """Return a short ``repr(value)`` with its type, for error messages."""
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


def require_positive_real(value: Any, name: str) -> float:
    """Return ``value`` as a ``float`` if it is a real number that is finite and ``> 0``."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {describe(value)}")
    x = float(value)
    if not (math.isfinite(x) and x > 0):
        raise ValueError(f"{name} must be positive and finite, got {value}")
    return x


def as_array(x: Any, name: str, xp: ModuleType = np) -> Any:
    """``xp.asarray(x)`` with an error that names ``name`` when ``x`` is not array-like."""
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be an array of numbers, got {describe(x)}")
    try:
        arr = xp.asarray(x)
    except (TypeError, ValueError) as exc:  # ragged nested lists, unconvertible objects
        raise TypeError(f"{name} must be an array of numbers, got {describe(x)}") from exc
    if arr.dtype.kind not in "biufc":
        raise TypeError(f"{name} must hold numbers, got dtype {arr.dtype}")
    return arr


def as_scan_array(x: Any, name: str, xp: ModuleType = np) -> Any:
    """``x`` as an array of one of :data:`SCAN_DTYPES` (no conversion is ever made)."""
    arr = as_array(x, name, xp)
    if arr.dtype not in SCAN_DTYPES:
        allowed = ", ".join(str(d) for d in SCAN_DTYPES[:-1]) + f" or {SCAN_DTYPES[-1]}"
        raise TypeError(
            f"{name} must have dtype {allowed}, got {arr.dtype}; convert it with {name}.astype(...)"
        )
    return arr


def as_float_array(x: Any, name: str, xp: ModuleType = np) -> Any:
    """``x`` as a ``float32``/``float64`` array; integer input is promoted to ``float64``."""
    arr = as_array(x, name, xp)
    if arr.dtype in FLOAT_DTYPES:
        return arr
    if arr.dtype.kind in "iu":
        return arr.astype(np.float64)
    raise TypeError(f"{name} must be a float32 or float64 array, got dtype {arr.dtype}")


def float_result_dtype(*arrays: Any) -> np.dtype:
    """``float32`` when every array is ``float32``, else ``float64``."""
    if all(a.dtype == np.float32 for a in arrays):
        return np.dtype(np.float32)
    return np.dtype(np.float64)


def require_ndim(arr: Any, name: str, ndim: int, meaning: str) -> None:
    """Raise ``ValueError`` unless ``arr.ndim == ndim``; ``meaning`` names the expected shape."""
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {meaning}, got an array of shape {tuple(arr.shape)}")


def require_finite(arr: Any, name: str, xp: ModuleType = np) -> None:
    """Raise ``ValueError`` if ``arr`` holds a NaN or an infinity (one pass; small arrays only)."""
    if not bool(xp.isfinite(arr).all()):
        raise ValueError(f"{name} must be finite (no NaN or inf)")


def normalize_axis(axis: Any, ndim: int, array_name: str) -> int:
    """Return ``axis`` in ``range(ndim)``; negative axes count from the end, as in NumPy.

    Raises ``ValueError`` (not NumPy's ``AxisError``, which is also an
    ``IndexError``) for an axis out of range.
    """
    if isinstance(axis, bool) or not isinstance(axis, Integral):
        raise TypeError(f"axis must be an integer, got {describe(axis)}")
    axis = int(axis)
    if ndim == 0:
        raise ValueError(f"{array_name} must have at least one dimension, got a 0-d array")
    if not -ndim <= axis < ndim:
        raise ValueError(
            f"axis must satisfy -{ndim} <= axis < {ndim} for {array_name} with "
            f"{ndim} dimension(s), got {axis}"
        )
    return axis % ndim
