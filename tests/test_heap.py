"""Property tests for ``algorithms.heap``.

Oracles (see ``tests/oracles_heap.py``): CPython's ``heapq`` twice over, the C
accelerated module and ``Lib/heapq.py`` loaded without it; for the max-heap
family, the 3.14 API rebuilt from 3.11's private max-heap helpers.  Beside
them, semantic oracles that do not share the algorithm at all: the heap
invariant checked node by node, ``sorted`` (stable, so it also fixes the order
of ties), and comparison bounds derived from the tree's shape.

Judge tiers (see ``practice/tiers.py``):

* core (unmarked): ANY valid heap is accepted.  After every operation the list
  must satisfy the heap invariant and hold exactly the items pushed and not yet
  popped, and every returned item must be the right one -- checked against a
  sorted list, never against CPython's layout.
* ``complexity``: counted comparisons within the bounds the statement states
  (``heapify`` at most ``2n``; each other operation at most
  ``4·floor(log2(n + 1)) + 2``; ``nsmallest``, ``merge`` and ``heapsort`` within
  their own bounds), which a textbook sift-down heap meets.
* ``contract``: being step for step like CPython -- the same list layout and
  the same comparisons, operator by operator, as ``heapq`` (items are wrapped in
  :class:`tests.counting.Counted` for that) -- plus the exception types for bad
  input, other iterables, items that define only ``<``.
* ``reference_only``: our exact bounds (``heapify`` at most
  ``2(n - popcount(n))``, only ``<`` ever used), and error wording.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.counting import ComparisonCounter, Counted
from tests.oracles_heap import (
    C_HEAPQ,
    MAX_FAMILY,
    MIN_FAMILY,
    PURE_HEAPQ,
    is_max_heap,
    is_min_heap,
    max_family,
    min_family,
)

# MIN_FAMILY / MAX_FAMILY list the primitives in this order.
PUSH, POP, REPLACE, PUSHPOP, HEAPIFY = range(5)
FAMILIES = {
    "min": (MIN_FAMILY, min_family, is_min_heap, False),
    "max": (MAX_FAMILY, max_family, is_max_heap, True),
}
ORACLE_MODULES = {"C heapq": C_HEAPQ, "pure heapq": PURE_HEAPQ}
LIKE_CPYTHON = pytest.mark.contract("step for step like CPython")

# Small ranges, so that equal items (the delicate case: ties go to the left
# child) are common.
small = st.integers(-4, 4)
pairs = st.tuples(small, st.integers(0, 3))


def contenders(impl: Callable[[str], Any], family: str) -> dict[str, list[Callable[..., Any]]]:
    """The five primitives of ``family`` from ours and from each oracle, "ours" first."""
    names, oracle_family, _, _ = FAMILIES[family]
    return {
        "ours": [impl(name) for name in names],
        **{
            label: [oracle_family(module)[name] for name in names]
            for label, module in ORACLE_MODULES.items()
        },
    }


def oracle_heapify(family: str) -> Callable[[list[Any]], None]:
    """CPython's heapify of ``family``: builds the starting heaps of the bound tests."""
    return FAMILIES[family][1](C_HEAPQ)[FAMILIES[family][0][HEAPIFY]]


def plain(x: Any) -> Any:
    """Strip the Counted wrappers, recursively through tuples."""
    if isinstance(x, Counted):
        return x.value
    if isinstance(x, tuple):
        return tuple(plain(y) for y in x)
    if isinstance(x, list):
        return [plain(y) for y in x]
    return x


def floor_log2(m: int) -> int:
    return m.bit_length() - 1


def op_bound(n: int) -> int:
    """The judged bound for one push, pop, replace or pushpop on a heap of n items.

    Generous enough for every textbook variant (a sift-down with two or three
    comparisons per level; pushpop as a push then a pop), far below the ``n``
    of a linear scan.
    """
    return 4 * floor_log2(n + 1) + 2


@dataclass(order=True, frozen=True)
class Tagged:
    """An item ordered by ``value`` alone: equal items stay distinguishable by ``tag``."""

    value: int
    tag: int = field(compare=False)


# ---------------------------------------------------------------------------
# Core: any valid heap, checked against a sorted list of the same items.
# ---------------------------------------------------------------------------


