"""Properties of ``maximum_gap``.

Oracle: sort, then the largest difference of neighbours (``O(n log n)``, and
obviously right).  Python's ``sorted`` compares ints, floats and Fractions
exactly, and ``b - a`` is what the function promises to return, so the oracle's
answer is compared with ``==``, no tolerance: for ints and Fractions both are
exact; for floats both are the same rounded subtraction of the same pair (or
of a pair with the same rounded difference).

Judge tiers (see ``practice/tiers.py``): unmarked tests stay within the
statement's constraints -- a list of ints with ``0 <= nums[i] <= 10^9`` (LeetCode
164) -- and include the inputs that are the point of the exercise: many equal
values, and nearly evenly spaced values, where the pigeonhole bound is tight.
Floats, Fractions, negative and huge ints, other iterables and bad input are
``contract``; error wording and the type of a zero answer are ``reference_only``.
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
    """Equal value, and a float exactly when the oracle's answer is a float.

    A zero answer may be ``0`` or ``0.0`` either way (fewer than two values, or
    all equal): the statement allows both.
    """
    if expected == 0:
        return got == 0
    return got == expected and isinstance(got, float) == isinstance(expected, float)


# Within the constraints: 0 <= nums[i] <= 10^9, with many repeats (a small range) too.
IN_RANGE = st.integers(0, 20) | st.integers(0, 10**9)


@given(st.lists(IN_RANGE, max_size=60))
def test_ints_give_the_exact_sorted_neighbour_gap(impl, nums):
    maximum_gap = impl("maximum_gap")
    assert maximum_gap(nums) == sorted_gap(nums)


@pytest.mark.contract
@given(st.lists(st.integers(-20, 20) | st.integers(), max_size=60))
def test_any_ints_negative_and_large_give_the_exact_sorted_neighbour_gap(impl, nums):
    assert impl("maximum_gap")(nums) == sorted_gap(nums)


@pytest.mark.contract
@given(st.lists(st.integers(min_value=-(2**200), max_value=2**200), min_size=2, max_size=30))
def test_ints_beyond_float_precision_stay_exact(impl, nums):
    got = impl("maximum_gap")(nums)
    assert type(got) is int
    assert got == sorted_gap(nums)


@pytest.mark.parametrize(
    ("nums", "expected"),
    [
        ([3, 6, 9, 1], 3),
        ([10], 0),
        ([1, 10**9, 0], 10**9 - 1),
        ([5, 5, 5, 5], 0),
        ([0, 1, 3, 6, 10, 15], 5),
        ([15, 10, 6, 3, 1, 0], 5),
    ],
)
def test_int_examples(impl, nums, expected):
    assert impl("maximum_gap")(nums) == expected


@pytest.mark.contract
@pytest.mark.parametrize(
    ("nums", "expected"),
    [
        ([0, 10**18, 1], 10**18 - 1),  # float(10**18 - 1) would be 10**18
        ([2**53, 2**53 + 1, 0, 2**53 + 3], 2**53),
        ([10**30, 10**30 + 7, 10**30 + 2], 5),  # gaps far below the float spacing at 1e30
        ([-(10**400), 10**400, 0, 1], 10**400),
    ],
    ids=["1e18", "2**53", "1e30", "1e400"],
)
def test_exact_int_examples_beyond_the_constraints(impl, nums, expected):
    assert impl("maximum_gap")(nums) == expected


finite_floats = st.floats(allow_nan=False, allow_infinity=False)


@pytest.mark.contract
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


@pytest.mark.contract
@given(st.lists(st.sampled_from(EXTREME) | finite_floats, min_size=2, max_size=40))
def test_huge_tiny_and_subnormal_magnitudes(impl, nums):
    assert same_number(impl("maximum_gap")(nums), sorted_gap(nums))


@pytest.mark.contract
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
def test_thousands_of_ints(impl, seed):
    # Many buckets and collisions; seeded, so the same inputs every run.
    rng = random.Random(seed)
    spread = [rng.randint(0, 10**9) for _ in range(3000)]
    clustered = [
        rng.choice([0, 5 * 10**8, 10**9 - 1000]) + rng.randint(0, 999) for _ in range(3000)
    ]
    assert impl("maximum_gap")(spread) == sorted_gap(spread)
    assert impl("maximum_gap")(clustered) == sorted_gap(clustered)


@pytest.mark.contract
@pytest.mark.parametrize("seed", range(3))
def test_thousands_of_values_beyond_the_constraints(impl, seed):
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


# The largest base that 40 ulps outwards still leave finite: the values of the test below
# are finite floats, as the test promises (a base within 40 ulps of the largest float
# once stepped to inf, which maximum_gap rightly refuses).
ULP_BASE_LIMIT = ulp_steps(sys.float_info.max, -40)


@pytest.mark.contract
@given(
    base=st.sampled_from([0.0, 1.0, -3.0, 1e-310, 1e20, 1e308, -1e308])
    | st.floats(-ULP_BASE_LIMIT, ULP_BASE_LIMIT),
    steps=st.lists(st.integers(-40, 40), min_size=2, max_size=40),
)
def test_values_a_few_ulps_apart(impl, base, steps):
    nums = [ulp_steps(base, s) for s in steps]
    assert same_number(impl("maximum_gap")(nums), sorted_gap(nums))


@pytest.mark.contract
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


@pytest.mark.contract
@pytest.mark.parametrize("nums", ROUNDING_TRAPS, ids=["5 values", "5 values'", "8 values"])
def test_rounding_traps_for_n_minus_1_float_buckets(impl, nums):
    expected = sorted_gap(nums)
    assert impl("maximum_gap")(nums) == expected
    assert impl("maximum_gap")(nums[::-1]) == expected


@given(
    lo=st.integers(1, 10**6),
    step=st.integers(1, 10**7),
    n=st.integers(2, 60),
    nudges=st.lists(st.integers(-1, 1), min_size=60, max_size=60),
    reverse=st.booleans(),
)
def test_nearly_evenly_spaced_ints(impl, lo, step, n, nudges, reverse):
    # The pigeonhole bound D/(n-1) is nearly tight: a bucket one unit too wide
    # hides the answer inside it.  Every value lies in [0, 10^9].
    nums = [lo + i * step + nudges[i] for i in range(n)]
    if reverse:
        nums.reverse()
    assert impl("maximum_gap")(nums) == sorted_gap(nums)


@pytest.mark.contract
@given(
    lo=st.integers(-(10**12), 10**12),
    step=st.integers(1, 10**9),
    n=st.integers(2, 60),
    nudges=st.lists(st.integers(-1, 1), min_size=60, max_size=60),
)
def test_nearly_evenly_spaced_ints_beyond_the_constraints(impl, lo, step, n, nudges):
    nums = [lo + i * step + nudges[i] for i in range(n)]
    assert impl("maximum_gap")(nums) == sorted_gap(nums)


@pytest.mark.contract
@given(st.lists(st.integers(-(2**60), 2**60) | finite_floats, min_size=1, max_size=40))
def test_mixed_ints_and_floats_are_computed_as_floats(impl, nums):
    assert same_number(impl("maximum_gap")(nums), mixed_oracle(nums))


@pytest.mark.contract
@given(st.lists(st.fractions() | st.integers(-50, 50), max_size=30))
def test_fractions_are_exact(impl, nums):
    assert impl("maximum_gap")(nums) == sorted_gap(nums)


# ---------------------------------------------------------------------------
# Degenerate inputs: fewer than two values, all values equal.


@pytest.mark.parametrize("nums", [[], [0], [5], [10**9]])
def test_fewer_than_two_values_give_zero(impl, nums):
    assert impl("maximum_gap")(nums) == 0


@pytest.mark.contract
@pytest.mark.parametrize("nums", [[2.5], [Fraction(1, 3)], [-(10**100)]])
def test_one_value_of_any_kind_gives_zero(impl, nums):
    assert impl("maximum_gap")(nums) == 0


@given(value=IN_RANGE, copies=st.integers(2, 50))
def test_all_equal_values_give_zero(impl, value, copies):
    # The pitfall: D = hi - lo = 0, so a bucket width D/(n-1) divides by zero.
    assert impl("maximum_gap")([value] * copies) == 0


@pytest.mark.contract
@given(value=st.integers() | finite_floats | st.fractions(), copies=st.integers(2, 50))
def test_all_equal_values_of_any_kind_give_zero(impl, value, copies):
    assert impl("maximum_gap")([value] * copies) == 0


@pytest.mark.reference_only
def test_zero_answers_have_the_documented_type(impl):
    # Fewer than two values: the int 0; all equal: hi - lo, in the values' arithmetic.
    maximum_gap = impl("maximum_gap")
    for nums, zero in [([], 0), ([2.5], 0), ([7], 0), ([1.5, 1.5], 0.0), ([3, 3], 0)]:
        got = maximum_gap(nums)
        assert got == zero and type(got) is type(zero), (nums, got)
    got = maximum_gap([Fraction(1, 3)] * 2)
    assert got == 0 and isinstance(got, Fraction)


@given(st.lists(st.integers(0, 10), min_size=2, max_size=60))
def test_many_duplicates(impl, nums):
    assert impl("maximum_gap")(nums) == sorted_gap(nums)


# ---------------------------------------------------------------------------
# Inputs: never mutated, any iterable, NumPy scalars.


@given(st.lists(IN_RANGE, max_size=40))
def test_input_is_not_mutated(impl, nums):
    original = list(nums)
    assert impl("maximum_gap")(nums) == sorted_gap(original)
    assert nums == original


@pytest.mark.contract
@given(st.lists(st.integers(-1000, 1000) | finite_floats, max_size=40))
def test_any_iterable_works(impl, nums):
    maximum_gap = impl("maximum_gap")
    expected = mixed_oracle(nums)
    assert maximum_gap(tuple(nums)) == expected
    assert maximum_gap(iter(nums)) == expected
    assert maximum_gap(x for x in nums) == expected


@pytest.mark.contract
def test_numpy_arrays(impl):
    maximum_gap = impl("maximum_gap")
    ints = np.array([10**18, 0, 1], dtype=np.int64)
    assert maximum_gap(ints) == 10**18 - 1  # exact: NumPy ints convert to int, not float
    floats = np.array([0.5, 3.0, -1.25], dtype=np.float32)
    assert maximum_gap(floats) == 2.5
    assert maximum_gap(np.array([], dtype=float)) == 0


# ---------------------------------------------------------------------------
# Bad input: the exception type is the contract; its wording is our own.

NOT_FINITE = [math.nan, math.inf, -math.inf, np.float64("nan"), np.float32("inf")]
NOT_NUMBERS = ["3", None, 1 + 2j, Decimal("1.5"), True, False, [1], object()]
NOT_ITERABLES = [None, 5, 2.5, "123", b"123"]
TOO_BIG_FOR_FLOAT = [10**400, Fraction(10**400, 3)]


@pytest.mark.contract
@pytest.mark.parametrize("bad", NOT_FINITE, ids=repr)
@given(nums=st.lists(st.integers(-9, 9) | st.floats(-9, 9), max_size=8), data=st.data())
def test_nan_and_infinity_are_value_errors(impl, bad, nums, data):
    nums = list(nums)
    nums.insert(data.draw(st.integers(0, len(nums)), label="position"), bad)
    with pytest.raises(ValueError):
        impl("maximum_gap")(nums)


@pytest.mark.contract
@pytest.mark.parametrize("bad", NOT_NUMBERS, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("others", [[], [1, 2], [1.5]])
def test_non_numbers_and_bool_are_type_errors(impl, bad, others):
    with pytest.raises(TypeError):
        impl("maximum_gap")([*others, bad])


@pytest.mark.contract
@pytest.mark.parametrize("nums", NOT_ITERABLES)
def test_nums_must_be_an_iterable(impl, nums):
    with pytest.raises(TypeError):
        impl("maximum_gap")(nums)


@pytest.mark.contract
@pytest.mark.parametrize("big", TOO_BIG_FOR_FLOAT)
def test_number_too_large_for_float_mixed_with_floats_is_a_value_error(impl, big):
    with pytest.raises(ValueError):
        impl("maximum_gap")([1.5, big, 0.0])


@pytest.mark.reference_only
def test_error_messages_name_nums(impl):
    maximum_gap = impl("maximum_gap")
    for bad in NOT_FINITE:
        with pytest.raises(ValueError, match="nums"):
            maximum_gap([1, bad, 2])
    for bad in NOT_NUMBERS:
        with pytest.raises(TypeError, match="nums"):
            maximum_gap([1.5, bad])
    for nums in NOT_ITERABLES:
        with pytest.raises(TypeError, match="nums"):
            maximum_gap(nums)
    for big in TOO_BIG_FOR_FLOAT:
        with pytest.raises(ValueError, match="nums"):
            maximum_gap([1.5, big, 0.0])


@pytest.mark.contract
def test_largest_float_range_overflows_to_inf_like_the_oracle(impl):
    nums = [-sys.float_info.max, sys.float_info.max, 0.0]
    assert impl("maximum_gap")(nums) == sorted_gap(nums) == sys.float_info.max
    nums = [-sys.float_info.max, sys.float_info.max]
    assert impl("maximum_gap")(nums) == sorted_gap(nums) == math.inf
