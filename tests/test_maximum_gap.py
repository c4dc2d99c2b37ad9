"""Properties of ``maximum_gap``.

Oracle: sort, then the largest difference of neighbours (``O(n log n)``, and
obviously right).  Python's ``sorted`` compares ints, floats and Fractions
exactly, and ``b - a`` is what the function promises to return, so the oracle's
answer is compared with ``==``, no tolerance: for ints and Fractions both are
exact; for floats both are the same rounded subtraction of the same pair (or
of a pair with the same rounded difference).
"""

from __future__ import annotations

import math
import random
import sys
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st


def sorted_gap(nums):
    """The definition: sort, then the widest neighbour difference (0 below two values)."""
    s = sorted(nums)
    return max((b - a for a, b in pairwise(s)), default=0)


def mixed_oracle(nums):
    """With any float present, every value is documented to become a float first."""
    if any(isinstance(x, float) for x in nums):
        return sorted_gap([float(x) for x in nums])
    return sorted_gap(nums)


def same_number(got, expected):
    """Equal value, and a float exactly when the oracle's answer is a float."""
    return got == expected and isinstance(got, float) == isinstance(expected, float)


@given(st.lists(st.integers(-20, 20) | st.integers(), max_size=60))
def test_ints_give_the_exact_sorted_neighbour_gap(impl, nums):
    maximum_gap = impl("maximum_gap")
    assert maximum_gap(nums) == sorted_gap(nums)


@given(st.lists(st.integers(min_value=-(2**200), max_value=2**200), min_size=2, max_size=30))
def test_ints_beyond_float_precision_stay_exact(impl, nums):
    got = impl("maximum_gap")(nums)
    assert type(got) is int
    assert got == sorted_gap(nums)


@pytest.mark.parametrize(
    ("nums", "expected"),
    [
        ([0, 10**18, 1], 10**18 - 1),  # float(10**18 - 1) would be 10**18
        ([2**53, 2**53 + 1, 0, 2**53 + 3], 2**53),
        ([10**30, 10**30 + 7, 10**30 + 2], 5),  # gaps far below the float spacing at 1e30
        ([-(10**400), 10**400, 0, 1], 10**400),
        ([3, 6, 9, 1], 3),
    ],
    ids=["1e18", "2**53", "1e30", "1e400", "small"],
)
def test_exact_int_examples(impl, nums, expected):
    assert impl("maximum_gap")(nums) == expected


finite_floats = st.floats(allow_nan=False, allow_infinity=False)


@given(st.lists(finite_floats, max_size=60))
def test_floats_give_the_sorted_neighbour_gap(impl, nums):
    # Includes -0.0, subnormals and ±1.8e308 (a difference can overflow to inf, as in the oracle).
    assert same_number(impl("maximum_gap")(nums), sorted_gap(nums))


# Adversarial floats for the rounded bucket index.
EXTREME = [
    0.0,
    -0.0,
    5e-324,
    -5e-324,
    1e-320,
    2.2250738585072014e-308,
    1e-300,
    1.0,
    1e300,
    -1e300,
    1.7976931348623157e308,
    -1.7976931348623157e308,
]


@given(st.lists(st.sampled_from(EXTREME) | finite_floats, min_size=2, max_size=40))
def test_huge_tiny_and_subnormal_magnitudes(impl, nums):
    assert same_number(impl("maximum_gap")(nums), sorted_gap(nums))


@pytest.mark.parametrize(
    "nums",
    [
        [0.0, 5e-324, 1.5e-323, 1e-323, 2.5e-323],  # range of a few subnormals
        [2e-310, 2.0000000001e-310, 2.00000000005e-310],  # range far below 2**-900
        [-1.7e308, 5e-324, -5e-324, 1e-323, 1.7e308],  # range above the largest float
        [-1.7e308, -1.6e308, 1.6e308, 1.7e308, 0.0, 1.0],
    ],
    ids=["subnormals", "tiny range", "overflowing range with subnormals", "overflowing range"],
)
def test_ranges_too_small_or_too_large_for_a_bucket_width(impl, nums):
    assert same_number(impl("maximum_gap")(nums), sorted_gap(nums))