class HeapModel(RuleBasedStateMachine):
    """Random operation sequences on the five primitives of one family.

    The model is the sorted list of the items the heap should hold (descending
    for the max family).  After every operation the heap must satisfy the
    invariant and hold exactly those items; every returned item must be the
    model's first (for ``pushpop`` after adding the pushed item).  Any layout
    that satisfies the invariant is accepted.  Subclasses set ``funcs``,
    ``is_heap`` and ``descending``.
    """

    funcs: list[Callable[..., Any]]
    is_heap: Callable[[list[Any]], bool]
    descending: bool
    steps_checked = 0  # operations checked, over every run of the machine

    def __init__(self) -> None:
        super().__init__()
        self.heap: list[Any] = []
        self.model: list[Any] = []
        self.tuples = False

    @initialize(tuples=st.booleans())
    def choose_item_shape(self, tuples: bool) -> None:
        # Plain ints, or (int, int) pairs.
        self.tuples = tuples

    def item(self, value: tuple[int, int]) -> Any:
        return value if self.tuples else value[0]

    def add(self, item: Any) -> None:
        self.model.append(item)
        self.model.sort(reverse=self.descending)

    def checked(self) -> None:
        type(self).steps_checked += 1

    @rule(value=pairs)
    def push(self, value: tuple[int, int]) -> None:
        item = self.item(value)
        self.funcs[PUSH](self.heap, item)
        self.add(item)
        self.checked()

    @precondition(lambda self: self.model)
    @rule()
    def pop(self) -> None:
        assert self.funcs[POP](self.heap) == self.model.pop(0)
        self.checked()

    @precondition(lambda self: self.model)
    @rule(value=pairs)
    def replace(self, value: tuple[int, int]) -> None:
        # The top comes out first, then the item goes in (even if it is smaller).
        item = self.item(value)
        assert self.funcs[REPLACE](self.heap, item) == self.model.pop(0)
        self.add(item)
        self.checked()

    @rule(value=pairs)
    def pushpop(self, value: tuple[int, int]) -> None:
        # The item goes in first, then the top comes out (so it may be the item itself).
        item = self.item(value)
        got = self.funcs[PUSHPOP](self.heap, item)
        self.add(item)
        assert got == self.model.pop(0)
        self.checked()

    @precondition(lambda self: len(self.model) < 40)
    @rule(values=st.lists(pairs, max_size=24))
    def heapify(self, values: list[tuple[int, int]]) -> None:
        self.heap = [self.item(v) for v in values]
        self.funcs[HEAPIFY](self.heap)
        self.model = sorted(self.heap, reverse=self.descending)
        self.checked()

    @invariant()
    def list_is_a_heap_of_the_right_items(self) -> None:
        assert self.is_heap(self.heap), self.heap
        assert sorted(self.heap, reverse=self.descending) == self.model


@pytest.mark.parametrize("family", ["min", "max"])
def test_any_operation_sequence_keeps_a_valid_heap_of_the_right_items(impl, family):
    names, _, is_heap, descending = FAMILIES[family]

    class Machine(HeapModel):
        pass

    Machine.funcs = [impl(name) for name in names]
    Machine.is_heap = staticmethod(is_heap)
    Machine.descending = descending
    run_state_machine_as_test(Machine, settings=settings(stateful_step_count=30))
    # The invariant and the rules assert; this checks that rules really ran.
    assert Machine.steps_checked > 0


@pytest.mark.parametrize("family", ["min", "max"])
@given(values=st.lists(pairs, max_size=60))
def test_heapify_then_drain_gives_a_heap_and_then_sorted_order(impl, family, values):
    names, _, is_heap, descending = FAMILIES[family]
    heap = list(values)
    impl(names[HEAPIFY])(heap)
    assert is_heap(heap), heap
    assert sorted(heap) == sorted(values)  # the same items, rearranged in place
    drained = [impl(names[POP])(heap) for _ in range(len(values))]
    assert drained == sorted(values, reverse=descending)
    assert heap == []


@pytest.mark.parametrize(
    ("name", "heap", "item", "expected", "after"),
    [
        ("heappush", [1, 3, 2], 0, None, [0, 1, 2, 3]),
        ("heappop", [1, 3, 2], None, 1, [2, 3]),
        ("heapreplace", [1, 3, 2], 5, 1, [2, 3, 5]),
        ("heappushpop", [1, 3, 2], 0, 0, [1, 2, 3]),
        ("heappushpop", [1, 3, 2], 5, 1, [2, 3, 5]),
        ("heappush_max", [3, 1, 2], 4, None, [1, 2, 3, 4]),
        ("heappop_max", [3, 1, 2], None, 3, [1, 2]),
        ("heapreplace_max", [3, 1, 2], 0, 3, [0, 1, 2]),
        ("heappushpop_max", [3, 1, 2], 4, 4, [1, 2, 3]),
        ("heappushpop_max", [3, 1, 2], 0, 3, [0, 1, 2]),
    ],
)
def test_primitive_examples(impl, name, heap, item, expected, after):
    args = (heap,) if item is None else (heap, item)
    got = impl(name)(*args)
    if expected is not None:
        assert got == expected
    assert sorted(heap) == after
    assert (is_max_heap if name.endswith("_max") else is_min_heap)(heap)


@pytest.mark.parametrize("name", ["heappushpop", "heappushpop_max"])
def test_pushpop_on_an_empty_heap_returns_the_item_and_leaves_it_empty(impl, name):
    heap: list[int] = []
    assert impl(name)(heap, 7) == 7
    assert heap == []


@pytest.mark.parametrize("name", ["heapify", "heapify_max"])
def test_heapify_of_nothing_and_of_one_item(impl, name):
    for values in ([], [5]):
        heap = list(values)
        impl(name)(heap)
        assert heap == values


# ---------------------------------------------------------------------------
# Contract: step for step like CPython -- ours, C heapq and pure-Python heapq
# run the same operations, with the same layouts and the same comparisons.
# ---------------------------------------------------------------------------


