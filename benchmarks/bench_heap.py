"""``heap``: our pure-Python heap against CPython's ``heapq``, pure and C.

Three cases on random ints, each at three sizes:

* ``heappush``: push n items, one at a time, onto an empty list;
* ``heappop``: pop every item of a heap of n;
* ``heapify``: heapify a list of n.

Peers: ``Lib/heapq.py`` with the C accelerator hidden (the same algorithm in
pure Python: the fair comparison, where the goal is a speedup of at least
1.0) and the ordinary ``heapq`` (the C module ``_heapq``: the ratio shows what
the interpreter costs).  Both make exactly the same comparisons as ours (the
test suite checks it), so the times compare only the interpretive overhead.

Run: ``python benchmarks/run.py heap`` (``--quick`` for smaller sizes).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from types import ModuleType
from typing import Any

import algorithms.heap as ours
from benchmarks.harness import Row, benchmark, best_of
from tests.oracles_heap import C_HEAPQ, PURE_HEAPQ

PEERS: dict[str, ModuleType] = {"heapq (pure Python)": PURE_HEAPQ, "heapq (C)": C_HEAPQ}


def _push_all(module: Any, data: list[int]) -> Callable[[], None]:
    push = module.heappush

    def run() -> None:
        heap: list[int] = []
        for x in data:
            push(heap, x)

    return run


def _pop_all(module: Any, n: int) -> Callable[[list[int]], None]:
    pop = module.heappop

    def run(heap: list[int]) -> None:
        for _ in range(n):
            pop(heap)

    return run


def _heapify(module: Any) -> Callable[[list[int]], None]:
    return module.heapify


@benchmark("heap")
def bench(quick: bool) -> list[Row]:
    sizes = [10**2, 10**3, 10**4] if quick else [10**3, 10**4, 10**5]
    rounds = 5 if quick else 9
    rng = random.Random(20240601)
    rows: list[Row] = []
    for n in sizes:
        data = [rng.randrange(10**9) for _ in range(n)]
        heap = list(data)
        C_HEAPQ.heapify(heap)
        cases: dict[str, tuple[Callable[[Any], Callable[..., None]], Callable[[], Any] | None]] = {
            "heappush": (lambda m, data=data: _push_all(m, data), None),
            "heappop": (lambda m, n=n: _pop_all(m, n), lambda heap=heap: list(heap)),
            "heapify": (_heapify, lambda data=data: list(data)),
        }
        for case, (make, setup) in cases.items():
            contenders = {"ours": make(ours), **{p: make(m) for p, m in PEERS.items()}}
            best = dict.fromkeys(contenders, float("inf"))
            # Interleave the contenders round by round, so that a burst of load
            # on a shared machine hits all of them rather than one.
            for _ in range(rounds):
                for label, fn in contenders.items():
                    best[label] = min(best[label], best_of(fn, repeat=1, setup=setup))
            rows.extend(
                Row("heap", case, n, best["ours"], peer, best[peer], note="same comparisons")
                for peer in PEERS
            )
    return rows
