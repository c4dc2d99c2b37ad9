"""Mamba's selective scan: a diagonal state-space model whose parameters depend on the input.

The problem.  Every channel ``c`` of an input ``u`` (shape ``(batch, d, L)``:
d channels, L time steps) drives its own n-dimensional linear state space.
Written continuously, ``x'(s) = A x(s) + B u(s)`` and ``y(s) = C·x(s)`` with a
*diagonal* ``A`` (stored as the row ``A[c]`` of a ``(d, n)`` matrix).  What
makes the scan *selective* (Gu & Dao, "Mamba", 2023) is that the step size
``Δ`` — and optionally ``B`` and ``C`` — change with every token, so the model
can decide, token by token, how much to remember and how much to let in.

Discretisation.  At step t the continuous system is turned into a discrete one
with step ``Δ_t`` (``delta[b, c, t]``, optionally ``+ delta_bias[c]`` and then
``softplus``).  Mamba mixes two rules — exact zero-order hold for the state
matrix and a simple Euler step for the input matrix::

    Ā_t = exp(Δ_t · A)           (elementwise: A is diagonal)
    B̄_t u_t = Δ_t · B_t · u_t     (Euler, instead of ZOH's (ΔA)⁻¹(exp(ΔA) − I)·ΔB)

The recurrence, per batch b, channel c and state k, starting from ``x_{-1} = 0``::

    x_t[k] = exp(Δ_t · A[c, k]) · x_{t-1}[k]  +  Δ_t · B_t[k] · u_t
    y_t    = Σ_k C_t[k] · x_t[k]
    out_t  = (y_t + D[c] · u_t) · silu(z_t),     silu(z) = z · sigmoid(z)

(the ``D`` skip connection and the ``silu(z)`` gate are each optional).  It is a
first-order linear recurrence ``x_t = a_t·x_{t-1} + b_t`` with
``a_t = exp(Δ_t A)`` and ``b_t = Δ_t B_t u_t`` — :func:`gpu.recurrence.linear_recurrence`
computes the same states by an associative scan, which the tests use as a
second, independent route.

Shapes, as ``selective_scan_ref`` in ``mamba_ssm`` (real ``A`` only):

=============  ======================================================================
``u``, ``z``   ``(batch, d, L)``; ``delta`` the same
``A``          ``(d, n)``, real
``B``, ``C``   ``(d, n)`` — fixed per channel — or ``(batch, n, L)`` — input-dependent,
               shared by all channels — or ``(batch, G, n, L)`` — input-dependent, one
               per group of ``d // G`` consecutive channels (``G`` must divide ``d``)
``D``          ``(d,)``; ``delta_bias`` ``(d,)``
=============  ======================================================================

``delta_softplus`` applies ``softplus(x) = log(1 + eˣ)`` after the bias, with
PyTorch's convention (mamba_ssm calls ``F.softplus``) that ``softplus(x) = x``
once ``x > 20``.

Dtypes: ``float32`` and ``float64`` are kept, integers are promoted to
``float64``; bool, ``float16`` and complex are a ``TypeError`` (``A`` is real
here; mamba_ssm's complex-``A`` variant is not implemented).  The output is
``float32`` when every array argument is ``float32``, else ``float64`` (mamba_ssm
returns ``u``'s dtype; with all-``float32`` inputs the two agree).

Backends (see :mod:`gpu.backend`):

* ``'numpy'`` — the reference and the specification: the recurrence above as a
  loop over t, the whole ``(batch, d, n)`` state updated at once, in ``float64``;
* ``'cpu'`` — Numba, the ``batch·d`` rows in parallel (``prange``), each a loop
  over t with its n states in a local array, computed in the result dtype
  (``float32`` like mamba_ssm's kernels, or ``float64``).  The n-loop is written
  so that LLVM turns it into SIMD instructions: the states are padded to a
  whole number of vector registers (a compile-time constant), and ``exp`` is the
  polynomial :func:`_vexp` below rather than a call into libm, which LLVM
  cannot vectorise without Intel's SVML (not available to this Numba);
* ``'cuda'`` — one thread block per ``(batch, channel)`` row, one thread per
  state (more states than threads: each thread takes several), sequential over
  t; ``y_t = Σ_k C_t[k]·x_t[k]`` is a shared-memory tree reduction (no warp
  shuffles, so it also runs in Numba's CUDA simulator).  Result dtype.

Cost: O(batch·d·L·n) time on every backend (one ``exp`` and two multiply-adds
per state and step); memory O(batch·d·L) for the output and Δ plus
O(batch·d·n) for the state (the reference's per-step temporaries are
``(batch, d, n)`` too; the cpu backend needs only O(n + L) per row in flight).  Parallelism is
over the ``batch·d`` rows; t is sequential — as in mamba_ssm's CUDA kernel
within one chunk of the sequence.
"""