class HeapLockstep(RuleBasedStateMachine):
    """Random operation sequences applied to every implementation in lockstep.

    After every operation: the lists are identical, the returned values are
    identical (an IndexError counts as a value), the per-operator comparison
    tallies are identical, and our list satisfies the heap invariant; popping
    a copy of it empties it in sorted order.  Subclasses set ``impls`` (label
    -> the five primitives, "ours" first), ``is_heap`` and ``descending``.
    """

    impls: dict[str, list[Callable[..., Any]]]
    steps_compared = 0  # operations checked in lockstep, over every run of the machine
    is_heap: Callable[[list[Any]], bool]
    descending: bool

    def __init__(self) -> None:
        super().__init__()
        self.counters = {label: ComparisonCounter() for label in self.impls}
        self.heaps: dict[str, list[Any]] = {label: [] for label in self.impls}
        self.tuples = False

    @initialize(tuples=st.booleans())
    def choose_item_shape(self, tuples: bool) -> None:
        # Plain Counted ints, or (Counted, Counted) pairs: tuple comparison
        # calls == on the first components before < decides.
        self.tuples = tuples

    def item(self, label: str, value: tuple[int, int]) -> Any:
        # A fresh object per implementation: object identity matters to the
        # tally (tuple comparison skips == for the very same object), so every
        # implementation gets the same identity structure.
        counter = self.counters[label]
        if self.tuples:
            return (Counted(value[0], counter), Counted(value[1], counter))
        return Counted(value[0], counter)

    def apply(self, op: int, value: tuple[int, int] | None = None) -> None:
        outcomes = {}
        for label, funcs in self.impls.items():
            counter = self.counters[label]
            counter.reset()
            args = () if value is None else (self.item(label, value),)
            try:
                outcomes[label] = ("returned", plain(funcs[op](self.heaps[label], *args)))
            except IndexError:
                outcomes[label] = ("IndexError", None)
            outcomes[label] += (dict(counter.by_op), plain(self.heaps[label]))
        for label in self.impls:
            assert outcomes[label] == outcomes["ours"], f"{label} differs from ours"
        type(self).steps_compared += 1

    @rule(value=pairs)
    def push(self, value: tuple[int, int]) -> None:
        self.apply(PUSH, value)

    @rule()
    def pop(self) -> None:
        self.apply(POP)  # also on an empty heap: everyone raises IndexError

    @rule(value=pairs)
    def replace(self, value: tuple[int, int]) -> None:
        self.apply(REPLACE, value)

    @rule(value=pairs)
    def pushpop(self, value: tuple[int, int]) -> None:
        self.apply(PUSHPOP, value)

    @precondition(lambda self: len(self.heaps["ours"]) < 40)
    @rule(values=st.lists(pairs, max_size=24))
    def heapify(self, values: list[tuple[int, int]]) -> None:
        tallies = {}
        for label, funcs in self.impls.items():
            counter = self.counters[label]
            heap = [self.item(label, v) for v in values]
            self.heaps[label] = heap
            counter.reset()
            funcs[HEAPIFY](heap)
            tallies[label] = (dict(counter.by_op), plain(heap))
        for label in self.impls:
            assert tallies[label] == tallies["ours"], f"{label} differs from ours"

    @invariant()
    def list_is_a_heap_that_pops_in_sorted_order(self) -> None:
        values = plain(self.heaps["ours"])
        assert self.is_heap(values)
        copy = list(values)
        pop = self.impls["ours"][POP]
        drained = [pop(copy) for _ in range(len(values))]
        assert drained == sorted(values, reverse=self.descending)


@LIKE_CPYTHON
@pytest.mark.parametrize("family", ["min", "max"])
def test_any_operation_sequence_matches_cpython_layout_results_and_comparisons(impl, family):
    _, _, is_heap, descending = FAMILIES[family]

    class Machine(HeapLockstep):
        pass

    Machine.impls = contenders(impl, family)
    Machine.is_heap = staticmethod(is_heap)
    Machine.descending = descending
    run_state_machine_as_test(Machine, settings=settings(stateful_step_count=30))
    # Each rule asserts the lockstep itself; this checks that rules really ran,
    # so a machine that silently executed no operation cannot pass.
    assert Machine.steps_compared > 0


@LIKE_CPYTHON
@pytest.mark.parametrize("family", ["min", "max"])
@given(values=st.lists(pairs, max_size=60))
def test_heapify_then_drain_matches_cpython_and_sorted(impl, family, values):
    # A second, longer lockstep: heapify n items then pop them all.
    _, _, is_heap, descending = FAMILIES[family]
    runs = {}
    for label, funcs in contenders(impl, family).items():
        counter = ComparisonCounter()
        heap = [(Counted(a, counter), b) for a, b in values]
        funcs[HEAPIFY](heap)
        layout = plain(heap)
        drained = [plain(funcs[POP](heap)) for _ in range(len(values))]
        runs[label] = (layout, drained, dict(counter.by_op))
    assert is_heap(runs["ours"][0])
    assert runs["ours"][1] == sorted(values, reverse=descending)
    for label, run in runs.items():
        assert run == runs["ours"], f"{label} differs from ours"


@LIKE_CPYTHON
@pytest.mark.parametrize("family", ["min", "max"])
def test_heapify_of_the_issue_example_is_cpythons(impl, family):
    # [0, -1, 0, 0]: a valid heap can be made with fewer comparisons than
    # CPython's bottom-up sift; only this contract asks for CPython's.
    heapify = impl(FAMILIES[family][0][HEAPIFY])
    oracle = oracle_heapify(family)
    runs = []
    for fn in (heapify, oracle):
        counter = ComparisonCounter()
        heap = counter.wrap([0, -1, 0, 0])
        fn(heap)
        runs.append((plain(heap), dict(counter.by_op)))
    assert runs[0] == runs[1]


# ---------------------------------------------------------------------------
# Complexity: comparison bounds from the shape of the tree alone.
# ---------------------------------------------------------------------------


