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


def race(
    contenders: dict[str, Callable[[], Any]], rounds: int, *, settle_s: float = 0.0
) -> dict[str, float]:
    """Best time of each contender, interleaving them round by round.

    Interleaving spreads slow phases of a shared machine over all contenders
    instead of charging them to whichever ran then.  ``settle_s`` pauses before
    each timed call, for contenders that leave worker threads spinning (Numba's
    and OpenBLAS's pools spin for up to ~0.1 s and steal the next one's CPU).
    """
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for label, fn in contenders.items():
            if settle_s:
                time.sleep(settle_s)
            best[label] = min(best[label], best_of(fn, repeat=1))
    return best


def cupy_or_none() -> Any:
    """The ``cupy`` module when a real NVIDIA GPU and CuPy are both present, else None."""
    from gpu.backend import has_real_gpu

    if not has_real_gpu():
        return None
    try:
        import cupy
    except ImportError:
        return None
    return cupy


def gpu_time(fn: Callable[[], Any], synchronize: Callable[[], Any], rounds: int) -> float:
    """Best wall time of ``fn`` on the GPU, with ``synchronize()`` before and after.

    Kernel launches return at once; only a synchronisation makes the wall time
    cover the work (``cupy.cuda.Device().synchronize``, ``torch.cuda.synchronize``).
    """

    def timed() -> None:
        fn()
        synchronize()

    synchronize()
    return best_of(timed, repeat=rounds)
