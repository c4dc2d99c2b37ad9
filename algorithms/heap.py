"""Binary heaps stored in plain Python lists, compatible with CPython 3.14's ``heapq``.

The problem
-----------
A *priority queue* hands out its smallest item first, while items keep
arriving.  Keeping a list fully sorted costs O(n) per insertion; a binary heap
does both "insert" and "remove the smallest" in O(log n) and finds the smallest
in O(1), with no memory beyond the list itself.

The idea
--------
Picture a binary tree filled level by level, left to right, and store it in a
list row after row: the root at index 0, its two children at 1 and 2, their
children at 3, 4, 5, 6, and so on.  With zero-based indexing the node at index
``k`` has its children at ``2*k + 1`` and ``2*k + 2`` and its parent at
``(k - 1) // 2``.  No pointers are needed: the shape is implied by the length.

A list ``a`` is a (min-)heap when every node is no larger than its children::

    a[k] <= a[2*k + 1]  and  a[k] <= a[2*k + 2]   for every k where the child exists

Following parent links from any node gives a non-increasing path to the root,
so ``a[0]`` is a smallest item.  The heap is only *partially* ordered: siblings
may come in either order, which is why it is so much cheaper to maintain than a
sorted list.  (Textbooks often number from 1, with children at ``2k`` and
``2k + 1``; Python lists start at 0, hence the ``+ 1``.)  Every operation
restores the invariant along a single root-to-leaf path, whose length is
``floor(log2(n))``, so it costs O(log n).

Two moves do all the work:

* *siftdown* repairs a heap in which one item may be *smaller* than its
  ancestors: the item climbs towards the root while its parent is larger,
  each larger parent shifting down one level into the hole.  ``heappush``
  appends the new item as the last leaf and lets it climb.  (CPython names the
  move after the direction the parents travel; we keep its names so that the
  two modules read alike.)
* ``_siftup`` repairs a heap in which the item at ``pos`` may be *larger* than
  its children.  The obvious way compares the item with the smaller child at
  every level and stops as soon as it fits: two comparisons per level.  But
  the item at the top usually came from the bottom of the heap (``heappop``
  moves the last leaf to the root), so it nearly always belongs near the bottom
  again and the early stop rarely happens.  So ``_siftup`` ignores the item on
  the way down: at each level a single comparison picks the smaller child,
  which moves up a level, until the hole reaches a leaf.  Only then is the item
  dropped into that leaf and sifted down (it climbs), which usually takes a
  step or two.  That is about ``log2(n)`` comparisons plus a few, instead of
  ``2*log2(n)``.  Measured here on three random heaps of 1000 floats, emptying
  the heap with ``heappop`` took 8,657-8,691 comparisons this way against
  14,971-15,007 the obvious way, and ``heapify`` 1,609-1,655 against
  1,840-1,911.  The idea is Floyd's ("bottom-up heapsort").

``heapify`` builds a heap in O(n) by calling ``_siftup`` on every node that has
a child, from the last one back to the root.  Most nodes sit near the bottom
and have short paths: the heights of all n nodes add up to exactly
``n - popcount(n)`` (popcount = the number of 1 bits), and a node of height h
costs at most h comparisons on the way down and h on the way back up, so
heapify makes at most ``2 * (n - popcount(n)) < 2n`` comparisons.

Each function here makes exactly the same comparisons, in the same order, as
CPython's ``heapq``, and leaves the list in exactly the same layout, so the two
can be swapped freely and tested against each other.  The max-heap family
(``heapify_max``, ``heappush_max``, ...; public in Python 3.14) mirrors the
min-heap one with every comparison reversed: ``a[k] >= a[2*k + 1], a[2*k + 2]``.
The heap functions compare items only with ``<``, so items need only define ``__lt__``.

Built on the same moves: ``nsmallest``/``nlargest`` keep the ``n`` best items
seen so far in a heap whose root is the *worst* of them, ``merge`` lazily
merges sorted streams with one heap entry per stream, and ``heapsort`` sorts a
copy of its input in O(n log n) time.

Errors follow CPython where CPython raises: popping or replacing the top of an
empty heap raises ``IndexError`` (message "index out of range: ...") exactly
as ``heapq`` does, so code written for ``heapq`` keeps working; a heap argument
that is not a ``list`` raises ``TypeError`` naming ``heap``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from algorithms._validate import describe

__all__ = [
    "heapify",
    "heapify_max",
    "heappop",
    "heappop_max",
    "heappush",
    "heappush_max",
    "heappushpop",
    "heappushpop_max",
    "heapreplace",
    "heapreplace_max",
    "heapsort",
    "merge",
    "nlargest",
    "nsmallest",
]

T = TypeVar("T")


# ---------------------------------------------------------------------------
# Argument checks.  The `isinstance` test is written inline in each public
# function (a call to a checking helper would cost a Python function call on
# every push and pop); only the error message is built here, on the slow path.
# ---------------------------------------------------------------------------


def _not_a_list(heap: Any) -> TypeError:
    return TypeError(f"heap must be a list, got {describe(heap)}")


def _empty(func: str) -> IndexError:
    # IndexError, not ValueError: this is what CPython's heapq raises, and
    # code written against heapq catches exactly that.
    return IndexError(f"index out of range: {func}() on an empty heap")


def _require_key(key: Any) -> None:
    if key is not None and not callable(key):
        raise TypeError(f"key must be a callable or None, got {describe(key)}")


def _require_n(n: Any) -> int:
    # operator.index accepts exactly what range() accepts (int, bool, numpy ints),
    # which is what CPython's nsmallest ends up requiring.
    try:
        return operator.index(n)
    except TypeError:
        raise TypeError(f"n must be an integer, got {describe(n)}") from None


def _iterate(iterable: Any, name: str) -> Iterator[Any]:
    try:
        return iter(iterable)
    except TypeError:
        raise TypeError(f"{name} must be iterable, got {describe(iterable)}") from None


# ---------------------------------------------------------------------------
# The two moves.  Each one only ever compares items with `<`.
#
# The climb ("siftdown") is short, and it is written out in place twice: in
# heappush, and as the second phase of _siftup.  A separate _siftdown function
# (as in Lib/heapq.py) costs one Python call per push, per pop and per heapify
# node, about 5-10% of the running time; inlining it makes exactly the same
# comparisons and moves.
# ---------------------------------------------------------------------------


def _siftup(heap: list[Any], pos: int) -> None:
    # Precondition: the subtrees below pos are heaps; heap[pos] may be too big.
    #
    # Bottom-up repair (see the module docstring).  Phase 1 walks the hole
    # from pos down to a leaf, pulling the smaller child up at each level.
    # That costs ONE comparison per level (child against child) where the
    # textbook loop costs TWO (child against child, then the winner against
    # the item), and the textbook's early exit rarely fires because the item
    # being placed usually came from the bottom.  Phase 2 puts the item in the
    # leaf and lifts it the last step or two.
    startpos = pos
    newitem = heap[pos]
    # While childpos < lastpos both children exist, so the loop needs no
    # separate bound check for the right child.
    lastpos = len(heap) - 1
    childpos = 2 * pos + 1
    while childpos < lastpos:
        child = heap[childpos]
        right = heap[childpos + 1]
        # On a tie the RIGHT child moves up ("not left < right"), exactly as
        # in CPython; choosing the left one would be just as correct but
        # would leave a different layout.
        if not child < right:
            childpos += 1
            child = right
        heap[pos] = child
        pos = childpos
        childpos = 2 * pos + 1
    if childpos == lastpos:
        # A lone left child (only the last parent can have one): it moves up
        # without a comparison, since there is nothing to compare it with.
        heap[pos] = heap[childpos]
        pos = childpos
    # Phase 2, the siftdown move: climb from the leaf towards startpos,
    # shifting each larger parent down one level into the hole.
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
        else:
            break
    heap[pos] = newitem


def _siftup_max(heap: list[Any], pos: int) -> None:
    # The max-heap mirror of _siftup: every `a < b` becomes `b < a`, so the
    # larger child moves up, and the max family too needs only `__lt__`.
    startpos = pos
    newitem = heap[pos]
    lastpos = len(heap) - 1
    childpos = 2 * pos + 1
    while childpos < lastpos:
        child = heap[childpos]
        right = heap[childpos + 1]
        # The right child moves up unless it is strictly smaller (ties: right).
        if not right < child:
            childpos += 1
            child = right
        heap[pos] = child
        pos = childpos
        childpos = 2 * pos + 1
    if childpos == lastpos:
        heap[pos] = heap[childpos]
        pos = childpos
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if parent < newitem:
            heap[pos] = parent
            pos = parentpos
        else:
            break
    heap[pos] = newitem


# ---------------------------------------------------------------------------
# The min-heap family
# ---------------------------------------------------------------------------


def heappush(heap: list[T], item: T) -> None:
    """Push ``item`` onto ``heap``, keeping the heap invariant.

    Parameters
    ----------
    heap : list
        A min-heap: ``heap[k] <= heap[2*k + 1], heap[2*k + 2]``.
    item : object
        Any value comparable with the items already in ``heap`` by ``<``.

    Returns
    -------
    None
        ``heap`` is modified in place.

    Raises
    ------
    TypeError
        If ``heap`` is not a list.

    Notes
    -----
    O(log n) time: ``item`` is appended as the last leaf and climbs at most
    ``floor(log2(len(heap)))`` levels (counted after the push), one comparison
    per level.  O(1) extra memory.

    Examples
    --------
    >>> h = []
    >>> for x in [5, 1, 4, 2]:
    ...     heappush(h, x)
    >>> h
    [1, 2, 4, 5]
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    # The new leaf climbs while it is smaller than its parent (the siftdown
    # move: each larger parent shifts down one level into the hole).
    pos = len(heap)
    heap.append(item)
    while pos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if item < parent:
            heap[pos] = parent
            pos = parentpos
        else:
            break
    heap[pos] = item


