"""What a judged test asked for and what the learner's functions did.

Each judged test gets a :class:`TestRecord`.  The ``impl`` lookup notes every
exercise the test asks for, and hands out the learner's function wrapped in a
:class:`JudgedFunction`, which remembers the last call: the arguments as they
were *before* the call (copied, so a solution that sorts its input in place is
still shown with the input it was given), and what came back or was raised.
When a test fails, that last call is the shrunk counterexample, shown as
``input: ... got: ...``.
"""

from __future__ import annotations

import inspect
import operator
import reprlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from practice.exercises import EXERCISE_MODULES, reference
from practice.judge.learner import Learner


@dataclass
class Call:
    """One call of a learner's function."""

    name: str
    function: Callable[..., Any]
    args: tuple[Any, ...]  # as passed (the objects themselves)
    kwargs: dict[str, Any]
    before: tuple[tuple[Any, ...], dict[str, Any]]  # shallow copies taken before the call
    returned: bool = False
    result: Any = None
    raised: BaseException | None = None

    def describe_input(self) -> str:
        """``name(param=value, ...)`` with the arguments as they were passed in."""
        args, kwargs = self.before
        try:
            bound = inspect.signature(self.function).bind(*args, **kwargs)
            parts = [f"{k}={show(v)}" for k, v in bound.arguments.items()]
        except (TypeError, ValueError):  # no signature, or the call did not fit it
            parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs.items()]
        return f"{self.name}({', '.join(parts)})"

    def mutations(self) -> list[tuple[str, Any, Any]]:
        """The positional arguments the call changed in place: (name, before, object now)."""
        try:
            bound = inspect.signature(self.function).bind(*self.args, **self.kwargs)
            names = list(bound.arguments)
        except (TypeError, ValueError):
            names = [f"argument {i + 1}" for i in range(len(self.args))]
        return [
            (label, then, now)
            for label, now, then in zip(names, self.args, self.before[0], strict=False)
            if now is not then and _changed(then, now)
        ]


@dataclass
class TestRecord:
    """What one judged test asked for; filled in while the test runs."""

    nodeid: str
    hint: frozenset[str]  # exercises the test's code names (static guess, for -k and fallback)
    tier: str = "core"  # core, complexity or contract (reference-only tests never run here)
    label: str | None = None  # the name of a contract check shown as yes/no on the row
    learner_names: list[str] = field(default_factory=list)  # learner functions handed out
    absent_names: list[str] = field(default_factory=list)  # asked for, not attempted
    not_attempted_skip: str | None = None  # the absent exercise that made the test skip
    last_call: Call | None = None
    comparisons: list[tuple[str, Any, Any]] = field(default_factory=list)  # failed asserts


class Recorder:
    """The learner-side ``impl`` lookup, recording into the current test's record."""

    def __init__(self, learner: Learner) -> None:
        self.learner = learner
        self.current: TestRecord | None = None
        self.timed_out: set[str] = set()  # exercises that already ran out of time once
        self._wrapped: dict[str, JudgedFunction] = {}

    def __repr__(self) -> str:  # how Hypothesis shows the impl argument of a falsifying example
        return f"<impl: {self.learner.display}>"

    def __call__(self, name: str) -> Callable[..., Any]:
        """``impl(name)`` under ``--solutions``.

        The learner's function when the file defines it.  Otherwise, inside a
        test that also judges a learner function (``heappush`` judged with the
        reference ``heappop``), the reference; else the test is skipped as not
        attempted.
        """
        record = self.current
        function = self.learner.function(name)
        if function is not None:
            if name in self.timed_out:
                # One time-out decides TOO SLOW; an endless loop need not cost
                # the time limit again in each of the exercise's tests.
                pytest.skip(f"not judged: {name} already ran out of time in another test")
            if record is not None and name not in record.learner_names:
                record.learner_names.append(name)
            if name not in self._wrapped:
                self._wrapped[name] = JudgedFunction(name, function, self)
            return self._wrapped[name]
        if record is None:
            return reference(name)
        if name not in record.absent_names:
            record.absent_names.append(name)
        if record.learner_names or any(self.learner.function(n) for n in record.hint):
            return reference(name)  # KeyError for a name the registry lacks, as without the judge
        record.not_attempted_skip = name
        pytest.skip(f"not attempted: {name} ({self.learner.why_not_attempted(name)})")


class JudgedFunction:
    """A learner's function that records its last call in the current test."""

    def __init__(self, name: str, function: Callable[..., Any], recorder: Recorder) -> None:
        self.__name__ = self.__qualname__ = name
        self.__doc__ = getattr(function, "__doc__", None)
        self.__wrapped__ = function  # inspect.signature() sees the learner's parameters
        self._function = function
        self._recorder = recorder

    def __repr__(self) -> str:
        return f"<your {self.__name__}>"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        call = Call(
            self.__name__,
            self._function,
            args,
            kwargs,
            (tuple(_copy(a) for a in args), {k: _copy(v) for k, v in kwargs.items()}),
        )
        record = self._recorder.current
        if record is not None:
            record.last_call = call
        try:
            result = self._function(*args, **kwargs)
        except BaseException as exc:
            call.raised = exc
            raise
        call.returned, call.result = True, result
        return result


