"""Softmax attention, computed plainly: softmax(scale · Q Kᵀ) V."""

from __future__ import annotations

import numpy as np


def attention(
    q: np.ndarray,
    k: np.ndarray,
    v: np.ndarray,
    causal: bool = False,
    scale: float | None = None,
    mask: np.ndarray | None = None,
) -> np.ndarray:
    """Return softmax attention ``softmax(scale · Q Kᵀ) V`` over the last two axes.

    Query i scores key j with ``s_ij = scale · q_i·k_j`` (``scale`` defaults
    to ``1/sqrt(dim)``) and takes ``out_i = Σ_j p_ij v_j`` with
    ``p_ij = exp(s_ij) / Σ_j' exp(s_ij')`` over the keys it *sees*: all of
    them, or with ``causal=True`` only ``j <= i + len_k - len_q`` (the mask is
    aligned to the end when ``len_q != len_k``), and with a ``mask`` only the
    keys where ``mask[i, j]`` is True (a key must pass both rules).  A query
    that sees no key gets an output row of zeros.  Leading axes ``...``
    (batch, heads) are independent.

    Constraints
    -----------
    - ``q``: shape ``(..., len_q, dim)``; ``k``: ``(..., len_k, dim)``;
      ``v``: ``(..., len_k, dim_v)``; the same leading shape ``...`` (at most 3
      axes) for all three; ``1 <= len_q, len_k <= 512``; ``1 <= dim, dim_v <= 64``.
    - All three are NumPy arrays of one dtype, ``float32`` or ``float64``, with
      entries ``|x| <= 100``: scores reach ``±10^4`` and more, so
      ``exp(s_ij)`` itself overflows — that is the point.
    - ``scale`` is ``None`` or a float with ``|scale| <= 2`` (0 and negative
      values included).
    - ``mask`` is ``None`` or a bool array of shape ``(len_q, len_k)``.
    - The inputs must not be modified.

    Accuracy: with ``u`` half the machine epsilon of the inputs' dtype, each
    output may be off by ``2·(expm1(2δ) + (5·len_k + 10)·u + u)·max|v|``,
    where ``δ = (dim + 2)·u·|scale|·max_j Σ_t |q_it·k_jt|`` is the rounding of
    the scores (0 when every score is an exactly representable number) — what
    a max-subtracted softmax in the inputs' precision achieves.

    Errors (contract)
    -----------------
    An input with fewer than 2 dimensions, leading shapes that differ,
    ``q`` and ``k`` of different ``dim``, ``k`` and ``v`` of different
    length, ``dim`` or ``dim_v`` of 0, a NaN or infinite ``scale``, a mask
    of the wrong shape → ``ValueError``; a ``bool``, complex or text input, a
    non-bool ``causal``, a ``scale`` that is not a number, a mask that is not
    boolean → ``TypeError``.  Also checked as contract: the result is
    ``float32`` when q, k and v all are, else ``float64``; ``len_k = 0``
    gives zeros; nested lists are accepted like arrays.

    Examples
    --------
    >>> q = k = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> v = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> attention(q, k, v, scale=0.0)  # equal weights: the mean of the values
    array([[2., 3.],
           [2., 3.]])
    >>> attention(q, k, v, causal=True, scale=np.log(3))  # row 1 weighs its own key 3:1
    array([[1. , 2. ],
           [2.5, 3.5]])

    Two queries and one key, causal: query 0 sees no key.

    >>> attention(np.ones((2, 1)), np.ones((1, 1)), v[:1], causal=True)
    array([[0., 0.],
           [1., 2.]])

    Complexity
    ----------
    ``O(len_q·len_k·(dim + dim_v))`` time and ``O(len_q·len_k)`` memory per
    batch entry.

    Hint: subtract each row's largest score before ``exp``; the softmax is unchanged.
    """
    raise NotImplementedError
