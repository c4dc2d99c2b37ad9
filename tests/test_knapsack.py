"""Properties of the knapsack functions.

Oracles, independent of the dynamic programs under test:

* 0/1 knapsack: every subset of at most 10 items (``itertools.product`` over
  take / leave), keeping the most valuable one that fits;
* unbounded knapsack: a memoised recursion over "how many copies of item i",
  ``k * v_i + best(i + 1, c - k * w_i)`` -- a different formulation from the
  capacity-by-capacity DP;
* the 2-D table: each row ``i`` against the subsets of the first ``i`` items,
  and its last row against the 1-D ``knapsack_01`` at every capacity.

Values are drawn as ints, Fractions, floats and int/Fraction mixtures; exact
types are compared exactly, floats with a relative tolerance (two correct
solutions may add the same floats in different orders).

Judge tiers (see ``practice/tiers.py``): unmarked tests stay within the
statements' constraints (lists of equal length, non-negative int weights,
non-negative int, float or Fraction values, a non-negative int capacity);
``O(capacity)`` memory is ``complexity``; the type of the answer (Fraction in,
Fraction out, even when nothing fits), other iterables and bad input are
``contract``; error wording is ``reference_only``.
"""

from __future__ import annotations

import itertools
import math
import tracemalloc
from fractions import Fraction
from functools import cache
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

FUNCTIONS = ["knapsack_01", "knapsack_01_items", "knapsack_unbounded", "knapsack_01_table"]

# ---------------------------------------------------------------------------
# Oracles


def subsets_that_fit(weights: list[int], values: list[Any], capacity: int):
    """(chosen indices, total value) of every subset of weight <= capacity."""
    n = len(weights)
    for take in itertools.product((False, True), repeat=n):
        chosen = list(itertools.compress(range(n), take))
        if sum(weights[i] for i in chosen) <= capacity:
            yield chosen, sum(values[i] for i in chosen)


def best_subset_value(weights: list[int], values: list[Any], capacity: int) -> Any:
    return max(total for _, total in subsets_that_fit(weights, values, capacity))


def best_multiset_value(weights: list[int], values: list[Any], capacity: int) -> Any:
    """Best over all multiplicities: item i taken k = 0 .. c // w_i times."""

    @cache
    def best(i: int, c: int) -> Any:
        if i == len(weights):
            return 0
        return max(
            k * values[i] + best(i + 1, c - k * weights[i]) for k in range(c // weights[i] + 1)
        )

    return best(0, capacity)


def assert_same_value(got: Any, expected: Any) -> None:
    """Exact for ints and Fractions; floats to a relative tolerance of 1e-9."""
    if isinstance(got, float) or isinstance(expected, float):
        assert math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-9), (got, expected)
    else:
        assert got == expected, (got, expected)


def assert_type_kept(got: Any, values: list[Any]) -> None:
    """Exact inputs stay exact: all-int values give an int, all-Fraction a Fraction."""
    if values and all(type(v) is int for v in values):
        assert type(got) is int, got
    if values and all(isinstance(v, Fraction) for v in values):
        assert isinstance(got, Fraction), got


# ---------------------------------------------------------------------------
# Strategies: valid inputs built directly

VALUES = {
    "int": st.integers(0, 100),
    "fraction": st.fractions(min_value=0, max_value=20, max_denominator=12),
    "float": st.floats(0, 100, allow_nan=False, allow_infinity=False),
    "int or fraction": st.integers(0, 20) | st.fractions(min_value=0, max_value=20),
}


@st.composite
def knapsacks(draw, *, max_items: int = 10, min_weight: int = 0, max_capacity: int = 30):
    """(weights, values, capacity) of one value kind; some items heavier than the capacity."""
    values_of_kind = VALUES[draw(st.sampled_from(sorted(VALUES)))]
    n = draw(st.integers(0, max_items))
    weights = draw(st.lists(st.integers(min_weight, 12), min_size=n, max_size=n))
    values = draw(st.lists(values_of_kind, min_size=n, max_size=n))
    capacity = draw(st.integers(0, max_capacity))
    return weights, values, capacity


# ---------------------------------------------------------------------------
# knapsack_01


@given(knapsacks())
def test_knapsack_01_equals_best_subset(impl, case):
    weights, values, capacity = case
    got = impl("knapsack_01")(weights, values, capacity)
    assert_same_value(got, best_subset_value(weights, values, capacity))


@pytest.mark.contract
@pytest.mark.parametrize("name", ["knapsack_01", "knapsack_01_items", "knapsack_unbounded"])
@given(case=knapsacks(max_items=6, min_weight=1))
def test_the_answer_has_the_values_type(impl, name, case):
    # All-int values give an int, all-Fraction values a Fraction -- also when no
    # item fits and the answer is a zero.
    weights, values, capacity = case
    got = impl(name)(weights, values, capacity)
    assert_type_kept(got[0] if name == "knapsack_01_items" else got, values)