def heapify_count(heapify: Callable[[list[Any]], None], values: list[Any], family: str) -> int:
    counter = ComparisonCounter()
    heap = counter.wrap(values)
    heapify(heap)
    assert FAMILIES[family][2](plain(heap))
    assert sorted(plain(heap)) == sorted(values)
    return counter.total


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("family", ["min", "max"])
@given(values=st.lists(st.integers(), max_size=200))
def test_heapify_makes_at_most_2n_comparisons(impl, family, values):
    # A textbook sift-down costs at most 2 comparisons per level, and the
    # heights of a heap of n nodes sum to n - popcount(n) < n.
    heapify = impl(FAMILIES[family][0][HEAPIFY])
    assert heapify_count(heapify, values, family) <= 2 * len(values)


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("family", ["min", "max"])
@pytest.mark.parametrize("order", ["increasing", "decreasing", "equal", "random"])
@pytest.mark.parametrize("n", [1023, 1500])
def test_heapify_makes_at_most_2n_comparisons_on_large_inputs(impl, family, order, n):
    # Decreasing input to a min-heap (increasing to a max-heap) makes n pushes
    # cost about n*log2(n) comparisons: heapify must sift down, bottom up.
    values = {
        "increasing": list(range(n)),
        "decreasing": list(range(n, 0, -1)),
        "equal": [7] * n,
        "random": random.Random(n).sample(range(10 * n), n),
    }[order]
    heapify = impl(FAMILIES[family][0][HEAPIFY])
    assert heapify_count(heapify, values, family) <= 2 * n


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("family", ["min", "max"])
@pytest.mark.parametrize("n", range(8))
def test_heapify_bound_holds_for_every_permutation(impl, family, n):
    # Exhaustive for small n: the worst case over all n! orders, not a sample.
    heapify = impl(FAMILIES[family][0][HEAPIFY])
    worst = max(heapify_count(heapify, list(p), family) for p in itertools.permutations(range(n)))
    assert worst <= 2 * n


def counted_heap(family: str, values: list[int], counter: ComparisonCounter) -> list[Counted]:
    """A heap of ``values`` built by CPython's heapify, its comparisons not counted."""
    heap = counter.wrap(values)
    oracle_heapify(family)(heap)
    counter.reset()
    return heap


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("family", ["min", "max"])
@given(values=st.lists(st.integers(-50, 50), min_size=1, max_size=200), data=st.data())
def test_each_operation_stays_within_its_logarithmic_bound(impl, family, values, data):
    names, _, is_heap, descending = FAMILIES[family]
    n = len(values)
    item = data.draw(st.integers(-60, 60), label="item")
    extreme = -(10**6) if not descending else 10**6  # beats every item: the longest climb
    cases = [
        (PUSH, item),
        (PUSH, extreme),
        (POP, None),
        (REPLACE, item),
        (REPLACE, -extreme),  # loses to every item: the longest descent
        (PUSHPOP, item),
        (PUSHPOP, -extreme),
    ]
    for op, value in cases:
        counter = ComparisonCounter()
        heap = counted_heap(family, values, counter)
        args = () if value is None else (Counted(value, counter),)
        impl(names[op])(heap, *args)
        assert counter.total <= op_bound(n), (names[op], value, counter.total, op_bound(n))
        assert is_heap(plain(heap))


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("family", ["min", "max"])
@pytest.mark.parametrize("n", [100, 1000, 4095])
def test_each_operation_stays_within_its_logarithmic_bound_on_large_heaps(impl, family, n):
    names, _, is_heap, descending = FAMILIES[family]
    values = random.Random(n).sample(range(10 * n), n)
    # An item that climbs to the root, and one that sinks to a leaf.
    climbs, sinks = (10 * n + 1, -1) if descending else (-1, 10 * n + 1)
    for op, value in [(PUSH, climbs), (POP, None), (REPLACE, sinks), (PUSHPOP, sinks)]:
        counter = ComparisonCounter()
        heap = counted_heap(family, values, counter)
        args = () if value is None else (Counted(value, counter),)
        impl(names[op])(heap, *args)
        assert counter.total <= op_bound(n), (names[op], counter.total, op_bound(n))
        assert is_heap(plain(heap))


# ---------------------------------------------------------------------------
# Reference only: our bounds are CPython's, exact to the comparison.
# ---------------------------------------------------------------------------


@pytest.mark.reference_only
@pytest.mark.parametrize("family", ["min", "max"])
@given(values=st.lists(st.integers(), max_size=200))
def test_heapify_makes_at_most_2_n_minus_popcount_comparisons_all_less_than(impl, family, values):
    # Node i costs at most 2*height(i) comparisons (one per level on the way
    # down, one per level back up); the heights of a heap of n nodes sum to
    # n - popcount(n), so the total is at most 2*(n - popcount(n)) <= 2n.
    heapify = impl(FAMILIES[family][0][HEAPIFY])
    counter = ComparisonCounter()
    heap = counter.wrap(values)
    heapify(heap)
    n = len(values)
    assert counter.total <= 2 * (n - n.bit_count())
    assert set(counter.by_op) <= {"<"}


@pytest.mark.reference_only
@pytest.mark.parametrize("family", ["min", "max"])
@pytest.mark.parametrize("n", range(8))
def test_heapify_exact_bound_holds_for_every_permutation(impl, family, n):
    heapify = impl(FAMILIES[family][0][HEAPIFY])
    worst = max(heapify_count(heapify, list(p), family) for p in itertools.permutations(range(n)))
    assert worst <= 2 * (n - n.bit_count())


