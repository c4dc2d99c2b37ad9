"""Quadratic functions ``f(x) = xᵀAx + bᵀx + c``: their shape, their minimum, two descents."""

from __future__ import annotations

import numpy as np


def classify_quadratic(A: np.ndarray) -> str:
    """Classify the quadratic form ``xᵀAx`` by the eigenvalues of ``S = (A + Aᵀ)/2``.

    ``A`` need not be symmetric; only its symmetric part ``S`` matters, because
    ``xᵀAx = xᵀSx``.  Return one of ``'positive definite'`` (all eigenvalues of
    ``S`` positive), ``'positive semidefinite'`` (none negative, some zero),
    ``'negative definite'``, ``'negative semidefinite'`` or ``'indefinite'``
    (both signs).  The zero matrix is both kinds of semidefinite: answer
    ``'positive semidefinite'``.

    Computed eigenvalues are never exactly 0: count ``λ`` as zero when
    ``|λ| <= 1e-10·max|λ|`` (over all eigenvalues of ``S``).  The judged
    matrices have every eigenvalue either exactly zero (computed as round-off,
    below ``1e-13·max|λ|``) or at least ``1e-8·max|λ|`` in magnitude, so any
    relative threshold in between gives the same answers.

    Constraints
    -----------
    - ``A`` is an ``n × n`` NumPy array or a list of lists of real numbers,
      ``1 <= n <= 10``, entries finite with ``|A[i][j]| <= 10^13``
    - the scale is free: ``A`` multiplied by ``10^-11`` or ``10^11`` is judged
      too, and has the same answer

    Errors (contract)
    -----------------
    ``A`` not real numbers (strings, complex, bools, ``None``) → ``TypeError``;
    ``A`` not a non-empty square matrix (1-D, 3-D, ragged, empty) or holding
    NaN or inf → ``ValueError``.

    Examples
    --------
    >>> classify_quadratic([[2, 0], [0, 3]])
    'positive definite'
    >>> classify_quadratic([[1, 4], [0, 1]])
    'indefinite'

    ``A``'s own eigenvalues are 1 and 1, but ``S = [[1, 2], [2, 1]]`` has 3 and
    -1: ``f(1, -1) = -2``.

    >>> classify_quadratic([[1, 1], [1, 1]])
    'positive semidefinite'

    Complexity
    ----------
    ``O(n³)`` time (one symmetric eigenvalue computation), ``O(n²)`` memory.

    Hint: ``numpy.linalg.eigvalsh`` computes the eigenvalues of a symmetric matrix.
    """
    raise NotImplementedError


