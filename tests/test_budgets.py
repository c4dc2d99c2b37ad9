"""Judge-only time budgets for the exercises whose speed cannot be counted.

Comparison-based exercises are held to counted bounds (``@complexity``).  For
the others — knapsack DP, backtracking, buckets, geometry — a learner's
function must finish one *larger* input within a generous budget relative to
the reference solution timed in the same process: ``FACTOR ×`` the reference's
best time ``+ SLACK_S``.  The budget catches an exponential or quadratic
solution where a near-linear one is expected; it is far too loose to judge
constant factors, and it never judges the reference itself.

These are wall-clock checks, so they run only under ``pytest --solutions``
(skipped in the plain suite, where benchmarks, not tests, measure speed).
"""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pytest

from practice.exercises import reference

FACTOR = 20
SLACK_S = 0.25


@dataclass(frozen=True)
class Case:
    exercise: str
    make_args: Callable[[random.Random], tuple[Any, ...]]
    about: str  # the input, in words, for the verdict table


def _points(rng: random.Random, n: int) -> list[tuple[int, int]]:
    return [(rng.randrange(10**6), rng.randrange(10**6)) for _ in range(n)]


def _items(rng: random.Random, n: int, capacity: int) -> tuple[list[int], list[int], int]:
    weights = [rng.randint(1, capacity // 4) for _ in range(n)]
    return weights, [rng.randint(1, 100) for _ in range(n)], capacity


CASES = [
    Case("maximum_gap", lambda r: ([r.randrange(10**9) for _ in range(20_000)],), "20,000 ints"),
    Case("combination_sum", lambda r: ([2, 3, 5, 7, 11, 13, 17], 45), "7 candidates, target 45"),
    Case("combination_sum2", lambda r: ([1] * 24 + [2, 3, 5, 8], 9), "24 ones + 4, target 9"),
    Case("knapsack_01", lambda r: _items(r, 60, 3000), "60 items, capacity 3000"),
    Case("knapsack_01_items", lambda r: _items(r, 60, 3000), "60 items, capacity 3000"),
    Case("knapsack_unbounded", lambda r: _items(r, 60, 3000), "60 items, capacity 3000"),
    Case("knapsack_01_table", lambda r: _items(r, 40, 1500), "40 items, capacity 1500"),
    Case("convex_hull", lambda r: (_points(r, 20_000),), "20,000 points"),
    Case("closest_pair", lambda r: (_points(r, 20_000),), "20,000 points"),
    Case("farthest_pair", lambda r: (_points(r, 20_000),), "20,000 points"),
    Case("min_enclosing_circle", lambda r: (_points(r, 20_000),), "20,000 points"),
    Case("walk_distribution", lambda r: (1500, Fraction(1, 3)), "n = 1500, p = 1/3"),
    Case("harmonic_number", lambda r: (20_000, True), "n = 20,000, exact"),
]  # fmt: skip


def _seconds(fn: Callable[..., Any], args: tuple[Any, ...]) -> float:
    args = copy.deepcopy(args)  # a solution that mutates its input must not change the next run
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


@pytest.mark.budget
@pytest.mark.parametrize("case", CASES, ids=[c.exercise for c in CASES])
def test_larger_input_finishes_within_a_generous_budget(impl, request, case):
    if not request.config.getoption("solutions", None):
        pytest.skip("judge-only: compares a learner's time with the reference's")
    function = impl(case.exercise)
    args = case.make_args(random.Random(2024))
    ours = min(_seconds(reference(case.exercise), args) for _ in range(2))
    budget = FACTOR * ours + SLACK_S
    took = _seconds(function, args)
    assert took <= budget, (
        f"{took:.2f} s on {case.about}, over the budget of {budget:.2f} s "
        f"({FACTOR} × the reference's {ours:.3f} s + {SLACK_S} s)"
    )