@pytest.mark.reference_only
@pytest.mark.parametrize("family", ["min", "max"])
@given(values=st.lists(st.integers(-50, 50), min_size=1, max_size=200), data=st.data())
def test_each_operation_stays_within_its_exact_bound(impl, family, values, data):
    names, _, is_heap, descending = FAMILIES[family]
    push, pop, replace, pushpop, _ = (impl(name) for name in names)
    n = len(values)
    item = data.draw(st.integers(-60, 60), label="item")

    def run(op: Callable[..., Any], value: int | None = None) -> int:
        counter = ComparisonCounter()
        heap = counted_heap(family, values, counter)
        op(heap, *(() if value is None else (Counted(value, counter),)))
        assert is_heap(plain(heap))
        return counter.total

    # push: the new leaf sits at depth floor(log2(n + 1)); one comparison per level,
    # and the bound is attained by an item that beats everything.
    assert run(push, item) <= floor_log2(n + 1)
    assert run(push, 10**6 if descending else -(10**6)) == floor_log2(n + 1)
    # pop: the walk to a leaf of the remaining n - 1 items and the climb back.
    assert run(pop) <= (2 * floor_log2(n - 1) if n > 1 else 0)
    # replace: the same on n items.
    assert run(replace, item) <= 2 * floor_log2(n)
    # pushpop: one comparison with the root, plus a replace if the item loses.
    assert run(pushpop, item) <= 1 + 2 * floor_log2(n)


# ---------------------------------------------------------------------------
# Errors and edge cases of the primitives: contract
# ---------------------------------------------------------------------------

ALL_PRIMITIVES = MIN_FAMILY + MAX_FAMILY
NOT_LISTS = [(3, 1, 2), deque([1, 2]), None, "abc", {1: 2}]


def primitive_args(name: str, heap: Any) -> tuple[Any, ...]:
    return (heap,) if name.startswith(("heappop", "heapify")) else (heap, 0)


@pytest.mark.contract
@pytest.mark.parametrize("name", ALL_PRIMITIVES)
@pytest.mark.parametrize("heap", NOT_LISTS, ids=lambda h: type(h).__name__)
def test_a_heap_that_is_not_a_list_raises_type_error(impl, name, heap):
    with pytest.raises(TypeError):
        impl(name)(*primitive_args(name, heap))


@pytest.mark.reference_only
@pytest.mark.parametrize("name", ALL_PRIMITIVES)
def test_the_type_error_says_heap_must_be_a_list(impl, name):
    for heap in NOT_LISTS:
        with pytest.raises(TypeError, match="heap must be a list"):
            impl(name)(*primitive_args(name, heap))


@pytest.mark.contract
def test_a_list_subclass_is_accepted_as_a_heap(impl):
    class Tracked(list):
        pass

    heap = Tracked([3, 1, 2])
    impl("heapify")(heap)
    impl("heappush")(heap, 0)
    assert [impl("heappop")(heap) for _ in range(4)] == [0, 1, 2, 3]


EMPTY_TOP = ["heappop", "heappop_max", "heapreplace", "heapreplace_max"]


@pytest.mark.contract
@pytest.mark.parametrize("name", EMPTY_TOP)
def test_taking_the_top_of_an_empty_heap_raises_index_error_like_cpython(impl, name):
    args = ([],) if "pop" in name else ([], 1)
    with pytest.raises(IndexError):
        impl(name)(*args)
    # CPython raises IndexError here too (C: "index out of range").
    oracle = min_family(C_HEAPQ).get(name) or max_family(C_HEAPQ)[name]
    with pytest.raises(IndexError):
        oracle(*args)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", EMPTY_TOP)
def test_the_index_error_says_index_out_of_range(impl, name):
    args = ([],) if "pop" in name else ([], 1)
    with pytest.raises(IndexError, match="index out of range"):
        impl(name)(*args)


@pytest.mark.contract
@pytest.mark.parametrize("family", ["min", "max"])
def test_items_need_only_define_less_than(impl, family):
    class OnlyLess:
        def __init__(self, v: int) -> None:
            self.v = v

        def __lt__(self, other: OnlyLess) -> bool:
            return self.v < other.v

    push, pop, replace, pushpop, heapify = (impl(name) for name in FAMILIES[family][0])
    heap = [OnlyLess(v) for v in [5, 3, 8, 1]]
    heapify(heap)
    push(heap, OnlyLess(4))
    pushpop(heap, OnlyLess(0))
    replace(heap, OnlyLess(6))
    out = [pop(heap).v for _ in range(len(heap))]
    assert out == sorted(out, reverse=FAMILIES[family][3])


# ---------------------------------------------------------------------------
# nsmallest / nlargest
# ---------------------------------------------------------------------------

SELECTORS = {"nsmallest": False, "nlargest": True}


@pytest.mark.parametrize("name", SELECTORS)
@given(keys=st.lists(small, max_size=40), data=st.data())
def test_selection_equals_stable_sorted_prefix_ties_in_input_order(impl, name, keys, data):
    # Items (key, position): with key=itemgetter(0) only the key decides, so
    # equal keys must come out in input order, exactly like the stable sorted.
    items = [(k, i) for i, k in enumerate(keys)]
    n = data.draw(st.integers(0, len(items) + 2), label="n")
    result = impl(name)(n, items, key=itemgetter(0))
    assert result == sorted(items, key=itemgetter(0), reverse=SELECTORS[name])[:n]


@pytest.mark.parametrize("name", SELECTORS)
@given(values=st.lists(small, max_size=40), n=st.integers(0, 45))
def test_selection_without_key_equals_stable_sorted_prefix(impl, name, values, n):
    # Tagged items compare by value only, so the tags reveal the order of ties.
    items = [Tagged(v, i) for i, v in enumerate(values)]
    expected = [x.tag for x in sorted(items, reverse=SELECTORS[name])[:n]]
    assert [x.tag for x in impl(name)(n, items)] == expected