def minimize_quadratic(A: np.ndarray, b: np.ndarray, c: float = 0.0) -> tuple[np.ndarray, float]:
    """Minimise ``f(x) = xᵀAx + bᵀx + c`` over all ``x`` in ``Rⁿ``.

    Note: there is no factor ½ in front of ``xᵀAx``.  With ``S = (A + Aᵀ)/2``
    the gradient is ``2Sx + b``.  Return ``(x_star, f_star)``: a minimiser as a
    NumPy float array of shape ``(n,)`` and the minimum value ``f(x_star)``.

    - ``S`` positive definite: the minimiser is unique, ``2S·x_star = -b``.
    - ``S`` positive semidefinite and singular, ``b`` in the range of ``S``
      (no component along the eigenvectors of the zero eigenvalues): ``f`` is
      flat along those eigenvectors; return the minimiser of least norm, the
      one with no component along them.
    - Otherwise ``f`` is unbounded below: raise ``ValueError`` (``S`` has a
      negative eigenvalue, or ``b`` slopes along a flat direction).

    Decide "zero" with relative thresholds: an eigenvalue ``λ`` of ``S`` is
    zero when ``|λ| <= 1e-10·max|λ|``, and ``b`` lies in the range of ``S``
    when its component along the zero eigenvalues' eigenvectors has norm at
    most ``1e-10·(‖b‖ + 2·max|λ|·‖x_star‖)``.  The judged problems stay clear
    of both thresholds: every eigenvalue is exactly zero (round-off below
    ``1e-13·max|λ|``) or at least ``1e-8·max|λ|``, and ``b``'s null-space
    component is round-off (below ``1e-13·‖b‖``) or at least ``1e-3·‖b‖``.

    Constraints
    -----------
    - ``A`` is an ``n × n`` NumPy array or a list of lists of real numbers,
      ``1 <= n <= 30``, ``b`` a length-``n`` array or list, ``c`` a float
      (default 0); all finite, with ``|entries| <= 10^13``
    - the scale is free: ``A`` and ``b`` multiplied by ``10^-11`` or ``10^11``
      are judged too (the same ``x_star``, ``f_star`` times the factor)
    - answers are judged to about ``1e-9`` relative to the size of the numbers
      involved; when ``S`` is positive definite the gradient ``2S·x_star + b``
      must have norm at most ``1e-9·(1 + ‖b‖)``
    - ``A`` and ``b`` must not be modified

    Errors (contract)
    -----------------
    ``A``, ``b`` or ``c`` not real numbers → ``TypeError``; ``A`` not a
    non-empty square matrix, ``b`` not of length ``n``, NaN or inf anywhere →
    ``ValueError``.  Also a contract: tuples and ``Fraction`` entries are accepted.

    Examples
    --------
    >>> x, f = minimize_quadratic([[1, 0], [0, 2]], [-2, -8])  # x² + 2y² - 2x - 8y
    >>> x
    array([1., 2.])
    >>> round(f, 12)
    -9.0
    >>> minimize_quadratic([[1, 1], [1, 1]], [2, 2])[0]  # (x + y)² + 2(x + y): a valley
    array([-0.5, -0.5])
    >>> minimize_quadratic([[1, 4], [0, 1]], [0, 0])  # a saddle
    Traceback (most recent call last):
        ...
    ValueError: ...

    Complexity
    ----------
    ``O(n³)`` time, ``O(n²)`` memory.

    Hint: in the eigenvector coordinates ``y = Uᵀx`` of ``S = UΛUᵀ`` the problem
    splits into ``n`` one-dimensional ones, ``λ_i·y_i² + (Uᵀb)_i·y_i``.
    """
    raise NotImplementedError


