"""Properties of ``max_sliding_window`` and ``min_sliding_window``.

Oracle: the brute-force window extreme, ``max(nums[i:i + k])`` for every ``i``
(the definition itself, ``O(n·k)``).  Complexity is checked deterministically
by wrapping the elements in :class:`tests.counting.Counted`: the judged bound
is ``2n`` ordering comparisons, which an ``O(n·k)`` window rescan exceeds.

Judge tiers (see ``practice/tiers.py``): unmarked tests stay within the
statement's constraints (a list of ints or floats in ``[-10^4, 10^4]``,
``1 <= k <= len(nums)``); other iterables, other ordered types, NaN and bad
``k`` are ``contract``; exact comparison counts, tie-breaking and error
wording are ``reference_only``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.counting import ComparisonCounter, unwrap

NAMES = ["max_sliding_window", "min_sliding_window"]
BUILTIN = {"max_sliding_window": max, "min_sliding_window": min}


def brute_force(extreme, nums, k):
    """Every window's extreme, straight from the definition."""
    return [extreme(nums[i : i + k]) for i in range(len(nums) - k + 1)]


# Within the constraints: many duplicates (a small range) as well as the whole
# range of ints and floats, negatives included.
VALUE = st.integers(-5, 5) | st.integers(-(10**4), 10**4) | st.floats(-1e4, 1e4)
int_lists = st.lists(VALUE, min_size=1, max_size=40)


@pytest.mark.parametrize("name", NAMES)
@given(nums=int_lists, data=st.data())
def test_every_window_matches_brute_force(impl, name, nums, data):
    k = data.draw(st.integers(1, len(nums)), label="k")
    assert impl(name)(nums, k) == brute_force(BUILTIN[name], nums, k)


ORDERED_VALUES = {
    "floats": st.floats(allow_nan=False),  # infinities and -0.0 included: they are ordered
    "fractions": st.fractions(max_denominator=20),
    "mixed numbers": st.integers(-10, 10)
    | st.floats(-10, 10, allow_nan=False)
    | st.fractions(-10, 10, max_denominator=12),
    "strings": st.text(max_size=3),
    "tuples": st.tuples(st.integers(0, 2), st.text("ab", max_size=2)),
}


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ORDERED_VALUES)
@given(data=st.data())
def test_any_totally_ordered_values_match_brute_force(impl, name, kind, data):
    nums = data.draw(st.lists(ORDERED_VALUES[kind], min_size=1, max_size=25), label="nums")
    k = data.draw(st.integers(1, len(nums)), label="k")
    assert impl(name)(nums, k) == brute_force(BUILTIN[name], nums, k)


@given(nums=int_lists, data=st.data())
def test_min_window_is_negated_max_window_of_negated_input(impl, nums, data):
    k = data.draw(st.integers(1, len(nums)), label="k")
    negated_max = impl("max_sliding_window")([-x for x in nums], k)
    assert impl("min_sliding_window")(nums, k) == [-m for m in negated_max]


@given(nums=int_lists)
def test_whole_sequence_window_gives_global_extremes(impl, nums):
    n = len(nums)
    assert impl("max_sliding_window")(nums, n) == [max(nums)]
    assert impl("min_sliding_window")(nums, n) == [min(nums)]


@pytest.mark.parametrize("name", NAMES)
@given(nums=int_lists)
def test_window_of_one_returns_the_input(impl, name, nums):
    assert impl(name)(nums, 1) == nums


@pytest.mark.parametrize("name", NAMES)
@given(nums=int_lists, data=st.data())
def test_input_is_not_mutated(impl, name, nums, data):
    k = data.draw(st.integers(1, len(nums)), label="k")
    original = list(nums)
    assert impl(name)(nums, k) == brute_force(BUILTIN[name], original, k)
    assert nums == original


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@given(nums=int_lists, data=st.data())
def test_any_iterable_works(impl, name, nums, data):
    k = data.draw(st.integers(1, len(nums)), label="k")
    expected = brute_force(BUILTIN[name], nums, k)
    assert impl(name)(tuple(nums), k) == expected
    assert impl(name)(iter(nums), k) == expected


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
def test_numpy_array_input(impl, name):
    a = np.array([3.5, -1.0, 2.0, 7.25, 0.0])
    assert impl(name)(a, 2) == brute_force(BUILTIN[name], a.tolist(), 2)


# ---------------------------------------------------------------------------
# Comparison counts: at most 2n ordering comparisons, whatever k is.


def counted_run(fn, nums, k):
    counter = ComparisonCounter()
    result = fn(counter.wrap(nums), k)
    return unwrap(result), counter


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("name", NAMES)
@given(nums=st.lists(st.integers(-20, 20), min_size=1, max_size=120), data=st.data())
def test_at_most_2n_comparisons_for_any_input(impl, name, nums, data):
    k = data.draw(st.integers(1, len(nums)), label="k")
    result, counter = counted_run(impl(name), nums, k)
    assert result == brute_force(BUILTIN[name], nums, k)
    assert counter.total <= 2 * len(nums), counter.by_op


