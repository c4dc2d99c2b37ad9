"""The small framework every benchmark module uses.

A benchmark is a function ``bench(quick: bool) -> list[Row]`` registered with
``@benchmark("name")`` in a module ``benchmarks/bench_<topic>.py``.  Each
:class:`Row` times *our* code and *one peer* on the same input, in the same
process, best of several repeats; ``run.py`` prints the rows, writes JSON and
draws one log-log scaling plot per benchmark.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

REGISTRY: dict[str, Callable[[bool], list[Row]]] = {}


@dataclass
class Row:
    """One measurement: ours against one peer on one input.

    ``speedup = peer_s / ours_s`` is our throughput relative to the peer's:
    above 1 we are faster.
    """

    benchmark: str
    case: str  # a series in the plot, e.g. "heappush"
    size: int  # the x axis of the scaling plot
    ours_s: float
    peer: str
    peer_s: float
    note: str = ""

    @property
    def speedup(self) -> float:
        return self.peer_s / self.ours_s if self.ours_s > 0 else float("inf")

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "speedup": self.speedup}


def benchmark(name: str) -> Callable[[Callable[[bool], list[Row]]], Callable[[bool], list[Row]]]:
    """Register ``bench(quick)`` under ``name``."""

    def register(fn: Callable[[bool], list[Row]]) -> Callable[[bool], list[Row]]:
        if name in REGISTRY:
            raise ValueError(f"benchmark {name!r} registered twice")
        REGISTRY[name] = fn
        return fn

    return register


def best_of(
    fn: Callable[[], Any], *, repeat: int = 5, setup: Callable[[], Any] | None = None
) -> float:
    """Smallest wall time of ``repeat`` calls of ``fn()`` (seconds).

    ``setup`` (untimed) runs before each call and its result, if not None, is
    passed to ``fn`` — use it to rebuild an input that ``fn`` consumes.
    The minimum is the least noisy estimate of the cost on an idle machine.
    """
    best = float("inf")
    for _ in range(repeat):
        arg = setup() if setup is not None else None
        gc.collect()
        start = time.perf_counter()
        if arg is None:
            fn()
        else:
            fn(arg)
        best = min(best, time.perf_counter() - start)
    return best
