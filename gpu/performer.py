"""Performer (FAVOR+): softmax attention estimated with positive random features.

The problem.  Softmax attention weighs value ``v_j`` for query ``q_i`` by
``exp(q_i·k_j/√d)``, which does not factorise into a function of ``q_i`` times
a function of ``k_j`` — so every query must meet every key, Θ(n²).  Linear
attention (:mod:`gpu.linear_attention`) gets Θ(n) by *changing* the kernel;
the Performer (Choromanski et al., 2021) keeps the softmax kernel and
*estimates* it with a random feature map φ, ``exp(q·k/√d) ≈ φ(q)·φ(k)``.

The identity behind it.  For ``w ~ N(0, I_d)`` and any vectors ``x, y``,
``E[exp(w·x) exp(w·y)] = E[exp(w·(x + y))] = exp(‖x + y‖²/2)``, so ::

    E[ exp(w·x − ‖x‖²/2) · exp(w·y − ‖y‖²/2) ] = exp(x·y).

With m samples ``w_1 … w_m`` (the rows of the *projection* W, ``m × d``) and
``φ(x) = exp(W x − ‖x‖²/2) / √m``, the dot product ``φ(x)·φ(y)`` is the average
of m unbiased terms: an unbiased estimate of ``exp(x·y)``.  Applying it to
``x = q·d^(−1/4)``, ``y = k·d^(−1/4)`` estimates ``exp(q·k/√d)``, the softmax
kernel at the default scale.  Every feature is *positive* ("+"), unlike the
sin/cos random Fourier features, so the estimated weights are never negative
and the normaliser never cancels towards 0 — the estimator's variance is small
exactly where the softmax weights are small.

Orthogonal features ("OR").  The estimate's variance drops when the ``w_r``
are orthogonal rather than independent: draw a ``d × d`` Gaussian matrix, take
its QR factorisation (with the signs fixed so that the orthogonal factor is
Haar-distributed, i.e. a uniformly random rotation), and use its d orthonormal
rows — as many blocks as needed for m rows.  Each row is then rescaled to the
norm of an independent ``N(0, I_d)`` vector (chi-distributed with d degrees of
freedom), so that every single row is still exactly ``N(0, I_d)`` and every
term stays unbiased; only the correlations between rows change.

Attention from features.  With ``Φ_Q = φ(Q)``, ``Φ_K = φ(K)`` (``n × m``) ::

    out = Φ_Q (Φ_Kᵀ V) / (Φ_Q (Φ_Kᵀ 1))

is linear attention with these features: Θ(n·m·(d + d_v)) time.

Stabilisation.  The exponents ``W x − ‖x‖²/2`` are bounded above by
``‖w_r‖²/2`` (complete the square) but can be very negative for large ‖x‖, so
features underflow to 0 and the ratio becomes 0/0.  :func:`performer_attention`
therefore subtracts a maximum from the exponents before ``exp``: for each
*query row* its own maximum over the features — a factor ``c_i`` common to
the numerator and the denominator of row i, which cancels — and for the
*keys* one maximum over all keys and features of a batch·head entry.  The key
stabiliser must be shared: a per-key factor ``c_j`` would reweight the keys
(``Σ_j c_j w_ij v_j / Σ_j c_j w_ij``) and bias the result; a shared one
cancels like the query's.  So the output equals, up to rounding, the
unstabilised FAVOR+ ratio with the same projection.  (The ratio itself is a
ratio of unbiased estimates, consistent but not unbiased, as in the paper.)
:func:`performer_features` returns the exact, unstabilised features — the
unbiased estimator itself.
"""

from __future__ import annotations

import math
from numbers import Integral
from typing import Any

import numpy as np

from gpu._validate import as_float_array, describe, float_result_dtype, require_int
from gpu.attention import _check_qkv
from gpu.backend import array_module

__all__ = ["performer_attention", "performer_features"]


def _log_features(x: Any, W: Any, xp: Any) -> Any:
    """The exponents ``W x' − ‖x'‖²/2`` with ``x' = x·d^(−1/4)``, in float64: ``(..., m)``."""
    x = x.astype(xp.float64) * x.shape[-1] ** -0.25
    return x @ W.T - 0.5 * (x * x).sum(axis=-1, keepdims=True)


