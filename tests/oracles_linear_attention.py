"""Oracles and strategies for the tests of linear, Performer and mixed-chunk attention.

The oracles are plain Python loops over Python floats, written from the
formulas in DESIGN.md and the issue — independent of NumPy's matrix products,
of the prefix-sum (scan) formulation and of Numba:

* :func:`loop_linear_attention` evaluates linear attention in its *quadratic*
  form, ``o_i = Σ_j w_ij v_j / Σ_j w_ij`` with ``w_ij = φ(q_i)·φ(k_j)`` over the
  visible keys — never the ``S``/``z`` state the library keeps;
* :func:`loop_mixed_chunk` evaluates the mixed-chunk formula pair by pair in
  O(seq²), deciding for each (i, j) which of the two parts it belongs to;
* :func:`loop_performer_features` is ``exp(w·x' − ‖x'‖²/2)/√m`` with ``math.exp``.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

DTYPES = [np.float32, np.float64]


# ---------------------------------------------------------------------------
# Strategies


def grid_values(limit: float = 3.0, step: float = 1 / 8) -> st.SearchStrategy[float]:
    """Multiples of ``step`` in ``[-limit, limit]``: exact in float32, exact zeros included.

    A grid keeps the properties about *the formula*: no subnormal products that
    one dtype flushes to 0 and another does not, and plenty of exact zeros and
    ties (relu's zero normaliser needs them).
    """
    n = round(limit / step)
    return st.integers(-n, n).map(lambda i: i * step)


@st.composite
def attention_inputs(
    draw: st.DrawFn,
    max_len: int = 7,
    max_dim: int = 4,
    equal_lengths: bool = False,
    max_batch: int = 2,
    dtypes: tuple[Any, ...] = tuple(DTYPES),
    limit: float = 3.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(q, k, v)``: 0–2 leading dimensions, lengths from 1 (odd ones too), dim from 1."""
    dtype = draw(st.sampled_from(dtypes))
    batch = tuple(draw(st.lists(st.integers(1, max_batch), max_size=2)))
    len_q = draw(st.integers(1, max_len))
    len_k = len_q if equal_lengths else draw(st.integers(1, max_len))
    dim = draw(st.integers(1, max_dim))
    dim_v = draw(st.integers(1, max_dim))
    values = grid_values(limit)
    q = draw(hnp.arrays(dtype, (*batch, len_q, dim), elements=values))
    k = draw(hnp.arrays(dtype, (*batch, len_k, dim), elements=values))
    v = draw(hnp.arrays(dtype, (*batch, len_k, dim_v), elements=values))
    return q, k, v


# ---------------------------------------------------------------------------
# Oracles


def phi_scalar(x: float, feature_map: str) -> float:
    """φ of one number: ``elu(x) + 1`` or ``max(x, 0)``."""
    if feature_map == "elu+1":
        return x + 1.0 if x > 0 else math.exp(x)
    return max(x, 0.0)


def loop_linear_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool, feature_map: str
) -> np.ndarray:
    """Linear attention, quadratic form, one Python float at a time (float64 result).

    Query i sees keys ``j <= i + len_k - len_q`` when causal; a row whose
    normaliser ``Σ_j w_ij`` is 0 (no key seen, or relu with no overlap) is 0.
    """
    *batch, len_q, dim = q.shape
    len_k, dim_v = v.shape[-2], v.shape[-1]
    out = np.zeros((*batch, len_q, dim_v))
    for b in np.ndindex(*batch):
        phi_k = [[phi_scalar(float(x), feature_map) for x in k[b][j]] for j in range(len_k)]
        for i in range(len_q):
            phi_q = [phi_scalar(float(x), feature_map) for x in q[b][i]]
            last = i + len_k - len_q if causal else len_k - 1
            num = [0.0] * dim_v
            den = 0.0
            for j in range(last + 1):
                w = sum(phi_q[c] * phi_k[j][c] for c in range(dim))
                den += w
                for e in range(dim_v):
                    num[e] += w * float(v[b][j][e])
            if den != 0:
                out[b][i] = [x / den for x in num]
    return out


def loop_performer_features(x: np.ndarray, W: np.ndarray) -> np.ndarray:
    """``exp(w_r·x' − ‖x'‖²/2) / √m`` with ``x' = x·d^(−1/4)``, by ``math.exp``, per row of x."""
    m, d = W.shape
    out = np.empty((*x.shape[:-1], m))
    for idx in np.ndindex(*x.shape[:-1]):
        xs = [float(t) / d**0.25 for t in x[idx]]
        half_sq = sum(t * t for t in xs) / 2
        for r in range(m):
            dot = sum(float(W[r, c]) * xs[c] for c in range(d))
            out[(*idx, r)] = math.exp(dot - half_sq) / math.sqrt(m)
    return out


def loop_mixed_chunk(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, chunk: int, linear_part: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """The DESIGN.md mixed-chunk formula in O(seq²); returns ``(out, magnitude)``.

    ``magnitude`` is the same sum with ``|q|·|k|`` for ``q·k`` and ``|v|`` for
    ``v``: the scale against which rounding errors are judged (any order of
    evaluating the terms errs by a small multiple of it).  With
    ``linear_part=False`` only the in-chunk ``relu²`` terms are summed.
    """
    *batch, n, dim = q.shape
    dim_v = v.shape[-1]
    out = np.zeros((*batch, n, dim_v))
    magnitude = np.zeros((*batch, n, dim_v))
    for b in np.ndindex(*batch):
        for i in range(n):
            for j in range(i + 1):
                products = [float(q[b][i][c]) * float(k[b][j][c]) for c in range(dim)]
                dot, abs_dot = sum(products), sum(abs(p) for p in products)
                if j // chunk == i // chunk:  # same chunk, j <= i
                    w, w_abs = max(dot / chunk, 0.0) ** 2, (abs_dot / chunk) ** 2
                elif linear_part:  # j in an earlier chunk
                    w, w_abs = dot / n, abs_dot / n
                else:
                    continue
                for e in range(dim_v):
                    out[b][i][e] += w * float(v[b][j][e])
                    magnitude[b][i][e] += w_abs * abs(float(v[b][j][e]))
    return out, magnitude
