"""Prefix sums (scans): the inclusive and the exclusive scan along an axis.

The problem.  Given ``x_0, x_1, …, x_{n-1}``, the *inclusive* scan is
``y_t = x_0 + … + x_t`` (``np.cumsum``) and the *exclusive* scan is
``y_t = x_0 + … + x_{t-1}`` (so ``y_0 = 0``).  A sequential loop does it in
n − 1 additions, but each addition waits for the previous one: the loop has
depth n and cannot use more than one core or one GPU thread.

The idea.  Addition is *associative*, so partial sums can be formed in any
grouping.  Blelloch's work-efficient scan (1990) arranges them as a balanced
binary tree.  On the GPU one block of ``T`` threads scans one *tile* of
``T·K`` elements held in shared memory (``K = PER_THREAD``):

1. each thread scans its own run of ``K`` consecutive elements sequentially —
   no synchronisation needed ("thread coarsening": it divides the tree's
   size and its synchronised steps by K);
2. the ``T`` run totals are the leaves of the tree, scanned in two sweeps:

   * **up-sweep (reduce)**: at each level every right child combines its left
     sibling's subtree total into its own, ``s[right] = s[left] ∘ s[right]``;
     after ``log2 T`` levels the root holds the total of the tile::

         leaves:  3  1  7  0  4  1  6  3
         level 1:    4     7     5     9      (pairs)
         level 2:          11          14     (quads)
         level 3:                      25     (the tile total)

   * **down-sweep**: put the identity (0) at the root; walking back down,
     each node hands its own value (the combination of everything left of its
     subtree) to its left child and ``that value ∘ the left child's old
     subtree total`` to its right child.  Every leaf ends with the exclusive
     prefix of its run::

         exclusive:  0  3  4  11  11  15  16  22

3. each thread combines that prefix into every element of its run.

Work ``n − 1`` combines in the runs plus ``2(T − 1)`` in the tree — O(n),
like the loop (work-efficient) — in ``2K + 2·log2 T`` parallel steps, with a
``cuda.syncthreads()`` between tree levels.

Rows longer than one tile use *reduce-then-scan*: pass 1 reduces every tile
to its total (up-sweep only), the tile totals — one short row per input row —
are scanned exclusively by the same code, recursively, and pass 2 rescans
every tile starting from its tile's *carry* (the sum of all earlier tiles).
Nothing in this file limits the length to a power of two: the last tile is
padded with the identity.

The kernel is written once, for any associative operator ``∘`` on pairs
``(p, q)`` (:class:`PairOperator`), because :mod:`gpu.recurrence` scans with
``(a₁, b₁) ∘ (a₂, b₂) = (a₂a₁, a₂b₁ + b₂)`` — the same tree, another ``∘``.
The prefix sum is the special case ``(p₁, q₁) ∘ (p₂, q₂) = (p₁, q₁ + q₂)``
whose ``p`` is a passenger the sum ignores.

Backends (see :mod:`gpu.backend`):

* ``'numpy'`` — the reference: ``np.cumsum`` accumulating in ``float64``
  (``int64`` for integers), cast back to the input dtype;
* ``'cpu'`` — Numba: one sequential loop per row with a ``float64``/``int64``
  accumulator, rows in parallel (``prange``) when the input is large enough
  to pay for waking the worker threads (:func:`gpu.backend.use_prange`).  The
  loop is memory-bound: on one long row a two-pass blocked parallel scan
  (block sums, then each block rescanned from its offset) was measured
  *slower* on the 2-core development machine than the single pass (14.7 ms
  against 9.5 ms for 10^7 ``float32``: it reads the input twice), so a
  single row stays sequential;
* ``'cuda'`` — the Blelloch kernel above, accumulating in the input dtype.

Dtypes: ``float32``, ``float64``, ``int32``, ``int64``; the output has the
input's dtype (unlike ``np.cumsum``, which widens ``int32`` to ``int64`` on
64-bit platforms — call ``x.astype(np.int64)`` first for that).  Integer scans
wrap around modulo 2^bits on overflow, identically on every backend.  Any
other dtype (``bool``, ``int8``, ``uint32``, ``float16``, complex) is a
``TypeError``.  NaN and inf propagate as in ``np.cumsum``; they are not an
error.

Float results differ between backends only by rounding: the reference and
the CPU backend add in ``float64`` in order (so for ``float32`` input they
are more accurate than ``np.cumsum``, which adds in ``float32``), the CUDA
kernel adds in the input dtype along the tree.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NamedTuple

import numba
import numpy as np
from numba import cuda, njit, prange

from gpu._validate import as_scan_array, normalize_axis
from gpu.backend import (
    array_module,
    as_rows,
    from_backend,
    from_rows,
    pick_backend,
    readonly_view,
    threads_per_block,
    to_backend,
    use_prange,
)

__all__ = ["exclusive_scan", "inclusive_scan"]


# ---------------------------------------------------------------------------
# 'numpy': the reference, which is the specification
# ---------------------------------------------------------------------------


def _accumulator_dtype(dtype: np.dtype) -> type:
    """Exact integer accumulation for integers, ``float64`` for floats."""
    return np.int64 if dtype.kind == "i" else np.float64


def _scan_rows_numpy(rows: np.ndarray, inclusive: bool) -> np.ndarray:
    """Scan every row of a 2-D array: ``y[r, t] = Σ_{s ≤ t} x[r, s]`` (``s < t`` if exclusive)."""
    acc = _accumulator_dtype(rows.dtype)
    out = np.zeros(rows.shape, dtype=acc)
    if inclusive:
        np.cumsum(rows, axis=1, dtype=acc, out=out)
    else:  # shifted one place right: y_0 = 0, y_t = x_0 + … + x_{t-1}
        np.cumsum(rows[:, :-1], axis=1, dtype=acc, out=out[:, 1:])
    # int64 → int32 wraps modulo 2^32, exactly as int32 arithmetic would.
    return out.astype(rows.dtype)


# ---------------------------------------------------------------------------
# 'cpu': Numba, rows in parallel
# ---------------------------------------------------------------------------


@njit(cache=True)
def _scan_row(x, out, inclusive, zero):  # pragma: no cover - compiled
    # `zero` fixes the accumulator's type (float64 or int64) for the whole loop,
    # whatever the element type; each store into `out` casts back.
    acc = zero
    if inclusive:
        for t in range(x.shape[0]):
            acc += x[t]
            out[t] = acc
    else:
        for t in range(x.shape[0]):
            out[t] = acc
            acc += x[t]


@njit(parallel=True, cache=True)
def _scan_rows_parallel(x, out, inclusive, zero):  # pragma: no cover - compiled
    for r in prange(x.shape[0]):  # rows are independent: one per worker at a time
        _scan_row(x[r], out[r], inclusive, zero)


@njit(cache=True)
def _scan_rows_serial(x, out, inclusive, zero):  # pragma: no cover - compiled
    for r in range(x.shape[0]):
        _scan_row(x[r], out[r], inclusive, zero)


def _scan_rows_cpu(rows: np.ndarray, inclusive: bool) -> np.ndarray:
    out = np.empty_like(rows)
    kernel = _scan_rows_parallel if use_prange(*rows.shape[:1], rows.size) else _scan_rows_serial
    kernel(readonly_view(rows), out, inclusive, _accumulator_dtype(rows.dtype)(0))
    return out


# ---------------------------------------------------------------------------
# 'cuda': one Blelloch kernel for any associative operator on pairs
# ---------------------------------------------------------------------------


class PairOperator(NamedTuple):
    """An associative operator ``∘`` on pairs ``(p, q)``, in the form the CUDA scan needs.

    ``combine(p1, q1, p2, q2) -> (p, q)`` is a ``cuda.jit(device=True)``
    function computing ``(p1, q1) ∘ (p2, q2)`` — "first (p1, q1), then
    (p2, q2)" — and ``identity`` is the pair ``e`` with ``e ∘ x = x ∘ e = x``.
    The scan reports only ``q``, and a tile's carry (the combination of all
    earlier tiles) is kept as its ``q`` alone and re-entered as
    ``(e_p, q)``.  That is exact for an operator whose result's ``q`` never
    depends on the left operand's ``p`` — true of both operators here:
    ``(p_c, c) ∘ (p, q)`` has ``q``-part ``c + q`` for the sum and
    ``p·c + q`` for the affine composition.
    """

    name: str
    combine: Callable[..., Any]
    identity: tuple[float, float]


@cuda.jit(device=True)
def _add_combine(p1, q1, p2, q2):  # pragma: no cover - compiled
    # The prefix sum: q adds up, p is a passenger that the sum never reads.
    return p1, q1 + q2


ADD = PairOperator("add", _add_combine, (0, 0))

# Elements each CUDA thread scans sequentially before the tree combines the
# threads' totals ("thread coarsening"): fewer tree levels and syncs per element.
PER_THREAD = 8


@functools.cache
def _block_scan_kernel(op: PairOperator, threads: int, per_thread: int, dtype_str: str) -> Any:
    """Compile-time constants (tile shape, element type, ∘) baked into one CUDA kernel.

    Numba needs a shared array's size and dtype as constants, hence a factory
    with one kernel per (operator, threads, per_thread, dtype), cached.
    """
    tile = threads * per_thread  # elements per block
    element = numba.from_dtype(np.dtype(dtype_str))
    combine = op.combine
    id_p = np.dtype(dtype_str).type(op.identity[0])
    id_q = np.dtype(dtype_str).type(op.identity[1])

    @cuda.jit
    def block_scan(p_in, q_in, carry, out, total_p, total_q, inclusive, write_out):
        # One block scans one tile of one row; the grid is rows × tiles blocks.
        n_tiles = total_q.shape[1]
        row = cuda.blockIdx.x // n_tiles
        tile_id = cuda.blockIdx.x % n_tiles
        base = tile_id * tile
        n = q_in.shape[1]
        t = cuda.threadIdx.x
        sh_p = cuda.shared.array(tile, element)  # the tile, one slot per element
        sh_q = cuda.shared.array(tile, element)
        tree_p = cuda.shared.array(threads, element)  # Blelloch's tree, one leaf per thread
        tree_q = cuda.shared.array(threads, element)

        # 1. Load the tile: thread t reads elements t, t + threads, … (neighbouring
        #    threads, neighbouring addresses: coalesced).  Past the end of the row,
        #    pad with the identity, so any length works.
        for k in range(per_thread):
            j = k * threads + t
            if base + j < n:
                sh_p[j], sh_q[j] = p_in[row, base + j], q_in[row, base + j]
            else:
                sh_p[j], sh_q[j] = id_p, id_q
        cuda.syncthreads()

        # 2. Thread t owns the run of `per_thread` consecutive slots starting at
        #    t·per_thread and scans it sequentially in place; the run's total is
        #    its leaf of the tree.
        acc_p, acc_q = id_p, id_q
        for k in range(per_thread):
            j = t * per_thread + k
            x_p, x_q = sh_p[j], sh_q[j]
            if inclusive:
                acc_p, acc_q = combine(acc_p, acc_q, x_p, x_q)
                sh_p[j], sh_q[j] = acc_p, acc_q
            else:
                sh_p[j], sh_q[j] = acc_p, acc_q
                acc_p, acc_q = combine(acc_p, acc_q, x_p, x_q)
        tree_p[t], tree_q[t] = acc_p, acc_q

        # 3. Up-sweep: `stride` is the distance from a left child to its right
        #    sibling, `active` the number of right children combining at this level.
        stride = 1
        active = threads // 2
        while active > 0:
            cuda.syncthreads()
            if t < active:
                left = stride * (2 * t + 1) - 1
                right = left + stride
                p, q = combine(tree_p[left], tree_q[left], tree_p[right], tree_q[right])
                tree_p[right], tree_q[right] = p, q
            stride *= 2
            active //= 2

        # The root holds the tile's total.  Pass 1 of a long row stops here.
        cuda.syncthreads()
        if t == 0:
            total_p[row, tile_id] = tree_p[threads - 1]
            total_q[row, tile_id] = tree_q[threads - 1]
            tree_p[threads - 1], tree_q[threads - 1] = id_p, id_q
        if not write_out:
            return

        # 4. Down-sweep: a node holds the combination of everything left of its
        #    subtree; it hands that to its left child, and that ∘ the left
        #    child's subtree total to its right child.
        active = 1
        while active < threads:
            stride //= 2
            cuda.syncthreads()
            if t < active:
                left = stride * (2 * t + 1) - 1
                right = left + stride
                above_p, above_q = tree_p[right], tree_q[right]
                left_p, left_q = tree_p[left], tree_q[left]
                tree_p[left], tree_q[left] = above_p, above_q
                p, q = combine(above_p, above_q, left_p, left_q)
                tree_p[right], tree_q[right] = p, q
            active *= 2
        cuda.syncthreads()

        # 5. Leaf t now holds everything in this tile before run t.  Prepend the
        #    carry (all earlier tiles, and the row's initial value), then finish
        #    the run: slot j becomes  carry ∘ earlier runs ∘ run-local prefix.
        before_p, before_q = combine(id_p, carry[row, tile_id], tree_p[t], tree_q[t])
        for k in range(per_thread):
            j = t * per_thread + k
            _, y = combine(before_p, before_q, sh_p[j], sh_q[j])
            sh_q[j] = y
        cuda.syncthreads()

        # 6. Store the tile, coalesced like the load.
        for k in range(per_thread):
            j = k * threads + t
            if base + j < n:
                out[row, base + j] = sh_q[j]

    return block_scan


def scan_pairs_cuda(
    op: PairOperator,
    p: Any,
    q: Any,
    init: Any,
    inclusive: bool,
    threads: int | None = None,
    per_thread: int = PER_THREAD,
) -> Any:
    """Scan the rows of the pairs ``(p, q)`` with ``op`` on the GPU; return the ``q`` parts.

    ``p``, ``q`` are ``(rows, n)`` device arrays of one dtype, ``init`` a
    ``(rows, 1)`` device array: row r's result at t is the ``q`` of
    ``(e_p, init[r]) ∘ x_0 ∘ … ∘ x_t`` (``… ∘ x_{t-1}`` if exclusive).  A tile
    is ``threads × per_thread`` elements; rows longer than one tile take two
    launches around a recursive scan of the tile totals (reduce-then-scan).

    O(n) work per row; per tile 2·log2(threads) synchronised tree steps plus
    ``per_thread`` sequential ones; ⌈log_tile n⌉ levels of recursion;
    O(n / tile) extra device memory.
    """
    rows, n = q.shape
    out = cuda.device_array((rows, n), dtype=q.dtype)
    if rows == 0 or n == 0:
        return out
    threads = threads_per_block(n, threads, per_thread)
    kernel = _block_scan_kernel(op, threads, per_thread, q.dtype.str)
    n_tiles = -(-n // (threads * per_thread))
    total_p = cuda.device_array((rows, n_tiles), dtype=q.dtype)
    total_q = cuda.device_array((rows, n_tiles), dtype=q.dtype)
    grid = rows * n_tiles
    if n_tiles == 1:
        carry = init
    else:
        # Pass 1: tile totals only (`total_q` stands in for the carry it never reads).
        kernel[grid, threads](p, q, total_q, out, total_p, total_q, inclusive, False)
        # The carry of tile k is init ∘ tiles 0 … k-1: an exclusive scan of the totals.
        carry = scan_pairs_cuda(op, total_p, total_q, init, False, threads, per_thread)
    kernel[grid, threads](p, q, carry, out, total_p, total_q, inclusive, True)
    return out


def _scan_rows_cuda(rows: Any, inclusive: bool) -> Any:
    init = cuda.to_device(np.zeros((rows.shape[0], 1), dtype=rows.dtype))
    # The sum ignores p, so the input doubles as the passenger array.
    return scan_pairs_cuda(ADD, rows, rows, init, inclusive)


# ---------------------------------------------------------------------------
# The public functions
# ---------------------------------------------------------------------------

_SCAN_ROWS = {"numpy": _scan_rows_numpy, "cpu": _scan_rows_cpu, "cuda": _scan_rows_cuda}


def _scan(x: Any, axis: Any, backend: Any, inclusive: bool) -> Any:
    xp = array_module(x)
    backend = pick_backend(backend, xp)
    x = as_scan_array(x, "x", xp)
    axis = normalize_axis(axis, x.ndim, "x")
    rows, shape = as_rows(x, axis, xp)
    out = _SCAN_ROWS[backend](to_backend(rows, backend), inclusive)
    return from_rows(from_backend(out, xp), shape, axis, xp)


def inclusive_scan(x: Any, axis: int = -1, backend: str = "auto") -> Any:
    """Inclusive prefix sums along ``axis``: ``y[..., t] = x[..., 0] + … + x[..., t]``.

    Parameters
    ----------
    x : array_like (NumPy or CuPy)
        ``float32``, ``float64``, ``int32`` or ``int64``; at least one dimension.
    axis : int, default -1
        The axis to scan along; the other axes are independent rows.
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`.

    Returns
    -------
    ndarray
        Same shape and dtype as ``x``, same array module (NumPy or CuPy).
        Integer sums wrap around modulo 2^bits on overflow.

    Raises
    ------
    TypeError
        ``x`` is not an array of one of the four dtypes; ``axis`` is not an
        integer; ``backend`` is not a string.
    ValueError
        ``axis`` is out of range; ``x`` is 0-d; ``backend`` is unknown or unavailable.

    Notes
    -----
    O(n) time and O(n) memory for the output, n = ``x.size``.  ``'cpu'``:
    rows in parallel, one pass over memory.  ``'cuda'``: Blelloch's
    work-efficient scan per tile, reduce-then-scan across tiles, O(log n)
    parallel depth.  The input is never modified.

    Examples
    --------
    >>> import numpy as np
    >>> inclusive_scan(np.array([3, 1, 7, 0, 4, 1, 6, 3]))
    array([ 3,  4, 11, 11, 15, 16, 22, 25])
    >>> inclusive_scan(np.array([[1.0, 2.0], [3.0, 4.0]]), axis=0, backend="numpy")
    array([[1., 2.],
           [4., 6.]])
    """
    return _scan(x, axis, backend, inclusive=True)


def exclusive_scan(x: Any, axis: int = -1, backend: str = "auto") -> Any:
    """Exclusive prefix sums along ``axis``: ``y[..., t] = x[..., 0] + … + x[..., t-1]``.

    Parameters
    ----------
    x : array_like (NumPy or CuPy)
        ``float32``, ``float64``, ``int32`` or ``int64``; at least one dimension.
    axis : int, default -1
        The axis to scan along; the other axes are independent rows.
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`.

    Returns
    -------
    ndarray
        Same shape and dtype as ``x``, same array module (NumPy or CuPy);
        ``y[..., 0] = 0``, and ``y[..., t] = inclusive_scan(x)[..., t] - x[..., t]``
        up to rounding; integer sums wrap around modulo 2^bits.

    Raises
    ------
    TypeError
        ``x`` is not an array of one of the four dtypes; ``axis`` is not an
        integer; ``backend`` is not a string.
    ValueError
        ``axis`` is out of range; ``x`` is 0-d; ``backend`` is unknown or unavailable.

    Notes
    -----
    O(n) time and O(n) memory for the output, as for :func:`inclusive_scan`;
    on CUDA it is the Blelloch down-sweep's own result, no subtraction.

    Examples
    --------
    >>> import numpy as np
    >>> exclusive_scan(np.array([3, 1, 7, 0, 4, 1, 6, 3]))
    array([ 0,  3,  4, 11, 11, 15, 16, 22])
    """
    return _scan(x, axis, backend, inclusive=False)
