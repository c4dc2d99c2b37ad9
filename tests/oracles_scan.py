"""Oracles and helpers for the tests of the ``gpu`` scan family (scan, recurrence, SSM).

The oracles are plain Python loops over Python numbers — independent of NumPy's
``cumsum``, of Numba and of the Blelloch tree:

* :func:`loop_scan` adds Python ints exactly (then wraps to the dtype's width,
  as two's-complement hardware does) and Python floats in order;
* :func:`loop_recurrence` steps ``h = a·h + b`` one scalar at a time;
* :func:`scan_error_bound` is the textbook bound on the rounding error of any
  summation order, so a backend that adds along a tree can be checked against
  the in-order reference without false alarms.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gpu.backend import available_backends, using_simulator

HAS_CUDA = "cuda" in available_backends()
# Hypothesis examples for a property that runs the CUDA kernels: the simulator
# executes ~thousands of GPU threads per second, so those properties stay few and tiny.
CUDA_EXAMPLES = 15 if using_simulator() else 100


def wrap(value: int, dtype: np.dtype) -> int:
    """``value`` reduced to the signed range of ``dtype`` (two's complement)."""
    bits = 8 * dtype.itemsize
    value %= 1 << bits
    return value - (1 << bits) if value >= 1 << (bits - 1) else value


def loop_scan(row: list[Any], inclusive: bool) -> list[Any]:
    """Prefix sums of one row with a plain loop over Python numbers."""
    out, acc = [], 0
    for x in row:
        if inclusive:
            acc += x
            out.append(acc)
        else:
            out.append(acc)
            acc += x
    return out


def loop_scan_array(x: np.ndarray, axis: int, inclusive: bool) -> np.ndarray:
    """:func:`loop_scan` along ``axis``: exact for ints (then wrapped), in-order for floats."""
    exact = x.dtype.kind == "i"
    out = np.empty(x.shape, dtype=object)
    for index in np.ndindex(*(n for k, n in enumerate(x.shape) if k != axis % x.ndim)):
        where = (*index[: axis % x.ndim], slice(None), *index[axis % x.ndim :])
        row = [int(v) if exact else float(v) for v in x[where]]
        sums = loop_scan(row, inclusive)
        out[where] = [wrap(s, x.dtype) for s in sums] if exact else sums
    return out.astype(x.dtype if exact else np.float64)


def scan_error_bound(x: np.ndarray, axis: int, dtype: np.dtype) -> np.ndarray:
    """Elementwise bound on |computed − exact| for prefix sums added in *any* order.

    Any order of the n − 1 additions errs by at most (n − 1)·u·Σ|x_i| (first
    order, u the unit round-off); one more rounding for the final cast.  Doubled
    for safety; it is still orders of magnitude below a wrong answer.
    """
    eps = np.finfo(dtype).eps
    n = x.shape[axis % x.ndim] if x.ndim else 1
    magnitude = np.cumsum(np.abs(x.astype(np.float64)), axis=axis)
    return 2 * (n + 1) * eps * magnitude + np.finfo(dtype).tiny


def loop_recurrence(a: list[float], b: list[float], h0: float) -> list[float]:
    """``h_t = a_t·h_{t-1} + b_t`` one Python float at a time."""
    out, h = [], h0
    for a_t, b_t in zip(a, b, strict=True):
        h = a_t * h + b_t
        out.append(h)
    return out
