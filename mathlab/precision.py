"""Mixed precision: rounding to float16/bfloat16, loss scaling, float32 master weights.

The problem
-----------
Training in 16-bit floats halves the memory and doubles the arithmetic rate,
but 16 bits are few.  binary16 (IEEE half, ``float16``) keeps 10 fraction
bits and 5 exponent bits: about 3 decimal digits, numbers up to 65504, and
nothing below ``2⁻²⁴ ≈ 6e-8``.  ``bfloat16`` keeps float32's 8 exponent bits
(range up to ``3.4e38``) but only 7 fraction bits.  Three things go wrong,
and each has a standard fix:

* **Small gradients underflow to 0** in float16.  *Loss scaling* multiplies the
  loss by ``S`` (so every gradient by ``S``) before the backward pass and
  divides the gradients by ``S`` in float32 afterwards.  :class:`DynamicLossScaler`
  picks ``S`` like ``torch.amp.GradScaler``: as large as possible, halved when a
  gradient overflows to inf/NaN (that step is skipped), doubled again after a
  run of clean steps.
* **Small updates vanish.**  ``w − lr·g`` rounds back to ``w`` when
  ``|lr·g|`` is below half the spacing of float16 numbers at ``w`` (``2⁻¹¹``
  at 1.0).  Training keeps a float32 *master* copy of the weights, applies
  the updates there, and rounds to float16 only to compute the next gradient
  (:func:`mixed_precision_sgd` shows both).
* **Overflow** above 65504 gives inf -- which is what the loss scaler detects.

Rounding from the bit pattern
-----------------------------
A float64 is ``sign | 11-bit exponent e | 52-bit fraction``, value
``1.fraction × 2^(e − 1023)``.  Rounding it to a format with ``k`` fraction
bits and minimum normal exponent ``e_min`` means: keep the 53-bit significand
``sig = 2⁵² + fraction`` but make it a multiple of ``2^d``, where
``d = 52 − k`` for normal results and ``d`` grows by one for every binade
below ``e_min`` (*subnormals*: the spacing stops shrinking there).  Round to
nearest, ties to even, is one integer formula::

    rounded = ((sig + 2^(d−1) − 1 + bit_d(sig)) >> d) << d

(adding ``2^(d−1) − 1`` carries into bit ``d`` exactly when the dropped bits
exceed one half; the extra ``bit_d`` -- the lowest kept bit -- carries the
exact half only when that bit is odd).  The result is 0, or a significand in
``[2⁵², 2⁵³]``; ``2⁵³`` means the rounding carried into the next binade.  An
exponent above ``e_max`` afterwards is an overflow: ``±inf``.  Everything is
done on the float64 bits, so the result is returned as the float64 that
equals the 16-bit value: no float16 arithmetic and no cast is involved.

For float16 (``k = 10``, ``e_min = −14``, ``e_max = 15``) this gives the
overflow threshold 65520: halfway between the largest finite 65504 and
``2¹⁶``, a tie that goes to the even significand ``2¹⁶``, i.e. inf.

Complexity
----------
Rounding: one pass over the input (a Numba loop of integer operations),
``O(n)`` time, one new float64 array.  The loss scaler is ``O(1)`` per
update plus ``O(n)`` to unscale ``n`` gradients.  ``mixed_precision_sgd``:
``n_steps`` calls of ``grad_fn`` plus ``O(n_steps·d)``; the result holds
``(n_steps + 1)·d`` floats.

>>> round_to_float16([1.0 + 2.0**-11, 65519.0, 65520.0, 1e-8])
array([1.0e+00, 6.5504e+04, inf, 0.0e+00])
"""

from __future__ import annotations

from collections.abc import Callable
from numbers import Real
from typing import Any

import numpy as np
from numba import njit

from mathlab._validate import as_real_array, describe, require_int, require_real

__all__ = [
    "DynamicLossScaler",
    "mixed_precision_sgd",
    "round_to_bfloat16",
    "round_to_float16",
]

