"""Structured state spaces (S4): HiPPO-LegS, discretisation, and the convolutional and
recurrent views of one discrete state-space model."""

from __future__ import annotations

import numpy as np


def hippo_legs(N: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the HiPPO-LegS state matrices ``(A, B)`` of size ``N``.

    For ``n, k = 0, ..., N - 1``::

        A[n, k] = -sqrt(2n + 1)·sqrt(2k + 1)   if n > k
                  -(n + 1)                     if n = k
                  0                            if n < k
        B[n]    = sqrt(2n + 1)

    ``A`` has shape ``(N, N)`` and ``B`` shape ``(N,)``, both ``float64``.

    Constraints
    -----------
    - ``N`` is an int, ``1 <= N <= 100``.

    Accuracy: every entry within a relative ``1e-14`` of the formula.

    Errors (contract)
    -----------------
    ``N < 1`` → ``ValueError``; ``N`` not an int (``2.0``, ``"3"``, ``True``)
    → ``TypeError``.  Also checked as contract: both arrays are ``float64``.

    Examples
    --------
    >>> A, B = hippo_legs(3)
    >>> float(A[2, 0]), float(A[2, 2])
    (-2.23606797749979, -3.0)
    >>> bool(np.all(np.triu(A, 1) == 0))  # zero above the diagonal
    True
    >>> B.round(4)
    array([1.    , 1.7321, 2.2361])

    Complexity
    ----------
    ``O(N^2)`` time and memory.

    Hint: an outer product of one vector with itself, its strict lower triangle.
    """
    raise NotImplementedError


def discretize(
    A: np.ndarray, B: np.ndarray, dt: float, method: str = "zoh"
) -> tuple[np.ndarray, np.ndarray]:
    """Discretise ``x'(t) = A x(t) + B u(t)`` with step ``dt``: return ``(A_bar, B_bar)``.

    The discrete system is ``x_k = A_bar x_{k-1} + B_bar u_k``.

    - ``method='zoh'`` (zero-order hold: ``u`` constant over each step):
      ``A_bar = exp(A·dt)`` (the matrix exponential) and
      ``B_bar = ∫_0^dt exp(A·s) ds · B``.  ``A`` need not be invertible.
    - ``method='bilinear'`` (Tustin):
      ``A_bar = (I - dt/2·A)^(-1) (I + dt/2·A)`` and ``B_bar = (I - dt/2·A)^(-1) dt·B``.

    ``A_bar`` has the shape of ``A``, ``B_bar`` the shape of ``B``.

    Constraints
    -----------
    - ``A`` is a ``float64`` array of shape ``(N, N)``, ``1 <= N <= 16``,
      entries ``|A[i, j]| <= 50``; it may be singular (``A = 0`` is allowed).
    - ``B`` is a ``float64`` array of shape ``(N,)`` or ``(N, M)``, ``M <= 4``,
      entries ``|B| <= 10``.
    - ``dt`` is a float, ``10^-3 <= dt <= 1``; for ``'bilinear'``,
      ``I - dt/2·A`` is invertible.
    - ``method`` is ``'zoh'`` or ``'bilinear'``.  The inputs must not be modified.

    Accuracy: ``A_bar`` within ``rtol = 1e-9`` (plus ``atol = 1e-12``) of the
    exact matrices and ``B_bar`` within ``rtol = 1e-7`` (``atol = 1e-10``)
    for ``'zoh'``; both within ``rtol = 1e-10`` for ``'bilinear'``.
    ``scipy.linalg`` may be used.

    Errors (contract)
    -----------------
    An unknown ``method``, ``dt <= 0`` or not finite, a non-square ``A``, a
    ``B`` whose first dimension is not N, non-finite entries, or a singular
    ``I - dt/2·A`` for ``'bilinear'`` → ``ValueError``; ``dt`` not a number,
    ``method`` not a string, a ``bool`` array → ``TypeError``.  Also checked as
    contract: ``float32`` inputs give ``float32`` results.

    Examples
    --------
    The scalar system ``x' = -x + u``, ``dt = 0.5``: ``A_bar = e^(-1/2)``,
    ``B_bar = 1 - e^(-1/2)``.

    >>> A_bar, B_bar = discretize(np.array([[-1.0]]), np.array([1.0]), 0.5)
    >>> round(float(A_bar[0, 0]), 8), round(float(B_bar[0]), 8)
    (0.60653066, 0.39346934)
    >>> A_bar, B_bar = discretize(np.array([[-1.0]]), np.array([1.0]), 0.5, method="bilinear")
    >>> round(float(A_bar[0, 0]), 12), round(float(B_bar[0]), 12)
    (0.6, 0.4)

    Complexity
    ----------
    ``O((N + M)^3)`` time, ``O((N + M)^2)`` memory.

    Hint: ``exp`` of the block matrix ``[[A, B], [0, 0]]·dt`` holds ``A_bar`` and ``B_bar``.
    """
    raise NotImplementedError


def ssm_kernel(A: np.ndarray, B: np.ndarray, C: np.ndarray, L: int) -> np.ndarray:
    """Return the convolution kernel ``K = (C·B, C·A·B, C·A²·B, ...)`` of length ``L``.

    ``A`` and ``B`` are the *discrete* matrices (``A_bar``, ``B_bar`` of
    :func:`discretize`): ``K[j] = C · A^j · B`` for ``j = 0, ..., L - 1``, an
    array of shape ``(L,)``.

    Constraints
    -----------
    - ``A``: ``float64``, shape ``(N, N)``, ``1 <= N <= 16``, from
      :func:`discretize` of a stable system (powers of ``A`` do not blow up).
    - ``B`` and ``C``: ``float64``, shape ``(N,)``, entries ``|·| <= 10``.
    - ``L`` is an int, ``1 <= L <= 256``.  The inputs must not be modified.

    Accuracy: within ``rtol = 1e-9`` (plus ``atol = 1e-12``) of ``C · A^j · B``.

    Errors (contract)
    -----------------
    ``L < 1``, a non-square ``A``, ``B`` or ``C`` not a vector of length N,
    non-finite entries → ``ValueError``; ``L`` not an int → ``TypeError``.
    Also checked as contract: all-``float32`` inputs give a ``float32`` kernel.

    Examples
    --------
    >>> ssm_kernel(np.array([[0.5]]), np.array([1.0]), np.array([2.0]), 4)
    array([2.  , 1.  , 0.5 , 0.25])

    Complexity
    ----------
    ``O(L·N^2)`` time (L matrix-vector products), ``O(L + N^2)`` memory.

    Hint: never form ``A^j``; carry the vector ``A^j·B`` from one j to the next.
    """
    raise NotImplementedError


def ssm_convolve(u: np.ndarray, K: np.ndarray) -> np.ndarray:
    """Return the causal convolution ``y[..., t] = Σ_{j <= t} K[..., j] · u[..., t - j]``.

    Time is the last axis; ``u`` has shape ``(..., L)`` and ``K`` has shape
    ``(L,)`` (one kernel for every sequence) or the shape of ``u``.  The
    result has the shape of ``u``.

    Constraints
    -----------
    - ``u``: ``float64``, shape ``(..., L)`` with at most 2 leading axes,
      ``1 <= L <= 256``, ``|u| <= 10``.
    - ``K``: ``float64``, shape ``(L,)`` or ``u.shape``, ``|K| <= 10^3``.
    - The inputs must not be modified.

    Accuracy: each output within ``1e-12·(1 + Σ|u|·max|K|)`` of the exact
    sum (the sum of ``|u|`` over the whole array), or ``1e-6`` relative to the
    largest output when ``K`` comes from :func:`ssm_kernel`.

    Errors (contract)
    -----------------
    ``u`` and ``K`` of different lengths, ``L = 0``, 0-d input, shapes that
    do not broadcast, non-finite entries → ``ValueError``; text or ``bool``
    input → ``TypeError``.  Also checked as contract: ``float32`` in gives
    ``float32`` out.

    Examples
    --------
    >>> ssm_convolve(np.array([1.0, 0.0, 0.0, 2.0]), np.array([1.0, 0.5, 0.25, 0.125])).round(12)
    array([1.   , 0.5  , 0.25 , 2.125])

    Complexity
    ----------
    Aim for ``O(L log L)`` per sequence (the FFT, zero-padded to at least
    ``2L`` points so that the circular convolution is the linear one).

    Hint: ``np.fft.rfft`` both, multiply, ``np.fft.irfft``, keep the first L values.
    """
    raise NotImplementedError


def ssm_recurrent(A_bar: np.ndarray, B_bar: np.ndarray, C: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Run the discrete SSM step by step and return its outputs ``y``, shape of ``u``.

    From the zero state ``x_{-1} = 0``, for ``k = 0, ..., L - 1``::

        x_k = A_bar · x_{k-1} + B_bar · u[..., k]
        y[..., k] = C · x_k

    Time is the last axis of ``u``; leading axes are independent sequences.
    The result equals ``ssm_convolve(u, ssm_kernel(A_bar, B_bar, C, L))``.

    Constraints
    -----------
    - ``A_bar``: ``float64``, shape ``(N, N)``, ``1 <= N <= 16``, from
      :func:`discretize` of a stable system.
    - ``B_bar``, ``C``: ``float64``, shape ``(N,)``, entries ``|·| <= 10``.
    - ``u``: ``float64``, shape ``(..., L)`` with at most 2 leading axes,
      ``1 <= L <= 256``, ``|u| <= 10``.  The inputs must not be modified.

    Accuracy: each output within ``rtol = 1e-9`` (plus ``atol = 1e-9``) of
    the exact recurrence.

    Errors (contract)
    -----------------
    Shapes that do not match, ``L = 0``, 0-d ``u``, non-finite entries →
    ``ValueError``; text or ``bool`` input → ``TypeError``.  Also checked as
    contract: all-``float32`` inputs give ``float32`` outputs.

    Examples
    --------
    >>> ssm_recurrent(np.array([[0.5]]), np.array([1.0]), np.array([2.0]),
    ...               np.array([1.0, 0.0, 0.0, 2.0]))
    array([2.  , 1.  , 0.5 , 4.25])

    Complexity
    ----------
    ``O(L·N^2)`` time per sequence, ``O(N)`` state per sequence besides the output.

    Hint: keep the states of all sequences in one ``(..., N)`` array and step it L times.
    """
    raise NotImplementedError
