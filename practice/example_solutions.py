"""A learner's solutions file, to judge: ``pytest --solutions practice/example_solutions.py``.

Eight exercises from the three packages are attempted; everything else in
``practice/template.py`` is left out, so it is NOT ATTEMPTED.  The verdicts it
earns, on purpose:

* ``combination_sum``, ``heappush``, ``heappop``: correct    -> ACCEPTED
* ``attention``: a NumPy softmax with the max subtracted       -> ACCEPTED
* ``max_sliding_window``: misses the first window            -> WRONG ANSWER
* ``min_sliding_window``: right, but rescans every window,
  ``(n - k + 1)(k - 1)`` comparisons instead of at most ``2n`` -> TOO SLOW
* ``knapsack_01``: a shortcut that crashes on no items        -> RUNTIME ERROR
* ``poisson_pmf``: the textbook ``exp(k log λ - λ - log k!)``,
  right for small means, rounding noise at λ = 10^15          -> WRONG ANSWER
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from decimal import Decimal
from numbers import Integral, Real
from typing import Any

import numpy as np
from scipy.special import gammaln

# ---------------------------------------------------------------------------
# Input checks, following the contract in the docstrings of practice/template.py


def _is_nan(x: Any) -> bool:
    if isinstance(x, Decimal):
        return x.is_nan()  # x != x would raise for a signalling NaN
    try:
        return bool(x != x)
    except TypeError:
        return False


def _as_list(values: Any, name: str) -> list:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise TypeError(f"{name} must be an iterable of values, got {values!r}")
    return list(values)


def _require_int(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def _window_input(nums: Any, k: Any) -> list:
    nums = _as_list(nums, "nums")
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an int, got {k!r}")
    if not 1 <= k <= len(nums):
        raise ValueError(f"k must satisfy 1 <= k <= len(nums) = {len(nums)}, got {k}")
    if any(_is_nan(x) for x in nums):
        raise ValueError("nums must not contain a NaN")
    return nums


# ---------------------------------------------------------------------------
# Sliding windows


def max_sliding_window(nums, k):
    nums = _window_input(nums, k)
    candidates: deque[int] = deque()  # indices; their values never increase
    maxima = []
    for i, x in enumerate(nums):
        while candidates and nums[candidates[-1]] < x:
            candidates.pop()
        candidates.append(i)
        if candidates[0] == i - k:
            candidates.popleft()
        if i > k - 1:  # the first full window ends at i == k - 1: it is never reported
            maxima.append(nums[candidates[0]])
    return maxima


def min_sliding_window(nums, k):
    nums = _window_input(nums, k)
    return [min(nums[i : i + k]) for i in range(len(nums) - k + 1)]


# ---------------------------------------------------------------------------
# combination_sum: backtracking with an explicit stack (no recursion limit)


def combination_sum(candidates, target):
    values = _as_list(candidates, "candidates")
    for v in values:
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError(f"candidates must be ints, got {v!r}")
        if v <= 0:
            raise ValueError(f"candidates must be positive, got {v}")
    if len(set(values)) != len(values):
        raise ValueError("candidates must be distinct")
    target = _require_int(target, "target", 0)
    values.sort()
    found = []
    stack = [([], 0, target)]  # (combination so far, first usable index, amount missing)
    while stack:
        combo, start, missing = stack.pop()
        if missing == 0:
            found.append(combo)
            continue
        # Pushed largest first, so the smallest is explored first: lexicographic order.
        for i in reversed(range(start, len(values))):
            if values[i] <= missing:
                stack.append(([*combo, values[i]], i, missing - values[i]))
    return found


# ---------------------------------------------------------------------------
# Heaps: the same sift-down and bottom-up sift-up as CPython's heapq


def _sift_towards_root(heap, pos, root=0):
    item = heap[pos]
    while pos > root:
        parent = (pos - 1) // 2
        if not item < heap[parent]:
            break
        heap[pos] = heap[parent]
        pos = parent
    heap[pos] = item


def _sift_to_leaf_and_back(heap, pos):
    end, root, item = len(heap), pos, heap[pos]
    child = 2 * pos + 1
    while child < end:
        if child + 1 < end and not heap[child] < heap[child + 1]:
            child += 1
        heap[pos] = heap[child]
        pos, child = child, 2 * child + 1
    heap[pos] = item
    _sift_towards_root(heap, pos, root)


def heappush(heap, item):
    if not isinstance(heap, list):
        raise TypeError(f"heap must be a list, got {type(heap).__name__}")
    heap.append(item)
    _sift_towards_root(heap, len(heap) - 1)


def heappop(heap):
    if not isinstance(heap, list):
        raise TypeError(f"heap must be a list, got {type(heap).__name__}")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if not heap:
        return last
    top, heap[0] = heap[0], last
    _sift_to_leaf_and_back(heap, 0)
    return top


# ---------------------------------------------------------------------------
# 0/1 knapsack: one row of the DP table, capacities walked downwards


def knapsack_01(weights, values, capacity):
    weights = _as_list(weights, "weights")
    values = _as_list(values, "values")
    if len(weights) != len(values):
        raise ValueError(f"weights and values differ in length: {len(weights)}, {len(values)}")
    for w in weights:
        _require_int(w, "weights", 0)
    for v in values:
        if isinstance(v, bool) or not isinstance(v, Real):
            raise TypeError(f"values must be real numbers, got {v!r}")
        if _is_nan(v) or v < 0 or v == float("inf"):
            raise ValueError(f"values must be finite and >= 0, got {v}")
    capacity = _require_int(capacity, "capacity", 0)
    if capacity < min(weights):  # nothing fits: done early (but min([]) raises)
        return 0
    best = [0] * (capacity + 1)
    for w, v in zip(weights, values, strict=True):
        for c in range(capacity, w - 1, -1):
            best[c] = max(best[c], best[c - w] + v)
    return best[capacity]


# ---------------------------------------------------------------------------
# Poisson pmf: the log-space formula from the textbook


def poisson_pmf(k, lam):
    counts = np.asarray(k, dtype=float)
    if lam == 0:
        p = (counts == 0).astype(float)
    else:
        with np.errstate(invalid="ignore", over="ignore", under="ignore", divide="ignore"):
            p = np.exp(counts * np.log(lam) - lam - gammaln(counts + 1))
        p = np.where(counts < 0, 0.0, p)
    return float(p) if np.ndim(k) == 0 else p


# ---------------------------------------------------------------------------
# Softmax attention in NumPy: subtract each row's maximum before exp


def attention(q, k, v, causal=False, scale=None, mask=None):
    q, k, v = np.asarray(q), np.asarray(k), np.asarray(v)
    if scale is None:
        scale = 1 / np.sqrt(q.shape[-1])
    scores = scale * (q @ np.swapaxes(k, -1, -2))
    len_q, len_k = scores.shape[-2:]
    allowed = np.ones((len_q, len_k), dtype=bool)
    if causal:
        allowed &= np.arange(len_k) <= np.arange(len_q)[:, None] + len_k - len_q
    if mask is not None:
        allowed &= mask
    scores = np.where(allowed, scores, -np.inf)
    top = scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores - np.where(np.isfinite(top), top, 0))
    total = weights.sum(axis=-1, keepdims=True)
    out = (weights @ v) / np.where(total == 0, 1, total)  # a row that sees no key: zeros
    return out.astype(np.result_type(q, k, v))


if __name__ == "__main__":
    print(max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3))  # the judge never runs this