@pytest.mark.parametrize(
    ("name", "n", "items", "key", "expected"),
    [
        ("nsmallest", 3, [7, 1, 8, 2, 8, 1], None, [1, 1, 2]),
        ("nlargest", 3, [7, 1, 8, 2, 8, 1], None, [8, 8, 7]),
        ("nsmallest", 2, ["bb", "a", "cc", "d"], len, ["a", "d"]),
        ("nlargest", 2, ["bb", "a", "cc", "d"], len, ["bb", "cc"]),
        ("nsmallest", 1, [4, 2, 9], None, [2]),
        ("nlargest", 1, [4, 2, 9], None, [9]),
        ("nsmallest", 0, [4, 2, 9], None, []),
        ("nlargest", 5, [4, 2, 9], None, [9, 4, 2]),
        ("nsmallest", 3, [], None, []),
    ],
)
def test_selection_examples(impl, name, n, items, key, expected):
    assert impl(name)(n, items, key=key) == expected


@pytest.mark.parametrize("name", SELECTORS)
def test_selection_does_not_mutate_its_input(impl, name):
    values = [5, 1, 4, 1, 5, 9, 2, 6]
    snapshot = list(values)
    assert impl(name)(3, values) == sorted(snapshot, reverse=SELECTORS[name])[:3]
    assert values == snapshot


@pytest.mark.contract
@pytest.mark.parametrize("name", SELECTORS)
@given(keys=st.lists(small, max_size=40), n=st.integers(-2, 42), use_key=st.booleans())
def test_selection_from_an_iterator_and_with_negative_n(impl, name, keys, n, use_key):
    # Any iterable, consumed once; n <= 0 gives [] (as in CPython).
    items = [(k, i) for i, k in enumerate(keys)]
    key = itemgetter(0) if use_key else None
    result = impl(name)(n, iter(items), key=key)
    assert result == sorted(items, key=key, reverse=SELECTORS[name])[: max(n, 0)]


@pytest.mark.contract
@pytest.mark.parametrize("name", SELECTORS)
def test_selection_reads_an_iterator_exactly_once(impl, name):
    stream = iter([3, 1, 2, 8, 0])
    assert impl(name)(2, stream) == sorted([3, 1, 2, 8, 0], reverse=SELECTORS[name])[:2]
    assert next(stream, "empty") == "empty"


@LIKE_CPYTHON
@pytest.mark.parametrize("name", SELECTORS)
@given(
    values=st.lists(small, max_size=40),
    n=st.integers(-1, 12),  # below and above len(values); n == 1 is a special case
    use_key=st.booleans(),
    as_iterator=st.booleans(),
)
@example(values=[3, 1, 2, 1], n=1, use_key=False, as_iterator=False)
@example(values=[3, 1, 2, 1], n=1, use_key=True, as_iterator=True)
def test_selection_makes_the_same_comparisons_as_cpython(
    impl, name, values, n, use_key, as_iterator
):
    runs = {}
    for label, func in [
        ("ours", impl(name)),
        *((label, getattr(m, name)) for label, m in ORACLE_MODULES.items()),
    ]:
        counter = ComparisonCounter()
        wrapped = counter.wrap(values)
        if use_key:
            # The items are positions and the key looks up a counted value, so
            # only keys are compared (and the same key object is returned for
            # the same item, keeping identities alike across implementations).
            items: list[Any] = list(range(len(values)))
            result = func(n, iter(items) if as_iterator else items, key=wrapped.__getitem__)
        else:
            result = func(n, iter(wrapped) if as_iterator else wrapped)
        runs[label] = (plain(result), dict(counter.by_op))
    for label, run in runs.items():
        assert run == runs["ours"], f"{label} differs from ours"


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("name", SELECTORS)
@pytest.mark.parametrize("n", [1, 3, 10])
def test_selection_of_a_few_from_many_costs_about_one_comparison_per_item(impl, name, n):
    # N items in random order: keeping the n best in a heap costs about N
    # comparisons, heapifying all of them and popping n about 2N; sorting all
    # of them costs N*log2(N) (12 N here).  The bound is 3N.
    size = 4096
    values = random.Random(n).sample(range(10 * size), size)
    counter = ComparisonCounter()
    result = impl(name)(n, counter.wrap(values))
    assert plain(result) == sorted(values, reverse=SELECTORS[name])[:n]
    assert counter.total <= 3 * size, counter.by_op


@pytest.mark.contract
@pytest.mark.parametrize("name", SELECTORS)
@pytest.mark.parametrize(
    ("n", "iterable", "key"),
    [("2", [1, 2, 3], None), (2.0, [1, 2, 3], None), (2, 5, None), (2, [1, 2, 3], 3)],
    ids=["n str", "n float", "not iterable", "key 3"],
)
def test_selection_rejects_bad_arguments(impl, name, n, iterable, key):
    with pytest.raises(TypeError):
        impl(name)(n, iterable, key=key)


@pytest.mark.reference_only
@pytest.mark.parametrize("name", SELECTORS)
def test_selection_error_messages_name_the_argument(impl, name):
    func = impl(name)
    with pytest.raises(TypeError, match="n must be an integer"):
        func("2", [1, 2, 3])
    with pytest.raises(TypeError, match="n must be an integer"):
        func(2.0, [1, 2, 3])
    with pytest.raises(TypeError, match="iterable must be iterable"):
        func(2, 5)
    with pytest.raises(TypeError, match="key must be a callable"):
        func(2, [1, 2, 3], key=3)
    # Even when nothing would call it, a bad key is reported.
    with pytest.raises(TypeError, match="key"):
        func(2, [], key="len")


# ---------------------------------------------------------------------------
# merge
# ---------------------------------------------------------------------------


