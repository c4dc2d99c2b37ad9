"""Softmax attention: the reference implementation, which is the specification.

The problem.  A query ``q_i`` looks up a set of key/value pairs ``(k_j, v_j)``
and returns an average of the values, weighted by how well each key matches
the query::

    s_ij = scale · q_i · k_j                 (a score, or logit, per pair)
    p_ij = exp(s_ij) / Σ_j' exp(s_ij')       (softmax over the keys j)
    o_i  = Σ_j p_ij v_j                      (the output row)

or, for all queries at once, ``O = softmax(scale · Q Kᵀ) V`` with the softmax
taken along each row.  ``scale`` defaults to ``1/√dim``, which keeps the
scores of random unit-variance vectors at unit variance (Vaswani et al., 2017).

*Causal* attention lets a query see only keys at or before its own position.
When there are fewer queries than keys (a decoder extending a cached prefix),
the queries are the *last* ``len_q`` positions, so the mask is aligned to the
end — query i sees keys ``j ≤ i + len_k − len_q`` — as in FlashAttention (v2.1
onwards).  With ``len_q > len_k`` the first ``len_q − len_k`` queries see no key
at all; their output is defined as 0 and their log-sum-exp as −∞ (again as in
FlashAttention), rather than the NaN of ``0/0``.

An explicit ``mask`` — a boolean ``(len_q, len_k)`` array, True where query i
may attend to key j — restricts the keys further, for patterns no single rule
describes: the candidate tree of speculative decoding (each node sees its
ancestors, :func:`gpu.speculative.tree_attention_mask`), padding, documents
packed into one sequence.  With ``causal=True`` as well, a key must pass both.
A masked-out score becomes −∞ before the softmax, so it gets weight exactly 0.

The one numerical idea.  ``exp`` overflows float64 above 709 and float32 above
88, so the softmax is computed as ``exp(s_ij − m_i) / Σ exp(s_ij' − m_i)`` with
``m_i = max_j s_ij``: the same value (the factor ``exp(−m_i)`` cancels), but
every exponent is ≤ 0, so nothing overflows and the largest term is exactly 1,
so the denominator is ≥ 1.  The log-sum-exp ``lse_i = log Σ_j exp(s_ij)`` comes
out as ``m_i + log Σ_j exp(s_ij − m_i)``.

Cost.  Θ(len_q · len_k · (dim + dim_v)) time and Θ(len_q · len_k) memory per
batch entry: the whole score matrix is materialised (in float64).  That memory
is the problem :func:`gpu.flash_attention.flash_attention` solves; this module
is what it is checked against.

Shapes.  ``q`` is ``(..., len_q, dim)``, ``k`` is ``(..., len_k, dim)`` and
``v`` is ``(..., len_k, dim_v)``: ``dim_v`` may differ from ``dim``.  The
leading (batch, head) dimensions ``...`` must be *equal*; they are not
broadcast (for grouped-query attention, repeat ``k`` and ``v`` explicitly).

The private checks here (:func:`_check_qkv`, :func:`_check_scale`,
:func:`_require_bool`, :func:`_check_mask`) and the mask (:func:`_causal_mask`) are shared by every
attention variant in :mod:`gpu`, so they all validate and mask alike.
"""

from __future__ import annotations

import math
from numbers import Real
from types import ModuleType
from typing import Any

import numpy as np

from gpu._validate import as_array, as_float_array, describe, float_result_dtype
from gpu.backend import array_module

__all__ = ["attention"]


# ---------------------------------------------------------------------------
# Argument checks shared by the attention kernels
# ---------------------------------------------------------------------------


