"""FlashAttention's forward pass: exact softmax attention in tiles, without the score matrix.

The problem.  Softmax attention ``O = softmax(scale · Q Kᵀ) V`` (see
:mod:`gpu.attention`) is usually computed by forming the ``len_q × len_k``
score matrix, exponentiating it and multiplying by ``V``.  At 8192 positions
that matrix is 64 Mi entries — 256 MiB in float32 per head — and on a GPU the
time goes into writing it to memory and reading it back, not into arithmetic.

The idea (Milakov & Gimelshein 2018; Dao et al., FlashAttention, 2022).  The
softmax denominator is a sum and the maximum is a max; both can be computed
*online*, one tile of keys at a time, if the partial results are rescaled
whenever the running maximum grows.  Cut Q into tiles ``Q_i`` of ``block_q``
rows and K, V into tiles ``K_j, V_j`` of ``block_k`` rows.  For one query tile
keep, per row, a running maximum ``m_i``, a running denominator ``l_i`` and an
unnormalised output ``acc`` (``block_q × dim_v``); start from ``m_i = −∞``,
``l_i = 0``, ``acc = 0`` and for every key tile j::

    S_ij  = scale · Q_i K_jᵀ                         block_q × block_k scores
    m_new = max(m_i, rowmax(S_ij))                   the new running maximum
    P_ij  = exp(S_ij − m_new)                        weights, every one ≤ 1
    alpha = exp(m_i − m_new)                         ≤ 1: rescales the old sums
    l_i   = alpha · l_i + rowsum(P_ij)
    acc   = alpha · acc + P_ij V_j
    m_i   = m_new

and at the end ``O_i = acc / l_i`` and ``lse_i = m_i + log(l_i)`` (the
log-sum-exp the backward pass needs).  Why it is exact: after each step
``l_i = Σ_{keys so far} exp(s − m_i)`` and ``acc = Σ exp(s − m_i)·v`` for the
*current* ``m_i``; multiplying by ``alpha = exp(m_old − m_new)`` converts sums
taken relative to ``m_old`` into sums relative to ``m_new``.  Only
``O(block_q · block_k)`` scores exist at any moment.

Causal masking (query i sees keys ``j ≤ i + len_k − len_q``, aligned to the end
as in :func:`gpu.attention.attention`) saves work instead of costing it: key
tiles entirely to the right of a query tile's last visible key are *skipped*
(never loaded, never multiplied), which halves the work for ``len_q = len_k``,
and only the tiles on the diagonal need an elementwise mask (the CUDA kernel,
one thread per row, simply stops each row at its last visible key).  A row
that sees no key at all keeps ``l_i = 0`` and is reported as output 0,
``lse = −∞``.

Backends (see :mod:`gpu.backend`):

* ``'numpy'`` — the recurrence above line for line, vectorised over the batch
  and heads, in float64: the readable version;
* ``'cpu'`` — Numba, ``prange`` over (batch·head, query tile) pairs.  Q, Kᵀ
  and V are first copied into zero-padded, contiguous tiles (``O(n·dim)``
  extra memory) so that both products of a step are BLAS calls
  (``np.dot`` on contiguous 2-D tiles) and only the softmax is a Numba loop;
  it computes in the input dtype (float32 accumulators for float32, as
  FlashAttention does).  Tiles are shrunk, if needed, until one product is at
  most 64³ multiply-adds (``block_q · block_k · max(dim, dim_v)``): OpenBLAS
  runs larger products on threads of its own, which nested inside the
  ``prange`` workers oversubscribe the cores (measured 10× slower);
* ``'cuda'`` — one thread block per (batch·head, query tile), one thread per
  query row (so ``block_q`` threads, at most 1024).  The block stages each
  ``K_j`` and ``V_j`` in shared memory (coalesced loads, then
  ``syncthreads``); each thread runs the recurrence for its own row with its
  ``m_i``, ``l_i`` and ``acc`` in registers (local memory), reading the staged
  keys as shared-memory broadcasts.  Tile sizes are compile-time constants, so
  a small cache holds one kernel per (block_q, block_k, dim, dim_v, dtype).
  Shared memory is limited to 48 KiB per block: ``block_k`` is lowered, if
  needed, until ``block_k · (dim + dim_v)`` elements fit (for float32 and
  dim = dim_v = 64 the default 64 fits; float64 runs with 48).  This is a
  plain CUDA-core kernel, FlashAttention-1 in structure — no tensor cores, no
  warp-level matrix instructions (the simulator has none).

Complexity: Θ(len_q · len_k · (dim + dim_v)) time (about half that when
causal with ``len_q = len_k``), and O(len·(dim + dim_v)) memory — the output,
the padded tile copies (``'cpu'``), plus ``O(block_q · block_k)`` per worker.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numba
import numpy as np
from numba import cuda, njit, prange

from gpu._validate import require_int
from gpu.attention import _check_qkv, _check_scale, _require_bool
from gpu.backend import from_backend, pick_backend, readonly_view, to_backend, use_prange

__all__ = ["flash_attention"]

# CUDA limits: threads per block, and the static shared memory of one block.
CUDA_MAX_THREADS = 1024
CUDA_SHARED_BYTES = 48 * 1024
# The most multiply-adds the 'cpu' backend hands BLAS in one product.  OpenBLAS
# splits a larger product over its own threads, and those, nested inside the
# prange workers, oversubscribe the cores: measured on 2 cores, 128 × 128
# tiles at dim 64 ran 10× slower than 64 × 64 tiles (and no slower with
# OPENBLAS_NUM_THREADS=1).  64³ products stay on the calling thread.
CPU_BLAS_MAX_FMAS = 64**3


# ---------------------------------------------------------------------------
# 'numpy': the recurrence, line for line
# ---------------------------------------------------------------------------


def _flash_numpy(
    q: np.ndarray,
    k: np.ndarray,
    v: np.ndarray,
    causal: bool,
    scale: float,
    block_q: int,
    block_k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Tiled attention of ``(BH, len, dim)`` arrays in float64; ``(out, lse)``.

    All batch·head entries advance together (the tiles are ``(BH, block, dim)``),
    so the Python loops run over tiles only.
    """
    q, k, v = (x.astype(np.float64) for x in (q, k, v))
    n_bh, len_q, _ = q.shape
    len_k, dim_v = k.shape[1], v.shape[2]
    offset = len_k - len_q  # query i sees keys j <= i + offset when causal
    out = np.empty((n_bh, len_q, dim_v))
    lse = np.empty((n_bh, len_q))
    for i0 in range(0, len_q, block_q):
        i1 = min(i0 + block_q, len_q)
        Q_i = q[:, i0:i1] * scale
        m_i = np.full((n_bh, i1 - i0), -np.inf)
        l_i = np.zeros((n_bh, i1 - i0))
        acc = np.zeros((n_bh, i1 - i0, dim_v))
        # The tile's last row sees keys up to i1 - 1 + offset: later key tiles are skipped.
        k_stop = min(len_k, i1 + offset) if causal else len_k
        for j0 in range(0, k_stop, block_k):
            j1 = min(j0 + block_k, k_stop)
            S_ij = Q_i @ k[:, j0:j1].swapaxes(1, 2)
            if causal and j1 - 1 > i0 + offset:  # on the diagonal: some keys follow some queries
                visible = np.arange(j0, j1)[None, :] <= np.arange(i0, i1)[:, None] + offset
                S_ij = np.where(visible, S_ij, -np.inf)
            m_new = np.maximum(m_i, S_ij.max(axis=-1))
            # A row that has seen no key yet has m_new = −∞; subtracting 0 instead
            # avoids (−∞) − (−∞) = NaN, and its weights stay exp(−∞) = 0.
            m_ref = np.where(m_new == -np.inf, 0.0, m_new)
            P_ij = np.exp(S_ij - m_ref[..., None])
            alpha = np.exp(m_i - m_ref)
            l_i = alpha * l_i + P_ij.sum(axis=-1)
            acc = alpha[..., None] * acc + P_ij @ v[:, j0:j1]
            m_i = m_new
        seen = l_i > 0  # False only for a row that sees no key at all
        safe = np.where(seen, l_i, 1.0)
        out[:, i0:i1] = np.where(seen[..., None], acc / safe[..., None], 0.0)
        lse[:, i0:i1] = np.where(seen, m_i + np.log(safe), -np.inf)
    return out, lse


