"""Maximum gap: the widest space between neighbours in sorted order, in O(n).

The problem: given ``n`` numbers, find the largest difference between two
elements that are adjacent once the numbers are sorted.  Sorting answers it in
``O(n log n)``; the pigeonhole principle answers it in ``O(n)`` without sorting.

The idea.  Let ``lo`` and ``hi`` be the smallest and largest value and
``D = hi - lo``.  The ``n - 1`` gaps between sorted neighbours add up to ``D``,
so the largest of them is at least their average, ``D / (n - 1)``.  Now cut
``[lo, hi]`` into buckets narrower than that average.  Two values that share a
bucket are closer than ``D / (n - 1)``, so *no gap inside a bucket can be the
largest one*: the answer is a gap between buckets, from the largest value of
one non-empty bucket to the smallest value of the next non-empty bucket.  So
each bucket only needs its minimum and maximum, which one pass collects, and
one walk over the buckets in order finds the answer.  Nothing is sorted.

Exactness.  For ints the bucket of ``x`` is ``(x - lo) // w`` with the integer
width ``w = max(1, D // (n - 1))``: ints in one bucket differ by at most
``w - 1 < D / (n - 1)``, exactly, however many digits they have (no float is
involved, so ``[0, 10**18, 1]`` gives ``10**18 - 1``).  Fractions use the exact
width ``D / (n - 1)``.  For floats the bucket is ``int((x - lo) * (B / D))``,
which is rounded; two facts keep it correct:

* every float operation used is monotonic, so ``x <= y`` still puts ``x`` in
  the same or an earlier bucket than ``y``: buckets stay in sorted order;
* ``B = n`` buckets (not ``n - 1``) make the width ``D / n``, a margin of
  ``D / (n(n - 1))`` below the pigeonhole bound ``D / (n - 1)``, and rounding
  widens a bucket by less than ``7·2**-53·D``, which fits in that margin up to
  ``n = 2**25``; beyond that ``B = 2n``.  (With ``n - 1`` buckets some evenly
  spaced inputs do lose the answer: see ``tests/test_maximum_gap.py``.)

Gaps are computed as ``b - a`` of the two neighbours, in the values' own
arithmetic, so the result is exactly what ``max(b - a for a, b in
pairwise(sorted(nums)))`` gives.

Complexity: ``O(n)`` time, ``O(n)`` extra memory (the min and max of at most
about ``2n`` buckets).  In CPython the cost per value is flat up to a few 10**5
values; beyond, the random bucket accesses miss the CPU caches and each value
costs about 2.5 times more (``benchmarks/bench_maximum_gap.py``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from fractions import Fraction
from itertools import compress, repeat
from numbers import Integral, Rational, Real
from operator import is_not, sub
from typing import Any

from algorithms._validate import as_list, describe

__all__ = ["maximum_gap"]

# Up to this many floats, n buckets keep the pigeonhole inequality strict despite
# rounding: 1/n + 7u < 1/(n - 1) with u = 2**-53 needs n(n - 1) < 2**53 / 7.
_N_BUCKETS_UP_TO = 2**25

# Float ranges D outside [_TINY_RANGE, inf) are rescaled by a power of two first,
# so that n / D neither overflows (tiny D) nor divides by an infinite D.
_TINY_RANGE = 2.0**-900


def maximum_gap(nums: Iterable[int | float | Fraction]) -> int | float | Fraction:
    """Return the largest difference between successive values in sorted order.

    Parameters
    ----------
    nums : iterable of int, float or Fraction
        The values, in any order, duplicates allowed; copied, never modified.
        Other real number types convert: NumPy ints to ``int``, NumPy floats to
        ``float``.  ``bool`` is refused (``True`` is not meant as the number 1).

    Returns
    -------
    int, float or Fraction
        ``max(b - a)`` over neighbours ``a <= b`` of ``sorted(nums)``; ``0`` when
        ``nums`` has fewer than two elements, and a zero when all are equal.
        Ints (and ints with Fractions) give an exact result of any size.  If any
        value is a float, every value is converted to float first and the
        result is a float, as in NumPy; a gap wider than the largest float is
        ``inf``, as ``b - a`` would be.

    Raises
    ------
    TypeError
        If ``nums`` is not an iterable (or is a ``str``), or holds something
        other than a real number: ``str``, ``None``, ``complex``, ``Decimal``,
        ``bool``.
    ValueError
        If a value is NaN or infinite, or an int or Fraction too large for a
        float is mixed with floats.

    Notes
    -----
    Bucket (pigeonhole) method, see the module docstring: ``O(n)`` time and
    ``O(n)`` memory, no sorting.  Exact for ints and Fractions; for floats the
    rounded bucket index is provably safe (monotonic, with a strict margin).

    Examples
    --------
    >>> maximum_gap([3, 6, 9, 1])
    3
    >>> maximum_gap([0, 10**18, 1])
    999999999999999999
    >>> maximum_gap([2.5, -1.0, 0.5])
    2.0
    >>> maximum_gap([7])
    0
    >>> maximum_gap([1.0, float("nan")])
    Traceback (most recent call last):
      ...
    ValueError: nums must contain only finite numbers, got nan (float) at index 1
    """
    values, kind = _as_numbers(nums)
    if len(values) < 2:
        return 0
    lo, hi = min(values), max(values)
    if lo == hi:
        return hi - lo  # all equal: D = 0, no bucket width to divide by
    if kind == "float":
        d = hi - lo
        if d == math.inf or d < _TINY_RANGE:
            # Solve the same problem for values times a power of two, then scale back.
            # Scaling tiny values up is exact (distinct floats closer than 2**-900 are
            # below 2**-846), and so are their gaps.  Halving rounds only values below
            # 2**-1021, by at most 2**-1075: that can change only gaps between two values
            # below about 2**-967, nowhere near the answer (at least D/(n-1), D > 1e308).
            scale = 0.5 if d == math.inf else 2.0**1000
            scaled = [x * scale for x in values]
            return _bucket_gap(scaled, lo * scale, hi * scale, kind) * (1 / scale)
    return _bucket_gap(values, lo, hi, kind)


def _bucket_gap(values: list[Any], lo: Any, hi: Any, kind: str) -> Any:
    """The bucket pass, for ``n >= 2`` values with ``lo < hi``.

    Bucket ``i`` of ``x`` is ``(x - lo) // width`` (exact) or
    ``int((x - lo) * per_unit)`` (floats); both never decrease as ``x`` grows.

    Float rounding, in detail (``u = 2**-53``, ``T(x) = B (x - lo) / D`` the
    exact position): the computed position is ``T(x)(1 + g)(1 + a)(1 + b)``,
    where ``g`` (``|g| <= 2u``, from ``per_unit = B / D``) is the same for every
    value and ``a``, ``b`` (``<= u``, from ``x - lo`` and the product) are not.
    Two values in bucket ``j`` (``j <= B``) thus have exact positions less than
    about ``1 + (2j + 1)·2u + 2u`` apart, so (``B >= 2``) they are closer than
    ``D/B + 7u·D``.  The answer is at least ``D/(n - 1)``, so ``1/B + 7u <
    1/(n - 1)`` is all we need: it holds for ``B = n`` while ``n <= 2**25`` and
    for ``B = 2n`` up to ``n`` of about ``6·10**14``.
    ``x - lo <= D`` keeps every position at most ``B(1 + u) < B + 1``.
    """
    n = len(values)
    d = hi - lo
    width = per_unit = None
    if kind == "int":
        width = max(1, d // (n - 1))
        slots = d // width + 1  # at most 2n - 1
    elif kind == "rational":
        width = Fraction(d) / (n - 1)
        slots = n
    else:
        n_buckets = n if n <= _N_BUCKETS_UP_TO else 2 * n
        per_unit = n_buckets / d
        slots = n_buckets + 1
    exact = width is not None

    low: list[Any] = [None] * slots
    high: list[Any] = [None] * slots
    for x in values:
        i = (x - lo) // width if exact else int((x - lo) * per_unit)
        m = low[i]
        if m is None:  # first value in this bucket: both its min and its max
            low[i] = high[i] = x
        elif x < m:
            low[i] = x
        elif x > high[i]:
            high[i] = x
    # Drop the empty buckets at C speed (a comprehension would cost a third of the fill).
    low = list(compress(low, map(is_not, low, repeat(None))))
    high = list(compress(high, map(is_not, high, repeat(None))))
    # lo and hi lie in different buckets, so there are at least two and one gap.
    return max(map(sub, low[1:], high))


def _as_numbers(nums: Iterable[Any]) -> tuple[list[Any], str]:
    """Copy ``nums`` into a list and name its arithmetic: ``"int"``,
    ``"rational"`` (ints and Fractions) or ``"float"`` (finite floats).

    Types are inspected once per *type*, not per element, so an all-int or
    all-float list costs a C-speed pass or two."""
    values = as_list(nums, "nums")
    kinds = set(map(type, values))
    if kinds <= {int}:
        return values, "int"
    if kinds <= {int, Fraction}:
        return values, "rational"
    if kinds != {float}:
        for t in kinds:
            if issubclass(t, bool) or not issubclass(t, Real):
                i, bad = next((i, x) for i, x in enumerate(values) if type(x) is t)
                raise TypeError(
                    f"nums must contain only ints, floats or Fractions, got {describe(bad)} "
                    f"at index {i}"
                )
        if all(issubclass(t, Integral) for t in kinds):  # NumPy ints, ...
            return [int(x) for x in values], "int"
        if all(issubclass(t, Rational) for t in kinds):
            return [_as_fraction(x) for x in values], "rational"
        try:
            values = list(map(float, values))
        except OverflowError:
            i, big = next((i, x) for i, x in enumerate(values) if not _fits_float(x))
            raise ValueError(
                f"nums mixes floats with a number too large for a float, {describe(big)} "
                f"at index {i}; use only ints and Fractions (exact) or only floats"
            ) from None
    # sum() of floats runs at C speed and is finite when every value is (a NaN or an
    # infinity propagates); only an overflowing sum needs the value-by-value check.
    if not math.isfinite(sum(values)) and not all(map(math.isfinite, values)):
        i, bad = next((i, x) for i, x in enumerate(values) if not math.isfinite(x))
        raise ValueError(f"nums must contain only finite numbers, got {describe(bad)} at index {i}")
    return values, "float"


def _as_fraction(x: Any) -> int | Fraction:
    """An int or Fraction equal to the rational number ``x``."""
    if type(x) is int or isinstance(x, Fraction):
        return x
    if isinstance(x, Integral):
        return int(x)
    return Fraction(x.numerator, x.denominator)


def _fits_float(x: Any) -> bool:
    try:
        float(x)
    except OverflowError:
        return False
    return True