def gradient_descent(
    A: np.ndarray,
    b: np.ndarray,
    x0: np.ndarray,
    lr: float | None = None,
    tol: float = 1e-10,
    max_iter: int = 10_000,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Minimise ``f(x) = xᵀAx + bᵀx`` by gradient descent from ``x0``.

    With ``S = (A + Aᵀ)/2`` the gradient is ``∇f(x) = 2Sx + b``.  Repeat
    ``x ← x - lr·∇f(x)``, and stop *before* a step as soon as
    ``‖∇f(x)‖ <= tol·max(‖b‖, ‖∇f(x0)‖)`` (Euclidean norms), or after
    ``max_iter`` steps.  The default step is ``lr = 1/L``, where ``L`` is the
    largest eigenvalue of the Hessian ``2S`` (``lr = 1`` if ``L = 0``).

    Return ``(x, history)``: the last iterate as a NumPy float array, and the
    list of all iterates as separate arrays, ``history[0]`` equal to ``x0`` and
    ``history[-1]`` to ``x`` (``len(history) - 1`` steps were taken).

    ``S`` may be singular: ``f`` only has to be bounded below (``S`` positive
    semidefinite with ``b`` in its range, see :func:`minimize_quadratic`); then
    the iterates converge to the minimiser closest to ``x0``.

    Constraints
    -----------
    - ``A`` is an ``n × n`` NumPy array or a list of lists, ``b`` and ``x0``
      length-``n`` arrays or lists, ``1 <= n <= 10``; all finite reals,
      ``|entries| <= 10^3``; ``f`` is bounded below
    - ``lr`` is ``None`` or a float with ``0 < lr < 2/L``; ``tol > 0``;
      ``max_iter >= 0``, up to ``2·10^5``
    - ``A``, ``b`` and ``x0`` must not be modified

    Errors (contract)
    -----------------
    ``f`` unbounded below, ``lr >= 2/L`` (the iteration would diverge), ``lr``
    or ``tol`` not positive and finite, ``max_iter < 0``, malformed ``A``,
    ``b`` or ``x0`` → ``ValueError``; arguments of the wrong type (``max_iter``
    a float included) → ``TypeError``.  Also a contract: a ``RuntimeWarning``
    when ``max_iter`` steps do not meet the tolerance, and the returned arrays
    share no memory with each other or with the inputs.

    Examples
    --------
    >>> x, history = gradient_descent([[1, 0], [0, 2]], [-2, -8], x0=[0, 0])
    >>> x.round(8)
    array([1., 2.])
    >>> history[0], history[1]  # L = 4, lr = 1/4: (0, 0) - (-2, -8)/4
    (array([0., 0.]), array([0.5, 2. ]))

    Complexity
    ----------
    ``O(n³)`` once (the eigenvalues for ``L``), then ``O(n²)`` per step;
    ``O(κ·log(1/tol))`` steps for the condition number ``κ``.

    Hint: ``numpy.linalg.eigvalsh(A + A.T)[-1]`` is ``L``.
    """
    raise NotImplementedError


def conjugate_gradient(
    A: np.ndarray, b: np.ndarray, x0: np.ndarray | None = None, tol: float = 1e-10
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Minimise ``f(x) = xᵀAx + bᵀx`` by conjugate gradients, i.e. solve ``2Sx = -b``.

    ``S = (A + Aᵀ)/2`` is positive definite.  Start from ``x0`` (default the
    origin) and run the conjugate gradient method on the system ``Hx = -b``
    with ``H = 2S = A + Aᵀ``, with the residual ``r = -b - Hx = -∇f(x)``::

        p = r                                (first direction)
        α = (rᵀr)/(pᵀHp);  x ← x + αp;  r ← r - αHp
        p ← r + (r_newᵀr_new / r_oldᵀr_old)·p

    Stop *before* a step as soon as ``‖r‖ <= tol·max(‖b‖, ‖r_0‖)``, and after
    at most ``n`` steps.  Return ``(x, history)``: the last iterate as a NumPy
    float array and the list of iterates (separate arrays), ``history[0]``
    equal to the start and ``history[-1]`` to ``x``, at most ``n + 1`` of them.

    Check that ``S`` is positive definite as you go, with relative round-off
    thresholds: raise ``ValueError`` when a diagonal entry has
    ``S[i][i] <= 1e-10·max_j S[j][j]``, or when a direction ``p`` has
    ``pᵀSp <= 1e-10·m·‖p‖²``, where ``m`` is the largest of ``S``'s diagonal
    entries and the curvatures ``pᵀSp/‖p‖²`` of the earlier directions (so
    ``m <= λ_max``).  A flat direction of ``S`` gives a computed ``pᵀSp`` of
    round-off size (about ``1e-16·m·‖p‖²``) and of either sign, so
    ``pᵀSp <= 0`` alone often misses it.  The judged positive definite ``S`` have
    ``λ_min >= 1e-9·λ_max``.

    Constraints
    -----------
    - ``A`` is an ``n × n`` NumPy array or a list of lists, ``1 <= n <= 60``,
      with ``S`` positive definite; ``b`` and ``x0`` length-``n`` arrays or
      lists; all finite reals, ``|entries| <= 10^3``
    - ``tol > 0``
    - ``A``, ``b`` and ``x0`` must not be modified

    Errors (contract)
    -----------------
    ``S`` found not positive definite by the rule above, ``tol`` not positive,
    malformed ``A``, ``b`` or ``x0`` → ``ValueError``; arguments of the wrong
    type → ``TypeError``.  Also a contract: a ``RuntimeWarning`` when ``n``
    steps do not meet the tolerance (round-off on an ill-conditioned ``S``).

    Examples
    --------
    >>> x, history = conjugate_gradient([[1, 0], [0, 2]], [-2, -8])
    >>> x.round(12)
    array([1., 2.])
    >>> len(history)  # the start and n = 2 steps
    3

    Complexity
    ----------
    ``O(n²)`` per step (one product ``Hp``), at most ``n`` steps: ``O(n³)``
    worst case, far fewer steps when ``S`` is well conditioned.

    Hint: the directions are ``H``-conjugate (``p_iᵀHp_j = 0``), so step ``k``
    minimises ``f`` over the whole ``k``-dimensional space explored so far.
    """
    raise NotImplementedError