# ---------------------------------------------------------------------------
# 'cpu': Numba, (batch·head, query tile) pairs in parallel
# ---------------------------------------------------------------------------


@njit(cache=True)
def _flash_tile_cpu(Q_i, KT, V, i0, len_q, len_k, causal, out_i, lse_i):  # pragma: no cover
    """The recurrence for one query tile; writes its ``out`` and ``lse`` rows.

    ``Q_i`` is ``(block_q, dim)``, already multiplied by ``scale``; ``KT[j]`` is
    the j-th key tile transposed, ``(dim, block_k)``, and ``V[j]`` the j-th value
    tile, ``(block_k, dim_v)``: all C-contiguous and zero-padded past the end,
    so both products are BLAS calls on whole tiles.  Padded rows and keys are
    masked by position.
    """
    block_q = Q_i.shape[0]
    block_k = KT.shape[2]
    offset = len_k - len_q
    m_i = np.full(block_q, -np.inf, dtype=Q_i.dtype)
    l_i = np.zeros(block_q, dtype=Q_i.dtype)
    acc = np.zeros(out_i.shape, dtype=Q_i.dtype)
    # Keys [0, k_stop) are visible to some row of the tile; later key tiles are skipped.
    k_stop = len_k
    if causal:
        k_stop = min(len_k, min(i0 + block_q, len_q) + offset)
    for j in range((k_stop + block_k - 1) // block_k if k_stop > 0 else 0):
        j0 = j * block_k
        S_ij = np.dot(Q_i, KT[j])  # scale · Q_i K_jᵀ; becomes P_ij in place
        for r in range(block_q):
            # Row r sees the first n_visible keys of this tile.
            n_visible = min(block_k, k_stop - j0)
            if causal:
                n_visible = min(n_visible, i0 + r + offset - j0 + 1)
            m_new = m_i[r]
            for c in range(n_visible):
                m_new = max(m_new, S_ij[r, c])
            if m_new == -np.inf:  # nothing seen yet: acc and l_i stay 0
                S_ij[r, :] = 0
                continue
            alpha = math.exp(m_i[r] - m_new)
            row_sum = 0.0
            for c in range(n_visible):
                S_ij[r, c] = math.exp(S_ij[r, c] - m_new)
                row_sum += S_ij[r, c]
            for c in range(max(n_visible, 0), block_k):
                S_ij[r, c] = 0  # masked: weight exp(−∞) = 0
            l_i[r] = alpha * l_i[r] + row_sum
            for e in range(acc.shape[1]):
                acc[r, e] *= alpha
            m_i[r] = m_new
        acc += np.dot(S_ij, V[j])  # P_ij V_j
    for r in range(block_q):
        if l_i[r] > 0:
            for e in range(acc.shape[1]):
                out_i[r, e] = acc[r, e] / l_i[r]
            lse_i[r] = m_i[r] + math.log(l_i[r])
        else:  # a row that sees no key
            out_i[r, :] = 0
            lse_i[r] = -np.inf


@njit(parallel=True, cache=True)
def _flash_cpu_parallel(Q, KT, V, len_q, len_k, causal, out, lse):  # pragma: no cover
    n_bh, n_qt, block_q = Q.shape[0], Q.shape[1], Q.shape[2]
    for job in prange(n_bh * n_qt):
        bh, qt = job // n_qt, job % n_qt
        _flash_tile_cpu(
            Q[bh, qt], KT[bh], V[bh], qt * block_q, len_q, len_k, causal, out[bh, qt], lse[bh, qt]
        )


@njit(cache=True)
def _flash_cpu_serial(Q, KT, V, len_q, len_k, causal, out, lse):  # pragma: no cover
    n_bh, n_qt, block_q = Q.shape[0], Q.shape[1], Q.shape[2]
    for job in range(n_bh * n_qt):
        bh, qt = job // n_qt, job % n_qt
        _flash_tile_cpu(
            Q[bh, qt], KT[bh], V[bh], qt * block_q, len_q, len_k, causal, out[bh, qt], lse[bh, qt]
        )


def _as_tiles(x: np.ndarray, block: int) -> np.ndarray:
    """``(BH, len, d)`` → ``(BH, n_tiles, block, d)``, C-contiguous, zero-padded at the end."""
    n_bh, length, d = x.shape
    n_tiles = -(-length // block)
    tiles = np.zeros((n_bh, n_tiles * block, d), dtype=x.dtype)
    tiles[:, :length] = x
    return tiles.reshape(n_bh, n_tiles, block, d)


def _cpu_blocks(block_q: int, block_k: int, dim: int, dim_v: int) -> tuple[int, int]:
    """Tile sizes whose products ``Q_i K_jᵀ`` and ``P_ij V_j`` stay within ``CPU_BLAS_MAX_FMAS``.

    ``block_k`` is halved first, then ``block_q``; the result is exact either way.
    """
    width = max(dim, dim_v)
    while block_q * block_k * width > CPU_BLAS_MAX_FMAS and block_k > 1:
        block_k = (block_k + 1) // 2
    while block_q * block_k * width > CPU_BLAS_MAX_FMAS and block_q > 1:
        block_q = (block_q + 1) // 2
    return block_q, block_k


def _flash_cpu(
    q: np.ndarray,
    k: np.ndarray,
    v: np.ndarray,
    causal: bool,
    scale: float,
    block_q: int,
    block_k: int,
) -> tuple[np.ndarray, np.ndarray]:
    n_bh, len_q, _ = q.shape
    len_k, dim_v = k.shape[1], v.shape[2]
    # A tile never needs to be longer than the sequence (less padding, smaller products).
    block_q, block_k = _cpu_blocks(min(block_q, len_q), min(block_k, len_k), q.shape[2], dim_v)
    Q = _as_tiles(q * q.dtype.type(scale), block_q)
    KT = np.ascontiguousarray(_as_tiles(k, block_k).transpose(0, 1, 3, 2))
    V = _as_tiles(v, block_k)
    out = np.empty((n_bh, Q.shape[1], block_q, dim_v), dtype=q.dtype)
    lse = np.empty((n_bh, Q.shape[1], block_q), dtype=q.dtype)
    work = n_bh * len_q * len_k * (q.shape[2] + dim_v)
    kernel = _flash_cpu_parallel if use_prange(n_bh * Q.shape[1], work) else _flash_cpu_serial
    args = (readonly_view(Q), readonly_view(KT), readonly_view(V), len_q, len_k, causal)
    kernel(*args, out, lse)
    out = out.reshape(n_bh, -1, dim_v)[:, :len_q]
    lse = lse.reshape(n_bh, -1)[:, :len_q]
    return out, lse


# ---------------------------------------------------------------------------
# 'cuda': one block per (batch·head, query tile), one thread per query row
# ---------------------------------------------------------------------------


def _cuda_block_k(block_k: int, dim: int, dim_v: int, itemsize: int) -> int:
    """``block_k`` lowered until a K tile and a V tile fit in one block's shared memory."""
    fits = CUDA_SHARED_BYTES // ((dim + dim_v) * itemsize)
    if fits < 1:
        raise ValueError(
            f"dim + dim_v = {dim + dim_v} is too large for the cuda backend: one key and one "
            f"value row ({(dim + dim_v) * itemsize} bytes) must fit in "
            f"{CUDA_SHARED_BYTES} bytes of shared memory"
        )
    return min(block_k, fits)


@functools.cache
def _flash_kernel_cuda(block_q: int, block_k: int, dim: int, dim_v: int, dtype_str: str) -> Any:
    """One CUDA kernel per tile shape and dtype: shared and local arrays need constant sizes."""
    element = numba.from_dtype(np.dtype(dtype_str))
    neg_inf = np.dtype(dtype_str).type(-np.inf)  # typed constants keep float32 math in float32
    zero = np.dtype(dtype_str).type(0)

    @cuda.jit
    def flash_forward(q, k, v, scale, causal, out, lse):
        # No builtin min/max in here: the simulator runs Python's, but the real
        # CUDA target failed to type the nested two-argument min() (found by
        # compiling this kernel to sm_90 PTX), so the comparisons are explicit.
        n_q_tiles = (q.shape[1] + block_q - 1) // block_q
        bh = cuda.blockIdx.x // n_q_tiles
        i0 = (cuda.blockIdx.x % n_q_tiles) * block_q
        t = cuda.threadIdx.x
        i = i0 + t  # this thread's query row
        len_q, len_k = q.shape[1], k.shape[1]
        offset = len_k - len_q
        K_j = cuda.shared.array((block_k, dim), element)
        V_j = cuda.shared.array((block_k, dim_v), element)
        q_i = cuda.local.array(dim, element)
        s_i = cuda.local.array(block_k, element)  # this row of S_ij, then of P_ij
        acc = cuda.local.array(dim_v, element)
        active = i < len_q  # rows past the end still help load tiles and sync
        if active:
            for c in range(dim):
                q_i[c] = q[bh, i, c] * scale
        for e in range(dim_v):
            acc[e] = zero
        m_i = neg_inf
        l_i = zero
        # Keys [0, k_stop) are visible to some row of this block; later tiles are skipped.
        # k_stop is the same for every thread, so all of them reach every syncthreads().
        k_stop = len_k
        if causal:
            last_row = i0 + block_q if i0 + block_q < len_q else len_q
            k_stop = last_row + offset if last_row + offset < len_k else len_k
        for j0 in range(0, k_stop, block_k):
            cuda.syncthreads()  # everyone is done with the previous K_j, V_j
            # Stage K_j and V_j: consecutive threads load consecutive addresses.
            for idx in range(t, block_k * dim, block_q):
                r, c = idx // dim, idx % dim
                K_j[r, c] = k[bh, j0 + r, c] if j0 + r < len_k else zero
            for idx in range(t, block_k * dim_v, block_q):
                r, c = idx // dim_v, idx % dim_v
                V_j[r, c] = v[bh, j0 + r, c] if j0 + r < len_k else zero
            cuda.syncthreads()
            if active:
                n_visible = block_k if block_k < k_stop - j0 else k_stop - j0
                if causal and i + offset - j0 + 1 < n_visible:
                    n_visible = i + offset - j0 + 1
                if n_visible > 0:
                    m_new = m_i
                    for c in range(n_visible):
                        s = zero
                        for e in range(dim):
                            s += q_i[e] * K_j[c, e]
                        s_i[c] = s
                        if s > m_new:
                            m_new = s
                    alpha = math.exp(m_i - m_new)  # exp(−∞) = 0 on the first visible tile
                    l_i *= alpha
                    for e in range(dim_v):
                        acc[e] *= alpha
                    for c in range(n_visible):
                        p = math.exp(s_i[c] - m_new)
                        l_i += p
                        for e in range(dim_v):
                            acc[e] += p * V_j[c, e]
                    m_i = m_new
        if active:
            if l_i > zero:
                for e in range(dim_v):
                    out[bh, i, e] = acc[e] / l_i
                lse[bh, i] = m_i + math.log(l_i)
            else:  # a row that sees no key
                for e in range(dim_v):
                    out[bh, i, e] = zero
                lse[bh, i] = neg_inf

    return flash_forward


def _flash_cuda(
    q: Any, k: Any, v: Any, causal: bool, scale: float, block_q: int, block_k: int
) -> tuple[Any, Any]:
    n_bh, len_q, dim = q.shape
    len_k, dim_v = k.shape[1], v.shape[2]
    block_q = min(block_q, len_q)  # never more threads than rows
    block_k = _cuda_block_k(min(block_k, len_k), dim, dim_v, q.dtype.itemsize)
    kernel = _flash_kernel_cuda(block_q, block_k, dim, dim_v, q.dtype.str)
    out = cuda.device_array((n_bh, len_q, dim_v), dtype=q.dtype)
    lse = cuda.device_array((n_bh, len_q), dtype=q.dtype)
    n_blocks = n_bh * -(-len_q // block_q)
    kernel[n_blocks, block_q](q, k, v, q.dtype.type(scale), causal, out, lse)
    return out, lse


# ---------------------------------------------------------------------------
# The public function
# ---------------------------------------------------------------------------

_FORWARD = {"numpy": _flash_numpy, "cpu": _flash_cpu, "cuda": _flash_cuda}


def flash_attention(
    q: Any,
    k: Any,
    v: Any,
    causal: bool = False,
    scale: float | None = None,
    block_q: int = 64,
    block_k: int = 64,
    backend: str = "auto",
    return_lse: bool = False,
) -> Any:
    """Softmax attention in tiles with the online-softmax recurrence (FlashAttention's forward).

    Same result as :func:`gpu.attention.attention` up to rounding, without ever
    forming the ``len_q × len_k`` score matrix.

    Parameters
    ----------
    q : array_like (NumPy or CuPy), shape ``(..., len_q, dim)``
        Queries.
    k : array_like, shape ``(..., len_k, dim)``
        Keys; same leading dimensions ``...`` as ``q`` (not broadcast).
    v : array_like, shape ``(..., len_k, dim_v)``
        Values; ``dim_v`` may differ from ``dim``.
    causal : bool, default False
        Query i sees only keys ``j <= i + len_k - len_q`` (aligned to the end).
    scale : real, optional
        Multiplies the scores; default ``1/√dim``; any finite real.
    block_q, block_k : int, default 64
        Rows per query tile and per key/value tile; positive.  Tiles longer
        than the sequence are shortened to it.  ``'cpu'`` may shrink them to
        keep each BLAS product within 64³ multiply-adds; ``'cuda'`` runs
        ``block_q`` threads per block (so ``block_q <= 1024``) and may lower
        ``block_k`` to fit shared memory (see the module docstring).
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`: ``'auto'`` is ``'cuda'`` on a real GPU or for
        CuPy input, else ``'cpu'``.
    return_lse : bool, default False
        Also return the per-row log-sum-exp of the scaled scores.

    Returns
    -------
    out : ndarray, shape ``(..., len_q, dim_v)``
        ``float32`` if ``q``, ``k``, ``v`` are all ``float32``, else
        ``float64``; same array module as the inputs.  A row that sees no key
        is all zeros.
    lse : ndarray, shape ``(..., len_q)``, only with ``return_lse=True``
        ``log Σ_j exp(scale · q_i·k_j)`` over the visible keys, in ``out``'s
        dtype; −∞ for a row that sees no key.

    Raises
    ------
    TypeError
        An input is not a float or integer array; ``causal`` or ``return_lse``
        is not a bool; ``scale`` is not real; a block size or ``backend`` has
        the wrong type.
    ValueError
        Shapes as for :func:`gpu.attention.attention`; a block size < 1;
        ``block_q > 1024`` with ``'cuda'``; an unknown or unavailable backend.
        All checks run before any kernel is compiled or launched.

    Notes
    -----
    Θ(len_q·len_k·(dim + dim_v)) time — about half of it when causal with
    ``len_q = len_k``, as key tiles past the diagonal are skipped — and
    O((len_q + len_k)·(dim + dim_v)) memory; never Θ(len_q·len_k).  ``'numpy'``
    computes in float64, ``'cpu'`` and ``'cuda'`` in the input dtype; scores
    are max-subtracted before ``exp``, so logits of any finite size (±10⁴ in
    float32, say) neither overflow nor lose the winning term.  NaN or inf in
    the inputs propagate.  The inputs are never modified.

    Examples
    --------
    >>> import numpy as np
    >>> from gpu.attention import attention
    >>> rng = np.random.default_rng(0)
    >>> q, k, v = rng.normal(size=(3, 2, 100, 16))   # 2 heads, 100 positions, dim 16
    >>> out = flash_attention(q, k, v, causal=True, block_q=32, block_k=16, backend="numpy")
    >>> np.allclose(out, attention(q, k, v, causal=True))
    True
    >>> out, lse = flash_attention(q, k, v, return_lse=True, backend="cpu")
    >>> out.shape, lse.shape
    ((2, 100, 16), (2, 100))
    >>> flash_attention(np.ones((2, 1)), np.ones((1, 1)), np.ones((1, 1)),
    ...                 causal=True, return_lse=True, backend="numpy")  # row 0 sees no key
    (array([[0.], [1.]]), array([-inf,  1.]))
    """
    q, k, v, xp, dtype = _check_qkv(q, k, v)
    *batch, len_q, dim = q.shape
    len_k, dim_v = k.shape[-2], v.shape[-1]
    scale = _check_scale(scale, dim)
    causal = _require_bool(causal, "causal")
    return_lse = _require_bool(return_lse, "return_lse")
    block_q = require_int(block_q, "block_q", minimum=1)
    block_k = require_int(block_k, "block_k", minimum=1)
    backend = pick_backend(backend, xp)
    if backend == "cuda" and block_q > CUDA_MAX_THREADS:
        raise ValueError(
            f"block_q must be <= {CUDA_MAX_THREADS} with backend 'cuda' (one thread per "
            f"query row), got {block_q}"
        )
    if backend == "cuda":
        _cuda_block_k(block_k, dim, dim_v, dtype.itemsize)  # raises if no tile fits

    n_bh = math.prod(batch)
    if n_bh * len_q == 0 or len_k == 0:  # nothing to compute: no kernel launch
        out = xp.zeros((*batch, len_q, dim_v), dtype=dtype)
        lse = xp.full((*batch, len_q), -xp.inf, dtype=dtype)
    else:

        def rows(x: Any) -> Any:  # (..., len, d) → (BH, len, d), C-contiguous, in dtype
            return xp.ascontiguousarray(x.reshape(n_bh, *x.shape[-2:]).astype(dtype, copy=False))

        args = (to_backend(rows(x), backend) for x in (q, k, v))
        out, lse = _FORWARD[backend](*args, causal, scale, block_q, block_k)
        out = from_backend(out, xp).astype(dtype, copy=False).reshape(*batch, len_q, dim_v)
        lse = from_backend(lse, xp).astype(dtype, copy=False).reshape(*batch, len_q)
    return (out, lse) if return_lse else out
