"""Combination sum: every way to write a target as a sum of candidates (backtracking)."""

from __future__ import annotations


def combination_sum(candidates: list[int], target: int) -> list[list[int]]:
    """Return every combination of ``candidates`` that sums to ``target``; reuse allowed.

    The candidates are distinct, and each may be chosen any number of times.  Two
    combinations are the same when they hold the same numbers, so write each one in
    ascending order, and return the list of combinations sorted (lexicographically,
    as ``sorted`` orders lists).  ``target == 0`` has one combination, the empty one.

    Constraints
    -----------
    - ``candidates`` is a list of distinct ints, ``1 <= len(candidates) <= 30``
    - ``1 <= candidates[i] <= 200``
    - ``0 <= target <= 500``
    - the answer has fewer than ``10^4`` combinations
    - ``candidates`` must not be modified (nor reordered).

    Errors (contract)
    -----------------
    A candidate that is not positive (a ``0`` could be chosen forever), a repeated
    candidate, or ``target < 0`` → ``ValueError``; a candidate or ``target`` that is
    not an int (``2.0``, ``True``, ``"2"``) or ``candidates`` not an iterable →
    ``TypeError``.  Also checked as contract: an empty ``candidates``, ``candidates``
    given as any iterable, and combinations thousands of numbers long (``[1]`` with
    target 3000: deeper than Python's recursion limit).

    Examples
    --------
    >>> combination_sum([2, 3, 6, 7], 7)
    [[2, 2, 3], [7]]

    ``2 + 2 + 3 = 7`` uses 2 twice; ``7`` alone is the other way.

    >>> combination_sum([2, 3, 5], 8)
    [[2, 2, 2, 2], [2, 3, 3], [3, 5]]
    >>> combination_sum([2], 1)
    []
    >>> combination_sum([4, 5], 0)
    [[]]

    Complexity
    ----------
    The answer can be exponentially long in ``target``; aim for work proportional
    to the number of ascending partial sums that do not exceed ``target``, plus the
    size of the answer.

    Hint: sort a copy, extend a combination only with candidates no smaller than its
    last one, and stop a loop at the first candidate larger than what is missing.
    """
    raise NotImplementedError


def combination_sum2(candidates: list[int], target: int) -> list[list[int]]:
    """Return every combination of ``candidates`` that sums to ``target``; each entry once.

    The candidates may repeat, and each entry of the list may be used at most once.
    A combination that can be formed from different entries with equal values is
    reported once.  Same output rules as :func:`combination_sum`: each combination
    ascending, the list sorted, ``target == 0`` → ``[[]]``.

    Constraints
    -----------
    - ``candidates`` is a list of ints, ``1 <= len(candidates) <= 100``; values may repeat
    - ``1 <= candidates[i] <= 200``
    - ``0 <= target <= 500``
    - the answer has fewer than ``10^4`` combinations
    - ``candidates`` must not be modified (nor reordered).

    Errors (contract)
    -----------------
    A candidate that is not positive, or ``target < 0`` → ``ValueError``; a
    candidate or ``target`` that is not an int, or ``candidates`` not an iterable →
    ``TypeError``.  Also checked as contract: an empty ``candidates``, any iterable,
    and a combination of 3000 ones.

    Examples
    --------
    >>> combination_sum2([10, 1, 2, 7, 6, 1, 5], 8)
    [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]

    The two 1s give ``[1, 1, 6]``; ``[1, 7]`` is listed once although either 1
    could be taken.

    >>> combination_sum2([2, 2, 2], 4)
    [[2, 2]]
    >>> combination_sum2([3], 6)
    []

    Complexity
    ----------
    Aim for work proportional to the number of distinct ascending partial sums that
    do not exceed ``target``, plus the size of the answer (never build a duplicate
    only to throw it away).

    Hint: sorted, equal values sit side by side: at one depth of the search, try a
    value only at its first position.
    """
    raise NotImplementedError
