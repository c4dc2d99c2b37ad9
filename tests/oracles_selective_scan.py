"""Oracles for the tests of :func:`gpu.selective_scan.selective_scan`.

:func:`loop_selective_scan` is Mamba's selective scan written from its
definition with plain Python floats and ``math.exp``: one scalar loop over
batch, channel, state and time — nothing shared with the reference's
vectorised NumPy (no broadcasting, no ``np.repeat`` for the grouped ``B``/``C``,
no ``np.where`` for the softplus threshold).

:func:`error_bound` turns the same loop, run on absolute values, into an
elementwise bound on the rounding error of any correct implementation, so a
``float32`` kernel can be compared with the ``float64`` reference without false
alarms and without a tolerance so loose that a wrong answer would pass.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np


def _scalar_softplus(x: float) -> float:
    # PyTorch's F.softplus (beta 1, threshold 20), as mamba_ssm applies it.
    return x if x > 20.0 else math.log1p(math.exp(x))


def _scalar_silu(z: float) -> float:
    # z·sigmoid(z), written as a product (the library writes a quotient).
    if z >= 0:
        return z * (1.0 / (1.0 + math.exp(-z)))
    e = math.exp(z)
    return z * (e / (1.0 + e))


def _entry(M: np.ndarray, b: int, c: int, k: int, t: int, d: int) -> float:
    """B or C for batch b, channel c, state k, step t — one of the three layouts."""
    if M.ndim == 2:  # (d, n)
        return float(M[c, k])
    if M.ndim == 3:  # (batch, n, L)
        return float(M[b, k, t])
    channels_per_group = d // M.shape[1]  # (batch, G, n, L)
    return float(M[b, c // channels_per_group, k, t])


def loop_selective_scan(
    u: np.ndarray,
    delta: np.ndarray,
    A: np.ndarray,
    B: np.ndarray,
    C: np.ndarray,
    D: np.ndarray | None = None,
    z: np.ndarray | None = None,
    delta_bias: np.ndarray | None = None,
    delta_softplus: bool = False,
    absolute: bool = False,
) -> np.ndarray:
    """Mamba's selective scan, one Python float at a time; ``float64`` result.

    For every batch b, channel c and state k, the state starts at 0 and
    ``x ← exp(Δ_t·A[c, k])·x + Δ_t·B_t[k]·u_t``; ``y_t`` adds ``C_t[k]·x``
    over k; then ``out = (y + D[c]·u)·silu(z)``.

    With ``absolute=True`` every signed factor (u, Δ, B, C, D, silu z) is
    replaced by its absolute value — exp(Δ·A) is positive already — which gives
    the "magnitude" of each output: the largest value its terms could add up to.
    """
    fabs = abs if absolute else (lambda v: v)
    batch, d, L = u.shape
    n = A.shape[1]
    out = np.zeros((batch, d, L))
    for b in range(batch):
        for c in range(d):
            steps = []
            for t in range(L):
                step = float(delta[b, c, t])
                if delta_bias is not None:
                    step += float(delta_bias[c])
                if delta_softplus:
                    step = _scalar_softplus(step)
                steps.append(step)
            y = [0.0] * L
            for k in range(n):
                x = 0.0
                for t in range(L):
                    decay = math.exp(steps[t] * float(A[c, k]))  # exp(Δ·A) > 0: no fabs
                    u_t = float(u[b, c, t])
                    x = decay * x + fabs(steps[t]) * fabs(_entry(B, b, c, k, t, d)) * fabs(u_t)
                    y[t] += fabs(_entry(C, b, c, k, t, d)) * x
            for t in range(L):
                value = y[t]
                if D is not None:
                    value += fabs(float(D[c])) * fabs(float(u[b, c, t]))
                if z is not None:
                    value *= fabs(_scalar_silu(float(z[b, c, t])))
                out[b, c, t] = value
    return out


def error_bound(inputs: dict[str, Any], dtype: np.dtype) -> np.ndarray:
    """Elementwise bound on |computed − exact| for a scan computed in ``dtype``.

    Rounding perturbs every factor of every term of
    ``y_t = Σ_k C_t[k] Σ_{s ≤ t} (Π_{s < r ≤ t} exp(Δ_r A)) Δ_s B_s[k] u_s`` by a
    few units of ``u = eps(dtype)`` relative, and the errors of the sums are at
    most (number of terms)·u relative to the sum of the terms' magnitudes.  Only
    ``exp(Δ_r·A)`` is more sensitive: an absolute error of ``Δ_r`` (of order
    u·(|delta| + |delta_bias|)) changes it by ``|A|·error`` relative.  Hence
    ``u·(16·(L + n + 4) + 4·L·S)·magnitude`` with ``S = 1 + max|A|·max(|delta| + |bias|)``
    — first order, generous, and still far below the error of a wrong answer.
    """
    u = inputs["u"]
    L = u.shape[-1]
    n = inputs["A"].shape[1]
    magnitude = loop_selective_scan(**inputs, absolute=True)
    bias = inputs.get("delta_bias")
    step_size = np.abs(inputs["delta"]).max(initial=0.0) + (
        0.0 if bias is None else np.abs(bias).max(initial=0.0)
    )
    sensitivity = 1.0 + float(np.abs(inputs["A"]).max(initial=0.0)) * float(step_size)
    eps = float(np.finfo(dtype).eps)
    return eps * (16 * (L + n + 4) + 4 * L * sensitivity) * magnitude + np.finfo(dtype).tiny