def _check_qkv(q: Any, k: Any, v: Any) -> tuple[Any, Any, Any, ModuleType, np.dtype]:
    """Validate attention inputs; return ``(q, k, v, xp, dtype)``.

    ``xp`` is the inputs' array module (NumPy or CuPy) and ``dtype`` the result
    dtype: ``float32`` when all three are ``float32``, else ``float64``
    (integers are promoted to ``float64``).  The arrays come back as float
    arrays of module ``xp`` but are *not* cast to ``dtype``: the caller decides
    what to compute in.  Shapes: ``q (..., len_q, dim)``, ``k (..., len_k, dim)``,
    ``v (..., len_k, dim_v)`` with equal leading dimensions, ``dim, dim_v >= 1``;
    ``len_q``, ``len_k`` and the batch dimensions may be 0.
    """
    xp = array_module(q, k, v)
    q = as_float_array(q, "q", xp)
    k = as_float_array(k, "k", xp)
    v = as_float_array(v, "v", xp)
    for name, arr, shape in (
        ("q", q, "(..., len_q, dim)"),
        ("k", k, "(..., len_k, dim)"),
        ("v", v, "(..., len_k, dim_v)"),
    ):
        if arr.ndim < 2:
            raise ValueError(
                f"{name} must have at least 2 dimensions {shape}, "
                f"got an array of shape {tuple(arr.shape)}"
            )
    if q.shape[:-2] != k.shape[:-2] or q.shape[:-2] != v.shape[:-2]:
        raise ValueError(
            "q, k and v must have the same leading (batch) dimensions (they are not "
            f"broadcast), got q.shape = {tuple(q.shape)}, k.shape = {tuple(k.shape)}, "
            f"v.shape = {tuple(v.shape)}"
        )
    if q.shape[-1] != k.shape[-1]:
        raise ValueError(
            "q and k must have the same last dimension (dim), got "
            f"q.shape[-1] = {q.shape[-1]} and k.shape[-1] = {k.shape[-1]}"
        )
    if k.shape[-2] != v.shape[-2]:
        raise ValueError(
            "k and v must have the same sequence length len_k, got "
            f"k.shape[-2] = {k.shape[-2]} and v.shape[-2] = {v.shape[-2]}"
        )
    if q.shape[-1] < 1:
        raise ValueError(f"q and k must have a last dimension (dim) >= 1, got {q.shape[-1]}")
    if v.shape[-1] < 1:
        raise ValueError(f"v must have a last dimension (dim_v) >= 1, got {v.shape[-1]}")
    return q, k, v, xp, float_result_dtype(q, k, v)


def _check_scale(scale: Any, dim: int) -> float:
    """``scale`` as a float: ``1/√dim`` for None, else any finite real number.

    Zero and negative scales are allowed: they are well defined (0 gives the
    plain average of the visible values; a negative scale favours the *least*
    similar keys).  NaN and ±inf are a ``ValueError``; a non-real a ``TypeError``.
    """
    if scale is None:
        return 1.0 / math.sqrt(dim)
    if isinstance(scale, bool) or not isinstance(scale, Real):
        raise TypeError(f"scale must be a real number or None, got {describe(scale)}")
    value = float(scale)
    if not math.isfinite(value):
        raise ValueError(f"scale must be finite, got {scale}")
    return value


