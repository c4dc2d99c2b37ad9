"""Heaps: a priority queue in a plain list, and what it is good for (selection, merging, sorting).

A list ``heap`` is a *min-heap* when ``heap[k] <= heap[2*k + 1]`` and
``heap[k] <= heap[2*k + 2]`` for every ``k`` where the child exists: the tree is
stored row by row, the root at index 0, so ``heap[0]`` is a smallest item.  A
*max-heap* has every ``<=`` reversed.  The functions below work on such lists in
place, like Python's ``heapq``.

Any list that satisfies the invariant is a correct answer: you need not produce
the same layout as ``heapq``.  Doing so -- the same layout and the very same
comparisons, in the same order, as CPython's ``heapq`` -- is a contract check
("step for step like CPython"), shown on your row but not required.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any


def heappush(heap: list[int], item: int) -> None:
    """Push ``item`` onto the min-heap ``heap``, keeping the heap invariant.

    Modify ``heap`` in place; return nothing.

    Constraints
    -----------
    - ``heap`` is a list that satisfies the min-heap invariant, ``0 <= len(heap) <= 10^4``
    - the items (and ``item``) are ints, or tuples of ints, compared with ``<``.

    Errors (contract)
    -----------------
    ``heap`` not a list → ``TypeError``.  Also checked as contract: items that
    define only ``<``, and being step for step like CPython.

    Examples
    --------
    >>> h = []
    >>> for x in [5, 1, 4, 2]:
    ...     heappush(h, x)
    >>> h[0]
    1
    >>> sorted(h)
    [1, 2, 4, 5]

    Complexity
    ----------
    ``O(log n)``: at most ``4·floor(log2(n + 1)) + 2`` comparisons on a heap of
    ``n`` items (counted by the judge; a sift-up makes at most ``floor(log2(n + 1))``).

    Hint: append the item as the last leaf and swap it with its parent while it is
    smaller.
    """
    raise NotImplementedError


def heappop(heap: list[int]) -> int:
    """Remove and return the smallest item of the min-heap ``heap``.

    Constraints
    -----------
    As for :func:`heappush`, and ``heap`` is not empty.

    Errors (contract)
    -----------------
    An empty ``heap`` → ``IndexError``; ``heap`` not a list → ``TypeError``.

    Examples
    --------
    >>> h = [1, 2, 4, 5]
    >>> heappop(h), heappop(h)
    (1, 2)
    >>> sorted(h)
    [4, 5]

    Complexity
    ----------
    ``O(log n)``: at most ``4·floor(log2(n + 1)) + 2`` comparisons.

    Hint: move the last leaf to the root, then sift it down: swap it with its
    smaller child while that child is smaller.
    """
    raise NotImplementedError


def heapreplace(heap: list[int], item: int) -> int:
    """Pop and return the smallest item of ``heap``, then push ``item``.

    The smallest item comes out *before* ``item`` goes in, so the returned item
    may be larger than ``item``.  One sift, not a pop and a push.

    Constraints
    -----------
    As for :func:`heappush`, and ``heap`` is not empty.

    Errors (contract)
    -----------------
    An empty ``heap`` → ``IndexError``; ``heap`` not a list → ``TypeError``.

    Examples
    --------
    >>> h = [1, 3, 2]
    >>> heapreplace(h, 5)
    1
    >>> sorted(h)
    [2, 3, 5]
    >>> heapreplace(h, 0)
    2

    Complexity
    ----------
    ``O(log n)``: at most ``4·floor(log2(n + 1)) + 2`` comparisons.

    Hint: put ``item`` at the root and sift it down.
    """
    raise NotImplementedError


def heappushpop(heap: list[int], item: int) -> int:
    """Push ``item`` onto ``heap``, then pop and return the smallest item.

    ``item`` goes in *first*, so when it is no larger than the root it comes
    straight back and ``heap`` is unchanged.  ``heap`` may be empty.

    Constraints
    -----------
    As for :func:`heappush`.

    Errors (contract)
    -----------------
    ``heap`` not a list → ``TypeError``.

    Examples
    --------
    >>> h = [1, 3, 2]
    >>> heappushpop(h, 0)
    0
    >>> heappushpop(h, 5)
    1
    >>> sorted(h)
    [2, 3, 5]
    >>> heappushpop([], 7)
    7

    Complexity
    ----------
    ``O(log n)``: at most ``4·floor(log2(n + 1)) + 2`` comparisons.

    Hint: compare ``item`` with the root first; only if the root is smaller, swap
    them and sift the new root down.
    """
    raise NotImplementedError


def heapify(heap: list[int]) -> None:
    """Rearrange the list ``heap`` in place into a min-heap, in linear time.

    Constraints
    -----------
    - ``heap`` is a list, ``0 <= len(heap) <= 10^4``, in any order
    - the items are ints, or tuples of ints, compared with ``<``.

    Errors (contract)
    -----------------
    ``heap`` not a list → ``TypeError``.  Also checked as contract: being step for
    step like CPython (the same layout and comparisons as ``heapq.heapify``).

    Examples
    --------
    >>> h = [5, 3, 8, 1, 9, 2]
    >>> heapify(h)
    >>> h[0], sorted(h)
    (1, [1, 2, 3, 5, 8, 9])

    Complexity
    ----------
    ``O(n)``: at most ``2n`` comparisons (counted by the judge; ``n`` pushes need
    about ``n·log2(n)`` on some inputs).

    Hint: sift down every node that has a child, from the last one back to the root.
    """
    raise NotImplementedError


def nsmallest(
    n: int, iterable: Iterable[Any], key: Callable[[Any], Any] | None = None
) -> list[Any]:
    """Return the ``n`` smallest items of ``iterable``, smallest first.

    The result must equal ``sorted(iterable, key=key)[:n]``, including the order of
    items with equal keys (input order), but without sorting everything: keep only
    the ``n`` best items seen so far.  ``key`` works as in ``sorted``.

    Constraints
    -----------
    - ``iterable`` is a list of ``N`` items, ``0 <= N <= 10^4``, comparable with
      ``<`` (or whose keys are), not to be modified
    - ``0 <= n``; ``n`` may exceed ``N``
    - ``key`` is ``None`` or a one-argument function.

    Errors (contract)
    -----------------
    ``n`` not an int, ``iterable`` not iterable, or ``key`` neither callable nor
    ``None`` → ``TypeError``.  Also checked as contract: ``iterable`` given as an
    iterator (read once), ``n < 0`` (gives ``[]``), and being step for step like
    CPython.

    Examples
    --------
    >>> nsmallest(3, [7, 1, 8, 2, 8, 1])
    [1, 1, 2]
    >>> nsmallest(2, ["bb", "a", "cc", "d"], key=len)
    ['a', 'd']

    Complexity
    ----------
    ``O(N log n)`` time and ``O(n)`` extra memory.  On ``N`` items in random order
    with ``n`` small, at most ``3N`` comparisons (counted by the judge: sorting all
    of them costs about ``N·log2(N)``).

    Hint: a max-heap of the ``n`` best so far; a new item only has to beat its root.
    Pair each key with its position to keep ties in input order.
    """
    raise NotImplementedError


def nlargest(n: int, iterable: Iterable[Any], key: Callable[[Any], Any] | None = None) -> list[Any]:
    """Return the ``n`` largest items of ``iterable``, largest first.

    The result must equal ``sorted(iterable, key=key, reverse=True)[:n]``, items
    with equal keys in input order.

    Constraints
    -----------
    As for :func:`nsmallest`.

    Errors (contract)
    -----------------
    As for :func:`nsmallest`.

    Examples
    --------
    >>> nlargest(3, [7, 1, 8, 2, 8, 1])
    [8, 8, 7]
    >>> nlargest(2, ["bb", "a", "cc", "d"], key=len)
    ['bb', 'cc']

    Complexity
    ----------
    As for :func:`nsmallest`: at most ``3N`` comparisons on random input.

    Hint: a min-heap of the ``n`` best so far.
    """
    raise NotImplementedError


def merge(
    *iterables: Iterable[Any], key: Callable[[Any], Any] | None = None, reverse: bool = False
) -> Iterator[Any]:
    """Merge sorted iterables into one sorted stream, lazily.

    Each input is sorted by ``key`` (descending when ``reverse``).  Return an
    iterator over all their items in sorted order that reads each input only as
    far as it needs: the inputs may be endless.  Equal items come out in the order
    of their inputs, as in ``sorted(itertools.chain(*iterables), key=key,
    reverse=reverse)``.

    Constraints
    -----------
    - ``0 <= k <= 100`` inputs, each a sorted list or iterator (possibly endless)
      of items comparable with ``<`` (or whose keys are)
    - ``key`` is ``None`` or a one-argument function; ``reverse`` a bool.

    Errors (contract)
    -----------------
    An input that is not iterable, or ``key`` neither callable nor ``None`` →
    ``TypeError``, raised by the call itself.  Also checked as contract: nothing is
    read before the first item is asked for, and being step for step like CPython.

    Examples
    --------
    >>> list(merge([1, 4, 9], [2, 3, 10], [], [5]))
    [1, 2, 3, 4, 5, 9, 10]
    >>> list(merge(["ccc", "a"], ["dd"], key=len, reverse=True))
    ['ccc', 'dd', 'a']

    Complexity
    ----------
    ``O(N log k)`` time for ``N`` items from ``k`` inputs and ``O(k)`` memory: at
    most ``(4·log2(k) + 2)`` comparisons per item (counted by the judge; scanning
    every input's head costs ``k - 1``).

    Hint: a heap with one entry per input -- its current item, the input's number
    (which breaks ties) and its iterator.  Write it as a generator.
    """
    raise NotImplementedError


def heapify_max(heap: list[int]) -> None:
    """Rearrange the list ``heap`` in place into a max-heap, in linear time.

    The mirror image of :func:`heapify`: ``heap[k] >= heap[2*k + 1], heap[2*k + 2]``.

    Constraints
    -----------
    As for :func:`heapify`.

    Errors (contract)
    -----------------
    As for :func:`heapify` (step for step like CPython 3.14's ``heapq.heapify_max``).

    Examples
    --------
    >>> h = [5, 3, 8, 1, 9, 2]
    >>> heapify_max(h)
    >>> h[0], sorted(h)
    (9, [1, 2, 3, 5, 8, 9])

    Complexity
    ----------
    ``O(n)``: at most ``2n`` comparisons.

    Hint: the min-heap's heapify with every comparison reversed.
    """
    raise NotImplementedError


def heappush_max(heap: list[int], item: int) -> None:
    """Push ``item`` onto the max-heap ``heap``, keeping the invariant.

    Constraints
    -----------
    As for :func:`heappush`, with ``heap`` a max-heap.

    Errors (contract)
    -----------------
    ``heap`` not a list → ``TypeError``.

    Examples
    --------
    >>> h = []
    >>> for x in [5, 1, 4, 2]:
    ...     heappush_max(h, x)
    >>> h[0], sorted(h)
    (5, [1, 2, 4, 5])

    Complexity
    ----------
    ``O(log n)``: at most ``4·floor(log2(n + 1)) + 2`` comparisons.

    Hint: swap the new leaf with its parent while it is larger.
    """
    raise NotImplementedError


def heappop_max(heap: list[int]) -> int:
    """Remove and return the largest item of the max-heap ``heap``.

    Constraints
    -----------
    As for :func:`heappush_max`, and ``heap`` is not empty.

    Errors (contract)
    -----------------
    An empty ``heap`` → ``IndexError``; ``heap`` not a list → ``TypeError``.

    Examples
    --------
    >>> h = [5, 2, 4, 1]
    >>> heappop_max(h), heappop_max(h)
    (5, 4)

    Complexity
    ----------
    ``O(log n)``: at most ``4·floor(log2(n + 1)) + 2`` comparisons.

    Hint: the last leaf to the root, then sift it down towards the larger child.
    """
    raise NotImplementedError


def heapreplace_max(heap: list[int], item: int) -> int:
    """Pop and return the largest item of the max-heap ``heap``, then push ``item``.

    Constraints
    -----------
    As for :func:`heappush_max`, and ``heap`` is not empty.

    Errors (contract)
    -----------------
    An empty ``heap`` → ``IndexError``; ``heap`` not a list → ``TypeError``.

    Examples
    --------
    >>> h = [3, 1, 2]
    >>> heapreplace_max(h, 0)
    3
    >>> sorted(h)
    [0, 1, 2]

    Complexity
    ----------
    ``O(log n)``: at most ``4·floor(log2(n + 1)) + 2`` comparisons.

    Hint: put ``item`` at the root and sift it down.
    """
    raise NotImplementedError


def heappushpop_max(heap: list[int], item: int) -> int:
    """Push ``item`` onto the max-heap ``heap``, then pop and return the largest item.

    When ``item`` is no smaller than the root it comes straight back.  ``heap`` may
    be empty.

    Constraints
    -----------
    As for :func:`heappush_max`.

    Errors (contract)
    -----------------
    ``heap`` not a list → ``TypeError``.

    Examples
    --------
    >>> h = [3, 1, 2]
    >>> heappushpop_max(h, 4)
    4
    >>> heappushpop_max(h, 0)
    3
    >>> sorted(h)
    [0, 1, 2]

    Complexity
    ----------
    ``O(log n)``: at most ``4·floor(log2(n + 1)) + 2`` comparisons.

    Hint: compare ``item`` with the root first.
    """
    raise NotImplementedError


def heapsort(
    iterable: Iterable[Any], *, key: Callable[[Any], Any] | None = None, reverse: bool = False
) -> list[Any]:
    """Return a new sorted list of the items of ``iterable``, sorted by heapsort.

    The result is ``sorted(iterable, key=key, reverse=reverse)``, except that items
    with equal keys may come in any order (heapsort is not stable).  ``key`` and
    ``reverse`` are keyword-only, as in ``sorted``.

    Constraints
    -----------
    - ``iterable`` is a list of ``0 <= n <= 10^4`` items, not to be modified
    - the items (or their keys) are ints, strings or tuples, compared with ``<``.

    Errors (contract)
    -----------------
    ``iterable`` not iterable, or ``key`` neither callable nor ``None`` →
    ``TypeError``.  Also checked as contract: any iterable, and items that cannot be
    compared at all when a ``key`` is given (compare the keys only).

    Examples
    --------
    >>> heapsort([5, 2, 9, 1])
    [1, 2, 5, 9]
    >>> heapsort(["bb", "a", "ccc"], key=len, reverse=True)
    ['ccc', 'bb', 'a']

    Complexity
    ----------
    ``O(n log n)`` in every case, ``O(n)`` extra memory: at most
    ``3·n·log2(n) + 2n`` comparisons (counted by the judge).

    Hint: heapify, then repeatedly swap the root to the end of the shrinking heap
    and sift the new root down.
    """
    raise NotImplementedError