from __future__ import annotations

import functools
import math
from types import ModuleType
from typing import Any

import numba
import numpy as np
from llvmlite import ir
from numba import cuda, njit, prange, types
from numba.extending import intrinsic, overload

from gpu._validate import as_float_array, describe, float_result_dtype, require_ndim
from gpu.backend import (
    array_module,
    from_backend,
    pick_backend,
    readonly_view,
    threads_per_block,
    to_backend,
    use_prange,
)

__all__ = ["selective_scan"]

# PyTorch's softplus returns x itself above this threshold (log(1 + e^20) - 20 ≈ 2e-9).
SOFTPLUS_THRESHOLD = 20.0


# ---------------------------------------------------------------------------
# 'numpy': the reference, which is the specification
# ---------------------------------------------------------------------------


def _softplus(x: np.ndarray) -> np.ndarray:
    """``log(1 + eˣ)``, and ``x`` itself above the threshold (as PyTorch's ``F.softplus``)."""
    return np.where(x > SOFTPLUS_THRESHOLD, x, np.log1p(np.exp(np.minimum(x, SOFTPLUS_THRESHOLD))))


def _silu(z: np.ndarray) -> np.ndarray:
    """``z·sigmoid(z)``; ``exp(-z)`` overflows to inf for very negative z, giving ``-0.0``."""
    with np.errstate(over="ignore"):
        return z / (1.0 + np.exp(-z))