def _require_bool(value: Any, name: str) -> bool:
    """``value`` as a bool; anything but ``True``/``False`` (or NumPy's) is a ``TypeError``.

    Strict on purpose: ``attention(q, k, v, 0.125)`` — a scale passed in the
    ``causal`` slot — must fail rather than switch the mask on.
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {describe(value)}")
    return bool(value)


def _causal_mask(len_q: int, len_k: int, xp: ModuleType = np) -> Any:
    """``(len_q, len_k)`` bool mask: may query i see key j, i.e. ``j <= i + len_k - len_q``?"""
    i = xp.arange(len_q)[:, None]
    j = xp.arange(len_k)[None, :]
    return j <= i + (len_k - len_q)


# ---------------------------------------------------------------------------
# The reference
# ---------------------------------------------------------------------------


def _check_mask(mask: Any, len_q: int, len_k: int, batch: tuple[int, ...], xp: ModuleType) -> Any:
    """``mask`` as a bool array of module ``xp``: ``(len_q, len_k)``, or with leading
    dimensions that broadcast to the batch dimensions; None stays None.

    Strictly boolean (True = may attend): an integer or float array is a
    ``TypeError``, because 0/1 weights and additive −∞ biases are both common
    conventions and guessing between them would silently give wrong results.
    """
    if mask is None:
        return None
    arr = as_array(mask, "mask", xp)
    if arr.dtype != bool:
        raise TypeError(
            f"mask must be a boolean array (True = may attend), got dtype {arr.dtype}; "
            "convert it with mask.astype(bool)"
        )
    if arr.ndim < 2 or tuple(arr.shape[-2:]) != (len_q, len_k):
        raise ValueError(
            f"mask must have shape (len_q, len_k) = ({len_q}, {len_k}), got {tuple(arr.shape)}"
        )
    try:
        broadcast = np.broadcast_shapes(tuple(arr.shape[:-2]), batch)
    except ValueError:
        broadcast = None
    if broadcast != batch:
        raise ValueError(
            f"mask's leading dimensions {tuple(arr.shape[:-2])} must broadcast to the batch "
            f"dimensions {batch} of q, k and v"
        )
    return arr


def _attention_lse(
    q: Any, k: Any, v: Any, causal: bool, scale: float, xp: ModuleType, mask: Any = None
) -> tuple[Any, Any]:
    """Reference attention in float64: ``(out (..., len_q, dim_v), lse (..., len_q))``.

    Arguments must already be checked (:func:`_check_qkv`, :func:`_check_scale`,
    :func:`_check_mask`).  A row that sees no key gets output 0 and log-sum-exp −∞.
    """
    q, k, v = (x.astype(xp.float64) for x in (q, k, v))
    len_q, len_k = q.shape[-2], k.shape[-2]
    batch = q.shape[:-2]
    if len_k == 0:  # every row sees no key (and a max over an empty axis would raise)
        out = xp.zeros((*batch, len_q, v.shape[-1]), dtype=xp.float64)
        return out, xp.full((*batch, len_q), -xp.inf)

    # The scores s_ij, (..., len_q, len_k), updated in place from here on: the
    # reference holds one len_q × len_k matrix at a time, not three.
    s = q @ xp.swapaxes(k, -1, -2)
    s *= scale
    if causal:
        s[..., ~_causal_mask(len_q, len_k, xp)] = -xp.inf
    if mask is not None:
        xp.copyto(s, -xp.inf, where=~mask)  # ``where`` broadcasts over the batch
    m = s.max(axis=-1, keepdims=True)  # the row maxima m_i
    # A row that sees no key is all −∞; subtracting 0 instead of −∞ keeps exp
    # away from (−∞) − (−∞) = NaN and leaves its weights at exp(−∞) = 0.
    m = xp.where(m == -xp.inf, 0.0, m)
    s -= m
    p = xp.exp(s, out=s)  # exp(s_ij − m_i) ∈ [0, 1], the row maximum exactly 1
    denominator = p.sum(axis=-1, keepdims=True)  # ≥ 1, or 0 for a row that sees no key
    seen = denominator > 0
    safe = xp.where(seen, denominator, 1.0)
    out = xp.where(seen, (p @ v) / safe, 0.0)
    lse = xp.where(seen, m + xp.log(safe), -xp.inf)[..., 0]
    return out, lse


def attention(
    q: Any, k: Any, v: Any, causal: bool = False, scale: float | None = None, mask: Any = None
) -> Any:
    """Softmax attention ``softmax(scale · Q Kᵀ) V``, computed plainly (the reference).

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
        the end when ``len_q != len_k``).
    scale : real, optional
        Multiplies the scores; default ``1/√dim``.  Any finite real (0 gives a
        plain average of the visible values).
    mask : array_like of bool, shape ``(len_q, len_k)``, optional
        True where query i may attend to key j; combined with ``causal`` (a
        key must pass both).  Leading dimensions broadcasting to ``...`` are
        allowed, for a mask per batch entry.

    Returns
    -------
    ndarray, shape ``(..., len_q, dim_v)``
        ``float32`` if ``q``, ``k`` and ``v`` are all ``float32``, else
        ``float64``; same array module as the inputs.  A row that sees no key
        (causal with ``len_q > len_k``, ``len_k == 0``, or a mask row that is
        all False) is all zeros.

    Raises
    ------
    TypeError
        An input is not a float or integer array; ``causal`` is not a bool;
        ``scale`` is not a real number; ``mask`` is not a boolean array.
    ValueError
        An input has fewer than 2 dimensions; the leading dimensions differ;
        ``q`` and ``k`` differ in ``dim``; ``k`` and ``v`` differ in length;
        ``dim`` or ``dim_v`` is 0; ``scale`` is NaN or infinite; ``mask`` is
        not ``(len_q, len_k)`` or its leading dimensions do not broadcast.

    Notes
    -----
    Θ(len_q·len_k·(dim + dim_v)) time and Θ(len_q·len_k) extra memory per batch
    entry (one float64 score matrix, exponentiated in place).  Computed in
    float64 with the row maximum subtracted before ``exp``, so scores of any
    finite size are safe; the result is rounded once to the output dtype.
    NaN or inf in the inputs propagate; they are not checked.  The inputs are
    never modified.

    Examples
    --------
    >>> import numpy as np
    >>> q = k = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> v = np.array([[1.0, 2.0], [3.0, 4.0]])
    >>> attention(q, k, v, scale=0.0)  # equal weights: the mean of the values
    array([[2., 3.],
           [2., 3.]])
    >>> attention(q, k, v, causal=True, scale=np.log(3))  # row 1 weighs its own key 3:1
    array([[1. , 2. ],
           [2.5, 3.5]])
    >>> attention(np.ones((2, 1)), np.ones((1, 1)), v[:1], causal=True)  # row 0 sees no key
    array([[0., 0.],
           [1., 2.]])
    >>> attention(q, k, v, scale=0.0, mask=np.array([[False, True], [True, True]]))
    array([[3., 4.],
           [2., 3.]])
    """
    q, k, v, xp, dtype = _check_qkv(q, k, v)
    scale = _check_scale(scale, q.shape[-1])
    causal = _require_bool(causal, "causal")
    mask = _check_mask(mask, q.shape[-2], k.shape[-2], tuple(q.shape[:-2]), xp)
    out, _ = _attention_lse(q, k, v, causal, scale, xp, mask)
    return out.astype(dtype)
