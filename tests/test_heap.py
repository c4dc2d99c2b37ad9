"""Property tests for ``algorithms.heap``.

Oracles (see ``tests/oracles_heap.py``): CPython's ``heapq`` twice over, the C
accelerated module and ``Lib/heapq.py`` loaded without it; for the max-heap
family, the 3.14 API rebuilt from 3.11's private max-heap helpers.  Beside
them, semantic oracles that do not share the algorithm at all: the heap
invariant checked node by node, ``sorted`` (stable, so it also fixes the order
of ties), and comparison bounds derived from the tree's shape.

Items are wrapped in :class:`tests.counting.Counted`, so every test that
compares with ``heapq`` also compares the *number of comparisons*, operator by
operator (``<`` for the items, and ``==`` too when the items are tuples,
because tuple comparison first looks for the first unequal position).
"""

from __future__ import annotations

import itertools
import math
from collections import deque
from collections.abc import Callable
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


@dataclass(order=True, frozen=True)
class Tagged:
    """An item ordered by ``value`` alone: equal items stay distinguishable by ``tag``."""

    value: int
    tag: int = field(compare=False)


# ---------------------------------------------------------------------------
# Lockstep: ours, C heapq and pure-Python heapq run the same operations.
# ---------------------------------------------------------------------------


class HeapLockstep(RuleBasedStateMachine):
    """Random operation sequences applied to every implementation in lockstep.

    After every operation: the lists are identical, the returned values are
    identical, the per-operator comparison tallies are identical, and our list
    satisfies the heap invariant; popping a copy of it empties it in sorted
    order.  Subclasses set ``impls`` (label -> the five primitives, "ours"
    first), ``is_heap`` and ``descending``.
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
            except IndexError as exc:
                if label == "ours":
                    assert "index out of range" in str(exc)
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


# ---------------------------------------------------------------------------
# Comparison bounds, from the shape of the tree alone.
# ---------------------------------------------------------------------------


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("family", ["min", "max"])
@given(values=st.lists(st.integers(), max_size=200))
def test_heapify_makes_at_most_2n_comparisons(impl, family, values):
    # Node i costs at most 2*height(i) comparisons (one per level on the way
    # down, one per level back up); the heights of a heap of n nodes sum to
    # n - popcount(n), so the total is at most 2*(n - popcount(n)) <= 2n.
    heapify = impl(FAMILIES[family][0][HEAPIFY])
    counter = ComparisonCounter()
    heap = counter.wrap(values)
    heapify(heap)
    n = len(values)
    assert counter.total <= 2 * (n - n.bit_count()) <= 2 * n
    assert set(counter.by_op) <= {"<"}
    assert FAMILIES[family][2](plain(heap))


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("family", ["min", "max"])
@pytest.mark.parametrize("n", range(8))
def test_heapify_bound_holds_for_every_permutation(impl, family, n):
    # Exhaustive for small n: the worst case over all n! orders, not a sample.
    heapify = impl(FAMILIES[family][0][HEAPIFY])
    counter = ComparisonCounter()
    worst = 0
    for perm in itertools.permutations(range(n)):
        heap = counter.wrap(perm)
        counter.reset()
        heapify(heap)
        worst = max(worst, counter.total)
        assert FAMILIES[family][2](plain(heap))
    assert worst <= 2 * (n - n.bit_count())


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@pytest.mark.parametrize("family", ["min", "max"])
@given(values=st.lists(st.integers(-50, 50), min_size=1, max_size=200), data=st.data())
def test_each_operation_stays_within_its_logarithmic_bound(impl, family, values, data):
    names, _, is_heap, descending = FAMILIES[family]
    push, pop, replace, pushpop, heapify = (impl(name) for name in names)
    counter = ComparisonCounter()
    heap = counter.wrap(values)
    heapify(heap)
    n = len(heap)
    item = data.draw(st.integers(-60, 60), label="item")

    # push: the new leaf sits at depth floor(log2(n + 1)); one comparison per level.
    trial = list(heap)
    counter.reset()
    push(trial, Counted(item, counter))
    assert counter.total <= floor_log2(n + 1)
    # ... and the bound is attained by an item that beats everything.
    trial = list(heap)
    counter.reset()
    push(trial, Counted(10**6 if descending else -(10**6), counter))
    assert counter.total == floor_log2(n + 1)

    # pop: the walk to a leaf of the remaining n - 1 items and the climb back.
    trial = list(heap)
    counter.reset()
    pop(trial)
    assert counter.total <= (2 * floor_log2(n - 1) if n > 1 else 0)

    # replace: the same on n items.
    trial = list(heap)
    counter.reset()
    replace(trial, Counted(item, counter))
    assert counter.total <= 2 * floor_log2(n)

    # pushpop: one comparison with the root, plus a replace if the item loses.
    trial = list(heap)
    counter.reset()
    pushpop(trial, Counted(item, counter))
    assert counter.total <= 1 + 2 * floor_log2(n)
    assert is_heap(plain(trial))


# ---------------------------------------------------------------------------
# Errors and edge cases of the primitives
# ---------------------------------------------------------------------------

ALL_PRIMITIVES = MIN_FAMILY + MAX_FAMILY
NOT_LISTS = [(3, 1, 2), deque([1, 2]), None, "abc", {1: 2}]


@pytest.mark.parametrize("name", ALL_PRIMITIVES)
@pytest.mark.parametrize("heap", NOT_LISTS, ids=lambda h: type(h).__name__)
def test_a_heap_that_is_not_a_list_raises_type_error_naming_heap(impl, name, heap):
    func = impl(name)
    args = (heap,) if name.startswith(("heappop", "heapify")) else (heap, 0)
    with pytest.raises(TypeError, match="heap must be a list"):
        func(*args)


def test_a_list_subclass_is_accepted_as_a_heap(impl):
    class Tracked(list):
        pass

    heap = Tracked([3, 1, 2])
    impl("heapify")(heap)
    impl("heappush")(heap, 0)
    assert [impl("heappop")(heap) for _ in range(4)] == [0, 1, 2, 3]


@pytest.mark.parametrize("name", ["heappop", "heappop_max", "heapreplace", "heapreplace_max"])
def test_taking_the_top_of_an_empty_heap_raises_index_error_like_cpython(impl, name):
    func = impl(name)
    args = ([],) if "pop" in name else ([], 1)
    with pytest.raises(IndexError, match="index out of range"):
        func(*args)
    # CPython raises IndexError here too (C: "index out of range").
    oracle = min_family(C_HEAPQ).get(name) or max_family(C_HEAPQ)[name]
    with pytest.raises(IndexError):
        oracle(*args)


@pytest.mark.parametrize("name", ["heappushpop", "heappushpop_max"])
def test_pushpop_on_an_empty_heap_returns_the_item_and_leaves_it_empty(impl, name):
    heap: list[int] = []
    assert impl(name)(heap, 7) == 7
    assert heap == []


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
    n = data.draw(st.integers(-2, len(items) + 2), label="n")
    as_iterator = data.draw(st.booleans(), label="as_iterator")
    source = iter(items) if as_iterator else items
    result = impl(name)(n, source, key=itemgetter(0))
    assert result == sorted(items, key=itemgetter(0), reverse=SELECTORS[name])[: max(n, 0)]


@pytest.mark.parametrize("name", SELECTORS)
@given(values=st.lists(small, max_size=40), n=st.integers(-2, 45))
def test_selection_without_key_equals_stable_sorted_prefix(impl, name, values, n):
    # Tagged items compare by value only, so the tags reveal the order of ties.
    items = [Tagged(v, i) for i, v in enumerate(values)]
    expected = [x.tag for x in sorted(items, reverse=SELECTORS[name])[: max(n, 0)]]
    assert [x.tag for x in impl(name)(n, items)] == expected
    assert [x.tag for x in impl(name)(n, iter(items))] == expected


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


@pytest.mark.parametrize("name", SELECTORS)
def test_selection_does_not_mutate_its_input_or_read_past_n(impl, name):
    values = [5, 1, 4, 1, 5, 9, 2, 6]
    snapshot = list(values)
    impl(name)(3, values)
    assert values == snapshot
    # An infinite stream with n >= 2 keeps only n items, so it must read all
    # of it; with a finite prefix we can check it reads exactly the input.
    stream = iter([3, 1, 2, 8, 0])
    assert impl(name)(2, stream) == sorted([3, 1, 2, 8, 0], reverse=SELECTORS[name])[:2]
    assert next(stream, "empty") == "empty"


@pytest.mark.parametrize("name", SELECTORS)
def test_selection_rejects_bad_arguments(impl, name):
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
    assert func(0, [1, 2]) == [] and func(-3, [1, 2]) == []


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


def test_merge_is_lazy_and_handles_infinite_inputs(impl):
    evens, odds = itertools.count(0, 2), itertools.count(1, 2)
    assert list(itertools.islice(impl("merge")(evens, odds), 20)) == list(range(20))
    # Nothing is read before the first next().
    pulled = []
    source = (pulled.append(x) or x for x in [1, 2, 3])
    merged = impl("merge")(source, [0])
    assert pulled == []
    assert next(merged) == 0
    assert list(merged) == [1, 2, 3]


def test_merge_rejects_bad_arguments_at_call_time(impl):
    with pytest.raises(TypeError, match=r"iterables\[1\] must be iterable"):
        impl("merge")([1], 2)
    with pytest.raises(TypeError, match="key must be a callable"):
        impl("merge")([1], [2], key=1)
    assert list(impl("merge")()) == []


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
    result = impl("heapsort")(iter(items), key=itemgetter(0), reverse=reverse)
    assert [k for k, _ in result] == sorted(keys, reverse=reverse)
    assert sorted(result) == sorted(items)


@pytest.mark.complexity  # the judge reports a failure here as TOO SLOW
@given(values=st.lists(st.integers(-30, 30), max_size=120), reverse=st.booleans())
def test_heapsort_compares_only_keys_within_its_n_log_n_bound(impl, values, reverse):
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
    bound = 2 * n + 2 * sum(floor_log2(m) for m in range(1, n))
    assert counter.total <= bound
    assert n < 2 or counter.total <= 2 * n * math.log2(n) + 2 * n


def test_heapsort_rejects_bad_arguments(impl):
    with pytest.raises(TypeError, match="iterable must be iterable"):
        impl("heapsort")(42)
    with pytest.raises(TypeError, match="key must be a callable"):
        impl("heapsort")([3, 1], key=5)
    with pytest.raises(TypeError):
        impl("heapsort")([3, 1], len)  # key is keyword-only
    assert impl("heapsort")([]) == []
    assert impl("heapsort")("heap") == ["a", "e", "h", "p"]