def performer_features(x: Any, projection: Any) -> Any:
    """FAVOR+ positive random features ``φ(x) = exp(W x' − ‖x'‖²/2) / √m``, ``x' = x·d^(−1/4)``.

    ``φ(q)·φ(k)`` is an unbiased estimate of ``exp(q·k/√d)`` when the rows of
    ``W`` are ``N(0, I_d)`` samples (independent, or orthogonal with
    chi-distributed norms); see the module docstring.

    Parameters
    ----------
    x : array_like (NumPy or CuPy), shape ``(..., d)``
        The vectors (queries or keys), one per row; ``d >= 1``.
    projection : array_like, shape ``(m, d)``
        The random directions ``W`` (one per feature), ``m >= 1``.

    Returns
    -------
    ndarray, shape ``(..., m)``
        The features, all ``>= 0``; ``float32`` if both inputs are ``float32``,
        else ``float64``; same array module as the inputs.

    Raises
    ------
    TypeError
        ``x`` or ``projection`` is not a float or integer array.
    ValueError
        ``x`` is 0-d or has ``d = 0``; ``projection`` is not 2-D, has no rows,
        or its number of columns is not ``d``.

    Notes
    -----
    Θ(n·m·d) time for n vectors, Θ(n·m) memory; computed in float64 and
    rounded once.  No stabiliser is applied (that is
    :func:`performer_attention`'s job): for ``‖x'‖²/2`` beyond ~745 the
    features underflow to 0.  The inputs are never modified.

    Examples
    --------
    >>> import numpy as np
    >>> W = np.array([[1.0, 0.0], [0.0, 2.0]])
    >>> x = np.array([0.0, 2.0**0.25])           # d = 2, so x' = x · 2^(−1/4) = (0, 1)
    >>> phi = performer_features(x, W)           # exp((0, 2) − 1/2) / √2
    >>> np.allclose(phi, np.exp([-0.5, 1.5]) / np.sqrt(2))
    True
    """
    xp = array_module(x, projection)
    x = as_float_array(x, "x", xp)
    W = as_float_array(projection, "projection", xp)
    if x.ndim < 1 or x.shape[-1] < 1:
        raise ValueError(
            f"x must have at least 1 dimension (..., d) with d >= 1, "
            f"got an array of shape {tuple(x.shape)}"
        )
    if W.ndim != 2 or W.shape[0] < 1:
        raise ValueError(
            f"projection must be a 2-D array (m, d) with m >= 1, "
            f"got an array of shape {tuple(W.shape)}"
        )
    if W.shape[1] != x.shape[-1]:
        raise ValueError(
            f"projection must have d = x.shape[-1] = {x.shape[-1]} columns, "
            f"got projection.shape = {tuple(W.shape)}"
        )
    dtype = float_result_dtype(x, W)
    phi = xp.exp(_log_features(x, W.astype(xp.float64), xp)) / math.sqrt(W.shape[0])
    return phi.astype(dtype)


