"""The comparison counter is itself an instrument: check it counts exactly."""

from __future__ import annotations

from operator import ge, gt, le, lt

from hypothesis import given
from hypothesis import strategies as st

from tests.counting import ComparisonCounter, Counted, unwrap


@given(st.lists(st.integers()))
def test_sorting_counted_values_gives_the_same_order_as_plain_values(values):
    counter = ComparisonCounter()
    assert unwrap(sorted(counter.wrap(values))) == sorted(values)


def test_each_operator_is_tallied_separately():
    counter = ComparisonCounter()
    a, b = counter.wrap([1, 2])
    assert (a < b, a <= b, a > b, a >= b, a == b, a != b) == (True, True, False, False, False, True)
    assert dict(counter.by_op) == {"<": 1, "<=": 1, ">": 1, ">=": 1, "==": 1, "!=": 1}
    assert counter.total == 4  # equality tests are not ordering comparisons
    counter.reset()
    assert counter.total == 0


def test_comparison_with_a_plain_value_unwraps_only_the_counted_side():
    counter = ComparisonCounter()
    x = Counted(3, counter)
    assert x < 4 and not x > 4
    assert counter.total == 2


@given(st.lists(st.integers(), min_size=1))
def test_min_of_n_values_costs_n_minus_1_comparisons(values):
    counter = ComparisonCounter()
    min(counter.wrap(values))
    assert counter.total == len(values) - 1


def test_a_comparison_with_the_counted_value_on_the_right_is_counted_too():
    # A learner's code may write `parent > child` or `plain < counted`: Python then
    # calls the reflected method of the Counted operand, which tallies it.
    counter = ComparisonCounter()
    x = Counted(3, counter)
    # operator.gt(4, x) is `4 > x`: int's method declines, Counted's __lt__ answers.
    assert gt(4, x) and lt(2, x) and not le(4, x) and ge(4, x)
    assert dict(counter.by_op) == {"<": 1, ">": 1, ">=": 1, "<=": 1}
