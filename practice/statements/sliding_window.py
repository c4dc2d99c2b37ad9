"""Sliding window: the maximum (or minimum) of every window of k consecutive numbers."""

from __future__ import annotations


def max_sliding_window(nums: list[int], k: int) -> list[int]:
    """Return the maximum of every window of ``k`` consecutive elements of ``nums``.

    A window of size ``k`` slides from the left end of ``nums`` to the right
    end, one position at a time.  Return the list of the maxima of the windows,
    in order: ``n - k + 1`` numbers for ``n = len(nums)``.

    Constraints
    -----------
    - ``nums`` is a list of ints (or of floats), ``1 <= len(nums) <= 10^5``
    - ``-10^4 <= nums[i] <= 10^4``
    - ``1 <= k <= len(nums)``
    - ``nums`` must not be modified.

    Errors (contract)
    -----------------
    ``k`` outside ``1 <= k <= len(nums)`` → ``ValueError``; ``k`` not an int →
    ``TypeError``; a NaN in ``nums`` → ``ValueError``.  Also checked as contract:
    ``nums`` given as any iterable (a tuple, an iterator, a NumPy array) or holding
    any ordered values (fractions, strings, tuples).

    Examples
    --------
    >>> max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3)
    [3, 3, 5, 5, 6, 7]

    Windows ``[1, 3, -1]``, ``[3, -1, -3]``, ``[-1, -3, 5]``, ... have maxima
    3, 3, 5, ...

    >>> max_sliding_window([1], 1)
    [1]

    Complexity
    ----------
    Aim for ``O(n)`` time and ``O(k)`` extra memory: at most ``2n`` comparisons
    between elements (counted by the judge).

    Hint: keep a deque of indices whose values decrease from front to back.
    """
    raise NotImplementedError


def min_sliding_window(nums: list[int], k: int) -> list[int]:
    """Return the minimum of every window of ``k`` consecutive elements of ``nums``.

    The mirror image of :func:`max_sliding_window`: ``n - k + 1`` window minima,
    in order.

    Constraints
    -----------
    - ``nums`` is a list of ints (or of floats), ``1 <= len(nums) <= 10^5``
    - ``-10^4 <= nums[i] <= 10^4``
    - ``1 <= k <= len(nums)``
    - ``nums`` must not be modified.

    Errors (contract)
    -----------------
    ``k`` outside ``1 <= k <= len(nums)`` → ``ValueError``; ``k`` not an int →
    ``TypeError``; a NaN in ``nums`` → ``ValueError``.  Also checked as contract:
    ``nums`` given as any iterable (a tuple, an iterator, a NumPy array) or holding
    any ordered values (fractions, strings, tuples).

    Examples
    --------
    >>> min_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3)
    [-1, -3, -3, -3, 3, 3]

    Complexity
    ----------
    Aim for ``O(n)`` time and ``O(k)`` extra memory: at most ``2n`` comparisons
    between elements (counted by the judge).

    Hint: the same deque as for the maximum, with the comparison reversed.
    """
    raise NotImplementedError