def _orthogonal_projection(n_features: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    """``(n_features, dim)`` rows: blocks of ``dim`` orthogonal directions, chi-distributed norms.

    Every row is marginally ``N(0, I_dim)`` (a uniformly random direction times
    an independent chi(dim) length); rows within a block are orthogonal.
    """
    blocks = []
    for _ in range(-(-n_features // dim)):
        Q, R = np.linalg.qr(rng.standard_normal((dim, dim)))
        # QR is unique only up to the signs of R's diagonal; fixing them makes Q
        # Haar-distributed (a uniform random rotation), so each row is uniform on
        # the sphere.  Without it NumPy's Householder convention skews the directions.
        Q *= np.where(np.diag(R) < 0, -1.0, 1.0)
        blocks.append(Q.T)  # Q's columns are orthonormal, so Qᵀ's rows are
    directions = np.concatenate(blocks)[:n_features]
    norms = np.linalg.norm(rng.standard_normal((n_features, dim)), axis=1)
    return directions * norms[:, None]


def _check_seed(seed: Any) -> np.random.Generator:
    """A Generator from ``seed``: a non-negative integer, or a Generator used as it is."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, Integral):
        raise TypeError(
            f"seed must be a non-negative integer or a numpy Generator, got {describe(seed)}"
        )
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    return np.random.default_rng(int(seed))


def performer_attention(q: Any, k: Any, v: Any, n_features: int = 256, seed: Any = 0) -> Any:
    """Softmax attention estimated with FAVOR+ positive orthogonal random features (non-causal).

    ``out ≈ attention(q, k, v)`` (the default scale ``1/√dim``); the error
    shrinks like ``1/√n_features``.  One projection, drawn from
    ``np.random.default_rng(seed)``, serves every batch·head entry.

    Parameters
    ----------
    q : array_like (NumPy or CuPy), shape ``(..., len_q, dim)``
        Queries.
    k : array_like, shape ``(..., len_k, dim)``
        Keys; same leading dimensions ``...`` as ``q`` (not broadcast).
    v : array_like, shape ``(..., len_k, dim_v)``
        Values; ``dim_v`` may differ from ``dim``.
    n_features : int, default 256
        m, the number of random features; ``>= 1``.
    seed : int or numpy.random.Generator, default 0
        Seeds the projection; the same seed gives the same output.

    Returns
    -------
    ndarray, shape ``(..., len_q, dim_v)``
        ``float32`` if ``q``, ``k``, ``v`` are all ``float32``, else ``float64``;
        same array module as the inputs.  Every row is a convex combination of
        the value rows (the weights are positive).  A row whose weights all
        underflow (only for extreme inputs), or with ``len_k = 0``, is 0.

    Raises
    ------
    TypeError
        An input is not a float or integer array; ``n_features`` is not an
        integer; ``seed`` is neither an integer nor a Generator.
    ValueError
        Shapes as for :func:`gpu.attention.attention`; ``n_features < 1``;
        ``seed < 0``.

    Notes
    -----
    Θ((len_q + len_k)·m·(dim + dim_v)) time and Θ((len_q + len_k)·m) memory
    per batch·head entry (the feature matrices), plus Θ(⌈m/dim⌉·dim³) for
    the projection's QR factorisations.  Computed in float64 with the
    stabilisers of the module docstring, rounded once.  The inputs are never
    modified.

    Examples
    --------
    >>> import numpy as np
    >>> from gpu.attention import attention
    >>> rng = np.random.default_rng(1)
    >>> q, k, v = rng.normal(size=(3, 20, 4)) * 0.5
    >>> err = np.abs(performer_attention(q, k, v, n_features=4096) - attention(q, k, v))
    >>> bool(err.max() < 0.05)
    True
    """
    q, k, v, xp, dtype = _check_qkv(q, k, v)
    n_features = require_int(n_features, "n_features", minimum=1)
    rng = _check_seed(seed)
    *batch, len_q, dim = q.shape
    len_k, dim_v = k.shape[-2], v.shape[-1]
    if len_k == 0 or len_q == 0 or math.prod(batch) == 0:
        return xp.zeros((*batch, len_q, dim_v), dtype=dtype)
    W = xp.asarray(_orthogonal_projection(n_features, dim, rng))
    log_q = _log_features(q, W, xp)  # (..., len_q, m)
    log_k = _log_features(k, W, xp)  # (..., len_k, m)
    # Stabilisers (see the module docstring): per query row, and one per entry for the keys.
    log_q -= log_q.max(axis=-1, keepdims=True)
    log_k -= log_k.max(axis=(-2, -1), keepdims=True)
    phi_q, phi_k = xp.exp(log_q), xp.exp(log_k)  # the 1/√m factors would cancel: left out
    num = phi_q @ (xp.swapaxes(phi_k, -1, -2) @ v.astype(xp.float64))  # Φ_Q (Φ_Kᵀ V)
    den = phi_q @ phi_k.sum(axis=-2)[..., None]  # Φ_Q (Φ_Kᵀ 1): (..., len_q, 1)
    nonzero = den != 0
    out = xp.where(nonzero, num / xp.where(nonzero, den, 1.0), 0.0)
    return out.astype(dtype)
