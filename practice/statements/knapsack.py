"""Knapsack: the most value that fits within a weight capacity (dynamic programming)."""

from __future__ import annotations


def knapsack_01(weights: list[int], values: list[int], capacity: int) -> int:
    """Return the best total value of items, each taken at most once, within ``capacity``.

    Item ``i`` weighs ``weights[i]`` and is worth ``values[i]``.  Choose a set of
    items whose weights add up to at most ``capacity`` and whose values add up to
    as much as possible; return that total value (``0`` when nothing fits).

    Constraints
    -----------
    - ``weights`` and ``values`` are lists of the same length ``n``, ``0 <= n <= 200``
    - ``0 <= weights[i] <= 1000``, ints (a weight of 0 always fits)
    - ``0 <= values[i] <= 10^4``: ints, floats or Fractions (answers are compared
      exactly for ints and Fractions, to a relative ``1e-9`` for floats)
    - ``0 <= capacity <= 10^4``, an int
    - the lists must not be modified.

    Errors (contract)
    -----------------
    Lists of different lengths, a negative weight, value or capacity, or a NaN or
    infinite value → ``ValueError``; a weight or ``capacity`` that is not an int,
    or a value that is not a number → ``TypeError``.  Also checked as contract:
    the answer has the values' type (all-Fraction values give a ``Fraction``, even
    ``Fraction(0)`` when nothing fits), and the lists given as any iterables.

    Examples
    --------
    >>> knapsack_01([1, 3, 4, 5], [1, 4, 5, 7], 7)
    9

    Items 1 and 2 (weights 3 + 4 = 7) are worth 4 + 5 = 9.

    >>> knapsack_01([10, 20, 30], [60, 100, 120], 50)
    220
    >>> knapsack_01([3], [10], 6)
    10

    Complexity
    ----------
    Aim for ``O(n * capacity)`` time and ``O(capacity)`` extra memory: one row of
    the table, not all of it (the judge measures the memory).

    Hint: with one array ``best[c]``, let ``c`` run downwards, so each item is
    counted at most once.
    """
    raise NotImplementedError


def knapsack_01_items(
    weights: list[int], values: list[int], capacity: int
) -> tuple[int, list[int]]:
    """Return ``(best_value, chosen)``: the 0/1 knapsack's answer and the items achieving it.

    ``best_value`` is what :func:`knapsack_01` returns; ``chosen`` is an ascending
    list of distinct indices of items whose weights add up to at most ``capacity``
    and whose values add up to ``best_value``.  When several sets of items are
    best, return any one of them.

    Constraints
    -----------
    As for :func:`knapsack_01`.

    Errors (contract)
    -----------------
    As for :func:`knapsack_01`.

    Examples
    --------
    >>> knapsack_01_items([1, 3, 4, 5], [1, 4, 5, 7], 7)
    (9, [1, 2])
    >>> knapsack_01_items([0, 1, 0], [2, 5, 3], 0)
    (5, [0, 2])

    Weightless items always fit.

    >>> knapsack_01_items([6, 7], [1, 1], 5)
    (0, [])

    Complexity
    ----------
    Aim for ``O(n * capacity)`` time; memory ``O(n * capacity)`` is fine here.

    Hint: keep the whole table (or a flag per item and capacity), then walk the
    items backwards from ``capacity``: item ``i`` was taken if it changed the best.
    """
    raise NotImplementedError


def knapsack_unbounded(weights: list[int], values: list[int], capacity: int) -> int:
    """Return the best total value within ``capacity`` when every item may repeat.

    As :func:`knapsack_01`, but each item may be taken any number of times.

    Constraints
    -----------
    As for :func:`knapsack_01`, except that every weight is positive:
    ``1 <= weights[i] <= 1000``.

    Errors (contract)
    -----------------
    As for :func:`knapsack_01`, and a weight of 0 → ``ValueError`` (the item could
    be taken without limit).

    Examples
    --------
    >>> knapsack_unbounded([2, 3], [3, 5], 7)
    11

    Two items of weight 2 and one of weight 3: 3 + 3 + 5 = 11.

    >>> knapsack_unbounded([3], [10], 6)
    20
    >>> knapsack_unbounded([], [], 5)
    0

    Complexity
    ----------
    Aim for ``O(n * capacity)`` time and ``O(capacity)`` extra memory (the judge
    measures the memory).

    Hint: the same one-array loop as the 0/1 knapsack, with ``c`` running upwards.
    """
    raise NotImplementedError


def knapsack_01_table(weights: list[int], values: list[int], capacity: int) -> list[list[int]]:
    """Return the full 0/1-knapsack table ``f``, with ``n + 1`` rows of ``capacity + 1`` entries.

    ``f[i][c]`` is the best total value using only the first ``i`` items within
    capacity ``c``.  Row 0 is all zeros, and ``f[n][capacity]`` is the answer of
    :func:`knapsack_01`.

    Constraints
    -----------
    As for :func:`knapsack_01`.

    Errors (contract)
    -----------------
    As for :func:`knapsack_01`.

    Examples
    --------
    >>> for row in knapsack_01_table([1, 2], [3, 4], 3):
    ...     print(row)
    [0, 0, 0, 0]
    [0, 3, 3, 3]
    [0, 3, 4, 7]

    Complexity
    ----------
    ``O(n * capacity)`` time and memory.

    Hint: ``f[i][c] = max(f[i-1][c], f[i-1][c - w] + v)`` for item ``i`` of weight
    ``w <= c`` and value ``v``.
    """
    raise NotImplementedError
