"""Quadratic functions: their shape, their minimum, and two ways to walk down to it.

The problem
-----------
A quadratic function of ``x ∈ Rⁿ`` is

    f(x) = xᵀAx + bᵀx + c            (no factor ½ in front of xᵀAx).

Only the symmetric part of ``A`` matters: ``xᵀAx`` is a number, so it equals
its own transpose ``xᵀAᵀx``, and therefore ``xᵀAx = xᵀSx`` with

    S = (A + Aᵀ)/2.

Every routine here symmetrises first.  Forgetting to is the classic mistake:
``A = [[1, 4], [0, 1]]`` has the eigenvalues 1, 1 and looks "positive", but
``S = [[1, 2], [2, 1]]`` has the eigenvalues 3 and -1, and ``f`` is a saddle.

The shape: eigenvalues of S
---------------------------
``S = QΛQᵀ`` with ``Q`` orthogonal, so in the rotated coordinates ``y = Qᵀx``
the quadratic part is ``Σ λᵢ yᵢ²``: a bowl along eigenvectors with ``λᵢ > 0``,
a ridge along those with ``λᵢ < 0`` and flat along those with ``λᵢ = 0``.
:func:`classify_quadratic` names the five cases.  Round-off makes "exactly
zero" meaningless for computed eigenvalues, so an eigenvalue counts as zero
when ``|λ| <= RTOL · max|λ|`` with ``RTOL = 1e-10`` (a computed eigenvalue is
off by about ``n · 2⁻⁵² · max|λ|``, far below that).

The minimum
-----------
The gradient is ``∇f(x) = 2Sx + b`` and the Hessian is ``2S``.

* ``S`` positive definite: the unique minimiser solves ``2Sx = -b``, i.e.
  ``x* = -½ S⁻¹b``.  We factor ``S = LLᵀ`` (Cholesky, ``n³/3`` flops, half the
  cost of the LU factorisation behind ``numpy.linalg.solve``) and substitute.
* ``S`` positive semidefinite and singular: ``f`` is flat along the null space
  of ``S``.  If ``b`` has a component along it, ``f`` falls linearly forever;
  if not (``b ∈ range(S)``), every point of an affine subspace is a minimiser
  and we return the one of minimum norm, the least-squares solution
  ``x* = -½ S⁺b`` (``S⁺`` the pseudo-inverse, computed from the eigenvectors).
* any negative eigenvalue: ``f → -∞`` along its eigenvector.

:func:`minimize_quadratic` raises ``ValueError`` saying which of these made
``f`` unbounded below.

Walking down: gradient descent and conjugate gradients
------------------------------------------------------
:func:`gradient_descent` steps ``x ← x - lr·∇f(x)``.  With ``lr = 1/L``, ``L`` the
largest eigenvalue of the Hessian ``2S``, each step multiplies the error along
eigenvector ``i`` by ``1 - λᵢ/λ_max``: fast along steep directions, slow along
flat ones, ``O(κ log(1/tol))`` steps for the condition number ``κ``.

:func:`conjugate_gradient` chooses each new direction ``S``-conjugate to all the
previous ones (``pᵢᵀSpⱼ = 0``), so a minimisation along one direction is never
undone by a later one: iterate ``k`` minimises ``f`` over ``x0`` plus the
``k``-dimensional Krylov space spanned by ``r0, Hr0, H²r0, ...`` (``H = 2S``),
and after at most ``n`` steps that is all of ``Rⁿ``.  In floating point it
usually needs far fewer, ``O(√κ log(1/tol))``.

Both stop when ``‖∇f(x)‖ <= tol · max(‖b‖, ‖∇f(x0)‖)``, a *relative* test: the
gradient has shrunk by the factor ``tol`` from where we started (or from the
origin, where ``∇f(0) = b``).  With ``x0 = 0`` this is exactly the test of
``scipy.sparse.linalg.cg(2S, -b, rtol=tol, atol=0)``.

Complexity
----------
``classify_quadratic``: one symmetric eigenvalue computation, ``O(n³)`` time,
``O(n²)`` memory.  ``minimize_quadratic``: ``O(n³)`` -- a Cholesky factorisation
and a few ``O(n²)`` triangular solves when ``S`` is clearly positive definite,
otherwise a symmetric eigendecomposition.  ``gradient_descent``: ``O(n³)`` to
find ``L`` and check that ``f`` is bounded below, then ``O(n²)`` per step.
``conjugate_gradient``: ``O(n²)`` per step (one matrix-vector product), at most
``n`` steps.  Histories hold one length-``n`` array per iterate.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from numba import njit

from mathlab._validate import as_real_array, require_int, require_real

__all__ = [
    "RTOL",
    "classify_quadratic",
    "conjugate_gradient",
    "gradient_descent",
    "minimize_quadratic",
]

#: Relative tolerance: an eigenvalue ``λ`` of ``S`` counts as zero when
#: ``|λ| <= RTOL · max|λ|``.  The same tolerance decides whether ``b`` has a
#: component in the null space of ``S`` and whether a search direction of
#: :func:`conjugate_gradient` has zero curvature.
RTOL = 1e-10

# The fast path of minimize_quadratic accepts a Cholesky factor only when the
# estimated smallest eigenvalue clears the zero threshold by this factor; the
# estimate errs on the high side, and the margin absorbs that.
_CERTIFY_MARGIN = 1e3


# ---------------------------------------------------------------------------
# Argument checks
# ---------------------------------------------------------------------------


def _as_matrix(A: Any) -> np.ndarray:
    A = as_real_array(A, "A")
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] == 0:
        raise ValueError(f"A must be a non-empty square (n × n) matrix, got shape {A.shape}")
    return A


def _as_vector(v: Any, name: str, n: int) -> np.ndarray:
    v = as_real_array(v, name)
    if v.shape != (n,):
        raise ValueError(
            f"{name} must be a vector of length n = {n} (A is {n} × {n}), got shape {v.shape}"
        )
    return v


def _symmetric_part(A: np.ndarray) -> np.ndarray:
    # 0.5*A + 0.5*Aᵀ rather than (A + Aᵀ)/2: no overflow for entries near 1e308.
    return 0.5 * A + 0.5 * A.T


# ---------------------------------------------------------------------------
# The spectrum of S: classification and the eigenvector route to the minimum
# ---------------------------------------------------------------------------


def _signs(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks (positive, negative) of the eigenvalues that do not count as zero."""
    threshold = RTOL * np.max(np.abs(w))
    return w > threshold, w < -threshold


