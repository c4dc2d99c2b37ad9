"""Structured state spaces (S4): HiPPO-LegS, discretisation, and the two views of an SSM.

The model.  A linear state-space model maps an input signal ``u(t)`` to an
output ``y(t)`` through an N-dimensional state ``x(t)``::

    x'(t) = A x(t) + B u(t),      y(t) = C x(t).

HiPPO-LegS (Gu et al., 2020) chooses ``A`` and ``B`` so that ``x(t)`` holds
the coefficients of the best approximation of the *whole history*
``u(s), s ≤ t`` by Legendre polynomials stretched over ``[0, t]``.  Its
closed form, for ``n, k = 0 … N−1``::

    A[n, k] = −√(2n+1)·√(2k+1)   if n > k
              −(n + 1)            if n = k
              0                   if n < k
    B[n]    = √(2n+1)

Discretisation.  Sampling with step ``dt`` turns the ODE into a recurrence
``x_k = Ā x_{k−1} + B̄ u_k``:

* zero-order hold (``'zoh'``; ``u`` constant across each step):
  ``Ā = exp(A·dt)`` and ``B̄ = ∫₀^dt exp(A·s) ds · B``.  Both come from one
  matrix exponential (Van Loan, 1978)::

      exp( [[A, B], [0, 0]] · dt ) = [[Ā, B̄], [0, I]]

  so ``A`` need not be invertible.  The exponential is a scaling-and-squaring
  Padé approximant (Higham, 2005) written here in NumPy; SciPy is not needed
  at run time;
* bilinear (``'bilinear'``, Tustin; S4's choice):
  ``Ā = (I − dt/2·A)⁻¹ (I + dt/2·A)`` and ``B̄ = (I − dt/2·A)⁻¹ dt·B``.

The two views of the discrete SSM (S4, Gu et al., 2022).  With ``x_{−1} = 0``
the recurrence unrolls to ``y_k = Σ_{j≤k} C Āʲ B̄ · u_{k−j}``:

* the **recurrent view** (:func:`ssm_recurrent`) steps the state:
  O(L·N²) work and L sequential steps — the right shape for generation;
* the **convolutional view** (:func:`ssm_kernel`, :func:`ssm_convolve`) first
  builds the kernel ``K = (C B̄, C Ā B̄, …, C Ā^{L−1} B̄)`` and then computes
  the causal convolution ``y = K * u`` with the FFT, zero-padded to at least
  2L points so that the FFT's circular convolution equals the linear one on
  the first L outputs: O(L log L) and fully parallel — the right shape for
  training.  (S4 builds K in near-linear time through a Cauchy kernel; here
  K is formed by L matrix–vector products, O(L·N²), which is plain and exact.)

They compute the same ``y``; the tests check it for random stable systems.

Conventions: inputs are NumPy or CuPy arrays (CuPy in → CuPy out); the work
is done in ``float64``; results are ``float32`` only if every array input was
``float32``.  All inputs must be finite: a NaN would not even stay causal in
the FFT view, where it reaches every output.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np

from gpu._validate import (
    as_float_array,
    float_result_dtype,
    require_finite,
    require_int,
    require_positive_real,
)
from gpu.backend import array_module

__all__ = ["discretize", "hippo_legs", "ssm_convolve", "ssm_kernel", "ssm_recurrent"]


def _checked(x: Any, name: str, xp: ModuleType) -> Any:
    """A finite float array (``float32``/``float64``; integers promoted)."""
    arr = as_float_array(x, name, xp)
    require_finite(arr, name, xp)
    return arr


def _require_square(A: Any, name: str) -> int:
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise ValueError(f"{name} must be a square N×N matrix, got shape {tuple(A.shape)}")
    return int(A.shape[0])


def _require_vector(v: Any, name: str, N: int, matrix: str) -> None:
    if v.shape != (N,):
        raise ValueError(
            f"{name} must be a vector of length N = {N} (the size of {matrix}), "
            f"got shape {tuple(v.shape)}"
        )


# ---------------------------------------------------------------------------
# HiPPO-LegS
# ---------------------------------------------------------------------------


def hippo_legs(N: int) -> tuple[np.ndarray, np.ndarray]:
    """The HiPPO-LegS state matrices ``(A, B)`` of size N, in closed form.

    Parameters
    ----------
    N : int
        State size, ``N >= 1``.

    Returns
    -------
    A : ndarray, shape (N, N), float64
        ``A[n, k] = −√(2n+1)√(2k+1)`` below the diagonal, ``−(n+1)`` on it, 0 above.
    B : ndarray, shape (N,), float64
        ``B[n] = √(2n+1)``.

    Raises
    ------
    TypeError
        ``N`` is not an integer.
    ValueError
        ``N < 1``.

    Notes
    -----
    O(N²) time and memory.  ``A`` is lower triangular, so its eigenvalues are
    its diagonal ``−1, −2, …, −N``: the continuous system is stable.

    Examples
    --------
    >>> A, B = hippo_legs(3)
    >>> A.round(4)
    array([[-1.    ,  0.    ,  0.    ],
           [-1.7321, -2.    ,  0.    ],
           [-2.2361, -3.873 , -3.    ]])
    >>> B.round(4)
    array([1.    , 1.7321, 2.2361])
    """
    N = require_int(N, "N", minimum=1)
    n = np.arange(N)
    root = np.sqrt(2.0 * n + 1.0)  # √(2n+1), shared by A and B
    A = -np.tril(np.outer(root, root), k=-1) - np.diag(n + 1.0)
    return A, root.copy()


# ---------------------------------------------------------------------------
# Discretisation: matrix exponential by scaling and squaring
# ---------------------------------------------------------------------------


def _pade_coefficients(m: int) -> list[float]:
    """Coefficients of the numerator p of the [m/m] Padé approximant of eˣ.

    ``p(x) = Σ_j c_j xʲ`` with ``c_j = (2m−j)!·m! / ((2m)!·j!·(m−j)!)``; the
    denominator is ``p(−x)``.
    """
    f = math.factorial
    return [f(2 * m - j) * f(m) / (f(2 * m) * f(j) * f(m - j)) for j in range(m + 1)]


_PADE_13 = _pade_coefficients(13)
# Higham (2005), Table 2.3: for ‖X‖₁ ≤ θ₁₃ the [13/13] approximant is accurate
# to double precision; larger matrices are scaled by 2^−s first.
_THETA_13 = 5.371920351148152


def _expm(M: Any, xp: ModuleType) -> Any:
    """``exp(M)`` for a square float64 matrix: scaling and squaring with a [13/13] Padé.

    exp(M) = exp(M / 2ˢ)^(2ˢ): scale M until its 1-norm is at most θ₁₃,
    approximate by r = p/q evaluated with 6 products and 1 solve (the even and
    odd powers share X², X⁴, X⁶), then square s times.  O(N³ (7 + s)).
    """
    norm = float(xp.abs(M).sum(axis=0).max()) if M.size else 0.0
    s = max(0, math.ceil(math.log2(norm / _THETA_13))) if norm > _THETA_13 else 0
    X = M / 2.0**s
    c = _PADE_13
    eye = xp.eye(M.shape[0], dtype=M.dtype)
    X2 = X @ X
    X4 = X2 @ X2
    X6 = X4 @ X2
    # p(X) = V + U and q(X) = p(−X) = V − U, with U the odd and V the even terms.
    odd = X6 @ (c[13] * X6 + c[11] * X4 + c[9] * X2) + c[7] * X6 + c[5] * X4 + c[3] * X2
    U = X @ (odd + c[1] * eye)
    V = X6 @ (c[12] * X6 + c[10] * X4 + c[8] * X2) + c[6] * X6 + c[4] * X4 + c[2] * X2 + c[0] * eye
    E = xp.linalg.solve(V - U, V + U)
    for _ in range(s):
        E = E @ E
    return E


def discretize(A: Any, B: Any, dt: float, method: str = "zoh") -> tuple[Any, Any]:
    """Discretise ``x' = A x + B u`` with step ``dt``: return ``(A_bar, B_bar)``.

    Parameters
    ----------
    A : array_like, shape (N, N)
        Continuous state matrix (NumPy or CuPy).
    B : array_like, shape (N,) or (N, M)
        Continuous input matrix.
    dt : float
        Step size, positive and finite.
    method : {'zoh', 'bilinear'}, default 'zoh'
        ``'zoh'``: ``Ā = exp(A dt)``, ``B̄ = ∫₀^dt exp(A s) ds B`` (Van Loan's
        block exponential).  ``'bilinear'``: ``Ā = (I − dt/2 A)⁻¹(I + dt/2 A)``,
        ``B̄ = (I − dt/2 A)⁻¹ dt B``.

    Returns
    -------
    A_bar, B_bar : ndarray
        Shapes of ``A`` and ``B``; ``float32`` only if both inputs are.

    Raises
    ------
    TypeError
        ``A``, ``B`` not real arrays, ``dt`` not a real number, ``method`` not a string.
    ValueError
        ``A`` not square, ``B`` not of length N, non-finite entries,
        ``dt <= 0``, an unknown ``method``, or (bilinear) ``I − dt/2·A`` singular.

    Notes
    -----
    O((N + M)³) time, O((N + M)²) memory.

    Examples
    --------
    The scalar system x' = −x + u: Ā = e^(−dt), B̄ = 1 − e^(−dt).

    >>> import numpy as np
    >>> A_bar, B_bar = discretize(np.array([[-1.0]]), np.array([1.0]), dt=0.5)
    >>> float(A_bar[0, 0]), float(B_bar[0])
    (0.60653066, 0.39346934)
    >>> A_bar, B_bar = discretize(np.array([[-1.0]]), np.array([1.0]), 0.5, method="bilinear")
    >>> float(A_bar[0, 0]), float(B_bar[0])
    (0.6, 0.4)
    """
    xp = array_module(A, B)
    A = _checked(A, "A", xp)
    B = _checked(B, "B", xp)
    N = _require_square(A, "A")
    if B.ndim not in (1, 2) or B.shape[0] != N:
        raise ValueError(
            f"B must have shape (N,) or (N, M) with N = {N} (the size of A), "
            f"got shape {tuple(B.shape)}"
        )
    dt = require_positive_real(dt, "dt")
    if not isinstance(method, str):
        raise TypeError(f"method must be 'zoh' or 'bilinear', got {method!r}")
    dtype = float_result_dtype(A, B)
    A64 = A.astype(np.float64)
    B64 = B.reshape(N, -1).astype(np.float64)  # columns of B, (N, M)
    M = B64.shape[1]
    eye = xp.eye(N)

    if method == "zoh":
        block = xp.zeros((N + M, N + M))
        block[:N, :N] = A64 * dt
        block[:N, N:] = B64 * dt
        E = _expm(block, xp)
        A_bar, B_bar = E[:N, :N], E[:N, N:]
    elif method == "bilinear":
        left = eye - dt / 2 * A64
        try:
            A_bar = xp.linalg.solve(left, eye + dt / 2 * A64)
            B_bar = xp.linalg.solve(left, dt * B64)
        except np.linalg.LinAlgError:
            raise ValueError(
                f"I - dt/2·A is singular for dt = {dt} (A has the eigenvalue 2/dt); "
                "the bilinear transform is undefined"
            ) from None
    else:
        raise ValueError(f"method must be 'zoh' or 'bilinear', got {method!r}")
    return (
        xp.ascontiguousarray(A_bar, dtype=dtype),
        xp.ascontiguousarray(B_bar.reshape(B.shape), dtype=dtype),
    )


# ---------------------------------------------------------------------------
# The two views of the discrete SSM
# ---------------------------------------------------------------------------


def ssm_kernel(A: Any, B: Any, C: Any, L: int) -> Any:
    """The SSM convolution kernel ``K = (C B̄, C Ā B̄, …, C Ā^{L−1} B̄)``.

    ``A`` and ``B`` are the *discrete* ``Ā`` and ``B̄`` (from :func:`discretize`);
    the parameter names follow the public contract.

    Parameters
    ----------
    A : array_like, shape (N, N)
        Discrete state matrix Ā.
    B : array_like, shape (N,)
        Discrete input vector B̄ (single input).
    C : array_like, shape (N,)
        Output vector (single output).
    L : int
        Kernel length, ``L >= 1``.

    Returns
    -------
    ndarray, shape (L,)
        ``K[k] = C · Āᵏ · B̄``; ``float32`` only if A, B and C all are.

    Raises
    ------
    TypeError
        Arrays not real, ``L`` not an integer.
    ValueError
        Shapes do not match, non-finite entries, ``L < 1``.

    Notes
    -----
    O(L·N²) time (L matrix–vector products), O(L·N) memory.

    Examples
    --------
    >>> import numpy as np
    >>> ssm_kernel(np.array([[0.5]]), np.array([1.0]), np.array([2.0]), 4)
    array([2.  , 1.  , 0.5 , 0.25])
    """
    xp = array_module(A, B, C)
    A = _checked(A, "A", xp)
    B = _checked(B, "B", xp)
    C = _checked(C, "C", xp)
    N = _require_square(A, "A")
    _require_vector(B, "B", N, "A")
    _require_vector(C, "C", N, "A")
    L = require_int(L, "L", minimum=1)
    dtype = float_result_dtype(A, B, C)
    A64, v = A.astype(np.float64), B.astype(np.float64)
    powers = xp.empty((L, N))  # row k is Āᵏ B̄
    for k in range(L):
        powers[k] = v
        v = A64 @ v
    return (powers @ C.astype(np.float64)).astype(dtype)


def ssm_convolve(u: Any, K: Any) -> Any:
    """Causal convolution ``y_k = Σ_{j≤k} K_j · u_{k−j}`` along the last axis, by FFT.

    Parameters
    ----------
    u : array_like, shape (..., L)
        Input sequences (NumPy or CuPy), ``L >= 1``.
    K : array_like, shape (..., L)
        Kernel, e.g. from :func:`ssm_kernel`; broadcast against ``u``'s leading axes.

    Returns
    -------
    ndarray
        The broadcast shape of ``u`` and ``K``; ``float32`` only if both are.

    Raises
    ------
    TypeError
        ``u`` or ``K`` not a real array.
    ValueError
        0-d input, ``L = 0``, lengths that differ, shapes that do not
        broadcast, or non-finite entries.

    Notes
    -----
    Zero-padding to n ≥ 2L (a power of two) makes the FFT's circular
    convolution equal to the linear one on the first L outputs.
    O(L log L) time and O(L) memory per sequence.

    Examples
    --------
    >>> import numpy as np
    >>> ssm_convolve(np.array([1.0, 0.0, 0.0, 2.0]), np.array([1.0, 0.5, 0.25, 0.125])).round(12)
    array([1.   , 0.5  , 0.25 , 2.125])
    """
    xp = array_module(u, K)
    u = _checked(u, "u", xp)
    K = _checked(K, "K", xp)
    if u.ndim == 0 or K.ndim == 0:
        raise ValueError("u and K must have at least one axis (time is the last axis)")
    L = u.shape[-1]
    if L == 0 or K.shape[-1] != L:
        raise ValueError(
            f"u and K must have the same length L >= 1 along the last axis, "
            f"got {u.shape[-1]} and {K.shape[-1]}"
        )
    try:
        np.broadcast_shapes(u.shape, K.shape)
    except ValueError:
        raise ValueError(
            f"u and K must broadcast, got shapes {tuple(u.shape)} and {tuple(K.shape)}"
        ) from None
    dtype = float_result_dtype(u, K)
    n = 1 << (2 * L - 1).bit_length()  # a power of two >= 2L
    spectrum = xp.fft.rfft(u.astype(np.float64), n=n) * xp.fft.rfft(K.astype(np.float64), n=n)
    return xp.ascontiguousarray(xp.fft.irfft(spectrum, n=n)[..., :L], dtype=dtype)


def ssm_recurrent(A_bar: Any, B_bar: Any, C: Any, u: Any) -> Any:
    """Run the discrete SSM step by step: ``x_k = Ā x_{k−1} + B̄ u_k``, ``y_k = C x_k``.

    Parameters
    ----------
    A_bar : array_like, shape (N, N)
        Discrete state matrix.
    B_bar : array_like, shape (N,)
        Discrete input vector (single input).
    C : array_like, shape (N,)
        Output vector (single output).
    u : array_like, shape (..., L)
        Input sequences, ``L >= 1``; leading axes are independent sequences.

    Returns
    -------
    ndarray, shape of ``u``
        The outputs ``y``, from the zero state ``x_{−1} = 0``; ``float32``
        only if every input is.

    Raises
    ------
    TypeError
        Arrays not real.
    ValueError
        Shapes do not match, ``u`` is 0-d or has ``L = 0``, non-finite entries.

    Notes
    -----
    O(L·N²) time per sequence, L sequential steps; O(N) state memory per
    sequence plus the output.  Agrees with
    ``ssm_convolve(u, ssm_kernel(A_bar, B_bar, C, L))``.

    Examples
    --------
    >>> import numpy as np
    >>> ssm_recurrent(np.array([[0.5]]), np.array([1.0]), np.array([2.0]),
    ...               np.array([1.0, 0.0, 0.0, 2.0]))
    array([2.  , 1.  , 0.5 , 4.25])
    """
    xp = array_module(A_bar, B_bar, C, u)
    A_bar = _checked(A_bar, "A_bar", xp)
    B_bar = _checked(B_bar, "B_bar", xp)
    C = _checked(C, "C", xp)
    u = _checked(u, "u", xp)
    N = _require_square(A_bar, "A_bar")
    _require_vector(B_bar, "B_bar", N, "A_bar")
    _require_vector(C, "C", N, "A_bar")
    if u.ndim == 0 or u.shape[-1] == 0:
        raise ValueError(f"u must have shape (..., L) with L >= 1, got {tuple(u.shape)}")
    dtype = float_result_dtype(A_bar, B_bar, C, u)
    A_t = A_bar.astype(np.float64).T  # x @ Āᵀ is Ā x for every row x at once
    B64, C64, u64 = B_bar.astype(np.float64), C.astype(np.float64), u.astype(np.float64)
    x = xp.zeros((*u.shape[:-1], N))
    y = xp.empty(u.shape)
    for k in range(u.shape[-1]):
        x = x @ A_t + u64[..., k, None] * B64
        y[..., k] = x @ C64
    return y.astype(dtype)
