"""First-order linear recurrences ``h_t = a_t·h_{t-1} + b_t``, computed as a scan.

The problem.  Given sequences ``a`` and ``b`` and a start value ``h0``
(``h_{-1}``), compute every ``h_t = a_t·h_{t-1} + b_t``.  Exponential moving
averages, discounted returns, first-order IIR filters and the diagonal state
spaces of S4/Mamba are all this loop.  Written as a loop it is sequential: step
t needs step t − 1.

The idea.  Step t is the affine map ``h ↦ a_t·h + b_t``; write it as the pair
``(a_t, b_t)``.  Doing ``(a₁, b₁)`` and then ``(a₂, b₂)`` is again affine::

    h ↦ a₂·(a₁·h + b₁) + b₂ = (a₂a₁)·h + (a₂b₁ + b₂)

    (a₁, b₁) ∘ (a₂, b₂) = (a₂a₁, a₂b₁ + b₂)

Composition of maps is associative, so ``∘`` is, with identity ``(1, 0)``;
and ``h_t`` is the ``b``-part of ``(1, h0) ∘ (a_0, b_0) ∘ … ∘ (a_t, b_t)``
(prepending ``(1, h0)``, the constant map onto ``h0``'s value, feeds the start
value in).  A prefix "sum" of the pairs under ``∘`` is therefore all of the
``h_t`` at once, and any parallel scan applies: the CUDA backend calls the very
same Blelloch kernel as :func:`gpu.scan.inclusive_scan`
(:func:`gpu.scan.scan_pairs_cuda`), handing it ``AFFINE`` where the prefix
sum hands it ``ADD`` — compare the two ``cuda.jit(device=True)`` combine
functions: that is the entire difference.  The CPU backend, likewise, is the
prefix-sum loop with ``acc = a·acc + b`` for ``acc += x``.

Shapes: ``a`` and ``b`` broadcast against each other (``a`` may be a scalar
decay, say); time is the last axis of the broadcast shape, every other axis an
independent row; ``h0`` broadcasts to the batch shape (all axes but the last)
and defaults to 0.  Dtype: ``float32`` only when ``a`` and ``b`` are both
``float32``, else ``float64``; ``h0`` is cast to it.  Integer input is promoted
to ``float64``; bool and complex are a ``TypeError``.  NaN and inf propagate.

Cost: O(n) work for n = the broadcast size.  ``'cpu'`` runs rows in parallel,
each row a loop of depth L (time steps); ``'cuda'`` has depth O(log L).
The reference and the CPU backend compute in ``float64``; the CUDA kernel in
the result dtype, in tree order — a product of many ``a``'s whose magnitude
exceeds 1 amplifies rounding differences in either order.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import cuda, njit, prange

from gpu._validate import as_float_array, float_result_dtype
from gpu.backend import (
    array_module,
    as_rows,
    from_backend,
    from_rows,
    pick_backend,
    readonly_view,
    to_backend,
    use_prange,
)
from gpu.scan import PairOperator, scan_pairs_cuda

__all__ = ["linear_recurrence"]


# 'numpy': the reference, which is the specification.
def _recurrence_rows_numpy(a: np.ndarray, b: np.ndarray, h0: np.ndarray) -> np.ndarray:
    """``out[:, t] = a[:, t]·out[:, t-1] + b[:, t]`` with ``out[:, -1] = h0``, in float64."""
    h = h0.astype(np.float64)
    out = np.empty(b.shape, dtype=np.float64)
    for t in range(b.shape[1]):
        h = a[:, t] * h + b[:, t]
        out[:, t] = h
    return out.astype(b.dtype)


# 'cpu': the prefix-sum loop of gpu.scan with `acc = a·acc + b` for `acc += x`.
@njit(cache=True)
def _recurrence_row(a, b, h0, out):  # pragma: no cover - compiled
    h = np.float64(h0)  # float64 accumulator whatever the element type
    for t in range(b.shape[0]):
        h = a[t] * h + b[t]
        out[t] = h


@njit(parallel=True, cache=True)
def _recurrence_rows_parallel(a, b, h0, out):  # pragma: no cover - compiled
    for r in prange(b.shape[0]):
        _recurrence_row(a[r], b[r], h0[r], out[r])


@njit(cache=True)
def _recurrence_rows_serial(a, b, h0, out):  # pragma: no cover - compiled
    for r in range(b.shape[0]):
        _recurrence_row(a[r], b[r], h0[r], out[r])


def _recurrence_rows_cpu(a: np.ndarray, b: np.ndarray, h0: np.ndarray) -> np.ndarray:
    out = np.empty_like(b)
    parallel = use_prange(b.shape[0], b.size)
    kernel = _recurrence_rows_parallel if parallel else _recurrence_rows_serial
    kernel(readonly_view(a), readonly_view(b), readonly_view(h0), out)
    return out


# 'cuda': the scan kernel of gpu.scan with the affine-composition operator.
@cuda.jit(device=True)
def _affine_combine(a1, b1, a2, b2):  # pragma: no cover - compiled
    # First h ↦ a1·h + b1, then h ↦ a2·h + b2.
    return a2 * a1, a2 * b1 + b2


AFFINE = PairOperator("affine", _affine_combine, (1, 0))


def _recurrence_rows_cuda(a: Any, b: Any, h0: Any) -> Any:
    # h0 enters as the scan's initial carry, the pair (1, h0).
    return scan_pairs_cuda(AFFINE, a, b, h0.reshape(h0.shape[0], 1), inclusive=True)


_RECURRENCE_ROWS = {
    "numpy": _recurrence_rows_numpy,
    "cpu": _recurrence_rows_cpu,
    "cuda": _recurrence_rows_cuda,
}


def linear_recurrence(a: Any, b: Any, h0: Any = None, backend: str = "auto") -> Any:
    """All states of ``h_t = a_t·h_{t-1} + b_t`` along the last axis, with ``h_{-1} = h0``.

    Parameters
    ----------
    a, b : array_like (NumPy or CuPy)
        Coefficients and inputs; they broadcast against each other, and the
        broadcast shape must have at least one axis (the last one is time).
        Floats keep their dtype; integers are promoted to ``float64``.
    h0 : array_like, optional
        Initial state, broadcastable to the batch shape (the broadcast shape
        without its last axis).  Default 0.
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`.

    Returns
    -------
    ndarray
        ``h`` with the broadcast shape of ``a`` and ``b``; ``float32`` if both
        are ``float32``, else ``float64``; NumPy or CuPy like the input.

    Raises
    ------
    TypeError
        An argument is not a real-valued array (bool, complex, text), or
        ``backend`` is not a string.
    ValueError
        ``a`` and ``b`` do not broadcast, or broadcast to a 0-d shape; ``h0``
        does not broadcast to the batch shape; ``backend`` is unknown or unavailable.

    Notes
    -----
    O(n) time, n = the broadcast size; O(n) memory (``a`` and ``b`` are
    materialised at the broadcast shape).  CUDA: the associative operator
    ``(a₁, b₁) ∘ (a₂, b₂) = (a₂a₁, a₂b₁ + b₂)`` in a Blelloch scan, O(log L)
    depth.  Inputs are never modified.

    Examples
    --------
    An exponential moving average with decay 0.5:

    >>> import numpy as np
    >>> linear_recurrence(0.5, np.array([2.0, 2.0, 2.0, 2.0]))
    array([2.  , 3.  , 3.5 , 3.75])

    Two rows, each with its own start value:

    >>> linear_recurrence([[1, 1, 1], [2, 2, 2]], [[1, 1, 1], [0, 0, 0]], h0=[10, 1])
    array([[11., 12., 13.],
           [ 2.,  4.,  8.]])
    """
    xp = array_module(a, b, h0)
    backend = pick_backend(backend, xp)
    a = as_float_array(a, "a", xp)
    b = as_float_array(b, "b", xp)
    try:
        shape = tuple(np.broadcast_shapes(a.shape, b.shape))
    except ValueError:
        raise ValueError(
            f"a and b must broadcast to one shape, got shapes {tuple(a.shape)} and {tuple(b.shape)}"
        ) from None
    if not shape:
        raise ValueError("a and b must have at least one axis (time is the last axis), got 0-d")
    dtype = float_result_dtype(a, b)
    batch = shape[:-1]
    if h0 is None:
        h0 = xp.zeros(batch, dtype=dtype)
    h0 = as_float_array(h0, "h0", xp)
    try:
        h0 = xp.broadcast_to(h0, batch)
    except ValueError:
        raise ValueError(
            f"h0 must broadcast to the batch shape {batch} (the shape of a and b without "
            f"the time axis), got shape {tuple(h0.shape)}"
        ) from None

    time_axis = len(shape) - 1
    a_rows, _ = as_rows(_broadcast(a, shape, dtype, xp), time_axis, xp)
    b_rows, moved = as_rows(_broadcast(b, shape, dtype, xp), time_axis, xp)
    h0_rows = xp.ascontiguousarray(h0.astype(dtype, copy=False).reshape(math.prod(batch)))
    out = _RECURRENCE_ROWS[backend](
        to_backend(a_rows, backend), to_backend(b_rows, backend), to_backend(h0_rows, backend)
    )
    return from_rows(from_backend(out, xp), moved, time_axis, xp)


def _broadcast(x: Any, shape: tuple[int, ...], dtype: np.dtype, xp: Any) -> Any:
    """``x`` at ``shape`` and ``dtype``; no copy when it already is."""
    if x.shape != shape:
        x = xp.broadcast_to(x, shape)
    return x.astype(dtype, copy=False)