# float64 layout, as int64 bit patterns.
_SIGN = -(1 << 63)  # the sign bit, as a (negative) int64
_FRACTION = (1 << 52) - 1
_IMPLICIT = 1 << 52  # the leading 1 of a normal significand
_EXP_ALL_ONES = 0x7FF  # inf and NaN
_INF_BITS = 0x7FF << 52


@njit(cache=True)
def _round_bits(bits: np.ndarray, out: np.ndarray, frac_bits: int, e_min: int, e_max: int) -> None:
    """Round every float64 (as int64 bits) to the nearest value with ``frac_bits``
    fraction bits and exponents in ``[e_min, e_max]`` (subnormals below), ties to even."""
    normal_drop = 52 - frac_bits
    # Normal results: rounding the magnitude's bits in place carries from the
    # fraction into the exponent by itself, so one formula and one overflow test.
    half_minus_1 = (1 << (normal_drop - 1)) - 1
    keep = ~((1 << normal_drop) - 1)
    smallest_normal = (e_min + 1023) << 52
    largest_finite = ((e_max + 1023) << 52) | (_FRACTION & keep)
    for i in range(bits.size):
        b = bits[i]
        sign = b & _SIGN
        magnitude = b ^ sign
        if smallest_normal <= magnitude < _INF_BITS:
            rounded = (magnitude + half_minus_1 + ((magnitude >> normal_drop) & 1)) & keep
            out[i] = sign | (rounded if rounded <= largest_finite else _INF_BITS)
        elif magnitude >= _INF_BITS:  # inf stays inf, NaN stays NaN
            out[i] = b
        else:
            out[i] = sign | _round_subnormal(magnitude, normal_drop, e_min)


@njit(cache=True)
def _round_subnormal(magnitude: int, normal_drop: int, e_min: int) -> int:
    """Bits of the magnitude (below the smallest normal) rounded to the subnormal grid.

    Below ``2^e_min`` the spacing stays ``2^(e_min − frac_bits)``, so one more
    bit is dropped per binade; the result is 0 or a significand in
    ``[2⁵², 2⁵³]`` times ``2^(e − 52)``, ``2⁵³`` meaning a carry into the next binade.
    """
    e_field = magnitude >> 52
    if e_field == 0:  # zero or a float64 subnormal: far below half the smallest target
        return 0
    e = e_field - 1023
    drop = normal_drop + (e_min - e)
    if drop > 53:  # below half the smallest subnormal
        return 0
    sig = (magnitude & _FRACTION) | _IMPLICIT
    kept_lsb = (sig >> drop) & 1
    rounded = ((sig + (1 << (drop - 1)) - 1 + kept_lsb) >> drop) << drop
    if rounded == 0:
        return 0
    if rounded == _IMPLICIT << 1:  # carried into the next binade (possibly the smallest normal)
        return (e + 1 + 1023) << 52
    return ((e + 1023) << 52) | (rounded - _IMPLICIT)


def _as_float_array(x: Any, name: str) -> np.ndarray:
    """A C-contiguous float64 array of ``x`` (NaN and inf allowed); not a copy if it is one."""
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be a real number or an array of them, got {describe(x)}")
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError):
        raise ValueError(f"{name} must be a rectangular array, got {describe(x)}") from None
    if arr.dtype.kind == "O":
        if not all(isinstance(v, Real) and not isinstance(v, bool) for v in arr.flat):
            raise TypeError(f"{name} must hold real numbers, got {describe(x)}")
    elif arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {arr.dtype}")
    try:
        with np.errstate(over="ignore"):  # a huge int becomes inf, as float() would not
            return np.asarray(arr, dtype=np.float64, order="C")
    except OverflowError:
        raise ValueError(f"{name} holds an integer too large for float64") from None


