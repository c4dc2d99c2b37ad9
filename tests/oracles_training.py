"""Independent oracles for the training-math tests (autograd, Adam/AdamW, mixed precision).

Each is written from the definition, in the plainest way, and shares no code
with ``mathlab``:

* :class:`Num` -- the forward pass of the autograd operations on plain NumPy
  arrays, so one expression can be evaluated both as Tensors (for
  ``backward``) and as arrays (for central differences);
* :func:`adam_reference` -- a literal per-element loop of Adam/AdamW as the
  PyTorch documentation writes the algorithm, in Python floats;
* :func:`mixed_precision_reference` -- the float16/float32 SGD loop with
  NumPy's own casts (``astype(np.float16)``, ``astype(np.float32)``);
* :func:`mlp_backprop` -- the gradients of a two-layer MLP derived by hand.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


class Num:
    """A NumPy array with the autograd Tensor's spelling of the operations (forward only)."""

    __array_ufunc__ = None

    def __init__(self, data: Any) -> None:
        self.data = np.asarray(data, dtype=np.float64)

    @staticmethod
    def _of(other: Any) -> np.ndarray:
        return other.data if isinstance(other, Num) else np.asarray(other, dtype=np.float64)

    def __add__(self, other: Any) -> Num:
        return Num(self.data + self._of(other))

    def __radd__(self, other: Any) -> Num:
        return Num(self._of(other) + self.data)

    def __sub__(self, other: Any) -> Num:
        return Num(self.data - self._of(other))

    def __rsub__(self, other: Any) -> Num:
        return Num(self._of(other) - self.data)

    def __mul__(self, other: Any) -> Num:
        return Num(self.data * self._of(other))

    def __rmul__(self, other: Any) -> Num:
        return Num(self._of(other) * self.data)

    def __truediv__(self, other: Any) -> Num:
        return Num(self.data / self._of(other))

    def __rtruediv__(self, other: Any) -> Num:
        return Num(self._of(other) / self.data)

    def __pow__(self, k: float) -> Num:
        return Num(self.data**k)

    def __neg__(self) -> Num:
        return Num(-self.data)

    def __matmul__(self, other: Any) -> Num:
        return Num(self.data @ self._of(other))

    def sum(self, axis: Any = None, keepdims: bool = False) -> Num:
        return Num(self.data.sum(axis=axis, keepdims=keepdims))

    def mean(self, axis: Any = None, keepdims: bool = False) -> Num:
        return Num(self.data.mean(axis=axis, keepdims=keepdims))

    def exp(self) -> Num:
        return Num(np.exp(self.data))

    def log(self) -> Num:
        return Num(np.log(self.data))

    def tanh(self) -> Num:
        return Num(np.tanh(self.data))

    def relu(self) -> Num:
        return Num(np.where(self.data > 0, self.data, 0.0))

    def reshape(self, *shape: Any) -> Num:
        return Num(self.data.reshape(*shape))

    @property
    def T(self) -> Num:
        return Num(self.data.T)

    def __getitem__(self, index: Any) -> Num:
        return Num(self.data[index])