def exercise_hints(item: pytest.Item, vocabulary: set[str]) -> frozenset[str]:
    """The exercises a test names in its code or parameters (a static guess).

    Parametrised names are exact (``[max_sliding_window]``); otherwise string
    constants in the test function, then module-level constants it uses (a
    ``FAMILIES`` table listing ``heappush``, ...).
    """
    found: set[str] = set()
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        for value in callspec.params.values():
            _collect(value, vocabulary, found, depth=3)
        if found:
            return frozenset(found)
    function = getattr(item, "function", None)
    function = getattr(getattr(function, "hypothesis", None), "inner_test", function)
    if function is None:
        return frozenset()
    function = inspect.unwrap(function)
    code = getattr(function, "__code__", None)
    if code is None:
        return frozenset()
    namespace = getattr(function, "__globals__", {})
    codes, seen = [code], {code}
    while codes:
        current = codes.pop()
        # pytest's assertion rewriting stores local variable names as string constants
        # (`heapify = impl(...)` would look like a mention of the exercise heapify).
        local_names = set(current.co_varnames)
        for const in current.co_consts:
            if isinstance(const, str) and const in vocabulary and const not in local_names:
                found.add(const)
            elif inspect.iscode(const) and const not in seen:
                seen.add(const)
                codes.append(const)
        # Helpers of the same test module it calls (`make(impl, ...)` builds the model).
        for name in current.co_names:
            helper = getattr(namespace.get(name), "__code__", None)
            if helper is not None and helper.co_filename == code.co_filename and helper not in seen:
                seen.add(helper)
                codes.append(helper)
    if not found:
        for name in code.co_names:
            value = namespace.get(name)
            if isinstance(value, str | list | tuple | dict | set | frozenset):
                _collect(value, vocabulary, found, depth=3)
    return frozenset(found)


def registry_names() -> set[str]:
    return set(EXERCISE_MODULES)


def _collect(value: Any, vocabulary: set[str], found: set[str], depth: int) -> None:
    if isinstance(value, str):
        if value in vocabulary:
            found.add(value)
    elif depth > 0 and isinstance(value, list | tuple | set | frozenset):
        for v in value:
            _collect(v, vocabulary, found, depth - 1)
    elif depth > 0 and isinstance(value, dict):
        for k, v in value.items():
            _collect(k, vocabulary, found, depth - 1)
            _collect(v, vocabulary, found, depth - 1)


# ---------------------------------------------------------------------------
# Copies before the call, and showing values


def _copy(value: Any) -> Any:
    """A shallow copy of a mutable container (to show the input as it was), else itself."""
    if type(value) in (list, dict, bytearray):
        return type(value)(value)
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray) and value.size <= 100_000:
        return value.copy()
    return value


def _changed(before: Any, after: Any) -> bool:
    """Whether a container changed, by identity of its items: ``==`` on the items
    would count as comparisons on the suite's comparison-counting values."""
    if isinstance(before, list | bytearray):
        return len(before) != len(after) or not all(map(operator.is_, before, after))
    if isinstance(before, dict):
        return before.keys() != after.keys() or any(before[k] is not after[k] for k in before)
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(before, numpy.ndarray) and before.dtype != object:
        try:
            return not numpy.array_equal(before, after, equal_nan=before.dtype.kind in "fc")
        except (TypeError, ValueError):
            return False
    return False


class _Show(reprlib.Repr):
    """``repr`` with long containers cut short and counted values shown plainly."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = self.maxdeque = 24
        self.maxdict = 12
        self.maxlevel = 4
        self.maxstring = 80
        self.maxother = 120
        self.maxlong = 60

    # reprlib dispatches on the type's name: the suite's comparison-counting
    # wrapper (tests/counting.py) is shown as the value it wraps.
    def repr_Counted(self, value: Any, level: int) -> str:
        return self.repr1(value.value, level)

    def repr_ndarray(self, value: Any, level: int) -> str:
        import numpy

        with numpy.printoptions(threshold=24, edgeitems=4, precision=6):
            text = numpy.array_repr(value, max_line_width=10_000)
        return " ".join(text.split())

    def repr_instance(self, value: Any, level: int) -> str:
        try:
            text = repr(value)
        except Exception as exc:
            return f"<{type(value).__name__} whose repr raised {type(exc).__name__}>"
        text = " ".join(text.split())
        if len(text) > self.maxother:
            text = text[: self.maxother - 3] + "..."
        return text


_show = _Show()


def show(value: Any) -> str:
    """A one-line, bounded repr of ``value`` for the verdict table."""
    try:
        return _show.repr(value)
    except Exception as exc:  # a learner's object whose repr fails
        return f"<{type(value).__name__} whose repr raised {type(exc).__name__}>"
