"""0/1 knapsack: our pure-Python 1-D DP against NumPy-vectorised row updates.

All run the same O(n * capacity) dynamic program over one array of
capacity + 1 entries.  The peers replace our per-item list comprehension with
one vectorised ``np.maximum`` over the array, so they measure what moving the
inner loop out of the interpreter buys; we expect to lose by a large factor.
Two peers: the plain row update over ``best[w:]``, and the same update
restricted, as ours is, to the capacities the final entry depends on
(``capacity - weight of the later items`` and up) -- the like-for-like one.
The x axis of the plot is n * capacity, the number of DP cells.

Run: ``python benchmarks/run.py [--quick] knapsack``.
"""

from __future__ import annotations

import random
from functools import partial

import numpy as np

from algorithms.knapsack import knapsack_01
from benchmarks.harness import Row, benchmark, best_of


def numpy_knapsack_01(weights: list[int], values: list[int], capacity: int) -> int:
    """The textbook 1-D DP, each item's update one vectorised ``np.maximum``.

    ``best[: capacity + 1 - w] + v`` is a new array computed before anything is
    written, so the in-place maximum reads the previous item's values: no
    reverse loop needed.
    """
    best = np.zeros(capacity + 1, dtype=np.int64)
    for w, v in zip(weights, values, strict=True):
        if w <= capacity:
            np.maximum(best[w:], best[: capacity + 1 - w] + v, out=best[w:])
    return int(best[capacity])


def numpy_knapsack_01_bounded(weights: list[int], values: list[int], capacity: int) -> int:
    """As :func:`numpy_knapsack_01`, item i updating only ``best[low:]`` like ours."""
    best = np.zeros(capacity + 1, dtype=np.int64)
    rest = sum(weights)
    for w, v in zip(weights, values, strict=True):
        rest -= w
        if w <= capacity:
            low = max(w, capacity - rest)
            np.maximum(best[low:], best[low - w : capacity + 1 - w] + v, out=best[low:])
    return int(best[capacity])


PEERS = {
    "numpy row update": numpy_knapsack_01,
    "numpy, same bound": numpy_knapsack_01_bounded,
}


def make_items(n: int, capacity: int, seed: int) -> tuple[list[int], list[int]]:
    """n items with weights averaging capacity / n, so about all of them fit together
    and the choice is not trivial."""
    rng = random.Random(seed)
    weights = [rng.randint(1, max(1, 2 * capacity // n)) for _ in range(n)]
    values = [rng.randint(1, 1000) for _ in range(n)]
    return weights, values


@benchmark("knapsack")
def bench(quick: bool) -> list[Row]:
    sizes = [(25, 1000), (50, 2000)] if quick else [(50, 2000), (100, 5000), (200, 10_000)]
    repeat = 3 if quick else 5
    rows = []
    for n, capacity in sizes:
        weights, values = make_items(n, capacity, seed=n)
        ours = partial(knapsack_01, weights, values, capacity)
        ours_s = best_of(ours, repeat=repeat)
        for peer, fn in PEERS.items():
            theirs = partial(fn, weights, values, capacity)
            if ours() != theirs():  # a benchmark of a wrong answer is meaningless
                raise AssertionError(f"knapsack_01 = {ours()}, {peer} = {theirs()}")
            rows.append(
                Row(
                    benchmark="knapsack",
                    case="knapsack_01",
                    size=n * capacity,
                    ours_s=ours_s,
                    peer=peer,
                    peer_s=best_of(theirs, repeat=repeat),
                    note=f"n={n}, capacity={capacity}",
                )
            )
    return rows
