"""Linear attention: softmax's kernel replaced by a feature map, so the sums can be reordered.

The problem.  Softmax attention (:mod:`gpu.attention`) weighs value ``v_j``
for query ``q_i`` by ``exp(q_i·k_j)`` — a function of the *pair*, so every
query meets every key: Θ(n²) time for n positions.

The idea (Katharopoulos et al., "Transformers are RNNs", 2020).  Use a
similarity that *factorises*, ``sim(q, k) = φ(q)·φ(k)`` for a feature map φ
with non-negative values.  Then the weighted average ::

    o_i = Σ_j (φ(q_i)·φ(k_j)) v_j  /  Σ_j φ(q_i)·φ(k_j)

can be regrouped by associativity — ``(φQ φKᵀ) V = φQ (φKᵀ V)`` — into ::

    S = Σ_j φ(k_j) v_jᵀ        (dim × dim_v, the same for every query)
    z = Σ_j φ(k_j)             (dim, the normaliser's state)
    o_i = φ(q_i)ᵀ S / φ(q_i)ᵀ z

which costs O(n·dim·dim_v) instead of O(n²·dim).  *Causal* attention (query i
sees only keys ``j ≤ i``) needs the sums up to i only: ``S_i = S_{i−1} +
φ(k_i) v_iᵀ``, ``z_i = z_{i−1} + φ(k_i)`` — inclusive prefix sums, or, read as
a loop, a recurrent network whose state is ``(S, z)``: O(dim·dim_v) state,
O(n·dim·dim_v) time.

Feature maps: ``'elu+1'`` — ``φ(x) = elu(x) + 1``, i.e. ``x + 1`` for x > 0 and
``exp(x)`` otherwise (strictly positive: the normaliser is positive whenever a
key is visible), as in the paper — and ``'relu'`` — ``φ(x) = max(x, 0)``.  With
relu, a query and the visible keys may share no positive coordinate, and then
``φ(q_i)ᵀ z = 0``; the numerator is 0 as well (each of its terms carries the
same zero factor), and the row is *defined* to be 0 — as is a row that sees no
key at all (causal with ``len_q > len_k``), matching :func:`gpu.attention.attention`.
Because every term of ``φ(q_i)ᵀ z`` is ≥ 0 there is no cancellation: the
normaliser is exactly 0 only when every term is, on every backend.

Lengths.  ``q`` may be shorter (or longer) than ``k``/``v``; the causal mask
is aligned to the end as in :func:`gpu.attention.attention`: query i sees keys
``j ≤ i + len_k − len_q`` (a decoder extending a cached prefix).

Backends (see :mod:`gpu.backend`), all with the same result up to rounding:

* ``'numpy'`` — the reference, in float64.  Non-causal: two matrix products.
  Causal: the outer products ``φ(k_j) v_jᵀ`` of all positions, prefix-summed
  along the sequence with :func:`gpu.scan.inclusive_scan` — the *parallel*
  formulation, readable but Θ(len_k·dim·dim_v) memory per batch·head entry;
* ``'cpu'`` — Numba: the *recurrent* formulation, one sequential walk along the
  keys per batch·head entry, keeping only ``S`` and ``z`` (Θ(dim·dim_v) float64
  state) and emitting each query's row when its last visible key has been
  added; entries in parallel (``prange``) when the input is large enough.
  Features are computed on the fly, so beyond the output (and a dtype
  conversion of the inputs, where one is needed) nothing of size n is allocated;
* ``'cuda'`` — Numba CUDA in the input dtype.  Causal: one thread per element
  of the outer products, laid out ``(batch·head·dim·(dim_v+1), len_k)`` (the
  extra column is ``φ(k_j)·1``, the normaliser's state, carried along), then
  the Blelloch scan of :mod:`gpu.scan` along every row — Θ(len_k·dim·dim_v)
  device memory, O(log n) depth — then one thread per output element reads
  its prefix.  Non-causal: one thread per state element sums over the keys
  (Θ(dim·dim_v) memory), then the same read-out.

Complexity: Θ((len_q + len_k)·dim·dim_v) time on every backend; memory as above.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import cuda, njit, prange

from gpu._validate import describe
from gpu.attention import _check_qkv, _require_bool
from gpu.backend import (
    from_backend,
    pick_backend,
    readonly_view,
    threads_per_block,
    to_backend,
    use_prange,
)
from gpu.scan import ADD, inclusive_scan, scan_pairs_cuda

__all__ = ["linear_attention"]

# Feature maps by name; the index is how the compiled kernels receive the choice.
FEATURE_MAPS: tuple[str, ...] = ("elu+1", "relu")


def _check_feature_map(feature_map: Any) -> int:
    """The index of ``feature_map`` in :data:`FEATURE_MAPS`, else ``TypeError``/``ValueError``."""
    if not isinstance(feature_map, str):
        raise TypeError(f"feature_map must be a string, got {describe(feature_map)}")
    if feature_map not in FEATURE_MAPS:
        raise ValueError(f"feature_map must be one of {list(FEATURE_MAPS)}, got {feature_map!r}")
    return FEATURE_MAPS.index(feature_map)


# ---------------------------------------------------------------------------
# 'numpy': the reference, which is the specification
# ---------------------------------------------------------------------------


def _phi_numpy(x: np.ndarray, feature: int) -> np.ndarray:
    """φ applied elementwise, in float64.  NaN stays NaN under both maps."""
    x = x.astype(np.float64)
    if feature == 0:  # elu(x) + 1 = exp(x) for x <= 0; min() keeps exp away from overflow
        return np.where(x > 0, x + 1.0, np.exp(np.minimum(x, 0.0)))
    return np.where(x <= 0, 0.0, x)  # relu, written so that NaN <= 0 is False → NaN


def _linear_numpy(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool, feature: int
) -> np.ndarray:
    """``(BH, len, d)`` arrays → ``(BH, len_q, dim_v)`` float64 output."""
    phi_q, phi_k = _phi_numpy(q, feature), _phi_numpy(k, feature)
    v = v.astype(np.float64)
    len_q, len_k = q.shape[1], k.shape[1]
    if not causal:
        S = np.swapaxes(phi_k, 1, 2) @ v  # Σ_j φ(k_j) v_jᵀ: (BH, dim, dim_v)
        z = phi_k.sum(axis=1)  # Σ_j φ(k_j): (BH, dim)
        num = phi_q @ S  # φ(q_i)ᵀ S for every i: (BH, len_q, dim_v)
        den = np.einsum("bic,bc->bi", phi_q, z)  # φ(q_i)ᵀ z
    else:
        # S_t = Σ_{j ≤ t} φ(k_j) v_jᵀ and z_t = Σ_{j ≤ t} φ(k_j): prefix sums along
        # the keys of every entry of the outer products — (BH, len_k, dim, dim_v).
        S = inclusive_scan(phi_k[:, :, :, None] * v[:, :, None, :], axis=1, backend="numpy")
        z = inclusive_scan(phi_k, axis=1, backend="numpy")
        # Query i reads the prefix ending at its last visible key t = i + len_k − len_q;
        # t < 0 means no key is visible (only when len_q > len_k).
        t = np.arange(len_q) + (len_k - len_q)
        seen = t >= 0
        t = np.maximum(t, 0)
        num = np.einsum("bic,bicd->bid", phi_q, S[:, t]) * seen[None, :, None]
        den = np.einsum("bic,bic->bi", phi_q, z[:, t]) * seen[None, :]
    # A zero normaliser (no visible key, or relu features that share no positive
    # coordinate) comes with a zero numerator: the row is defined as 0, not 0/0.
    nonzero = den != 0
    return np.where(nonzero[..., None], num / np.where(nonzero, den, 1.0)[..., None], 0.0)


# ---------------------------------------------------------------------------
# 'cpu': Numba, the recurrent form with O(dim·dim_v) state
# ---------------------------------------------------------------------------


@njit(cache=True)
def _phi_cpu(x, feature):  # pragma: no cover - compiled
    # float64 whatever the input dtype; comparisons written so NaN propagates.
    x = np.float64(x)
    if feature == 0:
        return math.exp(x) if x <= 0 else x + 1.0
    return 0.0 if x <= 0 else x


@njit(cache=True)
def _add_key(k_j, v_j, feature, S, z, phi):  # pragma: no cover - compiled
    # S += φ(k_j) v_jᵀ, z += φ(k_j): one step of the recurrence.
    for c in range(k_j.shape[0]):
        phi[c] = _phi_cpu(k_j[c], feature)
        z[c] += phi[c]
        for e in range(v_j.shape[0]):
            S[c, e] += phi[c] * v_j[e]


@njit(cache=True)
def _read_query(q_i, feature, S, z, phi, num, out_i):  # pragma: no cover - compiled
    # out_i = φ(q_i)ᵀ S / φ(q_i)ᵀ z, or 0 when the normaliser is 0.
    den = 0.0
    num[:] = 0.0
    for c in range(q_i.shape[0]):
        phi[c] = _phi_cpu(q_i[c], feature)
        den += phi[c] * z[c]
        for e in range(num.shape[0]):
            num[e] += phi[c] * S[c, e]
    for e in range(num.shape[0]):
        out_i[e] = num[e] / den if den != 0 else 0.0


@njit(cache=True)
def _linear_entry_cpu(q, k, v, causal, feature, out):  # pragma: no cover - compiled
    """One batch·head entry: ``q (len_q, dim)``, ``k (len_k, dim)``, ``v (len_k, dim_v)``."""
    len_q, dim = q.shape
    len_k, dim_v = v.shape
    S = np.zeros((dim, dim_v))  # the state: Σ φ(k_j) v_jᵀ over the keys added so far
    z = np.zeros(dim)  # and Σ φ(k_j)
    phi = np.empty(dim)
    num = np.empty(dim_v)
    if not causal:
        for j in range(len_k):
            _add_key(k[j], v[j], feature, S, z, phi)
        for i in range(len_q):
            _read_query(q[i], feature, S, z, phi, num, out[i])
        return
    offset = len_k - len_q  # query i sees keys j <= i + offset
    for i in range(min(len_q, -offset)):  # only when len_q > len_k: rows that see no key
        out[i, :] = 0.0
    for j in range(len_k):
        _add_key(k[j], v[j], feature, S, z, phi)
        i = j - offset  # the query whose last visible key is j (i < len_q always)
        if i >= 0:
            _read_query(q[i], feature, S, z, phi, num, out[i])


@njit(parallel=True, cache=True)
def _linear_cpu_parallel(q, k, v, causal, feature, out):  # pragma: no cover - compiled
    for b in prange(q.shape[0]):  # batch·head entries are independent
        _linear_entry_cpu(q[b], k[b], v[b], causal, feature, out[b])


@njit(cache=True)
def _linear_cpu_serial(q, k, v, causal, feature, out):  # pragma: no cover - compiled
    for b in range(q.shape[0]):
        _linear_entry_cpu(q[b], k[b], v[b], causal, feature, out[b])


def _linear_cpu(
    q: np.ndarray, k: np.ndarray, v: np.ndarray, causal: bool, feature: int
) -> np.ndarray:
    n_bh, len_q, dim = q.shape
    len_k, dim_v = v.shape[1], v.shape[2]
    out = np.empty((n_bh, len_q, dim_v), dtype=q.dtype)
    work = n_bh * (len_q + len_k) * dim * dim_v
    kernel = _linear_cpu_parallel if use_prange(n_bh, work) else _linear_cpu_serial
    kernel(readonly_view(q), readonly_view(k), readonly_view(v), causal, feature, out)
    return out


# ---------------------------------------------------------------------------
# 'cuda': outer products + the Blelloch scan of gpu.scan, then a read-out
# ---------------------------------------------------------------------------


@cuda.jit(device=True)
def _phi_cuda(x, feature, zero, one):  # pragma: no cover - compiled
    # `zero` and `one` are typed constants: float32 input stays in float32.
    if feature == 0:
        return math.exp(x) if x <= zero else x + one
    return zero if x <= zero else x  # NaN <= 0 is False: NaN stays NaN


@cuda.jit
def _outer_kernel(k, v, feature, zero, one, P):  # pragma: no cover - compiled
    # P[row, j] = φ(k[b, j, c]) · ṽ[b, j, e], row = (b·dim + c)·(dim_v + 1) + e, where
    # ṽ_j = (v_j, 1): the last column carries φ(k_j) itself, the normaliser's term.
    # j varies fastest across threads, so the writes are coalesced.
    idx = cuda.grid(1)
    n_rows, len_k = P.shape
    if idx >= n_rows * len_k:
        return
    row, j = idx // len_k, idx % len_k
    dim, dim_v = k.shape[2], v.shape[2]
    e = row % (dim_v + 1)
    c = (row // (dim_v + 1)) % dim
    b = row // ((dim_v + 1) * dim)
    phi = _phi_cuda(k[b, j, c], feature, zero, one)
    P[row, j] = phi * v[b, j, e] if e < dim_v else phi


@cuda.jit
def _state_kernel(k, v, feature, zero, one, S):  # pragma: no cover - compiled
    # Non-causal: S[row, 0] = Σ_j φ(k[b, j, c]) · ṽ[b, j, e], one thread per row.
    row = cuda.grid(1)
    if row >= S.shape[0]:
        return
    dim, dim_v = k.shape[2], v.shape[2]
    e = row % (dim_v + 1)
    c = (row // (dim_v + 1)) % dim
    b = row // ((dim_v + 1) * dim)
    acc = zero
    for j in range(k.shape[1]):
        phi = _phi_cuda(k[b, j, c], feature, zero, one)
        acc += phi * v[b, j, e] if e < dim_v else phi
    S[row, 0] = acc


@cuda.jit
def _readout_kernel(q, S, feature, zero, one, causal, offset, out):  # pragma: no cover - compiled
    # One thread per output element out[b, i, e]; i varies fastest across threads so
    # that neighbouring threads read neighbouring prefixes S[row, i + offset].
    idx = cuda.grid(1)
    n_bh, len_q, dim = q.shape
    dim_v = out.shape[2]
    if idx >= n_bh * dim_v * len_q:
        return
    i = idx % len_q
    e = (idx // len_q) % dim_v
    b = idx // (len_q * dim_v)
    t = i + offset if causal else 0  # the column of S that query i reads
    if t < 0:  # causal with len_q > len_k: this query sees no key
        out[b, i, e] = zero
        return
    num = zero
    den = zero
    for c in range(dim):
        phi = _phi_cuda(q[b, i, c], feature, zero, one)
        row = (b * dim + c) * (dim_v + 1)
        num += phi * S[row + e, t]
        den += phi * S[row + dim_v, t]
    out[b, i, e] = num / den if den != 0 else zero


def _launch(kernel: Any, n_threads: int, *args: Any) -> None:
    """Launch a one-thread-per-item kernel over ``n_threads`` items (1-D grid)."""
    threads = threads_per_block(n_threads)
    kernel[-(-n_threads // threads), threads](*args)


def _linear_cuda(q: Any, k: Any, v: Any, causal: bool, feature: int) -> Any:
    n_bh, len_q, dim = q.shape
    len_k, dim_v = v.shape[1], v.shape[2]
    n_rows = n_bh * dim * (dim_v + 1)
    zero, one = q.dtype.type(0), q.dtype.type(1)
    if causal:
        P = cuda.device_array((n_rows, len_k), dtype=q.dtype)
        _launch(_outer_kernel, n_rows * len_k, k, v, feature, zero, one, P)
        init = cuda.to_device(np.zeros((n_rows, 1), dtype=q.dtype))
        S = scan_pairs_cuda(ADD, P, P, init, True)  # the sum ignores p: P is its own passenger
        del P
    else:
        S = cuda.device_array((n_rows, 1), dtype=q.dtype)
        _launch(_state_kernel, n_rows, k, v, feature, zero, one, S)
    out = cuda.device_array((n_bh, len_q, dim_v), dtype=q.dtype)
    offset = len_k - len_q
    _launch(_readout_kernel, n_bh * dim_v * len_q, q, S, feature, zero, one, causal, offset, out)
    return out


# ---------------------------------------------------------------------------
# The public function
# ---------------------------------------------------------------------------

_FORWARD = {"numpy": _linear_numpy, "cpu": _linear_cpu, "cuda": _linear_cuda}


def linear_attention(
    q: Any,
    k: Any,
    v: Any,
    causal: bool = False,
    feature_map: str = "elu+1",
    backend: str = "auto",
) -> Any:
    """Linear attention ``φ(Q)(φ(K)ᵀV)``, normalised row by row by ``φ(Q)·Σφ(K)``.

    Row i of the output is ``φ(q_i)ᵀ S / φ(q_i)ᵀ z`` with ``S = Σ_j φ(k_j) v_jᵀ``
    and ``z = Σ_j φ(k_j)`` over the keys that query i sees: all of them, or
    with ``causal=True`` the keys ``j <= i + len_k - len_q``.

    Parameters
    ----------
    q : array_like (NumPy or CuPy), shape ``(..., len_q, dim)``
        Queries.
    k : array_like, shape ``(..., len_k, dim)``
        Keys; same leading dimensions ``...`` as ``q`` (not broadcast).
    v : array_like, shape ``(..., len_k, dim_v)``
        Values; ``dim_v`` may differ from ``dim``.
    causal : bool, default False
        Query i sees only keys ``j <= i + len_k - len_q`` (the mask aligned to
        the end, as in :func:`gpu.attention.attention`); computed with prefix
        sums of ``φ(k_j) v_jᵀ`` and ``φ(k_j)``.
    feature_map : {'elu+1', 'relu'}, default 'elu+1'
        φ, applied elementwise: ``elu(x) + 1`` (``x + 1`` for x > 0, ``exp(x)``
        otherwise) or ``max(x, 0)``.
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend` and this module's docstring.

    Returns
    -------
    ndarray, shape ``(..., len_q, dim_v)``
        ``float32`` if ``q``, ``k``, ``v`` are all ``float32``, else ``float64``;
        same array module as the inputs.  A row whose normaliser ``φ(q_i)ᵀ z``
        is 0 — it sees no key, or (relu) it shares no positive coordinate with
        any key it sees — is all zeros.

    Raises
    ------
    TypeError
        An input is not a float or integer array; ``causal`` is not a bool;
        ``feature_map`` or ``backend`` is not a string.
    ValueError
        Shapes as for :func:`gpu.attention.attention`; an unknown
        ``feature_map`` (the message lists the names); an unknown or
        unavailable backend.  All checks run before any kernel is compiled.

    Notes
    -----
    Θ((len_q + len_k)·dim·dim_v) time per batch·head entry, causal or not —
    linear in the sequence length, against Θ(len_q·len_k·dim) for softmax.
    Memory: ``'cpu'`` keeps Θ(dim·dim_v) state (the recurrent form);
    ``'numpy'`` and ``'cuda'`` with ``causal=True`` materialise all
    ``len_k`` prefix states, Θ(len_k·dim·dim_v) (the parallel, scan form).
    ``'numpy'`` and ``'cpu'`` compute in float64 and round once; ``'cuda'``
    computes in the input dtype.  NaN or inf in the inputs propagate.  The
    inputs are never modified.

    Examples
    --------
    >>> import numpy as np
    >>> q = np.array([[1.0], [-1.0]])
    >>> k = np.array([[1.0], [2.0]])
    >>> v = np.array([[10.0], [40.0]])
    >>> linear_attention(q, k, v, feature_map="relu")  # weights 1:2 for q_0; q_1 sees nothing
    array([[30.],
           [ 0.]])
    >>> linear_attention(q, k, v, causal=True, backend="numpy")  # φ(k) = (2, 3); row 0: v_0
    array([[10.],
           [28.]])
    """
    q, k, v, xp, dtype = _check_qkv(q, k, v)
    causal = _require_bool(causal, "causal")
    feature = _check_feature_map(feature_map)
    backend = pick_backend(backend, xp)
    *batch, len_q, _ = q.shape
    len_k, dim_v = k.shape[-2], v.shape[-1]
    n_bh = math.prod(batch)
    if n_bh * len_q == 0 or len_k == 0:  # nothing to compute (or no key to see): no launch
        return xp.zeros((*batch, len_q, dim_v), dtype=dtype)

    def rows(x: Any) -> Any:  # (..., len, d) → (BH, len, d), C-contiguous, in dtype
        return xp.ascontiguousarray(x.reshape(n_bh, *x.shape[-2:]).astype(dtype, copy=False))

    args = (to_backend(rows(x), backend) for x in (q, k, v))
    out = _FORWARD[backend](*args, causal, feature)
    return from_backend(out, xp).astype(dtype, copy=False).reshape(*batch, len_q, dim_v)