@pytest.mark.contract
@pytest.mark.parametrize("name", ["knapsack_01", "knapsack_01_items", "knapsack_unbounded"])
def test_a_fraction_zero_when_nothing_fits(impl, name):
    got = impl(name)([5], [Fraction(1, 2)], 3)
    got = got[0] if name == "knapsack_01_items" else got
    assert got == 0 and isinstance(got, Fraction), got


@given(knapsacks(max_items=6))
def test_knapsack_01_more_capacity_never_hurts(impl, case):
    weights, values, capacity = case
    knapsack_01 = impl("knapsack_01")
    assert knapsack_01(weights, values, capacity) <= knapsack_01(weights, values, capacity + 1)


@pytest.mark.parametrize(
    ("weights", "values", "capacity", "expected"),
    [
        ([1, 3, 4, 5], [1, 4, 5, 7], 7, 9),
        ([10, 20, 30], [60, 100, 120], 50, 220),
        ([5], [10], 5, 10),  # exact fit
        ([5], [10], 4, 0),
        ([0, 0, 1], [3, 4, 5], 0, 7),  # weightless items always fit
        ([2, 2], [Fraction(1, 3), Fraction(1, 2)], 4, Fraction(5, 6)),
        ([1, 1], [0.1, 0.2], 2, 0.1 + 0.2),
    ],
)
def test_knapsack_01_examples(impl, weights, values, capacity, expected):
    assert impl("knapsack_01")(weights, values, capacity) == expected


def test_knapsack_01_counts_each_item_once(impl):
    # An upward capacity loop would take the one item twice (value 20).
    assert impl("knapsack_01")([3], [10], 6) == 10


# ---------------------------------------------------------------------------
# knapsack_01_items


@given(knapsacks())
def test_knapsack_01_items_choice_fits_and_is_optimal(impl, case):
    weights, values, capacity = case
    best, chosen = impl("knapsack_01_items")(weights, values, capacity)
    assert chosen == sorted(set(chosen)), "ascending, each index once"
    assert all(0 <= i < len(weights) for i in chosen)
    assert sum(weights[i] for i in chosen) <= capacity
    assert_same_value(sum(values[i] for i in chosen), best)
    assert_same_value(best, best_subset_value(weights, values, capacity))


@given(knapsacks())
def test_knapsack_01_items_agrees_with_knapsack_01(impl, case):
    weights, values, capacity = case
    best, _ = impl("knapsack_01_items")(weights, values, capacity)
    assert_same_value(best, impl("knapsack_01")(weights, values, capacity))


@pytest.mark.parametrize(
    ("weights", "values", "capacity", "expected"),
    [
        ([1, 3, 4, 5], [1, 4, 5, 7], 7, (9, [1, 2])),
        ([1, 2, 3], [6, 10, 12], 5, (22, [1, 2])),
        ([5], [10], 5, (10, [0])),  # exact fit: the flag at c - w == 0
        ([1, 4, 1], [5, 1, 5], 2, (10, [0, 2])),  # first and last item
        ([2, 3], [3, 4], 5, (7, [0, 1])),  # everything
        ([6, 7], [1, 1], 5, (0, [])),  # nothing fits
    ],
)
def test_knapsack_01_items_reconstruction_examples(impl, weights, values, capacity, expected):
    # Pitfall: reading the flags of item i + 1 (or i - 1) when deciding about item i.
    assert impl("knapsack_01_items")(weights, values, capacity) == expected


# ---------------------------------------------------------------------------
# knapsack_unbounded


@given(knapsacks(max_items=6, min_weight=1))
def test_knapsack_unbounded_equals_best_multiset(impl, case):
    weights, values, capacity = case
    got = impl("knapsack_unbounded")(weights, values, capacity)
    assert_same_value(got, best_multiset_value(weights, values, capacity))


@given(knapsacks(max_items=6, min_weight=1))
def test_knapsack_unbounded_at_least_knapsack_01(impl, case):
    weights, values, capacity = case
    unbounded = impl("knapsack_unbounded")(weights, values, capacity)
    assert unbounded >= impl("knapsack_01")(weights, values, capacity)


@pytest.mark.parametrize(
    ("weights", "values", "capacity", "expected"),
    [
        ([1, 3, 4, 5], [1, 4, 5, 7], 7, 9),
        ([2, 3], [3, 5], 7, 11),
        ([3], [10], 6, 20),  # the same item twice
        ([5, 10], [10, 30], 20, 60),
        ([4], [Fraction(1, 3)], 13, 1),
    ],
)
def test_knapsack_unbounded_examples(impl, weights, values, capacity, expected):
    assert impl("knapsack_unbounded")(weights, values, capacity) == expected


# ---------------------------------------------------------------------------
# knapsack_01_table


@given(knapsacks(max_items=7, max_capacity=20))
def test_knapsack_01_table_rows_equal_best_subsets_of_prefixes(impl, case):
    weights, values, capacity = case
    table = impl("knapsack_01_table")(weights, values, capacity)
    assert len(table) == len(weights) + 1
    for i, row in enumerate(table):
        assert len(row) == capacity + 1
        for c, got in enumerate(row):
            assert_same_value(got, best_subset_value(weights[:i], values[:i], c))


