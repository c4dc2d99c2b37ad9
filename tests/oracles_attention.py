"""Oracles, strategies and error bounds for the tests of ``attention`` and ``flash_attention``.

Two oracles, both independent of :mod:`gpu` (no code is shared with it):

* :func:`loop_attention` — a plain Python loop per query row over Python
  floats: ``math.fsum`` dot products, ``math.exp`` weights relative to the row
  maximum, the causal rule ``j <= i + len_k - len_q`` written out per pair;
* :func:`scipy_attention` — the same thing vectorised with
  ``scipy.special.softmax`` / ``scipy.special.logsumexp`` on float64 scores,
  the mask from ``np.tri`` — fast enough for the larger shapes of the tiled
  backends.

Both define a row that sees no key as output 0 and log-sum-exp −∞ (the
documented convention; the bare formula would give 0/0).

:func:`error_bound` is the rounding budget a correct implementation may spend,
derived below; a wrong tile, a missed rescale or a dropped key is off by a
sizeable fraction of ``max|v|`` and far outside it.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gpu.backend import available_backends, using_simulator

BACKENDS = available_backends()
HOST_BACKENDS = ["numpy", "cpu"]
HAS_CUDA = "cuda" in BACKENDS
# Hypothesis examples for a property that runs the CUDA kernel: the simulator
# runs every GPU thread as a Python thread, so those properties stay few and tiny.
CUDA_EXAMPLES = 8 if using_simulator() else 100


# ---------------------------------------------------------------------------
# Oracles


def default_scale(scale: float | None, dim: int) -> float:
    return 1.0 / math.sqrt(dim) if scale is None else float(scale)


def loop_attention(q, k, v, causal: bool, scale: float | None) -> tuple[np.ndarray, np.ndarray]:
    """``(out, lse)`` in float64 by a Python loop over every (batch entry, query) pair."""
    q, k, v = (np.asarray(x, dtype=np.float64) for x in (q, k, v))
    *batch, len_q, dim = q.shape
    len_k, dim_v = k.shape[-2], v.shape[-1]
    scale = default_scale(scale, dim)
    out = np.zeros((*batch, len_q, dim_v))
    lse = np.full((*batch, len_q), -math.inf)
    for b in np.ndindex(*batch):
        for i in range(len_q):
            keys = [j for j in range(len_k) if not causal or j <= i + len_k - len_q]
            if not keys:
                continue  # a row that sees no key: 0 and −∞
            dot = [
                math.fsum(float(x) * float(y) for x, y in zip(q[b][i], k[b][j], strict=True))
                for j in keys
            ]
            scores = [scale * d for d in dot]
            top = max(scores)
            weights = [math.exp(s - top) for s in scores]
            total = math.fsum(weights)
            for c in range(dim_v):
                weighted = (w * float(v[b][j, c]) for w, j in zip(weights, keys, strict=True))
                out[b][i, c] = math.fsum(weighted) / total
            lse[b][i] = top + math.log(total)
    return out, lse


def visible(len_q: int, len_k: int, causal: bool) -> np.ndarray:
    """``(len_q, len_k)`` bool: may query i see key j?  (``np.tri``: ones where j <= i + offset.)"""
    if not causal:
        return np.ones((len_q, len_k), dtype=bool)
    return np.tri(len_q, len_k, k=len_k - len_q, dtype=bool)


def scipy_attention(q, k, v, causal: bool, scale: float | None) -> tuple[np.ndarray, np.ndarray]:
    """``(out, lse)`` in float64 from SciPy's softmax and logsumexp of the masked scores."""
    q, k, v = (np.asarray(x, dtype=np.float64) for x in (q, k, v))
    len_q, dim = q.shape[-2:]
    len_k = k.shape[-2]
    scores = default_scale(scale, dim) * np.einsum("...id,...jd->...ij", q, k)
    mask = visible(len_q, len_k, causal)
    scores = np.where(mask, scores, -np.inf)
    seen = mask.any(axis=-1)  # rows that see at least one key
    with np.errstate(invalid="ignore"):  # softmax of an all −∞ row is NaN; replaced below
        weights = scipy.special.softmax(scores, axis=-1) if len_k else scores
    weights = np.where(seen[:, None], weights, 0.0)
    out = weights @ v
    lse = scipy.special.logsumexp(scores, axis=-1) if len_k else np.full(scores.shape[:-1], -np.inf)
    return out, np.where(seen, lse, -np.inf)


# ---------------------------------------------------------------------------
# How far a correct implementation may be from the oracle
#
# Let u be the unit round-off of the precision an implementation computes in
# (u_out that of its output dtype), n = len_k, and row i see keys j.
#
# * Scores: a dot product of length dim, the scale multiplied in, errs by at
#   most δ_i = (dim + 2)·u·|scale|·max_j Σ_t |q_it·k_jt|.  Perturbing every
#   score by at most δ changes every softmax weight by a factor within
#   [e^{−2δ}, e^{2δ}], so the weights move by at most expm1(2δ) in total and
#   the output by at most expm1(2δ)·max|v|.
# * Everything else — exp, the subtraction of the running maximum, one rescale
#   by alpha per key tile (at most n of them), the sums of n weights and of n
#   weighted values, the division — costs at most (5n + 10)·u·max|v| to first
#   order (a weight's exponent error u·|s − m| contributes p·u·|s − m| ≤ u/e).
# * The final rounding to the output dtype: u_out·|o_i|.
#
# The log-sum-exp errs by at most δ_i + (5n + 10)·u + 2·u·(|lse_i| + log n + 1)
# (|m_i| ≤ |lse_i| + log n).  Both bounds are doubled, to stay clear of
# second-order terms; they are still orders of magnitude below a real bug.


