"""Adam and AdamW: one optimiser step, with L2 or with decoupled weight decay."""

from __future__ import annotations

from typing import Any

import numpy as np


def adam_step(
    param: np.ndarray,
    grad: np.ndarray,
    state: dict[str, Any] | None,
    lr: float = 1e-3,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.0,
) -> tuple[np.ndarray, dict[str, Any]]:
    """Take one step of Adam (as ``torch.optim.Adam``) and return ``(new_param, new_state)``.

    ``state`` is ``None`` on the first step; afterwards pass back the state
    returned by the previous step.  It is a dict ``{"step": t, "m": m, "v": v}``:
    ``t`` the number of steps taken (``1`` after the first), ``m`` and ``v``
    the moment averages, arrays of ``param``'s shape.  With
    ``g = grad + weight_decay · param`` (L2 weight decay) and ``m = v = 0``
    before the first step::

        m = β₁·m + (1 − β₁)·g
        v = β₂·v + (1 − β₂)·g²
        new_param = param − lr · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + eps)

    Constraints
    -----------
    - ``param`` and ``grad`` are float64 NumPy arrays of the same shape, 1 to
      10 elements; entries of ``param`` in ``[-10, 10]``, of ``grad`` in
      ``[-10^4, 10^4]``.
    - ``0 < lr <= 1``; ``0 <= β₁ < 1`` and ``0 <= β₂ < 1``; ``0 <= eps <= 1e-3``
      (``eps = 0`` only with non-zero gradients); ``0 <= weight_decay <= 1``.
    - Up to 8 steps; ``param``, ``grad`` and ``state`` must not be modified.

    Errors (contract)
    -----------------
    A negative ``lr``, ``eps`` or ``weight_decay``, a beta outside ``[0, 1)``, or
    ``grad``/``state`` of another shape than ``param`` → ``ValueError``;
    non-numeric ``param`` or ``grad`` → ``TypeError``.

    Examples
    --------
    The first step moves every coordinate by ``lr`` against the sign of its
    gradient, however large or small the gradient is:

    >>> p, state = adam_step(np.array([0.0, 0.0]), np.array([1e-3, -50.0]), None, lr=0.01)
    >>> p.round(6), state["step"]
    (array([-0.01,  0.01]), 1)
    >>> p, state = adam_step(p, np.array([1e-3, -50.0]), state, lr=0.01)
    >>> p.round(6)
    array([-0.02,  0.02])

    Complexity
    ----------
    ``O(n)`` time for ``n`` parameters.

    Hint: ``1 − β₁ᵗ`` undoes the bias of an average that started at 0.
    """
    raise NotImplementedError


def adamw_step(
    param: np.ndarray,
    grad: np.ndarray,
    state: dict[str, Any] | None,
    lr: float = 1e-3,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 1e-2,
) -> tuple[np.ndarray, dict[str, Any]]:
    """Take one step of AdamW (as ``torch.optim.AdamW``): decay the weights, then Adam.

    The weight decay is *decoupled* from the gradient: first
    ``param ← param · (1 − lr · weight_decay)``, then the Adam update of
    :func:`adam_step` computed from the raw ``grad`` (the moments never see the
    decay).  ``state`` works as in :func:`adam_step`.

    Constraints
    -----------
    - As for :func:`adam_step`.

    Errors (contract)
    -----------------
    As for :func:`adam_step`.

    Examples
    --------
    With a zero gradient only the decay acts: the parameters are multiplied by
    ``1 − lr · weight_decay = 0.95``.

    >>> p, state = adamw_step(np.array([2.0, -4.0]), np.zeros(2), None, lr=0.1, weight_decay=0.5)
    >>> p
    array([ 1.9, -3.8])

    Complexity
    ----------
    ``O(n)`` time for ``n`` parameters.

    Hint: Adam's L2 term goes through ``√v``; AdamW's decay does not.
    """
    raise NotImplementedError