def _round(x: Any, frac_bits: int, e_min: int, e_max: int) -> np.ndarray:
    arr = _as_float_array(x, "x")
    out = np.empty(arr.shape, dtype=np.float64)
    _round_bits(
        arr.reshape(-1).view(np.int64), out.reshape(-1).view(np.int64), frac_bits, e_min, e_max
    )
    return out


def round_to_float16(x: Any) -> np.ndarray:
    """The nearest IEEE binary16 (``float16``) value of each element, as float64.

    Parameters
    ----------
    x : array_like of float
        Any shape (a scalar gives a 0-d array).  NaN and inf allowed.  Not modified.

    Returns
    -------
    numpy.ndarray
        float64, the shape of ``x``: round to nearest, ties to even, with
        subnormals (multiples of ``2⁻²⁴``), ``±inf`` from ``|x| >= 65520`` on,
        NaN for NaN and the sign of zero kept (``-1e-9`` gives ``-0.0``).

    Raises
    ------
    TypeError
        If ``x`` is not numeric (strings, complex, booleans, ``None``).
    ValueError
        If ``x`` is a ragged nested list.

    Notes
    -----
    Computed from the float64 bit pattern with integer operations (see the
    module docstring), not by casting: one pass, ``O(n)`` time, one new array.

    Examples
    --------
    >>> round_to_float16([0.1, 1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11, -0.0])
    array([ 0.09997559,  1.        ,  1.00195312, -0.        ])
    >>> round_to_float16([2.0**-25, 1.5 * 2.0**-25, 70000.0, -70000.0]).tolist()
    [0.0, 5.960464477539063e-08, inf, -inf]
    """
    return _round(x, 10, -14, 15)


def round_to_bfloat16(x: Any) -> np.ndarray:
    """The nearest ``bfloat16`` value of each element, as float64.

    ``bfloat16`` is float32 with the fraction cut to 7 bits: the same exponent
    range (largest finite ``(2 − 2⁻⁷)·2¹²⁷ ≈ 3.39e38``, subnormals down to
    ``2⁻¹³³``), precision about 2–3 decimal digits.

    Parameters
    ----------
    x : array_like of float
        Any shape (a scalar gives a 0-d array).  NaN and inf allowed.  Not modified.

    Returns
    -------
    numpy.ndarray
        float64, the shape of ``x``: round to nearest, ties to even,
        subnormals, overflow to ``±inf``, NaN kept, ``−0.0`` kept.  The
        rounding is done once, from the float64 (not through float32, which
        could round twice).

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is a ragged nested list.

    Notes
    -----
    Integer operations on the bit pattern; ``O(n)`` time, one new array.

    Examples
    --------
    >>> round_to_bfloat16([1.0 + 2.0**-8, 1.0 + 3 * 2.0**-8, 3.0e38, 1e39]).tolist()
    [1.0, 1.015625, 3.00405527047391e+38, inf]
    """
    return _round(x, 7, -126, 127)


# ---------------------------------------------------------------------------
# Loss scaling
# ---------------------------------------------------------------------------


