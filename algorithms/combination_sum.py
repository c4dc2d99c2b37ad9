"""Combination sum: every way to write a target as a sum of candidates.

The problem
-----------
Given positive integers ``candidates`` and a ``target``, list every
*combination* -- a multiset of candidates -- that adds up to ``target``.
Two variants:

* :func:`combination_sum`: the candidates are distinct and each may be used
  any number of times.  ``[2, 3, 6, 7]`` with target 7 gives
  ``[[2, 2, 3], [7]]``.
* :func:`combination_sum2`: the candidates may repeat, each one (each
  *position* in the list) is used at most once, and a combination that can be
  formed in several ways is reported once.  ``[10, 1, 2, 7, 6, 1, 5]`` with
  target 8 gives ``[[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]``.

Each combination is written in ascending order and the list of combinations
is sorted lexicographically, so every answer has exactly one canonical form.

The idea: backtracking over sorted candidates
---------------------------------------------
Sort a copy of the candidates and build a combination from left to right,
never choosing a candidate that comes before the last one chosen.  Each
multiset is then built in exactly one order -- ascending -- so no combination
is found twice.  Sorting buys three more things:

1. *Cut-off.*  When the candidate under consideration exceeds the amount
   still missing, so does every candidate after it: stop trying, backtrack.
   The search never visits a prefix whose sum exceeds the target.
2. *Canonical order for free.*  At every depth the candidates are tried in
   increasing order, so the combinations come out in lexicographic order;
   no final sort is needed.
3. *No duplicates in combination_sum2.*  Equal values sit next to each other.
   After trying value ``x`` at some depth, the other copies of ``x`` at the
   *same* depth are skipped: they would start exactly the same subtrees and
   report ``[2, 2]`` twice.  Copies at *deeper* levels stay allowed, which is
   how ``[1, 1, 6]`` is found.

Candidates must be positive: a ``0`` could be added forever without changing
the sum (infinitely many combinations; a naive search loops forever), and with
negative numbers the cut-off is wrong.  The search keeps an explicit stack
instead of recursing, so a long combination (candidate 1, target 5000) does
not hit Python's recursion limit.

Complexity
----------
The answer itself can be exponentially long in the target (with candidates
``1..target`` it holds one combination per integer partition of the target),
so no polynomial bound exists.  The search costs O(n log n) to sort n
candidates, plus O(1) per node of the search tree -- one node per ascending
prefix whose sum is at most the target -- plus O(k) to copy out each
combination of k elements.  Extra memory beyond the output: O(n) for the
sorted copy and O(target / min(candidates)) for the current path.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from algorithms._validate import as_list, require_int

__all__ = ["combination_sum", "combination_sum2"]


def combination_sum(candidates: Iterable[int], target: int) -> list[list[int]]:
    """Every combination of distinct, reusable candidates that sums to ``target``.

    Parameters
    ----------
    candidates : iterable of int
        Distinct positive integers, in any order.  Each may be used any
        number of times.  The caller's object is not modified.
    target : int
        A non-negative integer.

    Returns
    -------
    list of list of int
        Each combination in ascending order; the combinations in
        lexicographic order.  ``target == 0`` gives ``[[]]`` (the empty
        combination); no way to reach the target gives ``[]``.

    Raises
    ------
    TypeError
        If ``candidates`` is not an iterable of ints, or ``target`` is not an
        int (``bool`` is refused for both).
    ValueError
        If a candidate is not positive (a ``0`` would give infinitely many
        combinations), if a value appears twice (use
        :func:`combination_sum2` for a multiset), or if ``target`` is
        negative.  A negative target is an error rather than ``[]``: with
        positive candidates it can only be a mistake by the caller.

    Notes
    -----
    Backtracking over the sorted candidates with the cut-off "stop when the
    candidate exceeds what is missing".  Time O(n log n) plus O(1) per
    ascending prefix with sum <= target, plus the size of the output; extra
    memory O(n + target / min(candidates)).  See the module docstring.

    Examples
    --------
    >>> combination_sum([7, 3, 6, 2], 7)
    [[2, 2, 3], [7]]
    >>> combination_sum([2, 3, 5], 8)
    [[2, 2, 2, 2], [2, 3, 3], [3, 5]]
    >>> combination_sum([2], 1)
    []
    >>> combination_sum([4, 5], 0)
    [[]]
    """
    values = _checked_candidates(candidates)
    target = require_int(target, "target", minimum=0)
    values.sort()  # our own copy; the caller's list keeps its order
    for a, b in pairwise(values):
        if a == b:
            raise ValueError(
                f"candidates must be distinct, got {a} more than once "
                "(each candidate is reusable; combination_sum2 takes a multiset)"
            )
    return _backtrack(values, target, reuse=True)


def combination_sum2(candidates: Iterable[int], target: int) -> list[list[int]]:
    """Every combination of candidates, each used at most once, that sums to ``target``.

    Parameters
    ----------
    candidates : iterable of int
        Positive integers, in any order; values may repeat, and each entry
        may be used at most once.  The caller's object is not modified.
    target : int
        A non-negative integer.

    Returns
    -------
    list of list of int
        The distinct combinations (as multisets), each in ascending order,
        in lexicographic order.  ``target == 0`` gives ``[[]]``; no way to
        reach the target gives ``[]``.

    Raises
    ------
    TypeError
        If ``candidates`` is not an iterable of ints, or ``target`` is not an
        int (``bool`` is refused for both).
    ValueError
        If a candidate is not positive, or ``target`` is negative (an error
        rather than ``[]``, as in :func:`combination_sum`).

    Notes
    -----
    Backtracking over the sorted candidates with the same cut-off as
    :func:`combination_sum`; after trying a value at some depth the equal
    values at that depth are skipped in O(1) (a precomputed "next different
    value" index), so no combination is reported twice.  Time O(n log n)
    plus O(1) per distinct ascending prefix with sum <= target, plus the size
    of the output; extra memory O(n).

    Examples
    --------
    >>> combination_sum2([10, 1, 2, 7, 6, 1, 5], 8)
    [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]
    >>> combination_sum2([2, 2, 2], 4)
    [[2, 2]]
    >>> combination_sum2([3], 6)
    []
    """
    values = _checked_candidates(candidates)
    target = require_int(target, "target", minimum=0)
    values.sort()
    return _backtrack(values, target, reuse=False)


def _checked_candidates(candidates: Iterable[int]) -> list[int]:
    """A new list of the candidates, each checked to be a positive int."""
    values = as_list(candidates, "candidates")
    for k, value in enumerate(values):
        require_int(value, f"candidates[{k}]")
        if value <= 0:
            # Checked here, before any search: a 0 would be chosen again and
            # again without the sum ever moving (the infinite-loop pitfall).
            raise ValueError(f"candidates must be positive integers, got candidates[{k}] = {value}")
    return values


def _backtrack(values: list[int], target: int, *, reuse: bool) -> list[list[int]]:
    """All ascending combinations of the sorted ``values`` that sum to ``target``.

    With ``reuse`` a chosen index may be chosen again at the next depth
    (combination_sum); without it the next depth starts after it
    (combination_sum2).
    """
    n = len(values)
    # next_value[j]: the first index after j holding a different value -- the
    # next sibling to try once index j has been tried at some depth.  Jumping
    # there (rather than to j + 1) is what keeps combination_sum2 from
    # emitting the same multiset once per copy of a repeated value.
    next_value = list(range(1, n + 1))
    for j in range(n - 2, -1, -1):
        if values[j] == values[j + 1]:
            next_value[j] = next_value[j + 1]

    found: list[list[int]] = []
    path: list[int] = []  # the combination being built, ascending
    chosen_at: list[int] = []  # chosen_at[d] = index into values of path[d]
    missing = target  # target - sum(path)
    i = 0  # the next index to try at the current depth
    # An explicit stack (path, chosen_at) instead of recursion: the depth can
    # reach target / min(values), far beyond Python's recursion limit.
    while True:
        if missing == 0:
            found.append(path.copy())  # complete; positive values cannot extend it
        elif i < n and values[i] <= missing:
            path.append(values[i])
            chosen_at.append(i)
            missing -= values[i]
            if not reuse:
                i += 1
            continue
        # Either a combination was just completed, or values[i] > missing --
        # and then so is every later value, since they are sorted (the
        # cut-off) -- or the candidates ran out.  Undo the last choice and
        # move on to its next sibling.
        if not chosen_at:
            return found
        j = chosen_at.pop()
        missing += path.pop()
        i = next_value[j]