@given(knapsacks())
def test_knapsack_01_table_last_row_equals_1d_dp(impl, case):
    weights, values, capacity = case
    table = impl("knapsack_01_table")(weights, values, capacity)
    knapsack_01 = impl("knapsack_01")
    for c, got in enumerate(table[-1]):
        assert_same_value(got, knapsack_01(weights, values, c))


@given(knapsacks())
def test_knapsack_01_table_is_monotone_in_items_and_capacity(impl, case):
    weights, values, capacity = case
    table = impl("knapsack_01_table")(weights, values, capacity)
    assert all(x == 0 for x in table[0])
    for above, row in itertools.pairwise(table):
        assert all(a <= b for a, b in zip(above, row, strict=True))
        assert all(a <= b for a, b in itertools.pairwise(row))


def test_knapsack_01_table_example(impl):
    table = impl("knapsack_01_table")([1, 2], [3, 4], 3)
    assert table == [[0, 0, 0, 0], [0, 3, 3, 3], [0, 3, 4, 7]]


# ---------------------------------------------------------------------------
# Every function: empty input, capacity 0, no mutation, memory, bad input


@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("capacity", [0, 5])
def test_empty_item_list_does_not_crash(impl, name, capacity):
    got = impl(name)([], [], capacity)
    expected = {
        "knapsack_01": 0,
        "knapsack_01_items": (0, []),
        "knapsack_unbounded": 0,
        "knapsack_01_table": [[0] * (capacity + 1)],
    }[name]
    assert got == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("knapsack_01", 0),
        ("knapsack_01_items", (0, [])),
        ("knapsack_unbounded", 0),
        ("knapsack_01_table", [[0], [0], [0]]),
    ],
)
def test_capacity_zero_does_not_crash(impl, name, expected):
    assert impl(name)([1, 2], [5, 7], 0) == expected


def test_capacity_zero_takes_weightless_items(impl):
    assert impl("knapsack_01_items")([0, 1, 0], [2, 5, 3], 0) == (5, [0, 2])


@pytest.mark.parametrize("name", FUNCTIONS)
@given(case=knapsacks(max_items=6, min_weight=1))
def test_inputs_are_not_mutated(impl, name, case):
    weights, values, capacity = case
    before = (weights.copy(), values.copy())
    impl(name)(weights, values, capacity)
    assert (weights, values) == before


@pytest.mark.contract
@pytest.mark.parametrize("name", FUNCTIONS)
def test_any_iterables_are_accepted(impl, name):
    as_lists = impl(name)([3, 4], [5, 6], 7)
    assert impl(name)(iter((3, 4)), (v for v in (5, 6)), 7) == as_lists


def peak_bytes(fn, *args) -> int:
    tracemalloc.start()
    try:
        fn(*args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("name", ["knapsack_01", "knapsack_unbounded"])
def test_memory_does_not_grow_with_the_number_of_items(impl, name):
    # O(capacity) memory: 20 times more items must not need ~20 times the
    # memory, as an (n + 1) x (capacity + 1) table would (1.6 MB here against
    # about 0.05 MB for one row).  tracemalloc counts allocations exactly, so
    # this is deterministic, not a timing.
    capacity = 500

    def peak(n: int) -> int:
        weights = [1 + (7 * i) % 97 for i in range(n)]
        values = [1000 + (13 * i) % 101 for i in range(n)]
        return peak_bytes(impl(name), weights, values, capacity)

    assert peak(200) < 4 * peak(10)


BAD_INPUTS = [
    (([1, 2], [1], 3), ValueError, "length"),
    (([-1], [1], 3), ValueError, "weights"),
    (([1], [-1], 3), ValueError, "values"),
    (([1], [float("nan")], 3), ValueError, "values"),
    (([1], [float("inf")], 3), ValueError, "values"),
    (([1], [1], -1), ValueError, "capacity"),
    (([1.0], [1], 3), TypeError, "weights"),
    (([True], [1], 3), TypeError, "weights"),
    (([1], ["1"], 3), TypeError, "values"),
    (([1], [1j], 3), TypeError, "values"),
    (([1], [1], 2.5), TypeError, "capacity"),
    (([1], [1], None), TypeError, "capacity"),
    ((None, [], 3), TypeError, "weights"),
    (([], 5, 3), TypeError, "values"),
]


@pytest.mark.contract
@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize(("args", "error", "match"), BAD_INPUTS)
def test_bad_input_is_rejected(impl, name, args, error, match):
    with pytest.raises(error):
        impl(name)(*args)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize(("args", "error", "match"), BAD_INPUTS)
def test_bad_input_message_names_the_argument(impl, name, args, error, match):
    with pytest.raises(error, match=match):
        impl(name)(*args)


@pytest.mark.contract
def test_unbounded_rejects_a_weightless_item(impl):
    # Weight 0 and value 5 could be taken without limit.
    with pytest.raises(ValueError):
        impl("knapsack_unbounded")([2, 0], [1, 5], 4)


@pytest.mark.reference_only
def test_unbounded_weightless_item_message_names_weights(impl):
    with pytest.raises(ValueError, match="weights"):
        impl("knapsack_unbounded")([2, 0], [1, 5], 4)
