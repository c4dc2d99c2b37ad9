"""Adam and AdamW: one optimiser step each, and the one line in which they differ.

The problem
-----------
Plain gradient descent takes the same step size along every coordinate, so on
a badly scaled loss it crawls along the flat directions.  Adam (Kingma & Ba,
2015) divides each coordinate's step by a running estimate of that
coordinate's gradient magnitude.  Adding weight decay to it can be done in two
ways, and they are *not* the same.

The idea
--------
Adam keeps two exponential moving averages per coordinate, of the gradient and
of its square, and corrects their bias towards the zero they start from (after
``t`` steps the weights of an average sum to ``1 − βᵗ``, not 1)::

    m ← β₁·m + (1 − β₁)·g          m̂ = m / (1 − β₁ᵗ)
    v ← β₂·v + (1 − β₂)·g²         v̂ = v / (1 − β₂ᵗ)
    θ ← θ − lr · m̂ / (√v̂ + ε)

The step of each coordinate is about ``lr`` in size whatever the scale of its
gradient: multiplying ``g`` by ``c > 0`` multiplies ``m̂`` by ``c`` and ``√v̂`` by
``c``, and (for ``ε = 0``) changes nothing.  On the first step ``m̂ = g`` and
``√v̂ = |g|``, so every coordinate moves by ``lr·sign(g)``.

**Adam with L2** (``torch.optim.Adam(weight_decay=λ)``) adds ``λ·θ`` to the
gradient *before* the moments: ``g ← g + λθ``.  The decay then goes through
the division by ``√v̂`` like any gradient, so a coordinate with a large
gradient history is barely decayed, and one with a small history is decayed a
lot: the method minimises the L2-regularised loss, but the regularisation is
rescaled per coordinate on the way.

**AdamW** (Loshchilov & Hutter, 2019; ``torch.optim.AdamW``) *decouples* it:
``θ ← θ·(1 − lr·λ)`` first, then the Adam update from the raw gradient.  Every
weight shrinks at the same rate ``lr·λ`` per step, and the moments never see
the decay: with a zero gradient, AdamW multiplies the parameters by exactly
``1 − lr·λ`` per step, while Adam-L2 moves them by about ``lr`` (the first
step, ``lr·sign(θ)``) whatever ``λ`` is.  The two converge to different points
(see the ``adam_vs_adamw`` figure in :mod:`mathlab.gallery`).

Complexity
----------
``O(n)`` time for ``n`` parameters: one read of the inputs to check for NaN
and inf, then one fused pass (a Numba loop) that writes the new parameters
and moments, ``3n`` floats; the inputs are never modified.  The NumPy
transcription of the same formulas takes about a dozen passes and as many
temporary arrays.

>>> p, state = adam_step([1.0, -2.0], [0.5, -3.0], None, lr=0.1)
>>> p.round(6), state["step"]
(array([ 0.9, -1.9]), 1)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np
from numba import njit

from mathlab._validate import describe, require_real

__all__ = ["adam_step", "adamw_step"]

State = dict[str, Any]


@njit(cache=True, fastmath={"reassoc"})
def _all_finite(a: np.ndarray) -> bool:
    """True if no element is NaN or ±inf (``x − x`` is 0 exactly for finite ``x``).

    A branch-free sum, so it vectorises: ``reassoc`` lets the compiler split the
    accumulator, and without ``nnan``/``ninf`` it may not fold ``x − x`` to 0.
    """
    acc = 0.0
    for i in range(a.size):
        acc += a[i] - a[i]
    return acc == 0.0


@njit(cache=True, fastmath={"reassoc"})
def _all_non_negative(a: np.ndarray) -> bool:
    """True if every element is finite and ``>= 0`` (``x − |x|`` is 0 exactly then)."""
    acc = 0.0
    for i in range(a.size):
        acc += a[i] - abs(a[i])
    return acc == 0.0


@njit(cache=True)
def _adam_kernel(
    param: np.ndarray,
    grad: np.ndarray,
    m: np.ndarray,
    v: np.ndarray,
    keep: float,
    lr: float,
    beta1: float,
    beta2: float,
    eps: float,
    l2: float,
    decay_factor: float,
    bias1: float,
    bias2: float,
    new_param: np.ndarray,
    new_m: np.ndarray,
    new_v: np.ndarray,
) -> None:
    """One Adam(W) step over flat arrays, branch-free so that it vectorises.

    ``keep`` is 1, or 0 on the first step (then ``m`` and ``v`` are dummies
    read as zero).  As in PyTorch's implementation, the bias corrections are
    folded into ``step_size = lr/(1 − β₁ᵗ)`` and ``√v/√(1 − β₂ᵗ)``: one square
    root and one division per element.
    """
    step_size = lr / bias1
    inv_sqrt_bias2 = 1.0 / math.sqrt(bias2)
    for i in range(param.size):
        g = grad[i] + l2 * param[i]  # Adam's L2 term; l2 = 0 for AdamW
        mi = keep * beta1 * m[i] + (1.0 - beta1) * g
        vi = keep * beta2 * v[i] + (1.0 - beta2) * g * g
        new_m[i] = mi
        new_v[i] = vi
        # AdamW's decoupled decay; decay_factor = 1 for Adam
        new_param[i] = param[i] * decay_factor - step_size * mi / (
            math.sqrt(vi) * inv_sqrt_bias2 + eps
        )


def _as_array(value: Any, name: str) -> np.ndarray:
    """``value`` as a float64 array, without copying one that already is (read only)."""
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a real number or an array of them, got {describe(value)}")
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be a rectangular array, got {describe(value)}") from None
    if arr.dtype.kind == "O":
        if not all(isinstance(x, Real) and not isinstance(x, bool) for x in arr.flat):
            raise TypeError(f"{name} must hold real numbers, got {describe(value)}")
    elif arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    try:
        return np.asarray(arr, dtype=np.float64, order="C")
    except OverflowError:
        raise ValueError(f"{name} holds an integer too large for float64") from None


def _betas(betas: Any) -> tuple[float, float]:
    if not isinstance(betas, Sequence) or isinstance(betas, str) or len(betas) != 2:
        raise TypeError(f"betas must be a pair (beta1, beta2), got {describe(betas)}")
    pair = []
    for i, b in enumerate(betas):
        b = require_real(b, f"betas[{i}]")
        if not 0.0 <= b < 1.0:
            raise ValueError(f"betas[{i}] must satisfy 0 <= beta < 1, got {b}")
        pair.append(b)
    return pair[0], pair[1]


def _state(state: Any, shape: tuple[int, ...]) -> tuple[int, np.ndarray | None, np.ndarray | None]:
    if state is None:
        return 0, None, None
    if not isinstance(state, dict):
        raise TypeError(
            f"state must be None or the dict a previous step returned, got {describe(state)}"
        )
    missing = {"step", "m", "v"} - state.keys()
    if missing:
        raise ValueError(f"state is missing the keys {sorted(missing)}")
    step = state["step"]
    if isinstance(step, bool) or not isinstance(step, Integral):
        raise TypeError(f"state['step'] must be an int, got {describe(step)}")
    if step < 1:
        raise ValueError(f"state['step'] must be >= 1, got {step}")
    m = _as_array(state["m"], "state['m']")
    v = _as_array(state["v"], "state['v']")
    for name, arr in (("m", m), ("v", v)):
        if arr.shape != shape:
            raise ValueError(
                f"state['{name}'] must have the shape of param, {shape}, got {arr.shape}"
            )
    return int(step), m, v


def _step(
    param: Any,
    grad: Any,
    state: Any,
    lr: Any,
    betas: Any,
    eps: Any,
    weight_decay: Any,
    decoupled: bool,
) -> tuple[np.ndarray, State]:
    p = _as_array(param, "param")
    g = _as_array(grad, "grad")
    if g.shape != p.shape:
        raise ValueError(f"grad must have the shape of param, {p.shape}, got {g.shape}")
    lr = require_real(lr, "lr", minimum=0.0)
    beta1, beta2 = _betas(betas)
    eps = require_real(eps, "eps", minimum=0.0)
    weight_decay = require_real(weight_decay, "weight_decay", minimum=0.0)
    t, m, v = _state(state, p.shape)
    t += 1
    flat_p, flat_g = p.reshape(-1), g.reshape(-1)
    if not (_all_finite(flat_p) and _all_finite(flat_g)):
        raise ValueError("param and grad must contain only finite numbers (no NaN or inf)")
    if m is not None and not (_all_finite(m.reshape(-1)) and _all_non_negative(v.reshape(-1))):
        raise ValueError("state['m'] must be finite and state['v'] finite and >= 0")
    new_param, new_m, new_v = np.empty_like(p), np.empty_like(p), np.empty_like(p)
    _adam_kernel(
        flat_p,
        flat_g,
        flat_p if m is None else m.reshape(-1),  # read as 0 on the first step
        flat_p if v is None else v.reshape(-1),
        0.0 if m is None else 1.0,
        lr,
        beta1,
        beta2,
        eps,
        0.0 if decoupled else weight_decay,
        1.0 - lr * weight_decay if decoupled else 1.0,
        1.0 - beta1**t,
        1.0 - beta2**t,
        new_param.reshape(-1),
        new_m.reshape(-1),
        new_v.reshape(-1),
    )
    return new_param, {"step": t, "m": new_m, "v": new_v}


def adam_step(
    param: Any,
    grad: Any,
    state: State | None,
    lr: float = 1e-3,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.0,
) -> tuple[np.ndarray, State]:
    """One step of Adam, with optional L2 weight decay (as ``torch.optim.Adam``).

    Parameters
    ----------
    param : array_like of float
        The parameters, any shape.  Not modified.
    grad : array_like of float
        The gradient of the loss at ``param``, same shape.  Not modified.
    state : dict or None
        ``None`` on the first step; afterwards the state this function returned
        on the previous step.  Not modified.
    lr : float, default 1e-3
        Learning rate, ``>= 0``.
    betas : (float, float), default (0.9, 0.999)
        Decay rates of the first and second moment averages, each in ``[0, 1)``.
    eps : float, default 1e-8
        Added to ``√v̂`` in the denominator, ``>= 0``.
    weight_decay : float, default 0.0
        L2 coefficient ``λ >= 0``: ``λ·param`` is added to the gradient before
        the moments are updated.

    Returns
    -------
    new_param : numpy.ndarray
        float64, the shape of ``param``.
    new_state : dict
        ``{"step": t, "m": m, "v": v}``: the number of steps taken so far
        (``1`` after the first) and the *uncorrected* moment averages, float64
        arrays of the shape of ``param``.

    Raises
    ------
    TypeError
        If an argument is not numeric, ``betas`` is not a pair or ``state`` is
        neither ``None`` nor a dict.
    ValueError
        If shapes differ, ``param``/``grad`` hold NaN or inf, a hyperparameter
        is out of range, or ``state`` lacks ``step``/``m``/``v`` or holds
        impossible values.

    Notes
    -----
    With ``g = grad + λ·param`` and ``t = state["step"] + 1``::

        m = β₁·m + (1 − β₁)·g,   v = β₂·v + (1 − β₂)·g²
        new_param = param − lr·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)

    One fused pass: ``O(n)`` time, three new arrays of ``n`` floats.

    Examples
    --------
    The first step moves each coordinate by ``lr·sign(grad)`` (up to ``ε``):

    >>> p, state = adam_step([0.0, 0.0], [1e-3, -50.0], None, lr=0.01)
    >>> p.round(6)
    array([-0.01,  0.01])
    >>> p, state = adam_step(p, [1e-3, -50.0], state, lr=0.01)
    >>> state["step"], p.round(6)
    (2, array([-0.02,  0.02]))
    """
    return _step(param, grad, state, lr, betas, eps, weight_decay, decoupled=False)


def adamw_step(
    param: Any,
    grad: Any,
    state: State | None,
    lr: float = 1e-3,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 1e-2,
) -> tuple[np.ndarray, State]:
    """One step of AdamW: decoupled weight decay, then Adam (as ``torch.optim.AdamW``).

    Parameters
    ----------
    param, grad, state, lr, betas, eps
        As in :func:`adam_step`.
    weight_decay : float, default 1e-2
        ``λ >= 0``: the parameters are multiplied by ``1 − lr·λ`` before the
        Adam update, which uses the raw gradient (the moments never see ``λ``).

    Returns
    -------
    new_param : numpy.ndarray
        float64, the shape of ``param``.
    new_state : dict
        ``{"step": t, "m": m, "v": v}`` as in :func:`adam_step`.

    Raises
    ------
    TypeError, ValueError
        As in :func:`adam_step`.

    Notes
    -----
    With ``t = state["step"] + 1``::

        m = β₁·m + (1 − β₁)·grad,   v = β₂·v + (1 − β₂)·grad²
        new_param = param·(1 − lr·λ) − lr·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)

    ``O(n)`` time, three new arrays of ``n`` floats.

    Examples
    --------
    With a zero gradient only the decay acts: exactly ``param·(1 − lr·λ)``.

    >>> p, state = adamw_step([2.0, -4.0], [0.0, 0.0], None, lr=0.1, weight_decay=0.5)
    >>> p
    array([ 1.9, -3.8])
    """
    return _step(param, grad, state, lr, betas, eps, weight_decay, decoupled=True)
