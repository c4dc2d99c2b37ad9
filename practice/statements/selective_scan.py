"""Mamba's selective scan: a diagonal state-space model whose step size changes per token."""

from __future__ import annotations

import numpy as np


def selective_scan(
    u: np.ndarray,
    delta: np.ndarray,
    A: np.ndarray,
    B: np.ndarray,
    C: np.ndarray,
    D: np.ndarray | None = None,
    z: np.ndarray | None = None,
    delta_bias: np.ndarray | None = None,
    delta_softplus: bool = False,
) -> np.ndarray:
    """Run Mamba's selective scan over ``u`` and return its output, shape ``(batch, d, L)``.

    ``u`` holds ``d`` channels of length ``L`` for each of ``batch`` sequences.
    Every channel ``c`` drives its own ``n`` states.  The step size of token t
    is ``Δ_t = delta[b, c, t]``, plus ``delta_bias[c]`` when given, then passed
    through ``softplus(x) = log(1 + e^x)`` when ``delta_softplus`` is true.
    For every batch b, channel c and state k, starting from ``x_{-1} = 0``::

        x_t[k] = exp(Δ_t · A[c, k]) · x_{t-1}[k]  +  Δ_t · B_t[k] · u[b, c, t]
        y_t    = Σ_k C_t[k] · x_t[k]
        out[b, c, t] = (y_t + D[c] · u[b, c, t]) · silu(z[b, c, t])

    with ``silu(s) = s / (1 + e^(-s))``; without ``D`` the ``D`` term is
    dropped, without ``z`` the ``silu`` factor.  ``B`` and ``C`` each come in
    one of three layouts:

    - ``(d, n)``: fixed per channel, ``B_t[k] = B[c, k]``;
    - ``(batch, n, L)``: per token, shared by all channels, ``B_t[k] = B[b, k, t]``;
    - ``(batch, G, n, L)``: per token, one per group of ``d // G`` consecutive
      channels, ``B_t[k] = B[b, c // (d // G), k, t]`` (G divides d).

    Constraints
    -----------
    - ``u``, ``delta``, ``z``: shape ``(batch, d, L)``; ``A``: ``(d, n)``;
      ``D``, ``delta_bias``: ``(d,)``; ``B``, ``C`` as above;
      ``1 <= batch, d, n <= 16``, ``1 <= L <= 256``.
    - All arrays are NumPy arrays of one dtype, ``float32`` or ``float64``.
    - ``|u| <= 4``; ``|B|, |C|, |D|, |z| <= 2``; ``-1 <= delta <= 2``;
      ``-1 <= delta_bias <= 1``; ``-3 <= A <= 1`` (A may be positive and Δ
      negative: the state may grow).
    - The inputs must not be modified.

    Accuracy: let ``M`` be the same scan run on absolute values (``|u|``,
    ``|Δ|``, ``|B|``, ``|C|``, ``|D|``, ``|silu(z)|``) — the size of the
    terms.  Each output may be off by at most
    ``eps·(16·(L + n + 4) + 4·L·S)·M`` with ``S = 1 + max|A|·max(|delta| + |delta_bias|)``,
    eps the machine epsilon of ``float32`` if any input is ``float32``, else
    of ``float64``: computing in the inputs' precision is fine.

    Errors (contract)
    -----------------
    A shape that does not fit the others → ``ValueError``; a ``bool``,
    ``float16``, complex or text array, or a non-bool ``delta_softplus`` →
    ``TypeError``.  Also checked as contract: ``softplus(x)`` is ``x`` itself
    for ``x > 20`` (PyTorch's convention); the result is ``float32`` only
    when every array is; ``batch``, ``d`` or ``L`` of 0 gives an empty
    result, and ``n = 0`` leaves only the ``D·u`` term.

    Examples
    --------
    One channel, one state, ``A = log(1/2)`` and ``Δ = 1``: the state halves
    every step before ``B·u = u`` is added.

    >>> u = np.array([[[4.0, 0.0, 0.0, 2.0]]])
    >>> delta = np.ones_like(u)
    >>> A = np.array([[np.log(0.5)]])
    >>> B = C = np.array([[1.0]])
    >>> selective_scan(u, delta, A, B, C)
    array([[[4. , 2. , 1. , 2.5]]])

    The skip connection adds ``D·u``; a gate of ``z = 0`` zeroes everything:

    >>> selective_scan(u, delta, A, B, C, D=np.array([1.0]))
    array([[[8. , 2. , 1. , 4.5]]])
    >>> selective_scan(u, delta, A, B, C, z=np.zeros_like(u))
    array([[[0., 0., 0., 0.]]])

    Complexity
    ----------
    ``O(batch·d·L·n)`` time, ``O(batch·d·n)`` memory besides the output.

    Hint: loop over t only; update the whole ``(batch, d, n)`` state at once.
    """
    raise NotImplementedError