@pytest.mark.parametrize("seed", range(3))
def test_thousands_of_values(impl, seed):
    # Many buckets and collisions; seeded, so the same inputs every run.
    rng = random.Random(seed)
    ints = [rng.randint(-(10**12), 10**12) for _ in range(3000)]
    floats = [
        rng.gauss(rng.choice([-1e6, 0.0, 1e-3]), rng.choice([1e-9, 1.0])) for _ in range(3000)
    ]
    assert impl("maximum_gap")(ints) == sorted_gap(ints)
    assert impl("maximum_gap")(floats) == sorted_gap(floats)


def ulp_steps(base, steps):
    """``base`` moved by ``steps`` units in the last place (nextafter, one at a time)."""
    x = base
    direction = math.inf if steps > 0 else -math.inf
    for _ in range(abs(steps)):
        x = math.nextafter(x, direction)
    return x


@given(
    base=st.sampled_from([0.0, 1.0, -3.0, 1e-310, 1e20, 1e308, -1e308]) | finite_floats,
    steps=st.lists(st.integers(-40, 40), min_size=2, max_size=40),
)
def test_values_a_few_ulps_apart(impl, base, steps):
    nums = [ulp_steps(base, s) for s in steps]
    assert same_number(impl("maximum_gap")(nums), sorted_gap(nums))


@given(
    lo=st.floats(-1e6, 1e6),
    span=st.floats(1e-300, 1e300),
    n=st.integers(2, 60),
    nudges=st.lists(st.integers(-3, 3), min_size=60, max_size=60),
)
def test_nearly_evenly_spaced_floats(impl, lo, span, n, nudges):
    # Every gap is close to the average D/(n-1): the pigeonhole bound is nearly tight, so a
    # bucket only slightly too wide (or an index rounded the wrong way) loses the answer.
    step = span / (n - 1)
    nums = [ulp_steps(lo + i * step, nudges[i]) for i in range(n)]
    assert same_number(impl("maximum_gap")(nums), sorted_gap(nums))


# Evenly spaced floats where the textbook float version (n - 1 buckets of width
# size = D/(n-1), index int((x - lo) / size)) loses the answer: one neighbour sits
# just past a bucket boundary but its rounded index falls back into the previous
# bucket, hiding the largest gap (larger than the others by an ulp) inside a bucket.
# Found by a targeted search; the expected values are those of sorted_gap.
ROUNDING_TRAPS = [
    [-35.068350707306124, 13.237951854920993, 61.5442544171481, 109.85055697937523,
     158.15685954160233],
    [-92.80095019180659, -50.11503497700019, -7.4291197621938, 35.25679545261261,
     77.94271066741901],
    [-4.660970879521059, -3.575541479851442, -2.4901120801818246, -1.4046826805122072,
     -0.31925328084258986, 0.7661761188270267, 1.8516055184966445, 2.937034918166262],
]  # fmt: skip


@pytest.mark.parametrize("nums", ROUNDING_TRAPS, ids=["5 values", "5 values'", "8 values"])
def test_rounding_traps_for_n_minus_1_float_buckets(impl, nums):
    expected = sorted_gap(nums)
    assert impl("maximum_gap")(nums) == expected
    assert impl("maximum_gap")(nums[::-1]) == expected


@given(
    lo=st.integers(-(10**12), 10**12),
    step=st.integers(1, 10**9),
    n=st.integers(2, 60),
    nudges=st.lists(st.integers(-1, 1), min_size=60, max_size=60),
)
def test_nearly_evenly_spaced_ints(impl, lo, step, n, nudges):
    nums = [lo + i * step + nudges[i] for i in range(n)]
    assert impl("maximum_gap")(nums) == sorted_gap(nums)


@given(st.lists(st.integers(-(2**60), 2**60) | finite_floats, min_size=1, max_size=40))
def test_mixed_ints_and_floats_are_computed_as_floats(impl, nums):
    assert same_number(impl("maximum_gap")(nums), mixed_oracle(nums))