class DynamicLossScaler:
    """Dynamic loss scaling with the semantics of ``torch.amp.GradScaler``.

    Multiply the loss by :attr:`scale` before the backward pass; then
    ``grads, found_inf = scaler.unscale(scaled_grads)``; take the optimiser
    step only if ``found_inf`` is False; finally ``scaler.update(found_inf)``.

    Parameters
    ----------
    init_scale : float, default 2.0**16
        The first scale, positive and finite.
    growth_factor : float, default 2.0
        Multiplies the scale after ``growth_interval`` consecutive clean
        steps; ``> 1``.
    backoff_factor : float, default 0.5
        Multiplies the scale after a step with inf/NaN gradients; ``0 < b < 1``.
    growth_interval : int, default 2000
        Number of consecutive clean steps before growing, ``>= 1``.

    Attributes
    ----------
    scale : float
        The current scale.
    growth_tracker : int
        Clean steps since the last growth or overflow (always below ``growth_interval``).

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    A state machine with two numbers: on ``update(True)`` the scale is
    multiplied by ``backoff_factor`` and the count of clean steps restarts at
    0; on ``update(False)`` the count goes up by one, and when it reaches
    ``growth_interval`` the scale is multiplied by ``growth_factor`` and the
    count restarts.  As in PyTorch, a growth that would overflow the scale to
    inf is not made.  ``update`` is ``O(1)``; ``unscale`` is ``O(n)``.

    Examples
    --------
    >>> scaler = DynamicLossScaler(init_scale=8.0, growth_interval=2)
    >>> grads, found_inf = scaler.unscale([8.0, float("inf")])
    >>> found_inf
    True
    >>> scaler.update(found_inf)          # skip this step; back off
    >>> scaler.scale
    4.0
    >>> for _ in range(2):
    ...     scaler.update(False)          # two clean steps: grow
    >>> scaler.scale
    8.0
    """

    def __init__(
        self,
        init_scale: float = 2.0**16,
        growth_factor: float = 2.0,
        backoff_factor: float = 0.5,
        growth_interval: int = 2000,
    ) -> None:
        self._scale = require_real(init_scale, "init_scale", positive=True)
        self.growth_factor = require_real(growth_factor, "growth_factor")
        if not self.growth_factor > 1.0:
            raise ValueError(f"growth_factor must be > 1, got {growth_factor}")
        self.backoff_factor = require_real(backoff_factor, "backoff_factor")
        if not 0.0 < self.backoff_factor < 1.0:
            raise ValueError(
                f"backoff_factor must satisfy 0 < backoff_factor < 1, got {backoff_factor}"
            )
        self.growth_interval = require_int(growth_interval, "growth_interval", minimum=1)
        self._growth_tracker = 0

    @property
    def scale(self) -> float:
        """The current loss scale."""
        return self._scale

    @property
    def growth_tracker(self) -> int:
        """Consecutive clean steps counted towards the next growth."""
        return self._growth_tracker

    def __repr__(self) -> str:
        return (
            f"DynamicLossScaler(scale={self._scale!r}, growth_tracker={self._growth_tracker}, "
            f"growth_factor={self.growth_factor!r}, backoff_factor={self.backoff_factor!r}, "
            f"growth_interval={self.growth_interval})"
        )

    def unscale(self, grads: Any) -> tuple[np.ndarray, bool]:
        """Divide scaled gradients by the scale and check them for inf/NaN.

        Parameters
        ----------
        grads : array_like of float
            Gradients of the scaled loss, any shape.  Not modified.

        Returns
        -------
        (numpy.ndarray, bool)
            ``grads / scale`` (float64, a new array) and ``found_inf``: True when
            an element of the result is inf or NaN (then the step must be skipped).

        Raises
        ------
        TypeError
            If ``grads`` is not numeric.
        """
        scaled = _as_float_array(grads, "grads")
        with np.errstate(over="ignore", invalid="ignore"):
            unscaled = scaled / self._scale
        return unscaled, not bool(np.isfinite(unscaled).all())

    def update(self, found_inf: bool) -> None:
        """Adjust the scale after a step: back off on ``found_inf``, else maybe grow.

        Parameters
        ----------
        found_inf : bool
            Whether the step's gradients had an inf or NaN (as ``unscale`` said).

        Raises
        ------
        TypeError
            If ``found_inf`` is not a bool.
        """
        if not isinstance(found_inf, (bool, np.bool_)):
            raise TypeError(f"found_inf must be a bool, got {describe(found_inf)}")
        if found_inf:
            self._scale *= self.backoff_factor
            self._growth_tracker = 0
            return
        self._growth_tracker += 1
        if self._growth_tracker == self.growth_interval:
            grown = self._scale * self.growth_factor
            if np.isfinite(grown):
                self._scale = grown
            self._growth_tracker = 0


# ---------------------------------------------------------------------------
# SGD with float16 weights
# ---------------------------------------------------------------------------


