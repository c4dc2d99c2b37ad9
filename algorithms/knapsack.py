"""Knapsack: the most value that fits within a weight capacity.

The problem
-----------
Item ``i`` weighs ``weights[i]`` and is worth ``values[i]``.  Choose items of
total weight at most ``capacity`` with the largest total value.  In the
*0/1* knapsack each item is taken at most once; in the *unbounded* (or
*complete*) knapsack each may be taken any number of times.

The idea: dynamic programming over capacities
---------------------------------------------
Let ``f[i][c]`` be the best value using only the first ``i`` items within
capacity ``c``.  Item ``i`` (counting from 1) is either left out or taken::

    f[0][c] = 0
    f[i][c] = max(f[i-1][c], f[i-1][c - w_i] + v_i)      (second term only if c >= w_i)

and the answer is ``f[n][capacity]``.  :func:`knapsack_01_table` returns this
whole (n + 1) x (capacity + 1) table.

Row ``i`` reads only row ``i - 1``, so one array ``best[c]`` suffices,
overwritten in place item by item -- provided ``c`` runs *downwards*, from
``capacity`` to ``w_i``: ``best[c]`` then reads ``best[c - w_i]`` before that
entry is overwritten, i.e. the previous row's value, and the item is counted
at most once.  Running ``c`` *upwards* instead reads ``best[c - w_i]`` after
it was updated for the same item -- which may already contain the item -- so
the item can be taken again and again: exactly the recurrence of the
unbounded knapsack, ``f[i][c] = max(f[i-1][c], f[i][c - w_i] + v_i)``.  The
direction of one loop is the whole difference between the two problems.

Only ``best[capacity]`` is wanted in the end, and that allows skipping
work.  Reading the recurrence backwards, the final entry depends on
item ``i``'s row only at capacities ``capacity - (weights of some later
items)``, all at least ``capacity - rest_i`` where ``rest_i`` is the total
weight of the items after ``i``.  So item ``i``'s update may start at
``max(w_i, capacity - rest_i)``; entries below that go stale but are never
read again.  When the weights add up to about the capacity, the first items
touch only the top of the array and the work halves.  (:func:`knapsack_01_table`, for
comparison, keeps every entry.)

To recover *which* items to take, :func:`knapsack_01_items` also records, per
item, one byte per capacity it updates: "the optimum for the first i items at
capacity c takes item i".  Walking the items backwards from ``c = capacity`` and
subtracting the weight of every item taken reads the choice back.  (The usual
slip is an off-by-one between item ``i`` and row ``i + 1``; the flags are
stored per item to leave no room for it.)

Values may be ints, floats or Fractions; the arithmetic is only ``+`` and
comparison, so exact inputs give exact answers in their own type: Fraction
in, Fraction out.  The zero the table starts from is the values' own zero
(``int`` 0 + ``Fraction(0)`` -> ``Fraction(0)``, + ``0.0`` -> ``0.0``), so the
result has one type even when no item fits.

Complexity
----------
n items, capacity C: every function takes O(n * C) time -- pseudo-polynomial,
since C is exponential in the number of bits that write it down (the problem
is NP-hard).  Memory: O(C) for :func:`knapsack_01` and
:func:`knapsack_unbounded`; O(C) numbers plus at most n * (C + 1) bytes of
flags for :func:`knapsack_01_items`; O(n * C) numbers for :func:`knapsack_01_table`.
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Real
from operator import gt
from typing import Any

from algorithms._validate import as_list, require_int, require_real

__all__ = ["knapsack_01", "knapsack_01_items", "knapsack_01_table", "knapsack_unbounded"]


def knapsack_01(weights: Iterable[int], values: Iterable[Real], capacity: int) -> Any:
    """Best total value of items taken at most once each within ``capacity``.

    Parameters
    ----------
    weights : iterable of int
        Non-negative integer weights.
    values : iterable of real
        Non-negative finite values (int, float, Fraction, ...), one per weight.
    capacity : int
        Non-negative integer weight limit.

    Returns
    -------
    number
        The largest total value of a subset of items whose total weight is at
        most ``capacity``.  Its type is that of ``sum(values)`` (so Fraction
        values give a Fraction); ``0`` when there are no items.

    Raises
    ------
    TypeError
        If a weight or ``capacity`` is not an int, or a value is not a real
        number (``bool`` refused), or an argument is not iterable.
    ValueError
        If a weight, a value or ``capacity`` is negative, a value is NaN or
        infinite, or ``weights`` and ``values`` differ in length.

    Notes
    -----
    One array ``best[0..capacity]`` updated per item, reading the previous
    item's values (the downward capacity loop of the module docstring).
    Time O(n * capacity), memory O(capacity).  Items heavier than the
    capacity are skipped, and item i updates only the capacities from
    ``capacity - (weight of the items after i)`` up, the only ones the final
    entry depends on.

    Examples
    --------
    >>> knapsack_01([1, 3, 4, 5], [1, 4, 5, 7], 7)
    9
    >>> from fractions import Fraction
    >>> knapsack_01([2, 2], [Fraction(1, 3), Fraction(1, 2)], 3)
    Fraction(1, 2)
    >>> knapsack_01([], [], 10)
    0
    """
    ws, vs, capacity, zero = _checked_items(weights, values, capacity)
    best = [zero] * (capacity + 1)
    rest = sum(ws)  # total weight of the items not processed yet
    for w, v in zip(ws, vs, strict=True):
        rest -= w
        if w <= capacity:
            _take_at_most_once(best, w, v, max(w, capacity - rest))
    return best[capacity]


def knapsack_01_items(
    weights: Iterable[int], values: Iterable[Real], capacity: int
) -> tuple[Any, list[int]]:
    """Best value of the 0/1 knapsack and the sorted indices of items achieving it.

    Parameters
    ----------
    weights, values, capacity
        As for :func:`knapsack_01`.

    Returns
    -------
    (best_value, chosen) : tuple
        ``best_value`` equals ``knapsack_01(weights, values, capacity)``;
        ``chosen`` is an ascending list of distinct item indices whose
        weights sum to at most ``capacity`` and whose values sum to
        ``best_value``.  When several subsets are optimal, one is returned
        (an item is taken only when it strictly improves the value).

    Raises
    ------
    TypeError, ValueError
        As for :func:`knapsack_01`.

    Notes
    -----
    The 1-D DP of :func:`knapsack_01`, plus for each item the flags "the
    best for the first i + 1 items at capacity c takes item i", one byte per
    capacity the item updates.  Reconstruction walks the items backwards
    from ``capacity``.  Time O(n * capacity); memory O(capacity) values plus
    at most n * (capacity + 1) bytes of flags (at most 2 MB for 200 items and
    capacity 10^4).

    Examples
    --------
    >>> knapsack_01_items([1, 3, 4, 5], [1, 4, 5, 7], 7)
    (9, [1, 2])
    >>> knapsack_01_items([5], [10], 4)
    (0, [])
    """
    ws, vs, capacity, zero = _checked_items(weights, values, capacity)
    best = [zero] * (capacity + 1)
    # taken[i] = (low, flags): flags[c - low] == 1 iff the best for the first
    # i + 1 items at capacity c takes item i, for c = low .. capacity.
    taken: list[tuple[int, bytes]] = []
    rest = sum(ws)  # total weight of the items not processed yet
    for w, v in zip(ws, vs, strict=True):
        rest -= w
        if w > capacity:
            taken.append((capacity + 1, b""))  # never fits, never chosen
            continue
        # As in knapsack_01: the items after this one weigh `rest` in all, so
        # the walk back below only asks about capacities >= capacity - rest.
        low = max(w, capacity - rest)
        stay = best[low:]  # best[c] without item i, for c = low .. capacity
        gain = [b + v for b in best[low - w : capacity + 1 - w]]  # ... and with it
        flags = bytes(map(gt, gain, stay))
        best[low:] = [g if f else s for g, s, f in zip(gain, stay, flags, strict=True)]
        taken.append((low, flags))

    chosen: list[int] = []
    c = capacity
    for i in range(len(ws) - 1, -1, -1):
        # c is what the items after i left over; taken[i] is the state right
        # after item i (same index, no shift) at that capacity.
        low, flags = taken[i]
        if c >= low and flags[c - low]:
            chosen.append(i)
            c -= ws[i]
    chosen.reverse()
    return best[capacity], chosen


def knapsack_unbounded(weights: Iterable[int], values: Iterable[Real], capacity: int) -> Any:
    """Best total value within ``capacity`` when every item may be taken any number of times.

    Parameters
    ----------
    weights : iterable of int
        Positive integer weights (an item of weight 0 and positive value
        could be taken infinitely often).
    values : iterable of real
        Non-negative finite values, one per weight.
    capacity : int
        Non-negative integer weight limit.

    Returns
    -------
    number
        The largest total value of a multiset of items whose total weight is
        at most ``capacity``; typed like :func:`knapsack_01`'s result.

    Raises
    ------
    TypeError
        As for :func:`knapsack_01`.
    ValueError
        As for :func:`knapsack_01`, and if a weight is 0.

    Notes
    -----
    The same one-array DP as :func:`knapsack_01` with the capacity loop
    running *upwards*, so ``best[c - w]`` may already include the item.
    Time O(n * capacity), memory O(capacity).

    Examples
    --------
    >>> knapsack_unbounded([1, 3, 4, 5], [1, 4, 5, 7], 7)
    9
    >>> knapsack_unbounded([2, 3], [3, 5], 7)
    11
    >>> knapsack_unbounded([], [], 5)
    0
    """
    ws, vs, capacity, zero = _checked_items(weights, values, capacity)
    for k, w in enumerate(ws):
        if w == 0:
            raise ValueError(
                f"weights must be positive for the unbounded knapsack (an item of weight 0 "
                f"could be taken without limit), got weights[{k}] = 0"
            )
    best = [zero] * (capacity + 1)
    for w, v in zip(ws, vs, strict=True):
        # Upwards: best[c - w] is already this item's row, so the item may repeat.
        for c in range(w, capacity + 1):
            with_item = best[c - w] + v
            if with_item > best[c]:
                best[c] = with_item
    return best[capacity]


def knapsack_01_table(
    weights: Iterable[int], values: Iterable[Real], capacity: int
) -> list[list[Any]]:
    """The full 0/1-knapsack table ``f[i][c]``, for comparison with the 1-D DP.

    Parameters
    ----------
    weights, values, capacity
        As for :func:`knapsack_01`.

    Returns
    -------
    list of list
        ``n + 1`` rows of ``capacity + 1`` numbers: ``f[i][c]`` is the best
        value using only the first ``i`` items within capacity ``c``.  Row 0
        is all zeros and ``f[n][c] == knapsack_01(weights, values, c)`` for
        every ``c``.

    Raises
    ------
    TypeError, ValueError
        As for :func:`knapsack_01`.

    Notes
    -----
    The textbook two-dimensional recurrence, written out loop by loop.
    Time and memory O(n * capacity).

    Examples
    --------
    >>> for row in knapsack_01_table([1, 2], [3, 4], 3):
    ...     print(row)
    [0, 0, 0, 0]
    [0, 3, 3, 3]
    [0, 3, 4, 7]
    """
    ws, vs, capacity, zero = _checked_items(weights, values, capacity)
    f = [[zero] * (capacity + 1)]
    for w, v in zip(ws, vs, strict=True):
        prev = f[-1]
        row = prev.copy()  # leaving item i out: f[i][c] = f[i-1][c]
        for c in range(w, capacity + 1):
            if prev[c - w] + v > row[c]:
                row[c] = prev[c - w] + v
        f.append(row)
    return f


def _take_at_most_once(best: list[Any], w: int, v: Any, low: int) -> None:
    """Update ``best[low:]`` in place for one more item (``w <= low < len(best)``).

    The textbook loop is::

        for c in range(capacity, low - 1, -1):
            best[c] = max(best[c], best[c - w] + v)

    going downwards so that ``best[c - w]`` is still the previous item's value.
    Computing the whole new tail ``best[low:]`` from the old array in one
    comprehension, then assigning it back, reads only old values too -- the
    same result -- and runs about 1.4x faster in CPython than the indexed loop.
    Extra memory: two temporary lists of at most ``capacity + 1`` entries.
    """
    # zip stops with the shorter best[low:], i.e. at best[capacity - w].
    tail = zip(best[low:], best[low - w :], strict=False)
    best[low:] = [t if (t := b + v) > a else a for a, b in tail]


def _checked_items(weights: Any, values: Any, capacity: Any) -> tuple[list, list, int, Any]:
    """Validated copies of the items, the capacity, and the zero of the values' type."""
    ws = as_list(weights, "weights")
    vs = as_list(values, "values")
    capacity = require_int(capacity, "capacity", minimum=0)
    if len(ws) != len(vs):
        raise ValueError(f"weights and values must have equal lengths, got {len(ws)} and {len(vs)}")
    for k, w in enumerate(ws):
        require_int(w, f"weights[{k}]", minimum=0)
    for k, v in enumerate(vs):
        require_real(v, f"values[{k}]", minimum=0)
    # 0 * v is the zero of v's type; adding them up promotes the way the DP's
    # own sums would (int -> Fraction -> float), so every entry of the table,
    # including the untouched ones, has the type of sum(values).
    zero = sum((v * 0 for v in vs), 0)
    return ws, vs, capacity, zero
