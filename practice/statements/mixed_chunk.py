"""Mixed-chunk attention (GAU / FLASH): quadratic inside chunks, linear across them, causal."""

from __future__ import annotations

import numpy as np


def mixed_chunk_attention(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, chunk: int = 64
) -> np.ndarray:
    """Return causal mixed-chunk attention over a sequence of ``n`` positions.

    The positions are cut into chunks of ``chunk`` consecutive positions (the
    last chunk may be shorter).  For query i in chunk c::

        out_i = Σ_{j in c, j <= i}        relu(q_i·k_j / chunk)² · v_j
              + Σ_{j in chunks before c}  (q_i·k_j / n) · v_j

    — quadratic attention with a squared-ReLU weight inside a chunk, plain
    linear attention (no normaliser) across chunks.  ``out_i`` depends only on
    positions ``<= i``.  Leading axes ``...`` are independent.

    Constraints
    -----------
    - ``q``, ``k``: shape ``(..., n, dim)``; ``v``: ``(..., n, dim_v)``; the
      same leading shape ``...`` (at most 2 axes); ``1 <= n <= 4096``;
      ``1 <= dim, dim_v <= 64``.
    - NumPy arrays of one dtype, ``float32`` or ``float64``, entries ``|x| <= 10^4``.
    - ``chunk`` is an int ``>= 1``; a chunk ``>= n`` means one chunk.
    - The inputs must not be modified.

    Accuracy: each output within ``64·eps·M`` of the exact sum, where ``M`` is
    the same sum taken over ``|q_i|·|k_j|`` and ``|v_j|`` (the size of its
    terms) and eps the machine epsilon of ``float32`` if the inputs are
    ``float32``, else of ``float64``.  Causality is checked bit for bit:
    changing positions after t must not change a single bit of
    ``out_0 … out_t``.

    Errors (contract)
    -----------------
    ``q`` and ``k`` of different lengths, shapes as for softmax attention,
    ``chunk < 1`` → ``ValueError``; a non-int ``chunk`` → ``TypeError``.  Also
    checked as contract: the result is ``float32`` when q, k and v all are,
    else ``float64``; ``n = 0`` gives an empty result.

    Examples
    --------
    ``q = k = 1`` and ``chunk = 2``: weight ``(1/2)² = 1/4`` inside a chunk and
    ``1/3`` across chunks.

    >>> q = k = np.ones((3, 1))
    >>> v = np.array([[3.0], [30.0], [300.0]])
    >>> mixed_chunk_attention(q, k, v, chunk=2)
    array([[ 0.75],
           [ 8.25],
           [86.  ]])

    Complexity
    ----------
    ``O(n·C·(dim + dim_v) + n·dim·dim_v)`` time for ``C = min(chunk, n)``:
    linear in n for a fixed chunk.

    Hint: the cross-chunk part needs only an exclusive prefix sum of the
    per-chunk ``Kᵀ V`` (a ``dim × dim_v`` matrix per chunk).
    """
    raise NotImplementedError
