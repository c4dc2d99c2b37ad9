"""Pure-Python reference solutions, one module per problem family.

* :mod:`algorithms.sliding_window` — window maxima/minima with a monotonic deque;
* :mod:`algorithms.maximum_gap` — the largest sorted gap by pigeonhole buckets;
* :mod:`algorithms.combination_sum` — combinations that add up to a target;
* :mod:`algorithms.knapsack` — 0/1 and unbounded knapsack by dynamic programming;
* :mod:`algorithms.heap` — CPython's heap algorithm, comparison for comparison;
* :mod:`algorithms.geometry` — exact-or-EPS plane geometry;
* :mod:`algorithms.ngram` — n-gram language models and character n-gram similarity.

>>> from algorithms import max_sliding_window, heap
>>> max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3)
[3, 3, 5, 5, 6, 7]
>>> heap.nsmallest(2, [5, 1, 4, 2])
[1, 2]
"""

from algorithms import geometry, heap
from algorithms.combination_sum import combination_sum, combination_sum2
from algorithms.knapsack import (
    knapsack_01,
    knapsack_01_items,
    knapsack_01_table,
    knapsack_unbounded,
)
from algorithms.maximum_gap import maximum_gap
from algorithms.ngram import NGramModel, ngram_similarity, ngrams
from algorithms.sliding_window import max_sliding_window, min_sliding_window

__all__ = [
    "NGramModel",
    "combination_sum",
    "combination_sum2",
    "geometry",
    "heap",
    "knapsack_01",
    "knapsack_01_items",
    "knapsack_01_table",
    "knapsack_unbounded",
    "max_sliding_window",
    "maximum_gap",
    "min_sliding_window",
    "ngram_similarity",
    "ngrams",
]