@given(st.lists(st.fractions() | st.integers(-50, 50), max_size=30))
def test_fractions_are_exact(impl, nums):
    assert impl("maximum_gap")(nums) == sorted_gap(nums)


# ---------------------------------------------------------------------------
# Degenerate inputs: fewer than two values, all values equal.


@pytest.mark.parametrize("nums", [[], [5], [2.5], [Fraction(1, 3)], [-(10**100)]])
def test_fewer_than_two_values_give_zero(impl, nums):
    assert impl("maximum_gap")(nums) == 0


@given(value=st.integers() | finite_floats | st.fractions(), copies=st.integers(2, 50))
def test_all_equal_values_give_zero(impl, value, copies):
    # The pitfall: D = hi - lo = 0, so a bucket width D/(n-1) divides by zero.
    assert impl("maximum_gap")([value] * copies) == 0


@given(st.lists(st.integers(-5, 5), min_size=2, max_size=60))
def test_many_duplicates(impl, nums):
    assert impl("maximum_gap")(nums) == sorted_gap(nums)


# ---------------------------------------------------------------------------
# Inputs: never mutated, any iterable, NumPy scalars.


@given(st.lists(st.integers(-1000, 1000) | finite_floats, max_size=40))
def test_input_is_not_mutated_and_any_iterable_works(impl, nums):
    maximum_gap = impl("maximum_gap")
    original = list(nums)
    expected = maximum_gap(nums)
    assert nums == original
    assert maximum_gap(tuple(nums)) == expected
    assert maximum_gap(iter(nums)) == expected
    assert maximum_gap(x for x in nums) == expected


def test_numpy_arrays(impl):
    maximum_gap = impl("maximum_gap")
    ints = np.array([10**18, 0, 1], dtype=np.int64)
    assert maximum_gap(ints) == 10**18 - 1  # exact: NumPy ints convert to int, not float
    floats = np.array([0.5, 3.0, -1.25], dtype=np.float32)
    assert maximum_gap(floats) == 2.5
    assert maximum_gap(np.array([], dtype=float)) == 0


# ---------------------------------------------------------------------------
# Bad input.


@pytest.mark.parametrize(
    "bad", [math.nan, math.inf, -math.inf, np.float64("nan"), np.float32("inf")], ids=repr
)
@given(nums=st.lists(st.integers(-9, 9) | st.floats(-9, 9), max_size=8), data=st.data())
def test_nan_and_infinity_are_value_errors(impl, bad, nums, data):
    nums = list(nums)
    nums.insert(data.draw(st.integers(0, len(nums)), label="position"), bad)
    with pytest.raises(ValueError, match="nums"):
        impl("maximum_gap")(nums)


@pytest.mark.parametrize(
    "bad",
    ["3", None, 1 + 2j, Decimal("1.5"), True, False, [1], object()],
    ids=lambda v: type(v).__name__,
)
@pytest.mark.parametrize("others", [[], [1, 2], [1.5]])
def test_non_numbers_and_bool_are_type_errors(impl, bad, others):
    with pytest.raises(TypeError, match="nums"):
        impl("maximum_gap")([*others, bad])


@pytest.mark.parametrize("nums", [None, 5, 2.5, "123", b"123"])
def test_nums_must_be_an_iterable(impl, nums):
    with pytest.raises(TypeError, match="nums"):
        impl("maximum_gap")(nums)


@pytest.mark.parametrize("big", [10**400, Fraction(10**400, 3)])
def test_number_too_large_for_float_mixed_with_floats_is_a_value_error(impl, big):
    with pytest.raises(ValueError, match="nums"):
        impl("maximum_gap")([1.5, big, 0.0])


def test_largest_float_range_overflows_to_inf_like_the_oracle(impl):
    nums = [-sys.float_info.max, sys.float_info.max, 0.0]
    assert impl("maximum_gap")(nums) == sorted_gap(nums) == sys.float_info.max
    nums = [-sys.float_info.max, sys.float_info.max]
    assert impl("maximum_gap")(nums) == sorted_gap(nums) == math.inf
