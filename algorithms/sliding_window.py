"""Sliding-window maximum and minimum with a monotonic deque.

The problem: given a sequence ``nums`` and a window length ``k``, report the
largest (or smallest) element of every window ``nums[i : i + k]``, from left to
right.  There are ``n - k + 1`` windows.  Recomputing ``max`` for every window
costs ``k - 1`` comparisons each, ``O(n·k)`` in all; the point of this module is
to do it with fewer than ``2n`` comparisons, whatever ``k`` is.

The idea is a deque of *candidates*: indices of elements that could still be
the maximum of some window that has not been reported yet.  An element ``y``
that arrives after ``x`` with ``x < y`` makes ``x`` useless for good: every
future window that contains ``x`` also contains ``y``.  So when ``y`` arrives
it removes, from the back of the deque, every candidate smaller than itself.
What stays is *monotonic*: the values along the deque never increase,

    nums[dq[0]] >= nums[dq[1]] >= ... >= nums[dq[-1]],

so the front is the maximum of the current window.  The front leaves when it
slides out of the window, which is a comparison of *indices*, not of elements.

Counting element comparisons: each one either removes a candidate from the
back (every index is removed at most once) or stops the scan of an arrival
(at most once per arrival).  That makes fewer than ``2n`` of them; the exact
bound, ``2n - 3`` for ``n >= 2``, is derived in :func:`_window_extremes`.  The
deque holds at most ``k`` indices, so the memory is ``O(k)`` besides the
``n - k + 1`` results.

Only ``<`` is ever applied to elements, as in :func:`sorted` and :mod:`heapq`,
so any totally ordered values work: ints, floats, fractions, strings, tuples.
Ties go to the *earliest* extreme element of the window, the one the built-in
:func:`max` and :func:`min` would return.  NaN is rejected because it is not
ordered: ``nan < x`` and ``x < nan`` are both false, so a window's maximum
would depend on where the NaN sits.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable
from decimal import Decimal
from numbers import Rational, Real
from typing import Any, TypeVar

from algorithms._validate import as_list, describe, require_int

__all__ = ["max_sliding_window", "min_sliding_window"]

T = TypeVar("T")


def max_sliding_window(nums: Iterable[T], k: int) -> list[T]:
    """Return the maximum of every window of ``k`` consecutive elements.

    Parameters
    ----------
    nums : iterable
        Totally ordered values (only ``<`` is used on them).  It is copied,
        never modified; any iterable works, a list, a tuple, a generator, a
        NumPy array.
    k : int
        The window length, ``1 <= k <= len(nums)``.

    Returns
    -------
    list
        ``n - k + 1`` elements of ``nums``: entry ``i`` is ``max(nums[i:i + k])``
        (on ties, the earliest maximal element of that window, as :func:`max`).

    Raises
    ------
    TypeError
        If ``nums`` is not an iterable (or is a ``str``/``bytes``), or ``k`` is
        not an ``int`` (``bool`` is refused).
    ValueError
        If not ``1 <= k <= len(nums)`` (so always for an empty ``nums``), or if
        ``nums`` contains a NaN (a float, NumPy or ``Decimal`` NaN).

    Notes
    -----
    Monotonic deque: ``O(n)`` time, at most ``2n - 3`` element comparisons for
    ``n >= 2`` (none for ``n == 1``), ``O(k)`` extra memory besides the output.
    ``min_sliding_window`` is the same code with the comparison mirrored.

    Examples
    --------
    >>> max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3)
    [3, 3, 5, 5, 6, 7]
    >>> max_sliding_window("abcab", 2)
    Traceback (most recent call last):
      ...
    TypeError: nums must be an iterable of values, got 'abcab' (str)
    >>> max_sliding_window(["pear", "fig", "plum", "apple"], 2)
    ['pear', 'plum', 'plum']
    """
    return _window_extremes(nums, k, want_max=True)


def min_sliding_window(nums: Iterable[T], k: int) -> list[T]:
    """Return the minimum of every window of ``k`` consecutive elements.

    Parameters
    ----------
    nums : iterable
        Totally ordered values (only ``<`` is used on them); copied, never
        modified.
    k : int
        The window length, ``1 <= k <= len(nums)``.

    Returns
    -------
    list
        ``n - k + 1`` elements of ``nums``: entry ``i`` is ``min(nums[i:i + k])``
        (on ties, the earliest minimal element of that window, as :func:`min`).

    Raises
    ------
    TypeError
        If ``nums`` is not an iterable (or is a ``str``/``bytes``), or ``k`` is
        not an ``int`` (``bool`` is refused).
    ValueError
        If not ``1 <= k <= len(nums)``, or if ``nums`` contains a NaN.

    Notes
    -----
    The same monotonic deque as :func:`max_sliding_window`, kept non-decreasing
    instead of non-increasing: ``O(n)`` time, at most ``2n - 3`` element
    comparisons for ``n >= 2``, ``O(k)`` extra memory.  For numbers,
    ``min_sliding_window(x, k) == [-m for m in max_sliding_window([-v for v in x], k)]``.

    Examples
    --------
    >>> min_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3)
    [-1, -3, -3, -3, 3, 3]
    >>> min_sliding_window([4, 2, 12], 4)
    Traceback (most recent call last):
      ...
    ValueError: k must satisfy 1 <= k <= len(nums) = 3, got 4
    """
    return _window_extremes(nums, k, want_max=False)


def _window_extremes(nums: Iterable[T], k: int, *, want_max: bool) -> list[T]:
    """The one implementation behind both public functions.

    ``want_max`` only decides which way the single element comparison points:
    for the maximum a candidate ``c`` is dropped when ``c < x``, for the
    minimum when ``x < c``.  Both use ``<`` only, so the counts are identical.

    Why at most ``2n - 3`` comparisons (``n >= 2``): a comparison either drops
    a candidate (``pops``) or ends an arrival's scan (``stops``).  Index 0 never
    scans, so ``stops <= n - 1``; the last index is never dropped, so
    ``pops <= n - 1``.  Both cannot be reached at once: if index 0 is dropped,
    the arrival that drops it empties the deque and stops without a comparison
    (``stops <= n - 2``); if it is never dropped, ``pops <= n - 2``.  The bound
    is attained by ``[n, 1, 2, ..., n - 1]`` with ``k = n``.
    """
    values = as_list(nums, "nums")
    require_int(k, "k")
    n = len(values)
    if not 1 <= k <= n:
        raise ValueError(f"k must satisfy 1 <= k <= len(nums) = {n}, got {k}")
    _reject_nan(values)

    candidates: deque[int] = deque()
    push, drop_back, drop_front = candidates.append, candidates.pop, candidates.popleft
    out: list[T] = []
    emit = out.append
    first = 1 - k  # start of the window that ends at index i (negative while filling up)
    for i, x in enumerate(values):
        # Expire the front *before* comparing: comparing x with an element that
        # is leaving anyway would be a wasted comparison (with k == 1, every one).
        if candidates and candidates[0] < first:
            drop_front()
        if want_max:
            while candidates and values[candidates[-1]] < x:
                drop_back()
        else:
            while candidates and x < values[candidates[-1]]:
                drop_back()
        push(i)
        if first >= 0:
            emit(values[candidates[0]])
        first += 1
    return out


def _reject_nan(values: list[Any]) -> None:
    """Raise ValueError if ``values`` holds a NaN, without comparing elements.

    NaN is detected by type, not by ``x != x``: calling comparison operators on
    arbitrary elements would run user code and spoil exact comparison counts.
    Only float-like types (``float`` and its subclasses, NumPy floats, other
    non-rational ``numbers.Real``) and ``Decimal`` can hold a NaN.
    """
    kinds = set(map(type, values))
    float_kinds = tuple(t for t in kinds if issubclass(t, Real) and not issubclass(t, Rational))
    decimal_kinds = tuple(t for t in kinds if issubclass(t, Decimal))
    if not float_kinds and not decimal_kinds:
        return  # ints, Fractions, strings, tuples, ...: no NaN possible
    # Fast path: a plain float list is scanned at C speed; a NaN, if any, is
    # located by the slow loop below.
    if kinds == {float} and not any(map(math.isnan, values)):
        return
    for i, x in enumerate(values):
        if (isinstance(x, float_kinds) and math.isnan(x)) or (
            isinstance(x, decimal_kinds) and x.is_nan()
        ):
            raise ValueError(
                f"nums must not contain NaN (unordered), got {describe(x)} at index {i}"
            )
