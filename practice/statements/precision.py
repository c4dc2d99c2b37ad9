"""Mixed precision: rounding to 16-bit floats, dynamic loss scaling, float32 master weights."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def round_to_float16(x: np.ndarray) -> np.ndarray:
    """Round every element of ``x`` to the nearest IEEE half-precision (float16) value.

    float16 has a sign bit, 5 exponent bits and 10 fraction bits: normal
    numbers ``1.f × 2^e`` for ``−14 <= e <= 15`` (largest 65504), subnormals
    ``0.f × 2^−14`` (multiples of ``2^−24``), ``±0``, ``±inf`` and NaN.  Return
    a float64 array, of the shape of ``x``, holding the float16 values.  Round
    to nearest; a tie (exactly halfway) goes to the value whose last fraction
    bit is 0 ("ties to even").  Magnitudes from 65520 on (halfway to ``2^16``)
    become ``±inf``; NaN stays NaN; a result of zero keeps the sign of ``x``.

    Work on the bits of the float64 (``x.view(np.int64)``) with integer
    operations: do not cast to ``np.float16`` -- the rounding is the exercise.

    Constraints
    -----------
    - ``x`` is a float64 NumPy array of any shape (0-d included), up to
      ``10^6`` elements, holding any float64 values: subnormals, huge
      values, ``±0``, ``±inf``, NaN.
    - ``x`` must not be modified.

    Errors (contract)
    -----------------
    Non-numeric ``x`` (strings, ``None``, complex numbers) → ``TypeError``.

    Examples
    --------
    >>> round_to_float16(np.array([0.1, 65519.0, 65520.0, -1e-9])).tolist()
    [0.0999755859375, 65504.0, inf, -0.0]

    ``1 + 2^-11`` is halfway between 1 and the next float16, ``1 + 2^-10``:
    the tie goes to 1, whose last bit is even.

    >>> round_to_float16(np.array([1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11])).tolist()
    [1.0, 1.001953125]

    Complexity
    ----------
    ``O(n)``; a vectorised solution rounds ``10^6`` values well within a second.

    Hint: drop the low ``52 − 10`` fraction bits with ``(bits + half − 1 + lowest_kept_bit)``.
    """
    raise NotImplementedError


def round_to_bfloat16(x: np.ndarray) -> np.ndarray:
    """Round every element of ``x`` to the nearest bfloat16 value.

    bfloat16 is float32 with only 7 fraction bits: 8 exponent bits, normal
    numbers ``1.f × 2^e`` for ``−126 <= e <= 127`` (largest
    ``(2 − 2^−7) × 2^127``), subnormals (multiples of ``2^−133``), ``±0``,
    ``±inf``, NaN.  Return a float64 array of the shape of ``x``: round to
    nearest, ties to even, directly from the float64 value (rounding to
    float32 first could round twice and land on the wrong side of a tie);
    overflow to ``±inf``, NaN stays NaN, zero keeps its sign.

    Constraints
    -----------
    - ``x`` is a float64 NumPy array of any shape, up to ``10^6`` elements,
      any float64 values.
    - ``x`` must not be modified.

    Errors (contract)
    -----------------
    Non-numeric ``x`` → ``TypeError``.

    Examples
    --------
    >>> round_to_bfloat16(np.array([1.0 + 2.0**-8, 1.0 + 3 * 2.0**-8, 1e39])).tolist()
    [1.0, 1.015625, inf]

    Complexity
    ----------
    ``O(n)``.

    Hint: the same rounding as float16 with 7 fraction bits and a wider exponent range.
    """
    raise NotImplementedError


class DynamicLossScaler:
    """Dynamic loss scaling, as ``torch.amp.GradScaler`` does it.

    ``DynamicLossScaler(init_scale=2.0**16, growth_factor=2.0,
    backoff_factor=0.5, growth_interval=2000)``.  A training step multiplies
    the loss by ``scaler.scale`` (a float attribute), so the float16 gradients
    do not underflow; then:

    - ``scaler.unscale(grads)`` returns ``(grads / scale, found_inf)``, a new
      array and a bool that is True when the result holds an inf or NaN (the
      optimiser step must then be skipped); ``grads`` is not modified.
    - ``scaler.update(found_inf)``: if ``found_inf``, multiply the scale by
      ``backoff_factor`` and restart the count of clean steps; otherwise count
      one clean step, and when the count reaches ``growth_interval``, multiply
      the scale by ``growth_factor`` and restart the count.

    Constraints
    -----------
    - ``2^-10 <= init_scale <= 2^24``, ``1 < growth_factor <= 4``,
      ``0 < backoff_factor < 1``, ``growth_interval`` an int ``>= 1``.
    - ``grads`` is a float64 NumPy array (up to 2-d, at most 36 elements) whose
      entries are finite with ``|g| <= 10^30``, or ``±inf``, or NaN;
      ``found_inf`` is a bool; up to 4000 updates.

    Errors (contract)
    -----------------
    A setting out of range → ``ValueError``; a non-numeric setting, a
    non-integer ``growth_interval`` or a non-bool ``found_inf`` → ``TypeError``.

    Examples
    --------
    >>> scaler = DynamicLossScaler(init_scale=8.0, growth_interval=2)
    >>> grads, found_inf = scaler.unscale(np.array([8.0, np.inf]))
    >>> grads, found_inf
    (array([ 1., inf]), True)
    >>> scaler.update(found_inf)
    >>> scaler.scale
    4.0
    >>> scaler.update(False)
    >>> scaler.update(False)
    >>> scaler.scale
    8.0

    Complexity
    ----------
    ``O(1)`` per update, ``O(n)`` per unscale.

    Hint: two numbers of state: the scale and the count of clean steps.
    """

    def __init__(
        self,
        init_scale: float = 2.0**16,
        growth_factor: float = 2.0,
        backoff_factor: float = 0.5,
        growth_interval: int = 2000,
    ) -> None:
        raise NotImplementedError

    def unscale(self, grads: np.ndarray) -> tuple[np.ndarray, bool]:
        raise NotImplementedError

    def update(self, found_inf: bool) -> None:
        raise NotImplementedError


def mixed_precision_sgd(
    w0: np.ndarray | float,
    grad_fn: Callable[[np.ndarray], np.ndarray],
    lr: float,
    n_steps: int,
    master_weights: bool = True,
) -> np.ndarray:
    """Run ``n_steps`` of gradient descent with float16 weights and gradients.

    Write ``fp16(a)`` for rounding to float16 and ``fp32(a)`` for rounding to
    float32 (``a.astype(np.float32)``).  Start from ``w = fp16(w0)``; each
    step computes ``g = fp16(grad_fn(w))`` (``grad_fn`` gets a copy of ``w``
    as a float64 array) and then

    - without master weights: ``w = fp16(w − lr·g)``;
    - with master weights: a float32 copy ``M`` (initially ``fp32(w0)``) is
      updated instead, ``M = fp32(M − lr·g)``, and ``w = fp16(M)``;

    where each right-hand side is computed in float64 and rounded once.
    Return the float16 weights after 0, 1, …, ``n_steps`` steps: an array of
    shape ``(n_steps + 1,) + np.shape(w0)``, row 0 being ``fp16(w0)``.

    In pure float16 an update smaller than half the distance to the next
    float16 number is rounded away -- every step.  The float32 master copy
    accumulates such updates until the float16 weight moves.

    Constraints
    -----------
    - ``w0`` is a float in ``[-4, 4]`` or a float64 array of 1 to 4 such values.
    - ``grad_fn(w)`` returns a float64 array of ``w``'s shape (a float for a
      scalar ``w0``), finite and at most ``10^3`` in size.
    - ``10^-5 <= lr <= 0.1``, ``0 <= n_steps <= 400``; ``master_weights`` a bool.
    - ``w0`` must not be modified.

    Errors (contract)
    -----------------
    ``lr <= 0``, ``n_steps < 0``, a gradient of the wrong shape or a
    non-finite ``w0`` → ``ValueError``; ``grad_fn`` not callable or ``w0`` not
    numeric → ``TypeError``.

    Examples
    --------
    ``lr·g = 10^-4`` is less than half the float16 spacing just below 1.0
    (``2^-12``): pure float16 never moves, the master copy does.

    >>> stuck = mixed_precision_sgd(1.0, lambda w: 1.0, 1e-4, 300, master_weights=False)
    >>> moving = mixed_precision_sgd(1.0, lambda w: 1.0, 1e-4, 300)
    >>> float(stuck[-1]), float(moving[-1])
    (1.0, 0.97021484375)

    Complexity
    ----------
    ``n_steps`` calls of ``grad_fn`` and ``O(n_steps · d)`` for ``d`` weights.

    Hint: your ``round_to_float16`` does the float16 rounding.
    """
    raise NotImplementedError
