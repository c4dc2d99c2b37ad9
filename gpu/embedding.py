"""Embedding lookup and its backward pass: a one-hot matrix product, done as a gather.

The problem.  A vocabulary of ``num_embeddings`` tokens has a table ``weight``
of shape ``(num_embeddings, dim)``: one learned vector per token.  The forward
pass turns an array of token ids into their vectors; the backward pass turns
the gradient of the loss with respect to those vectors into the gradient with
respect to the table.

The idea.  Write the ids as one-hot rows: ``one_hot(ids)`` has a 1 in column
``ids[i]`` of row i and zeros elsewhere.  Then the lookup *is* a matrix product,
and the backward pass is the product with its transpose::

    embedding(ids, W)          = one_hot(ids) @ W          row i: W[ids[i]]
    embedding_backward(ids, G) = one_hot(ids)ᵀ @ G         row r: Σ_{i : ids[i] = r} G[i]

Nobody builds the one-hot matrix (n × num_embeddings, almost all zeros): the
forward product picks rows (a *gather*), the backward product adds each row of
``G`` into the row of the table its id names (a *scatter-add*).  A token that
occurs k times receives the sum of its k gradient rows; a token that does not
occur receives zeros.

Backends (see :mod:`gpu.backend`):

* ``'numpy'`` — the reference and the specification: ``weight[ids]`` for the
  gather, ``np.add.at`` (the unbuffered scatter-add: repeated ids accumulate,
  unlike ``out[ids] += G``) into a ``float64`` table for the backward;
* ``'cpu'`` — Numba.  The gather copies rows, in parallel (``prange``) for
  large outputs.  The scatter-add is one sequential pass over the ids in
  order, adding each gradient row into its table row in the result dtype —
  what ``np.add.at`` does, without its per-element dispatch (so it gives
  ``np.add.at``'s result bit for bit, about 20 times faster).  Rows of
  different ids could be added in parallel, but rows of equal ids conflict,
  and Numba has no atomics on the CPU.  Splitting the table into one block
  of rows per worker makes every worker read all ids and ties its speed to
  how evenly the ids spread over the blocks (a Zipf-like vocabulary puts most
  of the work in one); on the 2-core development machine it measured at best
  8% faster when the machine was idle and up to 1.9 times slower when it was
  shared, so the single pass is kept (``benchmarks/bench_embedding.py`` times
  both);
* ``'cuda'`` — one thread per element of the output (gather) or of ``G``
  (scatter-add).  Threads whose ids are equal add into the same address at
  once, so the scatter-add uses ``cuda.atomic.add``: each addition is
  indivisible, but their order is not fixed, so ``float32`` sums may differ
  from run to run in the last bits (PyTorch's deterministic mode sorts the ids
  instead; see :func:`embedding_backward`).  Neighbouring threads handle
  neighbouring columns of one row: coalesced reads and, for the atomics,
  neighbouring addresses.

Ids are any integer dtype, any shape (the output appends ``dim``); they must
lie in ``[0, num_embeddings)`` (checked before any kernel runs: out of range
is a ``ValueError``, not a wild memory access).  Tables and gradients are
``float32`` or ``float64`` (integers promoted to ``float64``).

Cost, for n ids: the gather O(n·dim) time and memory for the output; the
scatter-add O(n·dim) time plus O(num_embeddings·dim) to zero the table (its
memory).  Both are bound by memory traffic, not arithmetic.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from numba import cuda, njit, prange

from gpu._validate import as_array, as_float_array, require_int, require_ndim
from gpu.backend import (
    array_module,
    from_backend,
    pick_backend,
    readonly_view,
    threads_per_block,
    to_backend,
    use_prange,
)

__all__ = ["embedding", "embedding_backward"]

# A copied element is pure memory traffic, far cheaper than the scan steps that
# gpu.backend's parallel threshold was measured on: count this many as one unit
# of work, so that the gather wakes the worker threads only for outputs of tens
# of MB (on the 2-core development machine the parallel gather measured no
# faster than the sequential one even at 10^6 × 256 elements).
COPY_WORK = 64


# ---------------------------------------------------------------------------
# 'numpy': the reference, which is the specification
# ---------------------------------------------------------------------------


def _gather_numpy(ids: np.ndarray, weight: np.ndarray) -> np.ndarray:
    return weight[ids]


def _scatter_add_numpy(ids: np.ndarray, grad: np.ndarray, num_embeddings: int) -> np.ndarray:
    out = np.zeros((num_embeddings, grad.shape[1]), dtype=np.float64)
    np.add.at(out, ids, grad)  # unbuffered: every repeated id adds its row
    return out.astype(grad.dtype)


# ---------------------------------------------------------------------------
# 'cpu': Numba
# ---------------------------------------------------------------------------


@njit(cache=True)
def _copy_row(source, target):  # pragma: no cover - compiled
    # An explicit loop: Numba's slice assignment `target[:] = source` builds an
    # array expression per row and measured about twice as slow.
    for j in range(source.shape[0]):
        target[j] = source[j]


@njit(parallel=True, cache=True)
def _gather_parallel(ids, weight, out):  # pragma: no cover - compiled
    for i in prange(ids.shape[0]):  # output rows are independent
        _copy_row(weight[ids[i]], out[i])


@njit(cache=True)
def _gather_serial(ids, weight, out):  # pragma: no cover - compiled
    for i in range(ids.shape[0]):
        _copy_row(weight[ids[i]], out[i])


@njit(cache=True)
def _scatter_add_serial(ids, grad, out):  # pragma: no cover - compiled
    # In the order of the ids, as np.add.at: each gradient row is read once,
    # contiguously, and added into its table row with a vectorised loop.
    for i in range(ids.shape[0]):
        row = out[ids[i]]
        g = grad[i]
        for j in range(g.shape[0]):
            row[j] += g[j]


def _gather_cpu(ids: np.ndarray, weight: np.ndarray) -> np.ndarray:
    out = np.empty((ids.shape[0], weight.shape[1]), dtype=weight.dtype)
    parallel = use_prange(ids.shape[0], out.size // COPY_WORK)
    kernel = _gather_parallel if parallel else _gather_serial
    kernel(readonly_view(ids), readonly_view(weight), out)
    return out


def _scatter_add_cpu(ids: np.ndarray, grad: np.ndarray, num_embeddings: int) -> np.ndarray:
    out = np.zeros((num_embeddings, grad.shape[1]), dtype=grad.dtype)
    _scatter_add_serial(readonly_view(ids), readonly_view(grad), out)
    return out


# ---------------------------------------------------------------------------
# 'cuda': one thread per element
# ---------------------------------------------------------------------------


@cuda.jit
def _gather_kernel(ids, weight, out):  # pragma: no cover - compiled
    idx = cuda.grid(1)
    n, dim = out.shape
    if idx >= n * dim:
        return
    i = idx // dim
    j = idx % dim  # the column varies fastest: coalesced reads and writes
    out[i, j] = weight[ids[i], j]


@cuda.jit
def _zero_kernel(out, zero):  # pragma: no cover - compiled
    idx = cuda.grid(1)
    rows, dim = out.shape
    if idx < rows * dim:
        out[idx // dim, idx % dim] = zero


@cuda.jit
def _scatter_add_kernel(ids, grad, out):  # pragma: no cover - compiled
    idx = cuda.grid(1)
    n, dim = grad.shape
    if idx >= n * dim:
        return
    i = idx // dim
    j = idx % dim
    # Threads with equal ids meet at the same address: the addition must be atomic.
    cuda.atomic.add(out, (ids[i], j), grad[i, j])


def _launch(kernel: Any, n_threads: int, *args: Any) -> None:
    """Launch a one-thread-per-item kernel over ``n_threads`` items (1-D grid)."""
    if n_threads == 0:
        return
    threads = threads_per_block(n_threads)
    kernel[-(-n_threads // threads), threads](*args)


def _gather_cuda(ids: Any, weight: Any) -> Any:
    out = cuda.device_array((ids.shape[0], weight.shape[1]), dtype=weight.dtype)
    _launch(_gather_kernel, out.size, ids, weight, out)
    return out


def _scatter_add_cuda(ids: Any, grad: Any, num_embeddings: int) -> Any:
    out = cuda.device_array((num_embeddings, grad.shape[1]), dtype=grad.dtype)
    _launch(_zero_kernel, out.size, out, np.dtype(grad.dtype).type(0))
    _launch(_scatter_add_kernel, grad.size, ids, grad, out)
    return out


# ---------------------------------------------------------------------------
# Argument handling and the public functions
# ---------------------------------------------------------------------------


def _as_ids(ids: Any, num_embeddings: int, xp: ModuleType) -> Any:
    """``ids`` as an integer array whose values all lie in ``[0, num_embeddings)``."""
    arr = as_array(ids, "ids", xp)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"ids must be an array of integers, got dtype {arr.dtype}")
    if arr.size:
        low, high = int(arr.min()), int(arr.max())
        if low < 0 or high >= num_embeddings:
            bad = low if low < 0 else high
            raise ValueError(
                f"ids must lie in [0, num_embeddings) = [0, {num_embeddings}), got {bad}"
            )
    return arr


def _flat_ids(ids: Any, backend: str, xp: ModuleType) -> Any:
    """The ids as a 1-D C-contiguous ``int64`` array of the backend (values already checked)."""
    return to_backend(xp.ascontiguousarray(ids.reshape(-1).astype(np.int64)), backend)


_GATHER = {"numpy": _gather_numpy, "cpu": _gather_cpu, "cuda": _gather_cuda}
_SCATTER_ADD = {"numpy": _scatter_add_numpy, "cpu": _scatter_add_cpu, "cuda": _scatter_add_cuda}


def embedding(ids: Any, weight: Any, backend: str = "auto") -> Any:
    """Look up rows of ``weight``: ``out[..., :] = weight[ids[...], :]``, i.e. ``one_hot(ids) @ W``.

    Parameters
    ----------
    ids : array_like of int (NumPy or CuPy), any shape
        Token ids, each in ``[0, num_embeddings)``; any integer dtype.
    weight : array_like, shape (num_embeddings, dim)
        The table; ``float32`` or ``float64`` (integers are promoted to ``float64``).
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`.

    Returns
    -------
    ndarray, shape ``ids.shape + (dim,)``
        ``weight``'s dtype, NumPy or CuPy like the inputs; a new array (the
        rows are copies).

    Raises
    ------
    TypeError
        ``ids`` is not an integer array (floats, bool, text), ``weight`` not a
        real array, or ``backend`` not a string.
    ValueError
        An id is negative or ``>= num_embeddings``; ``weight`` is not 2-D;
        ``backend`` is unknown or unavailable.

    Notes
    -----
    O(n·dim) time and memory for n ids, plus one O(n) pass to check the ids'
    range.  The inputs are never modified.

    Examples
    --------
    >>> import numpy as np
    >>> weight = np.array([[0.0, 1.0], [10.0, 11.0], [20.0, 21.0]])
    >>> embedding(np.array([2, 0, 2]), weight)
    array([[20., 21.],
           [ 0.,  1.],
           [20., 21.]])
    >>> embedding(np.array([[1], [0]]), weight, backend="numpy").shape
    (2, 1, 2)
    """
    xp = array_module(ids, weight)
    backend = pick_backend(backend, xp)
    weight = as_float_array(weight, "weight", xp)
    require_ndim(weight, "weight", 2, "2-D (num_embeddings, dim)")
    ids = _as_ids(ids, weight.shape[0], xp)
    flat = _flat_ids(ids, backend, xp)
    rows = _GATHER[backend](flat, to_backend(xp.ascontiguousarray(weight), backend))
    return from_backend(rows, xp).reshape(*ids.shape, weight.shape[1])


def embedding_backward(ids: Any, grad_out: Any, num_embeddings: int, backend: str = "auto") -> Any:
    """Gradient of :func:`embedding` with respect to the table: ``one_hot(ids)ᵀ @ grad_out``.

    Row r of the result is the sum of the rows ``grad_out[i]`` with ``ids[i] == r``
    (repeated ids accumulate; rows of absent ids are zero).

    Parameters
    ----------
    ids : array_like of int (NumPy or CuPy), any shape
        The ids of the forward pass, each in ``[0, num_embeddings)``.
    grad_out : array_like, shape ``ids.shape + (dim,)``
        The gradient with respect to :func:`embedding`'s output; ``float32`` or
        ``float64`` (integers are promoted to ``float64``).
    num_embeddings : int
        The number of rows of the table, >= 0.
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`.

    Returns
    -------
    ndarray, shape (num_embeddings, dim)
        ``grad_out``'s dtype, NumPy or CuPy like the inputs.  The ``'numpy'``
        reference adds in ``float64``; ``'cpu'`` adds in the result dtype in the
        order of the ids (equal to ``np.add.at`` on that dtype); ``'cuda'`` adds
        in the result dtype with atomics, in an order that varies between runs.

    Raises
    ------
    TypeError
        ``ids`` is not an integer array, ``grad_out`` not a real array,
        ``num_embeddings`` not an integer, or ``backend`` not a string.
    ValueError
        An id is negative or ``>= num_embeddings``; ``num_embeddings < 0``;
        ``grad_out``'s shape is not ``ids.shape + (dim,)``; ``backend`` is
        unknown or unavailable.

    Notes
    -----
    O(n·dim + num_embeddings·dim) time for n ids (the second term zeroes the
    result), O(num_embeddings·dim) memory.  The inputs are never modified.

    Examples
    --------
    >>> import numpy as np
    >>> grad = np.array([[1.0, 2.0], [10.0, 20.0], [100.0, 200.0]])
    >>> embedding_backward(np.array([2, 0, 2]), grad, num_embeddings=3)
    array([[ 10.,  20.],
           [  0.,   0.],
           [101., 202.]])
    """
    xp = array_module(ids, grad_out)
    backend = pick_backend(backend, xp)
    num_embeddings = require_int(num_embeddings, "num_embeddings", minimum=0)
    grad_out = as_float_array(grad_out, "grad_out", xp)
    ids = _as_ids(ids, num_embeddings, xp)
    if grad_out.ndim != ids.ndim + 1 or tuple(grad_out.shape[:-1]) != tuple(ids.shape):
        raise ValueError(
            f"grad_out must have shape ids.shape + (dim,) = {(*ids.shape, 'dim')}, "
            f"got {tuple(grad_out.shape)}"
        )
    dim = grad_out.shape[-1]
    grad = to_backend(xp.ascontiguousarray(grad_out.reshape(ids.size, dim)), backend)
    table = _SCATTER_ADD[backend](_flat_ids(ids, backend, xp), grad, num_embeddings)
    return from_backend(table, xp)
