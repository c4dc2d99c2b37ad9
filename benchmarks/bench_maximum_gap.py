"""``maximum_gap``: our O(n) buckets against sorting, both on Python lists.

Input: n random ints in [-10**9, 10**9] or n random floats in [0, 1), seeded, at
n = 10**4, 10**5, 10**6 (quick: up to 10**5).

* ours: ``maximum_gap(nums)``: pigeonhole buckets, O(n).
* peer: ``sorted`` (CPython's C timsort) followed by the widest neighbour
  difference ``max(map(sub, s[1:], s))``, O(n log n), everything in C.

The note reports the cost per value and how our time grows from the previous size
(10x more values: x10 is linear) next to the peer's growth.  Up to a few 10**5
values our cost per value is flat; beyond, every value's bucket is a random access
into lists (plus the value objects) that no longer fit in the CPU caches, so the
cost per value rises (about 2.5x on a 32 MB L3 machine) although the operation
count is linear.  Both results are checked to agree before timing.

Run: ``python benchmarks/run.py [--quick] maximum_gap``.
"""

from __future__ import annotations

import random
from operator import sub

from algorithms.maximum_gap import maximum_gap
from benchmarks.harness import Row, benchmark, best_of


def sorted_gap(nums: list) -> float:
    s = sorted(nums)
    return max(map(sub, s[1:], s))


@benchmark("maximum_gap")
def bench(quick: bool) -> list[Row]:
    sizes = (10**4, 10**5) if quick else (10**4, 10**5, 10**6)
    rounds = 3 if quick else 5
    rng = random.Random(20240608)
    makers = {
        "random ints": lambda n: [rng.randint(-(10**9), 10**9) for _ in range(n)],
        "random floats": lambda n: [rng.random() for _ in range(n)],
    }
    rows: list[Row] = []
    for case, make in makers.items():
        previous: tuple[float, float] | None = None
        for n in sizes:
            nums = make(n)
            assert maximum_gap(nums) == sorted_gap(nums)
            contenders = {
                "ours": lambda nums=nums: maximum_gap(nums),
                "peer": lambda nums=nums: sorted_gap(nums),
            }
            best = dict.fromkeys(contenders, float("inf"))
            # Interleave the two, round by round, so a burst of load hits both.
            for _ in range(rounds):
                for label, fn in contenders.items():
                    best[label] = min(best[label], best_of(fn, repeat=1))
            note = f"ours {best['ours'] / n * 1e9:.0f} ns/value"
            if previous is not None:
                note += (
                    f"; time x{best['ours'] / previous[0]:.1f} for 10x n"
                    f" (sorted: x{best['peer'] / previous[1]:.1f})"
                )
            previous = (best["ours"], best["peer"])
            rows.append(
                Row(
                    "maximum_gap",
                    case,
                    n,
                    best["ours"],
                    "sorted + pairwise max",
                    best["peer"],
                    note,
                )
            )
    return rows
