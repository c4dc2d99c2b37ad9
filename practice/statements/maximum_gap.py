"""Maximum gap: the widest space between neighbours in sorted order, without sorting."""

from __future__ import annotations


def maximum_gap(nums: list[int]) -> int:
    """Return the largest difference between two successive values of ``sorted(nums)``.

    If ``nums`` has fewer than two elements, return ``0``.  Sorting answers the
    question in ``O(n log n)``; the exercise is to answer it in linear time.

    Constraints
    -----------
    - ``nums`` is a list of ints, ``0 <= len(nums) <= 10^5``
    - ``0 <= nums[i] <= 10^9``; values may repeat
    - ``nums`` must not be modified.

    Errors (contract)
    -----------------
    A NaN or an infinity in ``nums`` → ``ValueError``; an element that is not a
    real number (a string, ``None``, ``True``) → ``TypeError``; ``nums`` not an
    iterable → ``TypeError``.  Also checked as contract: negative ints and ints of
    any size (the answer exact), finite floats (the answer as ``sorted`` would
    give it, also for values a few ulps apart), Fractions, and ``nums`` given as
    any iterable.

    Examples
    --------
    >>> maximum_gap([3, 6, 9, 1])
    3

    Sorted, the values are ``[1, 3, 6, 9]``: the gaps are 2, 3 and 3.

    >>> maximum_gap([10])
    0
    >>> maximum_gap([1, 1, 1, 1])
    0

    Complexity
    ----------
    Aim for ``O(n)`` time and ``O(n)`` extra memory, without sorting.

    Hint: the largest gap is at least ``(max - min) / (n - 1)``, so it never lies
    inside a bucket narrower than that: keep only each bucket's min and max.
    """
    raise NotImplementedError