def _at_step(M: np.ndarray, t: int, d: int) -> np.ndarray:
    """``B`` or ``C`` at step t, shaped to broadcast against the ``(batch, d, n)`` state."""
    if M.ndim == 2:  # (d, n): the same for every batch and step
        return M[None, :, :]
    if M.ndim == 3:  # (batch, n, L): shared by every channel
        return M[:, None, :, t]
    return np.repeat(M[:, :, :, t], d // M.shape[1], axis=1)  # (batch, G, n, L): per group


def _selective_scan_numpy(u, delta, A, B, C, D, z, delta_bias, delta_softplus, dtype):
    """The recurrence of the module docstring, one time step at a time, in ``float64``.

    ``D``, ``z`` and ``delta_bias`` may be None (absent).
    """
    u, delta, A, B, C = (np.asarray(v, dtype=np.float64) for v in (u, delta, A, B, C))
    batch, d, L = u.shape
    if delta_bias is not None:
        delta = delta + np.asarray(delta_bias, dtype=np.float64)[:, None]
    if delta_softplus:
        delta = _softplus(delta)
    x = np.zeros((batch, d, A.shape[1]))  # the state x_{t-1}, one row of n per (b, c)
    y = np.empty((batch, d, L))
    for t in range(L):
        delta_t = delta[:, :, t, None]  # (batch, d, 1)
        A_bar = np.exp(delta_t * A)  # ZOH for the diagonal state matrix
        Bu_bar = delta_t * _at_step(B, t, d) * u[:, :, t, None]  # Euler for the input
        x = A_bar * x + Bu_bar
        y[:, :, t] = np.sum(x * _at_step(C, t, d), axis=-1)
    if D is not None:
        y += np.asarray(D, dtype=np.float64)[:, None] * u
    if z is not None:
        y *= _silu(np.asarray(z, dtype=np.float64))
    return y.astype(dtype)


# ---------------------------------------------------------------------------
# Vectorisable exp and softplus for the 'cpu' backend
# ---------------------------------------------------------------------------
#
# The cpu kernel evaluates exp(Δ·A) once per state and step.  Called through
# libm, exp is a scalar function call (~8 ns here) that also stops LLVM from
# vectorising the loop around it.  Written out as arithmetic it vectorises,
# 16 float32 or 8 float64 lanes at a time:
#
#   1. range reduction (Cody & Waite): x = k·ln2 + r with k = round(x/ln2), so
#      |r| ≤ ln2/2.  ln2 is split into a short head (k·LN2_HI is exact) and a
#      tail, so r is accurate even when k is large.  round() is the
#      add-and-subtract-1.5·2^52 trick: exact, and no library call.
#   2. exp(r) by its Taylor polynomial in Horner form — degree 13 in float64,
#      7 in float32, where the first omitted term is below half an ulp.
#   3. exp(x) = exp(r)·2^k, the power of two built from its bit pattern.  It is
#      applied as 2^(k//2)·2^(k - k//2) so that results that overflow to inf or
#      underflow through the subnormals to 0 are rounded correctly; x is first
#      clamped so that both halves are normal powers of two.
#
# softplus(x) = max(x, 0) + log1p(exp(−|x|)); the "tail" log1p(exp(−|x|)) needs
# log1p(e) only for e in [0, 1]:
# log(1 + e) = 2·atanh(s) with s = e / (2 + e) — no rounding of 1 + e — and, for
# e > √2 − 1, log(1 + e) = ln2 + 2·atanh((e − 1)/(e + 3)); either way |s| ≤ 0.172
# and the odd series 2·atanh(s) = 2s·(1 + s²/3 + s⁴/5 + …) converges fast
# (11 terms in float64, 5 in float32).  The tail of every step's softplus and
# the silu gate thus vectorise over t as well, in passes before and after the
# scan.  (Adding max(x, 0) in the same loop made LLVM give up vectorising it
# in float64, so the scan adds it, one scalar per step.)
#
# About 1 ulp of error (the tests measure it against math.exp and math.log1p).
# NaN in, NaN out.  Compiler flags: error_model="numpy" makes a division plain
# IEEE division, not Python's (which checks for zero and raises, and so cannot
# be vectorised); the only fast-math flag is "contract" (a·b + c as one fused
# multiply-add, rounded once) — reassociation would undo the rounding of step 1.


@intrinsic
def _int64_bits_as_float64(typingctx, bits):
    """Reinterpret an int64 bit pattern as a float64 (one LLVM bitcast, vectorisable)."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return types.float64(types.int64), codegen


@intrinsic
def _int32_bits_as_float32(typingctx, bits):
    """Reinterpret an int32 bit pattern as a float32."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.FloatType())

    return types.float32(types.int32), codegen


def _inverse_odd(count: int, dtype: type) -> tuple[Any, ...]:
    """``(1/(2·count − 1), …, 1/3, 1)``: the atanh series' coefficients, for Horner."""
    return tuple(dtype(1.0 / (2 * j + 1)) for j in range(count - 1, -1, -1))


# float64: |x| ≤ 1400 keeps k within ±2020, so both halves of 2^k are normal.
_F64_CLAMP = 1400.0
_F64_ROUND = 6755399441055744.0  # 1.5·2^52
_F64_INV_LN2 = 1.4426950408889634
_F64_LN2 = 0.6931471805599453
_F64_LN2_HI = 6.93147180369123816490e-01  # ln2's leading 32 bits: k·_F64_LN2_HI is exact
_F64_LN2_LO = 1.90821492927058770002e-10
_F64_TAYLOR = tuple(1.0 / math.factorial(i) for i in range(13, -1, -1))  # 1/13!, …, 1/0!
_F64_ATANH = _inverse_odd(11, float)
_F64_SOFTPLUS_THRESHOLD = SOFTPLUS_THRESHOLD

# float32: |x| ≤ 150 keeps k within ±217, so both halves of 2^k are normal.
_F32_CLAMP = np.float32(150.0)
_F32_ROUND = np.float32(12582912.0)  # 1.5·2^23
_F32_INV_LN2 = np.float32(1.4426950408889634)
_F32_LN2 = np.float32(0.6931471805599453)
_F32_LN2_HI = np.float32(0.693359375)  # 355/512: k·_F32_LN2_HI is exact
_F32_LN2_LO = np.float32(-2.12194440e-4)
_F32_TAYLOR = tuple(np.float32(1.0 / math.factorial(i)) for i in range(7, -1, -1))
_F32_ATANH = _inverse_odd(5, np.float32)
_F32_SOFTPLUS_THRESHOLD = np.float32(SOFTPLUS_THRESHOLD)
_SQRT2_M1 = 0.41421356237309515  # √2 − 1, in either precision only a branch point

_FAST = {"contract"}  # see above: no other fast-math flag in these helpers


@njit(cache=True, fastmath=_FAST, error_model="numpy")
def _vexp64(x):  # pragma: no cover - compiled
    xc = min(max(x, -_F64_CLAMP), _F64_CLAMP)
    kf = (xc * _F64_INV_LN2 + _F64_ROUND) - _F64_ROUND  # round to the nearest integer
    r = (xc - kf * _F64_LN2_HI) - kf * _F64_LN2_LO
    p = _F64_TAYLOR[0]
    for c in _F64_TAYLOR[1:]:  # a constant tuple: LLVM unrolls the loop
        p = p * r + c
    k = np.int64(kf)
    half = k >> 1
    scale_1 = _int64_bits_as_float64((half + 1023) << 52)
    scale_2 = _int64_bits_as_float64((k - half + 1023) << 52)
    return p * scale_1 * scale_2 if x == x else x


@njit(cache=True, fastmath=_FAST, error_model="numpy")
def _vexp32(x):  # pragma: no cover - compiled
    xc = min(max(x, -_F32_CLAMP), _F32_CLAMP)
    kf = (xc * _F32_INV_LN2 + _F32_ROUND) - _F32_ROUND
    r = (xc - kf * _F32_LN2_HI) - kf * _F32_LN2_LO
    p = _F32_TAYLOR[0]
    for c in _F32_TAYLOR[1:]:
        p = p * r + c
    k = np.int32(kf)
    half = k >> np.int32(1)
    scale_1 = _int32_bits_as_float32((half + np.int32(127)) << np.int32(23))
    scale_2 = _int32_bits_as_float32((k - half + np.int32(127)) << np.int32(23))
    return p * scale_1 * scale_2 if x == x else x


@njit(cache=True, fastmath=_FAST, error_model="numpy")
def _vsoftplus_tail64(x):  # pragma: no cover - compiled
    e = _vexp64(-abs(x))  # in [0, 1]
    small = e <= _SQRT2_M1
    # One division with selected operands (not two branches): it stays vectorisable.
    s = (e if small else e - 1.0) / ((2.0 if small else 3.0) + e)
    w = s * s
    p = _F64_ATANH[0]
    for c in _F64_ATANH[1:]:
        p = p * w + c
    return (0.0 if small else _F64_LN2) + 2.0 * s * p


@njit(cache=True, fastmath=_FAST, error_model="numpy")
def _vsoftplus_tail32(x):  # pragma: no cover - compiled
    e = _vexp32(-abs(x))
    small = e <= np.float32(_SQRT2_M1)
    zero, one, two, three = np.float32(0.0), np.float32(1.0), np.float32(2.0), np.float32(3.0)
    s = (e if small else e - one) / ((two if small else three) + e)
    w = s * s
    p = _F32_ATANH[0]
    for c in _F32_ATANH[1:]:
        p = p * w + c
    return (zero if small else _F32_LN2) + two * s * p


def _by_precision(name: str, f32: Any, f64: Any) -> Any:
    """A function of one float scalar, callable from compiled code, that runs
    ``f32`` on float32 and ``f64`` on float64 — so one kernel source serves both."""

    def stub(x):  # pragma: no cover - replaced by the overload inside compiled code
        raise NotImplementedError(f"{name} is only callable from Numba-compiled code")

    @overload(stub)
    def dispatch(x):
        if x == types.float32:
            return lambda x: f32(x)
        if x == types.float64:
            return lambda x: f64(x)
        return None

    stub.__name__ = stub.__qualname__ = name
    return stub


_vexp = _by_precision("_vexp", _vexp32, _vexp64)
_vsoftplus_tail = _by_precision("_vsoftplus_tail", _vsoftplus_tail32, _vsoftplus_tail64)


# ---------------------------------------------------------------------------
# 'cpu': Numba, the batch·d rows in parallel
# ---------------------------------------------------------------------------

# SIMD lanes per register (AVX-512: 16 float32 / 8 float64).  The state count is
# padded to a multiple, so the state loop is whole registers with no remainder
# loop; on narrower hardware the same loop simply takes two or four registers.
_LANES = {np.dtype(np.float32): 16, np.dtype(np.float64): 8}
# Widest padded state count compiled as a constant (see _scan_row); Mamba uses 16.
_MAX_STATIC_STATES = 256


def _padded_states(n: int, dtype: np.dtype) -> int:
    """n rounded up to a whole number of SIMD registers (at least one)."""
    lanes = _LANES[dtype]
    return max(lanes, -(-n // lanes) * lanes)


# reassoc: Σ_k C·x may be summed lane-wise (SIMD); contract: fused multiply-adds;
# error_model="numpy": x / 0 is inf, as in IEEE arithmetic, instead of a
# ZeroDivisionError check that would stop the division loops from vectorising.
@njit(cache=True, fastmath={"reassoc", "contract"}, error_model="numpy")
def _scan_row(u, delta, A, B, C, D, z, delta_bias, softplus, has_D, has_z, n, width, b, c, y):
    # One (batch b, channel c) row: u, delta, z and the output y are its (L,)
    # slices; A, B, C have their state axis padded with zeros.  `width` is a tuple
    # whose length is the padded state count: the length of a tuple is part of its
    # Numba type, so the state loop's trip count is a compile-time constant and
    # LLVM emits whole SIMD registers with no remainder loop (measurably faster
    # than a loop to a run-time n).  An empty tuple means "use A.shape[1]".
    n_padded = len(width) if len(width) > 0 else A.shape[1]
    L = u.shape[0]
    d = A.shape[0]
    A_c = A[c]  # zeros past n: exp(Δ·0)·x + Δ·0·u keeps the padded states at 0
    b_B = b if B.shape[0] > 1 else 0  # B: (batch, G, L, n), or (1, d, 1, n) if fixed
    g_B = c // (d // B.shape[1])
    b_C = b if C.shape[0] > 1 else 0
    g_C = c // (d // C.shape[1])
    zero = y.dtype.type(0)  # the compute dtype, float32 or float64
    one = y.dtype.type(1)
    half = y.dtype.type(0.5)
    threshold = y.dtype.type(SOFTPLUS_THRESHOLD)

    # Pass 1 (vectorised over t): Δ_t before the softplus, and the softplus tail.
    delta_c = np.empty(L, dtype=y.dtype)
    tail = np.empty(L if softplus else 0, dtype=y.dtype)
    for t in range(L):
        delta_c[t] = delta[t] + delta_bias[c]
    if softplus:
        for t in range(L):
            tail[t] = _vsoftplus_tail(delta_c[t])

    # Pass 2 (vectorised over the states): the scan, y_t = Σ_k C_t[k]·x_t[k].
    x = np.zeros(n_padded, dtype=y.dtype)  # the state x_{t-1}
    for t in range(L):
        delta_t = delta_c[t]
        if softplus and not delta_t > threshold:  # softplus = max(Δ, 0) + tail
            delta_t = (delta_t + abs(delta_t)) * half + tail[t]
        delta_u = delta_t * u[t]
        t_B = t if B.shape[2] > 1 else 0
        t_C = t if C.shape[2] > 1 else 0
        y_t = zero
        for k in range(n_padded):
            x[k] = _vexp(delta_t * A_c[k]) * x[k] + delta_u * B[b_B, g_B, t_B, k]
            # Padded states are 0 — unless u or Δ is inf or NaN; never let them in.
            y_t += C[b_C, g_C, t_C, k] * x[k] if k < n else zero
        y[t] = y_t

    # Pass 3 (vectorised over t): skip connection and gate.
    if has_D or has_z:
        for t in range(L):
            y_t = y[t] + D[c] * u[t] if has_D else y[t]
            y[t] = y_t * (z[t] / (one + _vexp(-z[t]))) if has_z else y_t


@njit(parallel=True, cache=True)
def _scan_rows_parallel(u, delta, A, B, C, D, z, delta_bias, softplus, has_D, has_z, n, width, out):
    batch, d, _ = u.shape
    for r in prange(batch * d):
        b = r // d
        c = r - b * d
        z_row = z[b, c] if has_z else z[0, 0]
        _scan_row(u[b, c], delta[b, c], A, B, C, D, z_row, delta_bias, softplus, has_D, has_z,
                  n, width, b, c, out[b, c])  # fmt: skip


@njit(cache=True)
def _scan_rows_serial(u, delta, A, B, C, D, z, delta_bias, softplus, has_D, has_z, n, width, out):
    batch, d, _ = u.shape
    for r in range(batch * d):
        b = r // d
        c = r - b * d
        z_row = z[b, c] if has_z else z[0, 0]
        _scan_row(u[b, c], delta[b, c], A, B, C, D, z_row, delta_bias, softplus, has_D, has_z,
                  n, width, b, c, out[b, c])  # fmt: skip


def _pad_states(M: np.ndarray, n_padded: int) -> np.ndarray:
    """``M`` with its last (state) axis zero-padded to ``n_padded``."""
    out = np.zeros((*M.shape[:-1], n_padded), dtype=M.dtype)
    out[..., : M.shape[-1]] = M
    return out


def _selective_scan_cpu(u, delta, A, B, C, D, z, delta_bias, softplus, has_D, has_z, dtype):
    batch, d, L = u.shape
    n = A.shape[1]
    n_padded = _padded_states(n, dtype)
    A, B, C = (_pad_states(M, n_padded) for M in (A, B, C))
    # One compile per padded width (and dtype), cached on disk; past
    # _MAX_STATIC_STATES one more compile serves every width.
    width = (0,) * n_padded if n_padded <= _MAX_STATIC_STATES else ()
    out = np.empty((batch, d, L), dtype=dtype)
    parallel = use_prange(batch * d, batch * d * L * n_padded)
    kernel = _scan_rows_parallel if parallel else _scan_rows_serial
    inputs = map(readonly_view, (u, delta, A, B, C, D, z, delta_bias))
    kernel(*inputs, softplus, has_D, has_z, n, width, out)
    return out


# ---------------------------------------------------------------------------
# 'cuda': one block per (batch, channel) row, threads over the states
# ---------------------------------------------------------------------------


@cuda.jit(device=True)
def _silu_device(z, one):  # pragma: no cover - compiled
    # z·sigmoid(z) taking exp of non-positive numbers only: the CUDA simulator
    # evaluates math.exp in Python, which raises OverflowError instead of giving inf.
    if z >= 0:
        return z / (one + math.exp(-z))
    e = math.exp(z)
    return z * e / (one + e)


@functools.cache
def _cuda_kernel(threads: int, per_thread: int, dtype_str: str) -> Any:
    """The CUDA kernel for one launch geometry and dtype (shared arrays need constant sizes).

    Thread ``tid`` owns states ``k = tid, tid + threads, …`` (``per_thread`` of
    them, in a local array).  Per step each thread updates its states and adds
    up its share of ``C·x``; a tree over the ``threads`` partial sums in shared
    memory gives ``y_t`` to thread 0, which applies ``D`` and the gate.
    """
    element = numba.from_dtype(np.dtype(dtype_str))
    zero = np.dtype(dtype_str).type(0)
    one = np.dtype(dtype_str).type(1)
    threshold = np.dtype(dtype_str).type(SOFTPLUS_THRESHOLD)

    @cuda.jit
    def selective_scan_rows(u, delta, A, B, C, D, z, delta_bias, softplus, has_D, has_z, out):
        d, L = u.shape[1], u.shape[2]
        n = A.shape[1]
        b = cuda.blockIdx.x // d
        c = cuda.blockIdx.x % d
        tid = cuda.threadIdx.x
        x = cuda.local.array(per_thread, element)  # this thread's states x_{t-1}
        partial = cuda.shared.array(threads, element)  # one partial Σ C·x per thread
        for j in range(per_thread):
            x[j] = zero
        b_B = b if B.shape[0] > 1 else 0
        g_B = c // (d // B.shape[1])
        b_C = b if C.shape[0] > 1 else 0
        g_C = c // (d // C.shape[1])

        for t in range(L):
            # Every thread computes Δ_t itself: cheaper than broadcasting it.
            delta_t = delta[b, c, t] + delta_bias[c]
            if softplus and delta_t <= threshold:
                delta_t = math.log1p(math.exp(delta_t))
            delta_u = delta_t * u[b, c, t]
            t_B = t if B.shape[2] > 1 else 0
            t_C = t if C.shape[2] > 1 else 0
            acc = zero
            for j in range(per_thread):
                k = j * threads + tid  # neighbouring threads, neighbouring states: coalesced
                if k < n:
                    x[j] = math.exp(delta_t * A[c, k]) * x[j] + delta_u * B[b_B, g_B, t_B, k]
                    acc += C[b_C, g_C, t_C, k] * x[j]
            partial[tid] = acc

            # Tree reduction: at each level the lower half adds in the upper half.
            stride = threads // 2
            while stride > 0:
                cuda.syncthreads()
                if tid < stride:
                    partial[tid] += partial[tid + stride]
                stride //= 2
            # Thread 0 did the last addition itself; the barrier keeps the other
            # threads from overwriting partial[1] (next step) before it read it.
            cuda.syncthreads()
            if tid == 0:
                y_t = partial[0]
                if has_D:
                    y_t += D[c] * u[b, c, t]
                if has_z:
                    y_t *= _silu_device(z[b, c, t], one)
                out[b, c, t] = y_t

    return selective_scan_rows


def _selective_scan_cuda(u, delta, A, B, C, D, z, delta_bias, softplus, has_D, has_z, dtype):
    batch, d, L = u.shape
    n = A.shape[1]
    threads = threads_per_block(n)
    per_thread = max(1, -(-n // threads))  # n = 0 still runs one (idle) thread
    kernel = _cuda_kernel(threads, per_thread, np.dtype(dtype).str)
    out = cuda.device_array((batch, d, L), dtype=dtype)
    kernel[batch * d, threads](u, delta, A, B, C, D, z, delta_bias, softplus, has_D, has_z, out)
    return out


# ---------------------------------------------------------------------------
# Argument handling and the public function
# ---------------------------------------------------------------------------


def _states_last(M: Any, xp: ModuleType = np) -> Any:
    """``B``/``C`` as a C-contiguous 4-D ``(batch or 1, groups, L or 1, n)`` array.

    Fixed ``(d, n)`` becomes ``(1, d, 1, n)`` (each channel its own group); the
    input-dependent shapes get their state axis last, so that the n states of
    one step lie next to each other in memory.
    """
    if M.ndim == 2:
        return xp.ascontiguousarray(M.reshape(1, M.shape[0], 1, M.shape[1]))
    if M.ndim == 3:
        M = M[:, None]
    return xp.ascontiguousarray(xp.swapaxes(M, 2, 3))


def _fill_optional(D, z, delta_bias, d, dtype, xp):
    """Stand-ins for absent optional arrays, so each kernel has one signature.

    A zero bias is exact (Δ + 0 = Δ); absent ``D`` and ``z`` are skipped by
    flags instead, since ``0·u`` and ``silu`` of anything would change NaN/inf.
    """
    D = xp.zeros(d, dtype=dtype) if D is None else D
    z = xp.zeros((1, 1, 1), dtype=dtype) if z is None else z
    delta_bias = xp.zeros(d, dtype=dtype) if delta_bias is None else delta_bias
    return D, z, delta_bias


def _check_BC(M: Any, name: str, batch: int, d: int, n: int, L: int) -> None:
    """``B`` and ``C``: ``(d, n)``, ``(batch, n, L)`` or ``(batch, G, n, L)`` with G | d."""
    shape = tuple(M.shape)
    expected = (
        f"{name} must have shape (d, n) = {(d, n)}, (batch, n, L) = {(batch, n, L)} or "
        f"(batch, G, n, L) with G dividing d = {d}"
    )
    if M.ndim == 2:
        ok = shape == (d, n)
    elif M.ndim == 3:
        ok = shape == (batch, n, L)
    elif M.ndim == 4:
        G = shape[1]
        ok = shape[0] == batch and shape[2:] == (n, L) and G >= 1 and d % G == 0
    else:
        ok = False
    if not ok:
        raise ValueError(f"{expected}, got shape {shape}")


def _check_same_shape(M: Any, name: str, shape: tuple[int, ...], meaning: str) -> None:
    if tuple(M.shape) != shape:
        raise ValueError(f"{name} must have shape {meaning} = {shape}, got {tuple(M.shape)}")


# The compiled backends; the reference takes the arrays as given (see selective_scan).
_COMPILED = {"cpu": _selective_scan_cpu, "cuda": _selective_scan_cuda}


def selective_scan(
    u: Any,
    delta: Any,
    A: Any,
    B: Any,
    C: Any,
    D: Any = None,
    z: Any = None,
    delta_bias: Any = None,
    delta_softplus: bool = False,
    backend: str = "auto",
) -> Any:
    """Mamba's selective scan: ``x_t = exp(Δ_t A)·x_{t-1} + Δ_t B_t u_t``, ``y_t = C_t·x_t``.

    Same shapes and semantics as ``selective_scan_ref`` in mamba_ssm (real ``A``;
    no ``return_last_state``).  With ``Δ = softplus(delta + delta_bias)`` (the
    bias and the softplus each optional), per batch b, channel c and state k::

        x_t[k] = exp(Δ_t·A[c, k])·x_{t-1}[k] + Δ_t·B_t[k]·u_t      x_{-1} = 0
        out_t  = (Σ_k C_t[k]·x_t[k] + D[c]·u_t) · silu(z_t)

    The discretisation is Mamba's: zero-order hold for ``A``
    (``Ā = exp(ΔA)``) and an Euler step for ``B`` (``B̄u = ΔBu``).

    Parameters
    ----------
    u : array_like (NumPy or CuPy), shape (batch, d, L)
        The input: d channels of length L.
    delta : array_like, shape (batch, d, L)
        The step sizes Δ (before ``delta_bias`` and ``softplus``).
    A : array_like, shape (d, n)
        The diagonal state matrix of each channel (real; negative for a stable model).
    B, C : array_like, shape (d, n), (batch, n, L) or (batch, G, n, L)
        Input and output matrices: fixed per channel, input-dependent and shared
        by all channels, or input-dependent per group of ``d // G`` consecutive
        channels (G must divide d).
    D : array_like, shape (d,), optional
        Skip connection: ``D[c]·u`` is added to ``y``.
    z : array_like, shape (batch, d, L), optional
        Gate: the output is multiplied by ``silu(z) = z·sigmoid(z)``.
    delta_bias : array_like, shape (d,), optional
        Added to ``delta`` before the softplus.
    delta_softplus : bool, default False
        Apply ``softplus`` to ``delta + delta_bias`` (``x`` itself for ``x > 20``,
        as PyTorch's ``F.softplus``).
    backend : {'auto', 'numpy', 'cpu', 'cuda'}, default 'auto'
        See :mod:`gpu.backend`.

    Returns
    -------
    ndarray, shape (batch, d, L)
        ``float32`` when every array argument is ``float32``, else ``float64``;
        NumPy or CuPy like the inputs.  The ``'numpy'`` reference computes in
        ``float64``; ``'cpu'`` and ``'cuda'`` in the result dtype.

    Raises
    ------
    TypeError
        An array argument is not real-valued (bool, ``float16``, complex, text),
        ``delta_softplus`` is not a bool, or ``backend`` is not a string.
    ValueError
        Shapes are inconsistent (the message names the argument and the shape
        it must have), or ``backend`` is unknown or unavailable.

    Notes
    -----
    O(batch·d·L·n) time; O(batch·d·n) memory for the state besides the output.
    Parallel over the ``batch·d`` rows, sequential over L.  Inputs are never
    modified.  NaN and inf propagate (backends may then differ in which of the
    two they produce).

    Examples
    --------
    One channel with one state and ``A = log(1/2)``, so that with ``Δ = 1`` the
    state halves every step before the input is added (an exponential moving
    sum):

    >>> import numpy as np
    >>> u = np.array([[[4.0, 0.0, 0.0, 2.0]]])
    >>> delta = np.ones_like(u)
    >>> A = np.array([[np.log(0.5)]])
    >>> B = C = np.array([[1.0]])
    >>> selective_scan(u, delta, A, B, C)
    array([[[4. , 2. , 1. , 2.5]]])

    The skip connection adds ``D·u``:

    >>> selective_scan(u, delta, A, B, C, D=np.array([1.0]), backend="numpy")
    array([[[8. , 2. , 1. , 4.5]]])
    """
    xp = array_module(u, delta, A, B, C, D, z, delta_bias)
    backend = pick_backend(backend, xp)
    u = as_float_array(u, "u", xp)
    delta = as_float_array(delta, "delta", xp)
    A = as_float_array(A, "A", xp)
    B = as_float_array(B, "B", xp)
    C = as_float_array(C, "C", xp)
    D = None if D is None else as_float_array(D, "D", xp)
    z = None if z is None else as_float_array(z, "z", xp)
    delta_bias = None if delta_bias is None else as_float_array(delta_bias, "delta_bias", xp)
    if not isinstance(delta_softplus, (bool, np.bool_)):
        raise TypeError(f"delta_softplus must be a bool, got {describe(delta_softplus)}")

    require_ndim(u, "u", 3, "3-D (batch, d, L)")
    batch, d, L = shape = tuple(u.shape)
    _check_same_shape(delta, "delta", shape, "(batch, d, L) like u")
    require_ndim(A, "A", 2, f"2-D (d, n) with d = {d}")
    if A.shape[0] != d:
        raise ValueError(f"A must have shape (d, n) with d = {d} (from u), got {tuple(A.shape)}")
    n = A.shape[1]
    _check_BC(B, "B", batch, d, n, L)
    _check_BC(C, "C", batch, d, n, L)
    if D is not None:
        _check_same_shape(D, "D", (d,), "(d,)")
    if z is not None:
        _check_same_shape(z, "z", shape, "(batch, d, L) like u")
    if delta_bias is not None:
        _check_same_shape(delta_bias, "delta_bias", (d,), "(d,)")

    arrays = [v for v in (u, delta, A, B, C, D, z, delta_bias) if v is not None]
    dtype = float_result_dtype(*arrays)
    if batch * d * L == 0:  # nothing to scan (and d = 0 would leave no channel groups)
        return xp.zeros(shape, dtype=dtype)

    if backend == "numpy":
        host = [None if v is None else to_backend(v, backend) for v in (u, delta, A, B, C, D, z)]
        bias = None if delta_bias is None else to_backend(delta_bias, backend)
        return from_backend(_selective_scan_numpy(*host, bias, delta_softplus, dtype), xp)

    # The compiled kernels take one signature: every array present, in the result
    # dtype, C-contiguous, B and C states-last; flags say which optional parts apply.
    has_D, has_z = D is not None, z is not None
    D, z, delta_bias = _fill_optional(D, z, delta_bias, d, dtype, xp)
    B, C = _states_last(B, xp), _states_last(C, xp)
    u, delta, A, B, C, D, z, delta_bias = (
        to_backend(xp.ascontiguousarray(v.astype(dtype, copy=False)), backend)
        for v in (u, delta, A, B, C, D, z, delta_bias)
    )
    out = _COMPILED[backend](
        u, delta, A, B, C, D, z, delta_bias, bool(delta_softplus), has_D, has_z, dtype
    )
    return from_backend(out, xp)
