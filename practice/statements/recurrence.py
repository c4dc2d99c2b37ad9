"""The first-order linear recurrence h_t = a_t·h_{t-1} + b_t, along the last axis."""

from __future__ import annotations

import numpy as np


def linear_recurrence(
    a: np.ndarray | float, b: np.ndarray | float, h0: np.ndarray | float | None = None
) -> np.ndarray:
    """Return every state of ``h_t = a_t·h_{t-1} + b_t``, starting from ``h_{-1} = h0``.

    Time is the last axis.  ``a`` and ``b`` broadcast against each other (as
    NumPy broadcasts) to a shape ``(..., L)``; every line along the last axis is
    an independent recurrence, with its own start value from ``h0``.  Return
    ``h`` with that broadcast shape: ``h[..., t]`` is the state after step t.

    Constraints
    -----------
    - ``a`` and ``b`` are numbers or NumPy arrays (``float32``, ``float64`` or
      integers, which count as ``float64``); their broadcast shape is
      ``(..., L)`` with ``1 <= L <= 10^4`` and at most 2 leading axes.
    - ``|a| <= 1`` (a stable recurrence), ``|b| <= 10^3``.
    - ``h0`` is ``None`` (start from 0), a number, or an array that broadcasts
      to the leading shape ``(...)``; ``|h0| <= 10``.
    - The inputs must not be modified.

    Accuracy: at step t the answer may be off by at most
    ``4·(L + 1)·eps·(|b_0| + ... + |b_t| + |h0|)``, eps the machine epsilon of
    ``float32`` if any input is ``float32``, else of ``float64``.

    Errors (contract)
    -----------------
    ``a`` and ``b`` that do not broadcast, or broadcast to a 0-d shape, and an
    ``h0`` that does not fit the leading shape → ``ValueError``; ``bool``,
    complex or text input → ``TypeError``.  Also checked as contract: the
    result is ``float32`` when ``a`` and ``b`` both are, else ``float64``; an
    empty input gives an empty result.

    Examples
    --------
    An exponential moving average with decay 0.5:

    >>> linear_recurrence(0.5, np.array([2.0, 2.0, 2.0, 2.0]))
    array([2.  , 3.  , 3.5 , 3.75])

    Two independent rows, each with its own start value:

    >>> a = np.array([[1.0, 1.0, 1.0], [0.5, 0.5, 0.5]])
    >>> b = np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    >>> linear_recurrence(a, b, h0=np.array([10.0, 8.0]))
    array([[11., 12., 13.],
           [ 4.,  2.,  1.]])

    Complexity
    ----------
    ``O(n)`` time and memory for n = the size of the broadcast shape.

    Hint: loop over time once, updating every line at the same step together.
    """
    raise NotImplementedError