ADVERSARIAL_ORDERS = {
    "increasing": lambda n: list(range(n)),
    "decreasing": lambda n: list(range(n, 0, -1)),
    "sawtooth": lambda n: [i % 7 for i in range(n)],
    "reverse sawtooth": lambda n: [-(i % 7) for i in range(n)],
    "zigzag": lambda n: [(-1) ** i * i for i in range(n)],
    "big first then increasing": lambda n: [n, *range(1, n)],
    "small first then decreasing": lambda n: [-n, *range(-1, -n, -1)],
    "all equal": lambda n: [5] * n,
    "valley": lambda n: [abs(i - n // 2) for i in range(n)],
}
WINDOW_LENGTHS = {
    "1": lambda n: 1,
    "2": lambda n: 2,
    "17": lambda n: 17,
    "n/2": lambda n: n // 2,
    "n": lambda n: n,
}


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("order", ADVERSARIAL_ORDERS)
@pytest.mark.parametrize("window", WINDOW_LENGTHS)
def test_at_most_2n_comparisons_on_adversarial_orders(impl, name, order, window):
    n = 300
    nums = ADVERSARIAL_ORDERS[order](n)
    k = WINDOW_LENGTHS[window](n)
    result, counter = counted_run(impl(name), nums, k)
    assert result == brute_force(BUILTIN[name], nums, k)
    # A rescan of each window (max() per step) needs (n - k + 1)(k - 1) here: 4 624 for k = 17.
    assert counter.total <= 2 * n, counter.by_op


@pytest.mark.reference_only
@pytest.mark.parametrize("name", NAMES)
@given(nums=st.lists(st.integers(-20, 20), min_size=2, max_size=80), data=st.data())
def test_reference_makes_at_most_2n_minus_3_comparisons_all_of_them_less_than(
    impl, name, nums, data
):
    k = data.draw(st.integers(1, len(nums)), label="k")
    _, counter = counted_run(impl(name), nums, k)
    assert counter.total <= 2 * len(nums) - 3
    # Only "<" is used: the NaN check never touches non-float elements with == or !=.
    assert set(counter.by_op) <= {"<"}, counter.by_op


@pytest.mark.reference_only
@pytest.mark.parametrize("n", [2, 3, 10, 101])
def test_reference_bound_2n_minus_3_is_attained(impl, n):
    # [n, 1, 2, ..., n-1] with k = n: each arrival drops its predecessor and stops at n.
    _, counter = counted_run(impl("max_sliding_window"), [n, *range(1, n)], n)
    assert counter.total == 2 * n - 3
    _, counter = counted_run(impl("min_sliding_window"), [-n, *range(-1, -n, -1)], n)
    assert counter.total == 2 * n - 3


@pytest.mark.reference_only
@pytest.mark.parametrize("name", NAMES)
def test_reference_breaks_ties_like_builtin_max_and_min(impl, name):
    # Equal but distinguishable values: the earliest extreme element of the window wins.
    nums = [0.0, -0.0, 1, 1.0, Fraction(1), -0.0, 0.0]
    result = impl(name)(nums, 3)
    expected = brute_force(BUILTIN[name], nums, 3)
    assert [repr(x) for x in result] == [repr(x) for x in expected]


# ---------------------------------------------------------------------------
# Bad input: the exception type is the contract; its wording is our own.

BAD_K = [([1, 2, 3], 0), ([1, 2, 3], -1), ([1, 2, 3], 4), ([], 1)]


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("nums", "k"), BAD_K)
def test_k_out_of_range_is_a_value_error(impl, name, nums, k):
    with pytest.raises(ValueError):
        impl(name)(nums, k)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("nums", "k"), BAD_K)
def test_k_out_of_range_message_names_k_and_len(impl, name, nums, k):
    with pytest.raises(ValueError, match=r"k.*len\(nums\)"):
        impl(name)(nums, k)


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@given(nums=st.lists(st.integers(), max_size=10), excess=st.integers(1, 5))
def test_both_functions_reject_a_window_longer_than_the_input(impl, name, nums, excess):
    with pytest.raises(ValueError):
        impl(name)(nums, len(nums) + excess)


BAD_K_TYPES = [2.0, True, "2", None, Fraction(2)]
BAD_NUMS = [None, 5, "abc", b"abc"]


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("k", BAD_K_TYPES)
def test_k_must_be_an_int(impl, name, k):
    with pytest.raises(TypeError):
        impl(name)([1, 2, 3], k)


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("nums", BAD_NUMS)
def test_nums_must_be_an_iterable_of_values(impl, name, nums):
    with pytest.raises(TypeError):
        impl(name)(nums, 1)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", NAMES)
def test_type_error_messages_name_the_argument(impl, name):
    for k in BAD_K_TYPES:
        with pytest.raises(TypeError, match="k"):
            impl(name)([1, 2, 3], k)
    for nums in BAD_NUMS:
        with pytest.raises(TypeError, match="nums"):
            impl(name)(nums, 1)


NANS = {
    "float": float("nan"),
    "numpy float64": np.float64("nan"),
    "numpy float32": np.float32("nan"),
    "Decimal": Decimal("NaN"),
    "Decimal signalling": Decimal("sNaN"),
}


@pytest.mark.contract
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("nan", NANS.values(), ids=NANS.keys())
@given(nums=st.lists(st.integers(-9, 9), min_size=1, max_size=10), data=st.data())
def test_nan_anywhere_is_a_value_error(impl, name, nan, nums, data):
    nums = list(nums)
    nums.insert(data.draw(st.integers(0, len(nums)), label="position"), nan)
    k = data.draw(st.integers(1, len(nums)), label="k")
    with pytest.raises(ValueError):
        impl(name)(nums, k)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("nan", NANS.values(), ids=NANS.keys())
def test_nan_message_says_nan(impl, name, nan):
    with pytest.raises(ValueError, match="NaN"):
        impl(name)([3, nan, 1], 2)