def _label(w: np.ndarray) -> str:
    positive, negative = _signs(w)
    has_zero = not (positive | negative).all()
    if negative.any():
        if positive.any():
            return "indefinite"
        return "negative semidefinite" if has_zero else "negative definite"
    # No negative eigenvalue.  The zero matrix lands here: it is both positive
    # and negative semidefinite, and we call it positive semidefinite.
    return "positive semidefinite" if has_zero else "positive definite"


def _spectral_minimiser(S: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(x_min_norm, eigenvalues)`` of ``f = xᵀSx + bᵀx``, or ValueError if f is unbounded below.

    ``S = UΛUᵀ``; in the coordinates ``y = Uᵀx`` the problem splits into ``n``
    one-dimensional ones, ``λᵢyᵢ² + βᵢyᵢ`` with ``β = Uᵀb``: bounded below iff
    ``λᵢ > 0``, or ``λᵢ = 0`` and ``βᵢ = 0``.  The minimiser of minimum norm
    takes ``yᵢ = -βᵢ/(2λᵢ)`` on the non-zero eigenvalues and ``yᵢ = 0`` on the
    flat ones -- the least-squares solution ``-½ S⁺b``.
    """
    w, U = np.linalg.eigh(S)
    label = _label(w)
    if label not in ("positive definite", "positive semidefinite"):
        raise ValueError(
            f"f is unbounded below: S = (A + Aᵀ)/2 is {label} (smallest eigenvalue "
            f"{w[0]:.6g} < 0), so f → -∞ along the eigenvector of that eigenvalue"
        )
    positive, _ = _signs(w)
    beta = U.T @ b
    x = -0.5 * (U[:, positive] @ (beta[positive] / w[positive]))
    # b's component in the null space is the gradient left over at x, since
    # 2Sx + b = U[:, flat] @ beta[flat].  Compare it with the size of the terms
    # of that gradient, ‖b‖ and ‖2S‖·‖x‖ -- a scale-free test.
    flat = ~positive
    b_null = float(np.linalg.norm(beta[flat]))
    scale = float(np.linalg.norm(b)) + 2.0 * float(np.max(np.abs(w))) * float(np.linalg.norm(x))
    if b_null > RTOL * scale:
        raise ValueError(
            "f is unbounded below: S = (A + Aᵀ)/2 is positive semidefinite and b has a "
            f"component of norm {b_null:.6g} in its null space, so f decreases linearly "
            "along that flat direction"
        )
    return x, w


# ---------------------------------------------------------------------------
# The Cholesky route, for the common case of a clearly positive definite S
# ---------------------------------------------------------------------------


@njit(cache=True)
def _cholesky_solve(L: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Solve ``LLᵀx = rhs`` by forward then back substitution, ``O(n²)``.

    NumPy has no triangular solver (``numpy.linalg.solve`` would factor ``L``
    again, ``O(n³)``).  Both loops walk along rows of the C-ordered ``L``.
    """
    n = L.shape[0]
    y = rhs.copy()
    for i in range(n):  # L y = rhs, row i: y_i = (rhs_i - Σ_{j<i} L_ij y_j) / L_ii
        s = y[i]
        for j in range(i):
            s -= L[i, j] * y[j]
        y[i] = s / L[i, i]
    for i in range(n - 1, -1, -1):  # Lᵀx = y: x_i is final once the rows below are done
        xi = y[i] / L[i, i]
        y[i] = xi
        for j in range(i):  # remove x_i from the equations above (column i of Lᵀ = row i of L)
            y[j] -= L[i, j] * xi
    return y


def _certified_cholesky(S: np.ndarray) -> np.ndarray | None:
    """The Cholesky factor of ``S`` if S is clearly positive definite by the RTOL rule, else None.

    Cholesky succeeding proves ``S ≻ 0`` only up to round-off: it also succeeds
    when ``λ_min`` is as small as ``1e-14·λ_max``, which :func:`classify_quadratic`
    calls semidefinite.  So we also estimate ``λ_min`` by three steps of inverse
    iteration (``v ← S⁻¹v / ‖S⁻¹v‖``, each two ``O(n²)`` triangular solves):
    ``‖S⁻¹v‖ <= 1/λ_min`` for a unit ``v``, so ``1/‖S⁻¹v‖`` is an estimate from
    above, and it is accepted only with a safety margin against
    ``‖S‖_∞ >= λ_max``.  Anything doubtful goes to the eigendecomposition.
    """
    try:
        L = np.linalg.cholesky(S)
    except np.linalg.LinAlgError:
        return None
    # A fixed pseudo-random start: almost surely not orthogonal to the eigenvectors
    # of the smallest eigenvalues (a private Generator, never NumPy's global state).
    v = np.random.default_rng(20_240_601).standard_normal(S.shape[0])
    v /= np.linalg.norm(v)
    growth = 0.0
    for _ in range(3):
        v = _cholesky_solve(L, v)
        growth = float(np.linalg.norm(v))
        if not math.isfinite(growth) or growth == 0.0:
            return None
        v /= growth
    lambda_min_estimate = 1.0 / growth
    norm_inf = float(np.max(np.sum(np.abs(S), axis=1)))
    if lambda_min_estimate > _CERTIFY_MARGIN * RTOL * norm_inf:
        return L
    return None


def _f(S: np.ndarray, b: np.ndarray, c: float, x: np.ndarray) -> float:
    return float(x @ S @ x + b @ x + c)


# ---------------------------------------------------------------------------
# Public functions
# ---------------------------------------------------------------------------


def classify_quadratic(A: Any) -> str:
    """Classify the quadratic form ``xᵀAx`` by the eigenvalues of ``S = (A + Aᵀ)/2``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A real square matrix, not necessarily symmetric; only its symmetric part
        ``S`` matters, because ``xᵀAx = xᵀSx``.

    Returns
    -------
    str
        ``'positive definite'``, ``'positive semidefinite'``,
        ``'negative definite'``, ``'negative semidefinite'`` or ``'indefinite'``.

    Raises
    ------
    TypeError
        If ``A`` does not hold real numbers.
    ValueError
        If ``A`` is not a non-empty square matrix or holds NaN or inf.

    Notes
    -----
    An eigenvalue ``λ`` of ``S`` (``numpy.linalg.eigvalsh``) counts as zero when
    ``|λ| <= RTOL · max|λ|``, ``RTOL = 1e-10``.  The zero matrix is both
    positive and negative semidefinite; it is reported as
    ``'positive semidefinite'``.

    ``O(n³)`` time, ``O(n²)`` memory.

    Examples
    --------
    >>> classify_quadratic([[2, 0], [0, 3]])
    'positive definite'
    >>> classify_quadratic([[1, 4], [0, 1]])  # S = [[1, 2], [2, 1]]: eigenvalues 3, -1
    'indefinite'
    >>> classify_quadratic([[1, 1], [1, 1]])
    'positive semidefinite'
    """
    S = _symmetric_part(_as_matrix(A))
    return _label(np.linalg.eigvalsh(S))


def minimize_quadratic(A: Any, b: Any, c: float = 0.0) -> tuple[np.ndarray, float]:
    """Minimise ``f(x) = xᵀAx + bᵀx + c`` over ``x ∈ Rⁿ``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Real square matrix; only ``S = (A + Aᵀ)/2`` matters.
    b : array_like, shape (n,)
        Linear coefficients.
    c : float, optional
        Constant term.

    Returns
    -------
    x_star : ndarray of float64, shape (n,)
        The minimiser ``-½ S⁻¹b`` when ``S`` is positive definite; when ``S`` is
        singular positive semidefinite and ``b ∈ range(S)``, the minimiser of
        least norm, ``-½ S⁺b``.
    f_star : float
        ``f(x_star)``, the minimum value.

    Raises
    ------
    ValueError
        If ``f`` is unbounded below, with the reason: ``S`` indefinite, negative
        (semi)definite, or positive semidefinite with ``b`` having a component in
        its null space.  Also for malformed input (``A`` not square, ``b`` of the
        wrong length, NaN or inf anywhere).
    TypeError
        If an argument does not hold real numbers.

    Notes
    -----
    Eigenvalues of ``S`` with ``|λ| <= RTOL · max|λ|`` count as zero, exactly as
    in :func:`classify_quadratic`; ``b`` counts as lying in ``range(S)`` when its
    null-space component is at most ``RTOL · (‖b‖ + ‖2S‖·‖x_star‖)``.

    Clearly positive definite ``S`` (the common case) takes the Cholesky route:
    ``n³/3`` flops and a few ``O(n²)`` triangular solves (three of them estimate
    the smallest eigenvalue, so that a merely semidefinite ``S`` is not treated
    as definite).  Otherwise the symmetric eigendecomposition decides, ``O(n³)``
    with a larger constant.  ``O(n²)`` memory.

    Examples
    --------
    >>> x, f = minimize_quadratic([[1, 0], [0, 2]], [-2, -8])  # x² + 2y² - 2x - 8y
    >>> x
    array([1., 2.])
    >>> f
    -9.0
    >>> minimize_quadratic([[1, 4], [0, 1]], [0, 0])
    Traceback (most recent call last):
        ...
    ValueError: f is unbounded below: S = (A + Aᵀ)/2 is indefinite (smallest eigenvalue -1 < 0), so f → -∞ along the eigenvector of that eigenvalue
    """  # noqa: E501
    A = _as_matrix(A)
    b = _as_vector(b, "b", A.shape[0])
    c = require_real(c, "c")
    S = _symmetric_part(A)
    L = _certified_cholesky(S)
    if L is not None:
        x = -0.5 * _cholesky_solve(L, b)
    else:
        x, _ = _spectral_minimiser(S, b)
    x += 0.0  # -0.0 → 0.0: no "-0." in what a learner sees
    return x, _f(S, b, c, x)


def gradient_descent(
    A: Any,
    b: Any,
    x0: Any,
    lr: float | None = None,
    tol: float = 1e-10,
    max_iter: int = 10_000,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Minimise ``f(x) = xᵀAx + bᵀx`` by gradient descent, ``x ← x - lr·(2Sx + b)``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Real square matrix; only ``S = (A + Aᵀ)/2`` matters.
    b : array_like, shape (n,)
        Linear coefficients.
    x0 : array_like, shape (n,)
        Starting point.
    lr : float, optional
        Step size.  Default ``1/L``, ``L`` the largest eigenvalue of the Hessian
        ``2S``; any ``0 < lr < 2/L`` converges.
    tol : float, optional
        Relative tolerance: stop when ``‖∇f(x)‖ <= tol · max(‖b‖, ‖∇f(x0)‖)``.
    max_iter : int, optional
        Most steps taken.

    Returns
    -------
    x : ndarray of float64, shape (n,)
        The last iterate.
    history : list of ndarray
        Every iterate, ``history[0]`` equal to ``x0`` and ``history[-1]`` to ``x``.

    Raises
    ------
    ValueError
        If ``f`` is unbounded below (the reasons of :func:`minimize_quadratic`),
        since gradient descent then diverges; if ``lr`` is not in ``(0, 2/L)``;
        for malformed input.
    TypeError
        If an argument has the wrong type.

    Warns
    -----
    RuntimeWarning
        If the tolerance is not met within ``max_iter`` steps.

    Notes
    -----
    ``S`` must be positive semidefinite with ``b ∈ range(S)``, i.e. ``f``
    bounded below; it need not be definite.  The gradient always lies in
    ``range(S)``, so the component of ``x0`` along the null space never
    changes: the limit is the minimiser closest to ``x0``.

    Each step multiplies the error along an eigenvector of ``S`` by
    ``1 - lr·2λ``, so ``O(κ log(1/tol))`` steps for the condition number ``κ``
    of ``S`` on its range.  ``O(n³)`` once (eigenvalues: ``L`` and the
    boundedness check), then ``O(n²)`` per step; the history takes ``O(n)`` per
    step.

    Examples
    --------
    >>> x, history = gradient_descent([[1, 0], [0, 2]], [-2, -8], x0=[0, 0])
    >>> x.round(8)
    array([1., 2.])
    >>> history[0], history[1]  # lr = 1/L = 1/4
    (array([0., 0.]), array([0.5, 2. ]))
    """
    A = _as_matrix(A)
    n = A.shape[0]
    b = _as_vector(b, "b", n)
    x = _as_vector(x0, "x0", n)
    tol = require_real(tol, "tol", positive=True)
    max_iter = require_int(max_iter, "max_iter", minimum=0)
    S = _symmetric_part(A)
    _, w = _spectral_minimiser(S, b)  # raises when f is unbounded below
    L = 2.0 * float(w[-1])  # largest eigenvalue of the Hessian 2S (>= 0 here)
    if lr is None:
        lr = 1.0 / L if L > 0 else 1.0  # L = 0: S = 0 and b = 0, f is constant
    else:
        lr = require_real(lr, "lr", positive=True)
        if lr * L >= 2.0:
            raise ValueError(
                f"lr must be < 2/L = {2.0 / L:.6g} (L = {L:.6g}, the largest eigenvalue of "
                f"the Hessian 2S), else gradient descent diverges; got {lr}"
            )
    H = A + A.T  # the Hessian 2S
    grad = H @ x + b
    threshold = tol * max(float(np.linalg.norm(b)), float(np.linalg.norm(grad)))
    history = [x.copy()]
    for _ in range(max_iter):
        if np.linalg.norm(grad) <= threshold:
            break
        x = x - lr * grad
        history.append(x)
        grad = H @ x + b
    if np.linalg.norm(grad) > threshold:
        warnings.warn(
            f"gradient_descent did not reach tol = {tol:g} in max_iter = {max_iter} steps "
            f"(‖∇f‖ = {np.linalg.norm(grad):.3g}, needed <= {threshold:.3g})",
            RuntimeWarning,
            stacklevel=2,
        )
    return x.copy(), history


def conjugate_gradient(
    A: Any, b: Any, x0: Any = None, tol: float = 1e-10
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Minimise ``f(x) = xᵀAx + bᵀx`` by conjugate gradients, i.e. solve ``2Sx = -b``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Real square matrix; ``S = (A + Aᵀ)/2`` must be positive definite.
    b : array_like, shape (n,)
        Linear coefficients.
    x0 : array_like, shape (n,), optional
        Starting point; default the origin.
    tol : float, optional
        Relative tolerance: stop when ``‖∇f(x)‖ <= tol · max(‖b‖, ‖∇f(x0)‖)``.

    Returns
    -------
    x : ndarray of float64, shape (n,)
        The last iterate.
    history : list of ndarray
        The iterates, ``history[0]`` equal to ``x0``; at most ``n + 1`` of them.

    Raises
    ------
    ValueError
        If ``S`` is found not to be positive definite (see Notes); for
        malformed input.
    TypeError
        If an argument has the wrong type.

    Warns
    -----
    RuntimeWarning
        If ``n`` steps do not meet the tolerance (round-off on an
        ill-conditioned ``S``; in exact arithmetic ``n`` steps are exact).

    Notes
    -----
    With ``H = 2S = A + Aᵀ`` and the residual ``r = -∇f(x) = -b - Hx``::

        p ← r  (first step),  p ← r + (‖r‖²/‖r_prev‖²)·p  (later steps)
        α = ‖r‖² / pᵀHp,   x ← x + αp,   r ← r - αHp

    ``S ≻ 0`` is checked as CG runs, at ``O(n)`` extra cost: every diagonal
    entry of ``S`` and the curvature ``pᵀSp/‖p‖²`` of every search direction
    must be positive, and not zero by the rule of :func:`classify_quadratic`
    (``<= RTOL`` times the largest seen, which is ``<= λ_max``).  This catches
    every ``S`` that is not positive definite along the directions CG
    explores; a defect confined to directions the Krylov space never reaches
    (``b`` and ``x0`` orthogonal to them) goes unnoticed -- ruling it out would
    take a Cholesky factorisation, ``O(n³)``, the cost CG exists to avoid.
    :func:`classify_quadratic` gives the certain answer.  For example, with
    ``A = [[1, 4], [0, 1]]`` and ``b = (1, 1)``, ``b`` is an eigenvector of ``S``
    (eigenvalue 3), the Krylov space is the line through ``b``, and CG stops
    after one step at ``(-1/6, -1/6)``: the stationary point, a saddle, since
    the eigenvalue -1 of ``S`` is never seen.

    ``O(n²)`` per step (one product ``Hp``), at most ``n`` steps, usually
    ``O(√κ log(1/tol))``; ``O(n²)`` memory plus ``O(n)`` per iterate kept.

    Examples
    --------
    >>> x, history = conjugate_gradient([[1, 0], [0, 2]], [-2, -8])
    >>> x.round(12)
    array([1., 2.])
    >>> len(history)  # x0 and n = 2 steps
    3
    """
    A = _as_matrix(A)
    n = A.shape[0]
    b = _as_vector(b, "b", n)
    x = np.zeros(n) if x0 is None else _as_vector(x0, "x0", n)
    tol = require_real(tol, "tol", positive=True)
    H = A + A.T  # the Hessian 2S

    diagonal = np.diagonal(H)
    largest_curvature = float(diagonal.max())  # max Hᵢᵢ <= λ_max(H)
    i = int(diagonal.argmin())
    if not diagonal[i] > RTOL * largest_curvature:
        raise ValueError(
            f"S = (A + Aᵀ)/2 is not positive definite: its diagonal entry S[{i}, {i}] = "
            f"{diagonal[i] / 2:.6g} is not positive (relative tolerance {RTOL:g})"
        )

    r = -b - H @ x if x0 is not None else -b
    rr = float(r @ r)
    threshold = tol * max(float(np.linalg.norm(b)), math.sqrt(rr))
    history = [x.copy()]
    p = r.copy()
    for _ in range(n):
        if math.sqrt(rr) <= threshold:
            break
        Hp = H @ p
        curvature = float(p @ Hp)
        pp = float(p @ p)
        if not curvature > RTOL * largest_curvature * pp:
            raise ValueError(
                "S = (A + Aᵀ)/2 is not positive definite: conjugate gradient found a direction "
                f"p with pᵀSp/‖p‖² = {curvature / pp / 2:.6g}, not positive (relative "
                f"tolerance {RTOL:g}); f has no unique minimiser, see minimize_quadratic"
            )
        largest_curvature = max(largest_curvature, curvature / pp)
        alpha = rr / curvature
        x = x + alpha * p
        r = r - alpha * Hp
        rr_next = float(r @ r)
        p = r + (rr_next / rr) * p  # the next direction, H-conjugate to all earlier ones
        rr = rr_next
        history.append(x)
    if math.sqrt(rr) > threshold:
        warnings.warn(
            f"conjugate_gradient did not reach tol = {tol:g} in n = {n} steps (‖∇f‖ = "
            f"{math.sqrt(rr):.3g}, needed <= {threshold:.3g}): S is ill-conditioned",
            RuntimeWarning,
            stacklevel=2,
        )
    return x.copy(), history
