"""Values that count the comparisons made on them.

Complexity is part of correctness: wrapping every element in :class:`Counted`
lets a test check *deterministically* that an algorithm stays within its
comparison bound (e.g. a sliding-window maximum makes at most ``2n``: the
judge's ``complexity`` tier), and that our heap makes exactly the comparisons
CPython's ``heapq`` makes (a ``contract`` check: "step for step like CPython").
Every ordering operator is tallied, so a solution that compares with ``>`` or
``<=`` is counted as fairly as one that uses ``<``.
"""

from __future__ import annotations

from collections import Counter as _Tally
from functools import total_ordering
from typing import Any


class ComparisonCounter:
    """Tally of rich comparisons, by operator name (``'<'``, ``'<='``, ...)."""

    def __init__(self) -> None:
        self.by_op: _Tally[str] = _Tally()

    @property
    def total(self) -> int:
        """All ordering comparisons (``<``, ``<=``, ``>``, ``>=``); equality excluded."""
        return sum(n for op, n in self.by_op.items() if op not in ("==", "!="))

    def reset(self) -> None:
        self.by_op.clear()

    def wrap(self, values: Any) -> list[Counted]:
        """Wrap each value of an iterable, all sharing this counter."""
        return [Counted(v, self) for v in values]


@total_ordering
class Counted:
    """A value that reports each comparison made on it to a :class:`ComparisonCounter`."""

    __slots__ = ("counter", "value")

    def __init__(self, value: Any, counter: ComparisonCounter) -> None:
        self.value = value
        self.counter = counter

    def _other(self, other: Any) -> Any:
        return other.value if isinstance(other, Counted) else other

    def __lt__(self, other: Any) -> bool:
        self.counter.by_op["<"] += 1
        return self.value < self._other(other)

    def __le__(self, other: Any) -> bool:
        self.counter.by_op["<="] += 1
        return self.value <= self._other(other)

    def __gt__(self, other: Any) -> bool:
        self.counter.by_op[">"] += 1
        return self.value > self._other(other)

    def __ge__(self, other: Any) -> bool:
        self.counter.by_op[">="] += 1
        return self.value >= self._other(other)

    def __eq__(self, other: Any) -> bool:
        self.counter.by_op["=="] += 1
        return self.value == self._other(other)

    def __ne__(self, other: Any) -> bool:
        self.counter.by_op["!="] += 1
        return self.value != self._other(other)

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:
        return f"Counted({self.value!r})"


def unwrap(values: Any) -> list[Any]:
    """The plain values of a list of :class:`Counted`."""
    return [v.value if isinstance(v, Counted) else v for v in values]