def heappop(heap: list[T]) -> T:
    """Remove and return the smallest item of ``heap``.

    Parameters
    ----------
    heap : list
        A non-empty min-heap.

    Returns
    -------
    object
        ``heap[0]``, the smallest item.

    Raises
    ------
    TypeError
        If ``heap`` is not a list.
    IndexError
        If ``heap`` is empty ("index out of range", as CPython's ``heapq``).

    Notes
    -----
    O(log n) time, at most ``2 * floor(log2(len(heap) - 1))`` comparisons
    (``len`` before the pop): the last leaf replaces the root and is sifted
    back down bottom-up.  O(1) extra memory.

    Examples
    --------
    >>> h = [1, 2, 4, 5]
    >>> heappop(h), h
    (1, [2, 5, 4])
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    try:
        lastelt = heap.pop()
    except IndexError:
        raise _empty("heappop") from None
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup(heap, 0)
        return returnitem
    return lastelt


def heapreplace(heap: list[T], item: T) -> T:
    """Pop and return the smallest item, then push ``item`` (one sift instead of two).

    Parameters
    ----------
    heap : list
        A non-empty min-heap.
    item : object
        The item to push.

    Returns
    -------
    object
        The smallest item *before* ``item`` was pushed, so the result may be
        larger than ``item``; see :func:`heappushpop` for the other order.

    Raises
    ------
    TypeError
        If ``heap`` is not a list.
    IndexError
        If ``heap`` is empty ("index out of range", as CPython's ``heapq``).

    Notes
    -----
    O(log n) time, at most ``2 * floor(log2(len(heap)))`` comparisons; the
    size of the heap does not change.  O(1) extra memory.

    Examples
    --------
    >>> h = [1, 2, 4, 5]
    >>> heapreplace(h, 3), h
    (1, [2, 3, 4, 5])
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    try:
        returnitem = heap[0]
    except IndexError:
        raise _empty("heapreplace") from None
    heap[0] = item
    _siftup(heap, 0)
    return returnitem


def heappushpop(heap: list[T], item: T) -> T:
    """Push ``item``, then pop and return the smallest item (faster than the two calls).

    Parameters
    ----------
    heap : list
        A min-heap (may be empty).
    item : object
        The item to push.

    Returns
    -------
    object
        The smaller of ``item`` and ``heap[0]``; ``item`` itself when the heap
        is empty or ``heap[0]`` is not smaller than it (the heap is untouched).

    Raises
    ------
    TypeError
        If ``heap`` is not a list.

    Notes
    -----
    O(log n) time: one comparison with the root, plus at most
    ``2 * floor(log2(len(heap)))`` when ``item`` replaces it.  O(1) memory.

    Examples
    --------
    >>> h = [1, 2, 4, 5]
    >>> heappushpop(h, 0), h
    (0, [1, 2, 4, 5])
    >>> heappushpop(h, 3), h
    (1, [2, 3, 4, 5])
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _siftup(heap, 0)
    return item


def heapify(heap: list[Any]) -> None:
    """Rearrange the list ``heap`` into a min-heap, in place, in linear time.

    Parameters
    ----------
    heap : list
        Any list of mutually comparable items.

    Returns
    -------
    None
        ``heap`` is rearranged in place.

    Raises
    ------
    TypeError
        If ``heap`` is not a list.

    Notes
    -----
    O(n) time, at most ``2 * (n - popcount(n)) < 2n`` comparisons: every
    node with a child is sifted bottom-up, from the last parent back to the
    root, and the heights of all the nodes add up to ``n - popcount(n)``.
    O(1) extra memory.

    Examples
    --------
    >>> h = [5, 3, 8, 1, 9, 2]
    >>> heapify(h)
    >>> h
    [1, 3, 2, 5, 9, 8]
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    for i in reversed(range(len(heap) // 2)):
        _siftup(heap, i)


# ---------------------------------------------------------------------------
# The max-heap family (public in CPython 3.14)
# ---------------------------------------------------------------------------


def heappush_max(heap: list[T], item: T) -> None:
    """Push ``item`` onto the max-heap ``heap``, keeping its invariant.

    Parameters
    ----------
    heap : list
        A max-heap: ``heap[k] >= heap[2*k + 1], heap[2*k + 2]``.
    item : object
        The item to push.

    Returns
    -------
    None

    Raises
    ------
    TypeError
        If ``heap`` is not a list.

    Notes
    -----
    O(log n) time, at most ``floor(log2(len(heap)))`` comparisons (after the
    push).  O(1) extra memory.

    Examples
    --------
    >>> h = []
    >>> for x in [1, 5, 2, 4]:
    ...     heappush_max(h, x)
    >>> h
    [5, 4, 2, 1]
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    # The new leaf climbs while it is larger than its parent.
    pos = len(heap)
    heap.append(item)
    while pos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if parent < item:
            heap[pos] = parent
            pos = parentpos
        else:
            break
    heap[pos] = item


def heappop_max(heap: list[T]) -> T:
    """Remove and return the largest item of the max-heap ``heap``.

    Parameters
    ----------
    heap : list
        A non-empty max-heap.

    Returns
    -------
    object
        ``heap[0]``, the largest item.

    Raises
    ------
    TypeError
        If ``heap`` is not a list.
    IndexError
        If ``heap`` is empty ("index out of range", as CPython's ``heapq``).

    Notes
    -----
    O(log n) time, at most ``2 * floor(log2(len(heap) - 1))`` comparisons.
    O(1) extra memory.

    Examples
    --------
    >>> h = [5, 4, 2, 1]
    >>> heappop_max(h), h
    (5, [4, 1, 2])
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    try:
        lastelt = heap.pop()
    except IndexError:
        raise _empty("heappop_max") from None
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup_max(heap, 0)
        return returnitem
    return lastelt


def heapreplace_max(heap: list[T], item: T) -> T:
    """Pop and return the largest item of the max-heap, then push ``item``.

    Parameters
    ----------
    heap : list
        A non-empty max-heap.
    item : object
        The item to push.

    Returns
    -------
    object
        The largest item before ``item`` was pushed.

    Raises
    ------
    TypeError
        If ``heap`` is not a list.
    IndexError
        If ``heap`` is empty ("index out of range", as CPython's ``heapq``).

    Notes
    -----
    O(log n) time, at most ``2 * floor(log2(len(heap)))`` comparisons.

    Examples
    --------
    >>> h = [5, 4, 2, 1]
    >>> heapreplace_max(h, 3), h
    (5, [4, 3, 2, 1])
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    try:
        returnitem = heap[0]
    except IndexError:
        raise _empty("heapreplace_max") from None
    heap[0] = item
    _siftup_max(heap, 0)
    return returnitem


def heappushpop_max(heap: list[T], item: T) -> T:
    """Push ``item`` onto the max-heap, then pop and return the largest item.

    Parameters
    ----------
    heap : list
        A max-heap (may be empty).
    item : object
        The item to push.

    Returns
    -------
    object
        The larger of ``item`` and ``heap[0]``; ``item`` itself when the heap is
        empty or ``heap[0]`` is not larger than it (the heap is untouched).

    Raises
    ------
    TypeError
        If ``heap`` is not a list.

    Notes
    -----
    O(log n) time: one comparison, plus at most ``2 * floor(log2(len(heap)))``.

    Examples
    --------
    >>> h = [5, 4, 2, 1]
    >>> heappushpop_max(h, 6), h
    (6, [5, 4, 2, 1])
    >>> heappushpop_max(h, 3), h
    (5, [4, 3, 2, 1])
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    if heap and item < heap[0]:
        item, heap[0] = heap[0], item
        _siftup_max(heap, 0)
    return item


def heapify_max(heap: list[Any]) -> None:
    """Rearrange the list ``heap`` into a max-heap, in place, in linear time.

    Parameters
    ----------
    heap : list
        Any list of mutually comparable items.

    Returns
    -------
    None

    Raises
    ------
    TypeError
        If ``heap`` is not a list.

    Notes
    -----
    O(n) time, at most ``2 * (n - popcount(n)) < 2n`` comparisons.  O(1)
    extra memory.

    Examples
    --------
    >>> h = [1, 3, 8, 5, 9, 2]
    >>> heapify_max(h)
    >>> h
    [9, 5, 8, 1, 3, 2]
    """
    if not isinstance(heap, list):
        raise _not_a_list(heap)
    for i in reversed(range(len(heap) // 2)):
        _siftup_max(heap, i)


# ---------------------------------------------------------------------------
# Selection: the n smallest / largest items of a stream
# ---------------------------------------------------------------------------
#
# Keep the best n items seen so far in a heap whose root is the WORST of them
# (a max-heap for nsmallest).  Each new item is compared with the root only;
# it enters the heap, evicting the root, only when it beats it.  For random
# input the i-th item enters with probability n/i, so the total is about
# len(iterable) comparisons plus O(n log n log(len/n)) for the evictions, and
# memory stays O(n) however long the stream.
#
# Each heap entry is (item, position) or (key, position, item).  The position
# breaks ties between equal items, which does two things: items that are equal
# come out in input order (the result equals the stable sorted(...)[:n]), and
# the items themselves are never compared when their keys tie, so they need not
# be comparable at all when a key is given.  For nlargest the positions are
# counted downwards (0, -1, -2, ...) so that "larger entry" still means
# "earlier in the input" among equal keys.
#
# Two shortcuts, as in CPython: n == 1 is min()/max(); and when the input has
# a length and n >= len, sorting everything is cheaper than the heap.


def nsmallest(n: int, iterable: Iterable[T], key: Callable[[T], Any] | None = None) -> list[T]:
    """Return the ``n`` smallest items of ``iterable``, smallest first.

    Equivalent to ``sorted(iterable, key=key)[:n]``, including the order of
    ties (items with equal keys keep their input order), but it makes a single
    pass and keeps only ``n`` items in memory.

    Parameters
    ----------
    n : int
        How many items to return; ``n <= 0`` gives ``[]``.
    iterable : iterable
        The items (any iterable, consumed once).
    key : callable, optional
        One-argument function giving the value to compare, as in ``sorted``.

    Returns
    -------
    list
        At most ``n`` items, in ascending order of ``key``.

    Raises
    ------
    TypeError
        If ``n`` is not an integer, ``iterable`` is not iterable, or ``key``
        is neither callable nor None.

    Notes
    -----
    O(N log n) time in the worst case for ``N`` input items (every item
    enters the heap), about ``N`` comparisons on random input when
    ``n << N``; O(n) extra memory.

    Examples
    --------
    >>> nsmallest(3, [7, 1, 8, 2, 8, 1])
    [1, 1, 2]
    >>> nsmallest(2, ["bb", "a", "cc", "d"], key=len)
    ['a', 'd']
    """
    n = _require_n(n)
    _require_key(key)
    it = _iterate(iterable, "iterable")

    if n == 1:
        missing = object()
        best = min(it, default=missing, key=key)
        return [] if best is missing else [best]

    try:
        size = len(iterable)  # type: ignore[arg-type]
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(it, key=key)[:n]

    if key is None:
        # zip pulls from range first, so it never consumes an (n+1)-th item.
        kept = [(elem, i) for i, elem in zip(range(n), it, strict=False)]
        if not kept:
            return []
        heapify_max(kept)
        worst = kept[0][0]
        position = n
        for elem in it:
            if elem < worst:
                heapreplace_max(kept, (elem, position))
                worst = kept[0][0]
                position += 1
        kept.sort()
        return [elem for elem, _ in kept]

    kept_keyed = [(key(elem), i, elem) for i, elem in zip(range(n), it, strict=False)]
    if not kept_keyed:
        return []
    heapify_max(kept_keyed)
    worst = kept_keyed[0][0]
    position = n
    for elem in it:
        k = key(elem)
        if k < worst:
            heapreplace_max(kept_keyed, (k, position, elem))
            worst = kept_keyed[0][0]
            position += 1
    kept_keyed.sort()
    return [elem for _, _, elem in kept_keyed]


def nlargest(n: int, iterable: Iterable[T], key: Callable[[T], Any] | None = None) -> list[T]:
    """Return the ``n`` largest items of ``iterable``, largest first.

    Equivalent to ``sorted(iterable, key=key, reverse=True)[:n]``, including
    the order of ties (items with equal keys keep their input order).

    Parameters
    ----------
    n : int
        How many items to return; ``n <= 0`` gives ``[]``.
    iterable : iterable
        The items (any iterable, consumed once).
    key : callable, optional
        One-argument function giving the value to compare, as in ``sorted``.

    Returns
    -------
    list
        At most ``n`` items, in descending order of ``key``.

    Raises
    ------
    TypeError
        If ``n`` is not an integer, ``iterable`` is not iterable, or ``key``
        is neither callable nor None.

    Notes
    -----
    O(N log n) time in the worst case for ``N`` input items, about ``N``
    comparisons on random input when ``n << N``; O(n) extra memory.

    Examples
    --------
    >>> nlargest(3, [7, 1, 8, 2, 8, 1])
    [8, 8, 7]
    >>> nlargest(2, ["bb", "a", "cc", "d"], key=len)
    ['bb', 'cc']
    """
    n = _require_n(n)
    _require_key(key)
    it = _iterate(iterable, "iterable")

    if n == 1:
        missing = object()
        best = max(it, default=missing, key=key)
        return [] if best is missing else [best]

    try:
        size = len(iterable)  # type: ignore[arg-type]
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(it, key=key, reverse=True)[:n]

    if key is None:
        kept = [(elem, i) for i, elem in zip(range(0, -n, -1), it, strict=False)]
        if not kept:
            return []
        heapify(kept)
        worst = kept[0][0]
        position = -n
        for elem in it:
            if worst < elem:
                heapreplace(kept, (elem, position))
                worst = kept[0][0]
                position -= 1
        kept.sort(reverse=True)
        return [elem for elem, _ in kept]

    kept_keyed = [(key(elem), i, elem) for i, elem in zip(range(0, -n, -1), it, strict=False)]
    if not kept_keyed:
        return []
    heapify(kept_keyed)
    worst = kept_keyed[0][0]
    position = -n
    for elem in it:
        k = key(elem)
        if worst < k:
            heapreplace(kept_keyed, (k, position, elem))
            worst = kept_keyed[0][0]
            position -= 1
    kept_keyed.sort(reverse=True)
    return [elem for _, _, elem in kept_keyed]


# ---------------------------------------------------------------------------
# Merging sorted streams
# ---------------------------------------------------------------------------


def merge(
    *iterables: Iterable[T], key: Callable[[T], Any] | None = None, reverse: bool = False
) -> Iterator[T]:
    """Lazily merge already-sorted iterables into one sorted stream.

    Like ``sorted(itertools.chain(*iterables), key=key, reverse=reverse)``,
    ties included (equal items come out in the order of their iterables), but
    it returns an iterator and holds only one item per input in memory, so the
    inputs may be huge or infinite.

    Parameters
    ----------
    *iterables : iterable
        Each one sorted by ``key`` (descending if ``reverse``).  Their
        ``iter()`` is taken at call time; items are drawn only on demand.
    key : callable, optional
        One-argument function giving the value to compare.
    reverse : bool, default False
        True if the inputs, and so the output, are in descending order.

    Returns
    -------
    iterator
        The merged items.

    Raises
    ------
    TypeError
        If one of ``iterables`` is not iterable, or ``key`` is neither
        callable nor None (at call time, not on the first ``next``).

    Notes
    -----
    O(N log k) time for ``N`` items from ``k`` inputs: one entry per input
    lives in a heap, and each output item costs one ``heapreplace``.  O(k)
    extra memory.  Unsorted inputs are not detected; the output is then not
    sorted either.

    Examples
    --------
    >>> list(merge([1, 4, 9], [2, 3, 10], [], [5]))
    [1, 2, 3, 4, 5, 9, 10]
    >>> list(merge(["ccc", "a"], ["dd"], key=len, reverse=True))
    ['ccc', 'dd', 'a']
    """
    _require_key(key)
    iterators = [_iterate(source, f"iterables[{i}]") for i, source in enumerate(iterables)]
    return _merged(iterators, key, reverse)


def _merged(iterators: list[Iterator[Any]], key: Any, reverse: bool) -> Iterator[Any]:
    # One heap entry per live input: [value, rank, next] or, with a key,
    # [key, rank, value, next].  `rank` is the input's position (negated for a
    # max-heap, so that the earlier input still wins a tie); ranks are unique,
    # so the comparison never reaches `next` or the raw value.  Entries are
    # lists so the front entry can be updated in place and re-sifted with a
    # single heapreplace instead of a pop and a push.
    if reverse:
        make_heap, pop, replace, sign = heapify_max, heappop_max, heapreplace_max, -1
    else:
        make_heap, pop, replace, sign = heapify, heappop, heapreplace, 1

    entries: list[list[Any]] = []
    for rank, it in enumerate(iterators):
        advance = it.__next__
        try:
            value = advance()
        except StopIteration:
            continue
        if key is None:
            entries.append([value, rank * sign, advance])
        else:
            entries.append([key(value), rank * sign, value, advance])
    make_heap(entries)

    if key is None:
        while len(entries) > 1:
            front = entries[0]
            yield front[0]
            try:
                front[0] = front[2]()
            except StopIteration:
                pop(entries)  # that input is exhausted
            else:
                replace(entries, front)
        if entries:
            # A single input is left: no more comparisons are needed.
            value, _, advance = entries[0]
            yield value
            yield from advance.__self__
        return

    while len(entries) > 1:
        front = entries[0]
        yield front[2]
        try:
            value = front[3]()
        except StopIteration:
            pop(entries)
        else:
            front[0] = key(value)
            front[2] = value
            replace(entries, front)
    if entries:
        _, _, value, advance = entries[0]
        yield value
        yield from advance.__self__


# ---------------------------------------------------------------------------
# Heapsort
# ---------------------------------------------------------------------------


def _sift_for_sort(order: list[int], keys: list[Any], pos: int, end: int, down: bool) -> None:
    # Bottom-up sift of order[pos] within the heap order[:end], where an index
    # i ranks by keys[i].  The heap keeps at its root the item that belongs
    # LAST in the output: the largest key when sorting ascending (a max-heap),
    # the smallest when sorting descending (`down`, a min-heap).  As in
    # _siftup, walk the hole to a leaf with one comparison per level, then
    # lift the moving item back up.
    start = pos
    moving = order[pos]
    moving_key = keys[moving]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end:
            left_key = keys[order[child]]
            right_key = keys[order[right]]
            if (right_key < left_key) if down else (left_key < right_key):
                child = right
        order[pos] = order[child]
        pos = child
        child = 2 * pos + 1
    while pos > start:
        parent = (pos - 1) >> 1
        parent_key = keys[order[parent]]
        if not ((moving_key < parent_key) if down else (parent_key < moving_key)):
            break
        order[pos] = order[parent]
        pos = parent
    order[pos] = moving


def heapsort(
    iterable: Iterable[T], *, key: Callable[[T], Any] | None = None, reverse: bool = False
) -> list[T]:
    """Return a new sorted list of the items of ``iterable``, by heapsort.

    The result equals ``sorted(iterable, key=key, reverse=reverse)`` except,
    possibly, in the order of items with equal keys: heapsort is NOT stable.

    Parameters
    ----------
    iterable : iterable
        The items; never modified (a list argument is copied).
    key : callable, optional
        One-argument function giving the value to compare, called once per
        item.  Only the keys are compared (with ``<``), never the items.
    reverse : bool, default False
        Sort in descending order.

    Returns
    -------
    list
        A new list.

    Raises
    ------
    TypeError
        If ``iterable`` is not iterable or ``key`` is neither callable nor None.

    Notes
    -----
    The classic in-place heapsort, applied to a list of positions (so that
    the keys and items never move): build a heap whose root is the item that
    belongs last, then ``n - 1`` times swap the root to the end of the shrinking
    heap and re-sift the new root bottom-up.  O(n log n) time in every case,
    at most ``2n + 2 * sum(floor(log2(m)) for m in 1..n-1)`` comparisons;
    O(n) extra memory (the copy, the keys and the positions).  ``sorted``
    is faster and stable; this function exists to show the algorithm.

    Examples
    --------
    >>> heapsort([5, 2, 9, 1])
    [1, 2, 5, 9]
    >>> heapsort(["bb", "a", "ccc"], key=len, reverse=True)
    ['ccc', 'bb', 'a']
    """
    _require_key(key)
    values = list(_iterate(iterable, "iterable"))
    keys = values if key is None else [key(v) for v in values]
    down = bool(reverse)
    n = len(values)
    order = list(range(n))
    for i in reversed(range(n // 2)):
        _sift_for_sort(order, keys, i, n, down)
    for end in range(n - 1, 0, -1):
        # The root belongs at position `end`: swap it there, out of the heap.
        order[0], order[end] = order[end], order[0]
        _sift_for_sort(order, keys, 0, end, down)
    return [values[i] for i in order]
