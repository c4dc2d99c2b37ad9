"""Linear attention: φ(Q)(φ(K)ᵀV), normalised, in time linear in the sequence length."""

from __future__ import annotations

import numpy as np


def linear_attention(
    q: np.ndarray,
    k: np.ndarray,
    v: np.ndarray,
    causal: bool = False,
    feature_map: str = "elu+1",
) -> np.ndarray:
    """Return linear attention: softmax's ``exp(q·k)`` replaced by ``φ(q)·φ(k)``.

    With a feature map φ applied elementwise, query i weighs key j by
    ``w_ij = φ(q_i)·φ(k_j)`` and returns ``out_i = Σ_j w_ij v_j / Σ_j w_ij``
    over the keys it sees: all of them, or with ``causal=True`` only
    ``j <= i + len_k - len_q`` (aligned to the end).  A row whose normaliser
    ``Σ_j w_ij`` is 0 (it sees no key, or with ``'relu'`` shares no positive
    coordinate with any key it sees) is all zeros.  Leading axes ``...`` are
    independent.

    ``feature_map``: ``'elu+1'`` is ``φ(x) = x + 1`` for ``x > 0`` and
    ``exp(x)`` otherwise; ``'relu'`` is ``φ(x) = max(x, 0)``.

    Because ``Σ_j w_ij v_j = φ(q_i)ᵀ (Σ_j φ(k_j) v_jᵀ)``, the sums over keys can
    be formed once (non-causal) or as prefix sums (causal): linear in the
    lengths instead of quadratic.

    Constraints
    -----------
    - ``q``: shape ``(..., len_q, dim)``; ``k``: ``(..., len_k, dim)``;
      ``v``: ``(..., len_k, dim_v)``; the same leading shape ``...`` (at most 2
      axes); ``1 <= len_q, len_k <= 10^4``; ``1 <= dim, dim_v <= 64``.
    - All three are NumPy arrays of one dtype, ``float32`` or ``float64``;
      ``|q|, |k| <= 4`` and ``|v| <= 100`` entrywise.
    - ``feature_map`` is ``'elu+1'`` or ``'relu'``.  The inputs must not be modified.

    Accuracy: each output within ``300·eps·max(1, max|v|)`` of the exact value,
    eps the machine epsilon of ``float32`` if the inputs are ``float32``, else
    of ``float64``.

    Errors (contract)
    -----------------
    Shapes as for softmax attention (fewer than 2 dimensions, leading shapes
    or ``dim`` that differ, ``k`` and ``v`` of different lengths, ``dim = 0``)
    and an unknown ``feature_map`` → ``ValueError``; a non-bool ``causal``, a
    non-string ``feature_map``, a text or ``bool`` input → ``TypeError``.  Also
    checked as contract: the result is ``float32`` when q, k and v all are,
    else ``float64``; empty inputs give empty or all-zero results; NaN
    propagates to its own row only.

    Examples
    --------
    >>> q = np.array([[1.0], [-1.0]])
    >>> k = np.array([[1.0], [2.0]])
    >>> v = np.array([[10.0], [40.0]])
    >>> linear_attention(q, k, v, feature_map="relu")  # weights 1:2 for q_0; q_1 sees nothing
    array([[30.],
           [ 0.]])
    >>> linear_attention(q, k, v, causal=True)  # φ(k) = (2, 3); row 0 sees v_0 only
    array([[10.],
           [28.]])

    Complexity
    ----------
    ``O((len_q + len_k)·dim·dim_v)`` time per batch entry, causal or not.

    Hint: for the causal case, a cumulative sum over keys of the ``dim × dim_v``
    outer products ``φ(k_j) v_jᵀ``.
    """
    raise NotImplementedError