def adam_reference(
    params: Sequence[float],
    grads: Sequence[Sequence[float]],
    lr: float,
    betas: tuple[float, float],
    eps: float,
    weight_decay: float,
    decoupled: bool,
) -> list[tuple[list[float], list[float], list[float]]]:
    """``(θ_t, m_t, v_t)`` after each step t = 1, 2, ... for the gradients ``grads[t - 1]``.

    The algorithm box of ``torch.optim.Adam`` / ``torch.optim.AdamW``, one
    element at a time in Python floats::

        (Adam)  if λ ≠ 0: g ← g + λθ
        (AdamW) θ ← θ − γλθ
        m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²
        m̂ ← m/(1 − β₁ᵗ);  v̂ ← v/(1 − β₂ᵗ);  θ ← θ − γ·m̂/(√v̂ + ε)
    """
    beta1, beta2 = betas
    theta = [float(p) for p in params]
    m = [0.0] * len(theta)
    v = [0.0] * len(theta)
    out = []
    for t, grad in enumerate(grads, start=1):
        for i in range(len(theta)):
            g = float(grad[i])
            if decoupled:
                theta[i] = theta[i] - lr * weight_decay * theta[i]
            elif weight_decay != 0:
                g = g + weight_decay * theta[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            m_hat = m[i] / (1 - beta1**t)
            v_hat = v[i] / (1 - beta2**t)
            theta[i] = theta[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
        out.append((list(theta), list(m), list(v)))
    return out


def mixed_precision_reference(
    w0: np.ndarray,
    grad_fn: Callable[[np.ndarray], Any],
    lr: float,
    n_steps: int,
    master_weights: bool,
) -> np.ndarray:
    """The float16 weights after 0..n_steps steps, rounding with NumPy's casts."""

    def fp16(x: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return np.asarray(x, dtype=np.float64).astype(np.float16).astype(np.float64)

    w0 = np.asarray(w0, dtype=np.float64)
    w = fp16(w0)
    master = w0.astype(np.float32)
    rows = [w]
    for _ in range(n_steps):
        g = fp16(grad_fn(w.copy()))
        with np.errstate(over="ignore", invalid="ignore"):
            if master_weights:
                master = (master.astype(np.float64) - lr * g).astype(np.float32)
                w = fp16(master.astype(np.float64))
            else:
                w = fp16(w - lr * g)
        rows.append(w)
    return np.array(rows)


def mlp_backprop(
    x: np.ndarray,
    W1: np.ndarray,
    b1: np.ndarray,
    W2: np.ndarray,
    b2: np.ndarray,
    y: np.ndarray,
) -> tuple[float, dict[str, np.ndarray]]:
    """Loss and gradients of ``mean((tanh(x W1 + b1) W2 + b2 − y)²)``, derived by hand.

    With ``h = tanh(a)``, ``a = x W1 + b1``, ``o = h W2 + b2``, ``L = Σ(o − y)²/n``
    (``n`` = number of entries of ``o``): ``∂L/∂o = 2(o − y)/n``;
    ``∂L/∂W2 = hᵀ ∂o``; ``∂L/∂b2 = Σ_rows ∂o``; ``∂L/∂h = ∂o W2ᵀ``;
    ``∂L/∂a = ∂h ⊙ (1 − h²)``; ``∂L/∂W1 = xᵀ ∂a``; ``∂L/∂b1 = Σ_rows ∂a``.
    """
    a = x @ W1 + b1
    h = np.tanh(a)
    o = h @ W2 + b2
    loss = float(np.mean((o - y) ** 2))
    d_o = 2.0 * (o - y) / o.size
    d_h = d_o @ W2.T
    d_a = d_h * (1.0 - h * h)
    grads = {
        "W2": h.T @ d_o,
        "b2": d_o.sum(axis=0),
        "W1": x.T @ d_a,
        "b1": d_a.sum(axis=0),
    }
    return loss, grads


def adam_trajectory_reference(
    w0: Sequence[float],
    grad_fn: Callable[[list[float]], Sequence[float]],
    n_steps: int,
    lr: float,
    betas: tuple[float, float],
    eps: float,
    weight_decay: float,
    decoupled: bool,
) -> list[list[float]]:
    """The iterates ``θ_0 .. θ_n`` of Adam/AdamW when the gradient is ``grad_fn(θ)``.

    The same algorithm box as :func:`adam_reference`, with the gradient taken
    at the current iterate of each step (a training run rather than a replay).
    """
    beta1, beta2 = betas
    theta = [float(p) for p in w0]
    m = [0.0] * len(theta)
    v = [0.0] * len(theta)
    path = [list(theta)]
    for t in range(1, n_steps + 1):
        grad = [float(g) for g in grad_fn(list(theta))]
        for i in range(len(theta)):
            g = grad[i]
            if decoupled:
                theta[i] = theta[i] - lr * weight_decay * theta[i]
            elif weight_decay != 0:
                g = g + weight_decay * theta[i]
            m[i] = beta1 * m[i] + (1 - beta1) * g
            v[i] = beta2 * v[i] + (1 - beta2) * g * g
            m_hat = m[i] / (1 - beta1**t)
            v_hat = v[i] / (1 - beta2**t)
            theta[i] = theta[i] - lr * m_hat / (math.sqrt(v_hat) + eps)
        path.append(list(theta))
    return path