def mixed_precision_sgd(
    w0: Any,
    grad_fn: Callable[[np.ndarray], Any],
    lr: float,
    n_steps: int,
    master_weights: bool = True,
) -> np.ndarray:
    """SGD whose weights and gradients are float16, with or without float32 master weights.

    Parameters
    ----------
    w0 : array_like of float
        Initial weights, any shape (finite).  Not modified.
    grad_fn : callable
        ``grad_fn(w)`` returns the gradient at ``w`` (array_like of the shape of
        ``w0``); it gets a float64 copy of the float16 weights.
    lr : float
        Learning rate, positive and finite.
    n_steps : int
        Number of steps, ``>= 0``.
    master_weights : bool, default True
        Keep a float32 copy of the weights and apply the updates to it.

    Returns
    -------
    numpy.ndarray
        float64 array of shape ``(n_steps + 1,) + w0.shape``: row ``k`` holds the
        float16 weights after ``k`` steps (every value exactly a float16 value).

    Raises
    ------
    TypeError
        If ``w0`` is not numeric, ``grad_fn`` is not callable or returns
        something non-numeric, or an argument has the wrong type.
    ValueError
        If ``w0`` is not finite, ``lr`` is not positive, ``n_steps < 0`` or a
        gradient has the wrong shape.

    Notes
    -----
    With ``fp16 = round_to_float16`` and ``fp32`` the rounding to float32,
    ``w₀ = fp16(w0)`` and, for ``k = 0, 1, …``, ``g = fp16(grad_fn(w_k))``:

    * pure float16: ``w_{k+1} = fp16(w_k − lr·g)``;
    * master weights: ``M₀ = fp32(w0)``, ``M_{k+1} = fp32(M_k − lr·g)``,
      ``w_{k+1} = fp16(M_{k+1})``;

    each right-hand side evaluated in float64 and rounded once.  In pure
    float16 an update smaller than half the float16 spacing at ``w`` (at 1.0:
    ``2⁻¹²`` downwards, ``2⁻¹¹`` upwards) is lost, every step; the float32
    master accumulates such updates until the float16 weight moves.

    ``n_steps`` calls of ``grad_fn``; ``O(n_steps·d)`` time and memory for ``d``
    weights.

    Examples
    --------
    ``lr·g = 1e-4`` is below half a float16 step at 1.0:

    >>> stuck = mixed_precision_sgd(1.0, lambda w: 1.0, lr=1e-4, n_steps=300, master_weights=False)
    >>> moving = mixed_precision_sgd(1.0, lambda w: 1.0, lr=1e-4, n_steps=300)
    >>> float(stuck[-1]), float(moving[-1])
    (1.0, 0.97021484375)
    """
    w = as_real_array(w0, "w0")
    if not callable(grad_fn):
        raise TypeError(f"grad_fn must be callable, got {describe(grad_fn)}")
    lr = require_real(lr, "lr", positive=True)
    n_steps = require_int(n_steps, "n_steps", minimum=0)
    if not isinstance(master_weights, (bool, np.bool_)):
        raise TypeError(f"master_weights must be a bool, got {describe(master_weights)}")
    trajectory = np.empty((n_steps + 1, *w.shape))
    w16 = round_to_float16(w)
    trajectory[0] = w16
    master = w.astype(np.float32)
    for k in range(n_steps):
        raw = grad_fn(w16.copy())
        g = _as_float_array(raw, "grad_fn(w)")
        if g.shape != w.shape:
            raise ValueError(f"grad_fn(w) must have the shape of w0, {w.shape}, got {g.shape}")
        g16 = round_to_float16(g)
        with np.errstate(over="ignore", invalid="ignore"):
            if master_weights:
                master = (master.astype(np.float64) - lr * g16).astype(np.float32)
                w16 = round_to_float16(master)
            else:
                w16 = round_to_float16(w16 - lr * g16)
        trajectory[k + 1] = w16
    return trajectory