@st.composite
def sorted_runs(draw: Any, reverse: bool) -> list[list[tuple[int, int]]]:
    """Up to 5 runs of (key, tag) items, each sorted by key; tags are unique."""
    lengths = draw(st.lists(st.integers(0, 8), max_size=5))
    tags = itertools.count()
    return [
        sorted(
            ((k, next(tags)) for k in draw(st.lists(small, min_size=m, max_size=m))),
            key=itemgetter(0),
            reverse=reverse,
        )
        for m in lengths
    ]


@given(data=st.data(), reverse=st.booleans())
def test_merge_equals_stable_sort_of_the_concatenation(impl, data, reverse):
    runs = data.draw(sorted_runs(reverse), label="runs")
    merged = list(impl("merge")(*runs, key=itemgetter(0), reverse=reverse))
    # sorted is stable: equal keys keep the order of the concatenation, i.e.
    # earlier inputs first, which is what merge promises.
    assert merged == sorted(itertools.chain(*runs), key=itemgetter(0), reverse=reverse)


@given(runs=st.lists(st.lists(st.integers(-20, 20)), max_size=5), reverse=st.booleans())
def test_merge_without_key_equals_sorted(impl, runs, reverse):
    runs = [sorted(r, reverse=reverse) for r in runs]
    snapshot = [list(r) for r in runs]
    assert list(impl("merge")(*runs, reverse=reverse)) == sorted(
        itertools.chain(*runs), reverse=reverse
    )
    assert runs == snapshot  # the inputs are only read


@given(data=st.data(), reverse=st.booleans())
def test_merge_without_key_keeps_equal_items_in_input_order(impl, data, reverse):
    runs = data.draw(sorted_runs(reverse), label="runs")
    runs = [[Tagged(k, t) for k, t in run] for run in runs]
    merged = list(impl("merge")(*runs, reverse=reverse))
    expected = sorted(itertools.chain(*runs), reverse=reverse)
    assert [x.tag for x in merged] == [x.tag for x in expected]


@given(data=st.data(), reverse=st.booleans())
def test_merge_of_generators(impl, data, reverse):
    runs = data.draw(sorted_runs(reverse), label="runs")
    merged = list(impl("merge")(*(iter(run) for run in runs), key=itemgetter(0), reverse=reverse))
    assert merged == sorted(itertools.chain(*runs), key=itemgetter(0), reverse=reverse)


def endless(start: int, step: int, limit: int = 100_000) -> Iterator[int]:
    """start, start + step, ... -- endless for a lazy merge, which reads a few items.

    A merge that reads everything first (sorted(chain(...))) would never stop;
    after ``limit`` items this one fails instead of exhausting the memory.
    """
    for i in range(limit):
        yield start + i * step
    raise AssertionError(f"read more than {limit} items of an endless input: merge must be lazy")


def test_merge_is_lazy_and_handles_endless_inputs(impl):
    merged = impl("merge")(endless(0, 2), endless(1, 2))
    assert list(itertools.islice(merged, 20)) == list(range(20))
    merged = impl("merge")(endless(10, -3), [9, 8, 2], reverse=True)
    assert list(itertools.islice(merged, 6)) == [10, 9, 8, 7, 4, 2]


def test_merge_of_nothing_and_of_empty_inputs(impl):
    assert list(impl("merge")()) == []
    assert list(impl("merge")([], [], [])) == []
    assert list(impl("merge")([], [1, 2], [])) == [1, 2]


@pytest.mark.contract
def test_merge_reads_nothing_before_the_first_next(impl):
    pulled = []
    source = (pulled.append(x) or x for x in [1, 2, 3])
    merged = impl("merge")(source, [0])
    assert pulled == []
    assert next(merged) == 0
    assert list(merged) == [1, 2, 3]


@LIKE_CPYTHON
@given(data=st.data(), reverse=st.booleans(), use_key=st.booleans())
def test_merge_makes_the_same_comparisons_as_cpython(impl, data, reverse, use_key):
    runs = data.draw(sorted_runs(reverse), label="runs")
    outcomes = {}
    for label, merge in [
        ("ours", impl("merge")),
        *((label, m.merge) for label, m in ORACLE_MODULES.items()),
    ]:
        counter = ComparisonCounter()
        wrapped = [[(Counted(k, counter), t) for k, t in run] for run in runs]
        if use_key:
            out = list(merge(*wrapped, key=itemgetter(0), reverse=reverse))
        else:
            out = list(merge(*wrapped, reverse=reverse))
        outcomes[label] = (plain(out), dict(counter.by_op))
    for label, outcome in outcomes.items():
        assert outcome == outcomes["ours"], f"{label} differs from ours"


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("k", [2, 16, 64])
def test_merge_costs_a_logarithm_of_the_number_of_inputs_per_item(impl, k):
    # A heap of one entry per input costs at most a few log2(k) comparisons per
    # item; scanning every input's head for the smallest costs k - 1.
    rng = random.Random(k)
    runs = [sorted(rng.sample(range(10**6), 20)) for _ in range(k)]
    counter = ComparisonCounter()
    merged = list(impl("merge")(*(counter.wrap(run) for run in runs)))
    assert plain(merged) == sorted(itertools.chain(*runs))
    total = 20 * k
    assert counter.total <= total * (4 * math.log2(k) + 2), counter.by_op


@pytest.mark.contract
def test_merge_rejects_bad_arguments_at_call_time(impl):
    with pytest.raises(TypeError):
        impl("merge")([1], 2)
    with pytest.raises(TypeError):
        impl("merge")([1], [2], key=1)


@pytest.mark.reference_only
def test_merge_error_messages_name_the_argument(impl):
    with pytest.raises(TypeError, match=r"iterables\[1\] must be iterable"):
        impl("merge")([1], 2)
    with pytest.raises(TypeError, match="key must be a callable"):
        impl("merge")([1], [2], key=1)


