"""Mixed-chunk attention (GAU / FLASH, Hua et al. 2022): quadratic inside chunks, linear across.

The problem.  Softmax attention costs Θ(n²) for n positions; linear attention
(:mod:`gpu.linear_attention`) costs Θ(n) but blurs the fine, local
interactions that matter most.  The FLASH model ("Transformer Quality in
Linear Time") splits the difference: cut the sequence into chunks of ``C``
positions; within a chunk use an expressive quadratic attention, across
chunks a cheap linear one.  Causally, for query i in chunk c::

    out_i =  Σ_{j in c, j ≤ i}          relu(q_i·k_j / C)² v_j      (quadratic, local)
           + Σ_{j in chunks before c}   (q_i·k_j / n) v_j            (linear, global)

with no softmax and no normaliser (``relu²`` weights, scaled by 1/C and 1/n).

The idea.  The quadratic part touches only pairs inside one chunk: C² pairs per
chunk, n·C in all.  The linear part regroups like linear attention:
``Σ_{j before c} (q_i·k_j) v_j = q_iᵀ (Σ_{j before c} k_j v_jᵀ)``, and
``Σ_{j before c} k_j v_jᵀ`` is an *exclusive* prefix sum, over the chunks, of
the per-chunk states ``M_c = K_cᵀ V_c`` (``d × d_v``) — computed with
:func:`gpu.scan.exclusive_scan` along the chunk axis.  Every query of chunk c
then reads the same state ``P_c``: one ``(C × d)·(d × d_v)`` product per chunk.

The last chunk may be shorter (n not a multiple of C): it is zero-padded, and
zero keys and values contribute nothing.  With ``C ≥ n`` there is one chunk
and only the quadratic part (the scale stays 1/C, as given); with ``C = 1``
the quadratic part is each position's ``relu(q_i·k_i)² v_i`` alone.

Complexity: Θ(n·C·(d + d_v) + n·d·d_v) time, Θ(n·C + (n/C)·d·d_v) memory per
batch·head entry (one chunk's C × C weights per chunk, and the chunk states).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from gpu._validate import require_int
from gpu.attention import _check_qkv
from gpu.scan import exclusive_scan

__all__ = ["mixed_chunk_attention"]


def _chunked(x: Any, n_chunks: int, size: int, xp: Any) -> Any:
    """``(..., n, d)`` → ``(..., n_chunks, size, d)`` in float64, zero-padded at the end."""
    *batch, n, d = x.shape
    padded = xp.zeros((*batch, n_chunks * size, d), dtype=xp.float64)
    padded[..., :n, :] = x
    return padded.reshape(*batch, n_chunks, size, d)


def mixed_chunk_attention(q: Any, k: Any, v: Any, chunk: int = 64) -> Any:
    """Causal mixed-chunk attention: ``relu²`` attention inside chunks, linear across them.

    For query i in chunk c (chunks are ``chunk`` consecutive positions; the
    last one may be shorter)::

        out_i = Σ_{j in c, j ≤ i} relu(q_i·k_j / chunk)² v_j
              + Σ_{j in chunks before c} (q_i·k_j / seq_len) v_j

    Parameters
    ----------
    q : array_like (NumPy or CuPy), shape ``(..., seq_len, dim)``
        Queries.
    k : array_like, shape ``(..., seq_len, dim)``
        Keys; same shape as ``q`` (the leading dimensions are not broadcast).
    v : array_like, shape ``(..., seq_len, dim_v)``
        Values; ``dim_v`` may differ from ``dim``.
    chunk : int, default 64
        Positions per chunk, ``>= 1``; any value ``>= seq_len`` gives one chunk.

    Returns
    -------
    ndarray, shape ``(..., seq_len, dim_v)``
        ``float32`` if ``q``, ``k``, ``v`` are all ``float32``, else ``float64``;
        same array module as the inputs.  ``out_i`` depends on positions
        ``<= i`` only (and on ``seq_len``, through the scale).

    Raises
    ------
    TypeError
        An input is not a float or integer array; ``chunk`` is not an integer.
    ValueError
        Shapes as for :func:`gpu.attention.attention`, and ``q``, ``k`` of
        different lengths (the chunks partition one sequence); ``chunk < 1``.

    Notes
    -----
    Θ(n·C·(d + d_v) + n·d·d_v) time and Θ(n·C + (n/C)·d·d_v) extra memory per
    batch·head entry, n = ``seq_len``, C = ``min(chunk, n)``: linear in n for a
    fixed chunk.  The linear part's states come from
    :func:`gpu.scan.exclusive_scan` (``'cpu'`` backend for NumPy input,
    ``'cuda'`` for CuPy).  Computed in float64, rounded once.  NaN or inf in
    the inputs propagate.  The inputs are never modified.

    Examples
    --------
    >>> import numpy as np
    >>> q = k = np.ones((3, 1))
    >>> v = np.array([[3.0], [30.0], [300.0]])
    >>> mixed_chunk_attention(q, k, v, chunk=2)  # weights: in-chunk (1/2)² = 1/4, else 1/3
    array([[ 0.75],
           [ 8.25],
           [86.  ]])
    """
    q, k, v, xp, dtype = _check_qkv(q, k, v)
    chunk = require_int(chunk, "chunk", minimum=1)
    if q.shape[-2] != k.shape[-2]:
        raise ValueError(
            "q and k must have the same sequence length (the chunks partition one sequence), "
            f"got q.shape[-2] = {q.shape[-2]} and k.shape[-2] = {k.shape[-2]}"
        )
    *batch, n, _ = q.shape
    dim_v = v.shape[-1]
    if n == 0 or math.prod(batch) == 0:
        return xp.zeros((*batch, n, dim_v), dtype=dtype)

    size = min(chunk, n)  # positions per chunk as laid out; the scale stays 1/chunk
    n_chunks = -(-n // size)
    Q, K, V = (_chunked(x, n_chunks, size, xp) for x in (q, k, v))  # (..., n_chunks, size, ·)
    K_T = xp.swapaxes(K, -1, -2)

    # Quadratic part: relu(q_i·k_j / chunk)² for j ≤ i inside each chunk.
    A = Q @ K_T  # (..., n_chunks, size, size)
    A /= chunk
    relu_sq = xp.maximum(A, 0.0) ** 2
    causal = xp.tril(xp.ones((size, size), dtype=bool))  # j ≤ i within the chunk
    out = xp.where(causal, relu_sq, 0.0) @ V

    # Linear part: P_c = Σ_{c' < c} K_c'ᵀ V_c' (an exclusive scan over the chunks),
    # then q_iᵀ P_c / n for every query of chunk c.
    M = K_T @ V  # (..., n_chunks, dim, dim_v)
    P = exclusive_scan(M, axis=-3, backend="cpu" if xp is np else "cuda")
    out += (Q @ P) / n

    return out.reshape(*batch, n_chunks * size, dim_v)[..., :n, :].astype(dtype)
