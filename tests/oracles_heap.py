"""Independent oracles for ``algorithms.heap``: CPython's own ``heapq``, twice over.

* ``C_HEAPQ`` is the ``heapq`` the interpreter imports (its core is the C
  module ``_heapq``).
* ``PURE_HEAPQ`` is ``Lib/heapq.py`` loaded a second time with ``_heapq``
  hidden, so every function is the pure-Python original.

Python 3.11 has no public max-heap functions, but both modules carry the
private pieces 3.14 made public (``_heapify_max``, ``_heappop_max``,
``_heapreplace_max``; the pure module also ``_siftdown_max``, ``_siftup_max``).
:func:`max_family` assembles the 3.14 API from them, following the 3.14
definitions: ``heappush_max`` appends and sifts the new leaf towards the root,
``heappushpop_max`` swaps ``item`` in only when it is smaller than the root.
"""

from __future__ import annotations

import heapq
import importlib.util
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

C_HEAPQ = heapq
MIN_FAMILY = ("heappush", "heappop", "heapreplace", "heappushpop", "heapify")
MAX_FAMILY = ("heappush_max", "heappop_max", "heapreplace_max", "heappushpop_max", "heapify_max")


def load_pure_heapq() -> ModuleType:
    """A fresh copy of ``Lib/heapq.py`` that does not use the C accelerator."""
    missing = object()
    saved = sys.modules.get("_heapq", missing)
    sys.modules["_heapq"] = None  # type: ignore[assignment]  # makes `from _heapq import *` fail
    try:
        spec = importlib.util.spec_from_file_location("_pure_heapq", C_HEAPQ.__file__)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        if saved is missing:
            del sys.modules["_heapq"]
        else:
            sys.modules["_heapq"] = saved
    # If the accelerator had leaked in, heappush would be a builtin, not a function.
    assert type(module.heappush).__name__ == "function", "pure heapq still uses _heapq"
    return module


PURE_HEAPQ = load_pure_heapq()


def min_family(module: ModuleType) -> dict[str, Callable[..., Any]]:
    """The min-heap primitives of a ``heapq`` module, by name."""
    return {name: getattr(module, name) for name in MIN_FAMILY}


def max_family(module: ModuleType) -> dict[str, Callable[..., Any]]:
    """The Python 3.14 max-heap primitives, built from ``module``'s private helpers."""
    if all(hasattr(module, name) for name in MAX_FAMILY):  # running on 3.14+
        return {name: getattr(module, name) for name in MAX_FAMILY}
    # _siftdown_max/_siftup_max exist only in Python in either module; take
    # them from the pure copy so the C module's oracle stays as C as it can be.
    siftdown_max = PURE_HEAPQ._siftdown_max
    siftup_max = PURE_HEAPQ._siftup_max

    def heappush_max(heap: list[Any], item: Any) -> None:
        heap.append(item)
        siftdown_max(heap, 0, len(heap) - 1)

    def heappushpop_max(heap: list[Any], item: Any) -> Any:
        if heap and item < heap[0]:
            item, heap[0] = heap[0], item
            siftup_max(heap, 0)
        return item

    return {
        "heappush_max": heappush_max,
        "heappop_max": module._heappop_max,
        "heapreplace_max": module._heapreplace_max,
        "heappushpop_max": heappushpop_max,
        "heapify_max": module._heapify_max,
    }


def is_min_heap(a: list[Any]) -> bool:
    """The invariant, checked node by node: no child is smaller than its parent."""
    return all(not a[i] < a[(i - 1) // 2] for i in range(1, len(a)))


def is_max_heap(a: list[Any]) -> bool:
    """No child is larger than its parent."""
    return all(not a[(i - 1) // 2] < a[i] for i in range(1, len(a)))
