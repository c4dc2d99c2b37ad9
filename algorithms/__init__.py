"""Pure-Python reference solutions, one module per problem family.

>>> from algorithms import max_sliding_window
>>> max_sliding_window([1, 3, -1, -3, 5, 3, 6, 7], 3)
[3, 3, 5, 5, 6, 7]
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
from algorithms.sliding_window import max_sliding_window, min_sliding_window

__all__ = [
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
]