# ---------------------------------------------------------------------------
# heapsort
# ---------------------------------------------------------------------------


@given(values=st.lists(st.integers(), unique=True, max_size=60), reverse=st.booleans())
def test_heapsort_equals_sorted_when_keys_are_distinct(impl, values, reverse):
    snapshot = list(values)
    assert impl("heapsort")(values, reverse=reverse) == sorted(values, reverse=reverse)
    assert values == snapshot  # the input is never mutated


@given(keys=st.lists(small, max_size=60), reverse=st.booleans())
def test_heapsort_with_ties_orders_keys_and_keeps_every_item(impl, keys, reverse):
    # Heapsort is not stable, so among equal keys any order is allowed: the
    # keys must be in sorted order and the items a permutation of the input.
    items = [(k, i) for i, k in enumerate(keys)]
    result = impl("heapsort")(items, key=itemgetter(0), reverse=reverse)
    assert [k for k, _ in result] == sorted(keys, reverse=reverse)
    assert sorted(result) == sorted(items)


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        (([5, 2, 9, 1],), {}, [1, 2, 5, 9]),
        (([5, 2, 9, 1],), {"reverse": True}, [9, 5, 2, 1]),
        ((["bb", "a", "ccc"],), {"key": len, "reverse": True}, ["ccc", "bb", "a"]),
        (([],), {}, []),
        (([3],), {}, [3]),
        (([2, 2, 1, 2],), {}, [1, 2, 2, 2]),
    ],
)
def test_heapsort_examples(impl, args, kwargs, expected):
    assert impl("heapsort")(*args, **kwargs) == expected


def heapsort_count(impl: Callable[[str], Any], values: list[int], reverse: bool) -> int:
    # Items are positions 0..n-1 and the key looks up a counted value, so only
    # keys are compared (and a result that ignores the key is wrong).
    counter = ComparisonCounter()
    keys = counter.wrap(values)
    result = impl("heapsort")(list(range(len(values))), key=keys.__getitem__, reverse=reverse)
    assert [values[i] for i in result] == sorted(values, reverse=reverse)
    assert sorted(result) == list(range(len(values)))
    return counter.total


def heapsort_bound(n: int) -> float:
    # heapify (2n) then n - 1 re-sifts of at most a few log2(n) comparisons each.
    return 3 * n * math.log2(n) + 2 * n if n > 1 else 0


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@given(values=st.lists(st.integers(-30, 30), max_size=120), reverse=st.booleans())
def test_heapsort_stays_within_its_n_log_n_bound(impl, values, reverse):
    assert heapsort_count(impl, values, reverse) <= heapsort_bound(len(values))


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("order", ["increasing", "decreasing", "random"])
@pytest.mark.parametrize("reverse", [False, True])
def test_heapsort_stays_within_its_n_log_n_bound_on_large_inputs(impl, order, reverse):
    n = 2000
    values = {
        "increasing": list(range(n)),
        "decreasing": list(range(n, 0, -1)),
        "random": random.Random(n).sample(range(10 * n), n),
    }[order]
    assert heapsort_count(impl, values, reverse) <= heapsort_bound(n)


@pytest.mark.reference_only
@given(values=st.lists(st.integers(-30, 30), max_size=120), reverse=st.booleans())
def test_heapsort_makes_at_most_floyds_number_of_comparisons_on_keys_only(impl, values, reverse):
    # Items are bare objects (not comparable at all); only their keys are.
    counter = ComparisonCounter()
    keys = counter.wrap(values)
    items = [object() for _ in values]
    key_of = {id(item): k for item, k in zip(items, keys, strict=True)}
    result = impl("heapsort")(items, key=lambda item: key_of[id(item)], reverse=reverse)
    assert [key_of[id(x)].value for x in result] == sorted(values, reverse=reverse)
    n = len(values)
    # heapify <= 2n, then each of the n - 1 extractions re-sifts a heap of
    # m = n-1, ..., 1 items bottom-up: at most 2*floor(log2(m)) comparisons.
    assert counter.total <= 2 * n + 2 * sum(floor_log2(m) for m in range(1, n))
    assert set(counter.by_op) <= {"<"}


@pytest.mark.contract
@given(keys=st.lists(small, max_size=30), reverse=st.booleans())
def test_heapsort_compares_only_keys_and_takes_any_iterable(impl, keys, reverse):
    # The items themselves are not comparable: only their keys may be compared.
    items = [object() for _ in keys]
    key_of = {id(item): k for item, k in zip(items, keys, strict=True)}
    result = impl("heapsort")(iter(items), key=lambda item: key_of[id(item)], reverse=reverse)
    assert [key_of[id(x)] for x in result] == sorted(keys, reverse=reverse)
    assert impl("heapsort")("heap") == ["a", "e", "h", "p"]
    assert impl("heapsort")(x for x in (3, 1, 2)) == [1, 2, 3]


@pytest.mark.contract
def test_heapsort_rejects_bad_arguments(impl):
    with pytest.raises(TypeError):
        impl("heapsort")(42)
    with pytest.raises(TypeError):
        impl("heapsort")([3, 1], key=5)
    with pytest.raises(TypeError):
        impl("heapsort")([3, 1], len)  # key is keyword-only


@pytest.mark.reference_only
def test_heapsort_error_messages_name_the_argument(impl):
    with pytest.raises(TypeError, match="iterable must be iterable"):
        impl("heapsort")(42)
    with pytest.raises(TypeError, match="key must be a callable"):
        impl("heapsort")([3, 1], key=5)