def error_bound(
    q, k, v, causal: bool, scale: float | None, work_dtype, out_dtype, exact_scores: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """``(out_tol (..., len_q, 1), lse_tol (..., len_q))``; see the derivation above.

    ``exact_scores``: every score is exactly representable and computed
    without rounding (small integers, a power-of-two scale), so δ = 0.
    """
    q, k, v = (np.asarray(x, dtype=np.float64) for x in (q, k, v))
    len_q, dim = q.shape[-2:]
    len_k = k.shape[-2]
    u = np.finfo(work_dtype).eps / 2
    u_out = np.finfo(out_dtype).eps / 2
    scale = default_scale(scale, dim)
    magnitude = abs(scale) * np.einsum("...id,...jd->...ij", np.abs(q), np.abs(k))
    magnitude = np.where(visible(len_q, len_k, causal), magnitude, 0.0)
    top = magnitude.max(axis=-1) if len_k else np.zeros(magnitude.shape[:-1])
    delta = 0.0 if exact_scores else (dim + 2) * u * top
    v_max = np.abs(v).max(axis=(-2, -1)) if v.size else np.zeros(v.shape[:-2])
    v_max = np.asarray(v_max)[..., None, None]
    rounding = (5 * len_k + 10) * u
    out_tol = 2 * (v_max * (np.expm1(2 * delta) + rounding)[..., None] + u_out * v_max)
    out_tol = out_tol + np.finfo(out_dtype).tiny
    _, lse = scipy_attention(q, k, v, causal, scale)
    finite = np.where(np.isfinite(lse), np.abs(lse), 0.0)
    lse_tol = 2 * (delta + rounding + 2 * u_out * (finite + math.log(len_k + 1) + 1))
    return out_tol, lse_tol


def assert_close_to_oracle(out, lse, expected_out, expected_lse, out_tol, lse_tol) -> None:
    """``out``/``lse`` within the bounds; −∞ exactly where the oracle's lse is −∞."""
    out = np.asarray(out, dtype=np.float64)
    error = np.abs(out - expected_out)
    assert np.all(error <= out_tol), f"max error {error.max()} > tolerance"
    if lse is not None:
        lse = np.asarray(lse, dtype=np.float64)
        np.testing.assert_array_equal(np.isneginf(lse), np.isneginf(expected_lse))
        finite = np.isfinite(expected_lse)
        lse_error = np.abs(lse[finite] - expected_lse[finite])
        assert np.all(lse_error <= lse_tol[finite]), f"max lse error {lse_error.max()}"


# ---------------------------------------------------------------------------
# Strategies

# Leading (batch, head) shapes; Hypothesis shrinks towards the first.
BATCH_SHAPES = [(), (1,), (2,), (3,), (1, 2), (2, 2), (2, 1, 2)]
SMALL_BATCH_SHAPES = [(), (1,), (2,), (1, 2)]


def _floats(dtype, bound: float) -> st.SearchStrategy:
    return st.floats(-bound, bound, width=8 * np.dtype(dtype).itemsize)


@st.composite
def qkv(
    draw,
    max_len: int = 12,
    max_dim: int = 4,
    batch_shapes=tuple(BATCH_SHAPES),
    min_len: int = 0,
    dtypes=(np.float64, np.float32),
    bound: float = 3.0,
    integers: bool = False,
):
    """``(q, k, v)`` with independent lengths (q shorter or longer than k), dims from 1.

    ``integers``: whole-number entries in ``[-bound, bound]``, so that scores
    of at most ``dim·bound²`` are computed exactly in float32.
    """
    dtype = np.dtype(draw(st.sampled_from(dtypes)))
    batch = draw(st.sampled_from(batch_shapes))
    len_q = draw(st.integers(min_len, max_len))
    len_k = draw(st.integers(min_len, max_len))
    dim = draw(st.integers(1, max_dim))
    dim_v = draw(st.integers(1, max_dim))
    if integers:
        elements = st.integers(-int(bound), int(bound)).map(float)
    else:
        elements = _floats(dtype, bound)
    q = draw(hnp.arrays(dtype, (*batch, len_q, dim), elements=elements))
    k = draw(hnp.arrays(dtype, (*batch, len_k, dim), elements=elements))
    v = draw(hnp.arrays(dtype, (*batch, len_k, dim_v), elements=elements))
    return q, k, v


def scales(dtype=np.float64) -> st.SearchStrategy:
    """``None`` (the default 1/√dim) or any finite real, zero and negative included."""
    return st.none() | st.floats(-2.0, 2.0, width=8 * np.dtype(dtype).itemsize)
